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

int
main(int argc, char *argv[])
{
	const char *keycol = "No.", *anoncol = "Anonymized";
	const char *datecol = "Anonymized Date", *toanoncol = "To Anonymize";
	const char *blockedcol = "Blocked";
	const char *logpath = NULL, *nowarg = NULL, *user = NULL, *path;
	const struct csvr_row *hdr, *row;
	struct setopt *sets = NULL;
	struct outcol *oc;
	struct csvr *r;
	struct csvw *w;
	struct logw *log;
	struct buf pending = { NULL, 0, 0 };
	const char *word;
	char stampbuf[21];
	size_t nsets = 0, i, nout, keyi = 0, stamplen;
	long anoni, datei, ci;
	time_t now;
	int ch, delim = ',', quote_all = 0, rc;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			delim = opts_delim(optarg);
			break;
		case 'h':
			usage();
			return 0;
		case OPT_ANONYMIZED_COLUMN:
			anoncol = optarg;
			break;
		case OPT_ANONYMIZED_DATE_COLUMN:
			datecol = optarg;
			break;
		case OPT_BLOCKED_COLUMN:
			blockedcol = optarg;
			break;
		case OPT_CUSTOMER_KEY:
			keycol = optarg;
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
		case OPT_SET:
			sets = xreallocarray(sets, nsets + 1, sizeof(*sets));
			opts_split("--set", optarg, &sets[nsets].col,
			    &sets[nsets].val);
			nsets++;
			break;
		case OPT_TO_ANONYMIZE_COLUMN:
			toanoncol = optarg;
			break;
		case OPT_USER:
			user = optarg;
			break;
		case OPT_VERSION:
			printf("stamp custanon %s\n", CUSTANON_VERSION);
			return 0;
		default:
			diag_usage("bad option");
		}
	}
	if (argc - optind > 1)
		diag_usage("too many files");
	if (strcmp(anoncol, datecol) == 0)
		diag_usage("the Anonymized and Anonymized Date columns must "
		    "differ");
	path = argv[optind];
	now = date_now(nowarg);
	date_stamp(now, stampbuf);
	stamplen = strlen(stampbuf);
	if (user == NULL)
		user = opts_user();
	log = logw_open(logpath, user, now);

	r = csvr_start(path, delim, &hdr);
	if (logpath != NULL)
		keyi = hdr_need(r, hdr, keycol);

	/* Lay out the output columns: the input's, then any appended. */
	anoni = hdr_find(hdr, anoncol);
	datei = hdr_find(hdr, datecol);
	nout = hdr->nf;
	if (anoni == -1)
		anoni = (long)nout++;
	if (datei == -1)
		datei = (long)nout++;
	oc = xcalloc(nout, sizeof(*oc));
	oc[anoni].kind = V_TRUE;
	oc[datei].kind = V_TEXT;
	oc[datei].text = stampbuf;
	oc[datei].len = stamplen;
	if ((ci = hdr_find(hdr, toanoncol)) != -1 && ci != anoni &&
	    ci != datei)
		oc[ci].kind = V_FALSE;
	if ((ci = hdr_find(hdr, blockedcol)) != -1 && ci != anoni &&
	    ci != datei) {
		oc[ci].kind = V_TEXT;
		oc[ci].text = "All";
		oc[ci].len = 3;
	}
	for (i = 0; i < nsets; i++) {
		if (strcmp(sets[i].col, anoncol) == 0)
			ci = anoni;
		else if (strcmp(sets[i].col, datecol) == 0)
			ci = datei;
		else
			ci = (long)hdr_need(r, hdr, sets[i].col);
		oc[ci].kind = V_TEXT;
		oc[ci].text = sets[i].val;
		oc[ci].len = strlen(sets[i].val);
	}

	w = csvw_like(STDOUT_FILENO, r, quote_all);
	for (i = 0; i < nout; i++)
		if (i < hdr->nf)
			csvw_field(w, hdr->f[i].p, hdr->f[i].n);
		else
			csvw_str(w, (long)i == anoni ? anoncol : datecol);
	csvw_endrow(w);

	while ((rc = csvr_next(r, &row)) == 1) {
		for (i = 0; i < nout; i++) {
			switch (oc[i].kind) {
			case V_KEEP:
				csvw_field(w, row->f[i].p, row->f[i].n);
				break;
			case V_TEXT:
				csvw_field(w, oc[i].text, oc[i].len);
				break;
			default:
				if (i < row->nf)
					word = boolword(row->f[i].p,
					    row->f[i].n, oc[i].kind == V_TRUE);
				else
					word = "Yes";
				csvw_str(w, word);
			}
		}
		csvw_endrow(w);
		if (logpath != NULL) {
			buf_add(&pending, &row->f[keyi].n, sizeof(size_t));
			buf_add(&pending, row->f[keyi].p, row->f[keyi].n);
			if (pending.n >= PENDING_MAX) {
				if (csvw_flush(w) == -1)
					diag_die(EXIT_DATA, "<stdout>: write "
					    "error: %s", strerror(errno));
				logpending(log, &pending);
			}
		}
	}
	if (rc == -1)
		csvr_die(r);
	csvw_finish(w, NULL);
	logpending(log, &pending);
	csvr_close(r);
	logw_close(log);
	buf_free(&pending);
	for (i = 0; i < nsets; i++) {
		free(sets[i].col);
		free(sets[i].val);
	}
	free(sets);
	free(oc);
	return 0;
}
