/* cmd-export: the scores CSV of a year, one row per assigned entry. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "csvcols.h"
#include "report.h"
#include "util.h"

static void
export_mark(const struct score_mark *m, char *points, const char **status)
{
	points[0] = '\0';
	*status = status_name(m->status);
	if (m->status == STATUS_SCORED) {
		util_format_cp(m->points, '.', points);
		*status = "";
	}
}

/* Both sides not assigned, as the agency's profile has it by default. */
static int
export_skipped(const struct app_agency *a, size_t i)
{
	struct entry_record	def;
	int			skip;

	app_default_entry(a, i, &def);
	skip = def.appraised.status == STATUS_NOT_ASSIGNED &&
	    a->raw[i].self.status == STATUS_NOT_ASSIGNED &&
	    a->raw[i].appraised.status == STATUS_NOT_ASSIGNED &&
	    (a->raw[i].reason == NULL || *a->raw[i].reason == '\0');
	entry_record_clear(&def);
	return skip;
}

int
export_year(FILE *fp, struct store *st, struct app_year *y,
    const char *block)
{
	char		 sp[UTIL_CP_BUFSZ], ap[UTIL_CP_BUFSZ], *ev, *si, *ai;
	char		 fp1[UTIL_CP_BUFSZ], *fi;
	const char	*ss, *as, *fs;
	size_t		 i, j, c, ncols = CSV_NCOLS;

	/* The first round's columns only in a year of two rounds. */
	if (y->rounds < 2)
		ncols -= CSV_NROUNDS;
	for (c = 0; c < ncols; c++)
		report_csv_field(fp, csv_cols[c], c + 1 == ncols);
	for (i = 0; i < y->nags; i++) {
		struct app_agency	*a = &y->ags[i];
		char			*cause = NULL;
		int			 rc;

		if (block != NULL && strcmp(a->ag->block, block) != 0)
			continue;
		/* One agency's entries at a time: memory stays flat. */
		if ((rc = app_agency_entries(st, y, a, &cause)) != APP_OK) {
			cmd_error("%s", cause);
			free(cause);
			return -1;
		}
		for (j = 0; j < a->form->nitems; j++) {
			const struct entry_record	*e = &a->raw[j];

			if (export_skipped(a, j))
				continue;
			export_mark(&e->self, sp, &ss);
			export_mark(&e->appraised, ap, &as);
			ev = entry_evidence_format(e->evidence, e->nevidence);
			si = entry_inputs_format(&e->self_inputs);
			ai = entry_inputs_format(&e->appraised_inputs);
			report_csv_field(fp, a->ag->code, 0);
			report_csv_field(fp, a->form->items[j].code, 0);
			report_csv_field(fp, sp, 0);
			report_csv_field(fp, ap, 0);
			report_csv_field(fp, ss, 0);
			report_csv_field(fp, as, 0);
			report_csv_field(fp, ev, 0);
			report_csv_field(fp, e->note, 0);
			report_csv_field(fp, e->explanation, 0);
			report_csv_field(fp, e->reason, 0);
			report_csv_field(fp, e->self.status == STATUS_SCORED ?
			    si : NULL, 0);
			report_csv_field(fp,
			    e->appraised.status == STATUS_SCORED ? ai : NULL,
			    0);
			report_csv_field(fp, e->analogy[SIDE_SELF], 0);
			report_csv_field(fp, e->analogy[SIDE_APPRAISED],
			    y->rounds < 2);
			if (y->rounds >= 2) {
				export_mark(&e->first, fp1, &fs);
				fi = entry_inputs_format(&e->first_inputs);
				report_csv_field(fp, fp1, 0);
				report_csv_field(fp, fs, 0);
				report_csv_field(fp, e->first.status ==
				    STATUS_SCORED ? fi : NULL, 0);
				report_csv_field(fp, e->dispute, 1);
				free(fi);
			}
			free(ev);
			free(si);
			free(ai);
		}
		app_agency_release(y, a);
	}
	return ferror(fp) ? -1 : 0;
}

static int
export_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "block", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct app_year	*y;
	const char	*out = NULL, *block = NULL;
	char		*tmp;
	FILE		*fp;
	int		 c, code;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'b':
			block = optarg;
			break;
		default:
			return cmd_usage(&cmd_export);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(&cmd_export);
	if ((code = cmd_load_read(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	if (block != NULL && agency_find_block(y->list, block) == NULL) {
		cmd_error("unknown block \"%s\"", block);
		code = EXIT_USAGE;
	} else if ((code = cmd_output_open(out, &fp, &tmp)) == EXIT_OK) {
		int	ok = export_year(fp, st, y, block) == 0;

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
	.usage = "YEAR [-o FILE] [--block B]",
	.help = "write the scores CSV (a blank template before scoring)",
	.run = export_run,
};
