/*
 * custanon-lakecsv: a data-lake export's CSV (bc2adls, lib/lake.h) to
 * the project's RFC 4180 dialect and back, streaming.
 *
 * --from-lake reads FILE (or standard input) in the lake's dialect:
 * text, code and GUID values always quoted, a quote or backslash inside
 * escaped by a backslash; every other value bare.  It writes the same
 * rows as RFC 4180, quoted minimally (csvio.h), with the input's line
 * ending and byte-order mark.  With --map MAP (custanon-lakemap
 * --columns: column,name,type), each column is renamed to its field's
 * name and must be quoted as its type says (text, code and GUID in
 * every row, no other ever); without, each column as the lake names it,
 * quoted in every row or in none.
 *
 * --to-lake reads FILE as RFC 4180 (libcsv, strict) with the field
 * names of MAP and writes the lake's dialect: MAP's columns, text, code
 * and GUID quoted and escaped, booleans as true or false, a date-time
 * without a fraction of a second with .000, other values bare, with
 * the input's line ending and byte-order mark.  A file converted from
 * the lake and back is the file byte for byte (a header bc2adls repeats
 * inside a file, an empty line and a missing final line ending aside).
 *
 * Messages name files, lines and columns, never a value.
 *
 * Exit status: 0 success; 1 data error (malformed input, a column quoted
 * against its type, a value its column's type cannot hold, a write
 * error); 2 usage or configuration error (a column MAP lacks, a column
 * of unknown type for --to-lake, a bad MAP).
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
#include "hdr.h"
#include "lake.h"
#include "opts.h"
#include "version.h"

enum {
	OPT_FROM_LAKE = 256, OPT_MAP, OPT_QUOTE_ALL, OPT_TO_LAKE, OPT_VERSION
};

static const struct option longopts[] = {
	{ "delimiter",	required_argument, NULL, 'd' },
	{ "from-lake",	no_argument,       NULL, OPT_FROM_LAKE },
	{ "help",	no_argument,       NULL, 'h' },
	{ "map",	required_argument, NULL, OPT_MAP },
	{ "quote-all",	no_argument,       NULL, OPT_QUOTE_ALL },
	{ "to-lake",	no_argument,       NULL, OPT_TO_LAKE },
	{ "version",	no_argument,       NULL, OPT_VERSION },
	{ NULL,		0,                 NULL, 0 }
};

struct args {
	int		 to_lake;	/* else from the lake */
	int		 mode;		/* a direction was given */
	const char	*map;
	int		 delim;		/* of the RFC 4180 side */
	int		 quote_all;
	const char	*file;
};

/* The column map: lake column, field name, kind (file-scope in main). */
struct map {
	char		**lake;
	char		**name;
	enum lake_kind	 *kind;
	size_t		  n;
};

/*
 * A run's columns, once the header is read: each one's entry in the map,
 * its kind, and (from the lake without a map) how its first row quoted
 * it.  File-scope, so that what is allocated stays reachable when a
 * data error exits.
 */
static struct {
	size_t		*idx;
	enum lake_kind	*kind;
	unsigned char	*first;
	struct buf	 v;		/* a value as the lake writes it */
} cols;

static void
usage(void)
{
	printf(
"usage: custanon-lakecsv --from-lake [--map MAP] [-d C] [--quote-all] [FILE]\n"
"       custanon-lakecsv --to-lake --map MAP [-d C] [FILE]\n"
"\n"
"Converts a bc2adls data-lake CSV file to RFC 4180 and back.\n"
"\n"
"  --from-lake         the lake's dialect in, RFC 4180 out\n"
"  --to-lake           RFC 4180 in, the lake's dialect out\n"
"  --map MAP           the column map (custanon-lakemap --columns):\n"
"                      names and types of the columns\n"
"  -d, --delimiter C   the RFC 4180 side's delimiter (default ,)\n"
"  --quote-all         quote every RFC 4180 field\n"
"  --help, --version\n");
}

static void
parse(int argc, char *argv[], struct args *a)
{
	int ch;

	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			a->delim = opts_delim(optarg);
			break;
		case OPT_FROM_LAKE:
		case OPT_TO_LAKE:
			if (a->mode && a->to_lake != (ch == OPT_TO_LAKE))
				diag_usage("--from-lake and --to-lake "
				    "exclude each other");
			a->mode = 1;
			a->to_lake = ch == OPT_TO_LAKE;
			break;
		case 'h':
			usage();
			exit(EXIT_OK);
		case OPT_MAP:
			a->map = optarg;
			break;
		case OPT_QUOTE_ALL:
			a->quote_all = 1;
			break;
		case OPT_VERSION:
			printf("custanon-lakecsv custanon %s\n",
			    CUSTANON_VERSION);
			exit(EXIT_OK);
		default:
			diag_usage("bad option");
		}
	}
	if (!a->mode)
		diag_usage("--from-lake or --to-lake is required");
	if (a->to_lake && a->map == NULL)
		diag_usage("--to-lake needs --map MAP");
	if (argc - optind > 1)
		diag_usage("too many arguments");
	a->file = optind < argc ? argv[optind] : NULL;
}

/* map_load: the column map of path; a flaw exits 2, each reported. */
static void
map_load(const char *path, struct map *m)
{
	const struct csvr_row *hdr, *row;
	size_t ci, ni, ti, j;
	struct csvr *r;
	int rc, bad = 0;

	if ((r = csvr_open(path, ',')) == NULL)
		diag_die(EXIT_USAGE, "%s: %s", diag_name(path),
		    strerror(errno));
	if (csvr_header(r, &hdr) == -1)
		diag_die_at(EXIT_USAGE, csvr_name(r), csvr_errline(r), "%s",
		    csvr_errmsg(r));
	if (hdr_find(hdr, "column") == -1 || hdr_find(hdr, "name") == -1 ||
	    hdr_find(hdr, "type") == -1)
		diag_die_at(EXIT_USAGE, csvr_name(r), hdr->line, "a column map "
		    "has the columns column, name and type");
	ci = (size_t)hdr_find(hdr, "column");
	ni = (size_t)hdr_find(hdr, "name");
	ti = (size_t)hdr_find(hdr, "type");
	while ((rc = csvr_next(r, &row)) == 1) {
		for (j = 0; j < m->n; j++)
			if (strcmp(m->lake[j], row->f[ci].p) == 0 ||
			    strcmp(m->name[j], row->f[ni].p) == 0)
				break;
		if (j < m->n) {
			diag_at(csvr_name(r), row->line, "column '%s' or name "
			    "'%s' mapped twice", row->f[ci].p, row->f[ni].p);
			bad = 1;
			continue;
		}
		m->lake = xreallocarray(m->lake, m->n + 1, sizeof(*m->lake));
		m->name = xreallocarray(m->name, m->n + 1, sizeof(*m->name));
		m->kind = xreallocarray(m->kind, m->n + 1, sizeof(*m->kind));
		m->lake[m->n] = xstrdup(row->f[ci].p);
		m->name[m->n] = xstrdup(row->f[ni].p);
		m->kind[m->n] = lake_kind(row->f[ti].p);
		m->n++;
	}
	if (rc == -1)
		diag_die_at(EXIT_USAGE, csvr_name(r), csvr_errline(r), "%s",
		    csvr_errmsg(r));
	csvr_close(r);
	if (bad)
		exit(EXIT_USAGE);
}

/*
 * resolve: for each column of hdr, its entry in m (by its lake name, or
 * by its field name when by_name), into idx; a column m lacks, or (for
 * the lake's side, by_name) one of unknown or unsupported type, is
 * reported, and exits 2 once all are.
 */
static void
resolve(const struct map *m, const char *mapname, const char *file,
    unsigned long line, const struct csvr_row *hdr, int by_name,
    size_t *idx)
{
	size_t i, j;
	int bad = 0;

	for (i = 0; i < hdr->nf; i++) {
		for (j = 0; j < m->n; j++)
			if (strcmp(by_name ? m->name[j] : m->lake[j],
			    hdr->f[i].p) == 0)
				break;
		if (j == m->n) {
			diag_at(file, line, "column '%s' is not in the map %s",
			    hdr->f[i].p, mapname);
			bad = 1;
		} else if (by_name && m->kind[j] == LAKE_UNKNOWN) {
			diag_at(file, line, "column '%s': the map gives no "
			    "type, so how the lake writes it is unknown (give "
			    "its type in the field list)", hdr->f[i].p);
			bad = 1;
		} else if (m->kind[j] == LAKE_UNSUPPORTED) {
			diag_at(file, line, "column '%s': of a type bc2adls "
			    "does not export", hdr->f[i].p);
			bad = 1;
		}
		idx[i] = j;
	}
	if (bad)
		exit(EXIT_USAGE);
}

/*
 * from_lake: the lake's rows to RFC 4180, each field's quoting checked
 * against its column's kind (or against the column's first row).
 */
static void
from_lake(const struct args *a, const struct map *m)
{
	const struct csvr_row *hdr, *row;
	const unsigned char *q;
	enum lake_kind *kind;
	unsigned char *first;
	struct laker *r;
	struct csvw *w;
	size_t i, *idx;
	int rc;

	r = laker_start(a->file, &hdr);
	idx = cols.idx = xcalloc(hdr->nf, sizeof(*idx));
	kind = cols.kind = xcalloc(hdr->nf, sizeof(*kind));
	first = cols.first = xcalloc(hdr->nf, 1);
	if (a->map != NULL) {
		resolve(m, a->map, laker_name(r), laker_line(r, hdr->line),
		    hdr, 0, idx);
		for (i = 0; i < hdr->nf; i++)
			kind[i] = m->kind[idx[i]];
	}
	w = csvw_new(STDOUT_FILENO, a->delim, laker_crlf(r), laker_bom(r),
	    a->quote_all);
	for (i = 0; i < hdr->nf; i++)
		csvw_str(w, a->map != NULL ? m->name[idx[i]] : hdr->f[i].p);
	csvw_endrow(w);
	for (; (rc = laker_next(r, &row)) == 1; csvw_endrow(w)) {
		q = laker_quoted(r);
		for (i = 0; i < row->nf; i++) {
			if (kind[i] == LAKE_UNKNOWN && first[i] == 0)
				first[i] = q[i] ? 'q' : 'b';
			if (kind[i] == LAKE_UNKNOWN ? (first[i] == 'q') != q[i] :
			    (kind[i] == LAKE_TEXT) != q[i])
				diag_die_at(EXIT_DATA, laker_name(r),
				    laker_line(r, row->line), "column '%s': %s",
				    hdr->f[i].p, kind[i] == LAKE_UNKNOWN ?
				    "quoted in one row and not in another" :
				    q[i] ? "quoted, but its type is no text" :
				    "not quoted, but its type is text");
			csvw_field(w, row->f[i].p, row->f[i].n);
		}
	}
	if (rc == -1)
		laker_die(r);
	csvw_finish(w, NULL);
	laker_close(r);
}

/* to_lake: RFC 4180 rows to the lake's dialect, by the map. */
static void
to_lake(const struct args *a, const struct map *m)
{
	const struct csvr_row *hdr, *row;
	struct buf *v = &cols.v;
	enum lake_kind k;
	struct csvr *r;
	struct lakew *w;
	size_t i, *idx;
	int rc;

	r = csvr_start(a->file, a->delim, &hdr);
	idx = cols.idx = xcalloc(hdr->nf, sizeof(*idx));
	resolve(m, a->map, csvr_name(r), csvr_line(r, hdr->line), hdr, 1,
	    idx);
	w = lakew_new(STDOUT_FILENO, csvr_crlf(r), csvr_bom(r));
	for (i = 0; i < hdr->nf; i++)
		lakew_field(w, m->lake[idx[i]], strlen(m->lake[idx[i]]), 0);
	lakew_endrow(w);
	for (; (rc = csvr_next(r, &row)) == 1; lakew_endrow(w))
		for (i = 0; i < row->nf; i++) {
			k = m->kind[idx[i]];
			if (lake_value(k, row->f[i].p, row->f[i].n, v) == -1)
				diag_die_at(EXIT_DATA, csvr_name(r),
				    csvr_line(r, row->line), "column '%s': a "
				    "value the lake cannot hold %s",
				    hdr->f[i].p, k == LAKE_BOOLEAN ?
				    "as a boolean" : "unquoted");
			if (row->nf == 1 && v->n == 0 && k != LAKE_TEXT)
				diag_die_at(EXIT_DATA, csvr_name(r),
				    csvr_line(r, row->line), "a row of one "
				    "empty unquoted field reads as an empty "
				    "line");
			lakew_field(w, v->p, v->n, k == LAKE_TEXT);
		}
	if (rc == -1)
		csvr_die(r);
	lakew_finish(w, NULL);
	csvr_close(r);
}

int
main(int argc, char *argv[])
{
	static struct map m;
	struct args a = { 0 };
	size_t i;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(argc, argv, &a);
	if (a.map != NULL)
		map_load(a.map, &m);
	if (a.to_lake)
		to_lake(&a, &m);
	else
		from_lake(&a, &m);
	for (i = 0; i < m.n; i++) {
		free(m.lake[i]);
		free(m.name[i]);
	}
	free(m.lake);
	free(m.name);
	free(m.kind);
	free(cols.idx);
	free(cols.kind);
	free(cols.first);
	buf_free(&cols.v);
	return EXIT_OK;
}
