/*
 * csvget: the pipelines' way to read a CSV file from shell without
 * parsing CSV in shell.
 *
 * Reads FILE (CSV with a header) and, of the rows that match every
 * --where COL=FILTER (the filter syntax of the filters), writes:
 *   by default   the named COLUMNs, separated by tabs, one line per row
 *                (a column named "?COL" reads as empty when absent);
 *   --count      the number of matching rows;
 *   --csv        the matching rows as CSV, header kept (only the named
 *                COLUMNs, in their order, when some are named);
 *   --header     the header's column names, one per line; with several
 *                FILEs (no COLUMNs then), "FILE<TAB>NAME" lines for
 *                each file in turn;
 *   --is-sorted COL   "yes" when COL ascends strictly in byte order
 *                over the matching rows, else "no".
 * --first stops after the first matching row.  An empty file is an
 * error (an export always has its header).  Line output refuses a value
 * holding a tab, CR or LF, so that one line always is one row; with
 * --printable it writes each control character as '?' instead (for
 * display).
 *
 * Exit status: 0 success; 1 data error (malformed CSV, a missing column,
 * a value that cannot be written as a line); 2 usage error.
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
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "opts.h"
#include "version.h"

enum mode { M_LINES, M_COUNT, M_CSV, M_HEADER, M_SORTED };

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_COUNT = 256, OPT_CSV, OPT_FIRST, OPT_HEADER, OPT_IS_SORTED,
	OPT_PRINTABLE, OPT_QUOTE_ALL, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "count",		no_argument,       NULL, OPT_COUNT },
	{ "csv",		no_argument,       NULL, OPT_CSV },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "first",		no_argument,       NULL, OPT_FIRST },
	{ "header",		no_argument,       NULL, OPT_HEADER },
	{ "help",		no_argument,       NULL, 'h' },
	{ "is-sorted",		required_argument, NULL, OPT_IS_SORTED },
	{ "printable",		no_argument,       NULL, OPT_PRINTABLE },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: csvget [-d C] [--where COL=FILTER]... [--first] [--printable]\n"
"              [--count | --csv | --header | --is-sorted COL] FILE [COLUMN...]\n"
"       csvget --header FILE FILE...\n"
"\n"
"Writes the COLUMNs of the rows of FILE that match every --where, one\n"
"line per row, tab-separated (\"?COL\": empty when the column is absent).\n"
"\n"
"  --where COL=FILTER   only rows whose COL matches FILTER (repeatable)\n"
"  --first              stop after the first matching row\n"
"  --printable          write control characters of values as ?\n"
"  --count              print the number of matching rows\n"
"  --csv                write the matching rows (or COLUMNs) as CSV\n"
"  --header             print the column names, one per line (with several\n"
"                       FILEs: FILE<TAB>NAME)\n"
"  --is-sorted COL      print yes when COL ascends strictly (bytes), else no\n"
"  -d, --delimiter C    field delimiter (default ,)\n"
"  --quote-all          quote every CSV output field\n"
"  --help, --version\n");
}

/* lineable: 0 when p[0..n) holds a tab, CR or LF. */
static int
lineable(const char *p, size_t n)
{
	return memchr(p, '\t', n) == NULL && memchr(p, '\r', n) == NULL &&
	    memchr(p, '\n', n) == NULL;
}

/*
 * put_value: write field f as part of a line: with printable, each
 * control character as '?'; else a tab, CR or LF is a data error naming
 * column col of r at line.
 */
static void
put_value(const struct csvr_field *f, int printable, const struct csvr *r,
    unsigned long line, const char *col)
{
	size_t i;

	if (!printable) {
		if (!lineable(f->p, f->n))
			diag_die_at(EXIT_DATA, csvr_name(r), line,
			    "column '%s' holds a tab or line break", col);
		fwrite(f->p, 1, f->n, stdout);
		return;
	}
	for (i = 0; i < f->n; i++)
		putchar((unsigned char)f->p[i] < 0x20 || f->p[i] == 0x7f ?
		    '?' : f->p[i]);
}

/* keycmp: byte order of a[0..an) and b[0..bn), shorter first on a tie. */
static int
keycmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c;

	if ((c = memcmp(a, b, an < bn ? an : bn)) != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

/* headers: print "FILE<TAB>NAME" for each column of each of the n files. */
static void
headers(char **files, size_t n, int delim)
{
	const struct csvr_row *hdr;
	struct csvr *r;
	size_t i, j;

	for (i = 0; i < n; i++) {
		r = csvr_start(files[i], delim, &hdr);
		for (j = 0; j < hdr->nf; j++) {
			if (!lineable(hdr->f[j].p, hdr->f[j].n) ||
			    !lineable(files[i], strlen(files[i])))
				diag_die_at(EXIT_DATA, csvr_name(r), 1,
				    "a column or file name holds a tab or "
				    "line break");
			printf("%s\t%s\n", files[i], hdr->f[j].p);
		}
		csvr_close(r);
	}
	if (fflush(stdout) == EOF || ferror(stdout))
		diag_die(EXIT_DATA, "write error: %s", strerror(errno));
}

int
main(int argc, char *argv[])
{
	struct wherelist where = { NULL, 0, NULL };
	const struct csvr_row *hdr = NULL, *row;
	struct csvr *r;
	struct csvw *w = NULL;
	struct buf prev = { NULL, 0, 0 };
	enum mode mode = M_LINES;
	const char *path, *sortcol = NULL, *name;
	long *col = NULL;
	size_t ncol, i, si = 0;
	unsigned long count = 0;
	int ch, delim = ',', quote_all = 0, first = 0, rc, nmodes = 0;
	int sorted = 1, have = 0, printable = 0;

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
		case OPT_COUNT:
			mode = M_COUNT;
			nmodes++;
			break;
		case OPT_CSV:
			mode = M_CSV;
			nmodes++;
			break;
		case OPT_FIRST:
			first = 1;
			break;
		case OPT_HEADER:
			mode = M_HEADER;
			nmodes++;
			break;
		case OPT_PRINTABLE:
			printable = 1;
			break;
		case OPT_IS_SORTED:
			mode = M_SORTED;
			sortcol = optarg;
			nmodes++;
			break;
		case OPT_QUOTE_ALL:
			quote_all = 1;
			break;
		case OPT_VERSION:
			printf("csvget custanon %s\n", CUSTANON_VERSION);
			return 0;
		case OPT_WHERE:
			where_add(&where, "--where", optarg);
			break;
		default:
			diag_usage("bad option");
		}
	}
	if (nmodes > 1)
		diag_usage("--count, --csv, --header and --is-sorted exclude "
		    "each other");
	if (optind >= argc)
		diag_usage("no file given");
	path = argv[optind++];
	ncol = (size_t)(argc - optind);
	if (ncol == 0 && mode == M_LINES)
		diag_usage("no column given");
	if (mode == M_HEADER && ncol > 0) {
		headers(argv + optind - 1, ncol + 1, delim);
		return 0;
	}
	if (ncol > 0 && (mode == M_COUNT || mode == M_SORTED))
		diag_usage("columns are only printed by default or with --csv");

	r = csvr_start(path, delim, &hdr);
	col = xcalloc(ncol + 1, sizeof(*col));
	for (i = 0; i < ncol; i++) {
		name = argv[optind + i];
		if (*name == '?')
			col[i] = hdr_find(hdr, name + 1);
		else
			col[i] = (long)hdr_need(r, hdr, name);
	}
	where_bind(&where, r, hdr);
	if (mode == M_SORTED)
		si = hdr_need(r, hdr, sortcol);
	rc = 1;

	if (mode == M_HEADER) {
		for (i = 0; i < hdr->nf; i++) {
			if (!lineable(hdr->f[i].p, hdr->f[i].n))
				diag_die_at(EXIT_DATA, csvr_name(r), 1,
				    "a column name holds a tab or line break");
			printf("%s\n", hdr->f[i].p);
		}
		rc = 0;
	}
	if (mode == M_CSV) {
		w = csvw_like(STDOUT_FILENO, r, quote_all);
		if (ncol == 0)
			csvw_row(w, hdr);
		else {
			for (i = 0; i < ncol; i++)
				csvw_str(w, argv[optind + i] +
				    (*argv[optind + i] == '?'));
			csvw_endrow(w);
		}
	}
	while (rc == 1 && (rc = csvr_next(r, &row)) == 1) {
		if (!where_match(&where, row))
			continue;
		count++;
		switch (mode) {
		case M_LINES:
			for (i = 0; i < ncol; i++) {
				if (col[i] != -1)
					put_value(&row->f[col[i]], printable,
					    r, row->line,
					    argv[optind + i] +
					    (*argv[optind + i] == '?'));
				putchar(i + 1 < ncol ? '\t' : '\n');
			}
			break;
		case M_CSV:
			if (ncol == 0)
				csvw_row(w, row);
			else {
				for (i = 0; i < ncol; i++)
					if (col[i] == -1)
						csvw_field(w, "", 0);
					else
						csvw_field(w, row->f[col[i]].p,
						    row->f[col[i]].n);
				csvw_endrow(w);
			}
			break;
		case M_SORTED:
			if (have && keycmp(prev.p, prev.n, row->f[si].p,
			    row->f[si].n) >= 0)
				sorted = 0;
			buf_reset(&prev);
			buf_add(&prev, row->f[si].p, row->f[si].n);
			have = 1;
			break;
		default:
			break;
		}
		if (first || (mode == M_SORTED && !sorted))
			break;
	}
	if (rc == -1)
		csvr_die(r);
	if (mode == M_COUNT)
		printf("%lu\n", count);
	else if (mode == M_SORTED)
		printf("%s\n", sorted ? "yes" : "no");
	if (w != NULL)
		csvw_finish(w, NULL);
	if (fflush(stdout) == EOF || ferror(stdout))
		diag_die(EXIT_DATA, "write error: %s", strerror(errno));
	csvr_close(r);
	where_free(&where);
	buf_free(&prev);
	free(col);
	return 0;
}
