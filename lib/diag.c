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
 * vdiag: print one message line.  Control characters in it (a customer
 * number or file name holding a line break, say) are shown as '?', so
 * no input can forge or split a message line.
 */
static void
vdiag(const char *file, unsigned long line, const char *fmt, va_list ap)
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
	k = vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	if (k < 0)
		msg[n] = '\0';
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
	vdiag(NULL, 0, fmt, ap);
	va_end(ap);
}

void
diag_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, fmt, ap);
	va_end(ap);
}

void
diag_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diag_die_at(int code, const char *file, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diag_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, fmt, ap);
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

const char *
diag_name(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "<stdin>";
	return path;
}
