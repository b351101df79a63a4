/*
 * orig: what leakcheck and sweep share about the anonymized customers'
 * original rows (SPEC section 5).  The customers are a set keyed by their
 * numbers (orig_customer_add); a rules file says which columns it scrubs,
 * and which of those as a person's value (orig_scrubbed, orig_personal);
 * a column of names is found by its name (orig_isname).  A source is a
 * file of rows of another table (--also; leakcheck's --changes) with the
 * options that say whose rows they are, read in the programs' order
 * (orig_src_opt): --key COL (repeatable), and after it --key-where C=F
 * and --fields RULES; --where C=F; --values C=V1|V2|... (the values
 * column C may hold where the source's conditions, --where and every
 * --key-where, read it: where_values); --map FILE, --map-key COL,
 * --map-customer COL; --primary-key COL.  orig_src_row calls back for
 * each customer of the set a row names.
 */
#ifndef ORIG_H
#define ORIG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "csvio.h"
#include "filter.h"
#include "keymap.h"
#include "linkmap.h"
#include "rules.h"

/* A --key of a source: a column naming the customer a row is for. */
struct orig_key {
	char		*col;
	char		*fields;	/* --fields rules file, or NULL */
	struct rules	*own;		/* the --fields rules, loaded */
	struct wherelist where;		/* --key-where: the key counts only
					   in the rows that match */
	size_t		 idx;		/* its column, once bound */
};

/* A source of rows. */
struct orig_src {
	char		*path;
	struct orig_key	*k;		/* --key */
	size_t		 nk;
	char		*map;		/* --map file, or NULL */
	char		*mapkey;	/* --map-key (default "Contact No.") */
	char		*mapcust;	/* --map-customer (default "No.") */
	struct wherelist where;		/* --where */
	char		**pk;		/* --primary-key */
	size_t		 npk;
	struct keymap	*links;		/* --map, loaded: key -> 1 + its
					   first link in link */
	struct link	*link;
	size_t		 nlink;
};

/* orig_src_init: s, a source reading path, with no option yet. */
void	 orig_src_init(struct orig_src *s, char *path);

/*
 * orig_src_opt: apply to s the source option named name (without its
 * "--": key, key-where, fields, where, values, map, map-key,
 * map-customer, primary-key) with argument arg; 0 when name is none of them.
 * --key-where and --fields before any --key, and a second --fields for
 * one, are usage errors (exit 2).
 */
int	 orig_src_opt(struct orig_src *s, const char *name, char *arg);

/*
 * orig_src_fields: load each --key's --fields rules (a bad one exits
 * 2); with need, a --key without --fields is a usage error naming the
 * source as opt (an "--also").
 */
void	 orig_src_fields(struct orig_src *s, int need, const char *opt);

/*
 * orig_src_map: s's --map file, when it has one, loaded against the
 * customer set byno (number -> 1 + index): s->links, s->link.
 */
void	 orig_src_map(struct orig_src *s, int delim,
	    const struct keymap *byno);

/*
 * orig_src_bind: the columns of s's keys and conditions in hdr (of
 * reader r; a missing one exits 1).
 */
void	 orig_src_bind(struct orig_src *s, const struct csvr *r,
	    const struct csvr_row *hdr);

/*
 * orig_src_row: when row matches s's --where, call fn(arg, row, k, cust)
 * for each key k whose column names (where its --key-where holds) a
 * customer of byno, cust its index (through the --map links when s has
 * one: each customer they name); returns 0 when row does not match.
 */
int	 orig_src_row(const struct orig_src *s, const struct csvr_row *row,
	    const struct keymap *byno,
	    void (*fn)(void *, const struct csvr_row *, size_t, uint32_t),
	    void *arg);

/* orig_src_free: what s holds (its --map links, rules, conditions). */
void	 orig_src_free(struct orig_src *s);

/*
 * orig_customer_add: customer number k of row (read by r) joins the set
 * byno, its number appended to names NUL-ended; returns its index.  A
 * number seen before is a data error at the row's line (exit 1).
 */
uint32_t orig_customer_add(struct keymap *byno, struct buf *names,
	    const struct csvr *r, const struct csvr_row *row,
	    const struct csvr_field *k);

/* orig_scrubbed: the rules rs scrub column name (do not keep it). */
int	 orig_scrubbed(const struct rules *rs, const char *name);

/*
 * orig_personal: the rules rs scrub column name as a person's value:
 * not keep, not redact-pii (free text, whose personal parts redact-pii
 * finds: an invoice's Posting Description is no one's).
 */
int	 orig_personal(const struct rules *rs, const char *name);

/*
 * orig_isname: column name holds a person's or company's name ("Name",
 * "Name 2", "Ship-to Name", "Surname", "First Name", "Contact",
 * "Bill-to Contact"): it holds "name", or ends in "contact".
 */
int	 orig_isname(const char *name);

#endif
