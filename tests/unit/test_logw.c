/*
 * test_logw: the log file: created mode 0600 with its header, appended
 * without a second header, CSV quoting of reasons, the discarding log,
 * an existing file's mode kept, rows kept in blocks of whole rows (held
 * back rows written at once), concurrent writers, an unopenable path.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "logw.h"
#include "unit.h"

#define HEADER	"Customer No.,Status,Reason,Logged At,User\n"
#define NOW	1795994100	/* 2026-11-29T23:15:00Z */

static char dir[] = "/tmp/test_logw.XXXXXX";
static char path[256];

/* slurp: the file's contents (static, truncated at 2 MiB). */
static const char *
slurp(const char *p)
{
	static char b[2097152];
	ssize_t n;
	int fd;

	if ((fd = open(p, O_RDONLY)) == -1)
		return "(none)";
	n = read(fd, b, sizeof(b) - 1);
	close(fd);
	b[n < 0 ? 0 : n] = '\0';
	return b;
}

static void
setpath(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
}

static void
new_file(void)
{
	struct logw *l;
	struct stat st;

	setpath("new.csv");
	umask(022);
	l = logw_open(path, "ADMIN", NOW);
	logw_add(l, "C00010", 6, 1, NULL);
	logw_add(l, "C00020", 6, 0, "open sales document; member");
	logw_add(l, "C00030xyz", 6, 0, "reason, with \"quotes\"");
	logw_close(l);
	EXPECT_STR(slurp(path), HEADER
	    "C00010,Anonymized,,2026-11-29T23:15:00Z,ADMIN\n"
	    "C00020,Not anonymized,open sales document; member,"
	    "2026-11-29T23:15:00Z,ADMIN\n"
	    "C00030,Not anonymized,\"reason, with \"\"quotes\"\"\","
	    "2026-11-29T23:15:00Z,ADMIN\n");
	EXPECT(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	/* Appending: no second header. */
	l = logw_open(path, "jdoe", NOW + 60);
	logw_add(l, "C,1", 3, 1, "");
	logw_close(l);
	EXPECT_STR(slurp(path), HEADER
	    "C00010,Anonymized,,2026-11-29T23:15:00Z,ADMIN\n"
	    "C00020,Not anonymized,open sales document; member,"
	    "2026-11-29T23:15:00Z,ADMIN\n"
	    "C00030,Not anonymized,\"reason, with \"\"quotes\"\"\","
	    "2026-11-29T23:15:00Z,ADMIN\n"
	    "\"C,1\",Anonymized,,2026-11-29T23:16:00Z,jdoe\n");
}

static void
existing_file(void)
{
	struct logw *l;
	struct stat st;
	int fd;

	/* An existing empty file gets the header; its mode is kept. */
	setpath("empty.csv");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	EXPECT(fd != -1);
	fchmod(fd, 0640);
	close(fd);
	l = logw_open(path, "u", NOW);
	logw_add(l, "7", 1, 1, NULL);
	logw_close(l);
	EXPECT_STR(slurp(path), HEADER "7,Anonymized,,2026-11-29T23:15:00Z,u\n");
	EXPECT(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
	/* A file with rows gets none; rows are appended after them. */
	setpath("old.csv");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	EXPECT(write(fd, "x\n", 2) == 2);
	close(fd);
	l = logw_open(path, "u", NOW);
	logw_close(l);
	EXPECT_STR(slurp(path), "x\n");
	l = logw_open(path, "u", NOW);
	logw_add(l, "8", 1, 0, "member");
	logw_close(l);
	EXPECT_STR(slurp(path), "x\n8,Not anonymized,member,"
	    "2026-11-29T23:15:00Z,u\n");
}

static void
discard(void)
{
	struct logw *l;

	l = logw_open(NULL, "u", NOW);
	EXPECT(l != NULL);
	logw_add(l, "C1", 2, 1, "x");
	logw_close(l);
	logw_close(NULL);
}

/* Writers at once: one header, every row whole. */
static void
concurrent(void)
{
	struct logw *l;
	pid_t pid[4];
	const char *s, *p;
	char no[32], want[128];
	int i, k, st, rows = 0, ok = 1;

	setpath("shared.csv");
	fflush(stdout);
	for (i = 0; i < 4; i++)
		if ((pid[i] = fork()) == 0) {
			l = logw_open(path, "u", NOW);
			for (k = 0; k < 5000; k++) {
				snprintf(no, sizeof(no), "W%dR%03d", i, k);
				logw_add(l, no, strlen(no), k % 997 != 0,
				    "open ledger entry");
			}
			logw_close(l);
			_exit(0);
		}
	for (i = 0; i < 4; i++)
		if (pid[i] <= 0 || waitpid(pid[i], &st, 0) != pid[i] ||
		    !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			ok = 0;
	EXPECT(ok);
	s = slurp(path);
	EXPECT(strncmp(s, HEADER, strlen(HEADER)) == 0);
	for (p = s + strlen(HEADER); *p != '\0'; p += strlen(want)) {
		i = p[1] - '0';
		k = atoi(p + 3);
		snprintf(no, sizeof(no), "W%dR%03d", i, k);
		snprintf(want, sizeof(want), "%s,%s,open ledger entry,"
		    "2026-11-29T23:15:00Z,u\n", no,
		    k % 997 != 0 ? "Anonymized" : "Not anonymized");
		if (strncmp(p, want, strlen(want)) != 0) {
			ok = 0;
			break;
		}
		rows++;
	}
	EXPECT(ok);
	EXPECT(rows == 20000);
}

/* fsize: the size of the file at path. */
static long
fsize(void)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/*
 * Anonymized rows wait in a block of at most 64 KiB of whole rows; a held
 * back row goes at once with those before it; a longer row goes alone.
 */
static void
blocks(void)
{
	struct logw *l;
	static char big[100000];
	const char *s;
	long n, k, rows = 0, ok = 1;
	char no[64];

	setpath("blocks.csv");
	l = logw_open(path, "u", NOW);
	logw_add(l, "A1", 2, 1, NULL);
	EXPECT(fsize() == (long)strlen(HEADER));
	logw_add(l, "H1", 2, 0, "member");
	EXPECT_STR(slurp(path), HEADER
	    "A1,Anonymized,,2026-11-29T23:15:00Z,u\n"
	    "H1,Not anonymized,member,2026-11-29T23:15:00Z,u\n");
	n = fsize();
	/* 4000 rows of 42 bytes: two blocks out, a third kept. */
	for (k = 0; k < 4000; k++) {
		snprintf(no, sizeof(no), "B%05ld", k);
		logw_add(l, no, strlen(no), 1, NULL);
	}
	EXPECT(fsize() > n + 65536 && fsize() <= n + 2 * 65536);
	s = slurp(path);
	EXPECT(s[strlen(s) - 1] == '\n');
	memset(big, 'x', sizeof(big));
	logw_add(l, big, sizeof(big), 1, NULL);
	logw_close(l);
	s = slurp(path) + n;
	for (k = 0; k < 4000 && ok; k++, rows++) {
		snprintf(no, sizeof(no), "B%05ld,Anonymized,,", k);
		ok = strncmp(s, no, strlen(no)) == 0;
		s = strchr(s, '\n') + 1;
	}
	EXPECT(ok && rows == 4000);
	EXPECT(strspn(s, "x") == sizeof(big));
	EXPECT(strcmp(s + sizeof(big), ",Anonymized,,2026-11-29T23:15:00Z,u\n")
	    == 0);
}

static void
cannot_open(void)
{
	char err[256], want[300];
	pid_t pid;
	int fd, st = -1;
	ssize_t n;

	setpath("missing/log.csv");
	setpath("err.txt");
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	setpath("missing/log.csv");
	diag_init("test");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		logw_open(path, "u", NOW);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	n = pread(fd, err, sizeof(err) - 1, 0);
	err[n < 0 ? 0 : n] = '\0';
	close(fd);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	snprintf(want, sizeof(want), "test: %s: No such file or directory\n",
	    path);
	EXPECT_STR(err, want);
}

int
main(void)
{
	char cmd[300];
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	TEST(new_file);
	TEST(existing_file);
	TEST(discard);
	TEST(blocks);
	TEST(concurrent);
	TEST(cannot_open);
	rc = unit_done();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
