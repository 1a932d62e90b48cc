/*
 * app-flow: the year's workflow (submit, appraise, publish, reopen), the
 * manual deduction lines and the province's results.
 */
#include <stdlib.h>
#include <string.h>

#include "app-int.h"
#include "util.h"

int
app_action_parse(const char *s, enum app_action *out)
{
	static const char *const words[] = { "submit", "appraise", "publish",
	    "reopen" };
	size_t	i;

	for (i = 0; i < UTIL_ARRAY_LEN(words); i++) {
		if (strcmp(s, words[i]) == 0) {
			*out = (enum app_action)i;
			return 0;
		}
	}
	return -1;
}

int
app_set_state(struct store *st, struct app_year *y, const char *agency,
    enum app_action act, const char *reason, char **cause)
{
	static const char *const verb[] = { "submit", "appraise", "publish",
	    "reopen" };
	struct app_agency	*a = NULL;
	enum app_state		 to, need = APP_DRAFT;
	int			 rc;

	*cause = NULL;
	if (agency != NULL && (a = app_find_agency(y, agency)) == NULL) {
		*cause = xasprintf(TR("unknown agency \"%s\" in year %d"),
		    agency, y->year);
		return APP_BADINPUT;
	}
	if (act == APP_REOPEN && (reason == NULL || *reason == '\0')) {
		*cause = xstrdup(TR("reopen needs a reason (--reason TEXT)"));
		return APP_BADINPUT;
	}
	if (a == NULL)
		return app_scope_set_state(st, y, NULL, NULL, act, reason,
		    cause);
	if ((rc = app_agency_locked(y, a, cause)) != APP_OK)
		return rc;
	switch (act) {
	case APP_SUBMIT:
		need = APP_DRAFT;
		to = APP_SUBMITTED;
		break;
	case APP_APPRAISE:
		need = APP_SUBMITTED;
		to = APP_APPRAISED;
		break;
	case APP_REOPEN:
		to = APP_DRAFT;
		if (a->state == APP_DRAFT) {
			*cause = xasprintf(TR("agency %s is already a draft"),
			    agency);
			return APP_BADINPUT;
		}
		break;
	case APP_PUBLISH:
	default:
		*cause = xasprintf(TR("publish applies to a block or the whole year: cchc state %d publish [--block %s]"), y->year, a->ag->block);
		return APP_BADINPUT;
	}
	if (act != APP_REOPEN && a->state != need) {
		*cause = xasprintf(TR("agency %s is %s; %s needs it %s"),
		    agency, TR(app_state_name(a->state)), verb[act],
		    TR(app_state_name(need)));
		return APP_BADINPUT;
	}
	/* Hand over only what is complete: every item scored or marked. */
	if (act == APP_SUBMIT && a->self.unscored > 0) {
		*cause = xasprintf(TR("agency %s has %zu items without a self score; score them, or mark them not arising, not assigned or not done, before it submits"), agency, a->self.unscored);
		return APP_BADINPUT;
	}
	if (act == APP_APPRAISE && a->appraised.unscored > 0) {
		*cause = xasprintf(TR("agency %s has %zu items without an appraised score; score or mark them before the appraisal is closed"), agency, a->appraised.unscored);
		return APP_BADINPUT;
	}
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_agency_set_state(st, y->year, agency,
	    app_state_name(to), reason, cause), cause);
	if (rc == APP_OK) {
		a->state = to;
		app_changed(y);
	}
	return rc;
}

/* Reload an agency's deduction lines after a change and recompute it. */
static int
app_reload_deductions(struct store *st, struct app_year *y,
    struct app_agency *a, char **cause)
{
	struct entry_deduction	*d;
	size_t			 n;
	int			 rc;

	if ((rc = store_deductions(st, y->year, a->ag->code, &d, &n,
	    cause)) != STORE_OK)
		return rc;
	entry_deductions_free(a->ded, a->nded);
	a->ded = d;
	a->nded = n;
	app_agency_compute(y, a);
	return APP_OK;
}

int
app_deduction_check(const struct app_year *y, const struct app_agency *a,
    unsigned what, int64_t points, const char *reason, const char *evidence,
    char **cause)
{
	char	b1[UTIL_CP_BUFSZ], b2[UTIL_CP_BUFSZ];

	*cause = NULL;
	if (app_agency_locked(y, a, cause) != APP_OK)
		return APP_LOCKED;
	if ((what & APP_DED_POINTS) && points <= 0) {
		*cause = xstrdup(TR("a deduction is a positive number of points"));
		return APP_BADINPUT;
	}
	/* A line, and the lines together, are at most the agency's max:
	 * both bounded, the sum cannot overflow. */
	if ((what & APP_DED_POINTS) && (points > a->appraised.max ||
	    a->manual > a->appraised.max - points)) {
		*cause = xasprintf(TR("deductions of agency %s would come to more than its maximum of %s points (%s already)"), a->ag->code, util_format_cp(a->appraised.max, util_msg_mark(), b1), util_format_cp(a->manual, util_msg_mark(), b2));
		return APP_BADINPUT;
	}
	/* The form's ceiling on the manual lines of one agency. */
	if ((what & APP_DED_POINTS) && a->form != NULL &&
	    a->form->manual_cap >= 0 &&
	    a->manual > a->form->manual_cap - points) {
		*cause = xasprintf(TR("manual deductions of agency %s would come to more than the form's ceiling of %s points (%s already)"), a->ag->code, util_format_cp(a->form->manual_cap, util_msg_mark(), b1), util_format_cp(a->manual, util_msg_mark(), b2));
		return APP_BADINPUT;
	}
	if ((what & APP_DED_REASON) && (reason == NULL || *reason == '\0')) {
		*cause = xstrdup(TR("a deduction needs a reason"));
		return APP_BADINPUT;
	}
	if ((what & APP_DED_REASON) &&
	    entry_text_check(reason, N_("reason"), cause) != 0)
		return APP_BADINPUT;
	if ((what & APP_DED_EVIDENCE) && evidence != NULL &&
	    *evidence != '\0') {
		if (entry_deduction_evidence_check(evidence, cause) != 0)
			return APP_BADINPUT;
	}
	return APP_OK;
}

int
app_deduction_add(struct store *st, struct app_year *y, struct app_agency *a,
    int64_t points, const char *reason, const char *evidence, char **cause)
{
	struct entry_deduction	d;
	long			id;
	int			rc;

	if ((rc = app_deduction_check(y, a, APP_DED_POINTS | APP_DED_REASON |
	    APP_DED_EVIDENCE, points, reason, evidence, cause)) != APP_OK)
		return rc;
	memset(&d, 0, sizeof d);
	d.agency = a->ag->code;
	d.points = points;
	d.reason = (char *)reason;
	d.evidence = evidence != NULL && *evidence != '\0' ?
	    (char *)evidence : NULL;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_deduction_add(st, y->year, &d, &id, cause),
	    cause);
	if (rc != APP_OK)
		return rc;
	return app_reload_deductions(st, y, a, cause);
}

int
app_deduction_remove(struct store *st, struct app_year *y,
    struct app_agency *a, long id, char **cause)
{
	struct app_agency	*owner = NULL;
	size_t			 i, j;
	int			 rc;

	*cause = NULL;
	if (y->published)
		return app_locked(y, cause);
	for (i = 0; i < y->nags; i++) {
		for (j = 0; j < y->ags[i].nded; j++) {
			if (y->ags[i].ded[j].id == id)
				owner = &y->ags[i];
		}
	}
	if (owner == NULL) {
		*cause = xasprintf(TR("deduction %ld is not in year %d"), id,
		    y->year);
		return APP_BADINPUT;
	}
	if (a != NULL && a != owner) {
		*cause = xasprintf(TR("deduction %ld is a line of agency %s, not of %s"), id, owner->ag->code, a->ag->code);
		return APP_BADINPUT;
	}
	a = owner;
	if ((rc = app_agency_locked(y, a, cause)) != APP_OK)
		return rc;
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_deduction_remove(st, y->year, id, cause), cause);
	if (rc != APP_OK)
		return rc;
	return app_reload_deductions(st, y, a, cause);
}

int
app_province_put(struct store *st, struct app_year *y,
    const struct score_province *p, char **cause)
{
	struct score_province	*pr;
	size_t			 n, i;
	int			 rc;

	*cause = NULL;
	if (y->published)
		return app_locked(y, cause);
	/* The province's results give the advisory deductions: not while
	 * an adviser is published. */
	for (i = 0; i < y->nags; i++) {
		if (y->ags[i].ag->nadvises > 0 &&
		    y->ags[i].state == APP_PUBLISHED)
			return app_agency_locked(y, &y->ags[i], cause);
	}
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	rc = app_end(st, store_province_put(st, y->year, p, cause), cause);
	if (rc != APP_OK)
		return rc;
	if ((rc = store_province(st, y->year, &pr, &n, cause)) != STORE_OK)
		return rc;
	free(y->prov);
	y->prov = pr;
	y->nprov = n;
	if ((rc = app_province_falls(st, y, cause)) == APP_OK)
		app_year_compute(y);
	return rc;
}
