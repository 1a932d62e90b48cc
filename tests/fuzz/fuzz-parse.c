/*
 * fuzz-parse: the small parsers and text functions every input passes
 * through before the engine sees it: numbers (util_scan_cp), rule inputs
 * ("a=1; b=2"), evidence references, dates, statuses, and the UTF-8
 * functions that cut, pad and escape text for a terminal; and the
 * rounding arithmetic of rates.
 *
 * Input: the first byte chooses the function, the rest is its text (up
 * to a NUL) or, for the arithmetic, its 8-byte integers.  Each is checked
 * against a property: an independent reference for numbers and rounding,
 * a round trip through the text form for inputs and evidence, and the
 * promises of text.h (escaped text is valid UTF-8 without a control
 * character; fitted text is no wider than asked, padded text exactly as
 * wide).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "form.h"
#include "fuzz.h"
#include "score.h"
#include "text.h"
#include "util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* The number grammar of util.h, written again: 0 or a UTIL_CP_* code. */
static int
ref_scan_cp(const char *s, int64_t *out)
{
	__int128	v = 0;
	int		neg = 0, ndig = 0, nfrac = 0, frac = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; isdigit((unsigned char)*s); s++, ndig++) {
		if (v <= (__int128)UTIL_CP_LIMIT * 10)	/* else: too big */
			v = v * 10 + (*s - '0');
	}
	if (*s == '.' || *s == ',') {
		for (s++; isdigit((unsigned char)*s); s++, nfrac++) {
			if (nfrac < 2)
				frac = frac * 10 + (*s - '0');
		}
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' || ndig + nfrac == 0)
		return UTIL_CP_SYNTAX;
	if (nfrac > 2)
		return UTIL_CP_DECIMALS;
	v = v * 100 + (nfrac == 1 ? frac * 10 : frac);
	if (v > UTIL_CP_LIMIT)
		return UTIL_CP_RANGE;
	*out = (int64_t)(neg ? -v : v);
	return 0;
}

static void
check_number(const char *s)
{
	int64_t	 v = 0, r = 0, back;
	char	 buf[UTIL_CP_BUFSZ], *cause = NULL;
	int	 rc;

	rc = util_scan_cp(s, &v);
	FUZZ_CHECK(rc == ref_scan_cp(s, &r));
	FUZZ_CHECK(util_parse_cp(s, &back, &cause) == (rc == 0 ? 0 : -1));
	FUZZ_CHECK((rc == 0) == (cause == NULL));
	if (cause != NULL) {
		/* The value is echoed escaped and cut, never whole. */
		FUZZ_CHECK(strlen(cause) < 400);
		FUZZ_CHECK(strchr(cause, '\033') == NULL);
		free(cause);
		return;
	}
	FUZZ_CHECK(v == r && back == v);
	FUZZ_CHECK(v >= -UTIL_CP_LIMIT && v <= UTIL_CP_LIMIT);
	/* What is printed reads back as the same number. */
	FUZZ_CHECK(util_scan_cp(util_format_cp(v, '.', buf), &back) == 0 &&
	    back == v);
	FUZZ_CHECK(util_scan_cp(util_format_cp(v, ',', buf), &back) == 0 &&
	    back == v);
	FUZZ_CHECK(util_scan_cp(util_format_cp2(v, ',', buf), &back) == 0 &&
	    back == v);
}

static void
check_inputs(const char *s)
{
	struct entry_inputs	 in, again;
	char			*cause = NULL, *text;
	size_t			 i;

	if (entry_inputs_parse(s, &in, &cause) != 0) {
		FUZZ_CHECK(cause != NULL && in.n == 0);
		free(cause);
		return;
	}
	FUZZ_CHECK(cause == NULL && in.n <= ENTRY_MAX_INPUTS);
	for (i = 0; i < in.n; i++)
		FUZZ_CHECK(in.v[i].value >= -UTIL_CP_LIMIT &&
		    in.v[i].value <= UTIL_CP_LIMIT);
	text = entry_inputs_format(&in);
	FUZZ_CHECK(entry_inputs_parse(text, &again, &cause) == 0);
	FUZZ_CHECK(entry_inputs_eq(&in, &again));
	free(text);
	entry_inputs_clear(&in);
	entry_inputs_clear(&again);
}

static void
check_evidence(const char *s)
{
	struct entry_evidence	*ev, *again;
	size_t			 n, n2, i;
	char			*cause = NULL, *text;

	if (entry_evidence_parse(s, 1, &ev, &n, &cause) != 0) {
		FUZZ_CHECK(cause != NULL && ev == NULL && n == 0);
		free(cause);
		return;
	}
	FUZZ_CHECK(n <= ENTRY_MAX_EVIDENCE);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(entry_evidence_check(&ev[i], i + 1, &cause) == 0);
		FUZZ_CHECK(text_valid(ev[i].number));
	}
	text = entry_evidence_format(ev, n);
	FUZZ_CHECK(entry_evidence_parse(text, 1, &again, &n2, &cause) == 0);
	FUZZ_CHECK(entry_evidence_eq(ev, n, again, n2));
	free(text);
	entry_evidence_free(ev, n);
	entry_evidence_free(again, n2);
}

/* The next code point of valid UTF-8 at *p (advanced). */
static long
utf8_next(const unsigned char **p)
{
	const unsigned char	*s = *p;
	long			 c;
	int			 k, i;

	if (s[0] < 0x80)
		k = 0, c = s[0];
	else if (s[0] < 0xe0)
		k = 1, c = s[0] & 0x1f;
	else if (s[0] < 0xf0)
		k = 2, c = s[0] & 0x0f;
	else
		k = 3, c = s[0] & 0x07;
	for (i = 1; i <= k; i++)
		c = c << 6 | (s[i] & 0x3f);
	*p = s + k + 1;
	return c;
}

static void
check_escape(const char *s, size_t max, int keep)
{
	char			*e = text_escape_term(s, max, keep);
	const unsigned char	*p = (const unsigned char *)e;
	size_t			 chars = 0;
	long			 c;

	FUZZ_CHECK(text_valid(e));
	while (*p != '\0') {
		c = utf8_next(&p);
		chars++;
		if (keep && (c == '\n' || c == '\t'))
			continue;
		FUZZ_CHECK(c >= 0x20 && !(c >= 0x7f && c <= 0x9f));
		FUZZ_CHECK(c != 0x2028 && c != 0x2029 && c != 0x200e &&
		    c != 0x200f && !(c >= 0x202a && c <= 0x202e) &&
		    !(c >= 0x2066 && c <= 0x2069) && c != 0xfeff);
	}
	/* Cut: at most max characters (an ill-formed one is up to three
	 * bytes, each escaped as \xNN), and the "…". */
	FUZZ_CHECK(max == 0 || chars <= max * 12 + 1);
	free(e);
}

static void
check_width(const char *s, int width)
{
	char	*f, *p, *t;

	f = text_fit(s, width);
	FUZZ_CHECK(text_width(f) <= width);
	free(f);
	p = text_pad(s, width, width & 1);
	FUZZ_CHECK(text_width(p) == width);
	free(p);
	if (text_valid(s)) {
		FUZZ_CHECK((t = text_nfc(s)) != NULL && text_valid(t));
		free(t);
		FUZZ_CHECK((t = text_fold(s)) != NULL && text_valid(t));
		free(t);
		FUZZ_CHECK((t = text_upper(s)) != NULL && text_valid(t));
		free(t);
		FUZZ_CHECK(text_match(s, s));
	}
}

/* round_half_up(p / den) for den > 0, by another route than util.c's. */
static __int128
ref_div_round(__int128 p, __int128 den)
{
	__int128	q;

	/* floor(p / den) + (2 * remainder >= den), on magnitudes. */
	if (p >= 0)
		q = p / den;
	else
		q = -((-p + den - 1) / den);
	return 2 * (p - q * den) >= den ? q + 1 : q;
}

static void
check_arith(const uint8_t *d, size_t n)
{
	int64_t		 v[3] = { 0, 1, 1 }, out = 0;
	__int128	 ref;
	size_t		 i;
	int		 rc;

	for (i = 0; i < 3 && n >= (i + 1) * 8; i++)
		memcpy(&v[i], d + i * 8, 8);
	if (v[1] > 0)
		FUZZ_CHECK(util_div_round(v[0], v[1]) ==
		    ref_div_round(v[0], v[1]));
	else
		FUZZ_CHECK(util_div_round(v[0], v[1]) == 0);
	rc = util_mul_div_round(v[0], v[1], v[2], &out);
	if (v[2] <= 0)
		FUZZ_CHECK(rc == -1);
	else {
		ref = ref_div_round((__int128)v[0] * v[1], v[2]);
		if (ref < INT64_MIN || ref > INT64_MAX)
			FUZZ_CHECK(rc == -1);
		else
			FUZZ_CHECK(rc == 0 && out == ref);
	}
	if (v[1] > 0) {
		ref = ref_div_round((__int128)v[0] * 10000, v[1]);
		FUZZ_CHECK(score_rate(v[0], v[1]) == (ref > INT64_MAX ?
		    INT64_MAX : ref < INT64_MIN ? INT64_MIN : (int64_t)ref));
	} else
		FUZZ_CHECK(score_rate(v[0], v[1]) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum score_status	 st;
	enum form_rule_kind	 rk;
	char			*s;
	uint8_t			 sel;

	if (size == 0)
		return 0;
	sel = data[0];
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (sel % 8) {
	case 0:
		check_number(s);
		break;
	case 1:
		check_inputs(s);
		break;
	case 2:
		check_evidence(s);
		break;
	case 3:
		check_escape(s, (sel >> 3) % 4 == 0 ? 0 : (sel >> 3) * 3,
		    sel & 0x80);
		break;
	case 4:
		check_width(s, (sel >> 3) % 32 * 3);
		break;
	case 5:
		/* A real day of a year 1900..9999, or 0. */
		FUZZ_CHECK(entry_date_ok(s) == 0 || entry_date_ok(s) == 1);
		break;
	case 6:
		check_arith(data + 1, size - 1);
		break;
	default:
		if (status_parse(s, &st) == 0)
			FUZZ_CHECK(st >= STATUS_EMPTY &&
			    st <= STATUS_NOT_DONE);
		if (rule_parse(s, &rk) == 0)
			FUZZ_CHECK(strcmp(rule_name(rk), s) == 0);
		break;
	}
	free(s);
	return 0;
}
