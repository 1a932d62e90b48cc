/*
 * bench-compute: how long loading a year and recomputing it take, and
 * one edit as the screens make it (the year loaded once): app_edit of
 * SYT 1.1.1's self score, alternating, each its own fsynced
 * transaction with its agency's totals and its block's ranks, timed one
 * by one (median and 99th percentile).  Run it on a copy: it writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
edits(struct store *st, struct app_year *y)
{
	enum { N = 200 };
	struct app_change	 ch;
	static double		 ms[N];
	char			*cause = NULL;
	double			 t0;
	int			 i;

	for (i = 0; i < N; i++) {
		memset(&ch, 0, sizeof ch);
		ch.agency = "SYT";
		ch.item = "1.1.1";
		ch.side[SIDE_SELF].set = APP_SET_POINTS;
		ch.side[SIDE_SELF].points = i % 2 == 0 ? 50 : 100;
		t0 = now_ms();
		if (app_edit(st, y, &ch, NULL, &cause) != APP_OK) {
			printf("one edit: refused: %s\n", cause);
			free(cause);
			return;
		}
		ms[i] = now_ms() - t0;
	}
	qsort(ms, N, sizeof ms[0], cmp_double);
	printf("one edit in a loaded year (app_edit, fsync, %d runs): "
	    "median %.2f ms, 99th percentile %.2f ms\n", N, ms[N / 2],
	    ms[N * 99 / 100]);
}

int
main(int argc, char **argv)
{
	struct store	*st;
	struct app_year	*y;
	char		*cause = NULL;
	double		 t0, t1;
	int		 i, n = 2000;

	/* "edits": the edit loop alone (for a profiler). */
	if (argc != 3 && !(argc == 4 && strcmp(argv[3], "edits") == 0)) {
		fprintf(stderr, "usage: bench-compute DB YEAR [edits]\n");
		return 64;
	}
	if (store_open(argv[1], 0, &st, &cause) != STORE_OK) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	if (argc == 4)
		n = 0;
	t0 = now_ms();
	for (i = 0; i < (n > 0 ? 20 : 0); i++) {
		if (app_year_load(st, atoi(argv[2]), &y, &cause) != STORE_OK) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		app_year_free(y);
	}
	t1 = now_ms();
	if (n > 0)
		printf("load a year (%s): %.2f ms\n", argv[1], (t1 - t0) / 20);
	if (app_year_load(st, atoi(argv[2]), &y, &cause) != STORE_OK) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	if (n > 0 && y->nags > 1000)
		n = 20;		/* a national year: 25 ms each */
	t0 = now_ms();
	for (i = 0; i < n; i++)
		app_year_compute(y);
	t1 = now_ms();
	if (n > 0)
		printf("recompute totals, grades and ranks of %zu agencies: "
		    "%.1f us\n", y->nags, (t1 - t0) * 1e3 / n);
	edits(st, y);
	app_year_free(y);
	store_close(st);
	return 0;
}
