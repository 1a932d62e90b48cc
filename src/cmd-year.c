/* cmd-year: a year's settings (the printed decision's number, date,
 * signer), and amending a started year's forms and agency list. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

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

/* year amend YEAR [--forms DIR] [--agencies FILE] [--force] [--dry-run]:
 * the diff first, then the change, refused when entries would be lost
 * (without --force) or a published block is touched. */
static int
year_amend(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "forms", required_argument, NULL, 'f' },
		{ "agencies", required_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'F' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct app_amend	*m = NULL;
	struct errlist		 errs;
	struct store		*st;
	struct app_year		*y;
	const char		*forms = NULL, *agencies = NULL;
	char			*cause = NULL;
	int			 c, code, rc, force = 0, dry = 0;
	size_t			 i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			forms = optarg;
			break;
		case 'a':
			agencies = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'n':
			dry = 1;
			break;
		default:
			return cmd_usage(&cmd_year_cmd);
		}
	}
	if (argc - optind != 1)
		return cmd_usage(&cmd_year_cmd);
	if ((code = cmd_load(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	errlist_init(&errs);
	rc = app_amend_plan(st, y, forms, agencies, &errs, &m, &cause);
	errlist_sort(&errs);
	for (i = 0; i < errs.n; i++)
		cmd_errline(errs.items[i].msg);
	errlist_clear(&errs);
	if (rc != APP_OK) {
		code = rc == APP_BADINPUT ? EXIT_CONFIG : rc == APP_CANTOPEN ?
		    EXIT_NOINPUT : cmd_code(rc);
		cmd_error("%s", cause);
		free(cause);
		goto out;
	}
	if (app_amend_nchanges(m) == 0) {
		printf(TR("year %d: no change (the forms and the agency list are those of the year)\n"), y->year);
		goto out;
	}
	cmd_print_safe(stdout, app_amend_diff(m));
	fflush(stdout);
	if (app_amend_locked(m) != NULL) {
		cmd_error(TR("year %d not amended: %s"), y->year,
		    app_amend_locked(m));
		code = EXIT_LOCKED;
		goto out;
	}
	if (app_amend_nlost(m) > 0) {
		fprintf(stderr, "%s\n", TR("entries that would be lost:"));
		cmd_print_safe(stderr, app_amend_losses(m));
		if (!force && !dry) {
			cmd_error(TR("year %d not amended: %zu entries or deduction lines would be lost (amend with --force to drop them)"), y->year, app_amend_nlost(m));
			code = EXIT_DATAERR;
			goto out;
		}
	}
	if (dry) {
		printf("%s\n", TR("nothing changed (--dry-run)"));
		goto out;
	}
	if ((rc = app_amend_apply(st, y, m, &cause)) != APP_OK) {
		code = cmd_fail(rc, cause);
		goto out;
	}
	printf(TR("year %d amended: %zu changes, %zu entries or deduction lines dropped\n"),
	    y->year, app_amend_nchanges(m), app_amend_nlost(m));
out:
	app_amend_free(m);
	app_year_free(y);
	app_close(st);
	return code;
}

static int
year_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "amend") == 0)
		return year_amend(ctx, argc - 1, argv + 1);
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
	    "decision-date, signer, signer-title, authority, rounds) | amend YEAR "
	    "[--forms DIR] [--agencies FILE] [--force] [--dry-run]"),
	.help = N_("show or set a year's settings; amend a started year's forms "
	    "and agencies"),
	.run = year_run,
};
