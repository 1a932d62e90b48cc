/*
 * fuzz-import: the scores CSV import path, as `cchc import` runs it:
 * the file read line by line (limits, NUL bytes, UTF-8), split by
 * libcsv, the header's columns, and each row made into a change and put
 * through app_edit (numbers, statuses, inputs, evidence, texts, the
 * rules of each item, the workflow's locks) inside one transaction.
 *
 * The harness includes src/cmd-import.c to call its reader on a memory
 * stream, against a real database in a private folder: year 2024 of the
 * shipped forms and agency list, filled with the demo scores, a few
 * agencies submitted or appraised, a deduction and a province result.
 * Every input is rolled back, so each one meets the same year.
 *
 * Properties checked besides the sanitizers: the transaction begins and
 * rolls back cleanly, and after the roll-back every agency's totals
 * (both sides, every area) and ranks in memory are what they were: an
 * import that is not committed leaves no trace, on disk or in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/cmd-import.c"

#include "formload.h"

#include "fuzz.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

static struct store	*st;
static struct app_year	*y;
static char		*dir;

/* The totals and ranks of every agency, to compare after a roll-back. */
struct snap {
	int64_t	 v[2][5];
	size_t	 c[2][3];
	int64_t	*area[2][3];
	size_t	 rank[2];
};
static struct snap	*snaps;

static void
snap_take(struct snap *s, const struct app_agency *a)
{
	const struct score_totals	*t;
	int				 side, k;

	for (side = 0; side < 2; side++) {
		t = side == 0 ? &a->self : &a->appraised;
		s->v[side][0] = t->max;
		s->v[side][1] = t->points;
		s->v[side][2] = t->deduction;
		s->v[side][3] = t->total;
		s->v[side][4] = t->rate;
		s->c[side][0] = t->nitems;
		s->c[side][1] = t->unscored;
		s->c[side][2] = t->no_evidence;
		for (k = 0; k < 3; k++) {
			const int64_t	*src = k == 0 ? t->area_max :
			    k == 1 ? t->area_points : t->area_rate;

			s->area[side][k] = xcalloc(t->nareas + 1,
			    sizeof *s->area[side][k]);
			if (t->nareas > 0)
				memcpy(s->area[side][k], src, t->nareas *
				    sizeof *src);
		}
	}
	s->rank[0] = a->rank_self;
	s->rank[1] = a->rank_appraised;
}

static int
snap_same(const struct snap *s, const struct app_agency *a)
{
	struct snap	n;
	int		side, k, same;

	snap_take(&n, a);
	same = memcmp(n.v, s->v, sizeof n.v) == 0 &&
	    memcmp(n.c, s->c, sizeof n.c) == 0 &&
	    memcmp(n.rank, s->rank, sizeof n.rank) == 0;
	for (side = 0; side < 2; side++) {
		const struct score_totals *t = side == 0 ? &a->self :
		    &a->appraised;

		for (k = 0; k < 3; k++) {
			if (t->nareas > 0 && memcmp(n.area[side][k],
			    s->area[side][k], t->nareas * sizeof (int64_t)) != 0)
				same = 0;
			free(n.area[side][k]);
		}
	}
	return same;
}

static void
cleanup(void)
{
	const char *const	 suffix[] = { "", "-wal", "-shm", "-journal" };
	char			*p;
	size_t			 i;
	int			 side, k;

	for (i = 0; snaps != NULL && i < y->nags; i++)
		for (side = 0; side < 2; side++)
			for (k = 0; k < 3; k++)
				free(snaps[i].area[side][k]);
	free(snaps);
	app_year_free(y);
	app_close(st);
	for (i = 0; dir != NULL && i < UTIL_ARRAY_LEN(suffix); i++) {
		p = xasprintf("%s/f.db%s", dir, suffix[i]);
		unlink(p);
		free(p);
	}
	if (dir != NULL)
		rmdir(dir);
	free(dir);
}

/* Import the n bytes at data as `cchc import` does; commit or roll back.
 * The exit code import_read gave. */
static int
import_bytes(const uint8_t *data, size_t n, int commit)
{
	struct import	 im;
	struct errlist	 errs;
	FILE		*fp;
	char		*cause = NULL;
	int		 code;

	if ((fp = fmemopen((void *)(uintptr_t)data, n, "r")) == NULL)
		return EXIT_OK;		/* glibc refuses a size of 0 */
	memset(&im, 0, sizeof im);
	errlist_init(&errs);
	im.file = "fuzz.csv";
	im.st = st;
	im.y = y;
	sha256_init(&im.sha);
	im.errs = &errs;
	im.sn.nags = y->nags;
	im.sn.line = xcalloc(y->nags + 1, sizeof *im.sn.line);
	if (app_batch_begin(st, y, &cause) != APP_OK)
		fuzz_fail(__FILE__, __LINE__, cause);
	code = import_read(&im, fp);
	if (commit && (code != EXIT_OK || im.fatal != APP_OK || errs.n > 0))
		fuzz_fail(__FILE__, __LINE__, "the demo scores do not import");
	if (im.fatal != APP_OK && im.fatal != APP_BADINPUT)
		fuzz_fail(__FILE__, __LINE__, im.fcause);
	if (app_batch_end(st, y, commit, &cause) != APP_OK)
		fuzz_fail(__FILE__, __LINE__, cause);
	fclose(fp);
	errlist_clear(&errs);
	import_free(&im);
	return code;
}

/* The demo year, once. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct errlist		 errs;
	struct score_province	 prov;
	const char		*tmp = getenv("TMPDIR");
	char			*path, *cause = NULL, *csv;
	size_t			 i;

	(void)argc;
	(void)argv;
	dir = xasprintf("%s/cchc-fuzz-import.XXXXXX", tmp != NULL &&
	    *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		fuzz_fail(__FILE__, __LINE__, "mkdtemp");
	atexit(cleanup);
	path = xasprintf("%s/f.db", dir);
	errlist_init(&errs);
	if (app_open(path, APP_OPEN_CREATE, "fuzz", &st, &cause) != APP_OK ||
	    app_init_year(st, 2024, FUZZ_SRCDIR "/forms",
	    FUZZ_SRCDIR "/data/tayninh.cfg", 0, &errs, &cause) != APP_OK ||
	    app_year_load(st, 2024, &y, &cause) != APP_OK)
		fuzz_fail(__FILE__, __LINE__, cause != NULL ? cause :
		    "init 2024");
	free(path);
	if ((csv = formload_read(FUZZ_SRCDIR "/data/demo/scores.csv",
	    &cause)) == NULL)
		fuzz_fail(__FILE__, __LINE__, cause);
	import_bytes((const uint8_t *)csv, strlen(csv), 1);
	free(csv);
	/* Some agencies whose entries are frozen, and the deductions. */
	memset(&prov, 0, sizeof prov);
	prov.area = 3;
	prov.has_index = 1;
	prov.index = 7650;
	prov.rank = 30;
	prov.prev_rank = 24;
	if (app_set_state(st, y, "SNV", APP_SUBMIT, NULL, &cause) != APP_OK ||
	    app_set_state(st, y, "STP", APP_SUBMIT, NULL, &cause) != APP_OK ||
	    app_set_state(st, y, "STP", APP_APPRAISE, NULL, &cause) !=
	    APP_OK || app_deduction_add(st, y, app_find_agency(y, "SNGV"), 50,
	    "Chậm gửi báo cáo", NULL, &cause) != APP_OK ||
	    app_province_put(st, y, &prov, &cause) != APP_OK)
		fuzz_fail(__FILE__, __LINE__, cause);
	snaps = xcalloc(y->nags, sizeof *snaps);
	for (i = 0; i < y->nags; i++)
		snap_take(&snaps[i], &y->ags[i]);
	errlist_clear(&errs);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	i;

	import_bytes(data, size, 0);
	for (i = 0; i < y->nags; i++) {
		if (!snap_same(&snaps[i], &y->ags[i])) {
			fprintf(stderr, "agency %s changed\n",
			    y->ags[i].ag->code);
			fuzz_fail(__FILE__, __LINE__,
			    "memory as it was after a roll-back");
		}
	}
	return 0;
}
