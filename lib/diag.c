/*
 * diag: error reporting and checked allocation (see diag.h).
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

const char *diag_prog = "custanon";

void
diag_init(const char *argv0)
{
	const char *slash;

#ifdef M_MMAP_THRESHOLD
	/*
	 * A fixed threshold: glibc's own rises to the size of each large
	 * block freed, so that the buffers of the next input file, the next
	 * table size and so on come from the heap, where what is freed stays
	 * resident under later small blocks (5 MB of check-open-docs' peak
	 * over five sources, when its key map took 4).
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	diag_prog = slash != NULL ? slash + 1 : argv0;
}

/*
 * vdiag: print one message line: "file:line: " when file is not NULL
 * (without the line when it is 0), "NOUN NO: " when cn is not 0, then
 * the message.  Control characters in it (a customer number or file name
 * holding a line break, say) are shown as '?', so no input can forge or
 * split a message line.
 */
static void
vdiag(const char *file, unsigned long line, const char *noun,
    const char *cust, size_t cn, const char *fmt, va_list ap)
{
	char msg[1024], *p;
	int n = 0, k;

	if (file != NULL) {
		if (line > 0)
			n = snprintf(msg, sizeof(msg), "%s:%lu: ", file, line);
		else
			n = snprintf(msg, sizeof(msg), "%s: ", file);
		if (n < 0 || (size_t)n >= sizeof(msg))
			n = 0;
	}
	if (cust != NULL && cn > 0) {
		if (cn > 200)
			cn = 200;
		k = snprintf(msg + n, sizeof(msg) - (size_t)n,
		    "%s %.*s: ", noun, (int)cn, cust);
		if (k > 0 && (size_t)k < sizeof(msg) - (size_t)n)
			n += k;
		else
			msg[n] = '\0';
	}
	k = vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	if (k < 0)
		msg[n] = '\0';
	/* A NUL inside the customer number ends it: shown as '?' too. */
	for (p = msg; p < msg + n; p++)
		if (*p == '\0')
			*p = '?';
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", diag_prog, msg);
}

void
diag_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, NULL, NULL, 0, fmt, ap);
	va_end(ap);
}

void
diag_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, NULL, NULL, 0, fmt, ap);
	va_end(ap);
}

void
diag_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, NULL, NULL, 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diag_die_at(int code, const char *file, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, NULL, NULL, 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diag_die_row(int code, const char *file, unsigned long line, const char *noun,
    const char *cust, size_t cn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, noun, cust, cn, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diag_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, NULL, NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", diag_prog);
	exit(EXIT_USAGE);
}

static void
nomem(void)
{
	diag_die(EXIT_DATA, "out of memory");
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		nomem();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		nomem();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

char *
xmemdup(const void *p, size_t n)
{
	char *s;

	s = xmalloc(n + 1);
	if (n > 0)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* The inputs CUSTANON_NAMES names (see diag.h), read once. */
static struct dname {
	char	*path;		/* the input as the program is given it */
	char	*name;		/* what messages call it */
	int	 lines;		/* its line numbers are the user's */
}		*names;
static size_t	 nnames;
static int	 names_read;

/* names_field: the next tab-separated field of p[0..n) from *at. */
static char *
names_field(const char *p, size_t n, size_t *at, size_t lno)
{
	const char *t;
	size_t from = *at;

	if (from > n)
		diag_die(EXIT_USAGE, "CUSTANON_NAMES: line %zu: not "
		    "PATH<TAB>NAME<TAB>LINES", lno);
	t = memchr(p + from, '\t', n - from);
	*at = t == NULL ? n + 1 : (size_t)(t - p) + 1;
	return xmemdup(p + from, (t == NULL ? n : (size_t)(t - p)) - from);
}

/* names_load: read CUSTANON_NAMES into names (once); exit 2 if bad. */
static void
names_load(void)
{
	const char *env, *p, *nl;
	size_t n, at, lno = 0, i;
	struct dname *d;
	char *lines;

	if (names_read)
		return;
	names_read = 1;
	if ((env = getenv("CUSTANON_NAMES")) == NULL)
		return;
	for (p = env; *p != '\0'; p = *nl == '\0' ? nl : nl + 1) {
		lno++;
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((n = (size_t)(nl - p)) == 0)
			continue;
		for (i = 0; i < n; i++)
			if (((unsigned char)p[i] < 0x20 && p[i] != '\t') ||
			    p[i] == 0x7f)
				diag_die(EXIT_USAGE, "CUSTANON_NAMES: line %zu: "
				    "a control character", lno);
		names = xreallocarray(names, nnames + 1, sizeof(*names));
		d = &names[nnames];
		at = 0;
		d->path = names_field(p, n, &at, lno);
		d->name = names_field(p, n, &at, lno);
		lines = names_field(p, n, &at, lno);
		if (at <= n || *d->path == '\0' || *d->name == '\0')
			diag_die(EXIT_USAGE, "CUSTANON_NAMES: line %zu: not "
			    "PATH<TAB>NAME<TAB>LINES", lno);
		if (strcmp(lines, "yes") == 0)
			d->lines = 1;
		else if (strcmp(lines, "no") == 0)
			d->lines = 0;
		else
			diag_die(EXIT_USAGE, "CUSTANON_NAMES: line %zu: LINES "
			    "is yes or no", lno);
		free(lines);
		for (i = 0; i < nnames; i++)
			if (strcmp(names[i].path, d->path) == 0)
				diag_die(EXIT_USAGE, "CUSTANON_NAMES: line %zu: "
				    "an input named twice", lno);
		nnames++;
	}
}

/* names_find: the entry of input path in CUSTANON_NAMES, or NULL. */
static const struct dname *
names_find(const char *path)
{
	size_t i;

	names_load();
	if (path == NULL)
		path = "-";
	for (i = 0; i < nnames; i++)
		if (strcmp(names[i].path, path) == 0)
			return &names[i];
	return NULL;
}

const char *
diag_name(const char *path)
{
	const struct dname *d;

	if ((d = names_find(path)) != NULL)
		return d->name;
	if (path == NULL || strcmp(path, "-") == 0)
		return "<stdin>";
	return path;
}

int
diag_lines(const char *path)
{
	const struct dname *d;

	return (d = names_find(path)) == NULL || d->lines;
}
