/*
 * entry: everything entered for one (agency, item) — both sides' marks,
 * the rule inputs behind them, evidence references and texts — and the
 * codecs of their text forms.  Pure: no I/O.
 *
 * Rule inputs travel as structured values (struct entry_inputs).  Their
 * text form "name=value; name=value" is the codec of the database column
 * and of the CSV and command-line columns that hold the same text; it
 * needs no escaping because a name is an identifier and a value a number,
 * and the codec refuses anything else.
 */
#ifndef CCHC_ENTRY_H
#define CCHC_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "score.h"

struct form_item;

/* At most this many inputs per side (a formula's names, or done and
 * planned); the form loader holds formulas to the same bound. */
#define ENTRY_MAX_INPUTS	16
/* At most this many evidence references per entry. */
#define ENTRY_MAX_EVIDENCE	64
/* The longest text field (explanation, note, reason, a reference's
 * part), in bytes. */
#define ENTRY_MAX_TEXT		4000

/* One rule input: a name of the item's rule and a value in hundredths. */
struct entry_input {
	char	*name;
	int64_t	 value;
};

/* The rule inputs of one side; n == 0: points were typed directly. */
struct entry_inputs {
	struct entry_input	*v;
	size_t			 n;
};

/* One reference of evidence (tài liệu kiểm chứng). */
struct entry_evidence {
	char	*number;	/* document number, e.g. 12/KH-UBND */
	char	*date;		/* d/m/yyyy; NULL only in a file written
				   before the date was required */
	char	*title;		/* may be NULL */
};

/* Everything entered for one (agency, item). */
struct entry_record {
	char			*agency;
	char			*item;
	struct score_mark		 self;
	struct score_mark		 appraised;
	struct entry_inputs	 self_inputs;
	struct entry_inputs	 appraised_inputs;
	char			*explanation;	/* giải trình; may be NULL */
	char			*note;		/* appraiser's note, or NULL */
	char			*reason; /* why (not) assigned, or NULL */
	/* Analogy (vận dụng) of each side, by enum score_side: the
	 * description of the similar task scored under the item; NULL: not
	 * marked.  Only a scored side carries one. */
	char			*analogy[2];
	/* Two rounds (a year setting): the first appraised mark and its
	 * inputs (STATUS_EMPTY: none), and the agency's explanation of the
	 * points it disputes (giải trình); the final appraised mark counts. */
	struct score_mark		 first;
	struct entry_inputs	 first_inputs;
	char			*dispute;
	struct entry_evidence	*evidence;
	size_t			 nevidence;
	char			*who;		/* last change; read only */
	char			*at;
};

/* A manual deduction line of an agency. */
struct entry_deduction {
	long	 id;
	char	*agency;
	int64_t	 points;
	char	*reason;
	char	*evidence;	/* may be NULL */
	char	*who;
	char	*at;
};

void	 entry_inputs_clear(struct entry_inputs *);
void	 entry_inputs_copy(struct entry_inputs *dst,
	    const struct entry_inputs *src);
int	 entry_inputs_eq(const struct entry_inputs *,
	    const struct entry_inputs *);
/* Set name to value (replacing an earlier value of the name). */
void	 entry_inputs_set(struct entry_inputs *, const char *name, int64_t);
/* The value of name: 1 with *v set, or 0 when absent. */
int	 entry_inputs_get(const struct entry_inputs *, const char *name,
	    int64_t *v);
/* Parse "name=value; name=value" (blank: none).  0, or -1 with *cause
 * (caller frees). */
int	 entry_inputs_parse(const char *, struct entry_inputs *,
	    char **cause);
/* The text form, values with '.'; "" for none.  Caller frees. */
char	*entry_inputs_format(const struct entry_inputs *);

void	 entry_evidence_free(struct entry_evidence *, size_t);
int	 entry_evidence_eq(const struct entry_evidence *, size_t,
	    const struct entry_evidence *, size_t);
/*
 * Parse "number|date|title; number|date|title" (number and date
 * required, title optional).  0, or -1 with *cause naming the reference,
 * the first numbered first (1-based: where the references will stand in
 * the entry's list; caller frees).  *out: caller frees with
 * entry_evidence_free.
 */
int	 entry_evidence_parse(const char *, size_t first,
	    struct entry_evidence **out, size_t *n, char **cause);
/* The same split into references, with only the list's own checks (at
 * most three parts, at most ENTRY_MAX_EVIDENCE): for a caller whose
 * references then go through app_edit, which checks each one with
 * entry_evidence_check (an import: the work is not done twice). */
int	 entry_evidence_split(const char *, size_t first,
	    struct entry_evidence **out, size_t *n, char **cause);
/* Check one reference: number and date present, a real date, no ';' or
 * '|' in any part.  index is 1-based, for the message. */
int	 entry_evidence_check(const struct entry_evidence *, size_t index,
	    char **cause);
/* Check what a deduction line cites: references as entry_evidence_parse
 * reads them, but the date may be left out (a deduction names a document
 * by its number).  0, or -1 with *cause (caller frees). */
int	 entry_deduction_evidence_check(const char *, char **cause);
/* The text form of a list (parse gives it back).  Caller frees. */
char	*entry_evidence_format(const struct entry_evidence *, size_t);
/* A date as Vietnamese documents write it: d/m/yyyy, a real day. */
int	 entry_date_ok(const char *);

void	 entry_record_clear(struct entry_record *);
void	 entry_record_copy(struct entry_record *dst,
	    const struct entry_record *src);
void	 entry_records_free(struct entry_record *, size_t);
/* The same scores, inputs, evidence and texts (not who and when). */
int	 entry_record_eq(const struct entry_record *,
	    const struct entry_record *);
/* 1 when the entry holds anything of the second round (a first mark,
 * its inputs or a dispute). */
int	 entry_has_rounds(const struct entry_record *);
/* The mark and inputs of one side. */
struct score_mark	*entry_mark(struct entry_record *, enum score_side);
struct entry_inputs *entry_inputs_of(struct entry_record *, enum score_side);
const struct score_mark	*entry_mark_c(const struct entry_record *,
    enum score_side);
const struct entry_inputs *entry_inputs_c(const struct entry_record *,
			    enum score_side);

void	 entry_deduction_clear(struct entry_deduction *);
void	 entry_deductions_free(struct entry_deduction *, size_t);

/* The same text, NULL being "". */
int	 entry_text_eq(const char *, const char *);
/* The same status and, when scored, the same points. */
int	 entry_mark_eq(const struct score_mark *, const struct score_mark *);

/*
 * The names of the inputs an item's rule takes, in order: points and
 * bands "value", choice "level" (1-based), ratio "done" and "planned",
 * formula its names.  Returns how many (at most ENTRY_MAX_INPUTS).
 */
size_t	 entry_rule_names(const struct form_item *, const char **names);
/*
 * The points an item's rule gives for the inputs.  Every input the rule
 * needs must be there: a missing one is named ("b, c are missing"); an
 * unknown name is refused.  0, FORM_RULE_NOT_ARISING (the form says the
 * inputs mean the task did not arise), or -1 with *cause (caller frees).
 */
int	 entry_rule_points(const struct form_item *,
    const struct entry_inputs *,
	    int64_t *points, char **cause);
/*
 * Check text entered by an operator: valid UTF-8, no control characters
 * (a tab becomes a blank beforehand), at most ENTRY_MAX_TEXT bytes.
 * what names the field in the message (marked N_, translated there).  0, or -1 with *cause.
 */
int	 entry_text_check(const char *, const char *what, char **cause);

#endif
