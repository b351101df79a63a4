/*
 * text: UTF-8 helpers: character counts, case folding, case-insensitive
 * search.  Folding maps upper case to lower case for ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic, and only where both forms have
 * the same UTF-8 length, so a folded copy has the same byte offsets as
 * the original.  Invalid UTF-8 bytes count as one character each.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

struct buf;

/* text_nchars: the number of characters in s[0..n). */
size_t	text_nchars(const char *s, size_t n);

/* text_prefix: the byte length of the first k characters of s[0..n). */
size_t	text_prefix(const char *s, size_t n, size_t k);

/* text_fold: fold s[0..n) to lower case in place; same length. */
void	text_fold(char *s, size_t n);

/*
 * text_find: the offset of the first case-insensitive occurrence of
 * needle in hay at or after byte start, or (size_t)-1.  Both must be
 * given already folded (text_fold); this is then a byte search.
 */
size_t	text_find(const char *hay, size_t hn, size_t start,
	    const char *needle, size_t nn);

/* text_isword: byte c is part of a word (ASCII alphanumeric or >= 0x80). */
int	text_isword(unsigned char c);

/*
 * text_code: whether s[0..n) is a key written otherwise than Business
 * Central writes a Code field (upper case, unpadded): padded with blanks
 * (space, tab) or holding an ASCII lower-case letter, and not blank.  If
 * so, out holds it as a Code (trimmed, in upper case) and 1 is returned;
 * else 0, out untouched.
 */
int	text_code(const char *s, size_t n, struct buf *out);

#endif
