/* cmd-set: change one entry (agency, item) of a year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* Replace *dst with a copy of src ("" clears it). */
static void
set_text(char **dst, const char *src)
{
	free(*dst);
	*dst = src != NULL && *src != '\0' ? xstrdup(src) : NULL;
}

static int
set_status(const char *s, enum status *out)
{
	int	rc = app_status_parse(s, out);

	if (rc != 0)
		cmd_error("unknown status \"%s\" (scored, not_arising, "
		    "not_assigned, not_done, or empty; or không phát sinh, "
		    "không giao, không thực hiện)", s);
	return rc;
}

/* Apply --X N, --X-input T, --X-status S to one side. */
static int
set_side(const struct item *it, const char *side, const char *num,
    const char *input, const char *status, struct mark *m, char **inputs)
{
	char	*cause = NULL;

	if (status != NULL && set_status(status, &m->status) != 0)
		return EXIT_USAGE;
	if (input != NULL) {
		if (app_rule_from_text(it, input, &m->points, &cause) != 0) {
			cmd_error("%s input: %s", side, cause);
			free(cause);
			return EXIT_DATAERR;
		}
		m->status = STATUS_SCORED;
		set_text(inputs, input);
	}
	if (num != NULL) {
		if (util_parse_cp(num, &m->points, &cause) != 0) {
			cmd_error("--%s: %s", side, cause);
			free(cause);
			return EXIT_DATAERR;
		}
		if (status == NULL)
			m->status = STATUS_SCORED;
		if (input == NULL)
			set_text(inputs, NULL);
	}
	return EXIT_OK;
}

static int
set_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_SELF = 256, O_APPR, O_STATUS, O_SSTATUS, O_ASTATUS, O_SIN,
	    O_AIN, O_EVID, O_CLEAR, O_NOTE, O_EXPL, O_REASON };
	static const struct option opts[] = {
		{ "self", required_argument, NULL, O_SELF },
		{ "appraised", required_argument, NULL, O_APPR },
		{ "status", required_argument, NULL, O_STATUS },
		{ "self-status", required_argument, NULL, O_SSTATUS },
		{ "appraised-status", required_argument, NULL, O_ASTATUS },
		{ "self-input", required_argument, NULL, O_SIN },
		{ "appraised-input", required_argument, NULL, O_AIN },
		{ "evidence", required_argument, NULL, O_EVID },
		{ "clear-evidence", no_argument, NULL, O_CLEAR },
		{ "note", required_argument, NULL, O_NOTE },
		{ "explanation", required_argument, NULL, O_EXPL },
		{ "reason", required_argument, NULL, O_REASON },
		{ NULL, 0, NULL, 0 }
	};
	const char		*self = NULL, *appr = NULL, *status = NULL;
	const char		*sst = NULL, *ast = NULL, *sin = NULL;
	const char		*ain = NULL, *note = NULL, *expl = NULL;
	const char		*reason = NULL;
	struct strbuf		 ev;
	struct store		*st;
	struct app_year		*y;
	struct app_agency	*a;
	struct store_entry	 e;
	const struct item	*it;
	char			*cause = NULL;
	int			 c, code, rc, clear = 0, changed = 0;
	long			 k;

	strbuf_init(&ev);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		changed = 1;
		switch (c) {
		case O_SELF: self = optarg; break;
		case O_APPR: appr = optarg; break;
		case O_STATUS: status = optarg; break;
		case O_SSTATUS: sst = optarg; break;
		case O_ASTATUS: ast = optarg; break;
		case O_SIN: sin = optarg; break;
		case O_AIN: ain = optarg; break;
		case O_EVID:
			strbuf_printf(&ev, "%s%s", ev.len ? ";" : "", optarg);
			break;
		case O_CLEAR: clear = 1; break;
		case O_NOTE: note = optarg; break;
		case O_EXPL: expl = optarg; break;
		case O_REASON: reason = optarg; break;
		default:
			strbuf_clear(&ev);
			return cmd_usage(&cmd_set);
		}
	}
	if (optind + 3 != argc || !changed) {
		strbuf_clear(&ev);
		if (optind + 3 == argc)
			cmd_error("nothing to set");
		return cmd_usage(&cmd_set);
	}
	/* --status names the sides given with a number, or both. */
	if (status != NULL) {
		int	both = self == NULL && appr == NULL && sin == NULL &&
			    ain == NULL;

		if (sst == NULL && (both || self != NULL || sin != NULL))
			sst = status;
		if (ast == NULL && (both || appr != NULL || ain != NULL))
			ast = status;
	}
	if ((code = cmd_load(ctx, argv[optind], &st, &y)) != EXIT_OK) {
		strbuf_clear(&ev);
		return code;
	}
	if ((a = app_find_agency(y, argv[optind + 1])) == NULL) {
		cmd_error("unknown agency \"%s\" in year %d", argv[optind + 1],
		    y->year);
		code = EXIT_DATAERR;
		goto out;
	}
	if ((k = form_item_index(a->form, argv[optind + 2])) < 0) {
		cmd_error("unknown item \"%s\" in form %s", argv[optind + 2],
		    a->form->id);
		code = EXIT_DATAERR;
		goto out;
	}
	it = &a->form->items[k];
	store_entry_copy(&e, &a->raw[k]);
	if ((code = set_side(it, "self", self, sin, sst, &e.self,
	    &e.self_inputs)) != EXIT_OK ||
	    (code = set_side(it, "appraised", appr, ain, ast, &e.appraised,
	    &e.appraised_inputs)) != EXIT_OK) {
		store_entry_clear(&e);
		goto out;
	}
	if (clear || ev.len > 0) {
		struct store_evidence	*list;
		size_t			 n;

		if (app_parse_evidence(ev.s, &list, &n, &cause) != 0) {
			code = cmd_fail(APP_BADINPUT, cause);
			store_entry_clear(&e);
			goto out;
		}
		if (clear) {
			store_evidence_free(e.evidence, e.nevidence);
			e.evidence = NULL;
			e.nevidence = 0;
		}
		e.evidence = xreallocarray(e.evidence, e.nevidence + n + 1,
		    sizeof *e.evidence);
		memcpy(e.evidence + e.nevidence, list, n * sizeof *list);
		e.nevidence += n;
		free(list);
	}
	if (note != NULL)
		set_text(&e.note, note);
	if (expl != NULL)
		set_text(&e.explanation, expl);
	if (reason != NULL)
		set_text(&e.reason, reason);
	rc = app_put_entry(st, y, &e, 0, &cause);
	store_entry_clear(&e);
	if (rc != STORE_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	{
		const struct totals	*t = &a->appraised, *s = &a->self;
		char			 b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];
		char			 b3[UTIL_CP_BUFSZ], b4[UTIL_CP_BUFSZ];

		printf("%s %s stored; %s: self %s%% (rank %zu), appraised "
		    "%s/%s = %s%% (rank %zu)\n", a->ag->code, it->code,
		    a->ag->code, util_format_cp2(s->rate, '.', b1),
		    a->rank_self, util_format_cp(t->total, '.', b2),
		    util_format_cp(t->max, '.', b3),
		    util_format_cp2(t->rate, '.', b4), a->rank_appraised);
	}
out:
	strbuf_clear(&ev);
	app_year_free(y);
	store_close(st);
	return code;
}

const struct cmd cmd_set = {
	.name = "set",
	.usage = "YEAR AGENCY ITEM [--self N] [--appraised N] [--status S] "
	    "[--self-input T] [--appraised-input T] [--evidence REF] "
	    "[--clear-evidence] [--note TEXT] [--explanation TEXT] "
	    "[--reason TEXT]",
	.help = "change one entry",
	.run = set_run,
};
