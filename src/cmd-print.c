/* cmd-print: a report as PDF, sent to the print command ($CCHC_PRINT or lp). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "cmd.h"
#include "util.h"

/* The print command: $CCHC_PRINT (a program, no arguments) or lp. */
static const char *
print_command(void)
{
	const char	*s = getenv("CCHC_PRINT");

	return s != NULL && *s != '\0' ? s : "lp";
}

/* 1 when prog can be run: a path that is executable, or found on PATH. */
static int
print_found(const char *prog)
{
	const char	*path, *p, *e;
	char		*f;
	int		 ok = 0;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/bin:/bin";
	for (p = path; !ok; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		f = xasprintf("%.*s/%s", (int)(e - p), e > p ? p : ".", prog);
		ok = access(f, X_OK) == 0;
		free(f);
		if (*e == '\0')
			break;
	}
	return ok;
}

/* Run the print command on file: lp [-d PRINTER] -n COPIES -t TITLE FILE. */
static int
print_run(const char *prog, const char *printer, int copies,
    const char *title, const char *file)
{
	char	 n[16];
	char	*argv[10];
	int	 a = 0, status;
	pid_t	 pid;

	snprintf(n, sizeof n, "%d", copies);
	argv[a++] = (char *)prog;
	if (printer != NULL) {
		argv[a++] = (char *)"-d";
		argv[a++] = (char *)printer;
	}
	argv[a++] = (char *)"-n";
	argv[a++] = n;
	argv[a++] = (char *)"-t";
	argv[a++] = (char *)title;
	argv[a++] = (char *)"--";
	argv[a++] = (char *)file;
	argv[a] = NULL;
	fflush(stdout);
	if ((pid = fork()) < 0) {
		cmd_error("print: %s", strerror(errno));
		return EXIT_IOERR;
	}
	if (pid == 0) {
		execvp(prog, argv);
		fprintf(stderr, "%s: %s: %s\n", CMD_PROGNAME, prog,
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			cmd_error("print: %s", strerror(errno));
			return EXIT_IOERR;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cmd_error("the print command %s failed (status %d); nothing was printed", prog,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return EXIT_NOTTY;
	}
	return EXIT_OK;
}

static int
print_main(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_report_args	 ra;
	const char		*prog = print_command(), *dir;
	char			*file, *title;
	int			 code, fd;

	if ((code = cmd_report_parse(&cmd_print, argc, argv, &ra)) !=
	    EXIT_OK)
		return code;
	if (!print_found(prog)) {
		cmd_error("no print system: the print command \"%s\" is not installed (install cups-client, or set CCHC_PRINT; or write a PDF with cchc report --format pdf -o FILE)", prog);
		return EXIT_NOTTY;
	}
	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	file = xasprintf("%s/cchc-print.XXXXXX", dir);
	if ((fd = mkstemp(file)) < 0) {
		cmd_error("%s: %s", file, strerror(errno));
		free(file);
		return EXIT_CANTCREAT;
	}
	close(fd);
	code = cmd_report_write(ctx, &ra, file);
	if (code == EXIT_OK) {
		title = xasprintf("cchc %s", ra.year);
		code = print_run(prog, ra.printer, ra.copies, title, file);
		free(title);
	}
	unlink(file);
	free(file);
	return code;
}

const struct cmd cmd_print = {
	.name = "print",
	.usage = "YEAR [--kind ranking|sheet|areas|compare] [--block B] "
	    "[--agency CODE|all] [--self] [--printer NAME] [--copies N]",
	.help = "render a report as PDF and send it to the printer "
	    "($CCHC_PRINT or lp)",
	.run = print_main,
};
