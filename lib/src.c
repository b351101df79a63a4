/*
 * src: document sources given on the command line (see src.h).
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "src.h"
#include "text.h"

void
src_docs(struct srclist *l, const char *path)
{
	struct src *s;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	s = &l->v[l->n++];
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
}

/* once: store arg in *slot, a usage error when the option came before. */
static void
once(char **slot, const char *name, const char *path, const char *arg)
{
	if (*slot != NULL)
		diag_usage("--%s given twice for --docs %s", name, path);
	*slot = xstrdup(arg);
}

void
src_option(struct srclist *l, const char *name, const char *arg)
{
	struct src *s;

	if (l->n == 0)
		diag_usage("--%s must follow the --docs it applies to", name);
	s = &l->v[l->n - 1];
	if (strcmp(name, "key") == 0) {
		if (*arg == '\0')
			diag_usage("--key takes a column name");
		s->keys = xreallocarray(s->keys, s->nkeys + 1,
		    sizeof(*s->keys));
		s->keys[s->nkeys++] = xstrdup(arg);
	} else if (strcmp(name, "where") == 0)
		where_add(&s->where, "--where", arg);
	else if (strcmp(name, "values") == 0)
		where_values(&s->where, "--values", arg);
	else if (strcmp(name, "self-key") == 0) {
		if (*arg == '\0')
			diag_usage("--self-key takes a column name");
		once(&s->selfkey, name, s->path, arg);
	} else if (strcmp(name, "date") == 0) {
		if (*arg == '\0')
			diag_usage("--date takes a column name");
		once(&s->datecol, name, s->path, arg);
	} else if (strcmp(name, "reason") == 0)
		once(&s->reason, name, s->path, arg);
	else
		diag_usage("--%s is not an option of a source", name);
}

void
src_free(struct srclist *l)
{
	struct src *s;
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		s = &l->v[i];
		free(s->path);
		for (j = 0; j < s->nkeys; j++)
			free(s->keys[j]);
		free(s->keys);
		where_free(&s->where);
		free(s->selfkey);
		free(s->datecol);
		free(s->reason);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
src_stdin_check(const struct srclist *l, const char *path)
{
	size_t i, n = 0;

	if (path == NULL || strcmp(path, "-") == 0)
		n++;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].path, "-") == 0)
			n++;
	if (n > 1)
		diag_usage("standard input given twice");
}

char *
src_reason(const struct src *s, const char *prefix)
{
	const char *base, *slash;
	struct buf b = { NULL, 0, 0 };
	size_t n;

	if (s->reason != NULL)
		return xstrdup(s->reason);
	base = (slash = strrchr(s->path, '/')) != NULL ? slash + 1 : s->path;
	n = strlen(base);
	if (n > 4 && strcasecmp(base + n - 4, ".csv") == 0)
		n -= 4;
	buf_adds(&b, prefix);
	buf_add(&b, base, n);
	return b.p;
}

void
src_customer(struct csvr *r, const struct csvr_row *hdr, const struct src *s)
{
	const char *col = s->selfkey != NULL ? s->selfkey :
	    s->nkeys > 0 ? s->keys[0] : NULL;

	if (col != NULL)
		csvr_set_customer(r, hdr_need(r, hdr, col));
}

void
src_code(const struct csvr *r, const struct csvr_row *row,
    const struct csvr_field *v, const char *col)
{
	static struct buf code;

	if (text_code(v->p, v->n, &code))
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, row->line),
		    "a key written otherwise (in lower case, or padded) in "
		    "column '%s'", col);
}

void
src_odd_note(struct src_odd *o, const struct csvr *r,
    const struct csvr_row *row, const struct csvr_field *v, const char *col)
{
	struct src_oddrec *e;
	uint32_t *slot;

	if (!text_code(v->p, v->n, &o->code))
		return;
	if (o->m == NULL)
		o->m = keymap_new();
	slot = keymap_put(o->m, o->code.p, o->code.n);
	if (*slot != 0)
		return;			/* the first place is enough */
	if (o->n == o->cap) {
		o->cap = o->cap == 0 ? 8 : o->cap * 2;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	e = &o->v[o->n++];
	*slot = (uint32_t)o->n;
	e->file = xstrdup(csvr_name(r));
	e->line = csvr_line(r, row->line);
	e->raw = xmalloc(v->n + 1);
	memcpy(e->raw, v->p, v->n);
	e->raw[v->n] = '\0';
	e->col = col;
}

void
src_odd_check(const struct src_odd *o, const char *k, size_t n)
{
	const struct src_oddrec *e;
	uint32_t *slot;

	if (o->m == NULL || (slot = keymap_get(o->m, k, n)) == NULL)
		return;
	e = &o->v[*slot - 1];
	diag_die_at(EXIT_DATA, e->file, e->line, "customer %s: key %.*s "
	    "written otherwise (in lower case, or padded) in column '%s'",
	    e->raw, (int)n, k, e->col);
}

void
src_odd_free(struct src_odd *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].file);
		free(o->v[i].raw);
	}
	free(o->v);
	if (o->m != NULL)
		keymap_free(o->m);
	buf_free(&o->code);
	memset(o, 0, sizeof(*o));
}

int
src_keycmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c;

	c = an == 0 || bn == 0 ? 0 : memcmp(a, b, an < bn ? an : bn);
	if (c != 0)
		return c;
	return (an > bn) - (an < bn);
}

void
src_order_next(struct src_order *o, const struct csvr *r,
    const struct csvr_row *row, size_t keyidx, const char *keyname)
{
	const struct csvr_field *k = &row->f[keyidx];

	if (o->started && src_keycmp(k->p, k->n, o->prev.p, o->prev.n) < 0)
		csvr_die_row(r, row, EXIT_DATA, "input not sorted by '%s'",
		    keyname);
	o->started = 1;
	buf_reset(&o->prev);
	buf_add(&o->prev, k->p, k->n);
}

void
src_order_free(struct src_order *o)
{
	buf_free(&o->prev);
}

/* pull: read the row after the current run into next. */
static void
pull(struct src_merge *m)
{
	const struct csvr_row *row;
	const struct csvr_field *v;
	int rc;

	if ((rc = csvr_next(m->r, &row)) == -1)
		csvr_die(m->r);
	if (rc == 0) {
		m->nextvalid = 0;
		return;
	}
	src_order_next(&m->order, m->r, row, m->keyidx, m->keyname);
	v = &row->f[m->keyidx];
	buf_reset(&m->next);
	buf_add(&m->next, v->p, v->n);
	m->nextval = m->value(m->arg, row);
	m->nextvalid = 1;
}

/* run: make the rows that follow, sharing one key, the current run. */
static void
run(struct src_merge *m)
{
	struct buf t;

	t = m->key;
	m->key = m->next;
	m->next = t;
	m->val = m->nextval;
	m->valid = m->nextvalid;
	while (m->valid) {
		pull(m);
		if (!m->nextvalid || src_keycmp(m->next.p, m->next.n,
		    m->key.p, m->key.n) != 0)
			break;
		if (m->nextval > m->val)
			m->val = m->nextval;
	}
}

void
src_merge_init(struct src_merge *m, struct csvr *r, size_t keyidx,
    const char *keyname, src_value_fn value, void *arg)
{
	memset(m, 0, sizeof(*m));
	m->r = r;
	m->keyidx = keyidx;
	m->keyname = keyname;
	m->value = value;
	m->arg = arg;
	pull(m);
	run(m);
}

uint32_t
src_merge_seek(struct src_merge *m, const char *k, size_t n)
{
	while (m->valid && src_keycmp(m->key.p, m->key.n, k, n) < 0)
		run(m);
	if (m->valid && src_keycmp(m->key.p, m->key.n, k, n) == 0)
		return m->val;
	return 0;
}

void
src_merge_finish(struct src_merge *m)
{
	while (m->valid)
		run(m);
	buf_free(&m->key);
	buf_free(&m->next);
	src_order_free(&m->order);
}
