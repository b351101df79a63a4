/*
 * test_idnum: identifier checks (IBAN country formats, EU VAT numbers,
 * national person numbers) on examples that python-stdnum accepts, and
 * the same with one character changed.
 */
#include <string.h>

#include "idnum.h"
#include "unit.h"

/* ok: s, normalised, passes check. */
static int
ok(int (*check)(const char *, size_t), const char *s)
{
	char c[IDNUM_MAX];
	size_t n = idnum_norm(s, strlen(s), c);

	return n <= IDNUM_MAX && check(c, n);
}

static void
norm(void)
{
	char c[IDNUM_MAX];

	EXPECT(idnum_norm("de 89-3704.0044", 15, c) == 12 &&
	    memcmp(c, "DE8937040044", 12) == 0);
	EXPECT(idnum_norm("", 0, c) == 0);
	EXPECT(idnum_norm("1234567890123456789012345678901234567890X", 41,
	    c) == IDNUM_MAX + 1);
}

static void
ibans(void)
{
	EXPECT(ok(idnum_iban, "GB82 WEST 1234 5698 7654 32"));
	EXPECT(ok(idnum_iban, "DE89 3704 0044 0532 0130 00"));
	EXPECT(ok(idnum_iban, "NO93 8601 1117 947"));
	EXPECT(ok(idnum_iban, "MU17 BOMM 0101 1010 3030 0200 000M UR"));
	EXPECT(!ok(idnum_iban, "GB82 WEST 1234 5698 7654 33"));
	/* the checksum holds, the country's length or format does not */
	EXPECT(!ok(idnum_iban, "AT93 1904 3002 3457 3201 99"));
	EXPECT(!ok(idnum_iban, "NL56 3003 0A17 1643 00"));
	EXPECT(!ok(idnum_iban, "QQ93 1234 5678"));
}

static void
vats(void)
{
	EXPECT(ok(idnum_vat, "ATU 142 43 102"));
	EXPECT(ok(idnum_vat, "BE (0)468.561.072"));
	EXPECT(ok(idnum_vat, "DE 118619592"));
	EXPECT(ok(idnum_vat, "DK 13 20 24 35"));
	EXPECT(ok(idnum_vat, "ES A-28184661"));
	EXPECT(ok(idnum_vat, "FR 13 393 892 815"));
	EXPECT(ok(idnum_vat, "IE 632 3420 C"));
	EXPECT(ok(idnum_vat, "NL 8225.69.759 b01"));
	EXPECT(ok(idnum_vat, "SE 556.383.740.901"));
	EXPECT(ok(idnum_vat, "el 094012834"));
	EXPECT(!ok(idnum_vat, "ATU 143 43 102"));
	EXPECT(!ok(idnum_vat, "DE 246X595 415"));
	EXPECT(!ok(idnum_vat, "QQ 124567"));
	EXPECT(!ok(idnum_vat, "SE 55643359201"));
}

static void
people(void)
{
	EXPECT(idnum_dk_cpr("2110625629", 10) == 2);	/* mod 11 too */
	EXPECT(idnum_dk_cpr("0101901234", 10) == 1);
	EXPECT(!idnum_dk_cpr("3102901234", 10));	/* 31 February */
	EXPECT(idnum_fi_hetu("131052-308T", 11));
	EXPECT(!idnum_fi_hetu("131052-308U", 11));
	EXPECT(!idnum_fi_hetu("131052Z308T", 11));
	EXPECT(ok(idnum_nl_bsn, "111222333"));
	EXPECT(!ok(idnum_nl_bsn, "111222334"));
	EXPECT(ok(idnum_be_nn, "85.07.30-033.28"));
	EXPECT(!ok(idnum_be_nn, "85.07.30-033.29"));
	EXPECT(ok(idnum_es_dni, "54362315-K"));
	EXPECT(ok(idnum_es_dni, "X2482300W"));
	EXPECT(!ok(idnum_es_dni, "54362315L"));
	EXPECT(ok(idnum_us_ssn, "536-90-4399"));
	EXPECT(!ok(idnum_us_ssn, "666-12-3456"));
	EXPECT(!ok(idnum_us_ssn, "536-00-4399"));
	EXPECT(ok(idnum_gb_nino, "JG 10 37 59 A"));
	EXPECT(!ok(idnum_gb_nino, "GB103759A"));
	EXPECT(!ok(idnum_gb_nino, "JG103759E"));
	EXPECT(ok(idnum_se_pnr, "880320-0016"));
	EXPECT(ok(idnum_se_pnr, "19880320-0016"));
	EXPECT(!ok(idnum_se_pnr, "880320-0017"));
	EXPECT(ok(idnum_no_fnr, "151086 95088"));
	EXPECT(!ok(idnum_no_fnr, "151086 95089"));
	EXPECT(ok(idnum_it_cf, "RCCMNL83S18D969H"));
	EXPECT(ok(idnum_it_cf, "RSSMRAQRCMNFNLRG"));	/* omocodia */
	EXPECT(!ok(idnum_it_cf, "RCCMNL83S18D969A"));
	EXPECT(idnum_date(2024, 2, 29) && !idnum_date(2026, 2, 29));
}

int
main(void)
{
	TEST(norm);
	TEST(ibans);
	TEST(vats);
	TEST(people);
	return unit_done();
}
