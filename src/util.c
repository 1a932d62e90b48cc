/* util: memory helpers, strings, error lists and fixed-point numbers. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"

static void
util_oom(void)
{
	/* The one exit outside main: without memory nothing can report. */
	fputs("cchc: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		util_oom();
	p = realloc(old, n * size != 0 ? n * size : 1);
	if (p == NULL)
		util_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	char	*p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		util_oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
strbuf_init(struct strbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
strbuf_clear(struct strbuf *b)
{
	free(b->s);
	strbuf_init(b);
}

void
strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_puts(b, p);
	free(p);
}

char *
strbuf_steal(struct strbuf *b)
{
	char	*s = b->s != NULL ? b->s : xstrdup("");

	strbuf_init(b);
	return s;
}

void
errlist_init(struct errlist *e)
{
	e->items = NULL;
	e->n = e->cap = 0;
}

void
errlist_clear(struct errlist *e)
{
	size_t	i;

	for (i = 0; i < e->n; i++) {
		free(e->items[i].msg);
		free(e->items[i].file);
	}
	free(e->items);
	errlist_init(e);
}

void
errlist_add(struct errlist *e, const char *file, int line, const char *fmt,
    ...)
{
	va_list		 ap;
	char		*text;
	struct err	*it;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->items = xreallocarray(e->items, e->cap, sizeof *e->items);
	}
	it = &e->items[e->n];
	it->file = xstrdup(file);
	it->line = line;
	it->seq = e->n++;
	if (file != NULL && line > 0)
		it->msg = xasprintf("%s:%d: %s", file, line, text);
	else if (file != NULL)
		it->msg = xasprintf("%s: %s", file, text);
	else
		it->msg = xstrdup(text);
	free(text);
}

/* The position of a file's first message, so files keep their order. */
static size_t
errlist_file_rank(const struct errlist *e, const char *file)
{
	size_t	i, best = SIZE_MAX;

	for (i = 0; i < e->n; i++) {
		if (e->items[i].file != NULL && file != NULL &&
		    strcmp(e->items[i].file, file) == 0 &&
		    e->items[i].seq < best)
			best = e->items[i].seq;
	}
	return best;
}

void
errlist_sort(struct errlist *e)
{
	size_t		i, j;
	struct err	t;

	/* Insertion sort: stable, and lists are short. */
	for (i = 1; i < e->n; i++) {
		t = e->items[i];
		for (j = i; j > 0; j--) {
			struct err	*p = &e->items[j - 1];
			size_t		 rp = errlist_file_rank(e, p->file);
			size_t		 rt = errlist_file_rank(e, t.file);

			if (rp < rt || (rp == rt && (p->line < t.line ||
			    (p->line == t.line && p->seq < t.seq))))
				break;
			e->items[j] = *p;
		}
		e->items[j] = t;
	}
}

int
util_scan_cp(const char *s, int64_t *out)
{
	const char	*p = s;
	int64_t		 whole = 0, frac = 0;
	int		 neg = 0, ndig = 0, nfrac = 0, big = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	/*
	 * Digits accumulate only while whole <= UTIL_CP_LIMIT / 100, so
	 * whole * 10 + 9 stays below 2^34: no overflow however long the
	 * input; a larger number is only remembered as too big.
	 */
	while (isdigit((unsigned char)*p)) {
		if (!big) {
			whole = whole * 10 + (*p - '0');
			big = whole > UTIL_CP_LIMIT / 100;
		}
		p++;
		ndig++;
	}
	if (*p == '.' || *p == ',') {
		p++;
		while (isdigit((unsigned char)*p)) {
			if (++nfrac <= 2)
				frac = frac * 10 + (*p - '0');
			p++;
		}
		if (nfrac == 1)
			frac *= 10;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || ndig + nfrac == 0)
		return UTIL_CP_SYNTAX;
	if (nfrac > 2)
		return UTIL_CP_DECIMALS;
	/* whole <= 10^9 + 9 here, so whole * 100 + frac < 2^37. */
	if (big || whole * 100 + frac > UTIL_CP_LIMIT)
		return UTIL_CP_RANGE;
	*out = neg ? -(whole * 100 + frac) : whole * 100 + frac;
	return 0;
}

/* Why s was refused (r, a UTIL_CP_*), in *cause. */
static void
util_cp_cause(const char *s, int r, char **cause)
{
	char	a[UTIL_CP_BUFSZ], b[UTIL_CP_BUFSZ], *q;

	/* The value as typed, but safe to print and never a megabyte. */
	q = text_escape_term(s, TEXT_ECHO_MAX, 0);
	switch (r) {
	case UTIL_CP_DECIMALS:
		*cause = xasprintf(TR("\"%s\" has more than two decimals"), q);
		break;
	case UTIL_CP_RANGE:
		*cause = xasprintf(
		    TR("\"%s\" is outside the allowed range %s..%s"), q,
		    util_format_cp(-UTIL_CP_LIMIT, util_msg_mark(), a),
		    util_format_cp(UTIL_CP_LIMIT, util_msg_mark(), b));
		break;
	default:
		*cause = xasprintf(TR("\"%s\" is not a number"), q);
		break;
	}
	free(q);
}

int
util_parse_cp(const char *s, int64_t *out, char **cause)
{
	int	r;

	if ((r = util_scan_cp(s, out)) == 0)
		return 0;
	util_cp_cause(s, r, cause);
	return -1;
}

int
util_parse_cp_unit(const char *s, const char *unit, int64_t *out,
    char **cause)
{
	char	*copy = xstrdup(s);
	size_t	 n = strlen(copy), u = unit != NULL ? strlen(unit) : 0;
	int	 r;

	while (n > 0 && isspace((unsigned char)copy[n - 1]))
		copy[--n] = '\0';
	if (u > 0 && n > u && strcmp(copy + n - u, unit) == 0)
		copy[n - u] = '\0';
	r = util_scan_cp(copy, out);
	free(copy);
	if (r == 0)
		return 0;
	util_cp_cause(s, r, cause);
	return -1;
}

static char *
util_format(int64_t v, char mark, char *buf, int trim)
{
	uint64_t	 a = v < 0 ? -(uint64_t)v : (uint64_t)v, w = a / 100;
	unsigned	 frac = (unsigned)(a % 100);
	char		 digits[24], *p = buf;
	size_t		 n = 0;

	/* By hand, not snprintf: an export formats two numbers a row. */
	if (v < 0)
		*p++ = '-';
	do
		digits[n++] = (char)('0' + w % 10);
	while ((w /= 10) > 0);
	while (n > 0)
		*p++ = digits[--n];
	if (!trim || frac != 0) {
		*p++ = mark;
		*p++ = (char)('0' + frac / 10);
		if (!trim || frac % 10 != 0)
			*p++ = (char)('0' + frac % 10);
	}
	*p = '\0';
	return buf;
}

char *
util_format_cp(int64_t v, char mark, char *buf)
{
	return util_format(v, mark, buf, 1);
}

char
util_msg_mark(void)
{
	/* TRANSLATORS: the last character is the decimal mark of numbers
	 * in messages; Vietnamese writes "decimal mark: ,". */
	const char	*s = TR("decimal mark: .");
	size_t		 n = strlen(s);

	return n > 0 && (s[n - 1] == '.' || s[n - 1] == ',') ? s[n - 1] :
	    '.';
}

char *
util_format_cp2(int64_t v, char mark, char *buf)
{
	return util_format(v, mark, buf, 0);
}

int64_t
util_div_round(int64_t num, int64_t den)
{
	int64_t	q, r;

	if (den <= 0)
		return 0;
	q = num / den;		/* den > 0: no INT64_MIN / -1 */
	r = num % den;
	/* Floor division: r moves into [0, den) and q down by one. */
	if (r < 0) {
		r += den;
		q--;
	}
	/*
	 * Round half up (towards +infinity at exactly .5): r >= den - r is
	 * 2r >= den without doubling r.  q + 1 cannot overflow: it needs
	 * q == INT64_MAX, so den == 1, so r == 0.
	 */
	if (r >= den - r)
		q++;
	return q;
}

int
util_mul_div_round(int64_t a, int64_t b, int64_t den, int64_t *out)
{
	/* |a * b| <= 2^126 fits a signed 128-bit integer. */
	__int128	p = (__int128)a * b, q, r;

	if (den <= 0)
		return -1;
	q = p / den;
	r = p % den;
	if (r < 0) {
		r += den;
		q--;
	}
	if (r >= den - r)
		q++;
	if (q < INT64_MIN || q > INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

int
util_parse_uint(const char *s, int *out)
{
	int	v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s) ||
		    v > (INT_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

void
util_hex(const unsigned char *d, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[i * 2] = hex[d[i] >> 4];
		out[i * 2 + 1] = hex[d[i] & 15];
	}
	out[n * 2] = '\0';
}

int
util_mkdirs(const char *path, unsigned int mode)
{
	char	*p = xstrdup(path), *s;
	int	 rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int
util_has_dir(const char *dir, const char *sub)
{
	struct stat	 sb;
	char		*p = xasprintf("%s/%s", dir, sub);
	int		 r = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);

	free(p);
	return r;
}
