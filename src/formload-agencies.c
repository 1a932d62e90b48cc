/* formload-agencies: agency lists from a config (blocks, agencies,
 * appraisers, parents), and their check against the forms. */
#include <stdlib.h>
#include <string.h>

#include "formload-int.h"	/* and <libconfig.h> */
#include "formload.h"
#include "text.h"
#include "util.h"

static const char *const list_keys[] = { "province", "blocks", "agencies",
    "appraisers", NULL };
static const char *const appraiser_keys[] = { "code", "name", "by", NULL };
static const char *const block_keys[] = { "code", "name", NULL };
static const char *const agency_keys[] = { "code", "name", "block",
    "parent", "profile", "form", "advises", NULL };

static void
fl_agency(struct fl *fl, const config_setting_t *e, struct form_agency_list *l,
    struct form_agency *ag)
{
	config_setting_t	*adv;
	char			*w;
	int			 i, n;
	size_t			 k;

	ag->line = (int)config_setting_source_line(e);
	ag->code = fl_strdup(fl, e, "code", N_("agency"), 1);
	if (ag->code == NULL)
		ag->code = xasprintf("(line %d)", ag->line);
	else if (!fl_ascii_code(ag->code))
		fl_err(fl, e, TR("agency code \"%s\" must be ASCII letters, digits, -, _ or ., at most %d of them"), ag->code,
		    FL_CODE_MAX);
	w = xasprintf(TR("agency %s"), ag->code);
	if (!fl_keys(fl, e, w, agency_keys)) {
		free(w);
		return;
	}
	ag->name = fl_strdup(fl, e, "name", w, 1);
	ag->block = fl_strdup(fl, e, "block", w, 1);
	if (ag->block != NULL && agency_find_block(l, ag->block) == NULL)
		fl_err(fl, config_setting_get_member(e, "block"),
		    TR("%s: unknown block \"%s\""), w, ag->block);
	ag->parent = fl_strdup(fl, e, "parent", w, 0);
	ag->profile = fl_strdup(fl, e, "profile", w, 0);
	ag->form_line = ag->line;
	if ((ag->form = fl_strdup(fl, e, "form", w, 0)) != NULL) {
		ag->form_line = (int)config_setting_source_line(
		    config_setting_get_member(e, "form"));
		if (!fl_ascii_code(ag->form))
			fl_err(fl, config_setting_get_member(e, "form"),
			    TR("%s: form \"%s\" must be a form's id (ASCII)"),
			    w, ag->form);
	}
	if ((adv = fl_list(fl, e, "advises", w, 0)) == NULL) {
		free(w);
		return;
	}
	n = config_setting_length(adv);
	ag->advises = xcalloc((size_t)n, sizeof *ag->advises);
	for (i = 0; i < n; i++) {
		config_setting_t	*s = config_setting_get_elem(adv, i);

		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 1 ||
		    config_setting_get_int(s) > 99) {
			fl_err(fl, s, TR("%s: \"advises\" lists area numbers of the provincial index (1..99)"), w);
			continue;
		}
		for (k = 0; k < ag->nadvises; k++) {
			if (ag->advises[k] == config_setting_get_int(s))
				break;
		}
		if (k < ag->nadvises) {
			fl_err(fl, s, TR("%s: area %d is listed twice in \"advises\""), w, ag->advises[k]);
			continue;
		}
		ag->advises[ag->nadvises++] = config_setting_get_int(s);
	}
	free(w);
}

/* Report each cycle of parents (A's parent B, B's parent A) once, at
 * the line of its first agency in the file. */
static void
fl_parent_cycles(struct fl *fl, const struct form_agency_list *l)
{
	const struct form_agency	*ag, *p;
	struct strbuf			 path;
	size_t				 k, steps;

	for (k = 0; k < l->nagencies; k++) {
		ag = &l->agencies[k];
		p = ag;
		for (steps = 0; steps < l->nagencies; steps++) {
			if (p->parent == NULL ||
			    (p = agency_find(l, p->parent)) == NULL ||
			    p == ag || p < ag)
				break;
		}
		/* Only a walk that comes back to ag, through agencies that
		 * all come later in the file, names the cycle. */
		if (p != ag || ag->parent == NULL ||
		    strcmp(ag->parent, ag->code) == 0)
			continue;
		strbuf_init(&path);
		strbuf_puts(&path, ag->code);
		p = ag;
		do {
			p = agency_find(l, p->parent);
			strbuf_printf(&path, " -> %s", p->code);
		} while (p != ag);
		errlist_add(fl->errs, fl->file, ag->line, TR("agency %s: its parents go round in a cycle (%s)"), ag->code, path.s);
		strbuf_clear(&path);
	}
}

/* The units that appraise items without being assessed, and the former
 * agencies whose items another agency now appraises ("by"). */
static void
fl_appraisers(struct fl *fl, const config_setting_t *root,
    struct form_agency_list *l)
{
	config_setting_t	*list;
	int			 i, n;

	if ((list = fl_list(fl, root, "appraisers", N_("the agency file"), 0)) ==
	    NULL)
		return;
	n = config_setting_length(list);
	l->appraisers = xcalloc((size_t)n, sizeof *l->appraisers);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(list, i);
		struct form_appraiser	*a = &l->appraisers[l->nappraisers];
		const struct form_agency	*by;

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			fl_err(fl, e, TR("appraiser %d must be a group { ... }"), i + 1);
			continue;
		}
		if (!fl_keys(fl, e, N_("appraiser"), appraiser_keys))
			continue;
		a->line = (int)config_setting_source_line(e);
		if ((a->code = fl_strdup(fl, e, "code", N_("appraiser"), 1)) ==
		    NULL)
			continue;
		a->name = fl_strdup(fl, e, "name", N_("appraiser"), 0);
		a->by = fl_strdup(fl, e, "by", N_("appraiser"), 0);
		if (agency_find(l, a->code) != NULL)
			fl_err(fl, e, TR("appraiser %s: already an agency"), a->code);
		else if (agency_find_appraiser(l, a->code) != NULL)
			fl_err(fl, e, TR("duplicate appraiser code \"%s\""), a->code);
		if (a->by != NULL && ((by = agency_find(l, a->by)) == NULL))
			fl_err(fl, e, TR("appraiser %s: \"by\" names no agency (\"%s\")"), a->code, a->by);
		l->nappraisers++;
	}
}

struct form_agency_list *
fl_agencies(struct fl *fl, const config_setting_t *root)
{
	struct form_agency_list	*l = agency_list_new();
	config_setting_t	*blocks, *ags;
	int			 i, n;
	size_t			 k;

	l->file = xstrdup(fl->file);
	fl_keys(fl, root, N_("the agency file"), list_keys);
	l->province = fl_strdup(fl, root, "province", N_("the agency file"), 0);
	if ((blocks = fl_list(fl, root, "blocks", N_("the agency file"), 1)) !=
	    NULL) {
		n = config_setting_length(blocks);
		l->blocks = xcalloc((size_t)n, sizeof *l->blocks);
		for (i = 0; i < n; i++) {
			config_setting_t	*e = config_setting_get_elem(
						    blocks, i);
			struct form_block	*b = &l->blocks[l->nblocks];

			if (!fl_keys(fl, e, N_("block"), block_keys))
				continue;
			b->code = fl_strdup(fl, e, "code", N_("block"), 1);
			b->name = fl_strdup(fl, e, "name", N_("block"), 1);
			if (b->code == NULL) {
				free(b->name);
				continue;
			}
			if (!fl_ascii_code(b->code))
				fl_err(fl, e, TR("block code \"%s\" must be ASCII, at most %d characters"), b->code,
				    FL_CODE_MAX);
			if (agency_find_block(l, b->code) != NULL)
				fl_err(fl, e, TR("duplicate block code \"%s\""),
				    b->code);
			l->nblocks++;
		}
	}
	if ((ags = fl_list(fl, root, "agencies", N_("the agency file"), 1)) ==
	    NULL)
		return l;
	n = config_setting_length(ags);
	l->agencies = xcalloc((size_t)n, sizeof *l->agencies);
	for (i = 0; i < n; i++) {
		config_setting_t	*e = config_setting_get_elem(ags, i);
		struct form_agency	*ag = &l->agencies[l->nagencies];

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			fl_err(fl, e, TR("agency %d must be a group { ... }"),
			    i + 1);
			continue;
		}
		fl_agency(fl, e, l, ag);
		ag->order = l->nagencies;
		l->nagencies++;
	}
	/* Duplicate codes, found in the sorted index (a national list is
	 * too long to compare every pair); each at its later line. */
	agency_list_index(l);
	for (k = 1; k < l->nbycode; k++) {
		if (strcmp(l->bycode[k - 1]->code, l->bycode[k]->code) == 0)
			errlist_add(fl->errs, fl->file, l->bycode[k]->line, TR("duplicate agency code \"%s\""), l->bycode[k]->code);
	}
	/* Parents may be listed after their children. */
	for (k = 0; k < l->nagencies; k++) {
		struct form_agency		*ag = &l->agencies[k];
		const struct form_agency	*p;

		if (ag->parent == NULL)
			continue;
		if ((p = agency_find(l, ag->parent)) == NULL)
			errlist_add(fl->errs, fl->file, ag->line,
			    TR("agency %s: unknown parent \"%s\""), ag->code,
			    ag->parent);
		else if (p == ag)
			errlist_add(fl->errs, fl->file, ag->line,
			    TR("agency %s: its own parent"), ag->code);
	}
	fl_parent_cycles(fl, l);
	fl_appraisers(fl, root, l);
	return l;
}

/* The line of the first bytes that are not UTF-8, or 0. */
size_t
formload_cross_check(const struct form_agency_list *l,
    struct form *const *forms,
    size_t nforms, struct errlist *errs)
{
	size_t	i, j, before = errs->n;

	/* Each item's appraiser is an agency of the list, or a unit the
	 * list declares, for the forms of the list's blocks. */
	for (j = 0; j < nforms; j++) {
		if (agency_find_block(l, forms[j]->block) == NULL)
			continue;
		for (i = 0; i < forms[j]->nitems; i++) {
			const struct form_item	*it = &forms[j]->items[i];

			if (it->appraiser == NULL ||
			    agency_find(l, it->appraiser) != NULL ||
			    agency_find_appraiser(l, it->appraiser) != NULL)
				continue;
			errlist_add(errs, forms[j]->file, it->appraiser_line, TR("item %s: appraiser \"%s\" is neither an agency nor an appraiser of %s"), it->code, it->appraiser, l->file);
		}
	}
	/* A block with several forms must say which is its own (the one
	 * whose id is the block's code). */
	for (i = 0; i < l->nblocks; i++) {
		const char	*b = l->blocks[i].code;
		struct strbuf	 ids;
		size_t		 k = 0;

		if (form_for_block(forms, nforms, b) != NULL)
			continue;
		strbuf_init(&ids);
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block, b) != 0)
				continue;
			strbuf_printf(&ids, "%s%s (%s)", k++ > 0 ? ", " : "",
			    forms[j]->id, forms[j]->file);
		}
		if (k > 1)
			errlist_add(errs, l->file, 0, TR("block %s has %zu forms, %s, and none has the id \"%s\" that makes it the block's form"), b, k, ids.s, b);
		strbuf_clear(&ids);
	}
	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*ag = &l->agencies[i];
		const struct form		*f, *bf;

		if (ag->block == NULL)
			continue;
		/* Blocks without a form among forms[] are not checked. */
		for (j = 0; j < nforms; j++) {
			if (strcmp(forms[j]->block, ag->block) == 0)
				break;
		}
		if (j == nforms)
			continue;
		f = form_for_agency(forms, nforms, ag);
		bf = form_for_block(forms, nforms, ag->block);
		if (ag->form != NULL && f == NULL) {
			const struct form	*o = form_find_id(forms,
						    nforms, ag->form);

			if (o != NULL)
				errlist_add(errs, l->file, ag->form_line, TR("agency %s: form \"%s\" (%s) is for block %s, not %s"), ag->code, ag->form, o->file, o->block, ag->block);
			else
				errlist_add(errs, l->file, ag->form_line, TR("agency %s: unknown form \"%s\" (no form has this id)"), ag->code, ag->form);
			continue;
		}
		if (f == NULL)
			continue;
		/* An agency's own form has its block's areas: a block's
		 * ranking and reports show the same area columns. */
		if (f != bf && bf != NULL) {
			int	same = f->nareas == bf->nareas;

			for (j = 0; same && j < f->nareas; j++)
				same = strcmp(f->areas[j].code,
				    bf->areas[j].code) == 0;
			if (!same)
				errlist_add(errs, l->file, ag->form_line, TR("agency %s: form %s (%s) does not have the areas of its block's form %s (%s)"), ag->code, f->id, f->file, bf->id, bf->file);
		}
		if (ag->profile != NULL &&
		    form_find_profile(f, ag->profile) == NULL)
			errlist_add(errs, l->file, ag->line,
			    TR("agency %s: profile \"%s\" is not in form %s (%s)"), ag->code, ag->profile,
			    f->id, f->file);
	}
	return errs->n - before;
}
