/* cmd-verify: integrity of the file, the audit chain and the data. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "store.h"
#include "util.h"

static int
verify_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	struct errlist	 problems;
	char		*cause = NULL;
	int		 code, rc;
	size_t		 i;
	long long	 rows;
	char		 tail[65];

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_verify);
	if ((code = cmd_open(ctx, 0, &st)) != EXIT_OK)
		return code;
	errlist_init(&problems);
	rc = store_verify(st, &problems, &rows, tail, &cause);
	store_close(st);
	for (i = 0; i < problems.n; i++)
		fprintf(stderr, "%s\n", problems.items[i].msg);
	if (rc != STORE_OK)
		code = cmd_fail(rc, cause);
	else if (problems.n > 0) {
		cmd_error("%zu problem%s found", problems.n,
		    problems.n == 1 ? "" : "s");
		code = EXIT_DATAERR;
	} else
		printf("ok: file intact, audit chain whole, data as "
		    "audited\naudit: %lld rows, last hash %s\n", rows, tail);
	errlist_clear(&problems);
	return code;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.usage = "",
	.help = "check the database and its audit log",
	.run = verify_run,
};
