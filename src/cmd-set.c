/* cmd-set: change one entry (agency, item) of a year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "text.h"
#include "util.h"

static int
set_status(const char *s, enum score_status *out)
{
	int	rc = status_parse(s, out);

	if (rc != 0)
		cmd_error(TR("unknown status \"%s\" (scored, not_arising, not_assigned, not_done, or empty; or không phát sinh, không giao, không thực hiện)"), s);
	return rc;
}

/* --X N, --X-input T and --X-status S of one side into a change. */
static int
set_side(const char *side, const char *num, const char *input,
    const char *status, struct app_side_change *c, struct entry_inputs *in)
{
	char	*cause = NULL;

	if (status != NULL) {
		if (set_status(status, &c->status) != 0)
			return EXIT_USAGE;
		c->set |= APP_SET_STATUS;
	}
	if (input != NULL) {
		if (entry_inputs_parse(input, in, &cause) != 0) {
			cmd_error(TR("%s input: %s"), side, cause);
			free(cause);
			return EXIT_DATAERR;
		}
		c->inputs = in;
		c->set |= APP_SET_INPUTS;
	}
	if (num != NULL) {
		if (util_parse_cp(num, &c->points, &cause) != 0) {
			cmd_error("--%s: %s", side, cause);
			free(cause);
			return EXIT_DATAERR;
		}
		c->set |= APP_SET_POINTS;
	}
	return EXIT_OK;
}

static int
set_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_SELF = 256, O_APPR, O_STATUS, O_SSTATUS, O_ASTATUS, O_SIN,
	    O_AIN, O_EVID, O_CLEAR, O_NOTE, O_EXPL, O_REASON, O_ANA, O_NOANA,
	    O_SANA, O_AANA, O_FIRST, O_FSTATUS, O_FIN, O_NOFIRST, O_DISPUTE };
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
		{ "analogy", required_argument, NULL, O_ANA },
		{ "no-analogy", no_argument, NULL, O_NOANA },
		{ "self-analogy", required_argument, NULL, O_SANA },
		{ "appraised-analogy", required_argument, NULL, O_AANA },
		{ "first", required_argument, NULL, O_FIRST },
		{ "first-status", required_argument, NULL, O_FSTATUS },
		{ "first-input", required_argument, NULL, O_FIN },
		{ "no-first", no_argument, NULL, O_NOFIRST },
		{ "dispute", required_argument, NULL, O_DISPUTE },
		{ NULL, 0, NULL, 0 }
	};
	const char		*self = NULL, *appr = NULL, *status = NULL;
	const char		*sst = NULL, *ast = NULL, *sin = NULL;
	const char		*ain = NULL, *note = NULL, *expl = NULL;
	const char		*reason = NULL, *ana = NULL, *sana = NULL;
	const char		*aana = NULL, *first = NULL, *fst = NULL;
	const char		*fin = NULL, *dispute = NULL;
	struct strbuf		 ev;
	struct store		*st;
	struct app_year		*y;
	struct app_agency	*a;
	struct app_change	 ch;
	struct entry_inputs	 in[3];
	struct entry_evidence	*list = NULL, *all = NULL;
	size_t			 nlist = 0;
	const struct form_item	*it;
	char			*cause = NULL;
	int			 c, code, rc, clear = 0, changed = 0;
	int			 noana = 0, nofirst = 0, on_self, on_appr;
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
		case O_ANA: ana = optarg; break;
		case O_NOANA: noana = 1; break;
		case O_SANA: sana = optarg; break;
		case O_AANA: aana = optarg; break;
		case O_FIRST: first = optarg; break;
		case O_FSTATUS: fst = optarg; break;
		case O_FIN: fin = optarg; break;
		case O_NOFIRST: nofirst = 1; break;
		case O_DISPUTE: dispute = optarg; break;
		default:
			strbuf_clear(&ev);
			return cmd_usage(&cmd_set);
		}
	}
	if (optind + 3 != argc || !changed) {
		strbuf_clear(&ev);
		if (optind + 3 == argc)
			cmd_error(TR("nothing to set"));
		return cmd_usage(&cmd_set);
	}
	/* --analogy and --no-analogy name the sides given (--no-analogy
	 * alone: both); an analogy is never empty. */
	on_self = self != NULL || sin != NULL || sst != NULL;
	on_appr = appr != NULL || ain != NULL || ast != NULL;
	if (ana != NULL && !on_self && !on_appr) {
		strbuf_clear(&ev);
		cmd_error(TR("--analogy: say which side it marks (with --self, --appraised or their -status or -input; or use --self-analogy or --appraised-analogy)"));
		return EXIT_USAGE;
	}
	if ((ana != NULL && *ana == '\0') || (sana != NULL && *sana ==
	    '\0') || (aana != NULL && *aana == '\0')) {
		strbuf_clear(&ev);
		cmd_error(TR("an analogy needs the description of the similar task (to unmark it: --no-analogy)"));
		return EXIT_USAGE;
	}
	if (noana && (ana != NULL || sana != NULL || aana != NULL)) {
		strbuf_clear(&ev);
		cmd_error(TR("--no-analogy with an analogy: give one of them"));
		return EXIT_USAGE;
	}
	if (nofirst && (first != NULL || fst != NULL || fin != NULL ||
	    dispute != NULL)) {
		strbuf_clear(&ev);
		cmd_error(TR("--no-first with a first-round value: give one of them"));
		return EXIT_USAGE;
	}
	if (ana != NULL || noana) {
		if (on_self || (noana && !on_appr))
			sana = noana ? "" : ana;
		if (on_appr || (noana && !on_self))
			aana = noana ? "" : ana;
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
	memset(&ch, 0, sizeof ch);
	memset(in, 0, sizeof in);
	ch.agency = argv[optind + 1];
	ch.side[SIDE_SELF].analogy = sana;
	ch.side[SIDE_APPRAISED].analogy = aana;
	ch.dispute = dispute;
	if (nofirst) {
		ch.first.set = APP_SET_STATUS;
		ch.first.status = STATUS_EMPTY;
		ch.dispute = "";
	}
	ch.item = argv[optind + 2];
	if ((code = set_side("self", self, sin, sst, &ch.side[SIDE_SELF],
	    &in[0])) != EXIT_OK || (code = set_side("appraised", appr, ain,
	    ast, &ch.side[SIDE_APPRAISED], &in[1])) != EXIT_OK ||
	    (code = set_side("first", first, fin, fst, &ch.first, &in[2])) !=
	    EXIT_OK) {
		entry_inputs_clear(&in[0]);
		entry_inputs_clear(&in[1]);
		entry_inputs_clear(&in[2]);
		strbuf_clear(&ev);
		return code;
	}
	if ((code = cmd_load_for(ctx, argv[optind], ch.agency, &st, &y)) !=
	    EXIT_OK)
		goto out;
	if ((a = app_find_agency(y, ch.agency)) == NULL) {
		cmd_error(TR("unknown agency \"%s\" in year %d"), ch.agency,
		    y->year);
		code = EXIT_DATAERR;
		goto out;
	}
	if ((k = form_item_index(a->form, ch.item)) < 0) {
		cmd_error(TR("unknown item \"%s\" in form %s"), ch.item,
		    a->form->id);
		code = EXIT_DATAERR;
		goto out;
	}
	it = &a->form->items[k];
	if ((rc = app_agency_entries(st, y, a, &cause)) != APP_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	/* --evidence adds to the list (after --clear-evidence empties it). */
	if (clear || ev.len > 0) {
		const struct entry_record	*e = &a->raw[k];
		size_t				 i;

		if (entry_evidence_parse(ev.s, clear ? 1 : e->nevidence + 1,
		    &list, &nlist, &cause) != 0) {
			code = cmd_fail(APP_BADINPUT, cause);
			goto out;
		}
		ch.set_evidence = 1;
		ch.nevidence = (clear ? 0 : e->nevidence) + nlist;
		all = xcalloc(ch.nevidence + 1, sizeof *all);
		for (i = 0; !clear && i < e->nevidence; i++)
			all[i] = e->evidence[i];
		memcpy(all + (clear ? 0 : e->nevidence), list,
		    nlist * sizeof *list);
		ch.evidence = all;
	}
	ch.note = note;
	ch.explanation = expl;
	ch.reason = reason;
	if ((rc = app_edit(st, y, &ch, NULL, &cause)) != APP_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	{
		const struct score_totals *t = &a->appraised, *s = &a->self;
		char			 b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];
		char			 b3[UTIL_CP_BUFSZ], b4[UTIL_CP_BUFSZ];

		printf(TR("%s %s stored; %s: self %s%% (rank %zu), appraised %s/%s = %s%% (rank %zu)\n"), a->ag->code, it->code,
		    a->ag->code, util_format_cp2(s->rate, util_msg_mark(), b1),
		    a->rank_self, util_format_cp(t->total, util_msg_mark(), b2),
		    util_format_cp(t->max, util_msg_mark(), b3),
		    util_format_cp2(t->rate, util_msg_mark(), b4), a->rank_appraised);
	}
out:
	free(all);
	entry_evidence_free(list, nlist);
	entry_inputs_clear(&in[0]);
	entry_inputs_clear(&in[1]);
	entry_inputs_clear(&in[2]);
	strbuf_clear(&ev);
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_set = {
	.name = "set",
	.usage = N_("YEAR AGENCY ITEM [--self N] [--appraised N] [--status S] "
	    "[--self-input T] [--appraised-input T] [--evidence REF] "
	    "[--clear-evidence] [--note TEXT] [--explanation TEXT] "
	    "[--reason TEXT] [--analogy TEXT | --no-analogy] "
	    "[--self-analogy TEXT] [--appraised-analogy TEXT] [--first N] "
	    "[--first-status S] [--first-input T] [--dispute TEXT] "
	    "[--no-first]"),
	.help = N_("change one entry"),
	.run = set_run,
};
