/* ui-edit: a one-line text editor of wide characters for the fields. */
#include "ui.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

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
