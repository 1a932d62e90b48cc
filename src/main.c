/* main: arguments, the command table, exit codes. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "paths.h"
#include "ui.h"
#include "util.h"


static const struct cmd *const cmds[] = {
	&cmd_init,
	&cmd_check_forms,
	&cmd_import,
	&cmd_export,
	&cmd_set,
	&cmd_deduct,
	&cmd_province,
	&cmd_report,
	&cmd_print,
	&cmd_year_cmd,
	&cmd_state,
	&cmd_backup,
	&cmd_verify,
	&cmd_anchor,
};

static const char *progname = CMD_PROGNAME;

static void
main_help(FILE *fp)
{
	size_t	i;

	fprintf(fp, TR("usage: %s [--db FILE]                 open the screens\n"
	    "       %s [--db FILE] COMMAND [ARGS]\n"
	    "       %s --help | --version | --keys\n\n"
	    "cchc scores the yearly Administrative Reform Index (Chỉ số CCHC) "
	    "of a province's\nagencies.\n\nCommands:\n"), progname, progname,
	    progname);
	/* Not TR(""): that is the catalogue's header. */
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(fp, "  %s %s\n      %s\n", cmds[i]->name,
		    *cmds[i]->usage != '\0' ? TR(cmds[i]->usage) : "",
		    *cmds[i]->help != '\0' ? TR(cmds[i]->help) : "");
	fprintf(fp, TR("\nSee cchc(1) and cchc(5).\n"));
}

int
main(int argc, char **argv)
{
	struct cmd_ctx	 ctx = { NULL, CMD_PROGNAME };
	size_t		 i;
	int		 a;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	ui_locale();
	cmd_anchor_init();
	ctx.progname = progname;
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (strcmp(argv[a], "--help") == 0 ||
		    strcmp(argv[a], "-h") == 0) {
			main_help(stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[a], "--keys") == 0) {
			ui_print_keys(stdout);
			return EXIT_OK;
		}
		if (strcmp(argv[a], "--version") == 0) {
			printf("cchc %s\n", CCHC_VERSION);
			return EXIT_OK;
		}
		if (strcmp(argv[a], "--db") == 0) {
			if (++a == argc) {
				cmd_error(TR("--db needs a file name"));
				return EXIT_USAGE;
			}
			ctx.db = argv[a];
			continue;
		}
		if (strncmp(argv[a], "--db=", 5) == 0) {
			ctx.db = argv[a] + 5;
			continue;
		}
		cmd_error(TR("unknown option %s (see %s --help)"), argv[a],
		    progname);
		return EXIT_USAGE;
	}
	if (a == argc)
		return cmd_overview(&ctx);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(cmds[i]->name, argv[a]) == 0)
			return cmds[i]->run(&ctx, argc - a, argv + a);
	}
	cmd_error(TR("unknown command \"%s\" (see %s --help)"), argv[a], progname);
	return EXIT_USAGE;
}
