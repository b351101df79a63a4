/*
 * jobspec: read and check the job spec, the one declaration of what the
 * job knows about each table (pipelines/rules/README.md), and print the
 * plan the pipelines derive every list from.
 *
 * DIR holds VERSION (the spec's version, a whole number), tables.csv
 * (one row per table, or per side of a document: its decision, primary
 * key, customer keys, conditions, link, rules file, own columns) and
 * checks.csv (one row per check: table, kind, keys, conditions, reason),
 * options.csv (one row per column a condition reads: the values it may
 * hold, as Business Central writes them, or #integer; see options_check)
 * and the rules files tables.csv names.  Everything is checked before
 * anything is printed: every bad line is reported ("jobspec: FILE:LINE:
 * message"), then the program exits 2.  Among the checks, the sides of
 * a document (sides_agree): their rules files may keep and scrub a
 * column differently only when the sides that scrub it name it in their
 * own columns, as the leak check takes it for their customer's alone.
 * With --shipped DIR2, a spec whose version is older than DIR2's (a
 * folder copied before tables or checks were added) is refused, naming
 * the tables and checks it lacks; a spec of any version that lacks a
 * table, side or check of DIR2's, or a key of one of its checks, is
 * refused too.
 *
 * The plan, one record a line, fields separated by tabs (no field holds
 * a tab or a line break), lists joined by "|":
 *   version  N
 *   table    NAME DECISION PK KEYS VIA VIA-KEY READS CHECK-KEYS NO SWEEP
 *            (KEYS: the customer keys of all its rows; READS: the
 *            columns the checks and the job read, "*" for all, empty
 *            when none; CHECK-KEYS: the keys its checks look customers
 *            up by; SWEEP: "yes" when --sweep searches its rows, empty
 *            when not)
 *   side     TABLE KEY RULES      (a scrubbed table's rows; RULES a path)
 *   where    TABLE COLUMN FILTER  (a table's conditions, all must hold,
 *            when its rows agree on them)
 *   sidewhere TABLE KEY COLUMN FILTER  (when the rows of a document's
 *            sides differ in their conditions: the conditions under
 *            which KEY names the side's customer, all must hold)
 *   check    N TABLE KIND KEYS SELF-KEY DATE REASON
 *   checkwhere N COLUMN FILTER OPTIONAL   (OPTIONAL 1: "?COLUMN", the
 *            condition holds for every row of a table without COLUMN)
 *   step     TABLE NAME VALUE     (a link step of a table reached through
 *            a link: primary, under, under where, under known,
 *            above known, keep shared, shared where)
 *   type     TABLE COLUMN TYPE    (types.csv, when DIR has it: number,
 *            date, code or customer name)
 *   values   TABLE COLUMN VALUES  (options.csv: V1|V2|..., '' the blank
 *            option, or #integer; the job's --values)
 * Records come in the spec's order.
 *
 * Exit status: 0 the spec is sound; 2 it is not (or a usage error).
 */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "rules.h"
#include "version.h"

enum { OPT_CHECK = 256, OPT_SHIPPED, OPT_VERSION };

static const struct option longopts[] = {
	{ "check",	no_argument,		NULL, OPT_CHECK },
	{ "help",	no_argument,		NULL, 'h' },
	{ "shipped",	required_argument,	NULL, OPT_SHIPPED },
	{ "version",	no_argument,		NULL, OPT_VERSION },
	{ NULL,		0,			NULL, 0 }
};

/* A CSV file read whole: its named columns, row by row. */
struct sheet {
	char		  *path;	/* for messages */
	size_t		   ncol;	/* the columns asked for */
	char		***rows;	/* rows[i][j]: column j of row i, or "" */
	unsigned long	  *line;	/* each row's line */
	size_t		   n;
	int		  *has;		/* has[j]: the header names column j */
};

/* The columns of tables.csv, in this order; 1: required in the header. */
static const struct { const char *name; int need; } tcols[] = {
	{ "table", 1 }, { "no", 0 }, { "decision", 0 }, { "primary key", 1 },
	{ "customer keys", 1 }, { "where", 1 }, { "via", 0 },
	{ "via key", 0 }, { "rules", 1 }, { "job columns", 0 },
	{ "reason", 0 }, { "steps", 0 }, { "sweep", 0 }, { "own columns", 0 }
};
enum { T_TABLE, T_NO, T_DECISION, T_PK, T_KEYS, T_WHERE, T_VIA, T_VIAKEY,
    T_RULES, T_COLS, T_REASON, T_STEPS, T_SWEEP, T_OWN, T_N };

/*
 * The link steps a table reached through a link may name (its steps
 * column, one a line: NAME or NAME=VALUE; pipelines/libexec/linkpairs):
 * 1: takes a column, 2: a COLUMN=FILTER condition, 0: no value.
 */
static const struct { const char *name; int arg; } steps[] = {
	{ "primary", 1 }, { "under", 1 }, { "under where", 2 },
	{ "under known", 2 }, { "above known", 2 }, { "keep shared", 0 },
	{ "shared where", 2 }
};

/* The columns of types.csv, all required; the types it may name. */
static const char *const ycols[] = { "table", "column", "type" };
enum { Y_TABLE, Y_COLUMN, Y_TYPE, Y_N };
static const char *const ytypes[] = { "number", "date", "code",
	"customer name" };

/* The columns of options.csv, all required. */
static const char *const ocols[] = { "table", "column", "values" };
enum { O_TABLE, O_COLUMN, O_VALUES, O_N };

static const struct { const char *name; int need; } ccols[] = {
	{ "table", 1 }, { "kind", 1 }, { "keys", 1 }, { "where", 1 },
	{ "self key", 0 }, { "date", 0 }, { "reason", 1 }
};
enum { C_TABLE, C_KIND, C_KEYS, C_WHERE, C_SELF, C_DATE, C_REASON, C_N };

static const char *decisions[] = {
	"customer", "scrubbed", "link", "checked", "setup", "log",
	"swept", "not applicable", NULL
};

static unsigned long nerr;

static void
usage(void)
{
	printf(
"usage: jobspec [--check] [--shipped DIR] DIR\n"
"\n"
"Checks the job spec in DIR (VERSION, tables.csv, checks.csv and the\n"
"rules files) and prints the plan the pipelines run by.\n"
"\n"
"  --check          check only, print nothing\n"
"  --shipped DIR    refuse a spec older than the one in DIR, naming the\n"
"                   tables and checks it lacks\n"
"  --help, --version\n");
}

/* bad: report a problem of file path at line, count it. */
static void __attribute__((format(printf, 3, 4)))
bad(const char *path, unsigned long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_at(path, line, "%s", msg);
	nerr++;
}

static char *
pathjoin(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/*
 * sheet_read: read CSV file path whole, the columns names[0..n) (need[i]:
 * the header must have it; else it reads as empty).  A file that cannot
 * be read or lacks a needed column is reported; returns 0 then.
 */
static int
sheet_read(struct sheet *s, const char *path, const char *const *names,
    const int *need, size_t n)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	long *idx;
	size_t i;
	int rc, ok = 1;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->ncol = n;
	if ((r = csvr_open(path, ',')) == NULL) {
		bad(path, 0, "cannot open: %s", strerror(errno));
		return 0;
	}
	if (csvr_header(r, &hdr) < 0) {
		bad(path, csvr_errline(r), "%s", csvr_errmsg(r));
		csvr_close(r);
		return 0;
	}
	idx = xcalloc(n, sizeof(*idx));
	s->has = xcalloc(n, sizeof(*s->has));
	for (i = 0; i < n; i++) {
		idx[i] = hdr_find(hdr, names[i]);
		s->has[i] = idx[i] >= 0;
		if (idx[i] < 0 && need[i]) {
			bad(path, hdr->line, "missing column '%s'", names[i]);
			ok = 0;
		}
	}
	while (ok && (rc = csvr_next(r, &row)) != 0) {
		if (rc < 0) {
			bad(path, csvr_errline(r), "%s", csvr_errmsg(r));
			ok = 0;
			break;
		}
		s->rows = xreallocarray(s->rows, s->n + 1, sizeof(*s->rows));
		s->line = xreallocarray(s->line, s->n + 1, sizeof(*s->line));
		s->rows[s->n] = xcalloc(n, sizeof(char *));
		for (i = 0; i < n; i++)
			s->rows[s->n][i] = xstrdup(idx[i] < 0 ? "" :
			    row->f[idx[i]].p);
		s->line[s->n++] = row->line;
	}
	free(idx);
	csvr_close(r);
	return ok;
}

static void
sheet_free(struct sheet *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->ncol; j++)
			free(s->rows[i][j]);
		free(s->rows[i]);
	}
	free(s->rows);
	free(s->line);
	free(s->has);
	free(s->path);
}

/* plain: s holds no tab, CR or LF (a plan field is one line). */
static int
plain(const char *s)
{
	return strpbrk(s, "\t\r\n") == NULL;
}

/*
 * check_list: s is a list of names joined by "|" with no empty name;
 * what names the field in messages.
 */
static void
check_list(const struct sheet *s, size_t i, const char *what, const char *v)
{
	const char *p = v;
	size_t n;

	if (!plain(v)) {
		bad(s->path, s->line[i], "%s: a tab or line break", what);
		return;
	}
	for (;;) {
		n = strcspn(p, "|");
		if (n == 0) {
			bad(s->path, s->line[i], "%s: an empty column name",
			    what);
			return;
		}
		if (p[n] == '\0')
			return;
		p += n + 1;
	}
}

/*
 * where_each: call fn for each condition of where text w (one a line:
 * COLUMN=FILTER, "?COLUMN=FILTER" when opt allows), after checking it;
 * fn may be NULL.  Returns the number of bad conditions (reported).
 */
static void
where_each(const struct sheet *s, size_t i, const char *w, int opt,
    void (*fn)(const char *col, const char *expr, int optional, void *),
    void *arg)
{
	char *copy = xstrdup(w), *line, *next, *eq, err[256];
	struct filter *f;
	int optional;

	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '\0')
			continue;
		optional = 0;
		if (*line == '?') {
			if (!opt) {
				bad(s->path, s->line[i], "where: '?' only "
				    "marks a check's optional column");
				continue;
			}
			optional = 1;
			line++;
		}
		if ((eq = strchr(line, '=')) == NULL || eq == line) {
			bad(s->path, s->line[i], "where: a condition is not "
			    "COLUMN=FILTER");
			continue;
		}
		*eq = '\0';
		if (!plain(line) || !plain(eq + 1)) {
			bad(s->path, s->line[i], "where: a tab in a condition");
			continue;
		}
		if (eq[1] == '\0') {
			bad(s->path, s->line[i], "where: column '%s': empty "
			    "filter (write '' for the empty value)", line);
			continue;
		}
		if ((f = filter_compile(eq + 1, err, sizeof(err))) == NULL) {
			bad(s->path, s->line[i], "where: column '%s': %s",
			    line, err);
			continue;
		}
		filter_free(f);
		if (fn != NULL)
			fn(line, eq + 1, optional, arg);
	}
	free(copy);
}

/*
 * steps_each: call fn for each link step of steps text w of row i of
 * tables.csv (one a line: NAME or NAME=VALUE, see steps[]), after
 * checking it; fn may be NULL.  A step that names a column (or takes no
 * value) may come once: the job and linkpairs would each read a
 * different one of two.
 */
static void
steps_each(const struct sheet *s, size_t i, const char *w,
    void (*fn)(const char *name, const char *value, void *), void *arg)
{
	char *copy = xstrdup(w), *line, *next, *eq, err[256];
	const char *val;
	struct filter *f;
	size_t k, nk = sizeof(steps) / sizeof(steps[0]);
	int seen[sizeof(steps) / sizeof(steps[0])] = { 0 };

	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (*line == '\0')
			continue;
		val = "";
		if ((eq = strchr(line, '=')) != NULL) {
			*eq = '\0';
			val = eq + 1;
		}
		for (k = 0; k < nk; k++)
			if (strcmp(line, steps[k].name) == 0)
				break;
		if (k == nk) {
			bad(s->path, s->line[i], "steps: '%s': no such step "
			    "(primary, under, under where, under known, "
			    "above known, keep shared, shared where)",
			    line);
			continue;
		}
		if (steps[k].arg != 2 && seen[k]++) {
			bad(s->path, s->line[i], "steps: %s: twice", line);
			continue;
		}
		if (!plain(val)) {
			bad(s->path, s->line[i], "steps: %s: a tab", line);
			continue;
		}
		if ((steps[k].arg == 0) != (eq == NULL) ||
		    (steps[k].arg != 0 && *val == '\0')) {
			bad(s->path, s->line[i], "steps: %s %s", line,
			    steps[k].arg ? "takes =VALUE" : "takes no value");
			continue;
		}
		if (steps[k].arg == 2) {
			eq = strchr(val, '=');
			if (eq == NULL || eq == val || eq[1] == '\0') {
				bad(s->path, s->line[i], "steps: %s: not "
				    "COLUMN=FILTER", line);
				continue;
			}
			if ((f = filter_compile(eq + 1, err, sizeof(err))) ==
			    NULL) {
				bad(s->path, s->line[i], "steps: %s: %s", line,
				    err);
				continue;
			}
			filter_free(f);
		}
		if (fn != NULL)
			fn(line, val, arg);
	}
	free(copy);
}

static int
is_decision(const char *d)
{
	size_t i;

	for (i = 0; decisions[i] != NULL; i++)
		if (strcmp(d, decisions[i]) == 0)
			return 1;
	return 0;
}

/* first_row: the index of the first row of tables naming table, or n. */
static size_t
first_row(const struct sheet *t, const char *table)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->rows[i][T_TABLE], table) == 0)
			return i;
	return t->n;
}

/* decision: the decision of row i, "scrubbed" when left empty with rules. */
static const char *
decision(const struct sheet *t, size_t i)
{
	const char *d = t->rows[i][T_DECISION];

	if (*d == '\0' && *t->rows[i][T_RULES] != '\0')
		return "scrubbed";
	return d;
}

/*
 * check_own: the own columns of row i of tables t, a "|" list of column
 * names and prefixes ("Bill-to *": every column whose name starts with
 * "Bill-to "), on a row with a rules file (a side).
 */
static void
check_own(const struct sheet *t, size_t i)
{
	const char *p = t->rows[i][T_OWN], *star;
	size_t n;

	if (*p == '\0')
		return;
	if (*t->rows[i][T_RULES] == '\0') {
		bad(t->path, t->line[i], "%s: own columns, but no rules file",
		    t->rows[i][T_TABLE]);
		return;
	}
	check_list(t, i, "own columns", p);
	for (;;) {
		n = strcspn(p, "|");
		star = memchr(p, '*', n);
		if (star != NULL && (star != p + n - 1 || n == 1))
			bad(t->path, t->line[i], "%s: own columns: '%.*s': a "
			    "'*' only ends a prefix ('Bill-to *')",
			    t->rows[i][T_TABLE], (int)n, p);
		if (p[n] == '\0')
			return;
		p += n + 1;
	}
}

/* check_table_row: the checks of tables.csv row i (dir: the rules). */
static void
check_table_row(const struct sheet *t, size_t i, const char *dir)
{
	char **r = t->rows[i];
	const char *d = decision(t, i), *path = t->path;
	unsigned long ln = t->line[i];
	size_t j, f;
	char *rp;
	struct stat st;

	for (j = 0; j < T_N; j++)
		if (j != T_WHERE && j != T_STEPS && !plain(r[j]))
			bad(path, ln, "column '%s': a tab or line break",
			    tcols[j].name);
	if (*r[T_TABLE] == '\0') {
		bad(path, ln, "no table name");
		return;
	}
	if (*d == '\0') {
		bad(path, ln, "%s: no decision", r[T_TABLE]);
		return;
	}
	if (!is_decision(d)) {
		bad(path, ln, "%s: unknown decision '%s'", r[T_TABLE], d);
		return;
	}
	if (*r[T_SWEEP] != '\0' && strcmp(r[T_SWEEP], "yes") != 0)
		bad(path, ln, "%s: sweep '%s': yes or empty", r[T_TABLE],
		    r[T_SWEEP]);
	if (strcmp(r[T_SWEEP], "yes") == 0 && (strcmp(d, "setup") == 0 ||
	    strcmp(d, "not applicable") == 0))
		bad(path, ln, "%s: a %s table is never swept", r[T_TABLE], d);
	if (strcmp(d, "swept") == 0 && strcmp(r[T_SWEEP], "yes") != 0)
		bad(path, ln, "%s: decision swept, but sweep is not yes",
		    r[T_TABLE]);
	if (strcmp(d, "not applicable") == 0) {
		if (*r[T_REASON] == '\0')
			bad(path, ln, "%s: not applicable without a reason",
			    r[T_TABLE]);
		return;
	}
	if (*r[T_PK] == '\0')
		bad(path, ln, "%s: no primary key", r[T_TABLE]);
	else
		check_list(t, i, "primary key", r[T_PK]);
	if (*r[T_KEYS] != '\0')
		check_list(t, i, "customer keys", r[T_KEYS]);
	if (*r[T_COLS] != '\0' && strcmp(r[T_COLS], "*") != 0)
		check_list(t, i, "job columns", r[T_COLS]);
	check_own(t, i);
	where_each(t, i, r[T_WHERE], 0, NULL, NULL);
	steps_each(t, i, r[T_STEPS], NULL, NULL);
	if (*r[T_STEPS] != '\0' && *r[T_VIA] == '\0')
		bad(path, ln, "%s: steps without a via table", r[T_TABLE]);
	if (strcmp(d, "customer") == 0 && strcmp(r[T_TABLE], "Customer") != 0)
		bad(path, ln, "%s: only Customer is the customer table",
		    r[T_TABLE]);
	if (strcmp(d, "scrubbed") == 0 || strcmp(d, "link") == 0 ||
	    strcmp(d, "customer") == 0) {
		if (*r[T_KEYS] == '\0')
			bad(path, ln, "%s: %s without customer keys",
			    r[T_TABLE], d);
		else if (strchr(r[T_KEYS], '|') != NULL &&
		    strcmp(d, "link") != 0)
			bad(path, ln, "%s: one customer key a row (a "
			    "document's sides are a row each)", r[T_TABLE]);
	}
	if (strcmp(d, "scrubbed") == 0 || strcmp(d, "customer") == 0 ||
	    strcmp(d, "link") == 0) {
		if (*r[T_RULES] == '\0') {
			bad(path, ln, "%s: %s without a rules file",
			    r[T_TABLE], d);
		} else if (strchr(r[T_RULES], '/') != NULL) {
			bad(path, ln, "%s: rules file '%s' is not a name in "
			    "the spec's folder", r[T_TABLE], r[T_RULES]);
		} else {
			rp = pathjoin(dir, r[T_RULES]);
			if (stat(rp, &st) != 0 || !S_ISREG(st.st_mode))
				bad(path, ln, "%s: rules file '%s': %s",
				    r[T_TABLE], r[T_RULES], stat(rp, &st) ?
				    strerror(errno) : "not a regular file");
			free(rp);
		}
	} else if (*r[T_RULES] != '\0') {
		bad(path, ln, "%s: a rules file, but the decision is %s",
		    r[T_TABLE], d);
	}
	if ((*r[T_VIA] == '\0') != (*r[T_VIAKEY] == '\0'))
		bad(path, ln, "%s: via and via key go together", r[T_TABLE]);
	if (*r[T_VIA] != '\0') {
		f = first_row(t, r[T_VIA]);
		if (f == t->n)
			bad(path, ln, "%s: via '%s': no such table in the "
			    "spec", r[T_TABLE], r[T_VIA]);
		else if (strcmp(decision(t, f), "link") != 0 &&
		    strcmp(decision(t, f), "scrubbed") != 0)
			bad(path, ln, "%s: via '%s': a link or scrubbed "
			    "table", r[T_TABLE], r[T_VIA]);
		else if (strcmp(r[T_VIA], r[T_TABLE]) == 0)
			bad(path, ln, "%s: via itself", r[T_TABLE]);
		else if (strchr(t->rows[f][T_KEYS], '|') != NULL ||
		    *t->rows[f][T_VIA] != '\0')
			bad(path, ln, "%s: via '%s': it must be keyed by one "
			    "customer key", r[T_TABLE], r[T_VIA]);
	}
	/* The rows of one table agree; only a scrubbed one has several. */
	f = first_row(t, r[T_TABLE]);
	if (f == i)
		return;
	if (strcmp(d, "scrubbed") != 0 || strcmp(decision(t, f), d) != 0) {
		bad(path, ln, "%s: declared twice (only a scrubbed table has "
		    "a row per side)", r[T_TABLE]);
		return;
	}
	for (j = 0; j < T_N; j++) {
		if (j == T_KEYS || j == T_RULES || j == T_REASON ||
		    j == T_DECISION || j == T_WHERE || j == T_OWN)
			continue;
		if (strcmp(r[j], t->rows[f][j]) != 0)
			bad(path, ln, "%s: '%s' differs from its row at line "
			    "%lu", r[T_TABLE], tcols[j].name, t->line[f]);
	}
	for (j = f; j < i; j++)
		if (strcmp(t->rows[j][T_TABLE], r[T_TABLE]) == 0 &&
		    strcmp(t->rows[j][T_KEYS], r[T_KEYS]) == 0)
			bad(path, ln, "%s: the side '%s' twice", r[T_TABLE],
			    r[T_KEYS]);
}

/* check_check_row: the checks of checks.csv row i against tables t. */
static void
check_check_row(const struct sheet *c, size_t i, const struct sheet *t)
{
	char **r = c->rows[i];
	const char *path = c->path;
	unsigned long ln = c->line[i];
	size_t j, f;
	int period;

	for (j = 0; j < C_N; j++)
		if (j != C_WHERE && !plain(r[j]))
			bad(path, ln, "column '%s': a tab or line break",
			    ccols[j].name);
	if (*r[C_REASON] == '\0')
		bad(path, ln, "a check without a reason");
	if (*r[C_KEYS] == '\0')
		bad(path, ln, "a check without a key");
	else
		check_list(c, i, "keys", r[C_KEYS]);
	f = first_row(t, r[C_TABLE]);
	if (*r[C_TABLE] == '\0')
		bad(path, ln, "a check without a table");
	else if (f == t->n)
		bad(path, ln, "table '%s' is not in tables.csv", r[C_TABLE]);
	else if (strcmp(decision(t, f), "not applicable") == 0)
		bad(path, ln, "table '%s' is not applicable", r[C_TABLE]);
	period = strcmp(r[C_KIND], "period") == 0;
	if (!period && strcmp(r[C_KIND], "open") != 0)
		bad(path, ln, "kind '%s': open or period", r[C_KIND]);
	if (period && *r[C_DATE] == '\0')
		bad(path, ln, "a period check without a date column");
	if (!period && *r[C_DATE] != '\0')
		bad(path, ln, "a date column, but the check is not a period "
		    "check");
	if (period && *r[C_SELF] != '\0')
		bad(path, ln, "a self key, but the check is a period check");
	where_each(c, i, r[C_WHERE], 1, NULL, NULL);
	for (j = 0; j < i; j++)
		if (strcmp(c->rows[j][C_TABLE], r[C_TABLE]) == 0 &&
		    strcmp(c->rows[j][C_KIND], r[C_KIND]) == 0 &&
		    strcmp(c->rows[j][C_REASON], r[C_REASON]) == 0)
			bad(path, ln, "the check '%s' on %s twice",
			    r[C_REASON], r[C_TABLE]);
}

/* version_read: the whole number in file path, or -1 (reported). */
static long
version_read(const char *path)
{
	FILE *fp;
	char buf[64], *end;
	long v;

	if ((fp = fopen(path, "r")) == NULL) {
		bad(path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fgets(buf, sizeof(buf), fp) == NULL)
		buf[0] = '\0';
	if (strlen(buf) + 1 == sizeof(buf) || getc(fp) != EOF) {
		fclose(fp);
		bad(path, 1, "not a spec version (one line, a whole number)");
		return -1;
	}
	fclose(fp);
	if (strchr(buf, '\n') != NULL)
		*strchr(buf, '\n') = '\0';
	if (*buf != '\0' && buf[strlen(buf) - 1] == '\r')
		buf[strlen(buf) - 1] = '\0';
	errno = 0;
	v = strtol(buf, &end, 10);
	if (buf[0] < '1' || buf[0] > '9' || *end != '\0' || errno != 0 ||
	    v > INT_MAX) {
		bad(path, 1, "not a spec version (a whole number)");
		return -1;
	}
	return v;
}

/* A spec: its folder, version and two sheets. */
struct spec {
	const char	*dir;
	long		 version;
	struct sheet	 t, c, y, o;	/* tables, checks, types, options */
	int		 ok;	/* the sheets were read */
	int		 hasopt; /* it has options.csv */
};

static void
spec_read(struct spec *s, const char *dir)
{
	const char *tn[T_N], *cn[C_N];
	int tneed[T_N], cneed[C_N];
	char *p;
	size_t i;

	for (i = 0; i < T_N; i++) {
		tn[i] = tcols[i].name;
		tneed[i] = tcols[i].need;
	}
	for (i = 0; i < C_N; i++) {
		cn[i] = ccols[i].name;
		cneed[i] = ccols[i].need;
	}
	s->dir = dir;
	p = pathjoin(dir, "VERSION");
	s->version = version_read(p);
	free(p);
	p = pathjoin(dir, "tables.csv");
	s->ok = sheet_read(&s->t, p, tn, tneed, T_N);
	free(p);
	p = pathjoin(dir, "checks.csv");
	s->ok &= sheet_read(&s->c, p, cn, cneed, C_N);
	free(p);
	/*
	 * options.csv came with version 7: a folder without it is a copy
	 * from before, whose conditions would read a caption in another
	 * language as a mismatch.
	 */
	p = pathjoin(dir, "options.csv");
	if (access(p, F_OK) != 0) {
		bad(p, 0, "missing: the values of each column the conditions "
		    "read (added in spec version 7; compare the folder with "
		    "the shipped one and copy its options.csv)");
	} else {
		int oneed[O_N] = { 1, 1, 1 };

		s->ok &= sheet_read(&s->o, p, ocols, oneed, O_N);
		s->hasopt = 1;
	}
	free(p);
	/* types.csv is optional: without it, no column has a type. */
	p = pathjoin(dir, "types.csv");
	if (access(p, F_OK) == 0) {
		int yneed[Y_N] = { 1, 1, 1 };

		s->ok &= sheet_read(&s->y, p, ycols, yneed, Y_N);
	}
	free(p);
}

/* types_check: each row of types.csv names a table of the spec, a
 * column and a known type. */
static void
types_check(const struct spec *s)
{
	size_t i, k;
	char **r;

	for (i = 0; i < s->y.n; i++) {
		r = s->y.rows[i];
		if (first_row(&s->t, r[Y_TABLE]) == s->t.n)
			bad(s->y.path, s->y.line[i], "%s: no such table in "
			    "tables.csv", r[Y_TABLE]);
		if (*r[Y_COLUMN] == '\0' || !plain(r[Y_COLUMN]))
			bad(s->y.path, s->y.line[i], "%s: a column name that "
			    "is empty or holds a tab or line break",
			    r[Y_TABLE]);
		for (k = 0; k < sizeof(ytypes) / sizeof(ytypes[0]); k++)
			if (strcmp(r[Y_TYPE], ytypes[k]) == 0)
				break;
		if (k == sizeof(ytypes) / sizeof(ytypes[0]))
			bad(s->y.path, s->y.line[i], "%s: unknown type '%s' "
			    "(number, date, code or customer name)",
			    r[Y_TABLE], r[Y_TYPE]);
	}
}

/* The context of a condition checked against options.csv. */
struct octx {
	const struct spec *s;
	const struct sheet *sh;	/* the sheet the condition is on */
	size_t		 i;	/* its row */
	const char	*table;	/* the table the condition reads */
	const char	*what;	/* "where", or the step's name */
};

/* options_row: the row of options.csv for table's column col, or o->n. */
static size_t
options_row(const struct sheet *o, const char *table, const char *col)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->rows[i][O_TABLE], table) == 0 &&
		    strcmp(o->rows[i][O_COLUMN], col) == 0)
			return i;
	return o->n;
}

/*
 * option_cond: condition col=expr (of x) reads a column options.csv
 * declares, unless it is a boolean one (Open=Yes, refused when not a
 * boolean anyway), and names none but its declared values.
 */
static void
option_cond(const char *col, const char *expr, int optional, void *arg)
{
	const struct octx *x = arg;
	const struct sheet *o = &x->s->o;
	struct wherevals d;
	struct filter *f;
	char err[256], *u;
	size_t k;

	(void)optional;
	if ((f = filter_compile(expr, err, sizeof(err))) == NULL)
		return;		/* reported by where_each */
	if (filter_isbool(f)) {
		filter_free(f);
		return;
	}
	if ((k = options_row(o, x->table, col)) == o->n) {
		bad(x->sh->path, x->sh->line[x->i], "%s: %s: column '%s' has "
		    "no row in options.csv (the values it may hold)",
		    x->table, x->what, col);
	} else if (values_parse(&d, o->rows[k][O_VALUES], err,
	    sizeof(err)) == 0) {
		if ((u = filter_unfit(f, &d)) != NULL) {
			bad(x->sh->path, x->sh->line[x->i], "%s: %s: column "
			    "'%s': '%s' is not one of the values options.csv "
			    "declares for it (line %lu)", x->table, x->what,
			    col, u, o->line[k]);
			free(u);
		}
		values_free(&d);
	} else
		values_free(&d);
	filter_free(f);
}

/* option_step: a link step's condition, against options.csv. */
static void
option_step(const char *name, const char *value, void *arg)
{
	struct octx x = *(const struct octx *)arg;
	const char *via;
	char *col, *eq;
	size_t f;

	if ((eq = strchr(value, '=')) == NULL || strcmp(name, "primary") == 0 ||
	    strcmp(name, "under") == 0)
		return;
	/* shared where reads the link table's rows; the rest the table's. */
	if (strcmp(name, "shared where") == 0) {
		via = x.sh->rows[x.i][T_VIA];
		if ((f = first_row(x.sh, via)) == x.sh->n)
			return;
		x.table = x.sh->rows[f][T_TABLE];
	}
	x.what = name;
	col = xmemdup(value, (size_t)(eq - value));
	option_cond(col, eq + 1, 0, &x);
	free(col);
}

/*
 * options_check: each row of options.csv names a table of the spec, a
 * column once, and values values_parse reads (not empty); every
 * condition of tables.csv (its rows' where, its link steps) and of
 * checks.csv on a column that is not a boolean has a row, and names
 * only values it declares.
 */
static void
options_check(const struct spec *s)
{
	const struct sheet *o = &s->o;
	struct wherevals d;
	struct octx x;
	char err[256];
	size_t i;

	for (i = 0; i < o->n; i++) {
		if (first_row(&s->t, o->rows[i][O_TABLE]) == s->t.n)
			bad(o->path, o->line[i], "%s: no such table in "
			    "tables.csv", o->rows[i][O_TABLE]);
		if (*o->rows[i][O_COLUMN] == '\0' ||
		    !plain(o->rows[i][O_COLUMN]) || !plain(o->rows[i][O_VALUES]))
			bad(o->path, o->line[i], "%s: a column name that is "
			    "empty, or a tab or line break", o->rows[i][O_TABLE]);
		if (values_parse(&d, o->rows[i][O_VALUES], err,
		    sizeof(err)) == -1)
			bad(o->path, o->line[i], "%s: column '%s': %s",
			    o->rows[i][O_TABLE], o->rows[i][O_COLUMN], err);
		values_free(&d);
		if (options_row(o, o->rows[i][O_TABLE],
		    o->rows[i][O_COLUMN]) != i)
			bad(o->path, o->line[i], "%s: column '%s' declared "
			    "twice", o->rows[i][O_TABLE], o->rows[i][O_COLUMN]);
	}
	x.s = s;
	for (i = 0; i < s->t.n; i++) {
		x.sh = &s->t;
		x.i = i;
		x.table = s->t.rows[i][T_TABLE];
		x.what = "where";
		where_each(&s->t, i, s->t.rows[i][T_WHERE], 0, option_cond,
		    &x);
		if (first_row(&s->t, x.table) == i)
			steps_each(&s->t, i, s->t.rows[i][T_STEPS],
			    option_step, &x);
	}
	for (i = 0; i < s->c.n; i++) {
		x.sh = &s->c;
		x.i = i;
		x.table = s->c.rows[i][C_TABLE];
		x.what = "where";
		where_each(&s->c, i, s->c.rows[i][C_WHERE], 1, option_cond,
		    &x);
	}
}

static void
spec_check(const struct spec *s)
{
	size_t i, ncust = 0, nlog = 0, nopen = 0, nperiod = 0;
	char **r;

	if (!s->ok)
		return;
	for (i = 0; i < s->t.n; i++) {
		r = s->t.rows[i];
		check_table_row(&s->t, i, s->dir);
		if (strcmp(decision(&s->t, i), "customer") == 0) {
			ncust++;
			if (strcmp(r[T_KEYS], "No.") != 0 ||
			    strcmp(r[T_PK], "No.") != 0)
				bad(s->t.path, s->t.line[i], "Customer: its "
				    "primary and customer key are No.");
		}
		if (strcmp(decision(&s->t, i), "log") == 0)
			nlog++;
		if (*r[T_VIA] != '\0' &&
		    first_row(&s->t, r[T_TABLE]) != i)
			bad(s->t.path, s->t.line[i], "%s: a table reached "
			    "through a link has one row", r[T_TABLE]);
	}
	if (ncust != 1)
		bad(s->t.path, 0, "%s table Customer (decision customer)",
		    ncust == 0 ? "no" : "more than one");
	if (nlog != 1)
		bad(s->t.path, 0, "%s log table (decision log)",
		    nlog == 0 ? "no" : "more than one");
	for (i = 0; i < s->c.n; i++) {
		check_check_row(&s->c, i, &s->t);
		if (strcmp(s->c.rows[i][C_KIND], "open") == 0)
			nopen++;
		else if (strcmp(s->c.rows[i][C_KIND], "period") == 0)
			nperiod++;
	}
	if (nopen == 0)
		bad(s->c.path, 0, "no open-document check");
	if (nperiod == 0)
		bad(s->c.path, 0, "no retention check (kind period)");
}

/* check_row: the index of the row of checks c like row i of ch, or c->n. */
static size_t
check_row(const struct sheet *c, const struct sheet *ch, size_t i)
{
	size_t j;

	for (j = 0; j < c->n; j++)
		if (strcmp(c->rows[j][C_TABLE], ch->rows[i][C_TABLE]) == 0 &&
		    strcmp(c->rows[j][C_KIND], ch->rows[i][C_KIND]) == 0 &&
		    strcmp(c->rows[j][C_REASON], ch->rows[i][C_REASON]) == 0)
			return j;
	return c->n;
}

/*
 * keys_has: whether the "|" list of names keys[0..kn) holds name, of len
 * bytes.
 */
static int
keys_has(const char *keys, size_t kn, const char *name, size_t len)
{
	const char *p = keys, *end = keys + kn, *e;

	for (;;) {
		e = memchr(p, '|', (size_t)(end - p));
		if (e == NULL)
			e = end;
		if ((size_t)(e - p) == len && memcmp(p, name, len) == 0)
			return 1;
		if (e == end)
			return 0;
		p = e + 1;
	}
}

/*
 * check_keys_lack: report each key of row i of the shipped checks sh that
 * row j of checks c (the same check) lacks: a copy that looks customers
 * up by fewer keys holds fewer back.  Returns the number reported.
 */
static unsigned long
check_keys_lack(const struct sheet *c, size_t j, const struct sheet *sh,
    size_t i)
{
	const char *p = sh->rows[i][C_KEYS], *e;
	unsigned long n = 0;

	for (;;) {
		e = strchr(p, '|');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && !keys_has(c->rows[j][C_KEYS],
		    strlen(c->rows[j][C_KEYS]), p, (size_t)(e - p))) {
			bad(c->path, c->line[j], "the %s check '%s' on %s lacks "
			    "the key '%.*s'", sh->rows[i][C_KIND],
			    sh->rows[i][C_REASON], sh->rows[i][C_TABLE],
			    (int)(e - p), p);
			n++;
		}
		if (*e == '\0')
			return n;
		p = e + 1;
	}
}

/* side_row: whether tables t has a row of table and customer key key. */
static int
side_row(const struct sheet *t, const char *table, const char *key)
{
	size_t j;

	for (j = 0; j < t->n; j++)
		if (strcmp(t->rows[j][T_TABLE], table) == 0 &&
		    strcmp(t->rows[j][T_KEYS], key) == 0)
			return 1;
	return 0;
}

/*
 * step_covers: whether step mine[0..m) of a copied spec does what the
 * shipped step sh[0..k) does: the same text, or a "shared where" on the
 * same column whose filter names every term of the shipped one and more
 * (a value an extension adds to the link table's enum, declared live).
 */
static int
step_covers(const char *mine, size_t m, const char *sh, size_t k)
{
	static const char sw[] = "shared where=";
	const size_t swn = sizeof(sw) - 1;
	const char *a, *b, *p;
	size_t c, i, j;

	if (m == k && memcmp(mine, sh, k) == 0)
		return 1;
	if (m <= swn || k <= swn || memcmp(mine, sw, swn) != 0 ||
	    memcmp(sh, sw, swn) != 0)
		return 0;
	a = mine + swn;
	b = sh + swn;
	if ((p = memchr(b, '=', k - swn)) == NULL)
		return 0;
	c = (size_t)(p - b) + 1;
	if (m - swn <= c || memcmp(a, b, c) != 0)
		return 0;
	a += c;
	b += c;
	m -= swn + c;
	k -= swn + c;
	for (i = 0; i <= k; i = j + 1) {
		for (j = i; j < k && b[j] != '|'; j++)
			;
		if (!keys_has(a, m, b + i, j - i))
			return 0;
	}
	return 1;
}

/*
 * steps_lack: report each link step of shipped steps text w that row f
 * of t lacks (a copied spec would reach fewer rows, or keep fewer
 * shared: step_covers); the number reported.
 */
static unsigned long
steps_lack(const struct sheet *t, size_t f, const char *w)
{
	const char *line = w, *mine;
	size_t k, m;
	unsigned long n = 0;

	while (*line != '\0') {
		k = strcspn(line, "\n");
		for (mine = t->rows[f][T_STEPS]; *mine != '\0';
		    mine += m + (mine[m] == '\n')) {
			m = strcspn(mine, "\n");
			if (step_covers(mine, m, line, k))
				break;
		}
		if (k > 0 && *mine == '\0') {
			bad(t->path, t->line[f], "%s: it lacks the link step "
			    "'%.*s'", t->rows[f][T_TABLE], (int)k, line);
			n++;
		}
		line += k + (line[k] == '\n');
	}
	return n;
}

/*
 * spec_lacks: report what spec s lacks of the shipped spec sh: each of
 * its tables (a table s declares "not applicable", with its reason, aside
 * from the rest), each table's decision, each side of a scrubbed table,
 * and each check with each of its keys (a check is never dropped by a
 * spec: --without says at run time that a company lacks a table).
 * Returns the number reported.
 */
static unsigned long
spec_lacks(const struct spec *s, const struct spec *sh)
{
	const struct sheet *t = &s->t, *st = &sh->t;
	const char *name, *d, *sd;
	unsigned long n = 0;
	size_t i, f;

	for (i = 0; i < st->n; i++) {
		name = st->rows[i][T_TABLE];
		f = first_row(t, name);
		if (f == t->n) {
			if (first_row(st, name) == i) {
				bad(t->path, 0, "it lacks the table '%s' (declare "
				    "it not applicable, with the reason, to leave "
				    "it)", name);
				n++;
			}
			continue;
		}
		d = decision(t, f);
		sd = decision(st, i);
		if (strcmp(d, "not applicable") == 0)
			continue;
		/* A table the shipped spec only sweeps may be scrubbed. */
		if (strcmp(d, sd) != 0 && strcmp(sd, "swept") != 0 &&
		    first_row(st, name) == i) {
			bad(t->path, t->line[f], "%s: decision %s, but the "
			    "shipped spec's is %s", name, d, sd);
			n++;
			continue;
		}
		if (*st->rows[i][T_RULES] != '\0' &&
		    !side_row(t, name, st->rows[i][T_KEYS])) {
			bad(t->path, 0, "it lacks the side '%s' of %s",
			    st->rows[i][T_KEYS], name);
			n++;
		}
		if (first_row(st, name) == i)
			n += steps_lack(t, f, st->rows[i][T_STEPS]);
	}
	for (i = 0; i < sh->c.n; i++) {
		if ((f = check_row(&s->c, &sh->c, i)) != s->c.n) {
			n += check_keys_lack(&s->c, f, &sh->c, i);
			continue;
		}
		bad(s->c.path, 0, "it lacks the %s check '%s' on %s",
		    sh->c.rows[i][C_KIND], sh->c.rows[i][C_REASON],
		    sh->c.rows[i][C_TABLE]);
		n++;
	}
	return n;
}

/*
 * spec_compare: refuse spec s when it lacks what the shipped spec sh
 * has (spec_lacks), when it is older (a copy from before tables or checks
 * were added: raise its VERSION once compared), or newer than this
 * release knows.
 */
static void
spec_compare(const struct spec *s, const struct spec *sh)
{
	const char *p = s->t.path;

	if (s->version < 0 || sh->version < 0 || !s->ok || !sh->ok)
		return;
	if (s->version > sh->version) {
		bad(p, 0, "spec version %ld is newer than this release's (%ld)",
		    s->version, sh->version);
		return;
	}
	if (s->version < sh->version)
		bad(p, 0, "spec version %ld is older than the shipped %ld: "
		    "compare it with %s and raise its VERSION", s->version,
		    sh->version, sh->dir);
	spec_lacks(s, sh);
}

/* A growing "|" list of distinct names. */
struct list {
	char	*s;
	size_t	 n, cap;
};

static void
list_add(struct list *l, const char *name, size_t len)
{
	const char *p = l->s;
	size_t k;

	while (p != NULL && *p != '\0') {
		k = strcspn(p, "|");
		if (k == len && memcmp(p, name, len) == 0)
			return;
		p += k + (p[k] == '|');
	}
	if (l->n + len + 2 > l->cap) {
		l->cap = (l->n + len + 2) * 2;
		l->s = xrealloc(l->s, l->cap);
	}
	if (l->n > 0)
		l->s[l->n++] = '|';
	memcpy(l->s + l->n, name, len);
	l->n += len;
	l->s[l->n] = '\0';
}

/* list_addall: each name of "|" list v. */
static void
list_addall(struct list *l, const char *v)
{
	size_t k;

	while (*v != '\0') {
		k = strcspn(v, "|");
		list_add(l, v, k);
		v += k + (v[k] == '|');
	}
}

static void
add_where_col(const char *col, const char *expr, int optional, void *arg)
{
	(void)expr;
	(void)optional;
	list_add(arg, col, strlen(col));
}

struct cw {
	size_t	n;	/* the check's number */
};

static void
print_checkwhere(const char *col, const char *expr, int optional, void *arg)
{
	printf("checkwhere\t%zu\t%s\t%s\t%d\n", ((struct cw *)arg)->n, col,
	    expr, optional);
}

static void
print_step(const char *name, const char *value, void *arg)
{
	printf("step\t%s\t%s\t%s\n", (const char *)arg, name, value);
}

static void
print_where(const char *col, const char *expr, int optional, void *arg)
{
	(void)optional;
	printf("where\t%s\t%s\t%s\n", (const char *)arg, col, expr);
}

static void
print_sidewhere(const char *col, const char *expr, int optional, void *arg)
{
	char **r = arg;

	(void)optional;
	printf("sidewhere\t%s\t%s\t%s\t%s\n", r[T_TABLE], r[T_KEYS], col,
	    expr);
}

/*
 * wheres_agree: whether every row of the table of row f (its first)
 * has the conditions of row f.
 */
static int
wheres_agree(const struct sheet *t, size_t f)
{
	size_t j;

	for (j = f + 1; j < t->n; j++)
		if (strcmp(t->rows[j][T_TABLE], t->rows[f][T_TABLE]) == 0 &&
		    strcmp(t->rows[j][T_WHERE], t->rows[f][T_WHERE]) != 0)
			return 0;
	return 1;
}

/* spec_print: the plan of sound spec s. */
static void
spec_print(const struct spec *s)
{
	const struct sheet *t = &s->t, *c = &s->c;
	struct list keys, reads, ckeys;
	struct cw cw;
	size_t i, j, f;
	char **r, *rp;

	printf("version\t%ld\n", s->version);
	for (i = 0; i < t->n; i++) {
		r = t->rows[i];
		if (first_row(t, r[T_TABLE]) != i)
			continue;
		memset(&keys, 0, sizeof(keys));
		memset(&reads, 0, sizeof(reads));
		memset(&ckeys, 0, sizeof(ckeys));
		for (j = i; j < t->n; j++)
			if (strcmp(t->rows[j][T_TABLE], r[T_TABLE]) == 0)
				list_addall(&keys, t->rows[j][T_KEYS]);
		if (strcmp(r[T_COLS], "*") == 0)
			list_add(&reads, "*", 1);
		else
			list_addall(&reads, r[T_COLS]);
		for (j = 0; j < c->n; j++) {
			if (strcmp(c->rows[j][C_TABLE], r[T_TABLE]) != 0)
				continue;
			list_addall(&ckeys, c->rows[j][C_KEYS]);
			if (reads.s != NULL && strcmp(reads.s, "*") == 0)
				continue;
			list_addall(&reads, c->rows[j][C_KEYS]);
			list_addall(&reads, c->rows[j][C_SELF]);
			list_addall(&reads, c->rows[j][C_DATE]);
			where_each(c, j, c->rows[j][C_WHERE], 1,
			    add_where_col, &reads);
		}
		printf("table\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		    r[T_TABLE], decision(t, i), r[T_PK],
		    keys.s ? keys.s : "", r[T_VIA], r[T_VIAKEY],
		    reads.s ? reads.s : "", ckeys.s ? ckeys.s : "", r[T_NO],
		    r[T_SWEEP]);
		free(keys.s);
		free(reads.s);
		free(ckeys.s);
	}
	for (i = 0; i < t->n; i++) {
		r = t->rows[i];
		if (*r[T_RULES] == '\0')
			continue;
		rp = pathjoin(s->dir, r[T_RULES]);
		printf("side\t%s\t%s\t%s\n", r[T_TABLE], r[T_KEYS], rp);
		free(rp);
	}
	for (i = 0; i < t->n; i++) {
		f = first_row(t, t->rows[i][T_TABLE]);
		if (!wheres_agree(t, f))
			where_each(t, i, t->rows[i][T_WHERE], 0,
			    print_sidewhere, t->rows[i]);
		else if (f == i)
			where_each(t, i, t->rows[i][T_WHERE], 0, print_where,
			    t->rows[i][T_TABLE]);
	}
	for (i = 0; i < t->n; i++)
		if (first_row(t, t->rows[i][T_TABLE]) == i)
			steps_each(t, i, t->rows[i][T_STEPS], print_step,
			    t->rows[i][T_TABLE]);
	for (i = 0; i < c->n; i++) {
		r = c->rows[i];
		printf("check\t%zu\t%s\t%s\t%s\t%s\t%s\t%s\n", i + 1,
		    r[C_TABLE], r[C_KIND], r[C_KEYS], r[C_SELF], r[C_DATE],
		    r[C_REASON]);
		cw.n = i + 1;
		where_each(c, i, r[C_WHERE], 1, print_checkwhere, &cw);
	}
	for (i = 0; i < s->y.n; i++)
		printf("type\t%s\t%s\t%s\n", s->y.rows[i][Y_TABLE],
		    s->y.rows[i][Y_COLUMN], s->y.rows[i][Y_TYPE]);
	for (i = 0; i < s->o.n; i++)
		printf("values\t%s\t%s\t%s\n", s->o.rows[i][O_TABLE],
		    s->o.rows[i][O_COLUMN], s->o.rows[i][O_VALUES]);
}

/*
 * own_has: whether the own columns own (check_own) name column name, as
 * itself or by a prefix.
 */
static int
own_has(const char *own, const char *name)
{
	const char *p = own;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, "|");
		if (n > 1 && p[n - 1] == '*') {
			if (strncmp(name, p, n - 1) == 0)
				return 1;
		} else if (strlen(name) == n && strncmp(name, p, n) == 0) {
			return 1;
		}
		p += n + (p[n] == '|');
	}
	return 0;
}

/* What a rules file does with a column: no rule covers it, keeps it,
 * or scrubs it (any other action: leakcheck's "scrubbed"). */
enum fate { FATE_NONE, FATE_KEEP, FATE_SCRUB };

static enum fate
fate_of(const struct rule *ru)
{
	if (ru == NULL)
		return FATE_NONE;
	return ru->action == RULE_KEEP ? FATE_KEEP : FATE_SCRUB;
}

/*
 * named_before: whether one of the rules files rs[side[0..k)] names
 * column name by a rule of its own (not its '*').
 */
static int
named_before(struct rules **rs, const size_t *side, size_t k,
    const char *name)
{
	const struct rule *ru;
	size_t i;

	for (i = 0; i < k; i++) {
		ru = rules_find(rs[side[i]], name, strlen(name));
		if (ru != NULL && ru != rs[side[i]]->star)
			return 1;
	}
	return 0;
}

/*
 * sides_agree: the sides of the table whose first row of tables t is f
 * (its rows with a rules file, rs[row] loaded) may keep and scrub a
 * column differently only when every side that scrubs it names it in
 * its own columns and no side that keeps it does.  The leak check
 * (leakcheck --fields) takes such a column for the customer of the side
 * that scrubs it, and does not hold it to the customer of the side that
 * keeps it: were it that customer's (a VAT number a journal line's
 * balancing side keeps, its account side scrubs), the value would go
 * through unchecked.  Every side at fault is reported at its row, with
 * the two rules files; the columns no rule names ('*') must agree.
 */
static unsigned long nunowned;	/* disagreements, no own columns at all */

static void
sides_agree(const struct sheet *t, size_t f, struct rules **rs)
{
	const char *name = t->rows[f][T_TABLE], *col;
	size_t *side, ns = 0, a, i, x, keep, scrub;
	enum fate fa;

	side = xcalloc(t->n, sizeof(*side));
	for (i = f; i < t->n; i++)
		if (rs[i] != NULL && strcmp(t->rows[i][T_TABLE], name) == 0)
			side[ns++] = i;
	for (keep = scrub = ns, x = 0; x < ns; x++) {
		fa = fate_of(rs[side[x]]->star);
		if (fa == FATE_KEEP && keep == ns)
			keep = x;
		if (fa == FATE_SCRUB && scrub == ns)
			scrub = x;
	}
	if (keep < ns && scrub < ns)
		bad(t->path, t->line[side[scrub]], "%s: sides disagree on the "
		    "columns no rule names ('*': %s keeps them, %s does not)",
		    name, t->rows[side[keep]][T_RULES],
		    t->rows[side[scrub]][T_RULES]);
	for (a = 0; ns > 1 && a < ns; a++) {
		for (i = 0; i < rs[side[a]]->n; i++) {
			col = rs[side[a]]->v[i].column;
			if (&rs[side[a]]->v[i] == rs[side[a]]->star ||
			    named_before(rs, side, a, col))
				continue;
			for (keep = scrub = ns, x = 0; x < ns; x++) {
				fa = fate_of(rules_find(rs[side[x]], col,
				    strlen(col)));
				if (fa == FATE_KEEP && keep == ns)
					keep = x;
				if (fa == FATE_SCRUB && scrub == ns)
					scrub = x;
			}
			if (keep == ns || scrub == ns)
				continue;
			for (x = 0; x < ns; x++) {
				fa = fate_of(rules_find(rs[side[x]], col,
				    strlen(col)));
				if (!t->has[T_OWN]) {
					/* One line says it all (spec_rules). */
					if (fa == FATE_SCRUB)
						nunowned++;
				} else if (fa == FATE_SCRUB &&
				    !own_has(t->rows[side[x]][T_OWN], col))
					bad(t->path, t->line[side[x]], "%s: "
					    "sides disagree on column '%s' (%s "
					    "keeps it, %s does not), and the "
					    "side '%s' does not name it in its "
					    "own columns", name, col,
					    t->rows[side[keep]][T_RULES],
					    t->rows[side[x]][T_RULES],
					    t->rows[side[x]][T_KEYS]);
				else if (fa == FATE_KEEP &&
				    own_has(t->rows[side[x]][T_OWN], col))
					bad(t->path, t->line[side[x]], "%s: "
					    "sides disagree on column '%s' (%s "
					    "keeps it, %s does not), and it is "
					    "an own column of the side '%s', "
					    "which keeps it", name, col,
					    t->rows[side[x]][T_RULES],
					    t->rows[side[scrub]][T_RULES],
					    t->rows[side[x]][T_KEYS]);
			}
		}
	}
	free(side);
}

/*
 * link_keeps: the rules file rs of row i, a link table's, keeps every
 * column it names.  The job reads a link table and never changes it: its
 * rules only say which columns it may have (the gate stops the run on
 * any other), so one that blanks or replaces a column would promise a
 * scrub that never happens.
 */
static void
link_keeps(const struct sheet *t, size_t i, const struct rules *rs)
{
	size_t j;

	for (j = 0; j < rs->n; j++)
		if (rs->v[j].action != RULE_KEEP)
			bad(t->path, t->line[i], "%s: a link table is never "
			    "changed, but its rules file '%s' does not keep "
			    "column '%s'", t->rows[i][T_TABLE],
			    t->rows[i][T_RULES], rs->v[j].column);
}

/*
 * spec_rules: load each rules file of sound spec s (rules_load exits 2
 * on a bad one) and check that the sides of each table agree
 * (sides_agree).
 */
static void
spec_rules(const struct spec *s)
{
	struct rules **rs = xcalloc(s->t.n, sizeof(*rs));
	size_t i;
	char *rp;

	for (i = 0; i < s->t.n; i++) {
		if (*s->t.rows[i][T_RULES] == '\0')
			continue;
		rp = pathjoin(s->dir, s->t.rows[i][T_RULES]);
		rs[i] = rules_load(rp);
		free(rp);
	}
	for (i = 0; i < s->t.n; i++)
		if (rs[i] != NULL && strcmp(decision(&s->t, i), "link") == 0)
			link_keeps(&s->t, i, rs[i]);
	for (i = 0; i < s->t.n; i++)
		if (first_row(&s->t, s->t.rows[i][T_TABLE]) == i)
			sides_agree(&s->t, i, rs);
	if (nunowned > 0)
		bad(s->t.path, 0, "no column 'own columns': the sides of its "
		    "tables disagree on %lu column%s, and a spec copied before "
		    "the column was added names no side's own (compare it "
		    "with the shipped tables.csv)", nunowned,
		    nunowned == 1 ? "" : "s");
	for (i = 0; i < s->t.n; i++)
		if (rs[i] != NULL)
			rules_free(rs[i]);
	free(rs);
}

int
main(int argc, char *argv[])
{
	struct spec s, sh;
	const char *shipped = NULL;
	int ch, check = 0;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage();
			return 0;
		case OPT_CHECK:
			check = 1;
			break;
		case OPT_SHIPPED:
			shipped = optarg;
			break;
		case OPT_VERSION:
			printf("jobspec custanon %s\n", CUSTANON_VERSION);
			return 0;
		default:
			diag_usage("bad option");
		}
	}
	if (argc - optind != 1)
		diag_usage("one spec folder expected");
	memset(&s, 0, sizeof(s));
	memset(&sh, 0, sizeof(sh));
	spec_read(&s, argv[optind]);
	spec_check(&s);
	if (s.ok) {
		types_check(&s);
		if (s.hasopt)
			options_check(&s);
	}
	if (shipped != NULL && strcmp(shipped, argv[optind]) != 0) {
		spec_read(&sh, shipped);
		if (sh.version < 0 || !sh.ok)
			diag_die(EXIT_USAGE, "%s: the shipped spec is not "
			    "readable", shipped);
		spec_compare(&s, &sh);
		sheet_free(&sh.t);
		sheet_free(&sh.c);
		sheet_free(&sh.y);
		sheet_free(&sh.o);
	}
	if (nerr > 0 || s.version < 0 || !s.ok)
		diag_die(EXIT_USAGE, "%s: the job spec has %lu error%s",
		    argv[optind], nerr, nerr == 1 ? "" : "s");
	spec_rules(&s);
	if (nerr > 0)
		diag_die(EXIT_USAGE, "%s: the job spec has %lu error%s",
		    argv[optind], nerr, nerr == 1 ? "" : "s");
	if (!check)
		spec_print(&s);
	sheet_free(&s.t);
	sheet_free(&s.c);
	sheet_free(&s.y);
	sheet_free(&s.o);
	if (fflush(stdout) != 0 || ferror(stdout))
		diag_die(EXIT_DATA, "write error");
	return 0;
}
