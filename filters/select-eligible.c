/*
 * select-eligible: pick the candidate customers for anonymization from a
 * Customer export.
 *
 * Three modes, as the reference offers them:
 *   --customer NO...  manual: exactly the customers named (the one-customer
 *                     request); a requested customer that is missing,
 *                     already anonymized or left out by a filter is
 *                     refused, with a message and a log row;
 *   --due             CHECK_PERIOD = No: customers whose To Anonymize On is
 *                     set and on or before today;
 *   neither           CHECK_PERIOD = Yes: every customer (the retention
 *                     check is check-period's job).
 * In every mode the already anonymized are skipped, and --where (with its
 * shorthands for the two posting-group filters) must match.  --user with
 * --user-setup checks the user's Anonymize Customers permission before the
 * customer stream is read.
 *
 * Reads the columns No. (manual mode), Anonymized (when present),
 * To Anonymize On (--due) and those named by the filters; writes the
 * selected rows unchanged, header kept, or with --count only their number.
 *
 * Exit status: 0 success, 1 data error, 2 usage error, 3 refused (the
 * user lacks permission, or a requested customer was refused under
 * --strict).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "text.h"
#include "version.h"

#define R_NOTFOUND	"customer not found"
#define R_ANONYMIZED	"already anonymized"
#define R_FILTERED	"does not match the selection filters"
#define R_NOTALLOWED	"user not allowed to anonymize customers"

/* What the stream showed of one requested customer (manual mode). */
enum {
	SEEN_SELECTED = 1,	/* a row of it was selected (or past --limit) */
	SEEN_ANONYMIZED = 2,	/* a row of it is already anonymized */
	SEEN_FILTERED = 4	/* a row of it failed a --where filter */
};

struct request {
	const char	*no;	/* customer number, as given */
	unsigned	 seen;	/* SEEN_* bits */
};

/* Column names, all renamable by options. */
struct cols {
	const char	*key;		/* --customer-key */
	const char	*anonymized;
	const char	*due;		/* To Anonymize On */
	const char	*cpg;		/* Customer Posting Group */
	const char	*gbpg;		/* Gen. Bus. Posting Group */
	const char	*userid;	/* User Setup: User ID */
	const char	*perm;		/* User Setup: Anonymize Customers */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ANONYMIZED_COLUMN = 256, OPT_COUNT, OPT_CUSTOMER, OPT_CUSTOMER_KEY,
	OPT_CUSTOMER_POSTING_GROUP, OPT_CUSTOMER_POSTING_GROUP_COLUMN,
	OPT_DATE_FORMAT, OPT_DUE, OPT_GEN_BUS_POSTING_GROUP,
	OPT_GEN_BUS_POSTING_GROUP_COLUMN, OPT_LIMIT, OPT_LOG, OPT_NOW,
	OPT_PERMISSION_COLUMN, OPT_QUOTE_ALL, OPT_STRICT,
	OPT_TO_ANONYMIZE_ON_COLUMN, OPT_USER, OPT_USER_ID_COLUMN,
	OPT_USER_SETUP, OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "anonymized-column",	required_argument, NULL,
	    OPT_ANONYMIZED_COLUMN },
	{ "count",		no_argument,       NULL, OPT_COUNT },
	{ "customer",		required_argument, NULL, OPT_CUSTOMER },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "customer-posting-group", required_argument, NULL,
	    OPT_CUSTOMER_POSTING_GROUP },
	{ "customer-posting-group-column", required_argument, NULL,
	    OPT_CUSTOMER_POSTING_GROUP_COLUMN },
	{ "date-format",	required_argument, NULL, OPT_DATE_FORMAT },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "due",		no_argument,       NULL, OPT_DUE },
	{ "gen-bus-posting-group", required_argument, NULL,
	    OPT_GEN_BUS_POSTING_GROUP },
	{ "gen-bus-posting-group-column", required_argument, NULL,
	    OPT_GEN_BUS_POSTING_GROUP_COLUMN },
	{ "help",		no_argument,       NULL, 'h' },
	{ "limit",		required_argument, NULL, OPT_LIMIT },
	{ "log",		required_argument, NULL, OPT_LOG },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "permission-column",	required_argument, NULL,
	    OPT_PERMISSION_COLUMN },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "strict",		no_argument,       NULL, OPT_STRICT },
	{ "to-anonymize-on-column", required_argument, NULL,
	    OPT_TO_ANONYMIZE_ON_COLUMN },
	{ "user",		required_argument, NULL, OPT_USER },
	{ "user-id-column",	required_argument, NULL, OPT_USER_ID_COLUMN },
	{ "user-setup",		required_argument, NULL, OPT_USER_SETUP },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: select-eligible [--customer NO]... [--due] [--where COL=FILTER]...\n"
"           [--customer-posting-group FILTER] [--gen-bus-posting-group FILTER]\n"
"           [--user ID] [--user-setup FILE] [--limit N] [--count]\n"
"           [--now TS] [--log FILE] [--strict] [-d C] [--quote-all]\n"
"           [--date-format FMT] [--customer-key COL] [column options] [FILE]\n"
"\n"
"Writes the customers eligible for anonymization: those named by\n"
"--customer, those due (--due), or all; never the already anonymized.\n"
"\n"
"  --customer NO          select this customer (repeatable; manual mode)\n"
"  --due                  select customers whose To Anonymize On is today\n"
"                         or earlier\n"
"  --where COL=FILTER     keep rows whose COL matches FILTER (repeatable)\n"
"  --values COL=V1|V2|... the values COL may hold where a --where reads\n"
"                         it (#integer: a whole number); others: exit 1\n"
"  --customer-posting-group FILTER, --gen-bus-posting-group FILTER\n"
"                         --where on those columns (empty: no filter)\n"
"  --user ID              the user (log rows, permission check)\n"
"  --user-setup FILE      User Setup CSV: refuse unless the user's row has\n"
"                         Anonymize Customers = Yes\n"
"  --limit N              write at most N rows\n"
"  --count                print only the number of selected rows\n"
"  --now TS               the clock (a date or an ISO 8601 date-time)\n"
"  --log FILE             append a row for every refused request\n"
"  --strict               exit 3 when a requested customer was refused\n"
"  -d, --delimiter C      field delimiter (default ,)\n"
"  --quote-all            quote every output field\n"
"  --date-format FMT      dates as FMT (%%d, %%m, %%Y), e.g. %%d.%%m.%%Y\n"
"  --customer-key COL     the customer number column (default No.)\n"
"  --anonymized-column COL, --to-anonymize-on-column COL,\n"
"  --customer-posting-group-column COL, --gen-bus-posting-group-column COL,\n"
"  --user-id-column COL, --permission-column COL\n"
"                         rename the columns read\n"
"  --help, --version\n");
}

/*
 * user_check: read the User Setup file and decide whether user may
 * anonymize customers.  Returns 1 when allowed, 0 when the user's row
 * does not say Yes, -1 when the user has no row.  User IDs compare
 * case-insensitively; when several rows match, all must allow.
 */
static int
user_check(const char *path, int delim, const char *user,
    const struct cols *c)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct buf b = { NULL, 0, 0 };
	char *want;
	size_t ui, pi, wn;
	int rc, v, found = 0, allowed = 1;

	r = csvr_start(path, delim, &hdr);
	ui = hdr_need(r, hdr, c->userid);
	pi = hdr_need(r, hdr, c->perm);
	want = xstrdup(user);
	wn = strlen(want);
	text_fold(want, wn);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (row->f[ui].n != wn)
			continue;
		buf_reset(&b);
		buf_add(&b, row->f[ui].p, row->f[ui].n);
		text_fold(b.p, b.n);
		if (memcmp(b.p, want, wn) != 0)
			continue;
		found = 1;
		if (bool_parse(row->f[pi].p, row->f[pi].n, &v) == -1 || !v)
			allowed = 0;
	}
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	buf_free(&b);
	free(want);
	return found ? allowed : -1;
}

/*
 * judge: what row says of its customer: SEEN_SELECTED when it is
 * eligible, SEEN_ANONYMIZED or SEEN_FILTERED when not, 0 when it is not
 * due.  anoni is the Anonymized column or -1 when absent, duei the
 * To Anonymize On column or -1 outside --due.  A value that is not a
 * boolean or not a date is a data error (exit 1).
 */
static unsigned
judge(const struct csvr *r, const struct csvr_row *row, const struct cols *c,
    long anoni, long duei, const char *datefmt, date_t today,
    const struct wherelist *where)
{
	const struct csvr_field *f;
	date_t d;
	int v;

	if (anoni != -1) {
		f = &row->f[anoni];
		if (bool_parse(f->p, f->n, &v) == -1)
			csvr_die_row(r, row, EXIT_DATA,
			    "bad boolean in column '%s'", c->anonymized);
		if (v)
			return SEEN_ANONYMIZED;
	}
	if (duei != -1) {
		f = &row->f[duei];
		if (date_parse(f->p, f->n, datefmt, &d) == -1)
			csvr_die_row(r, row, EXIT_DATA,
			    "bad date in column '%s'", c->due);
		if (d == DATE_NONE || d > today)
			return 0;
	}
	if (!where_match(where, row))
		return SEEN_FILTERED;
	return SEEN_SELECTED;
}

static void
refuse(struct logw *log, const char *no, const char *reason)
{
	diag_warn("customer '%s' not anonymized: %s", no, reason);
	logw_add(log, no, strlen(no), 0, reason);
}

/* The command line. */
struct args {
	struct cols	 c;		/* column names */
	struct wherelist where;		/* --where and the shorthands */
	struct request	*req;		/* --customer, each number once */
	size_t		 nreq;
	struct keymap	*reqmap;	/* number -> 1 + its index in req */
	const char	*path;		/* the customers, NULL: stdin */
	const char	*cpg;		/* --customer-posting-group */
	const char	*gbpg;		/* --gen-bus-posting-group */
	const char	*datefmt;	/* --date-format, NULL: ISO */
	const char	*logpath;	/* --log, or NULL */
	const char	*nowarg;	/* --now, or NULL */
	const char	*user;		/* --user, or NULL */
	const char	*usersetup;	/* --user-setup, or NULL */
	long		 limit;		/* --limit, or -1 */
	int		 delim;
	int		 quote_all;
	int		 due;		/* --due */
	int		 count;		/* --count */
	int		 strict;
};

/* A run over the customer stream. */
struct run {
	struct csvr	*r;
	struct csvw	*w;		/* NULL with --count */
	struct logw	*log;
	size_t		 keyi;		/* the key column (manual mode) */
	long		 keyc;		/* the key column, or -1 when absent */
	struct buf	 code;		/* a key written otherwise, as a Code */
	long		 anoni;		/* Anonymized, or -1 when absent */
	long		 duei;		/* To Anonymize On, or -1 */
	date_t		 today;
	long		 nsel;		/* rows selected */
};

/* request_add: --customer no; a number named twice counts once. */
static void
request_add(struct args *a, const char *no)
{
	uint32_t *slot;

	if (*no == '\0')
		diag_usage("--customer takes a customer number");
	if (a->reqmap == NULL)
		a->reqmap = keymap_new();
	slot = keymap_put(a->reqmap, no, strlen(no));
	if (*slot != 0)
		return;
	a->req = xreallocarray(a->req, a->nreq + 1, sizeof(*a->req));
	a->req[a->nreq].no = no;
	a->req[a->nreq].seen = 0;
	*slot = (uint32_t)++a->nreq;
}

/* column_option: apply option ch when it names a column; 0 if not one. */
static int
column_option(struct cols *c, int ch, const char *arg)
{
	switch (ch) {
	case OPT_ANONYMIZED_COLUMN:
		c->anonymized = arg;
		break;
	case OPT_CUSTOMER_KEY:
		c->key = arg;
		break;
	case OPT_CUSTOMER_POSTING_GROUP_COLUMN:
		c->cpg = arg;
		break;
	case OPT_GEN_BUS_POSTING_GROUP_COLUMN:
		c->gbpg = arg;
		break;
	case OPT_PERMISSION_COLUMN:
		c->perm = arg;
		break;
	case OPT_TO_ANONYMIZE_ON_COLUMN:
		c->due = arg;
		break;
	case OPT_USER_ID_COLUMN:
		c->userid = arg;
		break;
	default:
		return 0;
	}
	return 1;
}

/* option: apply option ch (not a column option) with arg to a. */
static void
option(struct args *a, int ch, const char *arg)
{
	switch (ch) {
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		usage();
		exit(0);
	case OPT_COUNT:
		a->count = 1;
		break;
	case OPT_CUSTOMER:
		request_add(a, arg);
		break;
	case OPT_CUSTOMER_POSTING_GROUP:
		a->cpg = arg;
		break;
	case OPT_DATE_FORMAT:
		if (date_check_format(arg) == -1)
			diag_usage("--date-format: bad format");
		a->datefmt = arg;
		break;
	case OPT_DUE:
		a->due = 1;
		break;
	case OPT_GEN_BUS_POSTING_GROUP:
		a->gbpg = arg;
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
	case OPT_STRICT:
		a->strict = 1;
		break;
	case OPT_USER:
		a->user = arg;
		break;
	case OPT_USER_SETUP:
		a->usersetup = arg;
		break;
	case OPT_VALUES:
		where_values(&a->where, "--values", arg);
		break;
	case OPT_VERSION:
		printf("select-eligible custanon %s\n", CUSTANON_VERSION);
		exit(0);
	case OPT_WHERE:
		where_add(&a->where, "--where", arg);
		break;
	default:
		diag_usage("bad option");
	}
}

/* parse: the command line into a; a usage error exits 2. */
static void
parse(struct args *a, int argc, char *argv[])
{
	static const struct cols defaults = {
		"No.", "Anonymized", "To Anonymize On",
		"Customer Posting Group", "Gen. Bus. Posting Group",
		"User ID", "Anonymize Customers"
	};
	int ch;

	memset(a, 0, sizeof(*a));
	a->c = defaults;
	a->limit = -1;
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		if (!column_option(&a->c, ch, optarg))
			option(a, ch, optarg);
	if (argc - optind > 1)
		diag_usage("too many files");
	a->path = argv[optind];
	if (a->nreq > 0 && a->due)
		diag_usage("--customer and --due exclude each other");
	if (a->usersetup != NULL && strcmp(a->usersetup, "-") == 0 &&
	    (a->path == NULL || strcmp(a->path, "-") == 0))
		diag_usage("--user-setup and the customers cannot both be "
		    "standard input");
	/* Shorthands added after parsing, so column options may follow. */
	if (a->cpg != NULL && *a->cpg != '\0')
		where_add2(&a->where, a->c.cpg, a->cpg);
	if (a->gbpg != NULL && *a->gbpg != '\0')
		where_add2(&a->where, a->c.gbpg, a->gbpg);
}

/* args_free: what parse allocated. */
static void
args_free(struct args *a)
{
	where_free(&a->where);
	if (a->reqmap != NULL)
		keymap_free(a->reqmap);
	free(a->req);
}

/*
 * plan: the clock, the log and the permission check, then the customer
 * stream's header, its columns and the writer.  Returns 0, or
 * EXIT_REFUSED when the user may not anonymize customers (each request
 * logged, nothing read or written).
 */
static int
plan(struct run *x, struct args *a)
{
	const struct csvr_row *hdr;
	time_t now;
	size_t i;
	long k;
	int rc;

	now = date_now(a->nowarg);
	x->today = date_of(now);
	if (a->user == NULL)
		a->user = opts_user();
	x->log = logw_open(a->logpath, a->user, now);
	if (a->usersetup != NULL &&
	    (rc = user_check(a->usersetup, a->delim, a->user, &a->c)) != 1) {
		if (rc == -1)
			diag_warn("user '%s' has no User Setup row", a->user);
		else
			diag_warn("user '%s' may not anonymize customers "
			    "(User Setup)", a->user);
		for (i = 0; i < a->nreq; i++)
			logw_add(x->log, a->req[i].no, strlen(a->req[i].no), 0,
			    R_NOTALLOWED);
		return EXIT_REFUSED;
	}
	x->r = csvr_start(a->path, a->delim, &hdr);
	if (a->nreq > 0)
		x->keyi = hdr_need(x->r, hdr, a->c.key);
	if ((x->keyc = k = hdr_find(hdr, a->c.key)) != -1)
		csvr_set_customer(x->r, (size_t)k);
	x->anoni = hdr_find(hdr, a->c.anonymized);
	x->duei = a->due ? (long)hdr_need(x->r, hdr, a->c.due) : -1;
	where_bind(&a->where, x->r, hdr);
	if (!a->count) {
		x->w = csvw_like(STDOUT_FILENO, x->r, a->quote_all);
		csvw_row(x->w, hdr);
	}
	return 0;
}

/*
 * stream: write the selected rows (or with --count their number) and
 * note in the requests what the stream showed of each.
 */
static void
stream(struct run *x, struct args *a)
{
	const struct csvr_row *row;
	uint32_t *slot;
	unsigned seen;
	int rc = 0;

	/* Past the limit only the manual bookkeeping needs more rows. */
	while ((a->nreq > 0 || a->limit == -1 || x->nsel < a->limit) &&
	    (rc = csvr_next(x->r, &row)) == 1) {
		slot = NULL;
		if (a->nreq > 0 && (slot = keymap_get(a->reqmap,
		    row->f[x->keyi].p, row->f[x->keyi].n)) == NULL)
			continue;
		seen = judge(x->r, row, &a->c, x->anoni, x->duei, a->datefmt,
		    x->today, &a->where);
		if (slot != NULL)
			a->req[*slot - 1].seen |= seen;
		if (seen != SEEN_SELECTED ||
		    (a->limit != -1 && x->nsel >= a->limit))
			continue;
		x->nsel++;
		/*
		 * A customer numbered otherwise than Business Central writes
		 * a Code (c00180, "C00180 ") matches none of its own rows:
		 * no check would hold it back, no table's rows be scrubbed.
		 */
		if (x->keyc != -1 && text_code(row->f[x->keyc].p,
		    row->f[x->keyc].n, &x->code))
			csvr_die_row(x->r, row, EXIT_DATA, "key %s written "
			    "otherwise (in lower case, or padded) in column "
			    "'%s'", x->code.p, a->c.key);
		if (x->w != NULL)
			csvw_row(x->w, row);
	}
	if (rc == -1)
		csvr_die(x->r);
	if (x->w != NULL)
		csvw_finish(x->w, NULL);
	if (a->count) {
		printf("%ld\n", x->nsel);
		if (fflush(stdout) == EOF || ferror(stdout))
			diag_die(EXIT_DATA, "<stdout>: write error: %s",
			    strerror(errno));
	}
	csvr_close(x->r);
}

/* refusals: report every request not selected; 1 when there was one. */
static int
refusals(struct logw *log, const struct args *a)
{
	const struct request *q;
	size_t i;
	int refused = 0;

	for (i = 0; i < a->nreq; i++) {
		q = &a->req[i];
		if (q->seen & SEEN_SELECTED)
			continue;
		refused = 1;
		if (q->seen & SEEN_ANONYMIZED)
			refuse(log, q->no, R_ANONYMIZED);
		else if (q->seen & SEEN_FILTERED)
			refuse(log, q->no, R_FILTERED);
		else
			refuse(log, q->no, R_NOTFOUND);
	}
	return refused;
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct run x;
	int status;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	memset(&x, 0, sizeof(x));
	if ((status = plan(&x, &a)) == 0) {
		stream(&x, &a);
		if (refusals(x.log, &a) && a.strict)
			status = EXIT_REFUSED;
	}
	logw_close(x.log);
	buf_free(&x.code);
	args_free(&a);
	return status;
}
