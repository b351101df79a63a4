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
	OPT_STRICT, OPT_USER, OPT_VERSION, OPT_WHERE
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

	return where_match(&d->s->where, row) && counts(d, row, 0);
}

/* load: add every key source d names to m with the source's bit. */
static void
load(struct docs *d, uint32_t bit, struct keymap *m)
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
			}
	}
	keymap_flush(m);
	if (rc == -1)
		csvr_die(d->r);
	/* Its buffers go back now, not held while the next source loads. */
	csvr_close(d->r);
	d->r = NULL;
}

int
main(int argc, char *argv[])
{
	struct srclist sl = { NULL, 0 };
	struct docs *dv;
	struct keymap *m = NULL;
	struct logw *log;
	struct csvr *r;
	struct csvw *w;
	struct buf why = { NULL, 0, 0 };
	struct src_order order = { { NULL, 0, 0 }, 0 };
	const struct csvr_row *hdr, *row;
	const struct csvr_field *c;
	const char *ckeyname = "No.", *logpath = NULL, *nowarg = NULL;
	const char *user = NULL, *path;
	uint32_t mask, *slot;
	size_t i, ckey, stdins = 0;
	long limit = -1, passed = 0, held = 0;
	int ch, delim = ',', quote_all = 0, sorted = 0, strict = 0, rc;
	time_t now;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			delim = opts_delim(optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case OPT_CUSTOMER_KEY:
			if (*optarg == '\0')
				diag_usage("--customer-key takes a column name");
			ckeyname = optarg;
			break;
		case OPT_DOCS:
			src_docs(&sl, optarg);
			break;
		case OPT_KEY:
			src_option(&sl, "key", optarg);
			break;
		case OPT_LIMIT:
			limit = opts_long("--limit", optarg, 0, LONG_MAX);
			break;
		case OPT_LOG:
			logpath = optarg;
			break;
		case OPT_NOW:
			nowarg = optarg;
			break;
		case OPT_QUOTE_ALL:
			quote_all = 1;
			break;
		case OPT_REASON:
			src_option(&sl, "reason", optarg);
			break;
		case OPT_SELF_KEY:
			src_option(&sl, "self-key", optarg);
			break;
		case OPT_SORTED:
			sorted = 1;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		case OPT_USER:
			user = optarg;
			break;
		case OPT_VERSION:
			printf("check-open-docs custanon %s\n", CUSTANON_VERSION);
			exit(0);
		case OPT_WHERE:
			src_option(&sl, "where", optarg);
			break;
		default:
			diag_usage("bad option");
		}
	}
	if (argc - optind > 1)
		diag_usage("too many files");
	path = argv[optind];
	if (sl.n == 0)
		diag_usage("no --docs given");
	if (sl.n > MAXSRC)
		diag_usage("at most %d --docs", MAXSRC);
	if (path == NULL || strcmp(path, "-") == 0)
		stdins++;
	for (i = 0; i < sl.n; i++) {
		if (sl.v[i].nkeys == 0)
			diag_usage("--docs %s needs a --key", sl.v[i].path);
		if (sorted && sl.v[i].nkeys != 1)
			diag_usage("--sorted takes one --key for --docs %s",
			    sl.v[i].path);
		if (strcmp(sl.v[i].path, "-") == 0)
			stdins++;
	}
	if (stdins > 1)
		diag_usage("standard input given twice");
	now = date_now(nowarg);
	if (user == NULL)
		user = opts_user();

	dv = xcalloc(sl.n, sizeof(*dv));
	for (i = 0; i < sl.n; i++)
		docs_open(&dv[i], &sl.v[i], delim);
	r = csvr_start(path, delim, &hdr);
	ckey = hdr_need(r, hdr, ckeyname);
	if (sorted) {
		for (i = 0; i < sl.n; i++)
			src_merge_init(&dv[i].mg, dv[i].r, dv[i].keyidx[0],
			    sl.v[i].keys[0], hit, &dv[i]);
	} else {
		m = keymap_new();
		for (i = 0; i < sl.n; i++)
			load(&dv[i], (uint32_t)1 << i, m);
	}
	log = logw_open(logpath, user, now);
	w = csvw_like(STDOUT_FILENO, r, quote_all);
	csvw_row(w, hdr);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (limit >= 0 && passed >= limit)
			continue;
		c = &row->f[ckey];
		mask = 0;
		if (sorted) {
			src_order_next(&order, r, row, ckey, ckeyname);
			for (i = 0; i < sl.n; i++)
				if (src_merge_seek(&dv[i].mg, c->p, c->n))
					mask |= (uint32_t)1 << i;
		} else if ((slot = keymap_get(m, c->p, c->n)) != NULL)
			mask = *slot;
		if (mask == 0) {
			csvw_row(w, row);
			passed++;
			continue;
		}
		held++;
		buf_reset(&why);
		for (i = 0; i < sl.n; i++)
			if (mask & (uint32_t)1 << i) {
				if (why.n > 0)
					buf_adds(&why, "; ");
				buf_adds(&why, dv[i].reason);
			}
		logw_add(log, c->p, c->n, 0, why.p);
	}
	if (rc == -1)
		csvr_die(r);
	if (sorted)
		for (i = 0; i < sl.n; i++)
			src_merge_finish(&dv[i].mg);
	csvw_finish(w, NULL);
	logw_close(log);
	csvr_close(r);
	for (i = 0; i < sl.n; i++)
		docs_close(&dv[i]);
	free(dv);
	if (m != NULL)
		keymap_free(m);
	src_order_free(&order);
	buf_free(&why);
	src_free(&sl);
	return strict && held > 0 ? EXIT_REFUSED : 0;
}
