/*
 * keymap: a hash map from customer keys (byte strings) to a 32-bit value,
 * for the document sources: a bit set of reasons (check-open-docs), the
 * latest transaction date (check-period), or presence alone (scrub
 * --keys).  A key of up to 8 bytes is kept in its 16-byte slot, a longer
 * one in an arena; with the table at most half full after doubling that
 * is 21 to 43 bytes per key, plus the length of longer keys.  At most
 * 2^28 slots.
 */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stddef.h>
#include <stdint.h>

struct keymap;

struct keymap	*keymap_new(void);

/*
 * keymap_put: the value slot of key k[0..n), inserted with value 0 when
 * absent.  The pointer is valid until the next keymap_put.
 */
uint32_t	*keymap_put(struct keymap *m, const char *k, size_t n);

/* keymap_get: the value slot of k[0..n), or NULL when absent. */
uint32_t	*keymap_get(const struct keymap *m, const char *k, size_t n);

/* How keymap_merge combines a value into a key's. */
enum keymap_op {
	KEYMAP_OR,		/* bitwise or */
	KEYMAP_MAX		/* the larger */
};

/*
 * keymap_merge: combine v into the value of key k[0..n) (inserted with
 * value 0 when absent) by op.  A key of up to 8 bytes is queued and
 * merged some keys later, its slot fetched from memory meanwhile, so
 * that a stream of keys in no order waits on memory for several at once
 * rather than for each in turn.  keymap_get, keymap_put and keymap_count
 * see the merges only after keymap_flush.
 */
void		 keymap_merge(struct keymap *m, const char *k, size_t n,
		    uint32_t v, enum keymap_op op);

/* keymap_flush: merge every queued key. */
void		 keymap_flush(struct keymap *m);

size_t		 keymap_count(const struct keymap *m);
void		 keymap_free(struct keymap *m);

#endif
