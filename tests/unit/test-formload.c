/* Unit tests: formload on the shipped files and the small fixture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "form.h"
#include "expr.h"
#include "formload.h"
#include "score.h"
#include "util.h"

static struct form *
load(const char *path)
{
	struct errlist	 e;
	struct form	*f;
	size_t		 i;

	errlist_init(&e);
	f = formload_form(path, &e);
	for (i = 0; i < e.n; i++)
		print_error("%s\n", e.items[i].msg);
	assert_int_equal(e.n, 0);
	errlist_clear(&e);
	assert_non_null(f);
	return f;
}

static void
test_small_tree(void **state)
{
	struct form		*f = fixture_small();
	const struct form_item	*it;

	(void)state;
	assert_non_null(f);
	assert_string_equal(f->id, "small");
	assert_int_equal(f->max, 1000);
	assert_int_equal(f->nareas, 2);
	assert_int_equal(f->ncriteria, 3);
	assert_int_equal(f->nitems, 8);
	assert_int_equal(f->areas[0].first_item, 0);
	assert_int_equal(f->areas[0].nitems, 6);
	assert_int_equal(f->areas[1].first_item, 6);
	assert_int_equal(f->criteria[1].first_item, 2);
	assert_int_equal(f->criteria[1].nitems, 4);
	it = form_find_item(f, "2.1.1");
	assert_int_equal(it->max, 250);
	assert_int_equal(it->area, 1);
	assert_int_equal(it->criterion, 2);
	assert_int_equal(it->evidence, 1);
	assert_int_equal(form_find_item(f, "2.1.2")->evidence, 0);
	it = form_find_item(f, "1.2.1");
	assert_int_equal(it->rule, RULE_RATIO);
	assert_int_equal(it->threshold, 9000);
	assert_int_equal(f->ngrades, 4);
	assert_int_equal(f->grades[1].from, 7000);
	assert_true(f->advisory.present);
	assert_int_equal(f->advisory.cap, 150);
	assert_int_equal(f->advisory.fall[1].bound, 5);
	assert_int_equal(f->profiles[0].nitems, 1);
	assert_int_equal(f->profiles[0].items[0], 6);
	form_free(f);
}

/* The max of an agency carrying a profile: everything else assigned. */
static int64_t
profile_max(const struct form *f, const char *name)
{
	const struct form_profile	*p = form_find_profile(f, name);
	int64_t			 max = f->max;
	size_t			 i;

	assert_non_null(p);
	for (i = 0; i < p->nitems; i++)
		max -= f->items[p->items[i]].max;
	return max;
}

static void
test_shipped_so(void **state)
{
	struct form	*f = load("forms/so.cfg");
	size_t		 i, rules[5] = { 0 }, penalties = 0;

	(void)state;
	assert_string_equal(f->block, "so");
	assert_int_equal(f->nareas, 8);
	assert_int_equal(f->max, 10000);
	/* Tây Ninh 2023: 71.5 and 96.5. */
	assert_int_equal(profile_max(f, "hep"), 7150);
	assert_int_equal(profile_max(f, "giam"), 9650);
	for (i = 0; i < f->nitems; i++) {
		rules[f->items[i].rule]++;
		if (f->items[i].min < 0)
			penalties++;
		assert_non_null(f->items[i].guidance);
		assert_non_null(f->items[i].appraiser);
	}
	for (i = 0; i < 5; i++)
		assert_true(rules[i] > 0);
	assert_true(penalties > 0);
	assert_true(f->advisory.present);
	form_free(f);
}

static void
test_shipped_huyen_xa(void **state)
{
	struct form	*f = load("forms/huyen.cfg");

	(void)state;
	assert_string_equal(f->block, "huyen");
	assert_int_equal(f->nareas, 9);
	assert_int_equal(f->max, 10000);
	form_free(f);
	f = load("forms/xa.cfg");
	assert_string_equal(f->block, "xa");
	assert_int_equal(f->nareas, 9);
	assert_int_equal(f->max, 10000);
	form_free(f);
}

static void
test_shipped_agencies(void **state)
{
	struct errlist		 e;
	struct form_agency_list	*l;
	struct form		*forms[1];
	const struct form_agency	*ag;
	size_t			 i, n[3] = { 0 };

	(void)state;
	errlist_init(&e);
	l = formload_agencies("data/tayninh.cfg", &e);
	assert_non_null(l);
	forms[0] = load("forms/so.cfg");
	assert_int_equal(formload_cross_check(l, forms, 1, &e), 0);
	for (i = 0; i < l->nagencies; i++) {
		if (strcmp(l->agencies[i].block, "so") == 0)
			n[0]++;
		else if (strcmp(l->agencies[i].block, "huyen") == 0)
			n[1]++;
		else
			n[2]++;
		assert_int_equal(l->agencies[i].order, i);
	}
	assert_int_equal(n[0], 19);
	assert_int_equal(n[1], 9);
	assert_true(n[2] > 0);
	ag = agency_find(l, "SNV");
	assert_non_null(ag);
	assert_string_equal(ag->name, "Sở Nội vụ");
	assert_string_equal(ag->profile, "giam");
	assert_true(ag->nadvises > 0);
	form_free(forms[0]);
	agency_list_free(l);
	errlist_clear(&e);
}

static void
test_bad_text(void **state)
{
	struct errlist		 e;
	enum formload_kind	 kind;

	(void)state;
	errlist_init(&e);
	assert_null(formload_text("mem.cfg", "form: { id = ; };", &kind, &e));
	assert_int_equal(e.n, 1);
	assert_string_equal(e.items[0].file, "mem.cfg");
	assert_int_equal(e.items[0].line, 1);
	errlist_clear(&e);
	/* Integers and decimals are both numbers; 3 decimals are refused. */
	assert_null(formload_text("x.cfg", "form: { id = \"x\"; title = \"X\";"
	    " block = \"so\"; max = 1.005; grades = (); areas = (); };",
	    &kind, &e));
	assert_int_equal(kind, FORMLOAD_FORM);
	assert_true(e.n >= 1);
	assert_non_null(strstr(e.items[0].msg, "more than two decimals"));
	errlist_clear(&e);
	assert_null(formload_form("tests/fixtures/none.cfg", &e));
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.items[0].msg, "No such file"));
	errlist_clear(&e);
}

/*
 * Load small.cfg with the first "from" replaced by "to"; the form or NULL,
 * with the messages in e.
 */
static struct form *
load_edit(const char *from, const char *to, struct errlist *e)
{
	char			*text, *cause = NULL, *p, *edited;
	enum formload_kind	 kind;
	struct form		*f;
	size_t			 i;

	text = formload_read("tests/fixtures/small.cfg", &cause);
	assert_non_null(text);
	p = strstr(text, from);
	assert_non_null(p);
	edited = xasprintf("%.*s%s%s", (int)(p - text), text, to,
	    p + strlen(from));
	errlist_init(e);
	f = formload_text("small.cfg", edited, &kind, e);
	for (i = 0; i < e->n; i++)
		print_message("# %s\n", e->items[i].msg);
	free(edited);
	free(text);
	return f;
}

/* Exactly one message, on that line, holding want. */
static void
one_error(struct errlist *e, int line, const char *want)
{
	assert_int_equal(e->n, 1);
	assert_int_equal(e->items[0].line, line);
	if (strstr(e->items[0].msg, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", e->items[0].msg, want);
	errlist_clear(e);
}

/* Issue 10: when_zero, constraints, not_arising_needs_explanation and
 * manual_cap are read and checked with their lines. */
static void
test_regulation_keys(void **state)
{
	struct errlist		 e;
	struct form		*f;
	struct form_rule_input	 in;
	int64_t			 v[3], p = -1;
	char			*cause = NULL;
	const struct form_item	*it;

	(void)state;
	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; when_zero = \"max\"; "
	    "constraints = [ \"b + c <= a\", \"a >= 0\" ];", &e);
	assert_int_equal(e.n, 0);
	it = form_find_item(f, "1.2.2");
	assert_int_equal(it->when_zero, WHEN_ZERO_MAX);
	assert_int_equal(it->nconstraints, 2);
	assert_int_equal(it->na_explain, 0);
	assert_int_equal(f->manual_cap, -1);
	memset(&in, 0, sizeof in);
	in.vars = v;
	/* a = 0: the max, not "division by zero" */
	v[0] = 0; v[1] = 0; v[2] = 0;
	assert_int_equal(form_rule_points(it, &in, &p, &cause), 0);
	assert_int_equal(p, it->max);
	/* b + c > a is refused, naming the inputs */
	v[0] = 300; v[1] = 200; v[2] = 200;
	assert_int_equal(form_rule_points(it, &in, &p, &cause), -1);
	assert_non_null(strstr(cause, "b + c <= a"));
	assert_non_null(strstr(cause, "a = 3, b = 2, c = 2"));
	free(cause);
	cause = NULL;
	v[2] = 100;
	assert_int_equal(form_rule_points(it, &in, &p, &cause), 0);
	form_free(f);

	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; when_zero = \"not_arising\";", &e);
	assert_int_equal(e.n, 0);
	it = form_find_item(f, "1.2.2");
	v[0] = 0;
	assert_int_equal(form_rule_points(it, &in, &p, &cause),
	    FORM_RULE_NOT_ARISING);
	form_free(f);
	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; when_zero = \"zero\";", &e);
	assert_int_equal(form_rule_points(form_find_item(f, "1.2.2"), &in, &p,
	    &cause), 0);
	assert_int_equal(p, 0);
	form_free(f);
	/* Without when_zero, a = 0 is still refused. */
	f = load_edit("step = 0.25;", "step = 0.25; manual_cap = 2.5; "
	    "not_arising_needs_explanation = true;", &e);
	assert_int_equal(e.n, 0);
	assert_int_equal(f->manual_cap, 250);
	assert_int_equal(form_find_item(f, "1.2.2")->na_explain, 1);
	assert_int_equal(form_rule_points(form_find_item(f, "1.2.2"), &in, &p,
	    &cause), -1);
	assert_non_null(strstr(cause, "division by zero"));
	free(cause);
	form_free(f);

	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; when_zero = \"full\";", &e);
	one_error(&e, 76, "when_zero \"full\" is not max, not_arising or zero");
	form_free(f);
	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; constraints = [ \"b + d <= a\" ];", &e);
	one_error(&e, 76, "constraint \"b + d <= a\"");
	form_free(f);
	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; constraints = [ \"b + c\" ];", &e);
	one_error(&e, 76, "no comparison");
	form_free(f);
	f = load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";",
	    "expr = \"(b/a)*1 + (c/a)*0.5\"; constraints = [ \"b < c < a\" ];", &e);
	one_error(&e, 76, "more than one comparison");
	form_free(f);
	f = load_edit("step = 0.25;", "step = 0.25; manual_cap = -1;", &e);
	one_error(&e, 9, "manual_cap must not be below 0");
	form_free(f);
}

/* Issue 7: numbers are read as exact decimals, not with a tolerance. */
static void
test_exact_decimals(void **state)
{
	struct errlist	 e;
	struct form	*f;

	(void)state;
	f = load_edit("{ from = 90; points = 2; }",
	    "{ from = 555555555.55; points = 2; }", &e);
	assert_non_null(f);
	assert_int_equal(form_find_item(f, "1.1.2")->bands[0].from,
	    INT64_C(55555555555));
	form_free(f);
	errlist_clear(&e);
	f = load_edit("{ from = 90; points = 2; }",
	    "{ from = 999999999.99; points = 2; }", &e);
	assert_non_null(f);
	assert_int_equal(form_find_item(f, "1.1.2")->bands[0].from,
	    INT64_C(99999999999));
	form_free(f);
	errlist_clear(&e);
	f = load_edit("{ from = 90; points = 2; }",
	    "{ from = 1e3; points = 2; }", &e);
	assert_non_null(f);
	assert_int_equal(form_find_item(f, "1.1.2")->bands[0].from, 100000);
	form_free(f);
	errlist_clear(&e);
	/* One message, and no second one about the bands' order. */
	assert_null(load_edit("{ from = 90; points = 2; }",
	    "{ from = 0.125; points = 2; }", &e));
	one_error(&e, 47, "item 1.1.2 band 1: \"from\" has more than two "
	    "decimals");
	assert_null(load_edit("{ from = 90; points = 2; }",
	    "{ from = 90.000001; points = 2; }", &e));
	one_error(&e, 47, "more than two decimals");
	assert_null(load_edit("{ from = 90; points = 2; }",
	    "{ from = 0.00001; points = 2; }", &e));
	one_error(&e, 47, "more than two decimals");
}

/* Issue 7: a number out of range is one message, not two. */
static void
test_number_bounds(void **state)
{
	struct errlist	 e;
	struct form	*f;

	(void)state;
	assert_null(load_edit("max = 10;", "max = 10000000000;", &e));
	one_error(&e, 8, "form: \"max\" is outside "
	    "-1000000000..1000000000");
	assert_null(load_edit("max = 10;", "max = 2000000000;", &e));
	one_error(&e, 8, "form: \"max\" is outside");
	assert_null(load_edit("max = 10;", "max = 1e300;", &e));
	one_error(&e, 8, "form: \"max\" is outside");
	assert_null(load_edit("max = 1.5; rule", "max = 1000000000.01; rule",
	    &e));
	one_error(&e, 107, "item 2.1.2: \"max\" is outside "
	    "-1000000000..1000000000");
	assert_null(load_edit("max = 6;", "max = -1e20;", &e));
	one_error(&e, 20, "\"max\" is outside");
	assert_null(load_edit("max = 3;", "max = 9223372036854775807L;", &e));
	one_error(&e, 25, "\"max\" is outside");
	assert_null(load_edit("min = -1;", "min = -1000000000.01;", &e));
	one_error(&e, 88, "item 1.2.4: \"min\" is outside");
	assert_null(load_edit("{ name = \"Kém\"; from = 0; }",
	    "{ name = \"Kém\"; from = 5e9; }", &e));
	one_error(&e, 14, "grade 4: \"from\" is outside");
	/* libconfig 1.5 keeps 32 bits of an integer written without an L:
	 * these would load as 10 and 3, silently (issue 12). */
	assert_null(load_edit("max = 10;", "max = 4294967306;", &e));
	one_error(&e, 8, "form: \"max\" is outside");
	assert_null(load_edit("max = 3;", "max = 0x100000003;", &e));
	one_error(&e, 25, "\"max\" is outside");
	assert_null(load_edit("max = 6;", "max = -18446744073709551610;", &e));
	one_error(&e, 20, "\"max\" is outside");
	/* In a string or a comment a long number is text. */
	f = load_edit("title = \"Kế hoạch\";",
	    "title = \"Kế hoạch 4294967306 \\\" 99999999999\"; "
	    "/* 99999999999 *//* 4294967306 */ # 99999999999", &e);
	assert_non_null(f);
	assert_int_equal(e.n, 0);
	assert_string_equal(f->criteria[0].title,
	    "Kế hoạch 4294967306 \" 99999999999");
	form_free(f);
	errlist_clear(&e);
}

/* Issue 7: a formula too deep, too long or with too many inputs. */
static void
test_formula_limits(void **state)
{
	struct errlist	 e;
	struct strbuf	 b;
	struct form	*f;
	char		*s;
	int		 i;

	(void)state;
	strbuf_init(&b);
	strbuf_puts(&b, "expr = \"");
	for (i = 0; i < 33; i++)
		strbuf_puts(&b, "(");
	strbuf_puts(&b, "a");
	for (i = 0; i < 33; i++)
		strbuf_puts(&b, ")");
	strbuf_puts(&b, "\";");
	s = strbuf_steal(&b);
	assert_null(load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";", s, &e));
	one_error(&e, 76, "item 1.2.2: formula \"((((");
	free(s);
	assert_null(load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";", s =
	    xasprintf("expr = \"-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-(-a))))))))))))))))\";"),
	    &e));
	free(s);
	one_error(&e, 76, "nested more than 32 levels");
	strbuf_puts(&b, "expr = \"a");
	for (i = 0; i < EXPR_MAX_LEN; i++)
		strbuf_puts(&b, " ");
	strbuf_puts(&b, "\";");
	s = strbuf_steal(&b);
	assert_null(load_edit("expr = \"(b/a)*1 + (c/a)*0.5\";", s, &e));
	one_error(&e, 76, "item 1.2.2: the formula is too long");
	free(s);
	/* 16 inputs are accepted, 17 are one message on the inputs' line. */
	for (i = 3; i < FORM_MAX_INPUTS; i++)
		strbuf_printf(&b, ", { name = \"x%d\"; }", i);
	s = xasprintf("{ name = \"c\"; label = \"Đang xử lý\"; }%s", b.s);
	f = load_edit("{ name = \"c\"; label = \"Đang xử lý\"; }", s, &e);
	assert_non_null(f);
	assert_int_equal(form_find_item(f, "1.2.2")->ninputs,
	    FORM_MAX_INPUTS);
	form_free(f);
	errlist_clear(&e);
	free(s);
	strbuf_puts(&b, ", { name = \"y\"; }");
	s = xasprintf("{ name = \"c\"; label = \"Đang xử lý\"; }%s", b.s);
	assert_null(load_edit("{ name = \"c\"; label = \"Đang xử lý\"; }",
	    s, &e));
	one_error(&e, 71, "item 1.2.2: a formula has at most 16 inputs");
	free(s);
	strbuf_clear(&b);
}

/* An agency's own form, or its block's: the only one of the block, or the
 * one whose id is the block's code. */
static void
test_agency_form(void **state)
{
	struct errlist		 e;
	struct form_agency_list	*l;
	struct form		*forms[4];
	const struct form_agency	*lh, *tt;

	(void)state;
	errlist_init(&e);
	forms[0] = load("forms/huyen.cfg");
	forms[1] = load("forms/xa-hoathanh.cfg");
	forms[2] = load("forms/xa.cfg");
	l = formload_agencies("tests/fixtures/two-forms.cfg", &e);
	assert_non_null(l);
	assert_int_equal(formload_cross_check(l, forms, 3, &e), 0);
	lh = agency_find(l, "HT-LH");
	tt = agency_find(l, "TCH-TT");
	assert_string_equal(lh->form, "xa-hoathanh");
	assert_null(tt->form);
	assert_ptr_equal(form_for_agency(forms, 3, lh), forms[1]);
	assert_ptr_equal(form_for_agency(forms, 3, tt), forms[2]);
	assert_ptr_equal(form_for_agency(forms, 3, agency_find(l, "TCH-TH")),
	    forms[2]);
	assert_ptr_equal(form_for_block(forms, 3, "xa"), forms[2]);
	assert_ptr_equal(form_for_block(forms, 3, "huyen"), forms[0]);
	assert_null(form_for_block(forms, 3, "so"));
	/* Only the own form of the block: it is the block's. */
	assert_ptr_equal(form_for_block(&forms[1], 1, "xa"), forms[1]);
	/* Two forms and none named as the block: no block form, an error. */
	free(forms[2]->id);
	forms[2]->id = xstrdup("xa-chung");
	assert_null(form_for_block(forms, 3, "xa"));
	assert_null(form_for_agency(forms, 3, tt));
	assert_int_equal(e.n, 0);
	assert_true(formload_cross_check(l, forms, 3, &e) > 0);
	assert_non_null(strstr(e.items[0].msg, "block xa has 2 forms"));
	/* A form of another block is not the agency's. */
	free(lh->form);
	((struct form_agency *)lh)->form = xstrdup("huyen");
	assert_null(form_for_agency(forms, 3, lh));
	form_free(forms[0]);
	form_free(forms[1]);
	form_free(forms[2]);
	agency_list_free(l);
	errlist_clear(&e);
}

/* Two lists hold the same agencies, blocks and appraisers, field by field. */
static void
assert_lists_equal(const struct form_agency_list *a,
    const struct form_agency_list *b)
{
	size_t	i, k;

#define SAME_STR(x, y) do {						\
	if ((x) == NULL || (y) == NULL)					\
		assert_ptr_equal((x), (y));				\
	else								\
		assert_string_equal((x), (y));				\
} while (0)
	SAME_STR(a->file, b->file);
	SAME_STR(a->province, b->province);
	assert_int_equal(a->nappraisers, b->nappraisers);
	for (i = 0; i < a->nappraisers; i++) {
		SAME_STR(a->appraisers[i].code, b->appraisers[i].code);
		SAME_STR(a->appraisers[i].name, b->appraisers[i].name);
		SAME_STR(a->appraisers[i].by, b->appraisers[i].by);
		assert_int_equal(a->appraisers[i].line, b->appraisers[i].line);
	}
	assert_int_equal(a->nblocks, b->nblocks);
	for (i = 0; i < a->nblocks; i++) {
		SAME_STR(a->blocks[i].code, b->blocks[i].code);
		SAME_STR(a->blocks[i].name, b->blocks[i].name);
	}
	assert_int_equal(a->nagencies, b->nagencies);
	for (i = 0; i < a->nagencies; i++) {
		const struct form_agency *x = &a->agencies[i], *y =
		    &b->agencies[i];

		SAME_STR(x->code, y->code);
		SAME_STR(x->name, y->name);
		SAME_STR(x->block, y->block);
		SAME_STR(x->parent, y->parent);
		SAME_STR(x->profile, y->profile);
		SAME_STR(x->form, y->form);
		assert_int_equal(x->form_line, y->form_line);
		assert_int_equal(x->nadvises, y->nadvises);
		for (k = 0; k < x->nadvises; k++)
			assert_int_equal(x->advises[k], y->advises[k]);
		assert_int_equal(x->order, y->order);
		assert_int_equal(x->line, y->line);
	}
	assert_int_equal(a->nbycode, b->nbycode);
	for (i = 0; i < a->nbycode; i++)
		assert_int_equal(a->bycode[i] - a->agencies,
		    b->bycode[i] - b->agencies);
#undef SAME_STR
}

/* A list packed (form-pack.c) reads back as the same list, and any
 * damaged or cut pack is refused rather than read. */
static void
test_agency_pack(void **state)
{
	static const char *const files[] = { "data/tayninh.cfg",
	    "tests/fixtures/two-forms.cfg" };
	struct errlist		 e;
	struct form_agency_list	*l, *u;
	const struct form_agency	*ag;
	char			*p, *p2, *cut;
	size_t			 f, n, n2, i;

	(void)state;
	errlist_init(&e);
	for (f = 0; f < UTIL_ARRAY_LEN(files); f++) {
		l = formload_agencies(files[f], &e);
		assert_non_null(l);
		p = agency_list_pack(l, &n);
		cut = xmalloc(n);
		memcpy(cut, p, n);
		u = agency_list_unpack(cut, n);
		assert_non_null(u);
		assert_lists_equal(l, u);
		/* Lookups work on the read-back index without a sort. */
		for (i = 0; i < l->nagencies; i++) {
			ag = agency_find(u, l->agencies[i].code);
			assert_non_null(ag);
			assert_string_equal(ag->code, l->agencies[i].code);
		}
		assert_null(agency_find(u, "NO-SUCH"));
		/* Packing what was read back gives the same bytes. */
		p2 = agency_list_pack(u, &n2);
		assert_int_equal(n2, n);
		assert_memory_equal(p2, p, n);
		free(p2);
		agency_list_free(u);
		/* Every cut is refused (a pack ends exactly at its end). */
		for (i = 0; i < n; i += i < 200 ? 1 : 97) {
			cut = xmalloc(i + 1);
			memcpy(cut, p, i);
			assert_null(agency_list_unpack(cut, i));
		}
		/* A byte changed reads as a list or is refused, never past
		 * the bytes (ASan/valgrind would say). */
		for (i = 0; i < n; i += i < 300 ? 1 : 53) {
			cut = xmalloc(n);
			memcpy(cut, p, n);
			cut[i] = (char)(cut[i] == '9' ? '0' : cut[i] + 1);
			agency_list_free(agency_list_unpack(cut, n));
		}
		/* A code index out of order is refused: agency_find's binary
		 * search would miss agencies. */
		if (l->nbycode > 1) {
			struct form_agency	*t = l->bycode[0];

			l->bycode[0] = l->bycode[1];
			l->bycode[1] = t;
			free(p);
			p = agency_list_pack(l, &n);
			cut = xmalloc(n);
			memcpy(cut, p, n);
			assert_null(agency_list_unpack(cut, n));
		}
		free(p);
		agency_list_free(l);
	}
	assert_int_equal(e.n, 0);
	errlist_clear(&e);
}

/* A small list's pack with any digit or tag changed, or a field made
 * none: refused, or read as a list whose every index and order is in
 * bounds and every code, name and block there (the bounds of a count
 * below 10 once let "9" through). */
static void
test_agency_pack_hostile(void **state)
{
	static const char text[] = "province = \"T\";\n"
	    "blocks = ( { code = \"so\"; name = \"S\"; } );\n"
	    "agencies = ( { code = \"A\"; name = \"a\"; block = \"so\"; },\n"
	    "  { code = \"B\"; name = \"b\"; block = \"so\"; parent = \"A\";"
	    " advises = [ 3 ]; } );\n";
	struct errlist		 e;
	enum formload_kind	 kind;
	struct form_agency_list	*l, *u;
	char			*p, *b;
	const char		 subst[] = "0123456789=-";
	size_t			 n, i, j, k, read = 0;

	(void)state;
	errlist_init(&e);
	l = formload_text("t.cfg", text, &kind, &e);
	assert_non_null(l);
	assert_int_equal(kind, FORMLOAD_AGENCIES);
	p = agency_list_pack(l, &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizeof subst - 1; j++) {
			if (p[i] == subst[j] || p[i] == '\0')
				continue;
			b = xmalloc(n);
			memcpy(b, p, n);
			b[i] = subst[j];
			if ((u = agency_list_unpack(b, n)) == NULL)
				continue;
			read++;
			assert_int_equal(u->nbycode, u->nagencies);
			for (k = 0; k < u->nagencies; k++) {
				assert_true(u->bycode[k] >= u->agencies &&
				    u->bycode[k] < u->agencies + u->nagencies);
				assert_true(u->agencies[k].order <
				    u->nagencies);
				assert_non_null(u->agencies[k].code);
				assert_non_null(u->agencies[k].name);
				assert_non_null(agency_find_block(u,
				    u->agencies[k].block));
				assert_ptr_equal(agency_find(u,
				    u->agencies[k].code), &u->agencies[k]);
			}
			agency_list_free(u);
		}
	}
	/* Some changes still read (a name's letter is just another name). */
	assert_true(read > 0);
	free(p);
	agency_list_free(l);
	errlist_clear(&e);
}

/* The advisory rule's basis (area or overall) and its rank steps. */
static void
test_advisory_basis(void **state)
{
	struct errlist	 e;
	struct form	*f;

	(void)state;
	f = load_edit("		cap = 1.5;\n", "		cap = 1.5;\n"
	    "		basis = \"overall\";\n"
	    "		rank = ( { from = 30; points = 0.5; }, "
	    "{ from = 50; points = 1; } );\n", &e);
	assert_non_null(f);
	assert_int_equal(f->advisory.basis, FORM_BASIS_OVERALL);
	assert_int_equal(f->advisory.nrank, 2);
	assert_int_equal(f->advisory.rank[0].bound, 30);
	assert_int_equal(f->advisory.rank[1].points, 100);
	form_free(f);
	errlist_clear(&e);
	f = load_edit("		cap = 1.5;\n", "		cap = 1.5;\n"
	    "		basis = \"province\";\n", &e);
	assert_null(f);
	one_error(&e, 115, "basis \"province\" is not area or overall");
	errlist_clear(&e);
	f = load_edit("		cap = 1.5;\n", "		cap = 1.5;\n"
	    "		rank = ( { from = 50; points = 1; }, "
	    "{ from = 30; points = 0.5; } );\n", &e);
	assert_null(f);
	one_error(&e, 115, "steps out of order");
	errlist_clear(&e);
	f = load_edit("		cap = 1.5;\n", "		cap = 1.5;\n"
	    "		rank = ( { from = 2.5; points = 1; } );\n", &e);
	assert_null(f);
	one_error(&e, 113, "\"from\" must be a whole rank above 0");
	errlist_clear(&e);
	/* Without basis: by area, as before. */
	f = load("tests/fixtures/small.cfg");
	assert_int_equal(f->advisory.basis, FORM_BASIS_AREA);
	assert_int_equal(f->advisory.nrank, 0);
	form_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_tree),
		cmocka_unit_test(test_shipped_so),
		cmocka_unit_test(test_shipped_huyen_xa),
		cmocka_unit_test(test_shipped_agencies),
		cmocka_unit_test(test_agency_form),
		cmocka_unit_test(test_agency_pack),
		cmocka_unit_test(test_agency_pack_hostile),
		cmocka_unit_test(test_advisory_basis),
		cmocka_unit_test(test_bad_text),
		cmocka_unit_test(test_regulation_keys),
		cmocka_unit_test(test_exact_decimals),
		cmocka_unit_test(test_number_bounds),
		cmocka_unit_test(test_formula_limits),
	};

	return cmocka_run_group_tests_name("formload", tests, NULL, NULL);
}
