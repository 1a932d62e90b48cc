/* Unit tests: score (statuses, evidence, totals, rates, grades, ranks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "form.h"
#include "score.h"

/* small.cfg: items 1.1.1(1) 1.1.2(2) 1.2.1(1) 1.2.2(1) 1.2.3(1)
 * 1.2.4(penalty 0..-1) 2.1.1(2.5) 2.1.2(1.5, no evidence needed). */
#define NITEMS 8

/* Every item scored at its max with evidence, on both sides. */
static void
full(const struct form *f, struct score_entry *e)
{
	size_t	i;

	memset(e, 0, sizeof *e * f->nitems);
	for (i = 0; i < f->nitems; i++) {
		e[i].self.status = e[i].appraised.status = STATUS_SCORED;
		e[i].self.points = e[i].appraised.points = f->items[i].max;
		e[i].has_evidence = 1;
	}
}

static void
test_rates_published(void **state)
{
	(void)state;
	/* The published figures of DESIGN.md 3.1. */
	assert_int_equal(score_rate(7884, 9650), 8170);		/* 81.70 */
	assert_int_equal(score_rate(6925, 7150), 9685);		/* 96.85 */
	assert_int_equal(score_rate(10000, 10000), 10000);
	assert_int_equal(score_rate(0, 10000), 0);
	assert_int_equal(score_rate(1, 0), 0);			/* no max */
	/* Exactly half a basis point rounds up: 1/80000 of ... */
	assert_int_equal(score_rate(1, 20000), 1);		/* 0.005 % */
	assert_int_equal(score_rate(1, 20001), 0);
}

/* Issue 7: 10000 * points overflowed for large points. */
static void
test_rates_extreme(void **state)
{
	(void)state;
	assert_int_equal(score_rate(INT64_MAX / 2, INT64_MAX), 5000);
	assert_int_equal(score_rate(INT64_MAX, INT64_MAX), 10000);
	assert_int_equal(score_rate(INT64_MIN, INT64_MAX), -10000);
	assert_int_equal(score_rate(INT64_C(100000000000),
	    INT64_C(100000000000)), 10000);
	assert_int_equal(score_rate(INT64_C(100000000000), 1),
	    INT64_C(1000000000000000));
	/* Beyond int64_t: saturated, so order and sign are kept. */
	assert_int_equal(score_rate(INT64_MAX / 2, 3), INT64_MAX);
	assert_int_equal(score_rate(INT64_MIN / 2, 3), INT64_MIN);
	assert_int_equal(score_rate(INT64_MAX, 1), INT64_MAX);
	assert_int_equal(score_rate(5, INT64_MIN), 0);
}

/* Issue 7: sums of points and maxima are saturated, never overflowed. */
static void
test_sums_extreme(void **state)
{
	struct form_item	items[3];
	struct form_area	area;
	struct form	f;
	struct score_entry	e[3];
	struct score_totals	t;
	size_t		i;

	(void)state;
	memset(items, 0, sizeof items);
	memset(&area, 0, sizeof area);
	memset(&f, 0, sizeof f);
	memset(e, 0, sizeof e);
	for (i = 0; i < 3; i++) {
		items[i].max = INT64_MAX / 2;
		e[i].self.status = STATUS_SCORED;
		e[i].self.points = INT64_MAX / 2;
	}
	area.nitems = 3;
	f.areas = &area;
	f.nareas = 1;
	f.items = items;
	f.nitems = 3;
	totals_init(&t, &f);
	score_agency(&f, e, SIDE_SELF, 0, &t);
	assert_int_equal(t.max, INT64_MAX);
	assert_int_equal(t.points, INT64_MAX);
	assert_int_equal(t.total, INT64_MAX);
	assert_int_equal(t.rate, 10000);
	assert_int_equal(t.area_max[0], INT64_MAX);
	assert_int_equal(t.area_rate[0], 10000);
	score_agency(&f, e, SIDE_SELF, INT64_MAX, &t);
	assert_int_equal(t.total, 0);
	assert_int_equal(t.rate, 0);
	/* A negative deduction is not in the contract; still no overflow. */
	score_agency(&f, e, SIDE_SELF, INT64_MIN, &t);
	assert_int_equal(t.total, INT64_MAX);
	/* Penalties far below zero: the total clamps at 0. */
	for (i = 0; i < 3; i++) {
		items[i].max = 0;
		items[i].min = INT64_MIN / 2;
		e[i].self.points = INT64_MIN / 2;
	}
	items[0].max = 100;
	score_agency(&f, e, SIDE_SELF, INT64_MAX, &t);
	assert_int_equal(t.points, INT64_MIN);
	assert_int_equal(t.total, 0);
	assert_int_equal(t.area_rate[0], 0);
	f.bonus = 1;
	score_agency(&f, e, SIDE_SELF, 0, &t);
	assert_int_equal(t.rate, 0);
	totals_clear(&t);
}

/* Issue 7: advisory steps added without a check. */
static void
test_advisory_extreme(void **state)
{
	struct form_step		steps[1] = { { 10000, INT64_MAX / 2 } };
	struct form_advisory		adv;
	struct form_agency		ag;
	int			areas[3] = { 1, 2, 3 };
	struct score_province	pa[3];
	size_t			i;

	(void)state;
	memset(&adv, 0, sizeof adv);
	memset(&ag, 0, sizeof ag);
	memset(pa, 0, sizeof pa);
	adv.present = 1;
	adv.index = steps;
	adv.nindex = 1;
	ag.advises = areas;
	ag.nadvises = 3;
	for (i = 0; i < 3; i++) {
		pa[i].area = (int)i + 1;
		pa[i].has_index = 1;
		pa[i].index = 5000;
	}
	assert_int_equal(score_advisory(&adv, &ag, pa, 3), INT64_MAX);
	adv.cap = 150;
	assert_int_equal(score_advisory(&adv, &ag, pa, 3), 150);
}

/* The rule read from the province's overall index and national rank
 * (basis overall, area 0), with rank steps. */
static void
test_advisory_overall(void **state)
{
	struct form_step		index[2] = { { 8000, 50 }, { 7000, 100 } };
	struct form_step		fall[1] = { { 3, 25 } };
	struct form_step		rank[2] = { { 30, 50 }, { 50, 100 } };
	struct form_advisory		adv;
	struct form_agency		ag = { 0 };
	int			areas[2] = { 3, 6 };
	struct score_province	pa[3] = {
		/* area, has_index, index, rank, prev_rank, has_fall, fall */
		{ 3, 1, 6000, 60, 0, 1, 9 },	/* area 3: ignored (overall) */
		{ SCORE_OVERALL, 1, 7900, 35, 31, 1, 4 },
		{ 6, 1, 6000, 60, 0, 1, 9 },
	};

	(void)state;
	memset(&adv, 0, sizeof adv);
	adv.present = 1;
	adv.basis = FORM_BASIS_OVERALL;
	adv.index = index;
	adv.nindex = 2;
	adv.fall = fall;
	adv.nfall = 1;
	adv.rank = rank;
	adv.nrank = 2;
	ag.advises = areas;
	ag.nadvises = 2;
	/* 79 %: 0.5; fell 4 places: 0.25; 35th: 0.5 -- once, not per area. */
	assert_int_equal(score_advisory_area(&adv, &pa[1]), 125);
	assert_int_equal(score_advisory(&adv, &ag, pa, 3), 125);
	adv.cap = 100;
	assert_int_equal(score_advisory(&adv, &ag, pa, 3), 100);
	adv.cap = 0;
	/* The rank step: the last one the rank is at or below. */
	pa[1].rank = 50;
	assert_int_equal(score_advisory_area(&adv, &pa[1]), 175);
	pa[1].rank = 29;
	assert_int_equal(score_advisory_area(&adv, &pa[1]), 75);
	pa[1].rank = 0;		/* unknown rank: no rank step */
	assert_int_equal(score_advisory_area(&adv, &pa[1]), 75);
	/* Not entered: nothing, whatever the areas say. */
	assert_int_equal(score_advisory(&adv, &ag, pa, 1), 0);
	/* Only an agency that advises on the index is deducted. */
	ag.nadvises = 0;
	assert_int_equal(score_advisory(&adv, &ag, pa, 3), 0);
	/* Basis area: the overall row is no area an agency advises on. */
	ag.nadvises = 2;
	adv.basis = FORM_BASIS_AREA;
	pa[1].rank = 50;
	assert_int_equal(score_advisory(&adv, &ag, pa, 3),
	    2 * score_advisory_area(&adv, &pa[0]));
}

static void
test_full_marks(void **state)
{
	const struct form	*f = *state;
	struct score_entry		 e[NITEMS];
	struct score_totals		 t;

	assert_int_equal(f->nitems, NITEMS);
	full(f, e);
	totals_init(&t, f);
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.max, 1000);
	assert_int_equal(t.points, 1000);
	assert_int_equal(t.rate, 10000);
	assert_int_equal(t.unscored, 0);
	assert_int_equal(t.nitems, NITEMS);
	assert_int_equal(t.area_max[0], 600);
	assert_int_equal(t.area_max[1], 400);
	assert_int_equal(t.area_rate[1], 10000);
	assert_string_equal(score_grade(f, t.rate), "Tốt");
	totals_clear(&t);
}

static void
test_statuses(void **state)
{
	const struct form	*f = *state;
	struct score_entry		 e[NITEMS];
	struct score_totals		 t;
	unsigned		 flags;

	full(f, e);
	totals_init(&t, f);

	/* not_arising gives the item's max even with no points entered. */
	e[4].appraised.status = STATUS_NOT_ARISING;
	e[4].appraised.points = 0;
	assert_int_equal(score_item(&f->items[4], &e[4], SIDE_APPRAISED,
	    &flags), 100);
	assert_int_equal(flags, 0);

	/* not_done gives 0 and keeps the max. */
	e[0].appraised.status = STATUS_NOT_DONE;
	/* empty gives 0, is flagged, keeps the max. */
	e[1].appraised.status = STATUS_EMPTY;
	assert_int_equal(score_item(&f->items[1], &e[1], SIDE_APPRAISED,
	    &flags), 0);
	assert_int_equal(flags, SCORE_UNSCORED);
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.max, 1000);
	assert_int_equal(t.points, 700);
	assert_int_equal(t.unscored, 1);
	assert_int_equal(t.rate, 7000);
	assert_string_equal(score_grade(f, t.rate), "Khá");
	/* The self side is untouched. */
	score_agency(f, e, SIDE_SELF, 0, &t);
	assert_int_equal(t.points, 1000);
	totals_clear(&t);
}

static void
test_not_assigned_shrinks_max(void **state)
{
	const struct form	*f = *state;
	struct score_entry		 e[NITEMS];
	struct score_totals		 t;

	full(f, e);
	totals_init(&t, f);
	/* 2.1.1 (2.5 points) does not apply: max 7.5, area 2 max 1.5. */
	e[6].appraised.status = STATUS_NOT_ASSIGNED;
	e[6].appraised.points = 250;
	e[5].appraised.points = -50;	/* penalty -0.5 */
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.max, 750);
	assert_int_equal(t.nitems, NITEMS - 1);
	assert_int_equal(t.area_max[1], 150);
	assert_int_equal(t.points, 700);
	assert_int_equal(t.rate, 9333);		/* 7 / 7.5 = 93.333 % */
	assert_int_equal(t.area_rate[0], 9167);	/* 5.5 / 6 = 91.667 % */
	totals_clear(&t);
}

static void
test_evidence_rule(void **state)
{
	const struct form	*f = *state;
	struct score_entry		 e[NITEMS];
	struct score_totals		 t;
	unsigned		 flags;

	full(f, e);
	totals_init(&t, f);
	/* 1.2.3 needs evidence: without it, it counts 0 but keeps 0.75. */
	e[4].has_evidence = 0;
	e[4].appraised.points = 75;
	assert_int_equal(score_item(&f->items[4], &e[4], SIDE_APPRAISED,
	    &flags), 0);
	assert_int_equal(flags, SCORE_NO_EVIDENCE);
	assert_int_equal(e[4].appraised.points, 75);
	/* 2.1.2 does not need evidence. */
	e[7].has_evidence = 0;
	assert_int_equal(score_item(&f->items[7], &e[7], SIDE_APPRAISED,
	    &flags), 150);
	/* A penalty of -0.5 without evidence still counts. */
	e[5].has_evidence = 0;
	e[5].appraised.points = -50;
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.points, 1000 - 100 - 50);
	assert_int_equal(t.no_evidence, 1);
	/* Adding the evidence restores the entered value. */
	e[4].has_evidence = 1;
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.points, 1000 - 25 - 50);
	totals_clear(&t);
}

static void
test_deductions_clamped(void **state)
{
	const struct form	*f = *state;
	struct score_entry		 e[NITEMS];
	struct score_totals		 t;

	memset(e, 0, sizeof e);
	totals_init(&t, f);
	e[7].appraised.status = STATUS_SCORED;
	e[7].appraised.points = 100;
	score_agency(f, e, SIDE_APPRAISED, 50, &t);
	assert_int_equal(t.points, 100);
	assert_int_equal(t.total, 50);
	assert_int_equal(t.rate, 500);
	assert_int_equal(t.unscored, NITEMS - 1);
	/* A deduction past zero gives 0, never a negative rate. */
	score_agency(f, e, SIDE_APPRAISED, 300, &t);
	assert_int_equal(t.total, 0);
	assert_int_equal(t.rate, 0);
	assert_string_equal(score_grade(f, t.rate), "Kém");
	/* Penalties alone cannot push an area below 0 %. */
	e[7].appraised.points = 0;
	e[5].appraised.status = STATUS_SCORED;
	e[5].appraised.points = -100;
	score_agency(f, e, SIDE_APPRAISED, 0, &t);
	assert_int_equal(t.points, -100);
	assert_int_equal(t.total, 0);
	assert_int_equal(t.area_rate[0], 0);
	totals_clear(&t);
}

static void
test_grades_bounds(void **state)
{
	const struct form	*f = *state;

	assert_string_equal(score_grade(f, 10000), "Tốt");
	assert_string_equal(score_grade(f, 8000), "Tốt");
	assert_string_equal(score_grade(f, 7999), "Khá");
	assert_string_equal(score_grade(f, 7000), "Khá");
	assert_string_equal(score_grade(f, 6999), "Trung bình");
	assert_string_equal(score_grade(f, 6000), "Trung bình");
	assert_string_equal(score_grade(f, 5999), "Kém");
	assert_string_equal(score_grade(f, 0), "Kém");
}

static void
test_ranks_share_and_skip(void **state)
{
	struct score_rank_row	r[5] = {
		{ 0, 0, 8170, 0 },
		{ 1, 1, 9685, 0 },
		{ 2, 2, 8170, 0 },
		{ 3, 3, 7000, 0 },
		{ 4, 4, 9685, 0 },
	};

	(void)state;
	score_rank(r, 5);
	/* 96.85 (order 1, 4), 81.70 (order 0, 2), 70.00 */
	assert_int_equal(r[0].index, 1);
	assert_int_equal(r[0].rank, 1);
	assert_int_equal(r[1].index, 4);
	assert_int_equal(r[1].rank, 1);
	assert_int_equal(r[2].index, 0);
	assert_int_equal(r[2].rank, 3);
	assert_int_equal(r[3].index, 2);
	assert_int_equal(r[3].rank, 3);
	assert_int_equal(r[4].index, 3);
	assert_int_equal(r[4].rank, 5);
}

static void
test_ranks_1_2_2_4(void **state)
{
	/* Official order breaks display ties but not the shared rank. */
	struct score_rank_row	r[4] = {
		{ 10, 3, 8000, 0 },
		{ 11, 0, 9000, 0 },
		{ 12, 2, 8500, 0 },
		{ 13, 1, 8500, 0 },
	};

	(void)state;
	score_rank(r, 4);
	assert_int_equal(r[0].index, 11);
	assert_int_equal(r[0].rank, 1);
	assert_int_equal(r[1].index, 13);
	assert_int_equal(r[1].rank, 2);
	assert_int_equal(r[2].index, 12);
	assert_int_equal(r[2].rank, 2);
	assert_int_equal(r[3].index, 10);
	assert_int_equal(r[3].rank, 4);
}

static void
test_advisory(void **state)
{
	const struct form	*f = *state;
	int			 areas[2] = { 3, 6 };
	struct form_agency		 ag = { 0 };
	struct score_province	 pa[3] = {
		/* area, has_index, index, rank, prev_rank, has_fall, fall */
		{ 3, 1, 7550, 40, 38, 1, 2 },	/* 75.5 %: 0.5; fell 2: 0.25 */
		{ 6, 1, 6900, 0, 0, 0, 0 },	/* 69 %: 1 */
		{ 7, 1, 5000, 9, 0, 1, 9 },	/* not advised by the agency */
	};

	(void)state;
	ag.advises = areas;
	ag.nadvises = 2;
	assert_int_equal(score_advisory_area(&f->advisory, &pa[0]), 75);
	assert_int_equal(score_advisory_area(&f->advisory, &pa[1]), 100);
	/* 0.75 + 1 = 1.75, capped at 1.5 */
	assert_int_equal(score_advisory(&f->advisory, &ag, pa, 3), 150);
	/* At 80 % exactly nothing is deducted ("below" is strict). */
	pa[0].index = 8000;
	pa[0].fall = 0;
	assert_int_equal(score_advisory_area(&f->advisory, &pa[0]), 0);
	/* A fall of 5 places reaches the second step. */
	pa[0].fall = 5;
	assert_int_equal(score_advisory_area(&f->advisory, &pa[0]), 50);
	/* A rise is no fall. */
	pa[0].fall = -3;
	assert_int_equal(score_advisory_area(&f->advisory, &pa[0]), 0);
	/* An agency that advises on nothing has no deduction. */
	ag.nadvises = 0;
	assert_int_equal(score_advisory(&f->advisory, &ag, pa, 3), 0);
}

static void
test_status_words(void **state)
{
	enum score_status	s;

	(void)state;
	assert_int_equal(status_parse("not_arising", &s), 0);
	assert_int_equal(s, STATUS_NOT_ARISING);
	assert_int_equal(status_parse("không phát sinh", &s), 0);
	assert_int_equal(s, STATUS_NOT_ARISING);
	assert_int_equal(status_parse("không giao", &s), 0);
	assert_int_equal(s, STATUS_NOT_ASSIGNED);
	assert_int_equal(status_parse("không có TLKC", &s), 0);
	assert_int_equal(s, STATUS_NOT_DONE);
	assert_int_equal(status_parse("empty", &s), 0);
	assert_int_equal(s, STATUS_EMPTY);
	assert_int_equal(status_parse("Chưa chấm", &s), 0);
	assert_int_equal(s, STATUS_EMPTY);
	assert_int_equal(status_parse("", &s), 0);
	assert_int_equal(s, STATUS_EMPTY);
	assert_int_equal(status_parse("maybe", &s), -1);
	assert_string_equal(status_name(STATUS_NOT_DONE), "not_done");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_published),
		cmocka_unit_test(test_rates_extreme),
		cmocka_unit_test(test_sums_extreme),
		cmocka_unit_test(test_advisory_extreme),
		cmocka_unit_test(test_advisory_overall),
		cmocka_unit_test(test_full_marks),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_not_assigned_shrinks_max),
		cmocka_unit_test(test_evidence_rule),
		cmocka_unit_test(test_deductions_clamped),
		cmocka_unit_test(test_grades_bounds),
		cmocka_unit_test(test_ranks_share_and_skip),
		cmocka_unit_test(test_ranks_1_2_2_4),
		cmocka_unit_test(test_advisory),
		cmocka_unit_test(test_status_words),
	};

	return cmocka_run_group_tests_name("score", tests, fixture_setup,
	    fixture_teardown);
}
