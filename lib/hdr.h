/*
 * hdr: columns found by header name, never by position.
 */
#ifndef HDR_H
#define HDR_H

#include <stddef.h>

#include "csvio.h"

/* hdr_find: index of column name in the header, or -1 when absent. */
long	hdr_find(const struct csvr_row *hdr, const char *name);

/*
 * hdr_need: index of column name; when absent, report
 * "prog: file:line: missing column 'name'" for reader r (the line as
 * csvr_line gives it) and exit 1.
 */
size_t	hdr_need(const struct csvr *r, const struct csvr_row *hdr,
	    const char *name);

#endif
