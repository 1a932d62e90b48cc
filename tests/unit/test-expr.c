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
	assert_int_equal(expr_eval(e, v, &out, &cause), -1);
	assert_string_equal(cause, "division by zero");
	assert_int_equal(out, 42);
	free(cause);
	expr_free(e);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspection_formula),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_division_by_zero),
		cmocka_unit_test(test_overflow_is_an_error),
		cmocka_unit_test(test_parse_errors),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}
