/*
 * csvcopy: read CSV with the project's reader and write it back with its
 * writer, nothing else.  The floor every filter is measured against
 * (make bench), and the tests' way to look at the reader alone.
 *
 * usage: csvcopy [-d C] [--quote-all] [FILE]
 * Exit status: 0 success, 1 data error, 2 usage error.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "csvio.h"
#include "diag.h"
#include "opts.h"

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "delimiter",	required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "quote-all",	no_argument,		NULL, 'Q' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct csvr_row *row;
	struct csvr *r;
	struct csvw *w;
	int ch, delim = ',', quote_all = 0, rc;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			delim = opts_delim(optarg);
			break;
		case 'h':
			printf("usage: csvcopy [-d C] [--quote-all] [FILE]\n");
			return 0;
		case 'Q':
			quote_all = 1;
			break;
		default:
			diag_usage("bad option");
		}
	}
	if (argc - optind > 1)
		diag_usage("too many files");
	r = csvr_start(argv[optind], delim, &row);
	w = csvw_like(STDOUT_FILENO, r, quote_all);
	csvw_row(w, row);
	while ((rc = csvr_next(r, &row)) == 1)
		csvw_row(w, row);
	if (rc == -1)
		csvr_die(r);
	csvw_finish(w, NULL);
	csvr_close(r);
	return 0;
}
