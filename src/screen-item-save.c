/*
 * screen-item-save: what Enter does in the item screen.  The field's
 * pending value becomes one structured change handed to app_edit; what
 * would throw typed or saved work away asks first.
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
	for (i = 0; rc != APP_OK && i < d->nf; i++)
		d->f[i].sending = 0;
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

		if (g == f || g->sending || (g->side == f->side &&
		    (f->kind == F_STATUS || f->kind == F_LEVEL ||
		    f->kind == F_NUMBER) && (g->kind == F_STATUS ||
		    g->kind == F_LEVEL || g->kind == F_NUMBER))) {
			g->dirty = 0;
			g->ed.dirty = 0;
		}
		g->sending = 0;
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
		/* A measured value may carry its unit: "92,5%". */
		if (util_parse_cp_unit(t, it->rule == RULE_BANDS ? it->unit :
		    NULL, &v, &c) != 0) {
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

/* What a side holds on the screen (points, level, inputs), for a
 * question; NULL when nothing.  Caller frees. */
static char *
item_side_values(struct ui *ui, struct item_scr *d, enum score_side side)
{
	const struct form_item	*it = item_of(d);
	const struct score_mark	*m = mark_of(d, side);
	struct strbuf		 b;
	char			 v[32], *t;
	size_t			 i;

	strbuf_init(&b);
	if (m->status == STATUS_SCORED)
		strbuf_printf(&b, _("%s points"), ui_cp(ui, m->points, v));
	for (i = 0; i < d->nf; i++) {
		struct field	*f = &d->f[i];

		if (f->side != side)
			continue;
		if (f->kind == F_LEVEL && f->level >= 0 &&
		    (size_t)f->level < it->nlevels)
			strbuf_printf(&b, "%s%s %d", b.len ? "; " : "",
			    f->label, f->level + 1);
		if (f->kind != F_NUMBER)
			continue;
		t = ui_edit_get(&f->ed);
		if (*t != '\0')
			strbuf_printf(&b, "%s%s = %s", b.len ? "; " : "",
			    f->label, t);
		free(t);
	}
	if (b.len == 0) {
		strbuf_clear(&b);
		return NULL;
	}
	return strbuf_steal(&b);
}

static const char *
item_side_name(enum score_side side)
{
	return side == SIDE_SELF ? _("self score") : _("appraised score");
}

/* The pending text field of a kind, or NULL when it is not typed in. */
static struct field *
item_pending_text(struct item_scr *d, enum ftext kind)
{
	size_t	i;

	for (i = 0; i < d->nf; i++) {
		if (d->f[i].kind == F_TEXT && d->f[i].text == kind &&
		    d->f[i].ed.dirty)
			return &d->f[i];
	}
	return NULL;
}

/*
 * A side's status changes: what the status needs goes with it in one
 * change — the reason typed for an item not assigned (or asked for now),
 * the explanation of a task that did not arise when the form wants one —
 * and points or inputs that the status drops are dropped only after a
 * yes.  0 to save, -1 when the operator said no (nothing changes).
 * *texts gets what is to be freed after the save.
 */
static int
item_status_change(struct ui *ui, struct item_scr *d, struct field *f,
    struct app_change *ch, char **texts)
{
	const struct form_item	*it = item_of(d);
	const struct entry_record *e = entry_of(d);
	struct field		*g;
	char			*vals, *q;
	int			 ok;

	if (f->status != STATUS_SCORED &&
	    (vals = item_side_values(ui, d, f->side)) != NULL) {
		q = xasprintf(_("Change the status of the %s to \"%s\"? This drops what is entered for it: %s. (y/n)"),
		    item_side_name(f->side), ui_status_name(f->status), vals);
		ok = ui_confirm(ui, q);
		free(q);
		free(vals);
		if (!ok)
			return -1;
	}
	if (f->status == STATUS_NOT_ASSIGNED ||
	    mark_of(d, f->side)->status == STATUS_NOT_ASSIGNED) {
		if ((g = item_pending_text(d, T_REASON)) != NULL) {
			texts[0] = ui_edit_get(&g->ed);
			g->sending = 1;
		} else if (f->status == STATUS_NOT_ASSIGNED &&
		    (e->reason == NULL || *e->reason == '\0')) {
			texts[0] = ui_prompt(ui, _("Reason the item is not assigned (required):"), "");
			if (texts[0] == NULL)
				return -1;
		}
		ch->reason = texts[0];
	}
	if (f->status == STATUS_NOT_ARISING && it->na_explain) {
		if ((g = item_pending_text(d, T_EXPLANATION)) != NULL) {
			texts[1] = ui_edit_get(&g->ed);
			g->sending = 1;
		} else if (e->explanation == NULL || *e->explanation == '\0') {
			texts[1] = ui_prompt(ui, _("Why the task did not arise (explanation, required):"), "");
			if (texts[1] == NULL)
				return -1;
		}
		ch->explanation = texts[1];
	}
	return 0;
}

/* Removing a reference asks first, saying when the points will then
 * count 0.  1 for yes. */
static int
item_evidence_remove_ok(struct ui *ui, struct item_scr *d, struct field *f)
{
	const struct form_item		*it = item_of(d);
	const struct entry_record	*e = entry_of(d);
	char				*ref, *q;
	int				 ok, zero;

	ref = entry_evidence_format(&e->evidence[f->evidx], 1);
	zero = e->nevidence == 1 && it->evidence &&
	    ((e->self.status == STATUS_SCORED && e->self.points > 0) ||
	    (e->appraised.status == STATUS_SCORED &&
	    e->appraised.points > 0));
	q = zero ? xasprintf(_("Remove evidence %d (%s)? It is the item's only reference: its points will count 0 until evidence is entered. (y/n)"), f->evidx + 1, ref) :
	    xasprintf(_("Remove evidence %d (%s)? (y/n)"), f->evidx + 1, ref);
	ok = ui_confirm(ui, q);
	free(q);
	free(ref);
	return ok;
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
	char			*text = NULL, *cause = NULL, *q, v[32];
	char			*texts[2] = { NULL, NULL };
	size_t			 i;
	int			 empty, ok;

	/* Enter on an untouched field changes nothing. */
	if (!f->dirty && !f->ed.dirty)
		return UI_OK;
	memset(&ch, 0, sizeof ch);
	memset(&in, 0, sizeof in);
	switch (f->kind) {
	case F_STATUS:
		sc->set = APP_SET_STATUS;
		sc->status = f->status;
		if (f->status != STATUS_SCORED) {
			if (item_status_change(ui, d, f, &ch, texts) != 0) {
				goto kept;
			}
			break;
		}
		if (item_inputs(d, f->side, &in, &empty, &cause) != 0)
			return item_refuse(f, &in, cause);
		if (empty)
			return item_refuse(f, &in,
			    xstrdup(_("enter the value first")));
		sc->set |= APP_SET_INPUTS;
		sc->inputs = &in;
		/* Back from not assigned: the reason typed goes along. */
		if (m->status == STATUS_NOT_ASSIGNED &&
		    item_pending_text(d, T_REASON) != NULL) {
			texts[0] = ui_edit_get(&item_pending_text(d,
			    T_REASON)->ed);
			item_pending_text(d, T_REASON)->sending = 1;
			ch.reason = texts[0];
		}
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
			q = xasprintf(_("Clear the %s of item %s (%s points)? (y/n)"),
			    item_side_name(f->side), it->code,
			    ui_cp(ui, m->points, v));
			ok = ui_confirm(ui, q);
			free(q);
			if (!ok) {
				goto kept;
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
		if (f->evidx >= 0 && nev < entry_of(d)->nevidence &&
		    !item_evidence_remove_ok(ui, d, f)) {
			goto kept;
		}
		ch.set_evidence = 1;
		ch.evidence = ev;
		ch.nevidence = nev;
		break;
	case F_TEXT:
		text = ui_edit_get(&f->ed);
		if (f->text == T_FIRST && item_first_parse(text,
		    &ch.first) != 0) {
			free(f->error);
			f->error = xasprintf(_("round 1: \"%s\" is neither points nor a status (not done, not arising); empty clears it"), text);
			goto out;
		}
		if (f->text == T_FIRST)
			break;
		if (f->text == T_EXPLANATION)
			ch.explanation = text;
		else if (f->text == T_ANALOGY)
			ch.side[f->side].analogy = text;
		else if (f->text == T_DISPUTE)
			ch.dispute = text;
		else if (f->text == T_NOTE)
			ch.note = text;
		else
			ch.reason = text;
		break;
	}
	item_commit(ui, d, &ch, f);
	goto out;
kept:
	/* The operator said no: the field shows what is saved again, and
	 * the texts that were to go with it stay pending. */
	for (i = 0; i < d->nf; i++)
		d->f[i].sending = 0;
	field_load(d, f);
	ui_message(ui, 0, _("Nothing was changed."));
out:
	entry_inputs_clear(&in);
	entry_evidence_free(ev, nev);
	free(text);
	free(texts[0]);
	free(texts[1]);
	return UI_OK;
}
