/*
 * pii: the redact-pii action of scrub (SPEC section 4).
 *
 * Free text is redacted in two steps.  First the detectors, in this
 * order, each on the output of the one before:
 *   e-mail addresses                                   -> [EMAIL]
 *   IBANs (country, 2 check digits, 11-30 letters or digits, single
 *     spaces allowed; the mod-97 checksum must hold)   -> [IBAN]
 *   payment card numbers: a whole run of 13-19 digits, single spaces or
 *     dashes allowed, that passes the Luhn check       -> [CARD]
 *   IPv6 (full, or compressed with a group on each side of "::", or
 *     ::ffff:IPv4) and IPv4 (dotted quad, octets <= 255) -> [IP]
 *   phone numbers                                      -> [PHONE]
 * A phone candidate is a run of digit groups joined by a single dot, by
 * up to three spaces, dashes or slashes, or by parentheses, optionally
 * starting with '+' or '(', and not glued to a letter or digit.  Dates
 * inside a run (2026-11-29, 29.11.2026, 11/29/2026, 29.11.26) and year
 * ranges (2020-2026) split it and are never a phone; of what is left a
 * part is a phone when it is international ('+' or '00') with 7 to 17
 * digits, or national with 7 to 15 digits and at least two groups unless
 * it reads as an amount (1.234.567, 1 234 567 not starting with 0,
 * 1234567.50), or a bare run of 8 to 15 digits starting with 0.
 *
 * Then the row's own values (pii_own_add) become [REDACTED],
 * case-insensitively (text_fold): each whole value, and each word of it
 * (a maximal run of text_isword bytes) of three characters or more.  A
 * value or word of five characters or more is redacted wherever it
 * occurs; a shorter one only as a whole word (not adjacent to a word
 * byte, or next to text already redacted).  Values with no word byte are
 * ignored, and so are the placeholders of the first step.  Overlapping
 * and adjacent redacted text becomes one [REDACTED].
 *
 * Nothing is allocated per call once the buffers have grown.
 */
#ifndef PII_H
#define PII_H

#include <stddef.h>

#include "buf.h"

/* Tag of own values that no column excludes (scrub --keys-pii). */
#define PII_TAG_ALL	(-1L)

struct pii;

/*
 * pii_jit: JIT-compile a PCRE2 pattern (a pcre2_code *), unless the
 * environment sets CUSTANON_NO_JIT: memory checkers such as valgrind
 * cannot follow JIT code and report false errors in it.  A pattern that
 * cannot be JIT-compiled is still matched by the interpreter.
 */
void		 pii_jit(void *re);

/* pii_new: compile the detectors (JIT where available). */
struct pii	*pii_new(void);
void		 pii_free(struct pii *x);

/* pii_own_reset: forget every own value (call at the start of a row). */
void		 pii_own_reset(struct pii *x);

/*
 * pii_own_add: p[0..n) is an own value of the row, from source tag (the
 * column index, or PII_TAG_ALL), spaces and tabs around it trimmed.
 * Empty values are ignored.  The bytes
 * are copied.
 */
void		 pii_own_add(struct pii *x, const char *p, size_t n, long tag);

/* pii_own_count: the number of strings (values and words) to redact. */
size_t		 pii_own_count(const struct pii *x);

/*
 * pii_redact: write p[0..n) redacted into out (which is reset first),
 * skipping own values added with tag exclude.  Returns 0, or -1 when p
 * is not valid UTF-8 or a detector failed (out is then empty).
 */
int		 pii_redact(struct pii *x, const char *p, size_t n,
		    long exclude, struct buf *out);

/* pii_luhn: 1 when the digits of p[0..n) pass the Luhn check. */
int		 pii_luhn(const char *p, size_t n);

/*
 * pii_iban: 1 when p[0..n), spaces ignored, is 15 to 34 letters and
 * digits starting with two letters and two digits, whose mod-97
 * checksum holds.
 */
int		 pii_iban(const char *p, size_t n);

/* pii_utf8: 1 when p[0..n) is valid UTF-8. */
int		 pii_utf8(const char *p, size_t n);

#endif
