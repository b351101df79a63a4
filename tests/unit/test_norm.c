/*
 * test_norm: the comparison form (norm_fold) of Turkish dotted and
 * dotless i, German sharp s, Greek final sigma, Vietnamese stacked
 * diacritics, Romanian comma-below, full-width digits, white space;
 * the map back to the input's bytes; phone numbers as digit sequences.
 */
#include <stdio.h>
#include <string.h>

#include "norm.h"
#include "unit.h"

/* fold: s folded, in a static buffer. */
static const char *
fold(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	norm_fold(&b, s, strlen(s), NULL);
	return b.p;
}

static void
turkish(void)
{
	EXPECT_STR(fold("ELİF ŞİMŞEK"), "elif simsek");
	EXPECT_STR(fold("Elif Şimşek"), "elif simsek");
	EXPECT_STR(fold("İSTANBUL"), "istanbul");
	/* Dotless ı stays itself: it is a letter of its own. */
	EXPECT_STR(fold("ılık"), "ılık");
}

static void
german(void)
{
	EXPECT_STR(fold("STRASSE"), fold("Straße"));
	EXPECT_STR(fold("Straße"), "strasse");
	EXPECT_STR(fold("GRÜẞE"), "grusse");
	EXPECT_STR(fold("Jürgen Müller"), "jurgen muller");
}

static void
greek(void)
{
	EXPECT_STR(fold("ΝΙΚΟΣ ΠΑΠΠΑΣ"), fold("Νίκος Παππάς"));
	EXPECT_STR(fold("Νίκος"), "νικοσ");
}

static void
vietnamese(void)
{
	EXPECT_STR(fold("NGUYỄN"), "nguyen");
	EXPECT_STR(fold("Nguyễn Thị Ánh"), "nguyen thi anh");
	/* Decomposed input folds alike. */
	EXPECT_STR(fold("Nguye\xcc\x82\xcc\x83n"), "nguyen");
}

static void
romanian(void)
{
	EXPECT_STR(fold("MUREȘAN"), "muresan");
	EXPECT_STR(fold("Mureşan"), "muresan");	/* cedilla spelling */
}

static void
fullwidth(void)
{
	EXPECT_STR(fold("\xef\xbc\x99\xef\xbc\x99\xef\xbc\x90\xef\xbc\x92"),
	    "9902");
	EXPECT_STR(fold("ＡＢＣ"), "abc");
	EXPECT_STR(fold("ﬁle"), "file");
}

static void
spaces(void)
{
	EXPECT_STR(fold("  Jensen \t Holding  "), "jensen holding");
	EXPECT_STR(fold("Line one\r\nLine two"), "line one line two");
	EXPECT_STR(fold("a\xc2\xa0\xc2\xa0" "b"), "a b");	/* NBSP */
	EXPECT_STR(fold(""), "");
	EXPECT_STR(fold("   "), "");
}

static void
invalid(void)
{
	EXPECT_STR(fold("A\xff" "B"), "a\xff" "b");
	EXPECT_STR(fold("\xc3"), "\xc3");
}

/* The map: each folded byte back to the input's bytes. */
static void
map(void)
{
	struct buf b = { NULL, 0, 0 };
	struct norm_map m = { NULL, NULL, 0, 0 };
	const char *s = " Straße  Nguye\xcc\x82\xcc\x83n";
	size_t at;

	norm_fold(&b, s, strlen(s), &m);
	EXPECT_STR(b.p, "strasse nguyen");
	EXPECT(m.n == b.n);
	EXPECT(m.from[0] == 1 && m.to[0] == 2);		/* s */
	EXPECT(m.from[4] == 5 && m.to[4] == 7);		/* ß: s */
	EXPECT(m.from[5] == 5 && m.to[5] == 7);		/* ß: s */
	EXPECT(m.from[7] == 8 && m.to[7] == 10);	/* the two spaces */
	at = (size_t)(strstr(b.p, "nguyen") - b.p);
	/* e takes its two marks along. */
	EXPECT(m.from[at + 4] == 14 && m.to[at + 4] == 19);
	EXPECT(m.to[b.n - 1] == strlen(s));
	/* Appending: a second fold's map counts from its own input. */
	norm_fold(&b, "ÅB", 3, &m);
	EXPECT_STR(b.p, "strasse nguyenab");
	EXPECT(m.n == 2 && m.from[0] == 0 && m.to[0] == 2 &&
	    m.from[1] == 2);
	buf_free(&b);
	norm_map_free(&m);
}

/* phone: the national digits of s, or "" */
static const char *
phone(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	buf_add(&b, "", 0);
	norm_phone(&b, s, strlen(s));
	return b.p;
}

static void
phones(void)
{
	EXPECT_STR(phone("+45 99 99 00 20"), "99990020");
	EXPECT_STR(phone("0045 99990020"), "99990020");
	EXPECT_STR(phone("99 99 00 20"), "99990020");
	EXPECT_STR(phone("+44 (0)20 7946 0958"), "2079460958");
	EXPECT_STR(phone("020 7946 0958"), "2079460958");
	EXPECT_STR(phone("8000"), "");			/* too short */
	EXPECT_STR(phone("Tel 99990020"), "");		/* not only a number */
	EXPECT_STR(phone("+999 123456"), "");		/* no such code */
}

/* in: t holds the phone number s. */
static int
in(const char *t, const char *s)
{
	struct buf b = { NULL, 0, 0 };
	size_t kn;
	int r;

	kn = norm_phone(&b, s, strlen(s));
	r = kn > 0 && norm_phone_in(t, strlen(t), b.p, kn);
	buf_free(&b);
	return r;
}

static void
phones_in(void)
{
	const char *p = "+45 99 99 00 20";

	EXPECT(in("call +45 9999 0020 today", p));
	EXPECT(in("TLF4599990020", p));
	EXPECT(in("0045-9999-0020", p));
	EXPECT(in("99990020", p));
	EXPECT(in("(0)99 99 00 20", p));
	EXPECT(in("ref 2026-11-29 / 99 99 00 20", p));
	EXPECT(!in("599990020", p));		/* inside a longer number */
	EXPECT(!in("999900201", p));
	EXPECT(!in("9999 0021", p));
	EXPECT(!in("12399990020", p));		/* 123: no country code */
	EXPECT(in("+44 20 7946 0958", "020 7946 0958"));
	EXPECT(in("020-7946-0958", "+44 (0)20 7946 0958"));
}

int
main(void)
{
	TEST(turkish);
	TEST(german);
	TEST(greek);
	TEST(vietnamese);
	TEST(romanian);
	TEST(fullwidth);
	TEST(spaces);
	TEST(invalid);
	TEST(map);
	TEST(phones);
	TEST(phones_in);
	return unit_done();
}
