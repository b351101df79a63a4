/*
 * linkpairs: the rows of a table that belong to the customers being
 * anonymized when a link table reaches them in steps, as Business
 * Central links contacts to a customer (pipelines/rules/README.md,
 * "Link steps").
 *
 * Reads TARGETS (the customers being anonymized: No. and, with
 * --primary, that column), LINK (the link table, Contact Business
 * Relation, read twice) and ROWS (the table reached, Contact, read once),
 * each a CSV file with a header.  A row of ROWS (its --key, No.) belongs
 * to a target customer when:
 *   - a row of LINK that meets every --where names the customer in
 *     --link-customer and the row in --link-key;
 *   - with --primary COL, the customer's COL names it (Primary Contact
 *     No.);
 *   - with --under COL, its COL names a row reached by the two steps
 *     above (not itself) and it meets every --under-where (a person
 *     contact whose Company No. is the customer's company contact); it
 *     then belongs to that row's customers.
 * With --keep-shared, a row that LINK also links to anything else (a row
 * failing --where: a vendor, a bank account, an employee; or a customer
 * that is not a target) is kept as it is: it belongs to no customer, nor
 * do the rows reached --under it alone.
 *
 * Writes, on standard output, the pairs as CSV with the header
 * LINK-KEY,LINK-CUSTOMER (Contact No.,No.), one row per row and
 * customer, in the shape of the link table's rows, which scrub
 * (--keys-column) and leakcheck (--map) read.  With --kept FILE, writes
 * there the number of rows of ROWS kept because they are shared.
 *
 * Memory: the targets and the rows they reach; LINK and ROWS are
 * streamed.
 *
 * Exit status: 0 success; 1 data error (malformed CSV, a missing
 * column, a write error); 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "keymap.h"
#include "opts.h"
#include "version.h"

enum {
	OPT_KEEP_SHARED = 256, OPT_KEPT, OPT_KEY, OPT_LINK, OPT_LINK_CUSTOMER,
	OPT_LINK_KEY, OPT_PRIMARY, OPT_ROWS, OPT_TARGETS, OPT_UNDER,
	OPT_UNDER_WHERE, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "delimiter",		required_argument,	NULL, 'd' },
	{ "help",		no_argument,		NULL, 'h' },
	{ "keep-shared",	no_argument,		NULL, OPT_KEEP_SHARED },
	{ "kept",		required_argument,	NULL, OPT_KEPT },
	{ "key",		required_argument,	NULL, OPT_KEY },
	{ "link",		required_argument,	NULL, OPT_LINK },
	{ "link-customer",	required_argument,	NULL, OPT_LINK_CUSTOMER },
	{ "link-key",		required_argument,	NULL, OPT_LINK_KEY },
	{ "primary",		required_argument,	NULL, OPT_PRIMARY },
	{ "rows",		required_argument,	NULL, OPT_ROWS },
	{ "targets",		required_argument,	NULL, OPT_TARGETS },
	{ "under",		required_argument,	NULL, OPT_UNDER },
	{ "under-where",	required_argument,	NULL, OPT_UNDER_WHERE },
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
"                 [--primary COL] [--under COL [--under-where COL=FILTER]...]\n"
"                 [--keep-shared] [--kept FILE] [-d C]\n"
"\n"
"Writes the pairs LINK-KEY,LINK-CUSTOMER of the rows of ROWS that belong\n"
"to the customers of TARGETS: through LINK, the customers' --primary\n"
"column, and --under a row so reached; with --keep-shared, a row LINK\n"
"also links to anything else is kept (no pair), and --kept FILE gets the\n"
"number of such rows.\n"
"\n"
"  --targets FILE        the customers (column No.)\n"
"  --link FILE           the link table (read twice: not standard input)\n"
"  --rows FILE           the table reached\n"
"  --link-key COL        LINK's column naming a row of ROWS\n"
"  --link-customer COL   LINK's column naming a customer\n"
"  --where COL=FILTER    LINK's rows that link to a customer\n"
"  --key COL             ROWS' key (default No.)\n"
"  --primary COL         TARGETS' column naming a row of ROWS\n"
"  --under COL           ROWS' column naming a reached row\n"
"  --under-where COL=FILTER  the rows --under reaches\n"
"  --keep-shared         keep a row LINK also links to anything else\n"
"  --kept FILE           write the number of rows kept as shared\n"
"  -d, --delimiter C     field delimiter (default ,)\n"
"  --help, --version\n");
}

/* The command line. */
struct args {
	const char	*targets, *link, *rows, *kept;
	const char	*link_key, *link_customer, *key, *primary, *under;
	struct wherelist where, under_where;
	int		 keep_shared;
	int		 delim;
};

/* A row of ROWS reached (a candidate), with the customers it names. */
struct cand {
	char		*no;
	uint32_t	*cust;		/* indexes into the targets */
	size_t		 ncust, cap;
	uint32_t	 company;	/* 1 + the candidate it is --under, or 0 */
	int		 shared;	/* LINK links it to something else */
	int		 seen;		/* a row of ROWS */
};

/* The state of a run. */
struct run {
	struct keymap	*tmap;		/* target No. -> 1 + index */
	char		**tno;
	size_t		 nt, tcap;
	struct keymap	*cmap;		/* candidate -> 1 + index */
	struct cand	*c;
	size_t		 nc, ccap;
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
	case OPT_UNDER_WHERE:
		where_add(&a->under_where, "--under-where", arg);
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
	    strcmp(a->targets, "-") == 0)
		diag_usage("the inputs are files, not standard input");
	if (a->under == NULL && a->under_where.n > 0)
		diag_usage("--under-where needs --under");
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
	ki = hdr_need(r, hdr, "No.");
	csvr_set_customer(r, ki);
	if (a->primary != NULL)
		pi = hdr_need(r, hdr, a->primary);
	while ((rc = csvr_next(r, &row)) == 1) {
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
 * read_link: LINK once.  Pass 0: each row that links a row to a target
 * makes it a candidate of that customer.  Pass 1: each row of a
 * candidate that links it to anything else marks it shared.
 */
static void
read_link(struct run *x, struct args *a, int pass)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct cand *c;
	size_t ki, ci;
	long t;
	int rc, linked;

	r = csvr_start(a->link, a->delim, &hdr);
	ki = hdr_need(r, hdr, a->link_key);
	ci = hdr_need(r, hdr, a->link_customer);
	where_bind(&a->where, r, hdr);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (pass == 1 && cand_get(x, row->f[ki].p, row->f[ki].n, 0) ==
		    NULL)
			continue;
		linked = where_match(&a->where, row);
		t = linked ? target(x, row->f[ci].p, row->f[ci].n) : -1;
		if (pass == 0) {
			if (t >= 0)
				cand_add(cand_get(x, row->f[ki].p,
				    row->f[ki].n, 1), (uint32_t)t);
			continue;
		}
		if (t < 0) {
			c = cand_get(x, row->f[ki].p, row->f[ki].n, 0);
			c->shared = 1;
		}
	}
	if (rc < 0)
		csvr_die(r);
	csvr_close(r);
}

/*
 * read_rows: ROWS once: mark the candidates that are rows, and make each
 * row --under a candidate (not itself) a candidate too, under it.
 */
static void
read_rows(struct run *x, struct args *a)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct cand *c, *u;
	uint32_t *under = NULL;
	char **uno = NULL;
	size_t ki, ui = 0, n = 0, cap = 0, i, direct = x->nc;
	uint32_t *v;
	int rc;

	r = csvr_start(a->rows, a->delim, &hdr);
	ki = hdr_need(r, hdr, a->key);
	if (a->under != NULL)
		ui = hdr_need(r, hdr, a->under);
	where_bind(&a->under_where, r, hdr);
	while ((rc = csvr_next(r, &row)) == 1) {
		if ((c = cand_get(x, row->f[ki].p, row->f[ki].n, 0)) != NULL)
			c->seen = 1;
		if (a->under == NULL || row->f[ui].n == 0)
			continue;
		if (row->f[ui].n == row->f[ki].n &&
		    memcmp(row->f[ui].p, row->f[ki].p, row->f[ki].n) == 0)
			continue;
		v = keymap_get(x->cmap, row->f[ui].p, row->f[ui].n);
		if (v == NULL || *v > direct ||
		    !where_match(&a->under_where, row))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			under = xreallocarray(under, cap, sizeof(*under));
			uno = xreallocarray(uno, cap, sizeof(*uno));
		}
		under[n] = *v;
		uno[n++] = xmemdup(row->f[ki].p, row->f[ki].n);
	}
	if (rc < 0)
		csvr_die(r);
	csvr_close(r);
	for (i = 0; i < n; i++) {
		u = cand_get(x, uno[i], strlen(uno[i]), 1);
		u->seen = 1;
		if (u->company == 0)
			u->company = under[i];
		free(uno[i]);
	}
	free(under);
	free(uno);
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
	int any;

	csvw_str(w, a->link_key);
	csvw_str(w, a->link_customer);
	csvw_endrow(w);
	for (i = 0; i < x->nc; i++) {
		c = &x->c[i];
		co = c->company ? &x->c[c->company - 1] : NULL;
		any = 0;
		if (!(a->keep_shared && c->shared)) {
			for (j = 0; j < c->ncust; j++, any = 1) {
				csvw_str(w, c->no);
				csvw_str(w, x->tno[c->cust[j]]);
				csvw_endrow(w);
			}
			if (co != NULL && !(a->keep_shared && co->shared))
				for (j = 0; j < co->ncust; j++) {
					if (has(c, co->cust[j]))
						continue;
					any = 1;
					csvw_str(w, c->no);
					csvw_str(w, x->tno[co->cust[j]]);
					csvw_endrow(w);
				}
		}
		if (!any && c->seen && a->keep_shared)
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
	read_rows(&x, &a);
	if (a.keep_shared)
		read_link(&x, &a, 1);
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
	return 0;
}
