/*
 * screen-print: the print dialog, a box over the screen that opened it.
 * Step one asks what (the block's annex or area matrix, the agency's
 * sheet, every sheet of the block, the comparison, or the decision's
 * settings), step two how (the printer, a PDF, XLSX or text file, with
 * its name asked).  The report is built and written by the same calls as
 * cchc report and cchc print (report_build, report_print, report_save_doc),
 * with its progress drawn in the box.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "report.h"
#include "report-doc.h"
#include "screens.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* What to print. */
enum prn_what {
	PW_RANKING,
	PW_AREAS,
	PW_SHEET,
	PW_SHEETS,
	PW_COMPARE,
	PW_SETTINGS
};

/* How. */
enum prn_how {
	PH_PRINTER,
	PH_PDF,
	PH_XLSX,
	PH_TEXT
};

#define PRN_MAXWHAT	6
#define PRN_NHOW	4

struct prn {
	struct ui		*ui;		/* for the progress */
	struct print_args	 arg;
	int			 step;		/* 0 what, 1 how */
	enum prn_what		 what[PRN_MAXWHAT];
	char			*label[PRN_MAXWHAT];
	struct ui_list		 lw, lh;
	int			 y0, x0, h, w;	/* the box, as drawn */
	struct timespec		 last;		/* progress drawn */
};

static const char *
prn_how_label(enum prn_how h)
{
	switch (h) {
	case PH_PRINTER:
		return _("Printer");
	case PH_PDF:
		return _("PDF file…");
	case PH_XLSX:
		return _("XLSX file (spreadsheet)…");
	case PH_TEXT:
		return _("Text file…");
	}
	return "";
}

static void
prn_add(struct prn *d, enum prn_what w, char *label)
{
	d->what[d->lw.n] = w;
	d->label[d->lw.n++] = label;
}

static void *
prn_init(struct ui *ui, const void *args)
{
	const struct print_args	*arg = args;
	struct prn		*d;
	const char		*bn;
	size_t			 i, n = 0;

	if (ui->year == NULL || arg->block >= ui->year->list->nblocks)
		return NULL;
	d = xcalloc(1, sizeof *d);
	d->ui = ui;
	d->arg = *arg;
	bn = ui->year->list->blocks[arg->block].name;
	for (i = 0; i < ui->year->nags; i++)
		n += ui->year->ags[i].block == arg->block;
	prn_add(d, PW_RANKING, xasprintf(_("Ranking of %s (the decision's annex)"), bn));
	prn_add(d, PW_AREAS, xasprintf(_("Area matrix of %s"), bn));
	if (arg->agency != NULL)
		prn_add(d, PW_SHEET, xasprintf(_("Score sheet of %s"),
		    arg->agency->ag->name));
	prn_add(d, PW_SHEETS, xasprintf(_("All score sheets of %s (%zu agencies)"), bn, n));
	prn_add(d, PW_COMPARE, xasprintf(_("Self against appraised, %s"), bn));
	prn_add(d, PW_SETTINGS, xstrdup(_("The decision's number, date and signer…")));
	/* What the screen shows is chosen first. */
	for (i = 0; i < (size_t)d->lw.n; i++) {
		if ((arg->matrix && d->what[i] == PW_AREAS) ||
		    (!arg->matrix && arg->agency != NULL && ui->depth > 0 &&
		    ui->stack[ui->depth - 1]->ops->id == SCR_WALK &&
		    d->what[i] == PW_SHEET))
			d->lw.sel = (int)i;
	}
	d->lh.n = PRN_NHOW;
	d->lh.sel = PH_PDF;
	return d;
}

static void
prn_free(void *data)
{
	struct prn	*d = data;
	int		 i;

	for (i = 0; i < d->lw.n; i++)
		free(d->label[i]);
	free(d);
}

/* A line in the box (row r inside it), fitted, in a colour. */
static void
prn_line(struct ui *ui, struct prn *d, int r, const char *s, enum ui_color c)
{
	ui_color(ui, c, 1);
	ui_put(ui, d->y0 + 1 + r, d->x0 + 1, d->w - 2, "", 0);
	ui_put(ui, d->y0 + 1 + r, d->x0 + 2, d->w - 4, s, 0);
	ui_color(ui, c, 0);
}

/* The box: its frame and title; rows inside it are lines 0..h-3. */
static void
prn_box(struct ui *ui, struct prn *d, const char *title)
{
	int	r;

	for (r = 0; r < d->h; r++)
		ui_put(ui, d->y0 + r, d->x0, d->w, "", 0);
	mvaddch(d->y0, d->x0, ACS_ULCORNER);
	mvhline(d->y0, d->x0 + 1, ACS_HLINE, d->w - 2);
	mvaddch(d->y0, d->x0 + d->w - 1, ACS_URCORNER);
	mvvline(d->y0 + 1, d->x0, ACS_VLINE, d->h - 2);
	mvvline(d->y0 + 1, d->x0 + d->w - 1, ACS_VLINE, d->h - 2);
	mvaddch(d->y0 + d->h - 1, d->x0, ACS_LLCORNER);
	mvhline(d->y0 + d->h - 1, d->x0 + 1, ACS_HLINE, d->w - 2);
	mvaddch(d->y0 + d->h - 1, d->x0 + d->w - 1, ACS_LRCORNER);
	ui_color(ui, UC_HEADER, 1);
	ui_put(ui, d->y0, d->x0 + 2, text_width(title) < d->w - 4 ?
	    text_width(title) : d->w - 4, title, 0);
	ui_color(ui, UC_HEADER, 0);
}

/* The screen under the dialog first, then the box over it. */
static void
prn_draw(struct ui *ui, struct screen *s)
{
	struct prn	*d = s->data;
	struct screen	*p = ui->depth > 1 ? ui->stack[ui->depth - 2] : NULL;
	char		*bar, t[256];
	int		 i, n;

	if (p != NULL) {
		if (p->ops->update != NULL && p->generation !=
		    ui->generation) {
			p->generation = ui->generation;
			p->ops->update(ui, p);
		}
		p->ops->draw(ui, p);
	}
	n = d->step == 0 ? d->lw.n : d->lh.n;
	d->w = COLS - 8 < 76 ? COLS - 8 : 76;
	d->h = n + 6;
	d->y0 = (LINES - d->h) / 2;
	d->x0 = (COLS - d->w) / 2;
	snprintf(t, sizeof t, " %s — %s ", _("Print"), d->step == 0 ?
	    _("1/2: what?") : _("2/2: how?"));
	prn_box(ui, d, t);
	if (d->step == 1)
		prn_line(ui, d, 0, d->label[d->lw.sel], UC_DIM);
	else {
		snprintf(t, sizeof t, _("Year %d, %s"), ui->year->year,
		    d->arg.side == SIDE_SELF ? _("by self-assessed points") :
		    _("by appraised points"));
		prn_line(ui, d, 0, t, UC_DIM);
	}
	for (i = 0; i < n; i++)
		prn_line(ui, d, i + 2, d->step == 0 ? d->label[i] :
		    prn_how_label((enum prn_how)i), i == (d->step == 0 ?
		    d->lw.sel : d->lh.sel) ? UC_SELECT : UC_NORMAL);
	prn_line(ui, d, n + 3, _("↑↓ choose · Enter next · Esc back"),
	    UC_DIM);
	bar = ui_key_bar(SCR_PRINT, s);
	ui_color(ui, UC_BAR, 1);
	ui_put(ui, LINES - 1, 0, COLS, bar, 0);
	ui_color(ui, UC_BAR, 0);
	free(bar);
}

/* Progress of a long job, on the box's last line (at most 20 times a
 * second, and at the end). */
static void
prn_progress(void *arg, enum report_phase ph, size_t done, size_t total)
{
	struct prn	*d = arg;
	struct timespec	 now;
	char		*s;
	long		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - d->last.tv_sec) * 1000 +
	    (now.tv_nsec - d->last.tv_nsec) / 1000000;
	if (ms < 50 && done < total)
		return;
	d->last = now;
	s = ph == REPORT_BUILDING ?
	    xasprintf(_("Making the sheets: %zu of %zu…"), done, total) :
	    xasprintf(_("Writing: %zu%%…"), total > 0 ? done * 100 / total :
	    100);
	prn_line(d->ui, d, d->h - 3, s, UC_GOOD);
	free(s);
	refresh();
}

/* The file name offered: the kind, the year, the block or agency. */
static char *
prn_default_name(struct ui *ui, struct prn *d, enum prn_what w,
    enum prn_how h)
{
	const char	*ext = h == PH_XLSX ? "xlsx" : h == PH_TEXT ? "txt" :
			    "pdf";
	const char	*blk = ui->year->list->blocks[d->arg.block].code;
	char		*s, *p;

	switch (w) {
	case PW_RANKING:
		s = xasprintf("%s-%d-%s.%s", d->arg.side == SIDE_SELF ?
		    "tu-cham" : "ket-qua", ui->year->year, blk, ext);
		break;
	case PW_AREAS:
		s = xasprintf("linh-vuc-%d-%s.%s", ui->year->year, blk, ext);
		break;
	case PW_SHEET:
		s = xasprintf("phieu-%d-%s.%s", ui->year->year,
		    d->arg.agency->ag->code, ext);
		break;
	case PW_SHEETS:
		s = xasprintf("phieu-%d-%s-tat-ca.%s", ui->year->year, blk,
		    ext);
		break;
	default:
		s = xasprintf("so-sanh-%d-%s.%s", ui->year->year, blk, ext);
		break;
	}
	/* Codes are ASCII; anything else a file name should not hold
	 * becomes '-'. */
	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_'))
			*p = '-';
	}
	return s;
}

/* "~/x" as $HOME/x.  Caller frees. */
static char *
prn_expand(const char *path)
{
	const char	*home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home != NULL && *home != '\0')
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* Ask for the decision's settings, one after another; Esc stops. */
static void
prn_settings(struct ui *ui)
{
	static const struct {
		enum app_setting	 k;
		const char		*q;
	} ask[] = {
		{ APP_DECISION_NUMBER, N_("Decision number (e.g. 2729/QĐ-UBND):") },
		{ APP_DECISION_DATE, N_("Decision date (d/m/yyyy):") },
		{ APP_SIGNER, N_("Signer's name:") },
	};
	struct app_settings	 set;
	char			*v, *cause = NULL;
	size_t			 i;

	if (app_settings_load(ui->st, ui->year->year, &set, &cause) !=
	    APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < UTIL_ARRAY_LEN(ask); i++) {
		v = ui_prompt(ui, _(ask[i].q), set.v[ask[i].k] != NULL ?
		    set.v[ask[i].k] : "");
		if (v == NULL)
			break;
		if (app_setting_put(ui->st, ui->year, ask[i].k, v,
		    &cause) != APP_OK) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			free(v);
			break;
		}
		free(v);
	}
	if (i == UTIL_ARRAY_LEN(ask))
		ui_message(ui, 0, "%s", _("The decision's number, date and signer are saved; the annex prints them."));
	app_settings_clear(&set);
}

/* Build the chosen report; NULL after a message. */
static struct rdoc *
prn_build(struct ui *ui, struct prn *d, enum prn_what w,
    const struct report_progress *pr)
{
	struct report_opts	 o;
	struct app_settings	 set;
	struct rdoc		*doc = NULL;
	char			*cause = NULL;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.kind = w == PW_AREAS ? REPORT_AREAS : w == PW_SHEET ||
	    w == PW_SHEETS ? REPORT_SHEET : w == PW_COMPARE ? REPORT_COMPARE :
	    REPORT_RANKING;
	o.side = d->arg.side;
	o.block = ui->year->list->blocks[d->arg.block].code;
	o.agency = w == PW_SHEET ? d->arg.agency->ag->code : w == PW_SHEETS ?
	    "all" : NULL;
	o.progress = pr;
	if ((rc = app_settings_load(ui->st, ui->year->year, &set, &cause)) ==
	    APP_OK) {
		o.settings = &set;
		rc = report_build(ui->st, ui->year, &o, &doc, &cause);
		app_settings_clear(&set);
	}
	if (rc != APP_OK) {
		ui_message(ui, 1, _("The report could not be made: %s"),
		    cause != NULL ? cause : "?");
		free(cause);
		return NULL;
	}
	return doc;
}

/* Print or save the chosen report; UI_POP when done, UI_OK to stay. */
static int
prn_run(struct ui *ui, struct screen *s)
{
	struct prn		*d = s->data;
	struct report_progress	 pr = { prn_progress, d };
	struct report_print_opts po;
	struct report_out	 out;
	struct stat		 sb;
	enum prn_what		 w = d->what[d->lw.sel];
	enum prn_how		 h = (enum prn_how)d->lh.sel;
	struct rdoc		*doc;
	char			*name = NULL, *path = NULL, *printer = NULL;
	char			*cause = NULL, *said = NULL, *q, *title;
	int			 rc;

	/* XLSX and PDF (a printer gets a PDF) need their module. */
	if (h != PH_TEXT && report_format_ready(h == PH_XLSX ? REPORT_XLSX :
	    REPORT_PDF, &cause) != REPORT_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return UI_OK;
	}
	if (h == PH_PRINTER) {
		if (report_print_ready(&cause) != REPORT_OK) {
			free(cause);
			ui_message(ui, 1, _("No print system: the print command %s is not installed (install cups-client, or set CCHC_PRINT). Choose a PDF file instead."), report_print_command());
			return UI_OK;
		}
		if ((printer = ui_prompt(ui, _("Printer (Enter: the default printer):"), "")) == NULL)
			return UI_OK;
	} else {
		name = prn_default_name(ui, d, w, h);
		q = ui_prompt(ui, _("Save as:"), name);
		free(name);
		if (q == NULL || *q == '\0') {
			free(q);
			return UI_OK;
		}
		path = prn_expand(q);
		free(q);
		if (stat(path, &sb) == 0) {
			q = xasprintf(_("%s exists. Replace it? (y/n)"), path);
			rc = ui_confirm(ui, q);
			free(q);
			if (!rc) {
				free(path);
				return UI_OK;
			}
		}
	}
	/* The dialog again, without the question just answered. */
	erase();
	prn_draw(ui, s);
	clock_gettime(CLOCK_MONOTONIC, &d->last);
	prn_line(ui, d, d->h - 3, _("Working…"), UC_GOOD);
	refresh();
	if ((doc = prn_build(ui, d, w, &pr)) == NULL) {
		free(printer);
		free(path);
		return UI_OK;
	}
	if (h == PH_PRINTER) {
		memset(&po, 0, sizeof po);
		po.printer = printer;
		po.copies = 1;
		title = xasprintf("cchc %d", ui->year->year);
		po.title = title;
		po.progress = &pr;
		rc = report_print(doc, &po, &said, &cause);
		free(title);
		if (rc == REPORT_OK)
			ui_message(ui, 0, _("Sent to the printer%s%s. %s"),
			    *printer != '\0' ? " " : "", printer,
			    said != NULL ? said : "");
	} else {
		memset(&out, 0, sizeof out);
		out.fmt = h == PH_XLSX ? REPORT_XLSX : h == PH_TEXT ?
		    REPORT_TEXT : REPORT_PDF;
		out.width = report_default_width(w == PW_AREAS ? REPORT_AREAS :
		    w == PW_SHEET || w == PW_SHEETS ? REPORT_SHEET :
		    REPORT_RANKING);
		out.page_length = REPORT_PAGE_LENGTH;
		out.progress = &pr;
		rc = report_save_doc(path, doc, &out, &cause);
		if (rc == REPORT_OK) {
			char	*abs = realpath(path, NULL);

			ui_message(ui, 0, _("Saved %s."), abs != NULL ? abs :
			    path);
			free(abs);
		}
	}
	if (rc != REPORT_OK) {
		ui_message(ui, 1, rc == REPORT_EPRINT ?
		    _("Nothing was printed: %s") : _("Nothing was saved: %s"),
		    cause != NULL ? cause : strerror(errno));
		free(cause);
	}
	free(said);
	free(printer);
	free(path);
	rdoc_free(doc);
	return rc == REPORT_OK ? UI_POP : UI_OK;
}

static int
prn_key(struct ui *ui, struct screen *s, enum action a, int keycode,
    wint_t ch)
{
	struct prn	*d = s->data;

	(void)keycode;
	(void)ch;
	switch (a) {
	case A_UP:
	case A_DOWN:
	case A_HOME:
	case A_END:
	case A_PGUP:
	case A_PGDN:
		ui_list_key(d->step == 0 ? &d->lw : &d->lh, a, PRN_MAXWHAT);
		return UI_OK;
	case A_ENTER:
		if (d->step == 1)
			return prn_run(ui, s);
		if (d->what[d->lw.sel] == PW_SETTINGS) {
			prn_settings(ui);
			return UI_OK;
		}
		d->step = 1;
		return UI_OK;
	case A_BACK:
		if (d->step == 1) {
			d->step = 0;
			return UI_OK;
		}
		return UI_POP;
	default:
		return UI_UNHANDLED;
	}
}

const struct ui_screen_ops screen_print = {
	.title = N_("Print"),
	.id = SCR_PRINT,
	.init = prn_init,
	.free = prn_free,
	.draw = prn_draw,
	.key = prn_key,
};
