/*
 * text: UTF-8 strings as the operator sees them.  Pure (uses ICU for the
 * Unicode tables, normalisation and case folding; no terminal).
 *
 * Widths are terminal columns: combining marks take 0, East Asian wide
 * and fullwidth characters 2, others 1.  Nothing here cuts by bytes.
 */
#ifndef CCHC_TEXT_H
#define CCHC_TEXT_H

#include <stddef.h>

/* 1 if s is well-formed UTF-8. */
int	 text_valid(const char *s);

/* 1 if the n bytes at s are well-formed UTF-8 (NUL counts as invalid). */
int	 text_valid_len(const char *s, size_t n);

/*
 * 1 if s holds a character that must not reach a terminal raw: a C0 or
 * C1 control, DEL, a line or paragraph separator, a bidirectional
 * control (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) or U+FEFF;
 * with keep_lines, newline and tab are allowed.  text_escape_term
 * escapes exactly these.  s must be valid UTF-8.
 */
int	 text_has_control(const char *s, int keep_lines);

/* The longest value an error message quotes, in characters. */
#define TEXT_ECHO_MAX	60

/*
 * s made safe for a terminal: C0 and C1 controls, DEL, line separators
 * and bidirectional controls become visible escapes (\x1b, \u202e), and
 * so does each byte that is not UTF-8 (\xff); with keep_lines, newline
 * and tab stay.  Cut to max characters with "…" when max > 0.  Caller
 * frees.
 */
char	*text_escape_term(const char *s, size_t max, int keep_lines);

/* Display width of s in columns (invalid bytes count 1 each). */
int	 text_width(const char *s);

/*
 * s cut to at most width columns; when cut, the last column is "…".
 * Never splits a character from its combining marks.  Caller frees.
 */
char	*text_fit(const char *s, int width);

/*
 * s fitted and padded with spaces to exactly width columns, on the right
 * (align_right = 0) or the left (align_right = 1).  Caller frees.
 */
char	*text_pad(const char *s, int width, int align_right);

/* s in Unicode NFC; NULL if s is not valid UTF-8.  Caller frees. */
char	*text_nfc(const char *s);
/* The same, always through ICU (text_nfc skips it for text that is
 * plainly NFC; the tests compare the two). */
char	*text_nfc_icu(const char *s);

/*
 * An accent- and case-insensitive key for searching: "Sở Nội vụ" and
 * "so noi vu" give the same key.  Caller frees; NULL if not UTF-8.
 */
char	*text_fold(const char *s);

/* s in capitals, as a title is set ("Tây Ninh": "TÂY NINH"); NULL if
 * s is not UTF-8.  Caller frees. */
char	*text_upper(const char *s);

/* 1 if the folded needle occurs in the folded haystack. */
int	 text_match(const char *haystack, const char *needle);

/* Vietnamese (or another locale's) collation, from ICU. */
struct text_collator;
struct text_collator	*text_collator_new(const char *locale);
void			 text_collator_free(struct text_collator *);
/* <0, 0 or >0 as a sorts before, with or after b. */
int			 text_collate(struct text_collator *, const char *a,
			    const char *b);

#endif
