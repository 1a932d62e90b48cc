/* store: the connection: open (modes, read-only media), pragmas, migrations,
 * transactions. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <pwd.h>
#include <sqlite3.h>

#include "store-int.h"
#include "text.h"
#include "util.h"

/* "cchc" in ASCII: marks the file as ours (PRAGMA application_id). */
#define STORE_APP_ID	0x63636863
/* statfs f_type of network file systems, where WAL cannot work. */
#define FS_NFS		0x6969
#define FS_SMB		0x517b
#define FS_CIFS		0xff534d42
#define FS_SMB2		0xfe534d42

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
	/*
	 * 2: the totals of each agency, side and area (area -1: the whole
	 * agency, with its counts), kept in step with the entries in the
	 * same transaction, so a year opens without reading its entries.
	 * Derived data: verify recomputes them from the audited entries.
	 */
	"CREATE TABLE total ("
	"  year INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  side INTEGER NOT NULL CHECK (side IN (0, 1)),"
	"  area INTEGER NOT NULL CHECK (area >= -1),"
	"  max INTEGER NOT NULL,"
	"  points INTEGER NOT NULL,"
	"  items INTEGER NOT NULL,"
	"  unscored INTEGER NOT NULL,"
	"  no_evidence INTEGER NOT NULL,"
	"  PRIMARY KEY (year, agency, side, area),"
	"  FOREIGN KEY (year, agency) REFERENCES agency (year, code)"
	") STRICT, WITHOUT ROWID;",
	/* 3: a year's settings (the decision's number, date, signer). */
	"CREATE TABLE setting ("
	"  year INTEGER NOT NULL REFERENCES year (year),"
	"  name TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (year, name)"
	") STRICT;",
	/*
	 * 4: the rows an import created, each with the SHA-256 of its
	 * text and the number of its import (store-bulk.c); the import's
	 * one audit row holds the digest of its lines.  Append-only.
	 */
	"CREATE TABLE logged ("
	"  key TEXT NOT NULL,"
	"  batch INTEGER NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  PRIMARY KEY (key, batch)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TRIGGER logged_no_update BEFORE UPDATE ON logged"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER logged_no_delete BEFORE DELETE ON logged"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	/* 5: the system's user of each audit row, beside the operator's
	 * declared name (NULL in older rows; hashed when there is one). */
	"ALTER TABLE audit ADD COLUMN os TEXT;",
	/*
	 * 6: an entry's analogy (vận dụng) on each side, and the first
	 * round of a two-round appraisal with the agency's dispute; NULL
	 * when absent, and then left out of the row's canonical text, so
	 * older audit rows still match.
	 */
	"ALTER TABLE entry ADD COLUMN self_analogy TEXT;"
	"ALTER TABLE entry ADD COLUMN appraised_analogy TEXT;"
	"ALTER TABLE entry ADD COLUMN first_status TEXT;"
	"ALTER TABLE entry ADD COLUMN first_points INTEGER;"
	"ALTER TABLE entry ADD COLUMN first_inputs TEXT;"
	"ALTER TABLE entry ADD COLUMN dispute TEXT;",
	/*
	 * 7: the publication of each scope of a year: a block, or the
	 * communes of one district (parent; '' for none).  Its agencies'
	 * states are 'published' with it (store-scope.c).
	 */
	"CREATE TABLE scope ("
	"  year INTEGER NOT NULL REFERENCES year (year),"
	"  block TEXT NOT NULL,"
	"  parent TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK (state IN ('open', 'published')),"
	"  reason TEXT,"
	"  PRIMARY KEY (year, block, parent)"
	") STRICT;",
	/*
	 * 8: the year's agency list as read from its text, packed
	 * (form-pack.c), so a year opens without parsing the text again.
	 * Derived, like the totals: not audited; verify checks that it
	 * agrees with the audited text; a year without one (an older
	 * cchc's) is parsed.  A table of its own: SQLite reaches a column
	 * after the text only through the text's pages.
	 */
	"CREATE TABLE year_pack ("
	"  year INTEGER PRIMARY KEY REFERENCES year (year),"
	"  pack BLOB NOT NULL"
	") STRICT;",
	/*
	 * 9: the totals one row per agency and side, its areas packed as
	 * "max:points,..." in area order (store-total.c): a national
	 * year's 214,000 rows of 8 columns were most of opening it.
	 * Converted in place; verify recomputes them from the entries.
	 */
	"CREATE TABLE total_side ("
	"  year INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  side INTEGER NOT NULL CHECK (side IN (0, 1)),"
	"  max INTEGER NOT NULL,"
	"  points INTEGER NOT NULL,"
	"  items INTEGER NOT NULL,"
	"  unscored INTEGER NOT NULL,"
	"  no_evidence INTEGER NOT NULL,"
	"  areas TEXT NOT NULL,"
	"  PRIMARY KEY (year, agency, side),"
	"  FOREIGN KEY (year, agency) REFERENCES agency (year, code)"
	") STRICT, WITHOUT ROWID;"
	/* Each side's areas joined in area order by a recursive walk
	 * (group_concat's order is not defined); the walk's longest text
	 * is the side's: max() makes the bare column s that row's. */
	"WITH RECURSIVE walk (year, agency, side, area, s) AS ("
	"  SELECT year, agency, side, 0, max || ':' || points FROM total"
	"  WHERE area = 0"
	"  UNION ALL SELECT w.year, w.agency, w.side, w.area + 1,"
	"  w.s || ',' || t.max || ':' || t.points FROM walk w JOIN total t"
	"  ON t.year = w.year AND t.agency = w.agency AND t.side = w.side"
	"  AND t.area = w.area + 1),"
	"  last (year, agency, side, n, s) AS (SELECT year, agency, side,"
	"  max(area), s FROM walk GROUP BY year, agency, side)"
	"INSERT INTO total_side SELECT t.year, t.agency, t.side, t.max,"
	"  t.points, t.items, t.unscored, t.no_evidence, ifnull(l.s, '')"
	"  FROM total t LEFT JOIN last l ON l.year = t.year AND"
	"  l.agency = t.agency AND l.side = t.side WHERE t.area = -1;"
	"DROP TABLE total;"
	"ALTER TABLE total_side RENAME TO total;",
};

/* The system's user running cchc (its name, or its number). */
static char *
store_os_user(void)
{
	struct passwd	*pw = getpwuid(geteuid());
	char		*n;

	if (pw != NULL && pw->pw_name != NULL && (n = text_nfc(pw->pw_name)) !=
	    NULL)
		return n;
	return xasprintf("uid %lu", (unsigned long)geteuid());
}

/* How long to wait for another writer: CCHC_BUSY_TIMEOUT ms, or 5 s. */
int
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

long long
store_data_version(struct store *st)
{
	sqlite3_stmt	*stmt;
	long long	 v = -1;
	char		*cause = NULL;

	/* Asked several times a second: the cached statement. */
	if (store_prepare(st, &stmt, &cause, "PRAGMA data_version", NULL) !=
	    STORE_OK) {
		free(cause);
		return -1;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	store_release(st, stmt);
	return v;
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

/* The folder of path.  Caller frees. */
static char *
store_dir(const char *path)
{
	char	*dir, *slash;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	return dir;
}

/* WAL needs shared memory that network file systems do not give. */
static int
store_on_network(const char *path)
{
	struct statfs	 fs;
	char		*dir = store_dir(path);
	int		 net = 0;

	if (statfs(dir, &fs) == 0)
		net = fs.f_type == FS_NFS || fs.f_type == FS_SMB ||
		    (unsigned long)fs.f_type == FS_CIFS ||
		    (unsigned long)fs.f_type == FS_SMB2;
	free(dir);
	return net;
}

/*
 * 1 when this process cannot write path, or when path has no write bit
 * at all: a file or folder made read-only on purpose stays read-only,
 * even for root.
 */
static int
store_unwritable(const char *path)
{
	struct stat	sb;

	if (access(path, W_OK) != 0)
		return errno != ENOENT;
	return stat(path, &sb) == 0 && (sb.st_mode & 0222) == 0;
}

/* 1 when path's folder is read-only for this process. */
static int
store_dir_unwritable(const char *path)
{
	char	*dir = store_dir(path);
	int	 r = store_unwritable(dir);

	free(dir);
	return r;
}

/* 1 when path + suffix exists. */
int
store_exists_with(const char *path, const char *suffix)
{
	char	*p = xasprintf("%s%s", path, suffix);
	int	 r = access(p, F_OK) == 0;

	free(p);
	return r;
}

/*
 * 1 when path is one of our databases in WAL mode, read from its header
 * without SQLite: "SQLite format 3", write version 2 (WAL) at byte 18,
 * our application_id at byte 68.
 */
static int
store_is_our_wal(const char *path)
{
	unsigned char	h[72];
	int		fd;
	ssize_t		n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, h, sizeof h);
	close(fd);
	return n == (ssize_t)sizeof h &&
	    memcmp(h, "SQLite format 3", 16) == 0 && h[18] == 2 &&
	    ((uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 |
	    (uint32_t)h[70] << 8 | h[71]) == STORE_APP_ID;
}

/* How a read command opens a file. */
enum store_read_how {
	STORE_READ_IMMUTABLE,	/* nobody can change it: no -shm needed */
	STORE_READ_RO,		/* SQLite's read-only mode */
	STORE_READ_QUERY_ONLY	/* our WAL file: read-write connection that
				 * refuses writes, so that closing it removes
				 * the -wal and -shm files as a writer would */
};

static enum store_read_how
store_read_how(const char *path)
{
	int	ro = store_unwritable(path) || store_dir_unwritable(path);

	if (ro && !store_exists_with(path, "-wal"))
		return STORE_READ_IMMUTABLE;
	if (!ro && store_is_our_wal(path))
		return STORE_READ_QUERY_ONLY;
	return STORE_READ_RO;
}

/* The read-only URI of path; immutable as asked.  Caller frees. */
static char *
store_ro_uri(const char *path, int immutable)
{
	struct strbuf	 b;
	const char	*p = path;

	strbuf_init(&b);
	strbuf_puts(&b, "file:");
	/* "file://" would name a host. */
	while (p[0] == '/' && p[1] == '/')
		p++;
	for (; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			strbuf_add(&b, p, 1);
		else
			strbuf_printf(&b, "%%%02X", (unsigned char)*p);
	}
	strbuf_puts(&b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return strbuf_steal(&b);
}

/* Undo a failed migration step; the step's own error is what counts. */
static void
store_undo(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Whose file this is and its schema version, read before anything is
 * written (not even the journal mode): a file that is not ours is left
 * as it was.
 */
static int
store_check(struct store *st, int mode, int *versionp, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 version = 0, app = 0, rc, tables = 0;

	if ((rc = store_prepare(st, &stmt, cause, "SELECT (SELECT "
	    "application_id FROM pragma_application_id), (SELECT "
	    "user_version FROM pragma_user_version), (SELECT count(*) FROM "
	    "sqlite_schema)", NULL)) != STORE_OK)
		return rc == STORE_ERR ? STORE_NOTOURS : rc;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		app = sqlite3_column_int(stmt, 0);
		version = sqlite3_column_int(stmt, 1);
		tables = sqlite3_column_int(stmt, 2);
	} else {
		rc = store_fail(st, rc, cause, st->path);
		store_release(st, stmt);
		return rc;
	}
	/* The file's name, not a word to translate: store_fail itself. */
	if ((rc = store_release(st, stmt)) != SQLITE_OK)
		return store_fail(st, rc, cause, st->path);
	if (app == 0 && tables == 0) {
		if (mode != STORE_CREATE) {
			*cause = xasprintf(TR("%s: not a cchc database: no cchc data in this file (start a year with cchc init YEAR)"), st->path);
			return STORE_NOTOURS;
		}
	} else if (app != STORE_APP_ID) {
		*cause = xasprintf(TR("%s: not a cchc database"), st->path);
		return STORE_NOTOURS;
	}
	if (version > (int)UTIL_ARRAY_LEN(store_migrations)) {
		*cause = xasprintf(TR("%s: made by a newer cchc (schema %d; this one knows %d)"), st->path, version,
		    (int)UTIL_ARRAY_LEN(store_migrations));
		return STORE_NOTOURS;
	}
	if (mode == STORE_READ &&
	    version < (int)UTIL_ARRAY_LEN(store_migrations)) {
		*cause = xasprintf(TR("%s: made by an older cchc (schema %d): a command that writes upgrades it"), st->path, version);
		return STORE_NOTOURS;
	}
	*versionp = version;
	return STORE_OK;
}

/* Bring the schema from version up to this program's. */
static int
store_migrate(struct store *st, int version, char **cause)
{
	char	*sql;
	int	 rc;

	for (; version < (int)UTIL_ARRAY_LEN(store_migrations); version++) {
		if ((rc = store_exec(st, "BEGIN IMMEDIATE", cause)) !=
		    STORE_OK)
			return rc;
		sql = xasprintf("%s; PRAGMA application_id = %d; PRAGMA user_version = %d;", store_migrations[version],
		    STORE_APP_ID, version + 1);
		rc = store_exec(st, sql, cause);
		free(sql);
		if (rc == STORE_OK)
			rc = store_exec(st, "COMMIT", cause);
		if (rc != STORE_OK) {
			store_undo(st);
			return rc;
		}
	}
	return STORE_OK;
}

/*
 * Per connection: extended result codes, no double-quoted strings,
 * foreign keys, the busy timeout and the Vietnamese collation.
 */
static int
store_configure(struct store *st, char **cause)
{
	int	rc, on = -1;

	if ((rc = sqlite3_extended_result_codes(st->db, 1)) != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database: extended result codes"));
	if ((rc = sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0,
	    NULL)) != SQLITE_OK || (rc = sqlite3_db_config(st->db,
	    SQLITE_DBCONFIG_DQS_DDL, 0, NULL)) != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database: refusing double-quoted strings"));
	if ((rc = sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1,
	    &on)) != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database: foreign keys"));
	if (on != 1) {
		*cause = xasprintf(TR("%s: this SQLite cannot enforce foreign keys"), st->path);
		return STORE_ERR;
	}
	if ((rc = sqlite3_busy_timeout(st->db, store_busy_ms())) != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database: busy timeout"));
	/* Without ICU's "vi" collation, names sort in byte order. */
	st->vi = text_collator_new("vi");
	if (st->vi != NULL && (rc = sqlite3_create_collation_v2(st->db, "vi",
	    SQLITE_UTF8, st->vi, store_collate_cb, NULL)) != SQLITE_OK)
		return store_fail(st, rc, cause, TR("database: registering the Vietnamese collation"));
	return STORE_OK;
}

/* The journal mode and sync level; SQLite says which mode it took. */
static int
store_journal(struct store *st, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*mode, *got;
	char		*sql;
	int		 rc, oom = 0;

	/* WAL on a local disk; on a network share, DELETE + EXTRA. */
	if (getenv("CCHC_JOURNAL") != NULL)
		mode = strcmp(getenv("CCHC_JOURNAL"), "delete") == 0 ?
		    "delete" : "wal";
	else
		mode = store_on_network(st->path) ? "delete" : "wal";
	sql = xasprintf("PRAGMA foreign_keys = ON; PRAGMA synchronous = %s;",
	    strcmp(mode, "wal") == 0 ? "FULL" : "EXTRA");
	rc = store_exec(st, sql, cause);
	free(sql);
	if (rc != STORE_OK)
		return rc;
	sql = xasprintf("PRAGMA journal_mode = %s", mode);
	rc = store_prepare(st, &stmt, cause, sql, NULL);
	free(sql);
	if (rc != STORE_OK)
		return rc;
	if ((rc = sqlite3_step(stmt)) != SQLITE_ROW) {
		rc = store_fail(st, rc, cause, st->path);
		store_release(st, stmt);
		return rc;
	}
	sql = store_col_text(stmt, 0, &oom);
	got = sql != NULL ? sql : "";
	if (oom)
		rc = store_fail(st, SQLITE_NOMEM, cause, TR("database: journal mode"));
	else if (strcasecmp(got, mode) != 0) {
		*cause = xasprintf(TR("%s: journal mode %s could not be set (it is %s)"), st->path, mode, got);
		rc = STORE_ERR;
	} else
		rc = STORE_OK;
	free(sql);
	store_release(st, stmt);
	return rc;
}

int
store_open(const char *path, int mode, struct store **out, char **cause)
{
	struct store		*st;
	char			*uri = NULL;
	enum store_read_how	 how = STORE_READ_RO;
	int			 rc, flags = SQLITE_OPEN_READWRITE, fd;
	int			 version = 0;

	*out = NULL;
	*cause = NULL;
	if (access(path, F_OK) != 0) {
		if (mode != STORE_CREATE) {
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
	if (mode != STORE_READ && (store_unwritable(path) ||
	    store_dir_unwritable(path))) {
		*cause = xasprintf(TR("%s: the database is read-only (no write permission on the file or its folder); nothing was changed"), path);
		return STORE_LOCKED;
	}
	if (mode == STORE_READ)
		how = store_read_how(path);
	if (mode == STORE_READ && how != STORE_READ_QUERY_ONLY) {
		uri = store_ro_uri(path, how == STORE_READ_IMMUTABLE);
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->user = xstrdup("cchc");
	st->os_user = store_os_user();
	/*
	 * cchc uses a connection from one thread only: no mutex around
	 * every call (they were a seventh of a national set's
	 * instructions), and no count of SQLite's memory behind a global
	 * one (it must be said before SQLite starts; later it is refused,
	 * harmlessly).
	 */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	flags |= SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(uri != NULL ? uri : path, &st->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, cause, path);
		store_close(st);
		return rc;
	}
	rc = store_configure(st, cause);
	if (rc == STORE_OK && how == STORE_READ_QUERY_ONLY)
		rc = store_exec(st, "PRAGMA query_only = 1", cause);
	if (rc == STORE_OK)
		rc = store_check(st, mode, &version, cause);
	if (rc == STORE_OK && mode != STORE_READ)
		rc = store_journal(st, cause);
	if (rc == STORE_OK && mode != STORE_READ)
		rc = store_migrate(st, version, cause);
	if (rc != STORE_OK) {
		if ((rc == STORE_ERR || rc == STORE_NOTOURS) &&
		    strstr(*cause, "not a database")) {
			free(*cause);
			*cause = xasprintf(TR("%s: not a cchc database"), path);
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
	size_t	i;

	if (st == NULL)
		return;
	/* The cached statements go first; every other one is finalized
	 * where it is made, so the close (always SQLITE_OK) carries no
	 * error. */
	for (i = 0; i < st->ncache; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	(void)sqlite3_close(st->db);
	text_collator_free(st->vi);
	free(st->path);
	free(st->user);
	free(st->os_user);
	free(st->wagency);
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
	/* Only fails on a closed connection, which st never holds. */
	(void)sqlite3_busy_timeout(st->db, ms);
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
	/* A failed ROLLBACK leaves nothing to do: SQLite rolls back a
	 * transaction it cannot finish when the connection closes. */
	st->txn++;
	if (!sqlite3_get_autocommit(st->db))
		(void)sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}
