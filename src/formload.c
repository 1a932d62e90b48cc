/* formload: libconfig forms and agency lists into form.h structs. */
#include "formload.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
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
		fl_err(fl, g, "%s must be a group { ... }", what);
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
			fl_err(fl, c, "unknown key \"%s\" in %s", name, what);
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

/* 1 if s (valid UTF-8) holds a C0 or C1 control or DEL; newline and tab
 * are allowed in multi-line texts. */
static int
fl_has_control(const char *s, int multiline)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (multiline && (*p == '\n' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 &&
		    p[1] >= 0x80 && p[1] <= 0x9f))
			return 1;
	}
	return 0;
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
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		fl_err(fl, s, "%s: \"%s\" must be a string", what, key);
		return NULL;
	}
	v = config_setting_get_string(s);
	if (!text_valid(v)) {
		fl_err(fl, s, "%s: \"%s\" is not valid UTF-8", what, key);
		return NULL;
	}
	if (fl_has_control(v, fl_multiline(key))) {
		fl_err(fl, s, "%s: \"%s\" holds a control character (such as an escape or a line break)", what, key);
		return NULL;
	}
	/* A formula has its own limit, checked where it is parsed. */
	if (strcmp(key, "expr") != 0 && strlen(v) > (fl_multiline(key) ?
	    FL_TEXT_MAX : FL_NAME_MAX)) {
		fl_err(fl, s, "%s: \"%s\" is longer than %d bytes", what, key,
		    fl_multiline(key) ? FL_TEXT_MAX : FL_NAME_MAX);
		return NULL;
	}
	if (required && *v == '\0') {
		fl_err(fl, s, "%s: \"%s\" is empty", what, key);
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
		fl_err(fl, s, "%s must be a number", what);
		return -1;
	}
	switch (rc) {
	case 0:
		return 0;
	case UTIL_CP_DECIMALS:
		fl_err(fl, s, "%s has more than two decimals", what);
		return -1;
	case UTIL_CP_RANGE:
		fl_err(fl, s, "%s is outside -%lld..%lld", what,
		    (long long)(UTIL_CP_LIMIT / 100),
		    (long long)(UTIL_CP_LIMIT / 100));
		return -1;
	default:
		fl_err(fl, s, "%s must be a number", what);
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
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return required ? -1 : 0;
	}
	w = xasprintf("%s: \"%s\"", what, key);
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
		fl_err(fl, s, "%s: \"%s\" must be true or false", what, key);
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
			fl_err(fl, g, "%s: missing \"%s\"", what, key);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_LIST &&
	    config_setting_type(s) != CONFIG_TYPE_ARRAY) {
		fl_err(fl, s, "%s: \"%s\" must be a list ( ... ) or [ ... ]",
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

char *
fl_fmt(int64_t v, char *buf)
{
	return util_format_cp(v, '.', buf);
}

static const char *const list_keys[] = { "province", "blocks", "agencies",
    "appraisers", NULL };
static const char *const appraiser_keys[] = { "code", "name", "by", NULL };
static const char *const block_keys[] = { "code", "name", NULL };
static const char *const agency_keys[] = { "code", "name", "block",
    "parent", "profile", "advises", NULL };

static void
fl_agency(struct fl *fl, const config_setting_t *e, struct form_agency_list *l,
    struct form_agency *ag)
{
	config_setting_t	*adv;
	char			*w;
	int			 i, n;
	size_t			 k;

	ag->line = (int)config_setting_source_line(e);
	ag->code = fl_strdup(fl, e, "code", "agency", 1);
	if (ag->code == NULL)
		ag->code = xasprintf("(line %d)", ag->line);
	else if (!fl_ascii_code(ag->code))
		fl_err(fl, e, "agency code \"%s\" must be ASCII letters, "
		    "digits, -, _ or ., at most %d of them", ag->code,
		    FL_CODE_MAX);
	w = xasprintf("agency %s", ag->code);
	if (!fl_keys(fl, e, w, agency_keys)) {
		free(w);
		return;
	}
	ag->name = fl_strdup(fl, e, "name", w, 1);
	ag->block = fl_strdup(fl, e, "block", w, 1);
	if (ag->block != NULL && agency_find_block(l, ag->block) == NULL)
		fl_err(fl, config_setting_get_member(e, "block"),
		    "%s: unknown block \"%s\"", w, ag->block);
	ag->parent = fl_strdup(fl, e, "parent", w, 0);
	ag->profile = fl_strdup(fl, e, "profile", w, 0);
	if ((adv = fl_list(fl, e, "advises", w, 0)) == NULL) {
		free(w);
		return;
	}
	n = config_setting_length(adv);
	ag->advises = xcalloc((size_t)n, sizeof *ag->advises);
	for (i = 0; i < n; i++) {
		config_setting_t	*s = config_setting_get_elem(adv, i);

		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 1 ||
		    config_setting_get_int(s) > 99) {
			fl_err(fl, s, "%s: \"advises\" lists area "
			    "numbers of the provincial index (1..99)", w);
			continue;
		}
		for (k = 0; k < ag->nadvises; k++) {
			if (ag->advises[k] == config_setting_get_int(s))
				break;
		}
		if (k < ag->nadvises) {
			fl_err(fl, s, "%s: area %d is listed twice in \"advises\"", w, ag->advises[k]);
			continue;
		}
		ag->advises[ag->nadvises++] = config_setting_get_int(s);
	}
	free(w);
}

/* Report each cycle of parents (A's parent B, B's parent A) once, at
 * the line of its first agency in the file. */
static void
fl_parent_cycles(struct fl *fl, const struct form_agency_list *l)
{
	const struct form_agency	*ag, *p;
	struct strbuf			 path;
	size_t				 k, steps;

	for (k = 0; k < l->nagencies; k++) {
		ag = &l->agencies[k];
		p = ag;
		for (steps = 0; steps < l->nagencies; steps++) {
			if (p->parent == NULL ||
			    (p = agency_find(l, p->parent)) == NULL ||
			    p == ag || p < ag)
				break;
		}
		/* Only a walk that comes back to ag, through agencies that
		 * all come later in the file, names the cycle. */
		if (p != ag || ag->parent == NULL ||
		    strcmp(ag->parent, ag->code) == 0)
			continue;
		strbuf_init(&path);
		strbuf_puts(&path, ag->code);
		p = ag;
		do {
			p = agency_find(l, p->parent);
			strbuf_printf(&path, " -> %s", p->code);
		} while (p != ag);
		errlist_add(fl->errs, fl->file, ag->line, "agency %s: its parents go round in a cycle (%s)", ag->code, path.s);
		strbuf_clear(&path);
	}
}

/* The units that appraise items without being assessed, and the former
 * agencies whose items another agency now appraises ("by"). */
static void
fl_appraisers(struct fl *fl, const config_setting_t *root,
    struct form_agency_list *l)
{
	config_setting_t	*list;
	int			 i, n;

	if ((list = fl_list(fl, root, "appraisers", "the agency file", 0)) ==
	    NULL)
		return;
	n = config_setting_length(list);
	l->appraisers = xcalloc((size_t)n, sizeof *l->appraisers);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(list, i);
		struct form_appraiser	*a = &l->appraisers[l->nappraisers];
		const struct form_agency	*by;

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			fl_err(fl, e, "appraiser %d must be a group { ... }", i + 1);
			continue;
		}
		if (!fl_keys(fl, e, "appraiser", appraiser_keys))
			continue;
		a->line = (int)config_setting_source_line(e);
		if ((a->code = fl_strdup(fl, e, "code", "appraiser", 1)) ==
		    NULL)
			continue;
		a->name = fl_strdup(fl, e, "name", "appraiser", 0);
		a->by = fl_strdup(fl, e, "by", "appraiser", 0);
		if (agency_find(l, a->code) != NULL)
			fl_err(fl, e, "appraiser %s: already an agency", a->code);
		else if (agency_find_appraiser(l, a->code) != NULL)
			fl_err(fl, e, "duplicate appraiser code \"%s\"", a->code);
		if (a->by != NULL && ((by = agency_find(l, a->by)) == NULL))
			fl_err(fl, e, "appraiser %s: \"by\" names no agency (\"%s\")", a->code, a->by);
		l->nappraisers++;
	}
}

static struct form_agency_list *
fl_agencies(struct fl *fl, const config_setting_t *root)
{
	struct form_agency_list	*l = agency_list_new();
	config_setting_t	*blocks, *ags;
	int			 i, n;
	size_t			 k;

	l->file = xstrdup(fl->file);
	fl_keys(fl, root, "the agency file", list_keys);
	l->province = fl_strdup(fl, root, "province", "the agency file", 0);
	if ((blocks = fl_list(fl, root, "blocks", "the agency file", 1)) !=
	    NULL) {
		n = config_setting_length(blocks);
		l->blocks = xcalloc((size_t)n, sizeof *l->blocks);
		for (i = 0; i < n; i++) {
			config_setting_t	*e = config_setting_get_elem(
						    blocks, i);
			struct form_block	*b = &l->blocks[l->nblocks];

			if (!fl_keys(fl, e, "block", block_keys))
				continue;
			b->code = fl_strdup(fl, e, "code", "block", 1);
			b->name = fl_strdup(fl, e, "name", "block", 1);
			if (b->code == NULL) {
				free(b->name);
				continue;
			}
			if (!fl_ascii_code(b->code))
				fl_err(fl, e, "block code \"%s\" must be "
				    "ASCII, "
				    "at most %d characters", b->code,
				    FL_CODE_MAX);
			if (agency_find_block(l, b->code) != NULL)
				fl_err(fl, e, "duplicate block code \"%s\"",
				    b->code);
			l->nblocks++;
		}
	}
	if ((ags = fl_list(fl, root, "agencies", "the agency file", 1)) ==
	    NULL)
		return l;
	n = config_setting_length(ags);
	l->agencies = xcalloc((size_t)n, sizeof *l->agencies);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(ags, i);
		struct form_agency	*ag = &l->agencies[l->nagencies];

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			fl_err(fl, e, "agency %d must be a group { ... }",
			    i + 1);
			continue;
		}
		fl_agency(fl, e, l, ag);
		ag->order = l->nagencies;
		l->nagencies++;
	}
	/* Duplicate codes, found in the sorted index (a national list is
	 * too long to compare every pair); each at its later line. */
	agency_list_index(l);
	for (k = 1; k < l->nbycode; k++) {
		if (strcmp(l->bycode[k - 1]->code, l->bycode[k]->code) == 0)
			errlist_add(fl->errs, fl->file, l->bycode[k]->line, "duplicate agency code \"%s\"", l->bycode[k]->code);
	}
	/* Parents may be listed after their children. */
	for (k = 0; k < l->nagencies; k++) {
		struct form_agency		*ag = &l->agencies[k];
		const struct form_agency	*p;

		if (ag->parent == NULL)
			continue;
		if ((p = agency_find(l, ag->parent)) == NULL)
			errlist_add(fl->errs, fl->file, ag->line,
			    "agency %s: unknown parent \"%s\"", ag->code,
			    ag->parent);
		else if (p == ag)
			errlist_add(fl->errs, fl->file, ag->line,
			    "agency %s: its own parent", ag->code);
	}
	fl_parent_cycles(fl, l);
	fl_appraisers(fl, root, l);
	return l;
}

/* The line of the first bytes that are not UTF-8, or 0. */
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

void *
formload_text(const char *name, const char *text, enum formload_kind *kind,
    struct errlist *errs)
{
	struct fl		 fl = { name, errs, errs->n, 0, 0 };
	config_t		 cfg;
	config_setting_t	*root, *form;
	void			*obj = NULL;
	int			 inc, bad;

	*kind = FORMLOAD_UNKNOWN;
	if ((bad = fl_first_invalid(text)) > 0) {
		errlist_add(errs, name, bad, "not valid UTF-8 (save the file as UTF-8)");
		return NULL;
	}
	if ((inc = formload_find_include(text)) > 0) {
		errlist_add(errs, name, inc, "@include is not supported: a form or agency file must be self-contained, since init copies it into the database");
		return NULL;
	}
	config_init(&cfg);
	if (!config_read_string(&cfg, text)) {
		errlist_add(errs, name, config_error_line(&cfg),
		    "syntax error: %s", config_error_text(&cfg));
		config_destroy(&cfg);
		return NULL;
	}
	root = config_root_setting(&cfg);
	if ((form = config_setting_get_member(root, "form")) != NULL) {
		*kind = FORMLOAD_FORM;
		if (config_setting_length(root) != 1)
			fl_err(&fl, root, "a form file holds only \"form\"");
		obj = fl_form(&fl, form);
	} else if (config_setting_get_member(root, "agencies") != NULL) {
		*kind = FORMLOAD_AGENCIES;
		obj = fl_agencies(&fl, root);
	} else
		errlist_add(errs, name, 0, "neither a form (\"form = { ... }\") nor an agency list (\"agencies = ( ... )\")");
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
		*cause = xasprintf("%s: not a regular file (a form or agency file is a text file)", path);
		fclose(fp);
		return NULL;
	}
	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (b.len + n > FORMLOAD_MAX_BYTES) {
			*cause = xasprintf("%s: larger than %d MB, the most a form or agency file may be", path, FORMLOAD_MAX_BYTES >> 20);
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
		*cause = xasprintf("%s:%d: a NUL byte: the file is not text", path, fl_line_of(b.s, strlen(b.s)));
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
		errlist_add(errs, path, 0, "not a form file");
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
		errlist_add(errs, path, 0, "not an agency file");
		form_free(obj);
		return NULL;
	}
	return obj;
}

size_t
formload_cross_check(const struct form_agency_list *l,
    struct form *const *forms,
    size_t nforms, struct errlist *errs)
{
	size_t	i, j, before = errs->n;

	/* Each item's appraiser is an agency of the list, or a unit the
	 * list declares, for the forms of the list's blocks. */
	for (j = 0; j < nforms; j++) {
		if (agency_find_block(l, forms[j]->block) == NULL)
			continue;
		for (i = 0; i < forms[j]->nitems; i++) {
			const struct form_item	*it = &forms[j]->items[i];

			if (it->appraiser == NULL ||
			    agency_find(l, it->appraiser) != NULL ||
			    agency_find_appraiser(l, it->appraiser) != NULL)
				continue;
			errlist_add(errs, forms[j]->file, it->appraiser_line, "item %s: appraiser \"%s\" is neither an agency nor an appraiser of %s", it->code, it->appraiser, l->file);
		}
	}
	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*ag = &l->agencies[i];

		if (ag->profile == NULL || ag->block == NULL)
			continue;
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block, ag->block) != 0)
				continue;
			if (form_find_profile(forms[j], ag->profile) == NULL)
				errlist_add(errs, l->file, ag->line,
				    "agency %s: profile \"%s\" is not in form %s (%s)", ag->code, ag->profile,
				    forms[j]->id, forms[j]->file);
		}
	}
	return errs->n - before;
}
