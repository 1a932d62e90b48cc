/* entry: one (agency, item)'s record and the codecs of its text forms. */
#include "entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"
#include "util.h"

void
entry_inputs_clear(struct entry_inputs *in)
{
	size_t	i;

	for (i = 0; i < in->n; i++)
		free(in->v[i].name);
	free(in->v);
	in->v = NULL;
	in->n = 0;
}

void
entry_inputs_copy(struct entry_inputs *d, const struct entry_inputs *s)
{
	size_t	i;

	d->n = s->n;
	d->v = s->n > 0 ? xcalloc(s->n, sizeof *d->v) : NULL;
	for (i = 0; i < s->n; i++) {
		d->v[i].name = xstrdup(s->v[i].name);
		d->v[i].value = s->v[i].value;
	}
}

int
entry_inputs_eq(const struct entry_inputs *a, const struct entry_inputs *b)
{
	size_t	i;
	int64_t	v;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (!entry_inputs_get(b, a->v[i].name, &v) ||
		    v != a->v[i].value)
			return 0;
	}
	return 1;
}

void
entry_inputs_set(struct entry_inputs *in, const char *name, int64_t v)
{
	size_t	i;

	for (i = 0; i < in->n; i++) {
		if (strcmp(in->v[i].name, name) == 0) {
			in->v[i].value = v;
			return;
		}
	}
	in->v = xreallocarray(in->v, in->n + 1, sizeof *in->v);
	in->v[in->n].name = xstrdup(name);
	in->v[in->n].value = v;
	in->n++;
}

int
entry_inputs_get(const struct entry_inputs *in, const char *name, int64_t *v)
{
	size_t	i;

	for (i = 0; i < in->n; i++) {
		if (strcmp(in->v[i].name, name) == 0) {
			*v = in->v[i].value;
			return 1;
		}
	}
	return 0;
}

/* A name: [A-Za-z_][A-Za-z0-9_]*, at most 32 bytes. */
static int
entry_name_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || n > 32 || !((s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	}
	return 1;
}

int
entry_inputs_parse(const char *text, struct entry_inputs *out, char **cause)
{
	const char	*p = text != NULL ? text : "";

	memset(out, 0, sizeof *out);
	*cause = NULL;
	while (*p != '\0') {
		const char	*eq, *end, *n0, *n1;
		char		*name, *val;
		int64_t		 v;

		while (*p == ' ' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL) {
			*cause = xasprintf(TR("\"%.*s\" is not name=value"),
			    (int)(end - p > 40 ? 40 : end - p), p);
			goto fail;
		}
		for (n0 = p, n1 = eq; n1 > n0 && n1[-1] == ' '; n1--)
			;
		if (!entry_name_ok(n0, (size_t)(n1 - n0))) {
			*cause = xasprintf(TR("\"%.*s\" is not an input name"),
			    (int)(n1 - n0 > 40 ? 40 : n1 - n0), n0);
			goto fail;
		}
		name = xstrndup(n0, (size_t)(n1 - n0));
		if (entry_inputs_get(out, name, &v)) {
			*cause = xasprintf(TR("input %s is given twice"), name);
			free(name);
			goto fail;
		}
		if (out->n == ENTRY_MAX_INPUTS) {
			*cause = xasprintf(TR("more than %d inputs"),
			    ENTRY_MAX_INPUTS);
			free(name);
			goto fail;
		}
		val = xstrndup(eq + 1, (size_t)(end - eq - 1));
		if (util_parse_cp(val, &v, cause) != 0) {
			char	*c = *cause;

			*cause = xasprintf("%s: %s", name, c);
			free(c);
			free(val);
			free(name);
			goto fail;
		}
		free(val);
		entry_inputs_set(out, name, v);
		free(name);
		p = end;
	}
	return 0;
fail:
	entry_inputs_clear(out);
	return -1;
}

char *
entry_inputs_format(const struct entry_inputs *in)
{
	struct strbuf	b;
	char		buf[UTIL_CP_BUFSZ];
	size_t		i;

	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	for (i = 0; i < in->n; i++)
		strbuf_printf(&b, "%s%s=%s", i ? ";" : "", in->v[i].name,
		    util_format_cp(in->v[i].value, '.', buf));
	return strbuf_steal(&b);
}

void
entry_evidence_free(struct entry_evidence *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].number);
		free(v[i].date);
		free(v[i].title);
	}
	free(v);
}

int
entry_text_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL || *a == '\0') && (b == NULL || *b == '\0');
	return strcmp(a, b) == 0;
}

int
entry_evidence_eq(const struct entry_evidence *a, size_t na,
    const struct entry_evidence *b, size_t nb)
{
	size_t	i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		if (!entry_text_eq(a[i].number, b[i].number) ||
		    !entry_text_eq(a[i].date, b[i].date) ||
		    !entry_text_eq(a[i].title, b[i].title))
			return 0;
	}
	return 1;
}

/* Trim blanks at both ends, in place; returns s. */
static char *
entry_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/*
 * One number as sscanf's "%Nd" reads it (an import checks a date per
 * reference, and sscanf was 3 % of an import): blanks skipped, then at
 * most width characters, a sign among them, at least one digit.
 */
static int
entry_scan_int(const char **sp, int width, int *out)
{
	const char	*p = *sp;
	int		 neg = 0, v = 0, digits = 0;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '+' || *p == '-') {
		neg = *p++ == '-';
		width--;
	}
	for (; width > 0 && *p >= '0' && *p <= '9'; width--, digits++)
		v = v * 10 + (*p++ - '0');
	if (digits == 0)
		return 0;
	*out = neg ? -v : v;
	*sp = p;
	return 1;
}

int
entry_date_ok(const char *s)
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	const char		*p = s;
	int			 d, m, y;

	/* sscanf(s, "%2d/%2d/%4d%n") reaching the end of s. */
	if (!entry_scan_int(&p, 2, &d) || *p++ != '/' ||
	    !entry_scan_int(&p, 2, &m) || *p++ != '/' ||
	    !entry_scan_int(&p, 4, &y) || *p != '\0' ||
	    y < 1900 || y > 9999 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* One reference; need_date: the date is required (an item's evidence). */
static int
entry_ref_check(const struct entry_evidence *v, size_t index, int need_date,
    char **cause)
{
	if (v->number == NULL || *v->number == '\0') {
		*cause = xasprintf(TR("evidence %zu has no document number"),
		    index);
		return -1;
	}
	if (strpbrk(v->number, ";|") != NULL ||
	    (v->date != NULL && strpbrk(v->date, ";|") != NULL) ||
	    (v->title != NULL && strpbrk(v->title, ";|") != NULL)) {
		*cause = xasprintf(TR("evidence %zu: no field may hold ';' or '|'"), index);
		return -1;
	}
	if (need_date && v->date == NULL) {
		*cause = xasprintf(TR("evidence %zu: \"%s\" has no date: write number | date | title, e.g. 12/KH-UBND | 05/01/2024"), index, v->number);
		return -1;
	}
	if (v->date != NULL && !entry_date_ok(v->date)) {
		*cause = xasprintf(TR("evidence %zu: the date \"%s\" is not a date dd/mm/yyyy"), index, v->date);
		return -1;
	}
	if (entry_text_check(v->number, N_("document number"), cause) != 0 ||
	    (v->date != NULL && entry_text_check(v->date, N_("date"),
	    cause) != 0) || (v->title != NULL &&
	    entry_text_check(v->title, N_("title"), cause) != 0))
		return -1;
	return 0;
}

int
entry_evidence_check(const struct entry_evidence *v, size_t index,
    char **cause)
{
	return entry_ref_check(v, index, 1, cause);
}

/* The list codec; need_date as entry_ref_check (-1: no reference is
 * checked, only the list). */
static int
entry_refs_parse(const char *text, size_t first, int need_date,
    struct entry_evidence **out, size_t *n, char **cause)
{
	char	*copy = xstrdup(text != NULL ? text : ""), *ref, *save = NULL;
	size_t	 cap = 4;

	*n = 0;
	*cause = NULL;
	*out = xcalloc(cap, sizeof **out);
	for (ref = strtok_r(copy, ";", &save); ref != NULL;
	    ref = strtok_r(NULL, ";", &save)) {
		char			*f[3] = { NULL, NULL, NULL }, *p = ref;
		int			 i;
		struct entry_evidence	*v;

		if (*entry_trim(ref) == '\0')
			continue;
		for (i = 0; i < 3 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '|')) != NULL)
				*p++ = '\0';
		}
		if (p != NULL) {
			for (i = 0; i < 3; i++)
				f[i][strlen(f[i])] = '|';
			*cause = xasprintf(TR("evidence \"%.60s\": at most number|date|title"), ref);
			goto fail;
		}
		if (*n == ENTRY_MAX_EVIDENCE) {
			*cause = xasprintf(TR("more than %d evidence references"), ENTRY_MAX_EVIDENCE);
			goto fail;
		}
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		v = &(*out)[(*n)++];
		v->number = xstrdup(entry_trim(f[0]));
		v->date = f[1] != NULL && *entry_trim(f[1]) != '\0' ?
		    xstrdup(entry_trim(f[1])) : NULL;
		v->title = f[2] != NULL && *entry_trim(f[2]) != '\0' ?
		    xstrdup(entry_trim(f[2])) : NULL;
		if (need_date >= 0 && entry_ref_check(v, first + *n - 1,
		    need_date, cause) != 0)
			goto fail;
	}
	free(copy);
	return 0;
fail:
	free(copy);
	entry_evidence_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

int
entry_evidence_parse(const char *text, size_t first,
    struct entry_evidence **out, size_t *n, char **cause)
{
	return entry_refs_parse(text, first, 1, out, n, cause);
}

int
entry_evidence_split(const char *text, size_t first,
    struct entry_evidence **out, size_t *n, char **cause)
{
	return entry_refs_parse(text, first, -1, out, n, cause);
}

int
entry_deduction_evidence_check(const char *text, char **cause)
{
	struct entry_evidence	*ev;
	size_t			 n;

	*cause = NULL;
	if (entry_refs_parse(text, 1, 0, &ev, &n, cause) != 0)
		return -1;
	entry_evidence_free(ev, n);
	return 0;
}

char *
entry_evidence_format(const struct entry_evidence *v, size_t n)
{
	struct strbuf	b;
	size_t		i;

	strbuf_init(&b);
	strbuf_add(&b, "", 0);
	/* puts, not printf: an export formats every entry's evidence. */
	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_puts(&b, "; ");
		strbuf_puts(&b, v[i].number);
		if (v[i].date != NULL || v[i].title != NULL) {
			strbuf_add(&b, "|", 1);
			strbuf_puts(&b, v[i].date != NULL ? v[i].date : "");
		}
		if (v[i].title != NULL) {
			strbuf_add(&b, "|", 1);
			strbuf_puts(&b, v[i].title);
		}
	}
	return strbuf_steal(&b);
}

void
entry_record_clear(struct entry_record *e)
{
	free(e->agency);
	free(e->item);
	entry_inputs_clear(&e->self_inputs);
	entry_inputs_clear(&e->appraised_inputs);
	free(e->explanation);
	free(e->note);
	free(e->reason);
	free(e->analogy[0]);
	free(e->analogy[1]);
	entry_inputs_clear(&e->first_inputs);
	free(e->dispute);
	entry_evidence_free(e->evidence, e->nevidence);
	free(e->who);
	free(e->at);
	memset(e, 0, sizeof *e);
}

void
entry_record_copy(struct entry_record *d, const struct entry_record *s)
{
	size_t	i;

	memset(d, 0, sizeof *d);
	d->agency = xstrdup(s->agency);
	d->item = xstrdup(s->item);
	d->self = s->self;
	d->appraised = s->appraised;
	entry_inputs_copy(&d->self_inputs, &s->self_inputs);
	entry_inputs_copy(&d->appraised_inputs, &s->appraised_inputs);
	d->explanation = xstrdup(s->explanation);
	d->note = xstrdup(s->note);
	d->reason = xstrdup(s->reason);
	d->analogy[0] = xstrdup(s->analogy[0]);
	d->analogy[1] = xstrdup(s->analogy[1]);
	d->first = s->first;
	entry_inputs_copy(&d->first_inputs, &s->first_inputs);
	d->dispute = xstrdup(s->dispute);
	d->nevidence = s->nevidence;
	d->evidence = xcalloc(s->nevidence + 1, sizeof *d->evidence);
	for (i = 0; i < s->nevidence; i++) {
		d->evidence[i].number = xstrdup(s->evidence[i].number);
		d->evidence[i].date = xstrdup(s->evidence[i].date);
		d->evidence[i].title = xstrdup(s->evidence[i].title);
	}
	d->who = xstrdup(s->who);
	d->at = xstrdup(s->at);
}

void
entry_records_free(struct entry_record *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		entry_record_clear(&e[i]);
	free(e);
}

int
entry_mark_eq(const struct score_mark *a, const struct score_mark *b)
{
	return a->status == b->status && (a->status != STATUS_SCORED ||
	    a->points == b->points);
}

int
entry_record_eq(const struct entry_record *a, const struct entry_record *b)
{
	return entry_mark_eq(&a->self, &b->self) &&
	    entry_mark_eq(&a->appraised, &b->appraised) &&
	    entry_inputs_eq(&a->self_inputs, &b->self_inputs) &&
	    entry_inputs_eq(&a->appraised_inputs, &b->appraised_inputs) &&
	    entry_text_eq(a->explanation, b->explanation) &&
	    entry_text_eq(a->note, b->note) &&
	    entry_text_eq(a->reason, b->reason) &&
	    entry_text_eq(a->analogy[0], b->analogy[0]) &&
	    entry_text_eq(a->analogy[1], b->analogy[1]) &&
	    entry_mark_eq(&a->first, &b->first) &&
	    entry_inputs_eq(&a->first_inputs, &b->first_inputs) &&
	    entry_text_eq(a->dispute, b->dispute) &&
	    entry_evidence_eq(a->evidence, a->nevidence, b->evidence,
	    b->nevidence);
}

int
entry_has_rounds(const struct entry_record *e)
{
	return e->first.status != STATUS_EMPTY || e->first_inputs.n > 0 ||
	    (e->dispute != NULL && *e->dispute != '\0');
}

struct score_mark *
entry_mark(struct entry_record *e, enum score_side side)
{
	return side == SIDE_SELF ? &e->self : &e->appraised;
}

struct entry_inputs *
entry_inputs_of(struct entry_record *e, enum score_side side)
{
	return side == SIDE_SELF ? &e->self_inputs : &e->appraised_inputs;
}

const struct score_mark *
entry_mark_c(const struct entry_record *e, enum score_side side)
{
	return side == SIDE_SELF ? &e->self : &e->appraised;
}

const struct entry_inputs *
entry_inputs_c(const struct entry_record *e, enum score_side side)
{
	return side == SIDE_SELF ? &e->self_inputs : &e->appraised_inputs;
}

void
entry_deduction_clear(struct entry_deduction *d)
{
	free(d->agency);
	free(d->reason);
	free(d->evidence);
	free(d->who);
	free(d->at);
	memset(d, 0, sizeof *d);
}

void
entry_deductions_free(struct entry_deduction *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		entry_deduction_clear(&d[i]);
	free(d);
}

size_t
entry_rule_names(const struct form_item *it, const char **names)
{
	size_t	i;

	switch (it->rule) {
	case RULE_POINTS:
	case RULE_BANDS:
		names[0] = "value";
		return 1;
	case RULE_CHOICE:
		names[0] = "level";
		return 1;
	case RULE_RATIO:
		names[0] = "done";
		names[1] = "planned";
		return 2;
	case RULE_FORMULA:
		for (i = 0; i < it->ninputs && i < ENTRY_MAX_INPUTS; i++)
			names[i] = it->inputs[i].name;
		return i;
	}
	return 0;
}

int
entry_rule_points(const struct form_item *it, const struct entry_inputs *in,
    int64_t *points, char **cause)
{
	const char		*names[ENTRY_MAX_INPUTS];
	int64_t			 vals[ENTRY_MAX_INPUTS];
	struct form_rule_input	 ri;
	struct strbuf		 missing;
	size_t			 n, i, j, nmissing = 0;
	int			 rc;

	*cause = NULL;
	n = entry_rule_names(it, names);
	for (i = 0; i < in->n; i++) {
		for (j = 0; j < n && strcmp(names[j], in->v[i].name) != 0; j++)
			;
		if (j == n) {
			*cause = xasprintf(TR("item %s has no input \"%s\""),
			    it->code, in->v[i].name);
			return -1;
		}
	}
	strbuf_init(&missing);
	for (j = 0; j < n; j++) {
		if (!entry_inputs_get(in, names[j], &vals[j])) {
			strbuf_printf(&missing, "%s%s", nmissing ? ", " : "",
			    names[j]);
			nmissing++;
		}
	}
	if (nmissing > 0) {
		*cause = nmissing == 1 ?
		    xasprintf(TR("item %s: input %s is missing"), it->code,
		    missing.s) :
		    xasprintf(TR("item %s: inputs %s are missing"), it->code,
		    missing.s);
		strbuf_clear(&missing);
		return -1;
	}
	strbuf_clear(&missing);
	memset(&ri, 0, sizeof ri);
	switch (it->rule) {
	case RULE_POINTS:
	case RULE_BANDS:
		ri.value = vals[0];
		break;
	case RULE_CHOICE:
		if (vals[0] % 100 != 0 || vals[0] < 100 ||
		    vals[0] / 100 > (int64_t)it->nlevels) {
			*cause = xasprintf(TR("level must be 1..%zu"),
			    it->nlevels);
			return -1;
		}
		ri.level = (size_t)(vals[0] / 100 - 1);
		break;
	case RULE_RATIO:
		ri.done = vals[0];
		ri.planned = vals[1];
		break;
	case RULE_FORMULA:
		ri.vars = vals;
		break;
	}
	rc = form_rule_points(it, &ri, points, cause);
	return rc;
}

int
entry_text_check(const char *s, const char *what, char **cause)
{
	if (strlen(s) > ENTRY_MAX_TEXT) {
		*cause = xasprintf(TR("%s: longer than %d bytes"), TR(what),
		    ENTRY_MAX_TEXT);
		return -1;
	}
	if (!text_valid(s)) {
		*cause = xasprintf(TR("%s: not valid UTF-8"), TR(what));
		return -1;
	}
	/* Controls, and the marks that reorder or break a line. */
	if (text_has_control(s, 0)) {
		*cause = xasprintf(TR("%s: holds a control character"), TR(what));
		return -1;
	}
	return 0;
}
