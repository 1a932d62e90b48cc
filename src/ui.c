/* ui: terminal set-up, the screen stack, the loop and drawing helpers. */
#include "ui.h"

#include <curses.h>
#include <langinfo.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "text.h"
#include "paths.h"
#include "util.h"


#define KEY_ESC 27

static volatile sig_atomic_t ui_signalled;

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

const char *
ui_tr(const char *s)
{
	return dgettext("cchc", s);
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list	ap;

	free(ui->msg);
	va_start(ap, fmt);
	ui->msg = xvasprintf(fmt, ap);
	va_end(ap);
	ui->msg_error = error;
}

int
ui_push(struct ui *ui, const struct ui_screen_ops *ops, const void *args)
{
	struct screen	*s;
	void		*data;

	if (ui->depth == UI_MAXDEPTH)
		return -1;
	if ((data = ops->init(ui, args)) == NULL)
		return -1;
	s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->data = data;
	ui->stack[ui->depth++] = s;
	return 0;
}

static void
ui_pop(struct ui *ui)
{
	struct screen	*s = ui->stack[--ui->depth];

	s->ops->free(s->data);
	free(s);
}

int
ui_open_year(struct ui *ui, int year)
{
	struct app_year	*y;
	char		*cause = NULL;

	if (ui->year != NULL && ui->year->year == year)
		return 0;
	if (app_year_load(ui->st, year, &y, &cause) != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return -1;
	}
	app_year_free(ui->year);
	ui->year = y;
	ui->generation++;
	return 0;
}

static const short ui_pairs[][2] = {
	[UC_NORMAL] = { -1, -1 },
	[UC_TITLE] = { COLOR_WHITE, COLOR_BLUE },
	[UC_HEADER] = { COLOR_CYAN, -1 },
	[UC_SELECT] = { COLOR_BLACK, COLOR_CYAN },
	[UC_WARN] = { COLOR_YELLOW, -1 },
	[UC_ERROR] = { COLOR_RED, -1 },
	[UC_GOOD] = { COLOR_GREEN, -1 },
	[UC_DIM] = { COLOR_BLUE, -1 },
	[UC_FIELD] = { COLOR_BLACK, COLOR_WHITE },
	[UC_BAR] = { COLOR_BLACK, COLOR_WHITE },
	[UC_GRADE0] = { COLOR_GREEN, -1 },
	[UC_GRADE1] = { COLOR_CYAN, -1 },
	[UC_GRADE2] = { COLOR_YELLOW, -1 },
	[UC_GRADE3] = { COLOR_RED, -1 },
	[UC_CELL0] = { COLOR_BLACK, COLOR_GREEN },
	[UC_CELL1] = { COLOR_BLACK, COLOR_CYAN },
	[UC_CELL2] = { COLOR_BLACK, COLOR_YELLOW },
	[UC_CELL3] = { COLOR_WHITE, COLOR_RED },
};

/* Monochrome: attributes only. */
static const attr_t ui_mono[] = {
	[UC_NORMAL] = A_NORMAL,
	[UC_TITLE] = A_REVERSE | A_BOLD,
	[UC_HEADER] = A_BOLD,
	[UC_SELECT] = A_REVERSE,
	[UC_WARN] = A_BOLD,
	[UC_ERROR] = A_BOLD | A_UNDERLINE,
	[UC_GOOD] = A_NORMAL,
	[UC_DIM] = A_DIM,
	[UC_FIELD] = A_UNDERLINE,
	[UC_BAR] = A_REVERSE,
	/* Grades: the shade characters say it (ui_grade_shade). */
	[UC_GRADE0] = A_NORMAL,
	[UC_GRADE1] = A_NORMAL,
	[UC_GRADE2] = A_NORMAL,
	[UC_GRADE3] = A_NORMAL,
	[UC_CELL0] = A_NORMAL,
	[UC_CELL1] = A_NORMAL,
	[UC_CELL2] = A_NORMAL,
	[UC_CELL3] = A_NORMAL,
};

void
ui_color(struct ui *ui, enum ui_color c, int on)
{
	attr_t	a = ui->color ? COLOR_PAIR(c) | (c == UC_TITLE ||
		    c == UC_HEADER ? A_BOLD : 0) : ui_mono[c];

	if (on)
		attron(a);
	else
		attroff(a);
}

void
ui_put(struct ui *ui, int y, int x, int w, const char *s, int right)
{
	char	*p;

	(void)ui;
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	p = text_pad(s != NULL ? s : "", w, right);
	mvaddstr(y, x, p);
	free(p);
}

/* Word-wrap s into at most n lines of w columns; draw them at (y, x)
 * unless y < 0.  The number of lines. */
static int
ui_wrap_lines(struct ui *ui, int y, int x, int w, int n, const char *s)
{
	char	**lv;	/* not "lines": term.h defines that */
	size_t	  nl, i;

	nl = ui_wrap_split(s, w, n > 0 ? (size_t)n : 1, &lv);
	for (i = 0; y >= 0 && i < nl; i++)
		ui_put(ui, y + (int)i, x, w, lv[i], 0);
	ui_lines_free(lv, nl);
	return (int)nl;
}

int
ui_wrap(struct ui *ui, int y, int x, int w, int n, const char *s)
{
	return ui_wrap_lines(ui, y, x, w, n, s);
}

/* A message or question shown whole: wrapped, on up to 4 lines ending
 * at the line above the key bar. */
static void
ui_put_bottom(struct ui *ui, const char *s)
{
	int	n = ui_wrap_lines(ui, -1, 0, COLS - 1, 4, s), i;

	for (i = 0; i < n; i++)
		ui_put(ui, LINES - 1 - n + i, 0, COLS, "", 0);
	ui_wrap_lines(ui, LINES - 1 - n, 0, COLS - 1, 4, s);
}

/* Read one key: 1 with *keycode (a KEY_*) or *ch (a character), 0 on
 * nothing (timeout), -1 when the input is gone or a signal asks to stop. */
static int
ui_read(struct ui *ui, int *keycode, wint_t *ch)
{
	static int	 fast_errs;
	struct timespec	 t0, t1;
	int		 rc;
	long		 ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = get_wch(ch);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ui_signalled)
		return -1;
	*keycode = 0;
	if (rc == ERR) {
		/* ERR at once, again and again: the input is gone (EOF). */
		ms = (t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000000;
		fast_errs = ms < 100 ? fast_errs + 1 : 0;
		return fast_errs > 20 ? -1 : 0;
	}
	fast_errs = 0;
	if (rc == KEY_CODE_YES) {
		*keycode = (int)*ch;
		if (*keycode == KEY_RESIZE)
			getmaxyx(stdscr, ui->rows, ui->cols);
		return 1;
	}
	switch (*ch) {
	case '\n':
	case '\r':
		*keycode = KEY_ENTER;
		break;
	case 127:
	case 8:
		*keycode = KEY_BACKSPACE;
		break;
	case KEY_ESC:
		*keycode = KEY_ESC;
		break;
	case 12:
		*keycode = 12;
		break;
	case '\t':
		*keycode = '\t';
		break;
	default:
		break;
	}
	return 1;
}

static int
ui_too_small(void)
{
	return LINES < 24 || COLS < 80;
}

static void
ui_draw_too_small(void)
{
	erase();
	mvaddstr(LINES / 2 - 1, 1, _("The terminal is too small."));
	mvprintw(LINES / 2, 1, _("cchc needs 80×24; this one is %d×%d."),
	    COLS, LINES);
	mvaddstr(LINES / 2 + 1, 1, _("Make the window larger (q quits)."));
	refresh();
}

/* Draw the top screen; only after a key, a resize or a change, never on
 * a tick of the input timeout. */
static void
ui_draw(struct ui *ui)
{
	struct screen	*s = ui->stack[ui->depth - 1];

	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	/* What the screen derives from the year, once per change. */
	if (s->ops->update != NULL && s->generation != ui->generation) {
		s->generation = ui->generation;
		s->ops->update(ui, s);
	}
	erase();
	curs_set(0);
	s->ops->draw(ui, s);
	/* The message last, whole, over what the screen drew; the cursor
	 * stays where the screen put it. */
	if (ui->msg != NULL) {
		int	cy, cx;

		getyx(stdscr, cy, cx);
		ui_color(ui, ui->msg_error ? UC_ERROR : UC_GOOD, 1);
		ui_put_bottom(ui, ui->msg);
		ui_color(ui, ui->msg_error ? UC_ERROR : UC_GOOD, 0);
		move(cy, cx);
	}
	if (s->ops->typing != NULL && s->ops->typing(s))
		curs_set(1);
	refresh();
}

char *
ui_prompt(struct ui *ui, const char *question, const char *initial)
{
	struct ui_edit	 e = { 0 };
	int		 keycode, rc, qw, ew, nl, skip, i, y, draw = 1;
	char		**qv = NULL;
	size_t		  nq;
	wint_t		 ch;
	char		*r = NULL;

	ui_edit_set(&e, initial);
	for (;;) {
		if (draw)
			ui_draw(ui);
		if (draw && !ui_too_small()) {
			/* The answer wraps, growing upwards (at most 4
			 * lines), so that a long reason is read whole; a
			 * long question takes its own lines above it. */
			qw = text_width(question) + 1;
			nq = 0;
			if (qw > COLS / 2) {
				nq = ui_wrap_split(question, COLS - 1, 2, &qv);
				qw = 0;
			}
			ew = COLS - qw - 1;
			nl = ui_edit_lines(&e, ew);
			skip = ui_edit_cursor_line(&e, ew) - 3;
			if (skip < 0)
				skip = 0;
			if (nl - skip > 4)
				nl = skip + 4;
			y = LINES - 1 - (nl - skip);
			for (i = 0; i < nl - skip + (int)nq; i++)
				ui_put(ui, y - (int)nq + i, 0, COLS, "", 0);
			ui_color(ui, UC_HEADER, 1);
			for (i = 0; i < (int)nq; i++)
				ui_put(ui, y - (int)nq + i, 0, COLS - 1,
				    qv[i], 0);
			if (nq == 0)
				ui_put(ui, y, 0, qw, question, 0);
			ui_color(ui, UC_HEADER, 0);
			if (nq > 0)
				ui_lines_free(qv, nq);
			curs_set(1);
			ui_edit_draw_lines(ui, &e, y, qw, ew, skip, nl - skip,
			    1);
			refresh();
		}
		if ((rc = ui_read(ui, &keycode, &ch)) < 0)
			break;
		draw = rc > 0;
		if (rc == 0 || keycode == KEY_RESIZE)
			continue;
		if (keycode == KEY_ESC)
			break;
		if (keycode == KEY_ENTER) {
			r = ui_edit_get(&e);
			break;
		}
		ui_edit_key(&e, keycode, ch);
	}
	ui_edit_free(&e);
	curs_set(0);
	return r;
}

int
ui_confirm(struct ui *ui, const char *question)
{
	int	keycode, rc, draw = 1;
	wint_t	ch;

	for (;;) {
		if (draw)
			ui_draw(ui);
		if (draw && !ui_too_small()) {
			ui_color(ui, UC_HEADER, 1);
			ui_put_bottom(ui, question);
			ui_color(ui, UC_HEADER, 0);
			refresh();
		}
		if ((rc = ui_read(ui, &keycode, &ch)) < 0)
			return 0;
		draw = rc > 0;
		if (rc == 0 || keycode == KEY_RESIZE)
			continue;
		if (keycode == KEY_ESC)
			return 0;
		if (keycode == 0 && (ch == 'y' || ch == 'Y' || ch == 'c' ||
		    ch == 'C'))
			return 1;
		if (keycode == 0 && (ch == 'n' || ch == 'N' || ch == 'k' ||
		    ch == 'K'))
			return 0;
	}
}

/* UTF-8 for the screens even under LANG=C (as under cron or ssh). */
void
ui_locale(void)
{
	const char	*lang = getenv("LANGUAGE"), *pref = getenv("CCHC_LANG");
	char		 exe[4096], *dir, *path, *alt;
	struct stat	 sb;
	ssize_t		 n;

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		setlocale(LC_CTYPE, "C.UTF-8");
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	if (setlocale(LC_MESSAGES, NULL) != NULL &&
	    (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* Vietnamese by default; LANGUAGE or CCHC_LANG=en choose English. */
	if (pref != NULL && *pref != '\0')
		setenv("LANGUAGE", pref, 1);
	else if (lang == NULL || *lang == '\0')
		setenv("LANGUAGE", "vi", 1);
	/* Beside a built program (build/cchc, ./cchc in the tree), else
	 * where make install put it. */
	bindtextdomain("cchc", CCHC_LOCALEDIR);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((dir = strrchr(exe, '/')) != NULL)
			*dir = '\0';
		path = xasprintf("%s/locale/vi/LC_MESSAGES/cchc.mo", exe);
		alt = xasprintf("%s/build/locale/vi/LC_MESSAGES/cchc.mo", exe);
		if (stat(path, &sb) == 0) {
			path[strlen(path) - strlen("/vi/LC_MESSAGES/cchc.mo")] =
			    '\0';
			bindtextdomain("cchc", path);
		} else if (stat(alt, &sb) == 0) {
			alt[strlen(alt) - strlen("/vi/LC_MESSAGES/cchc.mo")] =
			    '\0';
			bindtextdomain("cchc", alt);
		}
		free(path);
		free(alt);
	}
	bind_textdomain_codeset("cchc", "UTF-8");
}

static int
ui_vietnamese(void)
{
	/* The catalogue says which language it is. */
	return strcmp(_("Vietnamese"), "Tiếng Việt") == 0;
}

int
ui_check_terminal(char **cause)
{
	*cause = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup(TR("the screens need a terminal on standard input and output; for scripts use the commands (cchc --help)"));
		return UI_EXIT_NOTTY;
	}
	return UI_EXIT_DONE;
}

/* Set up the terminal: NULL and *cause when it cannot show the screens. */
static SCREEN *
ui_term_open(char **cause)
{
	const char	*term = getenv("TERM");
	SCREEN		*scr;

	if (term == NULL || *term == '\0') {
		*cause = xstrdup(TR("TERM is not set: cannot draw the screens"));
		return NULL;
	}
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		*cause = xasprintf(TR("unknown terminal type \"%s\""), term);
		return NULL;
	}
	set_term(scr);
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		*cause = xasprintf(TR("terminal \"%s\" cannot address the cursor"),
		    term);
		return NULL;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* The timeout only lets a signal or the end of the input be seen;
	 * a tick without a key draws nothing and asks nothing. */
	timeout(250);
	return scr;
}

/* Hand a key to the top screen: as text while it types, else as the
 * action bound to it.  Returns UI_* flags for the loop. */
static int
ui_dispatch(struct ui *ui, int keycode, wint_t ch)
{
	struct screen	*s = ui->stack[ui->depth - 1];
	enum action	 a;
	int		 r = UI_UNHANDLED;

	free(ui->msg);
	ui->msg = NULL;
	if (s->ops->typing != NULL && s->ops->typing(s))
		r = s->ops->key(ui, s, A_NONE, keycode, ch);
	if (!(r & UI_UNHANDLED))
		return r;
	switch (a = ui_action(s->ops->id, keycode, ch)) {
	case A_NONE:
		return UI_OK;
	case A_HELP:
		if (ui->help != NULL)
			ui_push(ui, ui->help, &(struct ui_help_args){
			    s->ops->id, _(s->ops->title) });
		return UI_OK;
	case A_REDRAW:
		clearok(curscr, TRUE);
		return UI_OK;
	default:
		break;
	}
	r = s->ops->key(ui, s, a, keycode, ch);
	if ((r & UI_UNHANDLED) && a == A_QUIT)
		r |= UI_QUIT;
	if ((r & UI_UNHANDLED) && a == A_BACK)
		r |= UI_POP;
	return r & ~UI_UNHANDLED;
}

/*
 * Another program (an operator on the same file, cchc set or import)
 * committed: load the open year again and let every screen refresh.  The
 * agencies stay where they were, so the screens' pointers hold; when
 * the year changed shape they cannot, and the screens above the root go.
 * 1 when the screens must be drawn again.
 */
static int
ui_live(struct ui *ui)
{
	struct app_year	*ny;
	char		*cause = NULL;
	int		 kept;

	if (ui->year == NULL || !app_year_stale(ui->st, ui->year))
		return 0;
	if (app_year_reload(ui->st, ui->year, &ny, &kept, &cause) != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return 1;
	}
	if (!kept) {
		while (ui->depth > 1)
			ui_pop(ui);
		app_year_free(ui->year);
	}
	ui->year = ny;
	ui->generation++;
	return 1;
}

int
ui_main(struct store *st, const struct ui_start *start, char **cause)
{
	struct ui		 ui;
	struct sigaction	 sa;
	SCREEN			*scr;
	int			 keycode, rc, r, draw;
	size_t			 i;
	wint_t			 ch;

	if ((rc = ui_check_terminal(cause)) != UI_EXIT_DONE)
		return rc;
	ui_locale();
	if ((scr = ui_term_open(cause)) == NULL)
		return UI_EXIT_NOTTY;
	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.generation = 1;
	ui.help = start->help;
	ui.datadir = start->datadir;
	ui.agencies = start->agencies;
	ui.mark = ui_vietnamese() ? ',' : '.';
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		short	c;

		start_color();
		use_default_colors();
		for (c = 1; c < (short)UTIL_ARRAY_LEN(ui_pairs); c++)
			init_pair(c, ui_pairs[c][0], ui_pairs[c][1]);
		ui.color = 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	getmaxyx(stdscr, ui.rows, ui.cols);

	for (i = 0; i < start->nopen && i < UI_MAXSTART; i++) {
		if (ui_push(&ui, start->open[i].ops, start->open[i].args) != 0)
			break;
	}
	draw = 1;
	while (ui.depth > 0) {
		/* Checked when idle (each tick) and before a draw after a key. */
		if (ui_live(&ui))
			draw = 1;
		if (draw)
			ui_draw(&ui);
		if ((r = ui_read(&ui, &keycode, &ch)) < 0)
			break;
		if ((draw = r > 0) == 0 || keycode == KEY_RESIZE)
			continue;
		if (ui_too_small()) {
			if (keycode == 0 && ch == 'q')
				break;
			continue;
		}
		r = ui_dispatch(&ui, keycode, ch);
		if (r & UI_CHANGED)
			ui.generation++;
		if (r & UI_QUIT)
			break;
		if (r & UI_POP)
			ui_pop(&ui);
	}
	while (ui.depth > 0)
		ui_pop(&ui);
	endwin();
	delscreen(scr);
	app_year_free(ui.year);
	free(ui.msg);
	return UI_EXIT_DONE;
}
