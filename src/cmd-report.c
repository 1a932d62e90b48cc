/* cmd-report: the printed tables of a year, in text, CSV, XLSX or PDF. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "report.h"
#include "report-doc.h"
#include "util.h"

/* The format a file name asks for by its extension; -1 if none. */
static int
report_format_of(const char *path, enum report_format *fmt)
{
	const char	*dot;

	if (path == NULL || strcmp(path, "-") == 0 ||
	    (dot = strrchr(path, '.')) == NULL || strchr(dot, '/') != NULL)
		return -1;
	return report_format_parse(dot + 1, fmt);
}

int
cmd_report_parse(const struct cmd *self, int argc, char **argv,
    struct cmd_report_args *ra)
{
	enum { O_KIND = 256, O_BLOCK, O_AGENCY, O_FORMAT, O_SELF, O_WIDTH,
	    O_BOM, O_PRINTER, O_COPIES };
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, O_KIND },
		{ "block", required_argument, NULL, O_BLOCK },
		{ "agency", required_argument, NULL, O_AGENCY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "self", no_argument, NULL, O_SELF },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "bom", no_argument, NULL, O_BOM },
		{ "output", required_argument, NULL, 'o' },
		{ "printer", required_argument, NULL, O_PRINTER },
		{ "copies", required_argument, NULL, O_COPIES },
		{ NULL, 0, NULL, 0 }
	};
	const char	*format = NULL;
	int		 c, printing = self == &cmd_print;

	memset(ra, 0, sizeof *ra);
	ra->opts.kind = REPORT_RANKING;
	ra->opts.side = SIDE_APPRAISED;
	ra->width = 80;
	ra->copies = 1;
	while ((c = getopt_long(argc, argv, printing ? "" : "o:", opts,
	    NULL)) != -1) {
		switch (c) {
		case O_KIND:
			if (report_kind_parse(optarg, &ra->opts.kind) != 0) {
				cmd_error("unknown report kind \"%s\" (ranking, sheet, areas, compare)", optarg);
				return EXIT_USAGE;
			}
			break;
		case O_BLOCK: ra->opts.block = optarg; break;
		case O_AGENCY: ra->opts.agency = optarg; break;
		case O_FORMAT: format = optarg; break;
		case O_SELF: ra->opts.side = SIDE_SELF; break;
		case O_BOM: ra->bom = 1; break;
		case O_WIDTH:
			if (util_parse_uint(optarg, &ra->width) != 0 ||
			    ra->width < 60 || ra->width > 400) {
				cmd_error("--width: a number of columns, 60..400 (80 or 132)");
				return EXIT_USAGE;
			}
			ra->width_set = 1;
			break;
		case 'o':
			if (printing)
				return cmd_usage(self);
			ra->out = optarg;
			break;
		case O_PRINTER:
		case O_COPIES:
			if (!printing)
				return cmd_usage(self);
			if (c == O_PRINTER)
				ra->printer = optarg;
			else if (util_parse_uint(optarg, &ra->copies) != 0 ||
			    ra->copies < 1 || ra->copies > 999) {
				cmd_error("--copies: a number 1..999");
				return EXIT_USAGE;
			}
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(self);
	ra->year = argv[optind];
	if (printing)
		ra->fmt = REPORT_PDF;
	else if (format != NULL) {
		if (report_format_parse(format, &ra->fmt) != 0) {
			cmd_error("unknown format \"%s\" (text, csv, xlsx, pdf)", format);
			return EXIT_USAGE;
		}
	} else if (report_format_of(ra->out, &ra->fmt) != 0)
		ra->fmt = REPORT_TEXT;
	if (!ra->width_set && (ra->opts.kind == REPORT_AREAS ||
	    ra->opts.kind == REPORT_SHEET))
		ra->width = 132;
	if (ra->opts.kind == REPORT_SHEET && ra->opts.agency == NULL) {
		cmd_error("the sheet report needs --agency CODE or --agency all");
		return EXIT_USAGE;
	}
	if (ra->opts.kind != REPORT_SHEET && ra->opts.kind != REPORT_COMPARE &&
	    ra->opts.agency != NULL) {
		cmd_error("--agency belongs to the sheet and compare reports");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cmd_report_write(struct cmd_ctx *ctx, struct cmd_report_args *ra,
    const char *out)
{
	struct app_settings	 set;
	struct store		*st;
	struct app_year		*y;
	struct rdoc		*doc = NULL;
	char			*tmp, *cause = NULL;
	FILE			*fp;
	int			 code, rc, wr;

	if ((code = cmd_load_read(ctx, ra->year, &st, &y)) != EXIT_OK)
		return code;
	if ((rc = app_settings_load(st, y->year, &set, &cause)) != APP_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	ra->opts.settings = &set;
	/* The ranking's CSV stays the published table's plain columns. */
	if (!(ra->opts.kind == REPORT_RANKING && ra->fmt == REPORT_CSV) &&
	    (rc = report_build(st, y, &ra->opts, &doc, &cause)) != APP_OK) {
		code = rc == APP_BADINPUT || rc == APP_NOTFOUND ? EXIT_USAGE :
		    cmd_code(rc);
		cmd_error("%s", cause);
		free(cause);
		app_settings_clear(&set);
		goto out;
	}
	if ((code = cmd_output_open(out, &fp, &tmp)) == EXIT_OK) {
		FILE	*dst = fp, *mem = NULL;
		char	*buf = NULL;
		size_t	 len = 0;

		/* Text for a terminal goes through a buffer and has its
		 * controls escaped: no name from a file commands the
		 * terminal. */
		if ((ra->fmt == REPORT_TEXT || ra->fmt == REPORT_CSV) &&
		    isatty(fileno(fp)) && (mem = open_memstream(&buf,
		    &len)) != NULL)
			fp = mem;
		switch (ra->fmt) {
		case REPORT_TEXT:
			wr = report_write_text(fp, doc, ra->width);
			break;
		case REPORT_CSV:
			if (doc == NULL) {
				if (ra->bom)
					fputs("\xef\xbb\xbf", fp);
				wr = report_ranking(fp, y, ra->opts.block,
				    ra->opts.side, REPORT_CSV);
			} else
				wr = report_write_csv(fp, doc, ra->bom);
			break;
		case REPORT_XLSX:
			wr = report_write_xlsx(fp, doc, &cause);
			break;
		case REPORT_PDF:
		default:
			wr = report_write_pdf(fp, doc, &cause);
			break;
		}
		if (mem != NULL) {
			if (fclose(mem) == 0)
				cmd_print_safe(dst, buf);
			free(buf);
			fp = dst;
		}
		if (wr != 0 && cause != NULL) {
			cmd_error("%s", cause);
			free(cause);
		}
		code = cmd_output_close(out, fp, tmp, wr == 0);
		if (code == EXIT_OK && wr != 0)
			code = EXIT_IOERR;
	}
	app_settings_clear(&set);
out:
	rdoc_free(doc);
	app_year_free(y);
	app_close(st);
	return code;
}

static int
report_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_report_args	ra;
	int			code;

	if ((code = cmd_report_parse(&cmd_report, argc, argv, &ra)) !=
	    EXIT_OK)
		return code;
	return cmd_report_write(ctx, &ra, ra.out);
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = "YEAR [--kind ranking|sheet|areas|compare] [--block B] "
	    "[--agency CODE|all] [--self] [--format text|csv|xlsx|pdf] "
	    "[--width N] [--bom] [-o FILE]",
	.help = "print the decision's annex, score sheets, the area matrix "
	    "or the comparison",
	.run = report_run,
};
