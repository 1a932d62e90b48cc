/* cmd-report: the tables of a year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "report.h"

/* The ranking to fp; to a terminal through a buffer, its controls
 * escaped, so that no name from a file can command the terminal. */
static void
report_safe(FILE *fp, const struct app_year *y, const char *block,
    enum score_side side, enum report_format fmt)
{
	FILE	*mem;
	char	*buf = NULL;
	size_t	 len = 0;

	if (!isatty(fileno(fp)) || (mem = open_memstream(&buf, &len)) ==
	    NULL) {
		(void)report_ranking(fp, y, block, side, fmt);
		return;
	}
	(void)report_ranking(mem, y, block, side, fmt);
	if (fclose(mem) == 0)
		cmd_print_safe(fp, buf);
	free(buf);
}

static int
report_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { O_KIND = 256, O_BLOCK, O_AGENCY, O_FORMAT, O_SELF };
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, O_KIND },
		{ "block", required_argument, NULL, O_BLOCK },
		{ "agency", required_argument, NULL, O_AGENCY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "self", no_argument, NULL, O_SELF },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*kind = "ranking", *block = NULL, *out = NULL;
	const char		*format = "text";
	enum report_format	 fmt;
	enum score_side		 side = SIDE_APPRAISED;
	struct store		*st;
	struct app_year		*y;
	char			*tmp;
	FILE			*fp;
	int			 c, code;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case O_KIND: kind = optarg; break;
		case O_BLOCK: block = optarg; break;
		case O_AGENCY:
			cmd_error("--agency belongs to the sheet and compare reports, which are not built yet");
			return EXIT_USAGE;
		case O_FORMAT: format = optarg; break;
		case O_SELF: side = SIDE_SELF; break;
		case 'o': out = optarg; break;
		default:
			return cmd_usage(&cmd_report);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(&cmd_report);
	if (strcmp(kind, "ranking") != 0) {
		cmd_error("report kind \"%s\" is not built yet (ranking is)",
		    kind);
		return EXIT_USAGE;
	}
	if (strcmp(format, "text") == 0)
		fmt = REPORT_TEXT;
	else if (strcmp(format, "csv") == 0)
		fmt = REPORT_CSV;
	else {
		cmd_error("format \"%s\" is not built yet (text and csv are)",
		    format);
		return EXIT_USAGE;
	}
	if ((code = cmd_load_read(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	if (block != NULL && agency_find_block(y->list, block) == NULL) {
		cmd_error("unknown block \"%s\"", block);
		code = EXIT_USAGE;
	} else if ((code = cmd_output_open(out, &fp, &tmp)) == EXIT_OK) {
		report_safe(fp, y, block, side, fmt);
		code = cmd_output_close(out, fp, tmp, 1);
	}
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = "YEAR [--kind ranking] [--block B] [--self] "
	    "[--format text|csv] [-o FILE]",
	.help = "print the ranking tables",
	.run = report_run,
};
