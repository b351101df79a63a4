/*
 * test_date: day numbers, ISO and --date-format input, --now, month
 * arithmetic with month-end clamping, date formulas and the cutoff.
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "date.h"
#include "unit.h"

/* iso: a date's ISO text, or "none", or "bad" when date_parse fails. */
static const char *
iso(const char *s, const char *fmt)
{
	static char buf[11];
	date_t d;

	if (date_parse(s, strlen(s), fmt, &d) == -1)
		return "bad";
	if (d == DATE_NONE)
		return "none";
	date_format(d, buf);
	return buf;
}

static date_t
D(const char *s)
{
	date_t d;

	if (date_parse(s, strlen(s), NULL, &d) == -1)
		return DATE_NONE;
	return d;
}

static const char *
fmt(date_t d)
{
	static char buf[11];

	date_format(d, buf);
	return buf;
}

static void
day_numbers(void)
{
	int y, m, d;
	date_t x;
	char buf[11];

	EXPECT(date_from_ymd(1970, 1, 1) == 0);
	EXPECT(date_from_ymd(1969, 12, 31) == -1);
	EXPECT(date_from_ymd(2000, 3, 1) == 11017);
	EXPECT(date_from_ymd(2026, 11, 29) == 20786);
	EXPECT(date_from_ymd(1, 1, 2) == -719161);
	EXPECT(date_from_ymd(9999, 12, 31) == 2932896);
	date_ymd(20786, &y, &m, &d);
	EXPECT(y == 2026 && m == 11 && d == 29);
	date_ymd(-1, &y, &m, &d);
	EXPECT(y == 1969 && m == 12 && d == 31);
	/* Every day from 0001-01-02 to 9999-12-31 goes round. */
	for (x = -719161; x <= 2932896; x++) {
		date_ymd(x, &y, &m, &d);
		if (date_from_ymd(y, m, d) != x)
			break;
		if (x % 97 == 0) {
			date_format(x, buf);
			if (D(buf) != x)
				break;
		}
	}
	EXPECT(x == 2932897);
}

static void
parse_iso(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "2026-11-29", "2026-11-29" },
		{ "2024-02-29", "2024-02-29" },
		{ "2000-02-29", "2000-02-29" },
		{ "2023-02-29", "bad" },
		{ "1900-02-29", "bad" },
		{ "2100-02-29", "bad" },
		{ "2026-02-28", "2026-02-28" },
		{ "2026-02-30", "bad" },
		{ "2026-04-30", "2026-04-30" },
		{ "2026-04-31", "bad" },
		{ "2026-12-31", "2026-12-31" },
		{ "2026-12-32", "bad" },
		{ "2026-13-01", "bad" },
		{ "2026-00-10", "bad" },
		{ "2026-01-00", "bad" },
		{ "0000-01-01", "bad" },
		{ "0001-01-01", "none" },
		{ "0001-01-02", "0001-01-02" },
		{ "9999-12-31", "9999-12-31" },
		{ "", "none" },
		{ "2026-11-29T23:15:00Z", "2026-11-29" },
		{ "2026-11-29T23:15:00+02:00", "2026-11-29" },
		{ "2026-11-29T23:15:00-05:00", "2026-11-29" },
		{ "2026-11-29T23:15:00+0200", "2026-11-29" },
		{ "2026-11-29T23:15:00+02", "2026-11-29" },
		{ "2026-11-29 23:15:00", "2026-11-29" },
		{ "2026-11-29T23:15:00.123Z", "2026-11-29" },
		{ "2026-11-29T23:15:00,5", "2026-11-29" },
		{ "2026-11-29T23:15:00.1234567", "2026-11-29" },
		{ "2026-11-29T23:15", "2026-11-29" },
		{ "2026-11-29t23:15:00z", "2026-11-29" },
		{ "0001-01-01T00:00:00Z", "none" },
		{ "0001-01-01T00:00:00", "none" },
		{ "2026-02-30T10:00:00Z", "bad" },
		{ "2026-11-29T", "bad" },
		{ "2026-11-29 ", "bad" },
		{ " 2026-11-29", "bad" },
		{ "2026-11-29X", "bad" },
		{ "2026-11-29Z", "bad" },
		{ "2026-11-29T24:00:00", "bad" },
		{ "2026-11-29T23:60:00", "bad" },
		{ "2026-11-29T23:15:61", "bad" },
		{ "2026-11-29T23:15:00.", "bad" },
		{ "2026-11-29T23:15:00.Z", "bad" },
		{ "2026-11-29T23:15:00+2", "bad" },
		{ "2026-11-29T23:15:00+02:0", "bad" },
		{ "2026-11-29T23:15:00ZZ", "bad" },
		{ "2026-11-29T2315", "bad" },
		{ "2026-1-29", "bad" },
		{ "26-11-29", "bad" },
		{ "2026/11/29", "bad" },
		{ "29.11.2026", "bad" },
		{ "20261129", "bad" },
		{ "abcd-ef-gh", "bad" },
		{ "-", "bad" },
		{ "2026-11-29\n", "bad" },
	};
	size_t i;
	date_t d;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(iso(t[i].in, NULL), t[i].want);
	/* Only n bytes are read. */
	EXPECT(date_parse("2026-11-29XYZ", 10, NULL, &d) == 0 && d == 20786);
	EXPECT(date_parse("2026-11-2", 9, NULL, &d) == -1);
}

static void
parse_format(void)
{
	static const struct {
		const char *in, *fmt, *want;
	} t[] = {
		{ "29.11.2026", "%d.%m.%Y", "2026-11-29" },
		{ "1.2.2026", "%d.%m.%Y", "2026-02-01" },
		{ "01.02.2026", "%d.%m.%Y", "2026-02-01" },
		{ "29.02.2024", "%d.%m.%Y", "2024-02-29" },
		{ "29.02.2023", "%d.%m.%Y", "bad" },
		{ "31.04.2026", "%d.%m.%Y", "bad" },
		{ "29.13.2026", "%d.%m.%Y", "bad" },
		{ "29.11.26", "%d.%m.%Y", "bad" },
		{ "29-11-2026", "%d.%m.%Y", "bad" },
		{ "29.11.2026.", "%d.%m.%Y", "bad" },
		{ "123.11.2026", "%d.%m.%Y", "bad" },
		{ "29.11.2026 23:15", "%d.%m.%Y", "2026-11-29" },
		{ "29.11.2026 23:15:00", "%d.%m.%Y", "2026-11-29" },
		{ "29.11.2026 23", "%d.%m.%Y", "bad" },
		{ "01.01.0001", "%d.%m.%Y", "none" },
		{ "", "%d.%m.%Y", "none" },
		{ "11/29/2026", "%m/%d/%Y", "2026-11-29" },
		{ "2/29/2024", "%m/%d/%Y", "2024-02-29" },
		{ "02/29/2023", "%m/%d/%Y", "bad" },
		{ "29/11/2026", "%m/%d/%Y", "bad" },
		{ "20261129", "%Y%m%d", "2026-11-29" },
		{ "2026-11-29", "%Y-%m-%d", "2026-11-29" },
		{ "29 11 2026", "%d %m %Y", "2026-11-29" },
		{ "29%11%2026", "%d%%%m%%%Y", "2026-11-29" },
		{ "2026-11-29", "%d.%m.%Y", "bad" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(iso(t[i].in, t[i].fmt), t[i].want);
	/* A bad format never reads a date. */
	EXPECT_STR(iso("29.11", "%d.%m"), "bad");
	EXPECT_STR(iso("29.11.26", "%d.%m.%y"), "bad");
}

static void
check_format(void)
{
	static const char *good[] = {
		"%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%d", "%Y%m%d", "%d %m %Y",
		"day %d of %m, %Y", "%d%%%m%%%Y"
	};
	static const char *bad[] = {
		"", "%", "%d.%m", "%d.%d.%Y", "%y.%m.%d", "%d.%m.%Y%",
		"%d.%m.%Y %H:%M", "%e.%m.%Y", "%d.%m.%Y.%Y", "plain"
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT(date_check_format(good[i]) == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT(date_check_format(bad[i]) == -1);
}

static const char *
now(const char *s)
{
	static char buf[21];
	time_t t;

	if (date_parse_now(s, &t) == -1)
		return "bad";
	date_stamp(t, buf);
	return buf;
}

static void
parse_now(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "2026-11-29T23:15:00Z", "2026-11-29T23:15:00Z" },
		{ "2026-11-29", "2026-11-29T00:00:00Z" },
		{ "2026-11-29T23:15:00", "2026-11-29T23:15:00Z" },
		{ "2026-11-29 23:15:00", "2026-11-29T23:15:00Z" },
		{ "2026-11-29T23:15", "2026-11-29T23:15:00Z" },
		{ "2026-11-29T23:15:00.999Z", "2026-11-29T23:15:00Z" },
		{ "2026-11-29T23:15:00+02:00", "2026-11-29T21:15:00Z" },
		{ "2026-11-30T01:00:00+02:00", "2026-11-29T23:00:00Z" },
		{ "2026-11-29T23:15:00-05:00", "2026-11-30T04:15:00Z" },
		{ "2026-11-29T23:15:00+0530", "2026-11-29T17:45:00Z" },
		{ "2026-12-31T23:59:59-01", "2027-01-01T00:59:59Z" },
		{ "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z" },
		{ "1970-01-01", "1970-01-01T00:00:00Z" },
		{ "", "bad" },
		{ "now", "bad" },
		{ "2026-02-30", "bad" },
		{ "2026-11-29T25:00:00Z", "bad" },
		{ "2026-11-29T23:15:00+2", "bad" },
		{ "29.11.2026", "bad" },
		{ "1764458100", "bad" },
	};
	size_t i;
	time_t tt;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(now(t[i].in), t[i].want);
	EXPECT(date_parse_now("2026-11-29T23:15:00Z", &tt) == 0 &&
	    tt == 1795994100);
	EXPECT(date_parse_now("2026-11-29T23:15:00-05:00", &tt) == 0 &&
	    date_of(tt) == D("2026-11-30"));
}

static void
clock_and_stamp(void)
{
	char buf[21];
	time_t t;

	date_stamp(0, buf);
	EXPECT_STR(buf, "1970-01-01T00:00:00Z");
	date_stamp(-1, buf);
	EXPECT_STR(buf, "1969-12-31T23:59:59Z");
	date_stamp(1795994100, buf);
	EXPECT_STR(buf, "2026-11-29T23:15:00Z");
	EXPECT(date_of(0) == 0);
	EXPECT(date_of(86399) == 0);
	EXPECT(date_of(86400) == 1);
	EXPECT(date_of(-1) == -1);
	EXPECT(date_of(-86400) == -1);
	EXPECT(date_of(-86401) == -2);
	EXPECT(date_now("2026-11-29T23:15:00Z") == 1795994100);
	t = time(NULL);
	EXPECT(date_now(NULL) >= t && date_now(NULL) <= t + 5);
	EXPECT_STR(fmt(DATE_NONE), "");
	EXPECT_STR(fmt(0), "1970-01-01");
}

/* A bad --now is a usage error: exit 2. */
static void
bad_now_exits(void)
{
	pid_t pid;
	int st = -1, fd;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, 2);
		date_now("yesterday");
		_exit(0);
	}
	EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid);
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 2);
}

static void
add_months(void)
{
	static const struct {
		const char *from;
		long months;
		const char *want;
	} t[] = {
		{ "2024-02-29", -12, "2023-02-28" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2026-03-31", -1, "2026-02-28" },
		{ "2024-03-31", -1, "2024-02-29" },
		{ "2026-01-31", 1, "2026-02-28" },
		{ "2026-01-31", 3, "2026-04-30" },
		{ "2026-05-31", -1, "2026-04-30" },
		{ "2026-12-15", 1, "2027-01-15" },
		{ "2026-01-15", -1, "2025-12-15" },
		{ "2026-01-15", -13, "2024-12-15" },
		{ "2026-01-15", -12, "2025-01-15" },
		{ "2026-01-15", -24, "2024-01-15" },
		{ "2026-12-31", -36, "2023-12-31" },
		{ "2026-11-29", 0, "2026-11-29" },
		{ "2026-11-30", -9, "2026-02-28" },
		{ "2000-01-31", 1, "2000-02-29" },
		{ "1900-01-31", 1, "1900-02-28" },
		{ "1970-01-31", -1, "1969-12-31" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(fmt(date_add_months(D(t[i].from), t[i].months)),
		    t[i].want);
	EXPECT(date_add_months(DATE_NONE, 3) == DATE_NONE);
}

/* terms: a parsed formula as "+3Y-6M", or "error: reason". */
static const char *
terms(const char *s)
{
	static char out[256];
	struct date_formula f;
	char err[128];
	size_t i, k = 0;

	if (date_formula_parse(s, &f, err, sizeof(err)) == -1) {
		snprintf(out, sizeof(out), "error: %s", err);
		return out;
	}
	out[0] = '\0';
	for (i = 0; i < f.n; i++)
		k += (size_t)snprintf(out + k, sizeof(out) - k, "%+ld%c",
		    f.count[i], f.unit[i]);
	return out;
}

static void
formula_parse(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "3Y", "+3Y" },
		{ "<3Y>", "+3Y" },
		{ "-3Y", "-3Y" },
		{ "<-3Y>", "-3Y" },
		{ "+3Y", "+3Y" },
		{ "3y", "+3Y" },
		{ " 3Y ", "+3Y" },
		{ "1Y+6M", "+1Y+6M" },
		{ "1Y-6M", "+1Y-6M" },
		{ "-1Y+6M", "-1Y+6M" },
		{ "<1Y+6M>", "+1Y+6M" },
		{ "1Y + 6M", "+1Y+6M" },
		{ "2W", "+2W" },
		{ "1Q", "+1Q" },
		{ "30D", "+30D" },
		{ "30d", "+30D" },
		{ "0D", "+0D" },
		{ "1d+1w+1m+1q+1y", "+1D+1W+1M+1Q+1Y" },
		{ "999999D", "+999999D" },
		{ "1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D",
		  "+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D" },
		{ "", "error: empty date formula" },
		{ "   ", "error: empty date formula" },
		{ "<>", "error: empty date formula" },
		{ "<", "error: unbalanced '<' in date formula" },
		{ "<3Y", "error: unbalanced '<' in date formula" },
		{ "3Y>", "error: unbalanced '>' in date formula" },
		{ "3", "error: a unit (D, W, M, Q or Y) is expected in date "
		  "formula" },
		{ "Y", "error: a number is expected in date formula" },
		{ "-", "error: a number is expected in date formula" },
		{ "3Y+", "error: a number is expected in date formula" },
		{ "3Y++6M", "error: a number is expected in date formula" },
		{ "3X", "error: unknown unit in date formula (use D, W, M, Q "
		  "or Y)" },
		{ "CM", "error: a number is expected in date formula" },
		{ "3Y6M", "error: terms of a date formula are joined by + or -" },
		{ "1000000D", "error: number too large in date formula" },
		{ "99999999999999999999Y",
		  "error: number too large in date formula" },
		{ "1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D+1D",
		  "error: too many terms in date formula" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(terms(t[i].in), t[i].want);
}

static const char *
apply(const char *formula, const char *from)
{
	struct date_formula f;
	char err[128];

	if (date_formula_parse(formula, &f, err, sizeof(err)) == -1)
		return "bad";
	return fmt(date_formula_apply(&f, D(from)));
}

static const char *
cutoff(const char *formula, const char *today)
{
	struct date_formula f;
	char err[128];

	if (date_formula_parse(formula, &f, err, sizeof(err)) == -1)
		return "bad";
	return fmt(date_cutoff(&f, D(today)));
}

static void
formula_apply(void)
{
	static const struct {
		const char *f, *from, *want;
	} t[] = {
		{ "1Y+6M", "2026-11-29", "2028-05-29" },
		{ "-1M", "2026-03-31", "2026-02-28" },
		{ "-1Y", "2024-02-29", "2023-02-28" },
		{ "30D", "2026-11-29", "2026-12-29" },
		{ "-30D", "2026-03-01", "2026-01-30" },
		{ "2W", "2026-11-29", "2026-12-13" },
		{ "1Q", "2026-11-30", "2027-02-28" },
		{ "-1Q", "2026-05-31", "2026-02-28" },
		{ "1M+1M", "2026-01-31", "2026-03-28" },
		{ "2M", "2026-01-31", "2026-03-31" },
		{ "0D", "2026-11-29", "2026-11-29" },
	};
	size_t i;
	struct date_formula f;
	char err[64];

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(apply(t[i].f, t[i].from), t[i].want);
	EXPECT(date_formula_parse("3Y", &f, err, sizeof(err)) == 0);
	EXPECT(date_formula_apply(&f, DATE_NONE) == DATE_NONE);
}

static void
formula_cutoff(void)
{
	static const struct {
		const char *f, *today, *want;
	} t[] = {
		{ "3Y", "2026-11-29", "2023-11-29" },
		{ "-3Y", "2026-11-29", "2023-11-29" },
		{ "<3Y>", "2026-11-29", "2023-11-29" },
		{ "<-3Y>", "2026-11-29", "2023-11-29" },
		{ "+3Y", "2026-11-29", "2023-11-29" },
		{ "1Y+6M", "2026-11-29", "2025-05-29" },
		{ "-1Y-6M", "2026-11-29", "2025-05-29" },
		{ "-1Y+6M", "2026-11-29", "2026-05-29" },
		{ "1Y-6M", "2026-11-29", "2026-05-29" },
		{ "30D", "2026-11-29", "2026-10-30" },
		{ "2W", "2026-11-29", "2026-11-15" },
		{ "1Q", "2026-11-29", "2026-08-29" },
		{ "1Y", "2024-02-29", "2023-02-28" },
		{ "1M", "2026-03-31", "2026-02-28" },
		{ "3Y", "2027-02-28", "2024-02-28" },
		{ "0D", "2026-11-29", "2026-11-29" },
		{ "0D+3Y", "2026-11-29", "2023-11-29" },
		{ "0D-3Y", "2026-11-29", "2023-11-29" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(cutoff(t[i].f, t[i].today), t[i].want);
}

int
main(void)
{
	TEST(day_numbers);
	TEST(parse_iso);
	TEST(parse_format);
	TEST(check_format);
	TEST(parse_now);
	TEST(clock_and_stamp);
	TEST(bad_now_exits);
	TEST(add_months);
	TEST(formula_parse);
	TEST(formula_apply);
	TEST(formula_cutoff);
	return unit_done();
}
