/*
 * csvjson: print the records of a CSV file as a JSON array of objects
 * keyed by the header, as the csv-spectrum suite states them.  A test
 * tool: it shows what the project's reader parsed, independently of the
 * writer.
 *
 * usage: csvjson [-d C] [FILE]
 * Exit status: 0 success, 1 data error, 2 usage error.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>

#include "csvio.h"
#include "diag.h"
#include "opts.h"

static void
jstr(const char *p, size_t n)
{
	size_t i;
	unsigned char c;

	putchar('"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "delimiter",	required_argument,	NULL, 'd' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct csvr_row *hdr, *row;
	struct csvr *r;
	size_t i, nrows = 0;
	int ch, delim = ',', rc;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
		if (ch == 'd')
			delim = opts_delim(optarg);
		else
			diag_usage("bad option");
	}
	r = csvr_start(argv[optind], delim, &hdr);
	putchar('[');
	while ((rc = csvr_next(r, &row)) == 1) {
		fputs(nrows++ > 0 ? ",\n{" : "\n{", stdout);
		for (i = 0; i < row->nf; i++) {
			if (i > 0)
				putchar(',');
			jstr(hdr->f[i].p, hdr->f[i].n);
			putchar(':');
			jstr(row->f[i].p, row->f[i].n);
		}
		putchar('}');
	}
	if (rc == -1)
		csvr_die(r);
	fputs("\n]\n", stdout);
	csvr_close(r);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
