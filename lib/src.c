/*
 * src: document sources given on the command line (see src.h).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "filter.h"
#include "src.h"

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
