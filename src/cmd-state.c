/* cmd-state: the workflow of agencies and the year. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

static int
state_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "block", required_argument, NULL, 'b' },
		{ "parent", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const words[] = { N_("open"), N_("partly published"),
	    N_("published") };
	struct store	*st;
	struct app_year	*y;
	const char	*reason = NULL, *agency = NULL, *block = NULL;
	const char	*parent = NULL;
	enum app_action	 action;
	char		*cause = NULL;
	int		 c, code, rc;
	size_t		 i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			reason = optarg;
		else if (c == 'b')
			block = optarg;
		else if (c == 'p')
			parent = optarg;
		else
			return cmd_usage(&cmd_state);
	}
	if (argc - optind == 1) {
		if ((code = cmd_load_read(ctx, argv[optind], &st, &y)) != EXIT_OK)
			return code;
		printf(TR("year %d: %s\n"), y->year, y->published ? TR("published") :
		    TR("open"));
		/* Each block's state, when some scope is published. */
		for (i = 0; app_any_published(y) && i < y->list->nblocks; i++)
			printf(TR("block %s: %s\n"), y->list->blocks[i].code,
			    TR(words[app_block_published(y, i)]));
		for (i = 0; i < y->nags; i++)
			printf("%s\t%s\n", y->ags[i].ag->code,
			    app_state_name(y->ags[i].state));
		app_year_free(y);
		app_close(st);
		return EXIT_OK;
	}
	if (argc - optind == 3)
		agency = argv[optind + 1];
	else if (argc - optind != 2)
		return cmd_usage(&cmd_state);
	if (app_action_parse(argv[argc - 1], &action) != 0) {
		cmd_error(TR("unknown action \"%s\" (submit, appraise, publish or reopen)"), argv[argc - 1]);
		return cmd_usage(&cmd_state);
	}
	if ((block != NULL || parent != NULL) && (agency != NULL ||
	    (action != APP_PUBLISH && action != APP_REOPEN))) {
		cmd_error("%s", TR("--block and --parent name what publish or reopen applies to, not an agency"));
		return cmd_usage(&cmd_state);
	}
	if (parent != NULL && block == NULL) {
		cmd_error("%s", TR("--parent needs --block"));
		return cmd_usage(&cmd_state);
	}
	if ((code = cmd_load(ctx, argv[optind], &st, &y)) != EXIT_OK)
		return code;
	/* An unknown block is a usage error, as in export and report. */
	if (block != NULL && agency_find_block(y->list, block) == NULL) {
		cmd_error(TR("unknown block \"%s\" in year %d"), block,
		    y->year);
		app_year_free(y);
		app_close(st);
		return EXIT_USAGE;
	}
	if (block != NULL || parent != NULL)
		rc = app_scope_set_state(st, y, block, parent, action, reason,
		    &cause);
	else
		rc = app_set_state(st, y, agency, action, reason, &cause);
	if (rc != APP_OK)
		code = cmd_fail(rc, cause);
	else if (agency != NULL)
		printf("%s: %s\n", agency,
		    TR(app_state_name(app_find_agency(y, agency)->state)));
	else {
		printf(TR("year %d: %s\n"), y->year, y->published ? TR("published") :
		    TR("open"));
		for (i = 0; block != NULL && i < y->list->nblocks; i++) {
			if (strcmp(y->list->blocks[i].code, block) == 0)
				printf(TR("block %s: %s\n"), block,
				    TR(words[app_block_published(y, i)]));
		}
		/* A published year: its history anchored outside the file. */
		if (y->anchor != NULL)
			printf(TR("anchor written: %s\n"), y->anchor);
	}
	app_year_free(y);
	app_close(st);
	return code;
}

const struct cmd cmd_state = {
	.name = "state",
	.usage = N_("YEAR [AGENCY] submit|appraise|publish|reopen "
	    "[--block B [--parent P]] [--reason TEXT]"),
	.help = N_("move an agency, a block or the year along the workflow"),
	.run = state_run,
};
