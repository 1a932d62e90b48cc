/* ui: terminal set-up, the screen stack, keys, drawing and editing. */
#include "ui.h"

#include <curses.h>
#include <errno.h>
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
#include "cmd.h"
#include "text.h"
#include "paths.h"
#include "util.h"


#define KEY_ESC 27

/* The one key table: the loop, the help screen and the bottom line. */
const struct keybind ui_keys[] = {
	{ KEY_F(1), A_HELP, SCR_ALL, "F1", N_("help"), 1 },
	{ '?', A_HELP, SCR_ALL, "?", N_("help"), 0 },
	{ 'q', A_QUIT, SCR_ALL, "q", N_("quit"), 1 },
	{ KEY_ESC, A_BACK, SCR_ALL & ~(SCR_YEARS | SCR_ITEM), "Esc",
	  N_("back"), 1 },
	{ KEY_ESC, A_BACK, SCR_ITEM, "Esc", N_("undo the field, or back"),
	  1 },
	{ KEY_UP, A_UP, SCR_ALL & ~SCR_ITEM, "↑", N_("up"), 0 },
	{ 'k', A_UP, SCR_ALL & ~SCR_ITEM, "k", N_("up"), 0 },
	{ KEY_DOWN, A_DOWN, SCR_ALL & ~SCR_ITEM, "↓", N_("down"), 0 },
	{ 'j', A_DOWN, SCR_ALL & ~SCR_ITEM, "j", N_("down"), 0 },
	{ KEY_PPAGE, A_PGUP, SCR_ALL & ~SCR_ITEM, "PgUp", N_("page up"), 0 },
	{ KEY_NPAGE, A_PGDN, SCR_ALL & ~SCR_ITEM, "PgDn", N_("page down"),
	  0 },
	{ KEY_HOME, A_HOME, SCR_ALL & ~SCR_ITEM, "Home", N_("first"), 0 },
	{ 'g', A_HOME, SCR_ALL & ~SCR_ITEM, "g", N_("first"), 0 },
	{ KEY_END, A_END, SCR_ALL & ~SCR_ITEM, "End", N_("last"), 0 },
	{ 'G', A_END, SCR_ALL & ~SCR_ITEM, "G", N_("last"), 0 },
	{ KEY_ENTER, A_ENTER, SCR_YEARS | SCR_AGENCIES | SCR_WALK |
	  SCR_RANKING | SCR_COMPARE, "Enter", N_("open"), 1 },
	{ KEY_ENTER, A_ENTER, SCR_ITEM, "Enter", N_("save the field"), 1 },
	{ '\t', A_NEXT_FIELD, SCR_ITEM, "Tab", N_("next field"), 1 },
	{ KEY_DOWN, A_NEXT_FIELD, SCR_ITEM, "↓", N_("next field"), 0 },
	{ KEY_BTAB, A_PREV_FIELD, SCR_ITEM, "S-Tab", N_("previous field"),
	  0 },
	{ KEY_UP, A_PREV_FIELD, SCR_ITEM, "↑", N_("previous field"), 0 },
	{ KEY_RIGHT, A_NEXT_CHOICE, SCR_ITEM, "→", N_("next status or level"),
	  1 },
	{ ' ', A_NEXT_CHOICE, SCR_ITEM, "Space", N_("next status or level"),
	  0 },
	{ KEY_LEFT, A_PREV_CHOICE, SCR_ITEM, "←",
	  N_("previous status or level"), 0 },
	{ KEY_RIGHT, A_NEXT_AREA, SCR_WALK, "→", N_("next area"), 1 },
	{ ']', A_NEXT_AREA, SCR_WALK, "]", N_("next area"), 0 },
	{ KEY_LEFT, A_PREV_AREA, SCR_WALK, "←", N_("previous area"), 0 },
	{ '[', A_PREV_AREA, SCR_WALK, "[", N_("previous area"), 0 },
	{ 'u', A_NEXT_UNSCORED, SCR_WALK, "u", N_("next unscored item"), 1 },
	{ '/', A_SEARCH, SCR_AGENCIES | SCR_WALK, "/", N_("search"), 1 },
	{ 's', A_SORT, SCR_AGENCIES, "s", N_("sort: official order / rank / "
	    "name"),
	  1 },
	{ 't', A_SIDE, SCR_RANKING | SCR_AGENCIES, "t",
	  N_("appraised / self-assessed"), 1 },
	{ 'm', A_MATRIX, SCR_RANKING, "m", N_("area matrix"), 1 },
	{ 'r', A_RANKING, SCR_YEARS | SCR_AGENCIES, "r", N_("ranking"), 1 },
	{ 'c', A_COMPARE, SCR_AGENCIES | SCR_WALK, "c",
	  N_("compare self and appraised"), 1 },
	{ 'd', A_DEDUCT, SCR_AGENCIES | SCR_WALK, "d", N_("deductions"), 1 },
	{ 'n', A_NEW_YEAR, SCR_YEARS, "n", N_("start a new year"), 1 },
	{ 'a', A_ADD, SCR_DEDUCT, "a", N_("add a deduction"), 1 },
	{ KEY_DC, A_DELETE, SCR_DEDUCT, "Del", N_("remove the line"), 1 },
	{ 'x', A_DELETE, SCR_DEDUCT, "x", N_("remove the line"), 0 },
	{ 12, A_REDRAW, SCR_ALL, "^L", N_("redraw"), 0 },
	{ 21, A_NONE, SCR_ITEM, "^U", N_("clear the field"), 0 },
};
const size_t ui_nkeys = sizeof ui_keys / sizeof ui_keys[0];

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

void
ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen	*s;

	if (ui->depth == UI_MAXDEPTH) {
		if (ops->free != NULL) {
			struct screen	tmp = { ops, data };

			ops->free(&tmp);
		}
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->data = data;
	ui->stack[ui->depth++] = s;
}

static void
ui_pop(struct ui *ui)
{
	struct screen	*s = ui->stack[--ui->depth];

	if (s->ops->free != NULL)
		s->ops->free(s);
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

char *
ui_cp(struct ui *ui, int64_t v, char *buf)
{
	return util_format_cp(v, ui->mark, buf);
}

char *
ui_rate(struct ui *ui, int64_t v, char *buf)
{
	util_format_cp2(v, ui->mark, buf);
	strcat(buf, "%");
	return buf;
}

const char *
ui_status_name(enum status s)
{
	switch (s) {
	case STATUS_EMPTY:
		return _("not scored");
	case STATUS_SCORED:
		return _("scored");
	case STATUS_NOT_ARISING:
		return _("not arising");
	case STATUS_NOT_ASSIGNED:
		return _("not assigned");
	case STATUS_NOT_DONE:
		return _("not done");
	}
	return "";
}

const char *
ui_state_name(enum app_state s)
{
	switch (s) {
	case APP_DRAFT:
		return _("draft");
	case APP_SUBMITTED:
		return _("submitted");
	case APP_APPRAISED:
		return _("appraised");
	case APP_PUBLISHED:
		return _("published");
	}
	return "?";
}

void
ui_frame(struct ui *ui, const char *title, unsigned screen)
{
	struct strbuf	 b;
	const char	*right = "";
	size_t		 i, j;
	int		 seen;

	if (ui->year != NULL && ui->year->published)
		right = _("PUBLISHED — read only");
	ui_color(ui, UC_TITLE, 1);
	ui_put(ui, 0, 0, COLS, "", 0);
	ui_put(ui, 0, 1, COLS - 2 - text_width(right), title, 0);
	ui_put(ui, 0, COLS - 1 - text_width(right), text_width(right), right,
	    0);
	ui_color(ui, UC_TITLE, 0);

	if (ui->msg != NULL) {
		ui_color(ui, ui->msg_error ? UC_ERROR : UC_GOOD, 1);
		ui_put(ui, LINES - 2, 0, COLS, ui->msg, 0);
		ui_color(ui, ui->msg_error ? UC_ERROR : UC_GOOD, 0);
	}
	strbuf_init(&b);
	for (i = 0; i < ui_nkeys; i++) {
		if (!ui_keys[i].bar || !(ui_keys[i].screens & screen))
			continue;
		for (j = 0, seen = 0; j < i; j++) {
			if (ui_keys[j].bar && ui_keys[j].action ==
			    ui_keys[i].action && (ui_keys[j].screens & screen))
				seen = 1;
		}
		if (!seen)
			strbuf_printf(&b, "%s %s  ", ui_keys[i].name,
			    _(ui_keys[i].help));
	}
	ui_color(ui, UC_BAR, 1);
	ui_put(ui, LINES - 1, 0, COLS, b.s != NULL ? b.s : "", 0);
	ui_color(ui, UC_BAR, 0);
	strbuf_clear(&b);
}

void
ui_list_fix(struct ui_list *l, int h)
{
	if (h < 1)
		h = 1;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_key(struct ui_list *l, enum action a, int h)
{
	switch (a) {
	case A_UP:
		l->sel--;
		break;
	case A_DOWN:
		l->sel++;
		break;
	case A_PGUP:
		l->sel -= h;
		break;
	case A_PGDN:
		l->sel += h;
		break;
	case A_HOME:
		l->sel = 0;
		break;
	case A_END:
		l->sel = l->n - 1;
		break;
	default:
		break;
	}
	ui_list_fix(l, h);
}

/* The line editor keeps wide characters; NFC is restored after each key
 * so that keyboards sending combining accents (NFD) compose correctly. */
void
ui_edit_set(struct ui_edit *e, const char *s)
{
	size_t	n;

	if (s == NULL)
		s = "";
	n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		n = 0;
	if (n + 1 > e->cap) {
		e->cap = n + 16;
		e->buf = xreallocarray(e->buf, e->cap, sizeof *e->buf);
	}
	e->len = mbstowcs(e->buf, s, n + 1) == (size_t)-1 ? 0 : n;
	e->buf[e->len] = L'\0';
	e->cur = e->len;
	e->dirty = 0;
}

char *
ui_edit_get(const struct ui_edit *e)
{
	size_t	 n;
	char	*s, *nfc;

	if (e->buf == NULL)
		return xstrdup("");
	n = wcstombs(NULL, e->buf, 0);
	if (n == (size_t)-1)
		return xstrdup("");
	s = xmalloc(n + 1);
	wcstombs(s, e->buf, n + 1);
	nfc = text_nfc(s);
	free(s);
	return nfc != NULL ? nfc : xstrdup("");
}

void
ui_edit_free(struct ui_edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

/* Compose the buffer to NFC, keeping the cursor on the same character. */
static void
ui_edit_nfc(struct ui_edit *e)
{
	char	*s = ui_edit_get(e);
	size_t	 tail = e->len - e->cur;

	ui_edit_set(e, s);
	free(s);
	e->cur = e->len >= tail ? e->len - tail : 0;
	e->dirty = 1;
}

int
ui_edit_key(struct ui_edit *e, int key, wint_t ch)
{
	switch (key) {
	case KEY_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 1;
	case KEY_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 1;
	case KEY_HOME:
		e->cur = 0;
		return 1;
	case KEY_END:
		e->cur = e->len;
		return 1;
	case KEY_BACKSPACE:
		if (e->cur == 0)
			return 1;
		memmove(e->buf + e->cur - 1, e->buf + e->cur,
		    (e->len - e->cur + 1) * sizeof *e->buf);
		e->cur--;
		e->len--;
		e->dirty = 1;
		return 1;
	case KEY_DC:
		if (e->cur == e->len)
			return 1;
		memmove(e->buf + e->cur, e->buf + e->cur + 1,
		    (e->len - e->cur) * sizeof *e->buf);
		e->len--;
		e->dirty = 1;
		return 1;
	case 0:
		break;
	default:
		return 0;
	}
	if (ch == 21) {			/* ^U: clear the field */
		if (e->len > 0)
			e->dirty = 1;
		e->len = e->cur = 0;
		if (e->buf != NULL)
			e->buf[0] = L'\0';
		return 1;
	}
	if (ch < 0x20 || ch == 0x7f)
		return 0;
	if (e->len + 2 > e->cap) {
		e->cap = e->cap * 2 + 16;
		e->buf = xreallocarray(e->buf, e->cap, sizeof *e->buf);
	}
	memmove(e->buf + e->cur + 1, e->buf + e->cur,
	    (e->len - e->cur + 1) * sizeof *e->buf);
	e->buf[e->cur++] = (wchar_t)ch;
	e->len++;
	ui_edit_nfc(e);
	return 1;
}

/* Columns taken by the first n characters of the buffer. */
static int
ui_edit_cols(const struct ui_edit *e, size_t n)
{
	int	w = 0, c;
	size_t	i;

	for (i = 0; i < n && i < e->len; i++) {
		c = wcwidth(e->buf[i]);
		w += c > 0 ? c : 0;
	}
	return w;
}

void
ui_edit_draw(struct ui *ui, struct ui_edit *e, int y, int x, int w,
    int focus)
{
	size_t	 start = 0, i;
	char	*s, *p;
	int	 cx;

	if (e->buf == NULL)
		ui_edit_set(e, "");
	/* Scroll so that the cursor stays inside the focused field. */
	while (focus && start < e->cur && ui_edit_cols(e, e->cur) -
	    ui_edit_cols(e, start) > w - 1)
		start++;
	s = ui_edit_get(e);
	p = s;
	for (i = 0; i < start; i++) {
		wchar_t	wc;
		int	n = mbtowc(&wc, p, MB_CUR_MAX);

		p += n > 0 ? n : 1;
	}
	ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
	ui_put(ui, y, x, w, p, 0);
	ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
	free(s);
	if (focus) {
		cx = x + ui_edit_cols(e, e->cur) - ui_edit_cols(e, start);
		move(y, cx < x + w ? cx : x + w - 1);
	}
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

/* The action bound to a key (keycode, or the character) on a screen. */
static enum action
ui_action(unsigned screen, int keycode, wint_t ch)
{
	int	key = keycode != 0 ? keycode : (int)ch;
	size_t	i;

	for (i = 0; i < ui_nkeys; i++) {
		if (ui_keys[i].key == key && (ui_keys[i].screens & screen))
			return ui_keys[i].action;
	}
	return A_NONE;
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

static void
ui_draw(struct ui *ui)
{
	struct screen	*s = ui->stack[ui->depth - 1];

	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	erase();
	curs_set(0);
	s->ops->draw(ui, s);
	if (s->ops->typing != NULL && s->ops->typing(s))
		curs_set(1);
	refresh();
}

char *
ui_prompt(struct ui *ui, const char *question, const char *initial)
{
	struct ui_edit	 e = { 0 };
	int		 keycode, rc, qw;
	wint_t		 ch;
	char		*r = NULL;

	ui_edit_set(&e, initial);
	for (;;) {
		ui_draw(ui);
		if (!ui_too_small()) {
			qw = text_width(question) + 1;
			ui_color(ui, UC_HEADER, 1);
			ui_put(ui, LINES - 2, 0, qw, question, 0);
			ui_color(ui, UC_HEADER, 0);
			curs_set(1);
			ui_edit_draw(ui, &e, LINES - 2, qw, COLS - qw - 1, 1);
			refresh();
		}
		if ((rc = ui_read(ui, &keycode, &ch)) < 0)
			break;
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
	int	keycode, rc;
	wint_t	ch;

	for (;;) {
		ui_draw(ui);
		if (!ui_too_small()) {
			ui_color(ui, UC_HEADER, 1);
			ui_put(ui, LINES - 2, 0, COLS, question, 0);
			ui_color(ui, UC_HEADER, 0);
			refresh();
		}
		if ((rc = ui_read(ui, &keycode, &ch)) < 0)
			return 0;
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
static void
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
ui_check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error("the screens need a terminal on standard input and "
		    "output; for scripts use the commands (cchc --help)");
		return EXIT_NOTTY;
	}
	return 0;
}

int
ui_main(struct store *st, int year, const char *datadir,
    const char *agencies)
{
	struct ui		 ui;
	struct sigaction	 sa;
	SCREEN			*scr;
	const char		*term = getenv("TERM");
	int			 keycode, rc, r;
	wint_t			 ch;
	enum action		 a;
	struct screen		*s;

	if ((rc = ui_check_terminal()) != 0)
		return rc;
	ui_locale();
	if (term == NULL || *term == '\0') {
		cmd_error("TERM is not set: cannot draw the screens");
		return EXIT_NOTTY;
	}
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		cmd_error("unknown terminal type \"%s\"", term);
		return EXIT_NOTTY;
	}
	set_term(scr);
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		cmd_error("terminal \"%s\" cannot address the cursor", term);
		return EXIT_NOTTY;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(250);
	memset(&ui, 0, sizeof ui);
	ui.st = st;
	ui.datadir = datadir;
	ui.agencies = agencies;
	ui.mark = ui_vietnamese() ? ',' : '.';
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		short	i;

		start_color();
		use_default_colors();
		for (i = 1; i < (short)UTIL_ARRAY_LEN(ui_pairs); i++)
			init_pair(i, ui_pairs[i][0], ui_pairs[i][1]);
		ui.color = 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	getmaxyx(stdscr, ui.rows, ui.cols);

	ui_push(&ui, &screen_years, NULL);
	if (year > 0 && ui_open_year(&ui, year) == 0 && ui.year->list->nblocks)
		ui_push(&ui, &screen_agencies, screen_agencies_new(&ui, 0));
	rc = EXIT_OK;
	while (ui.depth > 0) {
		ui_draw(&ui);
		if ((r = ui_read(&ui, &keycode, &ch)) < 0)
			break;
		if (r == 0 || keycode == KEY_RESIZE)
			continue;
		if (ui_too_small()) {
			if (keycode == 0 && ch == 'q')
				break;
			continue;
		}
		s = ui.stack[ui.depth - 1];
		free(ui.msg);
		ui.msg = NULL;
		r = UI_UNHANDLED;
		if (s->ops->typing != NULL && s->ops->typing(s))
			r = s->ops->key(&ui, s, A_NONE, keycode, ch);
		if (r == UI_UNHANDLED) {
			a = ui_action(s->ops->id, keycode, ch);
			if (a == A_NONE)
				continue;
			if (a == A_HELP) {
				ui_push(&ui, &screen_help, screen_help_new(&ui,
				    s->ops->id, _(s->ops->title)));
				continue;
			}
			if (a == A_REDRAW) {
				clearok(curscr, TRUE);
				continue;
			}
			r = s->ops->key(&ui, s, a, keycode, ch);
			if (r == UI_UNHANDLED && a == A_QUIT)
				r = UI_QUIT;
			if (r == UI_UNHANDLED && a == A_BACK)
				r = UI_POP;
		}
		if (r == UI_POP)
			ui_pop(&ui);
		else if (r == UI_QUIT)
			break;
	}
	while (ui.depth > 0)
		ui_pop(&ui);
	endwin();
	delscreen(scr);
	app_year_free(ui.year);
	free(ui.msg);
	return rc;
}

void
ui_totals(struct ui *ui, struct app_agency *a, size_t area, int y)
{
	const struct totals	*s = &a->self, *t = &a->appraised;
	const char		*gs = score_grade(a->form, s->rate);
	const char		*gt = score_grade(a->form, t->rate);
	char			 b1[32], b2[32], b3[32], b4[32], b5[32];
	char			 line[512];

	ui_color(ui, UC_BAR, 1);
	ui_put(ui, y, 0, COLS, "", 0);
	ui_put(ui, y + 1, 0, COLS, "", 0);
	ui_put(ui, y + 2, 0, COLS, "", 0);
	if (area == (size_t)-1)
		snprintf(line, sizeof line, _("Deductions: manual %s + "
		    "advisory %s"), ui_cp(ui, a->manual, b1),
		    ui_cp(ui, a->advisory, b2));
	else
		snprintf(line, sizeof line, _("Area %s: self %s/%s · appraised "
		    "%s/%s (%s)"), a->form->areas[area].code,
	    ui_cp(ui, s->area_points[area], b1),
	    ui_cp(ui, s->area_max[area], b2),
	    ui_cp(ui, t->area_points[area], b3),
	    ui_cp(ui, t->area_max[area], b4),
	    ui_rate(ui, t->area_rate[area], b5));
	ui_put(ui, y, 1, COLS - 2, line, 0);
	/* "? n" items not scored, "! n" without their evidence: the marks of
	 * the walk-through. */
	snprintf(line, sizeof line, _("Self:      %s/%s = %s  %s  rank %zu  "
	    "· ? %zu · ! %zu"), ui_cp(ui, s->total, b1), ui_cp(ui, s->max, b2),
	    ui_rate(ui, s->rate, b3), gs != NULL ? gs : "", a->rank_self,
	    s->unscored, s->no_evidence);
	ui_put(ui, y + 1, 1, COLS - 2, line, 0);
	snprintf(line, sizeof line, _("Appraised: %s − %s = %s/%s = %s  %s  "
	    "rank %zu  · ? %zu · ! %zu"), ui_cp(ui, t->points, b1),
	    ui_cp(ui, t->deduction, b2), ui_cp(ui, t->total, b3),
	    ui_cp(ui, t->max, b4), ui_rate(ui, t->rate, b5),
	    gt != NULL ? gt : "", a->rank_appraised, t->unscored,
	    t->no_evidence);
	ui_put(ui, y + 2, 1, COLS - 2, line, 0);
	ui_color(ui, UC_BAR, 0);
}

/* The screens in the order the help and the manual list them. */
static const struct {
	unsigned	 id;
	const char	*name;
} ui_screen_names[] = {
	{ SCR_YEARS, N_("Years and blocks") },
	{ SCR_AGENCIES, N_("Agencies of a block") },
	{ SCR_WALK, N_("Walk-through of an agency") },
	{ SCR_ITEM, N_("Item entry") },
	{ SCR_DEDUCT, N_("Deductions of an agency") },
	{ SCR_RANKING, N_("Ranking of a block") },
	{ SCR_COMPARE, N_("Compare self and appraised") },
	{ SCR_HELP, N_("Help") },
};

void
ui_key_lines(unsigned id, int global, void (*fn)(void *, const char *,
    const char *), void *arg)
{
	struct strbuf	b;
	size_t		i, j;

	for (i = 0; i < ui_nkeys; i++) {
		const struct keybind	*k = &ui_keys[i];

		if (!(k->screens & id) || (k->screens == SCR_ALL) != global)
			continue;
		for (j = 0; j < i; j++) {
			if (ui_keys[j].action == k->action &&
			    (ui_keys[j].screens & id) &&
			    (ui_keys[j].screens == SCR_ALL) == global &&
			    strcmp(ui_keys[j].help, k->help) == 0)
				break;
		}
		if (j < i)
			continue;	/* listed with the first key */
		strbuf_init(&b);
		for (j = i; j < ui_nkeys; j++) {
			if (ui_keys[j].action == k->action &&
			    (ui_keys[j].screens & id) &&
			    (ui_keys[j].screens == SCR_ALL) == global &&
			    strcmp(ui_keys[j].help, k->help) == 0)
				strbuf_printf(&b, "%s%s", b.len ? " " : "",
				    ui_keys[j].name);
		}
		fn(arg, b.s, k->help);
		strbuf_clear(&b);
	}
}

static void
ui_print_line(void *arg, const char *keys, const char *help)
{
	fprintf(arg, "\t%s\t%s\n", keys, help);
}

void
ui_print_keys(FILE *fp)
{
	size_t	s;

	for (s = 0; s < UTIL_ARRAY_LEN(ui_screen_names); s++) {
		fprintf(fp, "%s\n", ui_screen_names[s].name);
		ui_key_lines(ui_screen_names[s].id, 0, ui_print_line, fp);
	}
	fprintf(fp, "Everywhere\n");
	ui_key_lines(SCR_ALL, 1, ui_print_line, fp);
}
