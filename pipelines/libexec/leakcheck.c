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
 * is checked for every anonymized customer it names; a file without a
 * --key, the sweep's redacted rows of a table whose rows name no
 * customer, is named for --complete alone); --fields RULES
 * after a --key, the columns that rules file scrubs hold the data of the
 * customer named by that key, so that they are not checked for another
 * customer named in the same row (a posted invoice's Bill-to fields are
 * the bill-to customer's, not the sell-to customer's); --key-where C=F
 * after a --key, the key names a customer only in the rows that match (a
 * posted journal line's balancing account is a customer only when its
 * Bal. Account Type is Customer); --map FILE, when
 * the key names no customer but a row of FILE (a Contact, through
 * Contact Business Relation), whose --map-key column (default
 * "Contact No.") holds the key and --map-customer column (default "No.")
 * the customer.
 *
 * Each --also FILE (with --key, --key-where and --fields for each,
 * --where, --map,
 * --primary-key) adds the original rows of another scrubbed table: the
 * values of the columns a key's --fields rules scrub are originals of
 * the customer that key names.  Free-text columns (redact-pii) give no
 * originals.
 *
 * Values are compared folded (norm_fold: case, marks, compatibility
 * forms, spacing aside), a multi-line value line by line.  A value
 * survives when a cell of the row other than its key columns (--key,
 * --primary-key) holds it: anywhere in the cell for a value of five
 * characters or more, as the whole cell for a shorter one; a phone
 * number also as its digits (norm_phone_in); a value of a name column
 * also by each word of four letters or more, as a whole word.
 * Refinements keep realistic data from stopping the job: a value of
 * digits alone (a post code) counts only as a number of its own, not
 * inside a longer run of digits (a document number), and not at all
 * under six digits in a --number column; a whole-cell match against a
 * boolean cell (Open = No against country code NO) is no survivor; a
 * word of a name is none in a --code column.
 * Every survivor is reported as "FILE:LINE: customer 'NO': original value
 * of column 'C' survives in column 'D'", never with the value; the check
 * goes on to the end and then fails.
 *
 * With --complete, every ".csv" file of the current folder must be one
 * of the --changes FILEs (named as the folder lists it): a change file
 * that no --changes names would be imported unchecked, so it is refused
 * (exit 2) before anything is read.
 *
 * With --survivors FILE, a survivor does not fail the check: FILE
 * (created mode 0600) lists, as CSV with the header No.,File,Column, each
 * customer, change file (as --changes names it) and column where one
 * survives, once each, in the order found, never the value; the messages
 * are written as without it.  The pipelines hold back the customers it
 * lists and check again without it (SPEC section 5).
 *
 * With --pii, nothing is checked: the originals are written as CSV,
 * restricted to the customer key and the scrubbed columns (scrub's
 * --keys-pii file).
 *
 * Exit status: 0 no survivor, or, with --survivors, every survivor
 * listed; 1 a survivor, or a data error (malformed CSV, missing column,
 * duplicate customer); 2 usage or configuration error (a bad rules
 * file).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "keymap.h"
#include "norm.h"
#include "opts.h"
#include "orig.h"
#include "rules.h"
#include "text.h"
#include "version.h"

/* isdigitc: c is an ASCII digit. */
static int
isdigitc(char c)
{
	return c >= '0' && c <= '9';
}

/* How an original value is looked for in a cell (folded, norm_fold). */
enum kind {
	V_WHOLE,	/* under five characters: the whole cell */
	V_NUMBER,	/* digits alone: a number of its own */
	V_TEXT,		/* anywhere in the cell */
	V_WORD,		/* a word of a name: a whole word */
	V_PHONE		/* national digits: a phone number (norm_phone_in) */
};

/* One original value that must not survive. */
struct value {
	size_t	 off;		/* folded bytes in the values arena */
	size_t	 n;		/* their length */
	size_t	 col;		/* the column it came from (labels) */
	uint32_t cust;		/* its customer */
	int	 kind;		/* enum kind */
	int	 digits;	/* only digits */
	int	 same;		/* the previous value's needle (values_finish) */
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

/* wordfind: p[0..n) occurs in cell[0..cn) as a whole word (text_isword). */
static int
wordfind(const char *cell, size_t cn, const char *p, size_t n)
{
	size_t at = 0;

	while ((at = text_find(cell, cn, at, p, n)) != (size_t)-1) {
		if ((at == 0 || !text_isword((unsigned char)cell[at - 1])) &&
		    (at + n == cn ||
		    !text_isword((unsigned char)cell[at + n])))
			return 1;
		at++;
	}
	return 0;
}

/* What a column holds (--number, --code): what cannot survive there. */
#define COL_NUMBER	1	/* numbers, dates: no short number survives */
#define COL_CODE	2	/* codes: no word of a name survives */

/*
 * survives: value v (folded in vp) is in the folded cell[0..n) of a
 * column of type (COL_ bits): in numbers and dates, a value of fewer
 * than six digits alone (a post code) is an amount, an entry number, a
 * year; in codes, a word of a name is a code made of it (Ship-to Code
 * LAGER of the address "Lager og returvarer"), the whole name is not.
 */
static int
survives(const struct value *v, const char *vp, const char *cell, size_t n,
    int type)
{
	int b;

	if ((type & COL_NUMBER) && v->digits && v->n < 6)
		return 0;
	if ((type & COL_CODE) && v->kind == V_WORD)
		return 0;
	switch (v->kind) {
	case V_WHOLE:
		/* A boolean cell (Open = No) holds no person's "NO". */
		return n == v->n && memcmp(cell, vp, n) == 0 &&
		    bool_parse(cell, n, &b) == -1;
	case V_NUMBER:
		return numfind(cell, n, vp, v->n);
	case V_WORD:
		return wordfind(cell, n, vp, v->n);
	case V_PHONE:
		return norm_phone_in(cell, n, vp, v->n);
	default:
		return text_find(cell, n, 0, vp, v->n) != (size_t)-1;
	}
}

/* One anonymized customer. */
struct customer {
	size_t	 no;		/* its number in the names arena */
	size_t	 first;		/* its values, once sorted: [first, first + nval) */
	size_t	 nval;
};

struct originals {
	char		**labels;	/* the columns values came from */
	size_t		  nlabels;
	struct customer	 *c;
	size_t		  nc;
	struct value	 *v;
	size_t		  nv, vcap;
	struct buf	  arena;	/* folded values */
	struct buf	  names;	/* customer numbers, NUL-terminated */
	struct keymap	 *byno;		/* number -> 1 + index into c */
	struct rules	**rs;		/* every rules file: what they write */
	size_t		  nrs;
	struct keymap	 *written;	/* their replace arguments, folded */
	size_t		  nwritten;	/* rules files in written */
	struct buf	  tmp;		/* scratch */
	int		 *name;		/* per column of the originals: a
					   name (isname) */
	size_t		 *scol;		/* the columns read (originals_load) */
};

/*
 * A --changes file, or with also an --also file of more originals: its
 * keys, --where, --map and --primary-key (lib/orig.h), and its own.
 */
struct changes {
	struct orig_src	 o;
	int		 also;		/* --also */
	char		**num;		/* --number columns */
	size_t		 nnum;
	char		**code;		/* --code columns */
	size_t		 ncode;
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ALSO = 256, OPT_CHANGES, OPT_CODE, OPT_COMPLETE, OPT_CUSTOMER_KEY,
	OPT_FIELDS, OPT_KEY, OPT_KEY_WHERE, OPT_MAP, OPT_MAP_CUSTOMER, OPT_MAP_KEY,
	OPT_NUMBER, OPT_ORIGINALS, OPT_PII, OPT_PRIMARY_KEY, OPT_QUOTE_ALL,
	OPT_RULES, OPT_SURVIVORS, OPT_VALUES, OPT_VERSION, OPT_WHERE
};

static const struct option longopts[] = {
	{ "also",		required_argument, NULL, OPT_ALSO },
	{ "changes",		required_argument, NULL, OPT_CHANGES },
	{ "code",		required_argument, NULL, OPT_CODE },
	{ "complete",		no_argument,       NULL, OPT_COMPLETE },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "fields",		required_argument, NULL, OPT_FIELDS },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "key-where",		required_argument, NULL, OPT_KEY_WHERE },
	{ "map",		required_argument, NULL, OPT_MAP },
	{ "map-customer",	required_argument, NULL, OPT_MAP_CUSTOMER },
	{ "map-key",		required_argument, NULL, OPT_MAP_KEY },
	{ "number",		required_argument, NULL, OPT_NUMBER },
	{ "originals",		required_argument, NULL, OPT_ORIGINALS },
	{ "pii",		no_argument,       NULL, OPT_PII },
	{ "primary-key",	required_argument, NULL, OPT_PRIMARY_KEY },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "rules",		required_argument, NULL, OPT_RULES },
	{ "survivors",		required_argument, NULL, OPT_SURVIVORS },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ "where",		required_argument, NULL, OPT_WHERE },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: leakcheck --rules FILE... --originals FILE [--customer-key COL]\n"
"                 (--also FILE (--key COL [--key-where C=F]... --fields RULES)...\n"
"                  [--where C=F]...\n"
"                  [--primary-key COL]... [--map FILE [--map-key COL]\n"
"                  [--map-customer COL]])...\n"
"                 (--changes FILE (--key COL [--key-where C=F]...\n"
"                  [--fields RULES])...\n"
"                  [--primary-key COL]... [--number COL]... [--code COL]...\n"
"                  [--map FILE [--map-key COL] [--map-customer COL]])...\n"
"                 [--complete] [--survivors FILE] [-d C]\n"
"       leakcheck --pii --rules FILE... --originals FILE [--customer-key COL]\n"
"\n"
"Fails when an original value of a scrubbed column of a customer in the\n"
"originals survives in a row of a changes file that names the customer.\n"
"\n"
"  --rules FILE         a column is scrubbed when a rules file does not\n"
"                       keep it (repeatable)\n"
"  --originals FILE     the original rows of the anonymized customers\n"
"  --customer-key COL   their key column (default No.)\n"
"  --also FILE          more original rows, of another table; then:\n"
"    --key COL          a column naming the row's customer (repeatable)\n"
"    --fields RULES     after --key: the rules that scrub the columns of\n"
"                       that key's customer\n"
"    --where COL=FILTER only the rows that match (repeatable)\n"
"    --values COL=V1|V2|... the values COL may hold where --where or a\n"
"                       --key-where reads it (#integer); others: exit 1\n"
"  --changes FILE       a file of rows about to be imported; then:\n"
"    --key COL          a column naming the row's customer (repeatable)\n"
"    --fields RULES     after --key: the columns RULES scrubs belong to\n"
"                       that key's customer only\n"
"    --number COL       a column of numbers or dates (repeatable)\n"
"    --code COL         a column of codes (repeatable)\n"
"  and after either:\n"
"    --key-where COL=FILTER  after --key: the key names a customer only in\n"
"                       the rows that match (repeatable)\n"
"    --primary-key COL  a primary key column, never checked (repeatable)\n"
"    --map FILE         the key names a row of FILE, not a customer\n"
"    --map-key COL      the column of FILE holding the key (Contact No.)\n"
"    --map-customer COL the column of FILE holding the customer (No.)\n"
"  --complete           every .csv file of the current folder must be a\n"
"                       --changes FILE: refuse any other\n"
"  --survivors FILE     list each customer, change file and column where\n"
"                       a value survives in FILE (No.,File,Column), and\n"
"                       exit 0 when that is all\n"
"  --pii                write the originals' key and scrubbed columns as\n"
"                       CSV instead of checking\n"
"  -d, --delimiter C    field delimiter of every CSV input but the rules\n"
"  --quote-all          quote every output field (--pii)\n"
"  --help, --version\n");
}

/* ispersonal: 1 when any of the n rules files scrubs column name as a
 * person's value (personal). */
static int
ispersonal(struct rules **rs, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (orig_personal(rs[i], name))
			return 1;
	return 0;
}

/* isscrubbed: 1 when any of the n rules files scrubs column name. */
static int
isscrubbed(struct rules **rs, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (orig_scrubbed(rs[i], name))
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

/* alldigits: p[0..n) is digits alone (and not empty). */
static int
alldigits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigitc(p[i]))
			return 0;
	return n > 0;
}

/*
 * placeholder: 1 when the folded f[0..n) equals, folded, the argument of
 * a replace rule of any of o's rules files.
 */
static int
placeholder(struct originals *o, const char *f, size_t n)
{
	const struct rule *ru;
	size_t i, j;

	/* The folded arguments, once for each rules file added since. */
	if (o->written == NULL)
		o->written = keymap_new();
	for (i = o->nwritten; i < o->nrs; i++)
		for (j = 0; j < o->rs[i]->n; j++) {
			ru = &o->rs[i]->v[j];
			if (ru->action != RULE_REPLACE)
				continue;
			buf_reset(&o->tmp);
			norm_fold(&o->tmp, ru->arg, ru->argn, NULL);
			if (o->tmp.n > 0)
				*keymap_put(o->written, o->tmp.p, o->tmp.n) = 1;
		}
	o->nwritten = o->nrs;
	return keymap_get(o->written, f, n) != NULL;
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

/* value_push: a value of customer cust, arena[off..off + n), as kind. */
static void
value_push(struct originals *o, uint32_t cust, size_t off, size_t n,
    size_t label, int kind)
{
	struct value *v;

	if (o->nv == o->vcap) {
		o->vcap = o->vcap == 0 ? 1024 : 2 * o->vcap;
		o->v = xreallocarray(o->v, o->vcap, sizeof(*o->v));
	}
	v = &o->v[o->nv++];
	v->off = off;
	v->n = n;
	v->col = label;
	v->cust = cust;
	v->kind = kind;
	v->digits = alldigits(o->arena.p + off, n);
}

/*
 * line_add: add one line p[0..n) of a value of column label to customer
 * cust's values, folded (norm_fold), unless it is no personal data (no
 * letter or digit, or a text the rules write): the line as a whole; of
 * a name, each word of four letters or more; of a phone number, its
 * national digits (norm_phone).
 */
static void
line_add(struct originals *o, uint32_t cust, const char *p, size_t n,
    size_t label, int name)
{
	const char *f;
	size_t off, fn, i, j, k;
	int kind;

	if (!haswordbyte(p, n))
		return;
	off = o->arena.n;
	norm_fold(&o->arena, p, n, NULL);
	fn = o->arena.n - off;
	if (fn == 0 || placeholder(o, o->arena.p + off, fn)) {
		o->arena.n = off;
		o->arena.p[off] = '\0';
		return;
	}
	f = o->arena.p + off;
	if (text_nchars(f, fn) < 5)
		kind = V_WHOLE;
	else
		kind = alldigits(f, fn) ? V_NUMBER : V_TEXT;
	value_push(o, cust, off, fn, label, kind);
	for (i = 0; name && i < fn; i = j) {
		f = o->arena.p + off;
		if (!text_isword((unsigned char)f[i])) {
			j = i + 1;
			continue;
		}
		for (j = i, k = 0; j < fn && text_isword((unsigned char)f[j]);
		    j++)
			k += isdigitc(f[j]);
		if (j - i < fn && k == 0 && text_nchars(f + i, j - i) >= 4)
			value_push(o, cust, off + i, j - i, label, V_WORD);
	}
	k = o->arena.n;
	if (norm_phone(&o->arena, p, n) > 0)
		value_push(o, cust, k, o->arena.n - k, label, V_PHONE);
}

/* value_add: add field f of column label to customer cust, line by line. */
static void
value_add(struct originals *o, uint32_t cust, const struct csvr_field *f,
    size_t label, int name)
{
	size_t i, j;

	for (i = 0; i < f->n; i = j + 1) {
		for (j = i; j < f->n && f->p[j] != '\n' && f->p[j] != '\r'; j++)
			;
		line_add(o, cust, f->p + i, j - i, label, name);
	}
}

/* label_add: add column name p[0..n) to o's labels; returns its index. */
static size_t
label_add(struct originals *o, const char *p, size_t n)
{
	o->labels = xreallocarray(o->labels, o->nlabels + 1,
	    sizeof(*o->labels));
	o->labels[o->nlabels] = xmemdup(p, n);
	return o->nlabels++;
}

/*
 * customer_add: add the customer of row (its key in column keyi) to o,
 * with no values yet; a customer seen before is a data error at row's
 * line of r.  Returns its index.
 */
static uint32_t
customer_add(struct originals *o, const struct csvr *r,
    const struct csvr_row *row, size_t keyi)
{
	struct customer *c;
	size_t no = o->names.n;

	orig_customer_add(o->byno, &o->names, r, row, &row->f[keyi]);
	o->c = xreallocarray(o->c, o->nc + 1, sizeof(*o->c));
	c = &o->c[o->nc++];
	c->no = no;
	c->first = c->nval = 0;
	return (uint32_t)(o->nc - 1);
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
	size_t keyi, i, *scol = NULL, nscol = 0, base;
	uint32_t ci;
	int rc, *name;

	o->byno = keymap_new();
	r = csvr_start(path, delim, &hdr);
	keyi = hdr_need(r, hdr, keycol);
	base = o->nlabels;
	scol = o->scol = xcalloc(hdr->nf, sizeof(*scol));
	name = o->name = xcalloc(hdr->nf, sizeof(*name));
	for (i = 0; i < hdr->nf; i++) {
		label_add(o, hdr->f[i].p, hdr->f[i].n);
		name[i] = orig_isname(o->labels[base + i]);
		/* --pii: what redact-pii redacts; else what must not
		 * survive. */
		if (i != keyi && (pii ? isscrubbed(rs, nrs, hdr->f[i].p) :
		    ispersonal(rs, nrs, hdr->f[i].p)))
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
		ci = customer_add(o, r, row, keyi);
		for (i = 0; i < nscol; i++)
			value_add(o, ci, &row->f[scol[i]], base + scol[i],
			    name[scol[i]]);
	}
	if (rc == -1)
		csvr_die(r);
	if (w != NULL)
		csvw_finish(w, NULL);
	csvr_close(r);
}

/* The values arena, for value_cmp. */
static const char *cmp_arena;

/*
 * needle_cmp: by kind, then the folded bytes: what survives() looks for
 * (a value's digits follow from its bytes).
 */
static int
needle_cmp(const struct value *a, const struct value *b, const char *arena)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return memcmp(arena + a->off, arena + b->off, a->n);
}

/*
 * value_cmp: by customer, the needle (needle_cmp), then column: a
 * customer's name copied into a dozen columns is one needle, looked for
 * once a cell (check_customer).
 */
static int
value_cmp(const void *pa, const void *pb)
{
	const struct value *a = pa, *b = pb;
	int d;

	if (a->cust != b->cust)
		return a->cust < b->cust ? -1 : 1;
	if ((d = needle_cmp(a, b, cmp_arena)) != 0)
		return d;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/*
 * values_finish: sort the values by customer (then needle), drop the
 * repeated ones (a ledger's Customer Name, row after row), and set each
 * customer's range.
 */
static void
values_finish(struct originals *o)
{
	size_t i, k = 0;

	cmp_arena = o->arena.p;
	if (o->nv > 0)
		qsort(o->v, o->nv, sizeof(*o->v), value_cmp);
	for (i = 0; i < o->nv; i++)
		if (k == 0 || value_cmp(&o->v[k - 1], &o->v[i]) != 0)
			o->v[k++] = o->v[i];
	o->nv = k;
	for (i = 0; i < o->nv; i++)
		o->v[i].same = i > 0 && o->v[i - 1].cust == o->v[i].cust &&
		    needle_cmp(&o->v[i - 1], &o->v[i], o->arena.p) == 0;
	for (i = o->nv; i-- > 0;) {
		o->c[o->v[i].cust].first = i;
		o->c[o->v[i].cust].nval++;
	}
}

static void
originals_free(struct originals *o)
{
	size_t i;

	for (i = 0; i < o->nlabels; i++)
		free(o->labels[i]);
	free(o->labels);
	free(o->c);
	free(o->v);
	buf_free(&o->arena);
	buf_free(&o->names);
	buf_free(&o->tmp);
	free(o->name);
	free(o->scol);
	free(o->rs);
	if (o->byno != NULL)
		keymap_free(o->byno);
	if (o->written != NULL)
		keymap_free(o->written);
}

/* The state of reading one --changes or --also file. */
struct check {
	const struct changes	*ch;
	struct originals	*o;
	struct csvr		*r;
	const struct csvr_row	*hdr;
	int			*iskey;		/* per column: a key column */
	int			*type;		/* per column: COL_ bits */
	int			*isname;	/* per column: a name (isname) */
	size_t			 label;		/* labels of the columns (--also) */
	char			**colname;	/* per column: its name, shown */
	struct buf		 folded;	/* the row's cells, folded */
	struct buf		 pkbuf;		/* a row's primary key (pk_once) */
	int			 isfolded;	/* folded holds this row's */
	size_t			*cell;		/* offset of each cell in it */
	size_t			*celln;		/* its length */
	const char		**hit;		/* the columns reported for a cell */
	size_t			 hitcap;
	uint32_t		*seen;		/* customers checked this row */
	size_t			 nseen;
	int			**owns;		/* per key, per column: owned
						   (1), as a person's value (2,
						   orig_personal); NULL: the key
						   has no --fields */
	void			(*each)(struct check *,
				    const struct csvr_row *, size_t,
				    uint32_t);	/* per customer of a row */
	unsigned long		 leaks;
	struct csvw		*sw;		/* --survivors, or NULL */
	struct keymap		*swseen;	/* customer and column listed */
};

/* foreign: 1 when column j belongs to another customer than key k's. */
static int
foreign(const struct check *x, const struct csvr_row *row, size_t k,
    size_t j)
{
	const struct orig_key *kk = &x->ch->o.k[k], *o;
	const struct csvr_field *a = &row->f[kk->idx], *b;
	size_t i;

	if (x->owns[k] != NULL && x->owns[k][j])
		return 0;
	for (i = 0; i < x->ch->o.nk; i++) {
		o = &x->ch->o.k[i];
		if (i == k || x->owns[i] == NULL || !x->owns[i][j])
			continue;
		b = &row->f[o->idx];
		if (b->n != 0 && (b->n != a->n || memcmp(a->p, b->p, a->n)) &&
		    where_match(&o->where, row))
			return 1;
	}
	return 0;
}

/* fold_row: the row's cells, folded, into x->folded (once a row). */
static void
fold_row(struct check *x, const struct csvr_row *row)
{
	size_t j;

	if (x->isfolded)
		return;
	buf_reset(&x->folded);
	for (j = 0; j < row->nf; j++) {
		x->cell[j] = x->folded.n;
		norm_fold(&x->folded, row->f[j].p, row->f[j].n, NULL);
		x->celln[j] = x->folded.n - x->cell[j];
	}
	x->isfolded = 1;
}

/*
 * survivor_add: list customer ci and column j of the file being checked
 * in --survivors (once each).
 */
static void
survivor_add(struct check *x, uint32_t ci, size_t j)
{
	const struct originals *o = x->o;
	char k[sizeof(ci) + sizeof(j)];
	uint32_t *slot;

	if (x->sw == NULL)
		return;
	memcpy(k, &ci, sizeof(ci));
	memcpy(k + sizeof(ci), &j, sizeof(j));
	slot = keymap_put(x->swseen, k, sizeof(k));
	if (*slot != 0)
		return;
	*slot = 1;
	csvw_str(x->sw, o->names.p + o->c[ci].no);
	csvw_str(x->sw, x->ch->o.path);
	csvw_str(x->sw, x->colname[j]);
	csvw_endrow(x->sw);
}

/*
 * check_customer: look for customer ci's values in row, reached by key
 * k; each column's values are reported once a cell.
 */
static void
check_customer(struct check *x, const struct csvr_row *row, size_t k,
    uint32_t ci)
{
	const struct originals *o = x->o;
	const struct customer *c = &o->c[ci];
	const struct value *v;
	size_t i, j, h, nhit;
	int found = -1;

	fold_row(x, row);
	for (j = 0; j < row->nf; j++) {
		/* (Every value holds a letter or a digit.) */
		if (x->celln[j] == 0 || x->iskey[j] || foreign(x, row, k, j))
			continue;
		nhit = 0;
		for (i = 0; i < c->nval; i++) {
			v = &o->v[c->first + i];
			/* A needle is looked for once a cell (value_cmp). */
			if (!v->same)
				found = -1;
			for (h = 0; h < nhit; h++)
				if (strcmp(x->hit[h], o->labels[v->col]) == 0)
					break;
			if (h < nhit)
				continue;
			if (found < 0)
				found = survives(v, o->arena.p + v->off,
				    x->folded.p + x->cell[j], x->celln[j],
				    x->type[j]);
			if (!found)
				continue;
			if (nhit == x->hitcap) {
				x->hitcap = x->hitcap == 0 ? 8 : 2 * x->hitcap;
				x->hit = xreallocarray(x->hit, x->hitcap,
				    sizeof(*x->hit));
			}
			x->hit[nhit++] = o->labels[v->col];
			diag_at(csvr_name(x->r), csvr_line(x->r, row->line),
			    "customer '%s': original value of column '%s' "
			    "survives in column '%s'", o->names.p + c->no,
			    o->labels[v->col], x->colname[j]);
			x->leaks++;
			survivor_add(x, ci, j);
		}
	}
}

/* also_customer: add row's values of key k's columns to customer ci. */
static void
also_customer(struct check *x, const struct csvr_row *row, size_t k,
    uint32_t ci)
{
	size_t j;

	for (j = 0; j < row->nf; j++)
		if (!x->iskey[j] && x->owns[k][j] == 2)
			value_add(x->o, ci, &row->f[j], x->label + j,
			    x->isname[j]);
}

/* colflags: flags[j] |= bit for each of the n columns named hdr has. */
static void
colflags(int *flags, const struct csvr_row *hdr, char **names, size_t n,
    int bit)
{
	size_t i;
	long j;

	for (i = 0; i < n; i++)
		if ((j = hdr_find(hdr, names[i])) >= 0)
			flags[j] |= bit;
}

/*
 * seen: customer ci was met before in this row of a --changes file (a
 * row is checked once a customer); an --also row adds each key's
 * columns.
 */
static int
seen(struct check *x, uint32_t ci)
{
	size_t i;

	if (x->ch->also)
		return 0;
	for (i = 0; i < x->nseen; i++)
		if (x->seen[i] == ci)
			return 1;
	x->seen[x->nseen++] = ci;
	return 0;
}

/*
 * customer_row: customer ci, named by key k of row, is checked in it
 * (x->each), once a row.
 */
static void
customer_row(void *arg, const struct csvr_row *row, size_t k, uint32_t ci)
{
	struct check *x = arg;

	if (!seen(x, ci))
		x->each(x, row, k, ci);
}

/*
 * pk_once: a row of a --changes file whose primary key (the --primary-key
 * columns it has, idx[i] -1 for one it lacks) an earlier row has is a
 * data error: the export held the row twice, and importing both would
 * change it twice (or, by primary key, one of them not as checked).
 */
static void
pk_once(struct check *x, const struct csvr_row *row, struct keymap *seen,
    const long *idx)
{
	const struct csvr_field *f;
	uint32_t len, *slot;
	size_t i;

	buf_reset(&x->pkbuf);
	for (i = 0; i < x->ch->o.npk; i++) {
		if (idx[i] < 0)
			continue;
		f = &row->f[idx[i]];
		len = (uint32_t)f->n;
		buf_add(&x->pkbuf, &len, sizeof(len));
		buf_add(&x->pkbuf, f->p, f->n);
	}
	slot = keymap_put(seen, x->pkbuf.p, x->pkbuf.n);
	if (*slot != 0)
		csvr_die_row(x->r, row, EXIT_DATA, "a row whose primary key an "
		    "earlier row has (the export holds the row twice)");
	*slot = 1;
}

/*
 * read_file: every row of one --changes file (checked) or --also file
 * (its values added to the originals); returns the leaks, each listed
 * into sw when not NULL (--survivors).
 */
static unsigned long
read_file(struct changes *ch, int delim, struct originals *o,
    struct csvw *sw)
{
	const struct csvr_row *row;
	struct orig_src *os = &ch->o;
	struct check x;
	struct keymap *pkseen = NULL;
	long *pkidx = NULL;
	size_t i, j;
	int rc;

	memset(&x, 0, sizeof(x));
	x.ch = ch;
	x.o = o;
	x.each = ch->also ? also_customer : check_customer;
	if ((x.sw = sw) != NULL)
		x.swseen = keymap_new();
	orig_src_map(os, delim, o->byno);
	x.r = csvr_start(os->path, delim, &x.hdr);
	x.iskey = xcalloc(x.hdr->nf, sizeof(*x.iskey));
	x.type = xcalloc(x.hdr->nf, sizeof(*x.type));
	x.isname = xcalloc(x.hdr->nf, sizeof(*x.isname));
	x.colname = xcalloc(x.hdr->nf, sizeof(*x.colname));
	x.label = o->nlabels;
	for (j = 0; j < x.hdr->nf; j++) {
		x.colname[j] = xmemdup(x.hdr->f[j].p, x.hdr->f[j].n);
		x.isname[j] = orig_isname(x.colname[j]);
		if (ch->also)
			label_add(o, x.hdr->f[j].p, x.hdr->f[j].n);
	}
	x.cell = xcalloc(x.hdr->nf, sizeof(*x.cell));
	x.celln = xcalloc(x.hdr->nf, sizeof(*x.celln));
	x.seen = xcalloc(os->nk * (os->nlink + 1), sizeof(*x.seen));
	colflags(x.iskey, x.hdr, os->pk, os->npk, 1);
	colflags(x.type, x.hdr, ch->num, ch->nnum, COL_NUMBER);
	colflags(x.type, x.hdr, ch->code, ch->ncode, COL_CODE);
	orig_src_bind(os, x.r, x.hdr);
	x.owns = xcalloc(os->nk + 1, sizeof(*x.owns));
	for (i = 0; i < os->nk; i++) {
		x.iskey[os->k[i].idx] = 1;
		if (os->k[i].fields == NULL)
			continue;
		x.owns[i] = xcalloc(x.hdr->nf, sizeof(**x.owns));
		for (j = 0; j < x.hdr->nf; j++)
			x.owns[i][j] = orig_personal(os->k[i].own,
			    x.colname[j]) ? 2 : orig_scrubbed(os->k[i].own,
			    x.colname[j]);
	}
	if (!ch->also && os->npk > 0) {
		pkseen = keymap_new();
		pkidx = xcalloc(os->npk, sizeof(*pkidx));
		for (i = 0; i < os->npk; i++)
			pkidx[i] = hdr_find(x.hdr, os->pk[i]);
	}
	while ((rc = csvr_next(x.r, &row)) == 1) {
		if (pkseen != NULL)
			pk_once(&x, row, pkseen, pkidx);
		x.nseen = 0;
		x.isfolded = 0;
		orig_src_row(os, row, o->byno, customer_row, &x);
	}
	if (rc == -1)
		csvr_die(x.r);
	for (j = 0; j < x.hdr->nf; j++)
		free(x.colname[j]);
	free(x.colname);
	csvr_close(x.r);
	for (i = 0; i < os->nk; i++)
		free(x.owns[i]);
	free(x.owns);
	if (x.swseen != NULL)
		keymap_free(x.swseen);
	free(x.iskey);
	free(x.type);
	free(x.isname);
	free(x.cell);
	free(x.celln);
	free(x.seen);
	free(x.hit);
	buf_free(&x.folded);
	buf_free(&x.pkbuf);
	if (pkseen != NULL)
		keymap_free(pkseen);
	free(pkidx);
	return x.leaks;
}

/*
 * last_changes: the latest --changes or --also, or a usage error naming
 * opt; with what (1: --changes, 2: --also), only that kind.
 */
static struct changes *
last_changes(struct changes *ch, size_t n, const char *opt, int what)
{
	if (n == 0 || (what == 1 && ch[n - 1].also) ||
	    (what == 2 && !ch[n - 1].also))
		diag_usage("%s must follow a %s", opt, what == 1 ?
		    "--changes" : what == 2 ? "--also" :
		    "--changes or --also");
	return &ch[n - 1];
}

/* optname: the name of the long option of code ch. */
static const char *
optname(int ch)
{
	const struct option *o;

	for (o = longopts; o->name != NULL && o->val != ch; o++)
		;
	return o->name != NULL ? o->name : "";
}

/* The command line. */
struct args {
	struct changes	*ch;		/* --changes and --also, with their
					   options */
	size_t		 nch;
	struct rules	**rs;		/* --rules, loaded */
	size_t		 nrs;
	const char	*origpath;	/* --originals */
	const char	*keycol;	/* --customer-key */
	const char	*survivors;	/* --survivors */
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
	char opt[32];

	switch (ch) {
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		usage();
		exit(0);
	case OPT_ALSO:
	case OPT_CHANGES:
		a->ch = xreallocarray(a->ch, a->nch + 1, sizeof(*a->ch));
		c = &a->ch[a->nch++];
		memset(c, 0, sizeof(*c));
		orig_src_init(&c->o, arg);
		c->also = ch == OPT_ALSO;
		break;
	case OPT_CODE:
		c = last_changes(a->ch, a->nch, "--code", 1);
		c->code = xreallocarray(c->code, c->ncode + 1,
		    sizeof(*c->code));
		c->code[c->ncode++] = arg;
		break;
	case OPT_COMPLETE:
		a->complete = 1;
		break;
	case OPT_CUSTOMER_KEY:
		a->keycol = arg;
		break;
	case OPT_FIELDS:
	case OPT_KEY:
	case OPT_KEY_WHERE:
	case OPT_MAP:
	case OPT_MAP_CUSTOMER:
	case OPT_MAP_KEY:
	case OPT_PRIMARY_KEY:
	case OPT_VALUES:
		/* A source's options (lib/orig.h). */
		snprintf(opt, sizeof(opt), "--%s", optname(ch));
		orig_src_opt(&last_changes(a->ch, a->nch, opt, 0)->o,
		    opt + 2, arg);
		break;
	case OPT_NUMBER:
		c = last_changes(a->ch, a->nch, "--number", 1);
		c->num = xreallocarray(c->num, c->nnum + 1, sizeof(*c->num));
		c->num[c->nnum++] = arg;
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
	case OPT_SURVIVORS:
		a->survivors = arg;
		break;
	case OPT_VERSION:
		printf("leakcheck custanon %s\n", CUSTANON_VERSION);
		exit(0);
	case OPT_WHERE:
		c = last_changes(a->ch, a->nch, "--where", 2);
		orig_src_opt(&c->o, "where", arg);
		break;
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
	size_t i;
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
	if (a->pii && a->survivors != NULL)
		diag_usage("--pii and --survivors exclude each other");
	for (i = 0; i < a->nch; i++) {
		c = &a->ch[i];
		/* A --changes without a key: the redacted rows of a table
		 * only swept, which name no customer (the sweep checks
		 * them); named for --complete. */
		if (c->o.nk == 0 && c->also)
			diag_usage("--also %s: no --key given", c->o.path);
		orig_src_fields(&c->o, c->also, "--also");
	}
}

/* args_free: what parse allocated and loaded. */
static void
args_free(struct args *a)
{
	size_t i;

	for (i = 0; i < a->nch; i++) {
		orig_src_free(&a->ch[i].o);
		free(a->ch[i].num);
		free(a->ch[i].code);
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
			if (!ch[i].also && strcmp(ch[i].o.path, e->d_name) == 0)
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

/* rules_all: every rules file of a into o->rs (what the rules write). */
static void
rules_all(struct originals *o, const struct args *a)
{
	size_t i, j;

	for (i = 0; i < a->nrs; i++) {
		o->rs = xreallocarray(o->rs, o->nrs + 1, sizeof(*o->rs));
		o->rs[o->nrs++] = a->rs[i];
	}
	for (i = 0; i < a->nch; i++)
		for (j = 0; j < a->ch[i].o.nk; j++) {
			if (a->ch[i].o.k[j].own == NULL)
				continue;
			o->rs = xreallocarray(o->rs, o->nrs + 1,
			    sizeof(*o->rs));
			o->rs[o->nrs++] = a->ch[i].o.k[j].own;
		}
}

int
main(int argc, char *argv[])
{
	struct args a;
	struct originals o;
	struct csvw *sw = NULL;
	size_t i;
	unsigned long leaks = 0;
	int fd;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	if (a.complete)
		check_complete(a.ch, a.nch);
	memset(&o, 0, sizeof(o));
	rules_all(&o, &a);
	originals_load(&o, a.origpath, a.delim, a.keycol, a.rs, a.nrs,
	    a.quote_all, a.pii);
	for (i = 0; i < a.nch; i++)
		if (a.ch[i].also)
			read_file(&a.ch[i], a.delim, &o, NULL);
	values_finish(&o);
	if (a.survivors != NULL) {
		fd = open(a.survivors, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600);
		if (fd == -1)
			diag_die(EXIT_DATA, "%s: %s", a.survivors,
			    strerror(errno));
		sw = csvw_new(fd, ',', 0, 0, 0);
		csvw_str(sw, "No.");
		csvw_str(sw, "File");
		csvw_str(sw, "Column");
		csvw_endrow(sw);
	}
	for (i = 0; i < a.nch; i++)
		if (!a.ch[i].also)
			leaks += read_file(&a.ch[i], a.delim, &o, sw);
	if (sw != NULL) {
		csvw_finish(sw, a.survivors);
		leaks = 0;
	}
	args_free(&a);
	originals_free(&o);
	if (leaks > 0)
		diag_die(EXIT_DATA, "%lu original value%s of anonymized "
		    "customers would survive", leaks, leaks == 1 ? "" : "s");
	return 0;
}
