/*
 * pii: the redact-pii action of scrub (SPEC section 4).
 *
 * Free text is redacted in two steps.  First the detectors, in this
 * order, each on the output of the one before, on a copy of the text
 * where Unicode look-alikes are the ASCII characters they stand for
 * (spaces U+00A0, U+2000-200A, U+202F, U+3000; dashes U+00AD,
 * U+2010-2013, U+2212; the full-width digits, letters and @+-./:())
 * and which outside the placeholders is the text as it was:
 *   e-mail addresses (isemail's valid, RFC 5321 and DNS-warning
 *     forms: a dot-atom or quoted local part, @, a domain of one or more
 *     labels or an address literal [...]); another may start right
 *     after one's domain and a '/', '=', '|' or '&'         -> [EMAIL]
 *   IBANs: two letters, two check digits, the rest; up to two spaces
 *     or tabs, or a dot, dash or slash, between characters (spaces
 *     or a tab only before the check digits); the country's length and
 *     BBAN format and the mod-97 checksum must hold (idnum_iban)
 *                                                           -> [IBAN]
 *   EU VAT numbers: a country prefix, up to three separators or "(0)",
 *     the number with single separators; the country's format and
 *     check digits (idnum_vat).  A prefix all in lower case ("de") only
 *     after a word for VAT (vat, cvr, moms, ust, mwst, tva, iva, btw,
 *     alv) within 16 bytes                                  -> [VAT]
 *   national person numbers, checked by idnum.h: Finnish
 *     henkilötunnus, UK NINO, Italian codice fiscale, Spanish DNI and
 *     NIE (as written, either case); Danish CPR, Swedish
 *     personnummer, Norwegian fødselsnummer, Dutch BSN, US SSN,
 *     Belgian national number, in the shapes of idn_ok, alone or beside
 *     another number across a space (then holding no space), not
 *     after "+CC " nor a word for a code; after a word that names a
 *     thing (below), a Danish CPR only                        -> [ID]
 *   payment card numbers: in a whole run of digits, not after '+' or
 *     a letter, joined by single spaces or dashes or all by the same
 *     two spaces, tab, dot or slash, 12-19 digits starting 1-9, as long
 *     as the issuer their first digits name gives out (Visa 13, 16,
 *     19; Mastercard 16; Amex 15; Maestro 12-19...), Luhn-valid: the
 *     whole run, or the run less up to three groups of 8 digits in all
 *     at its start (a date) and two of 6 at its end (an expiry, a
 *     security code: 4111111111111111 12/27); not after a word for a
 *     code (W_CODE below), nor after "LLdd " (the rest of an RF
 *     reference or a failed IBAN)                            -> [CARD]
 *   IPv6 (full; compressed, fe80::1, ::1, 2001:db8::; ::ffff:IPv4;
 *     with a zone and a prefix length) and IPv4 (dotted quad, octets
 *     <= 255, not followed by .digit, not named a version)   -> [IP]
 *   phone numbers                                          -> [PHONE]
 * A phone candidate is a run of digit groups joined by a single dot, by
 * up to three spaces, dashes or slashes, or by parentheses, optionally
 * starting with '+' or '(', and not glued to a letter or digit (an
 * extension after it, x4412, " ext. 4412", belongs to it; a '+' or '('
 * may follow a '/', a '+' a number that started with '+').  Dates inside a run (2026-11-29, 29.11.2026,
 * 11/29/2026, 29.11.26, 20261129 unless a word names a phone before it)
 * and year ranges (2020-2026) split it and are never a phone, nor is an
 * hour glued to it (20261129 10:05).  Of what is left, a part is a
 * phone number when it is:
 *   international ('+' or "00"): a country calling code and 4 digits
 *     or more, 7 to 17 digits in all (11 after +1);
 *   after a word that names a phone (tel, phone, mobile, fax, call...,
 *     or one of them and a word for number, Telefonnummer, Tlf.nr,
 *     Handynummer; within 16 bytes before it), in parentheses, or with
 *     an extension: 7 to 15 digits (6 after a naming word);
 *   of two groups or more: 7 to 15 digits, unless it reads as an
 *     amount (1.234.567 and 123.456.789; 1234567.50; 1 234 567 with
 *     one digit first, ending in 000, after a word for an amount, or
 *     with decimals or a currency beside it), a time span
 *     (10.30-12.00), a document number after a year (2027-30048), a
 *     house number and post code before a place name (120 75001
 *     Paris) or rising round numbers (1000-2000);
 *   a single group: 7 to 15 digits starting with one 0 (but a GS1
 *     code of 12 to 14 digits), 11 digits, or 10 digits that read as a
 *     North American number (2125550147, not 1020304050 nor
 *     2000012345).
 * A part that is none of these as a whole is cut where a '/', or two
 * bytes or more of spaces and dashes (" - "), stand between two numbers
 * written side by side (611 234 567 / 612 345 678), or a single space
 * between a group of 6 digits or more and one of 6 or more or starting
 * with 0 (22334455 22334466), and each piece is judged alone.
 * Solid runs of 7 to 9 digits that start with no 0 (entry, document and
 * item numbers) are phones only after a naming word.  Never phones,
 * unless international: numbers named a thing, and runs after "LLdd "
 * (RF18 5390 0754 7034).
 *
 * A word names the number right after it as a thing when it is (or is
 * one of them and a word for number: Artikelnummer, Art.-Nr., Serial
 * no., S/N) an article number or payment reference with check digits
 * of its own (GTIN, EAN, UPC, barcode, KID, OCR, FIK, Ref, Bankgiro...;
 * and a FIK's "+71<"), an item, serial, order or document number (item,
 * art, SN, serial, lot, order, invoice, faktura, doc, entry...) or a
 * version (version, ver, v, build, release, rev, firmware, patch); only
 * spaces and ". : # - / (" may stand between them.  The words are the
 * namers of pii.c, which also name a person number (cpr, person, pnr)
 * and an amount (saldo, total, balance...).
 *
 * Then the row's own values (pii_own_add) become [REDACTED], compared
 * in their folded form (norm_fold: case, accents and other combining
 * marks, compatibility forms and runs of white space aside, so that
 * "ELİF ŞİMŞEK" is "Elif Şimşek"): each whole value, and each word of
 * it (a maximal run of text_isword bytes of the folded value) of three
 * characters or more; the text is redacted where its folded form
 * matched, whole characters with their marks.  A
 * value or word of five characters or more is redacted wherever it
 * occurs; a shorter one only as a whole word (not adjacent to a word
 * byte, or next to text already redacted).  Values with no word byte are
 * ignored, and so are the placeholders of the first step.  Overlapping
 * and adjacent redacted text becomes one [REDACTED].
 *
 * Nothing is allocated per call once the buffers have grown.
 */
#ifndef PII_H
#define PII_H

#include <stddef.h>

#include "buf.h"

/* Tag of own values that no column excludes (scrub --keys-pii). */
#define PII_TAG_ALL	(-1L)

struct pii;

/*
 * pii_jit: JIT-compile a PCRE2 pattern (a pcre2_code *), unless the
 * environment sets CUSTANON_NO_JIT: memory checkers such as valgrind
 * cannot follow JIT code and report false errors in it.  A pattern that
 * cannot be JIT-compiled is still matched by the interpreter.
 */
void		 pii_jit(void *re);

/* pii_new: compile the detectors (JIT where available). */
struct pii	*pii_new(void);
void		 pii_free(struct pii *x);

/* pii_own_reset: forget every own value (call at the start of a row). */
void		 pii_own_reset(struct pii *x);

/*
 * pii_own_add: p[0..n) is an own value of the row, from source tag (the
 * column index, or PII_TAG_ALL), folded (norm_fold: white space around
 * it trimmed, within it collapsed).  Empty values are ignored.  The bytes
 * are copied.
 */
void		 pii_own_add(struct pii *x, const char *p, size_t n, long tag);

/* pii_own_count: the number of strings (values and words) to redact. */
size_t		 pii_own_count(const struct pii *x);

/*
 * pii_redact: write p[0..n) redacted into out (which is reset first),
 * skipping own values added with tag exclude.  Returns 0, or -1 when p
 * is not valid UTF-8 or a detector failed (out is then empty).
 */
int		 pii_redact(struct pii *x, const char *p, size_t n,
		    long exclude, struct buf *out);

/*
 * pii_kind: the marker ("[PHONE]", "[IBAN]", ...) when p[0..n), spaces
 * and tabs around it trimmed, is as a whole one item that the detectors
 * of pii_redact find, else NULL (also for text that is not UTF-8).  For
 * comparing a column's value with free text by kind (the leak check);
 * own values play no part.
 */
const char	*pii_kind(struct pii *x, const char *p, size_t n);

/*
 * pii_ccode: the length of the country calling code (ITU-T E.164) that
 * the digits d[0..nd) start with, or 0 (the codes are a prefix code).
 */
size_t		 pii_ccode(const char *d, size_t nd);

/* pii_luhn: 1 when the digits of p[0..n) pass the Luhn check. */
int		 pii_luhn(const char *p, size_t n);

/*
 * pii_iban: 1 when p[0..n), spaces ignored, is 15 to 34 letters and
 * digits starting with two letters and two digits, whose mod-97
 * checksum holds (the detector also wants the country's format:
 * idnum_iban).
 */
int		 pii_iban(const char *p, size_t n);

/* pii_utf8: 1 when p[0..n) is valid UTF-8. */
int		 pii_utf8(const char *p, size_t n);

#endif
