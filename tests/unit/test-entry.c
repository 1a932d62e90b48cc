/* Unit tests: entry (records, the inputs and evidence codecs, rule
 * points from structured inputs, text checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "entry.h"
#include "fixture.h"
#include "form.h"

static void
test_inputs_codec(void **state)
{
	struct entry_inputs	 in, in2;
	char			*cause = NULL, *t;
	int64_t			 v;

	(void)state;
	assert_int_equal(entry_inputs_parse(" done = 9; planned=10,5 ;", &in,
	    &cause), 0);
	assert_int_equal(in.n, 2);
	assert_true(entry_inputs_get(&in, "planned", &v));
	assert_int_equal(v, 1050);
	t = entry_inputs_format(&in);
	assert_string_equal(t, "done=9;planned=10.5");
	/* The text form reads back to the same values. */
	assert_int_equal(entry_inputs_parse(t, &in2, &cause), 0);
	assert_true(entry_inputs_eq(&in, &in2));
	free(t);
	entry_inputs_clear(&in2);
	entry_inputs_clear(&in);
	assert_int_equal(entry_inputs_parse("", &in, &cause), 0);
	assert_int_equal(in.n, 0);
	/* Refusals, each with a reason. */
	const char *bad[] = { "a", "1a=2", "a=1;a=2", "a=x", "a=1.001",
	    "a=99999999999", "a b=1", "a=1\x1b" };
	size_t i;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(entry_inputs_parse(bad[i], &in, &cause), -1);
		assert_non_null(cause);
		assert_int_equal(in.n, 0);
		free(cause);
		cause = NULL;
	}
}

static void
test_evidence_codec(void **state)
{
	struct entry_evidence	*ev;
	size_t			 n;
	char			*cause = NULL, *t;

	(void)state;
	assert_int_equal(entry_evidence_parse("12/KH-UBND|05/01/2024|Kế "
	    "hoạch; 3/BC | 1/2/2024 ", 1, &ev, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].title, "Kế hoạch");
	assert_string_equal(ev[1].date, "1/2/2024");
	assert_null(ev[1].title);
	t = entry_evidence_format(ev, n);
	assert_string_equal(t, "12/KH-UBND|05/01/2024|Kế hoạch; 3/BC|1/2/2024");
	free(t);
	entry_evidence_free(ev, n);
	/* A number alone is no reference: the date is required, and the
	 * message names the reference that lacks it. */
	assert_int_equal(entry_evidence_parse("abc", 1, &ev, &n, &cause), -1);
	assert_non_null(strstr(cause, "evidence 1:"));
	assert_non_null(strstr(cause, "no date"));
	free(cause);
	assert_int_equal(entry_evidence_parse("1/A|01/01/2024; 3/BC||Báo cáo",
	    1, &ev, &n, &cause), -1);
	assert_non_null(strstr(cause, "evidence 2:"));
	free(cause);
	/* A deduction may cite a document by its number alone; a date it
	 * gives must be real. */
	assert_int_equal(entry_deduction_evidence_check("45/UBND-NC", &cause),
	    0);
	assert_null(cause);
	assert_int_equal(entry_deduction_evidence_check("45/UBND-NC|abc",
	    &cause), -1);
	assert_non_null(strstr(cause, "abc"));
	free(cause);
	/* A bad date names its reference; too many parts; no number. */
	assert_int_equal(entry_evidence_parse("1/A|01/01/2024; 2/B|31/02/2024",
	    1, &ev, &n, &cause), -1);
	assert_non_null(strstr(cause, "evidence 2:"));
	assert_non_null(strstr(cause, "31/02/2024"));
	free(cause);
	/* Numbered from where they will stand in the entry's list. */
	assert_int_equal(entry_evidence_parse("2/B|31/02/2024", 3, &ev, &n,
	    &cause), -1);
	assert_non_null(strstr(cause, "evidence 3:"));
	free(cause);
	assert_int_equal(entry_evidence_parse("a|b|c|d", 1, &ev, &n, &cause),
	    -1);
	free(cause);
	assert_int_equal(entry_evidence_parse("|01/01/2024", 1, &ev, &n,
	    &cause), -1);
	free(cause);
	assert_null(ev);
	assert_int_equal(n, 0);
}

static void
test_record_copy_eq(void **state)
{
	struct entry_record	a, b;
	char			*cause = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	a.agency = xstrdup("STP");
	a.item = xstrdup("1.1.1");
	a.self.status = STATUS_SCORED;
	a.self.points = 50;
	assert_int_equal(entry_inputs_parse("level=2", &a.self_inputs,
	    &cause), 0);
	a.note = xstrdup("ghi chú");
	entry_record_copy(&b, &a);
	assert_true(entry_record_eq(&a, &b));
	b.self.points = 25;
	assert_false(entry_record_eq(&a, &b));
	b.self.points = 50;
	entry_inputs_set(&b.self_inputs, "level", 300);
	assert_false(entry_record_eq(&a, &b));
	entry_record_clear(&b);
	/* The analogy and the first round are part of the record. */
	a.analogy[SIDE_APPRAISED] = xstrdup("việc tương tự");
	a.first.status = STATUS_SCORED;
	a.first.points = 25;
	a.dispute = xstrdup("giải trình");
	assert_true(entry_has_rounds(&a));
	entry_record_copy(&b, &a);
	assert_true(entry_record_eq(&a, &b));
	assert_string_equal(b.analogy[SIDE_APPRAISED], "việc tương tự");
	free(b.analogy[SIDE_APPRAISED]);
	b.analogy[SIDE_APPRAISED] = NULL;
	assert_false(entry_record_eq(&a, &b));
	b.analogy[SIDE_APPRAISED] = xstrdup("việc tương tự");
	b.first.points = 50;
	assert_false(entry_record_eq(&a, &b));
	b.first.points = 25;
	free(b.dispute);
	b.dispute = NULL;
	assert_false(entry_record_eq(&a, &b));
	b.first.status = STATUS_EMPTY;
	assert_false(entry_has_rounds(&b));
	entry_record_clear(&b);
	entry_record_clear(&a);
	assert_null(a.agency);
}

static void
test_rule_points(void **state)
{
	const struct form	*f = *state;
	const struct form_item	*choice = form_find_item(f, "1.1.1");
	const struct form_item	*formula = form_find_item(f, "1.2.2");
	const struct form_item	*ratio = form_find_item(f, "1.2.1");
	struct entry_inputs	 in;
	int64_t			 p;
	char			*cause = NULL;

	assert_int_equal(entry_inputs_parse("level=2", &in, &cause), 0);
	assert_int_equal(entry_rule_points(choice, &in, &p, &cause), 0);
	assert_int_equal(p, 50);
	entry_inputs_clear(&in);
	assert_int_equal(entry_inputs_parse("level=4", &in, &cause), 0);
	assert_int_equal(entry_rule_points(choice, &in, &p, &cause), -1);
	free(cause);
	entry_inputs_clear(&in);
	/* The missing inputs of a formula are named, all of them. */
	assert_int_equal(entry_inputs_parse("a=4", &in, &cause), 0);
	assert_int_equal(entry_rule_points(formula, &in, &p, &cause), -1);
	assert_non_null(strstr(cause, "b, c"));
	free(cause);
	entry_inputs_set(&in, "b", 300);
	entry_inputs_set(&in, "c", 100);
	assert_int_equal(entry_rule_points(formula, &in, &p, &cause), 0);
	assert_int_equal(p, 88);	/* 3/4 + 1/4 x 0.5 = 0.875 -> 0.88 */
	entry_inputs_set(&in, "z", 100);
	assert_int_equal(entry_rule_points(formula, &in, &p, &cause), -1);
	assert_non_null(strstr(cause, "\"z\""));
	free(cause);
	entry_inputs_clear(&in);
	assert_int_equal(entry_inputs_parse("done=9;planned=10", &in, &cause),
	    0);
	assert_int_equal(entry_rule_points(ratio, &in, &p, &cause), 0);
	assert_int_equal(p, 90);
	entry_inputs_clear(&in);
}

/* What entry_date_ok accepted when it was sscanf: the reference. */
static int
date_ok_sscanf(const char *s)
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			d, m, y, n = 0;

	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 ||
	    s[n] != '\0' || y < 1900 || y > 9999 || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* The hand-written date reader accepts exactly what sscanf did, over
 * every string made of three parts from these lists and two joints. */
static void
test_date_ok(void **state)
{
	static const char *const parts[] = { "1", "01", "9", "29", "31", "32",
	    "0", "00", "12", "13", "2", "+1", "-1", " 1", "\t5", "+", "",
	    "123", "1x", "2024", "1900", "1899", "9999", "02024", "+2024",
	    " 2024", "2000", "2100", "1996", "ab", "-0", "7 " };
	static const char *const joints[] = { "/", "//", " /", "-", "" };
	const size_t	 np = sizeof parts / sizeof parts[0];
	const size_t	 nj = sizeof joints / sizeof joints[0];
	char		 buf[64];
	size_t		 a, b, c, j, k, yes = 0, all = 0;

	(void)state;
	for (a = 0; a < np; a++)
	for (b = 0; b < np; b++)
	for (c = 0; c < np; c++)
	for (j = 0; j < nj; j++)
	for (k = 0; k < nj; k++) {
		snprintf(buf, sizeof buf, "%s%s%s%s%s", parts[a], joints[j],
		    parts[b], joints[k], parts[c]);
		if (entry_date_ok(buf) != date_ok_sscanf(buf))
			fail_msg("\"%s\": %d, sscanf %d", buf,
			    entry_date_ok(buf), date_ok_sscanf(buf));
		yes += date_ok_sscanf(buf) != 0;
		all++;
	}
	/* Both kinds were seen, and the usual ones read right. */
	assert_true(yes > 100 && yes < all / 2);
	assert_int_equal(entry_date_ok("29/02/2024"), 1);
	assert_int_equal(entry_date_ok("29/02/2100"), 0);
	assert_int_equal(entry_date_ok("31/04/2024"), 0);
	assert_int_equal(entry_date_ok("05/01/2024"), 1);
}

static void
test_text_check(void **state)
{
	char	*cause = NULL;

	(void)state;
	assert_int_equal(entry_text_check("Nguyễn Thị Ánh", "x", &cause), 0);
	assert_int_equal(entry_text_check("a\x1b[2J", "x", &cause), -1);
	free(cause);
	assert_int_equal(entry_text_check("a\xc2\x9b" "b", "x", &cause), -1);
	free(cause);
	assert_int_equal(entry_text_check("\xff", "x", &cause), -1);
	assert_non_null(strstr(cause, "UTF-8"));
	free(cause);
	assert_int_equal(entry_text_check("a\tb", "x", &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inputs_codec),
		cmocka_unit_test(test_evidence_codec),
		cmocka_unit_test(test_record_copy_eq),
		cmocka_unit_test(test_rule_points),
		cmocka_unit_test(test_text_check),
		cmocka_unit_test(test_date_ok),
	};

	return cmocka_run_group_tests_name("entry", tests, fixture_setup,
	    fixture_teardown);
}
