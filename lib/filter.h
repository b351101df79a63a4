/*
 * filter: the Business Central filter-expression engine, and --where.
 *
 * Syntax (one expression matches one field's text):
 *   A|B        either           A&B       both
 *   <>A        not equal        =A        equal
 *   <A <=A >A >=A               comparisons
 *   A..B  A..  ..B              ranges, bounds included
 *   A*  *A*  A?C                wildcards: * any text, ? one character
 *   @A*                         case-insensitive (prefix of a term)
 *   ''                          the empty value
 *   'A|B'                       quoted literal (special characters plain)
 *   (A|B)&<>C                   grouping
 * Comparisons and ranges compare as numbers when both sides are numbers,
 * else as text (bytes; folded with @).  A term whose value is a boolean
 * word (Yes/No, true/false) matches a field holding any spelling of the
 * same truth value (1/0, case-insensitive; an empty field is No).  A
 * condition whose every term names an option by a word (Customer,
 * @Person, <>Closed; not quoted, a number, a comparison, a range or a
 * wildcard; '' may stand beside them) refuses, in where_match, a field
 * that is a whole number: Business Central's SQL stores an Option or
 * Enum field as its ordinal, which would silently not match the name.
 */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>

#include "csvio.h"

struct filter;

/*
 * filter_compile: compile expr.  Returns NULL with a reason in err (no
 * field values are involved) when the expression is malformed.
 */
struct filter	*filter_compile(const char *expr, char *err, size_t errlen);

/* filter_match: 1 when s[0..n) matches, else 0. */
int		 filter_match(const struct filter *f, const char *s, size_t n);

/*
 * filter_isbool: 1 when every term of f compares with a boolean word
 * (Open=Yes, Anonymized=No), so a field that is not a boolean is
 * malformed rather than a mismatch.
 */
int		 filter_isbool(const struct filter *f);

/*
 * filter_isopt: 1 when every term of f names an option by a word or is
 * '' (Customer|'', <>Closed, @Person), at least one a word, so a field
 * that is a whole number is an option's ordinal rather than a mismatch.
 */
int		 filter_isopt(const struct filter *f);

/*
 * filter_optnear: 1 when s[0..n), trimmed of spaces and tabs, is a word
 * a term of f names an option by, in another case (customer, CUSTOMER
 * for Customer): the option written otherwise, not another option.
 */
int		 filter_optnear(const struct filter *f, const char *s, size_t n);

void		 filter_free(struct filter *f);

/*
 * bool_parse: read s[0..n) as a boolean: Yes/No, true/false, 1/0, any
 * case; empty is No.  Returns 0 and sets *v, or -1 for other text.
 */
int		 bool_parse(const char *s, size_t n, int *v);

/*
 * The values declared for a column the conditions read (the job spec's
 * options.csv; --values COL=V1|V2|...): the names of an Option or Enum
 * field as Business Central's API and exports write them, '' the blank
 * option; or "#integer", an Integer field: a whole number written
 * plainly, -?(0|[1-9][0-9]*).
 */
struct wherevals {
	char		*col;	/* column name */
	char		*text;	/* the declaration, as given */
	char		**v;	/* the values ("" the blank option) */
	size_t		 n;
	int		 integer; /* #integer */
};

/*
 * values_parse: read declaration text (V1|V2|... or #integer) into d
 * (col left NULL).  Returns 0, or -1 with a reason in err: empty, an
 * empty value (write '' for the blank option), a value twice.
 */
int	values_parse(struct wherevals *d, const char *text, char *err,
	    size_t errlen);

/*
 * values_has: s[0..n) is one of d's values, byte for byte (with fold,
 * in any case: the condition folds, '@', as BC reads it); for
 * #integer, a whole number written plainly.
 */
int	values_has(const struct wherevals *d, const char *s, size_t n,
	    int fold);

/*
 * values_near: s[0..n), trimmed of spaces and tabs, is one of d's values
 * in another case, or padded: the value written otherwise.
 */
int	values_near(const struct wherevals *d, const char *s, size_t n);

void	values_free(struct wherevals *d);

/*
 * filter_unfit: the first value that a term of f compares with for
 * equality (A, <>A, @A; not a comparison or range) and that is not one
 * of d's values (folded when the term folds; a wildcard term that
 * matches none of them), as a fresh string; NULL when every term fits.
 * For #integer, a value that is not a whole number written plainly.
 */
char	*filter_unfit(const struct filter *f, const struct wherevals *d);

/* filter_folds: some term of f folds ('@'). */
int	filter_folds(const struct filter *f);

/* A list of --where COLUMN=FILTER conditions, all of which must match. */
struct where {
	char		*col;	/* column name */
	char		*expr;	/* the filter text */
	struct filter	*f;	/* compiled */
	size_t		 idx;	/* column index once bound */
	int		 isopt;	/* refuse an ordinal (where_match) */
	const struct wherevals *dom; /* its column's declared values, once
					bound, or NULL */
};

struct wherelist {
	struct where	*v;
	size_t		 n;
	const struct csvr *r;	/* the bound input, for messages */
	struct wherevals *vals;	/* the declared values (where_values) */
	size_t		 nvals;
};

/*
 * where_add: parse a --where argument (split at the first '=') and compile
 * it; a malformed filter is a usage error (exit 2) naming the option.
 */
void	where_add(struct wherelist *wl, const char *opt, const char *arg);

/*
 * where_add2: add a condition for column col with filter expr (exit 2):
 * for a Code column (the posting-group shorthands), whose words are
 * codes, which may be numbers, so a number in the field is a mismatch,
 * never an option's ordinal.
 */
void	where_add2(struct wherelist *wl, const char *col, const char *expr);

/*
 * where_values: declare, from a --values COL=V1|V2|... or COL=#integer
 * argument (opt names the option in messages), the values column COL
 * may hold wherever a condition of wl reads it; a malformed one is a
 * usage error (exit 2), and so is a second, different declaration of the
 * same column (the same one again is accepted).  A declaration for a
 * column no condition reads is not used.
 */
void	where_values(struct wherelist *wl, const char *opt, const char *arg);

/* where_values_copy: declare in dst each of src's declarations. */
void	where_values_copy(struct wherelist *dst, const struct wherelist *src);

/* where_bind: find each column in hdr of reader r (exit 1 if missing). */
void	where_bind(struct wherelist *wl, const struct csvr *r,
	    const struct csvr_row *hdr);

/*
 * where_match: 1 when row matches every condition (true for none).  A
 * field that is not a boolean word where a condition is all boolean
 * (Open=Yes) is a data error: "prog: FILE:LINE: customer NO: not a
 * boolean in column 'Open'" (csvr_die_row of the bound input), exit 1,
 * for fail closed: an unreadable Open must not pass as closed.  So is a
 * field that is a whole number (optionally signed) where a condition of
 * where_add names options (filter_isopt; Account Type=Customer): "an
 * option's number, not its name, in column 'Account Type'", since a
 * journal line of a customer exported with the ordinal 1 must not pass
 * as another account's.  So is a field that names one of the
 * condition's options in another case or padded ("an option's name
 * written otherwise (in another case, or padded) in column 'Account
 * Type'": customer, " Customer"), which no exact comparison would meet.
 * Where the column has declared values (where_values), a field that is
 * not one of them (values_has; in any case where the condition folds) is
 * a data error too, checked after the ordinal and before the filter,
 * so a caption in another language (Debitor) or an empty field where BC
 * stores a value cannot pass as another's: "not one of the options
 * declared for column 'Account Type'", or for #integer "not a whole
 * number written plainly, as declared for column 'Source Type'" (18.0,
 * " 18", 018); one written otherwise (values_near) gets the message
 * above.  No message names the field's value.
 */
int	where_match(const struct wherelist *wl, const struct csvr_row *row);

void	where_free(struct wherelist *wl);

#endif
