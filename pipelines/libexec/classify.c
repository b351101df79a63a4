/*
 * classify: the columns of one table's export that no rule of its rules
 * files names, each with a suggested rule (classify-columns(1) runs it
 * for every table of the job spec).
 *
 * Reads the header of EXPORT (CSV, comma-separated) and loads every
 * RULES file (scrub rules, SPEC section 4; a table with two sides has
 * two).  A column is covered by a rules file when a rule names it (with
 * or without '?') or the file has a '*' rule.  With --check, that is all:
 * it writes "COLUMNS<TAB>MISSED", the number of the export's columns and
 * of those some file misses, and exits 0 when none is missed, 2 when
 * some are.
 *
 * Otherwise, for each rules file that misses columns, it writes to
 * standard output the line "# FILE" (the file's name without its folder)
 * and, for each column it misses, a rules line ready to paste,
 * "?COLUMN,ACTION,ARGUMENT," (the column optional, as a new one is);
 * and before each such line, to standard error, one line "# ..." saying
 * why, with counts only, never a value.  The suggestion comes from:
 *   1. the column's name, by Business Central's naming (namings[]:
 *      "... Name" a name, "... Address" an address, "Phone No." ...);
 *      a name no naming matches suggests keep;
 *   2. the rules file itself: a column whose first word ("Bill-to")
 *      starts other columns of the file whose names say personal data,
 *      all of which the file keeps, is another party's (the bill-to
 *      side in a sell-to rules file): keep;
 *   3. a scan of its values in the first --sample N rows (default
 *      10000, 0 for all): how many non-empty values hold an e-mail
 *      address, a phone number, an IBAN or another identifier (VAT,
 *      person or card number, IP address) as redact-pii finds them
 *      (pii.h), and how many equal a customer's name (--names FILE, its
 *      column --names-column, default Name; compared with case folded,
 *      spaces trimmed and runs of spaces as one).  A hit turns a keep of
 *      rule 1 into replace ------ (a customer's name) or redact-pii
 *      (the rest); rule 2's keep stands, its counts shown.
 * The rows are read only when some column is missed, and only up to
 * the sample.
 *
 * With --gate PLAN, the job's gate: no suggestion, nothing on standard
 * output, every table at once (the job runs it once, before it changes
 * a row, whether or not the table has rows to scrub).  PLAN ("-":
 * standard input) holds one line a table, fields separated by tabs:
 * EXPORT (a CSV file whose header is the table's columns), NEED (the
 * columns the job needs, joined by '|'; may be empty), then its RULES
 * files (none for a table the job only links through).  First every
 * export's header is read and its NEED checked: a missing one is a data
 * error (hdr_need's "missing column", exit 1).  Then every column no
 * rule of a rules file covers is reported as scrub reports it
 * (rules_uncovered: "prog: RULES: no rule for column 'C' of EXPORT"),
 * all of them, then exit 2.
 *
 * Exit status: 0 every column covered; 1 data error (an unreadable or
 * malformed export or names file, a column without a name that a rules
 * file misses: no rule can name it); 2 a column is not covered, or a usage
 * or configuration error (a bad rules file); standard output holds lines
 * only with a column not covered.
 */
#include <getopt.h>
#include <limits.h>
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
#include "hdr.h"
#include "keymap.h"
#include "opts.h"
#include "pii.h"
#include "rules.h"
#include "text.h"
#include "version.h"

/*
 * Business Central's naming: the last words of a column's name (a
 * trailing number word, "Name 2", set aside), case ignored, and what a
 * column so named holds.  The first that matches decides, so the longer
 * endings come before the shorter ("Phone No." before "No.").  "*name":
 * a last word ending in "name" (Name, Surname, Nickname).
 */
struct naming {
	const char	*end;		/* the name's last words */
	enum rule_action action;	/* the rule it suggests */
	const char	*arg;		/* its argument ("" for none) */
	const char	*what;		/* what the column holds */
};

static const struct naming namings[] = {
	{ "E-Mail Address",	RULE_REPLACE, "------@----", "an e-mail address" },
	{ "E-Mail",		RULE_REPLACE, "------@----", "an e-mail address" },
	{ "Email",		RULE_REPLACE, "------@----", "an e-mail address" },
	{ "Home Page",		RULE_REPLACE, "nowhere.com", "a web address" },
	{ "Phone No.",		RULE_BLANK, "", "a phone number" },
	{ "Fax No.",		RULE_BLANK, "", "a fax number" },
	{ "Telex No.",		RULE_BLANK, "", "a telex number" },
	{ "Telex Answer Back",	RULE_BLANK, "", "a telex number" },
	{ "Pager",		RULE_BLANK, "", "a pager number" },
	{ "VAT Registration No.", RULE_BLANK, "", "a VAT number" },
	{ "Registration No.",	RULE_BLANK, "", "a registration number" },
	{ "Registration Number", RULE_BLANK, "", "a registration number" },
	{ "EORI Number",	RULE_BLANK, "", "a registration number" },
	{ "GLN",		RULE_BLANK, "", "a global location number" },
	{ "IBAN",		RULE_BLANK, "", "a bank account" },
	{ "SWIFT Code",		RULE_BLANK, "", "a bank's code" },
	{ "Bank Account No.",	RULE_BLANK, "", "a bank account" },
	{ "Bank Branch No.",	RULE_BLANK, "", "a bank account" },
	{ "Date of Birth",	RULE_BLANK, "", "a date of birth" },
	{ "Birth Date",		RULE_BLANK, "", "a date of birth" },
	{ "Birthday",		RULE_BLANK, "", "a date of birth" },
	{ "City",		RULE_BLANK, "", "part of an address" },
	{ "Post Code",		RULE_BLANK, "", "part of an address" },
	{ "County",		RULE_BLANK, "", "part of an address" },
	{ "Country/Region Code", RULE_BLANK, "", "part of an address" },
	{ "Address",		RULE_REPLACE, "------ --", "an address" },
	{ "*name",		RULE_REPLACE, "------", "a name" },
	{ "Contact",		RULE_REPLACE, "------", "a name" },
	{ "Initials",		RULE_REPLACE, "------", "a name" },
	{ "Job Title",		RULE_REPLACE, "------", "a name" },
	{ "Description",	RULE_REDACT_PII, "", "free text" },
	{ "Comment",		RULE_REDACT_PII, "", "free text" },
	{ "Comments",		RULE_REDACT_PII, "", "free text" },
	{ "Your Reference",	RULE_REDACT_PII, "", "free text" },
	{ "No.",		RULE_KEEP, "", "a number" },
	{ "Code",		RULE_KEEP, "", "a code" },
	{ "ID",			RULE_KEEP, "", "an identifier" },
	{ "Date",		RULE_KEEP, "", "a date" },
	{ "Time",		RULE_KEEP, "", "a time" },
	{ "DateTime",		RULE_KEEP, "", "a time" },
	{ "Amount",		RULE_KEEP, "", "an amount" },
	{ "(LCY)",		RULE_KEEP, "", "an amount" },
	{ "Balance",		RULE_KEEP, "", "an amount" },
	{ "Price",		RULE_KEEP, "", "an amount" },
	{ "Cost",		RULE_KEEP, "", "an amount" },
	{ "Quantity",		RULE_KEEP, "", "a quantity" },
	{ "Qty.",		RULE_KEEP, "", "a quantity" },
	{ "%",			RULE_KEEP, "", "a percentage" },
	{ "Type",		RULE_KEEP, "", "an option" },
	{ "Status",		RULE_KEEP, "", "an option" },
	{ "Group",		RULE_KEEP, "", "a group's code" },
	{ "Blocked",		RULE_KEEP, "", "a flag" },
	{ "Open",		RULE_KEEP, "", "a flag" },
};

/* What redact-pii writes for what it finds, as the scan counts them. */
enum hit { HIT_EMAIL, HIT_PHONE, HIT_IBAN, HIT_OTHER, NHIT };

static const struct marker {
	const char	*text;
	enum hit	 hit;
} markers[] = {
	{ "[EMAIL]", HIT_EMAIL }, { "[PHONE]", HIT_PHONE },
	{ "[IBAN]", HIT_IBAN }, { "[VAT]", HIT_OTHER }, { "[ID]", HIT_OTHER },
	{ "[CARD]", HIT_OTHER }, { "[IP]", HIT_OTHER },
};

/* A column of the export that some rules file misses. */
struct col {
	size_t		 idx;		/* its index in the header */
	char		*name;		/* its name */
	unsigned long	 filled;	/* non-empty values scanned */
	unsigned long	 hits[NHIT];	/* of them, holding each kind */
	unsigned long	 names;		/* of them, a customer's name */
};

/* A rules file and the columns it misses. */
struct side {
	struct rules	*rs;
	const char	*path;
	size_t		*miss;		/* indexes into the cols */
	size_t		 nmiss;
};

/* The command line. */
struct args {
	const char	*export;	/* EXPORT */
	struct side	*sides;		/* RULES..., loaded */
	size_t		 nsides;
	const char	*names;		/* --names FILE, or NULL */
	const char	*namescol;	/* --names-column */
	unsigned long	 sample;	/* --sample: rows to scan, 0 all */
	int		 check;		/* --check */
	int		 keeponly;	/* --keep-only: a link table's rules */
	const char	*gate;		/* --gate PLAN, or NULL */
};

/* Codes of the long-only options, in the order of longopts[]. */
enum {
	OPT_CHECK = 256, OPT_GATE, OPT_KEEP_ONLY, OPT_NAMES, OPT_NAMES_COLUMN,
	OPT_SAMPLE, OPT_VERSION
};

static const struct option longopts[] = {
	{ "check",		no_argument,       NULL, OPT_CHECK },
	{ "gate",		required_argument, NULL, OPT_GATE },
	{ "help",		no_argument,       NULL, 'h' },
	{ "keep-only",		no_argument,       NULL, OPT_KEEP_ONLY },
	{ "names",		required_argument, NULL, OPT_NAMES },
	{ "names-column",	required_argument, NULL, OPT_NAMES_COLUMN },
	{ "sample",		required_argument, NULL, OPT_SAMPLE },
	{ "version",		no_argument,       NULL, OPT_VERSION },
	{ NULL,			0,                 NULL, 0 }
};

static void
usage(void)
{
	printf(
"usage: classify [--check] [--keep-only] [--names FILE [--names-column COL]]\n"
"                [--sample N] EXPORT RULES...\n"
"       classify --gate PLAN\n"
"\n"
"Lists the columns of EXPORT that a RULES file names in no rule, as rules\n"
"lines to paste, each with a suggested action; exits 2 when there are any.\n"
"\n"
"  --check              only count: write the number of columns and of\n"
"                       those a RULES file misses, tab-separated\n"
"  --gate PLAN          the job's gate: for each line EXPORT<TAB>NEED<TAB>\n"
"                       RULES... of PLAN, NEED's columns (joined by |)\n"
"                       present (else exit 1), then every column covered\n"
"                       by every RULES (else exit 2)\n"
"  --keep-only          the RULES are a link table's, which the job never\n"
"                       changes: suggest keep, and say what the values hold\n"
"  --names FILE         the customers (CSV): values equal to one's name\n"
"                       are counted\n"
"  --names-column COL   the column of FILE holding the name (default Name)\n"
"  --sample N           scan the values of the first N rows (default\n"
"                       10000; 0: every row)\n"
"  --help, --version\n");
}

/*
 * parse: the command line into a, every rules file loaded; a usage or
 * rules error exits 2.
 */
static void
parse(struct args *a, int argc, char *argv[])
{
	int ch, i;

	memset(a, 0, sizeof(*a));
	a->namescol = "Name";
	a->sample = 10000;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage();
			exit(0);
		case OPT_CHECK:
			a->check = 1;
			break;
		case OPT_GATE:
			a->gate = optarg;
			break;
		case OPT_KEEP_ONLY:
			a->keeponly = 1;
			break;
		case OPT_NAMES:
			a->names = optarg;
			break;
		case OPT_NAMES_COLUMN:
			a->namescol = optarg;
			break;
		case OPT_SAMPLE:
			a->sample = (unsigned long)opts_long("--sample", optarg,
			    0, LONG_MAX);
			break;
		case OPT_VERSION:
			printf("classify custanon %s\n", CUSTANON_VERSION);
			exit(0);
		default:
			diag_usage("bad option");
		}
	}
	if (a->gate != NULL) {
		if (optind < argc || a->check || a->keeponly ||
		    a->names != NULL)
			diag_usage("--gate takes no other option or argument");
		return;
	}
	if (argc - optind < 2)
		diag_usage("an export and at least one rules file are needed");
	a->export = argv[optind++];
	a->nsides = (size_t)(argc - optind);
	a->sides = xcalloc(a->nsides, sizeof(*a->sides));
	for (i = 0; optind + i < argc; i++) {
		a->sides[i].path = argv[optind + i];
		a->sides[i].rs = rules_load(argv[optind + i]);
	}
}

/*
 * bare_len: the length of name n[0..len) without trailing spaces and a
 * trailing word of digits ("Name 2" -> "Name").
 */
static size_t
bare_len(const char *n, size_t len)
{
	size_t k;

	while (len > 0 && n[len - 1] == ' ')
		len--;
	k = len;
	while (k > 0 && n[k - 1] >= '0' && n[k - 1] <= '9')
		k--;
	if (k < len && k > 1 && n[k - 1] == ' ') {
		len = k - 1;
		while (len > 0 && n[len - 1] == ' ')
			len--;
	}
	return len;
}

/* naming_of: the naming that column name matches, or NULL. */
static const struct naming *
naming_of(const char *name)
{
	const struct naming *m;
	size_t len = bare_len(name, strlen(name)), el, w, i;

	for (i = 0; i < sizeof(namings) / sizeof(namings[0]); i++) {
		m = &namings[i];
		if (strcmp(m->end, "*name") == 0) {
			w = len;
			while (w > 0 && name[w - 1] != ' ')
				w--;
			if (len - w >= 4 &&
			    strncasecmp(name + len - 4, "name", 4) == 0)
				return m;
			continue;
		}
		el = strlen(m->end);
		if (len >= el && strncasecmp(name + len - el, m->end, el) == 0 &&
		    (len == el || name[len - el - 1] == ' '))
			return m;
	}
	return NULL;
}

/* personal: the naming of column name says personal data (not keep). */
static int
personal(const char *name)
{
	const struct naming *m = naming_of(name);

	return m != NULL && m->action != RULE_KEEP;
}

/*
 * party_kept: 1 when column name has a first word before others
 * ("Bill-to Name 3") that starts, with a space, columns of the rules rs
 * whose names say personal data (personal), and rs keeps every one of
 * them: the column is another party's that this file leaves alone.  Sets
 * *word to that word's length.
 */
static int
party_kept(const struct rules *rs, const char *name, size_t *word)
{
	const char *sp = strchr(name, ' ');
	size_t w, i, seen = 0;

	if (sp == NULL || sp == name || sp[1] == '\0')
		return 0;
	w = (size_t)(sp - name);
	for (i = 0; i < rs->n; i++) {
		const struct rule *ru = &rs->v[i];

		if (strncasecmp(ru->column, name, w + 1) != 0 ||
		    !personal(ru->column))
			continue;
		if (ru->action != RULE_KEEP)
			return 0;
		seen++;
	}
	*word = w;
	return seen > 0;
}

/* covers: rules rs cover column name[0..n) (a rule names it, or '*'). */
static int
covers(const struct rules *rs, const char *name, size_t n)
{
	return rules_find(rs, name, n) != NULL;
}

/*
 * plan: read the header of the export (into *hdr, of *r) and, per side,
 * the columns it misses; the missed columns, in header order, into
 * *cols (their count returned).
 */
static size_t
plan(struct args *a, struct csvr **r, const struct csvr_row **hdr,
    struct col **cols)
{
	size_t i, j, n = 0;
	long *at;

	*r = csvr_start(a->export, ',', hdr);
	at = xcalloc((*hdr)->nf + 1, sizeof(*at));
	*cols = xcalloc((*hdr)->nf + 1, sizeof(**cols));
	for (j = 0; j < a->nsides; j++)
		a->sides[j].miss = xcalloc((*hdr)->nf + 1, sizeof(size_t));
	for (i = 0; i < (*hdr)->nf; i++) {
		const struct csvr_field *f = &(*hdr)->f[i];

		for (j = 0; j < a->nsides; j++) {
			struct side *s = &a->sides[j];

			if (covers(s->rs, f->p, f->n))
				continue;
			if (f->n == 0)
				diag_die_at(EXIT_DATA, csvr_name(*r),
				    (*hdr)->line, "column %zu has no name: no "
				    "rule can name it", i + 1);
			if (at[i] == 0) {
				(*cols)[n].idx = i;
				(*cols)[n].name = xmemdup(f->p, f->n);
				at[i] = (long)++n;
			}
			s->miss[s->nmiss++] = (size_t)at[i] - 1;
		}
	}
	free(at);
	return n;
}

/*
 * norm: p[0..n) as names are compared, into out: spaces and tabs around
 * it dropped, each run of them inside one space, case folded.  0 when
 * it holds no letter or digit (empty, "------"): no name.
 */
static int
norm(const char *p, size_t n, struct buf *out)
{
	size_t i;
	int word = 0, gap = 0;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t') {
			gap = out->n > 0;
			continue;
		}
		if (gap)
			buf_addc(out, ' ');
		gap = 0;
		buf_addc(out, p[i]);
		word |= text_isword((unsigned char)p[i]);
	}
	if (out->n > 0)
		text_fold(out->p, out->n);
	return word;
}

/* names_load: the normalised names of column col of CSV file path. */
static struct keymap *
names_load(const char *path, const char *col)
{
	const struct csvr_row *hdr, *row;
	struct keymap *m = keymap_new();
	struct buf b = { NULL, 0, 0 };
	struct csvr *r;
	size_t ci;
	int rc;

	r = csvr_start(path, ',', &hdr);
	ci = hdr_need(r, hdr, col);
	while ((rc = csvr_next(r, &row)) == 1)
		if (norm(row->f[ci].p, row->f[ci].n, &b))
			*keymap_put(m, b.p, b.n) = 1;
	if (rc == -1)
		csvr_die(r);
	csvr_close(r);
	buf_free(&b);
	return m;
}

/* occurs: the number of times marker mk occurs in p[0..n). */
static size_t
occurs(const char *p, size_t n, const char *mk)
{
	size_t at = 0, k = 0, ml = strlen(mk);

	while ((at = text_find(p, n, at, mk, ml)) != (size_t)-1) {
		k++;
		at += ml;
	}
	return k;
}

/* The scan's state: the detectors, the names, scratch buffers. */
struct scan {
	struct pii	*pii;
	struct keymap	*names;		/* normalised names, or NULL */
	struct buf	 out;		/* the value redacted */
	struct buf	 tmp;		/* the value normalised */
};

/* scan_value: count what value p[0..n) of column c holds. */
static void
scan_value(struct scan *s, struct col *c, const char *p, size_t n)
{
	int seen[NHIT] = { 0 };
	size_t i;

	for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
		;
	if (i == n)
		return;
	c->filled++;
	if (pii_redact(s->pii, p, n, PII_TAG_ALL, &s->out) == 0)
		for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
			if (!seen[markers[i].hit] &&
			    occurs(s->out.p, s->out.n, markers[i].text) >
			    occurs(p, n, markers[i].text)) {
				seen[markers[i].hit] = 1;
				c->hits[markers[i].hit]++;
			}
	if (s->names != NULL && norm(p, n, &s->tmp) &&
	    keymap_get(s->names, s->tmp.p, s->tmp.n) != NULL)
		c->names++;
}

/*
 * scan: count, over the first sample rows of r (0: all), what the values
 * of the ncols columns cols hold; the number of rows read.
 */
static unsigned long
scan(struct csvr *r, struct col *cols, size_t ncols, struct scan *s,
    unsigned long sample)
{
	const struct csvr_row *row;
	unsigned long rows = 0;
	size_t i;
	int rc = 1;

	while ((sample == 0 || rows < sample) &&
	    (rc = csvr_next(r, &row)) == 1) {
		rows++;
		for (i = 0; i < ncols; i++)
			scan_value(s, &cols[i], row->f[cols[i].idx].p,
			    row->f[cols[i].idx].n);
	}
	if (rc == -1)
		csvr_die(r);
	return rows;
}

/* put_printable: s to f, each control character as '?'. */
static void
put_printable(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

/* base_name: the file name of path, without its folder. */
static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b != NULL ? b + 1 : path;
}

/* put_field: s as a CSV field (quoted when it must be) to standard output. */
static void
put_field(const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

/* counts: the scan's counts of column c, as the reason shows them. */
static void
counts(const struct col *c, unsigned long rows, int named, FILE *f)
{
	fprintf(f, "values: %lu non-empty in %lu row%s: %lu e-mail, %lu "
	    "phone, %lu IBAN, %lu other identifier", c->filled, rows,
	    rows == 1 ? "" : "s", c->hits[HIT_EMAIL], c->hits[HIT_PHONE],
	    c->hits[HIT_IBAN], c->hits[HIT_OTHER]);
	if (named)
		fprintf(f, ", %lu a customer's name", c->names);
	else
		fputs(", names not compared", f);
}

/*
 * suggest: the rule for column c missed by side s (rows scanned; named:
 * names were compared; keeponly: a link table's rules, which only keep):
 * the reason to standard error, then the rules line to standard output.
 */
static void
suggest(const struct side *s, const struct col *c, unsigned long rows,
    int named, int keeponly)
{
	const struct naming *m = naming_of(c->name);
	enum rule_action act = m != NULL ? m->action : RULE_KEEP;
	const char *arg = m != NULL ? m->arg : "";
	unsigned long pii = c->hits[HIT_EMAIL] + c->hits[HIT_PHONE] +
	    c->hits[HIT_IBAN] + c->hits[HIT_OTHER];
	size_t w = 0;
	char *q;
	int party = act != RULE_KEEP && party_kept(s->rs, c->name, &w);

	if (party || keeponly) {
		act = RULE_KEEP;
		arg = "";
	} else if (act == RULE_KEEP && c->names > 0) {
		act = RULE_REPLACE;
		arg = "------";
	} else if (act == RULE_KEEP && pii > 0)
		act = RULE_REDACT_PII;
	fflush(stdout);
	fputs("# ", stderr);
	put_printable(stderr, base_name(s->path));
	fputs(": ?", stderr);
	put_printable(stderr, c->name);
	fprintf(stderr, ": %s%s%s: ", rules_action_name(act), *arg ? " " : "",
	    arg);
	if (keeponly)
		fprintf(stderr, "a link table, which the job reads and never "
		    "changes (its rules only keep): a column that holds "
		    "personal data stays as it is; ");
	else if (party)
		fprintf(stderr, "the other columns starting \"%.*s\" that "
		    "hold personal data are kept in this file (another "
		    "party's); ", (int)w, c->name);
	else if (m != NULL && m->action == act)
		fprintf(stderr, "its name says %s (it ends in \"%s\"); ",
		    m->what, m->end[0] == '*' ? m->end + 1 : m->end);
	else if (act == RULE_KEEP)
		fputs("no naming rule matches its name, and no value looks "
		    "personal; ", stderr);
	else
		fprintf(stderr, "its values %s, though %s; ",
		    c->names > 0 ? "equal customers' names" :
		    "hold personal data", m != NULL ? "its name says keep" :
		    "no naming rule matches its name");
	counts(c, rows, named, stderr);
	fputc('\n', stderr);
	q = xmalloc(strlen(c->name) + 2);
	q[0] = '?';
	strcpy(q + 1, c->name);
	put_field(q);
	free(q);
	printf(",%s,", rules_action_name(act));
	put_field(arg);
	puts(",");
}

/* sides_free: the rules and lists of the n sides. */
static void
sides_free(struct side *sides, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rules_free(sides[i].rs);
		free(sides[i].miss);
	}
	free(sides);
}

/* A table of the gate's plan: its export's header and its rules. */
struct gated {
	char		*path;		/* the export (the reader keeps it) */
	struct csvr	*r;
	const struct csvr_row *hdr;
	char		**rules;	/* its rules files' paths */
	size_t		 nrules;
};

/*
 * gate_line: line (without its newline) of the plan, at lineno of
 * file name, into g: the export opened and its header read, each NEED
 * column found (else exit 1).
 */
static void
gate_line(struct gated *g, char *line, const char *name,
    unsigned long lineno)
{
	char *f[3], *need, *c, *save = NULL;

	memset(g, 0, sizeof(*g));
	f[0] = line;
	if ((f[1] = strchr(f[0], '\t')) == NULL)
		diag_die_at(EXIT_USAGE, name, lineno, "no tab after the export");
	*f[1]++ = '\0';
	need = f[1];
	if ((f[2] = strchr(f[1], '\t')) != NULL)
		*f[2]++ = '\0';
	g->path = xstrdup(f[0]);
	g->r = csvr_start(g->path, ',', &g->hdr);
	for (c = strtok_r(need, "|", &save); c != NULL;
	    c = strtok_r(NULL, "|", &save))
		(void)hdr_need(g->r, g->hdr, c);
	for (c = f[2]; c != NULL; c = f[2]) {
		if ((f[2] = strchr(c, '\t')) != NULL)
			*f[2]++ = '\0';
		g->rules = xreallocarray(g->rules, g->nrules + 1,
		    sizeof(*g->rules));
		g->rules[g->nrules++] = xstrdup(c);
	}
}

/*
 * gate: the job's gate (--gate PLAN): every table's needed columns
 * (exit 1 at the first missing), then every column of every table
 * covered by each of its rules files (all reported, then exit 2).
 */
static int
gate(const char *plan)
{
	FILE *fp = strcmp(plan, "-") == 0 ? stdin : fopen(plan, "r");
	struct gated *g = NULL;
	struct rules *rs;
	char *line = NULL;
	size_t cap = 0, n = 0, i, j, nbad = 0;
	ssize_t len;

	if (fp == NULL)
		diag_die(EXIT_USAGE, "%s: cannot open", plan);
	while ((len = getline(&line, &cap, fp)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		g = xreallocarray(g, n + 1, sizeof(*g));
		gate_line(&g[n], line, plan, (unsigned long)n + 1);
		n++;
	}
	if (ferror(fp))
		diag_die(EXIT_USAGE, "%s: read error", plan);
	if (fp != stdin)
		fclose(fp);
	free(line);
	for (i = 0; i < n; i++) {
		for (j = 0; j < g[i].nrules; j++) {
			rs = rules_load(g[i].rules[j]);
			nbad += rules_uncovered(rs, g[i].hdr,
			    csvr_name(g[i].r));
			rules_free(rs);
			free(g[i].rules[j]);
		}
		free(g[i].rules);
		csvr_close(g[i].r);
		free(g[i].path);
	}
	free(g);
	return nbad > 0 ? EXIT_USAGE : EXIT_OK;
}

int
main(int argc, char *argv[])
{
	const struct csvr_row *hdr;
	struct args a;
	struct csvr *r;
	struct col *cols;
	struct scan s;
	unsigned long rows = 0;
	size_t ncols, i, j;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	parse(&a, argc, argv);
	if (a.gate != NULL)
		return gate(a.gate);
	ncols = plan(&a, &r, &hdr, &cols);
	if (a.check)
		printf("%zu\t%zu\n", hdr->nf, ncols);
	else if (ncols > 0) {
		memset(&s, 0, sizeof(s));
		if (a.names != NULL)
			s.names = names_load(a.names, a.namescol);
		s.pii = pii_new();
		rows = scan(r, cols, ncols, &s, a.sample);
		for (j = 0; j < a.nsides; j++) {
			const struct side *sd = &a.sides[j];

			if (sd->nmiss == 0)
				continue;
			fputs("# ", stdout);
			put_printable(stdout, base_name(sd->path));
			putchar('\n');
			for (i = 0; i < sd->nmiss; i++)
				suggest(sd, &cols[sd->miss[i]], rows,
				    s.names != NULL, a.keeponly);
		}
		pii_free(s.pii);
		if (s.names != NULL)
			keymap_free(s.names);
		buf_free(&s.out);
		buf_free(&s.tmp);
	}
	csvr_close(r);
	for (i = 0; i < ncols; i++)
		free(cols[i].name);
	free(cols);
	sides_free(a.sides, a.nsides);
	if (fflush(stdout) == EOF || ferror(stdout))
		diag_die(EXIT_DATA, "write error");
	return ncols > 0 ? EXIT_USAGE : EXIT_OK;
}
