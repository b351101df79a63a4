/*
 * text: UTF-8 counting and same-length case folding (see text.h).
 */
#define _GNU_SOURCE
#include <string.h>

#include "buf.h"
#include "text.h"

size_t
text_nchars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

size_t
text_prefix(const char *s, size_t n, size_t k)
{
	size_t i, seen = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (seen == k)
				return i;
			seen++;
		}
	return n;
}

/* lower: the lower-case code point of c where its UTF-8 length is kept. */
static unsigned long
lower(unsigned long c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 32;
	if (c >= 0x100 && c <= 0x137 && c % 2 == 0)
		return c + 1;
	if (c >= 0x139 && c <= 0x148 && c % 2 == 1)
		return c + 1;
	if (c >= 0x14A && c <= 0x177 && c % 2 == 0)
		return c + 1;
	if (c == 0x178)
		return 0xFF;
	if (c == 0x179 || c == 0x17B || c == 0x17D)
		return c + 1;
	if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

void
text_fold(char *s, size_t n)
{
	unsigned char *u = (unsigned char *)s;
	unsigned long c, l;
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i] < 0x80) {
			if (u[i] >= 'A' && u[i] <= 'Z')
				u[i] += 32;
		} else if ((u[i] & 0xE0) == 0xC0 && i + 1 < n &&
		    (u[i + 1] & 0xC0) == 0x80) {
			c = ((unsigned long)(u[i] & 0x1F) << 6) |
			    (u[i + 1] & 0x3F);
			l = lower(c);
			if (l != c && l >= 0x80 && l < 0x800) {
				u[i] = (unsigned char)(0xC0 | (l >> 6));
				u[i + 1] = (unsigned char)(0x80 | (l & 0x3F));
			}
			i++;
		}
	}
}

size_t
text_find(const char *hay, size_t hn, size_t start, const char *needle,
    size_t nn)
{
	const char *p;

	if (start > hn || nn > hn - start)
		return (size_t)-1;
	if (nn == 0)
		return start;
	p = memmem(hay + start, hn - start, needle, nn);
	return p == NULL ? (size_t)-1 : (size_t)(p - hay);
}

int
text_isword(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c >= 0x80;
}

int
text_code(const char *s, size_t n, struct buf *out)
{
	size_t j;
	int odd = 0;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
		odd = 1;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
		odd = 1;
	}
	for (j = 0; j < n && !odd; j++)
		odd = s[j] >= 'a' && s[j] <= 'z';
	if (!odd || n == 0)
		return 0;
	buf_reset(out);
	for (j = 0; j < n; j++)
		buf_addc(out, s[j] >= 'a' && s[j] <= 'z' ?
		    s[j] - 'a' + 'A' : s[j]);
	return 1;
}
