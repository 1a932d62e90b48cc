/* text: display width, fitting, NFC and accent-insensitive keys (ICU). */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "util.h"

int
text_valid(const char *s)
{
	int32_t	i = 0, n = (int32_t)strlen(s);
	UChar32	c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return 0;
	}
	return 1;
}

int
text_valid_len(const char *s, size_t len)
{
	int32_t	i = 0, n;
	UChar32	c;

	if (len > INT32_MAX)
		return 0;
	n = (int32_t)len;
	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c <= 0)
			return 0;
	}
	return 1;
}

/* 1 for a character that moves the cursor, changes the terminal or
 * reorders text: shown as an escape. */
static int
text_is_control(UChar32 c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 ||
	    c == 0x2029 || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfeff;
}

int
text_has_control(const char *s, int keep_lines)
{
	int32_t	i = 0, n;
	size_t	len = strlen(s);
	UChar32	c;

	n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	while (i < n) {
		/* ASCII, most of every text, without decoding (this ran for
		 * every field of every imported row). */
		if ((unsigned char)s[i] < 0x80) {
			c = (unsigned char)s[i++];
			if ((c < 0x20 || c == 0x7f) && !(keep_lines &&
			    (c == '\n' || c == '\t')))
				return 1;
			continue;
		}
		U8_NEXT(s, i, n, c);
		if (c >= 0 && text_is_control(c))
			return 1;
	}
	return 0;
}

char *
text_escape_term(const char *s, size_t max, int keep_lines)
{
	struct strbuf	b;
	int32_t		i = 0, start, n;
	size_t		chars = 0, len = strlen(s);
	UChar32		c;

	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	while (i < n) {
		if (max > 0 && chars == max) {
			strbuf_puts(&b, "…");
			break;
		}
		start = i;
		U8_NEXT(s, i, n, c);
		chars++;
		if (c < 0) {
			/* Each byte that is not UTF-8 on its own. */
			for (; start < i; start++)
				strbuf_printf(&b, "\\x%02x",
				    (unsigned char)s[start]);
		} else if (keep_lines && (c == '\n' || c == '\t'))
			strbuf_add(&b, s + start, 1);
		else if (text_is_control(c) && c <= 0xff)
			strbuf_printf(&b, "\\x%02x", (unsigned)c);
		else if (text_is_control(c))
			strbuf_printf(&b, "\\u%04x", (unsigned)c);
		else
			strbuf_add(&b, s + start, (size_t)(i - start));
	}
	return strbuf_steal(&b);
}

static int
text_cp_width(UChar32 c)
{
	int	t, ea;

	if (c < 0)
		return 1;
	if (c >= 0x20 && c < 0x7f)	/* ASCII: no lookup (reports of */
		return 1;		/* 10,000 rows measure every cell) */
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0;
	t = u_charType(c);
	if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
	    t == U_FORMAT_CHAR)
		return 0;
	ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
		return 2;
	return 1;
}

int
text_width(const char *s)
{
	int32_t	i = 0, n = (int32_t)strlen(s);
	UChar32	c;
	int	w = 0;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		w += text_cp_width(c);
	}
	return w;
}

char *
text_fit(const char *s, int width)
{
	int32_t		 i = 0, n = (int32_t)strlen(s), cut = 0, prev;
	UChar32		 c;
	int		 w = 0, cw;
	struct strbuf	 b;

	if (width <= 0)
		return xstrdup("");
	if (text_width(s) <= width)
		return xstrdup(s);
	/* Keep characters (with their marks) while they fit in width - 1. */
	while (i < n) {
		prev = i;
		U8_NEXT(s, i, n, c);
		cw = text_cp_width(c);
		if (cw > 0 && w + cw > width - 1) {
			i = prev;
			break;
		}
		w += cw;
		cut = i;
	}
	strbuf_init(&b);
	strbuf_add(&b, s, (size_t)cut);
	strbuf_puts(&b, "…");
	return strbuf_steal(&b);
}

char *
text_pad(const char *s, int width, int align_right)
{
	char		*f = text_fit(s, width);
	int		 w = text_width(f), i;
	struct strbuf	 b;

	strbuf_init(&b);
	if (align_right) {
		for (i = w; i < width; i++)
			strbuf_add(&b, " ", 1);
	}
	strbuf_puts(&b, f);
	if (!align_right) {
		for (i = w; i < width; i++)
			strbuf_add(&b, " ", 1);
	}
	free(f);
	return strbuf_steal(&b);
}

/* UTF-8 to a fresh UTF-16 buffer; NULL if invalid. */
static UChar *
text_to_u16(const char *s, int32_t *len)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 n = 0;
	UChar		*u;

	u_strFromUTF8(NULL, 0, &n, s, -1, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return NULL;
	err = U_ZERO_ERROR;
	u = xcalloc((size_t)n + 1, sizeof *u);
	u_strFromUTF8(u, n + 1, len, s, -1, &err);
	if (U_FAILURE(err)) {
		free(u);
		return NULL;
	}
	return u;
}

static char *
text_to_u8(const UChar *u, int32_t len)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 n = 0;
	char		*s;

	u_strToUTF8(NULL, 0, &n, u, len, &err);
	err = U_ZERO_ERROR;
	s = xmalloc((size_t)n + 1);
	u_strToUTF8(s, n + 1, NULL, u, len, &err);
	if (U_FAILURE(err)) {
		free(s);
		return NULL;
	}
	return s;
}

/* Normalise u16 with a normaliser; returns a fresh buffer. */
static UChar *
text_normalize(const UNormalizer2 *nz, const UChar *u, int32_t len,
    int32_t *outlen)
{
	UErrorCode	 err = U_ZERO_ERROR;
	int32_t		 cap = len * 4 + 16;
	UChar		*o = xcalloc((size_t)cap, sizeof *o);

	*outlen = unorm2_normalize(nz, u, len, o, cap, &err);
	if (U_FAILURE(err)) {
		free(o);
		return NULL;
	}
	return o;
}

/*
 * 1 when s is well-formed UTF-8 made only of U+0000..U+024F (ASCII and
 * the Latin blocks) and U+1E00..U+1EFF (Latin Extended Additional, where
 * Vietnamese letters with two marks live).  Every such character is its
 * own NFC and no two of them compose (the second of a canonical pair is
 * a combining mark, U+0300 on), so the text is NFC as it is: ICU would
 * convert it to UTF-16 and back to return the same bytes.  test-text
 * checks the claim for every one of these code points against ICU.
 * Written by hand because ICU's quick check takes UTF-16 only.
 */
static int
text_nfc_plain(const unsigned char *p)
{
	for (; *p != '\0'; p++) {
		if (*p < 0x80)
			continue;
		if (*p >= 0xc2 && *p <= 0xc9 && (p[1] & 0xc0) == 0x80) {
			if (*p == 0xc9 && p[1] >= 0x90)
				return 0;		/* U+0250 on */
			p++;
		} else if (*p == 0xe1 && p[1] >= 0xb8 && p[1] <= 0xbb &&
		    (p[2] & 0xc0) == 0x80)
			p += 2;
		else
			return 0;
	}
	return 1;
}

char *
text_nfc(const char *s)
{
	if (text_nfc_plain((const unsigned char *)s))
		return xstrdup(s);
	return text_nfc_icu(s);
}

char *
text_nfc_icu(const char *s)
{
	UErrorCode		 err = U_ZERO_ERROR;
	const UNormalizer2	*nz = unorm2_getNFCInstance(&err);
	UChar			*u, *o;
	int32_t			 len, olen;
	char			*r;

	if (U_FAILURE(err) || (u = text_to_u16(s, &len)) == NULL)
		return NULL;
	o = text_normalize(nz, u, len, &olen);
	free(u);
	if (o == NULL)
		return NULL;
	r = text_to_u8(o, olen);
	free(o);
	return r;
}

char *
text_fold(const char *s)
{
	UErrorCode		 err = U_ZERO_ERROR;
	const UNormalizer2	*nfd = unorm2_getNFDInstance(&err);
	UChar			*u, *o, *f;
	int32_t			 len, olen, flen, i, j;
	char			*r;

	if (U_FAILURE(err) || (u = text_to_u16(s, &len)) == NULL)
		return NULL;
	o = text_normalize(nfd, u, len, &olen);
	free(u);
	if (o == NULL)
		return NULL;
	/* Drop the marks; đ and Đ have no decomposition, map them by hand. */
	for (i = j = 0; i < olen; i++) {
		if (u_charType(o[i]) == U_NON_SPACING_MARK)
			continue;
		if (o[i] == 0x0111 || o[i] == 0x0110)
			o[j++] = 'd';
		else
			o[j++] = o[i];
	}
	flen = j * 2 + 16;
	f = xcalloc((size_t)flen, sizeof *f);
	err = U_ZERO_ERROR;
	flen = u_strFoldCase(f, flen, o, j, U_FOLD_CASE_DEFAULT, &err);
	free(o);
	if (U_FAILURE(err)) {
		free(f);
		return NULL;
	}
	r = text_to_u8(f, flen);
	free(f);
	return r;
}

char *
text_upper(const char *s)
{
	UErrorCode	 err = U_ZERO_ERROR;
	UChar		*u, *o;
	int32_t		 len, olen;
	char		*r;

	if ((u = text_to_u16(s, &len)) == NULL)
		return NULL;
	olen = len * 3 + 16;
	o = xcalloc((size_t)olen, sizeof *o);
	olen = u_strToUpper(o, olen, u, len, "vi", &err);
	free(u);
	if (U_FAILURE(err)) {
		free(o);
		return NULL;
	}
	r = text_to_u8(o, olen);
	free(o);
	return r;
}

int
text_match(const char *haystack, const char *needle)
{
	char	*h = text_fold(haystack), *n = text_fold(needle);
	int	 found = h != NULL && n != NULL && strstr(h, n) != NULL;

	free(h);
	free(n);
	return found;
}

struct text_collator {
	UCollator	*coll;
};

struct text_collator *
text_collator_new(const char *locale)
{
	UErrorCode		 err = U_ZERO_ERROR;
	struct text_collator	*c = xcalloc(1, sizeof *c);

	c->coll = ucol_open(locale, &err);
	if (U_FAILURE(err)) {
		free(c);
		return NULL;
	}
	return c;
}

void
text_collator_free(struct text_collator *c)
{
	if (c == NULL)
		return;
	ucol_close(c->coll);
	free(c);
}

int
text_collate(struct text_collator *c, const char *a, const char *b)
{
	UErrorCode	err = U_ZERO_ERROR;
	int		r = ucol_strcollUTF8(c->coll, a, -1, b, -1, &err);

	if (U_FAILURE(err))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}
