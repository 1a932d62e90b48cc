/* cmd-import: load a scores CSV in one transaction, all or nothing. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "app.h"
#include "cmd.h"
#include "csvcols.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* One parsed row, as text fields, with the line it started on. */
struct import_row {
	char	**f;
	size_t	  n;
	int	  line;
};

struct import {
	const char		*file;
	int			 line;		/* line being fed */
	struct import_row	*rows;
	size_t			 nrows;
	size_t			 cap;
	struct import_row	 cur;
	size_t			 curcap;
};

static void
import_field(void *s, size_t len, void *data)
{
	struct import	*im = data;

	if (im->cur.n == 0)
		im->cur.line = im->line;
	if (im->cur.n == im->curcap) {
		im->curcap = im->curcap ? im->curcap * 2 : 16;
		im->cur.f = xreallocarray(im->cur.f, im->curcap,
		    sizeof *im->cur.f);
	}
	im->cur.f[im->cur.n++] = xstrndup(s != NULL ? s : "", len);
}

static void
import_row_end(int c, void *data)
{
	struct import	*im = data;

	(void)c;
	if (im->nrows == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 256;
		im->rows = xreallocarray(im->rows, im->cap, sizeof *im->rows);
	}
	im->rows[im->nrows++] = im->cur;
	memset(&im->cur, 0, sizeof im->cur);
	im->curcap = 0;
}

static void
import_free(struct import *im)
{
	size_t	i, j;

	for (i = 0; i < im->nrows; i++) {
		for (j = 0; j < im->rows[i].n; j++)
			free(im->rows[i].f[j]);
		free(im->rows[i].f);
	}
	free(im->rows);
	for (j = 0; j < im->cur.n; j++)
		free(im->cur.f[j]);
	free(im->cur.f);
}

/* Read and split the whole file; 0, or an exit code after a message. */
static int
import_read(struct import *im, FILE *fp)
{
	struct csv_parser	 p;
	char			*line = NULL;
	size_t			 cap = 0;
	ssize_t			 n;
	int			 code = EXIT_OK;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return EXIT_IOERR;
	/* Fed line by line so that each row knows its line number. */
	while ((n = getline(&line, &cap, fp)) > 0) {
		char	*s = line;

		im->line++;
		if (im->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) ==
		    0) {
			s += 3;			/* a spreadsheet's BOM */
			n -= 3;
		}
		if (csv_parse(&p, s, (size_t)n, import_field, import_row_end,
		    im) != (size_t)n) {
			fprintf(stderr, "%s:%d: %s\n", im->file, im->line,
			    csv_strerror(csv_error(&p)));
			code = EXIT_DATAERR;
			break;
		}
	}
	if (ferror(fp)) {
		cmd_error("%s: %s", im->file, strerror(errno));
		code = EXIT_IOERR;
	} else if (code == EXIT_OK && csv_fini(&p, import_field,
	    import_row_end, im) != 0) {
		fprintf(stderr, "%s:%d: %s (a quote is not closed)\n",
		    im->file, im->line, csv_strerror(csv_error(&p)));
		code = EXIT_DATAERR;
	}
	free(line);
	csv_free(&p);
	return code;
}

static void
import_err(struct errlist *errs, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
import_err(struct errlist *errs, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	errlist_add(errs, file, line, "%s", m);
	free(m);
}

/* A number and a status into a mark; -1 after an error. */
static int
import_mark(struct errlist *errs, const char *file, int line,
    const char *side, const char *num, const char *status, struct mark *m)
{
	char		*cause = NULL;
	enum status	 s;
	int		 rc = 0;

	if (app_status_parse(status, &s) != 0) {
		import_err(errs, file, line, "%s_status \"%s\" is not one of "
		    "scored, not_arising, not_assigned, not_done (or không "
		    "phát sinh, không giao, không thực hiện)", side, status);
		return -1;
	}
	if (*num != '\0') {
		if (util_parse_cp(num, &m->points, &cause) != 0) {
			import_err(errs, file, line, "%s: %s", side, cause);
			free(cause);
			return -1;
		}
		if (s == STATUS_EMPTY)
			s = STATUS_SCORED;
		if (s != STATUS_SCORED) {
			import_err(errs, file, line, "%s: a number with status "
			    "%s (leave one of them empty)", side,
			    status_name(s));
			rc = -1;
		}
	} else if (s == STATUS_SCORED) {
		import_err(errs, file, line, "%s: status scored needs "
		    "points", side);
		rc = -1;
	}
	m->status = s;
	if (s != STATUS_SCORED)
		m->points = 0;
	return rc;
}

static int
import_rows(struct import *im, struct store *st, struct app_year *y,
    struct errlist *errs)
{
	int			 col[CSV_NCOLS];
	size_t			 r, c, k, stored = 0;
	char			*cause = NULL, **seen;
	const struct import_row	*h;
	int			 rc = STORE_OK, bad;

	if (im->nrows == 0) {
		import_err(errs, im->file, 0, "empty file: the first row "
		    "must name the columns");
		return APP_BADINPUT;
	}
	h = &im->rows[0];
	for (c = 0; c < CSV_NCOLS; c++)
		col[c] = -1;
	for (k = 0; k < h->n; k++) {
		for (c = 0; c < CSV_NCOLS; c++) {
			if (strcmp(h->f[k], csv_cols[c]) == 0)
				break;
		}
		if (c == CSV_NCOLS)
			import_err(errs, im->file, h->line, "unknown column "
			    "\"%s\"", h->f[k]);
		else if (col[c] != -1)
			import_err(errs, im->file, h->line, "column \"%s\" "
			    "twice", h->f[k]);
		else
			col[c] = (int)k;
	}
	for (c = 0; c < CSV_NREQUIRED; c++) {
		if (col[c] == -1)
			import_err(errs, im->file, h->line, "missing column "
			    "\"%s\"", csv_cols[c]);
	}
	if (errs->n > 0)
		return APP_BADINPUT;

	seen = xcalloc(im->nrows, sizeof *seen);
	if ((rc = store_begin(st, &cause)) != STORE_OK) {
		free(seen);
		errlist_add(errs, NULL, 0, "%s", cause);
		free(cause);
		return rc;
	}
	for (r = 1; r < im->nrows; r++) {
		const struct import_row	*row = &im->rows[r];
		struct app_agency	*a;
		struct store_entry	 e;
		long			 it;
		const char		*f[CSV_NCOLS];

		for (k = 0; k < row->n && row->f[k][0] == '\0'; k++)
			;
		if (k == row->n)
			continue;		/* a blank row */
		if (row->n != h->n) {
			import_err(errs, im->file, row->line, "%zu fields, "
			    "expected %zu", row->n, h->n);
			continue;
		}
		for (c = 0; c < CSV_NCOLS; c++)
			f[c] = col[c] >= 0 ? row->f[col[c]] : NULL;
		if ((a = app_find_agency(y, f[COL_AGENCY])) == NULL) {
			import_err(errs, im->file, row->line, "unknown agency "
			    "\"%s\"", f[COL_AGENCY]);
			continue;
		}
		if ((it = form_item_index(a->form, f[COL_ITEM])) < 0) {
			import_err(errs, im->file, row->line, "unknown item "
			    "\"%s\" for agency %s (form %s)", f[COL_ITEM],
			    a->ag->code, a->form->id);
			continue;
		}
		seen[r] = xasprintf("%s/%s", f[COL_AGENCY], f[COL_ITEM]);
		for (k = 1, bad = 0; k < r && !bad; k++) {
			if (seen[k] != NULL && strcmp(seen[k], seen[r]) == 0) {
				import_err(errs, im->file, row->line, "%s %s "
				    "appears twice (line %d)", f[COL_AGENCY],
				    f[COL_ITEM], im->rows[k].line);
				bad = 1;
			}
		}
		if (bad)
			continue;
		store_entry_copy(&e, &a->raw[it]);
		bad = import_mark(errs, im->file, row->line, "self",
		    f[COL_SELF], f[COL_SELF_STATUS], &e.self);
		bad |= import_mark(errs, im->file, row->line, "appraised",
		    f[COL_APPRAISED], f[COL_APPRAISED_STATUS], &e.appraised);
		/* Inputs given in their columns must give the points; without
		 * the columns, points typed in a sheet replace the inputs they
		 * differ from, and an unchanged score keeps its inputs. */
		if (f[COL_SELF_INPUTS] != NULL) {
			free(e.self_inputs);
			e.self_inputs = *f[COL_SELF_INPUTS] != '\0' ?
			    xstrdup(f[COL_SELF_INPUTS]) : NULL;
		} else if (!app_mark_eq(&e.self, &a->raw[it].self)) {
			free(e.self_inputs);
			e.self_inputs = NULL;
		}
		if (f[COL_APPRAISED_INPUTS] != NULL) {
			free(e.appraised_inputs);
			e.appraised_inputs = *f[COL_APPRAISED_INPUTS] != '\0' ?
			    xstrdup(f[COL_APPRAISED_INPUTS]) : NULL;
		} else if (!app_mark_eq(&e.appraised, &a->raw[it].appraised)) {
			free(e.appraised_inputs);
			e.appraised_inputs = NULL;
		}
		if (!bad) {
			struct store_evidence	*ev;
			size_t			 nev;

			if (app_parse_evidence(f[COL_EVIDENCE], &ev, &nev,
			    &cause) != 0) {
				import_err(errs, im->file, row->line, "%s",
				    cause);
				free(cause);
				bad = 1;
			} else {
				store_evidence_free(e.evidence, e.nevidence);
				e.evidence = ev;
				e.nevidence = nev;
			}
		}
		if (!bad) {
			free(e.note);
			e.note = *f[COL_NOTE] ? xstrdup(f[COL_NOTE]) : NULL;
			if (f[COL_EXPLANATION] != NULL) {
				free(e.explanation);
				e.explanation = *f[COL_EXPLANATION] ?
				    xstrdup(f[COL_EXPLANATION]) : NULL;
			}
			if (f[COL_REASON] != NULL) {
				free(e.reason);
				e.reason = *f[COL_REASON] ?
				    xstrdup(f[COL_REASON]) : NULL;
			}
			rc = app_put_entry(st, y, &e, 1, &cause);
			if (rc == APP_BADINPUT || rc == STORE_LOCKED) {
				import_err(errs, im->file, row->line, "%s",
				    cause);
				free(cause);
				cause = NULL;
			} else if (rc != STORE_OK) {
				store_entry_clear(&e);
				break;
			} else
				stored++;
			rc = STORE_OK;
		}
		store_entry_clear(&e);
	}
	for (r = 0; r < im->nrows; r++)
		free(seen[r]);
	free(seen);
	if (rc != STORE_OK) {
		store_rollback(st);
		errlist_add(errs, NULL, 0, "%s", cause);
		free(cause);
		return rc;
	}
	if (errs->n > 0) {
		store_rollback(st);
		return APP_BADINPUT;
	}
	if ((rc = store_commit(st, &cause)) != STORE_OK) {
		errlist_add(errs, NULL, 0, "%s", cause);
		free(cause);
		return rc;
	}
	printf("%s: %zu rows stored in year %d\n", im->file, stored, y->year);
	return STORE_OK;
}

static int
import_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import	 im;
	struct errlist	 errs;
	struct store	*st;
	struct app_year	*y;
	FILE		*fp;
	size_t		 i;
	int		 code, rc;

	if (argc != 3)
		return cmd_usage(&cmd_import);
	if ((fp = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r")) ==
	    NULL) {
		cmd_error("%s: %s", argv[2], strerror(errno));
		return EXIT_NOINPUT;
	}
	memset(&im, 0, sizeof im);
	im.file = argv[2];
	code = import_read(&im, fp);
	if (fp != stdin)
		fclose(fp);
	if (code != EXIT_OK) {
		import_free(&im);
		cmd_error("%s: nothing stored", argv[2]);
		return code;
	}
	if ((code = cmd_load(ctx, argv[1], &st, &y)) != EXIT_OK) {
		import_free(&im);
		return code;
	}
	errlist_init(&errs);
	if (strcmp(y->info.state, "published") == 0) {
		errlist_add(&errs, NULL, 0, "year %d is published and locked; "
		    "reopen it with: cchc state %d reopen --reason TEXT",
		    y->year, y->year);
		rc = STORE_LOCKED;
	} else
		rc = import_rows(&im, st, y, &errs);
	for (i = 0; i < errs.n; i++) {
		if (errs.items[i].file == NULL)
			cmd_error("%s", errs.items[i].msg);
		else
			fprintf(stderr, "%s\n", errs.items[i].msg);
	}
	if (rc != STORE_OK)
		cmd_error("%s: nothing stored (%zu error%s)", argv[2], errs.n,
		    errs.n == 1 ? "" : "s");
	errlist_clear(&errs);
	import_free(&im);
	app_year_free(y);
	store_close(st);
	return rc == APP_BADINPUT ? EXIT_DATAERR : cmd_code(rc);
}

const struct cmd cmd_import = {
	.name = "import",
	.usage = "YEAR FILE.csv",
	.help = "load scores from a CSV (all rows or none)",
	.run = import_run,
};
