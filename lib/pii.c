/*
 * pii: detectors and own-value redaction for redact-pii (see pii.h).
 *
 * Each detector is a PCRE2 pattern that finds candidates, compiled once
 * with JIT; a candidate is then checked in C (idnum.h for IBAN, VAT and
 * person numbers, Luhn, the phone rules) because the checks are
 * arithmetic, not syntax.  The patterns are not run over the whole
 * text: one C scan (scan) lists the word starts where an IBAN, VAT or
 * lettered person number may begin (spot) and the runs of digits, and
 * each pass matches there only; most free text has few of either.
 * Passes alternate between two buffers (a pass that finds nothing
 * leaves the text where it is), and the own-value step marks the bytes
 * to redact in a reused array before writing the result.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>

#include "buf.h"
#include "diag.h"
#include "idnum.h"
#include "norm.h"
#include "pii.h"
#include "text.h"

enum { D_EMAIL, D_IBAN, D_VAT, D_IDL, D_IDN, D_CARD, D_IP6, D_IP4, D_PHONE,
    ND };

/* Bytes that are not ASCII, in a character class (UTF mode). */
#define HI	"\\x{80}-\\x{10ffff}"
#define H4	"[0-9A-Fa-f]{1,4}"
#define OCT	"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
#define IP4	"(?:" OCT "\\.){3}" OCT
#define LOCAL	"[A-Za-z0-9_.!#$%&'*+/=?^`{|}~" HI "-]"
/* ... less what joins two addresses: a/b@x.dk is one address, but after
 * a@x.dk/ or a@x.dk& another may start */
#define LOCALB	"[A-Za-z0-9_.!#$%'*+?^`{}~" HI "-]"
#define LABEL	"[A-Za-z0-9" HI "-]+"
#define OMO	"[0-9LMNPQRSTUV]"
/* what may stand between the groups of an IBAN or a card number */
#define SEP	"(?:[ \\t]{1,2}|[./-])"

static const char *const patterns[ND] = {
	/* e-mail: a dot-atom or quoted local part, @, a domain name (a
	 * single label too: isemail's test@org) or an address literal */
	"(?:(?<!" LOCALB ")" LOCAL "+|\"(?:[^\"\\\\\\r\\n]|\\\\.)*\")@"
	    "(?:" LABEL "(?:\\." LABEL ")*|\\[[^\\]\\s\\[]+\\])",
	/* IBAN candidate: the country's format picks the end (iban_end) */
	"(?<![A-Za-z0-9])[A-Za-z]{2}[ \\t]{0,2}[0-9]{2}(?:" SEP "?[A-Za-z0-9])"
	    "{10,32}",
	/* VAT candidate: an EU country prefix, separators, a body with a
	 * digit among its first three characters (vat_end) */
	"(?<![A-Za-z0-9])(?i:AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|"
	    "IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|EU)"
	    "(?:[ .:\\-/]{0,3}|[ -]*\\(0\\)[ ]*)"
	    "(?=(?:[A-Za-z0-9][ .\\-]?){0,2}[0-9])"
	    "[0-9A-Za-z](?:[ .\\-/]{0,2}[0-9A-Za-z]){1,16}",
	/* person numbers with letters: Finnish henkilötunnus, UK NINO,
	 * Italian codice fiscale, Spanish DNI and NIE (idl_ok) */
	"(?i)(?<![A-Za-z0-9])(?:[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]|"
	    "[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]|"
	    "[A-Z]{6}" OMO "{2}[A-Z]" OMO "{2}[A-Z]" OMO "{3}[A-Z]|"
	    "[0-9]{8}-?[A-Z]|[XYZ]-?[0-9]{7}-?[A-Z])(?![A-Za-z0-9])",
	/* person numbers of digits: 9 to 12 digits, separators (idn_run) */
	"(?<![A-Za-z0-9+.,/-])(?:(?<![0-9] )[0-9](?:[ .\\-/+]?[0-9]){8,11}|"
	    "[0-9](?:[.\\-/+]?[0-9]){8,11})(?![0-9A-Za-z]|[.,/:-][0-9])",
	/* card candidate: a whole run of 12 digits or more (card) */
	"(?<![A-Za-z0-9+])(?<![0-9][ \\t./-])[0-9](?:" SEP "?[0-9]){11,}+",
	/* IPv6: full, compressed (fe80::1, ::1, 2001:db8::), ::ffff:IPv4,
	 * with a zone (%eth0) and a prefix length (/64) */
	"(?<![0-9A-Za-z:.])(?:"
	    "(?:" H4 ":){7}" H4 "|"
	    "(?:" H4 ":){1,6}:" H4 "|"
	    "(?:" H4 ":){1,5}(?::" H4 "){1,2}|"
	    "(?:" H4 ":){1,4}(?::" H4 "){1,3}|"
	    "(?:" H4 ":){1,3}(?::" H4 "){1,4}|"
	    "(?:" H4 ":){1,2}(?::" H4 "){1,5}|"
	    H4 ":(?::" H4 "){1,6}|"
	    "::(?:[Ff]{4}(?::0{1,4})?:)?" IP4 "|"
	    "(?:" H4 ":){6}" IP4 "|"
	    "(?:" H4 ":){1,7}:|::" H4 "(?::" H4 "){0,6}"
	    ")(?:%[0-9A-Za-z]+)?(?:/[0-9]{1,3})?(?![0-9A-Za-z:]|\\.[0-9])",
	/* IPv4, not after + (a phone number written with dots) */
	"(?<![0-9A-Za-z.+])" IP4 "(?![0-9A-Za-z]|\\.[0-9])",
	/* phone candidate: digit groups joined by gaps (phone_run) */
	"(?:(?<![A-Za-z_@+" HI "-])\\+|(?<![A-Za-z0-9_@+" HI "-])"
	    "(?:\\(\\+?|(?<!/)))[0-9]"
	    "(?:[0-9]|(?:\\.|[ /-]{1,3}|\\)[ -]?\\(?|[ -]?\\()[0-9])*+",
};

static const char *const tags[ND] = {
	"[EMAIL]", "[IBAN]", "[VAT]", "[ID]", "[ID]", "[CARD]", "[IP]", "[IP]",
	"[PHONE]"
};

/* The country prefixes of the D_VAT pattern. */
static const char vatcc[] = "AT BE BG CY CZ DE DK EE EL GR ES FI FR HR HU "
    "IE IT LT LU LV MT NL PL PT RO SE SI SK XI EU ";

/* vatpair[a - 'A'] bit b - 'A': "ab" is in vatcc (pii_new). */
static unsigned long vatpair[26];

/* Fewest digits a match of each detector holds (a cheap pre-check). */
static const size_t mindigits[ND] = { 0, 4, 4, 0, 9, 12, 0, 4, 7 };

struct needle {
	size_t	off;		/* offset of the folded text in own */
	size_t	len;		/* its length in bytes */
	long	tag;		/* source column, or PII_TAG_ALL */
	int	word;		/* under five characters: whole words only */
};

struct pii {
	pcre2_code	 *re[ND];
	pcre2_match_data *md;		/* one block for every pattern */
	struct buf	  own;		/* folded own values, back to back */
	struct needle	 *nv;		/* values and words to redact */
	size_t		  nn, ncap;
	int		  sorted;	/* nv is longest first */
	struct buf	  pass[2];	/* detector output, alternating */
	struct buf	  map[2];	/* their maps (struct sink) */
	struct buf	  asc, amap;	/* text with look-alikes made ASCII */
	struct buf	  plain;	/* and its detector output restored */
	struct place {
		size_t	 at;		/* word start; first digit of a run */
		size_t	 end;		/* end of the run's last digit */
		size_t	 v;		/* word: detectors whose spot() passes,
					   1 << d; run: its number of digits */
	}		 *words, *runs;	/* where the patterns may match (scan) */
	size_t		  nw, wcap, nr, rcap;
	struct buf	  fold;		/* folded copy of the text (norm_fold) */
	struct norm_map	  fmap;		/* its bytes' places in the text */
	unsigned char	 *mark;		/* per byte: 0, REDACT or SHIELD */
	size_t		  markcap;
};

/* What a word names (namers). */
enum { W_NONE, W_PHONE, W_CODE, W_THING, W_VERSION, W_VAT, W_ID,
    W_MONEY };

static void	namers_index(void);
static int	cue(const char *, size_t, int);
static int	thing(const char *, size_t);

#define REDACT	1		/* byte becomes [REDACTED] */
#define SHIELD	2		/* byte of a detector's placeholder */

void
pii_jit(void *re)
{
	const char *no = getenv("CUSTANON_NO_JIT");

	if (no == NULL || *no == '\0')
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
}

struct pii *
pii_new(void)
{
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[160];
	struct pii *x;
	int e, i;

	for (i = 0; vatcc[i] != '\0'; i += 3)
		vatpair[vatcc[i] - 'A'] |= 1UL << (vatcc[i + 1] - 'A');
	namers_index();
	x = xcalloc(1, sizeof(*x));
	for (i = 0; i < ND; i++) {
		/* matched only where spot() says (region); the JIT cannot
		 * take PCRE2_ANCHORED at match time */
		x->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | (i == D_IBAN ||
		    i == D_VAT || i == D_IDL ? PCRE2_ANCHORED : 0), &e, &off,
		    NULL);
		if (x->re[i] == NULL) {
			pcre2_get_error_message(e, msg, sizeof(msg));
			diag_die(EXIT_USAGE, "internal error: pii pattern %d "
			    "at offset %zu: %s", i, (size_t)off, (char *)msg);
		}
		pii_jit(x->re[i]);
	}
	if ((x->md = pcre2_match_data_create(1, NULL)) == NULL)
		diag_die(EXIT_DATA, "out of memory");
	return x;
}

void
pii_free(struct pii *x)
{
	int i;

	if (x == NULL)
		return;
	for (i = 0; i < ND; i++)
		pcre2_code_free(x->re[i]);
	pcre2_match_data_free(x->md);
	buf_free(&x->own);
	buf_free(&x->pass[0]);
	buf_free(&x->pass[1]);
	buf_free(&x->map[0]);
	buf_free(&x->map[1]);
	buf_free(&x->asc);
	buf_free(&x->amap);
	buf_free(&x->plain);
	buf_free(&x->fold);
	norm_map_free(&x->fmap);
	free(x->nv);
	free(x->mark);
	free(x->words);
	free(x->runs);
	free(x);
}

int
pii_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k, j;
	unsigned long c, min;
	unsigned long long w;

	while (i < n) {
		if (s[i] < 0x80) {
			/* ASCII eight bytes at a time */
			for (i++; n - i >= 8; i += 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
			}
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF) {
			k = 1;
			c = s[i] & 0x1F;
			min = 0x80;
		} else if ((s[i] & 0xF0) == 0xE0) {
			k = 2;
			c = s[i] & 0x0F;
			min = 0x800;
		} else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
			k = 3;
			c = s[i] & 0x07;
			min = 0x10000;
		} else
			return 0;
		if (n - i <= k)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i + j] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Byte classes, one table lookup each (the scan reads every byte). */
enum { C_DIG = 1, C_LOW = 2, C_UP = 4, C_JOIN = 8 };

#define R10(c)	c, c, c, c, c, c, c, c, c, c
#define R26(c)	R10(c), R10(c), c, c, c, c, c, c
static const unsigned char ctype[256] = {
	[' '] = C_JOIN, ['('] = C_JOIN, [')'] = C_JOIN, ['+'] = C_JOIN,
	['-'] = C_JOIN, ['.'] = C_JOIN, ['/'] = C_JOIN, ['\t'] = C_JOIN,
	['0'] = R10(C_DIG),
	['A'] = R26(C_UP),
	['a'] = R26(C_LOW),
};

static int
isdig(unsigned char c)
{
	return ctype[c] & C_DIG;
}

static int
isalnum_ascii(unsigned char c)
{
	return ctype[c] & (C_DIG | C_LOW | C_UP);
}

int
pii_luhn(const char *p, size_t n)
{
	size_t i, nd = 0;
	unsigned sum = 0, d;

	for (i = n; i-- > 0;) {
		if (!isdig((unsigned char)p[i]))
			continue;
		d = (unsigned)(p[i] - '0');
		if (nd++ % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return nd > 0 && sum % 10 == 0;
}

int
pii_iban(const char *p, size_t n)
{
	char c[34];
	size_t i, k = 0;
	unsigned rem = 0;
	int v;

	for (i = 0; i < n; i++) {
		if (p[i] == ' ')
			continue;
		if (!isalnum_ascii((unsigned char)p[i]) || k == sizeof(c))
			return 0;
		c[k++] = p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i];
	}
	if (k < 15 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    !isdig((unsigned char)c[2]) || !isdig((unsigned char)c[3]))
		return 0;
	for (i = 0; i < k; i++) {
		v = c[(i + 4) % k];
		if (isdig((unsigned char)v))
			rem = (rem * 10 + (unsigned)(v - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(v - 'A' + 10)) % 97;
	}
	return rem == 1;
}

/*
 * A pass's output: the text with its placeholders, and how far the input
 * is copied.  When detect works on a copy with look-alike characters
 * made ASCII (alike), map holds for each byte of the input the offset in
 * the text given of the character it came from, and omap gets the same
 * for the output (NOMAP for a placeholder's bytes).
 */
struct sink {
	struct buf	*b;
	size_t		 last;
	const size_t	*map;		/* the input's, or NULL */
	struct buf	*omap;		/* the output's, size_t each */
};

#define NOMAP	((size_t)-1)

/* copy: copy in[o->last..s) to o; o->last = s. */
static void
copy(struct sink *o, const char *in, size_t s)
{
	buf_add(o->b, in + o->last, s - o->last);
	if (o->map != NULL)
		buf_add(o->omap, o->map + o->last,
		    (s - o->last) * sizeof(size_t));
	o->last = s;
}

/* emit: copy in[o->last..s) to o, then the placeholder; o->last = e. */
static void
emit(struct sink *o, const char *in, size_t s, size_t e, const char *tag)
{
	static const size_t none = NOMAP;
	size_t i;

	copy(o, in, s);
	buf_adds(o->b, tag);
	if (o->map != NULL)
		for (i = strlen(tag); i > 0; i--)
			buf_add(o->omap, &none, sizeof(none));
	o->last = e;
}

/*
 * cand_end: the end of the longest prefix of the candidate in[s..e)
 * that ends on a letter or digit not followed by one, whose normalised
 * form (idnum_norm) check accepts, or 0.  The first skip letters and
 * digits are not counted (none of the prefixes may end inside them).
 */
static size_t
cand_end(const char *in, size_t n, size_t s, size_t e,
    int (*check)(const char *, size_t))
{
	char c[IDNUM_MAX];
	size_t end[IDNUM_MAX], i, k = 0;

	for (i = s; i < e && k < IDNUM_MAX; i++) {
		if (!isalnum_ascii((unsigned char)in[i]))
			continue;
		c[k] = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 32) : in[i];
		end[k++] = i + 1;
	}
	while (k > 0) {
		i = end[k - 1];
		if ((i >= n || !isalnum_ascii((unsigned char)in[i])) &&
		    check(c, k))
			return i;
		k--;
	}
	return 0;
}

/*
 * idl_ok: whether in[s..e), a match of the D_IDL pattern, is a Finnish
 * henkilötunnus, a UK NINO, an Italian codice fiscale or a Spanish DNI
 * or NIE, in either case.
 */
static int
idl_ok(const char *in, size_t s, size_t e)
{
	char c[IDNUM_MAX];
	size_t k;

	if (e - s == 11 && !isdig((unsigned char)in[s + 6])) {
		for (k = 0; k < 11; k++)
			c[k] = in[s + k] >= 'a' && in[s + k] <= 'z' ?
			    (char)(in[s + k] - 32) : in[s + k];
		if (idnum_fi_hetu(c, 11))
			return 1;
	}
	k = idnum_norm(in + s, e - s, c);
	if (k == 9 && isdig((unsigned char)c[2]) &&
	    !isdig((unsigned char)c[0]))
		return idnum_gb_nino(c, k) || idnum_es_dni(c, k);
	if (k == 9)
		return idnum_es_dni(c, k);
	return k == 16 && idnum_it_cf(c, k);
}

/* isquad: shape ("ddd.dd.d.ddd") is four groups of 1-3 digits and dots. */
static int
isquad(const char *shape)
{
	int groups = 1, len = 0;

	for (; *shape != '\0'; shape++) {
		if (*shape == 'd') {
			if (++len > 3)
				return 0;
		} else if (*shape == '.' && len > 0) {
			groups++;
			len = 0;
		} else
			return 0;
	}
	return groups == 4 && len > 0;
}

/*
 * idn_ok: whether the digits in[s..e), a match of the D_IDN pattern, are
 * a person number written as people write it:
 *   9 digits: a US SSN as AAA-GG-SSSS (dashes or spaces); a Dutch BSN
 *     solid or as 1234.56.789;
 *   10 digits: a Swedish personnummer solid or YYMMDD-NNNN (or +); a
 *     Danish CPR as DDMMYY-SSSS, or solid when its mod-11 check holds
 *     or a word for a person number (CPR, personnummer) stands within
 *     16 bytes before it (CPR numbers since 2007 need not pass mod-11);
 *   11 digits: a Norwegian fødselsnummer or a Belgian national number,
 *     any separators;
 *   12 digits: a Swedish personnummer YYYYMMDDNNNN or YYYYMMDD-NNNN.
 * With cpr (a word that names a thing is before it), the Danish CPR
 * alone.
 */
static int
idn_ok(const char *in, size_t s, size_t e, int cpr)
{
	char d[16], shape[32];
	size_t i, k = 0, m = 0;

	for (i = s; i < e && m + 1 < sizeof(shape); i++) {
		if (isdig((unsigned char)in[i])) {
			if (k == sizeof(d))
				return 0;
			d[k++] = in[i];
			shape[m++] = 'd';
		} else
			shape[m++] = in[i];
	}
	shape[m] = '\0';
	if (k <= 12 && isquad(shape))
		return 0;	/* an IPv4 address */
	if (cpr)
		return k == 10 && (m == 10 ? idnum_dk_cpr(d, k) == 2 ||
		    (idnum_dk_cpr(d, k) && cue(in, s, W_ID)) :
		    strcmp(shape, "dddddd-dddd") == 0 && idnum_dk_cpr(d, k));
	switch (k) {
	case 9:
		if (strcmp(shape, "ddd-dd-dddd") == 0 ||
		    strcmp(shape, "ddd dd dddd") == 0)
			return idnum_us_ssn(d, k);
		if (m == 9 || strcmp(shape, "dddd.dd.ddd") == 0)
			return idnum_nl_bsn(d, k);
		return 0;
	case 10:
		if (m == 10)
			return idnum_se_pnr(d, k) || idnum_dk_cpr(d, k) == 2 ||
			    (idnum_dk_cpr(d, k) && cue(in, s, W_ID));
		if (strcmp(shape, "dddddd-dddd") == 0 ||
		    strcmp(shape, "dddddd+dddd") == 0)
			return idnum_se_pnr(d, k) ||
			    (shape[6] == '-' && idnum_dk_cpr(d, k));
		return 0;
	case 11:
		return idnum_no_fnr(d, k) || idnum_be_nn(d, k);
	case 12:
		return (m == 12 || strcmp(shape, "dddddddd-dddd") == 0) &&
		    idnum_se_pnr(d, k);
	}
	return 0;
}

/*
 * idn_end: the end of the person number (idn_ok) that starts at in[s],
 * a match in[s..e) of D_IDN, or 0: the whole match or, for a number
 * written beside it (010190-1234 22334455), the part before one of its
 * spaces; a person number with a number beside it across a space holds
 * no space itself.  None after a word for a code (W_CODE) or right
 * after "+CC " (a phone number's); after a word that names a thing
 * (Order 010190-1234), a Danish CPR alone.
 */
static size_t
idn_end(const char *in, size_t n, size_t s, size_t e)
{
	size_t c;
	int w, before = s >= 2 && in[s - 1] == ' ' &&
	    isdig((unsigned char)in[s - 2]);

	if (before) {		/* +34 649363619: a phone's */
		for (c = s - 2; c > 0 && isdig((unsigned char)in[c - 1]); c--)
			;
		if (c > 0 && in[c - 1] == '+')
			return 0;
	}
	for (c = e, w = -1; c > s; c--) {
		if (c < e && in[c] != ' ')
			continue;
		if ((before || (c + 1 < n && in[c] == ' ' &&
		    isdig((unsigned char)in[c + 1]))) &&
		    memchr(in + s, ' ', c - s) != NULL)
			continue;
		if (!idn_ok(in, s, c, 0))
			continue;
		if (w == -1 && (w = thing(in, s)) == W_CODE)
			return 0;
		if (w == W_NONE || idn_ok(in, s, c, 1))
			return c;
	}
	return 0;
}

#define MAXGROUPS	24

/* A phone candidate cut into digit groups (phone_run). */
struct run {
	const char	*in;
	size_t		 n;			/* length of in */
	size_t		 s;			/* the candidate's start */
	size_t		 k;			/* number of groups */
	size_t		 gs[MAXGROUPS];		/* group start */
	size_t		 ge[MAXGROUPS];		/* group end */
	size_t		 ext;			/* extension after it */
	int		 intl;			/* 1 after '+', 2 "00" */
	int		 paren;			/* starts with '(' */
	int		 named;			/* cue W_PHONE; -1 not yet */
	int		 thing;			/* thing(); -1 not yet */
};

static unsigned long
gval(const struct run *r, size_t j)
{
	unsigned long v = 0;
	size_t i;

	for (i = r->gs[j]; i < r->ge[j]; i++)
		v = v * 10 + (unsigned long)(r->in[i] - '0');
	return v;
}

static size_t
glen(const struct run *r, size_t j)
{
	return r->ge[j] - r->gs[j];
}

/* gapc: the gap after group j when it is one byte, else 0. */
static int
gapc(const struct run *r, size_t j)
{
	if (j + 1 >= r->k || r->gs[j + 1] - r->ge[j] != 1)
		return 0;
	return (unsigned char)r->in[r->ge[j]];
}

static int
isyear(const struct run *r, size_t j)
{
	unsigned long v = gval(r, j);

	return glen(r, j) == 4 && v >= 1900 && v <= 2099;
}

/*
 * isdate: groups j, j+1, j+2 joined by the same '-', '.' or '/' and by
 * nothing else on either side read as Y-M-D, D.M.Y, M/D/Y or D.M.YY.
 */
static int
isdate(const struct run *r, size_t j)
{
	unsigned long a, b, c;
	size_t la, lb, lc;
	int sep = gapc(r, j);

	if (sep != '-' && sep != '.' && sep != '/')
		return 0;
	if (gapc(r, j + 1) != sep || (j > 0 && gapc(r, j - 1) == sep) ||
	    gapc(r, j + 2) == sep)
		return 0;
	la = glen(r, j), lb = glen(r, j + 1), lc = glen(r, j + 2);
	a = gval(r, j), b = gval(r, j + 1), c = gval(r, j + 2);
	if (la == 4 && lb <= 2 && lc <= 2)
		return isyear(r, j) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
	if (la > 2 || lb > 2 || (lc != 4 && lc != 2))
		return 0;
	if (lc == 4 && !isyear(r, j + 2))
		return 0;
	if (a >= 1 && a <= 31 && b >= 1 && b <= 12)
		return 1;
	return lc == 4 && a >= 1 && a <= 12 && b >= 1 && b <= 31;
}

/* isymd: whether the 8 digits at p are a date, YYYYMMDD (1900-2099). */
static int
isymd(const char *p)
{
	int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0');

	return y >= 1900 && y <= 2099 && idnum_date(y,
	    (p[4] - '0') * 10 + (p[5] - '0'), (p[6] - '0') * 10 + (p[7] - '0'));
}

/* Currency codes and signs that make a number an amount. */
static const char *const money[] = { "eur", "usd", "gbp", "dkk", "nok",
    "sek", "chf", "pln", "czk", "huf", "kr", "\xe2\x82\xac", "$",
    "\xc2\xa3" };

/*
 * moneyctx: whether the number in[s..e) has decimals after it (",50",
 * ".50") or a currency code or sign next to it.
 */
static int
moneyctx(const char *in, size_t n, size_t s, size_t e)
{
	size_t i, j, k, l;

	if (e + 1 < n && (in[e] == ',' || in[e] == '.') &&
	    isdig((unsigned char)in[e + 1]))
		return 1;
	for (i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
		l = strlen(money[i]);
		for (j = e, k = 0; j < n && in[j] == ' ' && k < 2; j++, k++)
			;
		if (n - j >= l && strncasecmp(in + j, money[i], l) == 0 &&
		    (j + l == n || !isalnum_ascii((unsigned char)in[j + l])))
			return 1;
		for (j = s, k = 0; j > 0 && in[j - 1] == ' ' && k < 2; j--, k++)
			;
		if (j >= l && strncasecmp(in + j - l, money[i], l) == 0 &&
		    (j == l || !isalnum_ascii((unsigned char)in[j - l - 1])))
			return 1;
	}
	return 0;
}

/*
 * isamount: groups a..b read as 1.234.567, 123.456.789 (thousands
 * grouped by dots, two dots or more) or 1234567.50, or as 1 234 567
 * next to decimals or a currency, after a word for an amount (W_MONEY:
 * Saldo 12 345 678), ending in 000 (40 000 000) or with a first group
 * of one digit.
 */
static int
isamount(const struct run *r, size_t n, size_t a, size_t b)
{
	size_t j;
	int sep = gapc(r, a);

	if ((sep == '.' || sep == ' ') && glen(r, a) <= 3 &&
	    r->in[r->gs[a]] != '0') {
		for (j = a + 1; j <= b; j++)
			if (glen(r, j) != 3 || (j < b && gapc(r, j) != sep))
				break;
		if (j > b && (glen(r, a) == 1 || (sep == '.' && b - a >= 2) ||
		    memcmp(r->in + r->gs[b], "000", 3) == 0 ||
		    moneyctx(r->in, n, r->gs[a], r->ge[b]) ||
		    cue(r->in, r->gs[a], W_MONEY)))
			return 1;
	}
	if (gapc(r, b - 1) != '.' || glen(r, b) > 2)
		return 0;
	for (j = a; j + 1 < b; j++)
		if (memchr(r->in + r->ge[j], '.', r->gs[j + 1] - r->ge[j]))
			return 0;
	return 1;
}

/*
 * isversion: groups a..b, joined by dots only, have a group of 5 digits
 * or more before the last or a single digit between others, as version
 * numbers do (26.0.12345.0), and phone numbers written with dots do not.
 */
static int
isversion(const struct run *r, size_t a, size_t b)
{
	size_t j;

	for (j = a; j < b; j++)
		if (gapc(r, j) != '.')
			return 0;
	for (j = a; j <= b; j++)
		if ((j < b && glen(r, j) >= 5) ||
		    (j > a && j < b && glen(r, j) == 1))
			return 1;
	return 0;
}

/* mixed: a '.' gap and a '-' or '/' gap among groups a..b (10.30-12.00). */
static int
mixed(const struct run *r, size_t a, size_t b)
{
	int dot = 0, other = 0;
	size_t j, i;

	for (j = a; j < b; j++)
		for (i = r->ge[j]; i < r->gs[j + 1]; i++) {
			if (r->in[i] == '.')
				dot = 1;
			else if (r->in[i] == '-' || r->in[i] == '/')
				other = 1;
		}
	return dot && other;
}

/*
 * postal: groups a..b (a house number and a post code: 120 75001,
 * 44 111 35, 1250-096, 174 6349 CJ) are followed by a place name or a
 * post code's letters, ", Oslo" or " Paris", and start with no 0.
 */
static int
postal(const struct run *r, size_t n, size_t a, size_t b)
{
	size_t i = r->ge[b];

	if (b - a > 2 || r->in[r->gs[a]] == '0')
		return 0;
	if (i < n && r->in[i] == ',')
		i++;
	if (i >= n || r->in[i] != ' ')
		return 0;
	i++;
	return i + 1 < n && r->in[i] >= 'A' && r->in[i] <= 'Z' &&
	    text_isword((unsigned char)r->in[i + 1]);
}

/*
 * Words that name the number after them, lower case: a phone number
 * (W_PHONE); a number with check digits of its own that is no person's,
 * an article number or a payment reference (W_CODE); an item, serial,
 * order or document number (W_THING); a version (W_VERSION); a VAT
 * number (W_VAT); a person number (W_ID); an amount (W_MONEY).  A word names a number too when it is one of these
 * and a word for "number" (numwords: Telefonnummer, Tlfnr, Artikelnr,
 * with a linking s Auftragsnummer), or two of the same kind
 * (Mobiltelefon).
 */
#define N(w, k)	{ w, sizeof(w) - 1, k }
static const struct namer {
	const char	*w;
	size_t		 len;
	int		 kind;
} namers[] = {
	N("tel", W_PHONE), N("tlf", W_PHONE), N("tfn", W_PHONE),
	N("phone", W_PHONE), N("ph", W_PHONE), N("telefon", W_PHONE),
	N("telephone", W_PHONE), N("telefoon", W_PHONE),
	N("telefono", W_PHONE), N("mob", W_PHONE), N("mobile", W_PHONE),
	N("mobil", W_PHONE), N("mobiel", W_PHONE), N("cell", W_PHONE),
	N("fax", W_PHONE), N("gsm", W_PHONE), N("handy", W_PHONE),
	N("puh", W_PHONE), N("puhelin", W_PHONE), N("call", W_PHONE),
	N("called", W_PHONE), N("ring", W_PHONE), N("ringte", W_PHONE),
	N("ringde", W_PHONE), N("ruf", W_PHONE), N("sms", W_PHONE),
	N("kontakt", W_PHONE), N("contact", W_PHONE),
	N("fastnet", W_PHONE), N("direkte", W_PHONE), N("natel", W_PHONE),
	N("whatsapp", W_PHONE), N("durchwahl", W_PHONE),
	N("gtin", W_CODE), N("ean", W_CODE), N("upc", W_CODE),
	N("barcode", W_CODE), N("kid", W_CODE), N("ocr", W_CODE),
	N("fik", W_CODE), N("ref", W_CODE), N("reference", W_CODE),
	N("referenz", W_CODE), N("referanse", W_CODE), N("referens", W_CODE),
	N("bankgiro", W_CODE), N("plusgiro", W_CODE), N("giro", W_CODE),
	N("item", W_THING), N("art", W_THING), N("artikel", W_THING),
	N("article", W_THING), N("vare", W_THING), N("sku", W_THING),
	N("part", W_THING), N("pn", W_THING), N("sn", W_THING),
	N("serial", W_THING), N("serie", W_THING), N("serien", W_THING),
	N("lot", W_THING), N("batch", W_THING), N("charge", W_THING),
	N("chargen", W_THING), N("model", W_THING), N("modell", W_THING),
	N("order", W_THING), N("ordre", W_THING), N("bestell", W_THING),
	N("auftrag", W_THING), N("pedido", W_THING),
	N("commande", W_THING), N("ordine", W_THING), N("po", W_THING),
	N("invoice", W_THING), N("faktura", W_THING),
	N("factura", W_THING), N("facture", W_THING),
	N("fattura", W_THING), N("rechnung", W_THING),
	N("quote", W_THING), N("angebot", W_THING), N("tilbud", W_THING),
	N("doc", W_THING), N("document", W_THING),
	N("dokument", W_THING), N("beleg", W_THING), N("bilag", W_THING),
	N("voucher", W_THING), N("entry", W_THING), N("posten", W_THING),
	N("version", W_VERSION), N("versjon", W_VERSION),
	N("ver", W_VERSION), N("v", W_VERSION), N("build", W_VERSION),
	N("release", W_VERSION), N("rev", W_VERSION),
	N("revision", W_VERSION), N("firmware", W_VERSION),
	N("fw", W_VERSION), N("patch", W_VERSION),
	N("vat", W_VAT), N("cvr", W_VAT), N("moms", W_VAT),
	N("ust", W_VAT), N("ustid", W_VAT), N("mwst", W_VAT),
	N("tva", W_VAT), N("iva", W_VAT), N("btw", W_VAT), N("alv", W_VAT),
	N("cpr", W_ID), N("person", W_ID), N("pnr", W_ID),
	N("amount", W_MONEY), N("balance", W_MONEY), N("saldo", W_MONEY),
	N("total", W_MONEY), N("sum", W_MONEY), N("summe", W_MONEY),
	N("betrag", W_MONEY), N("belob", W_MONEY), N("price", W_MONEY),
	N("pris", W_MONEY), N("preis", W_MONEY), N("limit", W_MONEY),
	N("credit", W_MONEY), N("kredit", W_MONEY), N("turnover", W_MONEY),
	N("omsetning", W_MONEY), N("omsaetning", W_MONEY),
	N("umsatz", W_MONEY),
};
#define NNAMERS	(sizeof(namers) / sizeof(namers[0]))

/* The namers by first letter: byletter[first[c - 'a'] .. first[c - 'a' +
   1]) are those starting with c (pii_new). */
static const struct namer *byletter[NNAMERS];
static size_t first[27];

static void
namers_index(void)
{
	size_t k, j, at;

	memset(first, 0, sizeof(first));
	for (k = 0; k < NNAMERS; k++)
		first[namers[k].w[0] - 'a' + 1]++;
	for (k = 1; k < 27; k++)
		first[k] += first[k - 1];
	for (k = 0, at = 0; k < 26; k++)
		for (j = 0; j < NNAMERS; j++)
			if (namers[j].w[0] - 'a' == (int)k)
				byletter[at++] = &namers[j];
}

/* Words for "number" after a namer, or between it and the number. */
static const struct namer numwords[] = { N("nr", 0), N("no", 0),
    N("nbr", 0), N("num", 0), N("nro", 0), N("nummer", 0),
    N("number", 0), N("numero", 0), N("id", 0) };
#define NNUMWORDS	(sizeof(numwords) / sizeof(numwords[0]))
#undef N

#define WORDMAX	24		/* longest word a namer is looked for in */

/* numword: w[0..l) is a word of numwords. */
static int
numword(const char *w, size_t l)
{
	size_t k;

	for (k = 0; k < NNUMWORDS; k++)
		if (numwords[k].len == l && memcmp(numwords[k].w, w, l) == 0)
			return 1;
	return 0;
}

/*
 * wordkind: the kind (W_...) that the lower-case word w[0..l) names, or
 * W_NONE: a namer, a namer and a word for "number", with a linking s
 * or not, or two namers of one kind (and a word for "number").
 */
static int
wordkind(const char *w, size_t l)
{
	const struct namer *a, *b;
	const char *r;
	size_t i, j, m, rl;

	if (w[0] < 'a' || w[0] > 'z')
		return W_NONE;
	for (i = first[w[0] - 'a']; i < first[w[0] - 'a' + 1]; i++) {
		a = byletter[i];
		m = a->len;
		if (m > l || memcmp(a->w, w, m) != 0)
			continue;
		r = w + m;
		rl = l - m;
		if (rl == 0 || numword(r, rl) || (r[0] == 's' && rl > 1 &&
		    numword(r + 1, rl - 1)))
			return a->kind;
		if (r[0] < 'a' || r[0] > 'z')
			continue;
		for (j = first[r[0] - 'a']; j < first[r[0] - 'a' + 1]; j++) {
			b = byletter[j];
			if (b->kind == a->kind && b->len <= rl &&
			    memcmp(b->w, r, b->len) == 0 &&
			    (b->len == rl || numword(r + b->len, rl - b->len)))
				return a->kind;
		}
	}
	return W_NONE;
}

/*
 * wordat: the word of letters and digits that ends at in[i] (exclusive),
 * lower case, into w (WORDMAX bytes); its start in *j.  Returns its
 * length, or 0 when it is longer than WORDMAX - 1 (no namer).
 */
static size_t
wordat(const char *in, size_t i, char *w, size_t *j)
{
	size_t k, l;

	for (k = i; k > 0 && isalnum_ascii((unsigned char)in[k - 1]); k--)
		;
	*j = k;
	l = i - k;
	if (l >= WORDMAX)
		return 0;
	for (k = 0; k < l; k++) {
		w[k] = in[*j + k];
		if (w[k] >= 'A' && w[k] <= 'Z')
			w[k] = (char)(w[k] | 0x20);
	}
	return l;
}

/*
 * coded: whether in[s] follows "LLdd " (two letters, two digits, a
 * space) that starts a word: the rest of an IBAN that failed its checks
 * or of an RF creditor reference (RF18 5390 0754 7034), not a number of
 * its own.
 */
static int
coded(const char *in, size_t s)
{
	const unsigned char *u = (const unsigned char *)in + s;

	return s >= 5 && u[-1] == ' ' && isdig(u[-2]) && isdig(u[-3]) &&
	    (ctype[u[-4]] & (C_LOW | C_UP)) && (ctype[u[-5]] & (C_LOW | C_UP)) &&
	    (s == 5 || !isalnum_ascii(u[-6]));
}

/*
 * cue: whether a word that names kind (wordkind) ends within 16 bytes
 * before in[s].
 */
static int
cue(const char *in, size_t s, int kind)
{
	char w[WORDMAX];
	size_t i = s, j, l;

	while (i > 0 && s - i < 16) {
		if (!isalnum_ascii((unsigned char)in[i - 1])) {
			i--;
			continue;
		}
		l = wordat(in, i, w, &j);
		if (l > 0 && wordkind(w, l) == kind)
			return 1;
		i = j;
	}
	return 0;
}

/*
 * thing: what the word right before in[s] names when it is W_CODE,
 * W_THING or W_VERSION (else W_NONE): the word before the spaces and
 * ". : # - / (" there, after up to two words for "number" (Serial no.
 * 4711, Art.-Nr. 1000, S/N 4711); W_CODE after a Danish FIK code's
 * "+71<".
 */
static int
thing(const char *in, size_t s)
{
	char w[WORDMAX];
	size_t i = s, j, l, skip = 0;
	int k;

	if (s >= 4 && in[s - 1] == '<' && isdig((unsigned char)in[s - 2]) &&
	    isdig((unsigned char)in[s - 3]) && in[s - 4] == '+')
		return W_CODE;		/* FIK: +71<payment id+creditor< */
	for (;;) {
		while (i > 0 && s - i < 24 && in[i - 1] != '\0' &&
		    strchr(" .:#-/(", in[i - 1]) != NULL)
			i--;
		if (i == 0 || !isalnum_ascii((unsigned char)in[i - 1]))
			return W_NONE;
		if ((l = wordat(in, i, w, &j)) == 0)
			return W_NONE;
		if (l == 1 && w[0] == 'n' && j >= 2 && in[j - 1] == '/' &&
		    (in[j - 2] | 0x20) == 's' &&
		    (j == 2 || !isalnum_ascii((unsigned char)in[j - 3])))
			return W_THING;		/* S/N */
		k = wordkind(w, l);
		if (k == W_CODE || k == W_THING || k == W_VERSION)
			return k;
		if (k != W_NONE || skip == 2 || !numword(w, l))
			return W_NONE;
		skip++;
		i = j;
	}
}

/* Country calling codes (ITU-T E.164), between spaces. */
static const char ccodes[] =
    " 1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53"
    " 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95"
    " 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230"
    " 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247"
    " 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265"
    " 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357"
    " 358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385"
    " 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590"
    " 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678"
    " 679 680 681 682 683 685 686 687 688 689 690 691 692 800 808 850 852"
    " 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964 965"
    " 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996"
    " 998 ";

size_t
pii_ccode(const char *d, size_t nd)
{
	char key[6];
	size_t l;

	for (l = 1; l <= 3 && l <= nd; l++) {
		key[0] = ' ';
		memcpy(key + 1, d, l);
		key[l + 1] = ' ';
		key[l + 2] = '\0';
		if (strstr(ccodes, key) != NULL)
			return l;
	}
	return 0;
}

/*
 * intl_ok: whether the digits d[0..nd), written after '+' or "00", are
 * a country code and a national number of 4 digits or more, 17 digits
 * at most (10 after country code 1).
 */
static int
intl_ok(const char *d, size_t nd)
{
	char key[6];
	size_t l;

	if (nd < 7 || nd > 17)
		return 0;
	for (l = 1; l <= 3 && l < nd; l++) {
		key[0] = ' ';
		memcpy(key + 1, d, l);
		key[l + 1] = ' ';
		key[l + 2] = '\0';
		if (strstr(ccodes, key) != NULL)
			return l == 1 && d[0] == '1' ? nd == 11 : nd - l >= 4;
	}
	return 0;
}

/*
 * extension: the length of an extension at in[e..) (" x4412",
 * "x019", " ext. 4412", " ext 12", " #12"), or 0.
 */
static size_t
extension(const char *in, size_t n, size_t e)
{
	size_t i = e, j;

	if (i < n && in[i] == ' ')
		i++;
	if (i < n && (in[i] == 'x' || in[i] == 'X' || in[i] == '#'))
		i++;
	else if (n - i >= 3 && strncasecmp(in + i, "ext", 3) == 0) {
		i += 3;
		if (n - i >= 1 && (in[i] == 'n' || in[i] == '.'))
			i++;
		if (i < n && in[i] == '.')
			i++;
	} else
		return 0;
	if (i < n && (in[i] == ' ' || in[i] == ':'))
		i++;
	if (i < n && in[i] == ' ')
		i++;
	for (j = i; j < n && j - i < 6 && isdig((unsigned char)in[j]); j++)
		;
	if (j == i || (j < n && (text_isword((unsigned char)in[j]) ||
	    in[j] == '_')))
		return 0;
	return j - e;
}

/*
 * nanp: whether the 10 digits at p read as a North American number
 * (2125550147): an area code that starts 2 to 9 and is none of N9X
 * (reserved), N11 (service codes), 200, 300, 400 (not assigned), and
 * an exchange that starts 2 to 9 and is not N11.  A document number
 * 2000012345 or 1020304050 is not one.
 */
static int
nanp(const char *p)
{
	if (p[0] < '2' || p[1] == '9' || (p[1] == '1' && p[2] == '1') ||
	    (p[1] == '0' && p[2] == '0' && p[0] <= '4'))
		return 0;
	return p[3] >= '2' && !(p[4] == '1' && p[5] == '1');
}

/*
 * listgap: the gap after group j of r separates two numbers written
 * side by side: it holds a '/', or is two bytes or more of spaces and
 * dashes (" - ", "   ").
 */
static int
listgap(const struct run *r, size_t j)
{
	size_t i, l = r->gs[j + 1] - r->ge[j];

	for (i = r->ge[j]; i < r->gs[j + 1]; i++)
		if (r->in[i] == '/')
			return 1;
		else if (r->in[i] != ' ' && r->in[i] != '-')
			return 0;
	return l >= 2;
}

/*
 * sidegap: the gap after group j of r is a single space between two
 * numbers written solid side by side: the group before has 6 digits or
 * more, and the one after too or starts with 0 (22334455 22334466,
 * 0711 123456 0711 654321).
 */
static int
sidegap(const struct run *r, size_t j)
{
	return gapc(r, j) == ' ' && glen(r, j) >= 6 &&
	    (glen(r, j + 1) >= 6 || r->in[r->gs[j + 1]] == '0');
}

/*
 * roundlist: groups a..b of r, not joined by '/', are round numbers
 * of 3 to 9 digits (each ends in 0, none starts with 0) in rising
 * order: a range or a list (1000-2000, 100 200 300), not a phone
 * number (20 30 40 50).
 */
static int
roundlist(const struct run *r, size_t a, size_t b)
{
	size_t j;

	for (j = a; j <= b; j++)
		if (r->in[r->ge[j] - 1] != '0' || r->in[r->gs[j]] == '0' ||
		    glen(r, j) < 3 || glen(r, j) > 9 || (j > a && gval(r, j) <= gval(r, j - 1)) ||
		    (j < b && memchr(r->in + r->ge[j], '/',
		    r->gs[j + 1] - r->ge[j]) != NULL))
			return 0;
	return 1;
}

/*
 * gs1: the nd digits at p (12 to 14: UPC-A, EAN-13, GTIN-14) end in a
 * GS1 check digit (weights 3 and 1 from the right).
 */
static int
gs1(const char *p, size_t nd)
{
	size_t i;
	unsigned sum = 0;

	for (i = 0; i + 1 < nd; i++)
		sum += (unsigned)(p[nd - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
	return (10 - sum % 10) % 10 == (unsigned)(p[nd - 1] - '0');
}

/* isphone: whether groups a..b of r are a phone number (pii.h). */
static int
isphone(struct run *r, size_t a, size_t b)
{
	const char *in = r->in;
	char dg[40];
	size_t j, nd = 0, ndg;
	int years = 1, phone;

	for (j = a; j <= b; j++) {
		nd += glen(r, j);
		if (!isyear(r, j))
			years = 0;
	}
	if (years && b > a)
		return 0;
	if (r->intl && a == 0) {
		for (ndg = 0, j = a; j <= b; j++) {
			if (ndg + glen(r, j) > sizeof(dg))
				break;
			memcpy(dg + ndg, in + r->gs[j], glen(r, j));
			ndg += glen(r, j);
		}
		return r->intl == 2 ? ndg > 2 && intl_ok(dg + 2, ndg - 2) :
		    intl_ok(dg, ndg);
	}
	if (nd < 6 || nd > 15)
		phone = 0;
	else if ((r->paren && a == 0) || (r->ext && b + 1 == r->k))
		phone = nd >= 7;
	else if (b > a)
		phone = nd >= 7 && !isamount(r, r->n, a, b) &&
		    !isversion(r, a, b) && !mixed(r, a, b) &&
		    !postal(r, r->n, a, b) && !roundlist(r, a, b) &&
		    !(b == a + 1 && isyear(r, a) &&
		    (gapc(r, a) == '-' || gapc(r, a) == '/'));
	else if (in[r->gs[a]] == '0')
		phone = nd >= 7 && in[r->gs[a] + 1] != '0' &&
		    !(nd >= 12 && nd <= 14 && gs1(in + r->gs[a], nd));
	else
		phone = nd == 11 || (nd == 10 && nanp(in + r->gs[a]));
	if (!phone && !r->intl && nd >= 6 && nd <= 15) {
		if (r->named == -1)
			r->named = cue(in, r->s, W_PHONE);
		phone = r->named;
	}
	if (phone && !r->intl) {
		if (r->thing == -1)
			r->thing = thing(in, r->s);
		phone = r->thing == W_NONE;
	}
	return phone;
}

/* phone_emit: emit [PHONE] for groups a..b of r, in[s..e) a candidate. */
static void
phone_emit(const struct run *r, size_t a, size_t b, size_t e,
    struct sink *o)
{
	size_t start = r->gs[a], end = r->ge[b];

	if (a == 0) {
		start = r->s;
		if (r->paren && memchr(r->in + r->s, ')', r->ge[b] - r->s) ==
		    NULL)
			start++;
	}
	if (b + 1 == r->k && end == e)
		end += r->ext;
	emit(o, r->in, start, end, "[PHONE]");
}

/*
 * phone_run: judge the candidate in[s..e) by the rules of pii.h and emit
 * [PHONE] for each part that is a phone number.  A part that is not
 * one as a whole may be numbers side by side (listgap): each is judged.
 */
static void
phone_run(const char *in, size_t n, size_t s, size_t e, struct sink *o)
{
	struct run r;
	size_t i = s, a, b, c, d, j;
	int isdt[MAXGROUPS];

	r.in = in;
	r.n = n;
	r.s = s;
	r.k = 0;
	r.ext = 0;
	r.intl = r.paren = 0;
	r.named = r.thing = -1;
	if (in[i] == '(') {
		r.paren = 1;
		i++;
	}
	if (in[i] == '+') {
		r.intl = 1;
		i++;
	}
	while (i < e) {
		if (!isdig((unsigned char)in[i])) {
			i++;
			continue;
		}
		if (r.k == MAXGROUPS)
			return;
		r.gs[r.k] = i;
		while (i < e && isdig((unsigned char)in[i]))
			i++;
		r.ge[r.k++] = i;
	}
	/* Glued to a word, or an hour (10:05): the last group belongs to
	 * something else. */
	if (e < n && (r.ext = extension(in, n, e)) == 0 &&
	    (text_isword((unsigned char)in[e]) || in[e] == '_' ||
	    (in[e] == ':' && e + 1 < n && isdig((unsigned char)in[e + 1]))))
		r.k--;
	if (r.k == 0)
		return;
	if (!r.intl && r.gs[0] == s && glen(&r, 0) >= 2 && in[s] == '0' &&
	    in[s + 1] == '0')
		r.intl = 2;
	if (r.intl != 1 && !r.paren && coded(in, s))
		return;
	if (r.intl == 1 && s > 0 && isdig((unsigned char)in[s - 1])) {
		/* +4599990020+4599990021, not a FIK's +71<...+85236541< */
		for (i = s - 1; i > 0 && isdig((unsigned char)in[i - 1]); i--)
			;
		if (i == 0 || in[i - 1] != '+')
			return;
	}
	memset(isdt, 0, sizeof(isdt));
	for (j = 0; j < r.k; j++) {
		if (j + 2 < r.k && isdate(&r, j))
			isdt[j] = isdt[j + 1] = isdt[j + 2] = 1;
		if (glen(&r, j) == 8 && isymd(in + r.gs[j]) && (r.k > 1 ||
		    !cue(in, s, W_PHONE)))
			isdt[j] = 1;	/* but Tlf 20261129 */
	}
	for (a = 0; a < r.k; a = b + 1) {
		if (isdt[a]) {
			b = a;
			continue;
		}
		for (b = a; b + 1 < r.k && !isdt[b + 1]; b++)
			;
		if (isphone(&r, a, b)) {
			phone_emit(&r, a, b, e, o);
			continue;
		}
		for (c = a; c <= b; c = d + 1) {
			for (d = c; d < b && !listgap(&r, d) && !sidegap(&r, d);
			    d++)
				;
			if ((c > a || d < b) && isphone(&r, c, d))
				phone_emit(&r, c, d, e, o);
		}
	}
}

/*
 * present: whether detector d can match anything in in[0..n), which
 * holds nd digits.
 */
static int
present(int d, const char *in, size_t n, size_t nd)
{
	if (nd < mindigits[d])
		return 0;
	if (d == D_EMAIL)
		return memchr(in, '@', n) != NULL;
	if (d == D_IP6)
		return memchr(in, ':', n) != NULL;
	if (d == D_IP4)
		return memchr(in, '.', n) != NULL;
	return 1;
}

static int
isxdig(unsigned char c)
{
	return isdig(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
isalpha_ascii(unsigned char c)
{
	return ctype[c] & (C_LOW | C_UP);
}

static int
isupper_ascii(unsigned char c)
{
	return ctype[c] & C_UP;
}

/* isjoin: c may join the digit groups of a number (digit_run). */
static int
isjoin(unsigned char c)
{
	return ctype[c] & C_JOIN;
}

/* ndigits: the number of digits at in[p..), at most max. */
static size_t
ndigits(const char *in, size_t n, size_t p, size_t max)
{
	size_t k;

	for (k = 0; p + k < n && k < max && isdig((unsigned char)in[p + k]);
	    k++)
		;
	return k;
}

/*
 * spot: whether a match of detector d (D_IBAN, D_VAT or D_IDL) can start
 * at in[p], the start of a word: a quick test in C that spares most
 * words the pattern.
 */
static int
spot(int d, const char *in, size_t n, size_t p)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i, k;

	switch (d) {
	case D_IBAN:
		if (n - p < 15 || !isalpha_ascii(u[p]) || !isalpha_ascii(u[p + 1]))
			return 0;
		i = p + 2;
		if (u[i] == ' ' || u[i] == '\t')
			i += 1 + (u[i + 1] == ' ' || u[i + 1] == '\t');
		return isdig(u[i]) && isdig(u[i + 1]);
	case D_VAT:
		if (n - p < 6 || !isalpha_ascii(u[p]) || !isalpha_ascii(u[p + 1]))
			return 0;
		if ((vatpair[(u[p] & 0xDF) - 'A'] &
		    (1UL << ((u[p + 1] & 0xDF) - 'A'))) == 0)
			return 0;
		for (i = p + 2; i < n && i < p + 10; i++)
			if (isdig(u[i]))
				return 1;
		return 0;
	case D_IDL:
		if (n - p < 9)
			return 0;
		if (isdig(u[p])) {
			k = ndigits(in, n, p, 9);
			return (k == 6 && strchr("-+ABCDEFUVWXYabcdefuvwxy",
			    u[p + 6]) !=
			    NULL && u[p + 6] != '\0' && isdig(u[p + 7])) ||
			    (k == 8 && p + 8 < n && (isalpha_ascii(u[p + 8]) ||
			    u[p + 8] == '-'));
		}
		if (!isalpha_ascii(u[p]))
			return 0;
		if ((u[p] | 0x20) >= 'x' && (u[p] | 0x20) <= 'z' &&
		    isdig(u[p + 1 + (u[p + 1] == '-')]))
			return 1;
		if (isalpha_ascii(u[p + 1])) {	/* a NINO: AB 12 34 56 C */
			i = p + 2 + (u[p + 2] == ' ');
			if (isdig(u[i]) && isdig(u[i + 1]) &&
			    isdig(u[i + 2 + (u[i + 2] == ' ')]))
				return 1;
		}
		if (n - p < 16 || (n - p > 16 && isalnum_ascii(u[p + 16])))
			return 0;
		for (i = p; i < p + 16; i++)
			if (!isalnum_ascii(u[i]))
				return 0;
		return 1;
	}
	return 1;
}

/*
 * digit_run: the next run of digits at or after in[start] joined by
 * gaps of one to three bytes of " ./-()+" (a superset of what the
 * patterns of D_IDN, D_CARD, D_IP4 and D_PHONE join), holding at least
 * min digits: its first digit in *lo, the end of its last in *hi.
 * and its number of digits in *ndp.  Returns 0 when there is none.
 */
static int
digit_run(const char *in, size_t n, size_t start, size_t min, size_t *lo,
    size_t *hi, size_t *ndp)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t i = start, s, e, g, nd;

	for (;;) {
		while (i < n && !isdig(u[i]))
			i++;
		if (i >= n)
			return 0;
		s = i;
		nd = 0;
		for (;;) {
			while (i < n && isdig(u[i])) {
				i++;
				nd++;
			}
			e = i;
			for (g = 0; i < n && g < 3 && isjoin(u[i]); g++)
				i++;
			if (g == 0 || i >= n || !isdig(u[i])) {
				i = e;
				break;
			}
		}
		if (nd >= min) {
			*lo = s;
			*hi = e;
			*ndp = nd;
			return 1;
		}
		if (i < n)
			i++;
	}
}

/*
 * scan: list in x the places of in[0..n) where the patterns of D_IBAN,
 * D_VAT and D_IDL may match (word starts that spot passes) and where
 * those of the digit detectors may (digit runs of 4 digits or more), so
 * that each pass looks there only, and the text is read once for all of
 * them until a pass changes it.
 */
static void
scan(struct pii *x, const char *in, size_t n)
{
	size_t p, lo, hi, nd, dig;
	unsigned mask;
	int d;

	x->nw = x->nr = 0;
	for (p = 0, dig = 0; p < n; p++) {
		if (!isalnum_ascii((unsigned char)in[p]) ||
		    (p > 0 && isalnum_ascii((unsigned char)in[p - 1])))
			continue;
		/* every spot but a codice fiscale's has a digit within 10
		 * bytes, and that one is an upper-case word */
		if (dig < p)
			for (dig = p; dig < n && !isdig((unsigned char)in[dig]);
			    dig++)
				;
		if (dig - p > 10 && !isupper_ascii((unsigned char)in[p]))
			continue;
		mask = 0;
		for (d = D_IBAN; d <= D_IDL; d++)
			if (spot(d, in, n, p))
				mask |= 1U << d;
		if (mask == 0)
			continue;
		if (x->nw == x->wcap) {
			x->wcap = x->wcap == 0 ? 16 : x->wcap * 2;
			x->words = xreallocarray(x->words, x->wcap,
			    sizeof(*x->words));
		}
		x->words[x->nw].at = p;
		x->words[x->nw++].v = mask;
	}
	for (p = 0; digit_run(in, n, p, 4, &lo, &hi, &nd); p = hi) {
		if (x->nr == x->rcap) {
			x->rcap = x->rcap == 0 ? 16 : x->rcap * 2;
			x->runs = xreallocarray(x->runs, x->rcap,
			    sizeof(*x->runs));
		}
		x->runs[x->nr].at = lo;
		x->runs[x->nr].end = hi;
		x->runs[x->nr++].v = nd;
	}
}

/*
 * near: the next window at or after start where detector d (D_EMAIL or
 * D_IP6) may match, in[*lo..*hi): 320 bytes before and after an '@'
 * (an address's local part is at most 64 bytes, quoted with escapes
 * twice that, its domain 255), or 48 bytes (an IPv6 address with an
 * IPv4 tail, and a byte for the look-arounds) before and after "::" or
 * three colons joining groups of at most four hex digits.  Returns 0
 * when there is none.
 */
static int
near(int d, const char *in, size_t n, size_t start, size_t *lo, size_t *hi)
{
	const char *p;
	size_t i, j, k, w = d == D_EMAIL ? 320 : 48;

	for (i = start; i < n; i = (size_t)(p - in) + 1) {
		if ((p = memchr(in + i, d == D_EMAIL ? '@' : ':', n - i)) == NULL)
			return 0;
		if (d == D_IP6 && (p + 1 >= in + n || p[1] != ':')) {
			/* three colons joining hex groups (a time has two) */
			for (j = 1, k = 0; p + j < in + n && k < 2; j++) {
				if (p[j] == ':' && isxdig((unsigned char)p[j - 1]))
					k++;
				else if (!isxdig((unsigned char)p[j]) ||
				    j > 5 * (k + 1))
					break;
			}
			if (k < 2)
				continue;
		}
		*lo = (size_t)(p - in) > start + w ? (size_t)(p - in) - w : start;
		*hi = n - (size_t)(p - in) > w ? (size_t)(p - in) + w : n;
		return 1;
	}
	return 0;
}

/* solid6: in[s..e) holds 6 digits in a row. */
static int
solid6(const char *in, size_t s, size_t e)
{
	size_t k = 0;

	for (; s < e; s++)
		if (!isdig((unsigned char)in[s]))
			k = 0;
		else if (++k == 6)
			return 1;
	return 0;
}

/* ndots: the number of dots in in[s..e). */
static size_t
ndots(const char *in, size_t s, size_t e)
{
	size_t k = 0;

	for (; s < e; s++)
		k += in[s] == '.';
	return k;
}

/*
 * card_len: whether nd digits (12 to 19) starting d are as long as the
 * issuer their first digits name gives out: Visa 13, 16, 19;
 * Mastercard 16; American Express 15; Diners 14 to 19; JCB 16 to 19;
 * Mir 16 to 19; UATP 15; Maestro, Discover, UnionPay (5 and 6 but
 * Mastercard's 51-55) 12 to 19; 7, 8, 9 16 to 19.
 */
static int
card_len(const char *d, size_t nd)
{
	int p2 = (d[0] - '0') * 10 + (d[1] - '0');
	int p4 = p2 * 100 + (d[2] - '0') * 10 + (d[3] - '0');

	switch (d[0]) {
	case '1':
		return nd == 15;
	case '2':
		if (p4 >= 2200 && p4 <= 2204)
			return nd >= 16;
		return p4 >= 2221 && p4 <= 2720 && nd == 16;
	case '3':
		if (p2 == 34 || p2 == 37)
			return nd == 15;
		if (p2 == 35)
			return nd >= 16;
		return (p2 == 30 || p2 == 36 || p2 == 38 || p2 == 39) &&
		    nd >= 14;
	case '4':
		return nd == 13 || nd == 16 || nd == 19;
	case '5':
		return p2 < 51 || p2 > 55 || nd == 16;
	case '6':
		return 1;
	default:
		return nd >= 16;
	}
}

#define CARDGROUPS	26	/* 19 digits and 6 more, one a group */

/*
 * samegaps: the gaps between groups a..b (starts gs, ends ge) of a card
 * candidate are single spaces or dashes, or all the same (two spaces,
 * tabs, dots or slashes: 4111.1111.1111.1111, not 24-10-2020 12.50)
 * between groups of 3 digits or more (not a version, 4.1.12345.67890).
 */
static int
samegaps(const char *in, const size_t *gs, const size_t *ge, size_t a,
    size_t b)
{
	size_t j, l = a < b ? gs[a + 1] - ge[a] : 0;
	int same = 1, plain = 1;

	for (j = a; j < b; j++) {
		if (gs[j + 1] - ge[j] != l ||
		    memcmp(in + ge[j], in + ge[a], l) != 0)
			same = 0;
		if (gs[j + 1] - ge[j] != 1 || (in[ge[j]] != ' ' &&
		    in[ge[j]] != '-'))
			plain = 0;
	}
	for (j = a; !plain && j <= b; j++)
		if (ge[j] - gs[j] < 3)
			same = 0;
	return same || plain;
}

/*
 * card: judge the card candidate in[s..e), a whole run of digit groups
 * joined by single spaces or dashes, and emit [CARD] for the groups of
 * it that are a card number: 12 to 19 digits starting 1-9, of a length
 * its issuer gives out (card_len), passing Luhn.  The whole run first;
 * else, for an expiry or security code beside it (4111111111111111
 * 12/27), the run less up to two groups of 6 digits in all at either
 * end.  Never after "LLdd " (coded) or a word for a code (W_CODE).
 * Returns where matching goes on.
 */
static size_t
card(const char *in, size_t s, size_t e, struct sink *o)
{
	size_t gs[CARDGROUPS], ge[CARDGROUPS], k = 0, i, a, b, j, t, nd,
	    head, tail;
	char dg[19];

	if (coded(in, s) || thing(in, s) == W_CODE)
		return e;
	for (i = s, nd = 0; i < e; i++) {	/* i++: the joiner */
		if (k == CARDGROUPS)
			return e;
		gs[k] = i;
		while (i < e && isdig((unsigned char)in[i]))
			i++;
		ge[k] = i;
		if ((nd += ge[k] - gs[k]) > 19 + 6)
			return e;
		k++;
	}
	for (a = 0, head = 0; a <= 3 && a < k && head <= 8; a++) {
		for (t = 0, tail = 0; t <= 2 && a + t < k && tail <= 6; t++) {
			b = k - 1 - t;
			for (j = a, nd = 0; j <= b; j++)
				nd += ge[j] - gs[j];
			if (nd >= 12 && nd <= 19 && in[gs[a]] != '0' &&
			    samegaps(in, gs, ge, a, b)) {
				for (j = a, nd = 0; j <= b; nd += ge[j] - gs[j],
				    j++)
					memcpy(dg + nd, in + gs[j], ge[j] - gs[j]);
				if (card_len(dg, nd) && pii_luhn(dg, nd)) {
					emit(o, in, gs[a], ge[b], tags[D_CARD]);
					return ge[b];
				}
			}
			tail += ge[b] - gs[b];
		}
		head += ge[a] - gs[a];
	}
	return e;
}

/*
 * judge: the match in[s..e) of detector d is checked (checksums, dates,
 * the phone rules) and its placeholder emitted to out when it holds.
 * Returns where matching goes on.
 */
static size_t
judge(int d, const char *in, size_t n, size_t s, size_t e, struct sink *o)
{
	size_t c;

	switch (d) {
	case D_VAT:
		if (!isupper_ascii((unsigned char)in[s]) &&
		    !isupper_ascii((unsigned char)in[s + 1]) &&
		    !cue(in, s, W_VAT))
			return s + 1;	/* "de 136695976": a word */
		/* FALLTHROUGH */
	case D_IBAN:
		c = cand_end(in, n, s, e, d == D_IBAN ? idnum_iban : idnum_vat);
		if (c == 0)
			return s + 1;
		emit(o, in, s, c, tags[d]);
		return c;
	case D_IDL:
		if (!idl_ok(in, s, e))
			return s + 1;
		break;
	case D_IDN:
		if ((c = idn_end(in, n, s, e)) == 0)
			return s + 1;
		emit(o, in, s, c, tags[d]);
		return c;
	case D_CARD:
		return card(in, s, e, o);
	case D_IP4:
		if (thing(in, s) == W_VERSION)
			return e;	/* version 10.0.19.1 */
		break;
	case D_PHONE:
		phone_run(in, n, s, e, o);
		return o->last > e ? o->last : e;
	}
	emit(o, in, s, e, tags[d]);
	return e;
}

/* match: detector d at in[start..hi); 1 found (ovector), 0 not, -1 error. */
static int
match(struct pii *x, int d, const char *in, size_t hi, size_t start)
{
	int rc;

	rc = pcre2_match(x->re[d], (PCRE2_SPTR)in, hi, start,
	    PCRE2_NO_UTF_CHECK, x->md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? -1 : 1;
}

/*
 * pass: run detector d over in[0..n) (scanned by scan) into out, and,
 * when map is not NULL (see struct sink), the output's map into omap;
 * returns the number of placeholders written (out is then in redacted,
 * else out is left untouched), or -1 when matching failed.
 */
static int
pass(struct pii *x, int d, const char *in, size_t n, const size_t *map,
    struct buf *out, struct buf *omap)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
	struct sink o = { out, 0, map, omap };
	size_t start = 0, was = 0, i, lo, hi;
	int rc, hits = 0;

	buf_reset(out);
	buf_reset(omap);
	if (d == D_IBAN || d == D_VAT || d == D_IDL) {
		/* anchored patterns (pii_new), tried at the spots */
		for (i = 0; i < x->nw; i++) {
			if (x->words[i].at < start ||
			    (x->words[i].v & (1U << d)) == 0)
				continue;
			if ((rc = match(x, d, in, n, x->words[i].at)) == -1)
				return -1;
			if (rc == 0)
				continue;
			was = out->n;
			start = judge(d, in, n, ov[0], ov[1], &o);
			hits += out->n != was;
		}
	} else if (d == D_EMAIL || d == D_IP6) {
		/* around each '@', or each pair of colons a few hex digits
		 * apart: a window of the longest address either pattern
		 * takes */
		while (near(d, in, n, start, &lo, &hi)) {
			while (lo < hi && (rc = match(x, d, in, hi, lo)) != 0) {
				if (rc == -1)
					return -1;
				was = out->n;
				lo = start = judge(d, in, n, ov[0], ov[1], &o);
				hits += out->n != was;
			}
			if (start < hi)
				start = hi;
		}
	} else {
		/* within each digit run, and the bytes around it that the
		 * look-arounds and a phone's '(+' and extension need */
		for (i = 0; i < x->nr; i++) {
			if (x->runs[i].v < mindigits[d] ||
			    x->runs[i].end <= start || (d == D_IP4 &&
			    ndots(in, x->runs[i].at, x->runs[i].end) < 3) ||
			    (d == D_IDN && x->runs[i].v > 12 &&
			    !solid6(in, x->runs[i].at, x->runs[i].end)))
				continue;	/* (a person number beside another
						   number has 6 digits solid) */
			lo = x->runs[i].at >= 2 ? x->runs[i].at - 2 : 0;
			if (lo < start)
				lo = start;
			hi = n - x->runs[i].end > 6 ? x->runs[i].end + 6 : n;
			while (lo < hi && (rc = match(x, d, in, hi, lo)) != 0) {
				if (rc == -1)
					return -1;
				if (ov[0] >= x->runs[i].end)
					break;	/* cut short by hi */
				was = out->n;
				lo = start = judge(d, in, n, ov[0], ov[1], &o);
				hits += out->n != was;
			}
		}
	}
	if (hits > 0)
		copy(&o, in, n);
	return hits;
}

void
pii_own_reset(struct pii *x)
{
	buf_reset(&x->own);
	x->nn = 0;
	x->sorted = 1;
}

static void
addneedle(struct pii *x, size_t off, size_t len, long tag)
{
	struct needle *nd;

	if (x->nn == x->ncap) {
		x->ncap = x->ncap == 0 ? 64 : x->ncap * 2;
		x->nv = xreallocarray(x->nv, x->ncap, sizeof(*x->nv));
	}
	nd = &x->nv[x->nn++];
	nd->off = off;
	nd->len = len;
	nd->tag = tag;
	nd->word = text_nchars(x->own.p + off, len) < 5;
	x->sorted = 0;
}

void
pii_own_add(struct pii *x, const char *p, size_t n, long tag)
{
	const unsigned char *f;
	size_t off, i, j;
	int hasword = 0;

	off = x->own.n;
	norm_fold(&x->own, p, n, NULL);
	if ((n = x->own.n - off) == 0)
		return;
	f = (const unsigned char *)x->own.p + off;
	for (i = 0; i < n; i = j) {
		if (!text_isword(f[i])) {
			j = i + 1;
			continue;
		}
		hasword = 1;
		for (j = i; j < n && text_isword(f[j]); j++)
			;
		if (j - i < n && text_nchars((const char *)f + i, j - i) >= 3)
			addneedle(x, off + i, j - i, tag);
	}
	if (hasword)
		addneedle(x, off, n, tag);
}

size_t
pii_own_count(const struct pii *x)
{
	return x->nn;
}

/* before: a sorts before b (longest first, then in order of adding). */
static int
before(const struct needle *a, const struct needle *b)
{
	return a->len > b->len || (a->len == b->len && a->off < b->off);
}

/* sort_needles: longest first; a Shell sort, as qsort may allocate. */
static void
sort_needles(struct needle *v, size_t n)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	struct needle t;
	size_t g, i, j, h;

	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++) {
		h = gaps[g];
		for (i = h; i < n; i++) {
			t = v[i];
			for (j = i; j >= h && before(&t, &v[j - h]); j -= h)
				v[j] = v[j - h];
			v[j] = t;
		}
	}
}

static int
cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* shield: mark the detectors' placeholders in t[0..n) so no value hits. */
static void
shield(unsigned char *mark, const char *t, size_t n)
{
	const char *p;
	size_t i, k;
	int d;

	for (p = t; (p = memchr(p, '[', n - (size_t)(p - t))) != NULL; p++) {
		i = (size_t)(p - t);
		for (d = 0; d < ND; d++) {
			k = strlen(tags[d]);
			if (n - i >= k && memcmp(p, tags[d], k) == 0) {
				memset(mark + i, SHIELD, k);
				break;
			}
		}
	}
}

/* own: redact the own values (but those tagged exclude) of t into out. */
static void
own(struct pii *x, const char *t, size_t n, long exclude, struct buf *out)
{
	const struct needle *nd;
	const unsigned char *f;
	const size_t *from, *to;
	unsigned char *m;
	size_t i, pos, end, fn, a, b, live = 0;

	for (i = 0; i < x->nn; i++)
		if (x->nv[i].tag != exclude)
			live++;
	if (live == 0 || n == 0) {
		buf_add(out, t, n);
		return;
	}
	if (!x->sorted) {
		sort_needles(x->nv, x->nn);
		x->sorted = 1;
	}
	buf_reset(&x->fold);
	norm_fold(&x->fold, t, n, &x->fmap);
	f = (const unsigned char *)x->fold.p;
	fn = x->fold.n;
	from = x->fmap.from;
	to = x->fmap.to;
	if (n > x->markcap) {
		x->markcap = n;
		x->mark = xrealloc(x->mark, n);
	}
	m = x->mark;
	memset(m, 0, n);
	shield(m, t, n);
	for (nd = x->nv; nd < x->nv + x->nn; nd++) {
		if (nd->tag == exclude)
			continue;
		/* Found in the folded text at [pos, end): the text's
		 * bytes [a, b) (the map). */
		for (pos = 0; (pos = text_find((const char *)f, fn, pos,
		    x->own.p + nd->off, nd->len)) != (size_t)-1; pos++) {
			end = pos + nd->len;
			if (cont(f[pos]) || (end < fn && cont(f[end])))
				continue;
			a = from[pos];
			b = to[end - 1];
			if (memchr(m + a, SHIELD, b - a) != NULL)
				continue;
			if (nd->word &&
			    ((pos > 0 && m[from[pos - 1]] == 0 &&
			    text_isword(f[pos - 1])) ||
			    (end < fn && m[from[end]] == 0 &&
			    text_isword(f[end]))))
				continue;
			memset(m + a, REDACT, b - a);
		}
	}
	for (i = 0; i < n;) {
		if (m[i] == REDACT) {
			buf_adds(out, "[REDACTED]");
			while (i < n && m[i] == REDACT)
				i++;
			continue;
		}
		for (pos = i; i < n && m[i] != REDACT; i++)
			;
		buf_add(out, t + pos, i - pos);
	}
}

/* ascii: p[0..n) is all ASCII. */
static int
ascii(const char *p, size_t n)
{
	unsigned long long w, or = 0;
	size_t i;

	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, p + i, 8);
		or |= w;
	}
	for (; i < n; i++)
		or |= (unsigned char)p[i];
	return (or & 0x8080808080808080ULL) == 0;
}

/*
 * alike: the ASCII character that the character at s[0..n) (valid
 * UTF-8, not ASCII) stands for in a number or an address, its length in
 * *len; 0 when none.  Spaces: no-break U+00A0, U+2000 to U+200A (thin
 * U+2009), narrow no-break U+202F, ideographic U+3000.  Dashes: soft
 * hyphen U+00AD, U+2010 to U+2013 (non-breaking hyphen U+2011, en dash
 * U+2013), minus U+2212.  The full-width digits, letters and ＠ ＋ －
 * ． ／ ： （ ） (U+FF01 to U+FF5E).
 */
static int
alike(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long c;

	if (s[0] == 0xC2 && n >= 2) {
		*len = 2;
		return s[1] == 0xA0 ? ' ' : s[1] == 0xAD ? '-' : 0;
	}
	if ((s[0] != 0xE2 && s[0] != 0xE3 && s[0] != 0xEF) || n < 3)
		return 0;
	*len = 3;
	c = (unsigned long)(s[0] & 0x0F) << 12 |
	    (unsigned long)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	if ((c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000)
		return ' ';
	if ((c >= 0x2010 && c <= 0x2013) || c == 0x2212)
		return '-';
	if (c < 0xFF01 || c > 0xFF5E)
		return 0;
	c -= 0xFEE0;
	if (isalnum_ascii((unsigned char)c) || strchr("@+-./:()", (int)c))
		return (int)c;
	return 0;
}

/*
 * unalike: when p[0..n) holds a look-alike character (alike), write to
 * x->asc the text with each made its ASCII character, to x->amap the
 * map of struct sink (the offset in p of each byte's character), and
 * return 1; else return 0.
 */
static int
unalike(struct pii *x, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i, len, from = 0, j;
	int c, found = 0;

	buf_reset(&x->asc);
	buf_reset(&x->amap);
	for (i = 0; i < n; i++) {
		if (u[i] < 0xC2 || (c = alike(u + i, n - i, &len)) == 0)
			continue;
		if (!found) {
			found = 1;
			buf_add(&x->asc, p, i);
			for (j = 0; j < i; j++)
				buf_add(&x->amap, &j, sizeof(j));
		} else {
			buf_add(&x->asc, p + from, i - from);
			for (j = from; j < i; j++)
				buf_add(&x->amap, &j, sizeof(j));
		}
		buf_addc(&x->asc, (char)c);
		buf_add(&x->amap, &i, sizeof(i));
		i += len - 1;
		from = i + 1;
	}
	if (!found)
		return 0;
	buf_add(&x->asc, p + from, n - from);
	for (j = from; j < n; j++)
		buf_add(&x->amap, &j, sizeof(j));
	return 1;
}

/*
 * restore: the text t[0..tn), detected on x->asc (unalike) with map,
 * into x->plain with each ASCII stand-in its character of p again.
 */
static void
restore(struct pii *x, const char *p, const char *t, size_t tn,
    const size_t *map)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t j, m;

	buf_reset(&x->plain);
	for (j = 0; j < tn; j++) {
		m = map[j];
		if (m == NOMAP || u[m] == (unsigned char)t[j])
			buf_addc(&x->plain, t[j]);
		else
			buf_add(&x->plain, p + m, u[m] >= 0xF0 ? 4 :
			    u[m] >= 0xE0 ? 3 : 2);
	}
}

/*
 * detect: run the detectors over p[0..n) (valid UTF-8); *cur and *cn
 * are then the text with their placeholders (p itself when none hit, or
 * one of x's buffers).  Look-alike characters (alike) count as the
 * ASCII ones they stand for, and are left as they were outside the
 * placeholders.  Returns 0, or -1 when a pattern failed.
 */
static int
detect(struct pii *x, const char *p, size_t n, const char **cur, size_t *cn)
{
	struct buf *dst;
	const size_t *map = NULL;
	size_t nd = 0, i;
	int d, k = 0, hits, scanned = 0;

	*cur = p;
	*cn = n;
	for (i = 0; i < n; i++)
		nd += isdig((unsigned char)p[i]);
	if (!ascii(p, n) && unalike(x, p, n)) {
		*cur = x->asc.p;
		*cn = x->asc.n;
		map = (const size_t *)(void *)x->amap.p;
		for (i = 0, nd = 0; i < *cn; i++)
			nd += isdig((unsigned char)(*cur)[i]);
	}
	for (d = 0; d < ND; d++) {
		if (!present(d, *cur, *cn, nd))
			continue;
		if (!scanned) {
			scan(x, *cur, *cn);
			scanned = 1;
		}
		dst = &x->pass[k];
		if ((hits = pass(x, d, *cur, *cn, map, dst, &x->map[k])) == -1)
			return -1;
		if (hits == 0)
			continue;
		scanned = 0;
		*cur = dst->p;
		*cn = dst->n;
		if (map != NULL)
			map = (const size_t *)(void *)x->map[k].p;
		k = !k;
	}
	if (map != NULL) {
		if (*cur == x->asc.p) {		/* nothing found */
			*cur = p;
			*cn = n;
		} else {
			restore(x, p, *cur, *cn, map);
			*cur = x->plain.p;
			*cn = x->plain.n;
		}
	}
	return 0;
}

int
pii_redact(struct pii *x, const char *p, size_t n, long exclude,
    struct buf *out)
{
	const char *cur;
	size_t cn;

	buf_reset(out);
	if (!pii_utf8(p, n) || detect(x, p, n, &cur, &cn) == -1)
		return -1;
	own(x, cur, cn, exclude, out);
	return 0;
}

const char *
pii_kind(struct pii *x, const char *p, size_t n)
{
	const char *cur;
	size_t cn;
	int d;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || !pii_utf8(p, n) || detect(x, p, n, &cur, &cn) == -1)
		return NULL;
	for (d = 0; d < ND; d++)
		if (strlen(tags[d]) == cn && memcmp(cur, tags[d], cn) == 0)
			return tags[d];
	return NULL;
}
