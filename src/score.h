/*
 * score: the exact scoring engine (DESIGN.md section 3).  Pure: no I/O,
 * no globals.  Everything in hundredths of a point (cp) or basis points
 * (bp); no floating point.
 */
#ifndef CCHC_SCORE_H
#define CCHC_SCORE_H

#include <stddef.h>
#include <stdint.h>

struct form;
struct form_item;
struct form_advisory;
struct form_agency;

enum score_status {
	STATUS_EMPTY,		/* not yet scored: 0, flagged, counts in max */
	STATUS_SCORED,		/* the rule's points */
	STATUS_NOT_ARISING,	/* the task did not arise: the item's max */
	STATUS_NOT_ASSIGNED,	/* leaves both points and max */
	STATUS_NOT_DONE		/* not done or no evidence: 0 */
};

enum score_side {
	SIDE_SELF,
	SIDE_APPRAISED
};

struct score_mark {			/* one side of an entry */
	enum score_status	 status;
	int64_t		 points;	/* meaningful when STATUS_SCORED */
};

struct score_entry {			/* one (agency, item) */
	struct score_mark	 self;
	struct score_mark	 appraised;
	int		 has_evidence;	/* at least one evidence reference */
};

/* Flags of an item's effective points. */
#define SCORE_UNSCORED		0x1	/* empty: chưa chấm */
#define SCORE_NO_EVIDENCE	0x2	/* points without required evidence */
#define SCORE_NOT_ASSIGNED	0x4	/* outside the agency's max */

const char	*status_name(enum score_status);	/* "" for empty */
/* Accepts the English names and Vietnamese words; "" is empty. 0 or -1. */
int		 status_parse(const char *, enum score_status *);

/*
 * The effective points of an item on one side, with its SCORE_* flags.
 * A not-assigned item gives 0 and SCORE_NOT_ASSIGNED.
 */
int64_t	 score_item(const struct form_item *, const struct score_entry *,
    enum score_side,
	    unsigned *flags);

/* Totals of one agency on one side. */
struct score_totals {
	int64_t	 max;		/* sum of max of assigned items */
	int64_t	 points;	/* sum of effective points */
	int64_t	 deduction;	/* as given */
	int64_t	 total;		/* points - deduction, clamped at 0 */
	int64_t	 rate;		/* bp, clamped to 0..10000 unless bonus */
	size_t	 nitems;	/* assigned items */
	size_t	 unscored;
	size_t	 no_evidence;
	size_t	 nareas;
	int64_t	*area_max;	/* [nareas] */
	int64_t	*area_points;	/* [nareas] */
	int64_t	*area_rate;	/* [nareas], bp, clamped at 0 */
	int	 borrowed;	/* the arrays are the caller's */
};

void	 totals_init(struct score_totals *, const struct form *);
/* The same on 3 x nareas zeroed values the caller owns and frees (one
 * allocation for a year's agencies: pages of agencies never touched are
 * never faulted in). */
void	 totals_init_at(struct score_totals *, const struct form *,
	    int64_t *mem);
void	 totals_clear(struct score_totals *);	/* frees the area arrays */

/*
 * The two halves of score_agency: score_sum adds up the entries (max,
 * points, counts, per area); score_finish takes the deduction off and
 * decides the total and the rates.  Sums kept elsewhere (stored totals)
 * are finished by the same code.
 */
void	 score_sum(const struct form *, const struct score_entry *,
	    enum score_side, struct score_totals *);
void	 score_finish(const struct form *, int64_t deduction,
	    struct score_totals *);
/*
 * Compute the totals of an agency from entries[0..form->nitems), on one
 * side, with the deduction (cp, >= 0) taken off.  The caller bounds the
 * deduction (by the agency's max) and the points (by the item's range);
 * sums saturate rather than overflow whatever they are given.
 */
void	 score_agency(const struct form *, const struct score_entry *,
	    enum score_side, int64_t deduction, struct score_totals *);

/*
 * rate_bp = round_half_up(10000 * points / max), exact for every input;
 * 0 when max <= 0; saturated to INT64_MAX or INT64_MIN past int64_t.
 */
int64_t	 score_rate(int64_t points, int64_t max);

/* The grade a rate falls in; NULL if the form has none that fits. */
const char	*score_grade(const struct form *, int64_t rate);

/* The area number of the province's overall results. */
#define SCORE_OVERALL	0

/* The province's results for one area of its PAR Index, or overall
 * (area SCORE_OVERALL) (year inputs). */
struct score_province {
	int	 area;		/* 1-based area of the provincial index;
				   SCORE_OVERALL: the whole index */
	int	 has_index;
	int64_t	 index;		/* component index, bp */
	int	 rank;		/* national rank of the area; 0 unknown */
	int	 prev_rank;	/* the year before; 0 unknown */
	int	 has_fall;	/* derived from rank and prev_rank */
	int	 fall;		/* places fallen in the national ranking */
};

/* The advisory deduction for one advised area, or for the overall
 * results (uncapped): its index step, its fall step, its rank step. */
int64_t	 score_advisory_area(const struct form_advisory *,
	    const struct score_province *);

/* The advisory deduction of an agency, capped: its advised areas' (basis
 * area), or the overall results' once if it advises on any (basis
 * overall). */
int64_t	 score_advisory(const struct form_advisory *,
    const struct form_agency *,
	    const struct score_province *, size_t);

/* One row of a ranking. */
struct score_rank_row {
	size_t	 index;		/* caller's index of the agency */
	size_t	 order;		/* official order */
	int64_t	 rate;		/* bp */
	size_t	 rank;		/* filled: 1-based, ties share, next skips */
};

/* Sort rows by rate descending then official order; assign ranks. */
void	 score_rank(struct score_rank_row *, size_t);

#endif
