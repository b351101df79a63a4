/*
 * opts: shared option-value parsing (see opts.h).
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "opts.h"

int
opts_delim(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0 ||
	    strcmp(arg, "\t") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\r' ||
	    arg[0] == '\n')
		diag_usage("--delimiter takes one character other than a "
		    "quote or line break");
	return (unsigned char)arg[0];
}

long
opts_long(const char *opt, const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno == ERANGE || v < min ||
	    v > max)
		diag_usage("%s takes a whole number from %ld to %ld", opt, min,
		    max);
	return v;
}

void
opts_split(const char *opt, const char *arg, char **col, char **val)
{
	const char *eq;

	if ((eq = strchr(arg, '=')) == NULL || eq == arg)
		diag_usage("%s takes COLUMN=VALUE", opt);
	*col = xmemdup(arg, (size_t)(eq - arg));
	*val = xstrdup(eq + 1);
}

const char *
opts_user(void)
{
	const struct passwd *pw;
	const char *s;

	if ((pw = getpwuid(geteuid())) != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	if ((s = getenv("USER")) != NULL && *s != '\0')
		return s;
	return "unknown";
}
