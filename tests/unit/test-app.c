/* Unit tests: app (the one edit path, batches, deductions) against a
 * temporary database made from tests/fixtures/app. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "app.h"
#include "store.h"
#include "util.h"

struct fx {
	char		 path[256];
	struct store	*st;
	struct app_year	*y;
};

static int	setup_from(void **, const char *forms);
static const char	*fixture_agencies = "tests/fixtures/app/agencies.cfg";

static int
setup(void **state)
{
	return setup_from(state, "tests/fixtures/app/forms");
}

/* The app fixture with the regulation's keys (issue 10) in its form:
 * not_arising needs an explanation, manual deductions at most 3 points,
 * and item 1.2.2's a = 0 means the task did not arise, b + c <= a. */
static int
setup_reg(void **state)
{
	const char	*tmp = getenv("TEST_TMP");
	const char	*x = "expr = \"(b/a)*1 + (c/a)*0.5\";";
	char		*text, *dir, *path, *p, *q;
	FILE		*fp;
	size_t		 n;
	int		 rc;

	if ((fp = fopen("tests/fixtures/app/forms/small.cfg", "r")) == NULL)
		return -1;
	text = xcalloc(1, 1 << 16);
	n = fread(text, 1, (1 << 16) - 1, fp);
	fclose(fp);
	text[n] = '\0';
	if ((p = strstr(text, "step = 0.25;")) == NULL ||
	    (q = strstr(p, x)) == NULL)
		return -1;
	dir = xasprintf("%s/app-reg-forms", tmp != NULL ? tmp : "/tmp");
	path = xasprintf("%s/small.cfg", dir);
	(void)mkdir(dir, 0700);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fprintf(fp, "%.*sstep = 0.25; manual_cap = 3; "
	    "not_arising_needs_explanation = true;%.*s%s when_zero = "
	    "\"not_arising\"; constraints = [ \"b + c <= a\" ];%s",
	    (int)(p - text), text, (int)(q - p - 12), p + 12, x,
	    q + strlen(x));
	fclose(fp);
	free(text);
	rc = setup_from(state, dir);
	free(path);
	free(dir);
	return rc;
}

static int
setup_from(void **state, const char *forms)
{
	struct fx	*fx = xcalloc(1, sizeof *fx);
	struct errlist	 errs;
	const char	*tmp = getenv("TEST_TMP");
	char		*cause = NULL;
	int		 fd;

	snprintf(fx->path, sizeof fx->path, "%s/app-XXXXXX",
	    tmp != NULL ? tmp : "/tmp");
	if ((fd = mkstemp(fx->path)) < 0)
		return -1;
	close(fd);
	unlink(fx->path);
	errlist_init(&errs);
	if (app_open(fx->path, 1, "test", &fx->st, &cause) != APP_OK ||
	    app_init_year(fx->st, 2024, forms, fixture_agencies, 0, &errs,
	    &cause) != APP_OK ||
	    app_year_load(fx->st, 2024, &fx->y, &cause) != APP_OK) {
		fprintf(stderr, "setup: %s %s\n", cause != NULL ? cause : "",
		    errs.n > 0 ? errs.items[0].msg : "");
		free(cause);
		errlist_clear(&errs);
		return -1;
	}
	errlist_clear(&errs);
	*state = fx;
	return 0;
}

/* The year of agencies-groups.cfg: two ranking groups in one block. */
static int
setup_groups(void **state)
{
	int	rc;

	fixture_agencies = "tests/fixtures/app/agencies-groups.cfg";
	rc = setup_from(state, "tests/fixtures/app/forms");
	fixture_agencies = "tests/fixtures/app/agencies.cfg";
	return rc;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	app_year_free(fx->y);
	app_close(fx->st);
	unlink(fx->path);
	free(fx);
	return 0;
}

/* The stored entry of an agency's item, in memory. */
static struct entry_record *
rec(struct fx *fx, const char *agency, const char *item)
{
	struct app_agency	*a = app_find_agency(fx->y, agency);
	long			 k;
	char			*cause = NULL;

	assert_non_null(a);
	assert_int_equal(app_agency_entries(fx->st, fx->y, a, &cause),
	    APP_OK);
	k = form_item_index(a->form, item);
	assert_true(k >= 0);
	return &a->raw[k];
}

/* Points typed directly on one side. */
static int
edit_points(struct fx *fx, const char *agency, const char *item,
    enum score_side side, int64_t points, char **cause)
{
	struct app_change	ch;

	memset(&ch, 0, sizeof ch);
	ch.agency = agency;
	ch.item = item;
	ch.side[side].set = APP_SET_POINTS;
	ch.side[side].points = points;
	return app_edit(fx->st, fx->y, &ch, NULL, cause);
}

/*
 * An edit ranks its group again, not the year: after edits in both
 * groups the ranks in memory are those of a full recompute, the group
 * of the parent is not touched by an edit in the other, and ranks are
 * given within each group (1 in each).
 */
static void
test_group_ranks(void **state)
{
	struct fx		*fx = *state;
	const char *const	 codes[] = { "SNV", "STP", "VP", "SYT" };
	const int64_t		 pts[] = { 150, 100, 50, 125 };
	size_t			 self[4], appr[4], i;
	struct app_agency	*a;
	char			*cause = NULL;

	for (i = 0; i < 4; i++)
		assert_int_equal(edit_points(fx, codes[i], "2.1.2", SIDE_SELF,
		    pts[i], &cause), APP_OK);
	a = app_find_agency(fx->y, "STP");
	assert_int_equal(a->group_to - a->group_from, 3);
	assert_int_equal(app_find_agency(fx->y, "SNV")->rank_self, 1);
	for (i = 0; i < 4; i++) {
		a = app_find_agency(fx->y, codes[i]);
		self[i] = a->rank_self;
		appr[i] = a->rank_appraised;
	}
	/* 1.25 beats 1 and 0.5 in the group; SNV is alone in its own. */
	assert_int_equal(self[3], 1);
	assert_int_equal(self[1], 2);
	assert_int_equal(self[2], 3);
	app_year_compute(fx->y);
	for (i = 0; i < 4; i++) {
		a = app_find_agency(fx->y, codes[i]);
		assert_int_equal(a->rank_self, self[i]);
		assert_int_equal(a->rank_appraised, appr[i]);
	}
	/* An edit in the group leaves SNV's rank as it is. */
	app_find_agency(fx->y, "SNV")->rank_self = 99;
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 150,
	    &cause), APP_OK);
	assert_int_equal(app_find_agency(fx->y, "SNV")->rank_self, 99);
	assert_int_equal(app_find_agency(fx->y, "STP")->rank_self, 1);
}

/*
 * A year loaded for one agency (cchc set) reads its rank group alone:
 * the group's totals and ranks are those of a whole load, the other
 * agencies have none, and an edit through it lands like any other.
 */
static void
test_load_for(void **state)
{
	struct fx		*fx = *state;
	const char *const	 codes[] = { "SNV", "STP", "VP", "SYT" };
	const int64_t		 pts[] = { 150, 100, 50, 125 };
	struct app_year		*y2;
	struct app_agency	*a, *b;
	struct app_change	 ch;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < 4; i++)
		assert_int_equal(edit_points(fx, codes[i], "2.1.2", SIDE_SELF,
		    pts[i], &cause), APP_OK);
	assert_int_equal(app_year_load_for(fx->st, 2024, "VP", &y2, &cause),
	    APP_OK);
	a = app_find_agency(y2, "VP");
	assert_int_equal(y2->nags, 3);
	assert_int_equal(a->group_from, 0);
	assert_int_equal(a->group_to, 3);
	for (i = 1; i < 4; i++) {
		a = app_find_agency(y2, codes[i]);
		b = app_find_agency(fx->y, codes[i]);
		assert_int_equal(a->self.points, b->self.points);
		assert_int_equal(a->self.rate, b->self.rate);
		assert_int_equal(a->rank_self, b->rank_self);
		assert_int_equal(a->rank_appraised, b->rank_appraised);
	}
	/* SNV, in another group, is not in it: the year is the group. */
	assert_null(app_find_agency(y2, "SNV"));
	assert_non_null(agency_find(y2->list, "SNV"));
	/* An edit through it reranks the group and is on disk. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "VP";
	ch.item = "2.1.2";
	ch.side[SIDE_SELF].set = APP_SET_POINTS;
	ch.side[SIDE_SELF].points = 150;
	assert_int_equal(app_edit(fx->st, y2, &ch, NULL, &cause), APP_OK);
	assert_int_equal(app_find_agency(y2, "VP")->rank_self, 1);
	assert_int_equal(app_find_agency(y2, "SYT")->rank_self, 2);
	app_year_free(y2);
	assert_int_equal(app_year_load(fx->st, 2024, &y2, &cause), APP_OK);
	assert_int_equal(app_find_agency(y2, "VP")->self.points, 150);
	assert_int_equal(app_find_agency(y2, "VP")->rank_self, 1);
	assert_int_equal(app_find_agency(y2, "SNV")->rank_self, 1);
	app_year_free(y2);
	/* An unknown code loads the whole year. */
	assert_int_equal(app_year_load_for(fx->st, 2024, "NONE", &y2, &cause),
	    APP_OK);
	assert_int_equal(y2->nags, y2->list->nagencies);
	assert_int_equal(app_find_agency(y2, "SNV")->self.points, 150);
	app_year_free(y2);
}

/* A fresh load of the year agrees with memory on an agency's totals. */
static void
assert_on_disk(struct fx *fx, const char *agency)
{
	struct app_year		*y2;
	struct app_agency	*a, *b;
	char			*cause = NULL;

	assert_int_equal(app_year_load(fx->st, 2024, &y2, &cause), APP_OK);
	a = app_find_agency(fx->y, agency);
	b = app_find_agency(y2, agency);
	assert_int_equal(a->self.points, b->self.points);
	assert_int_equal(a->appraised.points, b->appraised.points);
	assert_int_equal(a->appraised.max, b->appraised.max);
	assert_int_equal(a->rank_self, b->rank_self);
	app_year_free(y2);
}

static void
test_points(void **state)
{
	struct fx		*fx = *state;
	struct app_agency	*a = app_find_agency(fx->y, "STP");
	char			*cause = NULL;

	/* 2.1.2 needs no evidence: its points count at once. */
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_OK);
	assert_int_equal(rec(fx, "STP", "2.1.2")->self.status, STATUS_SCORED);
	assert_int_equal(a->self.points, 100);
	assert_int_equal(a->rank_self, 1);
	assert_on_disk(fx, "STP");
	/* Off the step and outside the range: refused, nothing changes. */
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 10,
	    &cause), APP_BADINPUT);
	assert_non_null(strstr(cause, "self score"));
	free(cause);
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF,
	    INT64_MAX / 2, &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF,
	    INT64_MIN, &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(a->self.points, 100);
}

/* A ratio item's check multiplies by 10000: huge values are refused,
 * not overflowed (UBSan in the sanitizer build). */
static void
test_ratio_bounds(void **state)
{
	struct fx	*fx = *state;
	char		*cause = NULL;
	int64_t		 v[] = { -9000000000000000LL, INT64_MIN, INT64_MAX,
			    -1844674407370820LL, 151 };
	size_t		 i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(edit_points(fx, "STP", "1.2.1", SIDE_SELF,
		    v[i], &cause), APP_BADINPUT);
		free(cause);
		cause = NULL;
	}
	assert_int_equal(rec(fx, "STP", "1.2.1")->self.status, STATUS_EMPTY);
	assert_int_equal(edit_points(fx, "STP", "1.2.1", SIDE_SELF, 95,
	    &cause), APP_OK);
}

static void
test_inputs(void **state)
{
	struct fx		*fx = *state;
	struct entry_inputs	 in;
	struct app_change	 ch;
	struct entry_record	*e;
	char			*cause = NULL;

	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.2.2";
	assert_int_equal(entry_inputs_parse("a=4", &in, &cause), 0);
	ch.side[SIDE_APPRAISED].set = APP_SET_INPUTS;
	ch.side[SIDE_APPRAISED].inputs = &in;
	/* The missing inputs are named. */
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "b, c"));
	free(cause);
	entry_inputs_set(&in, "b", 200);
	entry_inputs_set(&in, "c", 200);
	/* Points that the inputs do not give are refused. */
	ch.side[SIDE_APPRAISED].set |= APP_SET_POINTS;
	ch.side[SIDE_APPRAISED].points = 100;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	ch.side[SIDE_APPRAISED].set = APP_SET_INPUTS;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	e = rec(fx, "STP", "1.2.2");
	assert_int_equal(e->appraised.status, STATUS_SCORED);
	assert_int_equal(e->appraised.points, 75);	/* 2/4 + 2/4 x 0.5 */
	assert_int_equal(e->appraised_inputs.n, 3);
	/* The same points typed directly keep the inputs behind them. */
	assert_int_equal(edit_points(fx, "STP", "1.2.2", SIDE_APPRAISED, 75,
	    &cause), APP_OK);
	assert_int_equal(rec(fx, "STP", "1.2.2")->appraised_inputs.n, 3);
	/* Another status drops the points and the inputs. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.2.2";
	ch.side[SIDE_APPRAISED].set = APP_SET_STATUS;
	ch.side[SIDE_APPRAISED].status = STATUS_NOT_DONE;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	e = rec(fx, "STP", "1.2.2");
	assert_int_equal(e->appraised.status, STATUS_NOT_DONE);
	assert_int_equal(e->appraised_inputs.n, 0);
	/* A number with a status other than scored is refused. */
	ch.side[SIDE_APPRAISED].set |= APP_SET_POINTS;
	ch.side[SIDE_APPRAISED].points = 50;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "a number with status"));
	free(cause);
	entry_inputs_clear(&in);
	assert_on_disk(fx, "STP");
}

/* The audit log's length, from verify. */
static long long
audit_rows(struct fx *fx)
{
	struct errlist	 problems;
	long long	 rows = -1;
	char		 tail[65], *cause = NULL;

	errlist_init(&problems);
	assert_int_equal(app_verify(fx->st, &problems, &rows, tail, &cause),
	    APP_OK);
	assert_int_equal(problems.n, 0);
	errlist_clear(&problems);
	return rows;
}

/* An edit that changes nothing writes nothing, not even an audit row. */
static void
test_unchanged(void **state)
{
	struct fx	*fx = *state;
	long long	 before;
	char		*cause = NULL;

	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_APPRAISED, 150,
	    &cause), APP_OK);
	before = audit_rows(fx);
	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_APPRAISED, 150,
	    &cause), APP_OK);
	assert_int_equal(audit_rows(fx), before);
	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_APPRAISED, 100,
	    &cause), APP_OK);
	assert_int_equal(audit_rows(fx), before + 1);
}

static void
test_seen_conflict(void **state)
{
	struct fx		*fx = *state;
	struct entry_record	 old;
	struct app_change	 ch;
	char			*cause = NULL;

	entry_record_copy(&old, rec(fx, "SNV", "1.2.3"));
	assert_int_equal(edit_points(fx, "SNV", "1.2.3", SIDE_SELF, 50,
	    &cause), APP_OK);
	/* A change made from what was read before: refused. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "SNV";
	ch.item = "1.2.3";
	ch.side[SIDE_SELF].set = APP_SET_POINTS;
	ch.side[SIDE_SELF].points = 25;
	ch.seen = &old;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_CONFLICT);
	free(cause);
	assert_int_equal(rec(fx, "SNV", "1.2.3")->self.points, 50);
	entry_record_clear(&old);
}

/* Another connection (other: close it after) writes SNV 2.1.2's self
 * points, which fx has in memory, empty, from before. */
static void
other_writes(struct fx *fx, struct fx *other)
{
	char	*cause = NULL;

	memset(other, 0, sizeof *other);
	assert_int_equal(app_open(fx->path, 0, "other", &other->st, &cause),
	    APP_OK);
	assert_int_equal(app_year_load(other->st, 2024, &other->y, &cause),
	    APP_OK);
	assert_int_equal(rec(fx, "SNV", "2.1.2")->self.status, STATUS_EMPTY);
	assert_int_equal(edit_points(other, "SNV", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_OK);
}

/* Another connection writes: the next edit of that entry is refused and
 * memory shows the disk's value. */
static void
test_other_writer(void **state)
{
	struct fx	*fx = *state, other;
	char		*cause = NULL;

	other_writes(fx, &other);
	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_SELF, 50,
	    &cause), APP_CONFLICT);
	free(cause);
	assert_int_equal(rec(fx, "SNV", "2.1.2")->self.points, 100);
	/* Now in step again: the edit goes through. */
	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_SELF, 50,
	    &cause), APP_OK);
	app_year_free(other.y);
	app_close(other.st);
}

static void
test_batch(void **state)
{
	struct fx		*fx = *state;
	struct app_agency	*a = app_find_agency(fx->y, "STP");
	int64_t			 before = a->self.points;
	char			*cause = NULL;

	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	assert_int_equal(edit_points(fx, "STP", "1.2.4", SIDE_SELF, -50,
	    &cause), APP_OK);
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 150,
	    &cause), APP_OK);
	/* Rolled back: memory is what the disk has. */
	assert_int_equal(app_batch_end(fx->st, fx->y, 0, &cause), APP_OK);
	assert_int_equal(rec(fx, "STP", "1.2.4")->self.status, STATUS_EMPTY);
	assert_int_equal(a->self.points, before);
	assert_on_disk(fx, "STP");
	/* Committed: both there, totals computed once at the end. */
	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	assert_int_equal(edit_points(fx, "STP", "1.2.4", SIDE_SELF, -50,
	    &cause), APP_OK);
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 150,
	    &cause), APP_OK);
	assert_int_equal(app_batch_end(fx->st, fx->y, 1, &cause), APP_OK);
	assert_int_equal(a->self.points, before + 100);
	assert_on_disk(fx, "STP");
}

/* A batch looks at the audit log once, at its start: memory in step at
 * its start is in step after its commit (its import record too), and
 * another program's change made before it is still refused inside it. */
static void
test_batch_in_step(void **state)
{
	struct fx	*fx = *state, other;
	long long	 last;
	char		*cause = NULL;

	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	app_batch_source(fx->y, "x.csv", "00");
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 150,
	    &cause), APP_OK);
	assert_int_equal(edit_points(fx, "VP", "2.1.2", SIDE_SELF, 50,
	    &cause), APP_OK);
	assert_int_equal(app_batch_end(fx->st, fx->y, 1, &cause), APP_OK);
	assert_int_equal(store_audit_last(fx->st, &last, &cause), STORE_OK);
	assert_true(last > 0);
	assert_int_equal(fx->y->seen, last);
	assert_int_equal(rec(fx, "STP", "2.1.2")->self.points, 150);
	assert_on_disk(fx, "STP");
	/* Rolled back: what memory knew of the log is as before. */
	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	assert_int_equal(edit_points(fx, "VP", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_OK);
	assert_int_equal(app_batch_end(fx->st, fx->y, 0, &cause), APP_OK);
	assert_int_equal(fx->y->seen, last);
	assert_int_equal(rec(fx, "VP", "2.1.2")->self.points, 50);

	other_writes(fx, &other);
	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	assert_int_equal(edit_points(fx, "SNV", "2.1.2", SIDE_SELF, 50,
	    &cause), APP_CONFLICT);
	free(cause);
	cause = NULL;
	assert_int_equal(rec(fx, "SNV", "2.1.2")->self.points, 100);
	assert_int_equal(app_batch_end(fx->st, fx->y, 0, &cause), APP_OK);
	app_year_free(other.y);
	app_close(other.st);
}

/* A year opens from its stored totals: no agency's entries are read. */
static void
test_lazy(void **state)
{
	struct fx		*fx = *state;
	struct app_year		*y2;
	char			*cause = NULL;
	size_t			 i;

	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_OK);
	assert_int_equal(app_year_load(fx->st, 2024, &y2, &cause), APP_OK);
	for (i = 0; i < y2->nags; i++) {
		assert_null(y2->ags[i].raw);
		assert_int_equal(y2->ags[i].has_totals, 3);
	}
	assert_int_equal(y2->loaded, 0);
	assert_int_equal(app_find_agency(y2, "STP")->self.points, 100);
	assert_null(app_find_agency(y2, "KHONGCO"));
	app_year_free(y2);
}

/* A batch past its memory bound writes the totals it has and lets the
 * entries go; the result is the same. */
static void
test_batch_bounded(void **state)
{
	struct fx	*fx = *state;
	char		*cause = NULL;
	const char	*ags[] = { "SNV", "STP", "VP", "SNV", "STP" };
	size_t		 i;

	fx->y->batch_loaded = 1;
	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	for (i = 0; i < 5; i++)
		assert_int_equal(edit_points(fx, ags[i], i < 3 ? "2.1.2" :
		    "1.2.4", SIDE_APPRAISED, i < 3 ? 150 : -25, &cause),
		    APP_OK);
	assert_true(fx->y->loaded <= 2);
	assert_int_equal(app_batch_end(fx->st, fx->y, 1, &cause), APP_OK);
	assert_int_equal(app_find_agency(fx->y, "SNV")->appraised.points,
	    125);
	assert_on_disk(fx, "SNV");
	assert_on_disk(fx, "VP");
	/* Rolled back past the bound: the disk's totals come back. */
	assert_int_equal(app_batch_begin(fx->st, fx->y, &cause), APP_OK);
	for (i = 0; i < 3; i++)
		assert_int_equal(edit_points(fx, ags[i], "2.1.2",
		    SIDE_APPRAISED, 50, &cause), APP_OK);
	assert_int_equal(app_batch_end(fx->st, fx->y, 0, &cause), APP_OK);
	assert_int_equal(app_find_agency(fx->y, "SNV")->appraised.points,
	    125);
	assert_on_disk(fx, "STP");
}

static void
test_locked_and_reason(void **state)
{
	struct fx		*fx = *state;
	struct app_change	 ch;
	char			*cause = NULL;

	/* Marking an item not assigned needs a reason. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.2.3";
	ch.side[SIDE_SELF].set = APP_SET_STATUS;
	ch.side[SIDE_SELF].status = STATUS_NOT_ASSIGNED;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "reason"));
	free(cause);
	ch.reason = "không giao năm nay";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	/* Texts are checked: control characters and bad UTF-8. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.2.3";
	ch.note = "\x1b]0;PWNED\a";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	ch.note = "\xc3\x28";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	/* A published year refuses every edit. */
	fx->y->published = 1;
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_LOCKED);
	free(cause);
	fx->y->published = 0;
}

/* Analogy (vận dụng): on a scored side only, with a description (not
 * blanks, no control characters), stored in NFC, "" unmarks; a status
 * that is not scored is refused while it is marked. */
static void
test_analogy(void **state)
{
	struct fx		*fx = *state;
	struct app_change	 ch;
	struct app_year		*y2;
	char			*cause = NULL;
	long			 k;

	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "2.1.2";
	ch.side[SIDE_SELF].analogy = "Việc tương tự";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "analogy"));
	free(cause);
	assert_int_equal(edit_points(fx, "STP", "2.1.2", SIDE_SELF, 100,
	    &cause), APP_OK);
	ch.side[SIDE_SELF].analogy = "   ";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	ch.side[SIDE_SELF].analogy = "Vi\x1b[2Jệc";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	/* NFD in, NFC stored. */
	ch.side[SIDE_SELF].analogy = "Nguye\xcc\x82\xcc\x83n";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	assert_string_equal(rec(fx, "STP", "2.1.2")->analogy[SIDE_SELF],
	    "Nguy\xe1\xbb\x85n");
	assert_null(rec(fx, "STP", "2.1.2")->analogy[SIDE_APPRAISED]);
	/* A status that is not scored, with the analogy still marked. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "2.1.2";
	ch.side[SIDE_SELF].set = APP_SET_STATUS;
	ch.side[SIDE_SELF].status = STATUS_NOT_DONE;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);
	assert_int_equal(rec(fx, "STP", "2.1.2")->self.status, STATUS_SCORED);
	/* Unmarked with it: taken. */
	ch.side[SIDE_SELF].analogy = "";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	assert_null(rec(fx, "STP", "2.1.2")->analogy[SIDE_SELF]);
	/* On disk as in memory. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "2.1.2";
	ch.side[SIDE_APPRAISED].set = APP_SET_POINTS;
	ch.side[SIDE_APPRAISED].points = 100;
	ch.side[SIDE_APPRAISED].analogy = "Kế hoạch tương tự";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	assert_int_equal(app_year_load(fx->st, 2024, &y2, &cause), APP_OK);
	assert_int_equal(app_agency_entries(fx->st, y2, app_find_agency(y2,
	    "STP"), &cause), APP_OK);
	k = form_item_index(app_find_agency(y2, "STP")->form, "2.1.2");
	assert_string_equal(app_find_agency(y2, "STP")->raw[k].analogy[
	    SIDE_APPRAISED], "Kế hoạch tương tự");
	app_year_free(y2);
}

/* Two rounds: first-round data only in a year of two rounds; the final
 * appraised score alone counts; back to one round refused while an
 * entry holds round-1 data. */
static void
test_rounds(void **state)
{
	struct fx		*fx = *state;
	struct app_agency	*a = app_find_agency(fx->y, "STP");
	struct app_change	 ch;
	char			*cause = NULL;

	assert_int_equal(fx->y->rounds, 1);
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "2.1.2";
	ch.first.set = APP_SET_POINTS;
	ch.first.points = 50;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "rounds 2"));
	free(cause);
	assert_int_equal(app_setting_put(fx->st, fx->y, APP_ROUNDS, "3",
	    &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(app_setting_put(fx->st, fx->y, APP_ROUNDS, "2",
	    &cause), APP_OK);
	assert_int_equal(fx->y->rounds, 2);
	ch.dispute = "Đơn vị đã làm đủ";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	assert_int_equal(rec(fx, "STP", "2.1.2")->first.status,
	    STATUS_SCORED);
	assert_int_equal(rec(fx, "STP", "2.1.2")->first.points, 50);
	/* The first round does not count: the final is still empty. */
	assert_int_equal(a->appraised.points, 0);
	/* Off the item's step: refused as a side's points are. */
	ch.first.points = 10;
	ch.dispute = NULL;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "first-round"));
	free(cause);
	assert_int_equal(app_setting_put(fx->st, fx->y, APP_ROUNDS, NULL,
	    &cause), APP_BADINPUT);
	assert_non_null(strstr(cause, "--no-first"));
	free(cause);
	assert_int_equal(fx->y->rounds, 2);
	/* Cleared, one round again. */
	ch.first.set = APP_SET_STATUS;
	ch.first.status = STATUS_EMPTY;
	ch.dispute = "";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	assert_int_equal(app_setting_put(fx->st, fx->y, APP_ROUNDS, "1",
	    &cause), APP_OK);
	assert_int_equal(fx->y->rounds, 1);
}

static void
test_deductions(void **state)
{
	struct fx		*fx = *state;
	struct app_agency	*a = app_find_agency(fx->y, "STP");
	char			*cause = NULL;

	/* Past the agency's max (10 points): refused, alone or summed. */
	assert_int_equal(app_deduction_add(fx->st, fx->y, a,
	    100000000000000LL, "x", NULL, &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a,
	    92233720368547749LL, "x", NULL, &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 600, "một",
	    NULL, &cause), APP_OK);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 500, "hai",
	    NULL, &cause), APP_BADINPUT);
	free(cause);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 400, "hai",
	    NULL, &cause), APP_OK);
	assert_int_equal(a->manual, 1000);
	assert_int_equal(a->appraised.total, 0);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 0, "ba", NULL,
	    &cause), APP_BADINPUT);
	free(cause);
	assert_on_disk(fx, "STP");
}

/* Issue 10: not_arising needs an explanation; a zero denominator means
 * not arising; impossible counts are refused; the form's manual_cap. */
static void
test_regulation(void **state)
{
	struct fx		*fx = *state;
	struct app_agency	*a = app_find_agency(fx->y, "STP");
	struct entry_inputs	 in;
	struct app_change	 ch;
	struct entry_record	*e;
	char			*cause = NULL;

	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.1.1";
	ch.side[SIDE_SELF].set = APP_SET_STATUS;
	ch.side[SIDE_SELF].status = STATUS_NOT_ARISING;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "needs an explanation"));
	free(cause);
	ch.explanation = "Không có đợt kiểm tra nào trong năm";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	/* Clearing the explanation of a not_arising entry is refused too. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.1.1";
	ch.explanation = "";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	free(cause);

	/* b + c > a names the inputs. */
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.2.2";
	assert_int_equal(entry_inputs_parse("a=3; b=2; c=2", &in, &cause), 0);
	ch.side[SIDE_APPRAISED].set = APP_SET_INPUTS;
	ch.side[SIDE_APPRAISED].inputs = &in;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "b + c <= a"));
	assert_non_null(strstr(cause, "a = 3, b = 2, c = 2"));
	free(cause);
	entry_inputs_clear(&in);
	/* a = 0: the task did not arise, which needs its explanation. */
	assert_int_equal(entry_inputs_parse("a=0; b=0; c=0", &in, &cause), 0);
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause),
	    APP_BADINPUT);
	assert_non_null(strstr(cause, "needs an explanation"));
	free(cause);
	ch.explanation = "Không có vấn đề phát hiện qua kiểm tra";
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	e = rec(fx, "STP", "1.2.2");
	assert_int_equal(e->appraised.status, STATUS_NOT_ARISING);
	entry_inputs_clear(&in);

	/* Manual deductions: at most 3 points in all (the agency max is 10). */
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 200, "một",
	    NULL, &cause), APP_OK);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 125, "hai",
	    NULL, &cause), APP_BADINPUT);
	assert_non_null(strstr(cause, "ceiling of 3 points (2 already)"));
	free(cause);
	assert_int_equal(app_deduction_add(fx->st, fx->y, a, 100, "hai",
	    NULL, &cause), APP_OK);
	assert_int_equal(a->manual, 300);
	assert_on_disk(fx, "STP");
}

/* Issue 10: an appraiser's work list: its items of every agency of the
 * block, agency by agency, and its progress as items are appraised. */
static void
test_work_list(void **state)
{
	struct fx		*fx = *state;
	struct app_work		 w;
	struct app_change	 ch;
	const char		**codes = NULL;
	char			*cause = NULL;
	size_t			 n, i;

	n = app_appraisers(fx->y, 0, &codes);
	assert_int_equal(n, 1);
	assert_string_equal(codes[0], "SNV");
	free(codes);
	assert_true(app_appraiser_known(fx->y, "SNV"));
	assert_false(app_appraiser_known(fx->y, "STP"));
	assert_int_equal(app_work_list(fx->st, fx->y, 0, "SNV", &w, &cause),
	    APP_OK);
	/* Item 1.1.1 of each agency the profile does not leave it out of. */
	assert_true(w.n >= 2);
	for (i = 0; i < w.n; i++) {
		assert_string_equal(w.v[i].a->form->items[w.v[i].item].code,
		    "1.1.1");
		if (i > 0)
			assert_true(w.v[i - 1].a->ag->order <
			    w.v[i].a->ag->order);
	}
	assert_int_equal(w.done, 0);
	memset(&ch, 0, sizeof ch);
	ch.agency = "STP";
	ch.item = "1.1.1";
	ch.side[SIDE_APPRAISED].set = APP_SET_STATUS;
	ch.side[SIDE_APPRAISED].status = STATUS_NOT_DONE;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	app_work_count(&w);
	assert_int_equal(w.done, 1);
	/* A self score is no appraisal. */
	ch.agency = "SNV";
	ch.side[SIDE_APPRAISED].set = 0;
	ch.side[SIDE_SELF].set = APP_SET_STATUS;
	ch.side[SIDE_SELF].status = STATUS_NOT_DONE;
	assert_int_equal(app_edit(fx->st, fx->y, &ch, NULL, &cause), APP_OK);
	app_work_count(&w);
	assert_int_equal(w.done, 1);
	app_work_clear(&w);
	assert_int_equal(app_work_list(fx->st, fx->y, 0, "STP", &w, &cause),
	    APP_OK);
	assert_int_equal(w.n, 0);
	app_work_clear(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_ranks, setup_groups,
		    teardown),
		cmocka_unit_test_setup_teardown(test_load_for, setup_groups,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ratio_bounds, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regulation, setup_reg,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unchanged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_seen_conflict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_writer, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lazy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_in_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch_bounded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_locked_and_reason, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_analogy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deductions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_work_list, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
