/*
 * keymap: open addressing with linear probing over a power-of-two table
 * of 16-byte slots, at most three quarters full; keys live in an arena of
 * 1 MiB chunks as a varint length and the bytes (see keymap.h).  A slot
 * refers to its key by chunk number and offset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "keymap.h"

#define MINCAP	16
#define CHUNK	(1024 * 1024)	/* arena chunk size (longer keys: their own) */

struct slot {
	uint64_t	 ref;	/* chunk << 32 | offset of the key; 0: empty */
	uint32_t	 hash;	/* the key's hash */
	uint32_t	 val;	/* the value */
};

struct keymap {
	struct slot	*t;	/* the table, cap slots */
	size_t		 cap;	/* a power of two */
	size_t		 count;	/* keys held */
	unsigned char	**chunk;	/* the arena; byte 0 of chunk 0 unused
					   so that no ref is 0 */
	size_t		 nchunk;
	size_t		 used;		/* bytes used of the last chunk */
	size_t		 last;		/* the last chunk's size */
};

static uint32_t
hash(const char *k, size_t n)
{
	const unsigned char *s = (const unsigned char *)k;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= n;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

struct keymap *
keymap_new(void)
{
	struct keymap *m;

	m = xcalloc(1, sizeof(*m));
	m->cap = MINCAP;
	m->t = xcalloc(m->cap, sizeof(*m->t));
	return m;
}

/* same: the key at ref is k[0..n). */
static int
same(const struct keymap *m, uint64_t ref, const char *k, size_t n)
{
	const unsigned char *p = m->chunk[ref >> 32] + (uint32_t)ref;
	size_t len = 0;
	int shift = 0;

	do {
		len |= (size_t)(*p & 0x7F) << shift;
		shift += 7;
	} while (*p++ & 0x80);
	return len == n && (n == 0 || memcmp(p, k, n) == 0);
}

/* find: the slot of k, or the empty slot where it belongs. */
static struct slot *
find(const struct keymap *m, const char *k, size_t n, uint32_t h)
{
	size_t i, mask = m->cap - 1;
	struct slot *s;

	for (i = h & mask;; i = (i + 1) & mask) {
		s = &m->t[i];
		if (s->ref == 0 || (s->hash == h && same(m, s->ref, k, n)))
			return s;
	}
}

static void
grow(struct keymap *m)
{
	struct slot *old = m->t;
	size_t i, j, oldcap = m->cap, mask;

	if (m->cap > SIZE_MAX / 2 / sizeof(*m->t) || m->cap >= (1ULL << 32))
		diag_die(EXIT_DATA, "out of memory");
	m->cap *= 2;
	mask = m->cap - 1;
	m->t = xcalloc(m->cap, sizeof(*m->t));
	for (i = 0; i < oldcap; i++) {
		if (old[i].ref == 0)
			continue;
		for (j = old[i].hash & mask; m->t[j].ref != 0;
		    j = (j + 1) & mask)
			;
		m->t[j] = old[i];
	}
	free(old);
}

/* store: copy k[0..n) into the arena; its offset. */
static uint64_t
store(struct keymap *m, const char *k, size_t n)
{
	unsigned char *p;
	uint64_t ref;
	size_t len, need, start;

	if (n > UINT32_MAX - 16)
		diag_die(EXIT_DATA, "out of memory");
	need = n + 10;
	if (m->nchunk == 0 || m->last - m->used < need) {
		if (m->nchunk == UINT32_MAX)
			diag_die(EXIT_DATA, "out of memory");
		m->chunk = xreallocarray(m->chunk, m->nchunk + 1,
		    sizeof(*m->chunk));
		start = m->nchunk == 0;
		m->last = need + start > CHUNK ? need + start : CHUNK;
		m->chunk[m->nchunk++] = xmalloc(m->last);
		m->used = start;
	}
	ref = (uint64_t)(m->nchunk - 1) << 32 | m->used;
	p = m->chunk[m->nchunk - 1] + m->used;
	for (len = n; len >= 0x80; len >>= 7)
		*p++ = (unsigned char)(len | 0x80);
	*p++ = (unsigned char)len;
	if (n > 0)
		memcpy(p, k, n);
	m->used = (size_t)(p + n - m->chunk[m->nchunk - 1]);
	return ref;
}

uint32_t *
keymap_put(struct keymap *m, const char *k, size_t n)
{
	struct slot *s;
	uint32_t h = hash(k, n);

	s = find(m, k, n, h);
	if (s->ref != 0)
		return &s->val;
	if ((m->count + 1) * 4 > m->cap * 3) {
		grow(m);
		s = find(m, k, n, h);
	}
	s->ref = store(m, k, n);
	s->hash = h;
	s->val = 0;
	m->count++;
	return &s->val;
}

uint32_t *
keymap_get(const struct keymap *m, const char *k, size_t n)
{
	struct slot *s;

	s = find(m, k, n, hash(k, n));
	return s->ref == 0 ? NULL : &s->val;
}

size_t
keymap_count(const struct keymap *m)
{
	return m->count;
}

void
keymap_free(struct keymap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nchunk; i++)
		free(m->chunk[i]);
	free(m->chunk);
	free(m->t);
	free(m);
}
