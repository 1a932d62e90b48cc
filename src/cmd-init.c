/* cmd-init: start an assessment year from forms and an agency list. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

/* Remove the database a failed init made, and SQLite's files beside it,
 * so that no file with a schema and no year is left behind. */
static void
init_discard(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char	*p;
	size_t	 i;

	for (i = 0; i < UTIL_ARRAY_LEN(suffix); i++) {
		p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

static int
init_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "forms", required_argument, NULL, 'f' },
		{ "agencies", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct errlist	 errs;
	char		*forms = NULL, *agencies = NULL, *dir, *cause = NULL;
	char		*path = NULL;
	int		 c, year, from = 0, code, rc, existed;
	size_t		 i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			forms = optarg;
			break;
		case 'a':
			agencies = optarg;
			break;
		case 'F':
			if (cmd_year(optarg, &from) != 0)
				return EXIT_USAGE;
			break;
		default:
			return cmd_usage(&cmd_init);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(&cmd_init);
	if (cmd_year(argv[optind], &year) != 0)
		return EXIT_USAGE;
	if (from != 0 && agencies != NULL) {
		cmd_error(TR("--from and --agencies cannot go together"));
		return EXIT_USAGE;
	}
	dir = cmd_data_dir();
	forms = forms != NULL ? xstrdup(forms) : xasprintf("%s/forms", dir);
	if (agencies != NULL)
		agencies = xstrdup(agencies);
	else if (from == 0 && (agencies = cmd_default_agencies(dir,
	    year, &cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		free(dir);
		free(forms);
		return EXIT_NOINPUT;
	}
	free(dir);
	if ((path = cmd_db_path(ctx)) == NULL) {
		code = EXIT_NOINPUT;
		goto out;
	}
	existed = access(path, F_OK) == 0;
	if ((code = cmd_open(ctx, 1, &st)) != EXIT_OK)
		goto out;
	errlist_init(&errs);
	rc = app_init_year(st, year, forms, agencies, from, &errs, &cause);
	errlist_sort(&errs);
	for (i = 0; i < errs.n; i++)
		cmd_errline(errs.items[i].msg);
	if (rc == APP_OK)
		printf(TR("year %d started: forms from %s, agencies from %s\n"),
		    year, forms,
		    agencies != NULL ? agencies : TR("the year before"));
	code = rc == APP_OK ? EXIT_OK : rc == APP_BADINPUT ? EXIT_CONFIG :
	    rc == APP_CANTOPEN ? EXIT_NOINPUT : cmd_code(rc);
	if (rc != APP_OK)
		cmd_error("%s", cause);
	free(cause);
	errlist_clear(&errs);
	app_close(st);
	if (rc != APP_OK && !existed)
		init_discard(path);
out:
	free(path);
	free(forms);
	free(agencies);
	return code;
}

const struct cmd cmd_init = {
	.name = "init",
	.usage = N_("YEAR [--forms DIR] [--agencies FILE] [--from YEAR]"),
	.help = N_("start an assessment year"),
	.run = init_run,
};
