/*
 * opts: strict parsing of the option values every program shares.
 * Each function reports a bad value as a usage error (exit 2).
 */
#ifndef OPTS_H
#define OPTS_H

/* opts_delim: a one-byte delimiter; "\t" and "tab" mean a tab. */
int	 opts_delim(const char *arg);

/* opts_long: a whole number in [min, max] for option opt, or exit 2. */
long	 opts_long(const char *opt, const char *arg, long min, long max);

/*
 * opts_split: split "COLUMN=VALUE" at the first '=' into fresh strings.
 * The column must not be empty.  Exit 2 when there is no '='.
 */
void	 opts_split(const char *opt, const char *arg, char **col, char **val);

/* opts_user: the login name of the invoking user (for --user defaults). */
const char *opts_user(void);

#endif
