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

/*
 * diag_die_row: diag_die_at for a row: "prog: file:line: NOUN NO:
 * message" (NOUN "customer", or "contact"), the NOUN NO part left out
 * when cust is NULL or cn is 0 (the row names none), the line when it is
 * 0.  cust[0..cn) is the row's customer (or contact) number, the one
 * field value a message may hold.
 */
void	diag_die_row(int code, const char *file, unsigned long line,
	    const char *noun, const char *cust, size_t cn, const char *fmt,
	    ...)
	    __attribute__((format(printf, 7, 8), noreturn));

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

/*
 * Input names.  Messages name an input by the path the program was given,
 * "<stdin>" for standard input ("-" or NULL), unless the environment's
 * CUSTANON_NAMES names it otherwise: lines "PATH<TAB>NAME<TAB>LINES",
 * PATH an input as the program is given it ("-": standard input), NAME
 * what messages call it instead (the user's own file, a database table),
 * LINES "yes" when the input's line numbers are that file's, "no" when
 * they are not (a database table's export, or a stream derived from the
 * user's file: sorted, filtered, joined): its messages then give no line,
 * and name a bad row by its customer number alone.  The pipelines set it
 * so that no message names one of their private files.  A malformed
 * CUSTANON_NAMES (a line without its three fields, LINES neither yes nor
 * no, a control character, a PATH named twice) exits 2.
 */

/* diag_name: the name messages give input path. */
const char *diag_name(const char *path);

/* diag_lines: 1 when messages give line numbers of input path, else 0. */
int	diag_lines(const char *path);

#endif
