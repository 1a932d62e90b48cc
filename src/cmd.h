/*
 * cmd: the command-line commands, one per file, each an entry of the
 * table in main.c.  A command returns an exit code (EXIT_*); it prints
 * its own messages to stderr and never calls exit.
 */
#ifndef CCHC_CMD_H
#define CCHC_CMD_H

/* Exit codes (DESIGN.md section 6; sysexits.h values). */
#define EXIT_OK		0
#define EXIT_USAGE	64	/* bad command line */
#define EXIT_DATAERR	65	/* bad input data */
#define EXIT_NOINPUT	66	/* input file missing */
#define EXIT_NOTTY	69	/* terminal unusable */
#define EXIT_CANTCREAT	73	/* cannot create output */
#define EXIT_IOERR	74	/* I/O error */
#define EXIT_BUSY	75	/* database busy */
#define EXIT_LOCKED	77	/* year locked or permission */
#define EXIT_CONFIG	78	/* bad form or agency file */

struct cmd_ctx {
	const char	*db;		/* --db, or NULL for the default */
	const char	*progname;
};

struct cmd {
	const char	*name;
	const char	*usage;		/* arguments after the name */
	const char	*help;		/* one line */
	int		(*run)(struct cmd_ctx *, int argc, char **argv);
};

extern const struct cmd cmd_check_forms;

/* Print "cchc: " and a message to stderr. */
void	cmd_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print the usage line of a command to stderr; returns EXIT_USAGE. */
int	cmd_usage(const struct cmd *);

#endif
