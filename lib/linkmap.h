/*
 * linkmap: the rows of a map file (a Contact Business Relation export)
 * that link a key (a contact's number) to a customer of a set: for each
 * key, the customers it names, chained.  leakcheck and sweep read their
 * --map files through it.
 */
#ifndef LINKMAP_H
#define LINKMAP_H

#include <stddef.h>
#include <stdint.h>

#include "keymap.h"

/* One customer a key names. */
struct link {
	uint32_t	 cust;		/* the customer's index in the set */
	uint32_t	 next;		/* 1 + the key's next link, 0 at the end */
};

/*
 * linkmap_load: read map file path (delimiter delim), whose keycol holds
 * the key and custcol the customer; byno maps a customer number of the
 * set to its index + 1.  Rows with an empty key or a customer outside the
 * set are skipped.  Returns key -> 1 + its first link in *links (*nlinks
 * of them, appended).  A missing column or malformed CSV exits 1.
 */
struct keymap	*linkmap_load(const char *path, int delim, const char *keycol,
		    const char *custcol, const struct keymap *byno,
		    struct link **links, size_t *nlinks);

#endif
