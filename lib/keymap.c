/*
 * keymap: open addressing with linear probing over a power-of-two table
 * of 16-byte slots, at most three quarters full (see keymap.h).  A slot
 * holds 28 bits of its key's hash and a tag (the length of a key of up to
 * INLINE bytes, else "in the arena"), the value, and either the short
 * key itself, zero-padded, or a reference to the long key in an arena of
 * 1 MiB chunks (a varint length and the bytes; chunk number and offset).
 * A lookup of a short key thus reads one slot per probe and nothing else.
 * The table doubles in place (mremap, then a rehash within it), so that
 * the old and the new table are never held at once.  It is mapped on its
 * own, not taken from malloc: in the heap, its old sizes, freed as it
 * grew, stayed resident under whatever was allocated after them (a few
 * megabytes at 100,000 keys, as much as the table itself).
 */
#define _GNU_SOURCE		/* mremap */
#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "keymap.h"

#define MINCAP	256		/* slots: one 4 KiB page */
#define MAXCAP	((size_t)1 << 28)	/* the hash bits a slot keeps */
#define CHUNK	(1024 * 1024)	/* arena chunk size (longer keys: their own) */
#define INLINE	8		/* keys of up to this many bytes: in the slot */
#define ARENA	15		/* the tag of a key in the arena */
#define AHEAD	16		/* keys keymap_merge queues */

struct slot {
	uint32_t	 meta;	/* 0: empty; else hash << 4 | tag, the tag
				   1 + the length of a short key, or ARENA */
	uint32_t	 val;	/* the value */
	uint64_t	 key;	/* a short key's bytes, zero-padded, or
				   chunk << 32 | offset of a long key */
};

/* A merge queued by keymap_merge: a short key and what to merge. */
struct pend {
	uint64_t	 key;
	uint32_t	 meta;
	uint32_t	 v;
	int		 op;
};

struct keymap {
	struct pend	 q[AHEAD];	/* a ring of queued merges */
	size_t		 qhead;		/* the oldest */
	size_t		 qn;		/* how many */
	struct slot	*t;	/* the table, cap slots */
	size_t		 cap;	/* a power of two, at most MAXCAP */
	size_t		 count;	/* keys held */
	unsigned char	**chunk;	/* the arena */
	size_t		 nchunk;
	size_t		 used;		/* bytes used of the last chunk */
	size_t		 last;		/* the last chunk's size */
};

/* A key as looked up: its slot meta, and its bytes when short. */
struct probe {
	const char	*k;
	size_t		 n;
	uint32_t	 meta;
	uint64_t	 key;
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

/* probe: k[0..n) ready for find. */
static void
probe(struct probe *p, const char *k, size_t n)
{
	p->k = k;
	p->n = n;
	p->meta = hash(k, n) << 4 | (n <= INLINE ? (uint32_t)n + 1 : ARENA);
	p->key = 0;
	if (n <= INLINE && n > 0)
		memcpy(&p->key, k, n);
}

/*
 * table: a zeroed table of n bytes, or the table t of old bytes grown to
 * n with its contents kept and the rest zero; mapped memory, so the new
 * part costs nothing until it is written.
 */
static struct slot *
table(struct slot *t, size_t old, size_t n)
{
	void *p;

#ifdef MREMAP_MAYMOVE
	p = t == NULL ? mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) :
	    mremap(t, old, n, MREMAP_MAYMOVE);
	if (p == MAP_FAILED) {
		errno = ENOMEM;
		diag_die(EXIT_DATA, "out of memory");
	}
#else
	p = xreallocarray(t, 1, n);
	memset((char *)p + old, 0, n - old);
#endif
	return p;
}

static void
table_free(struct slot *t, size_t n)
{
#ifdef MREMAP_MAYMOVE
	(void)munmap(t, n);
#else
	(void)n;
	free(t);
#endif
}

struct keymap *
keymap_new(void)
{
	struct keymap *m;

	m = xcalloc(1, sizeof(*m));
	m->cap = MINCAP;
	m->t = table(NULL, 0, m->cap * sizeof(*m->t));
	return m;
}

/* same: the long key at ref is k[0..n). */
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
	return len == n && memcmp(p, k, n) == 0;
}

/* find: the slot of the probed key, or the empty slot where it belongs. */
static struct slot *
find(const struct keymap *m, const struct probe *p)
{
	size_t i, mask = m->cap - 1;
	struct slot *s;

	for (i = (p->meta >> 4) & mask;; i = (i + 1) & mask) {
		s = &m->t[i];
		if (s->meta == 0)
			return s;
		if (s->meta == p->meta && (p->n <= INLINE ? s->key == p->key :
		    same(m, s->key, p->k, p->n)))
			return s;
	}
}

/*
 * huge: ask for transparent huge pages under the table t of n bytes (a
 * lookup is a random access: this saves most of its TLB misses), where
 * the system has them.
 */
static void
huge(void *t, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t a = (uintptr_t)t, b = a + n, pg = (uintptr_t)1 << 21;

	a = (a + pg - 1) & ~(pg - 1);
	b &= ~(pg - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)t;
	(void)n;
#endif
}

/* place: put slot s into the first empty slot from its home. */
static void
place(struct keymap *m, const struct slot *s)
{
	size_t j, mask = m->cap - 1;

	for (j = (s->meta >> 4) & mask; m->t[j].meta != 0; j = (j + 1) & mask)
		;
	m->t[j] = *s;
}

/*
 * grow: double the table in place.  The run of slots at the start that
 * wrapped round from the end is taken out first; then no slot of the old
 * half lies before its home, and moving each, in order, to the first
 * empty slot from its new home never puts it where a slot not yet moved
 * lies, nor leaves a hole before a slot already moved.
 */
static void
grow(struct keymap *m)
{
	struct slot *wrap, s;
	size_t i, nwrap, oldcap = m->cap;

	if (m->cap >= MAXCAP || m->cap > SIZE_MAX / 2 / sizeof(*m->t))
		diag_die(EXIT_DATA, "out of memory");
	for (nwrap = 0; m->t[nwrap].meta != 0; nwrap++)
		;
	wrap = xreallocarray(NULL, nwrap + 1, sizeof(*wrap));
	memcpy(wrap, m->t, nwrap * sizeof(*wrap));
	memset(m->t, 0, nwrap * sizeof(*wrap));
	m->t = table(m->t, oldcap * sizeof(*m->t), 2 * oldcap * sizeof(*m->t));
	huge(m->t, 2 * oldcap * sizeof(*m->t));
	m->cap = 2 * oldcap;
	for (i = nwrap; i < oldcap; i++) {
		if (m->t[i].meta == 0)
			continue;
		s = m->t[i];
		m->t[i].meta = 0;
		place(m, &s);
	}
	for (i = 0; i < nwrap; i++)
		place(m, &wrap[i]);
	free(wrap);
}

/* store: copy k[0..n) into the arena; its reference. */
static uint64_t
store(struct keymap *m, const char *k, size_t n)
{
	unsigned char *p;
	uint64_t ref;
	size_t len, need;

	if (n > UINT32_MAX - 16)
		diag_die(EXIT_DATA, "out of memory");
	need = n + 10;
	if (m->nchunk == 0 || m->last - m->used < need) {
		if (m->nchunk == UINT32_MAX)
			diag_die(EXIT_DATA, "out of memory");
		m->chunk = xreallocarray(m->chunk, m->nchunk + 1,
		    sizeof(*m->chunk));
		m->last = need > CHUNK ? need : CHUNK;
		m->chunk[m->nchunk++] = xmalloc(m->last);
		m->used = 0;
	}
	ref = (uint64_t)(m->nchunk - 1) << 32 | m->used;
	p = m->chunk[m->nchunk - 1] + m->used;
	for (len = n; len >= 0x80; len >>= 7)
		*p++ = (unsigned char)(len | 0x80);
	*p++ = (unsigned char)len;
	memcpy(p, k, n);
	m->used = (size_t)(p + n - m->chunk[m->nchunk - 1]);
	return ref;
}

/* claim: the slot of the probed key, inserted with value 0 when absent. */
static struct slot *
claim(struct keymap *m, const struct probe *p)
{
	struct slot *s;

	s = find(m, p);
	if (s->meta != 0)
		return s;
	if ((m->count + 1) * 4 > m->cap * 3) {
		grow(m);
		s = find(m, p);
	}
	s->meta = p->meta;
	s->key = p->n <= INLINE ? p->key : store(m, p->k, p->n);
	s->val = 0;
	m->count++;
	return s;
}

uint32_t *
keymap_put(struct keymap *m, const char *k, size_t n)
{
	struct probe p;

	probe(&p, k, n);
	return &claim(m, &p)->val;
}

static void
combine(uint32_t *slot, uint32_t v, int op)
{
	if (op == KEYMAP_OR)
		*slot |= v;
	else if (v > *slot)
		*slot = v;
}

/* apply: merge the queued q into its key's slot. */
static void
apply(struct keymap *m, const struct pend *q)
{
	struct probe p;

	p.k = NULL;	/* a short key is compared as p.key */
	p.n = (q->meta & 0xF) - 1;
	p.meta = q->meta;
	p.key = q->key;
	combine(&claim(m, &p)->val, q->v, q->op);
}

void
keymap_merge(struct keymap *m, const char *k, size_t n, uint32_t v,
    enum keymap_op op)
{
	struct probe p;
	struct pend *q;

	if (n > INLINE) {
		combine(keymap_put(m, k, n), v, op);
		return;
	}
	probe(&p, k, n);
	if (m->qn == AHEAD) {
		apply(m, &m->q[m->qhead]);
		m->qhead = (m->qhead + 1) % AHEAD;
		m->qn--;
	}
	q = &m->q[(m->qhead + m->qn) % AHEAD];
	q->key = p.key;
	q->meta = p.meta;
	q->v = v;
	q->op = op;
	m->qn++;
	__builtin_prefetch(&m->t[(p.meta >> 4) & (m->cap - 1)], 1);
}

void
keymap_flush(struct keymap *m)
{
	while (m->qn > 0) {
		apply(m, &m->q[m->qhead]);
		m->qhead = (m->qhead + 1) % AHEAD;
		m->qn--;
	}
}

uint32_t *
keymap_get(const struct keymap *m, const char *k, size_t n)
{
	struct probe p;
	struct slot *s;

	probe(&p, k, n);
	s = find(m, &p);
	return s->meta == 0 ? NULL : &s->val;
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
	table_free(m->t, m->cap * sizeof(*m->t));
	free(m);
}
