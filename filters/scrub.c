/*
 * scrub: overwrite personal data per a rules file (SPEC section 4).
 *
 * Every column of the input must have a rule (or fall under the `*`
 * catch-all) before a row is read: a column without one is a
 * configuration error, and nothing is written.  Each field is then
 * rewritten by its rule (rules.h); redact-pii (pii.h) also redacts the
 * row's own original values of every other column whose rule is neither
 * keep nor redact-pii (free text is not a value of the person, and
 * feeding one free-text column into another only mangles words).  With --keys FILE only the rows whose --key columns name a key of
 * FILE are scrubbed; the others are dropped, or with --all-rows written
 * unchanged.  With --keys-pii the other columns of the matching rows of
 * FILE count as own values of the row too.
 *
 * Reads every column; writes the same columns, header unchanged, fields
 * whose rule is keep byte for byte.  A message about a row names its
 * --customer-key value.
 *
 * Exit status: 0 success, 1 data error (malformed CSV, missing --key or
 * --keys-column column, bad date, invalid UTF-8 for regex or redact-pii,
 * write error), 2 usage or configuration error (bad rules, a column
 * without a rule, a rule for a missing column).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
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
#include "keymap.h"
#include "opts.h"
#include "pii.h"
#include "rules.h"
#include "text.h"
#include "version.h"

/* The keys file: a set of keys, with --keys-pii their rows' values. */
struct keys {
	struct keymap	*map;		/* key -> 1, or first record + 1 */
	struct buf	 text;		/* values, back to back */
	struct kval {
		size_t	 off;		/* in text */
		size_t	 len;
	}		*vv;		/* values of all records */
	size_t		 nv, vcap;
	struct krec {
		size_t	 first;		/* first value in vv */
		size_t	 n;		/* number of values */
		uint32_t next;		/* next record of the key + 1, or 0 */
	}		*rv;		/* one per row of the keys file */
	size_t		 nr, rcap;
};

/*
 * A side: the rules of the rows whose --key columns name a key (a
 * document's sell-to customer), or of every row without --keys.
 */
struct side {
	struct rules	 *rs;
	const struct rule **bind;	/* rule of each input column */
	size_t		 *kidx;		/* --key column indexes */
	struct wherelist *kwhere;	/* each --key's --key-where */
	size_t		  nkidx;
	long		  cust;		/* --customer-key column, or -1 */
	uint32_t	 *heads;	/* a row's matched key records */
};

/* A row as one side rewrote it, for the next side to read. */
struct rowbuf {
	struct buf	   text;	/* the fields, each NUL-terminated */
	size_t		  *off;		/* each field's offset in text */
	struct csvr_field *f;
	struct csvr_row	   row;
};

struct scrub {
	struct side	 *sides;
	size_t		  nsides;
	struct rowbuf	  rb[2];	/* rows between sides */
	const struct csvr_row *hdr;
	const char	 *name;		/* input name for messages */
	struct csvr	 *r;		/* the input */
	struct csvw	 *w;
	struct csvw	 *ow;		/* --originals-out, or NULL */
	struct pii	 *pii;		/* NULL without redact-pii rules */
	struct buf	  pout;		/* a redacted field */
	struct buf	  kbuf;		/* a key in upper case */
	struct keys	 *keys;		/* NULL without --keys */
	int		  keys_pii;	/* --keys-pii */
	int		  all_rows;	/* --all-rows */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_ALL_ROWS = 256, OPT_CUSTOMER_KEY, OPT_DATE_FORMAT, OPT_KEY,
	OPT_KEY_WHERE, OPT_KEYS, OPT_KEYS_COLUMN, OPT_KEYS_PII,
	OPT_ORIGINALS_OUT, OPT_QUOTE_ALL, OPT_RULES, OPT_SIDE, OPT_VALUES,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "all-rows",		no_argument,       NULL, OPT_ALL_ROWS },
	{ "customer-key",	required_argument, NULL, OPT_CUSTOMER_KEY },
	{ "date-format",	required_argument, NULL, OPT_DATE_FORMAT },
	{ "delimiter",		required_argument, NULL, 'd' },
	{ "help",		no_argument,       NULL, 'h' },
	{ "key",		required_argument, NULL, OPT_KEY },
	{ "key-where",		required_argument, NULL, OPT_KEY_WHERE },
	{ "keys",		required_argument, NULL, OPT_KEYS },
	{ "keys-column",	required_argument, NULL, OPT_KEYS_COLUMN },
	{ "keys-pii",		no_argument,       NULL, OPT_KEYS_PII },
	{ "originals-out",	required_argument, NULL, OPT_ORIGINALS_OUT },
	{ "quote-all",		no_argument,       NULL, OPT_QUOTE_ALL },
	{ "rules",		required_argument, NULL, OPT_RULES },
	{ "side",		no_argument,       NULL, OPT_SIDE },
	{ "values",		required_argument, NULL, OPT_VALUES },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: scrub --rules FILE [--keys FILE (--key COL [--key-where C=F]...)...\n"
"             [--keys-column COL]\n"
"             [--all-rows] [--keys-pii] [--originals-out FILE]]\n"
"             [--customer-key COL]\n"
"             [--side --rules FILE (--key COL [--key-where C=F]...)...\n"
"              [--customer-key COL]]...\n"
"             [--date-format FMT] [-d C] [--quote-all] [FILE]\n"
"\n"
"Overwrites personal data per the rules file, a CSV of\n"
"column,action[,argument][,replacement] with actions keep, blank,\n"
"replace, mask, truncate, year, regex and redact-pii.  Every input\n"
"column needs a rule; * is the catch-all, ?COL an optional column.\n"
"\n"
"  --rules FILE           the rules (always comma-separated)\n"
"  --keys FILE            scrub only rows whose key is in FILE; drop others\n"
"  --key COL              an input column holding the key (repeatable; a\n"
"                         row matches when any of them does)\n"
"  --key-where COL=FILTER after --key: that key counts only in rows that\n"
"                         match (repeatable; all must match)\n"
"  --values COL=V1|V2|... the values COL may hold where a --key-where\n"
"                       reads it (#integer: a whole number); others: exit 1\n"
"  --keys-column COL      the key column of the keys file (default No.)\n"
"  --all-rows             write rows not in the keys file unchanged\n"
"  --keys-pii             the other columns of the keys file are personal\n"
"                         data of that key, redacted by redact-pii\n"
"  --originals-out FILE   also write the rows the keys select, unchanged,\n"
"                         to FILE (created, mode 0600)\n"
"  --customer-key COL     the column whose customer number names a row in\n"
"                         messages (default: none)\n"
"  --side                 another side: the --rules, --key, --key-where\n"
"                         and --customer-key after it are its own; a row\n"
"                         any side's keys name is written once, each\n"
"                         side that names it scrubbing it in turn\n"
"  --date-format FMT      dates for year as FMT (%%d, %%m, %%Y)\n"
"  -d, --delimiter C      field delimiter of the input and keys file\n"
"  --quote-all            quote every output field\n"
"  --help, --version\n");
}

static struct keys *
keys_load(const char *path, int delim, const char *col, int pii)
{
	const struct csvr_row *hdr, *row;
	struct keys *k;
	struct krec *rec;
	struct csvr *r;
	uint32_t *slot;
	size_t kc, i;
	int rc;

	r = csvr_start(path, delim, &hdr);
	kc = hdr_need(r, hdr, col);
	k = xcalloc(1, sizeof(*k));
	k->map = keymap_new();
	while ((rc = csvr_next(r, &row)) == 1) {
		if (row->f[kc].n == 0)
			continue;
		slot = keymap_put(k->map, row->f[kc].p, row->f[kc].n);
		if (!pii) {
			*slot = 1;
			continue;
		}
		if (k->nr >= UINT32_MAX - 1)
			diag_die_at(EXIT_DATA, csvr_name(r), row->line,
			    "too many rows in the keys file");
		if (k->nr == k->rcap) {
			k->rcap = k->rcap == 0 ? 256 : k->rcap * 2;
			k->rv = xreallocarray(k->rv, k->rcap, sizeof(*k->rv));
		}
		rec = &k->rv[k->nr];
		rec->first = k->nv;
		rec->n = 0;
		rec->next = *slot;
		*slot = (uint32_t)++k->nr;
		for (i = 0; i < row->nf; i++) {
			if (i == kc || row->f[i].n == 0)
				continue;
			if (k->nv == k->vcap) {
				k->vcap = k->vcap == 0 ? 1024 : k->vcap * 2;
				k->vv = xreallocarray(k->vv, k->vcap,
				    sizeof(*k->vv));
			}
			k->vv[k->nv].off = k->text.n;
			k->vv[k->nv++].len = row->f[i].n;
			buf_add(&k->text, row->f[i].p, row->f[i].n);
			rec->n++;
		}
	}
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	return k;
}

static void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	keymap_free(k->map);
	buf_free(&k->text);
	free(k->vv);
	free(k->rv);
	free(k);
}

/*
 * written_otherwise: die when field f of row, key column i of side sd,
 * names no key but is a key of the keys file in another case or padded
 * (c00080, " C00080"): Business Central writes its codes in upper case,
 * unpadded, so such a row is malformed, and read as nobody's it would
 * keep a customer's data.
 */
static void
written_otherwise(struct scrub *s, const struct side *sd,
    const struct csvr_row *row, size_t i, const struct csvr_field *f)
{
	if (!text_code(f->p, f->n, &s->kbuf) ||
	    keymap_get(s->keys->map, s->kbuf.p, s->kbuf.n) == NULL)
		return;
	csvr_die_row(s->r, row, EXIT_DATA, "key %s written otherwise (in "
	    "lower case, or padded) in column '%s'", s->kbuf.p,
	    s->hdr->f[sd->kidx[i]].p);
}

/*
 * selected: whether row names a key of the keys file in any --key
 * column of side sd; with --keys-pii the matched keys' first records go
 * to its heads.
 */
static int
selected(struct scrub *s, struct side *sd, const struct csvr_row *row,
    size_t *nheads)
{
	const struct csvr_field *f;
	uint32_t *slot;
	size_t i, j;
	int sel = 0;

	*nheads = 0;
	for (i = 0; i < sd->nkidx; i++) {
		f = &row->f[sd->kidx[i]];
		if (f->n == 0)
			continue;
		if ((slot = keymap_get(s->keys->map, f->p, f->n)) == NULL) {
			/* Under its side's condition: another side's key
			 * (a vendor's c00080) is nobody's business. */
			if (where_match(&sd->kwhere[i], row))
				written_otherwise(s, sd, row, i, f);
			continue;
		}
		if (!where_match(&sd->kwhere[i], row))
			continue;
		sel = 1;
		if (!s->keys_pii || *slot == 0)
			continue;
		for (j = 0; j < *nheads && sd->heads[j] != *slot; j++)
			;
		if (j == *nheads)
			sd->heads[(*nheads)++] = *slot;
	}
	return sel;
}

/* own_values: give pii the row's own values (and its keys' values). */
static void
own_values(struct scrub *s, const struct side *sd,
    const struct csvr_row *row, size_t nheads)
{
	const struct keys *k = s->keys;
	const struct krec *rec;
	const struct kval *v;
	size_t i, j;
	uint32_t r;

	pii_own_reset(s->pii);
	for (i = 0; i < row->nf; i++)
		if (sd->bind[i]->action != RULE_KEEP &&
		    sd->bind[i]->action != RULE_REDACT_PII)
			pii_own_add(s->pii, row->f[i].p, row->f[i].n, (long)i);
	for (i = 0; i < nheads; i++)
		for (r = sd->heads[i]; r != 0; r = rec->next) {
			rec = &k->rv[r - 1];
			for (j = 0; j < rec->n; j++) {
				v = &k->vv[rec->first + j];
				pii_own_add(s->pii, k->text.p + v->off, v->len,
				    PII_TAG_ALL);
			}
		}
}

/* rowbuf_field: add field p[0..n) to rb (to the output without rb). */
static void
rowbuf_field(struct scrub *s, struct rowbuf *rb, size_t i, const char *p,
    size_t n)
{
	if (rb == NULL) {
		csvw_field(s->w, p, n);
		return;
	}
	rb->off[i] = rb->text.n;
	buf_add(&rb->text, p, n);
	buf_add(&rb->text, "", 1);
}

/* rowbuf_end: end the row of line in rb (in the output without rb). */
static const struct csvr_row *
rowbuf_end(struct scrub *s, struct rowbuf *rb, size_t nf,
    unsigned long line)
{
	size_t i;

	if (rb == NULL) {
		csvw_endrow(s->w);
		return NULL;
	}
	for (i = 0; i < nf; i++) {
		rb->f[i].p = rb->text.p + rb->off[i];
		rb->f[i].n = (i + 1 < nf ? rb->off[i + 1] : rb->text.n) -
		    rb->off[i] - 1;
	}
	rb->row.nf = nf;
	rb->row.f = rb->f;
	rb->row.line = line;
	return &rb->row;
}

/*
 * scrub_side: row rewritten by the rules of side sd (nheads of its
 * heads matched) into rb, or into the output without rb; returns rb's
 * row.
 */
static const struct csvr_row *
scrub_side(struct scrub *s, struct side *sd, const struct csvr_row *row,
    size_t nheads, struct rowbuf *rb)
{
	const struct rule *ru;
	const char *out, *col;
	size_t i, outn;
	int owned = 0, rc;

	if (rb != NULL)
		rb->text.n = 0;
	for (i = 0; i < row->nf; i++) {
		ru = sd->bind[i];
		col = s->hdr->f[i].p;
		if (ru->action == RULE_REDACT_PII) {
			if (row->f[i].n == 0) {
				rowbuf_field(s, rb, i, "", 0);
				continue;
			}
			if (!pii_utf8(row->f[i].p, row->f[i].n))
				csvr_die_row(s->r, row, EXIT_DATA,
				    "invalid utf-8 in column '%s'", col);
			if (!owned) {
				own_values(s, sd, row, nheads);
				owned = 1;
			}
			if (pii_redact(s->pii, row->f[i].p, row->f[i].n,
			    (long)i, &s->pout) == -1)
				csvr_die_row(s->r, row, EXIT_DATA,
				    "redact-pii failed in column '%s'", col);
			rowbuf_field(s, rb, i, s->pout.p, s->pout.n);
			continue;
		}
		rc = rules_apply(sd->rs, ru, row->f[i].p, row->f[i].n, &out,
		    &outn);
		if (rc == RULES_EDATE)
			csvr_die_row(s->r, row, EXIT_DATA,
			    "bad date in column '%s'", col);
		if (rc == RULES_EUTF8)
			csvr_die_row(s->r, row, EXIT_DATA,
			    "invalid utf-8 in column '%s'", col);
		if (rc != 0)
			csvr_die_row(s->r, row, EXIT_DATA,
			    "regex failed in column '%s'", col);
		rowbuf_field(s, rb, i, out, outn);
	}
	return rowbuf_end(s, rb, row->nf, row->line);
}

/* scrub_row: row through the one side, when its keys name it. */
static void
scrub_row(struct scrub *s, const struct csvr_row *row)
{
	size_t nheads = 0;

	if (s->keys != NULL && !selected(s, &s->sides[0], row, &nheads)) {
		if (s->all_rows)
			csvw_row(s->w, row);
		return;
	}
	if (s->ow != NULL)
		csvw_row(s->ow, row);
	scrub_side(s, &s->sides[0], row, nheads, NULL);
}

/*
 * scrub_sides: row, when the keys of any side name it, through each
 * side that names it in turn, the next side reading what the last
 * wrote, as if each side were a scrub --all-rows piped into the next
 * (a side's conditions and keys read the row as the sides before it
 * left it).  A message about the row names the customer of the side at
 * work (none while the sides look for their keys).
 */
static void
scrub_sides(struct scrub *s, const struct csvr_row *row)
{
	const struct csvr_row *cur = row;
	struct side *sd;
	size_t i, nheads;
	int sel = 0, in = -1;	/* the row buffer holding cur, or -1 */

	csvr_clear_key(s->r);
	for (i = 0; i < s->nsides; i++)
		sel |= selected(s, &s->sides[i], row, &nheads);
	if (!sel) {
		if (s->all_rows)
			csvw_row(s->w, row);
		return;
	}
	if (s->ow != NULL)
		csvw_row(s->ow, row);
	for (i = 0; i < s->nsides; i++) {
		sd = &s->sides[i];
		if (sd->cust >= 0)
			csvr_set_customer(s->r, (size_t)sd->cust);
		else
			csvr_clear_key(s->r);
		if (!selected(s, sd, cur, &nheads))
			continue;
		if (i + 1 == s->nsides) {
			scrub_side(s, sd, cur, nheads, NULL);
			return;
		}
		in = in == 0 ? 1 : 0;
		cur = scrub_side(s, sd, cur, nheads, &s->rb[in]);
	}
	csvw_row(s->w, cur);
}

static int
isstdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* A side on the command line. */
struct sidearg {
	const char	*rules;		/* --rules */
	const char	*custcol;	/* --customer-key, or NULL */
	const char	**kcols;	/* --key columns */
	struct wherelist *kwhere;	/* each --key's --key-where */
	size_t		 nkcols;
};

/* The command line. */
struct args {
	const char	*input;		/* FILE, NULL: stdin */
	const char	*keys;		/* --keys, or NULL */
	const char	*keycol;	/* --keys-column, or NULL */
	const char	*datefmt;	/* --date-format, or NULL */
	const char	*origout;	/* --originals-out, or NULL */
	struct sidearg	*sides;		/* the first, then each --side's */
	size_t		 nsides;
	struct wherelist values;	/* --values, for every --key-where */
	int		 delim;
	int		 quote_all;
	int		 all_rows;	/* --all-rows */
	int		 keys_pii;	/* --keys-pii */
};

/* option: apply option ch with arg to a. */
static void
option(struct args *a, int ch, const char *arg)
{
	struct sidearg *sa = &a->sides[a->nsides - 1];

	switch (ch) {
	case 'd':
		a->delim = opts_delim(arg);
		break;
	case 'h':
		usage();
		exit(0);
	case OPT_ALL_ROWS:
		a->all_rows = 1;
		break;
	case OPT_CUSTOMER_KEY:
		if (*arg == '\0')
			diag_usage("--customer-key takes a column name");
		if (sa->custcol != NULL)
			diag_usage("--customer-key given twice");
		sa->custcol = arg;
		break;
	case OPT_DATE_FORMAT:
		if (date_check_format(arg) == -1)
			diag_usage("--date-format takes %%d, %%m and %%Y once "
			    "each");
		a->datefmt = arg;
		break;
	case OPT_KEY:
		sa->kcols = xreallocarray(sa->kcols, sa->nkcols + 1,
		    sizeof(*sa->kcols));
		sa->kwhere = xreallocarray(sa->kwhere, sa->nkcols + 1,
		    sizeof(*sa->kwhere));
		memset(&sa->kwhere[sa->nkcols], 0, sizeof(*sa->kwhere));
		sa->kcols[sa->nkcols++] = arg;
		break;
	case OPT_KEY_WHERE:
		if (sa->nkcols == 0)
			diag_usage("--key-where must follow a --key");
		where_add(&sa->kwhere[sa->nkcols - 1], "--key-where", arg);
		break;
	case OPT_KEYS:
		if (a->keys != NULL)
			diag_usage("--keys given twice");
		a->keys = arg;
		break;
	case OPT_KEYS_COLUMN:
		if (a->keycol != NULL)
			diag_usage("--keys-column given twice");
		a->keycol = arg;
		break;
	case OPT_KEYS_PII:
		a->keys_pii = 1;
		break;
	case OPT_ORIGINALS_OUT:
		if (a->origout != NULL)
			diag_usage("--originals-out given twice");
		if (*arg == '\0')
			diag_usage("--originals-out takes a file name");
		a->origout = arg;
		break;
	case OPT_QUOTE_ALL:
		a->quote_all = 1;
		break;
	case OPT_RULES:
		if (sa->rules != NULL)
			diag_usage("--rules given twice%s",
			    a->nsides > 1 ? " in a side" : "");
		sa->rules = arg;
		break;
	case OPT_SIDE:
		a->sides = xreallocarray(a->sides, a->nsides + 1,
		    sizeof(*a->sides));
		memset(&a->sides[a->nsides++], 0, sizeof(*a->sides));
		break;
	case OPT_VALUES:
		where_values(&a->values, "--values", arg);
		break;
	case OPT_VERSION:
		printf("scrub custanon %s\n", CUSTANON_VERSION);
		exit(0);
	default:
		diag_usage("bad option");
	}
}

/* parse: the command line into a; a usage error exits 2. */
static void
parse(struct args *a, int argc, char *argv[])
{
	size_t i;
	int ch, stdins = 0;

	memset(a, 0, sizeof(*a));
	a->delim = ',';
	a->sides = xcalloc(1, sizeof(*a->sides));
	a->nsides = 1;
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		option(a, ch, optarg);
	if (argc - optind > 1)
		diag_usage("too many files");
	a->input = argv[optind];
	for (i = 0; i < a->nsides; i++) {
		if (a->sides[i].rules == NULL)
			diag_usage(i > 0 ? "each --side needs its --rules" :
			    a->nsides > 1 ? "the first side needs its --rules, "
			    "before the first --side" : "--rules is required");
		if (a->keys != NULL && a->sides[i].nkcols == 0)
			diag_usage(i == 0 ? "--keys needs at least one --key" :
			    "each --side needs at least one --key");
		if (isstdin(a->sides[i].rules))
			stdins++;
	}
	if (a->nsides > 1 && a->keys == NULL)
		diag_usage("--side needs --keys");
	if (a->keys == NULL && (a->sides[0].nkcols > 0 || a->keycol != NULL ||
	    a->all_rows || a->keys_pii || a->origout != NULL))
		diag_usage("--key, --keys-column, --all-rows, --keys-pii and "
		    "--originals-out need --keys");
	if (a->keys != NULL && isstdin(a->keys))
		stdins++;
	if (stdins > 0 && (stdins > 1 || isstdin(a->input)))
		diag_usage("only one input can be standard input");
}

/*
 * plan: the rules, the keys file, then the input's header bound to the
 * rules and its --key columns, and the header written.  Returns the
 * reader.
 */
static struct csvr *
plan(struct scrub *s, struct args *a)
{
	struct sidearg *sa;
	struct side *sd;
	struct csvr *r;
	size_t i, j;

	memset(s, 0, sizeof(*s));
	s->all_rows = a->all_rows;
	s->keys_pii = a->keys_pii;
	s->nsides = a->nsides;
	s->sides = xcalloc(s->nsides, sizeof(*s->sides));
	for (i = 0; i < s->nsides; i++) {
		sd = &s->sides[i];
		sd->rs = rules_load(a->sides[i].rules);
		sd->rs->datefmt = a->datefmt;
		for (j = 0; j < sd->rs->n; j++)
			if (sd->rs->v[j].action == RULE_REDACT_PII &&
			    s->pii == NULL)
				s->pii = pii_new();
	}
	if (a->keys != NULL)
		s->keys = keys_load(a->keys, a->delim,
		    a->keycol != NULL ? a->keycol : "No.", s->keys_pii);
	r = csvr_start(a->input, a->delim, &s->hdr);
	s->name = csvr_name(r);
	s->r = r;
	for (i = 0; i < s->nsides; i++) {
		sd = &s->sides[i];
		sa = &a->sides[i];
		sd->cust = -1;
		if (sa->custcol != NULL)
			sd->cust = (long)hdr_need(r, s->hdr, sa->custcol);
		sd->bind = rules_bind(sd->rs, s->hdr, s->name);
		sd->kidx = xreallocarray(NULL, sa->nkcols + 1,
		    sizeof(*sd->kidx));
		sd->heads = xreallocarray(NULL, sa->nkcols + 1,
		    sizeof(*sd->heads));
		for (j = 0; j < sa->nkcols; j++) {
			sd->kidx[j] = hdr_need(r, s->hdr, sa->kcols[j]);
			where_values_copy(&sa->kwhere[j], &a->values);
			where_bind(&sa->kwhere[j], r, s->hdr);
		}
		sd->kwhere = sa->kwhere;
		sd->nkidx = sa->nkcols;
	}
	if (s->sides[0].cust >= 0)
		csvr_set_customer(r, (size_t)s->sides[0].cust);
	for (i = 0; i < 2 && s->nsides > 1; i++) {
		s->rb[i].off = xreallocarray(NULL, s->hdr->nf + 1,
		    sizeof(*s->rb[i].off));
		s->rb[i].f = xreallocarray(NULL, s->hdr->nf + 1,
		    sizeof(*s->rb[i].f));
	}
	s->w = csvw_like(STDOUT_FILENO, r, a->quote_all);
	csvw_row(s->w, s->hdr);
	if (a->origout != NULL) {
		int fd = open(a->origout, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0600);
		if (fd == -1)
			diag_die(EXIT_DATA, "%s: %s", a->origout,
			    strerror(errno));
		s->ow = csvw_like(fd, r, a->quote_all);
		csvw_row(s->ow, s->hdr);
	}
	return r;
}

int
main(int argc, char *argv[])
{
	const struct csvr_row *row;
	struct args a;
	struct scrub s;
	struct csvr *r;
	size_t i, j;
	int rc;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	r = plan(&s, &a);
	while ((rc = csvr_next(r, &row)) == 1) {
		if (s.nsides > 1)
			scrub_sides(&s, row);
		else
			scrub_row(&s, row);
	}
	if (rc == -1)
		csvr_die(r);
	if (s.ow != NULL)
		csvw_finish(s.ow, a.origout);
	csvw_finish(s.w, NULL);
	csvr_close(r);
	for (i = 0; i < s.nsides; i++) {
		free(s.sides[i].bind);
		free(s.sides[i].kidx);
		free(s.sides[i].heads);
		rules_free(s.sides[i].rs);
		for (j = 0; j < a.sides[i].nkcols; j++)
			where_free(&a.sides[i].kwhere[j]);
		free(a.sides[i].kwhere);
		free(a.sides[i].kcols);
	}
	for (i = 0; i < 2; i++) {
		buf_free(&s.rb[i].text);
		free(s.rb[i].off);
		free(s.rb[i].f);
	}
	free(s.sides);
	free(a.sides);
	where_free(&a.values);
	buf_free(&s.pout);
	buf_free(&s.kbuf);
	pii_free(s.pii);
	keys_free(s.keys);
	return 0;
}
