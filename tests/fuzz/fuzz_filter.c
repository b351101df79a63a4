/*
 * fuzz_filter: libFuzzer harness for the filter-expression engine
 * (lib/filter.c): filter_compile, filter_match and bool_parse, which
 * return errors rather than exit (where_add exits 2 on a bad filter and is
 * left out; it only splits its argument and calls filter_compile).
 *
 * Byte 0 chooses the mode.
 *
 * Even: the rest, split at NUL bytes, is an expression and up to eight
 * field values.  A refused expression must come with a reason; an
 * accepted one E must give each value the same answer twice in a row,
 * and the same answer as (E), (E)|(E) and (E)&(E).
 *
 * Odd: a differential check of wildcards.  The bytes are mapped to a
 * pattern over a, b, A, e-acute, * and ? (optionally after '@') and a
 * value over a, b, A, B, e-acute, E-acute; the answer must be that of a
 * plain dynamic-programming matcher over UTF-8 characters ('*' any text,
 * '?' one character, '@' ASCII and Latin-1 case folded).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

#define MAXPROBES	8

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_filter: property failed: %s\n", what);
	abort();
}

static char *
wrap(const char *fmt, const char *e)
{
	size_t n = strlen(fmt) + 2 * strlen(e) + 1;
	char *s = malloc(n);

	snprintf(s, n, fmt, e, e);
	return s;
}

static void
generic(const uint8_t *data, size_t size)
{
	static const char *const forms[] = { "(%s)%.0s", "(%s)|(%s)",
	    "(%s)&(%s)" };
	const char *pv[MAXPROBES];
	size_t pn[MAXPROBES], np = 0, i, j, k;
	struct filter *f, *g;
	char err[200], err2[200], *expr, *w;
	int m, v;

	for (k = 0; k < size && data[k] != '\0'; k++)
		;
	expr = malloc(k + 1);
	memcpy(expr, data, k);
	expr[k] = '\0';
	while (k < size && np < MAXPROBES) {
		i = ++k;
		while (k < size && data[k] != '\0')
			k++;
		pv[np] = (const char *)data + i;
		pn[np++] = k - i;
	}
	for (i = 0; i < np; i++)
		if (bool_parse(pv[i], pn[i], &v) == 0 && v != 0 && v != 1)
			fail("bool_parse gave neither 0 nor 1");

	err[0] = '\0';
	if ((f = filter_compile(expr, err, sizeof(err))) == NULL) {
		if (err[0] == '\0' || memchr(err, '\0', sizeof(err)) == NULL)
			fail("expression refused without a reason");
		free(expr);
		return;
	}
	for (j = 0; j < sizeof(forms) / sizeof(forms[0]); j++) {
		w = wrap(forms[j], expr);
		if ((g = filter_compile(w, err2, sizeof(err2))) == NULL) {
			if (strstr(err2, "nested too deeply") == NULL)
				fail("a parenthesised accepted expression is "
				    "refused");
			free(w);
			continue;
		}
		for (i = 0; i < np; i++) {
			m = filter_match(f, pv[i], pn[i]);
			if (m != 0 && m != 1)
				fail("filter_match gave neither 0 nor 1");
			if (filter_match(f, pv[i], pn[i]) != m)
				fail("filter_match not deterministic");
			if (filter_match(g, pv[i], pn[i]) != m)
				fail("(E), (E)|(E) or (E)&(E) differs from E");
		}
		filter_free(g);
		free(w);
	}
	filter_free(f);
	free(expr);
}

/* One character of the differential check's alphabets. */
static const char *const pchars[] = { "a", "b", "A", "\xc3\xa9", "*", "?" };
static const char *const vchars[] = { "a", "b", "A", "B", "\xc3\xa9",
    "\xc3\x89" };

/* fold1: the folded form of one alphabet character. */
static const char *
fold1(const char *c)
{
	if (strcmp(c, "A") == 0)
		return "a";
	if (strcmp(c, "B") == 0)
		return "b";
	if (strcmp(c, "\xc3\x89") == 0)
		return "\xc3\xa9";
	return c;
}

/* ref_glob: p[0..np) against v[0..nv), characters as strings; DP. */
static int
ref_glob(const char **p, size_t np, const char **v, size_t nv, int fold)
{
	unsigned char ok[65][65];
	size_t i, j;
	const char *a, *b;

	memset(ok, 0, sizeof(ok));
	ok[np][nv] = 1;
	for (i = np + 1; i-- > 0;)
		for (j = nv + 1; j-- > 0;) {
			if (i == np)
				continue;
			if (strcmp(p[i], "*") == 0) {
				ok[i][j] = ok[i + 1][j] || (j < nv &&
				    ok[i][j + 1]);
				continue;
			}
			if (j == nv)
				continue;
			if (strcmp(p[i], "?") == 0) {
				ok[i][j] = ok[i + 1][j + 1];
				continue;
			}
			a = fold ? fold1(p[i]) : p[i];
			b = fold ? fold1(v[j]) : v[j];
			ok[i][j] = strcmp(a, b) == 0 && ok[i + 1][j + 1];
		}
	return ok[0][0];
}

static void
wildcards(const uint8_t *data, size_t size)
{
	const char *p[64], *v[64];
	char expr[64 * 2 + 2], val[64 * 2 + 1], err[200];
	struct filter *f;
	size_t np = 0, nv = 0, i, en = 0, vn = 0;
	int fold, want, got;

	if (size < 2)
		return;
	fold = data[0] & 1;
	np = data[1] % 12;
	data += 2;
	size -= 2;
	if (np > size)
		np = size;
	for (i = 0; i < np; i++)
		p[i] = pchars[data[i] % 6];
	for (i = np; i < size && nv < 64; i++)
		v[nv++] = vchars[data[i] % 6];
	if (np == 0)
		return;
	if (fold)
		expr[en++] = '@';
	for (i = 0; i < np; i++) {
		memcpy(expr + en, p[i], strlen(p[i]));
		en += strlen(p[i]);
	}
	expr[en] = '\0';
	for (i = 0; i < nv; i++) {
		memcpy(val + vn, v[i], strlen(v[i]));
		vn += strlen(v[i]);
	}
	if ((f = filter_compile(expr, err, sizeof(err))) == NULL)
		fail("a plain wildcard pattern is refused");
	want = ref_glob(p, np, v, nv, fold);
	got = filter_match(f, val, vn);
	if (got != want) {
		fprintf(stderr, "pattern '%s' value '%.*s': got %d, wanted "
		    "%d\n", expr, (int)vn, val, got, want);
		fail("wildcard match differs from the reference");
	}
	filter_free(f);
}

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		wildcards(data + 1, size - 1);
	else
		generic(data + 1, size - 1);
	return 0;
}
