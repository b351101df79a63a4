/*
 * csvio: the CSV reader (csvr_) and writer (csvw_) every program uses.
 *
 * The reader wraps libcsv in strict mode: spaces around unquoted fields
 * are kept, every row must have the header's width, NUL bytes and
 * unterminated quotes are errors, empty lines are skipped, a UTF-8
 * byte-order mark is recognised, and the header's line ending is
 * reported so the writer can follow it.  Each row carries the line where
 * its record starts, for messages.
 *
 * The writer quotes minimally (a field is quoted only when it holds the
 * delimiter, a quote, CR or LF; a row of one empty field is written as
 * "" so it is not read back as an empty line) and buffers its output.
 */
#ifndef CSVIO_H
#define CSVIO_H

#include <stddef.h>

#define CSVR_MAXRECORD_DEFAULT	(64UL * 1024 * 1024)

struct csvr_field {
	const char	*p;	/* field bytes, NUL-terminated copy */
	size_t		 n;	/* length in bytes, excluding the NUL */
};

struct csvr_row {
	size_t		   nf;		/* number of fields */
	struct csvr_field *f;		/* the fields */
	unsigned long	   line;	/* line where the record starts */
};

struct csvr;

/*
 * csvr_open: open path ("-" or NULL for standard input) for reading with
 * delimiter delim.  Returns NULL with errno set when the file cannot be
 * opened.  Its messages name it as diag_name(path) does, with line
 * numbers when diag_lines(path) (see diag.h: CUSTANON_NAMES).
 */
struct csvr	*csvr_open(const char *path, int delim);

/* csvr_fdopen: like csvr_open on an open descriptor; name is for messages. */
struct csvr	*csvr_fdopen(int fd, const char *name, int delim);

/*
 * csvr_maxrecord: the largest record a reader accepts by default: the
 * environment's CUSTANON_MAX_RECORD (bytes, 0 for no limit; a bad value
 * exits 2), else CSVR_MAXRECORD_DEFAULT (64 MiB).  A larger record is a
 * data error ("record larger than N bytes"), not unbounded memory.
 */
size_t		 csvr_maxrecord(void);

/* csvr_set_maxrecord: refuse records larger than max bytes (0: no limit). */
void		 csvr_set_maxrecord(struct csvr *r, size_t max);

/*
 * csvr_header: read the header row.  Returns 1 and sets *hdr (valid until
 * csvr_close), or -1 on error.  An input without any record is an error
 * ("empty input: no header row"): an export always has its header, so an
 * empty file means something upstream failed.  Column names must be
 * unique.
 */
int		 csvr_header(struct csvr *r, const struct csvr_row **hdr);

/*
 * csvr_next: read the next record.  Returns 1 and sets *row (valid until
 * the next call), 0 at the end of input, -1 on error (see csvr_errmsg).
 * Without a header read first, rows of any width are accepted.
 */
int		 csvr_next(struct csvr *r, const struct csvr_row **row);

const char	*csvr_name(const struct csvr *r);	/* display name */
const char	*csvr_errmsg(const struct csvr *r);	/* last error */
unsigned long	 csvr_errline(const struct csvr *r);	/* its line */
int		 csvr_bom(const struct csvr *r);	/* input had a BOM */
int		 csvr_crlf(const struct csvr *r);	/* header ends in CRLF */
int		 csvr_delim(const struct csvr *r);

/*
 * csvr_die: report the reader's error as "prog: file:line: msg", exit 1.
 * A malformed record is named by its line alone, never by a field: its
 * fields may be misaligned, so the one in the customer column may hold
 * another value.
 */
void		 csvr_die(const struct csvr *r) __attribute__((noreturn));

/*
 * Messages about a row.  csvr_line: line as r's messages give it, 0 (no
 * line) when r's line numbers are not the user's (diag_lines).
 * csvr_set_customer: column idx of r's rows holds their customer number;
 * csvr_set_key: their key, a number of what noun (a static string) names
 * ("contact"), the message's "NOUN NO: " instead; csvr_clear_key: no
 * column names them (the default).
 * csvr_die_row: "prog: file:line: customer NO: msg" for row of r (the
 * line as csvr_line gives it; the customer part when a customer column
 * is set and row's is not empty), exit code.
 */
unsigned long	 csvr_line(const struct csvr *r, unsigned long line);
void		 csvr_set_customer(struct csvr *r, size_t idx);
void		 csvr_set_key(struct csvr *r, size_t idx, const char *noun);
void		 csvr_clear_key(struct csvr *r);
void		 csvr_die_row(const struct csvr *r, const struct csvr_row *row,
		    int code, const char *fmt, ...)
		    __attribute__((format(printf, 4, 5), noreturn));

/*
 * csvr_start: the opening every program shares: csvr_open path ("-" or
 * NULL for standard input) with delimiter delim, then csvr_header into
 * *hdr (valid until csvr_close).  Never returns NULL: a file that cannot
 * be opened is "prog: path: reason", a missing or bad header the
 * reader's "prog: file:line: msg" (csvr_die); both exit 1.  Resolve the
 * columns with hdr_need (hdr.h) next, before the first csvr_next.
 */
struct csvr	*csvr_start(const char *path, int delim,
		    const struct csvr_row **hdr);

/* csvr_close: free the reader and close its file (not standard input). */
void		 csvr_close(struct csvr *r);

struct csvw;

/*
 * csvw_new: a writer on descriptor fd.  crlf selects CRLF line endings,
 * bom writes a UTF-8 byte-order mark first, quote_all quotes every field.
 */
struct csvw	*csvw_new(int fd, int delim, int crlf, int bom, int quote_all);

/*
 * csvw_mem: a writer that appends to out instead of a descriptor; each
 * csvw_flush moves what was written into out (a struct buf, see buf.h).
 */
struct buf;
struct csvw	*csvw_mem(struct buf *out, int delim, int crlf, int quote_all);

/* csvw_like: a writer on fd with the delimiter, line ending and BOM of r. */
struct csvw	*csvw_like(int fd, const struct csvr *r, int quote_all);

void		 csvw_field(struct csvw *w, const char *p, size_t n);
void		 csvw_str(struct csvw *w, const char *s);
void		 csvw_endrow(struct csvw *w);
void		 csvw_row(struct csvw *w, const struct csvr_row *row);

/* csvw_flush: write out the buffer; -1 with errno on a write error. */
int		 csvw_flush(struct csvw *w);

/*
 * csvw_close: flush and free; returns -1 with errno set when any write
 * failed.  The descriptor is closed unless it is standard output, which
 * is checked (fsync is not attempted).
 */
int		 csvw_close(struct csvw *w);

/* csvw_finish: csvw_close, and on failure "prog: write error" exit 1. */
void		 csvw_finish(struct csvw *w, const char *name);

#endif
