/*
 * test_lake: bc2adls names (reduction, NAME-NO, system fields, kinds),
 * the values as the lake writes them, and the reader and writer: every
 * escape, line breaks in values, CRLF, a repeated header, empty lines,
 * the last record without its line ending, fields across chunks, and
 * each malformed input as a data error at the line its record starts,
 * never quoting a value; random rows written and read back.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "lake.h"
#include "unit.h"

static char path[] = "/tmp/test_lake.XXXXXX";

/* put: the file at path holds s[0..n). */
static void
put(const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(s, 1, n, f) != n || fclose(f) != 0)
		abort();
}

/*
 * slurp: read path as a lake file into out, one line a row: fields
 * joined by '|', a quoted one in [brackets]; "ERR line: msg" on an error.
 */
static void
slurp(struct buf *out)
{
	const struct csvr_row *row;
	const unsigned char *q;
	struct laker *r;
	size_t i;
	int rc;
	char tmp[300];

	buf_reset(out);
	r = laker_open(path);
	if (laker_header(r, &row) == 1) {
		do {
			q = laker_quoted(r);
			for (i = 0; i < row->nf; i++) {
				if (i > 0)
					buf_addc(out, '|');
				if (q[i])
					buf_addc(out, '[');
				buf_add(out, row->f[i].p, row->f[i].n);
				if (q[i])
					buf_addc(out, ']');
			}
			buf_addc(out, '\n');
		} while ((rc = laker_next(r, &row)) == 1);
	} else
		rc = -1;
	if (rc == -1) {
		snprintf(tmp, sizeof(tmp), "ERR %lu: %s\n", laker_errline(r),
		    laker_errmsg(r));
		buf_adds(out, tmp);
	}
	laker_close(r);
}

static const char *
read_str(const char *s)
{
	static struct buf out;

	put(s, strlen(s));
	slurp(&out);
	return out.p;
}

static void
names(void)
{
	char d[64];
	size_t nl;
	long no;

	EXPECT(lake_reduce(d, "Cust. Ledger Entry", 18) == 15);
	EXPECT_STR(d, "CustLedgerEntry");
	lake_reduce(d, "E-Mail", 6);
	EXPECT_STR(d, "EMail");
	lake_reduce(d, "S\303\270ren 2 (LCY)", 14);
	EXPECT_STR(d, "Sren2LCY");
	EXPECT(lake_reduce(d, "%.", 2) == 0 && d[0] == '\0');

	EXPECT(lake_split("No-1", 4, &nl, &no) == 1 && nl == 2 && no == 1);
	EXPECT(lake_split("-5", 2, &nl, &no) == 1 && nl == 0 && no == 5);
	EXPECT(lake_split("timestamp-0", 11, &nl, &no) == 1 && no == 0);
	EXPECT(lake_split("systemId-2000000000", 19, &nl, &no) == 1 &&
	    nl == 8 && no == 2000000000L);
	EXPECT(lake_split("X-2147483647", 12, &nl, &no) == 1);
	EXPECT(lake_split("X-2147483648", 12, &nl, &no) == 0);
	EXPECT(lake_split("X-12345678901", 13, &nl, &no) == 0);
	EXPECT(lake_split("Name", 4, &nl, &no) == 0);
	EXPECT(lake_split("Name-", 5, &nl, &no) == 0);
	EXPECT(lake_split("Name-01", 7, &nl, &no) == 0);
	EXPECT(lake_split("Name-+1", 7, &nl, &no) == 0);
	EXPECT(lake_split("Na me-1", 7, &nl, &no) == 0);
	EXPECT(lake_split("A-B-3", 5, &nl, &no) == 0);
	EXPECT(lake_split("$Company", 8, &nl, &no) == 0);

	EXPECT(lake_sysfield(0) != NULL);
	EXPECT_STR(lake_sysfield(2000000000)->lake, "systemId");
	EXPECT_STR(lake_sysfield(2000000004)->lake, "SystemModifiedBy");
	EXPECT(lake_sysfield(2000000005) == NULL);
	EXPECT(lake_sysfield(1) == NULL);
	EXPECT(lake_sysfield_at(0)->no == 0);
	EXPECT(lake_sysfield_at(5)->no == 2000000004L);
	EXPECT(lake_sysfield_at(6) == NULL);
}

static void
kinds(void)
{
	EXPECT(lake_kind("Code[20]") == LAKE_TEXT);
	EXPECT(lake_kind("Text[100]") == LAKE_TEXT);
	EXPECT(lake_kind("Text") == LAKE_TEXT);
	EXPECT(lake_kind("Guid") == LAKE_TEXT);
	EXPECT(lake_kind("Boolean") == LAKE_BOOLEAN);
	EXPECT(lake_kind("DateTime") == LAKE_DATETIME);
	EXPECT(lake_kind("Date") == LAKE_BARE);
	EXPECT(lake_kind("DateFormula") == LAKE_BARE);
	EXPECT(lake_kind("Decimal") == LAKE_BARE);
	EXPECT(lake_kind("Integer") == LAKE_BARE);
	EXPECT(lake_kind("BigInteger") == LAKE_BARE);
	EXPECT(lake_kind("Time") == LAKE_BARE);
	EXPECT(lake_kind("Duration") == LAKE_BARE);
	EXPECT(lake_kind("Option") == LAKE_BARE);
	EXPECT(lake_kind("Enum \"Customer Blocked\"") == LAKE_BARE);
	EXPECT(lake_kind("Blob") == LAKE_UNSUPPORTED);
	EXPECT(lake_kind("Media") == LAKE_UNSUPPORTED);
	EXPECT(lake_kind("MediaSet") == LAKE_UNSUPPORTED);
	EXPECT(lake_kind("RecordId") == LAKE_UNSUPPORTED);
	EXPECT(lake_kind("Codeunit") == LAKE_UNSUPPORTED);
	EXPECT(lake_kind("") == LAKE_UNKNOWN);
}

static void
values(void)
{
	struct buf b = { 0 };

	EXPECT(lake_value(LAKE_BOOLEAN, "Yes", 3, &b) == 0);
	EXPECT_STR(b.p, "true");
	EXPECT(lake_value(LAKE_BOOLEAN, "0", 1, &b) == 0);
	EXPECT_STR(b.p, "false");
	EXPECT(lake_value(LAKE_BOOLEAN, "false", 5, &b) == 0);
	EXPECT_STR(b.p, "false");
	EXPECT(lake_value(LAKE_BOOLEAN, "", 0, &b) == 0 && b.n == 0);
	EXPECT(lake_value(LAKE_BOOLEAN, "maybe", 5, &b) == -1);
	EXPECT(lake_value(LAKE_DATETIME, "2026-11-29T12:00:00Z", 20, &b) == 0);
	EXPECT_STR(b.p, "2026-11-29T12:00:00.000Z");
	EXPECT(lake_value(LAKE_DATETIME, "2026-11-29T12:00:00.120Z", 24,
	    &b) == 0);
	EXPECT_STR(b.p, "2026-11-29T12:00:00.120Z");
	EXPECT(lake_value(LAKE_DATETIME, "", 0, &b) == 0 && b.n == 0);
	EXPECT(lake_value(LAKE_TEXT, "a,\"b\\\n", 6, &b) == 0 && b.n == 6);
	EXPECT(lake_value(LAKE_BARE, "12.5", 4, &b) == 0);
	EXPECT_STR(b.p, "12.5");
	EXPECT(lake_value(LAKE_BARE, "1,5", 3, &b) == -1);
	EXPECT(lake_value(LAKE_UNKNOWN, "a\\b", 3, &b) == -1);
	EXPECT(lake_bare_ok(" ", 1) && lake_bare_ok("", 0));
	EXPECT(!lake_bare_ok("a\rb", 3));
	buf_free(&b);
}

static void
reads(void)
{
	EXPECT_STR(read_str("No-1,Name-2,Open-3\n\"C1\",\"He said \\\"hi\\\"\","
	    "true\n\"C\\\\2\",\"two\nlines, and \\\\\",false\n"),
	    "No-1|Name-2|Open-3\n[C1]|[He said \"hi\"]|true\n"
	    "[C\\2]|[two\nlines, and \\]|false\n");
	/* CRLF; a line break inside a value is its own; spaces kept. */
	EXPECT_STR(read_str("A-1,B-2\r\n\"x\r\ny\", 1 \r\n"),
	    "A-1|B-2\n[x\r\ny]| 1 \n");
	/* Empty lines and a repeated header are skipped; no final LF. */
	EXPECT_STR(read_str("A-1,B-2\n\n\"a\",1\nA-1,B-2\n\"b\",2\n\n\"c\",3"),
	    "A-1|B-2\n[a]|1\n[b]|2\n[c]|3\n");
	/* A header repeated with quotes is no header: a row. */
	EXPECT_STR(read_str("A-1,B-2\n\"A-1\",B-2\n"),
	    "A-1|B-2\n[A-1]|B-2\n");
	/* Empty fields, quoted and bare, and a trailing comma. */
	EXPECT_STR(read_str("A-1,B-2,C-3\n\"\",,\n"),
	    "A-1|B-2|C-3\n[]||\n");
	/* A byte-order mark. */
	EXPECT_STR(read_str("\xEF\xBB\xBF" "A-1\n\"a\"\n"), "A-1\n[a]\n");
}

static void
errors(void)
{
	EXPECT_STR(read_str("A-1,B-2\n\"a\",1\n\"b,2\n"),
	    "A-1|B-2\n[a]|1\nERR 3: unterminated quoted field\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\\x\",1\n"),
	    "A-1|B-2\nERR 2: a backslash before neither a quote nor a "
	    "backslash in a quoted field\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\\"),
	    "A-1|B-2\nERR 2: unterminated quoted field\n");
	EXPECT_STR(read_str("A-1,B-2\n\"x\ny\",1\na\\b,1\n"),
	    "A-1|B-2\n[x\ny]|1\nERR 4: a backslash in an unquoted field\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\",1\"\n"),
	    "A-1|B-2\nERR 2: a quote in an unquoted field\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\"x,1\n"),
	    "A-1|B-2\nERR 2: text after a closing quote\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\",1\rx\n"),
	    "A-1|B-2\nERR 2: a carriage return not followed by a line "
	    "feed\n");
	EXPECT_STR(read_str("A-1,B-2\n\"a\",1\n\"b\"\n"),
	    "A-1|B-2\n[a]|1\nERR 3: row has 1 fields, header has 2\n");
	EXPECT_STR(read_str("A-1,B-2\r\n\"a\",1\n"),
	    "A-1|B-2\nERR 2: line ending differs from the header's\n");
	EXPECT_STR(read_str("A-1,A-1\n"),
	    "ERR 1: duplicate column 'A-1' in header\n");
	EXPECT_STR(read_str(""), "ERR 0: empty input: no header row\n");
	put("A-1,B-2\n\"a\0\",1\n", 15);
	{
		struct buf out = { 0 };

		slurp(&out);
		EXPECT_STR(out.p, "A-1|B-2\nERR 2: NUL byte in input\n");
		buf_free(&out);
	}
}

/* A field longer than the reader's chunk, escapes on either side. */
static void
long_fields(void)
{
	struct buf in = { 0 }, out = { 0 }, want = { 0 };
	size_t i;

	buf_adds(&in, "A-1,B-2\n\"");
	buf_adds(&want, "A-1|B-2\n[");
	for (i = 0; i < 700000; i++) {
		if (i % 65537 == 0) {
			buf_adds(&in, "\\\"\\\\\n");
			buf_adds(&want, "\"\\\n");
		}
		buf_addc(&in, (char)('a' + i % 26));
		buf_addc(&want, (char)('a' + i % 26));
	}
	buf_adds(&in, "\",1\n\"x\",2\n");
	buf_adds(&want, "]|1\n[x]|2\n");
	put(in.p, in.n);
	slurp(&out);
	EXPECT(out.n == want.n && memcmp(out.p, want.p, want.n) == 0);
	buf_free(&in);
	buf_free(&out);
	buf_free(&want);
}

/* Random rows written and read back: the same fields, the same bytes. */
static void
round_trip(void)
{
	static const char alpha[] = "ab,\"\\\n\r x\303\270";
	const struct csvr_row *row;
	char vals[40][3][12];
	int qs[3] = { 1, 0, 1 }, fd, bad = 0;
	size_t i, j, k, n;
	struct lakew *w;
	struct laker *r;
	unsigned seed = 7;

	fd = open(path, O_WRONLY | O_TRUNC);
	w = lakew_new(fd, 1, 0);
	lakew_field(w, "A-1", 3, 0);
	lakew_field(w, "B-2", 3, 0);
	lakew_field(w, "$Company", 8, 0);
	lakew_endrow(w);
	for (i = 0; i < 40; i++) {
		for (j = 0; j < 3; j++) {
			n = (seed = seed * 1103515245 + 12345) % 11;
			for (k = 0; k < n; k++) {
				seed = seed * 1103515245 + 12345;
				vals[i][j][k] = qs[j] ? alpha[(seed >> 8) %
				    (sizeof(alpha) - 1)] : (char)('0' +
				    (seed >> 8) % 10);
			}
			vals[i][j][n] = '\0';
			lakew_field(w, vals[i][j], n, qs[j]);
		}
		lakew_endrow(w);
	}
	EXPECT(lakew_close(w) == 0);
	r = laker_start(path, &row);
	EXPECT(laker_crlf(r) == 1);
	for (i = 0; laker_next(r, &row) == 1; i++)
		for (j = 0; j < 3; j++)
			if (i >= 40 || strcmp(row->f[j].p, vals[i][j]) != 0 ||
			    laker_quoted(r)[j] != qs[j])
				bad = 1;
	EXPECT(i == 40 && !bad);
	laker_close(r);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd == -1)
		return 1;
	close(fd);
	TEST(names);
	TEST(kinds);
	TEST(values);
	TEST(reads);
	TEST(errors);
	TEST(long_fields);
	TEST(round_trip);
	unlink(path);
	return unit_done();
}
