/*
 * check-open-docs: hold back the customers that have an open document.
 *
 * Reads the customer stream (CSV with a header) and writes, header kept,
 * every customer whose key (--customer-key, default "No.") is named by no
 * counting row of any document source.  A source is a CSV file (--docs)
 * followed by its options: --key, the columns that name a customer (a
 * row counts for each of them); --where COL=FILTER, conditions a row must
 * all meet; --self-key COL, the row's own customer number, so that a row
 * naming itself is ignored; --reason, the text logged for the customers
 * it holds back (default "open document in TABLE", TABLE the file's base
 * name without .csv).  Empty key values are ignored.
 *
 * A customer held back is not written; with --log it gets one
 * "Not anonymized" row whose reason joins the reasons of every source
 * that holds it, in the order the sources were given.  Customers that
 * pass are written unchanged.  --limit N stops after N customers have
 * passed: the rest of the stream is read (so the writer of a pipe is not
 * killed) but neither checked, written nor logged.
 *
 * The sources are held as keys only, each with the set of sources that
 * name it.  With --sorted, the customer stream and every source must be
 * sorted ascending by key in byte order and are merge-joined in constant
 * memory.
 *
 * Exit status: 0 success; 1 data error (malformed CSV, missing column,
 * input out of order under --sorted); 2 usage error; 3 a customer was
 * held back under --strict (after the output is written).
 */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "keymap.h"
#include "logw.h"
#include "opts.h"
#include "src.h"
#include "version.h"

#define MAXSRC	32	/* sources, one bit each in the key map */

/* A source opened for reading. */
struct docs {
	struct src	*s;
	struct csvr	*r;
	size_t		*keyidx;	/* columns of its --key options */
	long		 selfidx;	/* --self-key column, or -1 */
	char		*reason;	/* logged for the customers it holds */
	struct src_merge mg;		/* --sorted: the source in key order */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_CUSTOMER_KEY = 256, OPT_DOCS, OPT_KEY, OPT_LIMIT, OPT_LOG,
	OPT_NOW, OPT_QUOTE_ALL, OPT_REASON, OPT_SELF_KEY, OPT_SORTED,
	OPT_STRICT, OPT_USER, OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "docs",		required_argument, NULL, OPT_DOCS },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "limit",		required_argument, NULL, OPT_LIMIT },
	{ "log",		required_argument, NULL, OPT_LOG },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "reason",		required_argument, NULL, OPT_REASON },
	{ "self-key",		required_argument, NULL, OPT_SELF_KEY },
	{ "sorted",		no_argument,       NULL, OPT_SORTED },
	{ "strict",		no_argument,       NULL, OPT_STRICT },
	{ "user",		required_argument, NULL, OPT_USER },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static const char usage_text[] =
"usage: check-open-docs (--docs FILE [--key COL]... [--where COL=FILTER]...\n"
"                       [--self-key COL] [--reason TEXT])...\n"
"                       [--customer-key COL] [--limit N] [--sorted]\n"
"                       [--now TS] [--log FILE] [--user ID] [--strict]\n"
"                       [-d C] [--quote-all] [FILE]\n"
"\n"
"Writes the customers of FILE (standard input when absent or -) that no\n"
"document source names; the others are held back.\n"
"\n"
"  --docs FILE          a document source; the options below apply to it\n"
"  --key COL            a column naming a customer (repeatable, at least one)\n"
"  --where COL=FILTER   a row counts only when every condition matches\n"
"  --values COL=V1|V2|... the values COL may hold (#integer: a whole\n"
"                       number); any other is a data error\n"
"  --self-key COL       ignore a row whose key equals its own COL\n"
"  --reason TEXT        logged reason (default: open document in TABLE)\n"
"  --customer-key COL   key column of the customers (default: No.)\n"
"  --limit N            stop after N customers have passed\n"
"  --sorted             inputs are sorted by key: merge in constant memory\n"
"  --now TS             the time written in log rows\n"
"  --log FILE           append a row for every customer held back\n"
"  --user ID            user written in log rows (default: login name)\n"
"  --strict             exit 3 when a customer was held back\n"
"  -d, --delimiter C    field delimiter of every CSV input (default: ,)\n"
"  --quote-all          quote every output field\n"
"  --help, --version\n";

/* docs_open: open source s, read its header and resolve its columns. */
static void
docs_open(struct docs *d, struct src *s, int delim)
{
	const struct csvr_row *hdr;
	size_t i;

	d->s = s;
	d->r = csvr_start(s->path, delim, &hdr);
	d->keyidx = xreallocarray(NULL, s->nkeys, sizeof(*d->keyidx));
	for (i = 0; i < s->nkeys; i++)
		d->keyidx[i] = hdr_need(d->r, hdr, s->keys[i]);
	d->selfidx = -1;
	if (s->selfkey != NULL)
		d->selfidx = (long)hdr_need(d->r, hdr, s->selfkey);
	where_bind(&s->where, d->r, hdr);
	src_customer(d->r, hdr, s);
	d->reason = src_reason(s, "open document in ");
}

static void
docs_close(struct docs *d)
{
	csvr_close(d->r);
	free(d->keyidx);
	free(d->reason);
}

/*
 * counts: row (already matching --where) names a customer in its k-th key
 * column: the value is not empty and is not the row's own --self-key.
 */
static int
counts(const struct docs *d, const struct csvr_row *row, size_t k)
{
	const struct csvr_field *v, *self;

	v = &row->f[d->keyidx[k]];
	if (v->n == 0)
		return 0;
	if (d->selfidx >= 0) {
		self = &row->f[d->selfidx];
		if (self->n == v->n && memcmp(self->p, v->p, v->n) == 0)
			return 0;
	}
	return 1;
}

/* hit: 1 when a row of source arg names the customer of its first key. */
static uint32_t
hit(void *arg, const struct csvr_row *row)
{
	const struct docs *d = arg;

	if (!where_match(&d->s->where, row) || !counts(d, row, 0))
		return 0;
	src_code(d->r, row, &row->f[d->keyidx[0]], d->s->keys[0]);
	return 1;
}

/*
 * load: add every key source d names to m with the source's bit; note in
 * odd the keys written otherwise than a Code (src_odd).
 */
static void
load(struct docs *d, uint32_t bit, struct keymap *m, struct src_odd *odd)
{
	const struct csvr_row *row;
	const struct csvr_field *v;
	size_t k;
	int rc;

	while ((rc = csvr_next(d->r, &row)) == 1) {
		if (!where_match(&d->s->where, row))
			continue;
		for (k = 0; k < d->s->nkeys; k++)
			if (counts(d, row, k)) {
				v = &row->f[d->keyidx[k]];
				*keymap_put(m, v->p, v->n) |= bit;
				src_odd_note(odd, d->r, row, v,
				    d->s->keys[k]);
			}
	}
	keymap_flush(m);
	if (rc == -1)
		csvr_die(d->r);
	/* Its buffers go back now, not held while the next source loads. */
	csvr_close(d->r);
	d->r = NULL;
}

/* The command line. */
struct args {
	struct srclist	 sl;		/* the --docs sources */
	const char	*path;		/* the customers, NULL: stdin */
	const char	*ckeyname;	/* --customer-key */
	const char	*logpath;	/* --log, or NULL */
	const char	*nowarg;	/* --now, or NULL */
	const char	*user;		/* --user, or NULL */
	long		 limit;		/* --limit, or -1 */
	int		 delim;
	int		 quote_all;
	int		 sorted;	/* --sorted */
	int		 strict;
};

/* A run over the customer stream. */
struct run {
	struct docs	*dv;		/* the sources, one per --docs */
	struct keymap	*m;		/* key to source bits (unsorted) */
	struct src_odd	 odd;		/* keys written otherwise (unsorted) */
	struct csvr	*r;		/* the customers */
	struct csvw	*w;
	struct logw	*log;
	size_t		 ckey;		/* their key column */
	long		 passed;	/* customers written */
	long		 held;		/* customers held back */
};

/* option: apply option ch with arg to a. */
static void
option(struct args *a, int ch, const char *arg)
{
	switch (ch) {
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		fputs(usage_text, stdout);
		exit(0);
	case OPT_CUSTOMER_KEY:
		if (*arg == '\0')
			diag_usage("--customer-key takes a column name");
		a->ckeyname = arg;
		break;
	case OPT_DOCS:
		src_docs(&a->sl, arg);
		break;
	case OPT_KEY:
		src_option(&a->sl, "key", arg);
		break;
	case OPT_LIMIT:
		a->limit = opts_long("--limit", arg, 0, LONG_MAX);
		break;
	case OPT_LOG:
		a->logpath = arg;
		break;
	case OPT_NOW:
		a->nowarg = arg;
		break;
	case OPT_QUOTE_ALL:
		a->quote_all = 1;
		break;
	case OPT_REASON:
		src_option(&a->sl, "reason", arg);
		break;
	case OPT_SELF_KEY:
		src_option(&a->sl, "self-key", arg);
		break;
	case OPT_SORTED:
		a->sorted = 1;
		break;
	case OPT_STRICT:
		a->strict = 1;
		break;
	case OPT_USER:
		a->user = arg;
		break;
	case OPT_VALUES:
		src_option(&a->sl, "values", arg);
		break;
	case OPT_VERSION:
		printf("check-open-docs custanon %s\n", CUSTANON_VERSION);
		exit(0);
	case OPT_WHERE:
		src_option(&a->sl, "where", arg);
		break;
	default:
		diag_usage("bad option");
	}
}

/* parse: the command line into a; a usage error exits 2. */
static void
parse(struct args *a, int argc, char *argv[])
{
	size_t i;
	int ch;

	memset(a, 0, sizeof(*a));
	a->ckeyname = "No.";
	a->limit = -1;
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (argc - optind > 1)
		diag_usage("too many files");
	a->path = argv[optind];
	if (a->sl.n == 0)
		diag_usage("no --docs given");
	if (a->sl.n > MAXSRC)
		diag_usage("at most %d --docs", MAXSRC);
	for (i = 0; i < a->sl.n; i++) {
		if (a->sl.v[i].nkeys == 0)
			diag_usage("--docs %s needs a --key", a->sl.v[i].path);
		if (a->sorted && a->sl.v[i].nkeys != 1)
			diag_usage("--sorted takes one --key for --docs %s",
			    a->sl.v[i].path);
	}
	src_stdin_check(&a->sl, a->path);
}

/*
 * plan: every source opened and (without --sorted) loaded, the
 * customers' header and key column, the log and the writer with the
 * header written.
 */
static void
plan(struct run *x, struct args *a)
{
	const struct csvr_row *hdr;
	time_t now;
	size_t i;

	now = date_now(a->nowarg);
	if (a->user == NULL)
		a->user = opts_user();
	x->dv = xcalloc(a->sl.n, sizeof(*x->dv));
	for (i = 0; i < a->sl.n; i++)
		docs_open(&x->dv[i], &a->sl.v[i], a->delim);
	x->r = csvr_start(a->path, a->delim, &hdr);
	x->ckey = hdr_need(x->r, hdr, a->ckeyname);
	csvr_set_customer(x->r, x->ckey);
	if (a->sorted) {
		for (i = 0; i < a->sl.n; i++)
			src_merge_init(&x->dv[i].mg, x->dv[i].r,
			    x->dv[i].keyidx[0], a->sl.v[i].keys[0], hit,
			    &x->dv[i]);
	} else {
		x->m = keymap_new();
		for (i = 0; i < a->sl.n; i++)
			load(&x->dv[i], (uint32_t)1 << i, x->m, &x->odd);
	}
	x->log = logw_open(a->logpath, a->user, now);
	x->w = csvw_like(STDOUT_FILENO, x->r, a->quote_all);
	csvw_row(x->w, hdr);
}

/* naming: the bits of the sources that name the customer of row. */
static uint32_t
naming(struct run *x, const struct args *a, const struct csvr_row *row,
    struct src_order *order)
{
	const struct csvr_field *c = &row->f[x->ckey];
	uint32_t mask = 0, *slot;
	size_t i;

	if (a->sorted) {
		src_order_next(order, x->r, row, x->ckey, a->ckeyname);
		for (i = 0; i < a->sl.n; i++)
			if (src_merge_seek(&x->dv[i].mg, c->p, c->n))
				mask |= (uint32_t)1 << i;
	} else {
		src_odd_check(&x->odd, c->p, c->n);
		if ((slot = keymap_get(x->m, c->p, c->n)) != NULL)
			mask = *slot;
	}
	return mask;
}

/*
 * stream: write the customers no source names, log the others with the
 * reasons of the sources that name them; past --limit only read.
 */
static void
stream(struct run *x, const struct args *a)
{
	const struct csvr_row *row;
	const struct csvr_field *c;
	struct src_order order = { { NULL, 0, 0 }, 0 };
	struct buf why = { NULL, 0, 0 };
	uint32_t mask;
	size_t i;
	int rc;

	while ((rc = csvr_next(x->r, &row)) == 1) {
		if (a->limit >= 0 && x->passed >= a->limit)
			continue;
		c = &row->f[x->ckey];
		if ((mask = naming(x, a, row, &order)) == 0) {
			csvw_row(x->w, row);
			x->passed++;
			continue;
		}
		x->held++;
		buf_reset(&why);
		for (i = 0; i < a->sl.n; i++)
			if (mask & (uint32_t)1 << i) {
				if (why.n > 0)
					buf_adds(&why, "; ");
				buf_adds(&why, x->dv[i].reason);
			}
		logw_add(x->log, c->p, c->n, 0, why.p);
	}
	if (rc == -1)
		csvr_die(x->r);
	if (a->sorted)
		for (i = 0; i < a->sl.n; i++)
			src_merge_finish(&x->dv[i].mg);
	csvw_finish(x->w, NULL);
	src_order_free(&order);
	buf_free(&why);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct run x;
	size_t i;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	memset(&x, 0, sizeof(x));
	plan(&x, &a);
	stream(&x, &a);
	logw_close(x.log);
	csvr_close(x.r);
	for (i = 0; i < a.sl.n; i++)
		docs_close(&x.dv[i]);
	free(x.dv);
	if (x.m != NULL)
		keymap_free(x.m);
	src_odd_free(&x.odd);
	src_free(&a.sl);
	return a.strict && x.held > 0 ? EXIT_REFUSED : 0;
}
