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

/* Columns taken by the characters from..to-1 of the buffer. */
static int
ui_edit_cols_from(const struct ui_edit *e, size_t from, size_t to)
{
	int	w = 0, c;
	size_t	i;

	for (i = from; i < to && i < e->len; i++) {
		c = wcwidth(e->buf[i]);
		w += c > 0 ? c : 0;
	}
	return w;
}

/* Columns taken by the first n characters of the buffer. */
static int
ui_edit_cols(const struct ui_edit *e, size_t n)
{
	return ui_edit_cols_from(e, 0, n);
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

/*
 * Word-wrap the buffer in w columns: the first character of each line
 * in starts[] (caller frees), and one more entry, the end.  The cursor
 * may stand after the last character, so that place counts as one
 * column: the cursor always has a cell.  At least one line.
 */
static size_t
ui_edit_wrap(const struct ui_edit *e, int w, size_t **starts)
{
	size_t	*st = xcalloc(e->len + 2, sizeof *st), n = 0, i, sp;
	int	 width, c;

	if (w < 2)
		w = 2;
	st[n++] = 0;
	i = 0;
	while (i <= e->len) {
		width = 0;
		sp = (size_t)-1;
		while (i <= e->len) {
			c = i < e->len ? wcwidth(e->buf[i]) : 1;
			if (c < 0)
				c = 0;
			if (width + c > w)
				break;
			width += c;
			if (i < e->len && e->buf[i] == L' ')
				sp = i;
			i++;
		}
		if (i > e->len)
			break;
		/* Break after the last blank of the line, else mid-word. */
		if (sp != (size_t)-1 && sp + 1 > st[n - 1])
			i = sp + 1;
		else if (i == st[n - 1])
			i++;
		st[n++] = i;
	}
	st[n] = e->len;
	*starts = st;
	return n;
}

int
ui_edit_lines(struct ui_edit *e, int w)
{
	size_t	*st, n;

	if (e->buf == NULL)
		ui_edit_set(e, "");
	n = ui_edit_wrap(e, w, &st);
	free(st);
	return (int)n;
}

int
ui_edit_cursor_line(struct ui_edit *e, int w)
{
	size_t	*st, n, k;

	if (e->buf == NULL)
		ui_edit_set(e, "");
	n = ui_edit_wrap(e, w, &st);
	for (k = 0; k + 1 < n && e->cur >= st[k + 1]; k++)
		;
	free(st);
	return (int)k;
}

void
ui_edit_draw_lines(struct ui *ui, struct ui_edit *e, int y, int x, int w,
    int skip, int rows, int focus)
{
	size_t	*st, n, k, end;
	int	 row, cy = -1, cx = 0;

	if (e->buf == NULL)
		ui_edit_set(e, "");
	n = ui_edit_wrap(e, w, &st);
	ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 1);
	for (k = (size_t)(skip > 0 ? skip : 0), row = 0; k < n && row < rows;
	    k++, row++) {
		wchar_t	*seg;
		char	*mb;
		size_t	 len, m;

		end = k + 1 < n ? st[k + 1] : e->len;
		len = end - st[k];
		seg = xcalloc(len + 1, sizeof *seg);
		memcpy(seg, e->buf + st[k], len * sizeof *seg);
		m = wcstombs(NULL, seg, 0);
		mb = xcalloc(m == (size_t)-1 ? 1 : m + 1, 1);
		if (m != (size_t)-1)
			wcstombs(mb, seg, m + 1);
		ui_put(ui, y + row, x, w, mb, 0);
		free(mb);
		free(seg);
		if (focus && e->cur >= st[k] && (e->cur < end || k + 1 == n)) {
			cy = y + row;
			cx = x + ui_edit_cols_from(e, st[k], e->cur);
		}
	}
	ui_color(ui, focus ? UC_FIELD : UC_NORMAL, 0);
	free(st);
	if (cy >= 0)
		move(cy, cx < x + w ? cx : x + w - 1);
}
