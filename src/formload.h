/*
 * formload: reads criteria forms and agency lists (libconfig files) into
 * the plain structs of form.h.  The only module that includes libconfig.
 * Every problem found is appended to an errlist as "file:line: message";
 * loading goes on after an error so that all of them are reported.
 */
#ifndef CCHC_FORMLOAD_H
#define CCHC_FORMLOAD_H

#include <stddef.h>

struct errlist;
struct form;
struct form_agency_list;

enum formload_kind {
	FORMLOAD_UNKNOWN,
	FORMLOAD_FORM,
	FORMLOAD_AGENCIES
};

/*
 * Load text (the contents of a file named name) as a form or an agency
 * list.  Returns the object (caller frees) or NULL when any error was
 * added to errs.  *kind says which it was (or should have been).
 */
void	*formload_text(const char *name, const char *text,
	    enum formload_kind *kind, struct errlist *errs);

/* Read a file and load it as formload_text does. */
void	*formload_file(const char *path, enum formload_kind *kind,
	    struct errlist *errs);

/* Shorthands that also insist on the kind.  Caller frees. */
struct form		*formload_form(const char *path, struct errlist *);
struct form_agency_list	*formload_agencies(const char *path, struct errlist *);

/*
 * Check an agency list against the forms of its blocks: every profile an
 * agency names exists in its block's form.  Blocks without a form among
 * forms[] are not checked.  Returns the number of errors added.
 */
size_t	 formload_cross_check(const struct form_agency_list *,
	    struct form *const *forms, size_t nforms, struct errlist *);

/* The largest form or agency file formload_read reads. */
#define FORMLOAD_MAX_BYTES	(64 * 1024 * 1024)

/* Read a whole regular file of at most FORMLOAD_MAX_BYTES; NULL with
 * *cause set (caller frees). Caller frees. */
char	*formload_read(const char *path, char **cause);

#endif
