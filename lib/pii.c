/*
 * pii: detectors and own-value redaction for redact-pii (see pii.h).
 *
 * Each detector is a PCRE2 pattern that finds candidates, compiled once
 * with JIT; a candidate is then checked in C (IBAN checksum, Luhn, the
 * phone rules) because the checks are arithmetic, not syntax.  Passes
 * alternate between two buffers, and the own-value step marks the bytes
 * to redact in a reused array before writing the result.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "buf.h"
#include "diag.h"
#include "pii.h"
#include "text.h"

enum { D_EMAIL, D_IBAN, D_CARD, D_IP6, D_IP4, D_PHONE, ND };

/* Bytes that are not ASCII, in a character class (UTF mode). */
#define HI	"\\x{80}-\\x{10ffff}"
#define H4	"[0-9A-Fa-f]{1,4}"
#define OCT	"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
#define IP4	"(?:" OCT "\\.){3}" OCT
#define LOCAL	"[A-Za-z0-9_.!#$%&'*+/=?^`{|}~" HI "-]"
#define LABEL	"[A-Za-z0-9" HI "-]+"

static const char *const patterns[ND] = {
	/* e-mail: a local part starting a token, @, a dotted domain */
	"(?<!" LOCAL ")" LOCAL "+@" LABEL "(?:\\." LABEL ")+",
	/* IBAN candidate: the checksum picks the end (iban_end) */
	"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}",
	/* card candidate: a whole run of 13-19 digits */
	"(?<![0-9])(?<![0-9][ -])[0-9](?:[ -]?[0-9]){12,18}"
	    "(?![0-9])(?![ -][0-9])",
	/* IPv6: full, compressed with groups on both sides, ::ffff:IPv4 */
	"(?<![0-9A-Za-z:.])(?:"
	    "(?:" H4 ":){7}" H4 "|"
	    "(?:" H4 ":){1,6}:" H4 "|"
	    "(?:" H4 ":){1,5}(?::" H4 "){1,2}|"
	    "(?:" H4 ":){1,4}(?::" H4 "){1,3}|"
	    "(?:" H4 ":){1,3}(?::" H4 "){1,4}|"
	    "(?:" H4 ":){1,2}(?::" H4 "){1,5}|"
	    H4 ":(?::" H4 "){1,6}|"
	    "::(?:[Ff]{4}(?::0{1,4})?:)?" IP4 "|"
	    "(?:" H4 ":){6}" IP4
	    ")(?![0-9A-Za-z:]|\\.[0-9])",
	/* IPv4 */
	"(?<![0-9A-Za-z.])" IP4 "(?![0-9A-Za-z]|\\.[0-9])",
	/* phone candidate: digit groups joined by gaps (phone_run) */
	"(?<![A-Za-z0-9_@+/" HI "-])(?:\\+|\\(\\+?)?[0-9]"
	    "(?:[0-9]|(?:\\.|[ /-]{1,3}|\\)[ -]?\\(?|[ -]?\\()[0-9])*",
};

static const char *const tags[ND] = {
	"[EMAIL]", "[IBAN]", "[CARD]", "[IP]", "[IP]", "[PHONE]"
};

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
	struct buf	  fold;		/* folded copy of the text */
	unsigned char	 *mark;		/* per byte: 0, REDACT or SHIELD */
	size_t		  markcap;
};

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

	x = xcalloc(1, sizeof(*x));
	for (i = 0; i < ND; i++) {
		x->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &e, &off, NULL);
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
	buf_free(&x->fold);
	free(x->nv);
	free(x->mark);
	free(x);
}

int
pii_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k, j;
	unsigned long c, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
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

static int
isdig(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
isalnum_ascii(unsigned char c)
{
	return isdig(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

/* emit: copy in[*last..s) to out, then the placeholder; *last = e. */
static void
emit(struct buf *out, const char *in, size_t *last, size_t s, size_t e,
    const char *tag)
{
	buf_add(out, in + *last, s - *last);
	buf_adds(out, tag);
	*last = e;
}

/*
 * iban_end: the end of the longest valid IBAN starting at s within
 * in[s..e), not followed by a letter or digit, or 0.
 */
static size_t
iban_end(const char *in, size_t n, size_t s, size_t e)
{
	size_t c;

	for (c = e; c > s; c--) {
		if (in[c - 1] == ' ' ||
		    (c < n && isalnum_ascii((unsigned char)in[c])))
			continue;
		if (pii_iban(in + s, c - s))
			return c;
	}
	return 0;
}

#define MAXGROUPS	24

/* A phone candidate cut into digit groups (phone_run). */
struct run {
	const char	*in;
	size_t		 k;			/* number of groups */
	size_t		 gs[MAXGROUPS];		/* group start */
	size_t		 ge[MAXGROUPS];		/* group end */
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

/* isamount: groups a..b read as 1.234.567, 1 234 567 or 1234567.50. */
static int
isamount(const struct run *r, size_t a, size_t b)
{
	size_t j;
	int sep = gapc(r, a);

	if ((sep == '.' || sep == ' ') && glen(r, a) <= 3 &&
	    (sep == '.' || r->in[r->gs[a]] != '0')) {
		for (j = a + 1; j <= b; j++)
			if (glen(r, j) != 3 || (j < b && gapc(r, j) != sep))
				break;
		if (j > b)
			return 1;
	}
	if (gapc(r, b - 1) != '.' || glen(r, b) > 2)
		return 0;
	for (j = a; j + 1 < b; j++)
		if (memchr(r->in + r->ge[j], '.', r->gs[j + 1] - r->ge[j]))
			return 0;
	return 1;
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
 * phone_run: judge the candidate in[s..e) by the rules of pii.h and emit
 * [PHONE] for each part that is a phone number.
 */
static void
phone_run(const char *in, size_t n, size_t s, size_t e, struct buf *out,
    size_t *last)
{
	struct run r;
	size_t i = s, a, b, j, nd, start;
	int intl = 0, paren = 0, isdt[MAXGROUPS], years, phone;

	r.in = in;
	r.k = 0;
	if (in[i] == '(') {
		paren = 1;
		i++;
	}
	if (in[i] == '+') {
		intl = 1;
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
	/* Glued to a word: the last group belongs to something else. */
	if (e < n && (text_isword((unsigned char)in[e]) || in[e] == '_'))
		r.k--;
	if (r.k == 0)
		return;
	if (!intl && r.gs[0] == s && glen(&r, 0) >= 2 && in[s] == '0' &&
	    in[s + 1] == '0')
		intl = 2;
	memset(isdt, 0, sizeof(isdt));
	for (j = 0; j + 2 < r.k; j++)
		if (isdate(&r, j))
			isdt[j] = isdt[j + 1] = isdt[j + 2] = 1;
	for (a = 0; a < r.k; a = b + 1) {
		if (isdt[a]) {
			b = a;
			continue;
		}
		for (b = a; b + 1 < r.k && !isdt[b + 1]; b++)
			;
		nd = 0;
		years = 1;
		for (j = a; j <= b; j++) {
			nd += glen(&r, j);
			if (!isyear(&r, j))
				years = 0;
		}
		if (years && b > a)
			continue;
		if (intl && a == 0)
			phone = nd - (intl == 2 ? 2 : 0) >= 7 && nd <= 17;
		else if (b > a)
			phone = nd >= 7 && nd <= 15 && !isamount(&r, a, b) &&
			    !mixed(&r, a, b);
		else
			phone = in[r.gs[a]] == '0' && nd >= 8 && nd <= 15;
		if (!phone)
			continue;
		start = r.gs[a];
		if (a == 0) {
			start = s;
			if (paren && memchr(in + s, ')', r.ge[b] - s) == NULL)
				start++;
		}
		emit(out, in, last, start, r.ge[b], "[PHONE]");
	}
}

/* present: whether detector d can match anything in in[0..n). */
static int
present(int d, const char *in, size_t n)
{
	size_t i;

	if (d == D_EMAIL)
		return memchr(in, '@', n) != NULL;
	if (d == D_IP6)
		return memchr(in, ':', n) != NULL;
	for (i = 0; i < n; i++)
		if (isdig((unsigned char)in[i]))
			return 1;
	return 0;
}

/* pass: run detector d over in[0..n) into out; -1 when matching failed. */
static int
pass(struct pii *x, int d, const char *in, size_t n, struct buf *out)
{
	PCRE2_SIZE *ov;
	size_t start = 0, last = 0, s, e, c;
	int rc;

	buf_reset(out);
	ov = pcre2_get_ovector_pointer(x->md);
	while (start < n) {
		rc = pcre2_match(x->re[d], (PCRE2_SPTR)in, n, start,
		    PCRE2_NO_UTF_CHECK, x->md, NULL);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			return -1;
		s = ov[0];
		e = ov[1];
		start = e;
		switch (d) {
		case D_IBAN:
			if ((c = iban_end(in, n, s, e)) == 0) {
				start = s + 1;
				break;
			}
			emit(out, in, &last, s, c, tags[d]);
			start = c;
			break;
		case D_CARD:
			if (!pii_luhn(in + s, e - s)) {
				start = s + 1;
				break;
			}
			emit(out, in, &last, s, e, tags[d]);
			break;
		case D_PHONE:
			phone_run(in, n, s, e, out, &last);
			break;
		default:
			emit(out, in, &last, s, e, tags[d]);
		}
	}
	buf_add(out, in + last, n - last);
	return 0;
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

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	off = x->own.n;
	buf_add(&x->own, p, n);
	text_fold(x->own.p + off, n);
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
	unsigned char *m;
	size_t i, pos, end, live = 0;

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
	buf_add(&x->fold, t, n);
	text_fold(x->fold.p, n);
	f = (const unsigned char *)x->fold.p;
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
		for (pos = 0; (pos = text_find((const char *)f, n, pos,
		    x->own.p + nd->off, nd->len)) != (size_t)-1; pos++) {
			end = pos + nd->len;
			if (cont(f[pos]) || (end < n && cont(f[end])))
				continue;
			if (memchr(m + pos, SHIELD, nd->len) != NULL)
				continue;
			if (nd->word &&
			    ((pos > 0 && m[pos - 1] == 0 &&
			    text_isword(f[pos - 1])) ||
			    (end < n && m[end] == 0 && text_isword(f[end]))))
				continue;
			memset(m + pos, REDACT, nd->len);
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

int
pii_redact(struct pii *x, const char *p, size_t n, long exclude,
    struct buf *out)
{
	const char *cur = p;
	size_t cn = n;
	struct buf *dst;
	int d, k = 0;

	buf_reset(out);
	if (!pii_utf8(p, n))
		return -1;
	for (d = 0; d < ND; d++) {
		if (!present(d, cur, cn))
			continue;
		dst = &x->pass[k];
		if (pass(x, d, cur, cn, dst) == -1)
			return -1;
		cur = dst->p;
		cn = dst->n;
		k = !k;
	}
	own(x, cur, cn, exclude, out);
	return 0;
}
