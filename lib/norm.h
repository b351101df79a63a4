/*
 * norm: the one comparison form of personal data, shared by the leak
 * check (leakcheck) and redact-pii's own values (pii.c), so that what
 * one finds the other finds (SPEC section 5).
 *
 * norm_fold writes text in its folded form: full Unicode case folding
 * and compatibility decomposition (libunistring: u8_casefold with
 * UNINORM_NFKD), combining marks dropped, every run of white space one
 * space, none at either end.  "ELİF ŞİMŞEK" and "Elif Şimşek" both fold
 * to "elif simsek", "ΝΙΚΟΣ" and "Νίκος" to "νικοσ", "NGUYỄN" to
 * "nguyen", "Straße" to "strasse", full-width digits to ASCII digits.
 * Bytes that are not UTF-8 pass as they are, each a character.
 *
 * The fold is character by character (case folding needs no context
 * once final and medial sigma fold alike), so a map can say, for each
 * byte written, which bytes of the input it came from: what redact-pii
 * needs to redact the original text where its folded form matched.
 *
 * Phone numbers compare as digit sequences (norm_phone, norm_phone_in):
 * "+45 99 99 00 20", "+45 9999 0020", "0045 99990020", "TLF4599990020"
 * and "99 99 00 20" are one number.
 *
 * Nothing is allocated per call once the output buffer and the map have
 * grown: the folds of the code points below U+3000 are kept once
 * computed.
 */
#ifndef NORM_H
#define NORM_H

#include <stddef.h>

#include "buf.h"

/* Where each byte written by norm_fold came from. */
struct norm_map {
	size_t	*from;		/* per byte written: its source's start */
	size_t	*to;		/* per byte written: its source's end (with
				   the marks dropped after it) */
	size_t	 n;		/* bytes written by the last norm_fold */
	size_t	 cap;
};

/*
 * norm_fold: append the folded form of s[0..n) to out.  When m is not
 * NULL, m->n becomes the number of bytes appended and m->from[i],
 * m->to[i] the offsets in s of the character the i-th of them came from
 * (a collapsed run of white space: from its first to its last).
 */
void	norm_fold(struct buf *out, const char *s, size_t n,
	    struct norm_map *m);

/* norm_map_free: the map's memory. */
void	norm_map_free(struct norm_map *m);

/*
 * norm_phone: when s[0..n) is written as a phone number (only digits,
 * spaces and "+-./()", six digits or more), append its national digits
 * to out (without the country code after '+' or "00", and without one
 * leading 0) and return their number; else return 0 and append nothing.
 * Fewer than six national digits is no phone number either.
 */
size_t	norm_phone(struct buf *out, const char *s, size_t n);

/*
 * norm_phone_in: the national digits key[0..kn) (norm_phone) are written
 * in t[0..n): digit groups joined by up to three of " -./()" read as one
 * number, which is the key alone, after a 0, or after a country code
 * (pii_ccode; with or without "00" before it and a 0 after it).  Groups are
 * whole: a key inside a longer run of digits is not found.
 */
int	norm_phone_in(const char *t, size_t n, const char *key, size_t kn);

#endif
