/*
 * store-int: what the store's own files share (store.c, store-audit.c,
 * store-data.c).  No other file includes it.  It names SQLite's types by
 * their struct tags so that <sqlite3.h> stays in the .c files.
 */
#ifndef CCHC_STORE_INT_H
#define CCHC_STORE_INT_H

#include <stddef.h>

struct sqlite3;
struct sqlite3_stmt;
struct text_collator;

/* A statement kept for reuse (store_prepare, store_release). */
struct store_cached {
	char			*sql;		/* a copy of its text */
	const char		*lit;		/* the text it was asked for by */
	struct sqlite3_stmt	*stmt;
	int			 busy;
};
#define STORE_CACHE	64

struct store {
	struct sqlite3		*db;
	struct store_cached	 cache[STORE_CACHE];
	size_t			 ncache;
	char			*path;
	char			*user;		/* the operator declared */
	char			*os_user;	/* the system's user */
	struct text_collator	*vi;
	/*
	 * Known within one transaction (txn counts every BEGIN, COMMIT,
	 * ROLLBACK and exec; a value is good while its txn is current and a
	 * transaction is open): the audit chain's head, and the one year
	 * found writable.  Reading them again for each row of an import was
	 * a third of its time.
	 */
	unsigned long		 txn;
	unsigned long		 head_txn;
	long long		 head_id;
	char			 head_hash[65];
	unsigned long		 writable_txn;
	int			 writable_year;
	/* The one agency found writable (not in a published scope). */
	unsigned long		 wagency_txn;
	char			*wagency;
	/* An import's bulk audit (store-bulk.c): its number (> 0 while
	 * open), year, lines so far and transaction. */
	long long		 bulk_batch;
	int			 bulk_year;
	long long		 bulk_rows;
	unsigned long		 bulk_txn;
};

/* The "prev" of the first audit row. */
#define STORE_GENESIS	"00000000000000000000000000000000" \
			"00000000000000000000000000000000"

/* store.c: SQLite calls turned into store_rc values and *cause. */

/* Map an SQLite result to a store_rc; *cause is "what: message". */
int	 store_fail(struct store *, int rc, char **cause, const char *what);
int	 store_exec(struct store *, const char *sql, char **cause);
/*
 * Prepare sql and bind its parameters, one per character of fmt:
 *   i  int			I  int64_t
 *   p  const int64_t * (NULL binds NULL)
 *   s  const char * as is	n  const char * in NFC (NULL binds NULL)
 * On error *stmt is NULL (nothing to finalize).
 */
int	 store_prepare(struct store *, struct sqlite3_stmt **stmt,
	    char **cause, const char *sql, const char *fmt, ...);
/* Give back a statement of store_prepare: reset if cached, else
 * finalized.  The SQLite result of its last step. */
int	 store_release(struct store *, struct sqlite3_stmt *);
/* Finalize; STORE_OK, or the error the statement's last step had.  what
 * (here and in store_step_done) is untranslated, N_("..."): it is
 * translated only when there is an error to tell, as a write makes
 * several of these calls and gettext's lookup is not free. */
int	 store_finalize(struct store *, struct sqlite3_stmt *, char **cause,
	    const char *what);
/* Step a statement that returns no row, then finalize it (always). */
int	 store_step_done(struct store *, struct sqlite3_stmt *, char **cause,
	    const char *what);
/* A copy of a text column (NULL for SQL NULL); *oom set when SQLite
 * could not give the text. */
char	*store_col_text(struct sqlite3_stmt *, int col, int *oom);
struct score_mark;
/* A status and its points from columns col, col + 1 (store-data.c). */
void	 store_read_mark(struct sqlite3_stmt *, int col, struct score_mark *,
	    int *oom);
/* The current UTC time as 2024-01-31T12:00:00Z. */
void	 store_now(char *, size_t);

/* store.c: the busy timeout (ms: CCHC_BUSY_TIMEOUT or the default), and
 * whether path + suffix (a "-wal", say) exists. */
int	 store_busy_ms(void);
int	 store_exists_with(const char *path, const char *suffix);

/* store-audit.c: the one path of every write. */

#define STORE_W_YEAR	0x1	/* the year must exist and not be published */
#define STORE_W_ROWID	0x2	/* a new row: its key is key + its rowid */

/* store-scope.c: STORE_LOCKED when the agency of deduction line id is
 * published (store_agency_writable). */
int	 store_deduction_writable(struct store *, int year, long id,
	    char **cause);

/*
 * Run stmts in order (all finalized, whatever happens) and append the
 * hash-chained audit row of key: the row's text before and after.  With
 * STORE_W_ROWID the row is new (empty before) and *rowid gets its id;
 * *changes gets the rows changed by stmts[0].  rowid, changes: may be NULL.
 */
int	 store_write(struct store *, int year, int flags, const char *key,
	    struct sqlite3_stmt **stmts, size_t n, long long *rowid,
	    long long *changes, char **cause);
/*
 * store_write of a row written by run (entry rows and their evidence,
 * statement by statement).  run is first called with fresh 1: it must
 * insert without replacing and give STORE_ROW_THERE, having written
 * nothing, when the row is there already (STORE_ROW_THERE); then the row's text before is
 * read and run is called again with fresh 0.  A new row (every row of an
 * import into an empty year) is not read before it is written.  run may
 * give the row's canonical text as written in *text (else it is read).
 */
#define STORE_ROW_THERE	(-1)
int	 store_write_run(struct store *, int year, const char *key,
	    int (*run)(struct store *, void *arg, int fresh, char **text,
	    char **cause),
	    void *arg, char **cause);
/* SHA-256 of an audit row (the previous hash and its fields), as hex. */
void	 store_audit_hash(const char *prev, long long id, const char *at,
	    const char *who, const char *os, const char *key,
	    const char *old, const char *new, char out[65]);
/* The canonical text of the row a key names ("" when there is none). */
int	 store_row_text(struct store *, const char *key, char **out,
	    char **cause);
/* Append the "column=value" lines of columns from .. to-1 of the row
 * stmt is on (a column named "evidence" has the value ev; a NULL column
 * of those store_col_optional names gives no line). */
struct strbuf;
int	 store_row_lines(struct store *, struct sqlite3_stmt *, int from,
	    int to, const char *ev, struct strbuf *, char **cause);
/* The end of a read loop: STORE_OK after SQLITE_DONE (and no oom), else
 * the error; the statement is given back either way. */
int	 store_read_end(struct store *, struct sqlite3_stmt *, int rc, int oom,
	    char **cause);
/* 1 for the entry columns of schema step 6, which the canonical text
 * names only when they hold something (older audit rows stay true). */
int	 store_col_optional(const char *name);
/* The columns of schema step 6 in the order of the canonical text. */
#define STORE_ENTRY_OPT_COLS "self_analogy, appraised_analogy, " \
	"first_status, first_points, first_inputs, dispute"
#define STORE_ENTRY_NOPT	6
/* Reference n (0-based; a newline before all but the first) of an
 * entry's evidence in its canonical text: "pos|number|date|title". */
void	 store_evidence_line(struct strbuf *, int n, long long pos,
	    const char *number, const char *date, const char *title);
/* 1 when key has the form of a key cchc writes. */
int	 store_key_valid(const char *key);
/* Append an audit row of key to the chain (in the caller's transaction). */
int	 store_audit_append(struct store *, const char *key, const char *old,
	    const char *new, char **cause);

/* store-bulk.c: an import's rows, logged by hash (see there). */
void	 store_sha256_hex(const char *, size_t, char out[65]);
int	 store_bulk_active(const struct store *, int year);
int	 store_bulk_log(struct store *, const char *key, const char *text,
	    char **cause);
/* One logged line into an import's digest: "key NUL hash NUL". */
struct sha256_ctx;
void	 store_bulk_line(struct sha256_ctx *, const char *key,
	    const char *hash);
/* The digest of an import's logged lines, and how many there are. */
int	 store_bulk_digest(struct store *, long long batch, char out[65],
	    long long *rows, char **cause);

/* store_write of one statement, its key made from keyfmt. */
int	 store_write1(struct store *, int year, int flags,
	    struct sqlite3_stmt *, char **cause, const char *keyfmt, ...)
	    __attribute__((format(printf, 6, 7)));

struct errlist;
struct store_ventry;

/* verify (store-verify.c, store-ventries.c): the imports' records found
 * in the chain, by their number; what an entry's reader is told; the
 * verdict on one key; the entries' pass. */
struct store_imports {
	long long	  n;		/* numbers 1 .. n-1 have a slot */
	long long	 *id;		/* its audit row; 0: none */
	char		(*digest)[65];
};
struct store_vsink {
	int	(*fn)(void *, const struct store_ventry *, char **);
	void	 *arg;
	int	 oom;
};
void	 store_verify_decide(struct store *, const char *key, const char *cur,
	    long long sid, const char *snew, long long b, long long lid,
	    const char *lhash, struct errlist *problems);
int	 store_verify_entries(struct store *, const struct store_imports *,
	    struct store_vsink *, struct errlist *problems, char **cause);

#endif
