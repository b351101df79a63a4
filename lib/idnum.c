/*
 * idnum: identifiers' check digits and formats (see idnum.h).
 *
 * The algorithms are the published ones, as python-stdnum implements
 * them (its test lists are tests/pii-vectors/python-stdnum).  Formats
 * only, no check digits, for: BG VAT numbers of 10 digits (a person's
 * EGN or a foreigner's number), CZ VAT numbers of 9 or 10 digits (birth
 * numbers), LV VAT numbers of persons, EU (OSS) numbers.
 */
#include <string.h>

#include "idnum.h"

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isup(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
alldig(const char *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig(c[i]))
			return 0;
	return n > 0;
}

/* num: the value of the digits c[0..n) (n <= 18). */
static long long
num(const char *c, size_t n)
{
	long long v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (c[i] - '0');
	return v;
}

/* wsum: sum of w[i] times digit i of c, for i < n. */
static int
wsum(const char *c, const int *w, size_t n)
{
	int s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += w[i] * (c[i] - '0');
	return s;
}

/* luhn: the Luhn checksum of c[0..n) (0 when valid). */
static int
luhn(const char *c, size_t n)
{
	int s = 0, d;
	size_t i, k = 0;

	for (i = n; i-- > 0; k++) {
		d = c[i] - '0';
		if (k % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		s += d;
	}
	return s % 10;
}

/* mod1110: the ISO 7064 mod 11,10 checksum (1 when valid). */
static int
mod1110(const char *c, size_t n)
{
	int check = 5;
	size_t i;

	for (i = 0; i < n; i++)
		check = (((check == 0 ? 10 : check) * 2) % 11 + (c[i] - '0')) %
		    10;
	return check;
}

/* mod97: c[0..n), letters as 10..35, mod 97. */
static int
mod97(const char *c, size_t n)
{
	unsigned rem = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (isdig(c[i]))
			rem = (rem * 10 + (unsigned)(c[i] - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(c[i] - 'A' + 10)) % 97;
	}
	return (int)rem;
}

size_t
idnum_norm(const char *p, size_t n, char out[IDNUM_MAX])
{
	size_t i, k = 0;
	char c;

	for (i = 0; i < n; i++) {
		c = p[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		if (!isdig(c) && !isup(c))
			continue;
		if (k == IDNUM_MAX)
			return IDNUM_MAX + 1;
		out[k++] = c;
	}
	return k;
}

/* BBAN formats: counts of n (digits), a (upper case), c (either). */
static const struct {
	char	cc[3];
	char	bban[12];
} ibans[] = {
	{ "AD", "8n12c" }, { "AE", "19n" }, { "AL", "8n16c" },
	{ "AT", "16n" }, { "AZ", "4a20c" }, { "BA", "16n" },
	{ "BE", "12n" }, { "BG", "4a6n8c" }, { "BH", "4a14c" },
	{ "BI", "23n" }, { "BR", "23n1a1c" }, { "BY", "4c4n16c" },
	{ "CH", "5n12c" }, { "CR", "18n" }, { "CY", "8n16c" },
	{ "CZ", "20n" }, { "DE", "18n" }, { "DJ", "23n" }, { "DK", "14n" },
	{ "DO", "4c20n" }, { "EE", "16n" }, { "EG", "25n" }, { "ES", "20n" },
	{ "FI", "14n" }, { "FO", "14n" }, { "FR", "10n11c2n" },
	{ "GB", "4a14n" }, { "GE", "2a16n" }, { "GI", "4a15c" },
	{ "GL", "14n" }, { "GR", "7n16c" }, { "GT", "24c" },
	{ "HR", "17n" }, { "HU", "24n" }, { "IE", "4a14n" }, { "IL", "19n" },
	{ "IQ", "4a15n" }, { "IS", "22n" }, { "IT", "1a10n12c" },
	{ "JO", "4a4n18c" }, { "KW", "4a22c" }, { "KZ", "3n13c" },
	{ "LB", "4n20c" }, { "LC", "4a24c" }, { "LI", "5n12c" },
	{ "LT", "16n" }, { "LU", "3n13c" }, { "LV", "4a13c" },
	{ "LY", "21n" }, { "MC", "10n11c2n" }, { "MD", "20c" },
	{ "ME", "18n" }, { "MK", "3n10c2n" }, { "MR", "23n" },
	{ "MT", "4a5n18c" }, { "MU", "4a19n3a" }, { "NL", "4a10n" },
	{ "NO", "11n" }, { "PK", "4a16c" }, { "PL", "24n" },
	{ "PS", "4a21c" }, { "PT", "21n" }, { "QA", "4a21c" },
	{ "RO", "4a16c" }, { "RS", "18n" }, { "RU", "14n15c" },
	{ "SA", "2n18c" }, { "SC", "4a20n3a" }, { "SD", "14n" },
	{ "SE", "20n" }, { "SI", "15n" }, { "SK", "20n" },
	{ "SM", "1a10n12c" }, { "ST", "21n" }, { "SV", "4a20n" },
	{ "TL", "19n" }, { "TN", "20n" }, { "TR", "6n16c" },
	{ "UA", "6n19c" }, { "VA", "18n" }, { "VG", "4a16n" },
	{ "XK", "16n" },
};

int
idnum_iban(const char *c, size_t n)
{
	const char *f;
	size_t i, k, at, len;
	char r[IDNUM_MAX];

	if (n < 5 || n > 34 || !isdig(c[2]) || !isdig(c[3]))
		return 0;
	for (i = 0; i < sizeof(ibans) / sizeof(ibans[0]); i++)
		if (c[0] == ibans[i].cc[0] && c[1] == ibans[i].cc[1])
			break;
	if (i == sizeof(ibans) / sizeof(ibans[0]))
		return 0;
	at = 4;
	for (f = ibans[i].bban; *f != '\0'; f++) {
		for (len = 0; isdig(*f); f++)
			len = len * 10 + (size_t)(*f - '0');
		for (k = 0; k < len; k++, at++) {
			if (at >= n)
				return 0;
			if ((*f == 'n' && !isdig(c[at])) ||
			    (*f == 'a' && !isup(c[at])))
				return 0;
		}
	}
	if (at != n)
		return 0;
	memcpy(r, c + 4, n - 4);
	memcpy(r + n - 4, c, 4);
	return mod97(r, n) == 1;
}

/* --- EU VAT numbers (body: the number without its country prefix) --- */

static int
vat_at(const char *b, size_t n)
{
	return n == 9 && b[0] == 'U' && alldig(b + 1, 8) &&
	    (b[8] - '0') == ((6 - luhn(b + 1, 7)) % 10 + 10) % 10;
}

static int
vat_be(const char *b, size_t n)
{
	char d[10];

	if (n == 9 && alldig(b, 9)) {
		d[0] = '0';
		memcpy(d + 1, b, 9);
	} else if (n == 10 && alldig(b, 10))
		memcpy(d, b, 10);
	else
		return 0;
	return (d[0] == '0' || d[0] == '1') &&
	    (num(d, 8) + num(d + 8, 2)) % 97 == 0;
}

static int
vat_bg(const char *b, size_t n)
{
	int s = 0, i;

	if (n == 10)
		return alldig(b, 10);
	if (n != 9 || !alldig(b, 9))
		return 0;
	for (i = 0; i < 8; i++)
		s += (i + 1) * (b[i] - '0');
	s %= 11;
	if (s == 10) {
		for (s = 0, i = 0; i < 8; i++)
			s += (i + 3) * (b[i] - '0');
		s %= 11;
	}
	return s % 10 == b[8] - '0';
}

static int
vat_cy(const char *b, size_t n)
{
	static const int odd[10] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21 };
	int s = 0, i;

	if (n != 9 || !alldig(b, 8) || !isup(b[8]) ||
	    (b[0] == '1' && b[1] == '2'))
		return 0;
	for (i = 0; i < 8; i++)
		s += i % 2 == 0 ? odd[b[i] - '0'] : b[i] - '0';
	return b[8] == 'A' + s % 26;
}

static int
vat_cz(const char *b, size_t n)
{
	static const int w[7] = { 8, 7, 6, 5, 4, 3, 2 };
	int check;

	if (!alldig(b, n))
		return 0;
	if (n == 8) {
		if (b[0] == '9')
			return 0;
		check = (11 - wsum(b, w, 7) % 11) % 11;
		return (check == 0 ? 1 : check) % 10 == b[7] - '0';
	}
	if (n == 10)
		return num(b, 10) % 11 == 0 || b[9] == '0';
	return n == 9;
}

static int
vat_de(const char *b, size_t n)
{
	return n == 9 && alldig(b, 9) && b[0] != '0' && mod1110(b, 9) == 1;
}

static int
vat_dk(const char *b, size_t n)
{
	static const int w[8] = { 2, 7, 6, 5, 4, 3, 2, 1 };

	return n == 8 && alldig(b, 8) && b[0] != '0' && wsum(b, w, 8) % 11 == 0;
}

static int
vat_ee(const char *b, size_t n)
{
	static const int w[9] = { 3, 7, 1, 3, 7, 1, 3, 7, 1 };

	return n == 9 && alldig(b, 9) && wsum(b, w, 9) % 10 == 0;
}

static int
vat_el(const char *b, size_t n)
{
	char d[9];
	int s = 0, i;

	if (n == 8 && alldig(b, 8)) {
		d[0] = '0';
		memcpy(d + 1, b, 8);
	} else if (n == 9 && alldig(b, 9))
		memcpy(d, b, 9);
	else
		return 0;
	for (i = 0; i < 8; i++)
		s = s * 2 + (d[i] - '0');
	return s * 2 % 11 % 10 == d[8] - '0';
}

static const char dniletters[] = "TRWAGMYFPDXBNJZSQVHLCKE";

static int
vat_es(const char *b, size_t n)
{
	int s = 0, i, d, check;

	if (n != 9 || !alldig(b + 1, 7))
		return 0;
	if (isdig(b[0]) || b[0] == 'X' || b[0] == 'Y' || b[0] == 'Z')
		return idnum_es_dni(b, n);
	if (b[0] == 'K' || b[0] == 'L' || b[0] == 'M')
		return b[8] == dniletters[num(b + 1, 7) % 23];
	if (strchr("ABCDEFGHJNPQRSUVW", b[0]) == NULL)
		return 0;
	/* CIF */
	for (i = 1; i < 8; i++) {
		d = b[i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			d = d / 10 + d % 10;
		}
		s += d;
	}
	check = (10 - s % 10) % 10;
	return b[8] == '0' + check || b[8] == "JABCDEFGHI"[check];
}

static int
vat_fi(const char *b, size_t n)
{
	static const int w[8] = { 7, 9, 10, 5, 8, 4, 2, 1 };

	return n == 8 && alldig(b, 8) && wsum(b, w, 8) % 11 == 0;
}

static int
vat_fr(const char *b, size_t n)
{
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	const char *p0, *p1;
	char s[11];
	long long check;

	if (n != 11 || !alldig(b + 2, 9))
		return 0;
	if ((p0 = strchr(alpha, b[0])) == NULL ||
	    (p1 = strchr(alpha, b[1])) == NULL)
		return 0;
	if (!(b[2] == '0' && b[3] == '0' && b[4] == '0') && luhn(b + 2, 9))
		return 0;
	if (isdig(b[0]) && isdig(b[1])) {
		memcpy(s, b + 2, 9);
		s[9] = '1';
		s[10] = '2';
		return num(b, 2) == num(s, 11) % 97;
	}
	if (isdig(b[0]))
		check = (p0 - alpha) * 24 + (p1 - alpha) - 10;
	else
		check = (p0 - alpha) * 34 + (p1 - alpha) - 100;
	return (num(b + 2, 9) + 1 + check / 11) % 11 == check % 11;
}

static int
vat_hr(const char *b, size_t n)
{
	return n == 11 && alldig(b, 11) && mod1110(b, 11) == 1;
}

static int
vat_hu(const char *b, size_t n)
{
	static const int w[8] = { 9, 7, 3, 1, 9, 7, 3, 1 };

	return n == 8 && alldig(b, 8) && wsum(b, w, 8) % 10 == 0;
}

static int
ie_check(const char *d7, int extra)
{
	static const char alpha[] = "WABCDEFGHIJKLMNOPQRSTUV";
	int s = 0, i;

	for (i = 0; i < 7; i++)
		s += (8 - i) * (d7[i] - '0');
	return alpha[(s + 9 * extra) % 23];
}

static int
vat_ie(const char *b, size_t n)
{
	static const char alpha[] = "WABCDEFGHIJKLMNOPQRSTUV";
	const char *e;
	char d[7];
	size_t i;

	if ((n != 8 && n != 9) || !isdig(b[0]) || !alldig(b + 2, 5))
		return 0;
	for (i = 7; i < n; i++)
		if (strchr(alpha, b[i]) == NULL)
			return 0;
	if (alldig(b, 7)) {
		e = n == 9 ? strchr(alpha, b[8]) : alpha;
		return b[7] == ie_check(b, (int)(e - alpha));
	}
	if (n != 8 || !isup(b[1]))
		return 0;
	d[0] = '0';
	memcpy(d + 1, b + 2, 5);
	d[6] = b[0];
	return b[7] == ie_check(d, 0);
}

static int
vat_it(const char *b, size_t n)
{
	long long office;

	if (n != 11 || !alldig(b, 11) || num(b, 7) == 0)
		return 0;
	office = num(b + 7, 3);
	if (!((office >= 1 && office <= 100) || office == 120 ||
	    office == 121 || office == 888 || office == 999))
		return 0;
	return luhn(b, 11) == 0;
}

static int
vat_lt(const char *b, size_t n)
{
	int s = 0;
	size_t i;

	if (!alldig(b, n) || !((n == 9 && b[7] == '1') ||
	    (n == 12 && b[10] == '1')))
		return 0;
	for (i = 0; i + 1 < n; i++)
		s += (int)(1 + i % 9) * (b[i] - '0');
	s %= 11;
	if (s == 10) {
		for (s = 0, i = 0; i + 1 < n; i++)
			s += (int)(1 + (i + 2) % 9) * (b[i] - '0');
	}
	return s % 11 % 10 == b[n - 1] - '0';
}

static int
vat_lu(const char *b, size_t n)
{
	return n == 8 && alldig(b, 8) && num(b, 6) % 89 == num(b + 6, 2);
}

static int
vat_lv(const char *b, size_t n)
{
	static const int w[11] = { 9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1 };

	if (n != 11 || !alldig(b, 11))
		return 0;
	if (b[0] > '3')
		return wsum(b, w, 11) % 11 == 3;
	return idnum_date(1900 + (int)num(b + 4, 2), (int)num(b + 2, 2),
	    (int)num(b, 2)) || idnum_date(2000 + (int)num(b + 4, 2),
	    (int)num(b + 2, 2), (int)num(b, 2));
}

static int
vat_mt(const char *b, size_t n)
{
	static const int w[8] = { 3, 4, 6, 7, 8, 9, 10, 1 };

	return n == 8 && alldig(b, 8) && b[0] != '0' && wsum(b, w, 8) % 37 == 0;
}

static int
vat_nl(const char *b, size_t n)
{
	char r[16], z[12];

	if (n >= 10 && n < 12) {	/* leading zeros left out */
		memset(z, '0', 12 - n);
		memcpy(z + 12 - n, b, n);
		b = z;
		n = 12;
	}
	if (n != 12 || !alldig(b, 9) || b[9] != 'B' || !alldig(b + 10, 2) ||
	    num(b, 9) == 0 || num(b + 10, 2) == 0)
		return 0;
	if (idnum_nl_bsn(b, 9))
		return 1;
	r[0] = 'N';
	r[1] = 'L';
	memcpy(r + 2, b, 12);
	return mod97(r, 14) == 1;
}

static int
vat_pl(const char *b, size_t n)
{
	static const int w[10] = { 6, 5, 7, 2, 3, 4, 5, 6, 7, -1 };

	return n == 10 && alldig(b, 10) && wsum(b, w, 10) % 11 == 0;
}

static int
vat_pt(const char *b, size_t n)
{
	static const int w[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };

	return n == 9 && alldig(b, 9) && b[0] != '0' &&
	    (11 - wsum(b, w, 8) % 11) % 11 % 10 == b[8] - '0';
}

static int
vat_ro(const char *b, size_t n)
{
	static const int w9[9] = { 7, 5, 3, 2, 1, 7, 5, 3, 2 };
	static const int w12[12] = { 2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9 };
	char d[9];
	int s;

	if (!alldig(b, n) || b[0] == '0')
		return 0;
	if (n == 13) {
		s = wsum(b, w12, 12) % 11;
		return (s == 10 ? 1 : s) == b[12] - '0';
	}
	if (n < 2 || n > 10)
		return 0;
	memset(d, '0', 9);
	memcpy(d + 9 - (n - 1), b, n - 1);
	return 10 * wsum(d, w9, 9) % 11 % 10 == b[n - 1] - '0';
}

static int
vat_se(const char *b, size_t n)
{
	return n == 12 && alldig(b, 12) && b[10] == '0' && b[11] == '1' &&
	    luhn(b, 10) == 0;
}

static int
vat_si(const char *b, size_t n)
{
	static const int w[7] = { 8, 7, 6, 5, 4, 3, 2 };
	int check;

	if (n != 8 || !alldig(b, 8) || b[0] == '0')
		return 0;
	check = 11 - wsum(b, w, 7) % 11;
	if (check == 10)
		check = 0;
	return check == b[7] - '0';
}

static int
vat_sk(const char *b, size_t n)
{
	if (n != 10 || !alldig(b, 10))
		return 0;
	if (num(b, 10) % 11 == 0 && b[0] != '0' &&
	    strchr("234789", b[2]) != NULL)
		return 1;
	return num(b, 10) % 11 == 0;
}

static int
vat_xi(const char *b, size_t n)
{
	static const int w[9] = { 8, 7, 6, 5, 4, 3, 2, 10, 1 };
	int s;

	if (n == 5 && alldig(b + 2, 3))
		return (b[0] == 'G' && b[1] == 'D' && num(b + 2, 3) < 500) ||
		    (b[0] == 'H' && b[1] == 'A' && num(b + 2, 3) >= 500);
	if ((n != 9 && n != 12) || !alldig(b, n))
		return 0;
	s = wsum(b, w, 9) % 97;
	if (num(b, 3) >= 100)
		return s == 0 || s == 42 || s == 55;
	return s == 0;
}

static int
vat_eu(const char *b, size_t n)
{
	return n == 9 && alldig(b, 9);
}

static const struct {
	char	cc[3];
	int	(*check)(const char *, size_t);
} vats[] = {
	{ "AT", vat_at }, { "BE", vat_be }, { "BG", vat_bg },
	{ "CY", vat_cy }, { "CZ", vat_cz }, { "DE", vat_de },
	{ "DK", vat_dk }, { "EE", vat_ee }, { "EL", vat_el },
	{ "GR", vat_el }, { "ES", vat_es }, { "FI", vat_fi },
	{ "FR", vat_fr }, { "HR", vat_hr }, { "HU", vat_hu },
	{ "IE", vat_ie }, { "IT", vat_it }, { "LT", vat_lt },
	{ "LU", vat_lu }, { "LV", vat_lv }, { "MT", vat_mt },
	{ "NL", vat_nl }, { "PL", vat_pl }, { "PT", vat_pt },
	{ "RO", vat_ro }, { "SE", vat_se }, { "SI", vat_si },
	{ "SK", vat_sk }, { "XI", vat_xi }, { "EU", vat_eu },
};

int
idnum_vat(const char *c, size_t n)
{
	size_t i;

	if (n < 4)
		return 0;
	for (i = 0; i < sizeof(vats) / sizeof(vats[0]); i++)
		if (c[0] == vats[i].cc[0] && c[1] == vats[i].cc[1])
			return vats[i].check(c + 2, n - 2);
	return 0;
}

/* --- national person numbers --- */

int
idnum_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29)
		return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return 1;
}

/* date2: the two-digit-year date exists in the 1900s or the 2000s. */
static int
date2(int yy, int m, int d)
{
	return idnum_date(1900 + yy, m, d) || idnum_date(2000 + yy, m, d);
}

int
idnum_se_pnr(const char *c, size_t n)
{
	int y, m, d;

	if ((n != 10 && n != 12) || !alldig(c, n))
		return 0;
	if (n == 12) {
		y = (int)num(c, 4);
		if (y < 1800 || y > 2099)
			return 0;
		c += 2;
	}
	y = (int)num(c, 2);
	m = (int)num(c + 2, 2);
	d = (int)num(c + 4, 2);
	if (d > 60)
		d -= 60;
	return date2(y, m, d) && luhn(c, 10) == 0;
}

int
idnum_no_fnr(const char *c, size_t n)
{
	static const int w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int d, m, k;

	if (n != 11 || !alldig(c, 11))
		return 0;
	d = (int)num(c, 2);
	m = (int)num(c + 2, 2);
	if (d > 40)
		d -= 40;
	if (m > 80)
		m -= 80;
	else if (m > 40)
		m -= 40;
	if (!date2((int)num(c + 4, 2), m, d))
		return 0;
	k = (11 - wsum(c, w1, 9) % 11) % 11;
	if (k == 10 || k != c[9] - '0')
		return 0;
	k = (11 - wsum(c, w2, 10) % 11) % 11;
	return k != 10 && k == c[10] - '0';
}

int
idnum_dk_cpr(const char *c, size_t n)
{
	static const int w[10] = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };
	int yy, y, s7;

	if (n != 10 || !alldig(c, 10))
		return 0;
	yy = (int)num(c + 4, 2);
	s7 = c[6] - '0';
	if (s7 <= 3)
		y = 1900 + yy;
	else if (s7 == 4 || s7 == 9)
		y = yy <= 36 ? 2000 + yy : 1900 + yy;
	else
		y = yy <= 57 ? 2000 + yy : 1800 + yy;
	if (!idnum_date(y, (int)num(c + 2, 2), (int)num(c, 2)))
		return 0;
	return wsum(c, w, 10) % 11 == 0 ? 2 : 1;
}

int
idnum_fi_hetu(const char *c, size_t n)
{
	static const char check[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
	char d[9];
	int y, sn;

	if (n != 11 || !alldig(c, 6) || !alldig(c + 7, 3))
		return 0;
	if (c[6] == '+')
		y = 1800;
	else if (c[6] == '-' || (c[6] >= 'U' && c[6] <= 'Y'))
		y = 1900;
	else if (c[6] >= 'A' && c[6] <= 'F')
		y = 2000;
	else
		return 0;
	if (!idnum_date(y + (int)num(c + 4, 2), (int)num(c + 2, 2),
	    (int)num(c, 2)))
		return 0;
	sn = (int)num(c + 7, 3);
	if (sn < 2)
		return 0;
	memcpy(d, c, 6);
	memcpy(d + 6, c + 7, 3);
	return c[10] == check[num(d, 9) % 31];
}

int
idnum_nl_bsn(const char *c, size_t n)
{
	static const int w[9] = { 9, 8, 7, 6, 5, 4, 3, 2, -1 };

	return n == 9 && alldig(c, 9) && num(c, 9) != 0 &&
	    wsum(c, w, 9) % 11 == 0;
}

int
idnum_gb_nino(const char *c, size_t n)
{
	static const char *const bad[] = { "BG", "GB", "KN", "NK", "NT",
	    "TN", "ZZ" };
	size_t i;

	if (n != 9 || !isup(c[0]) || !isup(c[1]) || !alldig(c + 2, 6) ||
	    c[8] < 'A' || c[8] > 'D')
		return 0;
	if (strchr("DFIQUV", c[0]) != NULL || strchr("DFIQUVO", c[1]) != NULL)
		return 0;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (c[0] == bad[i][0] && c[1] == bad[i][1])
			return 0;
	return 1;
}

int
idnum_us_ssn(const char *c, size_t n)
{
	long long area;

	if (n != 9 || !alldig(c, 9))
		return 0;
	area = num(c, 3);
	return area != 0 && area != 666 && area < 900 && num(c + 3, 2) != 0 &&
	    num(c + 5, 4) != 0;
}

int
idnum_it_cf(const char *c, size_t n)
{
	static const int odd[26] = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2,
	    4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23 };
	static const char omo[] = "LMNPQRSTUV";
	static const int digpos[7] = { 6, 7, 9, 10, 12, 13, 14 };
	const char *o;
	char d[16];
	int s = 0, i, v, day;

	if (n != 16)
		return 0;
	memcpy(d, c, 16);
	for (i = 0; i < 16; i++)
		if (!isup(d[i]) && !isdig(d[i]))
			return 0;
	for (i = 0; i < 7; i++) {
		if (isdig(d[digpos[i]]))
			continue;
		if ((o = strchr(omo, d[digpos[i]])) == NULL)
			return 0;
		d[digpos[i]] = (char)('0' + (o - omo));
	}
	for (i = 0; i < 6; i++)
		if (!isup(d[i]))
			return 0;
	if (strchr("ABCDEHLMPRST", d[8]) == NULL || !isup(d[11]) ||
	    !isup(d[15]))
		return 0;
	day = (int)num(d + 9, 2);
	if (day > 40)
		day -= 40;
	if (day < 1 || day > 31)
		return 0;
	for (i = 0; i < 15; i++) {
		v = isdig(c[i]) ? c[i] - '0' : c[i] - 'A';
		if (i % 2 == 0)
			s += odd[v];
		else
			s += v;
	}
	return c[15] == 'A' + s % 26;
}

int
idnum_es_dni(const char *c, size_t n)
{
	long long v;

	if (n != 9 || !isup(c[8]))
		return 0;
	if (alldig(c, 8))
		v = num(c, 8);
	else if ((c[0] == 'X' || c[0] == 'Y' || c[0] == 'Z') &&
	    alldig(c + 1, 7))
		v = (c[0] - 'X') * 10000000LL + num(c + 1, 7);
	else
		return 0;
	return c[8] == dniletters[v % 23];
}

int
idnum_be_nn(const char *c, size_t n)
{
	int m, d, yy;
	long long base;

	if (n != 11 || !alldig(c, 11))
		return 0;
	yy = (int)num(c, 2);
	m = (int)num(c + 2, 2);
	d = (int)num(c + 4, 2);
	if (m >= 40)
		m -= 40;
	else if (m >= 20)
		m -= 20;
	if (m > 12 || d > 31)
		return 0;
	if (m != 0 && d != 0 && !date2(yy, m, d))
		return 0;
	base = num(c, 9);
	return 97 - base % 97 == num(c + 9, 2) ||
	    97 - (2000000000LL + base) % 97 == num(c + 9, 2);
}
