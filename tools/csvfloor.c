/*
 * csvfloor: the benchmark's floor (bench/README.md): a plain libcsv loop,
 * csv_parse callbacks writing each field straight to stdio with minimal
 * quoting (a field is quoted only when it holds a comma, a quote, CR or
 * LF), in the project's dialect (SPEC section 3: strict mode, spaces kept,
 * empty lines dropped, the BOM and the header's line ending written back,
 * a row of one empty field written as "").  No checks beyond libcsv's.
 *
 * usage: csvfloor [FILE]
 * Exit status: 0 success, 1 malformed CSV or an I/O error.
 */
#include <stdio.h>
#include <string.h>

#include <csv.h>

static size_t nf;	/* fields of the current row */
static int empty1;	/* its only field so far is empty */
static int crlf = -1;	/* the output's line ending; -1 until known */
static int hdrcr;	/* the header ended in CR: CRLF if an LF comes next */

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

/* The header's line ending, now known: write it. */
static void
endhdr(int lf)
{
	crlf = lf;
	hdrcr = 0;
	fputs(crlf ? "\r\n" : "\n", stdout);
}

static void
field(void *s, size_t n, void *arg)
{
	const char *p = s, *q;

	(void)arg;
	if (hdrcr)
		endhdr(0);
	if (nf++ > 0)
		putchar(',');
	empty1 = nf == 1 && n == 0;
	if (strcspn(p, ",\"\r\n") == n) {	/* p is NUL-terminated */
		fwrite(p, 1, n, stdout);
		return;
	}
	putchar('"');
	while ((q = memchr(p, '"', n)) != NULL) {
		fwrite(p, 1, (size_t)(q - p) + 1, stdout);
		putchar('"');
		n -= (size_t)(q - p) + 1, p = q + 1;
	}
	fwrite(p, 1, n, stdout);
	putchar('"');
}

static void
row(int c, void *arg)
{
	(void)arg;
	if (nf == 0) {			/* a line break outside a record */
		if (hdrcr)
			endhdr(c == '\n');
		return;
	}
	if (nf == 1 && empty1)
		fputs("\"\"", stdout);
	nf = 0;
	if (crlf != -1)
		fputs(crlf ? "\r\n" : "\n", stdout);
	else if (c == '\r')
		hdrcr = 1;
	else
		endhdr(0);
}

int
main(int argc, char *argv[])
{
	static char in[1 << 16], out[1 << 16];
	struct csv_parser p;
	FILE *f = argc > 1 && strcmp(argv[1], "-") != 0 ?
	    fopen(argv[1], "rb") : stdin;
	size_t n, skip = 0;
	int first = 1;

	if (f == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
		perror("csvfloor");
		return 1;
	}
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	csv_set_space_func(&p, nospace);
	while ((n = fread(in, 1, sizeof(in), f)) > 0) {
		if (first && n >= 3 && memcmp(in, "\357\273\277", 3) == 0)
			fwrite(in, 1, 3, stdout), skip = 3;
		first = 0;
		if (csv_parse(&p, in + skip, n - skip, field, row, NULL) !=
		    n - skip) {
			fprintf(stderr, "csvfloor: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
		skip = 0;
	}
	if (csv_fini(&p, field, row, NULL) != 0) {
		fprintf(stderr, "csvfloor: unterminated quoted field\n");
		return 1;
	}
	if (hdrcr)
		endhdr(0);
	if (ferror(f) || fflush(stdout) == EOF || ferror(stdout)) {
		perror("csvfloor");
		return 1;
	}
	return 0;
}
