/* cmd-print: a report as PDF, sent to the print command ($CCHC_PRINT or
 * lp) by report_print, as the screens' print key does. */
#include <stdlib.h>

#include "cmd.h"
#include "report.h"
#include "util.h"

static int
print_main(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_report_args	 ra;
	char			*cause;
	int			 code;

	if ((code = cmd_report_parse(&cmd_print, argc, argv, &ra)) !=
	    EXIT_OK)
		return code;
	/* No print system: say so before any work, print nothing. */
	if (report_print_ready(&cause) != REPORT_OK) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_NOTTY;
	}
	return cmd_report_run(ctx, &ra);
}

const struct cmd cmd_print = {
	.name = "print",
	.usage = N_("YEAR [--kind ranking|sheet|areas|compare] [--block B] "
	    "[--agency CODE|all] [--self] [--printer NAME] [--copies N]"),
	.help = N_("render a report as PDF and send it to the printer "
	    "($CCHC_PRINT or lp)"),
	.run = print_main,
};
