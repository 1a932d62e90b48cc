/*
 * app: one assessment year in memory, on top of the store and the engine.
 * The command line and the screens talk to this, never to SQLite; this
 * header does not expose the store's: a struct store is only a handle
 * here.
 *
 * A year is loaded (forms parsed from the copies in the database,
 * agencies, entries, deductions, the province's results) and its totals,
 * grades and ranks computed.  Every change goes to the store in its own
 * transaction first and then into memory, so what the screen shows is
 * what is on disk.  An entry changes in one way only: app_edit (files
 * app-*.c: app-year.c starts years, app-load.c loads and ranks,
 * app-edit.c changes entries, app-flow.c the workflow, deductions and the
 * province's results).
 */
#ifndef CCHC_APP_H
#define CCHC_APP_H

#include <stddef.h>
#include <stdint.h>

#include "entry.h"
#include "form.h"
#include "score.h"

struct errlist;
struct store;

/* Results of app functions (the same numbers as the store's codes). */
enum app_rc {
	APP_OK = 0,
	APP_ERR,		/* anything else: a bug or a bad file */
	APP_BUSY,		/* another process holds the database */
	APP_IOERR,		/* disk I/O error or disk full */
	APP_LOCKED,		/* a published year, or a frozen state */
	APP_NOTFOUND,
	APP_EXISTS,
	APP_NOTOURS,		/* not a cchc database, or a newer one */
	APP_CONFLICT,		/* changed by another program meanwhile */
	APP_CANTOPEN,
	APP_BADINPUT		/* refused: the cause says why */
};

/* The workflow of an agency; a year is open or published. */
enum app_state {
	APP_DRAFT,
	APP_SUBMITTED,
	APP_APPRAISED,
	APP_PUBLISHED
};
/* The stored word ("draft", ...). */
const char	*app_state_name(enum app_state);

/* One agency of the loaded year. */
struct app_agency {
	const struct form_agency	*ag;	/* borrowed from the list */
	const struct form	*form;		/* its block's form */
	size_t			 block;		/* index in list->blocks */
	enum app_state		 state;		/* workflow state */
	struct entry_record	*raw;		/* [form->nitems] */
	unsigned char		*stored;	/* [form->nitems]: on disk */
	struct score_entry		*entries;	/* [form->nitems] */
	struct entry_deduction	*ded;
	size_t			 nded;
	int64_t			 manual;	/* sum of manual deductions */
	int64_t			 advisory;	/* computed */
	int				 has_totals;	/* stored: 1 self, 2 appr. */
	struct score_totals		 self;
	struct score_totals		 appraised;
	size_t			 rank_self;
	size_t			 rank_appraised;
	/* Its ranking group (the agencies of its block with its parent)
	 * as a range of app_year.layout. */
	size_t			 group_from, group_to;
};

struct app_batch;

/* At most this many agencies keep their entries in memory during a
 * batch (an import); past it, the totals of the touched ones are written
 * (the transaction sees them) and their entries let go. */
#define APP_BATCH_LOADED	256

struct app_year {
	int			 year;
	int			 published;	/* locked */
	char			*reason;	/* of the last state change */
	struct form_agency_list	*list;
	struct form		**forms;	/* [nforms] */
	size_t			 nforms;
	struct form		**block_form;	/* [list->nblocks] or NULL */
	struct app_agency	*ags;		/* [nags], official order */
	int64_t			*area_pool;	/* their totals' area arrays */
	size_t			 nags;
	struct score_province	*prov;
	size_t			 nprov;
	long long		 seen;		/* last audit id known to
						   match memory */
	unsigned long		 generation;	/* bumped by every change */
	size_t			*hash;		/* agencies by code: index + 1 */
	size_t			 hcap;
	size_t			 loaded;	/* agencies with entries */
	size_t			 batch_loaded;	/* at most, in a batch */
	struct app_batch	*batch;		/* an open batch, or NULL */
	long long		 data_version;	/* the file's, when loaded */
	/* Agencies by block, then group (parent's official order), then
	 * official order: block b is layout[block_from[b] .. block_from[b+1]).
	 * An edit ranks its group alone, not the year. */
	size_t			*layout;	/* [nags]: indexes of ags */
	size_t			*block_from;	/* [list->nblocks + 1] */
	char			*anchor;	/* written at publish, or NULL */
	int			 rounds;	/* of appraisal: 1, or 2 (the
						   setting "rounds") */
};

/* How app_open opens the file (the store's modes). */
enum app_open_mode {
	APP_OPEN_WRITE = 0,	/* an existing file */
	APP_OPEN_CREATE = 1,	/* made when missing */
	APP_OPEN_READ = 2	/* read only: the file is never changed */
};

/* Open a database in an app_open_mode; user is named in the audit log.
 * Close with app_close. */
int	 app_open(const char *path, int mode, const char *user,
	    struct store **, char **cause);
void	 app_close(struct store *);
/* Copy the database to path (online, fsynced). */
int	 app_backup(struct store *, const char *path, char **cause);
/* Check the file, the audit chain and the data against the log; each
 * problem goes to problems; *rows and tail: the log's length and last
 * hash.  APP_OK when the check could run. */
/*
 * Anchors of the audit chain (app-anchor.c): write the chain's head to
 * file, or to DIR/DB-ROWS.anchor in the anchors' folder when file is NULL
 * (*written: the path, caller frees); check one anchor, or every anchor
 * in the folder that names this database (*checked: how many).  What an anchor proves: see there.
 */
/* The folder anchors go to when none is named (set by the command line;
 * NULL: publishing writes none). */
void		 app_anchor_set_dir(const char *);
const char	*app_anchor_dir(void);
int	 app_anchor_write(struct store *, const char *file, const char *why,
	    char **written, char **cause);
int	 app_anchor_check(struct store *, const char *file,
	    struct errlist *problems, char **cause);
int	 app_anchors_check(struct store *, struct errlist *problems,
	    size_t *checked, char **cause);
/* The chain's head when year was published (*rows, hash), as its
 * anchor holds it; APP_NOTFOUND for a year never published. */
int	 app_year_anchor(struct store *, int year, long long *rows,
	    char hash[65], char **cause);
int	 app_verify(struct store *, struct errlist *problems, long long *rows,
	    char tail[65], char **cause);

/*
 * Start a year: copy the forms (every *.cfg in forms_dir) and the agency
 * list into the database, in one transaction.  With from_year > 0 the
 * agency list is the one of that year.  Problems in the files are added
 * to errs (and nothing is written).
 */
int	 app_init_year(struct store *, int year, const char *forms_dir,
	    const char *agencies, int from_year, struct errlist *errs,
	    char **cause);
/* The years in the database, ascending.  *years: caller frees. */
int	 app_years(struct store *, int **years, size_t *n, char **cause);

/* Load a year and compute it.  Caller frees with app_year_free. */
int	 app_year_load(struct store *, int year, struct app_year **,
	    char **cause);
/*
 * The same for a change of one agency (cchc set): the year holds the
 * agencies of its rank group alone (y->list is whole), so the cost does
 * not grow with the year.  An unknown code loads the whole year (the
 * caller then says it is unknown).
 */
int	 app_year_load_for(struct store *, int year, const char *agency,
	    struct app_year **, char **cause);
void	 app_year_free(struct app_year *);
/*
 * Live data (app-live.c).  Has another program (another operator, cchc
 * set or import) committed to the file since y was loaded?  Cheap (no
 * table is read): call it when idle.
 */
int	 app_year_stale(struct store *, const struct app_year *);
/*
 * Load year y again as *out.  When the year still has the same agencies
 * and forms (*kept set to 1), the new data is moved into the old
 * agencies' places, so that pointers to y's agencies (y->ags + i) stay
 * valid and name the same agency in *out; the entries that were in
 * memory are read again; y is freed.  Otherwise (*kept 0) y is left as
 * it was: the caller drops its pointers into y, then frees it.  APP_OK,
 * or a code with *cause and y as it was (but no longer stale until the
 * file changes again).  Caller frees *out.
 */
int	 app_year_reload(struct store *, struct app_year *y,
	    struct app_year **out, int *kept, char **cause);
/* Recompute everything from memory (after a load). */
void	 app_year_compute(struct app_year *);
/* Recompute one agency's totals and its block's ranks. */
void	 app_agency_compute(struct app_year *, struct app_agency *);

struct app_agency	*app_find_agency(struct app_year *, const char *code);
/*
 * Make sure an agency's entries (a->raw, a->entries, a->stored) are in
 * memory: a year is loaded with every agency's totals but not its
 * entries, which are read when first needed.  Call it before reading
 * a->raw.  APP_OK, or a code with *cause.
 */
int	 app_agency_entries(struct store *, struct app_year *,
	    struct app_agency *, char **cause);
/* Drop an agency's entries from memory (its totals stay). */
void	 app_agency_release(struct app_year *, struct app_agency *);
/* Agencies of block b in rank order (side), ties by official order.
 * Agencies with a parent (communes) are ranked within their parent
 * (district): grouped by the parent's official order, ranks per group.
 * *rows: caller frees. */
void	 app_block_ranking(const struct app_year *, size_t block,
	    enum score_side, struct app_agency ***rows, size_t *n);
const struct score_totals	*app_totals(const struct app_agency *,
    enum score_side);
size_t			 app_rank(const struct app_agency *, enum score_side);
/* Agencies of block b by name in Vietnamese dictionary order (ICU "vi",
 * so Đ follows D, not Z).  *rows: caller frees.  APP_OK or a cause. */
int	 app_agencies_by_name(struct store *, const struct app_year *,
	    size_t block, struct app_agency ***rows, size_t *n, char **cause);
/* The default entry of an item for an agency (profile: not assigned). */
void	 app_default_entry(const struct app_agency *, size_t item,
	    struct entry_record *);

/*
 * One change of one entry, as structured values.  A side changes what
 * its set bits name:
 *   APP_SET_STATUS  the status (empty clears the side);
 *   APP_SET_POINTS  points typed directly (status scored unless a status
 *                   is set too, which must then be scored);
 *   APP_SET_INPUTS  the rule's inputs (the points are computed from them;
 *                   n == 0 drops them).
 * Points typed directly that differ from the stored points drop the
 * inputs behind the old points; a status other than scored drops points
 * and inputs.  Texts: NULL leaves a text as it is, "" clears it.
 * seen, when not NULL, is the entry as the caller read it: if the stored
 * entry differs (another program changed it), nothing is written and
 * APP_CONFLICT says so.
 */
#define APP_SET_STATUS	0x1
#define APP_SET_POINTS	0x2
#define APP_SET_INPUTS	0x4
struct app_side_change {
	unsigned			 set;
	enum score_status			 status;
	int64_t				 points;
	const struct entry_inputs	*inputs;	/* borrowed */
	const char			*analogy;	/* vận dụng: the
							   similar task; NULL
							   leaves, "" unmarks */
};
struct app_change {
	const char			*agency;
	const char			*item;
	struct app_side_change		 side[2];	/* by enum score_side */
	int				 set_evidence;	/* replace the list */
	const struct entry_evidence	*evidence;	/* borrowed */
	size_t				 nevidence;
	const char			*explanation;
	const char			*note;
	const char			*reason;
	/* Two rounds (a year of rounds = 2): the first appraised mark
	 * (set as a side's; its analogy unused) and the agency's dispute
	 * (NULL leaves, "" clears). */
	struct app_side_change		 first;
	const char			*dispute;
	const struct entry_record	*seen;
};

/*
 * The one way an entry changes (the screens, set and import all call
 * it): check the change once (bounds, the rule, evidence, texts, the
 * year's lock, the agency's workflow state, the version read), compute
 * the points once, write it in one audited store call, and update the
 * agency's totals and its block's ranks.  *agency (may be NULL) gets the
 * agency changed.  APP_OK, or a code with *cause (caller frees).
 */
int	 app_edit(struct store *, struct app_year *, const struct app_change *,
	    struct app_agency **agency, char **cause);

/*
 * A batch of edits in one transaction (an import): between begin and
 * end, app_edit writes without committing; end commits (commit != 0)
 * or rolls back, and on a roll-back memory returns to what it was, so
 * it stays in step with the disk either way.
 */
int	 app_batch_begin(struct store *, struct app_year *, char **cause);
/* What the open batch reads (a file's name and SHA-256 in hex), named in
 * its audit record. */
void	 app_batch_source(struct app_year *, const char *file,
	    const char *sha256);
int	 app_batch_end(struct store *, struct app_year *, int commit,
	    char **cause);
/* The entries the open batch has written so far (a row equal to what is
 * stored is taken and not written). */
size_t	 app_batch_written(const struct app_year *);

/* Add or remove a manual deduction line of an agency (own transaction);
 * for removal the agency may be NULL: the line's own is found.  A line
 * is at most the agency's max, and the lines together too. */
int	 app_deduction_add(struct store *, struct app_year *,
	    struct app_agency *, int64_t points, const char *reason,
	    const char *evidence, char **cause);
int	 app_deduction_remove(struct store *, struct app_year *,
	    struct app_agency *, long id, char **cause);
/* Check a deduction line as it is typed, field by field, without writing:
 * the year's lock always, then what the APP_DED_* bits of what name (the
 * same checks as app_deduction_add).  APP_OK, or a code with *cause. */
#define APP_DED_POINTS		0x1
#define APP_DED_REASON		0x2
#define APP_DED_EVIDENCE	0x4
int	 app_deduction_check(const struct app_year *,
	    const struct app_agency *, unsigned what, int64_t points,
	    const char *reason, const char *evidence, char **cause);

/* Store one area of the province's results and recompute. */
int	 app_province_put(struct store *, struct app_year *,
	    const struct score_province *, char **cause);

/* The workflow's actions. */
enum app_action {
	APP_SUBMIT,
	APP_APPRAISE,
	APP_PUBLISH,
	APP_REOPEN
};
/* "submit", "appraise", "publish", "reopen": 0, or -1. */
int	 app_action_parse(const char *, enum app_action *);
/* Agency workflow (agency not NULL): submit, appraise, reopen; the year
 * (agency NULL): publish, reopen.  reopen needs a reason. */
int	 app_set_state(struct store *, struct app_year *, const char *agency,
	    enum app_action, const char *reason, char **cause);
/*
 * Publishing by scope (app-scope.c).  A scope is a block, or within a
 * block the agencies of one parent (a district's communes): one ranking
 * group.  Publish (every agency of the scope appraised) or reopen (with
 * a reason) the groups of block (NULL: the whole year) and parent (NULL:
 * every group of the block) that are not in that state yet, in one
 * audited transaction; the year is published when all its groups are.
 * A published agency refuses every write until its scope is reopened.
 */
int	 app_scope_set_state(struct store *, struct app_year *,
	    const char *block, const char *parent, enum app_action,
	    const char *reason, char **cause);
/* 1 when a is published (its scope, or the whole year). */
int	 app_agency_published(const struct app_year *,
	    const struct app_agency *);
/* APP_LOCKED with the reopen hint when a is published, else APP_OK. */
int	 app_agency_locked(const struct app_year *, const struct app_agency *,
	    char **cause);
/* Block b: 0 when none of its agencies is published, 1 some, 2 all. */
int	 app_block_published(const struct app_year *, size_t b);
/* 1 when some scope of the year is published. */
int	 app_any_published(const struct app_year *);

/*
 * Amending a started year (app-amend.c).  plan reads the new forms (every
 * *.cfg of forms_dir; NULL: the year's own) and agency list (agencies;
 * NULL: the year's own), checks them as init does (problems to errs,
 * APP_BADINPUT) and compares them with the year's: the diff (items
 * added, removed, re-pointed to another criterion, maxima and rules
 * changed; agencies added, removed, renamed, moved), the entries that
 * would be lost (of items or agencies removed, or no longer a value of
 * their item) and whether a published scope is touched.  apply makes the
 * change in one audited transaction (entries of the items that remain
 * kept by code, lost ones dropped and audited with their old values,
 * totals recomputed); the caller checks losses first (--force) and loads
 * the year again after.  *out: free with app_amend_free.
 */
struct app_amend;
int	 app_amend_plan(struct store *, struct app_year *,
	    const char *forms_dir, const char *agencies, struct errlist *errs,
	    struct app_amend **out, char **cause);
int	 app_amend_apply(struct store *, struct app_year *,
	    struct app_amend *, char **cause);
void	 app_amend_free(struct app_amend *);
/* The diff and the losses as lines of text ("" when none): borrowed. */
const char	*app_amend_diff(const struct app_amend *);
const char	*app_amend_losses(const struct app_amend *);
size_t		 app_amend_nchanges(const struct app_amend *);
size_t		 app_amend_nlost(const struct app_amend *);
/* Why the change is refused (a published scope touched), or NULL. */
const char	*app_amend_locked(const struct app_amend *);

/*
 * A year's settings (app-settings.c): what the printed decision needs
 * beyond the scores.  Stored per year, audited, refused in a published
 * year.  The names, in the order of app_setting_defs:
 *   decision-number  the decision's number ("2729/QĐ-UBND");
 *   decision-date    its date, d/m/yyyy;
 *   signer           the name of who signs;
 *   signer-title     the signer's title (default "PHÓ CHỦ TỊCH", signing
 *                    for the Chairman: "KT. CHỦ TỊCH" above it);
 *   authority        the issuing body's second line (default "TỈNH " and
 *                    the province in capitals);
 *   rounds           rounds of appraisal: "2" (a first appraised score,
 *                    the agency's dispute, then the final one, which
 *                    counts) or unset ("1"); going back to one round is
 *                    refused while an entry holds first-round data.
 */
enum app_setting {
	APP_DECISION_NUMBER,
	APP_DECISION_DATE,
	APP_SIGNER,
	APP_SIGNER_TITLE,
	APP_AUTHORITY,
	APP_ROUNDS,
	APP_NSETTINGS
};
struct app_setting_def {
	const char	*name;
	const char	*help;
};
extern const struct app_setting_def app_setting_defs[APP_NSETTINGS];
/* The values of a year's settings: NULL when unset. */
struct app_settings {
	char	*v[APP_NSETTINGS];
};
/* The index of a setting's name, or -1. */
int	 app_setting_find(const char *name);
/* Read a year's settings into s (app_settings_clear frees them). */
int	 app_settings_load(struct store *, int year, struct app_settings *,
	    char **cause);
void	 app_settings_clear(struct app_settings *);
/* Set (value NULL or "": unset) one setting of a loaded year, checked
 * (a date must be a real d/m/yyyy; texts valid and short), audited. */
int	 app_setting_put(struct store *, struct app_year *,
	    enum app_setting, const char *value, char **cause);
/* Read the year's rounds of appraisal (y->rounds) from its settings. */
int	 app_rounds_load(struct store *, struct app_year *, char **cause);

/*
 * Appraisers and their work lists (app-work.c).  An item names the unit
 * that appraises it; the agency list may map a former unit to the agency
 * that now appraises its items ("by").
 */
/* The code that appraises an item now (the mapped one), or NULL. */
const char	*app_appraiser_of(const struct app_year *,
		    const struct form_item *);
/* Does code appraise the item (named by it, or mapped to it)? */
int		 app_appraised_by(const struct app_year *,
		    const struct form_item *, const char *code);
/* Does code appraise any item of the year's forms? */
int		 app_appraiser_known(const struct app_year *, const char *code);
/* An appraiser's name (an agency's or a unit's), or the code. */
const char	*app_appraiser_name(const struct app_year *, const char *code);
/* The appraisers of the items of block's forms, agencies first in the
 * official order, then units by code.  *codes (borrowed strings): caller
 * frees the array. */
size_t		 app_appraisers(const struct app_year *, size_t block,
		    const char ***codes);
/* An entry the export and the work lists leave out: not assigned by the
 * agency's profile and still so, without a reason.  Entries in memory. */
int		 app_entry_skipped(const struct app_agency *, size_t item);
/* The appraised side has a mark (any status): the appraiser's work on
 * it is done.  Entries in memory. */
int		 app_work_done(const struct app_agency *, size_t item);
struct app_work_item {
	struct app_agency	*a;
	size_t			 item;
};
struct app_work {
	struct app_work_item	*v;	/* agency by agency, official order */
	size_t			 n;
	size_t			 done;	/* with an appraised mark */
};
/* The work list of code in block (entries read as needed); APP_OK, or a
 * code with *cause.  Free with app_work_clear. */
int		 app_work_list(struct store *, struct app_year *,
		    size_t block, const char *code, struct app_work *,
		    char **cause);
/* Count w->done again (after an edit). */
void		 app_work_count(struct app_work *);
void		 app_work_clear(struct app_work *);

#endif
