/*
 * formload-int: what formload.c (files, numbers, agency lists) and
 * formload-form.c (forms) share; only they include it, and only they
 * include <libconfig.h>.
 */
#ifndef CCHC_FORMLOAD_INT_H
#define CCHC_FORMLOAD_INT_H

#include <stdint.h>

#include <libconfig.h>

#include "form.h"
#include "util.h"

struct fl {
	const char	*file;
	struct errlist	*errs;
	size_t		 nerr;		/* errors before this load */
	int		 range_ok;	/* the item's min and max were read */
	int		 max_ok;	/* the item's max was read */
};

/* a + b, saturated: a sum of bounded maxima cannot overflow unnoticed. */
int64_t		 fl_add(int64_t, int64_t);
/* One error at the setting's line. */
void		 fl_err(struct fl *, const config_setting_t *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
/* Report keys of group g not in allowed[]; 0 if g is not a group. */
int		 fl_keys(struct fl *, const config_setting_t *g, const char *what,
		    const char *const *allowed);
/* Shortest form of a string setting: NULL (and an error when required)
 * if absent or not a string; borrowed from the config. */
const char	*fl_str(struct fl *, const config_setting_t *g, const char *key,
		    const char *what, int required);
/* The same, copied in NFC; caller frees. */
char		*fl_strdup(struct fl *, const config_setting_t *g,
		    const char *key, const char *what, int required);
/* A number setting as exact hundredths: 0, or -1 after an error. */
int		 fl_cp(struct fl *, const config_setting_t *g, const char *key,
		    const char *what, int required, int64_t *out);
/* A boolean setting, def when absent. */
int		 fl_bool(struct fl *, const config_setting_t *g,
		    const char *key, const char *what, int def);
/* A list (or array) setting; NULL when absent (an error if required). */
config_setting_t *fl_list(struct fl *, const config_setting_t *g,
		    const char *key, const char *what, int required);
/* The longest string of a form or agency file: a code, name, title or
 * label; guidance (several lines) may be longer; a formula has its own. */
#define FL_NAME_MAX	1000
#define FL_TEXT_MAX	8000
/* An ASCII code of at most FL_CODE_MAX bytes. */
#define FL_CODE_MAX 32
int		 fl_ascii_code(const char *);
/* Hundredths as text with the messages' decimal mark, in buf of
 * UTIL_CP_BUFSZ. */
char		*fl_fmt(int64_t, char *buf);
/* What a message is about ("form", "agency SNV"), translated when the
 * catalogue has it; NULL and "" as they are. */
const char	*fl_what(const char *);
/* Report duplicate codes among n records of stride bytes. */
void		 fl_unique(struct fl *, const config_setting_t *s,
		    const char *what, char *const *codes, size_t stride,
		    size_t n);
/* Read an item of form f (formload-item.c); 1 if its max was read, so
 * that its sum can be checked. */
int		 fl_item(struct fl *, const config_setting_t *g, struct form *f,
		    struct form_item *it);
/* An agency list from the root of a config (formload-agencies.c). */
struct form_agency_list *fl_agencies(struct fl *, const config_setting_t *root);
/* A form from the root of a config (formload-form.c). */
struct form	*fl_form(struct fl *, const config_setting_t *root);

#endif
