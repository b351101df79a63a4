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

size_t		 keymap_count(const struct keymap *m);
void		 keymap_free(struct keymap *m);

#endif
