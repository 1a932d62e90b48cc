/* app-amend.h: what app-amend.c and app-amend-list.c share. */
#ifndef CCHC_APP_AMEND_H
#define CCHC_APP_AMEND_H

/* An (agency, item) entry to drop. */
struct amend_drop {
	char	*agency;
	char	*item;
};

struct app_amend {
	int			  year;
	/* The new files: the agency list (aname, atext) and the forms. */
	char			 *aname, *atext;
	int			  list_changed;
	struct form_agency_list	 *list;
	struct form		**forms;
	char			**texts;
	char			**keys;		/* [nforms]: where it is
						   stored (the block, or
						   BLOCK/ID for an agency's
						   own); NULL: not used */
	int			 *changed;	/* [nforms]: text differs */
	size_t			  nforms;
	char			**gone_forms;	/* blocks with no form now */
	size_t			  ngone_forms;
	/* What to do to the agencies (codes borrowed from the lists). */
	const struct form_agency **add, **update, **remove;
	size_t			  nadd, nupdate, nremove;
	const struct form_agency **recount;	/* totals to recompute */
	size_t			  nrecount;
	struct amend_drop	 *drop;
	size_t			  ndrop;
	struct strbuf		  diff, lost;
	size_t			  nchanges, nlost;
	char			 *locked;	/* why a published scope is
						   touched, or NULL */
};

#define AMEND_PUSH(arr, n, v) do {					\
	(arr) = xreallocarray((arr), (n) + 1, sizeof *(arr));		\
	(arr)[(n)++] = (v);						\
} while (0)

/* app-amend.c */
char	*amend_key(struct form *const *, size_t, const struct form *);
void	 amend_lose(struct app_amend *, const struct entry_record *,
	    const char *why);
int	 amend_entry_fits(const struct form_item *,
	    const struct entry_record *);
void	 amend_touch(struct app_amend *, const struct app_year *,
	    const char *block, const char *parent, const char *what);
void	 amend_recount(struct app_amend *, const struct form_agency *);
/* app-amend-list.c */
int	 amend_diff_agencies(struct store *, const struct app_year *,
	    struct app_amend *, char **cause);
int	 amend_diff_forms(struct store *, const struct app_year *,
	    struct app_amend *, char **cause);

#endif
