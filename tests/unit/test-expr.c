/* Unit tests: expr (formula parsing and exact evaluation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "expr.h"

static const char *const abc[] = { "a", "b", "c" };
static const char *const abcd[] = { "a", "b", "c", "d" };

#define FORM_MAX	INT64_C(100000000000)	/* 10^9 points */

static int64_t
eval(const char *text, int64_t a, int64_t b, int64_t c)
{
	char		*cause = NULL;
	struct expr	*e = expr_parse(text, abc, 3, &cause);
	int64_t		 v[3] = { a, b, c }, out = -999;

	assert_non_null(e);
	assert_int_equal(expr_eval(e, v, &out, &cause), 0);
	expr_free(e);
	return out;
}

/* Replace *e by the parse of text (freeing the old); returns it. */
static struct expr *
expr_parse_keep(struct expr **e, const char *text)
{
	char	*cause = NULL;

	expr_free(*e);
	*e = expr_parse(text, abc, 3, &cause);
	assert_non_null(*e);
	return *e;
}

static void
test_inspection_formula(void **state)
{
	(void)state;
	/* a = 10 issues, b = 6 handled, c = 2 in progress: 0.6 + 0.1 */
	assert_int_equal(eval("(b/a)*1 + (c/a)*0.5", 1000, 600, 200), 70);
	/* 1/3 + 1/3 * 0.5 = 0.5 exactly: rational arithmetic, no drift */
	assert_int_equal(eval("(b/a)*1 + (c/a)*0.5", 300, 100, 100), 50);
	/* 2/3 = 0.6666... rounds half up to 0.67 */
	assert_int_equal(eval("b/a", 300, 200, 0), 67);
	/* 1/8 = 0.125 -> 0.13 (half up) */
	assert_int_equal(eval("b/a", 800, 100, 0), 13);
}

static void
test_precedence(void **state)
{
	(void)state;
	assert_int_equal(eval("1 + 2 * 3", 0, 0, 0), 700);
	assert_int_equal(eval("(1 + 2) * 3", 0, 0, 0), 900);
	assert_int_equal(eval("-a + 2", 100, 0, 0), 100);
	assert_int_equal(eval("a - b - c", 1000, 300, 200), 500);
	assert_int_equal(eval("a / b / c", 800, 200, 200), 200);
	assert_int_equal(eval("0,5 * a", 300, 0, 0), 150);
	assert_int_equal(eval("--a", 100, 0, 0), 100);
}

static void
test_division_by_zero(void **state)
{
	char		*cause = NULL;
	struct expr	*e = expr_parse("(b/a)*1 + (c/a)*0.5", abc, 3, &cause);
	int64_t		 v[3] = { 0, 0, 0 }, out = 42;

	(void)state;
	assert_non_null(e);
	assert_int_equal(expr_eval(e, v, &out, &cause), EXPR_EVAL_DIVZERO);
	assert_string_equal(cause, "division by zero");
	assert_int_equal(out, 42);
	free(cause);
	expr_free(e);
}

/* Constraints compare two sides exactly (b + c <= a). */
static void
test_compare(void **state)
{
	char		*cause = NULL;
	struct expr	*l = expr_parse("b + c", abc, 3, &cause);
	struct expr	*r = expr_parse("a", abc, 3, &cause);
	struct expr	*q = expr_parse("1/a", abc, 3, &cause);
	int64_t		 v[3] = { 500, 300, 200 };
	int		 sign = 9;

	(void)state;
	assert_int_equal(expr_compare(l, r, v, &sign, &cause), 0);
	assert_int_equal(sign, 0);
	v[2] = 201;
	assert_int_equal(expr_compare(l, r, v, &sign, &cause), 0);
	assert_int_equal(sign, 1);
	v[1] = 0;
	assert_int_equal(expr_compare(l, r, v, &sign, &cause), 0);
	assert_int_equal(sign, -1);
	/* 1/3 against 0.33: exact, not rounded to hundredths first */
	v[0] = 300;
	assert_int_equal(expr_compare(q, expr_parse_keep(&r, "0.33"), v,
	    &sign, &cause), 0);
	assert_int_equal(sign, 1);
	v[0] = 0;
	assert_int_equal(expr_compare(q, r, v, &sign, &cause),
	    EXPR_EVAL_DIVZERO);
	assert_string_equal(cause, "division by zero");
	free(cause);
	expr_free(l);
	expr_free(r);
	expr_free(q);
}

static void
test_overflow_is_an_error(void **state)
{
	char		*cause = NULL;
	struct expr	*e = expr_parse("a*a*a*a*a*a", abc, 3, &cause);
	int64_t		 v[3] = { 100000000000LL, 0, 0 }, out = 0;

	(void)state;
	assert_non_null(e);
	assert_int_equal(expr_eval(e, v, &out, &cause), -1);
	assert_non_null(strstr(cause, "too large"));
	free(cause);
	expr_free(e);
}

/* Evaluate text over a, b, c; the result, or -1 with the cause checked. */
static int
eval_rc(const char *text, int64_t a, int64_t b, int64_t c, int64_t *out)
{
	char		*cause = NULL;
	struct expr	*e = expr_parse(text, abc, 3, &cause);
	int64_t		 v[3] = { a, b, c };
	int		 rc;

	assert_non_null(e);
	rc = expr_eval(e, v, out, &cause);
	if (rc != 0) {
		assert_non_null(strstr(cause, "overflows"));
		free(cause);
	} else
		assert_null(cause);
	expr_free(e);
	return rc;
}

/* Issue 7: each of these crashed or overflowed (SIGFPE, UBSan). */
static void
test_overflow_corners(void **state)
{
	int64_t	out = 0;

	(void)state;
	/* The gcd negated INT64_MIN: (-a)*b is -2^63/625 exactly. */
	assert_int_equal(eval_rc("-a*b + c", INT64_C(68719476736),
	    INT64_C(2147483648), 0, &out), 0);
	assert_int_equal(out, INT64_C(-1475739525896764129));
	assert_int_equal(eval_rc("-a*b", INT64_C(68719476736),
	    INT64_C(2147483648), 0, &out), 0);
	assert_int_equal(out, INT64_C(-1475739525896764129));
	/* The half-up rounding doubled a remainder near 2^63. */
	{
		char		*cause = NULL;
		struct expr	*e = expr_parse("a/b + c/d", abcd, 4, &cause);
		int64_t		 v[4] = { INT64_C(16000000),
				    INT64_C(2500000001), 1,
				    INT64_C(3000000007) };

		assert_non_null(e);
		assert_int_equal(expr_eval(e, v, &out, &cause), 0);
		assert_int_equal(out, 1);	/* 0.0064 rounds to 0.01 */
		expr_free(e);
	}
	assert_int_equal(eval_rc("--(-14/c/a)", INT64_C(14701873080), 0,
	    INT64_C(77680897208), &out), 0);
	assert_int_equal(out, 0);
	/* Products and sums of the largest inputs. */
	assert_int_equal(eval_rc("a*b*c", FORM_MAX, FORM_MAX, FORM_MAX, &out),
	    -1);
	assert_int_equal(eval_rc("a*b - c*a", FORM_MAX, FORM_MAX, FORM_MAX,
	    &out), 0);
	assert_int_equal(out, 0);
	assert_int_equal(eval_rc("-a*b/c", FORM_MAX, FORM_MAX, 1, &out), -1);
	assert_int_equal(eval_rc("a/b/c", 1, FORM_MAX, 100, &out), 0);
	assert_int_equal(out, 0);
	assert_int_equal(eval_rc("(a+a+a+a+a+a+a+a)*(b+b+b+b+b+b+b+b)",
	    FORM_MAX, FORM_MAX, 0, &out), -1);
	assert_int_equal(eval_rc("a*b", INT64_MAX, INT64_MAX, 0, &out), -1);
	assert_int_equal(eval_rc("-a-b", INT64_MIN, INT64_MIN, 0, &out), -1);
	assert_int_equal(eval_rc("-a", INT64_MIN, 0, 0, &out), -1);
	assert_int_equal(eval_rc("a/b", INT64_MIN, -1, 0, &out), -1);
	assert_int_equal(eval_rc("a/b", INT64_MAX, 100, 0, &out), 0);
	assert_int_equal(out, INT64_MAX);
}

static void
test_parse_errors(void **state)
{
	static const char *const bad[] = { "(a + ", "a +* b", "a b", "2 ^ 3",
	    "", "z", "a / (b", "1.234", ")" };
	char	*cause;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		assert_null(expr_parse(bad[i], abc, 3, &cause));
		assert_non_null(cause);
		free(cause);
	}
	cause = NULL;
	assert_null(expr_parse("a + zz", abc, 3, &cause));
	assert_non_null(strstr(cause, "unknown input \"zz\""));
	free(cause);
}

/* A string of n copies of s between head and tail; caller frees. */
static char *
repeat(const char *head, const char *s, size_t n, const char *tail)
{
	size_t	 hl = strlen(head), sl = strlen(s), tl = strlen(tail), i;
	char	*p = malloc(hl + sl * n + tl + 1), *q = p;

	assert_non_null(p);
	memcpy(q, head, hl);
	q += hl;
	for (i = 0; i < n; i++, q += sl)
		memcpy(q, s, sl);
	memcpy(q, tail, tl + 1);
	return p;
}

/* Parse text; NULL with the cause checked to hold want. */
static void
parse_refused(const char *text, const char *want)
{
	char	*cause = NULL;

	assert_null(expr_parse(text, abc, 3, &cause));
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%.200s\" lacks \"%s\"", cause, want);
	assert_true(strlen(cause) < 2 * EXPR_MAX_LEN);
	free(cause);
}

static void
parse_accepted(const char *text)
{
	char		*cause = NULL;
	struct expr	*e = expr_parse(text, abc, 3, &cause);

	if (e == NULL)
		fail_msg("refused: %.300s", cause);
	expr_free(e);
}

/* Issue 7: deep or long formulas overflowed the stack. */
static void
test_stack_bombs(void **state)
{
	char	*t;

	(void)state;
	t = repeat("", "(", 50000, "a");
	parse_refused(t, "too long");
	free(t);
	t = repeat("", "-", 1000000, "a");
	parse_refused(t, "too long");
	free(t);
	t = repeat("a", "+a", 199999, "");
	parse_refused(t, "too long");
	free(t);
	t = repeat("", "-(", 20, "a))))))))))))))))))))");
	parse_refused(t, "nested more than 32 levels");
	free(t);
}

/* The limits, just under and just over. */
static void
test_limits(void **state)
{
	char	*t, *u;
	int64_t	 out;

	(void)state;
	/* 32 parentheses deep, then 33. */
	t = repeat("", "(", EXPR_MAX_DEPTH, "a");
	u = repeat(t, ")", EXPR_MAX_DEPTH, "");
	parse_accepted(u);
	free(t);
	free(u);
	t = repeat("", "(", EXPR_MAX_DEPTH + 1, "a");
	u = repeat(t, ")", EXPR_MAX_DEPTH + 1, "");
	parse_refused(u, "nested more than 32 levels");
	free(t);
	free(u);
	/* 32 minus signs, then 33. */
	t = repeat("", "-", EXPR_MAX_DEPTH, "a");
	assert_int_equal(eval_rc(t, 100, 0, 0, &out), 0);
	assert_int_equal(out, 100);
	free(t);
	t = repeat("", "-", EXPR_MAX_DEPTH + 1, "a");
	parse_refused(t, "nested more than 32 levels");
	free(t);
	/* Parentheses and minus signs count together. */
	t = repeat("", "-(", EXPR_MAX_DEPTH / 2, "a");
	u = repeat(t, ")", EXPR_MAX_DEPTH / 2, "");
	parse_accepted(u);
	free(t);
	free(u);
	t = repeat("-", "-(", EXPR_MAX_DEPTH / 2, "a");
	u = repeat(t, ")", EXPR_MAX_DEPTH / 2, "");
	parse_refused(u, "nested more than 32 levels");
	free(t);
	free(u);
	/* 256 tokens (128 names, 127 signs, one minus), then 257. */
	t = repeat("-a", "+a", EXPR_MAX_TOKENS / 2 - 1, "");
	assert_int_equal(eval_rc(t, 100, 0, 0, &out), 0);
	assert_int_equal(out, 12600);
	free(t);
	t = repeat("-a", "+a", EXPR_MAX_TOKENS / 2 - 1, "+");
	parse_refused(t, "more than 256");
	free(t);
	/* 1024 bytes, then 1025 (spaces are not tokens). */
	t = repeat("a", " ", EXPR_MAX_LEN - 1, "");
	parse_accepted(t);
	free(t);
	t = repeat("a", " ", EXPR_MAX_LEN, "");
	parse_refused(t, "too long");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspection_formula),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_division_by_zero),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_overflow_is_an_error),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_overflow_corners),
		cmocka_unit_test(test_stack_bombs),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
