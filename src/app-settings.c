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

int
app_setting_put(struct store *st, const struct app_year *y,
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
	return app_end(st, store_setting_put(st, y->year,
	    app_setting_defs[k].name, value, cause), cause);
}
