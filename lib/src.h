/*
 * src: document sources (--docs FILE with its --key, --where, --self-key,
 * --date and --reason options), shared by check-open-docs and
 * check-period.  Options that follow a --docs apply to that source.
 */
#ifndef SRC_H
#define SRC_H

#include <stddef.h>

#include "filter.h"

struct src {
	char		*path;		/* the document file */
	char		**keys;		/* --key columns (a row counts for any) */
	size_t		 nkeys;
	struct wherelist where;		/* --where conditions, all must hold */
	char		*selfkey;	/* --self-key column, or NULL */
	char		*datecol;	/* --date column, or NULL */
	char		*reason;	/* --reason text, or NULL for default */
};

struct srclist {
	struct src	*v;
	size_t		 n;
};

/* src_docs: start a new source for --docs path. */
void	 src_docs(struct srclist *l, const char *path);

/*
 * src_option: apply option name ("key", "where", "self-key", "date",
 * "reason") with arg to the latest source; a usage error (exit 2) when no
 * --docs came before it, or a single-valued option is repeated.
 */
void	 src_option(struct srclist *l, const char *name, const char *arg);

void	 src_free(struct srclist *l);

#endif
