/*
 * screen-item (private): the item screen's fields and state, shared by
 * screen-item.c (fields, editing, keys) and screen-item-draw.c.
 */
#ifndef CCHC_SCREEN_ITEM_H
#define CCHC_SCREEN_ITEM_H

#include "app.h"
#include "ui.h"

enum fkind {
	F_STATUS,	/* a side's status: cycles */
	F_LEVEL,	/* a choice item's level: cycles */
	F_NUMBER,	/* a rule input of a side */
	F_EVIDENCE,	/* one reference "number | date | title" */
	F_TEXT		/* explanation, note, reason */
};

enum ftext {
	T_EXPLANATION,
	T_NOTE,
	T_REASON,
	T_ANALOGY,	/* a side's analogy (vận dụng): "" unmarks */
	T_FIRST,	/* two rounds: the first appraised points or status */
	T_DISPUTE	/* two rounds: the agency's dispute of the first */
};

struct field {
	enum fkind	 kind;
	enum score_side	 side;
	const char	*key;		/* F_NUMBER: input name */
	char		*label;
	char		*hint;		/* F_NUMBER: what to count, shown
					   after the box; or NULL */
	struct ui_edit	 ed;
	enum score_status	 status;	/* F_STATUS pending */
	int		 level;		/* F_LEVEL pending, -1 none */
	int		 dirty;
	int		 evidx;		/* F_EVIDENCE: index, -1 new */
	enum ftext	 text;
	char		*error;
	int		 sending;	/* goes with the change being saved */
};

struct item_scr {
	char			 mark;		/* the decimal mark shown */
	int			 rounds;	/* of the year's appraisal */
	int			 leaving;	/* Esc once, fields unsaved */
	int			 quitting;	/* q once, fields unsaved */
	struct app_agency	*a;
	size_t			 item;
	struct field		*f;
	size_t			 nf;
	size_t			 focus;
	int			 top;
	struct entry_record	 seen;		/* the entry shown */
	int			 saved;	/* a commit since the last key */
	int			 appraise;	/* start on the appraised side */
	int			(*step)(void *, int, struct app_agency **,
				    size_t *);	/* from a work list */
	void			*list;
};

/* The item, its committed entry, one side's mark and inputs. */
const struct form_item		*item_of(struct item_scr *);
struct entry_record		*entry_of(struct item_scr *);
const struct score_mark		*mark_of(struct item_scr *, enum score_side);
const struct entry_inputs	*inputs_of(struct item_scr *, enum score_side);
/* Draw the screen from its state (screen-item-draw.c). */
void	 item_draw(struct ui *, struct screen *);
/* The text of a first-round mark ("" none, points, or a status's
 * words); caller frees.  And back: 0, or -1 (not a number nor a status). */
char	*item_first_text(struct item_scr *, const struct score_mark *);
int	 item_first_parse(const char *, struct app_side_change *);
/* Load a field's value from the committed entry. */
void	 field_load(struct item_scr *, struct field *);
/* Build the fields from the committed entry, keeping what is typed. */
void	 item_build(struct item_scr *);
/* Enter on the focused field: save it, or say why not (UI_* flags;
 * screen-item-save.c). */
int	 item_enter(struct ui *, struct item_scr *);

#endif
