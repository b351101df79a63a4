/*
 * test_csvio: the writer against a reference minimal quoting, byte for
 * byte, for fields of every length up to past a word and the buffer,
 * with each byte that forces quoting at each position; and the reader
 * reading back random rows so written: the same fields and the line
 * where each record starts, across its chunks.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "csvio.h"
#include "unit.h"

/* ref_field: what minimal quoting makes of s[0..n), appended to out. */
static void
ref_field(struct buf *out, int delim, const char *s, size_t n)
{
	size_t i;
	int q = 0;

	for (i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			q = 1;
	if (!q) {
		buf_add(out, s, n);
		return;
	}
	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(out, '"');
		buf_addc(out, s[i]);
	}
	buf_addc(out, '"');
}

/*
 * A row "x,FIELD,y" for every field of lengths 0..MAXN made of plain
 * bytes with one byte of "specials" (or none) at each position: the
 * writer writes what ref_field does.
 */
#define MAXN	80

static void
writer_quotes_minimally(void)
{
	static const int delims[] = { ',', ';', '\t' };
	static const char specials[] = { ',', ';', '\t', '"', '\r', '\n',
	    '\0', 'a' };
	struct buf got = { 0 }, want = { 0 };
	char f[MAXN + 1];
	size_t d, n, pos, k, i;
	struct csvw *w;
	int bad = 0;

	for (d = 0; d < sizeof(delims) / sizeof(delims[0]); d++) {
		w = csvw_mem(&got, delims[d], 0, 0);
		for (n = 0; n <= MAXN; n++)
			for (k = 0; k < sizeof(specials); k++)
				for (pos = 0; pos <= n; pos++) {
					for (i = 0; i < n; i++)
						f[i] = (char)('A' + i % 26);
					if (pos < n)
						f[pos] = specials[k];
					buf_reset(&got);
					buf_reset(&want);
					csvw_str(w, "x");
					csvw_field(w, f, n);
					csvw_str(w, "y");
					csvw_endrow(w);
					csvw_flush(w);
					buf_adds(&want, "x");
					buf_addc(&want, (char)delims[d]);
					ref_field(&want, delims[d], f, n);
					buf_addc(&want, (char)delims[d]);
					buf_adds(&want, "y\n");
					if (got.n != want.n ||
					    memcmp(got.p, want.p, got.n) != 0)
						bad++;
					if (pos == n)
						break;
				}
		csvw_close(w);
	}
	EXPECT(bad == 0);
	buf_free(&got);
	buf_free(&want);
}

/* Fields longer than the writer's buffer, plain and quoted. */
static void
writer_long_fields(void)
{
	struct buf got = { 0 }, want = { 0 };
	size_t sizes[] = { 255, 256, 4096, 300000, 600001 };
	size_t i, j, n;
	struct csvw *w;
	char *f;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i];
		f = malloc(n);
		for (j = 0; j < n; j++)
			f[j] = (char)('a' + j % 23);
		for (j = 0; j < 3; j++) {
			if (j == 1)
				f[n - 1] = '"';
			if (j == 2)
				f[n / 2] = '\n';
			buf_reset(&got);
			buf_reset(&want);
			w = csvw_mem(&got, ',', 0, 0);
			csvw_str(w, "x");
			csvw_field(w, f, n);
			csvw_endrow(w);
			csvw_close(w);
			buf_adds(&want, "x,");
			ref_field(&want, ',', f, n);
			buf_addc(&want, '\n');
			EXPECT(got.n == want.n &&
			    memcmp(got.p, want.p, got.n) == 0);
		}
		free(f);
	}
	buf_free(&got);
	buf_free(&want);
}

static uint64_t seed = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* rnd_field: a field of random length (mostly short) and bytes. */
static size_t
rnd_field(char *f)
{
	static const char alphabet[] = "ab ,\"\r\n\xc3\xb8";
	size_t n, i;

	switch (rnd() % 8) {
	case 0:
		n = 0;
		break;
	case 1:
		n = rnd() % 2000;
		break;
	default:
		n = rnd() % 40;
	}
	for (i = 0; i < n; i++)
		f[i] = rnd() % 4 == 0 ? alphabet[rnd() % (sizeof(alphabet) - 1)]
		    : (char)('a' + rnd() % 26);
	return n;
}

#define WIDTH	7
#define ROWS	3000

/*
 * Random rows (some fields with quotes, CR and LF, some long) written by
 * the writer, with LF and with CRLF line endings, read back by the
 * reader: the same fields, and each record's line is one more than the
 * LFs written before it.
 */
static void
reader_reads_back(void)
{
	static char fields[ROWS][WIDTH][2000];
	static size_t lens[ROWS][WIDTH];
	static unsigned long lines[ROWS];
	char path[] = "/tmp/test_csvio.XXXXXX";
	const struct csvr_row *hdr, *row;
	struct buf out = { 0 };
	struct csvr *r;
	struct csvw *w;
	size_t i, j, k, rows;
	int crlf, fd, rc, bad;
	char name[16];
	unsigned long nl;

	for (crlf = 0; crlf <= 1; crlf++) {
		buf_reset(&out);
		w = csvw_mem(&out, ',', crlf, 0);
		for (j = 0; j < WIDTH; j++) {
			snprintf(name, sizeof(name), "c%zu", j);
			csvw_str(w, name);
		}
		csvw_endrow(w);
		k = 0;
		nl = 1;
		for (i = 0; i < ROWS; i++) {
			csvw_flush(w);
			for (; k < out.n; k++)
				nl += out.p[k] == '\n';
			lines[i] = nl;
			for (j = 0; j < WIDTH; j++) {
				lens[i][j] = rnd_field(fields[i][j]);
				csvw_field(w, fields[i][j], lens[i][j]);
			}
			csvw_endrow(w);
		}
		csvw_close(w);
		fd = mkstemp(path);
		EXPECT(fd != -1 && write(fd, out.p, out.n) == (ssize_t)out.n);
		close(fd);
		EXPECT(out.n > 3 * 256 * 1024);	/* several chunks */

		r = csvr_open(path, ',');
		EXPECT(r != NULL && csvr_header(r, &hdr) == 1);
		EXPECT(csvr_crlf(r) == crlf);
		rows = bad = 0;
		while ((rc = csvr_next(r, &row)) == 1) {
			if (rows == ROWS || row->nf != WIDTH ||
			    row->line != lines[rows])
				bad++;
			for (j = 0; rows < ROWS && j < row->nf; j++)
				if (row->f[j].n != lens[rows][j] ||
				    memcmp(row->f[j].p, fields[rows][j],
				    row->f[j].n) != 0 ||
				    row->f[j].p[row->f[j].n] != '\0')
					bad++;
			rows++;
		}
		EXPECT(rc == 0);
		EXPECT(rows == ROWS);
		EXPECT(bad == 0);
		csvr_close(r);
		unlink(path);
		strcpy(path, "/tmp/test_csvio.XXXXXX");
	}
	buf_free(&out);
}

int
main(void)
{
	TEST(writer_quotes_minimally);
	TEST(writer_long_fields);
	TEST(reader_reads_back);
	return unit_done();
}
