/* bench-compute: how long loading a year and recomputing it take. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "store.h"

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct store	*st;
	struct app_year	*y;
	char		*cause = NULL;
	double		 t0, t1;
	int		 i, n = 2000;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-compute DB YEAR\n");
		return 64;
	}
	if (store_open(argv[1], 0, &st, &cause) != STORE_OK) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	t0 = now_ms();
	for (i = 0; i < 20; i++) {
		if (app_year_load(st, atoi(argv[2]), &y, &cause) != STORE_OK) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		app_year_free(y);
	}
	t1 = now_ms();
	printf("load a year (%s): %.2f ms\n", argv[1], (t1 - t0) / 20);
	app_year_load(st, atoi(argv[2]), &y, &cause);
	t0 = now_ms();
	for (i = 0; i < n; i++)
		app_year_compute(y);
	t1 = now_ms();
	printf("recompute totals, grades and ranks of %zu agencies: %.1f us\n",
	    y->nags, (t1 - t0) * 1e3 / n);
	app_year_free(y);
	store_close(st);
	return 0;
}
