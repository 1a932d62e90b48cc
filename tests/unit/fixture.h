/* Shared by the unit tests: load tests/fixtures/small.cfg. */
#ifndef CCHC_TEST_FIXTURE_H
#define CCHC_TEST_FIXTURE_H

#include <stdio.h>

#include "form.h"
#include "formload.h"
#include "util.h"

/* The test runner starts every test in the top folder of the tree. */
static inline struct form *
fixture_small(void)
{
	struct errlist	 e;
	struct form	*f;
	size_t		 i;

	errlist_init(&e);
	f = formload_form("tests/fixtures/small.cfg", &e);
	for (i = 0; i < e.n; i++)
		fprintf(stderr, "%s\n", e.items[i].msg);
	errlist_clear(&e);
	return f;
}

/* A cmocka group's setup and teardown: the small form as the state. */
static inline int
fixture_setup(void **state)
{
	*state = fixture_small();
	return *state == NULL ? -1 : 0;
}

static inline int
fixture_teardown(void **state)
{
	form_free(*state);
	return 0;
}

#endif
