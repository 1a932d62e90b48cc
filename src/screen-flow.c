/* screen-flow: the year's workflow from the screens, with a confirmation
 * that says what will be frozen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "screens.h"
#include "ui.h"
#include "util.h"

/* The question to ask before an action; caller frees. */
static char *
flow_question(struct ui *ui, struct app_agency *a, enum app_action act)
{
	switch (act) {
	case APP_SUBMIT:
		return xasprintf(_("Submit the self-assessment of %s? Its self scores will be frozen and the appraisal can start. (y/n)"), a->ag->name);
	case APP_APPRAISE:
		return xasprintf(_("Close the appraisal of %s? Its appraised scores and its result will be frozen. (y/n)"), a->ag->name);
	case APP_PUBLISH:
		return xasprintf(_("Publish year %d? Every score, deduction and rank of the year will be frozen (read only) until it is reopened. (y/n)"), ui->year->year);
	case APP_REOPEN:
		if (a != NULL)
			return xasprintf(_("Reopen %s (back to draft), reason:"), a->ag->name);
		return xasprintf(_("Reopen year %d, reason:"), ui->year->year);
	}
	return xstrdup("?");
}

int
screen_flow(struct ui *ui, struct app_agency *a, enum app_action act)
{
	char	*q, *reason = NULL, *cause = NULL;
	int	 ok, rc;

	if (ui->year == NULL)
		return UI_OK;
	/* An agency of a published year opens only with its year. */
	if (act == APP_REOPEN && ui->year->published)
		a = NULL;
	if (act == APP_PUBLISH)
		a = NULL;
	if (a == NULL && (act == APP_SUBMIT || act == APP_APPRAISE))
		return UI_OK;
	q = flow_question(ui, a, act);
	if (act == APP_REOPEN) {
		reason = ui_prompt(ui, q, "");
		ok = reason != NULL;
		if (ok && *reason == '\0') {
			ui_message(ui, 1, "%s", _("Reopening needs a reason: nothing was changed."));
			ok = 0;
		}
	} else
		ok = ui_confirm(ui, q);
	free(q);
	if (!ok) {
		free(reason);
		return UI_OK;
	}
	rc = app_set_state(ui->st, ui->year, a != NULL ? a->ag->code : NULL,
	    act, reason, &cause);
	free(reason);
	if (rc != APP_OK) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return UI_OK;
	}
	if (a != NULL)
		ui_message(ui, 0, _("%s is now %s."), a->ag->name,
		    ui_state_name(a->state));
	else if (ui->year->published)
		ui_message(ui, 0, _("Year %d is published: it is frozen, read only."), ui->year->year);
	else
		ui_message(ui, 0, _("Year %d is reopened: its scores can be changed again."), ui->year->year);
	return UI_CHANGED;
}
