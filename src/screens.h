/*
 * screens: the full screens of the terminal workstation, one file each
 * (screen-*.c), and what each needs to open.  Only the screens and the
 * command layer that starts them (cmd-tui.c) include this; ui itself
 * knows none of them.
 *
 * Open one with ui_push(ui, &screen_X, &(struct X_args){ ... }): the
 * arguments are read by the screen's init and not kept; the agencies a
 * screen points at are borrowed from ui->year.  The agencies and ranking
 * screens open their year, replacing ui->year when it is another one: push
 * them only over screens that hold no agency (the years, each other).
 */
#ifndef CCHC_SCREENS_H
#define CCHC_SCREENS_H

#include <stddef.h>

#include "ui.h"

struct app_agency;

/* The years and their blocks; no arguments (NULL).  The root. */
extern const struct ui_screen_ops screen_years;

/* The agencies of a block; opens (loads) the year first. */
struct agencies_args {
	int		 year;
	size_t		 block;
};
extern const struct ui_screen_ops screen_agencies;

/* One agency, area by area. */
struct walk_args {
	struct app_agency	*agency;
};
extern const struct ui_screen_ops screen_walk;

/* The entry of one item (index in the agency's form); appraise: start
 * on the appraised side.  From a work list, step gives the list's next
 * (dir 1) or previous (dir -1) item and selects it there: 0, or -1 at an
 * end, -2 after a message; NULL elsewhere. */
struct item_args {
	struct app_agency	*agency;
	size_t			 item;
	int			 appraise;
	int			(*step)(void *list, int dir, struct app_agency **,
				    size_t *item);
	void			*list;
};
extern const struct ui_screen_ops screen_item;

/* An appraising department's work list in a block (screen-work.c):
 * code NULL lists the block's appraisers to choose from, with their
 * progress; a code lists its items, agency by agency. */
struct work_args {
	size_t		 block;
	const char	*code;
};
extern const struct ui_screen_ops screen_work;

/* The deductions of an agency. */
struct deduct_args {
	struct app_agency	*agency;
};
extern const struct ui_screen_ops screen_deduct;

/* The ranking of a block; opens (loads) the year first. */
struct ranking_args {
	int		 year;
	size_t		 block;
};
extern const struct ui_screen_ops screen_ranking;

/* Self against appraised: one agency, or (agency NULL) a whole block. */
struct compare_args {
	struct app_agency	*agency;
	size_t			 block;
};
extern const struct ui_screen_ops screen_compare;

/*
 * The year's workflow from a screen (screen-flow.c): submit, appraise or
 * reopen an agency (a), publish or reopen the year (a NULL; reopen of a
 * published agency reopens its block, or its district's communes).  Asks for a confirmation
 * that says what will be frozen, or for reopen the reason; the outcome
 * goes to the message line.  Returns UI_* flags (UI_CHANGED on a change).
 */
int	 screen_flow(struct ui *, struct app_agency *a, enum app_action);
/* Publish or reopen one scope of the open year: a block (parent NULL:
 * all of it) or the communes of one parent; block NULL: the year.  The
 * same questions and messages as screen_flow. */
int	 screen_flow_scope(struct ui *, const char *block, const char *parent,
	    enum app_action);

/* A year's settings (the printed decision's number, date, signer);
 * opens (loads) the year first. */
struct settings_args {
	int		 year;
};
extern const struct ui_screen_ops screen_settings;

/*
 * Print (screen-print.c): a dialog over the screen that opens it (p),
 * asking what (this block's annex or area matrix, this agency's sheet,
 * every sheet of the block, the comparison; the decision's number, date
 * and signer) and how (printer, PDF, XLSX or text file), then building
 * and writing the report as cchc report and print do, with progress.
 */
struct print_args {
	size_t			 block;		/* the block shown */
	struct app_agency	*agency;	/* shown or selected, or NULL */
	enum score_side		 side;		/* the side shown */
	int			 matrix;	/* the area matrix is shown */
};
extern const struct ui_screen_ops screen_print;

/* The keys of a screen; gets struct ui_help_args (ui.h) from the loop. */
extern const struct ui_screen_ops screen_help;

#endif
