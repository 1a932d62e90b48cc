/* cmd-anchor: write the audit chain's head to an anchor file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

int
cmd_anchor_write(struct store *st, const char *file, const char *why)
{
	char	*path = NULL, *cause = NULL;
	int	 rc;

	rc = app_anchor_write(st, file, why, &path, &cause);
	if (rc != APP_OK)
		return cmd_fail(rc, cause);
	printf(TR("anchor written: %s\n"), path);
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
	.usage = N_("[-o FILE]"),
	.help = N_("write the audit chain's head to an anchor file"),
	.run = anchor_run,
};

/* The anchors' folder, known to app for every command and the screens
 * (publishing writes an anchor there); given back at exit. */
static void
cmd_anchor_fini(void)
{
	app_anchor_set_dir(NULL);
}

void
cmd_anchor_init(void)
{
	char	*dir = cmd_anchor_dir();

	app_anchor_set_dir(dir);
	free(dir);
	atexit(cmd_anchor_fini);
}
