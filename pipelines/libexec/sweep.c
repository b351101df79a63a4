/*
 * sweep: look for the anonymized customers' distinctive values in every
 * text column of whole tables (SPEC section 5, the sweep), not only in
 * the rows keyed to a customer.
 *
 * The distinctive values come from the columns that the --rules files
 * scrub as a person's value (not keep, not redact-pii; leakcheck's
 * personal columns) in the --originals rows, keyed by --customer-key
 * (default "No."), and from the columns that each --key's --fields rules
 * scrub so in the rows of each --also FILE (the customers' rows of other
 * scrubbed tables; --key-where, --where and --map as in leakcheck).  A
 * value is distinctive by its shape, each line of it alone:
 *   an e-mail address (one '@', no space, a dot in the domain): whole;
 *   a phone number (norm_phone: 6 national digits or more): its
 *     national digits;
 *   an IBAN or VAT number (letters, digits and " .-/", two letters
 *     first, 8 to 34 letters and digits, 6 digits or more): compacted,
 *     its letters and digits alone;
 *   in a name column (a column name holding "name", or ending in
 *     "contact"), the whole value as the sequence of its words (a name
 *     of one word, a first name or a surname alone, is not distinctive
 *     across whole tables: every "Peter" of the ledger would be one;
 *     nor is one of digits alone).
 * Values are compared folded (norm_fold: case, marks, compatibility
 * forms and spacing aside).
 *
 * Each --table NAME FILE (with --primary-key COL, repeatable; --number
 * COL and --code COL, repeatable: columns of numbers and dates, and of
 * codes (account and document numbers), not searched; --key COL
 * [--key-where C=F], repeatable: the columns naming the row's customer,
 * not searched; --own-name COL, repeatable: a copy of that customer's
 * name; --skip FILE: the rows whose primary key a row of FILE has are
 * not read, FILE holding them as they are now) is then read row by row;
 * every other cell is folded, cut into tokens
 * and looked up in hash sets, never matched value by value: its e-mail
 * addresses (the run of address characters around each '@'), its
 * numbers (digit groups joined by up to three of " -./()", any run of
 * whole groups of 6 to 17 digits, alone, after a 0, or after a country
 * code with or without "00" before it and a 0 after it), its compacted
 * runs (whole words joined by single " .-/"), its word sequences.  A
 * value inside a longer word or a longer run of digits is no mention; a
 * name is one across a line break.  In a row whose keys name customers,
 * none of them anonymized (a live customer's), the --own-name cells are
 * not searched for names, and a name within one of their values is no
 * mention elsewhere in the row (own_drop): a live customer's own name is
 * not its namesake's.
 *
 * Standard output: the mentions, as CSV with the header
 * Customer No.,Table,Column,Key: one row for each customer whose value a
 * cell holds, the key being the row's --primary-key values joined by
 * "|"; never the value.  With --redact OUT after a --table, OUT (created
 * mode 0600) receives that table's header and each row holding a
 * mention, every mention in it replaced by "[REDACTED]" (overlapping
 * and adjacent mentions become one); with --all-rows every row, those
 * without a mention as they are; --before FILE (mode 0600) receives the
 * rows holding a mention as they were.
 *
 * Exit status: 0 done (mentions are no failure); 1 a data error
 * (malformed CSV, a missing column, a duplicate customer, a write
 * error); 2 a usage or configuration error (a bad rules file).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "keymap.h"
#include "norm.h"
#include "opts.h"
#include "orig.h"
#include "pii.h"
#include "rules.h"
#include "text.h"
#include "version.h"

/* The kinds of key in the dictionary, its first byte. */
#define K_EMAIL		'e'	/* a folded e-mail address -> owners */
#define K_PHONE		'p'	/* national digits -> owners */
#define K_COMPACT	'i'	/* a compacted IBAN or VAT number -> owners */
#define K_NAME		'n'	/* a name's words, one space apart -> owners */
#define K_FIRST		'f'	/* a name's first word -> most words */
#define K_PREFIX	'I'	/* a compacted number's first four -> 1 */

#define FILTER_BITS	(1UL << 20)	/* the dictionary's filter */
#define PAIR_WORDS	(65536 / 64)	/* a pair filter: a bit per two bytes */
#define TAILS		1000000		/* the numbers of PHONE_MIN digits */
#define MEMO_SLOTS	1024		/* the cells remembered (memo) */
#define MEMO_MAX	32		/* the longest cell remembered */
#define SKIP_BITS	65536		/* a --skip filter (skip_bit) */

#define PHONE_MIN	6	/* fewest national digits of a phone */
#define DIGITS_MAX	17	/* most digits of a phone as written */
#define COMPACT_MIN	8	/* shortest compacted IBAN or VAT number */
#define COMPACT_MAX	34	/* longest (an IBAN) */
#define REDACTED	"[REDACTED]"

/* One customer owning a key, chained. */
struct owner {
	uint32_t	 cust;		/* index into the customers */
	uint32_t	 next;		/* 1 + next owner of the key, 0: none */
};

/* The anonymized customers and their distinctive values. */
struct dict {
	struct keymap	*byno;		/* customer number -> 1 + index */
	struct buf	 names;		/* customer numbers, NUL-terminated */
	size_t		*no;		/* per customer: its number in names */
	size_t		 nc;
	struct keymap	*keys;		/* kind byte + key -> see K_ */
	struct owner	*ow;
	size_t		 now, owcap;
	struct buf	 key;		/* scratch: a key being built */
	struct buf	 fold;		/* scratch: a folded value */
	size_t		*col;		/* the originals' columns read */
	int		*name;		/* per column read: a name (isname) */
	uint64_t	*filter;	/* FILTER_BITS bits: two of one word
					   set for each key (filter_hash), so
					   that most tokens of a cell need no
					   lookup */
	uint64_t	*pair;		/* 16 pair filters (pair_bit) */
	uint64_t	*tail;		/* TAILS bits: the last PHONE_MIN
					   digits of a phone (tail) */
	uint64_t	*tail5;		/* TAILS / 10 bits: the last five,
					   small enough to stay in cache */
	uint64_t	*mark;		/* per customer: the cell it was last
					   listed for (report) */
	uint64_t	 cell;		/* that cell's number */
};

/* A token of a folded cell: bytes [s, e). */
struct span {
	size_t		 s, e;
};

/*
 * A mention: the value of every owner of a key (1 + the first in the
 * dictionary's owners, chained) at folded bytes [s, e).
 */
struct hit {
	uint32_t	 own;
	int		 name;		/* a name (K_NAME) */
	size_t		 s, e;
};

/* isdigitc: c is an ASCII digit. */
static int
isdigitc(char c)
{
	return c >= '0' && c <= '9';
}

/* isalnumc: c is an ASCII letter or digit. */
static int
isalnumc(char c)
{
	return isdigitc(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* isletterc: c is an ASCII letter. */
static int
isletterc(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The bytes that are part of a word (text_isword), as a table. */
static unsigned char wordbyte[256];

/* isword: byte c is part of a word (text_isword). */
static inline int
isword(unsigned char c)
{
	return wordbyte[c];
}

/* tail: the number the PHONE_MIN ASCII digits at p spell. */
static size_t
tail(const char *p)
{
	size_t i, v = 0;

	for (i = 0; i < PHONE_MIN; i++)
		v = v * 10 + (size_t)(p[i] - '0');
	return v;
}

/* tail_may: the PHONE_MIN digits at p may end a phone of d. */
static int
tail_may(const struct dict *d, const char *p)
{
	size_t t = tail(p), f = t % (TAILS / 10);

	return (d->tail5[f / 64] >> (f % 64) & 1) &&
	    (d->tail[t / 64] >> (t % 64) & 1);
}

/* filter_hash: the hash (FNV-1a) of kind k and key p[0..n). */
static uint64_t
filter_hash(int k, const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	h = (h ^ (unsigned char)k) * 0x100000001b3ULL;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
	return h;
}

/* filter_bits: the word of d's filter for hash h, and its two bits. */
static uint64_t *
filter_bits(const struct dict *d, uint64_t h, uint64_t *bits)
{
	*bits = 1ULL << (h >> 52 & 63) | 1ULL << (h >> 58 & 63);
	return &d->filter[h % (FILTER_BITS / 64)];
}

/*
 * pair_bit: the bit of d's pair filter for the first two bytes of key
 * p[0..n) of kind k (kinds share the 16 maps by k % 16), in *bit.
 */
static uint64_t *
pair_bit(const struct dict *d, int k, const char *p, size_t n, uint64_t *bit)
{
	size_t i = (size_t)(unsigned char)p[0] << 8 |
	    (n > 1 ? (unsigned char)p[1] : 0);

	*bit = 1ULL << (i & 63);
	return &d->pair[(size_t)(k % 16) * PAIR_WORDS + i / 64];
}

/* filter_set: key p[0..n) (n > 0) of kind k is in the dictionary. */
static void
filter_set(struct dict *d, int k, const char *p, size_t n)
{
	uint64_t bits, *w = filter_bits(d, filter_hash(k, p, n), &bits);

	*w |= bits;
	w = pair_bit(d, k, p, n, &bits);
	*w |= bits;
}

/*
 * filter_may: key p[0..n) (n > 0) of kind k may be in the dictionary:
 * its first two bytes begin a key of kind k (a table look-up, which
 * most words fail), and its hash's bits are set.
 */
static int
filter_may(const struct dict *d, int k, const char *p, size_t n)
{
	uint64_t bits, *w = pair_bit(d, k, p, n, &bits);

	if ((*w & bits) == 0)
		return 0;
	w = filter_bits(d, filter_hash(k, p, n), &bits);
	return (*w & bits) == bits;
}

/* dict_slot: the value slot of kind k and key p[0..n), or NULL. */
static uint32_t *
dict_slot(struct dict *d, int k, const char *p, size_t n)
{
	if (!filter_may(d, k, p, n))
		return NULL;
	buf_reset(&d->key);
	buf_addc(&d->key, (char)k);
	buf_add(&d->key, p, n);
	return keymap_get(d->keys, d->key.p, d->key.n);
}

/* dict_own: customer cust owns key p[0..n) of kind k (once). */
static void
dict_own(struct dict *d, int k, const char *p, size_t n, uint32_t cust)
{
	uint32_t *slot, o;

	filter_set(d, k, p, n);
	buf_reset(&d->key);
	buf_addc(&d->key, (char)k);
	buf_add(&d->key, p, n);
	slot = keymap_put(d->keys, d->key.p, d->key.n);
	for (o = *slot; o != 0; o = d->ow[o - 1].next)
		if (d->ow[o - 1].cust == cust)
			return;
	if (d->now == d->owcap) {
		d->owcap = d->owcap == 0 ? 1024 : 2 * d->owcap;
		d->ow = xreallocarray(d->ow, d->owcap, sizeof(*d->ow));
	}
	d->ow[d->now].cust = cust;
	d->ow[d->now].next = *slot;
	*slot = (uint32_t)++d->now;
}

/* dict_max: the value of key p[0..n) of kind k becomes at least v. */
static void
dict_max(struct dict *d, int k, const char *p, size_t n, uint32_t v)
{
	uint32_t *slot;

	filter_set(d, k, p, n);
	buf_reset(&d->key);
	buf_addc(&d->key, (char)k);
	buf_add(&d->key, p, n);
	slot = keymap_put(d->keys, d->key.p, d->key.n);
	if (*slot < v)
		*slot = v;
}

/*
 * words: the words (maximal runs of text_isword bytes) of f[0..n) into
 * *w (grown as needed, *cap its room); returns their number, and the
 * number of ASCII digits in them into *ndig when not NULL.
 */
static size_t
words(const char *f, size_t n, struct span **w, size_t *cap, size_t *ndig)
{
	size_t i = 0, k = 0, d = 0;

	while (i < n) {
		if (!isword((unsigned char)f[i])) {
			i++;
			continue;
		}
		if (k == *cap) {
			*cap = *cap == 0 ? 64 : 2 * *cap;
			*w = xreallocarray(*w, *cap, sizeof(**w));
		}
		(*w)[k].s = i;
		while (i < n && isword((unsigned char)f[i]))
			d += isdigitc(f[i++]);
		(*w)[k++].e = i;
	}
	if (ndig != NULL)
		*ndig = d;
	return k;
}

/*
 * name_add: the folded name f[0..n) of customer cust as a sequence of
 * words, unless it is not distinctive (one word, or digits alone).
 */
static void
name_add(struct dict *d, uint32_t cust, const char *f, size_t n)
{
	static struct span *w;
	static size_t cap;
	struct buf seq = { NULL, 0, 0 };
	size_t nw, i, j, letters = 0;

	nw = words(f, n, &w, &cap, NULL);
	for (i = 0; i < nw; i++)
		for (j = w[i].s; j < w[i].e; j++)
			letters += !isdigitc(f[j]);
	if (nw < 2 || letters == 0)
		return;
	for (i = 0; i < nw; i++) {
		if (i > 0)
			buf_addc(&seq, ' ');
		buf_add(&seq, f + w[i].s, w[i].e - w[i].s);
	}
	dict_own(d, K_NAME, seq.p, seq.n, cust);
	dict_max(d, K_FIRST, f + w[0].s, w[0].e - w[0].s, (uint32_t)nw);
	buf_free(&seq);
}

/* isemail: the folded f[0..n) is an e-mail address as a whole. */
static int
isemail(const char *f, size_t n)
{
	const char *at = memchr(f, '@', n);
	size_t a;

	if (at == NULL || memchr(f, ' ', n) != NULL)
		return 0;
	a = (size_t)(at - f);
	return a > 0 && memchr(at + 1, '@', n - a - 1) == NULL &&
	    memchr(at + 1, '.', n - a - 1) != NULL && f[n - 1] != '.' &&
	    f[a + 1] != '.';
}

/*
 * compact: when the folded f[0..n) is written as an IBAN or VAT number
 * (see the head comment), its letters and digits into out; returns
 * their number, or 0 (out is then empty).
 */
static size_t
compact(const char *f, size_t n, struct buf *out)
{
	size_t i, digits = 0;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (isalnumc(f[i])) {
			buf_addc(out, f[i]);
			digits += isdigitc(f[i]);
		} else if (strchr(" .-/", f[i]) == NULL || f[i] == '\0') {
			break;
		}
	}
	if (i < n || out->n < COMPACT_MIN || out->n > COMPACT_MAX ||
	    digits < 6 || !isletterc(out->p[0]) || !isletterc(out->p[1])) {
		buf_reset(out);
		return 0;
	}
	return out->n;
}

/* line_add: one line p[0..n) of a value of customer cust, by shape. */
static void
line_add(struct dict *d, uint32_t cust, const char *p, size_t n)
{
	struct buf c = { NULL, 0, 0 };
	size_t i;

	buf_reset(&d->fold);
	norm_fold(&d->fold, p, n, NULL);
	if (d->fold.n == 0)
		return;
	if (isemail(d->fold.p, d->fold.n))
		dict_own(d, K_EMAIL, d->fold.p, d->fold.n, cust);
	if (compact(d->fold.p, d->fold.n, &c) > 0) {
		dict_own(d, K_COMPACT, c.p, c.n, cust);
		dict_max(d, K_PREFIX, c.p, 4, 1);
	}
	buf_reset(&c);
	if (norm_phone(&c, p, n) > 0) {
		dict_own(d, K_PHONE, c.p, c.n, cust);
		i = tail(c.p + c.n - PHONE_MIN);
		d->tail[i / 64] |= 1ULL << (i % 64);
		i %= TAILS / 10;
		d->tail5[i / 64] |= 1ULL << (i % 64);
	}
	buf_free(&c);
}

/*
 * value_add: field f of customer cust: each line by shape (line_add);
 * of a name column (name), the whole value as a name.
 */
static void
value_add(struct dict *d, uint32_t cust, const struct csvr_field *f,
    int name)
{
	size_t i, j;

	if (f->n == 0)
		return;
	if (name) {
		buf_reset(&d->fold);
		norm_fold(&d->fold, f->p, f->n, NULL);
		name_add(d, cust, d->fold.p, d->fold.n);
	}
	for (i = 0; i < f->n; i = j + 1) {
		for (j = i; j < f->n && f->p[j] != '\n' && f->p[j] != '\r'; j++)
			;
		if (j > i)
			line_add(d, cust, f->p + i, j - i);
	}
}

/* Scanning one folded cell. */
struct scan {
	struct dict	*d;
	struct span	*w;		/* its words */
	size_t		 nw, wcap;
	struct hit	*h;		/* the mentions found */
	size_t		 nh, hcap;
	struct buf	 seq;		/* scratch: a key */
};

/* hit_add: a mention of every owner of slot at [s, e); name: a name. */
static void
hit_add(struct scan *x, const uint32_t *slot, size_t s, size_t e, int name)
{
	if (slot == NULL || *slot == 0)
		return;
	if (x->nh == x->hcap) {
		x->hcap = x->hcap == 0 ? 16 : 2 * x->hcap;
		x->h = xreallocarray(x->h, x->hcap, sizeof(*x->h));
	}
	x->h[x->nh].own = *slot;
	x->h[x->nh].name = name;
	x->h[x->nh].s = s;
	x->h[x->nh++].e = e;
}

/* hits_add: a mention of every owner of slot at [s, e). */
static void
hits_add(struct scan *x, const uint32_t *slot, size_t s, size_t e)
{
	hit_add(x, slot, s, e, 0);
}

/* scan_names: the word sequences of f that are names. */
static void
scan_names(struct scan *x, const char *f)
{
	uint32_t *slot, most;
	size_t i, j;

	for (i = 0; i < x->nw; i++) {
		slot = dict_slot(x->d, K_FIRST, f + x->w[i].s,
		    x->w[i].e - x->w[i].s);
		if (slot == NULL)
			continue;
		most = *slot;
		buf_reset(&x->seq);
		for (j = i; j < x->nw && j - i < most; j++) {
			if (j > i)
				buf_addc(&x->seq, ' ');
			buf_add(&x->seq, f + x->w[j].s, x->w[j].e - x->w[j].s);
			hit_add(x, dict_slot(x->d, K_NAME, x->seq.p,
			    x->seq.n), x->w[i].s, x->w[j].e, 1);
		}
	}
}

/*
 * phone_try: the digits dg[0..n), written at [s, e), as a phone: alone,
 * after a 0, after a country code ("00" before it, a 0 after it).
 */
static void
phone_try(struct scan *x, const char *dg, size_t n, size_t s, size_t e)
{
	size_t c, at = 0;

	hits_add(x, dict_slot(x->d, K_PHONE, dg, n), s, e);
	if (n > PHONE_MIN && dg[0] == '0' && dg[1] != '0')
		hits_add(x, dict_slot(x->d, K_PHONE, dg + 1, n - 1), s, e);
	if (n > 2 && dg[0] == '0' && dg[1] == '0')
		at = 2;
	if ((c = pii_ccode(dg + at, n - at)) == 0)
		return;
	at += c;
	if (n - at >= PHONE_MIN)
		hits_add(x, dict_slot(x->d, K_PHONE, dg + at, n - at), s, e);
	if (n - at > PHONE_MIN && dg[at] == '0')
		hits_add(x, dict_slot(x->d, K_PHONE, dg + at + 1,
		    n - at - 1), s, e);
}

/* joins: f[a..b) may join two digit groups of a number. */
static int
joins(const char *f, size_t a, size_t b)
{
	size_t i;

	if (b - a == 0 || b - a > 3)
		return 0;
	for (i = a; i < b; i++)
		if (strchr(" -./()", f[i]) == NULL)
			return 0;
	return 1;
}

/*
 * scan_phones: every run of whole digit groups of f[0..n) that joins
 * into 6 to DIGITS_MAX digits, as a phone (phone_try).
 */
static void
scan_phones(struct scan *x, const char *f, size_t n)
{
	struct span g[DIGITS_MAX + 1];
	char dg[DIGITS_MAX];
	size_t i = 0, ng, a, b, k, nd;

	while (i < n) {
		/* One number: its groups g[0..ng). */
		for (ng = 0; i < n; ) {
			while (i < n && !isdigitc(f[i]))
				i++;
			if (i == n)
				break;
			if (ng > 0 && (!joins(f, g[ng - 1].e, i) ||
			    ng == DIGITS_MAX + 1))
				break;
			g[ng].s = i;
			while (i < n && isdigitc(f[i]))
				i++;
			g[ng++].e = i;
		}
		for (a = 0; a < ng; a++) {
			for (b = a, nd = 0; b < ng; b++) {
				k = g[b].e - g[b].s;
				if (nd + k > DIGITS_MAX)
					break;
				memcpy(dg + nd, f + g[b].s, k);
				nd += k;
				/* A '+' before it is part of it. */
				if (nd >= PHONE_MIN && tail_may(x->d, dg + nd -
				    PHONE_MIN))
					phone_try(x, dg, nd, g[a].s - (g[a].s >
					    0 && f[g[a].s - 1] == '+'), g[b].e);
			}
		}
	}
}

/*
 * scan_compact: runs of whole ASCII words of f[0..n) joined by single
 * " .-/", starting with two letters, compacted, as IBAN and VAT numbers.
 */
static void
scan_compact(struct scan *x, const char *f, size_t n)
{
	char c[COMPACT_MAX];
	size_t i, j, k, nc, d;

	for (i = 0; i < n; i++) {
		if (i > 0 && isword((unsigned char)f[i - 1]))
			continue;
		if (i + 1 >= n || !isletterc(f[i]) || !isletterc(f[i + 1]))
			continue;
		for (j = i, nc = 0, d = 0; j < n && nc < COMPACT_MAX; ) {
			if (isalnumc(f[j])) {
				c[nc] = f[j++];
				d += nc >= 2 && nc < 5 && isdigitc(c[nc]);
				nc++;
				if (nc == 4 && dict_slot(x->d, K_PREFIX, c, 4)
				    == NULL)
					break;
				if (nc == 5 && d == 0)
					break;
				if (nc >= COMPACT_MIN && (j == n ||
				    !isword((unsigned char)f[j])))
					hits_add(x, dict_slot(x->d,
					    K_COMPACT, c, nc), i, j);
				continue;
			}
			/* A single separator between words. */
			k = j;
			if (k + 1 < n && strchr(" .-/", f[k]) != NULL &&
			    f[k] != '\0' && isalnumc(f[k + 1]) && k > i &&
			    isalnumc(f[k - 1])) {
				j++;
				continue;
			}
			break;
		}
	}
}

/* isatom: byte c may be part of an e-mail address around an '@'. */
static int
isatom(unsigned char c)
{
	return c > ' ' && c != '@' && strchr("<>()[]\\,;:\"'=/|&", c) == NULL;
}

/* isdomain: byte c may be part of an e-mail address's domain. */
static int
isdomain(unsigned char c)
{
	return isalnumc((char)c) || c == '.' || c == '-' || c >= 0x80;
}

/* scan_emails: the address around each '@' of f[0..n). */
static void
scan_emails(struct scan *x, const char *f, size_t n)
{
	const char *at;
	size_t a, l, r;

	for (at = memchr(f, '@', n); at != NULL;
	    at = memchr(at + 1, '@', n - a - 1)) {
		a = (size_t)(at - f);
		for (l = a; l > 0 && isatom((unsigned char)f[l - 1]); l--)
			;
		for (r = a + 1; r < n && isdomain((unsigned char)f[r]); r++)
			;
		while (r > a + 1 && (f[r - 1] == '.' || f[r - 1] == '-'))
			r--;
		if (l < a && r > a + 1)
			hits_add(x, dict_slot(x->d, K_EMAIL, f + l, r - l), l,
			    r);
	}
}

/*
 * scan_cell: every mention in the folded cell f[0..n) into x->h; with
 * names 0, no name.
 */
static void
scan_cell(struct scan *x, const char *f, size_t n, int names)
{
	size_t ndig;

	x->nh = 0;
	x->nw = words(f, n, &x->w, &x->wcap, &ndig);
	if (x->nw == 0)
		return;
	if (names)
		scan_names(x, f);
	/* A phone, an IBAN or a VAT number has six digits or more. */
	if (ndig >= PHONE_MIN) {
		scan_phones(x, f, n);
		scan_compact(x, f, n);
	}
	if (memchr(f, '@', n) != NULL)
		scan_emails(x, f, n);
}

/* A --also file of more originals, or a --table to sweep. */
struct source {
	struct orig_src	 o;		/* the file, its keys and options
					   (lib/orig.h) */
	char		*table;		/* --table NAME, or NULL (--also) */
	char		**num;		/* --number, --code */
	size_t		 nnum;
	char		**own;		/* --own-name */
	size_t		 nown;
	char		*redact;	/* --redact OUT */
	char		**skip;		/* --skip FILEs */
	size_t		 nskip;
	char		*before;	/* --before FILE */
	int		 allrows;	/* --all-rows */
};

/* customer_add: customer number k of row (of r) joins the set. */
static void
customer_add(struct dict *d, const struct csvr *r, const struct csvr_row *row,
    const struct csvr_field *k)
{
	d->no = xreallocarray(d->no, d->nc + 1, sizeof(*d->no));
	d->no[d->nc] = d->names.n;
	orig_customer_add(d->byno, &d->names, r, row, k);
	d->nc++;
}

/*
 * person_cols: the columns of hdr (but keyi) that some of the rules rs
 * scrub as a person's value into col, whether each is a name column
 * into name; returns their number.
 */
static size_t
person_cols(const struct csvr_row *hdr, size_t keyi, struct rules **rs,
    size_t nrs, size_t *col, int *name)
{
	size_t i, j, ncol = 0;
	char *cn;

	for (i = 0; i < hdr->nf; i++) {
		cn = xmemdup(hdr->f[i].p, hdr->f[i].n);
		for (j = 0; i != keyi && j < nrs; j++)
			if (orig_personal(rs[j], cn)) {
				name[ncol] = orig_isname(cn);
				col[ncol++] = i;
				break;
			}
		free(cn);
	}
	return ncol;
}

/*
 * originals_load: the customers of path (their numbers in column keycol)
 * and the distinctive values of their columns the rules rs scrub as a
 * person's.
 */
static void
originals_load(struct dict *d, const char *path, int delim,
    const char *keycol, struct rules **rs, size_t nrs)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	size_t keyi, i, *col, ncol;
	int rc, *name;

	r = csvr_start(path, delim, &hdr);
	keyi = hdr_need(r, hdr, keycol);
	col = d->col = xcalloc(hdr->nf, sizeof(*col));
	name = d->name = xcalloc(hdr->nf, sizeof(*name));
	ncol = person_cols(hdr, keyi, rs, nrs, col, name);
	while ((rc = csvr_next(r, &row)) == 1) {
		customer_add(d, r, row, &row->f[keyi]);
		for (i = 0; i < ncol; i++)
			value_add(d, (uint32_t)(d->nc - 1), &row->f[col[i]],
			    name[i]);
	}
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
}

/* colflags: flags[j] = 1 for each of the n columns named that hdr has. */
static void
colflags(int *flags, const struct csvr_row *hdr, char **names, size_t n)
{
	size_t i;
	long j;

	for (i = 0; i < n; i++)
		if ((j = hdr_find(hdr, names[i])) >= 0)
			flags[j] = 1;
}

/* Reading an --also source: per key, per column, a value of its own. */
struct also {
	struct dict	*d;
	int		**own;		/* per key, per column: a person's
					   value of the customer it names */
	int		*name;		/* per column: a name (orig_isname) */
};

/*
 * also_row: the values of row for customer cust, named by its key k, of
 * the columns a->own[k] marks.
 */
static void
also_row(void *arg, const struct csvr_row *row, size_t k, uint32_t cust)
{
	struct also *a = arg;
	size_t j;

	for (j = 0; j < row->nf; j++)
		if (a->own[k][j])
			value_add(a->d, cust, &row->f[j], a->name[j]);
}

/* also_load: the values of the customers' rows of --also source s. */
static void
also_load(struct dict *d, struct source *s, int delim)
{
	const struct csvr_row *hdr, *row;
	struct orig_src *os = &s->o;
	struct also a;
	struct csvr *r;
	size_t i, j;
	int rc, *iskey;
	char *cn;

	orig_src_map(os, delim, d->byno);
	r = csvr_start(os->path, delim, &hdr);
	a.d = d;
	iskey = xcalloc(hdr->nf, sizeof(*iskey));
	a.name = xcalloc(hdr->nf, sizeof(*a.name));
	a.own = xcalloc(os->nk, sizeof(*a.own));
	colflags(iskey, hdr, os->pk, os->npk);
	orig_src_bind(os, r, hdr);
	for (i = 0; i < os->nk; i++)
		iskey[os->k[i].idx] = 1;
	for (i = 0; i < os->nk; i++) {
		a.own[i] = xcalloc(hdr->nf, sizeof(**a.own));
		for (j = 0; j < hdr->nf; j++) {
			cn = xmemdup(hdr->f[j].p, hdr->f[j].n);
			a.name[j] = orig_isname(cn);
			a.own[i][j] = !iskey[j] &&
			    orig_personal(os->k[i].own, cn);
			free(cn);
		}
	}
	while ((rc = csvr_next(r, &row)) == 1)
		orig_src_row(os, row, d->byno, also_row, &a);
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	for (i = 0; i < os->nk; i++)
		free(a.own[i]);
	free(a.own);
	free(iskey);
	free(a.name);
}

/*
 * A short cell without a digit that held no mention: codes, options,
 * names that repeat from row to row (memo_seen).
 */
struct memo {
	uint32_t	 h;		/* its hash */
	unsigned char	 n;		/* its length, 0: an empty slot */
	unsigned char	 names;		/* searched for names */
	char		 b[MEMO_MAX];	/* its bytes */
};

/*
 * memo_slot: the slot of cell p[0..n) (searched for names when names),
 * when it is short and holds no digit, else NULL; its hash into *h.
 */
static struct memo *
memo_slot(struct memo *m, const char *p, size_t n, int names, uint32_t *h)
{
	uint32_t v = 2166136261U;
	size_t i;

	if (n > MEMO_MAX)
		return NULL;
	for (i = 0; i < n; i++) {
		if (isdigitc(p[i]))
			return NULL;
		v = (v ^ (unsigned char)p[i]) * 16777619U;
	}
	v ^= (uint32_t)names;
	*h = v;
	return &m[(v ^ v >> 16) % MEMO_SLOTS];
}

/* memo_seen: slot o remembers cell p[0..n) (names) as holding nothing. */
static int
memo_seen(const struct memo *o, const char *p, size_t n, int names,
    uint32_t h)
{
	return o->n == n && o->h == h && o->names == names &&
	    memcmp(o->b, p, n) == 0;
}

/* memo_put: slot o remembers cell p[0..n) (names) as holding nothing. */
static void
memo_put(struct memo *o, const char *p, size_t n, int names, uint32_t h)
{
	o->h = h;
	o->n = (unsigned char)n;
	o->names = (unsigned char)names;
	memcpy(o->b, p, n);
}

/* The state of sweeping one --table. */
struct sweep {
	struct dict		*d;
	const struct source	*s;
	struct csvr		*r;
	size_t			*pk;		/* the key columns, in order */
	int			*skip;		/* per column: not searched */
	char			**colname;	/* per column: its name */
	struct csvw		*out;		/* the mentions */
	struct csvw		*red;		/* --redact, or NULL */
	struct csvw		*before;	/* --before, or NULL */
	struct scan		 x;
	struct buf		 f;		/* a cell, folded */
	struct norm_map		 m;		/* and where its bytes came from */
	struct buf		 key;		/* the row's key */
	struct buf		*cells;		/* --redact: per column, redacted */
	int			*changed;	/* per column: in cells */
	unsigned long		 mentions;
	int			 owned;		/* the row's owners known */
	int			 live;		/* it names a customer, none
						   anonymized */
	int			*ownc;		/* per column: an --own-name */
	struct memo		*memo;		/* MEMO_SLOTS short cells */
	uint64_t		 skipbits[SKIP_BITS / 64];	/* --skip
						   filter (skip_load) */
	struct buf		 tmp;		/* scratch */
	int			 ownnames;	/* w->own holds the row's own
						   names */
	struct buf		 own;		/* they, folded, NUL-ended */
};

/*
 * row_owners: whose row is: w->live when the --key columns of row name a
 * customer (each where its --key-where matches), none of them
 * anonymized.
 */
static void
row_owners(struct sweep *w, const struct csvr_row *row)
{
	const struct csvr_field *f;
	size_t i;

	w->owned = 1;
	w->live = 0;
	w->ownnames = 0;
	for (i = 0; i < w->s->o.nk; i++) {
		f = &row->f[w->s->o.k[i].idx];
		if (f->n == 0 || !where_match(&w->s->o.k[i].where, row))
			continue;
		if (keymap_get(w->d->byno, f->p, f->n) != NULL) {
			w->live = 0;
			return;
		}
		w->live = 1;
	}
}

/*
 * own_names: the row's own names into w->own, folded, each NUL-ended,
 * once a row: its --own-name cells.
 */
static void
own_names(struct sweep *w, const struct csvr_row *row)
{
	size_t c;

	if (w->ownnames)
		return;
	w->ownnames = 1;
	buf_reset(&w->own);
	for (c = 0; c < row->nf; c++) {
		if (!w->ownc[c] || row->f[c].n == 0)
			continue;
		buf_reset(&w->tmp);
		norm_fold(&w->tmp, row->f[c].p, row->f[c].n, NULL);
		if (w->tmp.n > 0)
			buf_add(&w->own, w->tmp.p, w->tmp.n + 1);
	}
}

/*
 * name_at: the words x->w[a..) of the folded cell f spell the name p
 * (folded) word by word.
 */
static int
name_at(const struct scan *x, const char *f, size_t a, const char *p)
{
	size_t k, b;

	for (; a < x->nw; a++) {
		/* The next word of p. */
		while (*p != '\0' && !isword((unsigned char)*p))
			p++;
		if (*p == '\0')
			return 1;
		for (b = 0; isword((unsigned char)p[b]); b++)
			;
		k = x->w[a].e - x->w[a].s;
		if (k != b || memcmp(p, f + x->w[a].s, k) != 0)
			return 0;
		p += b;
	}
	while (*p != '\0' && !isword((unsigned char)*p))
		p++;
	return *p == '\0';
}

/*
 * within_own: the words [s, e) of the folded cell f lie within one of
 * the row's own names (w->own) written there, whole words.
 */
static int
within_own(const struct sweep *w, const char *f, size_t s, size_t e)
{
	const struct scan *x = &w->x;
	const char *p;
	size_t i, j, a, m, k;

	for (i = 0; i < x->nw && x->w[i].s != s; i++)
		;
	for (j = i; j < x->nw && x->w[j].e != e; j++)
		;
	if (j == x->nw)
		return 0;
	for (p = w->own.p; p < w->own.p + w->own.n; p += strlen(p) + 1) {
		for (m = 0, k = 0; p[k] != '\0'; k++)
			m += isword((unsigned char)p[k]) &&
			    (k == 0 || !isword((unsigned char)p[k - 1]));
		if (m < j - i + 1)
			continue;
		for (a = j + 1 >= m ? j + 1 - m : 0; a <= i; a++)
			if (name_at(x, f, a, p))
				return 1;
	}
	return 0;
}

/*
 * own_drop: in a row whose --key columns name a customer, none of them
 * anonymized (a live customer's row), a name of an anonymized customer
 * that lies within the value of an --own-name column of the row (the
 * live customer's own name, copied: a ledger entry's Customer Name) is
 * that live customer's, not a mention: those mentions are dropped from
 * w->x (the folded cell f).  (The --own-name cells themselves are not
 * searched for names in such a row: sweep_row.)  Every other mention
 * stays: an e-mail address, phone number, IBAN or VAT number anywhere,
 * and a name in the row of an anonymized customer or of no customer.
 */
static void
own_drop(struct sweep *w, const struct csvr_row *row, const char *f)
{
	struct scan *x = &w->x;
	size_t i, k;

	if (w->s->o.nk == 0 || w->s->nown == 0)
		return;
	for (i = 0; i < x->nh && !x->h[i].name; i++)
		;
	if (i == x->nh)
		return;
	if (!w->owned)
		row_owners(w, row);
	if (!w->live)
		return;
	own_names(w, row);
	if (w->own.n == 0)
		return;
	for (i = k = 0; i < x->nh; i++)
		if (!x->h[i].name || !within_own(w, f, x->h[i].s, x->h[i].e))
			x->h[k++] = x->h[i];
	x->nh = k;
}

/* hit_cmp: by start, then end. */
static int
hit_cmp(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;

	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	if (a->e != b->e)
		return a->e < b->e ? -1 : 1;
	return 0;
}

/*
 * redact: cell c (source bytes p[0..n)) with the mentions x->h, found in
 * its fold mapped by w->m, each replaced by REDACTED (overlapping and
 * adjacent ones by one), into w->cells[c].
 */
static void
redact(struct sweep *w, size_t c, const char *p, size_t n)
{
	struct buf *o = &w->cells[c];
	size_t i, at = 0, from, to;

	qsort(w->x.h, w->x.nh, sizeof(*w->x.h), hit_cmp);
	buf_reset(o);
	for (i = 0; i < w->x.nh; ) {
		from = w->m.from[w->x.h[i].s];
		to = w->m.to[w->x.h[i].e - 1];
		for (i++; i < w->x.nh && w->m.from[w->x.h[i].s] <= to; i++)
			if (w->m.to[w->x.h[i].e - 1] > to)
				to = w->m.to[w->x.h[i].e - 1];
		buf_add(o, p + at, from - at);
		buf_adds(o, REDACTED);
		at = to;
	}
	buf_add(o, p + at, n - at);
	w->changed[c] = 1;
}

/*
 * report: one mention row for each customer of x->h in column c, once,
 * in the order found.
 */
static void
report(struct sweep *w, size_t c)
{
	struct dict *d = w->d;
	size_t i;
	uint32_t o, cust;

	d->cell++;
	for (i = 0; i < w->x.nh; i++)
		for (o = w->x.h[i].own; o != 0; o = d->ow[o - 1].next) {
			cust = d->ow[o - 1].cust;
			if (d->mark[cust] == d->cell)
				continue;
			d->mark[cust] = d->cell;
			csvw_str(w->out, d->names.p + d->no[cust]);
			csvw_str(w->out, w->s->table);
			csvw_str(w->out, w->colname[c]);
			csvw_field(w->out, w->key.p, w->key.n);
			csvw_endrow(w->out);
			w->mentions++;
		}
}

/* sweep_row: the mentions of one row; with --redact, the row redacted. */
static void
sweep_row(struct sweep *w, const struct csvr_row *row)
{
	const struct csvr_field *f;
	struct memo *mo;
	size_t c, i, any = 0;
	uint32_t h;
	int names;

	w->owned = 0;
	for (c = 0; c < row->nf; c++) {
		f = &row->f[c];
		w->changed[c] = 0;
		if (w->skip[c] || f->n == 0)
			continue;
		/* A live customer's own name: no mention of a namesake. */
		names = 1;
		if (w->ownc[c]) {
			if (!w->owned)
				row_owners(w, row);
			names = !w->live;
		}
		/* A short cell seen to hold nothing, as most codes. */
		if ((mo = memo_slot(w->memo, f->p, f->n, names, &h)) != NULL &&
		    memo_seen(mo, f->p, f->n, names, h))
			continue;
		buf_reset(&w->f);
		norm_fold(&w->f, f->p, f->n, NULL);
		scan_cell(&w->x, w->f.p, w->f.n, names);
		if (w->x.nh == 0) {
			if (mo != NULL)
				memo_put(mo, f->p, f->n, names, h);
			continue;
		}
		own_drop(w, row, w->f.p);
		if (w->x.nh == 0)
			continue;
		if (any++ == 0) {
			buf_reset(&w->key);
			for (i = 0; i < w->s->o.npk; i++) {
				if (i > 0)
					buf_addc(&w->key, '|');
				buf_add(&w->key, row->f[w->pk[i]].p,
				    row->f[w->pk[i]].n);
			}
		}
		report(w, c);
		if (w->red == NULL)
			continue;
		/* Again with the map: where each folded byte came from. */
		buf_reset(&w->f);
		norm_fold(&w->f, f->p, f->n, &w->m);
		scan_cell(&w->x, w->f.p, w->f.n, names);
		own_drop(w, row, w->f.p);
		redact(w, c, f->p, f->n);
	}
	if (w->red == NULL || (any == 0 && !w->s->allrows))
		return;
	if (any > 0 && w->before != NULL)
		csvw_row(w->before, row);
	for (c = 0; c < row->nf; c++)
		if (w->changed[c])
			csvw_field(w->red, w->cells[c].p, w->cells[c].n);
		else
			csvw_field(w->red, row->f[c].p, row->f[c].n);
	csvw_endrow(w->red);
}

/*
 * pk_tuple: the values of columns pk[0..n) of row into out, each its
 * length and bytes (a tuple no two keys share).
 */
static void
pk_tuple(struct buf *out, const struct csvr_row *row, const size_t *pk,
    size_t n)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		buf_add(out, &row->f[pk[i]].n, sizeof(row->f[pk[i]].n));
		buf_add(out, row->f[pk[i]].p, row->f[pk[i]].n);
	}
}

/* skip_bit: the bit of key k[0..n) in a --skip filter. */
static size_t
skip_bit(const char *k, size_t n)
{
	return (size_t)(filter_hash(0, k, n) % SKIP_BITS);
}

/*
 * skip_load: the primary keys (s->pk) of the rows of every --skip FILE,
 * and their bits in the filter bits (SKIP_BITS), which most rows of the
 * table fail, a look-up in the map spared.
 */
static struct keymap *
skip_load(const struct source *s, int delim, uint64_t *bits)
{
	const struct csvr_row *hdr, *row;
	struct keymap *m = keymap_new();
	struct buf k = { NULL, 0, 0 };
	struct csvr *r;
	size_t i, j, *pk = xcalloc(s->o.npk + 1, sizeof(*pk));
	int rc;

	for (j = 0; j < s->nskip; j++) {
		r = csvr_start(s->skip[j], delim, &hdr);
		for (i = 0; i < s->o.npk; i++)
			pk[i] = hdr_need(r, hdr, s->o.pk[i]);
		while ((rc = csvr_next(r, &row)) == 1) {
			pk_tuple(&k, row, pk, s->o.npk);
			*keymap_put(m, k.p, k.n) = 1;
			i = skip_bit(k.p, k.n);
			bits[i / 64] |= 1ULL << (i % 64);
		}
		if (rc == -1)
			csvr_die(r);
		csvr_close(r);
	}
	free(pk);
	buf_free(&k);
	return m;
}

/* redact_open: the --redact file path, mode 0600, like reader r. */
static struct csvw *
redact_open(const char *path, const struct csvr *r,
    const struct csvr_row *hdr)
{
	struct csvw *o;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	o = csvw_like(fd, r, 0);
	csvw_row(o, hdr);
	return o;
}

/* sweep_table: every row of --table s, its mentions into out. */
static unsigned long
sweep_table(struct dict *d, struct source *s, int delim, struct csvw *out)
{
	const struct csvr_row *hdr, *row;
	struct sweep w;
	struct keymap *skip = NULL;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	if (s->nskip > 0)
		skip = skip_load(s, delim, w.skipbits);
	w.d = d;
	w.s = s;
	w.out = out;
	w.x.d = d;
	w.r = csvr_start(s->o.path, delim, &hdr);
	w.pk = xcalloc(s->o.npk + 1, sizeof(*w.pk));
	w.skip = xcalloc(hdr->nf, sizeof(*w.skip));
	w.changed = xcalloc(hdr->nf, sizeof(*w.changed));
	w.colname = xcalloc(hdr->nf, sizeof(*w.colname));
	for (i = 0; i < s->o.npk; i++) {
		w.pk[i] = hdr_need(w.r, hdr, s->o.pk[i]);
		w.skip[w.pk[i]] = 1;
	}
	colflags(w.skip, hdr, s->num, s->nnum);
	for (i = 0; i < hdr->nf; i++)
		w.colname[i] = xmemdup(hdr->f[i].p, hdr->f[i].n);
	w.ownc = xcalloc(hdr->nf, sizeof(*w.ownc));
	w.memo = xcalloc(MEMO_SLOTS, sizeof(*w.memo));
	colflags(w.ownc, hdr, s->own, s->nown);
	/* A customer key holds a customer number: never searched. */
	orig_src_bind(&s->o, w.r, hdr);
	for (i = 0; i < s->o.nk; i++)
		w.skip[s->o.k[i].idx] = 1;
	if (s->redact != NULL) {
		w.red = redact_open(s->redact, w.r, hdr);
		if (s->before != NULL)
			w.before = redact_open(s->before, w.r, hdr);
		w.cells = xcalloc(hdr->nf, sizeof(*w.cells));
	}
	while ((rc = csvr_next(w.r, &row)) == 1) {
		if (skip != NULL) {
			pk_tuple(&w.key, row, w.pk, s->o.npk);
			i = skip_bit(w.key.p, w.key.n);
			if ((w.skipbits[i / 64] >> (i % 64) & 1) &&
			    keymap_get(skip, w.key.p, w.key.n) != NULL)
				continue;
		}
		sweep_row(&w, row);
	}
	if (skip != NULL)
		keymap_free(skip);
	if (rc == -1)
		csvr_die(w.r);
	if (w.red != NULL) {
		csvw_finish(w.red, s->redact);
		if (w.before != NULL)
			csvw_finish(w.before, s->before);
		for (i = 0; i < hdr->nf; i++)
			buf_free(&w.cells[i]);
		free(w.cells);
	}
	for (i = 0; i < hdr->nf; i++)
		free(w.colname[i]);
	csvr_close(w.r);
	free(w.colname);
	free(w.pk);
	free(w.skip);
	free(w.changed);
	free(w.ownc);
	free(w.memo);
	buf_free(&w.tmp);
	buf_free(&w.own);
	free(w.x.w);
	free(w.x.h);
	buf_free(&w.x.seq);
	buf_free(&w.f);
	buf_free(&w.key);
	norm_map_free(&w.m);
	return w.mentions;
}

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ALL_ROWS = 256, OPT_ALSO, OPT_BEFORE, OPT_CODE, OPT_COUNT,
	OPT_CUSTOMER_KEY,
	OPT_FIELDS, OPT_KEY, OPT_KEY_WHERE, OPT_MAP,
	OPT_MAP_CUSTOMER, OPT_MAP_KEY, OPT_NUMBER, OPT_ORIGINALS,
	OPT_OWN_NAME, OPT_PRIMARY_KEY, OPT_REDACT, OPT_RULES, OPT_SKIP, OPT_TABLE,
	OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "all-rows",		no_argument,       NULL, OPT_ALL_ROWS },
	{ "also",		required_argument, NULL, OPT_ALSO },
	{ "before",		required_argument, NULL, OPT_BEFORE },
	{ "code",		required_argument, NULL, OPT_CODE },
	{ "count",		required_argument, NULL, OPT_COUNT },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "fields",		required_argument, NULL, OPT_FIELDS },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "key-where",		required_argument, NULL, OPT_KEY_WHERE },
	{ "map",		required_argument, NULL, OPT_MAP },
	{ "map-customer",	required_argument, NULL, OPT_MAP_CUSTOMER },
	{ "map-key",		required_argument, NULL, OPT_MAP_KEY },
	{ "number",		required_argument, NULL, OPT_NUMBER },
	{ "originals",		required_argument, NULL, OPT_ORIGINALS },
	{ "own-name",		required_argument, NULL, OPT_OWN_NAME },
	{ "primary-key",	required_argument, NULL, OPT_PRIMARY_KEY },
	{ "redact",		required_argument, NULL, OPT_REDACT },
	{ "rules",		required_argument, NULL, OPT_RULES },
	{ "skip",		required_argument, NULL, OPT_SKIP },
	{ "table",		required_argument, NULL, OPT_TABLE },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: sweep --rules FILE... --originals FILE [--customer-key COL]\n"
"             (--also FILE (--key COL [--key-where C=F]... --fields RULES)...\n"
"              [--where C=F]... [--primary-key COL]...\n"
"              [--map FILE [--map-key COL] [--map-customer COL]])...\n"
"             (--table NAME FILE [--primary-key COL]... [--number COL]...\n"
"              [--code COL]... [--key COL [--key-where C=F]...]... [--own-name COL]...\n"
"              [--skip FILE]... [--redact OUT [--before FILE] [--all-rows]])...\n"
"             [--count FILE] [-d C]\n"
"\n"
"Lists, as CSV (Customer No.,Table,Column,Key), every cell of the tables\n"
"that holds an e-mail address, phone number, IBAN, VAT number or name of\n"
"a customer in the originals, never the value.\n"
"\n"
"  --rules FILE         the originals' columns these rules scrub hold\n"
"                       the values looked for (repeatable)\n"
"  --originals FILE     the original rows of the anonymized customers\n"
"  --customer-key COL   their key column (default No.)\n"
"  --also FILE          more original rows, of another table; then:\n"
"    --key COL          a column naming the row's customer (repeatable)\n"
"    --key-where COL=FILTER  after --key: only in the rows that match\n"
"    --fields RULES     after --key: the columns these rules scrub hold\n"
"                       that customer's values\n"
"    --where COL=FILTER only the rows that match (repeatable)\n"
"    --values COL=V1|V2|... the values COL may hold where --where or a\n"
"                       --key-where reads it (#integer); others: exit 1\n"
"    --map FILE         the key names a row of FILE, not a customer\n"
"    --map-key COL      the column of FILE holding the key (Contact No.)\n"
"    --map-customer COL the column of FILE holding the customer (No.)\n"
"  --table NAME FILE    a table to sweep, named NAME in the list; then:\n"
"    --number COL       a column of numbers or dates, not searched\n"
"    --code COL         a column of codes (account and document numbers),\n"
"                       not searched\n"
"    --key COL          a column naming the row's customer (repeatable;\n"
"                       --key-where as for --also)\n"
"    --own-name COL     a copy of the name of the customer a --key names:\n"
"                       in a row whose keys name no anonymized customer,\n"
"                       a name within it is no mention\n"
"    --skip FILE        rows whose primary key a row of FILE has are not\n"
"                       read (FILE holds them as they are now)\n"
"    --redact OUT       write the rows holding a mention to OUT, each\n"
"                       mention replaced by [REDACTED]\n"
"    --before FILE      with --redact: those rows as they were\n"
"    --all-rows         with --redact: every row, redacted where needed\n"
"  --primary-key COL    after --also or --table: a key column, never\n"
"                       searched; a table's rows are listed by it\n"
"  --count FILE         write there the number of mentions listed\n"
"  -d, --delimiter C    field delimiter of every CSV input but the rules\n"
"  --help, --version\n");
}

/* The command line. */
struct args {
	struct source	*s;		/* --also and --table, in order */
	size_t		 ns;
	struct rules	**rs;		/* --rules, loaded */
	size_t		 nrs;
	const char	*origpath;	/* --originals */
	const char	*keycol;	/* --customer-key */
	const char	*count;		/* --count */
	int		 delim;
	int		 pending;	/* a --table waits for its FILE */
};

/*
 * last: the latest --also or --table, or a usage error naming opt; with
 * what (1: --also, 2: --table), only that kind.
 */
static struct source *
last(struct args *a, const char *opt, int what)
{
	struct source *s = a->ns > 0 ? &a->s[a->ns - 1] : NULL;

	if (s == NULL || a->pending || (what == 1 && s->table != NULL) ||
	    (what == 2 && s->table == NULL))
		diag_usage("%s must follow %s", opt, what == 1 ? "an --also" :
		    what == 2 ? "a --table NAME FILE" :
		    "an --also or a --table NAME FILE");
	return s;
}

/* strs_add: append s to the list *v of *n. */
static void
strs_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* optname: the name of the long option of code ch. */
static const char *
optname(int ch)
{
	const struct option *o;

	for (o = longopts; o->name != NULL && o->val != ch; o++)
		;
	return o->name != NULL ? o->name : "";
}

/* option: apply option ch with arg to a (1: a --table's FILE). */
static void
option(struct args *a, int ch, char *arg)
{
	struct source *s;
	char opt[32];

	switch (ch) {
	case 1:
		if (!a->pending)
			diag_usage("unexpected argument");
		a->s[a->ns - 1].o.path = arg;
		a->pending = 0;
		break;
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		usage();
		exit(0);
	case OPT_ALL_ROWS:
		last(a, "--all-rows", 2)->allrows = 1;
		break;
	case OPT_BEFORE:
		last(a, "--before", 2)->before = arg;
		break;
	case OPT_ALSO:
	case OPT_TABLE:
		if (a->pending)
			diag_usage("--table %s: no FILE given",
			    a->s[a->ns - 1].table);
		a->s = xreallocarray(a->s, a->ns + 1, sizeof(*a->s));
		s = &a->s[a->ns++];
		memset(s, 0, sizeof(*s));
		orig_src_init(&s->o, NULL);
		if (ch == OPT_ALSO) {
			s->o.path = arg;
		} else {
			s->table = arg;
			a->pending = 1;
		}
		break;
	case OPT_COUNT:
		a->count = arg;
		break;
	case OPT_CUSTOMER_KEY:
		a->keycol = arg;
		break;
	case OPT_FIELDS:
	case OPT_KEY:
	case OPT_KEY_WHERE:
	case OPT_MAP:
	case OPT_MAP_CUSTOMER:
	case OPT_MAP_KEY:
	case OPT_PRIMARY_KEY:
	case OPT_VALUES:
	case OPT_WHERE:
		/* A source's options (lib/orig.h); a --table takes its keys
		 * and primary key. */
		snprintf(opt, sizeof(opt), "--%s", optname(ch));
		s = last(a, opt, ch == OPT_KEY || ch == OPT_KEY_WHERE ||
		    ch == OPT_PRIMARY_KEY || ch == OPT_VALUES ? 0 : 1);
		orig_src_opt(&s->o, opt + 2, arg);
		break;
	case OPT_CODE:
	case OPT_NUMBER:
		s = last(a, ch == OPT_CODE ? "--code" : "--number", 2);
		strs_add(&s->num, &s->nnum, arg);
		break;
	case OPT_ORIGINALS:
		a->origpath = arg;
		break;
	case OPT_OWN_NAME:
		s = last(a, "--own-name", 2);
		strs_add(&s->own, &s->nown, arg);
		break;
	case OPT_REDACT:
		last(a, "--redact", 2)->redact = arg;
		break;
	case OPT_RULES:
		a->rs = xreallocarray(a->rs, a->nrs + 1, sizeof(*a->rs));
		a->rs[a->nrs++] = rules_load(arg);
		break;
	case OPT_SKIP:
		s = last(a, "--skip", 2);
		strs_add(&s->skip, &s->nskip, arg);
		break;
	case OPT_VERSION:
		printf("sweep custanon %s\n", CUSTANON_VERSION);
		exit(0);
	default:
		diag_usage("bad option");
	}
}

/*
 * parse: the command line into a, every rules file loaded; a usage or
 * rules error exits 2.  A --table's FILE is the argument after its NAME
 * ("-" in the option string: arguments come in order).
 */
static void
parse(struct args *a, int argc, char *argv[])
{
	struct source *s;
	size_t i, j;
	int ch;

	memset(a, 0, sizeof(*a));
	a->keycol = "No.";
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "-d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (a->pending)
		diag_usage("--table %s: no FILE given", a->s[a->ns - 1].table);
	if (a->nrs == 0)
		diag_usage("no --rules given");
	if (a->origpath == NULL)
		diag_usage("no --originals given");
	for (i = 0; i < a->ns; i++) {
		s = &a->s[i];
		if (s->table == NULL && s->o.nk == 0)
			diag_usage("--also %s: no --key given", s->o.path);
		orig_src_fields(&s->o, s->table == NULL, "--also");
		if ((s->before != NULL || s->allrows) && s->redact == NULL)
			diag_usage("--table %s: --before and --all-rows go "
			    "with --redact", s->table);
		for (j = 0; j < i; j++)
			if (s->redact != NULL && a->s[j].redact != NULL &&
			    strcmp(s->redact, a->s[j].redact) == 0)
				diag_usage("--redact %s: given twice",
				    s->redact);
	}
}

/* args_free: what parse allocated and loaded. */
static void
args_free(struct args *a)
{
	size_t i;

	for (i = 0; i < a->ns; i++) {
		orig_src_free(&a->s[i].o);
		free(a->s[i].num);
		free(a->s[i].own);
		free(a->s[i].skip);
	}
	free(a->s);
	for (i = 0; i < a->nrs; i++)
		rules_free(a->rs[i]);
	free(a->rs);
}

static void
dict_free(struct dict *d)
{
	keymap_free(d->byno);
	keymap_free(d->keys);
	buf_free(&d->names);
	buf_free(&d->key);
	buf_free(&d->fold);
	free(d->no);
	free(d->ow);
	free(d->filter);
	free(d->pair);
	free(d->tail);
	free(d->tail5);
	free(d->col);
	free(d->name);
	free(d->mark);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct dict d;
	struct csvw *out;
	size_t i;
	unsigned long n = 0;
	FILE *fp;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	memset(&d, 0, sizeof(d));
	for (i = 0; i < 256; i++)
		wordbyte[i] = (unsigned char)text_isword((unsigned char)i);
	d.byno = keymap_new();
	d.keys = keymap_new();
	d.filter = xcalloc(FILTER_BITS / 64, sizeof(*d.filter));
	d.pair = xcalloc(16 * PAIR_WORDS, sizeof(*d.pair));
	d.tail = xcalloc(TAILS / 64 + 1, sizeof(*d.tail));
	d.tail5 = xcalloc(TAILS / 10 / 64 + 1, sizeof(*d.tail5));
	originals_load(&d, a.origpath, a.delim, a.keycol, a.rs, a.nrs);
	for (i = 0; i < a.ns; i++)
		if (a.s[i].table == NULL)
			also_load(&d, &a.s[i], a.delim);
	d.mark = xcalloc(d.nc + 1, sizeof(*d.mark));
	out = csvw_new(STDOUT_FILENO, ',', 0, 0, 0);
	csvw_str(out, "Customer No.");
	csvw_str(out, "Table");
	csvw_str(out, "Column");
	csvw_str(out, "Key");
	csvw_endrow(out);
	for (i = 0; i < a.ns; i++)
		if (a.s[i].table != NULL)
			n += sweep_table(&d, &a.s[i], a.delim, out);
	csvw_finish(out, NULL);
	if (a.count != NULL && ((fp = fopen(a.count, "w")) == NULL ||
	    fprintf(fp, "%lu\n", n) < 0 || fclose(fp) != 0))
		diag_die(EXIT_DATA, "%s: %s", a.count, strerror(errno));
	args_free(&a);
	dict_free(&d);
	return 0;
}
