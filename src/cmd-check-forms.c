/* cmd-check-forms: validate forms and agency files. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "form.h"
#include "formload.h"
#include "util.h"

static void
check_forms_summary(const char *path, enum formload_kind kind, void *obj)
{
	char	b[UTIL_CP_BUFSZ], *line;

	if (kind == FORMLOAD_FORM) {
		struct form	*f = obj;

		line = xasprintf(TR("%s: form %s (block %s): %zu areas, %zu criteria, %zu items, max %s, %zu profiles\n"), path, f->id,
		    f->block, f->nareas, f->ncriteria, f->nitems,
		    util_format_cp(f->max, util_msg_mark(), b), f->nprofiles);
	} else {
		struct form_agency_list	*l = obj;

		line = xasprintf(TR("%s: agency list%s%s: %zu blocks, %zu agencies\n"), path,
		    l->province != NULL ? TR(" of ") : "",
		    l->province != NULL ? l->province : "", l->nblocks,
		    l->nagencies);
	}
	cmd_print_safe(stdout, line);
	free(line);
}

static int
check_forms_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist		  errs;
	struct form		**forms;
	struct form_agency_list	**lists;
	size_t			  nforms = 0, nlists = 0, i;
	enum formload_kind	  kind;
	int			  a, missing = 0;
	void			 *obj;

	(void)ctx;
	if (argc < 2)
		return cmd_usage(&cmd_check_forms);
	errlist_init(&errs);
	forms = xcalloc((size_t)argc, sizeof *forms);
	lists = xcalloc((size_t)argc, sizeof *lists);
	for (a = 1; a < argc; a++) {
		size_t	before = errs.n;
		FILE	*fp;

		if ((fp = fopen(argv[a], "r")) == NULL)
			missing = 1;
		else
			fclose(fp);
		obj = formload_file(argv[a], &kind, &errs);
		if (obj == NULL)
			continue;
		if (errs.n == before)
			check_forms_summary(argv[a], kind, obj);
		if (kind == FORMLOAD_FORM)
			forms[nforms++] = obj;
		else
			lists[nlists++] = obj;
	}
	/* An agency names its form by id: ids are unique, as init wants. */
	for (i = 0; i < nforms; i++) {
		const struct form	*f = form_find_id(forms, i, forms[i]->id);

		if (f != NULL)
			errlist_add(&errs, forms[i]->file, 0, TR("a second form with id %s (the first is %s)"), f->id, f->file);
	}
	for (i = 0; i < nlists; i++)
		formload_cross_check(lists[i], forms, nforms, &errs);
	errlist_sort(&errs);
	for (i = 0; i < errs.n; i++)
		cmd_errline(errs.items[i].msg);
	if (errs.n > 0)
		fprintf(stderr, TR("%s: %zu error%s\n"), ctx->progname, errs.n,
		    errs.n == 1 ? "" : "s");
	for (i = 0; i < nforms; i++)
		form_free(forms[i]);
	for (i = 0; i < nlists; i++)
		agency_list_free(lists[i]);
	free(forms);
	free(lists);
	a = errs.n == 0 ? EXIT_OK : missing ? EXIT_NOINPUT : EXIT_CONFIG;
	errlist_clear(&errs);
	return a;
}

const struct cmd cmd_check_forms = {
	.name = "check-forms",
	.usage = N_("FILE..."),
	.help = N_("validate forms and agency files"),
	.run = check_forms_run,
};
