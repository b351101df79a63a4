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
 *                over the matching rows, else "no";
 *   --sort-lines COL  one line per record, for sort(1): first the
 *                header, then each matching row, each as the hex of its
 *                COL (empty for the header), a tab, a tag ("h" and the
 *                file's delimiter, CRLF and BOM for the header, "r" for a
 *                row), a tab, and its fields tab-separated with "\\",
 *                tab, LF, CR and NUL escaped as \\, \t, \n, \r, \0.
 *                `LC_ALL=C sort -s -t TAB -k 1,1` orders them by COL in
 *                byte order, the header first;
 *   --from-lines  FILE ("-": standard input) holds such lines: write them
 *                back as CSV (the header's delimiter, line ending, BOM).
 * csvget --rename FROM TO renames FROM to TO unless TO exists (even as a
 * dangling symbolic link, which is never followed): renameat2 with
 * RENAME_NOREPLACE, so that no check can race the rename.
 * --first stops after the first matching row.  An empty file is an
 * error (an export always has its header).  Line output refuses a value
 * holding a tab, CR or LF, so that one line always is one row; with
 * --printable it writes each control character as '?' instead (for
 * display).
 *
 * Exit status: 0 success; 1 data error (malformed CSV, a missing column,
 * a value that cannot be written as a line); 2 usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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

enum mode {
	M_LINES, M_COUNT, M_CSV, M_HEADER, M_SORTED, M_SORTLINES, M_FROMLINES,
	M_RENAME
};

static void
usage(void)
{
	printf(
"usage: csvget [-d C] [--where COL=FILTER]... [--first] [--printable]\n"
"              [--count | --csv | --header | --is-sorted COL |\n"
"               --sort-lines COL] FILE [COLUMN...]\n"
"       csvget --header FILE FILE...\n"
"       csvget --from-lines FILE\n"
"       csvget --rename FROM TO\n"
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
"  --sort-lines COL     write each record as one line keyed by COL, for\n"
"                       LC_ALL=C sort -s -t TAB -k 1,1\n"
"  --from-lines         write such lines (sorted) back as CSV\n"
"  --rename FROM TO     rename FROM to TO unless TO exists\n"
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

/* put_escaped: write p[0..n) with \\, tab, LF, CR and NUL escaped. */
static void
put_escaped(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (p[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\0': fputs("\\0", stdout); break;
		default: putchar(p[i]);
		}
}

/* put_record: write row's fields escaped, tab-separated, then LF. */
static void
put_record(const struct csvr_row *row)
{
	size_t i;

	for (i = 0; i < row->nf; i++) {
		if (i > 0)
			putchar('\t');
		put_escaped(row->f[i].p, row->f[i].n);
	}
	putchar('\n');
}

/*
 * from_lines: write the lines of --sort-lines in path ("-": standard
 * input) back as CSV on standard output; exits on malformed input.
 */
static void
from_lines(const char *path, int quote_all)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL, *p, *e;
	size_t cap = 0, nf = 0, got;
	ssize_t len;
	unsigned long ln = 0;
	int delim, crlf, bom;
	struct csvw *w = NULL;
	struct buf f = { NULL, 0, 0 };

	if (fp == NULL)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, fp)) != -1) {
		ln++;
		if (len == 0 || line[len - 1] != '\n')
			diag_die_at(EXIT_DATA, path, ln, "line not ended");
		line[--len] = '\0';
		/* skip the key, read the tag */
		if ((p = memchr(line, '\t', (size_t)len)) == NULL ||
		    (e = strchr(++p, '\t')) == NULL)
			diag_die_at(EXIT_DATA, path, ln, "not a --sort-lines line");
		*e++ = '\0';
		if (w == NULL) {
			if (sscanf(p, "h%d,%d,%d", &delim, &crlf, &bom) != 3)
				diag_die_at(EXIT_DATA, path, ln,
				    "no header line first");
			w = csvw_new(STDOUT_FILENO, delim, crlf, bom, quote_all);
		} else if (strcmp(p, "r") != 0)
			diag_die_at(EXIT_DATA, path, ln, "not a row line");
		got = 0;
		for (p = e;; p++) {
			buf_reset(&f);
			for (; *p != '\0' && *p != '\t'; p++) {
				if (*p != '\\') {
					buf_addc(&f, *p);
					continue;
				}
				switch (*++p) {
				case '\\': buf_addc(&f, '\\'); break;
				case 't': buf_addc(&f, '\t'); break;
				case 'n': buf_addc(&f, '\n'); break;
				case 'r': buf_addc(&f, '\r'); break;
				case '0': buf_addc(&f, '\0'); break;
				default:
					diag_die_at(EXIT_DATA, path, ln,
					    "bad escape");
				}
			}
			csvw_field(w, f.p != NULL ? f.p : "", f.n);
			got++;
			if (*p == '\0')
				break;
		}
		if (nf == 0)
			nf = got;
		else if (got != nf)
			diag_die_at(EXIT_DATA, path, ln,
			    "%zu fields, the header has %zu", got, nf);
		csvw_endrow(w);
	}
	if (ferror(fp))
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	if (w == NULL)
		diag_die(EXIT_DATA, "%s: no header line", path);
	csvw_finish(w, NULL);
	buf_free(&f);
	free(line);
	if (fp != stdin)
		fclose(fp);
}

/* headers: print "FILE<TAB>NAME" for each column of each of the n files. */
static void
headers(char **files, size_t n, int delim)
{
	const struct csvr_row *hdr;
	struct csvr *r;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if ((r = csvr_open(files[i], delim)) == NULL)
			diag_die(EXIT_DATA, "%s: %s", files[i],
			    strerror(errno));
		if (csvr_header(r, &hdr) == -1)
			csvr_die(r);
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
	enum {
		O_COUNT = 256, O_CSV, O_FIRST, O_FROMLINES, O_HEADER,
		O_PRINTABLE, O_SORTED, O_QUOTEALL, O_RENAME, O_SORTLINES,
		O_VERSION, O_WHERE
	};
	static const struct option longopts[] = {
		{ "count",	no_argument,		NULL, O_COUNT },
		{ "csv",	no_argument,		NULL, O_CSV },
		{ "delimiter",	required_argument,	NULL, 'd' },
		{ "first",	no_argument,		NULL, O_FIRST },
		{ "from-lines",	no_argument,		NULL, O_FROMLINES },
		{ "header",	no_argument,		NULL, O_HEADER },
		{ "help",	no_argument,		NULL, 'h' },
		{ "is-sorted",	required_argument,	NULL, O_SORTED },
		{ "printable",	no_argument,		NULL, O_PRINTABLE },
		{ "quote-all",	no_argument,		NULL, O_QUOTEALL },
		{ "rename",	no_argument,		NULL, O_RENAME },
		{ "sort-lines",	required_argument,	NULL, O_SORTLINES },
		{ "version",	no_argument,		NULL, O_VERSION },
		{ "where",	required_argument,	NULL, O_WHERE },
		{ NULL,		0,			NULL, 0 }
	};
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
		case O_COUNT:
			mode = M_COUNT;
			nmodes++;
			break;
		case O_CSV:
			mode = M_CSV;
			nmodes++;
			break;
		case O_FIRST:
			first = 1;
			break;
		case O_HEADER:
			mode = M_HEADER;
			nmodes++;
			break;
		case O_PRINTABLE:
			printable = 1;
			break;
		case O_SORTED:
			mode = M_SORTED;
			sortcol = optarg;
			nmodes++;
			break;
		case O_QUOTEALL:
			quote_all = 1;
			break;
		case O_SORTLINES:
			mode = M_SORTLINES;
			sortcol = optarg;
			nmodes++;
			break;
		case O_FROMLINES:
			mode = M_FROMLINES;
			nmodes++;
			break;
		case O_RENAME:
			mode = M_RENAME;
			nmodes++;
			break;
		case O_VERSION:
			printf("csvget custanon %s\n", CUSTANON_VERSION);
			return 0;
		case O_WHERE:
			where_add(&where, "--where", optarg);
			break;
		default:
			diag_usage("bad option");
		}
	}
	if (nmodes > 1)
		diag_usage("--count, --csv, --header, --is-sorted, "
		    "--sort-lines, --from-lines and --rename exclude each other");
	if (optind >= argc)
		diag_usage("no file given");
	if (mode == M_RENAME) {
		if (argc - optind != 2)
			diag_usage("--rename takes FROM and TO");
		if (renameat2(AT_FDCWD, argv[optind], AT_FDCWD,
		    argv[optind + 1], RENAME_NOREPLACE) == -1)
			diag_die(EXIT_DATA, "cannot rename %s to %s: %s",
			    argv[optind], argv[optind + 1], strerror(errno));
		return 0;
	}
	if (mode == M_FROMLINES) {
		if (argc - optind != 1)
			diag_usage("--from-lines takes one FILE");
		from_lines(argv[optind], quote_all);
		return 0;
	}
	path = argv[optind++];
	ncol = (size_t)(argc - optind);
	if (ncol == 0 && mode == M_LINES)
		diag_usage("no column given");
	if (mode == M_HEADER && ncol > 0) {
		headers(argv + optind - 1, ncol + 1, delim);
		return 0;
	}
	if (ncol > 0 && (mode == M_COUNT || mode == M_SORTED ||
	    mode == M_SORTLINES))
		diag_usage("columns are only printed by default or with --csv");

	if ((r = csvr_open(path, delim)) == NULL)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	if (csvr_header(r, &hdr) == -1)
		csvr_die(r);
	col = xcalloc(ncol + 1, sizeof(*col));
	for (i = 0; i < ncol; i++) {
		name = argv[optind + i];
		if (*name == '?')
			col[i] = hdr_find(hdr, name + 1);
		else
			col[i] = (long)hdr_need(r, hdr, name);
	}
	where_bind(&where, r, hdr);
	if (mode == M_SORTED || mode == M_SORTLINES)
		si = hdr_need(r, hdr, sortcol);
	if (mode == M_SORTLINES) {
		printf("\th%d,%d,%d\t", csvr_delim(r), csvr_crlf(r),
		    csvr_bom(r));
		put_record(hdr);
	}
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
		case M_SORTLINES:
			for (i = 0; i < row->f[si].n; i++)
				printf("%02x",
				    (unsigned)(unsigned char)row->f[si].p[i]);
			fputs("\tr\t", stdout);
			put_record(row);
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
