/* store: SQLite schema, years, entries, deductions, audit chain, backup. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "form.h"
#include "text.h"
#include "util.h"

/* "cchc" in ASCII: marks the file as ours (PRAGMA application_id). */
#define STORE_APP_ID	0x63636863
#define STORE_GENESIS	"00000000000000000000000000000000" \
			"00000000000000000000000000000000"
/* statfs f_type of network file systems, where WAL cannot work. */
#define FS_NFS		0x6969
#define FS_SMB		0x517b
#define FS_CIFS		0xff534d42
#define FS_SMB2		0xfe534d42

struct store {
	sqlite3			*db;
	char			*path;
	char			*user;
	struct text_collator	*vi;
};

/* Schema steps: STORE_SCHEMA_VERSION = number of steps. */
static const char *const store_migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE year ("
	"  year INTEGER PRIMARY KEY,"
	"  state TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (state IN ('open', 'published')),"
	"  reason TEXT,"
	"  agencies_name TEXT NOT NULL,"
	"  agencies_text TEXT NOT NULL,"
	"  created TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE form ("
	"  year INTEGER NOT NULL REFERENCES year (year),"
	"  block TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (year, block)"
	") STRICT;"
	"CREATE TABLE agency ("
	"  year INTEGER NOT NULL REFERENCES year (year),"
	"  code TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  block TEXT NOT NULL,"
	"  ord INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN"
	"    ('draft', 'submitted', 'appraised', 'published')),"
	"  reason TEXT,"
	"  PRIMARY KEY (year, code)"
	") STRICT;"
	"CREATE TABLE entry ("
	"  year INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  item TEXT NOT NULL,"
	"  self_status TEXT NOT NULL DEFAULT '',"
	"  self_points INTEGER,"
	"  self_inputs TEXT,"
	"  appraised_status TEXT NOT NULL DEFAULT '',"
	"  appraised_points INTEGER,"
	"  appraised_inputs TEXT,"
	"  explanation TEXT,"
	"  note TEXT,"
	"  reason TEXT,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (year, agency, item),"
	"  FOREIGN KEY (year, agency) REFERENCES agency (year, code)"
	") STRICT;"
	"CREATE TABLE evidence ("
	"  year INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  item TEXT NOT NULL,"
	"  pos INTEGER NOT NULL,"
	"  number TEXT NOT NULL,"
	"  date TEXT,"
	"  title TEXT,"
	"  PRIMARY KEY (year, agency, item, pos),"
	"  FOREIGN KEY (year, agency, item)"
	"    REFERENCES entry (year, agency, item) ON DELETE CASCADE"
	") STRICT;"
	"CREATE TABLE deduction ("
	"  id INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  points INTEGER NOT NULL CHECK (points > 0),"
	"  reason TEXT NOT NULL,"
	"  evidence TEXT,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  FOREIGN KEY (year, agency) REFERENCES agency (year, code)"
	") STRICT;"
	"CREATE TABLE province ("
	"  year INTEGER NOT NULL REFERENCES year (year),"
	"  area INTEGER NOT NULL,"
	"  idx INTEGER,"
	"  rank INTEGER,"
	"  prev_rank INTEGER,"
	"  PRIMARY KEY (year, area)"
	") STRICT;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  old TEXT NOT NULL,"
	"  new TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX audit_key ON audit (key, id);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
};

/* Map an SQLite result to a store_rc, with a message. */
static int
store_fail(struct store *st, int rc, char **cause, const char *what)
{
	int	prim = rc & 0xff;

	if (cause != NULL && (prim == SQLITE_BUSY || prim == SQLITE_LOCKED))
		*cause = xasprintf(TR("%s: the database is busy: another "
		    "program is writing to it; nothing was changed, try "
		    "again"), what);
	else if (cause != NULL)
		*cause = xasprintf("%s: %s", what, st->db != NULL ?
		    sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return STORE_IOERR;
	case SQLITE_NOTADB:
		return STORE_NOTOURS;
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return STORE_CANTOPEN;
	default:
		return STORE_ERR;
	}
}

/* How long to wait for another writer: CCHC_BUSY_TIMEOUT ms, or 5 s. */
static int
store_busy_ms(void)
{
	const char	*e = getenv("CCHC_BUSY_TIMEOUT");
	char		*end;
	long		 v;

	if (e == NULL || *e == '\0')
		return 5000;
	v = strtol(e, &end, 10);
	if (*end != '\0' || v < 0 || v > 3600000)
		return 5000;
	return (int)v;
}

static int
store_exec(struct store *st, const char *sql, char **cause)
{
	int	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

static int
store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt,
    char **cause)
{
	int	rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

/* Bind text normalised to NFC (NULL binds NULL). */
static void
store_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	char	*n;

	if (s == NULL) {
		sqlite3_bind_null(stmt, i);
		return;
	}
	n = text_nfc(s);
	if (n == NULL)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(stmt, i, n, -1, free);
}

static char *
store_col_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char	*s = sqlite3_column_text(stmt, i);

	return s == NULL ? NULL : xstrdup((const char *)s);
}

/* Step a statement that returns no row; finalize it. */
static int
store_step_done(struct store *st, sqlite3_stmt *stmt, char **cause)
{
	int	rc = sqlite3_step(stmt);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, "database");
		sqlite3_finalize(stmt);
		return rc;
	}
	sqlite3_finalize(stmt);
	return STORE_OK;
}

static void
store_now(char *buf, size_t n)
{
	time_t		t = time(NULL);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
store_hex(const uint8_t *d, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[i * 2] = hex[d[i] >> 4];
		out[i * 2 + 1] = hex[d[i] & 15];
	}
	out[n * 2] = '\0';
}

/* SHA-256 of the previous hash and the row's fields, as hex. */
static void
store_audit_hash(const char *prev, long long id, const char *at,
    const char *who, const char *key, const char *old, const char *new,
    char out[65])
{
	struct sha256_ctx	 ctx;
	uint8_t			 d[SHA256_DIGEST_SIZE];
	const char		*parts[6] = { prev, at, who, key, old, new };
	char			 idbuf[32];
	size_t			 i;

	sha256_init(&ctx);
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	sha256_update(&ctx, strlen(idbuf) + 1, (const uint8_t *)idbuf);
	/* Each part with its NUL, so that no two rows hash alike. */
	for (i = 0; i < 6; i++)
		sha256_update(&ctx, strlen(parts[i]) + 1,
		    (const uint8_t *)parts[i]);
	sha256_digest(&ctx, sizeof d, d);
	store_hex(d, sizeof d, out);
}

/* Append an audit row (inside the caller's transaction). */
static int
store_audit(struct store *st, const char *key, const char *old,
    const char *new, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 prev[65] = STORE_GENESIS, hash[65], at[32];
	long long	 id = 1;
	int		 rc;

	if ((rc = store_prepare(st, "SELECT id, hash FROM audit ORDER BY id "
	    "DESC LIMIT 1", &stmt, cause)) != STORE_OK)
		return rc;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0) + 1;
		snprintf(prev, sizeof prev, "%s",
		    (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	store_now(at, sizeof at);
	store_audit_hash(prev, id, at, st->user, key, old, new, hash);
	if ((rc = store_prepare(st, "INSERT INTO audit (id, at, who, key, old, "
	    "new, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &stmt,
	    cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, old, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, new, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, hash, -1, SQLITE_STATIC);
	return store_step_done(st, stmt, cause);
}

/*
 * The canonical text of a row, used as the audit's old and new values and
 * by verify to compare the data with the log.  One query per kind of key;
 * every row becomes "column=value" lines (NULL written as \N).
 */
static const struct {
	const char	*prefix;
	const char	*sql;		/* bound with the key's parts */
	int		 nparts;
	int		 text_parts;	/* parts after the year that are text */
} store_kinds[] = {
	{ "year", "SELECT state, reason, agencies_name, agencies_text, "
	    "created FROM year WHERE year = ?1", 1, 0 },
	{ "form", "SELECT name, text FROM form WHERE year = ?1 AND "
	    "block = ?2", 2, 1 },
	{ "agency", "SELECT name, block, ord, state, reason FROM agency "
	    "WHERE year = ?1 AND code = ?2", 2, 1 },
	{ "entry", "SELECT self_status, self_points, self_inputs, "
	    "appraised_status, appraised_points, appraised_inputs, "
	    "explanation, note, reason, "
	    "(SELECT group_concat(pos || '|' || number || '|' || "
	    "ifnull(date, '') || '|' || ifnull(title, ''), char(10)) FROM "
	    "(SELECT * FROM evidence v WHERE v.year = e.year AND "
	    "v.agency = e.agency AND v.item = e.item ORDER BY pos)) AS "
	    "evidence, "
	    "who, at "
	    "FROM entry e WHERE year = ?1 AND agency = ?2 AND item = ?3",
	    3, 2 },
	{ "deduction", "SELECT agency, points, reason, evidence, who, at "
	    "FROM deduction WHERE year = ?1 AND id = ?2", 2, 0 },
	{ "province", "SELECT idx, rank, prev_rank FROM province WHERE "
	    "year = ?1 AND "
	    "area = ?2", 2, 0 },
};

/* Split "kind/a/b/c" into kind index and parts (max 3). */
static int
store_key_split(char *buf, char **parts, int *nparts)
{
	char	*p, *s;
	size_t	 k;
	int	 n = 0;

	if ((p = strchr(buf, '/')) == NULL)
		return -1;
	*p++ = '\0';
	for (k = 0; k < UTIL_ARRAY_LEN(store_kinds); k++) {
		if (strcmp(store_kinds[k].prefix, buf) == 0)
			break;
	}
	if (k == UTIL_ARRAY_LEN(store_kinds))
		return -1;
	while (p != NULL && n < 3) {
		s = strchr(p, '/');
		if (s != NULL && n < store_kinds[k].nparts - 1)
			*s++ = '\0';
		else
			s = NULL;
		parts[n++] = p;
		p = s;
	}
	*nparts = n;
	return n == store_kinds[k].nparts ? (int)k : -1;
}

/* The canonical text of the row a key names; "" when there is none. */
static int
store_row_text(struct store *st, const char *key, char **out, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*buf = xstrdup(key), *parts[3];
	int		 k, n, i, rc;
	struct strbuf	 b;

	*out = NULL;
	if ((k = store_key_split(buf, parts, &n)) < 0) {
		*cause = xasprintf("bad audit key \"%s\"", key);
		free(buf);
		return STORE_ERR;
	}
	if ((rc = store_prepare(st, store_kinds[k].sql, &stmt, cause)) !=
	    STORE_OK) {
		free(buf);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (i == 0 || i > store_kinds[k].text_parts)
			sqlite3_bind_int64(stmt, i + 1, atoll(parts[i]));
		else
			sqlite3_bind_text(stmt, i + 1, parts[i], -1,
			    SQLITE_TRANSIENT);
	}
	free(buf);
	strbuf_init(&b);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(stmt); i++) {
			const char *v = (const char *)sqlite3_column_text(stmt,
			    i);

			strbuf_printf(&b, "%s=%s\n",
			    sqlite3_column_name(stmt, i) != NULL ?
			    sqlite3_column_name(stmt, i) : "?",
			    v != NULL ? v : "\\N");
		}
	} else if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, cause, "database");
		sqlite3_finalize(stmt);
		strbuf_clear(&b);
		return rc;
	}
	sqlite3_finalize(stmt);
	*out = strbuf_steal(&b);
	return STORE_OK;
}

/* Run a write and audit it: old text, the write, new text, audit row. */
static int
store_audited(struct store *st, const char *key, sqlite3_stmt *stmt,
    char **cause)
{
	char	*old = NULL, *new = NULL;
	int	 rc;

	if ((rc = store_row_text(st, key, &old, cause)) != STORE_OK) {
		sqlite3_finalize(stmt);
		return rc;
	}
	if (stmt != NULL && (rc = store_step_done(st, stmt, cause)) !=
	    STORE_OK) {
		free(old);
		return rc;
	}
	if ((rc = store_row_text(st, key, &new, cause)) == STORE_OK &&
	    strcmp(old, new) != 0)
		rc = store_audit(st, key, old, new, cause);
	free(old);
	free(new);
	return rc;
}

/* STORE_LOCKED when the year is published, NOTFOUND when absent. */
static int
store_year_writable(struct store *st, int year, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_prepare(st, "SELECT state FROM year WHERE year = ?",
	    &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			return store_fail(st, rc, cause, "database");
		*cause = xasprintf(TR("year %d does not exist (start it with "
		    "cchc init %d)"), year, year);
		return STORE_NOTFOUND;
	}
	rc = strcmp((const char *)sqlite3_column_text(stmt, 0), "published")
	    == 0 ? STORE_LOCKED : STORE_OK;
	sqlite3_finalize(stmt);
	if (rc == STORE_LOCKED)
		*cause = xasprintf(TR("year %d is published and locked; reopen "
		    "it with: cchc state %d reopen --reason TEXT"), year, year);
	return rc;
}

static int
store_collate_cb(void *arg, int na, const void *a, int nb, const void *b)
{
	char	*sa = xstrndup(a, (size_t)na), *sb = xstrndup(b, (size_t)nb);
	int	 r = text_collate(arg, sa, sb);

	free(sa);
	free(sb);
	return r;
}

/* WAL needs shared memory that network file systems do not give. */
static int
store_on_network(const char *path)
{
	struct statfs	 fs;
	char		*dir, *slash;
	int		 net = 0;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (statfs(dir, &fs) == 0)
		net = fs.f_type == FS_NFS || fs.f_type == FS_SMB ||
		    (unsigned long)fs.f_type == FS_CIFS ||
		    (unsigned long)fs.f_type == FS_SMB2;
	free(dir);
	return net;
}

static int
store_migrate(struct store *st, int create, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 version = 0, app = 0, rc, tables = 0;
	char		*sql;

	if ((rc = store_prepare(st, "SELECT (SELECT application_id FROM "
	    "pragma_application_id), (SELECT user_version FROM "
	    "pragma_user_version), (SELECT count(*) FROM sqlite_schema)",
	    &stmt, cause)) != STORE_OK)
		return rc == STORE_ERR ? STORE_NOTOURS : rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		app = sqlite3_column_int(stmt, 0);
		version = sqlite3_column_int(stmt, 1);
		tables = sqlite3_column_int(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, cause, st->path);
	if (app == 0 && tables == 0) {
		if (!create) {
			*cause = xasprintf("%s: no cchc data in this file "
			    "(start a year with cchc init YEAR)", st->path);
			return STORE_NOTFOUND;
		}
	} else if (app != STORE_APP_ID) {
		*cause = xasprintf("%s: not a cchc database", st->path);
		return STORE_NOTOURS;
	}
	if (version > (int)UTIL_ARRAY_LEN(store_migrations)) {
		*cause = xasprintf("%s: made by a newer cchc (schema %d; this "
		    "one knows %d)", st->path, version,
		    (int)UTIL_ARRAY_LEN(store_migrations));
		return STORE_NOTOURS;
	}
	for (; version < (int)UTIL_ARRAY_LEN(store_migrations); version++) {
		if ((rc = store_exec(st, "BEGIN IMMEDIATE", cause)) !=
		    STORE_OK)
			return rc;
		sql = xasprintf("%s; PRAGMA application_id = %d; "
		    "PRAGMA user_version = %d;", store_migrations[version],
		    STORE_APP_ID, version + 1);
		rc = store_exec(st, sql, cause);
		free(sql);
		if (rc == STORE_OK)
			rc = store_exec(st, "COMMIT", cause);
		if (rc != STORE_OK) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
	}
	return STORE_OK;
}

int
store_open(const char *path, int create, struct store **out, char **cause)
{
	struct store	*st;
	int		 rc, flags = SQLITE_OPEN_READWRITE, fd;
	const char	*mode;
	char		*sql;

	*out = NULL;
	*cause = NULL;
	if (access(path, F_OK) != 0) {
		if (!create) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			return STORE_CANTOPEN;
		}
		/* Create it 0600 ourselves: SQLite would honour the umask. */
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			return STORE_CANTOPEN;
		}
		close(fd);
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->user = xstrdup("cchc");
	rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, cause, path);
		store_close(st);
		return rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_busy_timeout(st->db, store_busy_ms());
	st->vi = text_collator_new("vi");
	if (st->vi != NULL)
		sqlite3_create_collation_v2(st->db, "vi", SQLITE_UTF8, st->vi,
		    store_collate_cb, NULL);
	/* WAL on a local disk; on a network share, DELETE + EXTRA. */
	if (getenv("CCHC_JOURNAL") != NULL)
		mode = strcmp(getenv("CCHC_JOURNAL"), "delete") == 0 ?
		    "DELETE" : "WAL";
	else
		mode = store_on_network(path) ? "DELETE" : "WAL";
	sql = xasprintf("PRAGMA foreign_keys = ON; PRAGMA journal_mode = %s; "
	    "PRAGMA synchronous = %s;", mode,
	    strcmp(mode, "WAL") == 0 ? "FULL" : "EXTRA");
	rc = store_exec(st, sql, cause);
	free(sql);
	if (rc == STORE_OK)
		rc = store_migrate(st, create, cause);
	if (rc != STORE_OK) {
		if (rc == STORE_ERR && strstr(*cause, "not a database")) {
			free(*cause);
			*cause = xasprintf("%s: not a cchc database", path);
			rc = STORE_NOTOURS;
		}
		store_close(st);
		return rc;
	}
	*out = st;
	return STORE_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);
	text_collator_free(st->vi);
	free(st->path);
	free(st->user);
	free(st);
}

void
store_set_user(struct store *st, const char *who)
{
	free(st->user);
	st->user = text_nfc(who);
	if (st->user == NULL)
		st->user = xstrdup("?");
}

void
store_set_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

int
store_begin(struct store *st, char **cause)
{
	return store_exec(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	int	rc = store_exec(st, "COMMIT", cause);

	if (rc != STORE_OK)
		store_rollback(st);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void
store_year_clear(struct store_year *y)
{
	free(y->state);
	free(y->reason);
	free(y->agencies_name);
	free(y->agencies_text);
	free(y->created);
	memset(y, 0, sizeof *y);
}

int
store_year_add(struct store *st, int year, const char *agencies_name,
    const char *agencies_text, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 at[32], key[32];
	int		 rc;

	if ((rc = store_prepare(st, "SELECT 1 FROM year WHERE year = ?",
	    &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW) {
		*cause = xasprintf(TR("year %d already exists"), year);
		return STORE_EXISTS;
	}
	store_now(at, sizeof at);
	if ((rc = store_prepare(st, "INSERT INTO year (year, agencies_name, "
	    "agencies_text, created) VALUES (?, ?, ?, ?)", &stmt, cause)) !=
	    STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	store_bind_text(stmt, 2, agencies_name);
	sqlite3_bind_text(stmt, 3, agencies_text, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, at, -1, SQLITE_TRANSIENT);
	snprintf(key, sizeof key, "year/%d", year);
	return store_audited(st, key, stmt, cause);
}

int
store_year_get(struct store *st, int year, struct store_year *y,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(y, 0, sizeof *y);
	if ((rc = store_prepare(st, "SELECT state, reason, agencies_name, "
	    "agencies_text, created FROM year WHERE year = ?", &stmt,
	    cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		y->year = year;
		y->state = store_col_text(stmt, 0);
		y->reason = store_col_text(stmt, 1);
		y->agencies_name = store_col_text(stmt, 2);
		y->agencies_text = store_col_text(stmt, 3);
		y->created = store_col_text(stmt, 4);
		sqlite3_finalize(stmt);
		return STORE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	*cause = xasprintf("year %d does not exist (start it with cchc init "
	    "%d)", year, year);
	return STORE_NOTFOUND;
}

int
store_years(struct store *st, int **years, size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 8;
	int		 rc;

	*n = 0;
	*years = xcalloc(cap, sizeof **years);
	if ((rc = store_prepare(st, "SELECT year FROM year ORDER BY year",
	    &stmt, cause)) != STORE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*years = xreallocarray(*years, cap *= 2,
			    sizeof **years);
		(*years)[(*n)++] = sqlite3_column_int(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

int
store_year_set_state(struct store *st, int year, const char *state,
    const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 key[32];
	int		 rc;

	if (strcmp(state, "published") == 0 &&
	    (rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "UPDATE year SET state = ?, reason = ? "
	    "WHERE year = ?", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	store_bind_text(stmt, 2, reason);
	sqlite3_bind_int(stmt, 3, year);
	snprintf(key, sizeof key, "year/%d", year);
	return store_audited(st, key, stmt, cause);
}

int
store_form_add(struct store *st, int year, const char *block,
    const char *name, const char *text, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO form (year, block, name, "
	    "text) VALUES (?, ?, ?, ?)", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, block, -1, SQLITE_STATIC);
	store_bind_text(stmt, 3, name);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_STATIC);
	key = xasprintf("form/%d/%s", year, block);
	rc = store_audited(st, key, stmt, cause);
	free(key);
	return rc;
}

int
store_forms(struct store *st, int year, struct store_form **forms,
    size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 4;
	int		 rc;

	*n = 0;
	*forms = xcalloc(cap, sizeof **forms);
	if ((rc = store_prepare(st, "SELECT block, name, text FROM form "
	    "WHERE year = ? ORDER BY rowid", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*forms = xreallocarray(*forms, cap *= 2,
			    sizeof **forms);
		(*forms)[*n].block = store_col_text(stmt, 0);
		(*forms)[*n].name = store_col_text(stmt, 1);
		(*forms)[*n].text = store_col_text(stmt, 2);
		(*n)++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

void
store_forms_free(struct store_form *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(f[i].block);
		free(f[i].name);
		free(f[i].text);
	}
	free(f);
}

int
store_agency_add(struct store *st, int year, const struct agency *ag,
    char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO agency (year, code, name, "
	    "block, ord) VALUES (?, ?, ?, ?, ?)", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, ag->code, -1, SQLITE_STATIC);
	store_bind_text(stmt, 3, ag->name);
	sqlite3_bind_text(stmt, 4, ag->block, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)ag->order);
	key = xasprintf("agency/%d/%s", year, ag->code);
	rc = store_audited(st, key, stmt, cause);
	free(key);
	return rc;
}

int
store_agency_state(struct store *st, int year, const char *code,
    char **state, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*state = NULL;
	if ((rc = store_prepare(st, "SELECT state FROM agency WHERE year = ? "
	    "AND code = ?", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*state = store_col_text(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	*cause = xasprintf("agency %s is not in year %d", code, year);
	return STORE_NOTFOUND;
}

int
store_agency_set_state(struct store *st, int year, const char *code,
    const char *state, const char *reason, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "UPDATE agency SET state = ?, reason = ? "
	    "WHERE year = ? AND code = ?", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	store_bind_text(stmt, 2, reason);
	sqlite3_bind_int(stmt, 3, year);
	sqlite3_bind_text(stmt, 4, code, -1, SQLITE_STATIC);
	key = xasprintf("agency/%d/%s", year, code);
	rc = store_audited(st, key, stmt, cause);
	free(key);
	return rc;
}

int
store_agencies_by_name(struct store *st, int year, const char *block,
    char ***codes, size_t *n, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 16;
	int		 rc;

	*n = 0;
	*codes = xcalloc(cap, sizeof **codes);
	if ((rc = store_prepare(st, st->vi != NULL ?
	    "SELECT code FROM agency WHERE year = ? AND block = ? "
	    "ORDER BY name COLLATE vi, ord" :
	    "SELECT code FROM agency WHERE year = ? AND block = ? "
	    "ORDER BY name, ord", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, block, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*codes = xreallocarray(*codes, cap *= 2,
			    sizeof **codes);
		(*codes)[(*n)++] = store_col_text(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

static void
store_read_mark(sqlite3_stmt *stmt, int col, struct mark *m)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);

	if (s == NULL || status_parse(s, &m->status) != 0)
		m->status = STATUS_EMPTY;
	m->points = sqlite3_column_int64(stmt, col + 1);
}

/*
 * The rule inputs of a column: the text "name=value;..." is this
 * module's codec of struct entry_inputs (entry.h).
 */
static int
store_read_inputs(struct store *st, sqlite3_stmt *stmt, int col,
    const struct entry_record *e, struct entry_inputs *in, char **cause)
{
	const char	*s = (const char *)sqlite3_column_text(stmt, col);
	char		*c = NULL;

	(void)st;
	if (s == NULL || *s == '\0')
		return STORE_OK;
	if (entry_inputs_parse(s, in, &c) != 0) {
		*cause = xasprintf("entry %s %s: the stored rule inputs \"%s\" do not read: %s", e->agency, e->item, s, c);
		free(c);
		return STORE_ERR;
	}
	return STORE_OK;
}

int
store_entries(struct store *st, int year, const char *agency,
    const char *item, struct entry_record **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt, *ev;
	size_t			 cap = 64, i;
	int			 rc;
	struct entry_record	*e;

	*n = 0;
	*out = xcalloc(cap, sizeof **out);
	if ((rc = store_prepare(st, "SELECT agency, item, self_status, "
	    "self_points, appraised_status, appraised_points, self_inputs, "
	    "appraised_inputs, explanation, note, reason, who, at "
	    "FROM entry WHERE year = ?1 AND (?2 IS NULL OR agency = ?2) AND "
	    "(?3 IS NULL OR item = ?3)", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, item, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->agency = store_col_text(stmt, 0);
		e->item = store_col_text(stmt, 1);
		store_read_mark(stmt, 2, &e->self);
		store_read_mark(stmt, 4, &e->appraised);
		if ((rc = store_read_inputs(st, stmt, 6, e,
		    &e->self_inputs, cause)) != STORE_OK ||
		    (rc = store_read_inputs(st, stmt, 7, e,
		    &e->appraised_inputs, cause)) != STORE_OK) {
			sqlite3_finalize(stmt);
			entry_records_free(*out, *n);
			*out = NULL;
			*n = 0;
			return rc;
		}
		e->explanation = store_col_text(stmt, 8);
		e->note = store_col_text(stmt, 9);
		e->reason = store_col_text(stmt, 10);
		e->who = store_col_text(stmt, 11);
		e->at = store_col_text(stmt, 12);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	if ((rc = store_prepare(st, "SELECT number, date, title FROM evidence "
	    "WHERE year = ? AND agency = ? AND item = ? ORDER BY pos", &ev,
	    cause)) != STORE_OK)
		return rc;
	for (i = 0; i < *n; i++) {
		size_t	ecap = 0;

		e = &(*out)[i];
		sqlite3_reset(ev);
		sqlite3_bind_int(ev, 1, year);
		sqlite3_bind_text(ev, 2, e->agency, -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 3, e->item, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(ev)) == SQLITE_ROW) {
			if (e->nevidence == ecap) {
				ecap = ecap ? ecap * 2 : 2;
				e->evidence = xreallocarray(e->evidence, ecap,
				    sizeof *e->evidence);
			}
			e->evidence[e->nevidence].number =
			    store_col_text(ev, 0);
			e->evidence[e->nevidence].date = store_col_text(ev, 1);
			e->evidence[e->nevidence].title = store_col_text(ev, 2);
			e->nevidence++;
		}
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(ev);
			return store_fail(st, rc, cause, "database");
		}
	}
	sqlite3_finalize(ev);
	return STORE_OK;
}

static void
store_bind_mark(sqlite3_stmt *stmt, int col, const struct mark *m)
{
	sqlite3_bind_text(stmt, col, status_name(m->status), -1,
	    SQLITE_STATIC);
	if (m->status == STATUS_SCORED)
		sqlite3_bind_int64(stmt, col + 1, m->points);
	else
		sqlite3_bind_null(stmt, col + 1);
}

int
store_entry_put(struct store *st, int year, const struct entry_record *e,
    char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key = NULL, *old = NULL, *new = NULL, at[32];
	char		*sin = NULL, *ain = NULL;
	size_t		 i;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	key = xasprintf("entry/%d/%s/%s", year, e->agency, e->item);
	if ((rc = store_row_text(st, key, &old, cause)) != STORE_OK)
		goto out;
	store_now(at, sizeof at);
	if ((rc = store_prepare(st, "INSERT OR REPLACE INTO entry (year, "
	    "agency, item, self_status, self_points, appraised_status, "
	    "appraised_points, self_inputs, appraised_inputs, explanation, "
	    "note, reason, who, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?)", &stmt, cause)) != STORE_OK)
		goto out;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, e->agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, e->item, -1, SQLITE_STATIC);
	store_bind_mark(stmt, 4, &e->self);
	store_bind_mark(stmt, 6, &e->appraised);
	sin = entry_inputs_format(&e->self_inputs);
	ain = entry_inputs_format(&e->appraised_inputs);
	store_bind_text(stmt, 8, sin);
	store_bind_text(stmt, 9, ain);
	store_bind_text(stmt, 10, e->explanation);
	store_bind_text(stmt, 11, e->note);
	store_bind_text(stmt, 12, e->reason);
	sqlite3_bind_text(stmt, 13, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 14, at, -1, SQLITE_TRANSIENT);
	/* REPLACE deletes the old row, and its evidence with it. */
	if ((rc = store_step_done(st, stmt, cause)) != STORE_OK)
		goto out;
	for (i = 0; i < e->nevidence; i++) {
		if ((rc = store_prepare(st, "INSERT INTO evidence (year, "
		    "agency, item, pos, number, date, title) VALUES (?, ?, ?, "
		    "?, ?, ?, ?)", &stmt, cause)) != STORE_OK)
			goto out;
		sqlite3_bind_int(stmt, 1, year);
		sqlite3_bind_text(stmt, 2, e->agency, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, e->item, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 4, (int)i + 1);
		store_bind_text(stmt, 5, e->evidence[i].number);
		store_bind_text(stmt, 6, e->evidence[i].date);
		store_bind_text(stmt, 7, e->evidence[i].title);
		if ((rc = store_step_done(st, stmt, cause)) != STORE_OK)
			goto out;
	}
	if ((rc = store_row_text(st, key, &new, cause)) == STORE_OK &&
	    strcmp(old, new) != 0)
		rc = store_audit(st, key, old, new, cause);
out:
	free(sin);
	free(ain);
	free(key);
	free(old);
	free(new);
	return rc;
}

int
store_deductions(struct store *st, int year, const char *agency,
    struct entry_deduction **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	size_t			 cap = 8;
	int			 rc;
	struct entry_deduction	*d;

	*n = 0;
	*out = xcalloc(cap, sizeof **out);
	if ((rc = store_prepare(st, "SELECT id, agency, points, reason, "
	    "evidence, who, at FROM deduction WHERE year = ?1 AND "
	    "(?2 IS NULL OR agency = ?2) ORDER BY id", &stmt, cause)) !=
	    STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, agency, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		d = &(*out)[(*n)++];
		d->id = (long)sqlite3_column_int64(stmt, 0);
		d->agency = store_col_text(stmt, 1);
		d->points = sqlite3_column_int64(stmt, 2);
		d->reason = store_col_text(stmt, 3);
		d->evidence = store_col_text(stmt, 4);
		d->who = store_col_text(stmt, 5);
		d->at = store_col_text(stmt, 6);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

int
store_deduction_add(struct store *st, int year,
    const struct entry_deduction *d, long *id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key, *new = NULL, at[32];
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	store_now(at, sizeof at);
	if ((rc = store_prepare(st, "INSERT INTO deduction (year, agency, "
	    "points, reason, evidence, who, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_text(stmt, 2, d->agency, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, d->points);
	store_bind_text(stmt, 4, d->reason);
	store_bind_text(stmt, 5, d->evidence);
	sqlite3_bind_text(stmt, 6, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, at, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, stmt, cause)) != STORE_OK)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(st->db);
	key = xasprintf("deduction/%d/%ld", year, *id);
	/* A new row: it was nothing before. */
	if ((rc = store_row_text(st, key, &new, cause)) == STORE_OK)
		rc = store_audit(st, key, "", new, cause);
	free(new);
	free(key);
	return rc;
}

int
store_deduction_remove(struct store *st, int year, long id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "DELETE FROM deduction WHERE year = ? AND "
	    "id = ?", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_int64(stmt, 2, id);
	key = xasprintf("deduction/%d/%ld", year, id);
	rc = store_audited(st, key, stmt, cause);
	free(key);
	if (rc == STORE_OK && sqlite3_changes(st->db) == 0) {
		*cause = xasprintf("deduction %ld is not in year %d", id, year);
		return STORE_NOTFOUND;
	}
	return rc;
}

int
store_province_put(struct store *st, int year, const struct province_area *p,
    char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key;
	int		 rc;

	if ((rc = store_year_writable(st, year, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT OR REPLACE INTO province (year, "
	    "area, idx, rank, prev_rank) VALUES (?, ?, ?, ?, ?)", &stmt,
	    cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	sqlite3_bind_int(stmt, 2, p->area);
	if (p->has_index)
		sqlite3_bind_int64(stmt, 3, p->index);
	else
		sqlite3_bind_null(stmt, 3);
	if (p->rank > 0)
		sqlite3_bind_int(stmt, 4, p->rank);
	else
		sqlite3_bind_null(stmt, 4);
	if (p->prev_rank > 0)
		sqlite3_bind_int(stmt, 5, p->prev_rank);
	else
		sqlite3_bind_null(stmt, 5);
	key = xasprintf("province/%d/%d", year, p->area);
	rc = store_audited(st, key, stmt, cause);
	free(key);
	return rc;
}

int
store_province(struct store *st, int year, struct province_area **out,
    size_t *n, char **cause)
{
	sqlite3_stmt		*stmt;
	size_t			 cap = 8;
	int			 rc;
	struct province_area	*p;

	*n = 0;
	*out = xcalloc(cap, sizeof **out);
	if ((rc = store_prepare(st, "SELECT area, idx, rank, prev_rank FROM "
	    "province "
	    "WHERE year = ? ORDER BY area", &stmt, cause)) != STORE_OK)
		return rc;
	sqlite3_bind_int(stmt, 1, year);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap)
			*out = xreallocarray(*out, cap *= 2, sizeof **out);
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->area = sqlite3_column_int(stmt, 0);
		p->has_index = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		p->index = sqlite3_column_int64(stmt, 1);
		p->rank = sqlite3_column_int(stmt, 2);
		p->prev_rank = sqlite3_column_int(stmt, 3);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "database");
	return STORE_OK;
}

int
store_verify(struct store *st, struct errlist *problems, long long *rows,
    char tail[65], char **cause)
{
	sqlite3_stmt	*stmt, *last;
	char		 prev[65] = STORE_GENESIS, hash[65];
	int		 rc;

	*rows = 0;
	snprintf(tail, 65, "%s", STORE_GENESIS);
	/* 1. The file itself. */
	if ((rc = store_prepare(st, "PRAGMA integrity_check", &stmt, cause)) !=
	    STORE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(stmt, 0);

		if (strcmp(m, "ok") != 0)
			errlist_add(problems, st->path, 0, "integrity: %s", m);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "integrity check");

	/* 2. The hash chain, row by row. */
	if ((rc = store_prepare(st, "SELECT id, at, who, key, old, new, prev, "
	    "hash FROM audit ORDER BY id", &stmt, cause)) != STORE_OK)
		return rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long	 id = sqlite3_column_int64(stmt, 0);
		const char	*col[7];
		int		 i;

		for (i = 0; i < 7; i++) {
			col[i] = (const char *)sqlite3_column_text(stmt,
			    i + 1);
			if (col[i] == NULL)
				col[i] = "";
		}
		if (strcmp(col[5], prev) != 0)
			errlist_add(problems, st->path, 0, "audit row %lld: "
			    "does not follow row %lld (a row was removed or "
			    "inserted)", id, id - 1);
		store_audit_hash(col[5], id, col[0], col[1], col[2], col[3],
		    col[4], hash);
		if (strcmp(hash, col[6]) != 0)
			errlist_add(problems, st->path, 0, "audit row %lld "
			    "(%s): its hash does not match; the row was "
			    "changed outside cchc", id, col[2]);
		snprintf(prev, sizeof prev, "%s", col[6]);
		*rows = id;
		snprintf(tail, 65, "%s", col[6]);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "audit log");

	/* 3. Every row equals what the log last set it to. */
	if ((rc = store_prepare(st, "SELECT DISTINCT * FROM ("
	    "SELECT 'year/' || year FROM year"
	    " UNION SELECT 'form/' || year || '/' || block FROM form"
	    " UNION SELECT 'agency/' || year || '/' || code FROM agency"
	    " UNION SELECT 'entry/' || year || '/' || agency || '/' || item"
	    "   FROM entry"
	    " UNION SELECT 'deduction/' || year || '/' || id FROM deduction"
	    " UNION SELECT 'province/' || year || '/' || area FROM province"
	    " UNION SELECT key FROM audit)", &stmt, cause)) != STORE_OK)
		return rc;
	if ((rc = store_prepare(st, "SELECT id, new FROM audit WHERE key = ? "
	    "ORDER BY id DESC LIMIT 1", &last, cause)) != STORE_OK) {
		sqlite3_finalize(stmt);
		return rc;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char	*key = (const char *)sqlite3_column_text(stmt,
		    0);
		char		*cur = NULL, *c2 = NULL;

		if (store_row_text(st, key, &cur, &c2) != STORE_OK) {
			errlist_add(problems, st->path, 0, "%s: %s", key, c2);
			free(c2);
			continue;
		}
		sqlite3_reset(last);
		sqlite3_bind_text(last, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(last) != SQLITE_ROW) {
			errlist_add(problems, st->path, 0, "%s: not in the "
			    "audit log; it was added outside cchc", key);
		} else if (strcmp((const char *)sqlite3_column_text(last, 1),
		    cur) != 0) {
			errlist_add(problems, st->path, 0, "%s: differs from "
			    "audit row %lld; it was %s outside cchc", key,
			    (long long)sqlite3_column_int64(last, 0),
			    *cur == '\0' ? "deleted" : "changed");
		}
		free(cur);
	}
	sqlite3_finalize(last);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, cause, "verify");
	return STORE_OK;
}

int
store_audit_last(struct store *st, long long *id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*id = 0;
	if ((rc = store_prepare(st, "SELECT ifnull(max(id), 0) FROM audit",
	    &stmt, cause)) != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(st, rc, cause,
	    "database");
}

int
store_backup(struct store *st, const char *path, char **cause)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*bk;
	int		 rc, fd;

	if (access(path, F_OK) == 0) {
		*cause = xasprintf("%s: already exists; cchc does not "
		    "overwrite a backup", path);
		return STORE_EXISTS;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return STORE_CANTOPEN;
	}
	close(fd);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		bk = sqlite3_backup_init(dst, "main", st->db, "main");
		if (bk == NULL)
			rc = sqlite3_errcode(dst);
		else {
			while ((rc = sqlite3_backup_step(bk, 256)) ==
			    SQLITE_OK || rc == SQLITE_BUSY ||
			    rc == SQLITE_LOCKED)
				sqlite3_sleep(20);
			sqlite3_backup_finish(bk);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, dst != NULL ?
		    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		unlink(path);
		return (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) ==
		    SQLITE_FULL ? STORE_IOERR : STORE_ERR;
	}
	/* Close the copy, then make it durable. */
	sqlite3_close(dst);
	if ((fd = open(path, O_RDONLY)) < 0 || fsync(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(path);
		return STORE_IOERR;
	}
	close(fd);
	return STORE_OK;
}
