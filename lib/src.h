/*
 * src: document sources (--docs FILE with its --key, --where, --values,
 * --self-key, --date and --reason options), shared by check-open-docs and
 * check-period.  Options that follow a --docs apply to that source.
 * Also the key order and the merge join of --sorted.
 */
#ifndef SRC_H
#define SRC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "csvio.h"
#include "keymap.h"
#include "filter.h"

struct src {
	char		*path;		/* the document file */
	char		**keys;		/* --key columns (a row counts for any) */
	size_t		 nkeys;
	struct wherelist where;		/* --where conditions, all must hold,
					   with their --values */
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
 * src_option: apply option name ("key", "where", "values", "self-key",
 * "date", "reason"; --values COL=V1|V2|... declares the values the
 * source's column COL may hold where its conditions read it,
 * where_values) with arg to the latest source; a usage error (exit 2) when no
 * --docs came before it, or a single-valued option is repeated.
 */
void	 src_option(struct srclist *l, const char *name, const char *arg);

void	 src_free(struct srclist *l);

/*
 * src_stdin_check: a usage error (exit 2) when more than one of path
 * (the main input, NULL or "-" for standard input) and the sources'
 * files is standard input.
 */
void	 src_stdin_check(const struct srclist *l, const char *path);

/*
 * src_reason: a fresh copy of s's --reason, or when it has none, prefix
 * followed by the base name of its file without ".csv".
 */
char	*src_reason(const struct src *s, const char *prefix);

/*
 * src_customer: name the rows of source s (reader r, header hdr) in
 * messages by their --self-key, the row's own customer number, else by
 * their first --key (csvr_set_customer); exit 1 when the column is
 * missing.
 */
void	 src_customer(struct csvr *r, const struct csvr_row *hdr,
	    const struct src *s);

/*
 * src_code: exit 1 with "FILE:LINE: a key written otherwise (in lower
 * case, or padded) in column 'COL'" when field v of row, a key that
 * counts, is written otherwise than Business Central writes a Code
 * (text_code).  For --sorted, where such a key is out of the order of its
 * customer's: no value is named, it may be anything.
 */
void	 src_code(const struct csvr *r, const struct csvr_row *row,
	    const struct csvr_field *v, const char *col);

/*
 * src_odd: the keys of the sources written otherwise than a Code
 * (text_code), by their Code form, each with where it was first seen.
 * Read as nobody's, such a row would hold no customer back: a customer of
 * the stream it names is a data error (src_odd_check); a key that names
 * none is nobody's business.  Zero-initialise.
 */
struct src_oddrec {
	char		*file;		/* the source's display name */
	unsigned long	 line;		/* its line, as messages give it */
	char		*raw;		/* the key as written */
	const char	*col;		/* the column */
};

struct src_odd {
	struct keymap	*m;		/* Code form -> index + 1 in v */
	struct src_oddrec *v;
	size_t		 n, cap;
	struct buf	 code;
};

/* src_odd_note: note field v of row (column col of r) if so written. */
void	 src_odd_note(struct src_odd *o, const struct csvr *r,
	    const struct csvr_row *row, const struct csvr_field *v,
	    const char *col);

/*
 * src_odd_check: exit 1 with "FILE:LINE: customer RAW: key K written
 * otherwise (in lower case, or padded) in column 'COL'" when customer
 * k[0..n) was noted.
 */
void	 src_odd_check(const struct src_odd *o, const char *k, size_t n);
void	 src_odd_free(struct src_odd *o);

/* src_keycmp: the order of keys: bytes, a proper prefix first. */
int	 src_keycmp(const char *a, size_t an, const char *b, size_t bn);

/*
 * src_order: checks that the keys of a stream come in ascending order
 * (--sorted).  Zero-initialise; src_order_next exits 1 with
 * "FILE:LINE: customer NO: input not sorted by 'COL'" (csvr_die_row) on a
 * key below the one before.
 */
struct src_order {
	struct buf	 prev;		/* the key before */
	int		 started;	/* prev holds a key */
};

void	 src_order_next(struct src_order *o, const struct csvr *r,
	    const struct csvr_row *row, size_t keyidx, const char *keyname);
void	 src_order_free(struct src_order *o);

/*
 * A source read in key order as runs of rows sharing one key, for the
 * merge join of --sorted.  value gives a row's value (0: the row does not
 * count); a run's value is the largest of its rows'.  Memory is one key.
 */
typedef uint32_t (*src_value_fn)(void *arg, const struct csvr_row *row);

struct src_merge {
	struct csvr	*r;		/* the source, header already read */
	size_t		 keyidx;	/* its key column */
	const char	*keyname;	/* for messages */
	src_value_fn	 value;
	void		*arg;		/* passed to value */
	struct buf	 key;		/* the current run's key */
	uint32_t	 val;		/* its value */
	int		 valid;		/* a run is loaded (not at the end) */
	struct buf	 next;		/* the key of the row after the run */
	uint32_t	 nextval;	/* that row's value */
	int		 nextvalid;	/* that row exists */
	struct src_order order;		/* the source's own key order */
};

/* src_merge_init: start m on reader r and load its first run. */
void	 src_merge_init(struct src_merge *m, struct csvr *r, size_t keyidx,
	    const char *keyname, src_value_fn value, void *arg);

/*
 * src_merge_seek: the value of the run whose key is k[0..n) (0 when no
 * row has that key).  Successive calls must ask for ascending keys.
 */
uint32_t src_merge_seek(struct src_merge *m, const char *k, size_t n);

/* src_merge_finish: read the rest of the source (checking its order). */
void	 src_merge_finish(struct src_merge *m);

#endif
