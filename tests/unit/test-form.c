/* Unit tests: form rules (points, choice, bands, ratio, formula). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "form.h"

static const struct form_item *
item(void **state, const char *code)
{
	const struct form_item	*it = form_find_item(*state, code);

	assert_non_null(it);
	return it;
}

static int64_t
points(const struct form_item *it, struct form_rule_input *in)
{
	int64_t	 p = -999;
	char	*cause = NULL;

	if (form_rule_points(it, in, &p, &cause) != 0) {
		fail_msg("refused: %s", cause);
		free(cause);
	}
	return p;
}

static char *
refused(const struct form_item *it, struct form_rule_input *in)
{
	int64_t	 p = -999;
	char	*cause = NULL;

	assert_int_equal(form_rule_points(it, in, &p, &cause), -1);
	assert_non_null(cause);
	assert_int_equal(p, -999);
	return cause;
}

static void
test_points_rule(void **state)
{
	const struct form_item	*it = item(state, "1.2.3");
	struct form_rule_input	 in = { 0 };
	char			*c;

	in.value = 75;
	assert_int_equal(points(it, &in), 75);
	in.value = 100;
	assert_int_equal(points(it, &in), 100);
	in.value = 110;			/* above max */
	c = refused(it, &in);
	assert_non_null(strstr(c, "outside 0..1"));
	free(c);
	in.value = 30;			/* off the 0.25 step */
	c = refused(it, &in);
	assert_non_null(strstr(c, "not a multiple of 0.25"));
	free(c);
	in.value = -25;
	free(refused(it, &in));
}

static void
test_item_step_and_penalty(void **state)
{
	const struct form_item	*one = item(state, "2.1.1");
	const struct form_item	*pen = item(state, "1.2.4");
	struct form_rule_input	 in = { 0 };
	char			*c;

	assert_int_equal(one->step, 50);
	in.value = 150;
	assert_int_equal(points(one, &in), 150);
	in.value = 125;
	c = refused(one, &in);
	assert_non_null(strstr(c, "not a multiple of 0.5"));
	free(c);

	assert_int_equal(pen->min, -100);
	assert_int_equal(pen->max, 0);
	in.value = -75;
	assert_int_equal(points(pen, &in), -75);
	in.value = -125;
	c = refused(pen, &in);
	assert_non_null(strstr(c, "outside -1..0"));
	free(c);
	in.value = 25;
	free(refused(pen, &in));
}

static void
test_choice_rule(void **state)
{
	const struct form_item	*it = item(state, "1.1.1");
	struct form_rule_input	 in = { 0 };

	in.level = 0;
	assert_int_equal(points(it, &in), 100);
	in.level = 1;
	assert_int_equal(points(it, &in), 50);
	in.level = 2;
	assert_int_equal(points(it, &in), 0);
	in.level = 3;
	free(refused(it, &in));
}

static void
test_bands_rule(void **state)
{
	const struct form_item	*it = item(state, "1.1.2");
	struct form_rule_input	 in = { 0 };

	in.value = 9500;		/* 95 % */
	assert_int_equal(points(it, &in), 200);
	in.value = 9000;		/* the bound is inclusive */
	assert_int_equal(points(it, &in), 200);
	in.value = 8999;
	assert_int_equal(points(it, &in), 100);
	in.value = 7000;
	assert_int_equal(points(it, &in), 100);
	in.value = 6999;
	assert_int_equal(points(it, &in), 0);
	in.value = -1;
	free(refused(it, &in));
}

static void
test_ratio_rule(void **state)
{
	const struct form_item	*it = item(state, "1.2.1");
	struct form_rule_input	 in = { 0 };
	char			*c;

	in.done = 500;
	in.planned = 500;		/* 100 % -> 1 */
	assert_int_equal(points(it, &in), 100);
	in.done = 900;
	in.planned = 1000;		/* exactly 90 % -> proportional 0.9 */
	assert_int_equal(points(it, &in), 90);
	in.done = 1900;
	in.planned = 2000;		/* 95 % -> 0.95 */
	assert_int_equal(points(it, &in), 95);
	in.done = 400;
	in.planned = 500;		/* 80 % < 90 % -> 0 */
	assert_int_equal(points(it, &in), 0);
	in.done = 2900;
	in.planned = 3100;		/* 93.5 % -> 0.935... -> 0.94 */
	assert_int_equal(points(it, &in), 94);
	in.done = 100;
	in.planned = 0;
	free(refused(it, &in));
	in.done = 600;
	in.planned = 500;		/* more than planned: the max */
	assert_int_equal(points(it, &in), 100);
	in.done = -100;
	c = refused(it, &in);
	assert_non_null(strstr(c, "done >= 0"));
	free(c);
}

static void
test_formula_rule(void **state)
{
	const struct form_item	*it = item(state, "1.2.2");
	struct form_rule_input	 in = { 0 };
	int64_t			 v[3] = { 1000, 600, 200 };
	char			*c;

	in.vars = v;
	assert_int_equal(points(it, &in), 70);
	v[0] = 400, v[1] = 400, v[2] = 400;	/* 1 + 0.5: clamped to max 1 */
	assert_int_equal(points(it, &in), 100);
	v[0] = 0, v[1] = 0, v[2] = 0;		/* a = 0: an error, no crash */
	c = refused(it, &in);
	assert_non_null(strstr(c, "division by zero"));
	free(c);
	v[0] = 100, v[1] = -100;
	free(refused(it, &in));
}

static void
test_check_points(void **state)
{
	const struct form_item	*it = item(state, "1.2.3");
	char			*c = NULL;

	assert_int_equal(form_check_points(it, 50, &c), 0);
	assert_int_equal(form_check_points(it, 101, &c), -1);
	assert_non_null(strstr(c, "0..1"));
	free(c);
}

/* Issue 7: max x done overflowed for counts within the bounds. */
static void
test_ratio_extreme(void **state)
{
	struct form_item		it = *item(state, "1.2.1");
	struct form_rule_input	in = { 0 };
	int64_t			p = 0;
	char			*c = NULL;

	it.max = FORM_INPUT_MAX;
	in.done = FORM_INPUT_MAX - 100;
	in.planned = FORM_INPUT_MAX;
	assert_int_equal(points(&it, &in), FORM_INPUT_MAX - 100);
	in.done = FORM_INPUT_MAX / 10 * 9;	/* exactly 90 % */
	assert_int_equal(points(&it, &in), FORM_INPUT_MAX / 10 * 9);
	in.done -= 100;				/* just below 90 % */
	assert_int_equal(points(&it, &in), 0);
	in.done = INT64_MIN;
	free(refused(&it, &in));
	in.done = 100;
	in.planned = INT64_MIN;
	free(refused(&it, &in));
	in.planned = INT64_MAX;
	free(refused(&it, &in));
	/* Points typed directly, at the extremes. */
	it.min = -FORM_INPUT_MAX;
	it.rule = RULE_POINTS;
	it.step = 3;
	assert_int_equal(form_rule_points(&it, &(struct form_rule_input){
	    .value = INT64_MIN }, &p, &c), -1);
	free(c);
	assert_int_equal(form_check_points(&it, INT64_MAX, &c), -1);
	free(c);
	assert_int_equal(form_check_points(&it, FORM_INPUT_MAX - 1, &c), -1);
	free(c);
	assert_int_equal(form_check_points(&it, FORM_INPUT_MAX - 2, &c), 0);
}

static char *
value_refused(const struct form_item *it, int64_t v)
{
	char	*c = NULL;

	assert_int_equal(form_check_value(it, v, &c), -1);
	assert_non_null(c);
	return c;
}

static void
value_ok(const struct form_item *it, int64_t v)
{
	char	*c = NULL;

	if (form_check_value(it, v, &c) != 0)
		fail_msg("%lld refused: %s", (long long)v, c);
	assert_null(c);
}

/* Points typed directly against each rule (was app_check_value). */
static void
test_check_value(void **state)
{
	const struct form_item	*it;
	struct form_item		 big;
	char			*c;
	int64_t			 extremes[] = { INT64_MIN, INT64_MIN + 1, -1,
				    INT64_MAX, INT64_MAX / 10000 + 1 };
	size_t			 i;

	it = item(state, "1.2.3");		/* points 0..1 */
	value_ok(it, 75);
	c = value_refused(it, 101);
	assert_string_equal(c, "1.01 is outside 0..1 for item 1.2.3");
	free(c);
	it = item(state, "1.1.1");		/* choice 1, 0.5, 0 */
	value_ok(it, 50);
	value_ok(it, 0);
	c = value_refused(it, 25);
	assert_string_equal(c, "0.25 is not a level of item 1.1.1 (1, 0.5, "
	    "0)");
	free(c);
	it = item(state, "1.1.2");		/* bands 2, 1, 0 */
	value_ok(it, 200);
	value_ok(it, 0);
	c = value_refused(it, 150);
	assert_string_equal(c, "1.5 is not a band of item 1.1.2 (2, 1, 0)");
	free(c);
	it = item(state, "1.2.1");		/* ratio, max 1, 90 % */
	value_ok(it, 0);
	value_ok(it, 90);
	value_ok(it, 100);
	c = value_refused(it, 89);
	assert_string_equal(c, "0.89 is not possible for item 1.2.1: 0, or "
	    "from 0.9 to 1");
	free(c);
	free(value_refused(it, 101));
	free(value_refused(it, -1));
	it = item(state, "1.2.2");		/* formula 0..1 */
	value_ok(it, 100);
	c = value_refused(it, -1);
	assert_string_equal(c, "-0.01 is outside 0..1 for item 1.2.2");
	free(c);
	/* Every rule, at the extremes of int64_t: refused, no overflow. */
	for (i = 0; i < UTIL_ARRAY_LEN(extremes); i++) {
		free(value_refused(item(state, "1.2.3"), extremes[i]));
		free(value_refused(item(state, "1.1.1"), extremes[i]));
		free(value_refused(item(state, "1.1.2"), extremes[i]));
		free(value_refused(item(state, "1.2.1"), extremes[i]));
		free(value_refused(item(state, "1.2.2"), extremes[i]));
	}
	/* A ratio item with the largest max. */
	big = *item(state, "1.2.1");
	big.max = FORM_INPUT_MAX;
	value_ok(&big, FORM_INPUT_MAX);
	value_ok(&big, FORM_INPUT_MAX / 10 * 9);
	free(value_refused(&big, FORM_INPUT_MAX / 10 * 9 - 1));
	free(value_refused(&big, INT64_MIN));
}

static void
test_lookups(void **state)
{
	const struct form	*f = *state;

	assert_null(form_find_item(f, "9.9.9"));
	assert_int_equal(form_item_index(f, "1.1.1"), 0);
	assert_int_equal(form_item_index(f, "2.1.2"), 7);
	assert_non_null(form_find_profile(f, "hep"));
	assert_null(form_find_profile(f, "nope"));
	assert_string_equal(rule_name(RULE_FORMULA), "formula");
}

/* agency_find: the same answers by binary search as by scanning. */
static void
test_agency_index(void **state)
{
	struct form_agency_list	*l = agency_list_new();
	char			 code[16];
	size_t			 i, n = 2000;

	(void)state;
	l->agencies = xcalloc(n, sizeof *l->agencies);
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof code, "A%zu", (i * 7919) % n);
		l->agencies[i].code = i == 5 ? NULL : xstrdup(code);
		l->agencies[i].order = i;
	}
	l->nagencies = n;
	assert_ptr_equal(agency_find(l, "A7919"), NULL);
	snprintf(code, sizeof code, "A%zu", (size_t)((3 * 7919) % n));
	assert_ptr_equal(agency_find(l, code), &l->agencies[3]);
	agency_list_index(l);
	assert_int_equal(l->nbycode, n - 1);
	for (i = 0; i < n; i++) {
		if (i == 5)
			continue;
		assert_ptr_equal(agency_find(l, l->agencies[i].code),
		    &l->agencies[i]);
	}
	assert_null(agency_find(l, "B1"));
	assert_null(agency_find(l, ""));
	agency_list_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points_rule),
		cmocka_unit_test(test_item_step_and_penalty),
		cmocka_unit_test(test_choice_rule),
		cmocka_unit_test(test_bands_rule),
		cmocka_unit_test(test_ratio_rule),
		cmocka_unit_test(test_formula_rule),
		cmocka_unit_test(test_check_points),
		cmocka_unit_test(test_ratio_extreme),
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_agency_index),
	};

	return cmocka_run_group_tests_name("form", tests, fixture_setup,
	    fixture_teardown);
}
