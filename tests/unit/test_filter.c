/*
 * test_filter: the filter-expression engine (every syntax form, numbers
 * against text, wildcards, folding, booleans), bool_parse, compile
 * errors, which conditions name options, and the --where lists (an
 * option's ordinal refused).
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "csvio.h"
#include "diag.h"
#include "filter.h"
#include "unit.h"

/* m: expr matches field s: 1, 0, or -1 when expr does not compile. */
static int
m(const char *expr, const char *s)
{
	struct filter *f;
	char err[128];
	int r;

	if ((f = filter_compile(expr, err, sizeof(err))) == NULL)
		return -1;
	r = filter_match(f, s, strlen(s));
	filter_free(f);
	return r;
}

struct mcase {
	const char	*expr, *field;
	int		 want;
};

static void
check(const struct mcase *t, size_t n)
{
	size_t i;
	int got;

	for (i = 0; i < n; i++) {
		got = m(t[i].expr, t[i].field);
		if (got != t[i].want)
			printf("  expr \"%s\" field \"%s\": got %d, wanted "
			    "%d\n", t[i].expr, t[i].field, got, t[i].want);
		EXPECT(got == t[i].want);
	}
}

#define CHECK(t) check(t, sizeof(t) / sizeof(t[0]))

static void
equality(void)
{
	static const struct mcase t[] = {
		{ "RETAIL", "RETAIL", 1 },
		{ "RETAIL", "retail", 0 },
		{ "RETAIL", "RETAILX", 0 },
		{ "RETAIL", "RETAI", 0 },
		{ "RETAIL", "", 0 },
		{ "=RETAIL", "RETAIL", 1 },
		{ "=RETAIL", "WEB", 0 },
		{ "<>EXPORT", "EXPORT", 0 },
		{ "<>EXPORT", "DOMESTIC", 1 },
		{ "<>EXPORT", "", 1 },
		{ "<>EXPORT", "export", 1 },
		{ "10000", "10000", 1 },
		{ "10000", "010000", 0 },
		{ "10000", "10000.0", 0 },
		{ "Jens Hansen", "Jens Hansen", 1 },
		{ " A", " A", 1 },
		{ " A", "A", 0 },
		{ "A=B", "A=B", 1 },
		{ "A<B", "A<B", 1 },
		{ "x@example.com", "x@example.com", 1 },
		{ "1.5", "1.5", 1 },
	};

	CHECK(t);
}

static void
alternatives(void)
{
	static const struct mcase t[] = {
		{ "RETAIL|WEB", "RETAIL", 1 },
		{ "RETAIL|WEB", "WEB", 1 },
		{ "RETAIL|WEB", "EXPORT", 0 },
		{ "RETAIL|WEB", "RETAIL|WEB", 0 },
		{ "A|B|C", "C", 1 },
		{ "A|B|C", "D", 0 },
		{ "A*&<>AB", "AC", 1 },
		{ "A*&<>AB", "AB", 0 },
		{ "A*&<>AB", "BB", 0 },
		{ "*&<>X*", "", 1 },
		{ "*&<>X*", "ABC", 1 },
		{ "*&<>X*", "X", 0 },
		{ "*&<>X*", "XYZ", 0 },
		{ "<>A&<>B", "A", 0 },
		{ "<>A&<>B", "B", 0 },
		{ "<>A&<>B", "C", 1 },
		/* & binds tighter than |. */
		{ "A|B&C", "A", 1 },
		{ "A|B&C", "B", 0 },
		{ "B&C|A", "A", 1 },
		{ "(A|B)&<>B", "A", 1 },
		{ "(A|B)&<>B", "B", 0 },
		{ "(A|B)&<>B", "C", 0 },
		{ "(A)", "A", 1 },
		{ "((A|B))", "B", 1 },
		{ "(A|B)|(C&C)", "C", 1 },
		{ "(1..5)|(10..20)", "7", 0 },
		{ "(1..5)|(10..20)", "15", 1 },
		{ "(1..5)|(10..20)", "3", 1 },
	};

	CHECK(t);
}

static void
comparisons(void)
{
	static const struct mcase t[] = {
		/* Numbers compare as numbers. */
		{ ">9", "10", 1 },
		{ ">9", "9", 0 },
		{ ">=9", "9", 1 },
		{ "<10", "9", 1 },
		{ "<10", "10", 0 },
		{ "<=10", "10", 1 },
		{ "<=10", "10.00", 1 },
		{ "<10", "9.99", 1 },
		{ ">-1", "0", 1 },
		{ "<-1", "-2", 1 },
		{ "<-1", "-0.5", 0 },
		{ "<0", "-0", 0 },
		{ ">=0", "-0.0", 1 },
		{ ">1.5", "1.50001", 1 },
		{ ">1.5", "1.5", 0 },
		{ ">.5", "0.6", 1 },
		{ "<5.", "4", 1 },
		{ ">+3", "4", 1 },
		{ ">99999999999999999998", "99999999999999999999", 1 },
		{ "<99999999999999999999", "99999999999999999998", 1 },
		{ ">007", "8", 1 },
		/* Text compares as bytes. */
		{ ">B", "C", 1 },
		{ ">B", "B", 0 },
		{ ">B", "BA", 1 },
		{ "<B", "A", 1 },
		{ "<B", "", 1 },
		{ ">B", "b", 1 },
		{ "<=B", "B", 1 },
		/* Number against text: bytes. */
		{ ">9", "A", 1 },
		{ "<9", "10A", 1 },
		{ ">9", "", 0 },
		/* ISO dates compare correctly as text. */
		{ ">=2024-01-01", "2024-01-01", 1 },
		{ ">=2024-01-01", "2023-12-31", 0 },
		{ ">=2024-01-01", "2024-10-05", 1 },
		{ "<2024-01-01", "2023-12-31", 1 },
		{ "<2024-01-01", "", 1 },
		/* An operator applies to a quoted value. */
		{ "<>''", "", 0 },
		{ "<>''", "A", 1 },
		{ "=''", "", 1 },
		{ ">''", "A", 1 },
		{ ">''", "", 0 },
		{ "<>'A|B'", "A|B", 0 },
		{ "<>'A|B'", "A", 1 },
	};

	CHECK(t);
}

static void
ranges(void)
{
	static const struct mcase t[] = {
		{ "10000..20000", "10000", 1 },
		{ "10000..20000", "15000", 1 },
		{ "10000..20000", "20000", 1 },
		{ "10000..20000", "20000.5", 0 },
		{ "10000..20000", "9999", 0 },
		{ "10000..20000", "20001", 0 },
		{ "10000..20000", "100000", 0 },
		{ "10000..", "10000", 1 },
		{ "10000..", "9999999", 1 },
		{ "10000..", "9999", 0 },
		{ "..20000", "20000", 1 },
		{ "..20000", "-5", 1 },
		{ "..20000", "20001", 0 },
		{ "-10..-5", "-7", 1 },
		{ "-10..-5", "-4", 0 },
		{ "1.5..2.5", "2", 1 },
		{ "1.5..2.5", "2.6", 0 },
		{ "A..C", "B", 1 },
		{ "A..C", "C", 1 },
		{ "A..C", "CA", 0 },
		{ "A..C", "a", 0 },
		{ "@A..C", "b", 1 },
		{ "@A..C", "BZ", 1 },
		{ "2024-01-01..2024-12-31", "2024-06-30", 1 },
		{ "2024-01-01..2024-12-31", "2025-01-01", 0 },
		{ "C00010..C00020", "C00015", 1 },
		{ "C00010..C00020", "C00021", 0 },
		{ "'A..C'", "A..C", 1 },
		{ "'A..C'", "B", 0 },
		{ "A'..'C", "A..C", 1 },
	};

	CHECK(t);
}

static void
wildcards(void)
{
	static const struct mcase t[] = {
		{ "A*", "A", 1 },
		{ "A*", "ABC", 1 },
		{ "A*", "BA", 0 },
		{ "A*", "a", 0 },
		{ "A*", "", 0 },
		{ "*A", "BA", 1 },
		{ "*A", "AB", 0 },
		{ "*A*", "BAB", 1 },
		{ "*A*", "BBB", 0 },
		{ "*", "", 1 },
		{ "*", "anything", 1 },
		{ "**", "x", 1 },
		{ "A?C", "ABC", 1 },
		{ "A?C", "AC", 0 },
		{ "A?C", "ABBC", 0 },
		{ "A?C", "A\xc3\xa9" "C", 1 },
		{ "A?C", "A\xe2\x82\xac" "C", 1 },
		{ "A?C", "A\xf0\x9f\x98\x80" "C", 1 },
		{ "?", "\xc3\xa9", 1 },
		{ "??", "\xc3\xa9", 0 },
		{ "?", "", 0 },
		{ "???", "abc", 1 },
		{ "*?", "", 0 },
		{ "*?", "x", 1 },
		{ "*b*c", "abxbc", 1 },
		{ "*b*c", "abxbcx", 0 },
		{ "a*b*c*d", "aXbYbZcQd", 1 },
		{ "a*b*c*d", "aXbYbZcQ", 0 },
		{ "*ab", "aab", 1 },
		{ "*aab", "aaab", 1 },
		{ "*.example.com", "mail.example.com", 1 },
		{ "*.example.com", "example.com", 0 },
		{ "<>A*", "ABC", 0 },
		{ "<>A*", "BCD", 1 },
		{ "=A*", "ABC", 1 },
		{ "'A*'", "A*", 1 },
		{ "'A*'", "AB", 0 },
		{ "'A*'*", "A*B", 1 },
		{ "'A*'*", "AB", 0 },
		{ "'?'", "x", 0 },
		{ "'?'", "?", 1 },
	};

	CHECK(t);
}

static void
folding(void)
{
	static const struct mcase t[] = {
		{ "@jens*", "Jens Hansen", 1 },
		{ "@jens*", "JENS", 1 },
		{ "@jens*", "jensen", 1 },
		{ "@jens*", "Hans", 0 },
		{ "@JENS", "jens", 1 },
		{ "@retail|WEB", "Retail", 1 },
		{ "@retail|WEB", "web", 0 },
		{ "@retail|@WEB", "web", 1 },
		{ "<>@export", "EXPORT", 0 },
		{ "<>@export", "Domestic", 1 },
		{ "@<>export", "Export", 0 },
		{ "@\xc3\x89mile", "\xc3\xa9" "MILE", 1 },
		{ "@\xc3\xa9mile", "\xc3\x89mile", 1 },
		{ "@*\xd0\x98\xd0\x92*", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd", 1 },
		{ "@'A|B'", "a|b", 1 },
		{ "@A?C", "a\xc3\x89" "c", 1 },
		{ "@>b", "C", 1 },
		{ ">=@b", "B", 1 },
		{ "A@B", "A@B", 1 },
		{ "A@B", "a@b", 0 },
	};

	CHECK(t);
}

static void
empty_values(void)
{
	static const struct mcase t[] = {
		{ "''", "", 1 },
		{ "''", "A", 0 },
		{ "''", "''", 0 },
		{ "<>''", "", 0 },
		{ "<>''", " ", 1 },
		{ "''|A", "", 1 },
		{ "''|A", "A", 1 },
		{ "''|A", "B", 0 },
		{ "'It''s'", "It's", 1 },
		{ "'It''s'", "Its", 0 },
		{ "O''Brien", "OBrien", 1 },
		{ "'O''Brien'", "O'Brien", 1 },
		{ "'A|B'", "A|B", 1 },
		{ "'A|B'", "A", 0 },
		{ "'(x)'", "(x)", 1 },
		{ "'A&B'|C", "A&B", 1 },
		{ "'<>A'", "<>A", 1 },
		{ "'<>A'", "B", 0 },
		{ "'@a'", "@a", 1 },
		{ "'@a'", "A", 0 },
	};

	CHECK(t);
}

static void
booleans(void)
{
	static const struct mcase t[] = {
		{ "Yes", "Yes", 1 },
		{ "Yes", "yes", 1 },
		{ "Yes", "YES", 1 },
		{ "Yes", "true", 1 },
		{ "Yes", "TRUE", 1 },
		{ "Yes", "1", 1 },
		{ "Yes", "No", 0 },
		{ "Yes", "0", 0 },
		{ "Yes", "", 0 },
		{ "Yes", "Y", 0 },
		{ "Yes", "yes ", 0 },
		{ "No", "", 1 },
		{ "No", "no", 1 },
		{ "No", "false", 1 },
		{ "No", "0", 1 },
		{ "No", "Yes", 0 },
		{ "No", "N", 0 },
		{ "true", "Yes", 1 },
		{ "TRUE", "1", 1 },
		{ "false", "No", 1 },
		{ "FaLsE", "", 1 },
		{ "=Yes", "1", 1 },
		{ "<>Yes", "1", 0 },
		{ "<>Yes", "No", 1 },
		{ "<>Yes", "", 1 },
		{ "<>Yes", "maybe", 1 },
		{ "<>No", "", 0 },
		{ "<>No", "true", 1 },
		{ "@yes", "TRUE", 1 },
		{ "Yes|No", "", 1 },
		{ "Yes|No", "maybe", 0 },
		/* Quoted, a boolean word is text. */
		{ "'Yes'", "Yes", 1 },
		{ "'Yes'", "1", 0 },
		/* Other values are text, even 1 and 0. */
		{ "1", "Yes", 0 },
		{ "1", "1", 1 },
		{ "0", "", 0 },
		{ "Ye*", "Yes", 1 },
		{ "Ye*", "true", 0 },
	};

	CHECK(t);
}

static void
bools(void)
{
	static const struct {
		const char	*s;
		int		 rc, v;
	} t[] = {
		{ "", 0, 0 }, { "Yes", 0, 1 }, { "yes", 0, 1 }, { "YES", 0, 1 },
		{ "No", 0, 0 }, { "NO", 0, 0 }, { "true", 0, 1 },
		{ "True", 0, 1 }, { "FALSE", 0, 0 }, { "1", 0, 1 },
		{ "0", 0, 0 }, { "2", -1, 0 }, { "y", -1, 0 }, { "n", -1, 0 },
		{ " yes", -1, 0 }, { "yes ", -1, 0 }, { "\x11", -1, 0 },
		{ "YES\x01", -1, 0 }, { "01", -1, 0 }, { "on", -1, 0 },
	};
	size_t i;
	int v;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -7;
		EXPECT(bool_parse(t[i].s, strlen(t[i].s), &v) == t[i].rc);
		if (t[i].rc == 0)
			EXPECT(v == t[i].v);
	}
	EXPECT(bool_parse("Yesterday", 3, &v) == 0 && v == 1);
}

/* isopt: filter_isopt of expr, or -1 when it does not compile. */
static int
isopt(const char *expr)
{
	struct filter *f;
	char err[128];
	int r;

	if ((f = filter_compile(expr, err, sizeof(err))) == NULL)
		return -1;
	r = filter_isopt(f);
	filter_free(f);
	return r;
}

static void
optwords(void)
{
	static const struct {
		const char	*expr;
		int		 want;
	} t[] = {
		{ "Customer", 1 }, { "@Customer", 1 }, { "=Customer", 1 },
		{ "<>Closed", 1 }, { "<>@Closed", 1 }, { "Customer|Vendor", 1 },
		{ "@Vendor|@Bank Account|@Employee", 1 }, { "@Person", 1 },
		{ "G/L Account", 1 }, { "<>Customer&<>Vendor", 1 },
		{ "(Customer|Vendor)&<>Vendor", 1 }, { "\xc3\x89" "cole", 1 },
		{ "Customer|''", 1 }, { "''|<>Closed", 1 }, { "C00010", 1 },
		/* not a word naming an option: */
		{ "''", 0 }, { "<>''", 0 }, { "18", 0 }, { "-1", 0 },
		{ "1|Customer", 0 }, { "'Customer'", 0 }, { "Cust*", 0 },
		{ "?ustomer", 0 }, { "A..Z", 0 }, { ">Customer", 0 },
		{ "<=Customer", 0 }, { "Yes", 0 }, { "No|Customer", 0 },
		{ "_x", 0 }, { " Customer", 0 }, { "Customer|C*", 0 },
		{ "Custo'mer'", 0 },
	};
	size_t i;
	int got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = isopt(t[i].expr);
		if (got != t[i].want)
			printf("  expr \"%s\": got %d, wanted %d\n",
			    t[i].expr, got, t[i].want);
		EXPECT(got == t[i].want);
	}
}

/* cerr: the reason filter_compile gives, or "ok". */
static const char *
cerr(const char *expr)
{
	static char err[128];
	struct filter *f;

	if ((f = filter_compile(expr, err, sizeof(err))) != NULL) {
		filter_free(f);
		return "ok";
	}
	return err;
}

static void
compile_errors(void)
{
	static const struct {
		const char *expr, *want;
	} t[] = {
		{ "", "empty filter (use '' for the empty value)" },
		{ "A|", "empty term" },
		{ "|A", "empty term" },
		{ "A||B", "empty term" },
		{ "A&", "empty term" },
		{ "&A", "empty term" },
		{ "()", "empty term" },
		{ "(A", "missing ')'" },
		{ "((A)", "missing ')'" },
		{ "A)", "unexpected ')'" },
		{ "(A))", "unexpected ')'" },
		{ "(A)B", "'&' or '|' is expected after ')'" },
		{ "A(B)", "unexpected '(' inside a term" },
		{ "'A", "unterminated quote" },
		{ "A'B", "unterminated quote" },
		{ "'A''", "unterminated quote" },
		{ "<>", "a value is expected after the operator" },
		{ "<", "a value is expected after the operator" },
		{ ">=", "a value is expected after the operator" },
		{ "=", "a value is expected after the operator" },
		{ "A|<>", "a value is expected after the operator" },
		{ "@", "a value is expected after '@'" },
		{ "..", "a range needs a bound" },
		{ "1..2..3", "a range has one '..'" },
		{ "<>1..2", "a range cannot follow an operator" },
		{ "A*..B", "wildcards are not allowed in a comparison or range" },
		{ ">A*", "wildcards are not allowed in a comparison or range" },
		{ "<?", "wildcards are not allowed in a comparison or range" },
		{ "((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
		  "((((((((((A))))))))))))))))))))))))))))))))))))))))))))))"
		  "))))))))))))))))))))", "parentheses nested too deeply" },
		{ "A", "ok" },
		{ "''", "ok" },
		{ "<>''", "ok" },
		{ "'A|B'", "ok" },
		{ "A..", "ok" },
		{ "..B", "ok" },
		{ ">'A*'", "ok" },
		{ "'1..2'..3", "ok" },
		{ "(A|B)&(<>C|D)", "ok" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		EXPECT_STR(cerr(t[i].expr), t[i].want);
}

/* The folding buffer is reused: a long field then a short one. */
static void
fold_reuse(void)
{
	struct filter *f;
	char err[64], big[5000];

	f = filter_compile("@abc*|@x", err, sizeof(err));
	EXPECT(f != NULL);
	memset(big, 'A', sizeof(big));
	memcpy(big, "ABC", 3);
	EXPECT(filter_match(f, big, sizeof(big)) == 1);
	EXPECT(filter_match(f, "X", 1) == 1);
	EXPECT(filter_match(f, "XY", 2) == 0);
	/* Only n bytes of the field count. */
	EXPECT(filter_match(f, "xyz", 1) == 1);
	filter_free(f);
	filter_free(NULL);
}

/* csvfile: write text to a temporary file; its path. */
static const char *
csvfile(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/test_filter.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return NULL;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		path[0] = '\0';
	close(fd);
	return path;
}

static void
wherelist(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	const char *path;
	int got[4], i = 0;

	where_add(&wl, "--where", "Customer Posting Group=RETAIL|WEB");
	where_add(&wl, "--where", "Open=Yes");
	where_add2(&wl, "Amount", ">=100");
	where_add(&wl, "--where", "a=b=c");
	EXPECT(wl.n == 4);
	EXPECT_STR(wl.v[0].col, "Customer Posting Group");
	EXPECT_STR(wl.v[0].expr, "RETAIL|WEB");
	EXPECT_STR(wl.v[2].col, "Amount");
	EXPECT_STR(wl.v[3].col, "a");
	EXPECT_STR(wl.v[3].expr, "b=c");
	path = csvfile("No.,a,Amount,Open,Customer Posting Group\n"
	    "C1,b=c,100,true,RETAIL\n"
	    "C2,b=c,99.5,true,WEB\n"
	    "C3,b=c,250,0,WEB\n"
	    "C4,b=c,1e3,1,WEB\n");
	EXPECT(path != NULL);
	r = csvr_open(path, ',');
	EXPECT(r != NULL);
	if (r == NULL)
		return;
	EXPECT(csvr_header(r, &hdr) == 1);
	where_bind(&wl, r, hdr);
	EXPECT(wl.v[0].idx == 4 && wl.v[1].idx == 3 && wl.v[2].idx == 2 &&
	    wl.v[3].idx == 1);
	while (i < 4 && csvr_next(r, &row) == 1)
		got[i++] = where_match(&wl, row);
	EXPECT(i == 4);
	EXPECT(got[0] == 1);	/* all hold */
	EXPECT(got[1] == 0);	/* 99.5 < 100 */
	EXPECT(got[2] == 0);	/* Open is No */
	EXPECT(got[3] == 1);	/* "1e3" is text, and "1e3" >= "100" */
	csvr_close(r);
	unlink(path);
	where_free(&wl);
	EXPECT(wl.n == 0 && wl.v == NULL);
	/* No condition: every row matches. */
	EXPECT(where_match(&wl, NULL) == 1);
}

/* child: run fn in a child with stderr in a file; its exit, its stderr. */
static int
child(void (*fn)(void), char *err, size_t errlen)
{
	char path[] = "/tmp/test_filter.XXXXXX";
	pid_t pid;
	int st = -1, fd;
	ssize_t n;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		fn();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	n = pread(fd, err, errlen - 1, 0);
	err[n < 0 ? 0 : n] = '\0';
	close(fd);
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
bad_where(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };

	where_add(&wl, "--where", "Open='Yes");
}

static void
bad_where2(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };

	where_add2(&wl, "Customer Posting Group", "A||B");
}

static void
no_equals(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };

	where_add(&wl, "--where", "Open");
}

static void
missing_column(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };
	const struct csvr_row *hdr;
	struct csvr *r;
	const char *path;

	where_add(&wl, "--where", "Blocked=All");
	path = csvfile("No.,Name\nC1,x\n");
	r = csvr_open(path, ',');
	csvr_header(r, &hdr);
	unlink(path);
	where_bind(&wl, r, hdr);
}

/*
 * ordinals_ok: where_match reads a number as a mismatch where it names
 * no option (a quoted word, a wildcard, a Code shorthand), an empty field
 * as it is, and a word field as before; the number in a code's place is
 * not refused.
 */
static void
ordinals_ok(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	const char *path;
	int got[4], i = 0;

	where_add(&wl, "--where", "Account Type=Customer|''");
	where_add(&wl, "--where", "Status='Open'");
	where_add(&wl, "--where", "Kind=C*");
	where_add2(&wl, "Customer Posting Group", "DOMESTIC|10");
	EXPECT(wl.v[0].isopt && !wl.v[1].isopt && !wl.v[2].isopt &&
	    !wl.v[3].isopt);
	path = csvfile("No.,Account Type,Status,Kind,Customer Posting Group\n"
	    "C1,Customer,Open,Cx,DOMESTIC\n"
	    ",,Open,Cx,10\n"
	    "C3,Customer,1,Cx,DOMESTIC\n"
	    "C4,Customer,Open,1,20\n");
	EXPECT(path != NULL);
	r = csvr_open(path, ',');
	EXPECT(r != NULL);
	if (r == NULL)
		return;
	EXPECT(csvr_header(r, &hdr) == 1);
	where_bind(&wl, r, hdr);
	while (i < 4 && csvr_next(r, &row) == 1)
		got[i++] = where_match(&wl, row);
	EXPECT(i == 4);
	EXPECT(got[0] == 1 && got[1] == 1 && got[2] == 0 && got[3] == 0);
	csvr_close(r);
	unlink(path);
	where_free(&wl);
}

/* ordinal: Account Type=Customer meets a row whose field is "TYPE". */
static const char *ordinal_type;

static void
ordinal(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	const char *path;
	char text[128];

	where_add(&wl, "--where", "Account Type=<>Vendor&<>Employee");
	snprintf(text, sizeof(text), "No.,Account Type\nC1,Customer\n"
	    "C2,%s\n", ordinal_type);
	path = csvfile(text);
	r = csvr_open(path, ',');
	csvr_header(r, &hdr);
	unlink(path);
	where_bind(&wl, r, hdr);
	while (csvr_next(r, &row) == 1)
		(void)where_match(&wl, row);
}

static void
ordinals_refused(void)
{
	static const char *num[] = { "1", "0", "-1", "+2", "0042" };
	static const char *text[] = { "", "1.0", "1 ", "-", "C1", "1e3" };
	char err[512];
	const char *tail = ":3: an option's number, not its name, in column "
	    "'Account Type'\n";
	size_t i;

	diag_init("test");
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++) {
		ordinal_type = num[i];
		EXPECT(child(ordinal, err, sizeof(err)) == 1);
		/* The file's name, the line, the column; not the value. */
		EXPECT(strncmp(err, "test: /tmp/test_filter.", 23) == 0);
		EXPECT(strlen(err) == 29 + strlen(tail) &&
		    strcmp(err + 29, tail) == 0);
	}
	/* Not a whole number: a mismatch, or <>'s match, as before. */
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		ordinal_type = text[i];
		EXPECT(child(ordinal, err, sizeof(err)) == 0);
		EXPECT_STR(err, "");
	}
}

/* nearopt: Account Type=Customer|@Vendor meets a field "TYPE". */
static void
nearopt(void)
{
	struct wherelist wl = { NULL, 0, NULL, NULL, 0 };
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	const char *path;
	char text[128];

	where_add(&wl, "--where", "Account Type=Customer|@Vendor");
	where_add(&wl, "--where", "Account Type=<>Employee");
	snprintf(text, sizeof(text), "No.,Account Type\nC1,Customer\n"
	    "C2,\"%s\"\n", ordinal_type);
	path = csvfile(text);
	r = csvr_open(path, ',');
	csvr_header(r, &hdr);
	unlink(path);
	where_bind(&wl, r, hdr);
	while (csvr_next(r, &row) == 1)
		(void)where_match(&wl, row);
}

/*
 * options_near: a field that is one of the condition's options in
 * another case or padded is refused, naming the column, not the value;
 * another word, a longer or shorter one, or empty is a mismatch.
 */
static void
options_near(void)
{
	static const char *near[] = { "customer", "CUSTOMER", " Customer",
	    "Customer ", "\tcUsToMeR ", " Vendor", "VENDOR  " };
	static const char *other[] = { "", "Employee", "Cust", "Customers",
	    "Customer", "Vendor",
	    "Customer Vendor", "vendor", "G/L Account", " " };
	char err[512];
	const char *tail = ":3: an option's name written otherwise (in another "
	    "case, or padded) in column 'Account Type'\n";
	size_t i;

	diag_init("test");
	for (i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
		ordinal_type = near[i];
		EXPECT(child(nearopt, err, sizeof(err)) == 1);
		EXPECT(strlen(err) == 29 + strlen(tail) &&
		    strcmp(err + 29, tail) == 0);
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		ordinal_type = other[i];
		EXPECT(child(nearopt, err, sizeof(err)) == 0);
		EXPECT_STR(err, "");
	}
}

/* unfit_of: the first term of expr that declaration decl does not hold, or "". */
static char *
unfit_of(const char *decl, const char *expr)
{
	static char out[64];
	struct wherevals d;
	struct filter *f;
	char err[128], *u;

	if (values_parse(&d, decl, err, sizeof(err)) == -1)
		return NULL;
	f = filter_compile(expr, err, sizeof(err));
	u = f == NULL ? NULL : filter_unfit(f, &d);
	snprintf(out, sizeof(out), "%s", u == NULL ? "" : u);
	free(u);
	filter_free(f);
	values_free(&d);
	return out;
}

/*
 * declared: values_parse and values_has (a value byte for byte, in any
 * case only with fold; #integer a whole number written plainly),
 * values_near, and filter_unfit (a condition's word the declaration
 * lacks).
 */
static void
declared(void)
{
	static const char *badv[] = { "", "A||B", "A|", "|A", "A|A", " A",
	    "A |B", "'A'", "#number", "''|A|''" };
	static const char *ints[] = { "18", "36", "0", "-5" };
	static const char *notints[] = { " 18", "18 ", "18.0", "018", "+18",
	    "", "-", "1e2", "-0x1", "00" };
	struct wherevals d;
	char err[128];
	size_t i;

	for (i = 0; i < sizeof(badv) / sizeof(badv[0]); i++) {
		EXPECT(values_parse(&d, badv[i], err, sizeof(err)) == -1);
		values_free(&d);
	}
	EXPECT(values_parse(&d, "''|Customer|Vendor|Item", err,
	    sizeof(err)) == 0);
	EXPECT(d.n == 4 && !d.integer);
	EXPECT(values_has(&d, "", 0, 0));
	EXPECT(values_has(&d, "Item", 4, 0));
	EXPECT(!values_has(&d, "item", 4, 0));
	EXPECT(values_has(&d, "item", 4, 1));
	EXPECT(!values_has(&d, "Debitor", 7, 1));
	EXPECT(!values_has(&d, "Items", 5, 0));
	EXPECT(!values_has(&d, " Item", 5, 1));
	EXPECT(values_near(&d, " Item", 5));
	EXPECT(values_near(&d, "VENDOR", 6));
	EXPECT(!values_near(&d, "Debitor", 7));
	EXPECT(!values_near(&d, "  ", 2));
	values_free(&d);
	EXPECT(values_parse(&d, "#integer", err, sizeof(err)) == 0);
	EXPECT(d.integer);
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		EXPECT(values_has(&d, ints[i], strlen(ints[i]), 0));
	for (i = 0; i < sizeof(notints) / sizeof(notints[0]); i++)
		EXPECT(!values_has(&d, notints[i], strlen(notints[i]), 1));
	EXPECT(!values_near(&d, " 18", 3));
	values_free(&d);
	EXPECT_STR(unfit_of("G/L Account|Customer", "Customer"), "");
	EXPECT_STR(unfit_of("G/L Account|Customer", "Debtor"), "Debtor");
	EXPECT_STR(unfit_of("G/L Account|Customer", "Customer|''"), "");
	EXPECT_STR(unfit_of("''|Signed|Cancelled", "<>Canceled"),
	    "Canceled");
	EXPECT_STR(unfit_of("''|Signed|Cancelled", "<>Cancelled"), "");
	EXPECT_STR(unfit_of("''|Customer|Vendor", "@customer|@VENDOR"), "");
	EXPECT_STR(unfit_of("''|Customer|Vendor", "customer"), "customer");
	EXPECT_STR(unfit_of("''|Customer|Vendor", "C*"), "");
	EXPECT_STR(unfit_of("''|Customer|Vendor", "D*"), "D");
	EXPECT_STR(unfit_of("''|Customer|Vendor", ">Customer"), "Customer");
	EXPECT_STR(unfit_of("Company|Person", "Yes"), "Yes");
	EXPECT_STR(unfit_of("#integer", "18"), "");
	EXPECT_STR(unfit_of("#integer", "18|36"), "");
	EXPECT_STR(unfit_of("#integer", "10..20"), "");
	EXPECT_STR(unfit_of("#integer", "Customer"), "Customer");
	EXPECT_STR(unfit_of("#integer", "18.0"), "18.0");
}

static void
where_errors(void)
{
	char err[512], want[512];
	const char *path;

	diag_init("test");
	EXPECT(child(bad_where, err, sizeof(err)) == 2);
	EXPECT_STR(err, "test: --where: bad filter for column 'Open': "
	    "unterminated quote\nTry 'test --help' for more information.\n");
	EXPECT(child(bad_where2, err, sizeof(err)) == 2);
	EXPECT_STR(err, "test: bad filter for column 'Customer Posting "
	    "Group': empty term\nTry 'test --help' for more information.\n");
	EXPECT(child(no_equals, err, sizeof(err)) == 2);
	EXPECT_STR(err, "test: --where takes COLUMN=VALUE\n"
	    "Try 'test --help' for more information.\n");
	EXPECT(child(missing_column, err, sizeof(err)) == 1);
	path = strstr(err, "/tmp/");
	EXPECT(path != NULL);
	snprintf(want, sizeof(want), "test: %.*s:1: missing column 'Blocked'\n",
	    path == NULL ? 0 : (int)strcspn(path, ":"), path);
	EXPECT_STR(err, want);
}

int
main(void)
{
	TEST(equality);
	TEST(alternatives);
	TEST(comparisons);
	TEST(ranges);
	TEST(wildcards);
	TEST(folding);
	TEST(empty_values);
	TEST(booleans);
	TEST(bools);
	TEST(optwords);
	TEST(compile_errors);
	TEST(fold_reuse);
	TEST(wherelist);
	TEST(where_errors);
	TEST(ordinals_ok);
	TEST(ordinals_refused);
	TEST(options_near);
	TEST(declared);
	return unit_done();
}
