/*
 * report: the tables of a year written to a FILE *.  Numbers, order and
 * ties come from the app (and so from score), so the screen and the
 * printout always agree.
 */
#ifndef CCHC_REPORT_H
#define CCHC_REPORT_H

#include <stdio.h>

#include "score.h"

struct app_year;

enum report_format {
	REPORT_TEXT,
	REPORT_CSV,
	REPORT_XLSX,
	REPORT_PDF
};

/*
 * The ranking of each block (or of one block: its code), on one side, as
 * the published table's CSV block,rank,code,name,max,points,rate,grade.
 * 0, or -1 on a write error.
 */
int	 report_ranking_csv(FILE *, const struct app_year *, const char *block,
	    enum score_side);

/* The kinds of report (report-annex.c, report-sheet.c, report-areas.c). */
enum report_kind {
	REPORT_RANKING,		/* the decision's annex */
	REPORT_SHEET,		/* one agency's score sheet */
	REPORT_AREAS,		/* agencies x areas */
	REPORT_COMPARE		/* self vs appraised */
};

struct app_settings;
struct store;
struct rdoc;

/*
 * The progress of a long job (every sheet of a block): step done of
 * total in a phase, called as it goes; a screen draws it.
 */
enum report_phase {
	REPORT_BUILDING,	/* reading agencies, making pages */
	REPORT_WRITING		/* laying out and writing pages */
};
struct report_progress {
	void	(*fn)(void *arg, enum report_phase, size_t done,
		    size_t total);
	void	 *arg;
};

struct report_opts {
	enum report_kind	 kind;
	enum score_side		 side;
	const char		*block;		/* a block's code, or NULL */
	const char		*agency;	/* a code, "all", or NULL */
	const struct app_settings *settings;	/* the year's */
	const struct report_progress *progress;	/* or NULL */
};

/* How a document is written (report_write and the rest). */
struct report_out {
	enum report_format	 fmt;
	int			 width;		/* text: columns, 60..400 */
	int			 page_length;	/* text: lines a page, with
						   its header; 0: no pages */
	int			 bom;		/* CSV: a byte order mark */
	const struct report_progress *progress;	/* or NULL */
};

/* Lines of a text page written to a file for paper: A4 at six lines an
 * inch, less the margins. */
#define REPORT_PAGE_LENGTH	60
/* The text width a kind has by default: 132 for sheets and the area
 * matrix, 80 for the rest. */
int	 report_default_width(enum report_kind);

/* Results of writing and printing (report-out.c). */
enum report_rc {
	REPORT_OK = 0,
	REPORT_ECREATE,		/* the output file cannot be made */
	REPORT_EIO,		/* writing failed */
	REPORT_ENOPRINT,	/* no print system */
	REPORT_EPRINT,		/* the print command failed */
	REPORT_ENOMODULE	/* no usable XLSX and PDF module */
};

/* "ranking", ... and "text", ...: 0, or -1 when unknown. */
int	 report_kind_parse(const char *, enum report_kind *);
int	 report_format_parse(const char *, enum report_format *);

/*
 * Build a report as a document (report-doc.h).  Sheets read entries
 * through the app (store).  APP_OK with *doc (rdoc_free), or a code with
 * *cause: an unknown agency, or an agency outside the block.
 */
int	 report_build(struct store *, struct app_year *,
	    const struct report_opts *, struct rdoc **doc, char **cause);

/* Write a document: aligned text (out->width columns, in pages of
 * out->page_length lines when not 0), CSV (with a byte order mark when
 * out->bom), XLSX, PDF.  0, or -1 with *cause (may stay NULL on a write
 * error of fp). */
int	 report_write_text(FILE *, const struct rdoc *,
	    const struct report_out *);
int	 report_write_csv(FILE *, const struct rdoc *, int bom);
int	 report_write_xlsx(FILE *, const struct rdoc *,
	    const struct report_out *, char **cause);
int	 report_write_pdf(FILE *, const struct rdoc *,
	    const struct report_out *, char **cause);
/* The module with the XLSX and PDF writers (report-out.c loads it);
 * it exports report_module_abi, REPORT_MODULE_ABI of the build
 * (abi.h, made by the Makefile from the headers), and the program
 * loads only a module of its own headers. */
#define REPORT_MODULE	"cchc-out.so"
/* REPORT_OK when fmt can be written (XLSX and PDF: the module loads),
 * else REPORT_ENOMODULE with *cause (caller frees). */
int	 report_format_ready(enum report_format, char **cause);

/* Write a document in out->fmt (one of the above). */
int	 report_write(FILE *, const struct rdoc *, const struct report_out *,
	    char **cause);

/*
 * Write a file the way every output file is written (report-out.c): a
 * temporary file beside path (beside the file a link names), synced and
 * renamed into place only when write returned 0; a device or a pipe is
 * written in place.  write gets the open file and arg.  REPORT_OK, or
 * REPORT_ECREATE / REPORT_EIO with *cause (caller frees).
 */
int	 report_save(const char *path, int (*write)(FILE *, void *arg,
	    char **cause), void *arg, char **cause);
/* report_save of a document written as out says. */
int	 report_save_doc(const char *path, const struct rdoc *,
	    const struct report_out *, char **cause);

/* The print command: $CCHC_PRINT (a program) or lp.  Borrowed. */
const char	*report_print_command(void);
/* REPORT_OK when the print command can be run, else REPORT_ENOPRINT
 * with *cause saying what to do. */
int	 report_print_ready(char **cause);
/*
 * Print a document: written as PDF to a private temporary file (removed
 * after), then "COMMAND [-d printer] -n copies -t title -- FILE" with
 * its output (lp's request id) kept in *said (caller frees; may be
 * NULL).  REPORT_OK, or a report_rc with *cause.
 */
struct report_print_opts {
	const char	*printer;	/* or NULL: the default printer */
	int		 copies;	/* 1..999 */
	const char	*title;		/* the job's title */
	const struct report_progress *progress;	/* or NULL */
};
int	 report_print(const struct rdoc *, const struct report_print_opts *,
	    char **said, char **cause);

/* One CSV field (RFC 4180), then a comma or, when last, a newline. */
void	 report_csv_field(FILE *, const char *, int last);

#endif
