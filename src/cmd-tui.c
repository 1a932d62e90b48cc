/* cmd-tui: cchc with no command opens the screens on the latest year. */
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "screens.h"
#include "ui.h"

/* The exit code for a result of the screens; prints the cause. */
static int
tui_fail(int rc, char *cause)
{
	cmd_error("%s", cause != NULL ? cause : TR("the screens failed"));
	free(cause);
	switch (rc) {
	case UI_EXIT_NOTTY:
	default:
		return EXIT_NOTTY;
	}
}

int
cmd_overview(struct cmd_ctx *ctx)
{
	struct agencies_args	 agencies = { 0, 0 };
	struct ui_start		 start = {
		.open = {
			{ &screen_years, NULL },
			{ &screen_agencies, &agencies },
		},
		.nopen = 2,
		.help = &screen_help,
	};
	struct store		*st;
	int			*years = NULL, code, rc;
	size_t			 n = 0;
	char			*cause = NULL, *dir, *list;

	if ((rc = ui_check_terminal(&cause)) != UI_EXIT_DONE)
		return tui_fail(rc, cause);
	/* The default database is made on first use; a named one must
	 * exist, so that a typing mistake does not make a new file. */
	if ((code = cmd_open(ctx, ctx->db == NULL, &st)) != EXIT_OK)
		return code;
	if ((rc = app_years(st, &years, &n, &cause)) != APP_OK) {
		free(years);
		app_close(st);
		return cmd_fail(rc, cause);
	}
	/* The latest year's first block on top of the years, if any. */
	if (n > 0)
		agencies.year = years[n - 1];
	else
		start.nopen = 1;
	free(years);
	dir = cmd_data_dir();
	list = cmd_default_agencies(dir, 0, &cause);
	free(cause);
	cause = NULL;
	start.datadir = dir;
	start.agencies = list;
	rc = ui_main(st, &start, &cause);
	free(dir);
	free(list);
	app_close(st);
	return rc == UI_EXIT_DONE ? EXIT_OK : tui_fail(rc, cause);
}
