/*
 * norm: the comparison form of personal data (see norm.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "diag.h"
#include "norm.h"
#include "pii.h"

/* The folds of code points below CACHED, computed on first use. */
#define CACHED	0x3000
#define CMAX	7		/* longest fold kept (bytes) */

static struct cfold {
	uint8_t	n;		/* 0: not yet; 1 + length; UINT8_MAX: too long */
	uint8_t	b[CMAX];
} cache[CACHED];

/* The state of one norm_fold. */
struct fold {
	struct buf	*out;
	struct norm_map	*m;
	size_t		 start;		/* out->n when the fold began */
	int		 space;		/* a space is due before the next byte */
	size_t		 sfrom, sto;	/* the due space's source */
};

/* put: append byte c, from s[from..to), to the fold, a due space first. */
static void
put(struct fold *f, char c, size_t from, size_t to)
{
	struct norm_map *m = f->m;
	size_t i;

	if (f->space) {
		f->space = 0;
		put(f, ' ', f->sfrom, f->sto);
	}
	/* The NUL after the contents is written once, by norm_fold. */
	if (f->out->n + 1 >= f->out->cap)
		buf_reserve(f->out, 1);
	f->out->p[f->out->n++] = c;
	if (m == NULL)
		return;
	i = f->out->n - f->start - 1;
	if (i >= m->cap) {
		m->cap = m->cap == 0 ? 256 : m->cap * 2;
		m->from = xreallocarray(m->from, m->cap, sizeof(*m->from));
		m->to = xreallocarray(m->to, m->cap, sizeof(*m->to));
	}
	m->from[i] = from;
	m->to[i] = to;
	m->n = i + 1;
}

/* blank: white space at s[from..to): one space, before the next byte. */
static void
blank(struct fold *f, size_t from, size_t to)
{
	if (f->out->n == f->start)
		return;			/* none at the start */
	if (!f->space) {
		f->space = 1;
		f->sfrom = from;
	}
	f->sto = to;
}

/* mark: a dropped mark at s[..to) extends the last byte's source. */
static void
mark(struct fold *f, size_t to)
{
	if (f->m != NULL && f->m->n > 0 && !f->space)
		f->m->to[f->m->n - 1] = to;
}

/*
 * fold_uc: the fold of code point c into b[0..cap): casefold and NFKD,
 * combining marks dropped, white space as ' '.  Returns its length, or
 * cap + 1 when it does not fit.
 */
static size_t
fold_uc(ucs4_t c, uint8_t *b, size_t cap)
{
	uint8_t in[6], tmp[64], *r;
	size_t rn = sizeof(tmp), i, k = 0;
	ucs4_t d;
	int l, w;

	if ((l = u8_uctomb(in, c, sizeof(in))) <= 0)
		return 0;
	r = u8_casefold(in, (size_t)l, NULL, UNINORM_NFKD, tmp, &rn);
	if (r == NULL)
		diag_die(EXIT_DATA, "out of memory");
	for (i = 0; i < rn; i += (size_t)w) {
		if ((w = u8_mbtoucr(&d, r + i, rn - i)) <= 0)
			break;
		if (uc_is_general_category(d, UC_CATEGORY_M))
			continue;
		if (uc_is_property_white_space(d))
			d = ' ';
		if ((l = u8_uctomb(b + k, d, (int)(cap - k))) < 0) {
			k = cap + 1;
			break;
		}
		k += (size_t)l;
	}
	if (r != tmp)
		free(r);
	return k;
}

/* emit: the fold of code point c, from s[from..to). */
static void
emit(struct fold *f, ucs4_t c, size_t from, size_t to)
{
	uint8_t big[64];
	const uint8_t *b;
	size_t k, i;

	if (c < CACHED) {
		struct cfold *e = &cache[c];

		if (e->n == 0) {
			k = fold_uc(c, e->b, CMAX);
			e->n = k > CMAX ? UINT8_MAX : (uint8_t)(k + 1);
		}
		if (e->n != UINT8_MAX) {
			b = e->b;
			k = e->n - 1u;
			goto out;
		}
	}
	k = fold_uc(c, big, sizeof(big));
	if (k > sizeof(big))
		k = 0;		/* no code point folds that long */
	b = big;
out:
	if (k == 0) {
		mark(f, to);
		return;
	}
	for (i = 0; i < k; i++) {
		if (b[i] == ' ')
			blank(f, from, to);
		else
			put(f, (char)b[i], from, to);
	}
}

void
norm_fold(struct buf *out, const char *s, size_t n, struct norm_map *m)
{
	const uint8_t *u = (const uint8_t *)s;
	struct fold f;
	ucs4_t c;
	size_t i;
	int w;

	f.out = out;
	f.m = m;
	f.start = out->n;
	f.space = 0;
	f.sfrom = f.sto = 0;
	if (m != NULL)
		m->n = 0;
	/* Room for the common case: a fold no longer than its input. */
	buf_reserve(out, n);
	for (i = 0; i < n; i += (size_t)w) {
		/* A run of ASCII letters, digits and punctuation, no map. */
		if (m == NULL && !f.space) {
			char *o = out->p + out->n, *e = out->p + out->cap - 1;

			while (i < n && o < e && u[i] > ' ' && u[i] < 0x7f) {
				*o++ = (char)(u[i] >= 'A' && u[i] <= 'Z' ?
				    u[i] + 32 : u[i]);
				i++;
			}
			out->n = (size_t)(o - out->p);
			if (i == n)
				break;
		}
		if (u[i] < 0x80) {
			w = 1;
			if (u[i] == ' ' || (u[i] >= '\t' && u[i] <= '\r'))
				blank(&f, i, i + 1);
			else if (u[i] >= 'A' && u[i] <= 'Z')
				put(&f, (char)(u[i] + 32), i, i + 1);
			else
				put(&f, (char)u[i], i, i + 1);
			continue;
		}
		if ((w = u8_mbtoucr(&c, u + i, n - i)) <= 0) {
			w = 1;		/* not UTF-8: the byte as it is */
			put(&f, (char)u[i], i, i + 1);
			continue;
		}
		emit(&f, c, i, i + (size_t)w);
	}
	out->p[out->n] = '\0';
}

void
norm_map_free(struct norm_map *m)
{
	free(m->from);
	free(m->to);
	memset(m, 0, sizeof(*m));
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

size_t
norm_phone(struct buf *out, const char *s, size_t n)
{
	char d[40];
	size_t i, nd = 0, at = 0, l;
	int plus = 0;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		if (isdig(s[i])) {
			if (nd == sizeof(d))
				return 0;
			d[nd++] = s[i];
		} else if (s[i] == '+' && nd == 0 && !plus)
			plus = 1;
		else if (strchr(" -./()", s[i]) == NULL || s[i] == '\0')
			return 0;
	}
	if (nd >= 2 && d[0] == '0' && d[1] == '0' && !plus) {
		plus = 1;
		at = 2;
	}
	if (plus) {
		if ((l = pii_ccode(d + at, nd - at)) == 0)
			return 0;
		at += l;
	}
	if (at < nd && d[at] == '0')
		at++;
	if (nd - at < 6)
		return 0;
	buf_add(out, d + at, nd - at);
	return nd - at;
}

/*
 * prefix_ok: p[0..n), the digits before a phone's national digits, is
 * empty, "0", or a country code with "00" before it or a 0 after it.
 */
static int
prefix_ok(const char *p, size_t n)
{
	if (n > 0 && p[n - 1] == '0' && (n == 1 || pii_ccode(p, n - 1) ==
	    n - 1 || (n > 3 && p[0] == '0' && p[1] == '0' &&
	    pii_ccode(p + 2, n - 3) == n - 3)))
		return 1;
	if (n >= 2 && p[0] == '0' && p[1] == '0') {
		p += 2;
		n -= 2;
	}
	return n == 0 || pii_ccode(p, n) == n;
}

/* The digit groups of a run: where each starts in the run's digits. */
#define GROUPS	16

int
norm_phone_in(const char *t, size_t n, const char *key, size_t kn)
{
	char d[64];
	size_t g[GROUPS + 1], ng, nd, i = 0, j, a, b, gap, len;

	if (kn == 0)
		return 0;
	while (i < n) {
		if (!isdig(t[i])) {
			i++;
			continue;
		}
		/* A run: groups of digits joined by up to three of " -./()". */
		ng = nd = 0;
		for (;;) {
			if (ng < GROUPS)
				g[ng++] = nd;
			for (; i < n && isdig(t[i]); i++)
				if (nd < sizeof(d))
					d[nd++] = t[i];
			for (gap = 0; i + gap < n && gap < 4 &&
			    !isdig(t[i + gap]) && t[i + gap] != '\0' &&
			    strchr(" -./()", t[i + gap]) != NULL; gap++)
				;
			if (gap == 0 || gap > 3 || i + gap >= n ||
			    !isdig(t[i + gap]))
				break;
			i += gap;
		}
		g[ng] = nd;
		/* Any groups a..b of it: a prefix_ok, then the key. */
		for (a = 0; a < ng; a++)
			for (b = a + 1; b <= ng; b++) {
				len = g[b] - g[a];
				if (len < kn)
					continue;
				if (len > kn + 6)
					break;
				j = g[b] - kn;
				if (memcmp(d + j, key, kn) == 0 &&
				    prefix_ok(d + g[a], j - g[a]))
					return 1;
			}
	}
	return 0;
}
