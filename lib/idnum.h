/*
 * idnum: check digits, formats and embedded dates of identifiers: IBAN
 * country formats, EU VAT numbers and national person numbers.
 *
 * Every function takes a normalised number (idnum_norm: ASCII letters
 * upper-cased, digits, nothing else) and says whether it is one; none
 * looks at how the number was written in the text (which separators,
 * where), which is the scanner's business (pii.c).  The leak check
 * compares numbers in this normal form.
 */
#ifndef IDNUM_H
#define IDNUM_H

#include <stddef.h>

/* Longest normalised number any function here accepts. */
#define IDNUM_MAX	40

/*
 * idnum_norm: copy the ASCII letters (upper-cased) and digits of
 * p[0..n) to out, dropping every other byte.  Returns the count, or
 * IDNUM_MAX + 1 (out then holds the first IDNUM_MAX) when there are more.
 */
size_t	idnum_norm(const char *p, size_t n, char out[IDNUM_MAX]);

/*
 * idnum_iban: 1 when c[0..n) is an IBAN of a country of the SWIFT
 * registry (as python-stdnum 1.18 lists it): that country's length and
 * BBAN format (digits, upper-case letters, either), and mod-97 == 1.
 */
int	idnum_iban(const char *c, size_t n);

/*
 * idnum_vat: 1 when c[0..n) is an EU VAT number with its country prefix
 * (AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT
 * RO SE SI SK, XI for Northern Ireland, EU for the OSS scheme): the
 * country's format and, but for the cases named in idnum.c, its check
 * digits.
 */
int	idnum_vat(const char *c, size_t n);

/*
 * National person numbers; each returns 1 when c[0..n) is one.
 * idnum_date(yyyy, mm, dd): 1 when the date exists (Gregorian).
 */
int	idnum_date(int y, int m, int d);
/* Swedish personnummer: YYMMDDNNNC or YYYYMMDDNNNC, Luhn on the last
   10, a real date (day + 60 for a coordination number). */
int	idnum_se_pnr(const char *c, size_t n);
/* Norwegian fødselsnummer (and D- and H-numbers): DDMMYYIIIKK, a real
   date, both mod-11 check digits. */
int	idnum_no_fnr(const char *c, size_t n);
/* Danish CPR: DDMMYYSSSS, a real date whose century the 7th digit
   gives.  Returns 2 when the old mod-11 check also holds, else 1. */
int	idnum_dk_cpr(const char *c, size_t n);
/* Finnish henkilötunnus: DDMMYY, century sign (+ - A..F U..Y), NNN,
   check character (DDMMYYNNN mod 31). */
int	idnum_fi_hetu(const char *c, size_t n);
/* Dutch BSN: 9 digits, the 11-test (weights 9..2, -1). */
int	idnum_nl_bsn(const char *c, size_t n);
/* UK National Insurance number: prefix letters as issued (not D F I Q U
   V, second not O, not BG GB KN NK NT TN ZZ), 6 digits, suffix A-D. */
int	idnum_gb_nino(const char *c, size_t n);
/* US SSN: area 001-899 but 666, group 01-99, serial 0001-9999. */
int	idnum_us_ssn(const char *c, size_t n);
/* Italian codice fiscale: 16 characters (omocodia letters allowed for
   digits), a real month letter and day, the check letter. */
int	idnum_it_cf(const char *c, size_t n);
/* Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits and a
   letter): the mod-23 letter. */
int	idnum_es_dni(const char *c, size_t n);
/* Belgian national number: YYMMDDSSSCC, CC = 97 - YYMMDDSSS mod 97
   (with a 2 in front for births from 2000), a date (month and day may
   be 0, month + 20 or + 40 for bis numbers). */
int	idnum_be_nn(const char *c, size_t n);

#endif
