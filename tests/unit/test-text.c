/* Unit tests: text (widths, fitting, NFC, accent-insensitive keys). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

/* "Nguyễn" written as NFD: e + circumflex (U+0302) + tilde (U+0303). */
#define NGUYEN_NFD	"Nguye\xcc\x82\xcc\x83n"
#define NGUYEN_NFC	"Nguy\xe1\xbb\x85n"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("Sở Nội vụ"), 9);
	assert_int_equal(text_width(NGUYEN_NFC), 6);
	assert_int_equal(text_width(NGUYEN_NFD), 6);	/* marks take 0 */
	assert_int_equal(text_width("Đắk Lắk"), 7);
	assert_int_equal(text_width("漢字"), 4);	/* wide */
	assert_int_equal(text_width("…"), 1);
}

static void
test_fit(void **state)
{
	char	*s;

	(void)state;
	s = text_fit("Sở Nội vụ", 20);
	assert_string_equal(s, "Sở Nội vụ");
	free(s);
	s = text_fit("Sở Nội vụ", 9);
	assert_string_equal(s, "Sở Nội vụ");
	free(s);
	s = text_fit("Sở Nội vụ", 6);
	assert_string_equal(s, "Sở Nộ…");
	assert_int_equal(text_width(s), 6);
	free(s);
	/* Never separates a letter from its combining marks. */
	s = text_fit(NGUYEN_NFD " Văn", 6);
	assert_string_equal(s, "Nguye\xcc\x82\xcc\x83…");
	assert_int_equal(text_width(s), 6);
	free(s);
	/* A wide character that does not fit is left out whole. */
	s = text_fit("a漢字", 4);
	assert_string_equal(s, "a漢…");
	free(s);
	s = text_fit("a漢字", 3);
	assert_string_equal(s, "a…");
	assert_int_equal(text_width(s), 2);
	free(s);
	s = text_fit("abc", 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_pad(void **state)
{
	char	*s;

	(void)state;
	s = text_pad("Khá", 6, 0);
	assert_string_equal(s, "Khá   ");
	free(s);
	s = text_pad("81.70", 7, 1);
	assert_string_equal(s, "  81.70");
	free(s);
	s = text_pad("Trung bình", 5, 0);
	assert_int_equal(text_width(s), 5);
	free(s);
}

static void
test_nfc(void **state)
{
	char	*s;

	(void)state;
	s = text_nfc(NGUYEN_NFD);
	assert_string_equal(s, NGUYEN_NFC);
	free(s);
	s = text_nfc("Thị Ánh");
	assert_string_equal(s, "Thị Ánh");
	free(s);
	assert_null(text_nfc("bad \xff utf8"));
	assert_int_equal(text_valid("bad \xff"), 0);
	assert_int_equal(text_valid("Tây Ninh"), 1);
}

/* text_nfc's short way (no ICU) gives what ICU gives, for every code
 * point it takes, alone and after a letter, and refuses what it must. */
static void
test_nfc_plain(void **state)
{
	char		 buf[16];
	char		*fast, *icu;
	unsigned int	 c, n = 0;

	(void)state;
	for (c = 1; c < 0x1f00; c++) {
		if (c >= 0x250 && c < 0x1e00)
			continue;
		if (c < 0x80)
			snprintf(buf, sizeof buf, "a%c", c);
		else if (c < 0x800)
			snprintf(buf, sizeof buf, "a%c%c", 0xc0 | (c >> 6),
			    0x80 | (c & 0x3f));
		else
			snprintf(buf, sizeof buf, "a%c%c%c", 0xe0 | (c >> 12),
			    0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
		fast = text_nfc(buf);
		icu = text_nfc_icu(buf);
		assert_non_null(fast);
		assert_non_null(icu);
		assert_string_equal(fast, icu);
		free(fast);
		free(icu);
		n++;
	}
	assert_int_equal(n, 0x24f + 0x100);
	/* Decomposed text still goes through ICU and is composed. */
	fast = text_nfc("a\xcc\x81");
	assert_string_equal(fast, "\xc3\xa1");
	free(fast);
	/* A truncated or overlong sequence is not taken as plain. */
	assert_null(text_nfc("x\xc3"));
	assert_null(text_nfc("x\xc0\x80"));
	assert_null(text_nfc("x\xe1\xb8"));
}

static void
test_fold(void **state)
{
	char	*a, *b;

	(void)state;
	a = text_fold("Sở Nội vụ");
	b = text_fold("so noi vu");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = text_fold("ĐẮK");
	assert_string_equal(a, "dak");
	free(a);
	assert_true(text_match("UBND huyện Dương Minh Châu", "duong minh"));
	assert_true(text_match("Sở Nội vụ", "NỘI"));
	assert_true(text_match(NGUYEN_NFD, "nguyen"));
	assert_false(text_match("Sở Tư pháp", "noi vu"));
}

/* esc(s, max, keep): text_escape_term compared with want. */
static void
esc(const char *s, size_t max, int keep, const char *want)
{
	char	*got = text_escape_term(s, max, keep);

	assert_string_equal(got, want);
	free(got);
}

static void
test_escape_term(void **state)
{
	(void)state;
	esc("Sở Nội vụ", 0, 0, "Sở Nội vụ");
	/* The agency name: retitle and clear the terminal. */
	esc("\x1b]0;PWNED\a\x1b[2J", 0, 0, "\\x1b]0;PWNED\\x07\\x1b[2J");
	esc("a\x7f" "b", 0, 0, "a\\x7fb");
	esc("C1 \xc2\x9b" "31m", 0, 0, "C1 \\x9b31m");	/* U+009B CSI */
	esc("bidi \xe2\x80\xae", 0, 0, "bidi \\u202e");
	esc("bad \xff\xfe", 0, 0, "bad \\xff\\xfe");
	esc("cut \xe1\xbb", 0, 0, "cut \\xe1\\xbb");
	esc("a\tb\nc", 0, 0, "a\\x09b\\x0ac");
	esc("a\tb\nc", 0, 1, "a\tb\nc");
	esc("Nguyễn Văn A", 6, 0, "Nguyễn…");
	esc("abc", 3, 0, "abc");
	esc("", 5, 0, "");
	assert_int_equal(text_valid_len("ab\0c", 4), 0);
	assert_int_equal(text_valid_len("S\xe1\xbb\x9f", 4), 1);
	assert_int_equal(text_valid_len("S\xe1\xbb", 3), 0);
}

/* What text_escape_term escapes is what text_has_control refuses
 * (issue 12: a bidirectional override in a note or a title). */
static void
test_has_control(void **state)
{
	static const char *const bad[] = { "\x1b[2J", "a\x7f", "\xc2\x9b",
	    "bidi \xe2\x80\xae", "\xe2\x80\x8e", "\xe2\x81\xa6x",
	    "\xe2\x80\xa8", "x\xef\xbb\xbf" };
	size_t	i;
	char	*e;

	(void)state;
	assert_int_equal(text_has_control("Sở Nội vụ — Tây Ninh", 0), 0);
	assert_int_equal(text_has_control("Ta\xcc\x82y", 0), 0); /* NFD */
	assert_int_equal(text_has_control("a\tb\nc", 0), 1);
	assert_int_equal(text_has_control("a\tb\nc", 1), 0);
	/* Every ASCII character (read without decoding) as the decoder
	 * would say, with and without line breaks kept. */
	for (i = 1; i < 0x80; i++) {
		char	one[4] = { 'a', (char)i, 'b', '\0' };
		int	lines = i == '\n' || i == '\t';
		int	control = i < 0x20 || i == 0x7f;

		assert_int_equal(text_has_control(one, 0), control);
		assert_int_equal(text_has_control(one, 1), control && !lines);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(text_has_control(bad[i], 1), 1);
		e = text_escape_term(bad[i], 0, 1);
		assert_non_null(strchr(e, '\\'));
		assert_int_equal(text_has_control(e, 0), 0);
		free(e);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_nfc_plain),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_escape_term),
		cmocka_unit_test(test_has_control),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
