/* cmd-verify: integrity of the file, the audit chain and the data. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

int
cmd_verify_store(struct store *st, long long *rows, char tail[65])
{
	struct errlist	 problems;
	char		*cause = NULL;
	int		 rc, code = EXIT_OK;
	size_t		 i;

	errlist_init(&problems);
	rc = app_verify(st, &problems, rows, tail, &cause);
	for (i = 0; i < problems.n; i++)
		cmd_errline(problems.items[i].msg);
	if (rc != APP_OK)
		code = cmd_fail(rc, cause);
	else if (problems.n > 0) {
		cmd_error("%zu problem%s found", problems.n,
		    problems.n == 1 ? "" : "s");
		code = EXIT_DATAERR;
	}
	errlist_clear(&problems);
	return code;
}

static int
verify_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	int		 code;
	long long	 rows;
	char		 tail[65];

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_verify);
	if ((code = cmd_open_read(ctx, &st)) != EXIT_OK)
		return code;
	code = cmd_verify_store(st, &rows, tail);
	app_close(st);
	if (code == EXIT_OK)
		printf("ok: file intact, audit chain whole, data as audited\naudit: %lld rows, last hash %s\n", rows, tail);
	return code;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.usage = "",
	.help = "check the database and its audit log",
	.run = verify_run,
};
