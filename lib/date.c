/*
 * date: day numbers, ISO 8601 and --date-format input, Business Central
 * date formulas (see date.h).  Calendar arithmetic is done here, in the
 * proleptic Gregorian calendar, so nothing depends on TZ or mktime.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "diag.h"

#define SECS_PER_DAY	86400L
#define FORMULA_COUNT_MAX 999999L	/* largest amount of one term */

static int
isleap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && isleap(y) ? 29 : len[m - 1];
}

/* days_from_civil: H. Hinnant's algorithm, any y, m 1..12, d 1..31. */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

void
date_ymd(date_t d, int *y, int *m, int *dd)
{
	long ly;

	civil_from_days(d, &ly, m, dd);
	*y = (int)ly;
}

date_t
date_from_ymd(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

/* digits: read exactly k decimal digits of s at *i into *v. */
static int
digits(const char *s, size_t n, size_t *i, int k, int *v)
{
	int x = 0;

	if (n - *i < (size_t)k)
		return -1;
	while (k-- > 0) {
		if (s[*i] < '0' || s[*i] > '9')
			return -1;
		x = x * 10 + (s[(*i)++] - '0');
	}
	*v = x;
	return 0;
}

/* digits12: read one or two decimal digits (as many as there are). */
static int
digits12(const char *s, size_t n, size_t *i, int *v)
{
	if (*i >= n || s[*i] < '0' || s[*i] > '9')
		return -1;
	*v = s[(*i)++] - '0';
	if (*i < n && s[*i] >= '0' && s[*i] <= '9')
		*v = *v * 10 + (s[(*i)++] - '0');
	return 0;
}

/*
 * ymd: check a calendar date and make its day number; 0001-01-01 is
 * DATE_NONE.  Years 0001 to 9999.
 */
static int
ymd(int y, int m, int d, date_t *out)
{
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	*out = y == 1 && m == 1 && d == 1 ? DATE_NONE :
	    days_from_civil(y, m, d);
	return 0;
}

/*
 * timepart: read the rest of an ISO 8601 date-time at s[*i], after the
 * 'T' or space: HH:MM[:SS[.fff]] then Z, +HH, +HHMM or +HH:MM (or -), or
 * nothing.  Sets *secs to the seconds into the day and *off to the offset
 * east of UTC in seconds; the whole text must be used.
 */
static int
timepart(const char *s, size_t n, size_t i, long *secs, long *off)
{
	int h, m, sec = 0, oh, om = 0, sign;

	if (digits(s, n, &i, 2, &h) == -1 || i >= n || s[i++] != ':' ||
	    digits(s, n, &i, 2, &m) == -1 || h > 23 || m > 59)
		return -1;
	if (i < n && s[i] == ':') {
		i++;
		if (digits(s, n, &i, 2, &sec) == -1 || sec > 60)
			return -1;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			if (++i >= n || s[i] < '0' || s[i] > '9')
				return -1;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	*secs = h * 3600L + m * 60L + sec;
	*off = 0;
	if (i == n)
		return 0;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
		return 0;
	if (s[i] != '+' && s[i] != '-')
		return -1;
	sign = s[i++] == '-' ? -1 : 1;
	if (digits(s, n, &i, 2, &oh) == -1 || oh > 23)
		return -1;
	if (i < n) {
		if (s[i] == ':')
			i++;
		if (digits(s, n, &i, 2, &om) == -1 || om > 59 || i != n)
			return -1;
	}
	*off = sign * (oh * 3600L + om * 60L);
	return 0;
}

/* isodate: read YYYY-MM-DD at the start of s; *i is set past it. */
static int
isodate(const char *s, size_t n, size_t *i, int *y, int *m, int *d)
{
	*i = 0;
	if (digits(s, n, i, 4, y) == -1 || *i >= n || s[(*i)++] != '-' ||
	    digits(s, n, i, 2, m) == -1 || *i >= n || s[(*i)++] != '-' ||
	    digits(s, n, i, 2, d) == -1)
		return -1;
	return 0;
}

/* timetail: nothing, or a date-time's time at s[i] (after T or space). */
static int
timetail(const char *s, size_t n, size_t i, long *secs, long *off)
{
	*secs = 0;
	*off = 0;
	if (i == n)
		return 0;
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	return timepart(s, n, i + 1, secs, off);
}

int
date_check_format(const char *fmt)
{
	int nd = 0, nm = 0, ny = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		switch (*++fmt) {
		case 'd':
			nd++;
			break;
		case 'm':
			nm++;
			break;
		case 'Y':
			ny++;
			break;
		case '%':
			break;
		default:
			return -1;
		}
	}
	return nd == 1 && nm == 1 && ny == 1 ? 0 : -1;
}

/* fmtdate: read s by a --date-format (checked by date_check_format). */
static int
fmtdate(const char *s, size_t n, const char *fmt, size_t *i, int *y, int *m,
    int *d)
{
	*i = 0;
	for (; *fmt != '\0'; fmt++) {
		if (*fmt == '%') {
			fmt++;
			if ((*fmt == 'd' && digits12(s, n, i, d) == -1) ||
			    (*fmt == 'm' && digits12(s, n, i, m) == -1) ||
			    (*fmt == 'Y' && digits(s, n, i, 4, y) == -1))
				return -1;
			if (*fmt == 'd' || *fmt == 'm' || *fmt == 'Y')
				continue;
			if (*fmt != '%')
				return -1;
		}
		if (*i >= n || s[*i] != *fmt)
			return -1;
		(*i)++;
	}
	return 0;
}

int
date_parse(const char *s, size_t n, const char *fmt, date_t *d)
{
	int y = 0, m = 0, dd = 0;
	size_t i;
	long secs, off;

	if (n == 0) {
		*d = DATE_NONE;
		return 0;
	}
	if (fmt == NULL) {
		if (isodate(s, n, &i, &y, &m, &dd) == -1)
			return -1;
	} else if (fmtdate(s, n, fmt, &i, &y, &m, &dd) == -1)
		return -1;
	if (timetail(s, n, i, &secs, &off) == -1)
		return -1;
	return ymd(y, m, dd, d);
}

void
date_format(date_t d, char buf[11])
{
	int y, m, dd;

	if (d == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_ymd(d, &y, &m, &dd);
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

int
date_parse_now(const char *s, time_t *t)
{
	int y, m, dd;
	size_t i, n = strlen(s);
	long secs, off;

	if (isodate(s, n, &i, &y, &m, &dd) == -1 ||
	    timetail(s, n, i, &secs, &off) == -1 ||
	    y < 1 || m < 1 || m > 12 || dd < 1 || dd > mdays(y, m))
		return -1;
	*t = (time_t)days_from_civil(y, m, dd) * SECS_PER_DAY + secs - off;
	return 0;
}

time_t
date_now(const char *arg)
{
	time_t t;

	if (arg == NULL)
		return time(NULL);
	if (date_parse_now(arg, &t) == -1)
		diag_usage("--now takes a date or an ISO 8601 date-time, "
		    "such as 2026-11-29T23:15:00Z");
	return t;
}

date_t
date_of(time_t t)
{
	long long q = (long long)t / SECS_PER_DAY;

	if ((long long)t % SECS_PER_DAY < 0)
		q--;
	return (date_t)q;
}

void
date_stamp(time_t t, char buf[21])
{
	long long s = (long long)t % SECS_PER_DAY;

	if (s < 0)
		s += SECS_PER_DAY;
	date_format(date_of(t), buf);
	buf[10] = 'T';
	buf[11] = (char)('0' + s / 36000);
	buf[12] = (char)('0' + s / 3600 % 10);
	buf[13] = ':';
	buf[14] = (char)('0' + s % 3600 / 600);
	buf[15] = (char)('0' + s % 3600 / 60 % 10);
	buf[16] = ':';
	buf[17] = (char)('0' + s % 60 / 10);
	buf[18] = (char)('0' + s % 10);
	buf[19] = 'Z';
	buf[20] = '\0';
}

date_t
date_add_months(date_t d, long months)
{
	long y, total;
	int m, dd, dim;

	if (d == DATE_NONE)
		return d;
	civil_from_days(d, &y, &m, &dd);
	total = y * 12 + (m - 1) + months;
	y = total >= 0 ? total / 12 : -((-total + 11) / 12);
	m = (int)(total - y * 12) + 1;
	dim = mdays(y, m);
	return days_from_civil(y, m, dd > dim ? dim : dd);
}

static int
ferr(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

int
date_formula_parse(const char *s, struct date_formula *f, char *err,
    size_t errlen)
{
	size_t n, i = 0;
	long c;
	int sign, u;

	memset(f, 0, sizeof(*f));
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '<') {
		if (s[n - 1] != '>' || n - 1 == i)
			return ferr(err, errlen, "unbalanced '<' in date formula");
		i++;
		n--;
	} else if (n > 0 && s[n - 1] == '>')
		return ferr(err, errlen, "unbalanced '>' in date formula");
	while (i < n && s[i] == ' ')
		i++;
	if (i == n)
		return ferr(err, errlen, "empty date formula");
	while (i < n) {
		sign = 1;
		if (s[i] == '+' || s[i] == '-') {
			sign = s[i] == '-' ? -1 : 1;
			i++;
		} else if (f->n > 0)
			return ferr(err, errlen,
			    "terms of a date formula are joined by + or -");
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return ferr(err, errlen,
			    "a number is expected in date formula");
		for (c = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			c = c * 10 + (s[i] - '0');
			if (c > FORMULA_COUNT_MAX)
				return ferr(err, errlen,
				    "number too large in date formula");
		}
		if (i >= n)
			return ferr(err, errlen,
			    "a unit (D, W, M, Q or Y) is expected in date "
			    "formula");
		u = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i];
		if (strchr("DWMQY", u) == NULL || u == '\0')
			return ferr(err, errlen,
			    "unknown unit in date formula (use D, W, M, Q or "
			    "Y)");
		i++;
		if (f->n == DATE_FORMULA_MAX)
			return ferr(err, errlen,
			    "too many terms in date formula");
		f->count[f->n] = sign * c;
		f->unit[f->n] = (char)u;
		f->n++;
		while (i < n && s[i] == ' ')
			i++;
	}
	return 0;
}

/* term: d moved by count units. */
static date_t
term(date_t d, long count, char unit)
{
	switch (unit) {
	case 'D':
		return d + count;
	case 'W':
		return d + 7 * count;
	case 'M':
		return date_add_months(d, count);
	case 'Q':
		return date_add_months(d, 3 * count);
	default:
		return date_add_months(d, 12 * count);
	}
}

date_t
date_formula_apply(const struct date_formula *f, date_t d)
{
	size_t i;

	if (d == DATE_NONE)
		return d;
	for (i = 0; i < f->n; i++)
		d = term(d, f->count[i], f->unit[i]);
	return d;
}

/*
 * date_cutoff: the sign of the first term that is not zero decides, so
 * "0D+3Y" is three years back like "3Y".
 */
date_t
date_cutoff(const struct date_formula *f, date_t today)
{
	size_t i;
	long neg = -1;

	if (today == DATE_NONE)
		return today;
	for (i = 0; i < f->n; i++)
		if (f->count[i] != 0) {
			neg = f->count[i] > 0 ? -1 : 1;
			break;
		}
	for (i = 0; i < f->n; i++)
		today = term(today, neg * f->count[i], f->unit[i]);
	return today;
}
