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
 *   --copy       the matching rows (only the named COLUMNs, in their
 *                order, when some are named) in PostgreSQL's COPY text
 *                format, no header: fields separated by tabs, a
 *                backslash, tab, LF and CR escaped (\\, \t, \n, \r), an
 *                empty field empty text, never NULL;
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
 *                back as CSV (the header's delimiter, line ending, BOM);
 *   --changed ORIGINALS  the columns of FILE, one a line, that some row
 *                changes against its row in ORIGINALS (the one with the
 *                same values of the COLUMNs, its primary key), or that
 *                ORIGINALS lacks; the COLUMNs themselves aside.  FILE's
 *                rows are read as a subsequence of ORIGINALS' (the order
 *                of a scrub's output); a row not found so makes every
 *                column count as changed;
 *   --changed-list  FILE ("-": standard input) holds one such question
 *                a line, ORIGINALS, the FILE and its KEYs separated by
 *                tabs: the answers, each column as "FILE<TAB>COLUMN"
 *                (the job's import asks for all its change files at
 *                once: a process each would cost more than the reading).
 * csvget --rename FROM TO renames FROM to TO unless TO exists (even as a
 * dangling symbolic link, which is never followed): renameat2 with
 * RENAME_NOREPLACE, so that no check can race the rename.
 * csvget --copy-list LIST and --rename-list LIST do --copy (into a file)
 * and --rename for each line of LIST, their arguments separated by tabs:
 * the PostgreSQL wrapper converts and renames dozens of files a run, and
 * a process each cost more than the work.
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
	M_LINES, M_COUNT, M_CSV, M_HEADER, M_SORTED, M_COPY, M_SORTLINES,
	M_COPYLIST, M_RENAMELIST,
	M_FROMLINES, M_RENAME, M_CHANGED, M_CHANGEDLIST
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_CHANGED = 256, OPT_CHANGED_LIST, OPT_COPY, OPT_COPY_LIST,
	OPT_COUNT, OPT_CSV, OPT_FIRST, OPT_FROM_LINES, OPT_HEADER,
	OPT_IS_SORTED, OPT_PRINTABLE, OPT_QUOTE_ALL, OPT_RENAME,
	OPT_RENAME_LIST, OPT_SORT_LINES, OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "changed",		required_argument, NULL, OPT_CHANGED },
	{ "changed-list",	no_argument,       NULL, OPT_CHANGED_LIST },
	{ "copy",		no_argument,       NULL, OPT_COPY },
	{ "copy-list",		no_argument,       NULL, OPT_COPY_LIST },
	{ "count",		no_argument,       NULL, OPT_COUNT },
	{ "csv",		no_argument,       NULL, OPT_CSV },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "first",		no_argument,       NULL, OPT_FIRST },
	{ "from-lines",		no_argument,       NULL, OPT_FROM_LINES },
	{ "header",		no_argument,       NULL, OPT_HEADER },
	{ "help",		no_argument,       NULL, 'h' },
	{ "is-sorted",		required_argument, NULL, OPT_IS_SORTED },
	{ "printable",		no_argument,       NULL, OPT_PRINTABLE },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "rename",		no_argument,       NULL, OPT_RENAME },
	{ "rename-list",	no_argument,       NULL, OPT_RENAME_LIST },
	{ "sort-lines",		required_argument, NULL, OPT_SORT_LINES },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: csvget [-d C] [--where COL=FILTER]... [--first] [--printable]\n"
"              [--count | --csv | --copy | --header | --is-sorted COL]\n"
"              FILE [COLUMN...]\n"
"       csvget --header FILE FILE...\n"
"       csvget --from-lines FILE\n"
"       csvget --rename FROM TO\n"
"       csvget --changed ORIGINALS FILE KEY...\n"
"       csvget --changed-list FILE\n"
"       csvget --copy-list FILE\n"
"       csvget --rename-list FILE\n"
"\n"
"Writes the COLUMNs of the rows of FILE that match every --where, one\n"
"line per row, tab-separated (\"?COL\": empty when the column is absent).\n"
"\n"
"  --where COL=FILTER   only rows whose COL matches FILTER (repeatable)\n"
"  --values COL=V1|V2|... the values COL may hold where a --where reads\n"
"                       it (#integer: a whole number); others: exit 1\n"
"  --first              stop after the first matching row\n"
"  --printable          write control characters of values as ?\n"
"  --count              print the number of matching rows\n"
"  --csv                write the matching rows (or COLUMNs) as CSV\n"
"  --copy               write them in PostgreSQL's COPY text format\n"
"  --header             print the column names, one per line (with several\n"
"                       FILEs: FILE<TAB>NAME)\n"
"  --is-sorted COL      print yes when COL ascends strictly (bytes), else no\n"
"  --sort-lines COL     write each record as one line keyed by COL, for\n"
"                       LC_ALL=C sort -s -t TAB -k 1,1\n"
"  --from-lines         write such lines (sorted) back as CSV\n"
"  --rename FROM TO     rename FROM to TO unless TO exists\n"
"  --changed ORIGINALS  print the columns of FILE that differ from ORIGINALS\n"
"                       in some row (rows matched by the KEY columns)\n"
"  --changed-list       the same for each line ORIGINALS<TAB>FILE<TAB>KEY...\n"
"                       of FILE (- for standard input): FILE<TAB>COLUMN\n"
"  --copy-list          for each line IN<TAB>OUT<TAB>COLUMN... of FILE,\n"
"                       IN's COLUMNs as --copy writes them into OUT (0600)\n"
"  --rename-list        for each line FROM<TAB>TO of FILE, --rename FROM TO\n"
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

/*
 * put_copy: field p[0..n) in PostgreSQL's COPY text format: a backslash,
 * tab, LF and CR escaped, so that an empty field is empty text (never
 * NULL) and no data line reads as the end marker.
 */
static void
put_copy(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		default:
			putchar(p[i]);
		}
	}
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

/* samekey: row a (key columns ka) and row b (kb) agree on all n keys. */
static int
samekey(const struct csvr_row *a, const size_t *ka, const struct csvr_row *b,
    const size_t *kb, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a->f[ka[i]].n != b->f[kb[i]].n || memcmp(a->f[ka[i]].p,
		    b->f[kb[i]].p, a->f[ka[i]].n) != 0)
			return 0;
	return 1;
}

struct args;
static void	changed(const char *, const char *, char **, size_t, int,
		    const char *);
static void	changed_list(const char *, int);
static void	copy_list(const char *, int);
static void	rename_list(const char *);

/* The command line. */
struct args {
	struct wherelist where;		/* --where */
	enum mode	 mode;
	int		 nmodes;	/* mode options given */
	const char	*path;		/* FILE */
	char		**cols;		/* the COLUMNs ("?COL": optional) */
	size_t		 ncol;
	const char	*sortcol;	/* --is-sorted COL */
	const char	*orig;		/* --changed ORIGINALS */
	int		 delim;
	int		 quote_all;
	int		 first;		/* --first */
	int		 printable;	/* --printable */
};

/* A run over FILE. */
struct run {
	struct csvr	*r;
	struct csvw	*w;		/* --csv */
	long		*col;		/* column of each COLUMN, -1: absent */
	size_t		 si;		/* the --is-sorted column */
	unsigned long	 count;		/* matching rows */
	struct buf	 prev;		/* --is-sorted: the key before */
	int		 have;		/* prev holds a key */
	int		 sorted;	/* the keys so far ascend */
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
	case OPT_CHANGED:
		a->mode = M_CHANGED;
		a->orig = arg;
		a->nmodes++;
		break;
	case OPT_CHANGED_LIST:
		a->mode = M_CHANGEDLIST;
		a->nmodes++;
		break;
	case OPT_COPY:
		a->mode = M_COPY;
		a->nmodes++;
		break;
	case OPT_COUNT:
		a->mode = M_COUNT;
		a->nmodes++;
		break;
	case OPT_CSV:
		a->mode = M_CSV;
		a->nmodes++;
		break;
	case OPT_FIRST:
		a->first = 1;
		break;
	case OPT_HEADER:
		a->mode = M_HEADER;
		a->nmodes++;
		break;
	case OPT_IS_SORTED:
		a->mode = M_SORTED;
		a->sortcol = arg;
		a->nmodes++;
		break;
	case OPT_PRINTABLE:
		a->printable = 1;
		break;
	case OPT_QUOTE_ALL:
		a->quote_all = 1;
		break;
	case OPT_SORT_LINES:
		a->mode = M_SORTLINES;
		a->sortcol = arg;
		a->nmodes++;
		break;
	case OPT_FROM_LINES:
		a->mode = M_FROMLINES;
		a->nmodes++;
		break;
	case OPT_RENAME:
		a->mode = M_RENAME;
		a->nmodes++;
		break;
	case OPT_COPY_LIST:
		a->mode = M_COPYLIST;
		a->nmodes++;
		break;
	case OPT_RENAME_LIST:
		a->mode = M_RENAMELIST;
		a->nmodes++;
		break;
	case OPT_VALUES:
		where_values(&a->where, "--values", arg);
		break;
	case OPT_VERSION:
		printf("csvget custanon %s\n", CUSTANON_VERSION);
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
	int ch;

	memset(a, 0, sizeof(*a));
	a->mode = M_LINES;
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (a->nmodes > 1)
		diag_usage("--count, --csv, --copy, --header, --is-sorted, "
		    "--sort-lines, --from-lines, --rename, --changed and the "
		    "--*-list modes exclude each other");
	if (optind >= argc)
		diag_usage("no file given");
	if (a->mode == M_RENAME && argc - optind != 2)
		diag_usage("--rename takes FROM and TO");
	if (a->mode == M_FROMLINES && argc - optind != 1)
		diag_usage("--from-lines takes one FILE");
	if (a->mode == M_CHANGEDLIST && argc - optind != 1)
		diag_usage("--changed-list takes one FILE");
	if (a->mode == M_COPYLIST && argc - optind != 1)
		diag_usage("--copy-list takes one FILE");
	if (a->mode == M_RENAMELIST && argc - optind != 1)
		diag_usage("--rename-list takes one FILE");
	a->path = argv[optind++];
	a->cols = argv + optind;
	a->ncol = (size_t)(argc - optind);
	if (a->ncol == 0 && (a->mode == M_LINES || a->mode == M_CHANGED))
		diag_usage("no column given");
	if (a->ncol > 0 && (a->mode == M_COUNT || a->mode == M_SORTED ||
	    a->mode == M_SORTLINES))
		diag_usage("columns are only printed by default or with --csv");
}

/* colname: the name of the i-th COLUMN, without its '?'. */
static const char *
colname(const struct args *a, size_t i)
{
	return a->cols[i] + (*a->cols[i] == '?');
}

/*
 * plan: open FILE, resolve the columns and write what comes before the
 * rows.  Returns 1 when the rows are to be read (all modes but --header).
 */
static int
plan(struct run *x, struct args *a)
{
	const struct csvr_row *hdr;
	size_t i;

	x->r = csvr_start(a->path, a->delim, &hdr);
	x->col = xcalloc(a->ncol + 1, sizeof(*x->col));
	for (i = 0; i < a->ncol; i++)
		if (*a->cols[i] == '?')
			x->col[i] = hdr_find(hdr, a->cols[i] + 1);
		else
			x->col[i] = (long)hdr_need(x->r, hdr, a->cols[i]);
	where_bind(&a->where, x->r, hdr);
	if (a->mode == M_SORTED || a->mode == M_SORTLINES)
		x->si = hdr_need(x->r, hdr, a->sortcol);
	if (a->mode == M_SORTLINES) {
		printf("\th%d,%d,%d\t", csvr_delim(x->r), csvr_crlf(x->r),
		    csvr_bom(x->r));
		put_record(hdr);
	}
	x->sorted = 1;
	if (a->mode == M_HEADER) {
		for (i = 0; i < hdr->nf; i++) {
			if (!lineable(hdr->f[i].p, hdr->f[i].n))
				diag_die_at(EXIT_DATA, csvr_name(x->r), 1,
				    "a column name holds a tab or line break");
			printf("%s\n", hdr->f[i].p);
		}
		return 0;
	}
	if (a->mode == M_CSV) {
		x->w = csvw_like(STDOUT_FILENO, x->r, a->quote_all);
		if (a->ncol == 0)
			csvw_row(x->w, hdr);
		else {
			for (i = 0; i < a->ncol; i++)
				csvw_str(x->w, colname(a, i));
			csvw_endrow(x->w);
		}
	}
	return 1;
}

/* put_row: what the mode writes of a matching row. */
static void
put_row(struct run *x, const struct args *a, const struct csvr_row *row)
{
	const struct csvr_field *k;
	size_t i, n;

	switch (a->mode) {
	case M_LINES:
		for (i = 0; i < a->ncol; i++) {
			if (x->col[i] != -1)
				put_value(&row->f[x->col[i]], a->printable,
				    x->r, row->line, colname(a, i));
			putchar(i + 1 < a->ncol ? '\t' : '\n');
		}
		break;
	case M_CSV:
		if (a->ncol == 0) {
			csvw_row(x->w, row);
			break;
		}
		for (i = 0; i < a->ncol; i++)
			if (x->col[i] == -1)
				csvw_field(x->w, "", 0);
			else
				csvw_field(x->w, row->f[x->col[i]].p,
				    row->f[x->col[i]].n);
		csvw_endrow(x->w);
		break;
	case M_COPY:
		n = a->ncol > 0 ? a->ncol : row->nf;
		for (i = 0; i < n; i++) {
			if (a->ncol == 0)
				put_copy(row->f[i].p, row->f[i].n);
			else if (x->col[i] != -1)
				put_copy(row->f[x->col[i]].p,
				    row->f[x->col[i]].n);
			putchar(i + 1 < n ? '\t' : '\n');
		}
		break;
	case M_SORTLINES:
		for (i = 0; i < row->f[x->si].n; i++)
			printf("%02x",
			    (unsigned)(unsigned char)row->f[x->si].p[i]);
		fputs("\tr\t", stdout);
		put_record(row);
		break;
	case M_SORTED:
		k = &row->f[x->si];
		if (x->have && keycmp(x->prev.p, x->prev.n, k->p, k->n) >= 0)
			x->sorted = 0;
		buf_reset(&x->prev);
		buf_add(&x->prev, k->p, k->n);
		x->have = 1;
		break;
	default:
		break;
	}
}

/* stream: the matching rows, up to the first with --first. */
static void
stream(struct run *x, const struct args *a)
{
	const struct csvr_row *row;
	int rc;

	while ((rc = csvr_next(x->r, &row)) == 1) {
		if (!where_match(&a->where, row))
			continue;
		x->count++;
		put_row(x, a, row);
		if (a->first || (a->mode == M_SORTED && !x->sorted))
			break;
	}
	if (rc == -1)
		csvr_die(x->r);
	if (a->mode == M_COUNT)
		printf("%lu\n", x->count);
	else if (a->mode == M_SORTED)
		printf("%s\n", x->sorted ? "yes" : "no");
	if (x->w != NULL)
		csvw_finish(x->w, NULL);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct run x;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	if (a.mode == M_RENAME) {
		if (renameat2(AT_FDCWD, a.path, AT_FDCWD, a.cols[0],
		    RENAME_NOREPLACE) == -1)
			diag_die(EXIT_DATA, "cannot rename %s to %s: %s",
			    a.path, a.cols[0], strerror(errno));
		return 0;
	}
	if (a.mode == M_COPYLIST) {
		if (a.where.n > 0 || a.first)
			diag_usage("--copy-list takes no --where or --first");
		copy_list(a.path, a.delim);
		return 0;
	}
	if (a.mode == M_RENAMELIST) {
		rename_list(a.path);
		return 0;
	}
	if (a.mode == M_FROMLINES) {
		from_lines(a.path, a.quote_all);
		return 0;
	}
	if (a.mode == M_CHANGED || a.mode == M_CHANGEDLIST) {
		if (a.where.n > 0 || a.first)
			diag_usage("--changed takes no --where or --first");
		if (a.mode == M_CHANGED)
			changed(a.orig, a.path, a.cols, a.ncol, a.delim, NULL);
		else
			changed_list(a.path, a.delim);
		if (fflush(stdout) == EOF || ferror(stdout))
			diag_die(EXIT_DATA, "write error: %s",
			    strerror(errno));
		return 0;
	}
	if (a.mode == M_HEADER && a.ncol > 0) {
		headers(a.cols - 1, a.ncol + 1, a.delim);
		where_free(&a.where);
		return 0;
	}
	memset(&x, 0, sizeof(x));
	if (plan(&x, &a))
		stream(&x, &a);
	if (fflush(stdout) == EOF || ferror(stdout))
		diag_die(EXIT_DATA, "write error: %s", strerror(errno));
	csvr_close(x.r);
	where_free(&a.where);
	buf_free(&x.prev);
	free(x.col);
	return 0;
}

/*
 * changed: --changed ORIG PATH KEYS[0..nkey).  Reads ORIG on as PATH's
 * rows come, each matched by its key columns; prints the columns (not
 * the keys) that some row changes or ORIG lacks, in PATH's order, and
 * every column when a row of PATH is not found that way; each line
 * "PREFIX<TAB>COLUMN" when PREFIX is not NULL.
 */
static void
changed(const char *orig, const char *path, char **keys, size_t nkey,
    int delim, const char *prefix)
{
	const struct csvr_row *hdr, *orow, *row;
	struct csvr *o, *r;
	size_t *ok, *rk, i, j, nf;
	long *oi;
	char **name;
	int *chg, *key, all = 0, orc, rc;

	o = csvr_start(orig, delim, &hdr);
	ok = xcalloc(nkey, sizeof(*ok));
	for (i = 0; i < nkey; i++)
		ok[i] = hdr_need(o, hdr, keys[i]);
	r = csvr_start(path, delim, &row);
	nf = row->nf;
	rk = xcalloc(nkey, sizeof(*rk));
	oi = xcalloc(nf, sizeof(*oi));
	chg = xcalloc(nf, sizeof(*chg));
	key = xcalloc(nf, sizeof(*key));
	name = xcalloc(nf, sizeof(*name));
	for (i = 0; i < nkey; i++)
		key[rk[i] = hdr_need(r, row, keys[i])] = 1;
	for (j = 0; j < nf; j++) {
		if (!lineable(row->f[j].p, row->f[j].n))
			diag_die_at(EXIT_DATA, csvr_name(r), 1,
			    "a column name holds a tab or line break");
		name[j] = xmemdup(row->f[j].p, row->f[j].n);
		oi[j] = hdr_find(hdr, name[j]);
		chg[j] = oi[j] == -1;
	}
	orc = csvr_next(o, &orow);
	while (!all && (rc = csvr_next(r, &row)) == 1) {
		while (orc == 1 && !samekey(orow, ok, row, rk, nkey))
			orc = csvr_next(o, &orow);
		if (orc != 1) {
			all = 1;
			break;
		}
		for (j = 0; j < nf; j++)
			if (!chg[j] && (row->f[j].n != orow->f[oi[j]].n ||
			    memcmp(row->f[j].p, orow->f[oi[j]].p,
			    row->f[j].n) != 0))
				chg[j] = 1;
		orc = csvr_next(o, &orow);
	}
	if (!all && rc == -1)
		csvr_die(r);
	if (orc == -1)
		csvr_die(o);
	for (j = 0; j < nf; j++) {
		if ((all || chg[j]) && !key[j]) {
			if (prefix != NULL)
				printf("%s\t", prefix);
			printf("%s\n", name[j]);
		}
		free(name[j]);
	}
	csvr_close(o);
	csvr_close(r);
	free(ok);
	free(rk);
	free(oi);
	free(chg);
	free(key);
	free(name);
}

/*
 * list_open: LIST ("-": standard input) for the --*-list modes; list_next
 * splits its next line into *fp fields at tabs (at least min, the first
 * two not empty: else a data error saying what a line must hold), 0 at
 * the end.
 */
struct list {
	const char	*path;
	FILE		*fp;
	char		*line;
	size_t		 cap;
	char		**f;
	size_t		 maxf;
	unsigned long	 ln;
};

static void
list_open(struct list *l, const char *path)
{
	memset(l, 0, sizeof(*l));
	l->path = path;
	if (strcmp(path, "-") == 0)
		l->fp = stdin;
	else if ((l->fp = fopen(path, "r")) == NULL)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
}

static size_t
list_next(struct list *l, size_t min, const char *what)
{
	ssize_t len;
	size_t nf;
	char *p;

	if ((len = getline(&l->line, &l->cap, l->fp)) == -1) {
		if (ferror(l->fp))
			diag_die(EXIT_DATA, "%s: %s", l->path,
			    strerror(errno));
		if (l->fp != stdin)
			fclose(l->fp);
		free(l->line);
		free(l->f);
		return 0;
	}
	l->ln++;
	if (len > 0 && l->line[len - 1] == '\n')
		l->line[--len] = '\0';
	if ((size_t)len != strlen(l->line))
		diag_die_at(EXIT_DATA, l->path, l->ln, "a NUL byte");
	nf = 1;
	for (p = l->line; *p != '\0'; p++)
		nf += *p == '\t';
	if (nf > l->maxf) {
		l->f = xreallocarray(l->f, nf, sizeof(*l->f));
		l->maxf = nf;
	}
	nf = 0;
	for (p = l->line; p != NULL; ) {
		l->f[nf++] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	if (nf < min || *l->f[0] == '\0' || *l->f[1] == '\0')
		diag_die_at(EXIT_DATA, l->path, l->ln, "not %s separated by "
		    "tabs", what);
	return nf;
}

/*
 * changed_list: --changed-list LIST.  Each line of LIST ("-": standard
 * input), ORIGINALS, FILE and FILE's key columns separated by tabs, as
 * --changed ORIGINALS FILE KEY..., the answers as "FILE<TAB>COLUMN".
 */
static void
changed_list(const char *path, int delim)
{
	struct list l;
	size_t nf;

	list_open(&l, path);
	while ((nf = list_next(&l, 3, "ORIGINALS, FILE and a KEY")) > 0)
		changed(l.f[0], l.f[1], l.f + 2, nf - 2, delim, l.f[1]);
}

/*
 * copy_list: --copy-list LIST.  Each line IN, OUT and IN's columns
 * separated by tabs: OUT (created or truncated, mode 0600) gets what
 * --copy IN COLUMN... writes.
 */
static void
copy_list(const char *path, int delim)
{
	struct list l;
	struct args b;
	struct run x;
	size_t nf;
	int fd, out;

	fflush(stdout);
	if ((out = dup(STDOUT_FILENO)) == -1)
		diag_die(EXIT_DATA, "standard output: %s", strerror(errno));
	list_open(&l, path);
	while ((nf = list_next(&l, 3, "IN, OUT and a COLUMN")) > 0) {
		if ((fd = open(l.f[1], O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0600)) == -1 || dup2(fd, STDOUT_FILENO) == -1)
			diag_die(EXIT_DATA, "%s: %s", l.f[1], strerror(errno));
		close(fd);
		memset(&b, 0, sizeof(b));
		b.mode = M_COPY;
		b.delim = delim;
		b.path = l.f[0];
		b.cols = l.f + 2;
		b.ncol = nf - 2;
		memset(&x, 0, sizeof(x));
		if (plan(&x, &b))
			stream(&x, &b);
		if (fflush(stdout) == EOF || ferror(stdout))
			diag_die(EXIT_DATA, "%s: write error: %s", l.f[1],
			    strerror(errno));
		csvr_close(x.r);
		where_free(&b.where);
		free(x.col);
	}
	if (dup2(out, STDOUT_FILENO) == -1)
		diag_die(EXIT_DATA, "standard output: %s", strerror(errno));
	close(out);
}

/* rename_list: --rename-list LIST.  Each line FROM<TAB>TO, as --rename. */
static void
rename_list(const char *path)
{
	struct list l;
	size_t nf;

	list_open(&l, path);
	while ((nf = list_next(&l, 2, "FROM and TO")) > 0) {
		if (nf != 2)
			diag_die_at(EXIT_DATA, l.path, l.ln, "not FROM and "
			    "TO separated by a tab");
		if (renameat2(AT_FDCWD, l.f[0], AT_FDCWD, l.f[1],
		    RENAME_NOREPLACE) == -1)
			diag_die_at(EXIT_DATA, l.path, l.ln, "cannot rename "
			    "%s to %s: %s", l.f[0], l.f[1], strerror(errno));
	}
}
