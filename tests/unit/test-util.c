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

/* Issue 11: a percentage may be typed with its sign, exactly. */
static void
test_parse_unit(void **state)
{
	int64_t	 v = 0;
	char	*c = NULL;

	(void)state;
	assert_int_equal(util_parse_cp_unit("92,5%", "%", &v, &c), 0);
	assert_int_equal(v, 9250);
	assert_int_equal(util_parse_cp_unit("92.5 %", "%", &v, &c), 0);
	assert_int_equal(v, 9250);
	assert_int_equal(util_parse_cp_unit(" 100 ", "%", &v, &c), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(util_parse_cp_unit("3 sáng kiến", "sáng kiến", &v,
	    &c), 0);
	assert_int_equal(v, 300);
	assert_null(c);
	/* The unit alone, twice, or another one is no number. */
	assert_int_equal(util_parse_cp_unit("%", "%", &v, &c), -1);
	assert_non_null(strstr(c, "\"%\" is not a number"));
	free(c);
	assert_int_equal(util_parse_cp_unit("92%%", "%", &v, &c), -1);
	free(c);
	assert_int_equal(util_parse_cp_unit("92%", NULL, &v, &c), -1);
	free(c);
	assert_int_equal(util_parse_cp_unit("92,555%", "%", &v, &c), -1);
	assert_non_null(strstr(c, "\"92,555%\" has more than two decimals"));
	free(c);
}

/* Issue 7: numbers are bounded where they are parsed, without overflow. */
static void
test_parse_bounds(void **state)
{
	char	*c;

	(void)state;
	assert_int_equal(parse_ok("1000000000"), UTIL_CP_LIMIT);
	assert_int_equal(parse_ok("-1000000000"), -UTIL_CP_LIMIT);
	assert_int_equal(parse_ok("999999999.99"), UTIL_CP_LIMIT - 1);
	assert_int_equal(parse_ok("555555555.55"), INT64_C(55555555555));
	assert_int_equal(parse_ok("+0001000000000.00"), UTIL_CP_LIMIT);
	c = parse_bad("1000000000.01");
	assert_non_null(strstr(c, "-1000000000..1000000000"));
	free(c);
	c = parse_bad("-1000000000.01");
	assert_non_null(strstr(c, "-1000000000..1000000000"));
	free(c);
	/* Near INT64_MAX / 100: accepted before, and its product overflowed. */
	c = parse_bad("92233720368547757");
	assert_non_null(strstr(c, "-1000000000..1000000000"));
	free(c);
	c = parse_bad("99999999999999999999999999999999999999999");
	assert_non_null(strstr(c, "-1000000000..1000000000"));
	free(c);
	c = parse_bad("10.000000001");
	assert_non_null(strstr(c, "more than two decimals"));
	free(c);
	c = parse_bad("0.1234567890123456789012345678901234567890");
	assert_non_null(strstr(c, "more than two decimals"));
	free(c);
	c = parse_bad("1000000000000000000000.5");
	assert_non_null(strstr(c, "-1000000000..1000000000"));
	free(c);
}

static void
test_scan_reasons(void **state)
{
	int64_t	v = 7;

	(void)state;
	assert_int_equal(util_scan_cp("12.5", &v), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(util_scan_cp("x", &v), UTIL_CP_SYNTAX);
	assert_int_equal(util_scan_cp("0.125", &v), UTIL_CP_DECIMALS);
	assert_int_equal(util_scan_cp("2000000000", &v), UTIL_CP_RANGE);
	assert_int_equal(v, 1250);
}

static void
test_parse_uint(void **state)
{
	int	v = -1;

	(void)state;
	assert_int_equal(util_parse_uint("2024", &v), 0);
	assert_int_equal(v, 2024);
	assert_int_equal(util_parse_uint("2147483647", &v), 0);
	assert_int_equal(v, 2147483647);
	assert_int_equal(util_parse_uint("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(util_parse_uint("2147483648", &v), -1);
	assert_int_equal(util_parse_uint("99999999999999999999999999", &v),
	    -1);
	assert_int_equal(util_parse_uint("-1", &v), -1);
	assert_int_equal(util_parse_uint("+1", &v), -1);
	assert_int_equal(util_parse_uint("1 ", &v), -1);
	assert_int_equal(util_parse_uint("", &v), -1);
	assert_int_equal(util_parse_uint(NULL, &v), -1);
	assert_int_equal(v, 0);
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
	assert_string_equal(util_format_cp(INT64_MIN, '.', b),
	    "-92233720368547758.08");
	assert_string_equal(util_format_cp(INT64_MAX, '.', b),
	    "92233720368547758.07");
	assert_string_equal(util_format_cp(0, '.', b), "0");
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

/* Issue 7: the remainder was doubled (r * 2), which overflows. */
static void
test_div_round_extremes(void **state)
{
	int64_t	v = 0;

	(void)state;
	/* r = den - 1 near INT64_MAX: 2r overflowed. */
	assert_int_equal(util_div_round(INT64_MAX - 1, INT64_MAX), 1);
	assert_int_equal(util_div_round(INT64_MAX / 2, INT64_MAX), 0);
	assert_int_equal(util_div_round(INT64_MAX / 2 + 1, INT64_MAX), 1);
	assert_int_equal(util_div_round(-1, INT64_MAX), 0);
	assert_int_equal(util_div_round(-(INT64_MAX / 2), INT64_MAX), 0);
	assert_int_equal(util_div_round(-(INT64_MAX / 2) - 1, INT64_MAX),
	    -1);
	assert_int_equal(util_div_round(INT64_MIN, INT64_MAX), -1);
	assert_int_equal(util_div_round(INT64_MIN, 1), INT64_MIN);
	assert_int_equal(util_div_round(INT64_MAX, 1), INT64_MAX);
	assert_int_equal(util_div_round(INT64_MAX, 2), INT64_MAX / 2 + 1);
	assert_int_equal(util_div_round(INT64_MIN, 2), INT64_MIN / 2);
	assert_int_equal(util_div_round(5, 0), 0);
	assert_int_equal(util_div_round(5, -1), 0);
	assert_int_equal(util_mul_div_round(INT64_MAX, INT64_MAX, INT64_MAX,
	    &v), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(util_mul_div_round(INT64_MIN, INT64_MAX, INT64_MAX,
	    &v), 0);
	assert_int_equal(v, INT64_MIN);
	assert_int_equal(util_mul_div_round(10000, 7884, 9650, &v), 0);
	assert_int_equal(v, 8170);
	assert_int_equal(util_mul_div_round(10000, -5, 200, &v), 0);
	assert_int_equal(v, -250);
	assert_int_equal(util_mul_div_round(3, -1, 2, &v), 0);
	assert_int_equal(v, -1);		/* -1.5 -> -1 */
	v = 42;
	assert_int_equal(util_mul_div_round(INT64_MAX, 2, 1, &v), -1);
	assert_int_equal(util_mul_div_round(INT64_MIN, -1, 1, &v), -1);
	assert_int_equal(util_mul_div_round(1, 1, 0, &v), -1);
	assert_int_equal(v, 42);
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
		cmocka_unit_test(test_parse_unit),
		cmocka_unit_test(test_parse_bounds),
		cmocka_unit_test(test_scan_reasons),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_div_round),
		cmocka_unit_test(test_div_round_extremes),
		cmocka_unit_test(test_errlist_sorted),
		cmocka_unit_test(test_strbuf),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
