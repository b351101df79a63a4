/*
 * leakcheck: the last check before a pipeline imports its changes (SPEC
 * section 5): no original value of a scrubbed column of an anonymized
 * customer may survive in the rows about to be imported for it.
 *
 * --originals FILE holds the original rows of the anonymized customers,
 * keyed by --customer-key (default "No.").  The scrubbed columns are
 * those that some --rules FILE (repeatable) does not keep: a column named
 * with an action other than keep, or, not named, caught by a "*" rule
 * other than keep.  Their original values are what must not survive,
 * except those that are no personal data: empty, without a letter or
 * digit ("------"), or equal to a text the rules write (the argument of
 * a replace rule: "nowhere.com"), as a customer anonymized before holds.
 *
 * Each --changes FILE is followed by its own options: --key COL
 * (repeatable), the columns that name the customer a row is for (a row
 * is checked for every anonymized customer it names); --fields RULES
 * after a --key, the columns that rules file scrubs hold the data of the
 * customer named by that key, so that they are not checked for another
 * customer named in the same row (a posted invoice's Bill-to fields are
 * the bill-to customer's, not the sell-to customer's); --map FILE, when
 * the key names no customer but a row of FILE (a Contact, through
 * Contact Business Relation), whose --map-key column (default
 * "Contact No.") holds the key and --map-customer column (default "No.")
 * the customer.
 *
 * A value survives when a cell of the row other than its key columns
 * holds it, case-insensitively (text_fold): anywhere in the cell for a
 * value of five characters or more, as the whole cell for a shorter one.
 * Two refinements keep realistic data from stopping the job: a value of
 * digits alone (a post code) counts only as a number of its own, not
 * inside a longer run of digits (a document number), and a whole-cell
 * match against a boolean cell (Open = No against country code NO) is
 * no survivor.
 * Every survivor is reported as "FILE:LINE: customer 'NO': original value
 * of column 'C' survives in column 'D'", never with the value; the check
 * goes on to the end and then fails.
 *
 * With --complete, every ".csv" file of the current folder must be one
 * of the --changes FILEs (named as the folder lists it): a change file
 * that no --changes names would be imported unchecked, so it is refused
 * (exit 2) before anything is read.
 *
 * With --pii, nothing is checked: the originals are written as CSV,
 * restricted to the customer key and the scrubbed columns (scrub's
 * --keys-pii file).
 *
 * Exit status: 0 no survivor; 1 a survivor, or a data error (malformed
 * CSV, missing column, duplicate customer); 2 usage or configuration
 * error (a bad rules file).
 */
#include <dirent.h>
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
#include "rules.h"
#include "text.h"
#include "version.h"

/* One original value that must not survive. */
/* isdigitc: c is an ASCII digit. */
static int
isdigitc(char c)
{
	return c >= '0' && c <= '9';
}

struct value {
	size_t	 off;		/* folded bytes in the values arena */
	size_t	 n;		/* their length */
	size_t	 col;		/* its column in the originals */
	int	 whole;		/* shorter than five characters: whole cell */
	int	 digits;	/* only digits: not inside a longer number */
};

/*
 * numfind: the value's digits p[0..n) occur in cell[0..cn) as a number
 * of their own, not inside a longer run of digits (a post code is not in
 * a document number that happens to contain its digits).
 */
static int
numfind(const char *cell, size_t cn, const char *p, size_t n)
{
	size_t at = 0;

	while ((at = text_find(cell, cn, at, p, n)) != (size_t)-1) {
		if ((at == 0 || !isdigitc(cell[at - 1])) &&
		    (at + n == cn || !isdigitc(cell[at + n])))
			return 1;
		at++;
	}
	return 0;
}

/* survives: value v (folded in vp) is in the folded cell[0..n). */
static int
survives(const struct value *v, const char *vp, const char *cell, size_t n)
{
	int b;

	if (v->whole)
		/* A boolean cell (Open = No) holds no person's "NO". */
		return n == v->n && memcmp(cell, vp, n) == 0 &&
		    bool_parse(cell, n, &b) == -1;
	if (v->digits)
		return numfind(cell, n, vp, v->n);
	return text_find(cell, n, 0, vp, v->n) != (size_t)-1;
}

/* One anonymized customer. */
struct customer {
	size_t	 no;		/* its number in the names arena */
	size_t	 first;		/* its values: [first, first + nval) */
	size_t	 nval;
};

struct originals {
	char		**cols;		/* column names of the originals */
	size_t		  ncols;
	struct customer	 *c;
	size_t		  nc;
	struct value	 *v;
	size_t		  nv;
	struct buf	  arena;	/* folded values */
	struct buf	  names;	/* customer numbers, NUL-terminated */
	struct keymap	 *byno;		/* number -> 1 + index into c */
};

/* A --key of a --changes source. */
struct key {
	char		*col;
	char		*fields;	/* --fields rules file, or NULL */
	struct rules	*own;		/* the --fields rules */
	size_t		 idx;		/* column index once bound */
	int		*owns;		/* per column of the file: owned */
};

/* A customer reached through a --map row. */
struct link {
	uint32_t	 cust;		/* index into originals */
	uint32_t	 next;		/* 1 + next link, 0 at the end */
};

struct changes {
	char		*path;
	struct key	*k;
	size_t		 nk;
	char		*map;		/* --map file, or NULL */
	char		*mapkey;	/* --map-key */
	char		*mapcust;	/* --map-customer */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_CHANGES = 256, OPT_COMPLETE, OPT_CUSTOMER_KEY, OPT_FIELDS, OPT_KEY, OPT_MAP,
	OPT_MAP_CUSTOMER, OPT_MAP_KEY, OPT_ORIGINALS, OPT_PII, OPT_QUOTE_ALL,
	OPT_RULES, OPT_VERSION
};

static const struct option longopts[] = {
	{ "changes",		required_argument, NULL, OPT_CHANGES },
	{ "complete",		no_argument,       NULL, OPT_COMPLETE },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "fields",		required_argument, NULL, OPT_FIELDS },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "map",		required_argument, NULL, OPT_MAP },
	{ "map-customer",	required_argument, NULL, OPT_MAP_CUSTOMER },
	{ "map-key",		required_argument, NULL, OPT_MAP_KEY },
	{ "originals",		required_argument, NULL, OPT_ORIGINALS },
	{ "pii",		no_argument,       NULL, OPT_PII },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "rules",		required_argument, NULL, OPT_RULES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: leakcheck --rules FILE... --originals FILE [--customer-key COL]\n"
"                 (--changes FILE (--key COL [--fields RULES])...\n"
"                  [--map FILE [--map-key COL] [--map-customer COL]])...\n"
"                 [--complete] [-d C]\n"
"       leakcheck --pii --rules FILE... --originals FILE [--customer-key COL]\n"
"\n"
"Fails when an original value of a scrubbed column of a customer in the\n"
"originals survives in a row of a changes file that names the customer.\n"
"\n"
"  --rules FILE         a column is scrubbed when a rules file does not\n"
"                       keep it (repeatable)\n"
"  --originals FILE     the original rows of the anonymized customers\n"
"  --customer-key COL   their key column (default No.)\n"
"  --changes FILE       a file of rows about to be imported; then:\n"
"    --key COL          a column naming the row's customer (repeatable)\n"
"    --fields RULES     after --key: the columns RULES scrubs belong to\n"
"                       that key's customer only\n"
"    --map FILE         the key names a row of FILE, not a customer\n"
"    --map-key COL      the column of FILE holding the key (Contact No.)\n"
"    --map-customer COL the column of FILE holding the customer (No.)\n"
"  --complete           every .csv file of the current folder must be a\n"
"                       --changes FILE: refuse any other\n"
"  --pii                write the originals' key and scrubbed columns as\n"
"                       CSV instead of checking\n"
"  -d, --delimiter C    field delimiter of every CSV input but the rules\n"
"  --quote-all          quote every output field (--pii)\n"
"  --help, --version\n");
}

/* scrubbed: 1 when the rules rs do not keep column name. */
static int
scrubbed(const struct rules *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].column, "*") != 0 &&
		    strcmp(rs->v[i].column, name) == 0)
			return rs->v[i].action != RULE_KEEP;
	return rs->star != NULL && rs->star->action != RULE_KEEP;
}

/* isscrubbed: 1 when any of the n rules files scrubs column name. */
static int
isscrubbed(struct rules **rs, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (scrubbed(rs[i], name))
			return 1;
	return 0;
}

/* haswordbyte: 1 when p[0..n) holds a letter or digit (text_isword). */
static int
haswordbyte(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (text_isword((unsigned char)p[i]))
			return 1;
	return 0;
}

/*
 * placeholder: 1 when the folded f[0..n) equals, folded, the argument of
 * a replace rule of any of the rules files.
 */
static int
placeholder(struct rules **rs, size_t nrs, const char *f, size_t n,
    struct buf *tmp)
{
	const struct rule *ru;
	size_t i, j;

	for (i = 0; i < nrs; i++)
		for (j = 0; j < rs[i]->n; j++) {
			ru = &rs[i]->v[j];
			if (ru->action != RULE_REPLACE || ru->argn != n)
				continue;
			buf_reset(tmp);
			buf_add(tmp, ru->arg, ru->argn);
			text_fold(tmp->p, tmp->n);
			if (memcmp(tmp->p, f, n) == 0)
				return 1;
		}
	return 0;
}

/*
 * put_scrubbed: write the key column and the scrubbed columns scol[0..n)
 * of row (or header) to w, for --pii.
 */
static void
put_scrubbed(struct csvw *w, const struct csvr_row *row, size_t keyi,
    const size_t *scol, size_t n)
{
	size_t i;

	csvw_field(w, row->f[keyi].p, row->f[keyi].n);
	for (i = 0; i < n; i++)
		csvw_field(w, row->f[scol[i]].p, row->f[scol[i]].n);
	csvw_endrow(w);
}

/*
 * value_add: add field f of column col, folded, to the values of the
 * latest customer of o, unless it is no personal data (no letter or
 * digit, or a text the rules write).  tmp is scratch space.
 */
static void
value_add(struct originals *o, const struct csvr_field *f, size_t col,
    struct rules **rs, size_t nrs, struct buf *tmp)
{
	struct value *v;
	size_t j, off;

	if (!haswordbyte(f->p, f->n))
		return;
	off = o->arena.n;
	buf_add(&o->arena, f->p, f->n);
	text_fold(o->arena.p + off, f->n);
	if (placeholder(rs, nrs, o->arena.p + off, f->n, tmp)) {
		o->arena.n = off;
		o->arena.p[off] = '\0';
		return;
	}
	o->v = xreallocarray(o->v, o->nv + 1, sizeof(*o->v));
	v = &o->v[o->nv++];
	v->off = off;
	v->n = f->n;
	v->col = col;
	v->whole = text_nchars(f->p, f->n) < 5;
	v->digits = 1;
	for (j = 0; j < f->n && v->digits; j++)
		v->digits = isdigitc(f->p[j]);
	o->c[o->nc - 1].nval++;
}

/*
 * customer_add: add the customer of row (its key in column keyi) to o,
 * as its latest, with no values yet; a customer seen before is a data
 * error at row's line of r.
 */
static void
customer_add(struct originals *o, const struct csvr *r,
    const struct csvr_row *row, size_t keyi)
{
	const struct csvr_field *k = &row->f[keyi];
	struct customer *c;
	uint32_t *slot;
	char *name;

	slot = keymap_put(o->byno, k->p, k->n);
	if (*slot != 0)
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, row->line),
		    "duplicate customer '%s'", xmemdup(k->p, k->n));
	o->c = xreallocarray(o->c, o->nc + 1, sizeof(*o->c));
	c = &o->c[o->nc];
	*slot = (uint32_t)++o->nc;
	c->no = o->names.n;
	name = xmemdup(k->p, k->n);
	buf_add(&o->names, name, k->n + 1);
	free(name);
	c->first = o->nv;
	c->nval = 0;
}

/*
 * originals_load: read the originals into o: for each customer the
 * folded non-empty values of its scrubbed columns.  With pii, instead
 * write the key and scrubbed columns of each row as CSV.
 */
static void
originals_load(struct originals *o, const char *path, int delim,
    const char *keycol, struct rules **rs, size_t nrs, int quote_all,
    int pii)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	struct csvw *w = NULL;
	struct buf tmp = { NULL, 0, 0 };
	size_t keyi, i, *scol = NULL, nscol = 0;
	int rc;

	o->byno = keymap_new();
	r = csvr_start(path, delim, &hdr);
	keyi = hdr_need(r, hdr, keycol);
	o->ncols = hdr->nf;
	o->cols = xcalloc(hdr->nf, sizeof(*o->cols));
	scol = xcalloc(hdr->nf, sizeof(*scol));
	for (i = 0; i < hdr->nf; i++) {
		o->cols[i] = xmemdup(hdr->f[i].p, hdr->f[i].n);
		if (i != keyi && isscrubbed(rs, nrs, hdr->f[i].p))
			scol[nscol++] = i;
	}
	if (pii) {
		w = csvw_like(STDOUT_FILENO, r, quote_all);
		put_scrubbed(w, hdr, keyi, scol, nscol);
	}
	while ((rc = csvr_next(r, &row)) == 1) {
		if (w != NULL) {
			put_scrubbed(w, row, keyi, scol, nscol);
			continue;
		}
		customer_add(o, r, row, keyi);
		for (i = 0; i < nscol; i++)
			value_add(o, &row->f[scol[i]], scol[i], rs, nrs, &tmp);
	}
	if (rc == -1)
		csvr_die(r);
	if (w != NULL)
		csvw_finish(w, NULL);
	csvr_close(r);
	buf_free(&tmp);
	free(scol);
}

static void
originals_free(struct originals *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		free(o->cols[i]);
	free(o->cols);
	free(o->c);
	free(o->v);
	buf_free(&o->arena);
	buf_free(&o->names);
	if (o->byno != NULL)
		keymap_free(o->byno);
}

/*
 * map_load: read the links of a --map file: for each row whose customer
 * is an anonymized one, key -> that customer, chained in *links.
 */
static struct keymap *
map_load(const struct changes *ch, int delim, const struct originals *o,
    struct link **links, size_t *nlinks)
{
	const struct csvr_row *hdr, *row;
	struct keymap *m = keymap_new();
	struct csvr *r;
	uint32_t *slot, *cust;
	size_t ki, ci;
	int rc;

	r = csvr_start(ch->map, delim, &hdr);
	ki = hdr_need(r, hdr, ch->mapkey);
	ci = hdr_need(r, hdr, ch->mapcust);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (row->f[ki].n == 0 || (cust = keymap_get(o->byno,
		    row->f[ci].p, row->f[ci].n)) == NULL)
			continue;
		slot = keymap_put(m, row->f[ki].p, row->f[ki].n);
		*links = xreallocarray(*links, *nlinks + 1, sizeof(**links));
		(*links)[*nlinks].cust = *cust - 1;
		(*links)[*nlinks].next = *slot;
		*slot = (uint32_t)++*nlinks;
	}
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	return m;
}

/* The state of checking one changes file. */
struct check {
	const struct changes	*ch;
	const struct originals	*o;
	struct csvr		*r;
	const struct csvr_row	*hdr;
	int			*iskey;		/* per column: a --key column */
	char			**colname;	/* per column: its name, shown */
	struct buf		 folded;	/* the row's cells, folded */
	int			 isfolded;	/* folded holds this row's */
	size_t			*cell;		/* offset of each cell in it */
	uint32_t		*seen;		/* customers checked this row */
	size_t			 nseen;
	unsigned long		 leaks;
};

/* foreign: 1 when column j belongs to another customer than key k's. */
static int
foreign(const struct check *x, const struct csvr_row *row, size_t k,
    size_t j)
{
	const struct key *kk = &x->ch->k[k], *o;
	const struct csvr_field *a = &row->f[kk->idx], *b;
	size_t i;

	if (kk->owns != NULL && kk->owns[j])
		return 0;
	for (i = 0; i < x->ch->nk; i++) {
		o = &x->ch->k[i];
		if (i == k || o->owns == NULL || !o->owns[j])
			continue;
		b = &row->f[o->idx];
		if (b->n != 0 && (b->n != a->n || memcmp(a->p, b->p, a->n)))
			return 1;
	}
	return 0;
}

/* check_customer: look for customer ci's values in row, reached by key k. */
static void
check_customer(struct check *x, const struct csvr_row *row, size_t k,
    uint32_t ci)
{
	const struct originals *o = x->o;
	const struct customer *c = &o->c[ci];
	const struct value *v;
	const char *cell;
	size_t i, j, n;

	for (i = 0; i < x->nseen; i++)
		if (x->seen[i] == ci)
			return;
	x->seen[x->nseen++] = ci;
	if (!x->isfolded) {
		buf_reset(&x->folded);
		for (j = 0; j < row->nf; j++) {
			x->cell[j] = x->folded.n;
			buf_add(&x->folded, row->f[j].p, row->f[j].n);
			text_fold(x->folded.p + x->cell[j], row->f[j].n);
		}
		x->isfolded = 1;
	}
	for (j = 0; j < row->nf; j++) {
		if (x->iskey[j] || foreign(x, row, k, j))
			continue;
		cell = x->folded.p + x->cell[j];
		n = row->f[j].n;
		for (i = 0; i < c->nval; i++) {
			v = &o->v[c->first + i];
			if (survives(v, o->arena.p + v->off, cell, n)) {
				diag_at(csvr_name(x->r),
				    csvr_line(x->r, row->line),
				    "customer '%s': original value of column "
				    "'%s' survives in column '%s'",
				    o->names.p + c->no, o->cols[v->col],
				    x->colname[j]);
				x->leaks++;
			}
		}
	}
}

/* check_file: check every row of one changes file; returns the leaks. */
static unsigned long
check_file(const struct changes *ch, int delim, const struct originals *o)
{
	const struct csvr_row *row;
	struct check x;
	struct keymap *map = NULL;
	struct link *links = NULL;
	size_t nlinks = 0, i, j;
	uint32_t *slot, l;
	int rc;

	memset(&x, 0, sizeof(x));
	x.ch = ch;
	x.o = o;
	if (ch->map != NULL)
		map = map_load(ch, delim, o, &links, &nlinks);
	x.r = csvr_start(ch->path, delim, &x.hdr);
	x.iskey = xcalloc(x.hdr->nf, sizeof(*x.iskey));
	x.colname = xcalloc(x.hdr->nf, sizeof(*x.colname));
	for (j = 0; j < x.hdr->nf; j++)
		x.colname[j] = xmemdup(x.hdr->f[j].p, x.hdr->f[j].n);
	x.cell = xcalloc(x.hdr->nf, sizeof(*x.cell));
	x.seen = xcalloc(ch->nk * (nlinks + 1), sizeof(*x.seen));
	for (i = 0; i < ch->nk; i++) {
		ch->k[i].idx = hdr_need(x.r, x.hdr, ch->k[i].col);
		x.iskey[ch->k[i].idx] = 1;
		if (ch->k[i].fields == NULL)
			continue;
		ch->k[i].owns = xcalloc(x.hdr->nf, sizeof(*ch->k[i].owns));
		for (j = 0; j < x.hdr->nf; j++)
			ch->k[i].owns[j] = scrubbed(ch->k[i].own,
			    x.hdr->f[j].p);
	}
	while ((rc = csvr_next(x.r, &row)) == 1) {
		x.nseen = 0;
		x.isfolded = 0;
		for (i = 0; i < ch->nk; i++) {
			const struct csvr_field *f = &row->f[ch->k[i].idx];

			if (f->n == 0)
				continue;
			if (map == NULL) {
				if ((slot = keymap_get(o->byno, f->p,
				    f->n)) != NULL)
					check_customer(&x, row, i, *slot - 1);
				continue;
			}
			if ((slot = keymap_get(map, f->p, f->n)) == NULL)
				continue;
			for (l = *slot; l != 0; l = links[l - 1].next)
				check_customer(&x, row, i, links[l - 1].cust);
		}
	}
	if (rc == -1)
		csvr_die(x.r);
	for (j = 0; j < x.hdr->nf; j++)
		free(x.colname[j]);
	free(x.colname);
	csvr_close(x.r);
	for (i = 0; i < ch->nk; i++) {
		free(ch->k[i].owns);
		ch->k[i].owns = NULL;
	}
	if (map != NULL)
		keymap_free(map);
	free(links);
	free(x.iskey);
	free(x.cell);
	free(x.seen);
	buf_free(&x.folded);
	return x.leaks;
}

/* last_changes: the latest --changes, or a usage error naming opt. */
static struct changes *
last_changes(struct changes *ch, size_t n, const char *opt)
{
	if (n == 0)
		diag_usage("%s must follow a --changes", opt);
	return &ch[n - 1];
}

/* The command line. */
struct args {
	struct changes	*ch;		/* --changes, with their options */
	size_t		 nch;
	struct rules	**rs;		/* --rules, loaded */
	size_t		 nrs;
	const char	*origpath;	/* --originals */
	const char	*keycol;	/* --customer-key */
	int		 delim;
	int		 pii;		/* --pii */
	int		 quote_all;
	int		 complete;	/* --complete */
};

/* option: apply option ch with arg to a (a --rules file is loaded). */
static void
option(struct args *a, int ch, char *arg)
{
	struct changes *c;
	struct key *k;

	switch (ch) {
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		usage();
		exit(0);
	case OPT_CHANGES:
		a->ch = xreallocarray(a->ch, a->nch + 1, sizeof(*a->ch));
		c = &a->ch[a->nch++];
		memset(c, 0, sizeof(*c));
		c->path = arg;
		c->mapkey = "Contact No.";
		c->mapcust = "No.";
		break;
	case OPT_COMPLETE:
		a->complete = 1;
		break;
	case OPT_CUSTOMER_KEY:
		a->keycol = arg;
		break;
	case OPT_FIELDS:
		c = last_changes(a->ch, a->nch, "--fields");
		if (c->nk == 0 || c->k[c->nk - 1].fields != NULL)
			diag_usage("--fields must follow a --key");
		c->k[c->nk - 1].fields = arg;
		break;
	case OPT_KEY:
		c = last_changes(a->ch, a->nch, "--key");
		c->k = xreallocarray(c->k, c->nk + 1, sizeof(*c->k));
		k = &c->k[c->nk++];
		memset(k, 0, sizeof(*k));
		k->col = arg;
		break;
	case OPT_MAP:
		last_changes(a->ch, a->nch, "--map")->map = arg;
		break;
	case OPT_MAP_CUSTOMER:
		last_changes(a->ch, a->nch, "--map-customer")->mapcust = arg;
		break;
	case OPT_MAP_KEY:
		last_changes(a->ch, a->nch, "--map-key")->mapkey = arg;
		break;
	case OPT_ORIGINALS:
		a->origpath = arg;
		break;
	case OPT_PII:
		a->pii = 1;
		break;
	case OPT_QUOTE_ALL:
		a->quote_all = 1;
		break;
	case OPT_RULES:
		a->rs = xreallocarray(a->rs, a->nrs + 1, sizeof(*a->rs));
		a->rs[a->nrs++] = rules_load(arg);
		break;
	case OPT_VERSION:
		printf("leakcheck custanon %s\n", CUSTANON_VERSION);
		exit(0);
	default:
		diag_usage("bad option");
	}
}

/*
 * parse: the command line into a, every rules file loaded; a usage or
 * rules error exits 2.
 */
static void
parse(struct args *a, int argc, char *argv[])
{
	struct changes *c;
	size_t i, j;
	int ch;

	memset(a, 0, sizeof(*a));
	a->keycol = "No.";
	a->delim = ',';
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (optind < argc)
		diag_usage("unexpected argument");
	if (a->nrs == 0)
		diag_usage("no --rules given");
	if (a->origpath == NULL)
		diag_usage("no --originals given");
	if (a->pii && a->nch > 0)
		diag_usage("--pii and --changes exclude each other");
	for (i = 0; i < a->nch; i++) {
		c = &a->ch[i];
		if (c->nk == 0)
			diag_usage("--changes %s: no --key given", c->path);
		for (j = 0; j < c->nk; j++)
			if (c->k[j].fields != NULL)
				c->k[j].own = rules_load(c->k[j].fields);
	}
}

/* args_free: what parse allocated and loaded. */
static void
args_free(struct args *a)
{
	size_t i, j;

	for (i = 0; i < a->nch; i++) {
		for (j = 0; j < a->ch[i].nk; j++)
			if (a->ch[i].k[j].own != NULL)
				rules_free(a->ch[i].k[j].own);
		free(a->ch[i].k);
	}
	free(a->ch);
	for (i = 0; i < a->nrs; i++)
		rules_free(a->rs[i]);
	free(a->rs);
}

/*
 * check_complete: every ".csv" file of the current folder is one of the
 * nch change files ch; report each other one, then exit 2.
 */
static void
check_complete(const struct changes *ch, size_t nch)
{
	DIR *d;
	struct dirent *e;
	size_t i, n, bad = 0;

	if ((d = opendir(".")) == NULL)
		diag_die(EXIT_DATA, "cannot read the folder of changes: %s",
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 4, ".csv") != 0)
			continue;
		for (i = 0; i < nch; i++)
			if (strcmp(ch[i].path, e->d_name) == 0)
				break;
		if (i < nch)
			continue;
		diag_warn("%s: a change file no --changes names (a table "
		    "the job spec does not scrub)", e->d_name);
		bad++;
	}
	closedir(d);
	if (bad > 0)
		diag_die(EXIT_USAGE, "%zu change file%s would be imported "
		    "unchecked", bad, bad == 1 ? "" : "s");
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct originals o;
	size_t i;
	unsigned long leaks = 0;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	if (a.complete)
		check_complete(a.ch, a.nch);
	memset(&o, 0, sizeof(o));
	originals_load(&o, a.origpath, a.delim, a.keycol, a.rs, a.nrs,
	    a.quote_all, a.pii);
	for (i = 0; i < a.nch; i++)
		leaks += check_file(&a.ch[i], a.delim, &o);
	args_free(&a);
	originals_free(&o);
	if (leaks > 0)
		diag_die(EXIT_DATA, "%lu original value%s of anonymized "
		    "customers would survive", leaks, leaks == 1 ? "" : "s");
	return 0;
}
