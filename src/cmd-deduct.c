/* cmd-deduct: manual deduction lines of an agency. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

static void
deduct_list(const struct app_year *y, const char *agency)
{
	char	b[UTIL_CP_BUFSZ], *line;
	size_t	i, j;

	for (i = 0; i < y->nags; i++) {
		const struct app_agency	*a = &y->ags[i];

		if (agency != NULL && strcmp(a->ag->code, agency) != 0)
			continue;
		for (j = 0; j < a->nded; j++) {
			line = xasprintf("%ld\t%s\t-%s\t%s\t%s\n",
			    a->ded[j].id, a->ag->code,
			    util_format_cp(a->ded[j].points, '.', b),
			    a->ded[j].reason, a->ded[j].evidence != NULL ?
			    a->ded[j].evidence : "");
			cmd_print_safe(stdout, line);
			free(line);
		}
		if (a->advisory > 0) {
			line = xasprintf("-\t%s\t-%s\t%s\t\n", a->ag->code,
			    util_format_cp(a->advisory, '.', b),
			    TR("advisory deduction (computed from the province's results)"));
			cmd_print_safe(stdout, line);
			free(line);
		}
	}
}

static int
deduct_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_REASON = 256, O_EVID, O_REMOVE, O_LIST };
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, O_REASON },
		{ "evidence", required_argument, NULL, O_EVID },
		{ "remove", required_argument, NULL, O_REMOVE },
		{ "list", no_argument, NULL, O_LIST },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct app_year		*y;
	struct app_agency	*ag;
	const char		*reason = NULL, *evid = NULL;
	char			*cause = NULL, b[UTIL_CP_BUFSZ];
	int			 c, code, rc, list = 0, remove = 0;
	int64_t			 points;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_REASON: reason = optarg; break;
		case O_EVID: evid = optarg; break;
		case O_REMOVE:
			if (util_parse_uint(optarg, &remove) != 0 ||
			    remove == 0) {
				cmd_error(TR("--remove needs a line number"));
				return EXIT_USAGE;
			}
			break;
		case O_LIST: list = 1; break;
		default:
			return cmd_usage(&cmd_deduct);
		}
	}
	if (list || remove) {
		if (argc - optind < 1 || argc - optind > 2)
			return cmd_usage(&cmd_deduct);
	} else if (argc - optind != 3)
		return cmd_usage(&cmd_deduct);
	if ((code = (list ? cmd_load_read : cmd_load)(ctx, argv[optind], &st,
	    &y)) != EXIT_OK)
		return code;
	if (list) {
		deduct_list(y, optind + 1 < argc ? argv[optind + 1] : NULL);
		goto out;
	}
	if (remove) {
		ag = NULL;
		if (optind + 1 < argc && (ag = app_find_agency(y,
		    argv[optind + 1])) == NULL) {
			cmd_error(TR("unknown agency \"%s\" in year %d"),
			    argv[optind + 1], y->year);
			code = EXIT_DATAERR;
			goto out;
		}
		if ((rc = app_deduction_remove(st, y, ag, remove,
		    &cause)) != APP_OK)
			code = cmd_fail(rc, cause);
		else
			printf(TR("deduction %d removed\n"), remove);
		goto out;
	}
	if ((ag = app_find_agency(y, argv[optind + 1])) == NULL) {
		cmd_error(TR("unknown agency \"%s\" in year %d"), argv[optind + 1],
		    y->year);
		code = EXIT_DATAERR;
		goto out;
	}
	if (util_parse_cp(argv[optind + 2], &points, &cause) != 0) {
		code = cmd_fail(APP_BADINPUT, cause);
		goto out;
	}
	if (reason == NULL || *reason == '\0') {
		cmd_error(TR("a deduction needs --reason TEXT"));
		code = EXIT_USAGE;
		goto out;
	}
	if ((rc = app_deduction_add(st, y, ag, points, reason, evid,
	    &cause)) != APP_OK)
		code = cmd_fail(rc, cause);
	else
		printf(TR("deduction %ld: %s -%s (%s)\n"), ag->ded[ag->nded - 1].id,
		    ag->ag->code, util_format_cp(points, util_msg_mark(), b), reason);
out:
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_deduct = {
	.name = "deduct",
	.usage = N_("YEAR AGENCY POINTS --reason TEXT [--evidence REF] | "
	    "YEAR [AGENCY] --remove N | YEAR [AGENCY] --list"),
	.help = N_("add, remove or list manual deduction lines"),
	.run = deduct_run,
};
