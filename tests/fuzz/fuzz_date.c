/*
 * fuzz_date: libFuzzer harness for dates, timestamps and date formulas
 * (lib/date.c), through the entry points that return errors rather than
 * exit (date_now exits 2 on a bad --now and is left out).
 *
 * Input: the whole text is read as an ISO date (date_parse), as a --now
 * (date_parse_now) and as a date formula (date_formula_parse); split at
 * its first NUL, the first part is tried as a --date-format and the rest
 * as a date in it.  Properties, each an abort when broken:
 *  - a date read has a valid calendar date, years 1 to 9999, and reads
 *    back from its ISO form to the same day;
 *  - a --now read is written by date_stamp as text that reads back to
 *    the same moment;
 *  - a formula read has 1 to DATE_FORMULA_MAX terms of the units D W M Q
 *    Y; applied to dates from 0001 to 9999, and as a cutoff, it keeps
 *    month-end clamping (the day is valid) and, as a cutoff, never lands
 *    after today.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_date: property failed: %s\n", what);
	abort();
}

static int
valid_day(date_t d)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, dd, leap;

	date_ymd(d, &y, &m, &dd);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m >= 1 && m <= 12 && dd >= 1 &&
	    dd <= (m == 2 && leap ? 29 : len[m - 1]) &&
	    date_from_ymd(y, m, dd) == d;
}

static void
check_date(date_t d)
{
	char iso[11];
	date_t back;
	int y, m, dd;

	if (d == DATE_NONE)
		return;
	if (!valid_day(d))
		fail("date read is not a valid calendar day");
	date_ymd(d, &y, &m, &dd);
	if (y < 1 || y > 9999)
		fail("date read outside years 1 to 9999");
	date_format(d, iso);
	if (date_parse(iso, strlen(iso), NULL, &back) == -1 || back != d)
		fail("date does not read back from its ISO form");
}

static void
check_now(const char *s)
{
	char stamp[21];
	time_t t, back;
	int y, m, dd;

	if (date_parse_now(s, &t) == -1)
		return;
	date_ymd(date_of(t), &y, &m, &dd);
	if (y < 1 || y > 9999)
		return;		/* an offset can push 0001 or 9999 across */
	date_stamp(t, stamp);
	if (date_parse_now(stamp, &back) == -1 || back != t)
		fail("--now does not read back from its stamp");
}

static void
check_formula(const char *s)
{
	static const int days[][3] = {
		{ 2026, 11, 29 }, { 2024, 2, 29 }, { 2023, 1, 31 },
		{ 1, 1, 2 }, { 9999, 12, 31 }, { 1970, 1, 1 },
	};
	struct date_formula f;
	char err[200];
	date_t today, d, c;
	size_t i;
	int positive = 1;

	err[0] = '\0';
	if (date_formula_parse(s, &f, err, sizeof(err)) == -1) {
		if (err[0] == '\0')
			fail("formula refused without a reason");
		return;
	}
	if (f.n < 1 || f.n > DATE_FORMULA_MAX)
		fail("formula with no or too many terms");
	for (i = 0; i < f.n; i++) {
		if (f.unit[i] == '\0' || strchr("DWMQY", f.unit[i]) == NULL)
			fail("formula term with a bad unit");
		if (f.count[i] < 0)
			positive = 0;
	}
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		today = date_from_ymd(days[i][0], days[i][1], days[i][2]);
		d = date_formula_apply(&f, today);
		if (!valid_day(d))
			fail("formula lands on an invalid day");
		c = date_cutoff(&f, today);
		if (!valid_day(c))
			fail("cutoff is an invalid day");
		if (positive && c > today)
			fail("cutoff of a positive formula is after today");
	}
}

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	char *s, *fmt;
	date_t d;
	size_t k;

	if (date_parse((const char *)data, size, NULL, &d) == 0)
		check_date(d);

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	check_now(s);
	check_formula(s);

	if ((nul = memchr(data, '\0', size)) != NULL) {
		k = (size_t)(nul - data);
		fmt = s;		/* NUL-terminated at k already */
		if (date_check_format(fmt) == 0 &&
		    date_parse(s + k + 1, size - k - 1, fmt, &d) == 0)
			check_date(d);
	}
	free(s);
	return 0;
}
