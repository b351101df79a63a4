/*
 * csvio: CSV reader over libcsv and a minimal-quoting writer (see csvio.h).
 *
 * The reader is pull-style on top of libcsv's push parser: each refill
 * parses one chunk, queueing the records it completes in an arena, and
 * csvr_next hands them out one at a time.  A record still in progress at
 * the end of a chunk is moved to the front of the arena before the next
 * refill, so memory stays bounded by the chunk size and the largest
 * record.  The fields handed out point into the arena directly.
 *
 * Most fields are a few bytes long, so the per-field work decides the
 * pace against libcsv itself (tools/csvfloor): the reader copies a field
 * and looks for line feeds in it, and the writer looks for bytes that
 * force quoting and copies it, a machine word at a time, with no call
 * and no bounds check per byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "keymap.h"

#define CHUNK	(256 * 1024)
#define WBUF	(256 * 1024)

struct rowrec {
	size_t		first;	/* index of its first field in spans */
	size_t		nf;	/* number of fields */
	unsigned long	line;	/* line where the record starts */
};

struct csvr {
	struct csv_parser p;
	const char	*name;		/* display name for messages */
	int		 lines;		/* messages give line numbers */
	long		 cust;		/* key column of messages, or -1 */
	const char	*custnoun;	/* what it numbers: "customer" */
	int		 fd;
	int		 ownfd;		/* close fd in csvr_close */
	unsigned char	 delim;
	unsigned char	*in;		/* raw input chunk */

	char		*arena;		/* field bytes, each NUL-terminated */
	size_t		 alen, acap;
	size_t		 recstart;	/* where the current record starts */
	struct csvr_field *spans;	/* fields of queued + current record,
					   pointing into the arena */
	size_t		 nspans, spancap;
	size_t		 cur;		/* first span of the current record */
	struct rowrec	*rows;		/* completed records of this chunk */
	size_t		 nrows, rowcap, rnext;
	struct csvr_row	 out;		/* the row handed out */

	struct csvr_row	 hdr;		/* persistent header copy */
	size_t		 width;		/* header width; 0 before the header */

	unsigned long	 line;		/* line where the current record starts */
	unsigned long	 embedded;	/* line breaks inside its fields */
	int		 lastterm;	/* terminator that ended the last record */
	size_t		 maxrecord;	/* 0: unlimited */
	size_t		 limit;		/* maxrecord, SIZE_MAX for unlimited */

	int		 started;	/* first bytes seen (BOM) */
	int		 bom;		/* the input starts with a BOM */
	int		 crlf;		/* the header ends in CRLF */
	int		 crpending;	/* it ends in CR; is an LF next? */
	int		 sawrow;	/* a record has been completed */
	int		 eof;		/* input exhausted and parser finished */
	int		 stop;		/* an error was found while parsing */
	int		 failed;	/* the error has been returned */
	char		 errmsg[160];
	unsigned long	 errline;
};

/*
 * Eight bytes at a time.  load8/store8 and load4/store4 move a word from
 * or to any address.  has_byte(v, c): nonzero when some byte of the word
 * v equals c (the "has a zero byte" test on v ^ c...c: exact as a
 * whole, though not as to which byte); has_byte_rep(v, cs) the same with
 * cs = c...c.
 */
#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

static inline uint64_t
load8(const void *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static inline void
store8(void *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static inline uint32_t
load4(const void *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static inline void
store4(void *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static inline uint64_t
has_byte_rep(uint64_t v, uint64_t cs)
{
	v ^= cs;
	return (v - ONES) & ~v & HIGHS;
}

static inline uint64_t
has_byte(uint64_t v, unsigned char c)
{
	return has_byte_rep(v, ONES * c);
}

/*
 * Fields up to this long are checked and copied a word at a time; longer
 * ones are checked by memchr and copied by memcpy.
 */
#define SHORT	64

/* For the rare cases: keep them out of the common one's registers. */
#define NOINLINE	__attribute__((noinline))

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

static void
seterr(struct csvr *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (r->stop)
		return;
	r->stop = 1;
	r->errline = line;
	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
}

size_t
csvr_maxrecord(void)
{
	const char *s = getenv("CUSTANON_MAX_RECORD");
	unsigned long long v;
	char *end;

	if (s == NULL || *s == '\0')
		return CSVR_MAXRECORD_DEFAULT;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || *s == '-' || v > SIZE_MAX)
		diag_die(EXIT_USAGE, "CUSTANON_MAX_RECORD takes a number of "
		    "bytes (0: no limit)");
	return (size_t)v;
}

struct csvr *
csvr_fdopen(int fd, const char *name, int delim)
{
	struct csvr *r;

	r = xcalloc(1, sizeof(*r));
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		diag_die(EXIT_DATA, "out of memory");
	csv_set_space_func(&r->p, nospace);
	csv_set_delim(&r->p, (unsigned char)delim);
	csv_set_blk_size(&r->p, CHUNK);
	r->delim = (unsigned char)delim;
	r->fd = fd;
	r->name = name;
	r->lines = 1;
	r->cust = -1;
	r->custnoun = "customer";
	r->in = xmalloc(CHUNK);
	r->line = 1;
	r->lastterm = '\n';
	csvr_set_maxrecord(r, csvr_maxrecord());
	return r;
}

struct csvr *
csvr_open(const char *path, int delim)
{
	struct csvr *r;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		r = csvr_fdopen(STDIN_FILENO, diag_name(path), delim);
	else {
		if ((fd = open(path, O_RDONLY)) == -1)
			return NULL;
		r = csvr_fdopen(fd, diag_name(path), delim);
		r->ownfd = 1;
	}
	r->lines = diag_lines(path);
	return r;
}

void
csvr_set_maxrecord(struct csvr *r, size_t max)
{
	r->maxrecord = max;
	r->limit = max == 0 ? SIZE_MAX : max;
}

/*
 * copy_short: d[0..n) = s[0..n) for n <= SHORT, d and s apart; returns
 * nonzero when s holds a line feed.
 */
static inline uint64_t
copy_short(char *d, const char *s, size_t n)
{
	uint64_t v, lf = 0;
	uint32_t lo, hi;
	size_t i;

	if (n >= 8) {
		/* Whole words, the last one overlapping the one before. */
		for (i = 0;; i += 8) {
			if (i + 8 > n)
				i = n - 8;
			v = load8(s + i);
			lf |= has_byte(v, '\n');
			store8(d + i, v);
			if (i + 8 == n)
				break;
		}
	} else if (n >= 4) {
		lo = load4(s);
		hi = load4(s + n - 4);
		lf = has_byte(lo | (uint64_t)hi << 32, '\n');
		store4(d, lo);
		store4(d + n - 4, hi);
	} else if (n > 0) {
		/* s[0], s[n / 2] and s[n - 1] are every byte of s. */
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
		lf = (s[0] == '\n') | (s[n / 2] == '\n') | (s[n - 1] == '\n');
	}
	return lf;
}

/* count_lf: the line feeds in s[0..n). */
static NOINLINE unsigned long
count_lf(const char *s, size_t n)
{
	const char *end = s + n;
	unsigned long k = 0;

	for (; (s = memchr(s, '\n', end - s)) != NULL; s++)
		k++;
	return k;
}

/*
 * append: the next field of the arena, len bytes and a NUL, for which it
 * has room, and its span.
 */
static inline char *
append(struct csvr *r, size_t len)
{
	struct csvr_field *sp = &r->spans[r->nspans++];
	char *d = r->arena + r->alen;

	sp->p = d;
	sp->n = len;
	r->alen += len + 1;
	d[len] = '\0';
	return d;
}

/*
 * add_field: on_field's general case: a long field, a record too large,
 * or no room in the arena or spans (the fields' pointers follow the
 * arena).
 */
static NOINLINE void
add_field(struct csvr *r, const char *s, size_t len)
{
	size_t i;
	char *a;

	if (r->alen - r->recstart + len > r->limit) {
		seterr(r, r->line, "record larger than %zu bytes", r->maxrecord);
		return;
	}
	if (r->alen + len + 1 > r->acap) {
		while (r->alen + len + 1 > r->acap)
			r->acap = r->acap == 0 ? CHUNK : r->acap * 2;
		a = xmalloc(r->acap);
		if (r->alen > 0)
			memcpy(a, r->arena, r->alen);
		for (i = 0; i < r->nspans; i++)
			r->spans[i].p = a + (r->spans[i].p - r->arena);
		free(r->arena);
		r->arena = a;
	}
	if (r->nspans == r->spancap) {
		r->spancap = r->spancap == 0 ? 1024 : r->spancap * 2;
		r->spans = xreallocarray(r->spans, r->spancap,
		    sizeof(*r->spans));
	}
	if (len > 0)
		memcpy(append(r, len), s, len);
	else
		append(r, 0);
	r->embedded += count_lf(s, len);
}

/* Field callback: copy the field into the arena, count its line breaks. */
static void
on_field(void *s, size_t len, void *arg)
{
	struct csvr *r = arg;

	if (r->stop)
		return;
	r->crpending = 0;
	if (len > SHORT || r->alen - r->recstart + len > r->limit ||
	    r->alen + len + 1 > r->acap || r->nspans == r->spancap)
		add_field(r, s, len);
	else if (copy_short(append(r, len), s, len))
		r->embedded += count_lf(s, len);
}

/* Row callback: queue the completed record, keep the line count. */
static void
on_row(int c, void *arg)
{
	struct csvr *r = arg;
	struct rowrec *rr;
	size_t nf;

	if (r->stop)
		return;
	nf = r->nspans - r->cur;
	if (r->crpending) {
		r->crpending = 0;
		r->crlf = nf == 0 && c == '\n';
	}
	if (nf == 0) {
		/* An empty line, or the LF of a CRLF pair. */
		if (c != -1 && !(c == '\n' && r->lastterm == '\r'))
			r->line++;
		r->lastterm = c;
		return;
	}
	if (r->width != 0 && nf != r->width) {
		seterr(r, r->line, "row has %zu fields, header has %zu", nf,
		    r->width);
		return;
	}
	if (r->nrows == r->rowcap) {
		r->rowcap = r->rowcap == 0 ? 256 : r->rowcap * 2;
		r->rows = xreallocarray(r->rows, r->rowcap, sizeof(*rr));
	}
	rr = &r->rows[r->nrows++];
	rr->first = r->cur;
	rr->nf = nf;
	rr->line = r->line;
	if (!r->sawrow) {
		/* The header ends in CR: CRLF if an LF comes next. */
		r->crpending = c == '\r';
		r->sawrow = 1;
	}
	r->cur = r->nspans;
	r->recstart = r->alen;
	r->line += r->embedded + (c == '\r' || c == '\n');
	r->embedded = 0;
	r->lastterm = c;
}

/* Move the record in progress to the front; forget delivered records. */
static void
compact(struct csvr *r)
{
	size_t i, base, n;

	n = r->nspans - r->cur;
	if (n > 0) {
		base = r->recstart;
		memmove(r->arena, r->arena + base, r->alen - base);
		r->alen -= base;
		for (i = 0; i < n; i++) {
			r->spans[i].p = r->spans[r->cur + i].p - base;
			r->spans[i].n = r->spans[r->cur + i].n;
		}
	} else
		r->alen = 0;
	r->recstart = 0;
	r->nspans = n;
	r->cur = 0;
	r->nrows = 0;
	r->rnext = 0;
}

/*
 * readsome: read into r->in[have..CHUNK); the number of bytes read, 0 at
 * the end of input, -1 on a read error (reported in r).
 */
static ssize_t
readsome(struct csvr *r, size_t have)
{
	ssize_t got;

	do
		got = read(r->fd, r->in + have, CHUNK - have);
	while (got == -1 && errno == EINTR);
	if (got == -1)
		seterr(r, 0, "read error: %s", strerror(errno));
	return got;
}

static void
parse(struct csvr *r, const unsigned char *b, size_t n)
{
	size_t done;

	/*
	 * libcsv grows its field buffer by the block size: grow it by the
	 * buffer's own size, so a huge field costs log(n) reallocations.
	 */
	if (csv_get_buffer_size(&r->p) > CHUNK)
		csv_set_blk_size(&r->p, csv_get_buffer_size(&r->p));
	done = csv_parse(&r->p, b, n, on_field, on_row, r);
	if (done < n && !r->stop) {
		if (csv_error(&r->p) == CSV_EPARSE)
			seterr(r, r->line, "malformed field: stray quote or "
			    "text after a closing quote");
		else
			seterr(r, r->line, "%s", csv_strerror(csv_error(&r->p)));
	}
}

/*
 * Read and parse one chunk, or finish the parser at end of input.  The
 * first read goes on until three bytes are in (or the input ends), so a
 * byte-order mark is seen however the input arrives.
 */
static void
refill(struct csvr *r)
{
	static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
	ssize_t got;
	size_t have = 0, skip = 0;
	unsigned char *nul;

	compact(r);
	for (;;) {
		if ((got = readsome(r, have)) == -1)
			return;
		have += (size_t)got;
		if (r->started || got == 0 || have >= 3 ||
		    memcmp(r->in, bom, have) != 0)
			break;
	}
	if (have == 0) {
		if (csv_fini(&r->p, on_field, on_row, r) != 0 && !r->stop)
			seterr(r, r->line, "unterminated quoted field");
		r->eof = 1;
		return;
	}
	if (!r->started) {
		r->started = 1;
		if (have >= 3 && memcmp(r->in, bom, 3) == 0) {
			r->bom = 1;
			skip = 3;
		}
	}
	nul = memchr(r->in + skip, '\0', have - skip);
	if (nul != NULL) {
		parse(r, r->in + skip, (size_t)(nul - r->in) - skip);
		seterr(r, r->line, "NUL byte in input");
		return;
	}
	parse(r, r->in + skip, have - skip);
}

int
csvr_next(struct csvr *r, const struct csvr_row **row)
{
	struct rowrec *rr;

	while (r->rnext == r->nrows) {
		if (r->stop) {
			r->failed = 1;
			return -1;
		}
		if (r->eof)
			return 0;
		refill(r);
	}
	rr = &r->rows[r->rnext++];
	r->out.nf = rr->nf;
	r->out.f = &r->spans[rr->first];
	r->out.line = rr->line;
	*row = &r->out;
	return 1;
}

int
csvr_header(struct csvr *r, const struct csvr_row **hdr)
{
	const struct csvr_row *row;
	struct keymap *names;
	uint32_t *slot;
	size_t i;
	int rc;

	if ((rc = csvr_next(r, &row)) == 0) {
		r->stop = 1;
		r->failed = 1;
		r->errline = 0;
		snprintf(r->errmsg, sizeof(r->errmsg),
		    "empty input: no header row");
		return -1;
	}
	if (rc == -1)
		return -1;
	r->hdr.nf = row->nf;
	r->hdr.line = row->line;
	r->hdr.f = xreallocarray(NULL, row->nf, sizeof(*r->hdr.f));
	for (i = 0; i < row->nf; i++) {
		r->hdr.f[i].p = xmemdup(row->f[i].p, row->f[i].n);
		r->hdr.f[i].n = row->f[i].n;
	}
	names = keymap_new();
	for (i = 0; i < r->hdr.nf; i++) {
		slot = keymap_put(names, r->hdr.f[i].p, r->hdr.f[i].n);
		if (*slot != 0) {
			keymap_free(names);
	/* The header's CR was the last byte read: look at the next byte. */
	while (r->crpending && r->rnext == r->nrows && !r->eof && !r->stop)
		refill(r);
			r->stop = 1;
			r->failed = 1;
			r->errline = row->line;
			snprintf(r->errmsg, sizeof(r->errmsg),
			    "duplicate column '%.100s' in header",
			    r->hdr.f[i].p);
			return -1;
		}
		*slot = 1;
	}
	keymap_free(names);
	/* The header's CR was the last byte read: look at the next byte. */
	while (r->crpending && r->rnext == r->nrows && !r->eof && !r->stop)
		refill(r);
	r->width = row->nf;
	/* Rows already queued from this chunk must be checked too. */
	for (i = r->rnext; i < r->nrows; i++)
		if (r->rows[i].nf != r->width) {
			r->nrows = i;
			r->stop = 0;
			seterr(r, r->rows[i].line,
			    "row has %zu fields, header has %zu",
			    r->rows[i].nf, r->width);
			break;
		}
	*hdr = &r->hdr;
	return 1;
}

const char *
csvr_name(const struct csvr *r)
{
	return r->name;
}

const char *
csvr_errmsg(const struct csvr *r)
{
	return r->errmsg;
}

unsigned long
csvr_errline(const struct csvr *r)
{
	return r->errline;
}

int
csvr_bom(const struct csvr *r)
{
	return r->bom;
}

int
csvr_crlf(const struct csvr *r)
{
	return r->crlf;
}

int
csvr_delim(const struct csvr *r)
{
	return r->delim;
}

void
csvr_die(const struct csvr *r)
{
	diag_die_at(EXIT_DATA, r->name, csvr_line(r, r->errline), "%s",
	    r->errmsg);
}

unsigned long
csvr_line(const struct csvr *r, unsigned long line)
{
	return r->lines ? line : 0;
}

void
csvr_set_customer(struct csvr *r, size_t idx)
{
	csvr_set_key(r, idx, "customer");
}

void
csvr_set_key(struct csvr *r, size_t idx, const char *noun)
{
	r->cust = (long)idx;
	r->custnoun = noun;
}

void
csvr_clear_key(struct csvr *r)
{
	r->cust = -1;
}

void
csvr_die_row(const struct csvr *r, const struct csvr_row *row, int code,
    const char *fmt, ...)
{
	const struct csvr_field *c = NULL;
	char msg[1024];
	va_list ap;

	if (r->cust >= 0 && (size_t)r->cust < row->nf)
		c = &row->f[r->cust];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_die_row(code, r->name, csvr_line(r, row->line), r->custnoun,
	    c != NULL ? c->p : NULL, c != NULL ? c->n : 0, "%s", msg);
}

struct csvr *
csvr_start(const char *path, int delim, const struct csvr_row **hdr)
{
	struct csvr *r;

	if ((r = csvr_open(path, delim)) == NULL)
		diag_die(EXIT_DATA, "%s: %s", diag_name(path), strerror(errno));
	if (csvr_header(r, hdr) == -1)
		csvr_die(r);
	return r;
}

void
csvr_close(struct csvr *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->ownfd)
		close(r->fd);
	csv_free(&r->p);
	for (i = 0; i < r->hdr.nf; i++)
		free((char *)r->hdr.f[i].p);
	free(r->hdr.f);
	free(r->in);
	free(r->arena);
	free(r->spans);
	free(r->rows);
	free(r);
}

struct csvw {
	int		 fd;
	unsigned char	 delim;
	int		 crlf, bom, quote_all;
	unsigned char	 special[256];	/* bytes that force quoting */
	char		*buf;
	size_t		 len;
	size_t		 nfield;	/* fields written in the current row */
	int		 lastempty;	/* the last field written was empty */
	int		 started;	/* anything written (BOM is due first) */
	int		 anyfield;	/* a field has been written */
	int		 fast;		/* field_fast may write the next field:
					   anyfield, and not quote_all */
	uint64_t	 delims;	/* the delimiter in every byte */
	int		 err;		/* errno of the first failed write */
	struct buf	*mem;		/* csvw_mem: the output, else NULL */
};

struct csvw *
csvw_new(int fd, int delim, int crlf, int bom, int quote_all)
{
	struct csvw *w;

	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->delim = (unsigned char)delim;
	w->crlf = crlf;
	w->bom = bom;
	w->quote_all = quote_all;
	w->special[(unsigned char)delim] = 1;
	w->special['"'] = 1;
	w->special['\r'] = 1;
	w->special['\n'] = 1;
	w->delims = ONES * (unsigned char)delim;
	w->buf = xmalloc(WBUF);
	return w;
}

struct csvw *
csvw_mem(struct buf *out, int delim, int crlf, int quote_all)
{
	struct csvw *w;

	w = csvw_new(-1, delim, crlf, 0, quote_all);
	w->mem = out;
	return w;
}

struct csvw *
csvw_like(int fd, const struct csvr *r, int quote_all)
{
	return csvw_new(fd, r->delim, r->crlf, r->bom, quote_all);
}

int
csvw_flush(struct csvw *w)
{
	size_t off = 0;
	ssize_t n;

	if (w->mem != NULL) {
		buf_add(w->mem, w->buf, w->len);
		w->len = 0;
		return 0;
	}
	while (off < w->len && w->err == 0) {
		n = write(w->fd, w->buf + off, w->len - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			w->err = errno;
		} else
			off += (size_t)n;
	}
	w->len = 0;
	if (w->err != 0) {
		errno = w->err;
		return -1;
	}
	return 0;
}

static void
put(struct csvw *w, const char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		if (w->len == WBUF)
			csvw_flush(w);
		k = WBUF - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
	}
}

/*
 * maybe_special: the word v may hold a byte that forces quoting: the
 * delimiter (every byte of delims), a quote, or a byte below 0x0E (CR
 * and LF, and a few other control bytes, which send the field to the
 * exact test of field_slow).
 */
static inline uint64_t
maybe_special(uint64_t v, uint64_t delims)
{
	return has_byte_rep(v, delims) | has_byte(v, '"') |
	    ((v - ONES * 0x0E) & ~v & HIGHS);
}

/*
 * put_plain: write s[0..n) unquoted to d, which has room for n bytes,
 * unless it is longer than SHORT or may hold a byte that forces quoting
 * (special: the writer's table of those bytes, delims its delimiter in
 * every byte).  Returns 1 when it did, 0 (d[0..n) clobbered) when not.
 */
static inline __attribute__((always_inline)) int
put_plain(unsigned char *d, const unsigned char *s, size_t n,
    const unsigned char *special, uint64_t delims)
{
	uint64_t v;
	uint32_t lo, hi;
	size_t i;

	if (n > SHORT)
		return 0;
	if (n >= 8) {
		/* Whole words, the last one overlapping the one before. */
		for (i = 0;; i += 8) {
			if (i + 8 > n)
				i = n - 8;
			v = load8(s + i);
			if (maybe_special(v, delims))
				return 0;
			store8(d + i, v);
			if (i + 8 == n)
				break;
		}
	} else if (n >= 4) {
		lo = load4(s);
		hi = load4(s + n - 4);
		if (maybe_special(lo | (uint64_t)hi << 32, delims))
			return 0;
		store4(d, lo);
		store4(d + n - 4, hi);
	} else if (n > 0) {
		/* s[0], s[n / 2] and s[n - 1] are every byte of s. */
		if (special[s[0]] | special[s[n / 2]] | special[s[n - 1]])
			return 0;
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	}
	return 1;
}

/*
 * field_fast: csvw_field's common case, a field that needs no quoting
 * after the first field, with room in the buffer for it and a delimiter,
 * quote_all off.  Returns 1 when it wrote s[0..n), 0 (nothing written)
 * when field_slow must.
 */
static inline __attribute__((always_inline)) int
field_fast(struct csvw *w, const unsigned char *s, size_t n)
{
	size_t len0 = w->len;

	if (!w->fast || WBUF - w->len <= n)
		return 0;
	if (w->nfield > 0)
		w->buf[w->len++] = (char)w->delim;
	if (!put_plain((unsigned char *)w->buf + w->len, s, n, w->special,
	    w->delims)) {
		w->len = len0;
		return 0;
	}
	w->len += n;
	w->nfield++;
	w->lastempty = n == 0;
	return 1;
}

static void
putc1(struct csvw *w, char c)
{
	if (w->len == WBUF)
		csvw_flush(w);
	w->buf[w->len++] = c;
}

/* special: s[0..n) holds a byte that forces quoting. */
static int
special(const struct csvw *w, const unsigned char *s, size_t n)
{
	size_t i;

	if (n > SHORT)
		return memchr(s, '"', n) != NULL || memchr(s, '\n', n) != NULL ||
		    memchr(s, '\r', n) != NULL || memchr(s, w->delim, n) != NULL;
	for (i = 0; i < n; i++)
		if (w->special[s[i]])
			return 1;
	return 0;
}

/* field_slow: write any field. */
static void
field_slow(struct csvw *w, const unsigned char *s, size_t n)
{
	const char *p = (const char *)s;
	size_t i, start;
	int quote = w->quote_all;

	if (!w->started) {
		w->started = 1;
		if (w->bom)
			put(w, "\xEF\xBB\xBF", 3);
	}
	if (w->nfield++ > 0)
		putc1(w, (char)w->delim);
	if (!quote)
		quote = special(w, s, n);
	/* Unquoted, a first field starting with BOM bytes would read back
	   as a byte-order mark. */
	if (!w->anyfield && !w->bom && n >= 3 && s[0] == 0xEF &&
	    s[1] == 0xBB && s[2] == 0xBF)
		quote = 1;
	w->anyfield = 1;
	w->fast = !w->quote_all;
	w->lastempty = n == 0;
	if (!quote) {
		put(w, p, n);
		return;
	}
	putc1(w, '"');
	for (start = 0, i = 0; i < n; i++)
		if (s[i] == '"') {
			put(w, p + start, i + 1 - start);
			putc1(w, '"');
			start = i + 1;
		}
	put(w, p + start, n - start);
	putc1(w, '"');
}

void
csvw_field(struct csvw *w, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	if (!field_fast(w, s, n))
		field_slow(w, s, n);
}

void
csvw_str(struct csvw *w, const char *s)
{
	csvw_field(w, s, strlen(s));
}

void
csvw_endrow(struct csvw *w)
{
	if (w->nfield == 1 && w->lastempty && !w->quote_all)
		put(w, "\"\"", 2);
	if (w->crlf)
		putc1(w, '\r');
	putc1(w, '\n');
	w->nfield = 0;
}

void
csvw_row(struct csvw *w, const struct csvr_row *row)
{
	size_t i;

	const unsigned char *s;

	for (i = 0; i < row->nf; i++) {
		s = (const unsigned char *)row->f[i].p;
		if (!field_fast(w, s, row->f[i].n))
			field_slow(w, s, row->f[i].n);
	}
	csvw_endrow(w);
}

int
csvw_close(struct csvw *w)
{
	int rc, e;

	rc = csvw_flush(w);
	e = w->err;
	if (w->mem == NULL && w->fd != STDOUT_FILENO && close(w->fd) == -1 &&
	    e == 0) {
		e = errno;
		rc = -1;
	}
	free(w->buf);
	free(w);
	errno = e;
	return rc;
}

void
csvw_finish(struct csvw *w, const char *name)
{
	if (csvw_close(w) == -1)
		diag_die(EXIT_DATA, "%s: write error: %s",
		    name == NULL ? "<stdout>" : name, strerror(errno));
}
