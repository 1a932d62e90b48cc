/* cmd-backup: an online, fsynced copy of the database, then verified. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

static int
backup_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st, *copy;
	char		*cause = NULL, *why;
	int		 code, rc;
	long long	 rows;
	char		 tail[65];

	if (argc != 2)
		return cmd_usage(&cmd_backup);
	if ((code = cmd_open_read(ctx, &st)) != EXIT_OK)
		return code;
	rc = app_backup(st, argv[1], &cause);
	if (rc != APP_OK) {
		app_close(st);
		cmd_error("%s", cause);
		free(cause);
		return rc == APP_IOERR ? EXIT_IOERR : rc == APP_BUSY ?
		    EXIT_BUSY : EXIT_CANTCREAT;
	}
	if ((rc = app_open(argv[1], 0, "backup", &copy, &cause)) != APP_OK) {
		app_close(st);
		return cmd_fail(rc, cause);
	}
	code = cmd_verify_store(copy, &rows, tail);
	app_close(copy);
	if (code == EXIT_DATAERR) {
		cmd_error(TR("%s: the copy does not verify"), argv[1]);
		code = EXIT_IOERR;
	} else if (code == EXIT_OK) {
		printf(TR("%s: backup written and verified (audit: %lld rows, last hash %s)\n"), argv[1], rows, tail);
		/* The database's chain as backed up, outside both files. */
		why = xasprintf("backup to %s", argv[1]);
		code = cmd_anchor_write(st, NULL, why);
		free(why);
	}
	app_close(st);
	return code;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.usage = N_("FILE"),
	.help = N_("copy the database to FILE and verify the copy"),
	.run = backup_run,
};
