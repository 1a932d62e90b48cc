/*
 * form-pack: an agency list as a flat byte string, kept beside the list's
 * text in the year so that opening a year does not parse the text again
 * (a national list of 10,000 agencies costs libconfig 0.4 G instructions;
 * reading it back from this form costs a hundredth of that).
 *
 * The format is private to cchc and derived: the text stays the audited
 * source, and verify checks that the two still agree (app-year.c).  It is
 * a run of fields, each a tag byte, its bytes and a NUL: '=' a value, '-'
 * none (a NULL string).  Numbers are decimal.  Written by hand: no library
 * serialises this struct, and 150 lines of C that check every length are
 * less to trust than a schema compiler's output.
 *
 *	"cchc-agencies" version file province
 *	nappraisers { code name by line }
 *	nblocks { code name }
 *	nagencies { code name block parent profile form form_line
 *	    nadvises { area } order line }
 *	{ position in bycode order } x nagencies, then nbycode
 *
 * An unpacked list keeps its strings inside the packed bytes, which it
 * takes over (l->arena): one allocation to read and to free.
 */
#include "form.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PACK_MAGIC	"cchc-agencies"
#define PACK_VERSION	1

struct pack {
	char	*buf;
	size_t	 len, cap;
};

static void
pack_raw(struct pack *p, char tag, const char *s, size_t n)
{
	while (p->len + n + 2 > p->cap) {
		p->cap = p->cap != 0 ? p->cap * 2 : 4096;
		p->buf = xreallocarray(p->buf, p->cap, 1);
	}
	p->buf[p->len++] = tag;
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->buf[p->len++] = '\0';
}

static void
pack_str(struct pack *p, const char *s)
{
	if (s == NULL)
		pack_raw(p, '-', "", 0);
	else
		pack_raw(p, '=', s, strlen(s));
}

static void
pack_num(struct pack *p, uint64_t v)
{
	char	d[24];
	size_t	n = sizeof d;

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	pack_raw(p, '=', d + n, sizeof d - n);
}

char *
agency_list_pack(const struct form_agency_list *l, size_t *len)
{
	struct pack	 p = { NULL, 0, 0 };
	size_t		 i, k;

	pack_str(&p, PACK_MAGIC);
	pack_num(&p, PACK_VERSION);
	pack_str(&p, l->file);
	pack_str(&p, l->province);
	pack_num(&p, l->nappraisers);
	for (i = 0; i < l->nappraisers; i++) {
		pack_str(&p, l->appraisers[i].code);
		pack_str(&p, l->appraisers[i].name);
		pack_str(&p, l->appraisers[i].by);
		pack_num(&p, (uint64_t)(int64_t)l->appraisers[i].line);
	}
	pack_num(&p, l->nblocks);
	for (i = 0; i < l->nblocks; i++) {
		pack_str(&p, l->blocks[i].code);
		pack_str(&p, l->blocks[i].name);
	}
	pack_num(&p, l->nagencies);
	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*a = &l->agencies[i];

		pack_str(&p, a->code);
		pack_str(&p, a->name);
		pack_str(&p, a->block);
		pack_str(&p, a->parent);
		pack_str(&p, a->profile);
		pack_str(&p, a->form);
		pack_num(&p, (uint64_t)(int64_t)a->form_line);
		pack_num(&p, a->nadvises);
		for (k = 0; k < a->nadvises; k++)
			pack_num(&p, (uint64_t)(int64_t)a->advises[k]);
		pack_num(&p, a->order);
		pack_num(&p, (uint64_t)(int64_t)a->line);
	}
	/* The code index as positions: no sort when read back. */
	for (i = 0; i < l->nagencies; i++)
		pack_num(&p, l->bycode != NULL ?
		    (size_t)(l->bycode[i] - l->agencies) : i);
	pack_num(&p, l->bycode != NULL ? l->nbycode : 0);
	*len = p.len;
	return p.buf;
}

struct unpack {
	char	*at, *end;
	int	 bad;
};

/* The next field: its bytes (inside the arena), NULL for none. */
static char *
unpack_str(struct unpack *u)
{
	char	*s, *nul;

	if (u->bad || u->at >= u->end ||
	    (nul = memchr(u->at, '\0', (size_t)(u->end - u->at))) == NULL ||
	    (*u->at != '=' && *u->at != '-')) {
		u->bad = 1;
		return NULL;
	}
	s = *u->at == '=' ? u->at + 1 : NULL;
	u->at = nul + 1;
	return s;
}

/* The next field as a number no greater than max. */
static uint64_t
unpack_num(struct unpack *u, uint64_t max)
{
	const char	*s = unpack_str(u);
	uint64_t	 v = 0;

	if (s == NULL || *s == '\0') {
		u->bad = 1;
		return 0;
	}
	for (; *s != '\0'; s++) {
		uint64_t	d = (uint64_t)(*s - '0');

		/* v * 10 + d <= max, without wrapping (d may exceed max). */
		if (*s < '0' || *s > '9' || v > max / 10 ||
		    (v == max / 10 && d > max % 10)) {
			u->bad = 1;
			return 0;
		}
		v = v * 10 + d;
	}
	return v;
}

/* A count of things each taking at least min bytes of what is left. */
static size_t
unpack_count(struct unpack *u, size_t min)
{
	return (size_t)unpack_num(u, (uint64_t)(u->end - u->at) / min);
}

static int
unpack_int(struct unpack *u)
{
	return (int)(int64_t)unpack_num(u, UINT64_MAX);
}

/*
 * What the text's loader guarantees, and what reads a list rely on:
 * every code, name and block there; an agency's block among the blocks;
 * advised areas 1..99; the code index sorted and whole.  A pack that
 * is not so is not used (the year opens from its text; verify says the
 * pack differs), whoever wrote it.
 */
static int
unpack_whole(const struct form_agency_list *l)
{
	size_t	i, k;

	for (i = 0; i < l->nappraisers; i++)
		if (l->appraisers[i].code == NULL)
			return 0;
	for (i = 0; i < l->nblocks; i++)
		if (l->blocks[i].code == NULL || l->blocks[i].name == NULL)
			return 0;
	for (i = 0; i < l->nagencies; i++) {
		const struct form_agency	*a = &l->agencies[i];

		if (a->code == NULL || a->name == NULL || a->block == NULL ||
		    agency_find_block(l, a->block) == NULL)
			return 0;
		for (k = 0; k < a->nadvises; k++)
			if (a->advises[k] < 1 || a->advises[k] > 99)
				return 0;
	}
	/* agency_find's binary search: every agency once, by code. */
	if (l->nbycode != l->nagencies)
		return 0;
	for (i = 0; i < l->nbycode; i++) {
		if (i > 0 && strcmp(l->bycode[i - 1]->code,
		    l->bycode[i]->code) >= 0)
			return 0;
	}
	return 1;
}

struct form_agency_list *
agency_list_unpack(char *buf, size_t len)
{
	struct form_agency_list	*l = agency_list_new();
	struct unpack		 u;
	const char		*magic;
	size_t			 i, k, nadv = 0, pos;
	char			*mark;

	l->arena = buf;
	u.at = l->arena;
	u.end = l->arena + len;
	u.bad = 0;
	magic = unpack_str(&u);
	if (magic == NULL || strcmp(magic, PACK_MAGIC) != 0 ||
	    unpack_num(&u, UINT64_MAX) != PACK_VERSION)
		goto bad;
	l->file = unpack_str(&u);
	l->province = unpack_str(&u);
	/* Each appraiser takes at least 8 bytes, a block 4, an agency 20. */
	l->nappraisers = unpack_count(&u, 8);
	l->appraisers = xcalloc(l->nappraisers + 1, sizeof *l->appraisers);
	for (i = 0; !u.bad && i < l->nappraisers; i++) {
		l->appraisers[i].code = unpack_str(&u);
		l->appraisers[i].name = unpack_str(&u);
		l->appraisers[i].by = unpack_str(&u);
		l->appraisers[i].line = unpack_int(&u);
	}
	l->nblocks = unpack_count(&u, 4);
	l->blocks = xcalloc(l->nblocks + 1, sizeof *l->blocks);
	for (i = 0; !u.bad && i < l->nblocks; i++) {
		l->blocks[i].code = unpack_str(&u);
		l->blocks[i].name = unpack_str(&u);
	}
	l->nagencies = unpack_count(&u, 20);
	l->agencies = xcalloc(l->nagencies + 1, sizeof *l->agencies);
	/* The advised areas: counted in a first pass, one array for all. */
	mark = u.at;
	for (i = 0; !u.bad && i < l->nagencies; i++) {
		for (k = 0; k < 6; k++)
			(void)unpack_str(&u);
		(void)unpack_num(&u, UINT64_MAX);
		k = unpack_count(&u, 2);
		nadv += k;
		while (k-- > 0)
			(void)unpack_num(&u, UINT64_MAX);
		(void)unpack_num(&u, UINT64_MAX);
		(void)unpack_num(&u, UINT64_MAX);
	}
	if (u.bad)
		goto bad;
	u.at = mark;
	l->arena_ints = xcalloc(nadv + 1, sizeof *l->arena_ints);
	for (i = 0, nadv = 0; !u.bad && i < l->nagencies; i++) {
		struct form_agency	*a = &l->agencies[i];

		a->code = unpack_str(&u);
		a->name = unpack_str(&u);
		a->block = unpack_str(&u);
		a->parent = unpack_str(&u);
		a->profile = unpack_str(&u);
		a->form = unpack_str(&u);
		a->form_line = unpack_int(&u);
		a->nadvises = unpack_count(&u, 2);
		a->advises = a->nadvises > 0 ? l->arena_ints + nadv : NULL;
		for (k = 0; k < a->nadvises; k++)
			a->advises[k] = unpack_int(&u);
		nadv += a->nadvises;
		a->order = (size_t)unpack_num(&u, l->nagencies - 1);
		a->line = unpack_int(&u);
	}
	l->bycode = xcalloc(l->nagencies + 1, sizeof *l->bycode);
	for (i = 0; !u.bad && i < l->nagencies; i++) {
		pos = (size_t)unpack_num(&u, l->nagencies - 1);
		l->bycode[i] = &l->agencies[pos];
	}
	l->nbycode = (size_t)unpack_num(&u, l->nagencies);
	if (u.bad || u.at != u.end || !unpack_whole(l))
		goto bad;
	return l;
bad:
	agency_list_free(l);
	return NULL;
}
