/*
 * fuzz_pii: libFuzzer harness for redact-pii (lib/pii.c).
 *
 * Input: byte 0 picks the own value whose column is excluded (or none);
 * the rest, split at NUL bytes, is the free text to redact and up to
 * eight own values of the row (tagged 0, 1, ...).
 *
 * Properties, each an abort when broken:
 *  - pii_redact fails exactly on text that is not valid UTF-8 (a strict
 *    reference decoder decides), and then leaves the output empty; on
 *    valid text its output is valid UTF-8;
 *  - no word of five characters or more of an own value (valid UTF-8,
 *    its column not excluded) survives in the output, both folded as
 *    redact-pii folds them (norm_fold), except inside a placeholder
 *    such as [REDACTED];
 *  - pii_luhn and pii_iban agree with plain reference implementations
 *    on the text and on each value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "norm.h"
#include "pii.h"
#include "text.h"

#define MAXVALS	8

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_pii: property failed: %s\n", what);
	abort();
}

/* ref_utf8: RFC 3629 UTF-8 (no overlong forms, surrogates, > U+10FFFF). */
static int
ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, j;
	unsigned long c;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			k = 1;
			c = s[i] & 0x1F;
		} else if ((s[i] & 0xF0) == 0xE0) {
			k = 2;
			c = s[i] & 0x0F;
		} else if ((s[i] & 0xF8) == 0xF0) {
			k = 3;
			c = s[i] & 0x07;
		} else
			return 0;
		if (i + k >= n)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 1 && c < 0x80) || (k == 2 && c < 0x800) ||
		    (k == 3 && c < 0x10000) || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

static int
ref_luhn(const char *p, size_t n)
{
	size_t i, nd = 0;
	unsigned sum = 0, d;

	for (i = n; i-- > 0;) {
		if (p[i] < '0' || p[i] > '9')
			continue;
		d = (unsigned)(p[i] - '0');
		if (nd++ % 2 == 1)
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return nd > 0 && sum % 10 == 0;
}

/* ref_iban: ISO 13616 check, spaces ignored, letters of either case. */
static int
ref_iban(const char *p, size_t n)
{
	char c[64], digits[200];
	size_t i, k = 0, nd = 0;
	unsigned rem = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == ' ')
			continue;
		if (k == sizeof(c))
			return 0;
		c[k++] = p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i];
	}
	if (k < 15 || k > 34)
		return 0;
	for (i = 0; i < k; i++)
		if (!((c[i] >= 'A' && c[i] <= 'Z') ||
		    (c[i] >= '0' && c[i] <= '9')))
			return 0;
	if (c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    c[2] < '0' || c[2] > '9' || c[3] < '0' || c[3] > '9')
		return 0;
	/* Rearranged, letters as two digits, then mod 97 digit by digit. */
	for (i = 0; i < k; i++) {
		char ch = c[(i + 4) % k];

		if (ch >= '0' && ch <= '9')
			digits[nd++] = ch;
		else {
			digits[nd++] = (char)('0' + (ch - 'A' + 10) / 10);
			digits[nd++] = (char)('0' + (ch - 'A' + 10) % 10);
		}
	}
	for (i = 0; i < nd; i++)
		rem = (rem * 10 + (unsigned)(digits[i] - '0')) % 97;
	return rem == 1;
}

/* inside_placeholder: whether hay[at..at+len) lies in a "[...]" tag. */
static int
inside_placeholder(const char *hay, size_t hn, size_t at, size_t len)
{
	static const char *const tags[] = { "[redacted]", "[email]",
	    "[phone]", "[iban]", "[card]", "[ip]" };
	size_t i, k, start;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		k = strlen(tags[i]);
		for (start = at + len > k ? at + len - k : 0;
		    start <= at && start + k <= hn; start++)
			if (memcmp(hay + start, tags[i], k) == 0 &&
			    at + len <= start + k)
				return 1;
	}
	return 0;
}

static void
check_survivors(const struct buf *out, const char *v, size_t vn)
{
	struct buf fo = { NULL, 0, 0 }, fv = { NULL, 0, 0 };
	size_t i, j, pos;

	norm_fold(&fo, out->p == NULL ? "" : out->p, out->n, NULL);
	norm_fold(&fv, v, vn, NULL);
	for (i = 0; i < fv.n; i = j) {
		if (!text_isword((unsigned char)fv.p[i])) {
			j = i + 1;
			continue;
		}
		for (j = i; j < fv.n && text_isword((unsigned char)fv.p[j]);
		    j++)
			;
		if (text_nchars(fv.p + i, j - i) < 5)
			continue;
		for (pos = 0; (pos = text_find(fo.p, fo.n, pos, fv.p + i,
		    j - i)) != (size_t)-1; pos++)
			if (!inside_placeholder(fo.p, fo.n, pos, j - i)) {
				fprintf(stderr, "word '%.*s' survives\n",
				    (int)(j - i), fv.p + i);
				fail("an own value's word survives redaction");
			}
	}
	buf_free(&fo);
	buf_free(&fv);
}

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pii *x;
	static struct buf out;
	const char *text, *val[MAXVALS];
	size_t textn, valn[MAXVALS], nv = 0, i, k;
	long exclude;
	int rc, valid;

	if (size < 1)
		return 0;
	if (x == NULL)
		x = pii_new();
	exclude = (long)(data[0] % (MAXVALS + 1)) - 1;
	if (exclude == -1)
		exclude = -2;		/* nothing excluded */
	data++;
	size--;
	for (k = 0; k < size && data[k] != '\0'; k++)
		;
	text = (const char *)data;
	textn = k;
	while (k < size && nv < MAXVALS) {
		i = ++k;
		while (k < size && data[k] != '\0')
			k++;
		val[nv] = (const char *)data + i;
		valn[nv++] = k - i;
	}

	if (pii_luhn(text, textn) != ref_luhn(text, textn))
		fail("pii_luhn differs from the reference");
	if (pii_iban(text, textn) != ref_iban(text, textn))
		fail("pii_iban differs from the reference");
	if (pii_utf8(text, textn) != ref_utf8((const unsigned char *)text,
	    textn))
		fail("pii_utf8 differs from the reference");

	pii_own_reset(x);
	for (i = 0; i < nv; i++) {
		if (pii_luhn(val[i], valn[i]) != ref_luhn(val[i], valn[i]))
			fail("pii_luhn differs from the reference");
		if (pii_iban(val[i], valn[i]) != ref_iban(val[i], valn[i]))
			fail("pii_iban differs from the reference");
		pii_own_add(x, val[i], valn[i], (long)i);
	}
	valid = ref_utf8((const unsigned char *)text, textn);
	rc = pii_redact(x, text, textn, exclude, &out);
	if (rc == -1) {
		if (valid)
			fail("pii_redact failed on valid UTF-8");
		if (out.n != 0)
			fail("pii_redact failed but left output");
		return 0;
	}
	if (!valid)
		fail("pii_redact accepted invalid UTF-8");
	if (!ref_utf8((const unsigned char *)out.p, out.n))
		fail("pii_redact wrote invalid UTF-8");
	for (i = 0; i < nv; i++)
		if ((long)i != exclude &&
		    ref_utf8((const unsigned char *)val[i], valn[i]))
			check_survivors(&out, val[i], valn[i]);
	return 0;
}
