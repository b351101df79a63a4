/*
 * bcfields: table numbers and field lists of Business Central (see
 * bcfields.h).  Small lists, searched in order: a table has a few
 * hundred fields, a run maps a few dozen tables.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcfields.h"
#include "csvio.h"
#include "diag.h"
#include "hdr.h"

struct bcf {
	struct bcf_table **t;
	size_t		   nt, cap;
	char		  *bcdir;	/* the shipped lists, or NULL */
	char		  *userdir;	/* the user's folder, or NULL */
	int		   flaws;	/* flaws reported so far */
};

static void
flaw(struct bcf *b, const char *file, unsigned long line, const char *fmt,
    ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_at(file, line, "%s", msg);
	b->flaws++;
}

/* parse_no: s as a number from 1 to 2^31 - 1, decimal, no sign. */
static int
parse_no(const char *s, long *no)
{
	long v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 10)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 2147483647L)
		return 0;
	*no = v;
	return 1;
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/*
 * list_open: path as a CSV list with its header in *hdr; NULL when it
 * does not exist and may not (must 0), or on a flaw (reported).
 */
static struct csvr *
list_open(struct bcf *b, const char *path, int must,
    const struct csvr_row **hdr)
{
	struct csvr *r;

	if ((r = csvr_open(path, ',')) == NULL) {
		if (errno != ENOENT || must)
			flaw(b, diag_name(path), 0, "cannot read: %s",
			    strerror(errno));
		return NULL;
	}
	if (csvr_header(r, hdr) == -1) {
		flaw(b, csvr_name(r), csvr_line(r, csvr_errline(r)), "%s",
		    csvr_errmsg(r));
		csvr_close(r);
		return NULL;
	}
	return r;
}

/* list_next: the next row, or NULL at the end or on a flaw (reported). */
static const struct csvr_row *
list_next(struct bcf *b, struct csvr *r)
{
	const struct csvr_row *row;
	int rc;

	if ((rc = csvr_next(r, &row)) == 1)
		return row;
	if (rc == -1)
		flaw(b, csvr_name(r), csvr_line(r, csvr_errline(r)), "%s",
		    csvr_errmsg(r));
	return NULL;
}

/* need: the index of column name of a list, or -1 (a flaw, reported). */
static long
need(struct bcf *b, const struct csvr *r, const struct csvr_row *hdr,
    const char *name)
{
	long i = hdr_find(hdr, name);

	if (i == -1)
		flaw(b, csvr_name(r), csvr_line(r, hdr->line),
		    "missing column '%s'", name);
	return i;
}

static struct bcf_table *
find_name(struct bcf *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nt; i++)
		if (strcmp(b->t[i]->name, name) == 0)
			return b->t[i];
	return NULL;
}

struct bcf_table *
bcf_table_no(struct bcf *b, long no)
{
	size_t i;

	for (i = 0; i < b->nt; i++)
		if (b->t[i]->no == no)
			return b->t[i];
	return NULL;
}

struct bcf_table *
bcf_table_name(struct bcf *b, const char *name)
{
	struct bcf_table *t;

	if ((t = find_name(b, name)) != NULL)
		return t;
	if (b->nt == b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->t = xreallocarray(b->t, b->cap, sizeof(*b->t));
	}
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	b->t[b->nt++] = t;
	return t;
}

/*
 * number: table name is numbered no (as row line of file says): a flaw
 * when either has another already.
 */
static void
number(struct bcf *b, const struct csvr *r, unsigned long line,
    const char *name, long no)
{
	struct bcf_table *t = bcf_table_no(b, no), *u = find_name(b, name);

	if (t != NULL && strcmp(t->name, name) != 0)
		flaw(b, csvr_name(r), csvr_line(r, line), "table %ld is '%s' "
		    "here and '%s' in the job spec or above", no, name,
		    t->name);
	else if (u != NULL && u->no != 0 && u->no != no)
		flaw(b, csvr_name(r), csvr_line(r, line), "table '%s' is "
		    "numbered %ld here and %ld in the job spec or above", name,
		    no, u->no);
	else
		bcf_table_name(b, name)->no = no;
}

/* read_tables: the numbered tables of path (spec: a job spec's). */
static void
read_tables(struct bcf *b, const char *path, int spec)
{
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	long ti, ni;
	long no;

	if ((r = list_open(b, path, spec, &hdr)) == NULL)
		return;
	ti = need(b, r, hdr, spec ? "table" : "name");
	ni = spec ? hdr_find(hdr, "no") : need(b, r, hdr, "no");
	while (ti != -1 && ni != -1 && (row = list_next(b, r)) != NULL) {
		if (spec && row->f[ni].n == 0)
			continue;
		if (row->f[ti].n == 0 || has_control(row->f[ti].p))
			flaw(b, csvr_name(r), csvr_line(r, row->line),
			    "a table name empty or with a control character");
		else if (!parse_no(row->f[ni].p, &no))
			flaw(b, csvr_name(r), csvr_line(r, row->line),
			    "table number in column 'no' is not a whole "
			    "number from 1 to 2147483647");
		else
			number(b, r, row->line, row->f[ti].p, no);
	}
	csvr_close(r);
}

struct bcf *
bcf_open(const char *spec, const char *bcdir, const char *userdir)
{
	struct bcf *b = xcalloc(1, sizeof(*b));
	char path[4096];

	b->bcdir = bcdir != NULL ? xstrdup(bcdir) : NULL;
	b->userdir = userdir != NULL ? xstrdup(userdir) : NULL;
	if (spec != NULL)
		read_tables(b, spec, 1);
	if (userdir != NULL) {
		snprintf(path, sizeof(path), "%s/tables.csv", userdir);
		read_tables(b, path, 0);
	}
	if (b->flaws > 0)
		exit(EXIT_USAGE);
	return b;
}

/* add: field (no, name, type, class) to t, as row line of r says. */
static void
add(struct bcf *b, struct bcf_table *t, const struct csvr *r,
    unsigned long line, long no, const char *name, const char *type,
    const char *class)
{
	struct bcf_field *f;
	size_t i;

	for (i = 0; i < t->nf; i++) {
		f = &t->f[i];
		if (f->no == no && strcmp(f->name, name) != 0) {
			flaw(b, csvr_name(r), csvr_line(r, line), "%s: field "
			    "%ld is '%s' here and '%s' in a list above",
			    t->name, no, name, f->name);
			return;
		}
		if (f->no != no && strcmp(f->name, name) == 0) {
			flaw(b, csvr_name(r), csvr_line(r, line), "%s: fields "
			    "%ld and %ld are both named '%s'", t->name, no,
			    f->no, name);
			return;
		}
		if (f->no != no)
			continue;
		if (*type != '\0' && *f->type != '\0' &&
		    strcmp(type, f->type) != 0)
			flaw(b, csvr_name(r), csvr_line(r, line), "%s: field "
			    "%ld is of type '%s' here and '%s' in a list above",
			    t->name, no, type, f->type);
		else if (*f->type == '\0') {
			free(f->type);
			f->type = xstrdup(type);
		}
		return;
	}
	t->f = xreallocarray(t->f, t->nf + 1, sizeof(*t->f));
	f = &t->f[t->nf++];
	f->no = no;
	f->name = xstrdup(name);
	f->type = xstrdup(type);
	f->class = xstrdup(class);
}

/* read_fields: the fields path lists for t; 1 when the file exists. */
static int
read_fields(struct bcf *b, struct bcf_table *t, const char *path)
{
	const struct csvr_row *hdr, *row;
	long ni, mi, yi, ci;
	struct csvr *r;
	long no;

	if ((r = list_open(b, path, 0, &hdr)) == NULL)
		return 0;
	ni = need(b, r, hdr, "no");
	mi = need(b, r, hdr, "name");
	yi = hdr_find(hdr, "type");
	ci = hdr_find(hdr, "class");
	while (ni != -1 && mi != -1 && (row = list_next(b, r)) != NULL) {
		if (!parse_no(row->f[ni].p, &no))
			flaw(b, csvr_name(r), csvr_line(r, row->line),
			    "field number in column 'no' is not a whole "
			    "number from 1 to 2147483647");
		else if (row->f[mi].n == 0 || has_control(row->f[mi].p))
			flaw(b, csvr_name(r), csvr_line(r, row->line),
			    "a field name empty or with a control character");
		else
			add(b, t, r, row->line, no, row->f[mi].p,
			    yi != -1 ? row->f[yi].p : "",
			    ci != -1 ? row->f[ci].p : "");
	}
	csvr_close(r);
	return 1;
}

int
bcf_fields(struct bcf *b, struct bcf_table *t)
{
	char file[1024], path[4096];
	size_t i;

	if (t->loaded)
		return t->listed;
	t->loaded = 1;
	for (i = 0; t->name[i] != '\0' && i + 1 < sizeof(file); i++)
		file[i] = t->name[i] == '/' ? '-' : t->name[i];
	file[i] = '\0';
	if (b->bcdir != NULL) {
		snprintf(path, sizeof(path), "%s/%s.csv", b->bcdir, file);
		t->listed |= read_fields(b, t, path);
		snprintf(path, sizeof(path), "%s/%s.tableext.csv", b->bcdir,
		    file);
		t->listed |= read_fields(b, t, path);
	}
	if (b->userdir != NULL) {
		snprintf(path, sizeof(path), "%s/%s.csv", b->userdir, file);
		t->listed |= read_fields(b, t, path);
	}
	if (b->flaws > 0)
		exit(EXIT_USAGE);
	return t->listed;
}

const struct bcf_field *
bcf_field(const struct bcf_table *t, long no)
{
	size_t i;

	for (i = 0; i < t->nf; i++)
		if (t->f[i].no == no)
			return &t->f[i];
	return NULL;
}

const struct bcf_field *
bcf_field_name(const struct bcf_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nf; i++)
		if (strcmp(t->f[i].name, name) == 0)
			return &t->f[i];
	return NULL;
}

void
bcf_close(struct bcf *b)
{
	struct bcf_table *t;
	size_t i, j;

	if (b == NULL)
		return;
	for (i = 0; i < b->nt; i++) {
		t = b->t[i];
		for (j = 0; j < t->nf; j++) {
			free(t->f[j].name);
			free(t->f[j].type);
			free(t->f[j].class);
		}
		free(t->f);
		free(t->name);
		free(t);
	}
	free(b->t);
	free(b->bcdir);
	free(b->userdir);
	free(b);
}
