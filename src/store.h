/*
 * store: the SQLite file that holds every year.  The only module that
 * includes <sqlite3.h> (store.c: the connection; store-audit.c: the audit
 * chain, the one write path and verify; store-data.c: the tables).  Every
 * write runs inside a transaction opened with store_begin, checks that its
 * year is not published, and appends a hash-chained audit row; nothing
 * here prints or exits.
 *
 * Functions return STORE_OK or another enum store_rc value and, on error,
 * set *cause (caller frees).  Strings are stored in NFC.
 */
#ifndef CCHC_STORE_H
#define CCHC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "score.h"

struct store;
struct form_agency;
struct errlist;

enum store_rc {
	STORE_OK = 0,
	STORE_ERR,		/* anything else: a bug or a bad file */
	STORE_BUSY,		/* another process holds the database */
	STORE_IOERR,		/* disk I/O error or disk full */
	STORE_LOCKED,		/* a published year, or a frozen state */
	STORE_NOTFOUND,
	STORE_EXISTS,
	STORE_NOTOURS,		/* not a cchc database, or a newer one */
	STORE_CONFLICT,		/* changed by another program meanwhile */
	STORE_CANTOPEN
};

#define STORE_SCHEMA_VERSION 7

/* How store_open opens a file. */
enum store_mode {
	STORE_WRITE = 0,	/* an existing file, read and written */
	STORE_CREATE = 1,	/* the same, made (0600) when missing */
	STORE_READ = 2		/* read only: nothing written, not even the
				 * header; immutable when nobody can write */
};

/* Open a database file in a store_mode.  Ownership and schema version are
 * checked before anything is written; a file without write permission
 * gives STORE_LOCKED in the write modes. */
int	 store_open(const char *path, int mode, struct store **,
	    char **cause);
void	 store_close(struct store *);
/* The name recorded as "who" in the audit log (copied). */
void	 store_set_user(struct store *, const char *);
/* Wait up to ms milliseconds for a lock before STORE_BUSY. */
void	 store_set_timeout(struct store *, int ms);

int	 store_begin(struct store *, char **cause);	/* BEGIN IMMEDIATE */
int	 store_commit(struct store *, char **cause);
void	 store_rollback(struct store *);

/* Years. */
struct store_year {
	int	 year;
	char	*state;		/* "open" or "published" */
	char	*reason;	/* of the last state change; may be NULL */
	char	*agencies_name;
	char	*agencies_text;	/* the agency list copied at init */
	char	*agencies_pack;	/* store_year_brief: the list as parsed
				   (form-pack.c), or NULL: parse the text */
	size_t	 agencies_pack_len;
	char	*created;
};
void	 store_year_clear(struct store_year *);
int	 store_year_add(struct store *, int year, const char *agencies_name,
	    const char *agencies_text, char **cause);
int	 store_year_get(struct store *, int year, struct store_year *,
	    char **cause);
/* What opening a year needs: state, reason, agencies_name and the packed
 * list (NULL when there is none); not the list's text. */
int	 store_year_brief(struct store *, int year, struct store_year *,
	    char **cause);
/* All years, ascending.  *years: caller frees. */
int	 store_years(struct store *, int **years, size_t *n, char **cause);
/* Publish or reopen a year; "published" locks every write. */
int	 store_year_set_state(struct store *, int year, const char *state,
	    const char *reason, char **cause);

/* Forms copied into a year, one per block. */
struct store_form {
	char	*block;
	char	*name;
	char	*text;
};
int	 store_form_add(struct store *, int year, const char *block,
	    const char *name, const char *text, char **cause);
/* *forms: caller frees with store_forms_free. */
int	 store_forms(struct store *, int year, struct store_form **forms,
	    size_t *n, char **cause);
void	 store_forms_free(struct store_form *, size_t);

/* Agencies of a year (the list itself comes from the copied text). */
int	 store_agency_add(struct store *, int year, const struct form_agency *,
	    char **cause);
/* Workflow state: draft, submitted, appraised, published. */
int	 store_agency_state(struct store *, int year, const char *code,
	    char **state, char **cause);
int	 store_agency_set_state(struct store *, int year, const char *code,
	    const char *state, const char *reason, char **cause);

/*
 * Scopes (store-scope.c): a block of a year, or the communes of one
 * district (parent; "" or NULL for none).  Publishing a scope sets its
 * row and its agencies' states (codes[0..n)) to published in one go;
 * reopening sets them open and agency_state.  An agency whose state is
 * published refuses every write to its entries, deductions and state
 * (STORE_LOCKED) until its scope is reopened.  Audited.
 */
int	 store_scope_set_state(struct store *, int year, const char *block,
	    const char *parent, const char *state, const char *agency_state,
	    char *const *codes, size_t n, const char *reason, char **cause);
/* STORE_LOCKED (with a cause) when the agency's scope is published. */
int	 store_agency_writable(struct store *, int year, const char *code,
	    char **cause);

/*
 * A started year amended (store-amend.c), inside the caller's
 * transaction, each write audited: the agency list's copy replaced; a
 * block's form replaced or added (text NULL: removed); an agency's name,
 * block and order changed; an agency removed with its entries,
 * deductions and totals; one entry (with its evidence) dropped; an
 * agency's totals dropped (derived: recomputed after).
 */
int	 store_year_set_agencies(struct store *, int year, const char *name,
	    const char *text, char **cause);
/* The year's packed agency list (derived, not audited; NULL clears it);
 * and the years that have none (caller frees *years). */
int	 store_year_set_pack(struct store *, int year, const char *pack,
	    size_t len, char **cause);
int	 store_years_unpacked(struct store *, int **years, size_t *n,
	    char **cause);
int	 store_form_put(struct store *, int year, const char *block,
	    const char *name, const char *text, char **cause);
int	 store_agency_update(struct store *, int year,
	    const struct form_agency *, char **cause);
int	 store_agency_remove(struct store *, int year, const char *code,
	    char **cause);
int	 store_entry_remove(struct store *, int year, const char *agency,
	    const char *item, char **cause);
int	 store_totals_remove(struct store *, int year, const char *agency,
	    char **cause);

/* Entries of a year: of one agency or all (agency NULL), one item or all
 * (item NULL).  Caller frees with entry_records_free. */
int	 store_entries(struct store *, int year, const char *agency,
	    const char *item, struct entry_record **, size_t *n, char **cause);
/* Insert or replace one entry (with its evidence list). */
int	 store_entry_put(struct store *, int year, const struct entry_record *,
	    char **cause);

/* Manual deduction lines (ascending id). */
int	 store_deductions(struct store *, int year, const char *agency,
	    struct entry_deduction **, size_t *n, char **cause);
int	 store_deduction_add(struct store *, int year,
	    const struct entry_deduction *, long *id, char **cause);
int	 store_deduction_remove(struct store *, int year, long id,
	    char **cause);

/* The province's results in the Ministry's index, per area. */
int	 store_province_put(struct store *, int year,
	    const struct score_province *, char **cause);
int	 store_province(struct store *, int year, struct score_province **,
	    size_t *n, char **cause);

/* store-settings.c: a year's settings by name (decision-number, ...).
 * Put with value NULL removes the setting; written and audited. */
int	 store_setting_put(struct store *, int year, const char *name,
	    const char *value, char **cause);
/* How many entries of a year hold first-round data (schema step 6's
 * first_status or dispute). */
int	 store_rounds_count(struct store *, int year, long long *n,
	    char **cause);
/* All settings of a year, by name: names[i], values[i]; caller frees
 * both arrays and their strings. */
int	 store_settings(struct store *, int year, char ***names,
	    char ***values, size_t *n, char **cause);

/*
 * The stored totals of an agency on one side: per area (area >= 0: max
 * and points) and whole (area -1: max, points and the counts).  They are
 * derived from the entries by the engine and kept with them.
 */
struct store_total {
	const char	*agency;
	int	 side;		/* enum score_side */
	int	 area;		/* 0-based, or -1 for the whole agency */
	int64_t	 max;
	int64_t	 points;
	int64_t	 items;
	int64_t	 unscored;
	int64_t	 no_evidence;
};
/* The totals of a year, or of one agency (agency not NULL), ordered by
 * agency, side, area, each given to fn (its agency valid during the
 * call; fn's non-zero stops the reading). */
int	 store_totals(struct store *, int year, const char *agency,
	    int (*fn)(void *, const struct store_total *), void *arg,
	    char **cause);
/* Replace an agency's totals with rows[0..n) (inside a transaction;
 * derived data, so not audited). */
int	 store_totals_put(struct store *, int year, const char *agency,
	    const struct store_total *rows, size_t n, char **cause);

/* Every agency of a year (or the one agency, when not NULL) and its
 * workflow state, in one read.  Caller frees both with
 * store_strings_free. */
int	 store_agency_states(struct store *, int year, const char *agency,
	    char ***codes, char ***states, size_t *n, char **cause);
void	 store_strings_free(char **, size_t);

/*
 * Check the file (integrity_check), the audit hash chain, and that the
 * data equals what the audit log says it was last set to.  Each problem
 * is added to problems.  *rows and tail get the number of audit rows and
 * the last hash: written down elsewhere, they show a cut-off tail.
 * Returns STORE_OK when the check could run.
 */
struct store_ventry {		/* one entry as verify reads it */
	int			 year;
	const char		*agency, *item;
	struct score_mark	 self, appraised;
	size_t			 nevidence;
};
/* fn (may be NULL) sees every entry in the pass that checks them, in
 * order of year, then agency (each agency's entries together): the
 * caller checks what it derives from them in the same read.  A non-zero
 * return stops verify with STORE_ERR and *cause (fn's, the caller's to
 * free, or none). */
int	 store_verify(struct store *, struct errlist *problems,
	    long long *rows, char tail[65],
	    int (*fn)(void *, const struct store_ventry *, char **cause),
	    void *arg, char **cause);

/* The id of the last audit row (0 when none): it changes with every
 * write, so an equal id means nothing changed since it was read. */
/*
 * An import's audit (store-bulk.c): between begin (in the import's
 * transaction) and end, the rows it creates are logged by hash; end
 * appends the one audit row naming the file, its SHA-256 (hex) and the
 * digest of the rows.  A roll-back drops it all.
 */
int	 store_bulk_begin(struct store *, int year, char **cause);
int	 store_bulk_end(struct store *, const char *file, const char *sha256,
	    char **cause);

/*
 * The hash of audit row id (0: the last row) in hash, and the number of
 * rows in *rows.  STORE_NOTFOUND when there is no such row (*rows still
 * set).  The chain's head, for anchors.
 */
/* The audit row that last published year (the head of the chain when
 * it was published: what its anchor holds).  STORE_NOTFOUND if none. */
int	 store_year_published_row(struct store *, int year, long long *id,
	    char hash[65], char **cause);
/* The file the store was opened on. */
const char	*store_path(const struct store *);
int	 store_audit_hash_at(struct store *, long long id, long long *rows,
	    char hash[65], char **cause);
int	 store_audit_last(struct store *, long long *, char **cause);
/* PRAGMA data_version: it changes when another connection (another
 * program) commits to the file, never for this one's own writes; -1 on
 * failure.  Cheap: no table is read. */
long long store_data_version(struct store *);

/* Copy the database to path with the online backup API, fsynced. */
int	 store_backup(struct store *, const char *path, char **cause);

/* Codes of a block's agencies sorted by name in Vietnamese order (the
 * "vi" collation registered on the connection).  Caller frees each and
 * the array. */
int	 store_agencies_by_name(struct store *, int year, const char *block,
	    char ***codes, size_t *n, char **cause);

#endif
