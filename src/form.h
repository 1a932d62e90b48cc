/*
 * form: the criteria tree of one block (areas -> criteria -> items), the
 * agency list, and how an item's rule turns the operator's inputs into
 * points.  Pure: no I/O; formload fills these structs from files.
 *
 * All points are hundredths ("cp"); percentages are basis points ("bp").
 * Areas, criteria and items are flat arrays in form order; each criterion
 * and area records the range of items it owns.
 */
#ifndef CCHC_FORM_H
#define CCHC_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct expr;

enum form_rule_kind {
	RULE_POINTS,
	RULE_CHOICE,
	RULE_BANDS,
	RULE_RATIO,
	RULE_FORMULA
};

struct form_level {			/* one level of a choice item */
	char	*label;
	int64_t	 points;
};

struct form_band {			/* a value >= from gives points */
	int64_t	 from;
	int64_t	 points;
};

struct form_input {			/* a named input of a formula item */
	char	*name;
	char	*label;
};

/* What a division by zero in a formula item's expression means. */
enum form_when_zero {
	WHEN_ZERO_ERROR,	/* refused: the inputs are wrong */
	WHEN_ZERO_MAX,		/* the item's max */
	WHEN_ZERO_NOT_ARISING,	/* the task did not arise */
	WHEN_ZERO_ZERO		/* 0 points */
};

struct form_constraint {		/* "l OP r" over a formula's inputs */
	char		*text;
	struct expr	*l;
	struct expr	*r;
	int		 op;		/* FORM_CMP_* */
	int		 line;
};
#define FORM_CMP_LE	0
#define FORM_CMP_LT	1
#define FORM_CMP_GE	2
#define FORM_CMP_GT	3
#define FORM_CMP_EQ	4

struct form_item {
	char		*code;
	char		*title;
	char		*guidance;	/* may be NULL */
	char		*appraiser;	/* may be NULL */
	int		 appraiser_line;
	int64_t		 max;
	int64_t		 min;
	int64_t		 step;
	enum form_rule_kind	 rule;
	int		 evidence;	/* points need an evidence reference */
	struct form_level	*levels;
	size_t		 nlevels;
	struct form_band	*bands;
	size_t		 nbands;
	char		*unit;		/* bands: may be NULL */
	int64_t		 threshold;	/* ratio: bp */
	char		*done_label;	/* ratio: may be NULL */
	char		*planned_label;	/* ratio: may be NULL */
	struct form_input	*inputs;
	size_t		 ninputs;
	char		*expr_text;
	struct expr	*expr;
	enum form_when_zero	 when_zero;
	struct form_constraint	*constraints;
	size_t		 nconstraints;
	int		 na_explain;	/* not_arising needs an explanation */
	size_t		 area;		/* index into form.areas */
	size_t		 criterion;	/* index into form.criteria */
	int		 line;
};

struct form_criterion {
	char	*code;
	char	*title;
	int64_t	 max;
	size_t	 area;
	size_t	 first_item;
	size_t	 nitems;
};

struct form_area {
	char	*code;
	char	*title;
	int64_t	 max;
	size_t	 first_criterion;
	size_t	 ncriteria;
	size_t	 first_item;
	size_t	 nitems;
};

struct form_grade {
	char	*name;
	int64_t	 from;		/* bp, inclusive lower bound */
};

struct form_step {			/* advisory deduction step */
	int64_t	 bound;		/* index: bp (strictly below); fall: places;
				   rank: national rank (this one or lower) */
	int64_t	 points;
};

/* What the advisory rule reads: the province's results in each area an
 * agency advises on, or its overall index and rank (area 0). */
enum form_basis {
	FORM_BASIS_AREA,
	FORM_BASIS_OVERALL
};

struct form_advisory {
	int		 present;
	enum form_basis	 basis;
	int64_t		 cap;
	struct form_step	*index;		/* descending bound */
	size_t		 nindex;
	struct form_step	*fall;		/* ascending bound */
	size_t		 nfall;
	struct form_step	*rank;		/* ascending bound */
	size_t		 nrank;
};

struct form_profile {
	char	*name;
	char	*title;
	size_t	*items;		/* indices into form.items */
	size_t	 nitems;
};

struct form {
	char			*file;
	char			*id;
	char			*title;
	char			*block;
	int64_t			 max;
	int64_t			 step;
	int			 bonus;
	int			 na_explain;	/* default of the items */
	int64_t			 manual_cap;	/* per agency; -1: none */
	struct form_area		*areas;
	size_t			 nareas;
	struct form_criterion	*criteria;
	size_t			 ncriteria;
	struct form_item		*items;
	size_t			 nitems;
	struct form_grade		*grades;	/* descending from */
	size_t			 ngrades;
	struct form_advisory		 advisory;
	struct form_profile		*profiles;
	size_t			 nprofiles;
};

struct form_block {
	char	*code;
	char	*name;
};

struct form_agency {
	char	*code;
	char	*name;
	char	*block;
	char	*parent;	/* may be NULL */
	char	*profile;	/* may be NULL */
	char	*form;		/* its own form's id, or NULL: the block's */
	int	 form_line;
	int	*advises;	/* provincial PAR Index area numbers */
	size_t	 nadvises;
	size_t	 order;		/* official order, 0-based, in the file */
	int	 line;
};

/* A unit that appraises items but is not itself assessed (a district's
 * office), or a former agency whose items another now appraises (by). */
struct form_appraiser {
	char	*code;
	char	*name;		/* may be NULL */
	char	*by;		/* an agency code, or NULL */
	int	 line;
};

struct form_agency_list {
	char		*file;
	char		*province;
	struct form_appraiser	*appraisers;
	size_t		 nappraisers;
	struct form_block	*blocks;
	size_t		 nblocks;
	struct form_agency	*agencies;
	size_t		 nagencies;
	struct form_agency	**bycode;	/* sorted by code, then order;
						   see agency_list_index */
	size_t		 nbycode;	/* those with a code */
	char		*arena;		/* unpacked: the strings live here */
	int		*arena_ints;	/* unpacked: every advises array */
};

/* Index the agencies by code, so that agency_find is a binary search
 * (a national list has 10,000 agencies).  Call again after a change. */
void		 agency_list_index(struct form_agency_list *);

/*
 * A list as a flat byte string and back (form-pack.c): kept in the year
 * beside the list's text, so that opening a year does not parse it.
 * agency_list_pack never fails (caller frees).  agency_list_unpack takes
 * over the malloc'd bytes (the list's strings point into them; freed with
 * the list, or at once when they are not a whole, consistent pack, and
 * then NULL is returned).
 */
char		*agency_list_pack(const struct form_agency_list *, size_t *len);
struct form_agency_list *agency_list_unpack(char *, size_t len);

struct form	*form_new(void);
void		 form_free(struct form *);
struct form_agency_list *agency_list_new(void);
void		 agency_list_free(struct form_agency_list *);

/* Lookups; return NULL or -1 when absent.  Results borrowed from the form. */
const struct form_item	*form_find_item(const struct form *, const char *code);
long			 form_item_index(const struct form *, const char *code);
const struct form_profile	*form_find_profile(const struct form *,
			    const char *name);
const struct form_agency	*agency_find(const struct form_agency_list *,
			    const char *code);
const struct form_appraiser *agency_find_appraiser(
			    const struct form_agency_list *, const char *code);
const struct form_block	*agency_find_block(const struct form_agency_list *,
			    const char *code);

/*
 * The form of a block among forms[0..n): the only one of that block, or,
 * when there are several, the one whose id is the block's code; NULL when
 * there is none or no such one.
 */
struct form	*form_for_block(struct form *const *forms, size_t n,
		    const char *block);
/* The form of an agency: its own (by id, of its block) or its block's.
 * NULL when absent. */
struct form	*form_for_agency(struct form *const *forms, size_t n,
		    const struct form_agency *);
/* The form of forms[0..n) whose id is id, or NULL. */
struct form	*form_find_id(struct form *const *forms, size_t n,
		    const char *id);

const char	*rule_name(enum form_rule_kind);
int		 rule_parse(const char *, enum form_rule_kind *);

/*
 * The operator's inputs for an item's rule (all hundredths):
 *   points: value; choice: level (0-based index); bands: value (measured);
 *   ratio: done, planned; formula: vars[0..ninputs).
 */
#define FORM_INPUT_MAX UTIL_CP_LIMIT	/* 10^9 in hundredths: keeps the
					   exact arithmetic far from overflow */
/* The most inputs a formula item may name. */
#define FORM_MAX_INPUTS 16
struct form_rule_input {
	int64_t		 value;
	size_t		 level;
	int64_t		 done;
	int64_t		 planned;
	const int64_t	*vars;
};

/*
 * Compute the points the rule gives.  Returns 0 with *points set,
 * FORM_RULE_NOT_ARISING when the inputs say the task did not arise (a
 * formula's zero denominator under when_zero = "not_arising"), or -1 with
 * *cause (caller frees) saying what is wrong and the allowed range.
 */
#define FORM_RULE_NOT_ARISING 1
int	 form_rule_points(const struct form_item *,
    const struct form_rule_input *,
	    int64_t *points, char **cause);

/*
 * Check points typed directly for an item: within [min, max] and on the
 * item's step.  Returns 0, or -1 with *cause set (caller frees).
 */
int	 form_check_points(const struct form_item *, int64_t, char **cause);

/*
 * Check points typed directly for an item of any rule (not its inputs):
 * points: as form_check_points; choice: one of the levels' points; bands:
 * 0 or one of the bands' points; ratio: 0, or from max x threshold to max;
 * formula: within [min, max].  Safe for every int64_t.  Returns 0, or -1
 * with *cause set (caller frees), naming what is allowed.
 */
int	 form_check_value(const struct form_item *, int64_t points,
    char **cause);

#endif
