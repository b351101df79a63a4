/*
 * linkmap: a map file's links of keys to the customers of a set (see
 * linkmap.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "diag.h"
#include "hdr.h"
#include "keymap.h"
#include "linkmap.h"

struct keymap *
linkmap_load(const char *path, int delim, const char *keycol,
    const char *custcol, const struct keymap *byno, struct link **links,
    size_t *nlinks)
{
	const struct csvr_row *hdr, *row;
	struct keymap *m = keymap_new();
	struct csvr *r;
	uint32_t *slot, *cust;
	size_t ki, ci;
	int rc;

	r = csvr_start(path, delim, &hdr);
	ki = hdr_need(r, hdr, keycol);
	ci = hdr_need(r, hdr, custcol);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (row->f[ki].n == 0 || (cust = keymap_get(byno,
		    row->f[ci].p, row->f[ci].n)) == NULL)
			continue;
		slot = keymap_put(m, row->f[ki].p, row->f[ki].n);
		*links = xreallocarray(*links, *nlinks + 1, sizeof(**links));
		(*links)[*nlinks].cust = *cust - 1;
		(*links)[*nlinks].next = *slot;
		*slot = (uint32_t)++*nlinks;
	}
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	return m;
}
