/* cmd-verify: integrity of the file, the audit chain and the data. */
#include <getopt.h>
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
		cmd_error(TR("%zu problem%s found"), problems.n,
		    problems.n == 1 ? "" : "s");
		code = EXIT_DATAERR;
	}
	errlist_clear(&problems);
	return code;
}

/* The anchors named with --anchor, and every anchor of this database in
 * the anchors' folder: each proves the history up to it unchanged. */
static int
verify_anchors(struct store *st, char **files, size_t nfiles,
    size_t *checked)
{
	struct errlist	 problems;
	char		*cause = NULL;
	size_t		 i, n = 0;
	int		 rc, code = EXIT_OK;

	errlist_init(&problems);
	rc = app_anchors_check(st, &problems, &n, &cause);
	for (i = 0; rc == APP_OK && i < nfiles; i++, n++)
		rc = app_anchor_check(st, files[i], &problems, &cause);
	*checked = n;
	for (i = 0; i < problems.n; i++)
		cmd_errline(problems.items[i].msg);
	if (rc != APP_OK)
		code = cmd_fail(rc, cause);
	else if (problems.n > 0) {
		cmd_error(TR("%zu anchor problem%s found"), problems.n,
		    problems.n == 1 ? "" : "s");
		code = EXIT_DATAERR;
	}
	errlist_clear(&problems);
	return code;
}

static int
verify_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	char		**files = NULL;
	size_t		 nfiles = 0, checked = 0;
	int		 c, code, code2;
	long long	 rows;
	char		 tail[65];

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'a') {
			free(files);
			return cmd_usage(&cmd_verify);
		}
		files = xreallocarray(files, nfiles + 1, sizeof *files);
		files[nfiles++] = optarg;
	}
	if (optind != argc) {
		free(files);
		return cmd_usage(&cmd_verify);
	}
	if ((code = cmd_open_read(ctx, &st)) != EXIT_OK) {
		free(files);
		return code;
	}
	code = cmd_verify_store(st, &rows, tail);
	code2 = verify_anchors(st, files, nfiles, &checked);
	app_close(st);
	free(files);
	if (code == EXIT_OK)
		code = code2;
	if (code == EXIT_OK) {
		printf(TR("ok: file intact, audit chain whole, data as audited\naudit: %lld rows, last hash %s\n"), rows, tail);
		if (checked > 0)
			printf(TR("anchors: %zu checked, the history up to each unchanged\n"), checked);
	}
	return code;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.usage = N_("[--anchor FILE]..."),
	.help = N_("check the database and its audit log"),
	.run = verify_run,
};
