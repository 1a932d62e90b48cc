/*
 * cmd: the command-line commands, one per file, each an entry of the
 * table in main.c.  A command returns an exit code (EXIT_*); it prints
 * its own messages to stderr and never calls exit.
 */
#ifndef CCHC_CMD_H
#define CCHC_CMD_H

#include <stdio.h>

#include "report.h"

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

/* The name messages and usage lines begin with. */
#define CMD_PROGNAME	"cchc"

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
extern const struct cmd cmd_init;
extern const struct cmd cmd_import;
extern const struct cmd cmd_export;
extern const struct cmd cmd_set;
extern const struct cmd cmd_deduct;
extern const struct cmd cmd_province;
extern const struct cmd cmd_report;
extern const struct cmd cmd_state;
extern const struct cmd cmd_backup;
extern const struct cmd cmd_verify;
extern const struct cmd cmd_anchor;
extern const struct cmd cmd_year_cmd;
extern const struct cmd cmd_print;

struct store;
struct app_year;

/* cchc with no command: the screens on the latest year (cmd-tui.c). */
int	cmd_overview(struct cmd_ctx *);

/* The exit code for an app result (enum app_rc). */
int	cmd_code(int rc);
/* Report cause (and free it); returns cmd_code(rc). */
int	cmd_fail(int rc, char *cause);
/* Verify a database, printing each problem; an exit code.  *rows and
 * tail: the audit log's length and last hash. */
int	cmd_verify_store(struct store *, long long *rows, char tail[65]);
/* Parse a year (1900..9999); 0 or -1 with a message. */
int	cmd_year(const char *, int *);
/* The database's path (--db or the default, its folder made); NULL after
 * a message.  Caller frees. */
char	*cmd_db_path(struct cmd_ctx *);
/* Open the database (--db or the default); creates it when create. */
int	cmd_open(struct cmd_ctx *, int create, struct store **);
/* The same for a command that only reads: nothing in the file changes. */
int	cmd_open_read(struct cmd_ctx *, struct store **);
/* Open the database and load a year; returns an exit code. */
int	cmd_load(struct cmd_ctx *, const char *year, struct store **,
	    struct app_year **);
/* The same for a change of one agency: only its rank group's totals
 * (app_year_load_for). */
int	cmd_load_for(struct cmd_ctx *, const char *year, const char *agency,
	    struct store **, struct app_year **);
/* The same, read only (export, report, state and deduct --list). */
int	cmd_load_read(struct cmd_ctx *, const char *year, struct store **,
	    struct app_year **);
/* Open the output: stdout for NULL or "-"; a device or pipe as it is;
 * else a temporary file beside path (or beside the file a link names)
 * that cmd_output_close renames into place.  Exit codes. */
int	cmd_output_open(const char *path, FILE **fp, char **tmp);
int	cmd_output_close(const char *path, FILE *fp, char *tmp, int ok);

/* The options of report and print (cmd-report.c). */
struct cmd_report_args {
	struct report_opts	 opts;
	enum report_format	 fmt;
	const char		*year;
	const char		*out;		/* -o, or NULL */
	int			 width;
	int			 width_set;
	int			 page_length;	/* text: --page-length */
	int			 page_length_set;
	int			 bom;
	int			 printing;	/* print, not report */
	const char		*printer;	/* print: --printer */
	int			 copies;	/* print: --copies */
};
/* Parse report's (or print's) options into ra; an exit code. */
int	cmd_report_parse(const struct cmd *, int argc, char **argv,
	    struct cmd_report_args *ra);
/* Build the report, then write it to ra->out (NULL or "-": stdout) or,
 * for print, send it to the print command; an exit code. */
int	cmd_report_run(struct cmd_ctx *, struct cmd_report_args *ra);

/* The default database: $XDG_DATA_HOME/cchc/cchc.db (folder made 0700).
 * Caller frees. */
char	*cmd_default_db(char **cause);
/* Where the shipped forms/ and data/ are: CCHC_DATADIR, next to the
 * program (a source tree), or the installed share/cchc.  Caller frees. */
char	*cmd_data_dir(void);
/* The agency list of a data dir for a year (0: the newest): of its
 * data/NAME-YYYY.cfg, the latest YYYY <= year, else its one data list
 * without a year; NULL with *cause naming them when there are none or
 * several.  Caller frees. */
char	*cmd_default_agencies(const char *datadir, int year, char **cause);
/* The name for the audit log: $CCHC_USER or the login name.  Caller
 * frees. */
char	*cmd_user(void);
/* Where anchors are kept: CCHC_ANCHORS, else the data folder's
 * "anchors" ($XDG_DATA_HOME/cchc/anchors).  Caller frees. */
char	*cmd_anchor_dir(void);
/* Make the anchors' folder known to app (publishing writes an anchor
 * there), for every command and the screens. */
void	 cmd_anchor_init(void);
/* Write an anchor (to file, or to the anchors' folder) and say where. */
int	 cmd_anchor_write(struct store *, const char *file, const char *why);

/* Print "cchc: " and a message to stderr, its controls escaped. */
void	cmd_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print a message (a "file:line: text") and a newline to stderr, escaped
 * as cmd_error does. */
void	cmd_errline(const char *);
/* Print text from a file or the database to fp with its controls escaped
 * (newlines and tabs kept). */
void	cmd_print_safe(FILE *, const char *);
/* Print the usage line of a command to stderr; returns EXIT_USAGE. */
int	cmd_usage(const struct cmd *);

#endif
