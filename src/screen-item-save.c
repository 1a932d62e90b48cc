/*
 * screen-item-save: what Enter does in the item screen.  The field's
 * pending value becomes one structured change handed to app_edit.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screen-item.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* Commit a change through app; on success rebuild, else show why. */
static int
item_commit(struct ui *ui, struct item_scr *d, struct app_change *ch,
    struct field *f)
{
	char	*cause = NULL;
	size_t	 i;
	int	 rc;

	ch->agency = d->a->ag->code;
	ch->item = item_of(d)->code;
	ch->seen = &d->seen;
	rc = app_edit(ui->st, ui->year, ch, NULL, &cause);
	if (rc == APP_CONFLICT) {
		/* Someone else saved first: show what is on disk now (and
		 * the other screens what memory now holds). */
		d->saved = 1;
		item_build(d);
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return -1;
	}
	if (rc != APP_OK) {
		free(f->error);
		f->error = cause;
		ui_message(ui, 1, "%s", cause);
		return -1;
	}
	ui_message(ui, 0, _("Saved."));
	d->saved = 1;
	/* What was saved is no longer pending: the field, or all the fields
	 * of its side's score (the status and the rule's inputs go
	 * together). */
	for (i = 0; i < d->nf; i++) {
		struct field	*g = &d->f[i];

		if (g == f || (g->side == f->side && (f->kind == F_STATUS ||
		    f->kind == F_LEVEL || f->kind == F_NUMBER) &&
		    (g->kind == F_STATUS || g->kind == F_LEVEL ||
		    g->kind == F_NUMBER))) {
			g->dirty = 0;
			g->ed.dirty = 0;
		}
	}
	item_build(d);
	return 0;
}

/*
 * The inputs of a side from its pending fields (empty fields left out:
 * app names the missing ones).  *empty: every field is empty.  0, or -1
 * with *cause naming the field whose text is not a number.
 */
static int
item_inputs(struct item_scr *d, enum score_side side, struct entry_inputs *in,
    int *empty, char **cause)
{
	const struct form_item	*it = item_of(d);
	size_t			 i;
	int64_t			 v;
	char			*t, *c;

	memset(in, 0, sizeof *in);
	*empty = 1;
	for (i = 0; i < d->nf; i++) {
		struct field	*f = &d->f[i];

		if (f->side != side)
			continue;
		if (f->kind == F_LEVEL && f->level >= 0) {
			entry_inputs_set(in, "level", (int64_t)(f->level + 1) *
			    100);
			*empty = 0;
		}
		if (f->kind != F_NUMBER)
			continue;
		t = ui_edit_get(&f->ed);
		if (*t == '\0') {
			free(t);
			continue;
		}
		*empty = 0;
		if (util_parse_cp(t, &v, &c) != 0) {
			*cause = it->rule == RULE_FORMULA ?
			    xasprintf("%s: %s", f->key, c) : xstrdup(c);
			free(c);
			free(t);
			entry_inputs_clear(in);
			return -1;
		}
		free(t);
		entry_inputs_set(in, f->key, v);
	}
	return 0;
}

/* Refuse a field's value: its reason beside it, nothing written. */
static int
item_refuse(struct field *f, struct entry_inputs *in, char *cause)
{
	entry_inputs_clear(in);
	free(f->error);
	f->error = cause;
	return UI_OK;
}

/* The evidence list with field f's reference put in, changed or
 * removed; -1 with the reason beside the field. */
static int
item_evidence(struct item_scr *d, struct field *f, struct entry_evidence **out,
    size_t *nout)
{
	const struct entry_record	*e = entry_of(d);
	struct entry_evidence		*ev, *list;
	size_t				 nev, n = 0, i;
	char				*raw = ui_edit_get(&f->ed),
	    *cause = NULL;

	if (entry_evidence_parse(raw, f->evidx >= 0 ? (size_t)f->evidx + 1 :
	    e->nevidence + 1, &ev, &nev, &cause) != 0 || nev > 1) {
		free(raw);
		if (cause == NULL)
			cause = xstrdup(_("one reference per field: number | date | title"));
		free(f->error);
		f->error = cause;
		entry_evidence_free(ev, nev);
		return -1;
	}
	free(raw);
	list = xcalloc(e->nevidence + 2, sizeof *list);
	for (i = 0; i < e->nevidence; i++) {
		if ((int)i == f->evidx) {
			if (nev == 1)
				list[n++] = ev[0];
			continue;
		}
		list[n].number = xstrdup(e->evidence[i].number);
		list[n].date = xstrdup(e->evidence[i].date);
		list[n].title = xstrdup(e->evidence[i].title);
		n++;
	}
	if (f->evidx < 0 && nev == 1)
		list[n++] = ev[0];
	if (nev == 1 && f->evidx >= 0 && (size_t)f->evidx >= e->nevidence)
		entry_evidence_free(ev, nev);
	else
		free(ev);
	*out = list;
	*nout = n;
	return 0;
}

int
item_enter(struct ui *ui, struct item_scr *d)
{
	struct field		*f = &d->f[d->focus];
	const struct form_item	*it = item_of(d);
	const struct score_mark	*m = mark_of(d, f->side);
	struct app_change	 ch;
	struct app_side_change	*sc = &ch.side[f->side];
	struct entry_inputs	 in;
	struct entry_evidence	*ev = NULL;
	size_t			 nev = 0;
	char			*text = NULL, *cause = NULL;
	int			 empty;

	/* Enter on an untouched field changes nothing. */
	if (!f->dirty && !f->ed.dirty)
		return UI_OK;
	memset(&ch, 0, sizeof ch);
	memset(&in, 0, sizeof in);
	switch (f->kind) {
	case F_STATUS:
		sc->set = APP_SET_STATUS;
		sc->status = f->status;
		if (f->status != STATUS_SCORED)
			break;
		if (item_inputs(d, f->side, &in, &empty, &cause) != 0)
			return item_refuse(f, &in, cause);
		if (empty)
			return item_refuse(f, &in,
			    xstrdup(_("enter the value first")));
		sc->set |= APP_SET_INPUTS;
		sc->inputs = &in;
		break;
	case F_LEVEL:
		if (f->level < 0)
			return UI_OK;
		/* FALLTHROUGH */
	case F_NUMBER:
		if (item_inputs(d, f->side, &in, &empty, &cause) != 0)
			return item_refuse(f, &in, cause);
		if (empty) {
			/* Clearing every input clears a score, and only that:
			 * a status such as not arising stays, and points
			 * imported without the rule's inputs stay too. */
			if (m->status != STATUS_SCORED || (it->rule !=
			    RULE_POINTS && inputs_of(d, f->side)->n == 0)) {
				field_load(d, f);
				return UI_OK;
			}
			sc->set = APP_SET_STATUS;
			sc->status = STATUS_EMPTY;
			break;
		}
		sc->set = APP_SET_INPUTS;
		sc->inputs = &in;
		break;
	case F_EVIDENCE:
		if (item_evidence(d, f, &ev, &nev) != 0)
			return UI_OK;
		ch.set_evidence = 1;
		ch.evidence = ev;
		ch.nevidence = nev;
		break;
	case F_TEXT:
		text = ui_edit_get(&f->ed);
		if (f->text == T_EXPLANATION)
			ch.explanation = text;
		else if (f->text == T_NOTE)
			ch.note = text;
		else
			ch.reason = text;
		break;
	}
	item_commit(ui, d, &ch, f);
	entry_inputs_clear(&in);
	entry_evidence_free(ev, nev);
	free(text);
	return UI_OK;
}

