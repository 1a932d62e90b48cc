/*
 * ui: the terminal workstation, generic over its screens.  One stack of
 * screens, each a table of callbacks (after tmux's window modes and ncdu's
 * screens) with private state made by init and freed by free; keys become
 * actions through one table (ui-keys.c), which also feeds the help screen
 * and the bottom line; a one-line editor for fields (ui-edit.c).  ui knows
 * no screen by name: the command layer hands it the screens to open and
 * the help screen (struct ui_start).  Screens talk to app, never to the
 * store.  Only ui*.c and screen-*.c include curses.
 */
#ifndef CCHC_UI_H
#define CCHC_UI_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <wchar.h>

#include "app.h"
#include "score.h"

struct store;
struct app_year;
struct app_agency;

#define _(s)	ui_tr(s)
#define N_(s)	(s)

/* Screens, as bits: a key binding names the screens it works on. */
#define SCR_YEARS	0x001
#define SCR_AGENCIES	0x002
#define SCR_WALK	0x004
#define SCR_ITEM	0x008
#define SCR_DEDUCT	0x010
#define SCR_RANKING	0x020
#define SCR_COMPARE	0x040
#define SCR_HELP	0x080
#define SCR_PRINT	0x100
#define SCR_SETTINGS	0x200
#define SCR_WORK	0x400
#define SCR_ALL		0xfff

enum action {
	A_NONE,
	A_QUIT,
	A_BACK,
	A_HELP,
	A_UP,
	A_DOWN,
	A_PGUP,
	A_PGDN,
	A_HOME,
	A_END,
	A_ENTER,
	A_NEXT_FIELD,
	A_PREV_FIELD,
	A_NEXT_AREA,
	A_PREV_AREA,
	A_NEXT_UNSCORED,
	A_SEARCH,
	A_SORT,
	A_SIDE,
	A_MATRIX,
	A_RANKING,
	A_COMPARE,
	A_DEDUCT,
	A_NEW_YEAR,
	A_ADD,
	A_DELETE,
	A_PREV_CHOICE,
	A_NEXT_CHOICE,
	A_REDRAW,
	A_SUBMIT,
	A_APPRAISE,
	A_PUBLISH,
	A_REOPEN,
	A_PRINT,
	A_CHOOSE,
	A_SETTINGS,
	A_WORK,
	A_NEXT_WORK,
	A_PREV_WORK
};

struct keybind {
	int		 key;		/* curses key code or character */
	enum action	 action;
	unsigned	 screens;	/* SCR_* mask */
	const char	*name;		/* how the help shows the key */
	const char	*help;		/* N_() text */
	int		 bar;		/* shown on the bottom line */
	const char	*brief;		/* N_() shorter text for the bottom
					   line, or NULL: the help's */
};

/* The one key table (ui-keys.c). */
extern const struct keybind ui_keys[];
extern const size_t ui_nkeys;

struct ui;
struct screen;

/*
 * What a key callback tells the loop, as flags (after htop's handler
 * results): 0 is handled (redraw).  UI_CHANGED says the loaded year
 * changed (an edit was saved, a deduction added, a year started): the
 * loop bumps ui->generation so that every screen refreshes what it
 * derives from the year before it is drawn again.
 */
#define UI_OK		0x0	/* handled; redraw */
#define UI_POP		0x1	/* close this screen */
#define UI_QUIT		0x2	/* leave the program */
#define UI_UNHANDLED	0x4	/* not this screen's key */
#define UI_CHANGED	0x8	/* the year in memory changed */

struct ui_screen_ops {
	const char	*title;		/* N_() name, for the help screen */
	unsigned	 id;		/* SCR_* */
	/*
	 * The screen's private state, made from args (a screen's own
	 * struct, borrowed for the call; see screens.h).  NULL when the
	 * screen cannot open: init has put the reason in ui_message, or
	 * there is nothing to show.
	 */
	void		*(*init)(struct ui *, const void *args);
	void		 (*free)(void *data);
	/*
	 * Recompute what the screen derives from the year (sorted rows,
	 * summaries).  Optional; called before a draw when ui->generation
	 * moved since the last call, and before the first draw.
	 */
	void		 (*update)(struct ui *, struct screen *);
	/* Repaint the whole screen from the state (the loop erased it). */
	void		 (*draw)(struct ui *, struct screen *);
	/*
	 * An action; or, while typing, action A_NONE with the raw key: a
	 * curses key code in keycode (0 for a character) or the character
	 * in ch.  Returns UI_* flags.
	 */
	int		 (*key)(struct ui *, struct screen *, enum action,
			    int keycode, wint_t ch);
	/* Nonzero while a text field has the focus: letters are text. */
	int		 (*typing)(struct screen *);
	/* Optional: what an action does now, for the bottom line and the
	 * help (the side u searches), or NULL for the key table's text. */
	const char	*(*key_help)(struct screen *, enum action);
};

struct screen {
	const struct ui_screen_ops	*ops;
	void				*data;		/* from ops->init */
	unsigned long			 generation;	/* of the last update */
};

/* The arguments of the help screen, which the loop opens on A_HELP. */
struct ui_help_args {
	unsigned	 screen;	/* SCR_* of the screen asking */
	const char	*title;		/* its title, translated */
};

/* What ui_main opens: the screens, bottom first (the first is the root;
 * the list stops at one that cannot open), and the help screen. */
#define UI_MAXSTART 4
struct ui_start {
	struct {
		const struct ui_screen_ops	*ops;
		const void			*args;
	}				 open[UI_MAXSTART];
	size_t				 nopen;
	const struct ui_screen_ops	*help;	/* gets struct ui_help_args */
	const char			*datadir;	/* shipped forms/ */
	const char			*agencies; /* default list, or NULL */
};

#define UI_MAXDEPTH 16

struct ui {
	struct store		*st;		/* opaque: passed to app */
	struct app_year		*year;		/* the open year, or NULL */
	unsigned long		 generation;	/* bumped when year changes */
	const struct ui_screen_ops *help;
	struct screen		*stack[UI_MAXDEPTH];
	int			 depth;
	int			 rows;
	int			 cols;
	char			 mark;		/* decimal mark shown */
	int			 color;
	char			*msg;		/* bottom message */
	int			 msg_error;
	const char		*datadir;	/* shipped forms/, data/ */
	const char		*agencies;	/* default list, or NULL */
};

/* Results of ui_check_terminal and ui_main. */
#define UI_EXIT_DONE	0	/* the user left (or a signal asked) */
#define UI_EXIT_NOTTY	1	/* no usable terminal; *cause says why */

/* The catalogue and the language of the screens and the command line:
 * Vietnamese unless LANGUAGE (or CCHC_LANG) names another, UTF-8 even
 * under LANG=C.  main calls it first. */
void	 ui_locale(void);
/* UI_EXIT_DONE when the screens can run here, else UI_EXIT_NOTTY and
 * *cause (caller frees). */
int	 ui_check_terminal(char **cause);
/* Run the screens on a database.  UI_EXIT_* and, on failure, *cause
 * (caller frees).  Prints nothing. */
int	 ui_main(struct store *, const struct ui_start *, char **cause);

/* Each (keys, help) line of a screen's own keys (global 0) or of the
 * keys that work everywhere (global 1): what help and --keys show. */
void	 ui_key_lines(unsigned screen, int global, void (*)(void *,
	    const char *keys, const char *help), void *);
/* The key table, screen by screen, in English (cchc --keys). */
void	 ui_print_keys(FILE *);
/* The action bound to a key (keycode, or the character) on a screen. */
enum action ui_action(unsigned screen, int keycode, wint_t ch);
/* The bottom line of a screen's keys, translated; s (may be NULL) may
 * say what an action does now (ops->key_help).  Caller frees. */
char	*ui_key_bar(unsigned screen, struct screen *s);

const char	*ui_tr(const char *) __attribute__((format_arg(1)));
/* Open a screen on top: ops->init(ui, args).  0, or -1 when it cannot
 * open (the stack is full or init said no). */
int		 ui_push(struct ui *, const struct ui_screen_ops *,
		    const void *args);
void		 ui_message(struct ui *, int error, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
/* Open (load) a year, bumping the generation; 0 or -1 with a message. */
int		 ui_open_year(struct ui *, int year);

/* Drawing helpers: all widths in columns, never bytes. */
enum ui_color {
	UC_NORMAL,
	UC_TITLE,
	UC_HEADER,
	UC_SELECT,
	UC_WARN,
	UC_ERROR,
	UC_GOOD,
	UC_DIM,
	UC_FIELD,
	UC_BAR,
	UC_GRADE0,	/* a grade's colour, best first (bars) */
	UC_GRADE1,
	UC_GRADE2,
	UC_GRADE3,
	UC_CELL0,	/* a grade's colour as a background (cells) */
	UC_CELL1,
	UC_CELL2,
	UC_CELL3
};
void	 ui_color(struct ui *, enum ui_color, int on);
/* Put s at (y, x) fitted and padded to w columns. */
void	 ui_put(struct ui *, int y, int x, int w, const char *s, int right);
/* Word-wrap s into at most n lines of w columns at (y, x); the number
 * of lines drawn (the last one cut with an ellipsis when s is longer). */
int	 ui_wrap(struct ui *, int y, int x, int w, int n, const char *s);
/* Word-wrap s into lines of at most w columns (max 0: as many as it
 * takes; else the last holds the rest).  The number of lines and *lines
 * (free with ui_lines_free); "" has none. */
size_t	 ui_wrap_split(const char *s, int w, size_t max, char ***lines);
void	 ui_lines_free(char **, size_t);
/* The title line and the bottom key bar of a screen (the loop draws
 * the message after the screen, wrapped, whole). */
void	 ui_frame(struct ui *, const char *title, unsigned screen);
/* The totals bar of an agency (3 lines from y), for one area. */
void	 ui_totals(struct ui *, struct app_agency *, size_t area, int y);
/* Format points / a rate in the interface's decimal mark. */
char	*ui_cp(struct ui *, int64_t, char *buf);
char	*ui_rate(struct ui *, int64_t, char *buf);
const char *ui_status_name(enum score_status);
const char *ui_state_name(enum app_state);

/*
 * Pictures of rates, with the same information without colour.  A grade
 * is shown by its colour (ui_grade_color: UC_GRADE0.. for text, with cell
 * 1 a background) and by a shade (ui_grade_shade: █ the best grade, then
 * ▓ ▒, ░ the worst), which monochrome terminals and NO_COLOR draw instead.
 */
enum ui_color	 ui_grade_color(const struct form *, int64_t rate, int cell);
const char	*ui_grade_shade(const struct form *, int64_t rate);
/* Where a rate bar starts (bp): 10 points under the lowest grade bound
 * above 0, in tens. */
int64_t	 ui_bar_start(const struct form *);
/* A bar of rate (bp) at (y, x), w wide, from ui_bar_start to 100 %, the
 * grade bounds marked ┊ where the bar does not reach; a rate below the
 * start is ◂. */
void	 ui_rate_bar(struct ui *, int y, int x, int w, const struct form *,
	    int64_t rate);
/* The scale above such bars: the start, each grade bound, 100. */
void	 ui_rate_scale(struct ui *, int y, int x, int w, const struct form *);
/* A line saying what the shades (and colours) mean, for the form. */
void	 ui_grade_legend(struct ui *, int y, int x, int w, const struct form *);

/* A scrolling list: keeps the selection visible in h rows. */
struct ui_list {
	int	sel;
	int	top;
	int	n;
};
void	 ui_list_key(struct ui_list *, enum action, int h);
void	 ui_list_fix(struct ui_list *, int h);

/* A one-line text editor with wide characters, NFC after each key. */
struct ui_edit {
	wchar_t	*buf;
	size_t	 len;
	size_t	 cap;
	size_t	 cur;
	int	 dirty;		/* differs from what was loaded */
};
void	 ui_edit_set(struct ui_edit *, const char *utf8);
char	*ui_edit_get(const struct ui_edit *);	/* UTF-8 NFC; caller frees */
void	 ui_edit_free(struct ui_edit *);
/* Edit with a key: 1 if used.  ch is a character when key is 0. */
int	 ui_edit_key(struct ui_edit *, int key, wint_t ch);
/* Draw at (y, x) in w columns; with focus, place the cursor. */
void	 ui_edit_draw(struct ui *, struct ui_edit *, int y, int x, int w,
	    int focus);
/* The lines the text takes word-wrapped in w columns (at least 1), and
 * those lines drawn: skip lines, then at most rows of them from (y, x);
 * with focus, the cursor placed when its line is drawn. */
int	 ui_edit_lines(struct ui_edit *, int w);
int	 ui_edit_cursor_line(struct ui_edit *, int w);
void	 ui_edit_draw_lines(struct ui *, struct ui_edit *, int y, int x,
	    int w, int skip, int rows, int focus);

/* Ask for a line at the bottom; NULL on Esc.  Caller frees. */
char	*ui_prompt(struct ui *, const char *question, const char *initial);
/* Ask yes or no at the bottom. */
int	 ui_confirm(struct ui *, const char *question);

#endif
