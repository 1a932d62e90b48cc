/* app-settings: a year's settings for the printed decision. */
#include "app-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The longest value of a setting, in bytes. */
#define APP_SETTING_MAX	200

const struct app_setting_def app_setting_defs[APP_NSETTINGS] = {
	[APP_DECISION_NUMBER] = { "decision-number",
	    N_("the decision's number, e.g. 2729/QĐ-UBND") },
	[APP_DECISION_DATE] = { "decision-date",
	    N_("the decision's date, d/m/yyyy") },
	[APP_SIGNER] = { "signer", N_("the name of who signs the decision") },
	[APP_SIGNER_TITLE] = { "signer-title",
	    N_("the signer's title (default PHÓ CHỦ TỊCH)") },
	[APP_AUTHORITY] = { "authority",
	    N_("the issuing body's second line (default TỈNH and the province)") },
	[APP_ROUNDS] = { "rounds",
	    N_("rounds of appraisal: 2 (first, dispute, final) or 1 (default)") },
};

int
app_setting_find(const char *name)
{
	int	i;

	for (i = 0; i < APP_NSETTINGS; i++) {
		if (strcmp(app_setting_defs[i].name, name) == 0)
			return i;
	}
	return -1;
}

void
app_settings_clear(struct app_settings *s)
{
	int	i;

	for (i = 0; i < APP_NSETTINGS; i++) {
		free(s->v[i]);
		s->v[i] = NULL;
	}
}

int
app_settings_load(struct store *st, int year, struct app_settings *s,
    char **cause)
{
	char	**names, **values;
	size_t	  n, i;
	int	  rc, k;

	memset(s, 0, sizeof *s);
	if ((rc = store_settings(st, year, &names, &values, &n, cause)) !=
	    STORE_OK)
		return rc;
	for (i = 0; i < n; i++) {
		/* A name a later cchc wrote is kept but not used. */
		if ((k = app_setting_find(names[i])) >= 0 && s->v[k] == NULL) {
			s->v[k] = values[i];
			values[i] = NULL;
		}
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
	return APP_OK;
}

/* The rounds a setting's value names: 1 or 2, or 0 when it names none. */
static int
app_rounds_value(const char *v)
{
	if (v == NULL || strcmp(v, "1") == 0)
		return 1;
	return strcmp(v, "2") == 0 ? 2 : 0;
}

int
app_rounds_load(struct store *st, struct app_year *y, char **cause)
{
	struct app_settings	s;
	int			rc;

	y->rounds = 1;
	if ((rc = app_settings_load(st, y->year, &s, cause)) != APP_OK)
		return rc;
	if (app_rounds_value(s.v[APP_ROUNDS]) == 2)
		y->rounds = 2;
	app_settings_clear(&s);
	return APP_OK;
}

/* Going back to one round: refused while an entry holds round-1 data. */
static int
app_rounds_check(struct store *st, const struct app_year *y,
    const char *value, char **cause)
{
	long long	n = 0;
	int		rc, rounds = app_rounds_value(value);

	if (rounds == 0) {
		*cause = xasprintf(TR("rounds: \"%s\" is not 1 or 2"), value);
		return APP_BADINPUT;
	}
	if (rounds == 2 || y->rounds == 1)
		return APP_OK;
	if ((rc = store_rounds_count(st, y->year, &n, cause)) != STORE_OK)
		return rc;
	if (n > 0) {
		*cause = xasprintf(TR("year %d: entries holding a first-round appraised score or a dispute: %lld; clear them first (cchc set YEAR AGENCY ITEM --no-first), then set one round"), y->year, n);
		return APP_BADINPUT;
	}
	return APP_OK;
}

int
app_setting_put(struct store *st, struct app_year *y,
    enum app_setting k, const char *value, char **cause)
{
	int	rc;

	*cause = NULL;
	if ((int)k < 0 || k >= APP_NSETTINGS) {
		*cause = xasprintf(TR("unknown setting"));
		return APP_BADINPUT;
	}
	if (y->published)
		return app_locked(y, cause);
	if (value != NULL && *value == '\0')
		value = NULL;
	if (value != NULL) {
		if (strlen(value) > APP_SETTING_MAX) {
			*cause = xasprintf(TR("%s: longer than %d bytes"),
			    app_setting_defs[k].name, APP_SETTING_MAX);
			return APP_BADINPUT;
		}
		if (entry_text_check(value, app_setting_defs[k].name,
		    cause) != 0)
			return APP_BADINPUT;
		if (k == APP_DECISION_DATE && !entry_date_ok(value)) {
			*cause = xasprintf(TR("decision-date: \"%s\" is not a date (d/m/yyyy)"), value);
			return APP_BADINPUT;
		}
	}
	if ((rc = store_begin(st, cause)) != STORE_OK)
		return rc;
	/* Checked inside the transaction: no entry changes meanwhile. */
	if (k == APP_ROUNDS && (rc = app_rounds_check(st, y, value,
	    cause)) != APP_OK)
		return app_end(st, rc, cause);
	if ((rc = app_end(st, store_setting_put(st, y->year,
	    app_setting_defs[k].name, value, cause), cause)) == APP_OK &&
	    k == APP_ROUNDS)
		y->rounds = app_rounds_value(value);
	return rc;
}
