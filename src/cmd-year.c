/* cmd-year: a year's settings (the printed decision's number, date, signer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"

/* year show YEAR: every setting, unset ones empty. */
static int
year_show(struct cmd_ctx *ctx, const char *year)
{
	struct app_settings	 s;
	struct store		*st;
	struct app_year		*y;
	char			*cause = NULL;
	int			 code, rc, i;

	if ((code = cmd_load(ctx, year, &st, &y)) != EXIT_OK)
		return code;
	if ((rc = app_settings_load(st, y->year, &s, &cause)) != APP_OK)
		code = cmd_fail(rc, cause);
	else {
		for (i = 0; i < APP_NSETTINGS; i++)
			printf("%s=%s\n", app_setting_defs[i].name,
			    s.v[i] != NULL ? s.v[i] : "");
		app_settings_clear(&s);
	}
	app_year_free(y);
	app_close(st);
	return code;
}

/* year set YEAR NAME [VALUE]: no value (or "") unsets. */
static int
year_set(struct cmd_ctx *ctx, const char *year, const char *name,
    const char *value)
{
	struct store	*st;
	struct app_year	*y;
	char		*cause = NULL;
	int		 code, rc, k;

	if ((k = app_setting_find(name)) < 0) {
		cmd_error(TR("unknown setting \"%s\"; the settings are:"), name);
		for (k = 0; k < APP_NSETTINGS; k++)
			fprintf(stderr, "  %-16s %s\n",
			    app_setting_defs[k].name, TR(app_setting_defs[k].help));
		return EXIT_USAGE;
	}
	if ((code = cmd_load(ctx, year, &st, &y)) != EXIT_OK)
		return code;
	if ((rc = app_setting_put(st, y, (enum app_setting)k, value,
	    &cause)) != APP_OK)
		code = cmd_fail(rc, cause);
	app_year_free(y);
	app_close(st);
	return code;
}

static int
year_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return year_show(ctx, argv[2]);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "set") == 0)
		return year_set(ctx, argv[2], argv[3], argc == 5 ? argv[4] :
		    NULL);
	return cmd_usage(&cmd_year_cmd);
}

const struct cmd cmd_year_cmd = {
	.name = "year",
	.usage = N_("show YEAR | set YEAR NAME [VALUE]  (NAME: decision-number, "
	    "decision-date, signer, signer-title, authority)"),
	.help = N_("show or set a year's settings for the printed decision"),
	.run = year_run,
};
