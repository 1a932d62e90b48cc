/* formload: libconfig forms and agency lists into form.h structs. */
#include "formload.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "formload-int.h"

#include "expr.h"
#include "form.h"
#include "text.h"
#include "util.h"

/* a + b, saturated: a sum of bounded maxima cannot overflow unnoticed. */
int64_t
fl_add(int64_t a, int64_t b)
{
	int64_t	s;

	if (__builtin_add_overflow(a, b, &s))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return s;
}

void
fl_err(struct fl *fl, const config_setting_t *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	errlist_add(fl->errs, fl->file,
	    s != NULL ? (int)config_setting_source_line(s) : 0, "%s", msg);
	free(msg);
}

/* Report keys of group g not in allowed[]; 0 if g is not a group. */
int
fl_keys(struct fl *fl, const config_setting_t *g, const char *what,
    const char *const *allowed)
{
	int		 i, n;
	const char	*name;
	size_t		 k;

	if (g == NULL || config_setting_type(g) != CONFIG_TYPE_GROUP) {
		fl_err(fl, g, TR("%s must be a group { ... }"), fl_what(what));
		return 0;
	}
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		config_setting_t	*c = config_setting_get_elem(g, i);

		name = config_setting_name(c);
		for (k = 0; allowed[k] != NULL; k++) {
			if (strcmp(allowed[k], name) == 0)
				break;
		}
		if (allowed[k] == NULL)
			fl_err(fl, c, TR("unknown key \"%s\" in %s"), name, fl_what(what));
	}
	return 1;
}

/* Keys whose text may run over several lines: guidance for the operator.
 * Every other string is a code, a name, a title or a label. */
static int
fl_multiline(const char *key)
{
	return strcmp(key, "guidance") == 0 || strcmp(key, "appraiser") == 0;
}

/* A string member; NULL when absent (reported if required) or not a string. */
const char *
fl_str(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	config_setting_t	*s = config_setting_get_member(g, key);
	const char		*v;

	if (s == NULL) {
		if (required)
			fl_err(fl, g, TR("%s: missing \"%s\""), fl_what(what), key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		fl_err(fl, s, TR("%s: \"%s\" must be a string"), fl_what(what), key);
		return NULL;
	}
	v = config_setting_get_string(s);
	if (!text_valid(v)) {
		fl_err(fl, s, TR("%s: \"%s\" is not valid UTF-8"), fl_what(what), key);
		return NULL;
	}
	if (text_has_control(v, fl_multiline(key))) {
		fl_err(fl, s, TR("%s: \"%s\" holds a control character (such as an escape or a line break)"), fl_what(what), key);
		return NULL;
	}
	/* A formula has its own limit, checked where it is parsed. */
	if (strcmp(key, "expr") != 0 && strlen(v) > (fl_multiline(key) ?
	    FL_TEXT_MAX : FL_NAME_MAX)) {
		fl_err(fl, s, TR("%s: \"%s\" is longer than %d bytes"), fl_what(what), key,
		    fl_multiline(key) ? FL_TEXT_MAX : FL_NAME_MAX);
		return NULL;
	}
	if (required && *v == '\0') {
		fl_err(fl, s, TR("%s: \"%s\" is empty"), fl_what(what), key);
		return NULL;
	}
	return v;
}

/* A copy of a string member, normalised to NFC; NULL when absent. */
char *
fl_strdup(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	const char	*v = fl_str(fl, g, key, what, required);

	return v == NULL ? NULL : text_nfc(v);
}

/*
 * The shortest decimal text that reads back as d, written without an
 * exponent: 555555555.55 gives "555555555.55", 1e3 gives "1000", 1e-05
 * gives "0.00001".  "%.*e" at increasing precision finds the digits (at
 * most 17 of them); buf holds FL_DECIMAL_BUFSZ bytes.
 */
#define FL_DECIMAL_BUFSZ 400

static void
fl_decimal(double d, char *buf)
{
	char	 e[64], digits[32], *p;
	int	 prec, nd = 0, exp, k, i;
	size_t	 n = 0;

	for (prec = 0; prec < 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	/* [-]D[.DDD]e[+-]XX; the mark between the digits is skipped. */
	p = e;
	if (*p == '-')
		buf[n++] = *p++;
	for (; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits)
			digits[nd++] = *p;
	}
	exp = *p != '\0' ? (int)strtol(p + 1, NULL, 10) : 0;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	k = exp + 1;			/* digits before the point */
	if (k <= 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (i = 0; i < -k; i++)
			buf[n++] = '0';
		for (i = 0; i < nd; i++)
			buf[n++] = digits[i];
	} else {
		for (i = 0; i < k; i++)
			buf[n++] = i < nd ? digits[i] : '0';
		if (k < nd)
			buf[n++] = '.';
		for (i = k; i < nd; i++)
			buf[n++] = digits[i];
	}
	buf[n] = '\0';
}

/*
 * A number setting as hundredths, within -UTIL_CP_LIMIT..UTIL_CP_LIMIT.
 * libconfig gives a decimal only as a double; its shortest decimal text
 * is the number as written (every number of at most two decimals within
 * the bounds has at most 12 digits, well within a double's 15), and that
 * text is parsed exactly by util_scan_cp.  No floating point decides
 * anything: not the decimals, not the range.  *out is set only on 0.
 */
static int
fl_cp_of(struct fl *fl, const config_setting_t *s, const char *what,
    int64_t *out)
{
	char		buf[FL_DECIMAL_BUFSZ];
	long long	v;
	double		d;
	int		rc;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = config_setting_get_int64(s);
		if (v < -UTIL_CP_LIMIT / 100 || v > UTIL_CP_LIMIT / 100)
			rc = UTIL_CP_RANGE;
		else {
			*out = v * 100;		/* |v| <= 10^9 */
			return 0;
		}
		break;
	case CONFIG_TYPE_FLOAT:
		d = config_setting_get_float(s);
		if (!isfinite(d))
			rc = UTIL_CP_RANGE;
		else {
			fl_decimal(d, buf);
			rc = util_scan_cp(buf, out);
		}
		break;
	default:
		fl_err(fl, s, TR("%s must be a number"), fl_what(what));
		return -1;
	}
	switch (rc) {
	case 0:
		return 0;
	case UTIL_CP_DECIMALS:
		fl_err(fl, s, TR("%s has more than two decimals"), fl_what(what));
		return -1;
	case UTIL_CP_RANGE:
		fl_err(fl, s, TR("%s is outside -%lld..%lld"), fl_what(what),
		    (long long)(UTIL_CP_LIMIT / 100),
		    (long long)(UTIL_CP_LIMIT / 100));
		return -1;
	default:
		fl_err(fl, s, TR("%s must be a number"), fl_what(what));
		return -1;
	}
}

/* A number member: 1 found, 0 absent (reported if required), -1 bad. */
int
fl_cp(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required, int64_t *out)
{
	config_setting_t	*s = config_setting_get_member(g, key);
	char			*w;
	int			 rc;

	if (s == NULL) {
		if (required)
			fl_err(fl, g, TR("%s: missing \"%s\""), fl_what(what), key);
		return required ? -1 : 0;
	}
	w = xasprintf("%s: \"%s\"", fl_what(what), key);
	rc = fl_cp_of(fl, s, w, out);
	free(w);
	return rc == 0 ? 1 : -1;
}

/* A boolean member: the value, or def when absent or bad (bad reported). */
int
fl_bool(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int def)
{
	config_setting_t	*s = config_setting_get_member(g, key);

	if (s == NULL)
		return def;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		fl_err(fl, s, TR("%s: \"%s\" must be true or false"), fl_what(what), key);
		return def;
	}
	return config_setting_get_bool(s);
}

/* A list or array member; NULL when absent (reported if required). */
config_setting_t *
fl_list(struct fl *fl, const config_setting_t *g, const char *key,
    const char *what, int required)
{
	config_setting_t	*s = config_setting_get_member(g, key);

	if (s == NULL) {
		if (required)
			fl_err(fl, g, TR("%s: missing \"%s\""), fl_what(what), key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_LIST &&
	    config_setting_type(s) != CONFIG_TYPE_ARRAY) {
		fl_err(fl, s, TR("%s: \"%s\" must be a list ( ... ) or [ ... ]"),
		    what, key);
		return NULL;
	}
	return s;
}

/* Codes are short ASCII names: they key the database and its audit log. */

int
fl_ascii_code(const char *s)
{
	if (*s == '\0' || strlen(s) > FL_CODE_MAX)
		return 0;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.'))
			return 0;
	}
	return 1;
}

const char *
fl_what(const char *what)
{
	return what != NULL && *what != '\0' ? TR(what) : what;
}

char *
fl_fmt(int64_t v, char *buf)
{
	return util_format_cp(v, util_msg_mark(), buf);
}

static int
fl_first_invalid(const char *text)
{
	const char	*line = text, *nl;
	size_t		 n;
	int		 no = 1;

	for (;; no++) {
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) : strlen(line);
		if (n > 0 && !text_valid_len(line, n))
			return no;
		if (nl == NULL)
			return 0;
		line = nl + 1;
	}
}

/* The line of the first @include directive, or 0. */
static int
formload_find_include(const char *text)
{
	const char	*p = text;
	int		 line = 1;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "@include", 8) == 0)
			return line;
		while (*p != '\0' && *p != '\n')
			p++;
		if (*p == '\n') {
			p++;
			line++;
		}
	}
	return 0;
}

/*
 * libconfig 1.5 keeps only the low 32 bits of an integer written without
 * an L (4294967306 reads as 10, silently), and wraps one past 64 bits.
 * Every integer past +-2147483647 is far outside what cchc takes, so
 * each is written here, before parsing, as the largest int64_t with its
 * sign: it is then refused by the bounds of fl_cp_of like any number too
 * large, at its line.  Strings and comments are left alone.  Returns the
 * changed text (caller frees), or NULL when there is nothing to change.
 */
static char *
fl_widen_integers(const char *text)
{
	struct strbuf	 b;
	const char	*p = text, *done = text;
	const char	*start;
	uint64_t	 v;
	int		 hex, d, changed = 0;

	strbuf_init(&b);
	while (*p != '\0') {
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
			}
		} else if (*p == '#' || (*p == '/' && p[1] == '/')) {
			while (p[1] != '\0' && p[1] != '\n')
				p++;
		} else if (*p == '/' && p[1] == '*') {
			for (p += 2; *p != '\0' && !(*p == '*' && p[1] == '/');
			    p++)
				;
			if (*p != '\0')
				p++;		/* onto the closing '/' */
		} else if (isalpha((unsigned char)*p) || *p == '*' ||
		    *p == '_') {
			while (isalnum((unsigned char)p[1]) || p[1] == '-' ||
			    p[1] == '_' || p[1] == '*')
				p++;
		} else if (isdigit((unsigned char)*p) || ((*p == '-' ||
		    *p == '+') && isdigit((unsigned char)p[1]))) {
			start = p;
			if (*p == '-' || *p == '+')
				p++;
			hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
			if (hex)
				p += 2;
			for (v = 0; hex ? isxdigit((unsigned char)*p) :
			    isdigit((unsigned char)*p); p++) {
				d = isdigit((unsigned char)*p) ? *p - '0' :
				    tolower((unsigned char)*p) - 'a' + 10;
				if (v <= INT32_MAX)
					v = v * (hex ? 16 : 10) + (uint64_t)d;
			}
			if (!hex && (*p == '.' || *p == 'e' || *p == 'E')) {
				/* A float: its digits and exponent. */
				while (isdigit((unsigned char)*p) || *p == '.' ||
				    *p == 'e' || *p == 'E' || ((*p == '-' ||
				    *p == '+') && (p[-1] == 'e' ||
				    p[-1] == 'E')))
					p++;
			} else if (v > INT32_MAX) {
				strbuf_add(&b, done, (size_t)(start - done));
				strbuf_puts(&b, *start == '-' ?
				    "-9223372036854775807L" :
				    "9223372036854775807L");
				while (*p == 'L')
					p++;
				done = p;
				changed = 1;
			}
			continue;
		}
		if (*p != '\0')
			p++;
	}
	if (!changed) {
		strbuf_clear(&b);
		return NULL;
	}
	strbuf_puts(&b, done);
	return strbuf_steal(&b);
}

void *
formload_text(const char *name, const char *text, enum formload_kind *kind,
    struct errlist *errs)
{
	char			*wide;
	int			 rc;
	struct fl		 fl = { name, errs, errs->n, 0, 0 };
	config_t		 cfg;
	config_setting_t	*root, *form;
	void			*obj = NULL;
	int			 inc, bad;

	*kind = FORMLOAD_UNKNOWN;
	if ((bad = fl_first_invalid(text)) > 0) {
		errlist_add(errs, name, bad, TR("not valid UTF-8 (save the file as UTF-8)"));
		return NULL;
	}
	if ((inc = formload_find_include(text)) > 0) {
		errlist_add(errs, name, inc, TR("@include is not supported: a form or agency file must be self-contained, since init copies it into the database"));
		return NULL;
	}
	wide = fl_widen_integers(text);
	config_init(&cfg);
	rc = config_read_string(&cfg, wide != NULL ? wide : text);
	free(wide);
	if (!rc) {
		errlist_add(errs, name, config_error_line(&cfg),
		    TR("syntax error: %s"), config_error_text(&cfg));
		config_destroy(&cfg);
		return NULL;
	}
	root = config_root_setting(&cfg);
	if ((form = config_setting_get_member(root, "form")) != NULL) {
		*kind = FORMLOAD_FORM;
		if (config_setting_length(root) != 1)
			fl_err(&fl, root, TR("a form file holds only \"form\""));
		obj = fl_form(&fl, form);
	} else if (config_setting_get_member(root, "agencies") != NULL) {
		*kind = FORMLOAD_AGENCIES;
		obj = fl_agencies(&fl, root);
	} else
		errlist_add(errs, name, 0, TR("neither a form (\"form = { ... }\") nor an agency list (\"agencies = ( ... )\")"));
	config_destroy(&cfg);
	if (errs->n > fl.nerr) {
		if (*kind == FORMLOAD_FORM)
			form_free(obj);
		else if (*kind == FORMLOAD_AGENCIES)
			agency_list_free(obj);
		return NULL;
	}
	return obj;
}

/* The line of byte off in s (1 for the first). */
static int
fl_line_of(const char *s, size_t off)
{
	int	line = 1;
	size_t	i;

	for (i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

char *
formload_read(const char *path, char **cause)
{
	FILE		*fp;
	struct stat	 sb;
	struct strbuf	 b;
	char		 buf[8192];
	size_t		 n;

	if ((fp = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) == 0 && !S_ISREG(sb.st_mode)) {
		*cause = xasprintf(TR("%s: not a regular file (a form or agency file is a text file)"), path);
		fclose(fp);
		return NULL;
	}
	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (b.len + n > FORMLOAD_MAX_BYTES) {
			*cause = xasprintf(TR("%s: larger than %d MB, the most a form or agency file may be"), path, FORMLOAD_MAX_BYTES >> 20);
			fclose(fp);
			strbuf_clear(&b);
			return NULL;
		}
		strbuf_add(&b, buf, n);
	}
	if (ferror(fp)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		fclose(fp);
		strbuf_clear(&b);
		return NULL;
	}
	fclose(fp);
	if (strlen(b.s) != b.len) {
		*cause = xasprintf(TR("%s:%d: a NUL byte: the file is not text"), path, fl_line_of(b.s, strlen(b.s)));
		strbuf_clear(&b);
		return NULL;
	}
	return strbuf_steal(&b);
}

void *
formload_file(const char *path, enum formload_kind *kind,
    struct errlist *errs)
{
	char	*text, *cause = NULL;
	void	*obj;

	*kind = FORMLOAD_UNKNOWN;
	if ((text = formload_read(path, &cause)) == NULL) {
		errlist_add(errs, NULL, 0, "%s", cause);
		free(cause);
		return NULL;
	}
	obj = formload_text(path, text, kind, errs);
	free(text);
	return obj;
}

struct form *
formload_form(const char *path, struct errlist *errs)
{
	enum formload_kind	 kind;
	void			*obj = formload_file(path, &kind, errs);

	if (obj != NULL && kind != FORMLOAD_FORM) {
		errlist_add(errs, path, 0, TR("not a form file"));
		agency_list_free(obj);
		return NULL;
	}
	return obj;
}

struct form_agency_list *
formload_agencies(const char *path, struct errlist *errs)
{
	enum formload_kind	 kind;
	void			*obj = formload_file(path, &kind, errs);

	if (obj != NULL && kind != FORMLOAD_AGENCIES) {
		errlist_add(errs, path, 0, TR("not an agency file"));
		form_free(obj);
		return NULL;
	}
	return obj;
}
