/*
 * util: memory helpers, a growable string, an error list, and the
 * fixed-point number syntax of the whole program.  Pure: no I/O.
 *
 * Points are int64_t "centipoints" (hundredths): 14.5 points is 1450.
 * Rates are int64_t basis points (hundredths of a percent).
 */
#ifndef CCHC_UTIL_H
#define CCHC_UTIL_H

#include <libintl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define UTIL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Messages an operator may read go through the "cchc" catalogue, bound
 * at start (ui_locale) for the screens and the command line alike.
 */
#define TR(s)	dgettext("cchc", s)
/* A text marked for the catalogue, translated where it is shown. */
#define N_(s)	(s)

/* mkdir -p, with mode for the folders it makes: 0, or -1 (errno). */
int	 util_mkdirs(const char *path, unsigned int mode);

/* n bytes as 2n lower-case hex digits and a NUL in out. */
void	 util_hex(const unsigned char *, size_t n, char *out);

/* Allocation that aborts on failure (out of memory is not recoverable). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);		/* caller frees; NULL gives NULL */
char	*xstrndup(const char *, size_t);	/* caller frees */
char	*xasprintf(const char *, ...)		/* caller frees */
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)	/* caller frees */
	    __attribute__((format(printf, 1, 0)));
/* 1 when dir/sub is a folder (the source tree is told by forms/, data/). */
int	 util_has_dir(const char *dir, const char *sub);

/* A growable NUL-terminated string. */
struct strbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};
void	 strbuf_init(struct strbuf *);
void	 strbuf_clear(struct strbuf *);	/* frees the contents */
void	 strbuf_add(struct strbuf *, const char *, size_t);
void	 strbuf_puts(struct strbuf *, const char *);
void	 strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*strbuf_steal(struct strbuf *);	/* caller frees; buffer reset */

/* A list of messages, each "file:line: text", collected then shown. */
struct err {
	char	*msg;		/* the whole "file:line: text" */
	char	*file;		/* may be NULL */
	int	 line;		/* 0 when none */
	size_t	 seq;		/* order of arrival */
};
struct errlist {
	struct err	*items;
	size_t		 n;
	size_t		 cap;
};
void	 errlist_init(struct errlist *);
void	 errlist_clear(struct errlist *);
void	 errlist_add(struct errlist *, const char *file, int line,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
/* Order by file (first appearance), then line, then arrival. */
void	 errlist_sort(struct errlist *);

/*
 * The largest magnitude of a number anywhere in the program: 10^9 points,
 * in hundredths.  Every number is bounded by it where it is parsed, so a
 * product of two such numbers (below 2^74) fits the 128-bit intermediates
 * of the exact arithmetic, and a sum of 2^26 of them fits an int64_t.
 */
#define UTIL_CP_LIMIT	INT64_C(100000000000)

/* Why util_scan_cp refused a number. */
#define UTIL_CP_SYNTAX		1	/* not a number */
#define UTIL_CP_DECIMALS	2	/* more than two decimals */
#define UTIL_CP_RANGE		3	/* magnitude above UTIL_CP_LIMIT */

/*
 * Parse a decimal number of at most two decimals, with '.' or ',' as the
 * decimal mark and an optional sign, into hundredths, within
 * -UTIL_CP_LIMIT..UTIL_CP_LIMIT.  Surrounding blanks are ignored.  Returns
 * 0, or -1 with *cause set (caller frees) naming the allowed range.
 */
int	 util_parse_cp(const char *, int64_t *, char **cause);
/* The same, the number perhaps followed by unit (NULL: none), with or
 * without a blank: with unit "%", "92,5%" and "92.5 %" are 9250. */
int	 util_parse_cp_unit(const char *, const char *unit, int64_t *,
	    char **cause);
/* The same without a message: 0, or one of UTIL_CP_*; *out set on 0. */
int	 util_scan_cp(const char *, int64_t *);

/*
 * Format hundredths with the given decimal mark.  util_format_cp trims
 * trailing zeros (14.5, 100, 78.84); util_format_cp2 always prints two
 * decimals (81.70).  buf must hold UTIL_CP_BUFSZ bytes.
 */
#define UTIL_CP_BUFSZ 32
char	*util_format_cp(int64_t, char mark, char *buf);
/* The decimal mark of messages: '.', or the catalogue's (',' in
 * Vietnamese), so that a reason shown on a screen writes 0,25. */
char	 util_msg_mark(void);
char	*util_format_cp2(int64_t, char mark, char *buf);

/* round_half_up(num / den), exact for every num and every den > 0 (it
 * cannot overflow); 0 when den <= 0. */
int64_t	 util_div_round(int64_t num, int64_t den);

/*
 * round_half_up(a * b / den) computed exactly with a 128-bit product, for
 * every a and b and den > 0.  Returns 0, or -1 when den <= 0 or the result
 * does not fit an int64_t (then *out is not set).
 */
int	 util_mul_div_round(int64_t a, int64_t b, int64_t den, int64_t *out);

/* Parse a non-negative decimal integer that fits an int (digits only, no
 * sign or blank); -1 if not one.  Never overflows. */
int	 util_parse_uint(const char *, int *);

#endif
