/*
 * check-period: hold back the customers with a transaction after the
 * retention cutoff.
 *
 * Reads the customer stream (CSV with a header) and writes, header kept,
 * the customers whose latest transaction is on or before the cutoff:
 * today (the UTC date of --now) moved back by --anonymize-after, a Business
 * Central date formula ("3Y", "-3Y", "<3Y>" and "<-3Y>" all mean three
 * years back).  Transactions come from sources: a CSV file (--docs) with
 * the column naming the customer (--key), the transaction's date (--date)
 * and conditions a row must all meet (--where COL=FILTER); a row with an
 * empty key or an empty date is not a transaction.  With --customer-date
 * COL a customer is also held back when its COL holds no date, and when
 * it has no transaction at all and its COL is after the cutoff.
 *
 * Customers held back are not written; with --log each gets one
 * "Not anonymized" row with the reasons (the --reason of every source
 * with a transaction after the cutoff, default "transaction after cutoff
 * in TABLE", then "no COL" or "COL after cutoff").  The sources are held
 * as a map from key to latest date, one map a source; with --sorted the
 * customer stream and every source, sorted ascending by key in byte
 * order, are merge-joined in constant memory.
 *
 * Exit status: 0 success; 1 data error (malformed CSV, missing column,
 * bad date, input out of order under --sorted); 2 usage error; 3 a
 * customer was held back under --strict (after the output is written).
 */
#include <getopt.h>
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

/* Dates in a key map: 0 is "no transaction", order is kept. */
#define DATE_BIAS	(1L << 30)
#define ENC(d)		((uint32_t)((d) + DATE_BIAS))
#define DEC(v)		((date_t)(v) - DATE_BIAS)

/* A source opened for reading. */
struct docs {
	struct src	*s;
	struct csvr	*r;
	size_t		 keyidx;	/* its --key column */
	size_t		 dateidx;	/* its --date column */
	char		*reason;	/* logged for the customers it holds */
	struct keymap	*m;		/* key to latest date (not --sorted) */
	struct src_merge mg;		/* --sorted: the source in key order */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ANONYMIZE_AFTER = 256, OPT_CUSTOMER_DATE, OPT_CUSTOMER_KEY,
	OPT_DATE, OPT_DATE_FORMAT, OPT_DOCS, OPT_KEY, OPT_LOG, OPT_NOW,
	OPT_QUOTE_ALL, OPT_REASON, OPT_SORTED, OPT_STRICT, OPT_USER,
	OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "anonymize-after",	required_argument, NULL, OPT_ANONYMIZE_AFTER },
	{ "customer-date",	required_argument, NULL, OPT_CUSTOMER_DATE },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "date",		required_argument, NULL, OPT_DATE },
	{ "date-format",	required_argument, NULL, OPT_DATE_FORMAT },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "docs",		required_argument, NULL, OPT_DOCS },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "log",		required_argument, NULL, OPT_LOG },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "reason",		required_argument, NULL, OPT_REASON },
	{ "sorted",		no_argument,       NULL, OPT_SORTED },
	{ "strict",		no_argument,       NULL, OPT_STRICT },
	{ "user",		required_argument, NULL, OPT_USER },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static const char usage_text[] =
"usage: check-period --anonymize-after FORMULA\n"
"                    (--docs FILE --key COL --date COL [--where COL=FILTER]...\n"
"                    [--reason TEXT])... [--customer-date COL]\n"
"                    [--customer-key COL] [--date-format FMT] [--sorted]\n"
"                    [--now TS] [--log FILE] [--user ID] [--strict]\n"
"                    [-d C] [--quote-all] [FILE]\n"
"\n"
"Writes the customers of FILE (standard input when absent or -) with no\n"
"transaction after the cutoff (today moved back by FORMULA).\n"
"\n"
"  --anonymize-after F  date formula of the retention period (3Y, <-3Y>)\n"
"  --docs FILE          a transaction source; the options below apply to it\n"
"  --key COL            the column naming the customer\n"
"  --date COL           the transaction's date\n"
"  --where COL=FILTER   a row counts only when every condition matches\n"
"  --values COL=V1|V2|... the values COL may hold (#integer: a whole\n"
"                       number); any other is a data error\n"
"  --reason TEXT        logged reason (default: transaction after cutoff\n"
"                       in TABLE)\n"
"  --customer-date COL  also hold back a customer whose COL is empty, or\n"
"                       who has no transaction and COL after the cutoff\n"
"  --customer-key COL   key column of the customers (default: No.)\n"
"  --date-format FMT    dates as FMT (%d, %m, %Y), such as %d.%m.%Y\n"
"  --sorted             inputs are sorted by key: merge in constant memory\n"
"  --now TS             the clock: today, and the time of log rows\n"
"  --log FILE           append a row for every customer held back\n"
"  --user ID            user written in log rows (default: login name)\n"
"  --strict             exit 3 when a customer was held back\n"
"  -d, --delimiter C    field delimiter of every CSV input (default: ,)\n"
"  --quote-all          quote every output field\n"
"  --help, --version\n";

static const char *datefmt;	/* --date-format, or NULL for ISO */

/* docs_open: open source s, read its header and resolve its columns. */
static void
docs_open(struct docs *d, struct src *s, int delim)
{
	const struct csvr_row *hdr;

	d->s = s;
	d->r = csvr_start(s->path, delim, &hdr);
	d->keyidx = hdr_need(d->r, hdr, s->keys[0]);
	d->dateidx = hdr_need(d->r, hdr, s->datecol);
	where_bind(&s->where, d->r, hdr);
	src_customer(d->r, hdr, s);
	d->reason = src_reason(s, "transaction after cutoff in ");
}

static void
docs_close(struct docs *d)
{
	csvr_close(d->r);
	free(d->reason);
	if (d->m != NULL)
		keymap_free(d->m);
}

/*
 * row_date: the date of a transaction row, or DATE_NONE when the row is
 * no transaction (empty key or date, --where not met); *counts is set
 * when the row names a customer (its key not empty, --where met), with a
 * date or without: its key is judged either way, so that every such row
 * is read (a key written otherwise stops the run even in a row without
 * a date, and the job relies on that).  A date column that is not a
 * date is a data error, in any row; the message names the row's
 * customer only when the row is a transaction.
 */
static date_t
row_date(const struct docs *d, const struct csvr_row *row, int *counts)
{
	const struct csvr_field *v = &row->f[d->dateidx];
	date_t t;

	*counts = row->f[d->keyidx].n > 0 && where_match(&d->s->where, row);
	if (date_parse(v->p, v->n, datefmt, &t) == -1) {
		/* A row that is no customer's is named by its line alone. */
		if (!*counts)
			diag_die_at(EXIT_DATA, csvr_name(d->r),
			    csvr_line(d->r, row->line),
			    "bad date in column '%s'", d->s->datecol);
		csvr_die_row(d->r, row, EXIT_DATA, "bad date in column '%s'",
		    d->s->datecol);
	}
	return *counts ? t : DATE_NONE;
}

/* value: the encoded date of a transaction row of source arg, 0 if none. */
static uint32_t
value(void *arg, const struct csvr_row *row)
{
	const struct docs *d = arg;
	date_t t;
	int counts;

	t = row_date(d, row, &counts);
	if (counts)
		src_code(d->r, row, &row->f[d->keyidx], d->s->keys[0]);
	return t == DATE_NONE ? 0 : ENC(t);
}

/*
 * load: map every key of source d to its latest transaction date; note
 * in odd the keys written otherwise than a Code (src_odd).
 */
static void
load(struct docs *d, struct src_odd *odd)
{
	const struct csvr_row *row;
	const struct csvr_field *k;
	date_t t;
	int counts, rc;

	d->m = keymap_new();
	while ((rc = csvr_next(d->r, &row)) == 1) {
		t = row_date(d, row, &counts);
		k = &row->f[d->keyidx];
		if (counts)
			src_odd_note(odd, d->r, row, k, d->s->keys[0]);
		if (t == DATE_NONE)
			continue;
		keymap_merge(d->m, k->p, k->n, ENC(t), KEYMAP_MAX);
	}
	keymap_flush(d->m);
	if (rc == -1)
		csvr_die(d->r);
	/* Its buffers go back now, not held while the next source loads. */
	csvr_close(d->r);
	d->r = NULL;
}

/* latest: the latest transaction of customer c in d, or DATE_NONE. */
static date_t
latest(struct docs *d, int sorted, const struct csvr_field *c)
{
	uint32_t v = 0, *slot;

	if (sorted)
		v = src_merge_seek(&d->mg, c->p, c->n);
	else if ((slot = keymap_get(d->m, c->p, c->n)) != NULL)
		v = *slot;
	return v != 0 ? DEC(v) : DATE_NONE;
}

/* addwhy: append reason s to the reasons in why. */
static void
addwhy(struct buf *why, const char *s)
{
	if (why->n > 0)
		buf_adds(why, "; ");
	buf_adds(why, s);
}

/* The command line. */
struct args {
	struct srclist	 sl;		/* the --docs sources */
	struct date_formula formula;	/* --anonymize-after */
	const char	*path;		/* the customers, NULL: stdin */
	const char	*after;		/* --anonymize-after, as given */
	const char	*ckeyname;	/* --customer-key */
	const char	*cdatename;	/* --customer-date, or NULL */
	const char	*logpath;	/* --log, or NULL */
	const char	*nowarg;	/* --now, or NULL */
	const char	*user;		/* --user, or NULL */
	int		 delim;
	int		 quote_all;
	int		 sorted;	/* --sorted */
	int		 strict;
};

/* A run over the customer stream. */
struct run {
	struct docs	*dv;		/* the sources, one per --docs */
	struct csvr	*r;		/* the customers */
	struct csvw	*w;
	struct logw	*log;
	size_t		 ckey;		/* their key column */
	size_t		 cdate;		/* their --customer-date column */
	date_t		 cutoff;
	struct buf	 nodate;	/* reason "no COL" (--customer-date) */
	struct buf	 late;		/* reason "COL after cutoff" */
	struct src_odd	 odd;		/* keys written otherwise (unsorted) */
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
	case OPT_ANONYMIZE_AFTER:
		a->after = arg;
		break;
	case OPT_CUSTOMER_DATE:
		if (*arg == '\0')
			diag_usage("--customer-date takes a column name");
		a->cdatename = arg;
		break;
	case OPT_CUSTOMER_KEY:
		if (*arg == '\0')
			diag_usage("--customer-key takes a column name");
		a->ckeyname = arg;
		break;
	case OPT_DATE:
		src_option(&a->sl, "date", arg);
		break;
	case OPT_DATE_FORMAT:
		if (date_check_format(arg) == -1)
			diag_usage("--date-format takes %%d, %%m and %%Y "
			    "with literal characters");
		datefmt = arg;
		break;
	case OPT_DOCS:
		src_docs(&a->sl, arg);
		break;
	case OPT_KEY:
		if (a->sl.n > 0 && a->sl.v[a->sl.n - 1].nkeys > 0)
			diag_usage("--key given twice for --docs %s",
			    a->sl.v[a->sl.n - 1].path);
		src_option(&a->sl, "key", arg);
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
		printf("check-period custanon %s\n", CUSTANON_VERSION);
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
	char err[128];
	size_t i;
	int ch;

	memset(a, 0, sizeof(*a));
	a->ckeyname = "No.";
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (argc - optind > 1)
		diag_usage("too many files");
	a->path = argv[optind];
	if (a->after == NULL)
		diag_usage("--anonymize-after is required");
	if (date_formula_parse(a->after, &a->formula, err, sizeof(err)) == -1)
		diag_usage("--anonymize-after: %s", err);
	if (a->sl.n == 0)
		diag_usage("no --docs given");
	for (i = 0; i < a->sl.n; i++) {
		if (a->sl.v[i].nkeys == 0)
			diag_usage("--docs %s needs a --key", a->sl.v[i].path);
		if (a->sl.v[i].datecol == NULL)
			diag_usage("--docs %s needs a --date", a->sl.v[i].path);
	}
	src_stdin_check(&a->sl, a->path);
}

/*
 * plan: the clock and the cutoff, every source opened and (without
 * --sorted) loaded, the customers' header and columns, the log and the
 * writer with the header written.
 */
static void
plan(struct run *x, struct args *a)
{
	const struct csvr_row *hdr;
	time_t now;
	size_t i;

	now = date_now(a->nowarg);
	x->cutoff = date_cutoff(&a->formula, date_of(now));
	if (a->user == NULL)
		a->user = opts_user();
	x->dv = xcalloc(a->sl.n, sizeof(*x->dv));
	for (i = 0; i < a->sl.n; i++)
		docs_open(&x->dv[i], &a->sl.v[i], a->delim);
	x->r = csvr_start(a->path, a->delim, &hdr);
	x->ckey = hdr_need(x->r, hdr, a->ckeyname);
	csvr_set_customer(x->r, x->ckey);
	if (a->cdatename != NULL) {
		x->cdate = hdr_need(x->r, hdr, a->cdatename);
		buf_adds(&x->nodate, "no ");
		buf_adds(&x->nodate, a->cdatename);
		buf_adds(&x->late, a->cdatename);
		buf_adds(&x->late, " after cutoff");
	}
	for (i = 0; i < a->sl.n; i++) {
		if (a->sorted)
			src_merge_init(&x->dv[i].mg, x->dv[i].r,
			    x->dv[i].keyidx, a->sl.v[i].keys[0], value,
			    &x->dv[i]);
		else
			load(&x->dv[i], &x->odd);
	}
	x->log = logw_open(a->logpath, a->user, now);
	x->w = csvw_like(STDOUT_FILENO, x->r, a->quote_all);
	csvw_row(x->w, hdr);
}

/*
 * held_why: the reasons to hold back the customer of row, in why (empty
 * when it passes).  A --customer-date that is not a date exits 1.
 */
static void
held_why(struct run *x, const struct args *a, const struct csvr_row *row,
    struct buf *why)
{
	const struct csvr_field *cd;
	date_t t, own;
	size_t i;
	int any = 0;

	buf_reset(why);
	if (!a->sorted)
		src_odd_check(&x->odd, row->f[x->ckey].p, row->f[x->ckey].n);
	for (i = 0; i < a->sl.n; i++) {
		if ((t = latest(&x->dv[i], a->sorted, &row->f[x->ckey])) ==
		    DATE_NONE)
			continue;
		any = 1;
		if (t > x->cutoff)
			addwhy(why, x->dv[i].reason);
	}
	if (a->cdatename == NULL)
		return;
	cd = &row->f[x->cdate];
	if (date_parse(cd->p, cd->n, datefmt, &own) == -1)
		csvr_die_row(x->r, row, EXIT_DATA, "bad date in column '%s'",
		    a->cdatename);
	if (own == DATE_NONE)
		addwhy(why, x->nodate.p);
	else if (!any && own > x->cutoff)
		addwhy(why, x->late.p);
}

/* stream: write the customers that pass, log those held back. */
static void
stream(struct run *x, const struct args *a)
{
	const struct csvr_row *row;
	const struct csvr_field *c;
	struct src_order order = { { NULL, 0, 0 }, 0 };
	struct buf why = { NULL, 0, 0 };
	size_t i;
	int rc;

	while ((rc = csvr_next(x->r, &row)) == 1) {
		c = &row->f[x->ckey];
		if (a->sorted)
			src_order_next(&order, x->r, row, x->ckey, a->ckeyname);
		held_why(x, a, row, &why);
		if (why.n == 0) {
			csvw_row(x->w, row);
			continue;
		}
		x->held++;
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
	buf_free(&x.nodate);
	buf_free(&x.late);
	src_odd_free(&x.odd);
	src_free(&a.sl);
	return a.strict && x.held > 0 ? EXIT_REFUSED : 0;
}
