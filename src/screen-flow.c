/* screen-flow: the year's workflow from the screens, with a confirmation
 * that says what will be frozen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "form.h"
#include "screens.h"
#include "ui.h"
#include "util.h"

/* The question to ask before an action on an agency; caller frees. */
static char *
flow_question(struct app_agency *a, enum app_action act)
{
	switch (act) {
	case APP_SUBMIT:
		return xasprintf(_("Submit the self-assessment of %s? Its self scores will be frozen and the appraisal can start. (y/n)"), a->ag->name);
	case APP_APPRAISE:
		return xasprintf(_("Close the appraisal of %s? Its appraised scores and its result will be frozen. (y/n)"), a->ag->name);
	case APP_REOPEN:
		return xasprintf(_("Reopen %s (back to draft), reason:"), a->ag->name);
	case APP_PUBLISH:
		break;
	}
	return xstrdup("?");
}

/* The name of a scope on screen: the block's, and its parent's; caller
 * frees. */
static char *
flow_scope_name(const struct app_year *y, const char *block,
    const char *parent)
{
	const struct form_block		*b = agency_find_block(y->list, block);
	const struct form_agency	*p = parent != NULL ?
					    agency_find(y->list, parent) : NULL;
	const char			*bn = b != NULL ? b->name : block;

	if (parent == NULL)
		return xstrdup(bn);
	return xasprintf(_("%s of %s"), bn, p != NULL ? p->name : parent);
}

/* Ask, then act: the reason for reopen, else a yes.  *reason: caller
 * frees; 0 when the operator said no. */
static int
flow_ask(struct ui *ui, char *q, enum app_action act, char **reason)
{
	int	ok;

	*reason = NULL;
	if (act == APP_REOPEN) {
		*reason = ui_prompt(ui, q, "");
		ok = *reason != NULL;
		if (ok && **reason == '\0') {
			ui_message(ui, 1, "%s", _("Reopening needs a reason: nothing was changed."));
			ok = 0;
		}
	} else
		ok = ui_confirm(ui, q);
	free(q);
	if (!ok) {
		free(*reason);
		*reason = NULL;
	}
	return ok;
}

int
screen_flow_scope(struct ui *ui, const char *block, const char *parent,
    enum app_action act)
{
	char	*q, *name = NULL, *reason = NULL, *cause = NULL;
	int	 rc;

	if (ui->year == NULL || (act != APP_PUBLISH && act != APP_REOPEN))
		return UI_OK;
	if (block != NULL)
		name = flow_scope_name(ui->year, block, parent);
	if (act == APP_PUBLISH)
		q = name != NULL ? xasprintf(_("Publish %s, year %d? (y/n) Its scores, deductions and ranks will be frozen (read only) until it is reopened."), name, ui->year->year) :
		    xasprintf(_("Publish year %d? Every score, deduction and rank of the year will be frozen (read only) until it is reopened. (y/n)"), ui->year->year);
	else
		q = name != NULL ? xasprintf(_("Reopen %s, year %d, reason:"),
		    name, ui->year->year) :
		    xasprintf(_("Reopen year %d, reason:"), ui->year->year);
	if (!flow_ask(ui, q, act, &reason)) {
		free(name);
		return UI_OK;
	}
	rc = app_scope_set_state(ui->st, ui->year, block, parent, act, reason,
	    &cause);
	free(reason);
	if (rc != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		free(name);
		return UI_OK;
	}
	if (ui->year->published)
		ui_message(ui, 0, _("Year %d is published: it is frozen, read only."), ui->year->year);
	else if (name != NULL && act == APP_PUBLISH)
		ui_message(ui, 0, _("%s, year %d, is published: it is frozen, read only."), name, ui->year->year);
	else if (name != NULL)
		ui_message(ui, 0, _("%s, year %d, is reopened: its scores can be changed again."), name, ui->year->year);
	else
		ui_message(ui, 0, _("Year %d is reopened: its scores can be changed again."), ui->year->year);
	free(name);
	return UI_CHANGED;
}

int
screen_flow(struct ui *ui, struct app_agency *a, enum app_action act)
{
	char	*reason = NULL, *cause = NULL;
	int	 rc;

	if (ui->year == NULL)
		return UI_OK;
	/* A published agency opens only with its scope. */
	if (act == APP_REOPEN && a != NULL &&
	    app_agency_published(ui->year, a))
		return screen_flow_scope(ui, ui->year->published ? NULL :
		    a->ag->block, ui->year->published ? NULL : a->ag->parent,
		    act);
	if (act == APP_PUBLISH || (act == APP_REOPEN && a == NULL))
		return screen_flow_scope(ui, NULL, NULL, act);
	if (a == NULL)
		return UI_OK;
	if (!flow_ask(ui, flow_question(a, act), act, &reason))
		return UI_OK;
	rc = app_set_state(ui->st, ui->year, a->ag->code, act, reason, &cause);
	free(reason);
	if (rc != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return UI_OK;
	}
	ui_message(ui, 0, _("%s is now %s."), a->ag->name,
	    ui_state_name(a->state));
	return UI_CHANGED;
}
