/*
 * logw: the anonymization log (SPEC section 2, --log FILE).
 *
 * Rows are appended as CSV, always comma-separated with LF line endings:
 *   Customer No.,Status,Reason,Logged At,User
 * The header is written when the file is new or empty.  The file is
 * created mode 0600.  Status is "Anonymized" or "Not anonymized"; several
 * reasons are joined by "; ".  The log never holds a field value other
 * than the customer number.
 */
#ifndef LOGW_H
#define LOGW_H

#include <stddef.h>
#include <time.h>

struct logw;

/*
 * logw_open: open path for appending (exit 1 with a message when it
 * cannot be opened).  user and now are written in every row.  A NULL
 * path gives a log that discards everything, so callers need not check.
 */
struct logw	*logw_open(const char *path, const char *user, time_t now);

/* logw_add: one row for customer no[0..n). */
void		 logw_add(struct logw *l, const char *no, size_t n,
		    int anonymized, const char *reason);

/* logw_close: flush and close; a write error exits 1. */
void		 logw_close(struct logw *l);

#endif
