/*
 * lake: bc2adls names and dialect (see lake.h).
 *
 * The reader is a state machine over 256 KiB chunks: a field's bytes up
 * to the next byte that matters to its state are found by a table and
 * copied at once, so a long text costs a scan and a copy.  A record's
 * fields go to an arena, each NUL-terminated, and are handed out as a
 * struct csvr_row, as the RFC 4180 reader (csvio.h) hands out its rows.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "lake.h"

#define CHUNK	(256 * 1024)
#define WBUF	(256 * 1024)

static const struct lake_sysfield sysfields[] = {
	{ 0, "timestamp", "timestamp", "BigInteger" },
	{ 2000000000, "systemId", "SystemId", "Guid" },
	{ 2000000001, "SystemCreatedAt", "SystemCreatedAt", "DateTime" },
	{ 2000000002, "SystemCreatedBy", "SystemCreatedBy", "Guid" },
	{ 2000000003, "SystemModifiedAt", "SystemModifiedAt", "DateTime" },
	{ 2000000004, "SystemModifiedBy", "SystemModifiedBy", "Guid" }
};

#define NSYS	(sizeof(sysfields) / sizeof(sysfields[0]))

const struct lake_sysfield *
lake_sysfield(long no)
{
	size_t i;

	for (i = 0; i < NSYS; i++)
		if (sysfields[i].no == no)
			return &sysfields[i];
	return NULL;
}

const struct lake_sysfield *
lake_sysfield_at(size_t i)
{
	return i < NSYS ? &sysfields[i] : NULL;
}

/* is: type is word, alone or followed by '[' (a length) or by a space. */
static int
is(const char *type, const char *word)
{
	size_t n = strlen(word);

	return strncasecmp(type, word, n) == 0 &&
	    (type[n] == '\0' || type[n] == '[' || type[n] == ' ');
}

enum lake_kind
lake_kind(const char *type)
{
	static const char *const bare[] = {
		"Integer", "BigInteger", "Decimal", "Date", "Time", "Duration",
		"DateFormula", "Option", "Enum"
	};
	size_t i;

	if (*type == '\0')
		return LAKE_UNKNOWN;
	if (is(type, "Text") || is(type, "Code") || is(type, "Guid"))
		return LAKE_TEXT;
	if (is(type, "Boolean"))
		return LAKE_BOOLEAN;
	if (is(type, "DateTime"))
		return LAKE_DATETIME;
	for (i = 0; i < sizeof(bare) / sizeof(bare[0]); i++)
		if (is(type, bare[i]))
			return LAKE_BARE;
	return LAKE_UNSUPPORTED;
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

size_t
lake_reduce(char *dst, const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (alnum((unsigned char)s[i]))
			dst[k++] = s[i];
	dst[k] = '\0';
	return k;
}

int
lake_split(const char *s, size_t n, size_t *namelen, long *no)
{
	size_t dash, i;
	long v = 0;

	for (dash = n; dash > 0 && s[dash - 1] != '-'; dash--)
		;
	if (dash == 0 || dash == n || n - dash > 10 ||
	    (s[dash] == '0' && n - dash > 1))
		return 0;
	for (i = dash; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 2147483647L)
		return 0;
	for (i = 0; i + 1 < dash; i++)
		if (!alnum((unsigned char)s[i]))
			return 0;
	*namelen = dash - 1;
	*no = v;
	return 1;
}

int
lake_bare_ok(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (p[i]) {
		case ',': case '"': case '\\': case '\r': case '\n': case '\0':
			return 0;
		}
	return 1;
}

/* seconds_whole: p[0..n) is YYYY-MM-DDTHH:MM:SSZ. */
static int
seconds_whole(const char *p, size_t n)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (n != sizeof(shape) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (shape[i] == 'd' ? p[i] < '0' || p[i] > '9' : p[i] != shape[i])
			return 0;
	return 1;
}

int
lake_value(enum lake_kind k, const char *p, size_t n, struct buf *out)
{
	int v;

	buf_reset(out);
	switch (k) {
	case LAKE_TEXT:
		buf_add(out, p, n);
		return 0;
	case LAKE_BOOLEAN:
		if (n == 0)
			break;
		if (bool_parse(p, n, &v) == -1)
			return -1;
		buf_adds(out, v ? "true" : "false");
		return 0;
	case LAKE_DATETIME:
		if (seconds_whole(p, n)) {
			buf_add(out, p, n - 1);
			buf_adds(out, ".000Z");
			return 0;
		}
		break;
	default:
		break;
	}
	if (!lake_bare_ok(p, n))
		return -1;
	buf_add(out, p, n);
	return 0;
}

/* The reader. */

enum state {
	S_START,	/* at the start of a field */
	S_BARE,		/* in a bare field */
	S_QUOTED,	/* in a quoted field */
	S_ESC,		/* after a backslash in a quoted field */
	S_CLOSED,	/* after a quoted field's closing quote */
	S_CR		/* after a CR that ends a record */
};

enum { END_NONE, END_LF, END_CRLF };

struct laker {
	int		 fd;
	int		 ownfd;		/* close fd in laker_close */
	const char	*name;		/* display name */
	int		 lines;		/* messages give line numbers */
	unsigned char	*in;		/* the chunk read */
	size_t		 inlen, inpos;
	int		 started;	/* first bytes seen (BOM) */
	int		 bom;		/* the input starts with a BOM */
	int		 ending;	/* the header's line ending, END_ */
	enum state	 st;

	struct buf	 arena;		/* the record's fields, NUL after each */
	size_t		*off;		/* where each field starts in arena */
	size_t		*len;		/* each field's length */
	unsigned char	*q;		/* each field was quoted */
	size_t		 nf, fcap;
	struct csvr_field *f;		/* the fields handed out */
	size_t		 fout;		/* room in f */
	struct csvr_row	 out;

	struct csvr_row	 hdr;		/* persistent header copy */
	unsigned char	*hdrq;		/* its fields' quoting */
	size_t		 width;		/* header width; 0 before the header */

	unsigned long	 line;		/* line of the byte being read */
	unsigned long	 recline;	/* line where the record starts */
	size_t		 limit;		/* largest record, SIZE_MAX: no limit */
	size_t		 maxrecord;	/* 0: no limit (for the message) */
	int		 failed;
	char		 errmsg[160];
	unsigned long	 errline;
};

/* Bytes that end a stretch of a bare field, and of a quoted one. */
static unsigned char barestop[256], quotestop[256];

static void
tables_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	barestop[','] = barestop['\n'] = barestop['\r'] = 1;
	barestop['"'] = barestop['\\'] = barestop[0] = 1;
	quotestop['"'] = quotestop['\\'] = quotestop['\n'] = 1;
	quotestop[0] = 1;
}

static int
fail(struct laker *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (!r->failed) {
		r->failed = 1;
		r->errline = line;
		va_start(ap, fmt);
		vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

struct laker *
laker_open(const char *path)
{
	struct laker *r;
	int fd = STDIN_FILENO, own = 0;

	if (path != NULL && strcmp(path, "-") != 0) {
		if ((fd = open(path, O_RDONLY)) == -1)
			return NULL;
		own = 1;
	}
	tables_init();
	r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->ownfd = own;
	r->name = diag_name(path);
	r->lines = diag_lines(path);
	r->in = xmalloc(CHUNK);
	r->line = 1;
	r->maxrecord = csvr_maxrecord();
	r->limit = r->maxrecord == 0 ? SIZE_MAX : r->maxrecord;
	return r;
}

/*
 * refill: read the next chunk; the bytes read, 0 at the end of input, -1
 * on an error.  The first read goes on until three bytes are in (or the
 * input ends), so a byte-order mark is seen however the input arrives.
 */
static ssize_t
refill(struct laker *r)
{
	static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
	size_t have = 0;
	ssize_t got;

	for (;;) {
		do
			got = read(r->fd, r->in + have, CHUNK - have);
		while (got == -1 && errno == EINTR);
		if (got == -1)
			return fail(r, 0, "read error: %s", strerror(errno));
		have += (size_t)got;
		if (r->started || got == 0 || have >= 3 ||
		    memcmp(r->in, bom, have) != 0)
			break;
	}
	r->inpos = 0;
	r->inlen = have;
	if (!r->started && have > 0) {
		r->started = 1;
		if (have >= 3 && memcmp(r->in, bom, 3) == 0) {
			r->bom = 1;
			r->inpos = 3;
		}
	}
	return (ssize_t)(have - r->inpos);
}

static void field_close(struct laker *);

/* field_open: end the record's open field, start its next one. */
static void
field_open(struct laker *r, int quoted)
{
	if (r->nf > 0)
		field_close(r);
	if (r->nf == r->fcap) {
		r->fcap = r->fcap == 0 ? 64 : r->fcap * 2;
		r->off = xreallocarray(r->off, r->fcap, sizeof(*r->off));
		r->len = xreallocarray(r->len, r->fcap, sizeof(*r->len));
		r->q = xreallocarray(r->q, r->fcap, sizeof(*r->q));
	}
	r->off[r->nf] = r->arena.n;
	r->len[r->nf] = 0;
	r->q[r->nf] = (unsigned char)quoted;
	r->nf++;
}

/* field_close: end the open field with its NUL. */
static void
field_close(struct laker *r)
{
	r->len[r->nf - 1] = r->arena.n - r->off[r->nf - 1];
	buf_addc(&r->arena, '\0');
}

static int
add(struct laker *r, const unsigned char *p, size_t n)
{
	if (r->arena.n + n > r->limit)
		return fail(r, r->recline, "record larger than %zu bytes",
		    r->maxrecord);
	buf_add(&r->arena, p, n);
	return 0;
}

/*
 * record_end: the record ended by ending (END_NONE at the end of input).
 * Returns 1 for a record, 2 for an empty line (to be skipped), -1 on an
 * error.
 */
static int
record_end(struct laker *r, int ending)
{
	field_close(r);
	if (ending != END_NONE)
		r->line++;
	if (r->nf == 1 && r->len[0] == 0 && !r->q[0])
		return 2;
	if (ending != END_NONE) {
		if (r->ending == END_NONE)
			r->ending = ending;
		else if (ending != r->ending)
			return fail(r, r->recline, "line ending differs from "
			    "the header's");
	}
	return 1;
}

/* stretch: from p, the bytes before the first that stop[] marks, or end. */
static const unsigned char *
stretch(const unsigned char *p, const unsigned char *end,
    const unsigned char *stop)
{
	while (p < end && !stop[*p])
		p++;
	return p;
}

/*
 * step: consume bytes of the chunk: 1 a record ended, 2 an empty line
 * ended, 0 the chunk is used up, -1 an error.
 */
static int
step(struct laker *r)
{
	const unsigned char *p = r->in + r->inpos, *end = r->in + r->inlen, *s;
	int c, ending = END_NONE;

	while (p < end && ending == END_NONE) {
		switch (r->st) {
		case S_START:
			field_open(r, *p == '"');
			if (*p == '"')
				p++;
			r->st = r->q[r->nf - 1] ? S_QUOTED : S_BARE;
			break;
		case S_BARE:
			s = stretch(p, end, barestop);
			if (add(r, p, (size_t)(s - p)) == -1)
				return -1;
			if ((p = s) == end)
				break;
			c = *p++;
			if (c == ',')
				r->st = S_START;
			else if (c == '\r')
				r->st = S_CR;
			else if (c == '\n')
				ending = END_LF;
			else if (c == '"')
				return fail(r, r->recline,
				    "a quote in an unquoted field");
			else if (c == '\\')
				return fail(r, r->recline,
				    "a backslash in an unquoted field");
			else
				return fail(r, r->recline, "NUL byte in input");
			break;
		case S_QUOTED:
			s = stretch(p, end, quotestop);
			if (add(r, p, (size_t)(s - p)) == -1)
				return -1;
			if ((p = s) == end)
				break;
			c = *p++;
			if (c == '"')
				r->st = S_CLOSED;
			else if (c == '\\')
				r->st = S_ESC;
			else if (c == '\n') {
				r->line++;
				if (add(r, p - 1, 1) == -1)
					return -1;
			} else
				return fail(r, r->recline, "NUL byte in input");
			break;
		case S_ESC:
			c = *p++;
			if (c != '"' && c != '\\')
				return fail(r, r->recline, "a backslash before "
				    "neither a quote nor a backslash in a "
				    "quoted field");
			if (add(r, p - 1, 1) == -1)
				return -1;
			r->st = S_QUOTED;
			break;
		case S_CLOSED:
			c = *p++;
			if (c == ',')
				r->st = S_START;
			else if (c == '\r')
				r->st = S_CR;
			else if (c == '\n')
				ending = END_LF;
			else
				return fail(r, r->recline,
				    "text after a closing quote");
			break;
		case S_CR:
			if (*p++ != '\n')
				return fail(r, r->recline, "a carriage return "
				    "not followed by a line feed");
			ending = END_CRLF;
			break;
		}
	}
	r->inpos = (size_t)(p - r->in);
	if (ending == END_NONE)
		return 0;
	r->st = S_START;
	return record_end(r, ending);
}

/* at_eof: the input ended in state r->st: 1 a last record, 0 none, -1. */
static int
at_eof(struct laker *r)
{
	switch (r->st) {
	case S_START:
		if (r->nf == 0)
			return 0;
		field_open(r, 0);	/* after a comma: a last empty field */
		break;
	case S_QUOTED:
	case S_ESC:
		return fail(r, r->recline, "unterminated quoted field");
	case S_CR:
		return fail(r, r->recline, "a carriage return not followed "
		    "by a line feed");
	default:
		break;
	}
	r->st = S_START;
	switch (record_end(r, END_NONE)) {
	case 1:
		return 1;
	case 2:
		r->nf = 0;
		return 0;
	default:
		return -1;
	}
}

/*
 * record: read the next record into r (empty lines skipped); 1, 0 at
 * the end of input, -1 on an error.
 */
static int
record(struct laker *r)
{
	ssize_t got;
	int rc;

	if (r->failed)
		return -1;
	for (;;) {
		r->nf = 0;
		buf_reset(&r->arena);
		r->st = S_START;
		r->recline = r->line;
		do {
			if (r->inpos == r->inlen) {
				if ((got = refill(r)) == -1)
					return -1;
				if (got == 0)
					return at_eof(r);
			}
		} while ((rc = step(r)) == 0);
		if (rc != 2)
			return rc;
	}
}

/* handout: point r->out at the record's fields. */
static void
handout(struct laker *r)
{
	size_t i;

	if (r->fout < r->fcap) {
		r->f = xreallocarray(r->f, r->fcap, sizeof(*r->f));
		r->fout = r->fcap;
	}
	for (i = 0; i < r->nf; i++) {
		r->f[i].p = r->arena.p + r->off[i];
		r->f[i].n = r->len[i];
	}
	r->out.nf = r->nf;
	r->out.f = r->f;
	r->out.line = r->recline;
}

/* repeats_header: the record is the header again, byte for byte. */
static int
repeats_header(const struct laker *r)
{
	size_t i;

	if (r->nf != r->width)
		return 0;
	for (i = 0; i < r->nf; i++)
		if (r->q[i] != r->hdrq[i] || r->len[i] != r->hdr.f[i].n ||
		    memcmp(r->arena.p + r->off[i], r->hdr.f[i].p,
		    r->len[i]) != 0)
			return 0;
	return 1;
}

int
laker_header(struct laker *r, const struct csvr_row **hdr)
{
	size_t i, j;
	int rc;

	if ((rc = record(r)) == 0)
		return fail(r, 0, "empty input: no header row");
	if (rc == -1)
		return -1;
	for (i = 0; i < r->nf; i++)
		for (j = 0; j < i; j++)
			if (r->len[i] == r->len[j] &&
			    memcmp(r->arena.p + r->off[i], r->arena.p + r->off[j],
			    r->len[i]) == 0)
				return fail(r, r->recline, "duplicate column "
				    "'%.100s' in header", r->arena.p + r->off[i]);
	r->hdr.nf = r->nf;
	r->hdr.line = r->recline;
	r->hdr.f = xreallocarray(NULL, r->nf, sizeof(*r->hdr.f));
	r->hdrq = xmalloc(r->nf);
	for (i = 0; i < r->nf; i++) {
		r->hdr.f[i].p = xmemdup(r->arena.p + r->off[i], r->len[i]);
		r->hdr.f[i].n = r->len[i];
		r->hdrq[i] = r->q[i];
	}
	r->width = r->nf;
	*hdr = &r->hdr;
	return 1;
}

int
laker_next(struct laker *r, const struct csvr_row **row)
{
	int rc;

	do {
		if ((rc = record(r)) != 1)
			return rc;
		if (r->width != 0 && r->nf != r->width)
			return fail(r, r->recline, "row has %zu fields, header "
			    "has %zu", r->nf, r->width);
	} while (r->width != 0 && repeats_header(r));
	handout(r);
	*row = &r->out;
	return 1;
}

struct laker *
laker_start(const char *path, const struct csvr_row **hdr)
{
	struct laker *r;

	if ((r = laker_open(path)) == NULL)
		diag_die(EXIT_DATA, "%s: %s", diag_name(path), strerror(errno));
	if (laker_header(r, hdr) == -1)
		laker_die(r);
	return r;
}

const unsigned char *
laker_quoted(const struct laker *r)
{
	return r->q;
}

int
laker_crlf(const struct laker *r)
{
	return r->ending == END_CRLF;
}

int
laker_bom(const struct laker *r)
{
	return r->bom;
}

const char *
laker_name(const struct laker *r)
{
	return r->name;
}

unsigned long
laker_line(const struct laker *r, unsigned long line)
{
	return r->lines ? line : 0;
}

const char *
laker_errmsg(const struct laker *r)
{
	return r->errmsg;
}

unsigned long
laker_errline(const struct laker *r)
{
	return r->errline;
}

void
laker_die(const struct laker *r)
{
	diag_die_at(EXIT_DATA, r->name, laker_line(r, r->errline), "%s",
	    r->errmsg);
}

void
laker_close(struct laker *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->ownfd)
		close(r->fd);
	for (i = 0; i < r->hdr.nf; i++)
		free((char *)r->hdr.f[i].p);
	free(r->hdr.f);
	free(r->hdrq);
	free(r->in);
	buf_free(&r->arena);
	free(r->off);
	free(r->len);
	free(r->q);
	free(r->f);
	free(r);
}

/* The writer. */

struct lakew {
	int		 fd;
	int		 crlf;
	int		 bom;		/* a BOM is due before the first byte */
	size_t		 nfield;	/* fields written in the current row */
	struct buf	 b;
	int		 err;		/* errno of the first failed write */
};

struct lakew *
lakew_new(int fd, int crlf, int bom)
{
	struct lakew *w;

	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->crlf = crlf;
	w->bom = bom;
	buf_reserve(&w->b, WBUF);
	return w;
}

static void
flush(struct lakew *w)
{
	size_t off = 0;
	ssize_t n;

	while (off < w->b.n && w->err == 0) {
		n = write(w->fd, w->b.p + off, w->b.n - off);
		if (n == -1) {
			if (errno != EINTR)
				w->err = errno;
		} else
			off += (size_t)n;
	}
	buf_reset(&w->b);
}

void
lakew_field(struct lakew *w, const char *p, size_t n, int quoted)
{
	size_t i, start;

	if (w->bom) {
		buf_add(&w->b, "\xEF\xBB\xBF", 3);
		w->bom = 0;
	}
	if (w->nfield++ > 0)
		buf_addc(&w->b, ',');
	if (!quoted)
		buf_add(&w->b, p, n);
	else {
		buf_addc(&w->b, '"');
		for (start = 0, i = 0; i < n; i++)
			if (p[i] == '"' || p[i] == '\\') {
				buf_add(&w->b, p + start, i - start);
				buf_addc(&w->b, '\\');
				start = i;
			}
		buf_add(&w->b, p + start, n - start);
		buf_addc(&w->b, '"');
	}
	if (w->b.n >= WBUF)
		flush(w);
}

void
lakew_endrow(struct lakew *w)
{
	buf_add(&w->b, w->crlf ? "\r\n" : "\n", w->crlf ? 2 : 1);
	w->nfield = 0;
	if (w->b.n >= WBUF)
		flush(w);
}

int
lakew_close(struct lakew *w)
{
	int e;

	flush(w);
	e = w->err;
	if (w->fd != STDOUT_FILENO && close(w->fd) == -1 && e == 0)
		e = errno;
	buf_free(&w->b);
	free(w);
	errno = e;
	return e == 0 ? 0 : -1;
}

void
lakew_finish(struct lakew *w, const char *name)
{
	if (lakew_close(w) == -1)
		diag_die(EXIT_DATA, "%s: write error: %s",
		    name == NULL ? "<stdout>" : name, strerror(errno));
}
