/*
 * stamp: mark customer rows anonymized, as the reference does once it has
 * overwritten a customer's personal data.
 *
 * Every row gets Anonymized = Yes, Anonymized Date = now (ISO 8601 UTC),
 * To Anonymize = No when that column exists and Blocked = All when that
 * column exists.  A missing Anonymized or Anonymized Date column is
 * appended to the header, in that order.  A boolean column keeps the
 * spelling family of the value it held (1/0, true/false, Yes/No, in the
 * same letter case); anything else becomes Yes/No.  --set COL=VALUE sets
 * further columns and overrides the defaults.  With --log, one
 * "Anonymized" log row per row, keyed by the customer number column,
 * written only once the row itself has been written out.
 *
 * Reads No. (with --log) and the current values of Anonymized and
 * To Anonymize; writes Anonymized, Anonymized Date, To Anonymize, Blocked
 * and the --set columns.
 *
 * Exit status: 0 success, 1 data error, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
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
#include "logw.h"
#include "opts.h"
#include "version.h"

/* Log rows held until the rows they vouch for are written: at most. */
#define PENDING_MAX	(64 * 1024)

/* What an output column receives. */
enum {
	V_KEEP,		/* the input's value */
	V_TEXT,		/* a fixed text */
	V_TRUE,		/* true, in the spelling of the input's value */
	V_FALSE		/* false, likewise */
};

struct outcol {
	int		 kind;	/* V_* */
	const char	*text;	/* V_TEXT: the value */
	size_t		 len;
};

struct setopt {
	char	*col;
	char	*val;
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ANONYMIZED_COLUMN = 256, OPT_ANONYMIZED_DATE_COLUMN,
	OPT_BLOCKED_COLUMN, OPT_CUSTOMER_KEY, OPT_LOG, OPT_NOW, OPT_QUOTE_ALL,
	OPT_SET, OPT_TO_ANONYMIZE_COLUMN, OPT_USER, OPT_VERSION
};

static const struct option longopts[] = {
	{ "anonymized-column",	required_argument, NULL,
	    OPT_ANONYMIZED_COLUMN },
	{ "anonymized-date-column", required_argument, NULL,
	    OPT_ANONYMIZED_DATE_COLUMN },
	{ "blocked-column",	required_argument, NULL, OPT_BLOCKED_COLUMN },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "log",		required_argument, NULL, OPT_LOG },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "set",		required_argument, NULL, OPT_SET },
	{ "to-anonymize-column", required_argument, NULL,
	    OPT_TO_ANONYMIZE_COLUMN },
	{ "user",		required_argument, NULL, OPT_USER },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: stamp [--set COL=VALUE]... [--user ID] [--now TS] [--log FILE]\n"
"           [-d C] [--quote-all] [--customer-key COL] [column options] [FILE]\n"
"\n"
"Marks every row anonymized: Anonymized = Yes, Anonymized Date = now,\n"
"To Anonymize = No and Blocked = All where those columns exist; a missing\n"
"Anonymized or Anonymized Date column is appended.\n"
"\n"
"  --set COL=VALUE        also set COL (repeatable; overrides the defaults)\n"
"  --user ID              the user written in log rows\n"
"  --now TS               the clock (a date or an ISO 8601 date-time)\n"
"  --log FILE             append an Anonymized log row per row\n"
"  -d, --delimiter C      field delimiter (default ,)\n"
"  --quote-all            quote every output field\n"
"  --customer-key COL     the customer number column (default No.)\n"
"  --anonymized-column COL, --anonymized-date-column COL,\n"
"  --to-anonymize-column COL, --blocked-column COL\n"
"                         rename the columns written\n"
"  --help, --version\n");
}

/*
 * boolword: truth spelled like the boolean word s[0..n): 1/0,
 * true/false or yes/no, all lower case, all upper case or capitalised.
 * Text that is not a boolean word gives Yes/No.
 */
static const char *
boolword(const char *s, size_t n, int truth)
{
	static const char *words[3][3][2] = {
		{ { "no", "yes" }, { "NO", "YES" }, { "No", "Yes" } },
		{ { "false", "true" }, { "FALSE", "TRUE" },
		    { "False", "True" } },
		{ { "0", "1" }, { "0", "1" }, { "0", "1" } }
	};
	size_t i, lower = 0, upper = 0;
	int fam, style, v;

	if (n == 0 || bool_parse(s, n, &v) == -1)
		return truth ? "Yes" : "No";
	switch (s[0]) {
	case 'y': case 'Y': case 'n': case 'N':
		fam = 0;
		break;
	case 't': case 'T': case 'f': case 'F':
		fam = 1;
		break;
	case '0': case '1':
		fam = 2;
		break;
	default:
		return truth ? "Yes" : "No";
	}
	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			lower++;
		else if (s[i] >= 'A' && s[i] <= 'Z')
			upper++;
	}
	if (upper == 0)
		style = 0;
	else if (lower == 0 && n > 1)
		style = 1;
	else
		style = 2;
	return words[fam][style][truth];
}

/*
 * logpending: write the log rows of the customers in pending (each a
 * size_t length and its bytes), whose stamped rows have been written
 * out, and empty it.  A customer is logged "Anonymized" only once its
 * row has left this program.
 */
static void
logpending(struct logw *log, struct buf *pending)
{
	size_t off = 0, n;

	while (off < pending->n) {
		memcpy(&n, pending->p + off, sizeof(n));
		off += sizeof(n);
		logw_add(log, pending->p + off, n, 1, "");
		off += n;
	}
	buf_reset(pending);
}

/* The command line. */
struct args {
	struct setopt	*sets;		/* --set, in the order given */
	size_t		 nsets;
	const char	*path;		/* the customers, NULL: stdin */
	const char	*keycol;	/* --customer-key */
	const char	*anoncol;	/* the columns written, renamable */
	const char	*datecol;
	const char	*toanoncol;
	const char	*blockedcol;
	const char	*logpath;	/* --log, or NULL */
	const char	*nowarg;	/* --now, or NULL */
	const char	*user;		/* --user, or NULL */
	int		 delim;
	int		 quote_all;
};

/* A run over the customer stream. */
struct run {
	struct csvr	*r;
	struct csvw	*w;
	struct logw	*log;
	struct outcol	*oc;		/* what each output column receives */
	size_t		 nout;		/* output columns: input's + appended */
	size_t		 keyi;		/* the key column (--log) */
	char		 stamp[21];	/* now, ISO 8601 UTC */
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
		usage();
		exit(0);
	case OPT_ANONYMIZED_COLUMN:
		a->anoncol = arg;
		break;
	case OPT_ANONYMIZED_DATE_COLUMN:
		a->datecol = arg;
		break;
	case OPT_BLOCKED_COLUMN:
		a->blockedcol = arg;
		break;
	case OPT_CUSTOMER_KEY:
		a->keycol = arg;
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
	case OPT_SET:
		a->sets = xreallocarray(a->sets, a->nsets + 1,
		    sizeof(*a->sets));
		opts_split("--set", arg, &a->sets[a->nsets].col,
		    &a->sets[a->nsets].val);
		a->nsets++;
		break;
	case OPT_TO_ANONYMIZE_COLUMN:
		a->toanoncol = arg;
		break;
	case OPT_USER:
		a->user = arg;
		break;
	case OPT_VERSION:
		printf("stamp custanon %s\n", CUSTANON_VERSION);
		exit(0);
	default:
		diag_usage("bad option");
	}
}

/* parse: the command line into a; a usage error exits 2. */
static void
parse(struct args *a, int argc, char *argv[])
{
	int ch;

	memset(a, 0, sizeof(*a));
	a->keycol = "No.";
	a->anoncol = "Anonymized";
	a->datecol = "Anonymized Date";
	a->toanoncol = "To Anonymize";
	a->blockedcol = "Blocked";
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (argc - optind > 1)
		diag_usage("too many files");
	if (strcmp(a->anoncol, a->datecol) == 0)
		diag_usage("the Anonymized and Anonymized Date columns must "
		    "differ");
	a->path = argv[optind];
}

/* args_free: what parse allocated. */
static void
args_free(struct args *a)
{
	size_t i;

	for (i = 0; i < a->nsets; i++) {
		free(a->sets[i].col);
		free(a->sets[i].val);
	}
	free(a->sets);
}

/*
 * layout: what each output column receives, the input's columns then any
 * appended (Anonymized, Anonymized Date), and the header written.  A
 * --set column missing from the input exits 1.
 */
static void
layout(struct run *x, const struct args *a, const struct csvr_row *hdr)
{
	struct outcol *oc;
	long anoni, datei, ci;
	size_t i;

	anoni = hdr_find(hdr, a->anoncol);
	datei = hdr_find(hdr, a->datecol);
	x->nout = hdr->nf;
	if (anoni == -1)
		anoni = (long)x->nout++;
	if (datei == -1)
		datei = (long)x->nout++;
	x->oc = oc = xcalloc(x->nout, sizeof(*oc));
	oc[anoni].kind = V_TRUE;
	oc[datei].kind = V_TEXT;
	oc[datei].text = x->stamp;
	oc[datei].len = strlen(x->stamp);
	if ((ci = hdr_find(hdr, a->toanoncol)) != -1 && ci != anoni &&
	    ci != datei)
		oc[ci].kind = V_FALSE;
	if ((ci = hdr_find(hdr, a->blockedcol)) != -1 && ci != anoni &&
	    ci != datei) {
		oc[ci].kind = V_TEXT;
		oc[ci].text = "All";
		oc[ci].len = 3;
	}
	for (i = 0; i < a->nsets; i++) {
		if (strcmp(a->sets[i].col, a->anoncol) == 0)
			ci = anoni;
		else if (strcmp(a->sets[i].col, a->datecol) == 0)
			ci = datei;
		else
			ci = (long)hdr_need(x->r, hdr, a->sets[i].col);
		oc[ci].kind = V_TEXT;
		oc[ci].text = a->sets[i].val;
		oc[ci].len = strlen(a->sets[i].val);
	}
	x->w = csvw_like(STDOUT_FILENO, x->r, a->quote_all);
	for (i = 0; i < x->nout; i++)
		if (i < hdr->nf)
			csvw_field(x->w, hdr->f[i].p, hdr->f[i].n);
		else
			csvw_str(x->w, (long)i == anoni ? a->anoncol :
			    a->datecol);
	csvw_endrow(x->w);
}

/* plan: the clock, the log, the customers' header and the layout. */
static void
plan(struct run *x, struct args *a)
{
	const struct csvr_row *hdr;
	time_t now;

	now = date_now(a->nowarg);
	date_stamp(now, x->stamp);
	if (a->user == NULL)
		a->user = opts_user();
	x->log = logw_open(a->logpath, a->user, now);
	x->r = csvr_start(a->path, a->delim, &hdr);
	if (a->logpath != NULL)
		x->keyi = hdr_need(x->r, hdr, a->keycol);
	layout(x, a, hdr);
}

/* put_row: write row stamped. */
static void
put_row(struct run *x, const struct csvr_row *row)
{
	const struct outcol *oc = x->oc;
	size_t i;

	for (i = 0; i < x->nout; i++) {
		switch (oc[i].kind) {
		case V_KEEP:
			csvw_field(x->w, row->f[i].p, row->f[i].n);
			break;
		case V_TEXT:
			csvw_field(x->w, oc[i].text, oc[i].len);
			break;
		default:
			csvw_str(x->w, i < row->nf ? boolword(row->f[i].p,
			    row->f[i].n, oc[i].kind == V_TRUE) : "Yes");
		}
	}
	csvw_endrow(x->w);
}

/*
 * stream: write every row stamped; with --log, log each customer once
 * its row has been written out.
 */
static void
stream(struct run *x, const struct args *a)
{
	const struct csvr_row *row;
	struct buf pending = { NULL, 0, 0 };
	int rc;

	while ((rc = csvr_next(x->r, &row)) == 1) {
		put_row(x, row);
		if (a->logpath == NULL)
			continue;
		buf_add(&pending, &row->f[x->keyi].n, sizeof(size_t));
		buf_add(&pending, row->f[x->keyi].p, row->f[x->keyi].n);
		if (pending.n >= PENDING_MAX) {
			if (csvw_flush(x->w) == -1)
				diag_die(EXIT_DATA, "<stdout>: write error: %s",
				    strerror(errno));
			logpending(x->log, &pending);
		}
	}
	if (rc == -1)
		csvr_die(x->r);
	csvw_finish(x->w, NULL);
	logpending(x->log, &pending);
	buf_free(&pending);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct run x;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	memset(&x, 0, sizeof(x));
	plan(&x, &a);
	stream(&x, &a);
	csvr_close(x.r);
	logw_close(x.log);
	args_free(&a);
	free(x.oc);
	return 0;
}
