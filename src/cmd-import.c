/* cmd-import: load a scores CSV in one transaction, all or nothing. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <nettle/sha2.h>

#include "app.h"
#include "cmd.h"
#include "cmd-template.h"
#include "csvcols.h"
#include "text.h"
#include "util.h"

/* One parsed row, as text fields, with the line it started on. */
struct import_row {
	char	**f;
	size_t	  n;
	int	  line;
};

/* The largest scores file, line and field import reads (man/cchc.1).
 * Rows are taken one at a time as they are read, so memory does not
 * grow with the file: a national year's CSV is about 100 MB. */
#define IMPORT_MAX_BYTES	(1024L * 1024 * 1024)
#define IMPORT_MAX_LINE		(1024 * 1024)
#define IMPORT_MAX_FIELD	65536

/* Where each (agency, item) was first seen: a line per item of each
 * agency, so a duplicate row is found in constant time. */
struct import_seen {
	int	**line;		/* [nags][nitems], made when first needed */
	size_t	  nags;
};

/* An import in progress: rows go through app as they are parsed. */
struct import {
	const char		*file;
	int			 line;		/* line being fed */
	int			 toolong;	/* a field over IMPORT_MAX_FIELD */
	struct import_row	 cur;
	size_t			 curcap;
	struct store		*st;
	struct app_year		*y;
	struct errlist		*errs;
	int			 col[CSV_NCOLS];
	size_t			 hn;		/* fields of the header */
	int			 header;	/* the header row was read */
	int			 fatal;		/* APP_* past which to stop */
	char			*fcause;
	struct import_seen	 sn;
	size_t			 stored;
	size_t			 skipped;	/* template rows not filled */
	const struct tmpl_scope	*tmpl;		/* a template's, or NULL */
	struct app_agency	*peek;		/* entries read only to check
						   a template's rows */
	struct sha256_ctx	 sha;		/* of the file's bytes */
};

static void	import_take(struct import *, const struct import_row *);

static void
import_field(void *s, size_t len, void *data)
{
	struct import	*im = data;

	if (len > IMPORT_MAX_FIELD) {
		im->toolong = 1;
		len = 0;
	}
	if (im->cur.n == 0)
		im->cur.line = im->line;
	if (im->cur.n == im->curcap) {
		im->curcap = im->curcap ? im->curcap * 2 : 16;
		im->cur.f = xreallocarray(im->cur.f, im->curcap,
		    sizeof *im->cur.f);
	}
	im->cur.f[im->cur.n++] = xstrndup(s != NULL ? s : "", len);
}

/* A row is complete: it goes through app at once, then is let go. */
static void
import_row_end(int c, void *data)
{
	struct import	*im = data;
	size_t		 j;

	(void)c;
	import_take(im, &im->cur);
	for (j = 0; j < im->cur.n; j++)
		free(im->cur.f[j]);
	im->cur.n = 0;
}

static void
import_free(struct import *im)
{
	size_t	j;

	for (j = 0; j < im->cur.n; j++)
		free(im->cur.f[j]);
	free(im->cur.f);
	for (j = 0; j < im->sn.nags && im->sn.line != NULL; j++)
		free(im->sn.line[j]);
	free(im->sn.line);
	free(im->fcause);
}

/* Print "FILE:LINE: message" (escaped); returns EXIT_DATAERR. */
static int
import_say(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
import_say(struct import *im, const char *fmt, ...)
{
	va_list	 ap;
	char	*m, *line;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	line = xasprintf("%s:%d: %s", im->file, im->line, m);
	cmd_errline(line);
	free(line);
	free(m);
	return EXIT_DATAERR;
}

/* Only files and pipes (a device never ends), and no file larger than
 * IMPORT_MAX_BYTES; an exit code after a message. */
static int
import_check_file(const char *file, FILE *fp)
{
	struct stat	sb;

	if (fstat(fileno(fp), &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISFIFO(sb.st_mode) && !S_ISSOCK(sb.st_mode)) {
		cmd_error(TR("%s: not a regular file (import reads a CSV file or a pipe)"), file);
		return EXIT_DATAERR;
	}
	if (S_ISREG(sb.st_mode) && sb.st_size > IMPORT_MAX_BYTES) {
		cmd_error(TR("%s: larger than %ld MB, the most import reads"), file, IMPORT_MAX_BYTES >> 20);
		return EXIT_DATAERR;
	}
	return EXIT_OK;
}

/* One line of fp, its newline included, into buf (at most cap - 1
 * bytes; NUL bytes kept, so the length is returned); 0 at the end. */
static size_t
import_getline(FILE *fp, char *buf, size_t cap)
{
	size_t	n = 0;
	int	c;

	while (n + 1 < cap && (c = getc_unlocked(fp)) != EOF) {
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return n;
}

/* Name the file read whole, and its SHA-256, in the import's audit. */
static void
import_source(struct import *im)
{
	uint8_t			d[SHA256_DIGEST_SIZE];
	char			out[2 * SHA256_DIGEST_SIZE + 1];

	sha256_digest(&im->sha, sizeof d, d);
	util_hex(d, sizeof d, out);
	app_batch_source(im->y, im->file, out);
}

/* Read, split and take the rows, line by line (each row knows its
 * line); 0, or an exit code after a message. */
static int
import_read(struct import *im, FILE *fp)
{
	struct csv_parser	 p;
	char			*buf = xmalloc(IMPORT_MAX_LINE + 2), *s;
	size_t			 n;
	long			 total = 0;
	int			 code = EXIT_OK;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(buf);
		return EXIT_IOERR;
	}
	while (code == EXIT_OK && im->fatal == APP_OK &&
	    (n = import_getline(fp, buf, IMPORT_MAX_LINE + 2)) > 0) {
		s = buf;
		im->line++;
		sha256_update(&im->sha, n, (const uint8_t *)buf);
		if ((total += (long)n) > IMPORT_MAX_BYTES) {
			code = import_say(im, TR("past %ld MB, the most import reads"), IMPORT_MAX_BYTES >> 20);
			break;
		}
		if (n > IMPORT_MAX_LINE) {
			code = import_say(im, TR("a line longer than %d bytes"), IMPORT_MAX_LINE);
			break;
		}
		if (im->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) ==
		    0) {
			s += 3;			/* a spreadsheet's BOM */
			n -= 3;
		}
		if (memchr(s, '\0', n) != NULL)
			code = import_say(im, TR("a NUL byte: the file is not text"));
		else if (!text_valid_len(s, n))
			code = import_say(im, TR("not valid UTF-8 (save the file as UTF-8)"));
		else if (csv_parse(&p, s, n, import_field, import_row_end,
		    im) != n)
			code = import_say(im, "%s",
			    TR(csv_strerror(csv_error(&p))));
		else if (im->toolong)
			code = import_say(im, TR("a field longer than %d bytes"),
			    IMPORT_MAX_FIELD);
	}
	if (code == EXIT_OK && im->fatal == APP_OK && !ferror(fp))
		import_source(im);
	if (code == EXIT_OK && ferror(fp)) {
		cmd_error("%s: %s", im->file, strerror(errno));
		code = EXIT_IOERR;
	}
	if (code == EXIT_OK && im->fatal == APP_OK && csv_fini(&p,
	    import_field, import_row_end, im) != 0)
		code = import_say(im, TR("%s (a quote is not closed)"),
		    TR(csv_strerror(csv_error(&p))));
	else if (code == EXIT_OK && im->toolong)
		code = import_say(im, TR("a field longer than %d bytes"),
		    IMPORT_MAX_FIELD);
	free(buf);
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

/* A number and a status of one side into a change; -1 after an error. */
static int
import_side(struct errlist *errs, const char *file, int line,
    const char *side, const char *num, const char *status,
    const char *inputs, struct app_side_change *c, struct entry_inputs *in)
{
	char	*cause = NULL;

	/* A template's side left empty is not filled: as stored. */
	if (num == NULL && status == NULL && inputs == NULL)
		return 0;
	if (num == NULL)
		num = "";
	if (status == NULL)
		status = "";
	if (status_parse(status, &c->status) != 0) {
		import_err(errs, file, line, TR("%s_status \"%s\" is not one of scored, not_arising, not_assigned, not_done (or không phát sinh, không giao, không thực hiện)"), side, status);
		return -1;
	}
	c->set = APP_SET_STATUS;
	if (*num != '\0') {
		if (util_parse_cp(num, &c->points, &cause) != 0) {
			import_err(errs, file, line, "%s: %s", side, cause);
			free(cause);
			return -1;
		}
		c->set |= APP_SET_POINTS;
		/* A number with an empty status is a score. */
		if (c->status == STATUS_EMPTY)
			c->status = STATUS_SCORED;
	}
	/* The inputs column, when the file has it, says what the inputs
	 * are; without it, points that differ drop the old inputs. */
	if (inputs != NULL) {
		if (entry_inputs_parse(inputs, in, &cause) != 0) {
			import_err(errs, file, line, TR("%s_inputs: %s"), side,
			    cause);
			free(cause);
			return -1;
		}
		c->inputs = in;
		c->set |= APP_SET_INPUTS;
		if (in->n > 0 && c->status == STATUS_EMPTY)
			c->status = STATUS_SCORED;
	}
	return 0;
}

static int *
import_seen_at(struct import_seen *sn, const struct app_year *y,
    const struct app_agency *a, size_t k)
{
	size_t	i = (size_t)(a - y->ags);

	if (sn->line[i] == NULL)
		sn->line[i] = xcalloc(a->form->nitems + 1, sizeof **sn->line);
	return &sn->line[i][k];
}

/* One data row into a change and through app; 0 stored, 1 a template's
 * row left as exported, -1 after an error. */
static int
import_row(struct import *im, const struct import_row *row)
{
	struct app_year		*y = im->y;
	struct errlist		*errs = im->errs;
	const char		*f[CSV_NCOLS];
	struct app_agency	*a;
	struct app_change	 ch;
	struct entry_inputs	 in[3];
	struct entry_evidence	*ev = NULL;
	size_t			 nev = 0, c;
	long			 it;
	int			*at, bad, rc;
	char			*cause = NULL;

	for (c = 0; c < CSV_NCOLS; c++)
		f[c] = im->col[c] >= 0 ? row->f[im->col[c]] : NULL;
	if ((a = app_find_agency(y, f[COL_AGENCY])) == NULL) {
		import_err(errs, im->file, row->line, TR("unknown agency \"%s\""),
		    f[COL_AGENCY]);
		return -1;
	}
	if ((it = form_item_index(a->form, f[COL_ITEM])) < 0) {
		import_err(errs, im->file, row->line, TR("unknown item \"%s\" for agency %s (form %s)"), f[COL_ITEM], a->ag->code, a->form->id);
		return -1;
	}
	at = import_seen_at(&im->sn, y, a, (size_t)it);
	if (*at != 0) {
		import_err(errs, im->file, row->line, TR("%s %s appears twice (line %d)"), f[COL_AGENCY], f[COL_ITEM], *at);
		return -1;
	}
	*at = row->line;
	if (im->tmpl != NULL) {
		enum tmpl_verdict	v;

		/* Entries read only to check rows left as exported are let
		 * go at the next agency: memory stays flat. */
		if (im->peek != a) {
			if (im->peek != NULL)
				app_agency_release(y, im->peek);
			im->peek = a->raw == NULL ? a : NULL;
		}
		if ((rc = app_agency_entries(im->st, y, a, &cause)) !=
		    APP_OK) {
			im->fatal = rc;
			im->fcause = cause;
			return -1;
		}
		v = tmpl_check_row(y, im->tmpl, a, (size_t)it, f, &cause);
		if (v == TMPL_REFUSE) {
			import_err(errs, im->file, row->line, "%s", cause);
			free(cause);
			return -1;
		}
		if (v == TMPL_SKIP) {
			im->skipped++;
			return 1;
		}
		/* Only its side, and only what is filled; the batch
		 * keeps the entries of an agency it changes. */
		tmpl_filter(im->tmpl, f);
		im->peek = NULL;
	}
	memset(&ch, 0, sizeof ch);
	memset(in, 0, sizeof in);
	ch.agency = f[COL_AGENCY];
	ch.item = f[COL_ITEM];
	bad = import_side(errs, im->file, row->line, "self", f[COL_SELF],
	    f[COL_SELF_STATUS], f[COL_SELF_INPUTS], &ch.side[SIDE_SELF],
	    &in[0]);
	bad |= import_side(errs, im->file, row->line, "appraised",
	    f[COL_APPRAISED], f[COL_APPRAISED_STATUS], f[COL_APPRAISED_INPUTS],
	    &ch.side[SIDE_APPRAISED], &in[1]);
	/* The optional columns: absent, the entry keeps what it has. */
	ch.side[SIDE_SELF].analogy = f[COL_SELF_ANALOGY];
	ch.side[SIDE_APPRAISED].analogy = f[COL_APPRAISED_ANALOGY];
	if (f[COL_FIRST_APPRAISED] != NULL ||
	    f[COL_FIRST_APPRAISED_STATUS] != NULL ||
	    f[COL_FIRST_APPRAISED_INPUTS] != NULL)
		bad |= import_side(errs, im->file, row->line,
		    "first_appraised", f[COL_FIRST_APPRAISED] != NULL ?
		    f[COL_FIRST_APPRAISED] : "",
		    f[COL_FIRST_APPRAISED_STATUS] != NULL ?
		    f[COL_FIRST_APPRAISED_STATUS] : "",
		    f[COL_FIRST_APPRAISED_INPUTS], &ch.first, &in[2]);
	ch.dispute = f[COL_DISPUTE];
	if (!bad && f[COL_EVIDENCE] != NULL && entry_evidence_split(
	    f[COL_EVIDENCE], 1, &ev, &nev, &cause) != 0) {
		import_err(errs, im->file, row->line, "%s", cause);
		free(cause);
		bad = 1;
	}
	if (!bad) {
		ch.set_evidence = f[COL_EVIDENCE] != NULL;
		ch.evidence = ev;
		ch.nevidence = nev;
		ch.note = f[COL_NOTE];
		ch.explanation = f[COL_EXPLANATION];
		ch.reason = f[COL_REASON];
		rc = app_edit(im->st, y, &ch, NULL, &cause);
		if (rc == APP_BADINPUT || rc == APP_LOCKED) {
			import_err(errs, im->file, row->line, "%s", cause);
			free(cause);
			bad = 1;
		} else if (rc != APP_OK) {
			im->fatal = rc;
			im->fcause = cause;
			bad = 1;
		}
	}
	entry_evidence_free(ev, nev);
	entry_inputs_clear(&in[0]);
	entry_inputs_clear(&in[1]);
	entry_inputs_clear(&in[2]);
	return bad ? -1 : 0;
}

/* The header row: the columns, by name. */
static void
import_header(struct import *im, const struct import_row *h)
{
	size_t	k, c;

	im->header = 1;
	im->hn = h->n;
	for (c = 0; c < CSV_NCOLS; c++)
		im->col[c] = -1;
	for (k = 0; k < h->n; k++) {
		for (c = 0; c < CSV_NCOLS; c++) {
			if (strcmp(h->f[k], csv_cols[c]) == 0)
				break;
		}
		if (c == CSV_NCOLS)
			import_err(im->errs, im->file, h->line, TR("unknown column \"%s\""), h->f[k]);
		else if (im->col[c] != -1)
			import_err(im->errs, im->file, h->line, TR("column \"%s\" twice"), h->f[k]);
		else
			im->col[c] = (int)k;
	}
	for (c = 0; c < CSV_NREQUIRED; c++) {
		if (im->col[c] == -1)
			import_err(im->errs, im->file, h->line, TR("missing column \"%s\""), csv_cols[c]);
	}
	if (im->tmpl == NULL && im->col[COL_VERSION] != -1)
		import_err(im->errs, im->file, h->line, "%s", TR("a template (it has a version column): import it with the scope it was exported with, --appraiser CODE or --agency CODE --side self|appraised"));
	else if (im->tmpl != NULL && im->col[COL_VERSION] == -1)
		import_err(im->errs, im->file, h->line, "%s", TR("not a template (no version column): export one with cchc export --appraiser CODE or --agency CODE --side self|appraised"));
	/* Without its columns no row can be read. */
	if (im->errs->n > 0)
		im->fatal = APP_BADINPUT;
}

/* One parsed row: the header, or a row of scores through app. */
static void
import_take(struct import *im, const struct import_row *row)
{
	size_t	k;

	if (im->fatal != APP_OK)
		return;
	if (!im->header) {
		import_header(im, row);
		return;
	}
	for (k = 0; k < row->n && row->f[k][0] == '\0'; k++)
		;
	if (k == row->n)
		return;			/* a blank row */
	if (row->n != im->hn) {
		import_err(im->errs, im->file, row->line, TR("%zu fields, expected %zu"), row->n, im->hn);
		return;
	}
	if (import_row(im, row) == 0)
		im->stored++;
}

static int
import_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		TMPL_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct import		 im;
	struct errlist		 errs;
	struct store		*st;
	struct app_year		*y;
	struct tmpl_scope	 scope;
	FILE			*fp;
	size_t			 i, written = 0;
	struct tmpl_args	 ta = { NULL, NULL, NULL, NULL };
	char			*cause = NULL;
	int			 code, rc, rc2, c, tmpl;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (!tmpl_arg(c, optarg, &ta))
			return cmd_usage(&cmd_import);
	}
	if (optind + 2 != argc)
		return cmd_usage(&cmd_import);
	if (tmpl_scope_parse(&scope, &tmpl, &ta, &cause) != 0 ||
	    (!tmpl && ta.block != NULL)) {
		if (cause != NULL)
			cmd_error("%s", cause);
		else
			cmd_error("%s", TR("--block on import narrows an appraiser's template (with --appraiser)"));
		free(cause);
		return cmd_usage(&cmd_import);
	}
	argv += optind - 1;
	if ((fp = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r")) ==
	    NULL) {
		cmd_error("%s: %s", argv[2], strerror(errno));
		return EXIT_NOINPUT;
	}
	if ((code = import_check_file(argv[2], fp)) != EXIT_OK ||
	    (code = cmd_load(ctx, argv[1], &st, &y)) != EXIT_OK) {
		if (fp != stdin)
			fclose(fp);
		if (code == EXIT_DATAERR)
			cmd_error(TR("%s: nothing stored"), argv[2]);
		return code;
	}
	if (tmpl && tmpl_scope_check(y, &scope, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		if (fp != stdin)
			fclose(fp);
		app_year_free(y);
		app_close(st);
		return EXIT_USAGE;
	}
	memset(&im, 0, sizeof im);
	errlist_init(&errs);
	im.file = argv[2];
	im.st = st;
	im.y = y;
	im.tmpl = tmpl ? &scope : NULL;
	sha256_init(&im.sha);
	im.errs = &errs;
	im.sn.nags = y->nags;
	im.sn.line = xcalloc(y->nags + 1, sizeof *im.sn.line);
	/* The whole file is one transaction, through app. */
	if ((rc = app_batch_begin(st, y, &cause)) != APP_OK) {
		errlist_add(&errs, NULL, 0, "%s", cause);
		free(cause);
		code = cmd_code(rc);
	} else {
		code = import_read(&im, fp);
		rc = im.fatal;
		if (code == EXIT_OK && rc == APP_OK && !im.header) {
			import_err(&errs, im.file, 0, TR("empty file: the first row must name the columns"));
			rc = APP_BADINPUT;
		}
		if (code == EXIT_OK && rc == APP_OK && errs.n > 0)
			rc = APP_BADINPUT;
		if (im.fatal != APP_OK && im.fatal != APP_BADINPUT) {
			errlist_add(&errs, NULL, 0, "%s", im.fcause);
			code = cmd_code(im.fatal);
		}
		written = app_batch_written(y);
		if ((rc2 = app_batch_end(st, y, code == EXIT_OK &&
		    rc == APP_OK, &cause)) != APP_OK) {
			if (code == EXIT_OK && rc == APP_OK) {
				errlist_add(&errs, NULL, 0, "%s", cause);
				rc = rc2;
			}
			free(cause);
		}
		if (code == EXIT_OK)
			code = rc == APP_OK ? EXIT_OK : rc == APP_BADINPUT ?
			    EXIT_DATAERR : cmd_code(rc);
	}
	if (fp != stdin)
		fclose(fp);
	for (i = 0; i < errs.n; i++) {
		if (errs.items[i].file == NULL)
			cmd_error("%s", errs.items[i].msg);
		else
			cmd_errline(errs.items[i].msg);
	}
	/* Rows taken that equal what is stored are not "stored". */
	if (code == EXIT_OK && written < im.stored)
		printf(TR("%s: %zu rows read, %zu of them already as stored\n"), im.file, im.stored, im.stored - written);
	if (code == EXIT_OK && tmpl)
		printf(TR("%s: %zu rows stored in year %d, %zu rows left as exported\n"), im.file, written, y->year, im.skipped);
	else if (code == EXIT_OK)
		printf(TR("%s: %zu rows stored in year %d\n"), im.file, written,
		    y->year);
	else
		cmd_error(TR("%s: nothing stored (%zu error%s)"), argv[2], errs.n,
		    errs.n == 1 ? "" : "s");
	errlist_clear(&errs);
	import_free(&im);
	app_year_free(y);
	app_close(st);
	return code;
}
const struct cmd cmd_import = {
	.name = "import",
	.usage = N_("YEAR FILE.csv [--appraiser CODE [--block B] | --agency CODE --side self|appraised]"),
	.help = N_("load scores from a CSV (all rows or none), or a filled template"),
	.run = import_run,
};
