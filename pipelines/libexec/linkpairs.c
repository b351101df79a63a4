/*
 * linkpairs: the rows of a table that belong to the customers being
 * anonymized when a link table reaches them in steps, as Business
 * Central links contacts to a customer (pipelines/rules/README.md,
 * "Link steps").
 *
 * Reads TARGETS (the customers being anonymized: No. and, with
 * --primary, that column), LINK (the link table, Contact Business
 * Relation, read twice) and ROWS (the table reached, Contact, read once;
 * twice only with --above-known, when a row reached is --under one that
 * nothing but that column reaches), each a CSV file with a header.  A row of ROWS (its --key, No.) belongs
 * to a target customer when:
 *   - a row of LINK that meets every --where names the customer in
 *     --link-customer and the row in --link-key;
 *   - with --primary COL, the customer's COL names it (Primary Contact
 *     No.);
 *   - with --under COL, its COL names a row reached by the two steps
 *     above (not itself) and it meets every --under-where (a person
 *     contact whose Company No. is the customer's company contact); it
 *     then belongs to that row's customers.
 * With --keep-shared, a row that LINK also links to something live is
 * kept as it is, and so is a row whose --under column names such a row
 * (a person under a live partner's company contact, however it was
 * reached): it belongs to no customer.  Live is a row of LINK that meets
 * every --shared-where (a vendor, a bank account, an employee), or one
 * that meets every --where and names a customer that is not a target
 * and, with --customers, is one of FILE's (a customer that exists) not
 * anonymized already (its Anonymized column, when FILE has one, false:
 * a customer anonymized by an earlier run is no live relation, or its
 * contact would outlive both).  With --customers and --primary, a row
 * that such a live customer (not a target) names in its --primary column
 * is live too: its primary contact.
 * Without --shared-where, any row failing --where is live.
 *
 * With --shared-where, the link rows read (those naming a target, and
 * those of a row reached) must be known: a row meeting neither --where
 * nor --shared-where links nothing when every column they and
 * --link-customer name is empty, and is a data error otherwise; one
 * meeting either must have a --link-customer value without surrounding
 * spaces.  With --under-known, a row whose --under column names another
 * must meet it (Type Person), else a data error; with --above-known,
 * so must the row a reached row's --under column names (Type Company),
 * and it must be a row of ROWS (read again for this when it is not a row
 * the first two steps reach, whose rows the first reading checks).  The keys
 * followed (ROWS' --key and --under, LINK's --link-key and
 * --link-customer, the targets' --primary) are BC Code fields: on every
 * row read, one padded or in lower case (or an empty key) is a data
 * error, as it would reach nothing.  The columns
 * the conditions read are BC option values: compared without their
 * surrounding spaces (the filters' '@' makes them case-insensitive).
 *
 * Writes, on standard output, the pairs as CSV with the header
 * LINK-KEY,LINK-CUSTOMER (Contact No.,No.), one row per row and
 * customer, in the shape of the link table's rows, which scrub
 * (--keys-column) and leakcheck (--map) read.  With --kept FILE, writes
 * there the number of rows of ROWS kept because they are shared.
 *
 * Memory: the targets, the rows they reach and the customers their
 * links name; LINK, ROWS and --customers are streamed.
 *
 * Exit status: 0 success; 1 data error (malformed CSV, a link row it
 * does not know, a write error); 2 usage error, or an input lacking a
 * column the options name (a configuration error).
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "keymap.h"
#include "opts.h"
#include "text.h"
#include "version.h"

enum {
	OPT_ABOVE_KNOWN = 256, OPT_CUSTOMERS, OPT_KEEP_SHARED, OPT_KEPT,
	OPT_KEY, OPT_LINK, OPT_LINK_UNIQUE,
	OPT_LINK_CUSTOMER, OPT_LINK_KEY, OPT_PRIMARY, OPT_ROWS, OPT_SHARED_WHERE,
	OPT_TARGETS, OPT_UNDER, OPT_UNDER_KNOWN, OPT_UNDER_WHERE, OPT_VALUES, OPT_VERSION,
	OPT_WHERE
};

static const struct option longopts[] = {
	{ "above-known",	required_argument,	NULL, OPT_ABOVE_KNOWN },
	{ "customers",		required_argument,	NULL, OPT_CUSTOMERS },
	{ "delimiter",		required_argument,	NULL, 'd' },
	{ "help",		no_argument,		NULL, 'h' },
	{ "keep-shared",	no_argument,		NULL, OPT_KEEP_SHARED },
	{ "kept",		required_argument,	NULL, OPT_KEPT },
	{ "key",		required_argument,	NULL, OPT_KEY },
	{ "link",		required_argument,	NULL, OPT_LINK },
	{ "link-customer",	required_argument,	NULL, OPT_LINK_CUSTOMER },
	{ "link-key",		required_argument,	NULL, OPT_LINK_KEY },
	{ "link-unique",	required_argument,	NULL, OPT_LINK_UNIQUE },
	{ "primary",		required_argument,	NULL, OPT_PRIMARY },
	{ "rows",		required_argument,	NULL, OPT_ROWS },
	{ "shared-where",	required_argument,	NULL, OPT_SHARED_WHERE },
	{ "targets",		required_argument,	NULL, OPT_TARGETS },
	{ "under",		required_argument,	NULL, OPT_UNDER },
	{ "under-known",	required_argument,	NULL, OPT_UNDER_KNOWN },
	{ "under-where",	required_argument,	NULL, OPT_UNDER_WHERE },
	{ "values",		required_argument,	NULL, OPT_VALUES },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ "where",		required_argument,	NULL, OPT_WHERE },
	{ NULL,			0,			NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: linkpairs --targets FILE --link FILE --rows FILE --link-key COL\n"
"                 --link-customer COL [--where COL=FILTER]... [--key COL]\n"
"                 [--primary COL] [--under COL [--under-where COL=FILTER]...\n"
"                 [--under-known COL=FILTER]...\n"
"                 [--above-known COL=FILTER]...] [--keep-shared]\n"
"                 [--shared-where COL=FILTER]... [--customers FILE]\n"
"                 [--link-unique COL[|COL]...] [--kept FILE] [-d C]\n"
"\n"
"Writes the pairs LINK-KEY,LINK-CUSTOMER of the rows of ROWS that belong\n"
"to the customers of TARGETS: through LINK, the customers' --primary\n"
"column, and --under a row so reached; with --keep-shared, a row LINK\n"
"also links to something live, or under such a row, is kept (no pair),\n"
"and --kept FILE gets the number of such rows.\n"
"\n"
"  --targets FILE        the customers (column No.)\n"
"  --link FILE           the link table (read twice: not standard input)\n"
"  --rows FILE           the table reached\n"
"  --link-key COL        LINK's column naming a row of ROWS\n"
"  --link-customer COL   LINK's column naming a customer\n"
"  --link-unique COLS    LINK's key (COL|COL...): twice is a data error\n"
"  --where COL=FILTER    LINK's rows that link to a customer\n"
"  --key COL             ROWS' key (default No.)\n"
"  --primary COL         TARGETS' column naming a row of ROWS\n"
"  --under COL           ROWS' column naming a reached row\n"
"  --under-where COL=FILTER  the rows --under reaches\n"
"  --under-known COL=FILTER  what a row --under another must meet\n"
"  --above-known COL=FILTER  what a row a reached row is --under must meet\n"
"  --keep-shared         keep a row LINK also links to something live\n"
"  --shared-where COL=FILTER  LINK's rows that link to something live\n"
"  --values COL=V1|V2|...  the values COL may hold where a condition\n"
"                        reads it (#integer: a whole number); others: exit 1\n"
"  --customers FILE      the customers that exist (column No.; those whose\n"
"                        Anonymized is true are not live)\n"
"  --kept FILE           write the number of rows kept as shared\n"
"  -d, --delimiter C     field delimiter (default ,)\n"
"  --help, --version\n");
}

/* The command line. */
struct args {
	const char	*targets, *link, *rows, *kept, *customers;
	const char	*link_key, *link_customer, *key, *primary, *under;
	const char	*link_unique;
	struct wherelist where, under_where, under_known, above_known;
	struct wherelist shared_where;
	struct wherelist values;	/* --values, for every condition */
	int		 keep_shared;
	int		 delim;
};

/* A row of ROWS reached (a candidate), with the customers it names. */
struct cand {
	char		*no;
	uint32_t	*cust;		/* indexes into the targets */
	size_t		 ncust, cap;
	uint32_t	 company;	/* 1 + the candidate it is --under, or 0 */
	int		 shared;	/* LINK links it to something live */
	int		 seen;		/* a row of ROWS */
	int		 probe;		/* only the company of a candidate */
	int		 above;		/* a reached row is --under it */
	unsigned long	 aline;		/* its first row failing
					   --above-known (its line), or 0 */
};

/*
 * A candidate linked to a customer that is not a target: shared when the
 * customer is live (read_customers), a list per customer.
 */
struct ask {
	uint32_t	 cand;		/* index into the candidates */
	uint32_t	 next;		/* 1 + the customer's next ask, or 0 */
};

/* A row with its fields' surrounding spaces dropped (trimmed()). */
struct view {
	struct csvr_row	 row;
	size_t		 cap;
};

/* The state of a run. */
struct run {
	struct keymap	*tmap;		/* target No. -> 1 + index */
	char		**tno;
	size_t		 nt, tcap;
	struct keymap	*cmap;		/* candidate -> 1 + index */
	struct cand	*c;
	size_t		 nc, ccap;
	struct keymap	*asked;		/* --customers: a customer a candidate's
					   link names -> 1 + its first ask */
	struct ask	*ask;
	size_t		 nask, askcap;
	struct view	 v;
};

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
	case OPT_ABOVE_KNOWN:
		where_add(&a->above_known, "--above-known", arg);
		break;
	case OPT_CUSTOMERS:
		a->customers = arg;
		break;
	case OPT_KEEP_SHARED:
		a->keep_shared = 1;
		break;
	case OPT_KEPT:
		a->kept = arg;
		break;
	case OPT_KEY:
		a->key = arg;
		break;
	case OPT_LINK:
		a->link = arg;
		break;
	case OPT_LINK_CUSTOMER:
		a->link_customer = arg;
		break;
	case OPT_LINK_KEY:
		a->link_key = arg;
		break;
	case OPT_LINK_UNIQUE:
		if (*arg == '\0')
			diag_usage("--link-unique is empty");
		a->link_unique = arg;
		break;
	case OPT_PRIMARY:
		a->primary = arg;
		break;
	case OPT_ROWS:
		a->rows = arg;
		break;
	case OPT_TARGETS:
		a->targets = arg;
		break;
	case OPT_UNDER:
		a->under = arg;
		break;
	case OPT_SHARED_WHERE:
		where_add(&a->shared_where, "--shared-where", arg);
		break;
	case OPT_UNDER_KNOWN:
		where_add(&a->under_known, "--under-known", arg);
		break;
	case OPT_UNDER_WHERE:
		where_add(&a->under_where, "--under-where", arg);
		break;
	case OPT_VALUES:
		where_values(&a->values, "--values", arg);
		break;
	case OPT_VERSION:
		printf("linkpairs custanon %s\n", CUSTANON_VERSION);
		exit(0);
	case OPT_WHERE:
		where_add(&a->where, "--where", arg);
		break;
	default:
		diag_usage("bad option");
	}
}

static void
parse(struct args *a, int argc, char *argv[])
{
	int ch;

	memset(a, 0, sizeof(*a));
	a->delim = ',';
	a->key = "No.";
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (optind != argc)
		diag_usage("no operand expected");
	if (a->targets == NULL || a->link == NULL || a->rows == NULL)
		diag_usage("--targets, --link and --rows are required");
	if (a->link_key == NULL || a->link_customer == NULL)
		diag_usage("--link-key and --link-customer are required");
	if (strcmp(a->link, "-") == 0 || strcmp(a->rows, "-") == 0 ||
	    strcmp(a->targets, "-") == 0 ||
	    (a->customers != NULL && strcmp(a->customers, "-") == 0))
		diag_usage("the inputs are files, not standard input");
	if (a->under == NULL && (a->under_where.n > 0 ||
	    a->under_known.n > 0 || a->above_known.n > 0))
		diag_usage("--under-where, --under-known and --above-known "
		    "need --under");
}

/*
 * need: the index of column name in r's header: an input lacking a
 * column the options name is a configuration error (exit 2), found
 * before its rows are read.
 */
static size_t
need(const struct csvr *r, const struct csvr_row *hdr, const char *name)
{
	long i = hdr_find(hdr, name);

	if (i < 0)
		diag_die_at(EXIT_USAGE, csvr_name(r), 0,
		    "missing column '%s'", name);
	return (size_t)i;
}

/*
 * bind: where_bind, its columns checked by need() first, with the values
 * --values declares.
 */
static void
bind(const struct args *a, struct wherelist *wl, const struct csvr *r,
    const struct csvr_row *hdr)
{
	size_t i;

	for (i = 0; i < wl->n; i++)
		(void)need(r, hdr, wl->v[i].col);
	where_values_copy(wl, &a->values);
	where_bind(wl, r, hdr);
}

/* trim: s[0..*n) without its surrounding spaces and tabs. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t'))
		s++, (*n)--;
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/* trimmed: row with every field trimmed (valid until the next call). */
static const struct csvr_row *
trimmed(struct view *v, const struct csvr_row *row)
{
	struct csvr_field *f;
	size_t i;

	if (v->cap < row->nf) {
		v->cap = row->nf;
		v->row.f = xreallocarray(v->row.f, v->cap, sizeof(*v->row.f));
	}
	f = v->row.f;
	for (i = 0; i < row->nf; i++) {
		f[i].n = row->f[i].n;
		f[i].p = trim(row->f[i].p, &f[i].n);
	}
	v->row.nf = row->nf;
	v->row.line = row->line;
	return &v->row;
}

/*
 * code_ok: s[0..n) is a key as Business Central stores a Code field:
 * no surrounding spaces or tabs, no lower-case letter (each character
 * its own upper case), and, unless empty_ok, not empty.
 */
static int
code_ok(const char *s, size_t n, int empty_ok)
{
	static struct buf code;

	if (n == 0)
		return empty_ok;
	if (*s == ' ' || *s == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return 0;
	return !text_code(s, n, &code);
}

/*
 * need_code: row's column i of r is a key (code_ok), else a data error
 * naming the column and the row's customer or contact (the reader's key:
 * csvr_set_key), unless own (the column is that key: the line alone);
 * never the value at fault.
 */
static void
need_code(const struct csvr *r, const struct csvr_row *row, size_t i,
    const char *col, int empty_ok, int own)
{
	if (code_ok(row->f[i].p, row->f[i].n, empty_ok))
		return;
	if (own)
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, row->line),
		    "column '%s': %s", col, empty_ok ? "a key with "
		    "surrounding spaces or lower case" : "an empty key, or "
		    "one with surrounding spaces or lower case");
	csvr_die_row(r, row, EXIT_DATA, "column '%s': a key with surrounding "
	    "spaces or lower case", col);
}

/* target: the index of target customer k[0..n), or -1. */
static long
target(const struct run *x, const char *k, size_t n)
{
	uint32_t *v = keymap_get(x->tmap, k, n);

	return v == NULL ? -1 : (long)*v - 1;
}

/* cand_get: the candidate k[0..n), added when absent and add is set. */
static struct cand *
cand_get(struct run *x, const char *k, size_t n, int add)
{
	uint32_t *v;

	if (!add) {
		v = keymap_get(x->cmap, k, n);
		return v == NULL ? NULL : &x->c[*v - 1];
	}
	v = keymap_put(x->cmap, k, n);
	if (*v != 0)
		return &x->c[*v - 1];
	if (x->nc == x->ccap) {
		x->ccap = x->ccap ? x->ccap * 2 : 64;
		x->c = xreallocarray(x->c, x->ccap, sizeof(*x->c));
	}
	memset(&x->c[x->nc], 0, sizeof(*x->c));
	x->c[x->nc].no = xmemdup(k, n);
	*v = (uint32_t)++x->nc;
	return &x->c[x->nc - 1];
}

/* has: candidate c names customer t itself. */
static int
has(const struct cand *c, uint32_t t)
{
	size_t i;

	for (i = 0; i < c->ncust; i++)
		if (c->cust[i] == t)
			return 1;
	return 0;
}

/* cand_add: customer t names candidate c (once). */
static void
cand_add(struct cand *c, uint32_t t)
{
	if (has(c, t))
		return;
	if (c->ncust == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 2;
		c->cust = xreallocarray(c->cust, c->cap, sizeof(*c->cust));
	}
	c->cust[c->ncust++] = t;
}

/* read_targets: the targets, and the rows their --primary column names. */
static void
read_targets(struct run *x, const struct args *a)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	size_t ki, pi = 0;
	uint32_t *v;
	int rc;

	r = csvr_start(a->targets, a->delim, &hdr);
	ki = need(r, hdr, "No.");
	csvr_set_customer(r, ki);
	if (a->primary != NULL)
		pi = need(r, hdr, a->primary);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (a->primary != NULL)
			need_code(r, row, pi, a->primary, 1, 0);
		v = keymap_put(x->tmap, row->f[ki].p, row->f[ki].n);
		if (*v != 0)
			continue;
		if (x->nt == x->tcap) {
			x->tcap = x->tcap ? x->tcap * 2 : 64;
			x->tno = xreallocarray(x->tno, x->tcap,
			    sizeof(*x->tno));
		}
		x->tno[x->nt] = xmemdup(row->f[ki].p, row->f[ki].n);
		*v = (uint32_t)++x->nt;
		if (a->primary != NULL && row->f[pi].n > 0)
			cand_add(cand_get(x, row->f[pi].p, row->f[pi].n, 1),
			    *v - 1);
	}
	if (rc < 0)
		csvr_die(r);
	csvr_close(r);
}

/*
 * ask_add: the link row of candidate c names customer k[0..n), not a target:
 * c is shared when that customer is live (read_customers).
 */
static void
ask_add(struct run *x, const char *k, size_t n, const struct cand *c)
{
	uint32_t *v = keymap_put(x->asked, k, n);

	if (x->nask == x->askcap) {
		x->askcap = x->askcap ? x->askcap * 2 : 64;
		x->ask = xreallocarray(x->ask, x->askcap, sizeof(*x->ask));
	}
	x->ask[x->nask].cand = (uint32_t)(c - x->c);
	x->ask[x->nask].next = *v;
	*v = (uint32_t)++x->nask;
}

/*
 * read_customers: --customers, the customers that exist, once the
 * candidates are known (after pass 1 of read_link); a value of
 * Anonymized that is no boolean is a data error.  Each one not
 * anonymized already is live: the candidates linked to it (ask_add) are
 * shared, and so is, with --primary, the candidate that it names in that
 * column when it is not a target (its primary contact; a key: code_ok).
 */
static void
read_customers(struct run *x, const struct args *a)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct cand *c;
	size_t ki, pi = 0;
	uint32_t *hv, j;
	long ai;
	int rc, v;

	r = csvr_start(a->customers, a->delim, &hdr);
	ki = need(r, hdr, "No.");
	ai = hdr_find(hdr, "Anonymized");
	if (a->primary != NULL)
		pi = need(r, hdr, a->primary);
	csvr_set_customer(r, ki);
	while ((rc = csvr_next(r, &row)) == 1) {
		v = 0;
		if (ai != -1 && bool_parse(row->f[ai].p, row->f[ai].n, &v) == -1)
			csvr_die_row(r, row, EXIT_DATA,
			    "bad boolean in column 'Anonymized'");
		if (a->primary != NULL)
			need_code(r, row, pi, a->primary, 1, 0);
		if (v)
			continue;
		hv = keymap_get(x->asked, row->f[ki].p, row->f[ki].n);
		for (j = hv != NULL ? *hv : 0; j != 0; j = x->ask[j - 1].next)
			x->c[x->ask[j - 1].cand].shared = 1;
		if (a->primary != NULL && row->f[pi].n > 0 &&
		    target(x, row->f[ki].p, row->f[ki].n) < 0 &&
		    (c = cand_get(x, row->f[pi].p, row->f[pi].n, 0)) != NULL)
			c->shared = 1;
	}
	if (rc < 0)
		csvr_die(r);
	csvr_close(r);
}

enum { L_NONE, L_CUSTOMER, L_LIVE };

/*
 * kind: what link row row links its row to: a customer (it meets every
 * --where), something live (every --shared-where), or, without
 * --shared-where, anything else (live); with it, nothing when every
 * column these and --link-customer (ci) read is empty, else a data
 * error naming the contact (the reader's key), as is a --link-customer value that is
 * empty or has surrounding spaces where it links.
 */
static int
kind(struct run *x, const struct args *a, const struct csvr *r,
    const struct csvr_row *row, size_t ci)
{
	const struct csvr_row *v = trimmed(&x->v, row);
	const struct csvr_field *c = &row->f[ci];
	size_t i, n;
	int l;

	if (where_match(&a->where, v))
		l = L_CUSTOMER;
	else if (a->shared_where.n == 0 || where_match(&a->shared_where, v))
		l = L_LIVE;
	else {
		n = v->f[ci].n;
		for (i = 0; i < a->where.n; i++)
			n += v->f[a->where.v[i].idx].n;
		for (i = 0; i < a->shared_where.n; i++)
			n += v->f[a->shared_where.v[i].idx].n;
		if (n == 0)
			return L_NONE;
		csvr_die_row(r, row, EXIT_DATA, "a relation it does not "
		    "know (column '%s')", a->where.n > 0 ? a->where.v[0].col :
		    a->shared_where.v[0].col);
	}
	if (a->shared_where.n > 0 && (c->n == 0 || v->f[ci].n != c->n))
		csvr_die_row(r, row, EXIT_DATA, "column '%s' empty or with "
		    "surrounding spaces in a relation", a->link_customer);
	return l;
}

/*
 * unique_cols: the indexes of --link-unique's columns in LINK (need());
 * their number in *n.
 */
static size_t *
unique_cols(const struct args *a, const struct csvr *r,
    const struct csvr_row *hdr, size_t *n)
{
	char *copy = xstrdup(a->link_unique), *col, *next;
	size_t *ix = NULL;

	*n = 0;
	for (col = copy; col != NULL; col = next) {
		if ((next = strchr(col, '|')) != NULL)
			*next++ = '\0';
		ix = xreallocarray(ix, *n + 1, sizeof(*ix));
		ix[(*n)++] = need(r, hdr, col);
	}
	free(copy);
	return ix;
}

/*
 * unique: row's --link-unique key (its fields, each after its length)
 * not seen before in keys, else a data error naming the contact (the
 * reader's key).
 */
static void
unique(struct keymap *keys, char **kb, size_t *kcap, const struct csvr *r,
    const struct csvr_row *row, const size_t *ix, size_t n, const char *cols)
{
	const struct csvr_field *f;
	size_t i, len = 0;
	uint32_t *v;
	char *p;

	for (i = 0; i < n; i++)
		len += sizeof(size_t) + row->f[ix[i]].n;
	if (*kcap < len) {
		*kcap = len;
		*kb = xrealloc(*kb, len);
	}
	p = *kb;
	for (i = 0; i < n; i++) {
		f = &row->f[ix[i]];
		memcpy(p, &f->n, sizeof(size_t));
		memcpy(p + sizeof(size_t), f->p, f->n);
		p += sizeof(size_t) + f->n;
	}
	v = keymap_put(keys, *kb, len);
	if (*v != 0)
		csvr_die_row(r, row, EXIT_DATA, "a relation whose key (%s) "
		    "another row has too", cols);
	*v = 1;
}

/*
 * read_link: LINK once.  Pass 0: each row that links a row to a target
 * makes it a candidate of that customer.  Pass 1: each row of a
 * candidate that links it to something live marks it shared; with
 * --link-unique, its key must be the only one (unique()).
 */
static void
read_link(struct run *x, struct args *a, int pass)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct cand *c;
	struct keymap *keys = NULL;
	char *kb = NULL;
	size_t ki, ci, *ux = NULL, nu = 0, kcap = 0;
	long t;
	int rc, l;

	r = csvr_start(a->link, a->delim, &hdr);
	ki = need(r, hdr, a->link_key);
	ci = need(r, hdr, a->link_customer);
	/* Its messages name the row's contact. */
	csvr_set_key(r, ki, "contact");
	bind(a, &a->where, r, hdr);
	bind(a, &a->shared_where, r, hdr);
	if (a->link_unique != NULL) {
		ux = unique_cols(a, r, hdr, &nu);
		keys = keymap_new();
	}
	while ((rc = csvr_next(r, &row)) == 1) {
		if (pass == 0) {
			need_code(r, row, ki, a->link_key, 0, 1);
			need_code(r, row, ci, a->link_customer, 1, 0);
		}
		t = target(x, row->f[ci].p, row->f[ci].n);
		c = cand_get(x, row->f[ki].p, row->f[ki].n, 0);
		if (pass == 0 ? t < 0 : c == NULL)
			continue;
		if (pass == 1 && keys != NULL)
			unique(keys, &kb, &kcap, r, row, ux, nu,
			    a->link_unique);
		l = kind(x, a, r, row, ci);
		if (pass == 0) {
			if (l == L_CUSTOMER)
				cand_add(cand_get(x, row->f[ki].p,
				    row->f[ki].n, 1), (uint32_t)t);
			continue;
		}
		if (l == L_LIVE || (l == L_CUSTOMER && t < 0 &&
		    x->asked == NULL))
			c->shared = 1;
		else if (l == L_CUSTOMER && t < 0 && !c->shared)
			ask_add(x, row->f[ci].p, row->f[ci].n, c);
	}
	if (rc < 0)
		csvr_die(r);
	csvr_close(r);
	if (keys != NULL)
		keymap_free(keys);
	free(ux);
	free(kb);
}

/*
 * above_checked: with --above-known, once read_rows has read ROWS (r):
 * when every row a reached row is --under was a candidate all along (the
 * first two steps reach it), read_rows has checked each of its rows, so
 * say what read_above would (the first row failing --above-known, else
 * the first of them that is no row) and return 1; else 0 (direct: the
 * number of those candidates).
 */
static int
above_checked(const struct run *x, const struct args *a,
    const struct csvr *r, size_t direct)
{
	const struct cand *c, *bad = NULL;
	size_t i, n;

	for (i = direct; i < x->nc; i++)
		if (x->c[i].above)
			return 0;
	for (i = 0; i < x->nc; i++) {
		c = &x->c[i];
		if (c->above && c->aline != 0 &&
		    (bad == NULL || c->aline < bad->aline))
			bad = c;
	}
	if (bad != NULL) {
		n = strlen(bad->no);
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, bad->aline),
		    "contact %.*s: the '%s' of a contact reached, with a "
		    "value it does not allow there (column '%s')",
		    (int)(n > 200 ? 200 : n), bad->no, a->under,
		    a->above_known.v[0].col);
	}
	for (i = 0; i < x->nc; i++) {
		c = &x->c[i];
		if (!c->above || c->seen)
			continue;
		n = strlen(c->no);
		diag_die_at(EXIT_DATA, csvr_name(r), 0, "contact %.*s: "
		    "the '%s' of a contact reached, but no row of it",
		    (int)(n > 200 ? 200 : n), c->no, a->under);
	}
	return 1;
}

/*
 * read_rows: ROWS once: mark the candidates that are rows, and make each
 * row --under a candidate (not itself) a candidate too, under it; a
 * candidate --under a row that is none is put under it, that row a probe
 * (its links read in pass 1, for keep shared).  A row --under another
 * must meet every --under-known.  With --above-known, each row of a
 * candidate is checked against it, for above_checked; returns 1 when
 * that does not settle it (read_above must read ROWS again), else 0.
 */
static int
read_rows(struct run *x, struct args *a)
{
	const struct csvr_row *hdr, *row, *v;
	struct csvr *r;
	struct cand *c, *u;
	uint32_t *under = NULL;
	char **uno = NULL, **pno = NULL;
	size_t ki, ui = 0, n = 0, cap = 0, np = 0, pcap = 0, i;
	size_t direct = x->nc;
	uint32_t *cv, *pv, *pc = NULL;
	int rc, again = 0;

	r = csvr_start(a->rows, a->delim, &hdr);
	ki = need(r, hdr, a->key);
	csvr_set_key(r, ki, "contact");
	if (a->under != NULL)
		ui = need(r, hdr, a->under);
	bind(a, &a->under_where, r, hdr);
	bind(a, &a->under_known, r, hdr);
	bind(a, &a->above_known, r, hdr);
	while ((rc = csvr_next(r, &row)) == 1) {
		need_code(r, row, ki, a->key, 0, 1);
		if (a->under != NULL)
			need_code(r, row, ui, a->under, 1, 0);
		cv = keymap_get(x->cmap, row->f[ki].p, row->f[ki].n);
		if (cv != NULL) {
			c = &x->c[*cv - 1];
			c->seen = 1;
			if (a->above_known.n > 0 && c->aline == 0 &&
			    !where_match(&a->above_known, trimmed(&x->v, row)))
				c->aline = row->line;
		}
		if (a->under == NULL || row->f[ui].n == 0)
			continue;
		if (row->f[ui].n == row->f[ki].n &&
		    memcmp(row->f[ui].p, row->f[ki].p, row->f[ki].n) == 0)
			continue;
		pv = keymap_get(x->cmap, row->f[ui].p, row->f[ui].n);
		if (pv != NULL && *pv > direct)
			pv = NULL;
		if (pv == NULL && (cv == NULL || *cv > direct))
			continue;
		v = trimmed(&x->v, row);
		if (!where_match(&a->under_known, v))
			csvr_die_row(r, row, EXIT_DATA, "under another, a "
			    "value it does not allow (column '%s')",
			    a->under_known.v[0].col);
		if (!where_match(&a->under_where, v))
			continue;
		if (pv == NULL) {
			if (np == pcap) {
				pcap = pcap ? pcap * 2 : 16;
				pc = xreallocarray(pc, pcap, sizeof(*pc));
				pno = xreallocarray(pno, pcap, sizeof(*pno));
			}
			pc[np] = *cv;
			pno[np++] = xmemdup(row->f[ui].p, row->f[ui].n);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			under = xreallocarray(under, cap, sizeof(*under));
			uno = xreallocarray(uno, cap, sizeof(*uno));
		}
		under[n] = *pv;
		uno[n++] = xmemdup(row->f[ki].p, row->f[ki].n);
	}
	if (rc < 0)
		csvr_die(r);
	for (i = 0; i < n; i++) {
		x->c[under[i] - 1].above = 1;
		u = cand_get(x, uno[i], strlen(uno[i]), 1);
		u->seen = 1;
		if (u->company == 0)
			u->company = under[i];
		free(uno[i]);
	}
	for (i = 0; i < np; i++) {
		u = cand_get(x, pno[i], strlen(pno[i]), 1);
		u->above = 1;
		if (u->ncust == 0 && !u->seen)
			u->probe = 1;
		c = &x->c[pc[i] - 1];
		if (c->company == 0)
			c->company = (uint32_t)(u - x->c) + 1;
		free(pno[i]);
	}
	free(under);
	free(uno);
	free(pc);
	free(pno);
	if (a->above_known.n > 0)
		again = !above_checked(x, a, r, direct);
	csvr_close(r);
	return again;
}

/*
 * read_above: ROWS again, with --above-known: each row a reached row is
 * --under (its company contact) must meet every --above-known, and be a
 * row of ROWS, else a data error naming it.
 */
static void
read_above(struct run *x, struct args *a)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct cand *c;
	size_t ki, i;
	int rc;

	r = csvr_start(a->rows, a->delim, &hdr);
	ki = need(r, hdr, a->key);
	csvr_set_key(r, ki, "contact");
	bind(a, &a->above_known, r, hdr);
	while ((rc = csvr_next(r, &row)) == 1) {
		c = cand_get(x, row->f[ki].p, row->f[ki].n, 0);
		if (c == NULL || !c->above)
			continue;
		if (!where_match(&a->above_known, trimmed(&x->v, row)))
			csvr_die_row(r, row, EXIT_DATA, "the '%s' of a contact "
			    "reached, with a value it does not allow there "
			    "(column '%s')", a->under, a->above_known.v[0].col);
		c->above = 2;
	}
	if (rc < 0)
		csvr_die(r);
	for (i = 0; i < x->nc; i++)
		if (x->c[i].above == 1)
			diag_die_at(EXIT_DATA, csvr_name(r), 0, "contact %.*s: "
			    "the '%s' of a contact reached, but no row of it",
			    (int)(strlen(x->c[i].no) > 200 ? 200 :
			    strlen(x->c[i].no)), x->c[i].no, a->under);
	csvr_close(r);
}

/*
 * write_pairs: the pairs of every candidate not kept; returns the number
 * of rows kept as shared.
 */
static unsigned long
write_pairs(struct run *x, const struct args *a)
{
	struct csvw *w = csvw_new(STDOUT_FILENO, a->delim, 0, 0, 0);
	const struct cand *c, *co;
	unsigned long kept = 0;
	size_t i, j;
	int any, keep;

	csvw_str(w, a->link_key);
	csvw_str(w, a->link_customer);
	csvw_endrow(w);
	for (i = 0; i < x->nc; i++) {
		c = &x->c[i];
		if (c->probe)
			continue;
		co = c->company ? &x->c[c->company - 1] : NULL;
		keep = a->keep_shared && (c->shared ||
		    (co != NULL && co->shared));
		any = 0;
		if (!keep) {
			for (j = 0; j < c->ncust; j++, any = 1) {
				csvw_str(w, c->no);
				csvw_str(w, x->tno[c->cust[j]]);
				csvw_endrow(w);
			}
			if (co != NULL)
				for (j = 0; j < co->ncust; j++) {
					if (has(c, co->cust[j]))
						continue;
					any = 1;
					csvw_str(w, c->no);
					csvw_str(w, x->tno[co->cust[j]]);
					csvw_endrow(w);
				}
		}
		if (!any && c->seen && keep)
			kept++;
	}
	csvw_finish(w, "standard output");
	return kept;
}

static void
run_free(struct run *x)
{
	size_t i;

	for (i = 0; i < x->nt; i++)
		free(x->tno[i]);
	for (i = 0; i < x->nc; i++) {
		free(x->c[i].no);
		free(x->c[i].cust);
	}
	free(x->tno);
	free(x->c);
	free(x->v.row.f);
	free(x->ask);
	if (x->asked != NULL)
		keymap_free(x->asked);
	keymap_free(x->tmap);
	keymap_free(x->cmap);
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct run x;
	unsigned long kept;
	FILE *f;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	memset(&x, 0, sizeof(x));
	x.tmap = keymap_new();
	x.cmap = keymap_new();
	read_targets(&x, &a);
	read_link(&x, &a, 0);
	if (read_rows(&x, &a))
		read_above(&x, &a);
	if (a.customers != NULL)
		x.asked = keymap_new();
	if (a.keep_shared || a.link_unique != NULL)
		read_link(&x, &a, 1);
	if (a.customers != NULL)
		read_customers(&x, &a);
	kept = write_pairs(&x, &a);
	if (a.kept != NULL) {
		if ((f = fopen(a.kept, "w")) == NULL)
			diag_die(EXIT_DATA, "%s: %s", diag_name(a.kept),
			    strerror(errno));
		fprintf(f, "%lu\n", kept);
		if (fclose(f) != 0)
			diag_die(EXIT_DATA, "%s: write error",
			    diag_name(a.kept));
	}
	run_free(&x);
	where_free(&a.where);
	where_free(&a.under_where);
	where_free(&a.under_known);
	where_free(&a.above_known);
	where_free(&a.shared_where);
	where_free(&a.values);
	return 0;
}
