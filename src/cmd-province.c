/* cmd-province: the Ministry's results for the province, per area. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

/* The areas of the province's index: those of the forms with an advisory
 * rule by area (the department form mirrors the provincial index), else
 * of every form of the year. */
static int
province_areas(const struct app_year *y)
{
	size_t	i, n = 0, all = 0;

	for (i = 0; i < y->nforms; i++) {
		const struct form	*f = y->forms[i];

		if (f->nareas > all)
			all = f->nareas;
		if (f->advisory.present && f->advisory.basis ==
		    FORM_BASIS_AREA && f->nareas > n)
			n = f->nareas;
	}
	return (int)(n > 0 ? n : all);
}

static int
province_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_AREA = 256, O_INDEX, O_RANK, O_PREV, O_LIST, O_OVERALL };
	static const struct option opts[] = {
		{ "area", required_argument, NULL, O_AREA },
		{ "overall", no_argument, NULL, O_OVERALL },
		{ "index", required_argument, NULL, O_INDEX },
		{ "rank", required_argument, NULL, O_RANK },
		{ "prev-rank", required_argument, NULL, O_PREV },
		{ "list", no_argument, NULL, O_LIST },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct app_year		*y;
	struct score_province	 p;
	char			*cause = NULL, b[UTIL_CP_BUFSZ];
	int			 c, code, rc, list = 0, overall = 0;
	size_t			 i;

	memset(&p, 0, sizeof p);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_AREA:
			if (util_parse_uint(optarg, &p.area) != 0 ||
			    p.area < 1 || p.area > 99) {
				cmd_error(TR("--area: an area number 1..99"));
				return EXIT_USAGE;
			}
			break;
		case O_INDEX:
			if (util_parse_cp(optarg, &p.index, &cause) != 0 ||
			    p.index < 0 || p.index > 10000) {
				cmd_error(TR("--index: a percentage 0..100 with at most two decimals"));
				free(cause);
				return EXIT_USAGE;
			}
			p.has_index = 1;
			break;
		case O_RANK:
		case O_PREV:
			if (util_parse_uint(optarg, c == O_RANK ? &p.rank :
			    &p.prev_rank) != 0 || (c == O_RANK ? p.rank :
			    p.prev_rank) < 1) {
				cmd_error(TR("--%s: a rank from 1"), c == O_RANK ?
				    "rank" : "prev-rank");
				return EXIT_USAGE;
			}
			break;
		case O_LIST: list = 1; break;
		case O_OVERALL: overall = 1; break;
		default:
			return cmd_usage(&cmd_province);
		}
	}
	if (overall && p.area != 0) {
		cmd_error(TR("--overall and --area: one or the other"));
		return EXIT_USAGE;
	}
	if (optind + 1 != argc || (!list && ((p.area == 0 && !overall) ||
	    !p.has_index)))
		return cmd_usage(&cmd_province);
	if ((code = cmd_load(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	if (!list && !overall && p.area > province_areas(y)) {
		cmd_error(TR("--area %d: the province's index has %d areas in the forms of year %d (1..%d); --overall for the whole index"), p.area, province_areas(y), y->year, province_areas(y));
		code = EXIT_USAGE;
		goto out;
	}
	if (list) {
		for (i = 0; i < y->nprov; i++) {
			if (y->prov[i].area == SCORE_OVERALL)
				fputs(TR("overall"), stdout);
			else
				printf(TR("area %d"), y->prov[i].area);
			printf(TR(": index %s%%"),
			    y->prov[i].has_index ? util_format_cp2(
			    y->prov[i].index, util_msg_mark(), b) : "?");
			if (y->prov[i].rank > 0)
				printf(TR(", rank %d"), y->prov[i].rank);
			if (y->prov[i].has_fall)
				printf(TR(", fell %d"), y->prov[i].fall);
			putchar('\n');
		}
		goto out;
	}
	if ((rc = app_province_put(st, y, &p, &cause)) != APP_OK)
		code = cmd_fail(rc, cause);
	else if (overall)
		printf(TR("year %d: province overall index %s%%\n"), y->year,
		    util_format_cp2(p.index, util_msg_mark(), b));
	else
		printf(TR("year %d: province area %d index %s%%\n"), y->year,
		    p.area, util_format_cp2(p.index, util_msg_mark(), b));
out:
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_province = {
	.name = "province",
	.usage = N_("YEAR --area N | --overall --index RATE [--rank N] "
	    "[--prev-rank N] | YEAR --list"),
	.help = N_("the Ministry's previous-year results for the province"),
	.run = province_run,
};
