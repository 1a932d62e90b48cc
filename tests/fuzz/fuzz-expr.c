/*
 * fuzz-expr: the formula parser and its exact evaluator (src/expr.h).
 *
 * Input: a formula L, a newline, a formula R, a newline, then the values
 * of the names a, b, c, d, x_1 as 8-byte integers in hundredths (any
 * int64_t: expr_eval promises that no input makes it crash or overflow);
 * what is missing is a fixed value.  Properties checked besides the
 * sanitizers: a parse gives a tree or a cause; an evaluation gives 0 with
 * a value, or an error with a cause; it is deterministic; L compared
 * with itself is equal, the comparison of L and R is antisymmetric, and
 * it agrees with the rounded values (rounding half up is monotonic).
 */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz.h"

static const char *const names[] = { "a", "b", "c", "d", "x_1" };
#define NNAMES	(sizeof names / sizeof names[0])

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Parse text: a tree, or NULL with a cause. */
static struct expr *
parse(const char *text)
{
	struct expr	*e;
	char		*cause = NULL;

	e = expr_parse(text, names, NNAMES, &cause);
	FUZZ_CHECK((e == NULL) == (cause != NULL));
	free(cause);
	return e;
}

/* Evaluate e twice: the same result both times; the rc. */
static int
eval(const struct expr *e, const int64_t *v, int64_t *out)
{
	int64_t	 o2 = 0;
	char	*cause = NULL, *c2 = NULL;
	int	 rc, rc2;

	*out = 0;
	rc = expr_eval(e, v, out, &cause);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == EXPR_EVAL_DIVZERO);
	FUZZ_CHECK((rc == 0) == (cause == NULL));
	rc2 = expr_eval(e, v, &o2, &c2);
	FUZZ_CHECK(rc2 == rc);
	FUZZ_CHECK(rc != 0 || o2 == *out);
	free(cause);
	free(c2);
	return rc;
}

static int
compare(const struct expr *l, const struct expr *r, const int64_t *v,
    int *sign)
{
	char	*cause = NULL;
	int	 rc;

	*sign = 2;
	rc = expr_compare(l, r, v, sign, &cause);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == EXPR_EVAL_DIVZERO);
	FUZZ_CHECK((rc == 0) == (cause == NULL));
	FUZZ_CHECK(rc != 0 || *sign == -1 || *sign == 0 || *sign == 1);
	free(cause);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t	 dflt[NNAMES] = { 1000, 600, 200, 0, -150 };
	int64_t			 v[NNAMES], lv, rv;
	char			*buf, *ltext, *rtext = NULL, *nl;
	const uint8_t		*vals = NULL;
	size_t			 nvals = 0, i;
	struct expr		*l, *r = NULL;
	int			 lrc, rrc, s1, s2, c1, c2;

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	ltext = buf;
	if ((nl = memchr(buf, '\n', size)) != NULL) {
		*nl = '\0';
		rtext = nl + 1;
		if ((nl = memchr(rtext, '\n', size - (size_t)(rtext - buf))) !=
		    NULL) {
			*nl = '\0';
			vals = (const uint8_t *)nl + 1;
			nvals = size - (size_t)(nl + 1 - buf);
		}
	}
	for (i = 0; i < NNAMES; i++) {
		if (nvals >= (i + 1) * 8)
			memcpy(&v[i], vals + i * 8, 8);
		else
			v[i] = dflt[i];
	}
	/* NUL bytes end the texts early: that is what a C string gives. */
	l = parse(ltext);
	if (rtext != NULL)
		r = parse(rtext);
	if (l != NULL) {
		lrc = eval(l, v, &lv);
		c1 = compare(l, l, v, &s1);
		FUZZ_CHECK(c1 != 0 || s1 == 0);
		FUZZ_CHECK((c1 == EXPR_EVAL_DIVZERO) ==
		    (lrc == EXPR_EVAL_DIVZERO));
	}
	if (l != NULL && r != NULL) {
		rrc = eval(r, v, &rv);
		c1 = compare(l, r, v, &s1);
		c2 = compare(r, l, v, &s2);
		FUZZ_CHECK((c1 == 0) == (c2 == 0));
		FUZZ_CHECK(c1 != 0 || s1 == -s2);
		if (c1 == 0 && lrc == 0 && rrc == 0) {
			FUZZ_CHECK(lv <= rv || s1 == 1);
			FUZZ_CHECK(lv >= rv || s1 == -1);
			FUZZ_CHECK(s1 != 0 || lv == rv);
		}
	}
	expr_free(l);
	expr_free(r);
	free(buf);
	return 0;
}
