/*
 * diag: error reporting and checked allocation shared by every program.
 *
 * Messages have the form "prog: file:line: message" (or "prog: message"),
 * lowercase, no final period, one line (control characters are shown as
 * '?').  Callers must never pass a field's value (customer numbers aside)
 * into a message.  A message is cut at 1 KiB.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

/* Exit codes of every custanon program (SPEC section 5). */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* malformed CSV, missing column, bad date, I/O */
	EXIT_USAGE = 2,		/* usage or configuration error */
	EXIT_REFUSED = 3	/* permission refused, or held back with --strict */
};

extern const char *diag_prog;	/* program name used as message prefix */

/* diag_init: remember the basename of argv0 as the message prefix. */
void	diag_init(const char *argv0);

/* diag_warn: print "prog: message" to stderr. */
void	diag_warn(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* diag_at: print "prog: file:line: message" to stderr; line 0 omits it. */
void	diag_at(const char *file, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* diag_die: print "prog: message" and exit with status code. */
void	diag_die(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));

/* diag_die_at: diag_at, then exit with status code. */
void	diag_die_at(int code, const char *file, unsigned long line,
	    const char *fmt, ...)
	    __attribute__((format(printf, 4, 5), noreturn));

/* diag_usage: print "prog: message" and a hint to try --help; exit 2. */
void	diag_usage(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* Allocation that never returns NULL: out of memory exits 1. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
/* xreallocarray: realloc for n elements of size bytes, overflow-checked. */
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xmemdup(const void *p, size_t n);	/* NUL-terminated copy */

/* diag_name: the display name of an input path ("-" or NULL is stdin). */
const char *diag_name(const char *path);

#endif
