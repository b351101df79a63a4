/*
 * logw: the anonymization log, appended as CSV (see logw.h).
 *
 * Several filters of one pipeline may append to the same log at once:
 * the header is written under an fcntl lock, so only the first writer
 * of an empty file writes it, and each row is flushed as one write(2)
 * to an O_APPEND descriptor, so rows of different writers never mix.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "logw.h"

struct logw {
	struct csvw	*w;		/* NULL: the log discards rows */
	char		*path;
	char		*user;
	char		 stamp[21];	/* the timestamp of every row */
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

static void
flush(struct logw *l)
{
	if (csvw_flush(l->w) == -1)
		diag_die(EXIT_DATA, "%s: write error: %s", l->path,
		    strerror(errno));
}

struct logw *
logw_open(const char *path, const char *user, time_t now)
{
	struct logw *l;
	struct stat st;
	int fd, locked;

	if (path == NULL)
		return xcalloc(1, sizeof(*l));
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	l = xcalloc(1, sizeof(*l));
	l->path = xstrdup(path);
	l->user = xstrdup(user == NULL ? "" : user);
	date_stamp(now, l->stamp);
	l->w = csvw_new(fd, ',', 0, 0, 0);
	locked = lock(fd, F_WRLCK) == 0;
	if (fstat(fd, &st) == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		csvw_str(l->w, "Customer No.");
		csvw_str(l->w, "Status");
		csvw_str(l->w, "Reason");
		csvw_str(l->w, "Logged At");
		csvw_str(l->w, "User");
		csvw_endrow(l->w);
		flush(l);
	}
	if (locked)
		lock(fd, F_UNLCK);
	return l;
}

void
logw_add(struct logw *l, const char *no, size_t n, int anonymized,
    const char *reason)
{
	if (l->w == NULL)
		return;
	csvw_field(l->w, no, n);
	csvw_str(l->w, anonymized ? "Anonymized" : "Not anonymized");
	csvw_str(l->w, reason == NULL ? "" : reason);
	csvw_str(l->w, l->stamp);
	csvw_str(l->w, l->user);
	csvw_endrow(l->w);
	flush(l);
}

void
logw_close(struct logw *l)
{
	if (l == NULL)
		return;
	if (l->w != NULL && csvw_close(l->w) == -1)
		diag_die(EXIT_DATA, "%s: write error: %s", l->path,
		    strerror(errno));
	free(l->path);
	free(l->user);
	free(l);
}
