/*
 * orig: the anonymized customers' original rows, as leakcheck and sweep
 * read them (see orig.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "hdr.h"
#include "orig.h"

void
orig_src_init(struct orig_src *s, char *path)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->mapkey = "Contact No.";
	s->mapcust = "No.";
}

/* strs_add: append s to the list *v of *n. */
static void
strs_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

int
orig_src_opt(struct orig_src *s, const char *name, char *arg)
{
	if (strcmp(name, "key") == 0) {
		s->k = xreallocarray(s->k, s->nk + 1, sizeof(*s->k));
		memset(&s->k[s->nk], 0, sizeof(*s->k));
		s->k[s->nk++].col = arg;
	} else if (strcmp(name, "key-where") == 0) {
		if (s->nk == 0)
			diag_usage("--key-where must follow a --key");
		where_add(&s->k[s->nk - 1].where, "--key-where", arg);
	} else if (strcmp(name, "fields") == 0) {
		if (s->nk == 0 || s->k[s->nk - 1].fields != NULL)
			diag_usage("--fields must follow a --key");
		s->k[s->nk - 1].fields = arg;
	} else if (strcmp(name, "where") == 0) {
		where_add(&s->where, "--where", arg);
	} else if (strcmp(name, "values") == 0) {
		where_values(&s->where, "--values", arg);
	} else if (strcmp(name, "map") == 0) {
		s->map = arg;
	} else if (strcmp(name, "map-key") == 0) {
		s->mapkey = arg;
	} else if (strcmp(name, "map-customer") == 0) {
		s->mapcust = arg;
	} else if (strcmp(name, "primary-key") == 0) {
		strs_add(&s->pk, &s->npk, arg);
	} else {
		return 0;
	}
	return 1;
}

void
orig_src_fields(struct orig_src *s, int need, const char *opt)
{
	size_t j;

	for (j = 0; j < s->nk; j++) {
		if (s->k[j].fields != NULL)
			s->k[j].own = rules_load(s->k[j].fields);
		else if (need)
			diag_usage("%s %s: --key %s without --fields", opt,
			    s->path, s->k[j].col);
	}
}

void
orig_src_map(struct orig_src *s, int delim, const struct keymap *byno)
{
	if (s->map != NULL && s->links == NULL)
		s->links = linkmap_load(s->map, delim, s->mapkey, s->mapcust,
		    byno, &s->link, &s->nlink);
}

void
orig_src_bind(struct orig_src *s, const struct csvr *r,
    const struct csvr_row *hdr)
{
	size_t i;

	where_bind(&s->where, r, hdr);
	for (i = 0; i < s->nk; i++) {
		s->k[i].idx = hdr_need(r, hdr, s->k[i].col);
		where_values_copy(&s->k[i].where, &s->where);
		where_bind(&s->k[i].where, r, hdr);
	}
}

int
orig_src_row(const struct orig_src *s, const struct csvr_row *row,
    const struct keymap *byno,
    void (*fn)(void *, const struct csvr_row *, size_t, uint32_t), void *arg)
{
	const struct csvr_field *f;
	uint32_t *slot, l;
	size_t i;

	if (!where_match(&s->where, row))
		return 0;
	for (i = 0; i < s->nk; i++) {
		f = &row->f[s->k[i].idx];
		if (f->n == 0 || !where_match(&s->k[i].where, row))
			continue;
		if (s->links == NULL) {
			if ((slot = keymap_get(byno, f->p, f->n)) != NULL)
				fn(arg, row, i, *slot - 1);
			continue;
		}
		if ((slot = keymap_get(s->links, f->p, f->n)) == NULL)
			continue;
		for (l = *slot; l != 0; l = s->link[l - 1].next)
			fn(arg, row, i, s->link[l - 1].cust);
	}
	return 1;
}

void
orig_src_free(struct orig_src *s)
{
	size_t i;

	for (i = 0; i < s->nk; i++) {
		if (s->k[i].own != NULL)
			rules_free(s->k[i].own);
		where_free(&s->k[i].where);
	}
	free(s->k);
	free(s->pk);
	where_free(&s->where);
	if (s->links != NULL)
		keymap_free(s->links);
	free(s->link);
}

uint32_t
orig_customer_add(struct keymap *byno, struct buf *names,
    const struct csvr *r, const struct csvr_row *row,
    const struct csvr_field *k)
{
	uint32_t *slot = keymap_put(byno, k->p, k->n);
	uint32_t n;

	if (*slot != 0)
		diag_die_at(EXIT_DATA, csvr_name(r), csvr_line(r, row->line),
		    "duplicate customer '%s'", xmemdup(k->p, k->n));
	n = (uint32_t)keymap_count(byno);
	*slot = n;
	buf_add(names, k->p, k->n);
	buf_addc(names, '\0');
	return n - 1;
}

/* action: the action of the rules rs on column name, or -1 (none). */
static int
action(const struct rules *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].column, "*") != 0 &&
		    strcmp(rs->v[i].column, name) == 0)
			return (int)rs->v[i].action;
	return rs->star != NULL ? (int)rs->star->action : -1;
}

int
orig_scrubbed(const struct rules *rs, const char *name)
{
	int a = action(rs, name);

	return a != -1 && a != RULE_KEEP;
}

int
orig_personal(const struct rules *rs, const char *name)
{
	return orig_scrubbed(rs, name) && action(rs, name) != RULE_REDACT_PII;
}

int
orig_isname(const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i + 4 <= n; i++)
		if (strncasecmp(name + i, "name", 4) == 0)
			return 1;
	return n >= 7 && strcasecmp(name + n - 7, "contact") == 0;
}
