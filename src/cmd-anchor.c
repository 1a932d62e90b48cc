/* cmd-anchor: write the audit chain's head to an anchor file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

int
cmd_anchor_write(struct store *st, const char *file, const char *why)
{
	char	*dir = cmd_anchor_dir(), *path = NULL, *cause = NULL;
	int	 rc;

	if (file == NULL && cmd_mkdirs(dir, 0700) != 0) {
		cmd_error("%s: %s; no anchor written (cchc anchor -o FILE writes one elsewhere)",
		    dir, strerror(errno));
		free(dir);
		return EXIT_CANTCREAT;
	}
	rc = app_anchor_write(st, dir, file, why, &path, &cause);
	free(dir);
	if (rc != APP_OK)
		return cmd_fail(rc, cause);
	printf("anchor written: %s\n", path);
	free(path);
	return EXIT_OK;
}

static int
anchor_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	const char	*file = NULL;
	int		 c, code;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c != 'o')
			return cmd_usage(&cmd_anchor);
		file = optarg;
	}
	if (optind != argc)
		return cmd_usage(&cmd_anchor);
	if ((code = cmd_open_read(ctx, &st)) != EXIT_OK)
		return code;
	code = cmd_anchor_write(st, file, "on demand");
	app_close(st);
	return code;
}

const struct cmd cmd_anchor = {
	.name = "anchor",
	.usage = "[-o FILE]",
	.help = "write the audit chain's head to an anchor file",
	.run = anchor_run,
};
