/*
 * Unit tests: the store when SQLite fails.  Linked with
 * -Wl,--wrap=... (see the Makefile), so the store's calls of the wrapped
 * SQLite functions come here first: a test arms a failure for the
 * statements whose SQL contains a given text, the rest go to SQLite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "form.h"
#include "score.h"
#include "store.h"
#include "util.h"

int	__real_sqlite3_step(sqlite3_stmt *);
int	__wrap_sqlite3_step(sqlite3_stmt *);
const unsigned char *__real_sqlite3_column_text(sqlite3_stmt *, int);
const unsigned char *__wrap_sqlite3_column_text(sqlite3_stmt *, int);
int	__real_sqlite3_bind_text(sqlite3_stmt *, int, const char *, int,
	    void (*)(void *));
int	__wrap_sqlite3_bind_text(sqlite3_stmt *, int, const char *, int,
	    void (*)(void *));
int	__real_sqlite3_backup_step(sqlite3_backup *, int);
int	__wrap_sqlite3_backup_step(sqlite3_backup *, int);
int	__real_sqlite3_create_collation_v2(sqlite3 *, const char *, int,
	    void *, int (*)(void *, int, const void *, int, const void *),
	    void (*)(void *));
int	__wrap_sqlite3_create_collation_v2(sqlite3 *, const char *, int,
	    void *, int (*)(void *, int, const void *, int, const void *),
	    void (*)(void *));

/* The armed failure: which call, of which statements, after how many. */
static struct {
	const char	*step_sql;	/* sqlite3_step returns step_rc */
	int		 step_rc;
	int		 step_after;	/* steps let through first */
	const char	*text_sql;	/* sqlite3_column_text gives NULL */
	const char	*bind_sql;	/* sqlite3_bind_text gives NOMEM */
	int		 bind_owned;	/* only for text SQLite is to free */
	int		 collation;	/* create_collation_v2 gives NOMEM */
	int		 backup_busy;	/* sqlite3_backup_step gives BUSY */
	int		 hits;
} fail;

static int
matches(sqlite3_stmt *stmt, const char *what)
{
	const char	*sql = sqlite3_sql(stmt);

	return what != NULL && sql != NULL && strstr(sql, what) != NULL;
}

int
__wrap_sqlite3_step(sqlite3_stmt *stmt)
{
	if (matches(stmt, fail.step_sql)) {
		if (fail.step_after > 0)
			fail.step_after--;
		else {
			fail.hits++;
			return fail.step_rc;
		}
	}
	return __real_sqlite3_step(stmt);
}

const unsigned char *
__wrap_sqlite3_column_text(sqlite3_stmt *stmt, int i)
{
	if (matches(stmt, fail.text_sql)) {
		fail.hits++;
		return NULL;
	}
	return __real_sqlite3_column_text(stmt, i);
}

int
__wrap_sqlite3_bind_text(sqlite3_stmt *stmt, int i, const char *s, int n,
    void (*del)(void *))
{
	if (matches(stmt, fail.bind_sql) && (!fail.bind_owned ||
	    (del != SQLITE_STATIC && del != SQLITE_TRANSIENT))) {
		fail.hits++;
		/* As SQLite does: the destructor runs even on failure. */
		if (del != SQLITE_STATIC && del != SQLITE_TRANSIENT)
			del((void *)s);
		return SQLITE_NOMEM;
	}
	return __real_sqlite3_bind_text(stmt, i, s, n, del);
}

int
__wrap_sqlite3_create_collation_v2(sqlite3 *db, const char *name, int enc,
    void *arg, int (*cmp)(void *, int, const void *, int, const void *),
    void (*del)(void *))
{
	if (fail.collation) {
		fail.hits++;
		return SQLITE_NOMEM;
	}
	return __real_sqlite3_create_collation_v2(db, name, enc, arg, cmp,
	    del);
}

int
__wrap_sqlite3_backup_step(sqlite3_backup *bk, int pages)
{
	if (fail.backup_busy) {
		fail.hits++;
		return SQLITE_BUSY;
	}
	return __real_sqlite3_backup_step(bk, pages);
}

static char	 dbpath[256];
/* Writable copies for the structs' char * fields. */
static char	 code_a[] = "A", name_a[] = "Sở A", block_so[] = "so",
		 reason[] = "lý do", item[] = "1.1", note[] = "ghi chú";

static void
disarm(void)
{
	memset(&fail, 0, sizeof fail);
	fail.step_rc = SQLITE_IOERR_READ;
}

static void
remove_db(void)
{
	char	p[300];

	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

/* A database with year 2024, agency A, two deductions, two areas. */
static int
setup(void **state)
{
	struct store		*st;
	struct form_agency		 ag = { .code = code_a, .name = name_a,
	    .block = block_so };
	struct entry_deduction	 d = { .agency = code_a, .points = 25,
	    .reason = reason };
	struct score_province	 p = { .area = 1, .has_index = 1,
	    .index = 7000, .rank = 3 };
	const char		*tmp = getenv("TEST_TMP");
	char			*cause = NULL;
	long			 id;

	disarm();
	snprintf(dbpath, sizeof dbpath, "%s/test-store-%ld.db",
	    tmp != NULL ? tmp : "/tmp", (long)getpid());
	remove_db();
	assert_int_equal(store_open(dbpath, 1, &st, &cause), STORE_OK);
	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_year_add(st, 2024, "x.cfg", "text", &cause),
	    STORE_OK);
	assert_int_equal(store_agency_add(st, 2024, &ag, &cause), STORE_OK);
	assert_int_equal(store_deduction_add(st, 2024, &d, &id, &cause),
	    STORE_OK);
	assert_int_equal(store_deduction_add(st, 2024, &d, &id, &cause),
	    STORE_OK);
	assert_int_equal(store_province_put(st, 2024, &p, &cause), STORE_OK);
	p.area = 2;
	assert_int_equal(store_province_put(st, 2024, &p, &cause), STORE_OK);
	assert_int_equal(store_commit(st, &cause), STORE_OK);
	*state = st;
	return 0;
}

static int
teardown(void **state)
{
	store_close(*state);
	remove_db();
	disarm();
	return 0;
}

static long long
audit_rows(struct store *st)
{
	long long	 id = -1;
	char		*cause = NULL;

	assert_int_equal(store_audit_last(st, &id, &cause), STORE_OK);
	return id;
}

/* verify finds nothing wrong. */
static void
assert_verifies(struct store *st)
{
	struct errlist	 problems;
	long long	 rows;
	char		 tail[65], *cause = NULL;
	size_t		 i;

	errlist_init(&problems);
	assert_int_equal(store_verify(st, &problems, &rows, tail, NULL, NULL,
	    &cause),
	    STORE_OK);
	for (i = 0; i < problems.n; i++)
		print_error("%s\n", problems.items[i].msg);
	assert_int_equal(problems.n, 0);
	errlist_clear(&problems);
}

/* A failed read of the chain's last row fails the write; it used to
 * start a second chain at the genesis hash (and hit audit row 1). */
static void
test_audit_last_read_fails(void **state)
{
	struct store		*st = *state;
	struct score_province	 p = { .area = 3, .rank = 5 };
	long long		 before = audit_rows(st);
	char			*cause = NULL;

	fail.step_sql = "SELECT id, hash FROM audit ORDER BY id DESC";
	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_province_put(st, 2024, &p, &cause),
	    STORE_IOERR);
	store_rollback(st);
	assert_int_equal(fail.hits, 1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "audit log: reading the last row"));
	free(cause);
	disarm();
	assert_int_equal(audit_rows(st), before);
	assert_verifies(st);
}

/* A failed "does the year exist" read is an error, not "it does not". */
static void
test_year_exists_read_fails(void **state)
{
	struct store		*st = *state;
	struct store_year	 y;
	char			*cause = NULL;

	fail.step_sql = "SELECT 1 FROM year";
	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_year_add(st, 2025, "x.cfg", "t", &cause),
	    STORE_IOERR);
	store_rollback(st);
	assert_int_equal(fail.hits, 1);
	free(cause);
	cause = NULL;
	disarm();
	assert_int_equal(store_year_get(st, 2025, &y, &cause),
	    STORE_NOTFOUND);
	free(cause);
}

/* A failed read of the audit log in verify is an error, not "added
 * outside cchc". */
static void
test_verify_read_fails(void **state)
{
	struct store	*st = *state;
	struct errlist	 problems;
	long long	 rows;
	char		 tail[65], *cause = NULL;

	fail.step_sql = "SELECT id, new FROM audit WHERE key";
	fail.step_after = 2;
	errlist_init(&problems);
	assert_int_equal(store_verify(st, &problems, &rows, tail, NULL, NULL,
	    &cause),
	    STORE_IOERR);
	assert_int_equal(fail.hits, 1);
	assert_int_equal(problems.n, 0);
	assert_non_null(strstr(cause, "audit log"));
	free(cause);
	errlist_clear(&problems);
	disarm();
	assert_verifies(st);
}

/* The same for the file's own check and the chain. */
static void
test_verify_other_reads_fail(void **state)
{
	struct store	*st = *state;
	struct errlist	 problems;
	long long	 rows;
	char		 tail[65], *cause = NULL;
	const char	*sql[] = { "integrity_check",
	    "hash, os FROM audit ORDER BY id",
	    "SELECT DISTINCT", "FROM deduction WHERE year = ?1 AND id" };
	size_t		 i;

	for (i = 0; i < UTIL_ARRAY_LEN(sql); i++) {
		disarm();
		fail.step_sql = sql[i];
		errlist_init(&problems);
		assert_int_equal(store_verify(st, &problems, &rows, tail, NULL, NULL,
		    &cause), STORE_IOERR);
		assert_int_equal(fail.hits, 1);
		assert_int_equal(problems.n, 0);
		free(cause);
		cause = NULL;
		errlist_clear(&problems);
	}
}

/* A collation that cannot be registered fails the open; it used to
 * leave every agency list empty. */
static void
test_collation_fails(void **state)
{
	struct store	*st2 = NULL;
	char		*cause = NULL;

	(void)state;
	fail.collation = 1;
	assert_int_equal(store_open(dbpath, 0, &st2, &cause), STORE_ERR);
	assert_null(st2);
	assert_non_null(strstr(cause, "collation"));
	free(cause);
	cause = NULL;
	disarm();
	assert_int_equal(store_open(dbpath, 0, &st2, &cause), STORE_OK);
	store_close(st2);
}

/* A loader that fails after a row frees what it read: *out NULL, *n 0
 * (LeakSanitizer and valgrind see the rest). */
static void
test_loaders_fail_clean(void **state)
{
	struct store		*st = *state;
	struct entry_deduction	*d = (void *)1;
	struct score_province	*p = (void *)1;
	struct store_form	*f = (void *)1;
	struct entry_record	*e = (void *)1;
	char			**codes = (void *)1, *cause = NULL;
	int			*years = (void *)1;
	size_t			 n = 9;

	fail.step_sql = "FROM deduction WHERE year = ?1 AND (?2";
	fail.step_after = 1;
	assert_int_equal(store_deductions(st, 2024, NULL, &d, &n, &cause),
	    STORE_IOERR);
	assert_null(d);
	assert_int_equal(n, 0);
	free(cause);

	disarm();
	fail.step_sql = "FROM province WHERE year = ?";
	fail.step_after = 1;
	n = 9;
	assert_int_equal(store_province(st, 2024, &p, &n, &cause),
	    STORE_IOERR);
	assert_null(p);
	assert_int_equal(n, 0);
	free(cause);

	disarm();
	fail.step_sql = "SELECT year FROM year ORDER BY year";
	fail.step_after = 1;
	assert_int_equal(store_years(st, &years, &n, &cause), STORE_IOERR);
	assert_null(years);
	free(cause);

	disarm();
	fail.step_sql = "SELECT code FROM agency";
	fail.step_after = 1;
	assert_int_equal(store_agencies_by_name(st, 2024, "so", &codes, &n,
	    &cause), STORE_IOERR);
	assert_null(codes);
	free(cause);

	disarm();
	fail.step_sql = "FROM form WHERE year";
	assert_int_equal(store_forms(st, 2024, &f, &n, &cause), STORE_IOERR);
	assert_null(f);
	free(cause);

	disarm();
	fail.step_sql = "FROM entry WHERE year";
	assert_int_equal(store_entries(st, 2024, NULL, NULL, &e, &n, &cause),
	    STORE_IOERR);
	assert_null(e);
	assert_int_equal(n, 0);
	free(cause);
}

/* Text SQLite could not give (out of memory) is an error, not NULL. */
static void
test_column_text_fails(void **state)
{
	struct store		*st = *state;
	struct entry_deduction	*d;
	char			*state_s = NULL, *cause = NULL;
	size_t			 n;

	fail.text_sql = "FROM deduction WHERE year = ?1 AND (?2";
	assert_int_equal(store_deductions(st, 2024, NULL, &d, &n, &cause),
	    STORE_ERR);
	assert_null(d);
	assert_non_null(strstr(cause, "out of memory"));
	free(cause);
	cause = NULL;
	disarm();
	fail.text_sql = "SELECT state FROM agency";
	assert_int_equal(store_agency_state(st, 2024, "A", &state_s, &cause),
	    STORE_ERR);
	assert_null(state_s);
	free(cause);
}

/* A value that cannot be bound fails the call and binds nothing. */
static void
test_bind_fails(void **state)
{
	struct store		*st = *state;
	struct entry_record	 e = { .agency = code_a, .item = item,
	    .note = note };
	struct entry_deduction	 d = { .agency = code_a, .points = 100,
	    .reason = note, .evidence = note };
	long			 id = 0;
	char			*s = NULL, *cause = NULL;
	long long		 before = audit_rows(st);

	fail.bind_sql = "SELECT state FROM agency";
	assert_int_equal(store_agency_state(st, 2024, "A", &s, &cause),
	    STORE_ERR);
	assert_null(s);
	assert_non_null(strstr(cause, "binding"));
	free(cause);
	cause = NULL;
	/* An entry's texts are put in NFC before they are bound. */
	disarm();
	fail.bind_sql = "INTO entry (year";
	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_entry_put(st, 2024, &e, &cause), STORE_ERR);
	store_rollback(st);
	assert_int_equal(fail.hits, 1);
	free(cause);
	cause = NULL;
	/* A deduction's reason is bound as a fresh NFC copy that SQLite
	 * must free. */
	disarm();
	fail.bind_sql = "INSERT INTO deduction";
	fail.bind_owned = 1;
	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_deduction_add(st, 2024, &d, &id, &cause),
	    STORE_ERR);
	store_rollback(st);
	assert_int_equal(fail.hits, 1);
	free(cause);
	disarm();
	assert_int_equal(audit_rows(st), before);
}

/* The writes that did go through are all in the chain. */
static void
test_writes_audited(void **state)
{
	struct store		*st = *state;
	struct entry_record	 e = { .agency = code_a, .item = item,
	    .self = { STATUS_SCORED, 50 } };
	char			*cause = NULL;
	long long		 before = audit_rows(st);

	assert_int_equal(store_begin(st, &cause), STORE_OK);
	assert_int_equal(store_entry_put(st, 2024, &e, &cause), STORE_OK);
	assert_int_equal(store_deduction_remove(st, 2024, 1, &cause),
	    STORE_OK);
	assert_int_equal(store_deduction_remove(st, 2024, 1, &cause),
	    STORE_NOTFOUND);
	free(cause);
	cause = NULL;
	assert_int_equal(store_commit(st, &cause), STORE_OK);
	assert_int_equal(audit_rows(st), before + 2);
	assert_verifies(st);
}

/* A backup that never makes progress gives up (it used to loop for
 * ever) and leaves neither the copy nor its journal. */
static void
test_backup_gives_up(void **state)
{
	struct store	*st = *state;
	char		 copy[300], journal[310];
	char		*cause = NULL;

	snprintf(copy, sizeof copy, "%s.copy", dbpath);
	snprintf(journal, sizeof journal, "%s-journal", copy);
	unlink(copy);
	setenv("CCHC_BUSY_TIMEOUT", "100", 1);
	fail.backup_busy = 1;
	assert_int_equal(store_backup(st, copy, &cause), STORE_BUSY);
	assert_non_null(cause);
	free(cause);
	assert_true(fail.hits > 1 && fail.hits < 1000);
	assert_int_equal(access(copy, F_OK), -1);
	assert_int_equal(access(journal, F_OK), -1);
	unsetenv("CCHC_BUSY_TIMEOUT");
	disarm();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_audit_last_read_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_exists_read_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_read_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_other_reads_fail,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_collation_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_loaders_fail_clean,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_text_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_bind_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_writes_audited,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_gives_up,
		    setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
