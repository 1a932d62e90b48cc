/* cmd-export: the scores CSV of a year, one row per assigned entry. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "cmd-template.h"
#include "csvcols.h"
#include "report.h"
#include "util.h"

/* Is column c written? */
static int
export_has(const struct app_year *y, const struct tmpl_scope *tmpl, size_t c)
{
	if (c == COL_VERSION)
		return tmpl != NULL;
	if (c >= COL_FIRST_APPRAISED && c <= COL_DISPUTE)
		return y->rounds >= 2;
	return 1;
}

/* The rows of a year (one block, or all for NULL), or of a template's
 * scope with their versions, one agency's entries at a time. */
static int
export_rows(FILE *fp, struct store *st, struct app_year *y,
    const char *block, const struct tmpl_scope *tmpl)
{
	struct csv_cells	 cells;
	char			 ver[TMPL_VERSION_SZ];
	size_t			 i, j, c, last;

	/* The version column is a template's alone, the first round's
	 * columns a year of two rounds'. */
	for (c = last = 0; c < CSV_NCOLS; c++) {
		if (export_has(y, tmpl, c))
			last = c;
	}
	for (c = 0; c <= last; c++) {
		if (export_has(y, tmpl, c))
			report_csv_field(fp, csv_cols[c], c == last);
	}
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];
		char			*cause = NULL;
		int			 rc;

		if (block != NULL && strcmp(a->ag->block, block) != 0)
			continue;
		if (tmpl != NULL && tmpl->agency != NULL &&
		    strcmp(a->ag->code, tmpl->agency) != 0)
			continue;
		/* One agency's entries at a time: memory stays flat. */
		if ((rc = app_agency_entries(st, y, a, &cause)) != APP_OK) {
			cmd_error("%s", cause);
			free(cause);
			return -1;
		}
		for (j = 0; j < a->form->nitems; j++) {
			if (app_entry_skipped(a, j) || (tmpl != NULL &&
			    !tmpl_in_scope(y, tmpl, a, j)))
				continue;
			csv_cells_of(&cells, a, j);
			if (tmpl != NULL) {
				tmpl_version(tmpl, cells.v, ver);
				cells.v[COL_VERSION] = ver;
			}
			for (c = 0; c <= last; c++) {
				if (export_has(y, tmpl, c))
					report_csv_field(fp, cells.v[c],
					    c == last);
			}
			csv_cells_clear(&cells);
		}
		app_agency_release(y, a);
	}
	return ferror(fp) ? -1 : 0;
}

int
export_year(FILE *fp, struct store *st, struct app_year *y,
    const char *block)
{
	return export_rows(fp, st, y, block, NULL);
}

static int
export_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		TMPL_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct app_year		*y;
	struct tmpl_scope	 scope;
	struct tmpl_args	 ta = { NULL, NULL, NULL, NULL };
	const char		*out = NULL, *block;
	char			*tmp, *cause = NULL;
	FILE			*fp;
	int			 c, code, tmpl;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (!tmpl_arg(c, optarg, &ta))
			return cmd_usage(&cmd_export);
	}
	if (optind + 1 != argc)
		return cmd_usage(&cmd_export);
	block = ta.block;
	if (tmpl_scope_parse(&scope, &tmpl, &ta, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_usage(&cmd_export);
	}
	if ((code = cmd_load_read(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	if (block != NULL && agency_find_block(y->list, block) == NULL) {
		cmd_error(TR("unknown block \"%s\""), block);
		code = EXIT_USAGE;
	} else if (tmpl && tmpl_scope_check(y, &scope, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		code = EXIT_USAGE;
	} else if ((code = cmd_output_open(out, &fp, &tmp)) == EXIT_OK) {
		int	ok = export_rows(fp, st, y, block, tmpl ? &scope :
		    NULL) == 0;

		code = cmd_output_close(out, fp, tmp, ok);
		if (code == EXIT_OK && !ok)
			code = EXIT_IOERR;
	}
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_export = {
	.name = "export",
	.usage = N_("YEAR [-o FILE] [--block B] [--appraiser CODE | --agency CODE --side self|appraised]"),
	.help = N_("write the scores CSV (a blank template before scoring), or the template one appraiser or agency fills"),
	.run = export_run,
};
