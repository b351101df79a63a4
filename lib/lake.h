/*
 * lake: Business Central's data-lake export as Microsoft's bc2adls
 * extension writes it (its "ADLSE Util" codeunit): the names of its
 * folders and columns, and its CSV dialect, read (laker_) and written
 * (lakew_).
 *
 * Names.  A table's folder is NAME-ID and a column NAME-NO, NAME the
 * table's or field's name reduced to the ASCII letters and digits it
 * holds (lake_reduce: "Cust. Ledger Entry" is CustLedgerEntry-21,
 * "E-Mail" EMail-102), then the system fields (lake_sysfields) and, for
 * a table kept per company, a last column $Company.
 *
 * Values.  Comma-separated records, each ended by LF or CRLF.  Text,
 * code and GUID values are always quoted, a quote or a backslash inside
 * escaped by a backslash (\" and \\, never doubled as RFC 4180 does); a
 * line break inside is the value's own.  Every other value is bare:
 * numbers, dates (2026-11-29), date-times (2026-11-29T12:00:00.000Z),
 * booleans (true, false), option names.  Which a column is depends on
 * its field's type (lake_kind).
 */
#ifndef LAKE_H
#define LAKE_H

#include <stddef.h>

#include "buf.h"
#include "csvio.h"

/* The last column of a table Business Central keeps per company. */
#define LAKE_COMPANY		"$Company"
#define LAKE_COMPANY_TYPE	"Text[30]"

/* How the lake writes a field of a type (lake_kind). */
enum lake_kind {
	LAKE_UNSUPPORTED = -1,	/* a type bc2adls does not export: Blob,
				   Media, MediaSet, RecordId, ... */
	LAKE_UNKNOWN = 0,	/* no type given */
	LAKE_TEXT,		/* Text, Code, Guid: always quoted */
	LAKE_BOOLEAN,		/* true or false, bare */
	LAKE_DATETIME,		/* 2026-11-29T12:00:00.000Z, bare */
	LAKE_BARE		/* the other types bc2adls exports, bare */
};

/*
 * lake_kind: the kind of Business Central type type, as the field lists
 * spell it (Code[20], Text[100], Guid, Boolean, DateTime, Decimal,
 * Enum "Customer Blocked", ...); "" gives LAKE_UNKNOWN.
 */
enum lake_kind	lake_kind(const char *type);

/* A system field every exported table carries. */
struct lake_sysfield {
	long		 no;	/* field number */
	const char	*lake;	/* its reduced name as bc2adls writes it */
	const char	*name;	/* its name on the RFC 4180 side */
	const char	*type;
};

/*
 * lake_sysfield: the system field numbered no (0 timestamp, 2000000000
 * systemId, 2000000001 to 2000000004 SystemCreatedAt, SystemCreatedBy,
 * SystemModifiedAt, SystemModifiedBy), or NULL.  lake_sysfield_at(i)
 * for i from 0 gives each in the order bc2adls writes them, then NULL.
 */
const struct lake_sysfield *lake_sysfield(long no);
const struct lake_sysfield *lake_sysfield_at(size_t i);

/*
 * lake_reduce: write to dst the ASCII letters and digits of s[0..n), in
 * order, and a NUL; dst has room for n + 1 bytes.  Returns the length.
 */
size_t		 lake_reduce(char *dst, const char *s, size_t n);

/*
 * lake_split: s[0..n) as NAME-NO, NAME of ASCII letters and digits only
 * (it may be empty), NO a whole number below 2^31 in decimal without
 * sign or leading zero.  Returns 1 and sets *namelen (the length of
 * NAME) and *no, or 0 when s has another form.
 */
int		 lake_split(const char *s, size_t n, size_t *namelen, long *no);

/*
 * lake_value: the text a value p[0..n) of a field of kind k is written
 * as, into out (reset first, unescaped): a boolean as true or false
 * (from any spelling bool_parse reads; empty stays empty), a date-time
 * whose seconds have no fraction (2026-11-29T12:00:00Z) with .000; every
 * other value as it is.  Returns 0, or -1 when the value cannot be
 * written as its kind: a boolean that is no boolean, a bare value that
 * holds a comma, quote, backslash, CR, LF or NUL (lake_bare_ok).
 */
int		 lake_value(enum lake_kind k, const char *p, size_t n,
		    struct buf *out);

/* lake_bare_ok: p[0..n) can be written unquoted. */
int		 lake_bare_ok(const char *p, size_t n);

struct laker;

/*
 * laker_open: open path ("-" or NULL for standard input) for reading,
 * named in messages as diag_name(path) says, with its lines when
 * diag_lines(path).  NULL with errno set when it cannot be opened.
 *
 * The reader is strict: an unterminated quote, a backslash in a quoted
 * value before anything but a quote or a backslash, a quote or a
 * backslash in a bare value, text after a closing quote, a CR not
 * followed by LF outside quotes, a NUL byte, a row of another width than
 * the header's, a line ending other than the header's, a duplicate
 * column or a record larger than csvr_maxrecord() are data errors.
 * Empty lines are skipped, and so is a line that repeats the header
 * exactly (bc2adls starts each block it appends to a file with the
 * header).  A UTF-8 byte-order mark is recognised.
 */
struct laker	*laker_open(const char *path);

/*
 * laker_start: laker_open, then laker_header into *hdr; a file that
 * cannot be opened or a missing or bad header exits 1 with the message.
 */
struct laker	*laker_start(const char *path, const struct csvr_row **hdr);

/* laker_header: read the header row; 1 and *hdr, or -1 on error. */
int		 laker_header(struct laker *r, const struct csvr_row **hdr);

/*
 * laker_next: the next row: 1 and *row (valid until the next call), 0
 * at the end of input, -1 on error (laker_die reports it).
 */
int		 laker_next(struct laker *r, const struct csvr_row **row);

/* laker_quoted: for each field of the last row read, 1 if it was quoted. */
const unsigned char *laker_quoted(const struct laker *r);

int		 laker_crlf(const struct laker *r);	/* header ends in CRLF */
int		 laker_bom(const struct laker *r);	/* input had a BOM */
const char	*laker_name(const struct laker *r);	/* display name */

/* laker_line: line as r's messages give it (0, none, when not the user's). */
unsigned long	 laker_line(const struct laker *r, unsigned long line);

const char	*laker_errmsg(const struct laker *r);	/* the last error */
unsigned long	 laker_errline(const struct laker *r);	/* its line */

/* laker_die: "prog: file:line: message" for the reader's error, exit 1. */
void		 laker_die(const struct laker *r) __attribute__((noreturn));

void		 laker_close(struct laker *r);

struct lakew;

/* lakew_new: a writer on fd; crlf ends rows with CRLF, bom writes one. */
struct lakew	*lakew_new(int fd, int crlf, int bom);

/*
 * lakew_field: the next field of the row: quoted (its quotes and
 * backslashes escaped) when quoted, else as it is (see lake_bare_ok).
 */
void		 lakew_field(struct lakew *w, const char *p, size_t n,
		    int quoted);
void		 lakew_endrow(struct lakew *w);

/* lakew_close: flush, close fd (not standard output), free; -1 on error. */
int		 lakew_close(struct lakew *w);

/* lakew_finish: lakew_close, and on failure "prog: NAME: write error", exit 1. */
void		 lakew_finish(struct lakew *w, const char *name);

#endif
