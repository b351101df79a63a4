/*
 * custanon-lakemap: Business Central's names for a data-lake export's
 * (bc2adls, lib/lake.h): the table a folder holds, and the field each
 * column of its files is.
 *
 * A table folder is named NAME-ID (CustLedgerEntry-21): ID is looked up
 * in the job spec's tables.csv (--spec, column no) and in the user's
 * --fields DIR/tables.csv (no, name), and NAME must be that table's
 * name reduced as bc2adls reduces it.  Without --columns, prints the
 * table name of each FOLDER, one a line.
 *
 * With --columns, reads the header of every *.csv file in each FOLDER
 * (all of one table: data/NAME-ID and deltas/NAME-ID) and prints the
 * column map, CSV with the header column,name,type: each lake column,
 * first seen first, with its field's name and type.  A column NAME-NO is
 * field NO of the table in Business Central's lists (--bc DIR:
 * TABLE.csv and TABLE.tableext.csv) or the user's (--fields DIR:
 * TABLE.csv, at least no and name), and NAME must be the field's name
 * reduced; the system fields (timestamp-0, systemId-2000000000, ...) and
 * $Company are the lake's own.  custanon-lakecsv --map reads the map.
 *
 * Every flaw is reported, each file's and each column's, before it
 * exits.  Column names are printed (they are no field's value), except
 * one that is not NAME-NO: it may be a value of a file that lacks its
 * header, so it is named by its place.
 *
 * Exit status: 0 success; 1 data error (a folder, file or column not
 * named as bc2adls names them, a malformed file, no CSV file); 2 usage
 * or configuration error (a table or column that no list explains, a
 * name that does not agree with the list, a field of a type bc2adls
 * never exports, a flaw in a list); when there are both, 2.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcfields.h"
#include "csvio.h"
#include "diag.h"
#include "lake.h"
#include "version.h"

enum { OPT_BC = 256, OPT_COLUMNS, OPT_FIELDS, OPT_SPEC, OPT_VERSION };

static const struct option longopts[] = {
	{ "bc",		required_argument, NULL, OPT_BC },
	{ "columns",	no_argument,       NULL, OPT_COLUMNS },
	{ "fields",	required_argument, NULL, OPT_FIELDS },
	{ "help",	no_argument,       NULL, 'h' },
	{ "spec",	required_argument, NULL, OPT_SPEC },
	{ "version",	no_argument,       NULL, OPT_VERSION },
	{ NULL,		0,                 NULL, 0 }
};

struct args {
	const char	 *spec;		/* the job spec's tables.csv */
	const char	 *bc;		/* Business Central's field lists */
	const char	 *fields;	/* the user's lists */
	int		  columns;	/* print the column map */
	char		**folders;
	int		  nfolders;
};

/* One column of the map. */
struct col {
	char		*lake;		/* as the lake names it */
	const char	*name;		/* the field's name */
	const char	*type;
};

struct map {
	struct col	*c;
	size_t		 n;
	int		 data;		/* data errors reported */
	int		 config;	/* configuration errors reported */
};

static void
usage(void)
{
	printf(
"usage: custanon-lakemap [--spec TABLES] [--bc DIR] [--fields DIR]\n"
"                        [--columns] FOLDER...\n"
"\n"
"Prints the Business Central table each bc2adls table folder NAME-ID\n"
"holds; with --columns, the column map of every *.csv file in the\n"
"FOLDERs (one table's): CSV column,name,type.\n"
"\n"
"  --spec TABLES   the job spec's tables.csv (table numbers, column no)\n"
"  --bc DIR        Business Central's field lists (pipelines/bc/fields)\n"
"  --fields DIR    your own: tables.csv (no,name) and TABLE.csv (no,name\n"
"                  and type) for what an extension adds\n"
"  --columns       print the column map\n"
"  --help, --version\n");
}

static void
parse(int argc, char *argv[], struct args *a)
{
	int ch;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_BC:
			a->bc = optarg;
			break;
		case OPT_COLUMNS:
			a->columns = 1;
			break;
		case OPT_FIELDS:
			a->fields = optarg;
			break;
		case 'h':
			usage();
			exit(EXIT_OK);
		case OPT_SPEC:
			a->spec = optarg;
			break;
		case OPT_VERSION:
			printf("custanon-lakemap custanon %s\n",
			    CUSTANON_VERSION);
			exit(EXIT_OK);
		default:
			diag_usage("bad option");
		}
	}
	if (optind == argc)
		diag_usage("no FOLDER given");
	a->folders = argv + optind;
	a->nfolders = argc - optind;
}

/* base: the last component of path, trailing slashes aside, in buf. */
static const char *
base(const char *path, char *buf, size_t size)
{
	size_t n = strlen(path), s;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (s = n; s > 0 && path[s - 1] != '/'; s--)
		;
	snprintf(buf, size, "%.*s", (int)(n - s), path + s);
	return buf;
}

/* reduced: name as bc2adls reduces it, a fresh string. */
static char *
reduced(const char *name)
{
	size_t n = strlen(name);
	char *r = xmalloc(n + 1);

	lake_reduce(r, name, n);
	return r;
}

/* agrees: name reduced is s[0..n); else *red is it (free it). */
static int
agrees(const char *name, const char *s, size_t n, char **red)
{
	*red = reduced(name);
	if (strlen(*red) == n && memcmp(*red, s, n) == 0) {
		free(*red);
		*red = NULL;
		return 1;
	}
	return 0;
}

/*
 * table_of: the table folder holds, or NULL when none (the flaw
 * reported in m).
 */
static struct bcf_table *
table_of(struct bcf *b, const char *folder, struct map *m)
{
	char name[1024], *red;
	struct bcf_table *t;
	size_t nl;
	long id;

	base(folder, name, sizeof(name));
	if (!lake_split(name, strlen(name), &nl, &id)) {
		diag_at(folder, 0, "not a table folder NAME-ID as bc2adls "
		    "names one");
		m->data++;
		return NULL;
	}
	if ((t = bcf_table_no(b, id)) == NULL) {
		diag_at(folder, 0, "no table numbered %ld in the job spec's "
		    "tables.csv or in --fields DIR/tables.csv", id);
		m->config++;
		return NULL;
	}
	if (!agrees(t->name, name, nl, &red)) {
		diag_at(folder, 0, "table %ld is '%s', which bc2adls names "
		    "'%s-%ld'", id, t->name, red, id);
		free(red);
		m->config++;
		return NULL;
	}
	return t;
}

/*
 * field_of: for column f (the i-th, 1-based) of file's header, at line,
 * the name and type of its field of t into *c; 0, or -1 (the flaw
 * reported in m).
 */
static int
field_of(struct bcf_table *t, const char *file, unsigned long line, size_t i,
    const struct csvr_field *f, struct map *m, struct col *c)
{
	const struct lake_sysfield *sf;
	const struct bcf_field *bf;
	char *red;
	size_t nl;
	long no;

	if (strcmp(f->p, LAKE_COMPANY) == 0) {
		c->name = LAKE_COMPANY;
		c->type = LAKE_COMPANY_TYPE;
		return 0;
	}
	if (!lake_split(f->p, f->n, &nl, &no)) {
		diag_at(file, line, "column %zu is not NAME-NO as bc2adls names a "
		    "column", i);
		m->data++;
		return -1;
	}
	if ((sf = lake_sysfield(no)) != NULL) {
		if (strlen(sf->lake) == nl && memcmp(sf->lake, f->p, nl) == 0) {
			c->name = sf->name;
			c->type = sf->type;
			return 0;
		}
		diag_at(file, line, "column '%s': field %ld is the system field "
		    "bc2adls names '%s-%ld'", f->p, no, sf->lake, no);
		m->config++;
		return -1;
	}
	if ((bf = bcf_field(t, no)) == NULL) {
		if (t->listed)
			diag_at(file, line, "column '%s': %s has no field %ld in "
			    "the field lists (an extension's field: list it "
			    "in --fields DIR)", f->p, t->name, no);
		else
			diag_at(file, line, "column '%s': no field list of %s "
			    "(give one in --fields DIR)", f->p, t->name);
		m->config++;
		return -1;
	}
	if (!agrees(bf->name, f->p, nl, &red)) {
		diag_at(file, line, "column '%s': field %ld of %s is '%s', which "
		    "bc2adls names '%s-%ld'", f->p, no, t->name, bf->name, red,
		    no);
		free(red);
		m->config++;
		return -1;
	}
	if (strcasecmp(bf->class, "FlowFilter") == 0 ||
	    lake_kind(bf->type) == LAKE_UNSUPPORTED) {
		diag_at(file, line, "column '%s': field %ld of %s is %s, which "
		    "bc2adls does not export", f->p, no, t->name,
		    strcasecmp(bf->class, "FlowFilter") == 0 ? "a FlowFilter" :
		    bf->type);
		m->config++;
		return -1;
	}
	c->name = bf->name;
	c->type = bf->type;
	return 0;
}

/* map_file: add the columns of file's header, table t's, to m. */
static void
map_file(struct bcf_table *t, const char *file, struct map *m)
{
	const struct csvr_row *hdr;
	struct laker *r;
	struct col c;
	size_t i, j;

	if ((r = laker_open(file)) == NULL) {
		diag_at(file, 0, "%s", strerror(errno));
		m->data++;
		return;
	}
	if (laker_header(r, &hdr) == -1) {
		diag_at(laker_name(r), laker_line(r, laker_errline(r)), "%s",
		    laker_errmsg(r));
		m->data++;
		laker_close(r);
		return;
	}
	for (i = 0; i < hdr->nf; i++) {
		for (j = 0; j < m->n; j++)
			if (strcmp(m->c[j].lake, hdr->f[i].p) == 0)
				break;
		if (j < m->n || field_of(t, laker_name(r),
		    laker_line(r, hdr->line), i + 1, &hdr->f[i], m, &c) == -1)
			continue;
		c.lake = xstrdup(hdr->f[i].p);
		m->c = xreallocarray(m->c, m->n + 1, sizeof(*m->c));
		m->c[m->n++] = c;
	}
	laker_close(r);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* map_folder: map_file for every *.csv file in folder, in name order. */
static size_t
map_folder(struct bcf_table *t, const char *folder, struct map *m)
{
	char **names = NULL, path[4096];
	struct dirent *e;
	struct stat st;
	size_t n = 0, i, len;
	DIR *d;

	if ((d = opendir(folder)) == NULL) {
		diag_at(folder, 0, "%s", strerror(errno));
		m->data++;
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(path);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		map_file(t, names[i], m);
		free(names[i]);
	}
	free(names);
	return n;
}

static void
print_map(const struct map *m)
{
	struct csvw *w = csvw_new(STDOUT_FILENO, ',', 0, 0, 0);
	size_t i;

	csvw_str(w, "column");
	csvw_str(w, "name");
	csvw_str(w, "type");
	csvw_endrow(w);
	for (i = 0; i < m->n; i++) {
		csvw_str(w, m->c[i].lake);
		csvw_str(w, m->c[i].name);
		csvw_str(w, m->c[i].type);
		csvw_endrow(w);
	}
	csvw_finish(w, NULL);
}

/* columns: the map of a's folders, all of one table; the exit status. */
static int
columns(struct bcf *b, const struct args *a, struct map *m)
{
	struct bcf_table *t, *first = NULL;
	size_t files = 0;
	int i;

	for (i = 0; i < a->nfolders; i++) {
		if ((t = table_of(b, a->folders[i], m)) == NULL)
			continue;
		if (first != NULL && t != first)
			diag_usage("--columns: the FOLDERs hold two tables, "
			    "'%s' and '%s'", first->name, t->name);
		first = t;
	}
	if (first == NULL)
		return m->config > 0 ? EXIT_USAGE : EXIT_DATA;
	bcf_fields(b, first);
	for (i = 0; i < a->nfolders; i++)
		files += map_folder(first, a->folders[i], m);
	if (files == 0 && m->data + m->config == 0) {
		diag_warn("no *.csv file in the table's folders");
		m->data++;
	}
	if (m->config > 0)
		return EXIT_USAGE;
	if (m->data > 0)
		return EXIT_DATA;
	print_map(m);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct args a = { 0 };
	struct map m = { 0 };
	struct bcf_table **t;
	struct bcf *b;
	size_t i;
	int rc = EXIT_OK, k;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(argc, argv, &a);
	b = bcf_open(a.spec, a.bc, a.fields);
	if (a.columns)
		rc = columns(b, &a, &m);
	else {
		/* Every folder's table, then all of them or none. */
		t = xreallocarray(NULL, (size_t)a.nfolders, sizeof(*t));
		for (k = 0; k < a.nfolders; k++)
			t[k] = table_of(b, a.folders[k], &m);
		rc = m.config > 0 ? EXIT_USAGE : m.data > 0 ? EXIT_DATA :
		    EXIT_OK;
		for (k = 0; rc == EXIT_OK && k < a.nfolders; k++)
			printf("%s\n", t[k]->name);
		free(t);
		if (fflush(stdout) == EOF || ferror(stdout))
			diag_die(EXIT_DATA, "write error: %s",
			    strerror(errno));
	}
	for (i = 0; i < m.n; i++)
		free(m.c[i].lake);
	free(m.c);
	bcf_close(b);
	return rc;
}
