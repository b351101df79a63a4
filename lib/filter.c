/*
 * filter: Business Central filter expressions compiled to a tree of
 * terms joined by | and &, and the --where lists built on them (see
 * filter.h).
 *
 * A term is read as: an optional '@', an optional operator (<> <= >= < >
 * =), an optional '@', then the value; without an operator an unquoted
 * ".." makes it a range.  Quoted text ('...', with '' for a quote inside)
 * is plain: no wildcards, operators or separators.  Spaces are data.
 * '<', '>', '=' and '@' are plain after the start of a term.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "filter.h"
#include "hdr.h"
#include "opts.h"
#include "text.h"

#define MAXDEPTH	64	/* deepest nesting of parentheses */

enum kind { K_OR, K_AND, K_TERM };
enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_RANGE };
enum item { I_LIT, I_STAR, I_ONE };

struct pitem {
	enum item	 type;
	size_t		 off, len;	/* I_LIT: bytes s[off..off+len) */
};

/* A term's value: its text, and its pattern when it has wildcards. */
struct value {
	char		*s;	/* literal bytes (folded when the term is) */
	size_t		 n;
	struct pitem	*it;	/* wildcard pattern, or NULL for exact text */
	size_t		 nit;
	int		 isnum;	/* s is a number (see num_read) */
};

struct node {
	enum kind	 kind;
	struct node	*l, *r;		/* K_OR, K_AND: the operands */
	enum op		 op;		/* K_TERM: */
	int		 fold;		/* '@': compare folded text */
	int		 boolv;		/* value is a boolean word: 0/1; or -1 */
	int		 optw;		/* value names an option (optword) */
	int		 hasa, hasb;	/* OP_RANGE: which bounds are given */
	struct value	 a;		/* the value, or the lower bound */
	struct value	 b;		/* OP_RANGE: the upper bound */
};

struct filter {
	struct node	*root;
	struct buf	*fbuf;		/* the field folded, reused per match;
					   NULL when no term folds */
	int		 isbool;	/* every term is a boolean word */
	int		 isopt;		/* every term names an option or is '' */
};

/* allbool: every term under t compares with a boolean word. */
static int
allbool(const struct node *t)
{
	if (t->kind != K_TERM)
		return allbool(t->l) && allbool(t->r);
	return t->boolv != -1;
}

/*
 * optterms: the number of terms under t that name an option by a word,
 * or -1 when a term does neither that nor compare with '' (which an
 * empty field may meet beside the options: Customer|'').
 */
static int
optterms(const struct node *t)
{
	int l, r;

	if (t->kind != K_TERM) {
		if ((l = optterms(t->l)) == -1 || (r = optterms(t->r)) == -1)
			return -1;
		return l + r;
	}
	if (t->optw)
		return 1;
	if ((t->op == OP_EQ || t->op == OP_NE) && t->a.n == 0)
		return 0;
	return -1;
}

/* The compiler's state. */
struct parser {
	const char	*s;
	size_t		 i, n;
	int		 depth;
	int		 fold;		/* some term folds */
	char		*err;
	size_t		 errlen;
	int		 failed;
	char		*tb;		/* the current term's bytes */
	char		*tq;		/* tq[i]: tb[i] was quoted */
	size_t		 tn, tcap;
};

static void
fail(struct parser *p, const char *msg)
{
	if (!p->failed)
		snprintf(p->err, p->errlen, "%s", msg);
	p->failed = 1;
}

static void
value_free(struct value *v)
{
	free(v->s);
	free(v->it);
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	node_free(n->l);
	node_free(n->r);
	value_free(&n->a);
	value_free(&n->b);
	free(n);
}

/* A decimal number in parts, compared exactly (no floating point). */
struct num {
	int		 sign;	/* -1, 0 (zero), 1 */
	const char	*ip;	/* integer digits, no leading zeros */
	size_t		 in;
	const char	*fp;	/* fraction digits, no trailing zeros */
	size_t		 fn;
};

/*
 * num_read: s[0..n) is a decimal number: an optional sign, digits with
 * at most one '.', at least one digit.  Sets its parts for num_cmp.
 */
static int
num_read(const char *s, size_t n, struct num *x)
{
	size_t i = 0, k, nd = 0;
	int neg = 0;

	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i++;
	}
	for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
		nd++;
	x->ip = s + i;
	x->in = k - i;
	x->fp = s + k;
	x->fn = 0;
	if (k < n && s[k] == '.') {
		x->fp = s + ++k;
		for (; k < n && s[k] >= '0' && s[k] <= '9'; k++)
			nd++;
		x->fn = (size_t)(s + k - x->fp);
	}
	if (k != n || nd == 0)
		return 0;
	while (x->in > 0 && x->ip[0] == '0') {
		x->ip++;
		x->in--;
	}
	while (x->fn > 0 && x->fp[x->fn - 1] == '0')
		x->fn--;
	x->sign = x->in == 0 && x->fn == 0 ? 0 : neg ? -1 : 1;
	return 1;
}

static int
num_cmp(const struct num *a, const struct num *b)
{
	size_t i;
	int c = 0;
	char da, db;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (a->in != b->in)
		c = a->in < b->in ? -1 : 1;
	else if ((c = memcmp(a->ip, b->ip, a->in)) == 0) {
		for (i = 0; c == 0 && (i < a->fn || i < b->fn); i++) {
			da = i < a->fn ? a->fp[i] : '0';
			db = i < b->fn ? b->fp[i] : '0';
			c = da - db;
		}
	}
	c = c < 0 ? -1 : c > 0;
	return a->sign < 0 ? -c : c;
}

/* cmp: field s[0..n) against value v: as numbers when both are, else bytes. */
static int
cmp(const char *s, size_t n, const struct value *v)
{
	struct num x, y;
	size_t k;
	int c;

	if (v->isnum && num_read(s, n, &x)) {
		num_read(v->s, v->n, &y);
		return num_cmp(&x, &y);
	}
	k = n < v->n ? n : v->n;
	if (k > 0 && (c = memcmp(s, v->s, k)) != 0)
		return c;
	return n < v->n ? -1 : n > v->n;
}

/* charlen: the bytes of the UTF-8 character at s[0..n), n > 0. */
static size_t
charlen(const char *s, size_t n)
{
	size_t k = 1;

	while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k++;
	return k;
}

/*
 * glob: the whole of s[0..n) matches the pattern; '*' may absorb any
 * text, '?' one character.  Backtracks to the last '*' only, which is
 * enough for these patterns.
 */
static int
glob(const struct value *v, const char *s, size_t n)
{
	const struct pitem *it = v->it;
	size_t i = 0, p = 0, star = (size_t)-1, sp = 0;

	for (;;) {
		if (i < v->nit) {
			switch (it[i].type) {
			case I_STAR:
				star = i++;
				sp = p;
				continue;
			case I_ONE:
				if (p < n) {
					p += charlen(s + p, n - p);
					i++;
					continue;
				}
				break;
			case I_LIT:
				if (n - p >= it[i].len && memcmp(s + p,
				    v->s + it[i].off, it[i].len) == 0) {
					p += it[i].len;
					i++;
					continue;
				}
				break;
			}
		} else if (p == n)
			return 1;
		if (star == (size_t)-1 || sp >= n)
			return 0;
		sp += charlen(s + sp, n - sp);
		p = sp;
		i = star + 1;
	}
}

static int
term_match(const struct node *t, const char *s, size_t n)
{
	int eq, v;

	if (t->boolv != -1) {
		eq = bool_parse(s, n, &v) == 0 && v == t->boolv;
		return t->op == OP_NE ? !eq : eq;
	}
	switch (t->op) {
	case OP_EQ:
	case OP_NE:
		if (t->a.it != NULL)
			eq = glob(&t->a, s, n);
		else
			eq = n == t->a.n && (n == 0 ||
			    memcmp(s, t->a.s, n) == 0);
		return t->op == OP_NE ? !eq : eq;
	case OP_LT:
		return cmp(s, n, &t->a) < 0;
	case OP_LE:
		return cmp(s, n, &t->a) <= 0;
	case OP_GT:
		return cmp(s, n, &t->a) > 0;
	case OP_GE:
		return cmp(s, n, &t->a) >= 0;
	case OP_RANGE:
		return (!t->hasa || cmp(s, n, &t->a) >= 0) &&
		    (!t->hasb || cmp(s, n, &t->b) <= 0);
	}
	return 0;
}

/* The field as given, and folded once when a term asks for it. */
struct field {
	const char	*s;
	size_t		 n;
	const char	*folded;
	struct buf	*fbuf;
};

static int
eval(const struct node *t, struct field *f)
{
	switch (t->kind) {
	case K_OR:
		return eval(t->l, f) || eval(t->r, f);
	case K_AND:
		return eval(t->l, f) && eval(t->r, f);
	case K_TERM:
		break;
	}
	if (!t->fold)
		return term_match(t, f->s, f->n);
	if (f->folded == NULL) {
		buf_reset(f->fbuf);
		buf_add(f->fbuf, f->s, f->n);
		text_fold(f->fbuf->p, f->n);
		f->folded = f->fbuf->p;
	}
	return term_match(t, f->folded, f->n);
}

int
filter_match(const struct filter *f, const char *s, size_t n)
{
	struct field fld;

	fld.s = s;
	fld.n = n;
	fld.folded = NULL;
	fld.fbuf = f->fbuf;
	return eval(f->root, &fld);
}

/* lower: ASCII lower case of c. */
static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int
bool_parse(const char *s, size_t n, int *v)
{
	static const struct {
		const char	*w;
		size_t		 n;
		int		 v;
	} words[] = {
		{ "yes", 3, 1 }, { "no", 2, 0 }, { "true", 4, 1 },
		{ "false", 5, 0 }, { "1", 1, 1 }, { "0", 1, 0 }
	};
	size_t i, k;

	if (n == 0) {
		*v = 0;
		return 0;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (words[i].n != n)
			continue;
		for (k = 0; k < n; k++)
			if (lower(s[k]) != words[i].w[k])
				break;
		if (k == n) {
			*v = words[i].v;
			return 0;
		}
	}
	return -1;
}

/* tadd: append byte c to the current term, quoted or not. */
static void
tadd(struct parser *p, char c, int quoted)
{
	if (p->tn == p->tcap) {
		p->tcap = p->tcap == 0 ? 64 : p->tcap * 2;
		p->tb = xrealloc(p->tb, p->tcap);
		p->tq = xrealloc(p->tq, p->tcap);
	}
	p->tb[p->tn] = c;
	p->tq[p->tn++] = (char)quoted;
}

/*
 * readterm: collect the term at p->i up to an unquoted | & ) or the end,
 * quotes resolved.  *anyq is set when it held a quote (so '' is a value).
 */
static void
readterm(struct parser *p, int *anyq)
{
	char c;

	p->tn = 0;
	*anyq = 0;
	while (p->i < p->n && !p->failed) {
		c = p->s[p->i];
		if (c == '|' || c == '&' || c == ')')
			break;
		if (c == '(') {
			fail(p, "unexpected '(' inside a term");
			break;
		}
		p->i++;
		if (c != '\'') {
			tadd(p, c, 0);
			continue;
		}
		*anyq = 1;
		for (;;) {
			if (p->i >= p->n) {
				fail(p, "unterminated quote");
				break;
			}
			c = p->s[p->i++];
			if (c == '\'') {
				if (p->i < p->n && p->s[p->i] == '\'') {
					p->i++;
					tadd(p, '\'', 1);
					continue;
				}
				break;
			}
			tadd(p, c, 1);
		}
	}
}

static int
plain(const struct parser *p, size_t k, char c)
{
	return k < p->tn && p->tb[k] == c && !p->tq[k];
}

/* dots: the first unquoted ".." in the term at or after k, or tn. */
static size_t
dots(const struct parser *p, size_t k)
{
	for (; k + 1 < p->tn; k++)
		if (plain(p, k, '.') && plain(p, k + 1, '.'))
			return k;
	return p->tn;
}

/*
 * mkvalue: the value of term bytes [from, to): folded when fold; a
 * pattern when it holds unquoted wildcards (which wild must allow).
 */
static void
mkvalue(struct parser *p, size_t from, size_t to, int fold, int wild,
    struct value *v)
{
	size_t k, nit = 0, cap = 0;
	int haswild = 0;
	struct num x;

	for (k = from; k < to; k++)
		if (!p->tq[k] && (p->tb[k] == '*' || p->tb[k] == '?'))
			haswild = 1;
	if (haswild && !wild) {
		fail(p, "wildcards are not allowed in a comparison or range");
		return;
	}
	v->s = xmalloc(to - from + 1);
	v->n = 0;
	for (k = from; k < to; k++) {
		if (haswild && !p->tq[k] && (p->tb[k] == '*' ||
		    p->tb[k] == '?')) {
			if (p->tb[k] == '*' && nit > 0 &&
			    v->it[nit - 1].type == I_STAR)
				continue;
			if (nit == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				v->it = xreallocarray(v->it, cap,
				    sizeof(*v->it));
			}
			v->it[nit].type = p->tb[k] == '*' ? I_STAR : I_ONE;
			v->it[nit].off = v->it[nit].len = 0;
			nit++;
			continue;
		}
		if (haswild && (nit == 0 || v->it[nit - 1].type != I_LIT)) {
			if (nit == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				v->it = xreallocarray(v->it, cap,
				    sizeof(*v->it));
			}
			v->it[nit].type = I_LIT;
			v->it[nit].off = v->n;
			v->it[nit].len = 0;
			nit++;
		}
		if (haswild)
			v->it[nit - 1].len++;
		v->s[v->n++] = p->tb[k];
	}
	v->s[v->n] = '\0';
	v->nit = nit;
	if (fold)
		text_fold(v->s, v->n);
	v->isnum = !haswild && num_read(v->s, v->n, &x);
}

/*
 * optword: the term's value, unquoted and without wildcards, is a word
 * that may name an Option or Enum value: it starts with a letter (ASCII,
 * or any character beyond it) and is not a boolean word.  Business
 * Central stores such a field in SQL as its ordinal, so a field that is
 * a number where the condition names an option is refused (where_match).
 */
static int
optword(const struct parser *p, size_t from, int anyq, int boolv,
    const struct value *v)
{
	unsigned char c;

	if (anyq || boolv != -1 || v->it != NULL || from >= p->tn)
		return 0;
	c = (unsigned char)p->tb[from];
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* boolword: the term's value, unquoted, is Yes/No/true/false. */
static int
boolword(const struct parser *p, size_t from, int anyq)
{
	static const char *w[] = { "yes", "no", "true", "false" };
	size_t i, k, n = p->tn - from;

	if (anyq)
		return -1;
	for (i = 0; i < 4; i++) {
		if (strlen(w[i]) != n)
			continue;
		for (k = 0; k < n; k++)
			if (lower(p->tb[from + k]) != w[i][k])
				break;
		if (k == n)
			return i % 2 == 0;
	}
	return -1;
}

static struct node *
parse_term(struct parser *p)
{
	struct node *t;
	size_t k = 0, d;
	int anyq, hasop = 1;

	readterm(p, &anyq);
	if (p->failed)
		return NULL;
	if (p->tn == 0 && !anyq) {
		fail(p, p->n > 0 ? "empty term" :
		    "empty filter (use '' for the empty value)");
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->kind = K_TERM;
	t->boolv = -1;
	if (plain(p, k, '@')) {
		t->fold = 1;
		k++;
	}
	if (plain(p, k, '<') && plain(p, k + 1, '>')) {
		t->op = OP_NE;
		k += 2;
	} else if (plain(p, k, '<') && plain(p, k + 1, '=')) {
		t->op = OP_LE;
		k += 2;
	} else if (plain(p, k, '>') && plain(p, k + 1, '=')) {
		t->op = OP_GE;
		k += 2;
	} else if (plain(p, k, '<')) {
		t->op = OP_LT;
		k++;
	} else if (plain(p, k, '>')) {
		t->op = OP_GT;
		k++;
	} else if (plain(p, k, '=')) {
		t->op = OP_EQ;
		k++;
	} else {
		t->op = OP_EQ;
		hasop = 0;
	}
	if (hasop && !t->fold && plain(p, k, '@')) {
		t->fold = 1;
		k++;
	}
	p->fold |= t->fold;
	d = dots(p, k);
	if (k == p->tn && !anyq && !hasop)
		fail(p, "a value is expected after '@'");
	if (hasop) {
		if (k == p->tn && !anyq)
			fail(p, "a value is expected after the operator");
		else if (d != p->tn)
			fail(p, "a range cannot follow an operator");
	} else if (d != p->tn) {
		t->op = OP_RANGE;
		if (dots(p, d + 2) != p->tn)
			fail(p, "a range has one '..'");
		t->hasa = d > k;
		t->hasb = d + 2 < p->tn;
		if (!t->hasa && !t->hasb)
			fail(p, "a range needs a bound");
		if (!p->failed) {
			mkvalue(p, k, d, t->fold, 0, &t->a);
			mkvalue(p, d + 2, p->tn, t->fold, 0, &t->b);
		}
		if (p->failed) {
			node_free(t);
			return NULL;
		}
		return t;
	}
	if (!p->failed) {
		if (t->op == OP_EQ || t->op == OP_NE)
			t->boolv = boolword(p, k, anyq);
		mkvalue(p, k, p->tn, t->fold,
		    t->op == OP_EQ || t->op == OP_NE, &t->a);
		t->optw = (t->op == OP_EQ || t->op == OP_NE) &&
		    optword(p, k, anyq, t->boolv, &t->a);
	}
	if (p->failed) {
		node_free(t);
		return NULL;
	}
	return t;
}

static struct node *parse_or(struct parser *);

static struct node *
parse_unary(struct parser *p)
{
	struct node *e;

	if (p->i < p->n && p->s[p->i] == '(') {
		if (++p->depth > MAXDEPTH) {
			fail(p, "parentheses nested too deeply");
			return NULL;
		}
		p->i++;
		if ((e = parse_or(p)) == NULL)
			return NULL;
		if (p->i >= p->n || p->s[p->i] != ')') {
			fail(p, "missing ')'");
			node_free(e);
			return NULL;
		}
		p->i++;
		p->depth--;
		return e;
	}
	return parse_term(p);
}

static struct node *
join(enum kind kind, struct node *l, struct node *r)
{
	struct node *e;

	e = xcalloc(1, sizeof(*e));
	e->kind = kind;
	e->l = l;
	e->r = r;
	return e;
}

static struct node *
parse_and(struct parser *p)
{
	struct node *l, *r;

	if ((l = parse_unary(p)) == NULL)
		return NULL;
	while (p->i < p->n && p->s[p->i] == '&') {
		p->i++;
		if ((r = parse_unary(p)) == NULL) {
			node_free(l);
			return NULL;
		}
		l = join(K_AND, l, r);
	}
	return l;
}

static struct node *
parse_or(struct parser *p)
{
	struct node *l, *r;

	if ((l = parse_and(p)) == NULL)
		return NULL;
	while (p->i < p->n && p->s[p->i] == '|') {
		p->i++;
		if ((r = parse_and(p)) == NULL) {
			node_free(l);
			return NULL;
		}
		l = join(K_OR, l, r);
	}
	return l;
}

struct filter *
filter_compile(const char *expr, char *err, size_t errlen)
{
	struct parser p;
	struct filter *f;
	struct node *root;

	memset(&p, 0, sizeof(p));
	p.s = expr;
	p.n = strlen(expr);
	p.err = err;
	p.errlen = errlen;
	root = parse_or(&p);
	if (root != NULL && p.i < p.n) {
		fail(&p, p.s[p.i] == ')' ? "unexpected ')'" :
		    "'&' or '|' is expected after ')'");
		node_free(root);
		root = NULL;
	}
	free(p.tb);
	free(p.tq);
	if (root == NULL)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->root = root;
	f->isbool = allbool(root);
	f->isopt = optterms(root) > 0;
	if (p.fold)
		f->fbuf = xcalloc(1, sizeof(*f->fbuf));
	return f;
}

int
filter_isbool(const struct filter *f)
{
	return f->isbool;
}

int
filter_isopt(const struct filter *f)
{
	return f->isopt;
}

/*
 * optnear: a term under t names an option by the word s[0..n) (trimmed)
 * in another case than its own (unless the term folds), or the field was
 * padded (padded): the option written otherwise.
 */
static int
optnear(const struct node *t, const char *s, size_t n, int padded)
{
	size_t i;

	if (t->kind != K_TERM)
		return optnear(t->l, s, n, padded) ||
		    optnear(t->r, s, n, padded);
	if (!t->optw || t->a.n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) !=
		    tolower((unsigned char)t->a.s[i]))
			return 0;
	return padded || (!t->fold && memcmp(s, t->a.s, n) != 0);
}

int
filter_optnear(const struct filter *f, const char *s, size_t n)
{
	size_t n0 = n;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 && optnear(f->root, s, n, n != n0);
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	node_free(f->root);
	if (f->fbuf != NULL) {
		buf_free(f->fbuf);
		free(f->fbuf);
	}
	free(f);
}

/*
 * wholenum: s[0..n) is a whole number: with plain, written plainly
 * (-?(0|[1-9][0-9]*): a declared #integer column); else optionally
 * signed, zeros before it allowed (an option's ordinal).
 */
static int
wholenum(const char *s, size_t n, int plain)
{
	size_t i = 0;

	if (n > 0 && (s[0] == '-' || (!plain && s[0] == '+')))
		i++;
	if (i == n || (plain && s[i] == '0' && n - i > 1))
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
values_parse(struct wherevals *d, const char *text, char *err,
    size_t errlen)
{
	const char *p = text;
	size_t k, i, n;
	char *v;

	memset(d, 0, sizeof(*d));
	d->text = xstrdup(text);
	if (strcmp(text, "#integer") == 0) {
		d->integer = 1;
		return 0;
	}
	if (*text == '\0') {
		snprintf(err, errlen, "no values");
		return -1;
	}
	if (*text == '#') {
		snprintf(err, errlen, "'%s': no such type (#integer)", text);
		return -1;
	}
	for (;;) {
		k = strcspn(p, "|");
		if (k == 2 && p[0] == '\'' && p[1] == '\'')
			n = 0;
		else if (k == 0) {
			snprintf(err, errlen, "an empty value (write '' for "
			    "the blank option)");
			return -1;
		} else if (memchr(p, '\'', k) != NULL) {
			snprintf(err, errlen, "a quote in a value (only '' "
			    "stands alone, for the blank option)");
			return -1;
		} else if (p[0] == ' ' || p[0] == '\t' || p[k - 1] == ' ' ||
		    p[k - 1] == '\t') {
			snprintf(err, errlen, "a value with surrounding spaces");
			return -1;
		} else if (k >= 256) {
			snprintf(err, errlen, "a value of 256 bytes or more");
			return -1;
		} else
			n = k;
		v = xmalloc(n + 1);
		memcpy(v, p, n);
		v[n] = '\0';
		for (i = 0; i < d->n; i++)
			if (strcmp(d->v[i], v) == 0) {
				snprintf(err, errlen, "the value '%s' twice", n ?
				    v : "''");
				free(v);
				return -1;
			}
		d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
		d->v[d->n++] = v;
		if (p[k] == '\0')
			return 0;
		p += k + 1;
	}
}

/* foldeq: a[0..n) and b[0..n) are the same text in any case. */
static int
foldeq(const char *a, const char *b, size_t n)
{
	char x[256], y[256];

	if (n >= sizeof(x))
		return 0;	/* no declared value is as long (see below) */
	memcpy(x, a, n);
	memcpy(y, b, n);
	text_fold(x, n);
	text_fold(y, n);
	return memcmp(x, y, n) == 0;
}

int
values_has(const struct wherevals *d, const char *s, size_t n, int fold)
{
	size_t i;

	if (d->integer)
		return wholenum(s, n, 1);
	for (i = 0; i < d->n; i++) {
		if (strlen(d->v[i]) != n)
			continue;
		if (n == 0 || memcmp(s, d->v[i], n) == 0 ||
		    (fold && foldeq(s, d->v[i], n)))
			return 1;
	}
	return 0;
}

int
values_near(const struct wherevals *d, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return !d->integer && n > 0 && values_has(d, s, n, 1);
}

void
values_free(struct wherevals *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	free(d->col);
	free(d->text);
	memset(d, 0, sizeof(*d));
}

/* unfit: the first value of a term under t that d does not declare. */
static const struct value *
unfit(const struct node *t, const struct wherevals *d)
{
	const struct value *u;
	struct value fv;
	size_t i;
	int hit;

	if (t->kind != K_TERM) {
		if ((u = unfit(t->l, d)) != NULL)
			return u;
		return unfit(t->r, d);
	}
	if (t->boolv != -1)
		return &t->a;	/* a boolean word names no option */
	if (t->op != OP_EQ && t->op != OP_NE) {
		/* BC compares an option by its ordinal, these by text. */
		if (!d->integer)
			return &t->a;
		if (t->op == OP_RANGE)
			return (t->hasa && !wholenum(t->a.s, t->a.n, 1)) ? &t->a :
			    (t->hasb && !wholenum(t->b.s, t->b.n, 1)) ? &t->b :
			    NULL;
		return wholenum(t->a.s, t->a.n, 1) ? NULL : &t->a;
	}
	if (t->a.it == NULL)
		return values_has(d, t->a.s, t->a.n, t->fold) ? NULL : &t->a;
	if (d->integer)
		return &t->a;
	for (hit = 0, i = 0; !hit && i < d->n; i++) {
		memset(&fv, 0, sizeof(fv));
		fv.n = strlen(d->v[i]);
		fv.s = xmemdup(d->v[i], fv.n);
		if (t->fold)
			text_fold(fv.s, fv.n);
		hit = glob(&t->a, fv.s, fv.n);
		free(fv.s);
	}
	return hit ? NULL : &t->a;
}

char *
filter_unfit(const struct filter *f, const struct wherevals *d)
{
	const struct value *u = unfit(f->root, d);

	return u == NULL ? NULL : xmemdup(u->s, u->n);
}

int
filter_folds(const struct filter *f)
{
	return f->fbuf != NULL;
}

/*
 * add: append a condition; col and expr become the list's.  ordinals:
 * refuse a number where its words name options (filter_isopt).
 */
static void
add(struct wherelist *wl, const char *opt, char *col, char *expr,
    int ordinals)
{
	struct where *w;
	struct filter *f;
	char err[128];

	if ((f = filter_compile(expr, err, sizeof(err))) == NULL) {
		if (opt != NULL)
			diag_usage("%s: bad filter for column '%s': %s", opt,
			    col, err);
		diag_usage("bad filter for column '%s': %s", col, err);
	}
	wl->v = xreallocarray(wl->v, wl->n + 1, sizeof(*wl->v));
	w = &wl->v[wl->n++];
	w->col = col;
	w->expr = expr;
	w->f = f;
	w->idx = 0;
	w->isopt = ordinals && filter_isopt(f);
	w->dom = NULL;
}

void
where_add(struct wherelist *wl, const char *opt, const char *arg)
{
	char *col, *expr;

	opts_split(opt, arg, &col, &expr);
	add(wl, opt, col, expr, 1);
}

void
where_add2(struct wherelist *wl, const char *col, const char *expr)
{
	add(wl, NULL, xstrdup(col), xstrdup(expr), 0);
}

/* vals_add: declare col (taken) with text in wl; opt names it (exit 2). */
static void
vals_add(struct wherelist *wl, const char *opt, char *col, const char *text)
{
	struct wherevals d;
	size_t i;
	char err[160];

	for (i = 0; i < wl->nvals; i++) {
		if (strcmp(wl->vals[i].col, col) != 0)
			continue;
		if (strcmp(wl->vals[i].text, text) != 0)
			diag_usage("%s: column '%s' declared twice, with other "
			    "values", opt, col);
		free(col);
		return;
	}
	if (values_parse(&d, text, err, sizeof(err)) == -1)
		diag_usage("%s: column '%s': %s", opt, col, err);
	d.col = col;
	wl->vals = xreallocarray(wl->vals, wl->nvals + 1,
	    sizeof(*wl->vals));
	wl->vals[wl->nvals++] = d;
}

void
where_values(struct wherelist *wl, const char *opt, const char *arg)
{
	char *col, *text;

	opts_split(opt, arg, &col, &text);
	vals_add(wl, opt, col, text);
	free(text);
}

void
where_values_copy(struct wherelist *dst, const struct wherelist *src)
{
	size_t i;

	for (i = 0; i < src->nvals; i++)
		vals_add(dst, "--values", xstrdup(src->vals[i].col),
		    src->vals[i].text);
}

void
where_bind(struct wherelist *wl, const struct csvr *r,
    const struct csvr_row *hdr)
{
	size_t i, j;

	for (i = 0; i < wl->n; i++) {
		wl->v[i].idx = hdr_need(r, hdr, wl->v[i].col);
		wl->v[i].dom = NULL;
		for (j = 0; j < wl->nvals; j++)
			if (strcmp(wl->vals[j].col, wl->v[i].col) == 0)
				wl->v[i].dom = &wl->vals[j];
	}
	wl->r = r;
}

int
where_match(const struct wherelist *wl, const struct csvr_row *row)
{
	const struct csvr_field *fld;
	const struct wherevals *d;
	size_t i;
	int v;

	for (i = 0; i < wl->n; i++) {
		fld = &row->f[wl->v[i].idx];
		if (filter_isbool(wl->v[i].f) && bool_parse(fld->p, fld->n,
		    &v) == -1)
			csvr_die_row(wl->r, row, EXIT_DATA,
			    "not a boolean in column '%s'", wl->v[i].col);
		if (wl->v[i].isopt && wholenum(fld->p, fld->n, 0))
			csvr_die_row(wl->r, row, EXIT_DATA, "an option's "
			    "number, not its name, in column '%s'",
			    wl->v[i].col);
		if ((d = wl->v[i].dom) != NULL && !values_has(d, fld->p,
		    fld->n, filter_folds(wl->v[i].f))) {
			if (d->integer)
				csvr_die_row(wl->r, row, EXIT_DATA, "not a "
				    "whole number written plainly, as declared "
				    "for column '%s'", wl->v[i].col);
			if (values_near(d, fld->p, fld->n))
				csvr_die_row(wl->r, row, EXIT_DATA, "an "
				    "option's name written otherwise (in "
				    "another case, or padded) in column '%s'",
				    wl->v[i].col);
			csvr_die_row(wl->r, row, EXIT_DATA, "not one of the "
			    "options declared for column '%s'",
			    wl->v[i].col);
		}
		if (filter_match(wl->v[i].f, fld->p, fld->n))
			continue;
		if (wl->v[i].isopt && filter_optnear(wl->v[i].f, fld->p,
		    fld->n))
			csvr_die_row(wl->r, row, EXIT_DATA, "an option's "
			    "name written otherwise (in another case, or "
			    "padded) in column '%s'", wl->v[i].col);
		return 0;
	}
	return 1;
}

void
where_free(struct wherelist *wl)
{
	size_t i;

	for (i = 0; i < wl->n; i++) {
		free(wl->v[i].col);
		free(wl->v[i].expr);
		filter_free(wl->v[i].f);
	}
	free(wl->v);
	wl->v = NULL;
	wl->n = 0;
	for (i = 0; i < wl->nvals; i++)
		values_free(&wl->vals[i]);
	free(wl->vals);
	wl->vals = NULL;
	wl->nvals = 0;
}
