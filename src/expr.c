/* expr: parser and exact evaluator for formula items. */
#include "expr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum expr_op { EXPR_NUM, EXPR_VAR, EXPR_NEG, EXPR_ADD, EXPR_SUB, EXPR_MUL,
    EXPR_DIV };

struct expr {
	enum expr_op	 op;
	int64_t		 num;		/* EXPR_NUM: hundredths */
	size_t		 var;		/* EXPR_VAR: index into names */
	struct expr	*l, *r;
};

struct expr_parser {
	const char		 *text;
	const char		 *p;
	const char *const	 *names;
	size_t			  nnames;
	char			**cause;
	int			  depth;	/* open '(' and unary '-' */
	int			  ntokens;
};

static struct expr	*expr_parse_sum(struct expr_parser *);

static struct expr *
expr_node(enum expr_op op, struct expr *l, struct expr *r)
{
	struct expr	*e = xcalloc(1, sizeof *e);

	e->op = op;
	e->l = l;
	e->r = r;
	return e;
}

void
expr_free(struct expr *e)
{
	if (e == NULL)
		return;
	expr_free(e->l);
	expr_free(e->r);
	free(e);
}

static void
expr_skip(struct expr_parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static struct expr *
expr_fail(struct expr_parser *ps, const char *what)
{
	if (*ps->cause == NULL)
		*ps->cause = xasprintf(TR("formula \"%s\": %s at column %d"),
		    ps->text, what, (int)(ps->p - ps->text) + 1);
	return NULL;
}

/* Count a token about to be taken; -1 past EXPR_MAX_TOKENS. */
static int
expr_token(struct expr_parser *ps)
{
	char	*what;

	if (++ps->ntokens <= EXPR_MAX_TOKENS)
		return 0;
	what = xasprintf(TR("more than %d numbers, names, signs and parentheses"), EXPR_MAX_TOKENS);
	expr_fail(ps, what);
	free(what);
	return -1;
}

/* Enter a '(' or a unary '-'; -1 past EXPR_MAX_DEPTH levels. */
static int
expr_enter(struct expr_parser *ps)
{
	char	*what;

	if (expr_token(ps) != 0)
		return -1;
	if (++ps->depth <= EXPR_MAX_DEPTH)
		return 0;
	what = xasprintf(TR("nested more than %d levels deep (parentheses and minus signs)"), EXPR_MAX_DEPTH);
	expr_fail(ps, what);
	free(what);
	return -1;
}

static struct expr *
expr_parse_primary(struct expr_parser *ps)
{
	struct expr	*e;
	const char	*start;
	char		*tok, *cause = NULL;
	size_t		 i;

	expr_skip(ps);
	start = ps->p;
	if (*ps->p == '(') {
		if (expr_enter(ps) != 0)
			return NULL;
		ps->p++;
		if ((e = expr_parse_sum(ps)) == NULL)
			return NULL;
		expr_skip(ps);
		if (*ps->p != ')') {
			expr_free(e);
			return expr_fail(ps, TR("expected ')'"));
		}
		if (expr_token(ps) != 0) {
			expr_free(e);
			return NULL;
		}
		ps->p++;
		ps->depth--;
		return e;
	}
	if ((isdigit((unsigned char)*ps->p) || isalpha((unsigned char)*ps->p) ||
	    *ps->p == '_') && expr_token(ps) != 0)
		return NULL;
	if (isdigit((unsigned char)*ps->p)) {
		while (isdigit((unsigned char)*ps->p) || *ps->p == '.' ||
		    *ps->p == ',')
			ps->p++;
		tok = xstrndup(start, (size_t)(ps->p - start));
		e = expr_node(EXPR_NUM, NULL, NULL);
		if (util_parse_cp(tok, &e->num, &cause) != 0) {
			free(tok);
			free(cause);
			expr_free(e);
			ps->p = start;
			return expr_fail(ps, TR("bad number"));
		}
		free(tok);
		return e;
	}
	if (isalpha((unsigned char)*ps->p) || *ps->p == '_') {
		while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
			ps->p++;
		for (i = 0; i < ps->nnames; i++) {
			if (strlen(ps->names[i]) == (size_t)(ps->p - start) &&
			    strncmp(ps->names[i], start, ps->p - start) == 0)
				break;
		}
		if (i == ps->nnames) {
			tok = xstrndup(start, (size_t)(ps->p - start));
			ps->p = start;
			if (*ps->cause == NULL)
				*ps->cause = xasprintf(
				    TR("formula \"%s\": unknown input \"%s\""),
				    ps->text, tok);
			free(tok);
			return NULL;
		}
		e = expr_node(EXPR_VAR, NULL, NULL);
		e->var = i;
		return e;
	}
	return expr_fail(ps, *ps->p == '\0' ? TR("unexpected end") :
	    TR("unexpected character"));
}

static struct expr *
expr_parse_unary(struct expr_parser *ps)
{
	struct expr	*e;

	expr_skip(ps);
	if (*ps->p == '-') {
		if (expr_enter(ps) != 0)
			return NULL;
		ps->p++;
		if ((e = expr_parse_unary(ps)) == NULL)
			return NULL;
		ps->depth--;
		return expr_node(EXPR_NEG, e, NULL);
	}
	return expr_parse_primary(ps);
}

static struct expr *
expr_parse_product(struct expr_parser *ps)
{
	struct expr	*l, *r;
	enum expr_op	 op;

	if ((l = expr_parse_unary(ps)) == NULL)
		return NULL;
	for (;;) {
		expr_skip(ps);
		if (*ps->p != '*' && *ps->p != '/')
			return l;
		if (expr_token(ps) != 0) {
			expr_free(l);
			return NULL;
		}
		op = *ps->p++ == '*' ? EXPR_MUL : EXPR_DIV;
		if ((r = expr_parse_unary(ps)) == NULL) {
			expr_free(l);
			return NULL;
		}
		l = expr_node(op, l, r);
	}
}

static struct expr *
expr_parse_sum(struct expr_parser *ps)
{
	struct expr	*l, *r;
	enum expr_op	 op;

	if ((l = expr_parse_product(ps)) == NULL)
		return NULL;
	for (;;) {
		expr_skip(ps);
		if (*ps->p != '+' && *ps->p != '-')
			return l;
		if (expr_token(ps) != 0) {
			expr_free(l);
			return NULL;
		}
		op = *ps->p++ == '+' ? EXPR_ADD : EXPR_SUB;
		if ((r = expr_parse_product(ps)) == NULL) {
			expr_free(l);
			return NULL;
		}
		l = expr_node(op, l, r);
	}
}

struct expr *
expr_parse(const char *text, const char *const *names, size_t nnames,
    char **cause)
{
	struct expr_parser  ps = { text, text, names, nnames, cause, 0, 0 };
	struct expr		*e;
	size_t			 len = strlen(text);

	*cause = NULL;
	/* First, so that neither the parser nor a message walks a huge text. */
	if (len > EXPR_MAX_LEN) {
		*cause = xasprintf(TR("the formula is too long: %zu bytes, at most %d"), len, EXPR_MAX_LEN);
		return NULL;
	}
	if ((e = expr_parse_sum(&ps)) == NULL)
		return NULL;
	expr_skip(&ps);
	if (*ps.p != '\0') {
		expr_free(e);
		return expr_fail(&ps, TR("unexpected character"));
	}
	return e;
}

/*
 * An exact rational; d > 0 and the fraction is kept reduced.  Every
 * operation works on 128-bit intermediates: a product or cross-product of
 * two int64_t is below 2^126 in magnitude, a sum of two below 2^127, so
 * none overflows; the reduced result must then fit int64_t again, or the
 * evaluation stops with an overflow.  Never a crash, never a wrong value.
 */
struct rat {
	int64_t	n, d;
};

#define EXPR_OK		0
#define EXPR_DIV_ZERO	1
#define EXPR_OVERFLOW	2

static unsigned __int128
rat_gcd(unsigned __int128 a, unsigned __int128 b)
{
	while (b != 0) {
		unsigned __int128	t = a % b;

		a = b;
		b = t;
	}
	return a == 0 ? 1 : a;
}

/* n / d reduced into *out, for d != 0 and |n|, |d| < 2^127. */
static int
rat_make(__int128 n, __int128 d, struct rat *out)
{
	unsigned __int128	g;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = rat_gcd(n < 0 ? (unsigned __int128)-n : (unsigned __int128)n,
	    (unsigned __int128)d);
	n /= (__int128)g;
	d /= (__int128)g;
	if (n < INT64_MIN || n > INT64_MAX || d > INT64_MAX)
		return EXPR_OVERFLOW;
	out->n = (int64_t)n;
	out->d = (int64_t)d;
	return EXPR_OK;
}

/*
 * Evaluate into *out.  The recursion is as deep as the tree, which
 * expr_parse bounds by EXPR_MAX_TOKENS.
 */
static int
expr_eval_rat(const struct expr *e, const int64_t *v, struct rat *out)
{
	struct rat	a, b;
	int		rc;

	switch (e->op) {
	case EXPR_NUM:
		return rat_make(e->num, 100, out);
	case EXPR_VAR:
		return rat_make(v[e->var], 100, out);
	case EXPR_NEG:
		if ((rc = expr_eval_rat(e->l, v, &a)) != EXPR_OK)
			return rc;
		return rat_make(-(__int128)a.n, a.d, out);
	default:
		break;
	}
	if ((rc = expr_eval_rat(e->l, v, &a)) != EXPR_OK ||
	    (rc = expr_eval_rat(e->r, v, &b)) != EXPR_OK)
		return rc;
	switch (e->op) {
	case EXPR_ADD:
		return rat_make((__int128)a.n * b.d + (__int128)b.n * a.d,
		    (__int128)a.d * b.d, out);
	case EXPR_SUB:
		return rat_make((__int128)a.n * b.d - (__int128)b.n * a.d,
		    (__int128)a.d * b.d, out);
	case EXPR_MUL:
		return rat_make((__int128)a.n * b.n, (__int128)a.d * b.d, out);
	case EXPR_DIV:
		if (b.n == 0)
			return EXPR_DIV_ZERO;
		return rat_make((__int128)a.n * b.d, (__int128)a.d * b.n, out);
	default:
		return EXPR_OVERFLOW;
	}
}

/* The caller's return for an evaluation's code, with *cause. */
static int
expr_failed(int rc, char **cause)
{
	if (rc == EXPR_DIV_ZERO) {
		*cause = xstrdup(TR("division by zero"));
		return EXPR_EVAL_DIVZERO;
	}
	if (rc != EXPR_OK) {
		*cause = xstrdup(TR("the numbers are too large: the formula's arithmetic overflows for these inputs"));
		return -1;
	}
	return 0;
}

int
expr_eval(const struct expr *e, const int64_t *values, int64_t *out,
    char **cause)
{
	struct rat	r;
	__int128	q, rem;
	int		rc;

	*cause = NULL;
	rc = expr_eval_rat(e, values, &r);
	if (rc == EXPR_OK) {
		/* round_half_up(100 n / d); 100 n is below 2^70. */
		q = (__int128)r.n * 100 / r.d;
		rem = (__int128)r.n * 100 % r.d;
		if (rem < 0) {
			rem += r.d;
			q--;
		}
		if (rem >= r.d - rem)
			q++;
		if (q < INT64_MIN || q > INT64_MAX)
			rc = EXPR_OVERFLOW;
	}
	if ((rc = expr_failed(rc, cause)) != 0)
		return rc;
	*out = (int64_t)q;
	return 0;
}

int
expr_compare(const struct expr *l, const struct expr *r,
    const int64_t *values, int *sign, char **cause)
{
	struct rat	a, b;
	__int128	x, y;
	int		rc;

	*cause = NULL;
	if ((rc = expr_eval_rat(l, values, &a)) == EXPR_OK)
		rc = expr_eval_rat(r, values, &b);
	if ((rc = expr_failed(rc, cause)) != 0)
		return rc;
	/* Denominators are positive: cross-multiply. */
	x = (__int128)a.n * b.d;
	y = (__int128)b.n * a.d;
	*sign = x < y ? -1 : x > y;
	return 0;
}
