/* Unit tests: util (fixed-point parsing and formatting, errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"

static int64_t
parse_ok(const char *s)
{
	int64_t	 v = -12345;
	char	*cause = NULL;

	assert_int_equal(util_parse_cp(s, &v, &cause), 0);
	assert_null(cause);
	return v;
}

static char *
parse_bad(const char *s)
{
	int64_t	 v = 0;
	char	*cause = NULL;

	assert_int_equal(util_parse_cp(s, &v, &cause), -1);
	assert_non_null(cause);
	return cause;
}

static void
test_parse_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("9.5"), 950);
	assert_int_equal(parse_ok("9,5"), 950);
	assert_int_equal(parse_ok("9.50"), 950);
	assert_int_equal(parse_ok(" 14.5 "), 1450);
	assert_int_equal(parse_ok("0,25"), 25);
	assert_int_equal(parse_ok("100"), 10000);
	assert_int_equal(parse_ok("-0.25"), -25);
	assert_int_equal(parse_ok("-1"), -100);
	assert_int_equal(parse_ok(".5"), 50);
	assert_int_equal(parse_ok("7."), 700);
	assert_int_equal(parse_ok("0"), 0);
}

static void
test_parse_refusals(void **state)
{
	char	*c;

	(void)state;
	c = parse_bad("9.505");
	assert_non_null(strstr(c, "more than two decimals"));
	free(c);
	c = parse_bad("abc");
	assert_non_null(strstr(c, "not a number"));
	free(c);
	free(parse_bad(""));
	free(parse_bad("1.2.3"));
	free(parse_bad("1,2,3"));
	free(parse_bad("-"));
	free(parse_bad("9 5"));
	free(parse_bad("99999999999999999999"));
}

static void
test_format(void **state)
{
	char	b[UTIL_CP_BUFSZ];

	(void)state;
	assert_string_equal(util_format_cp(1450, '.', b), "14.5");
	assert_string_equal(util_format_cp(10000, '.', b), "100");
	assert_string_equal(util_format_cp(7884, ',', b), "78,84");
	assert_string_equal(util_format_cp(5, '.', b), "0.05");
	assert_string_equal(util_format_cp(-25, '.', b), "-0.25");
	assert_string_equal(util_format_cp2(8170, '.', b), "81.70");
	assert_string_equal(util_format_cp2(0, ',', b), "0,00");
	assert_string_equal(util_format_cp2(-5, '.', b), "-0.05");
}

static void
test_div_round(void **state)
{
	(void)state;
	assert_int_equal(util_div_round(10, 4), 3);	/* 2.5 -> 3 */
	assert_int_equal(util_div_round(9, 4), 2);	/* 2.25 -> 2 */
	assert_int_equal(util_div_round(11, 4), 3);	/* 2.75 -> 3 */
	assert_int_equal(util_div_round(-10, 4), -2);	/* -2.5 -> -2 */
	assert_int_equal(util_div_round(-11, 4), -3);
	assert_int_equal(util_div_round(0, 7), 0);
}

static void
test_errlist_sorted(void **state)
{
	struct errlist	e;

	(void)state;
	errlist_init(&e);
	errlist_add(&e, "b.cfg", 9, "late %d", 1);
	errlist_add(&e, "a.cfg", 30, "sum");
	errlist_add(&e, "b.cfg", 2, "early");
	errlist_add(&e, "a.cfg", 4, "key");
	errlist_add(&e, NULL, 0, "plain");
	errlist_sort(&e);
	assert_int_equal(e.n, 5);
	assert_string_equal(e.items[0].msg, "b.cfg:2: early");
	assert_string_equal(e.items[1].msg, "b.cfg:9: late 1");
	assert_string_equal(e.items[2].msg, "a.cfg:4: key");
	assert_string_equal(e.items[3].msg, "a.cfg:30: sum");
	assert_string_equal(e.items[4].msg, "plain");
	errlist_clear(&e);
	assert_int_equal(e.n, 0);
}

static void
test_strbuf(void **state)
{
	struct strbuf	 b;
	char		*s;
	int		 i;

	(void)state;
	strbuf_init(&b);
	for (i = 0; i < 1000; i++)
		strbuf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	s = strbuf_steal(&b);
	assert_int_equal(strlen(s), 2000);
	assert_memory_equal(s, "0,1,2,", 6);
	free(s);
	assert_null(b.s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_div_round),
		cmocka_unit_test(test_errlist_sorted),
		cmocka_unit_test(test_strbuf),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
