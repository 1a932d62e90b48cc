/* cmd-report: the printed tables of a year, in text, CSV, XLSX or PDF. */
#include <errno.h>
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
	    O_PAGE_LENGTH, O_BOM, O_PRINTER, O_COPIES };
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, O_KIND },
		{ "block", required_argument, NULL, O_BLOCK },
		{ "agency", required_argument, NULL, O_AGENCY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "self", no_argument, NULL, O_SELF },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "page-length", required_argument, NULL, O_PAGE_LENGTH },
		{ "bom", no_argument, NULL, O_BOM },
		{ "output", required_argument, NULL, 'o' },
		{ "printer", required_argument, NULL, O_PRINTER },
		{ "copies", required_argument, NULL, O_COPIES },
		{ NULL, 0, NULL, 0 }
	};
	const char	*format = NULL;
	int		 c, printing = self == &cmd_print;

	memset(ra, 0, sizeof *ra);
	ra->printing = printing;
	ra->opts.kind = REPORT_RANKING;
	ra->opts.side = SIDE_APPRAISED;
	ra->width = 80;
	ra->copies = 1;
	while ((c = getopt_long(argc, argv, printing ? "" : "o:", opts,
	    NULL)) != -1) {
		switch (c) {
		case O_KIND:
			if (report_kind_parse(optarg, &ra->opts.kind) != 0) {
				cmd_error(TR("unknown report kind \"%s\" (ranking, sheet, areas, compare)"), optarg);
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
				cmd_error(TR("--width: a number of columns, 60..400 (80 or 132)"));
				return EXIT_USAGE;
			}
			ra->width_set = 1;
			break;
		case O_PAGE_LENGTH:
			if (printing)
				return cmd_usage(self);
			if (util_parse_uint(optarg, &ra->page_length) != 0 ||
			    (ra->page_length != 0 && (ra->page_length < 20 ||
			    ra->page_length > 1000))) {
				cmd_error(TR("--page-length: lines a page, 20..1000, or 0 for none"));
				return EXIT_USAGE;
			}
			ra->page_length_set = 1;
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
				cmd_error(TR("--copies: a number 1..999"));
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
			cmd_error(TR("unknown format \"%s\" (text, csv, xlsx, pdf)"), format);
			return EXIT_USAGE;
		}
	} else if (report_format_of(ra->out, &ra->fmt) != 0)
		ra->fmt = REPORT_TEXT;
	if (!ra->width_set)
		ra->width = report_default_width(ra->opts.kind);
	/* Text into a file is for paper, in pages; to the standard output,
	 * one run. */
	if (!ra->page_length_set && ra->out != NULL &&
	    strcmp(ra->out, "-") != 0)
		ra->page_length = REPORT_PAGE_LENGTH;
	if (ra->opts.kind == REPORT_SHEET && ra->opts.agency == NULL) {
		cmd_error(TR("the sheet report needs --agency CODE or --agency all"));
		return EXIT_USAGE;
	}
	if (ra->opts.kind != REPORT_SHEET && ra->opts.kind != REPORT_COMPARE &&
	    ra->opts.agency != NULL) {
		cmd_error(TR("--agency belongs to the sheet and compare reports"));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* What report_save writes: the document, or the published table. */
struct report_job {
	struct cmd_report_args	*ra;
	const struct app_year	*y;
	const struct rdoc	*doc;
	struct report_out	 out;
};

static int
report_job_write(FILE *fp, void *arg, char **cause)
{
	struct report_job	*j = arg;

	/* The ranking's CSV stays the published table's plain columns. */
	if (j->doc == NULL) {
		if (j->out.bom)
			fputs("\xef\xbb\xbf", fp);
		return report_ranking_csv(fp, j->y, j->ra->opts.block,
		    j->ra->opts.side);
	}
	return report_write(fp, j->doc, &j->out, cause);
}

/* The exit code of a report_rc. */
static int
report_code(int rc)
{
	switch (rc) {
	case REPORT_OK:
		return EXIT_OK;
	case REPORT_ECREATE:
		return EXIT_CANTCREAT;
	case REPORT_ENOPRINT:
	case REPORT_EPRINT:
	case REPORT_ENOMODULE:
		return EXIT_NOTTY;
	case REPORT_EIO:
	default:
		return EXIT_IOERR;
	}
}

/* Write the job to the standard output; text for a terminal goes
 * through a buffer and has its controls escaped: no name from a file
 * commands the terminal. */
static int
report_stdout(struct report_job *j)
{
	FILE	*fp = stdout, *mem = NULL;
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 0;
	int	 wr;

	if ((j->out.fmt == REPORT_TEXT || j->out.fmt == REPORT_CSV) &&
	    isatty(fileno(stdout)) && (mem = open_memstream(&buf,
	    &len)) != NULL)
		fp = mem;
	wr = report_job_write(fp, j, &cause);
	if (mem != NULL) {
		if (fclose(mem) == 0)
			cmd_print_safe(stdout, buf);
		free(buf);
	}
	if (wr != 0) {
		cmd_error("%s", cause != NULL ? cause : TR("writing failed"));
		free(cause);
		return EXIT_IOERR;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_error(TR("standard output: %s"), strerror(errno));
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

int
cmd_report_run(struct cmd_ctx *ctx, struct cmd_report_args *ra)
{
	struct report_print_opts po;
	struct report_job	 j;
	struct app_settings	 set;
	struct store		*st;
	struct app_year		*y;
	struct rdoc		*doc = NULL;
	char			*cause = NULL, *said = NULL;
	int			 code, rc;

	/* XLSX and PDF (a printer gets a PDF) need their module: say so
	 * before any work. */
	if ((rc = report_format_ready(ra->printing ? REPORT_PDF : ra->fmt,
	    &cause)) != REPORT_OK) {
		cmd_error("%s", cause);
		free(cause);
		return report_code(rc);
	}
	if ((code = cmd_load_read(ctx, ra->year, &st, &y)) != EXIT_OK)
		return code;
	if ((rc = app_settings_load(st, y->year, &set, &cause)) != APP_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	ra->opts.settings = &set;
	if (!(ra->opts.kind == REPORT_RANKING && ra->fmt == REPORT_CSV) &&
	    (rc = report_build(st, y, &ra->opts, &doc, &cause)) != APP_OK) {
		code = rc == APP_BADINPUT || rc == APP_NOTFOUND ? EXIT_USAGE :
		    cmd_code(rc);
		cmd_error("%s", cause);
		free(cause);
		app_settings_clear(&set);
		goto out;
	}
	memset(&j, 0, sizeof j);
	j.ra = ra;
	j.y = y;
	j.doc = doc;
	j.out.fmt = ra->fmt;
	j.out.width = ra->width;
	j.out.page_length = ra->page_length;
	j.out.bom = ra->bom;
	if (ra->printing) {
		memset(&po, 0, sizeof po);
		po.printer = ra->printer;
		po.copies = ra->copies;
		po.title = ra->year;
		rc = report_print(doc, &po, &said, &cause);
		/* lp's "request id is ...". */
		if (said != NULL && *said != '\0') {
			cmd_print_safe(stdout, said);
			putchar('\n');
		}
		free(said);
	} else if (ra->out == NULL || strcmp(ra->out, "-") == 0) {
		code = report_stdout(&j);
		rc = REPORT_OK;
	} else
		rc = report_save(ra->out, report_job_write, &j, &cause);
	if (rc != REPORT_OK) {
		cmd_error("%s", cause != NULL ? cause : TR("failed"));
		free(cause);
		code = report_code(rc);
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
	return cmd_report_run(ctx, &ra);
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = N_("YEAR [--kind ranking|sheet|areas|compare] [--block B] "
	    "[--agency CODE|all] [--self] [--format text|csv|xlsx|pdf] "
	    "[--width N] [--page-length N] [--bom] [-o FILE]"),
	.help = N_("print the decision's annex, score sheets, the area matrix "
	    "or the comparison"),
	.run = report_run,
};
