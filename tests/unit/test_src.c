/*
 * test_src: document sources built from options in command-line order.
 * The usage errors (an option before any --docs, a repeated single-valued
 * option) exit, and are covered by tests/cases/check-open-docs.sh.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "filter.h"
#include "src.h"
#include "text.h"
#include "unit.h"

static void
options_apply_to_the_latest_docs(void)
{
	struct srclist l = { NULL, 0 };

	src_docs(&l, "Sales Header.csv");
	src_option(&l, "key", "Sell-to Customer No.");
	src_option(&l, "key", "Bill-to Customer No.");
	src_docs(&l, "Customer.csv");
	src_option(&l, "key", "Bill-to Customer No.");
	src_option(&l, "self-key", "No.");
	src_option(&l, "where", "Anonymized=No");
	src_option(&l, "reason", "bill-to of a live customer");
	EXPECT(l.n == 2);
	EXPECT_STR(l.v[0].path, "Sales Header.csv");
	EXPECT(l.v[0].nkeys == 2);
	EXPECT_STR(l.v[0].keys[1], "Bill-to Customer No.");
	EXPECT(l.v[0].where.n == 0);
	EXPECT(l.v[0].selfkey == NULL);
	EXPECT(l.v[0].reason == NULL);
	EXPECT(l.v[1].nkeys == 1);
	EXPECT_STR(l.v[1].selfkey, "No.");
	EXPECT_STR(l.v[1].reason, "bill-to of a live customer");
	EXPECT(l.v[1].datecol == NULL);
	src_free(&l);
	EXPECT(l.n == 0 && l.v == NULL);
}

static void
where_splits_at_the_first_equals(void)
{
	struct srclist l = { NULL, 0 };
	struct where *w;

	src_docs(&l, "Gen. Journal Line.csv");
	src_option(&l, "where", "Account Type=Customer");
	src_option(&l, "where", "Description=a=b");
	src_option(&l, "date", "Posting Date");
	EXPECT(l.v[0].where.n == 2);
	w = &l.v[0].where.v[0];
	EXPECT_STR(w->col, "Account Type");
	EXPECT(filter_match(w->f, "Customer", 8));
	EXPECT(!filter_match(w->f, "Vendor", 6));
	EXPECT_STR(l.v[0].where.v[1].col, "Description");
	EXPECT_STR(l.v[0].where.v[1].expr, "a=b");
	EXPECT_STR(l.v[0].datecol, "Posting Date");
	src_free(&l);
}

static void
many_sources(void)
{
	struct srclist l = { NULL, 0 };
	char name[32];
	int i;

	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "t%d.csv", i);
		src_docs(&l, name);
		src_option(&l, "key", "K");
	}
	EXPECT(l.n == 100);
	EXPECT_STR(l.v[99].path, "t99.csv");
	EXPECT_STR(l.v[42].keys[0], "K");
	src_free(&l);
}

/* text_code: what src_code and scrub call a key written otherwise. */
static void
keys_written_otherwise(void)
{
	struct buf b = { NULL, 0, 0 };
	static const char *const odd[][2] = {
		{ "c00080", "C00080" }, { " C00080", "C00080" },
		{ "C00080 ", "C00080" }, { "\tC0008\t", "C0008" },
		{ "  mo ll  ", "MO LL" }, { "C-1b", "C-1B" },
	};
	static const char *const fine[] = {
		"C00080", "", "   ", "MO LL", "ÅSE", "åSE", "10000", "C-1"
	};
	size_t i;

	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		EXPECT(text_code(odd[i][0], strlen(odd[i][0]), &b) == 1);
		EXPECT_STR(b.p, odd[i][1]);
		EXPECT(b.n == strlen(odd[i][1]));
	}
	buf_reset(&b);
	buf_adds(&b, "untouched");
	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		EXPECT(text_code(fine[i], strlen(fine[i]), &b) == 0);
	EXPECT_STR(b.p, "untouched");
	buf_free(&b);
}

int
main(void)
{
	TEST(keys_written_otherwise);
	TEST(options_apply_to_the_latest_docs);
	TEST(where_splits_at_the_first_equals);
	TEST(many_sources);
	return unit_done();
}
