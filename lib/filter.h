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

/* A list of --where COLUMN=FILTER conditions, all of which must match. */
struct where {
	char		*col;	/* column name */
	char		*expr;	/* the filter text */
	struct filter	*f;	/* compiled */
	size_t		 idx;	/* column index once bound */
	int		 isopt;	/* refuse an ordinal (where_match) */
};

struct wherelist {
	struct where	*v;
	size_t		 n;
	const struct csvr *r;	/* the bound input, for messages */
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
 * An empty field is read as it is.
 */
int	where_match(const struct wherelist *wl, const struct csvr_row *row);

void	where_free(struct wherelist *wl);

#endif
