/*
 * date: calendar dates, timestamps and Business Central date formulas.
 *
 * A date is a day number (days since 1970-01-01, proleptic Gregorian).
 * Dates are read as YYYY-MM-DD, or as the date part of an ISO 8601
 * date-time (2026-11-29T23:15:00Z, 2026-11-29 23:15:00, with or without
 * offset), or with a --date-format of %d, %m, %Y (and literal bytes) such
 * as "%d.%m.%Y" or "%m/%d/%Y".  Empty text and 0001-01-01 mean no date.
 * Timestamps are written as ISO 8601 UTC: 2026-11-29T23:15:00Z.
 */
#ifndef DATE_H
#define DATE_H

#include <stddef.h>
#include <time.h>

typedef long date_t;
#define DATE_NONE	(-2147483647L - 1)	/* "no date" */

/*
 * date_parse: read s[0..n) as a date.  fmt is NULL for ISO input, or a
 * --date-format.  Returns 0 and sets *d (DATE_NONE for empty text or
 * 0001-01-01), -1 when s is not a valid date (month 13, 30 February).
 */
int	date_parse(const char *s, size_t n, const char *fmt, date_t *d);

/* date_check_format: 0 when fmt is a usable --date-format, else -1. */
int	date_check_format(const char *fmt);

/* date_ymd / date_from_ymd: between a day number and its calendar date. */
void	date_ymd(date_t d, int *y, int *m, int *dd);
date_t	date_from_ymd(int y, int m, int d);

/* date_format: write d as YYYY-MM-DD into buf (11 bytes). */
void	date_format(date_t d, char buf[11]);

/*
 * date_parse_now: read a --now argument: a date (its midnight UTC) or an
 * ISO 8601 date-time (Z or an offset; none means UTC).  Returns 0 and
 * sets *t, or -1.
 */
int	date_parse_now(const char *s, time_t *t);

/* date_now: the clock: --now arg when not NULL (exit 2 if bad), or time. */
time_t	date_now(const char *arg);

/* date_of: the UTC date of t. */
date_t	date_of(time_t t);

/* date_stamp: t as "2026-11-29T23:15:00Z" into buf (21 bytes). */
void	date_stamp(time_t t, char buf[21]);

/* date_add_months: d plus months (may be negative), clamped to month end. */
date_t	date_add_months(date_t d, long months);

/* A date formula: terms such as 1Y+6M, applied left to right. */
#define DATE_FORMULA_MAX	16
struct date_formula {
	size_t	n;				/* number of terms */
	long	count[DATE_FORMULA_MAX];	/* signed amount */
	char	unit[DATE_FORMULA_MAX];		/* D W M Q Y */
};

/*
 * date_formula_parse: read "3Y", "<3Y>", "-3Y", "<-3Y>", "1Y+6M", "30D",
 * "2W", "1Q" (units D W M Q Y, case-insensitive; optional < > around the
 * whole).  Returns 0, or -1 with a reason in err.
 */
int	date_formula_parse(const char *s, struct date_formula *f, char *err,
	    size_t errlen);

/* date_formula_apply: d moved by each term in turn (month-end clamping). */
date_t	date_formula_apply(const struct date_formula *f, date_t d);

/*
 * date_cutoff: today moved back by the formula, whatever its sign:
 * "3Y" and "-3Y" both give three years before today.  When the first term
 * is positive every term is negated, so "1Y+6M" is 18 months back and
 * "-1Y+6M" six months back.
 */
date_t	date_cutoff(const struct date_formula *f, date_t today);

#endif
