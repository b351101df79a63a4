/*
 * logw: the anonymization log, appended as CSV (see logw.h).
 *
 * Several filters of one pipeline may append to the same log at once:
 * the header is written under an fcntl lock, so only the first writer
 * of an empty file writes it; rows are kept in a block of whole rows and
 * written with one write(2) to an O_APPEND descriptor when the next row
 * would take the block past BLOCK bytes, and at logw_close (a row longer
 * than BLOCK goes alone), so rows of different writers never mix.
 *
 * A "Not anonymized" row is written at once, with the block before it:
 * a filter that holds customers back and is then killed while it waits
 * for input has logged every one of them.  "Anonymized" rows (stamp, which
 * logs a customer only once its row has been written out) wait in the
 * block: a killed writer may have logged fewer, never more.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "logw.h"

#define BLOCK	65536	/* the most bytes of rows one write(2) takes */

struct logw {
	int		 fd;		/* -1: the log discards rows */
	char		*path;
	char		*user;
	char		 stamp[21];	/* the timestamp of every row */
	struct buf	 blk;		/* whole rows not yet written */
	struct buf	 row;		/* the row being formatted */
	struct csvw	*w;		/* formats rows into row */
};

/* lock: take (F_WRLCK) or drop (F_UNLCK) a whole-file lock on fd. */
static int
lock(int fd, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* put: write p[0..n) with one write(2) (more only when it is cut short). */
static void
put(struct logw *l, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(l->fd, p, n);
		if (k == -1) {
			if (errno == EINTR)
				continue;
			diag_die(EXIT_DATA, "%s: write error: %s", l->path,
			    strerror(errno));
		}
		p += k;
		n -= (size_t)k;
	}
}

static void
flush(struct logw *l)
{
	put(l, l->blk.p, l->blk.n);
	buf_reset(&l->blk);
}

static void
str(struct logw *l, const char *s)
{
	csvw_str(l->w, s);
}

/* endrow: end the row being written and move it into l->row. */
static void
endrow(struct logw *l)
{
	csvw_endrow(l->w);
	csvw_flush(l->w);
}

struct logw *
logw_open(const char *path, const char *user, time_t now)
{
	struct logw *l;
	struct stat st;
	int fd, locked;

	if (path == NULL) {
		l = xcalloc(1, sizeof(*l));
		l->fd = -1;
		return l;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	l = xcalloc(1, sizeof(*l));
	l->fd = fd;
	l->path = xstrdup(path);
	l->user = xstrdup(user == NULL ? "" : user);
	l->w = csvw_mem(&l->row, ',', 0, 0);
	date_stamp(now, l->stamp);
	locked = lock(fd, F_WRLCK) == 0;
	if (fstat(fd, &st) == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		str(l, "Customer No.");
		str(l, "Status");
		str(l, "Reason");
		str(l, "Logged At");
		str(l, "User");
		endrow(l);
		put(l, l->row.p, l->row.n);
		buf_reset(&l->row);
	}
	if (locked)
		lock(fd, F_UNLCK);
	return l;
}

void
logw_add(struct logw *l, const char *no, size_t n, int anonymized,
    const char *reason)
{
	if (l->fd == -1)
		return;
	buf_reset(&l->row);
	csvw_field(l->w, no, n);
	str(l, anonymized ? "Anonymized" : "Not anonymized");
	str(l, reason == NULL ? "" : reason);
	str(l, l->stamp);
	str(l, l->user);
	endrow(l);
	if (l->blk.n > 0 && l->blk.n + l->row.n > BLOCK)
		flush(l);
	if (l->row.n > BLOCK)
		put(l, l->row.p, l->row.n);
	else
		buf_add(&l->blk, l->row.p, l->row.n);
	if (!anonymized)
		flush(l);
}

void
logw_close(struct logw *l)
{
	if (l == NULL)
		return;
	if (l->fd != -1) {
		flush(l);
		if (close(l->fd) == -1)
			diag_die(EXIT_DATA, "%s: write error: %s", l->path,
			    strerror(errno));
	}
	if (l->w != NULL)
		csvw_close(l->w);
	buf_free(&l->blk);
	buf_free(&l->row);
	free(l->path);
	free(l->user);
	free(l);
}
