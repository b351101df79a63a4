/*
 * hdr: column lookup by header name (see hdr.h).
 */
#include <string.h>

#include "diag.h"
#include "hdr.h"

long
hdr_find(const struct csvr_row *hdr, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < hdr->nf; i++)
		if (hdr->f[i].n == n && memcmp(hdr->f[i].p, name, n) == 0)
			return (long)i;
	return -1;
}

size_t
hdr_need(const struct csvr *r, const struct csvr_row *hdr, const char *name)
{
	long i;

	if ((i = hdr_find(hdr, name)) == -1)
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, hdr->line),
		    "missing column '%s'", name);
	return (size_t)i;
}
