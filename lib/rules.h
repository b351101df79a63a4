/*
 * rules: scrub's rules file (SPEC section 4), loaded, checked, bound to
 * the columns of an input header, and applied field by field.
 *
 * A rules file is CSV, always comma-separated, whose header names at
 * least the columns `column` and `action`; `argument` and `replacement`
 * are optional, any other column (a `comment`) is ignored.  One rule a
 * line:
 *   keep        unchanged
 *   blank       empty
 *   replace     the literal argument (not empty)
 *   mask N      the first N characters, then one '*' a further character
 *   truncate N  the first N characters
 *   year        a date becomes the first day of its year (YYYY-01-01, or
 *               in the --date-format); empty text and 0001-01-01 stay
 *   regex       every match of the PCRE2 argument becomes the replacement
 *               ($1, ${1}, ${name}, $$ as in pcre2_substitute)
 *   redact-pii  see pii.h; needs the row, so the caller applies it
 * Characters are UTF-8 characters.  A column `*` is the catch-all for
 * the columns no other rule names; a column starting with '?' is
 * optional (the input may lack it).  Action names are case-insensitive.
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include "buf.h"
#include "csvio.h"
#include "keymap.h"

enum rule_action {
	RULE_KEEP,
	RULE_BLANK,
	RULE_REPLACE,
	RULE_MASK,
	RULE_TRUNCATE,
	RULE_YEAR,
	RULE_REGEX,
	RULE_REDACT_PII
};

struct rule {
	char		*column;	/* column name without '?'; "*": rest */
	int		 optional;	/* named with '?': may be absent */
	enum rule_action action;
	char		*arg;		/* argument, "" when none */
	size_t		 argn;
	char		*repl;		/* replacement of regex, "" when none */
	size_t		 repln;
	size_t		 count;		/* mask, truncate: characters kept */
	pcre2_code	*re;		/* regex: the compiled argument */
	unsigned long	 line;		/* its line in the rules file */
};

struct rules {
	char		*path;		/* the rules file, for messages */
	struct rule	*v;		/* the rules in file order */
	size_t		 n;
	const struct rule *star;	/* the `*` rule, or NULL */
	struct keymap	*byname;	/* column -> 1 + its first rule */
	const char	*datefmt;	/* --date-format of year, or NULL */
	pcre2_match_data *md;		/* one block for every regex */
	struct buf	 out;		/* result of mask and year */
	char		*sub;		/* result of regex */
	size_t		 subcap;	/* its size */
};

/* Results of rules_apply other than 0. */
#define RULES_EDATE	(-1)		/* year: not a date */
#define RULES_EUTF8	(-2)		/* regex: field is not valid UTF-8 */
#define RULES_EREGEX	(-3)		/* regex: matching failed */

/*
 * rules_load: read and check the rules file path.  Every bad line is
 * reported ("prog: path:line: message"), then the program exits 2; an
 * unreadable or malformed file exits 2 too.
 */
struct rules	*rules_load(const char *path);

/*
 * rules_find: the rule of column name[0..n): the rule naming it, else the
 * `*` rule, else NULL (no rule covers it).
 */
const struct rule *rules_find(const struct rules *rs, const char *name,
		    size_t n);

/*
 * rules_uncovered: report each column of hdr, read from input inname,
 * that no rule covers ("prog: path: no rule for column 'C' of INNAME");
 * the number of them.  Exits never (rules_bind's first half).
 */
size_t		 rules_uncovered(const struct rules *rs,
		    const struct csvr_row *hdr, const char *inname);

/*
 * rules_bind: the rule of each column of hdr, read from input inname, in
 * a new array of hdr->nf pointers (free it).  Every column without a rule
 * and every rule (not '?') for a column hdr lacks is reported, then the
 * program exits 2.
 */
const struct rule **rules_bind(const struct rules *rs,
		    const struct csvr_row *hdr, const char *inname);

/*
 * rules_apply: apply ru (not redact-pii, which yields empty text) to
 * p[0..n).  Returns 0 and sets *out and *outn to the result, valid until
 * the next call (for keep, p itself); or RULES_EDATE, RULES_EUTF8,
 * RULES_EREGEX.
 */
int		 rules_apply(struct rules *rs, const struct rule *ru,
		    const char *p, size_t n, const char **out, size_t *outn);

/* rules_action_name: the name of an action as a rules file spells it. */
const char	*rules_action_name(enum rule_action a);

/* rules_free: free rs and everything it holds. */
void		 rules_free(struct rules *rs);

#endif
