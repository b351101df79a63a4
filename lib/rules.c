/*
 * rules: scrub's rules file: loading, checking, binding, applying (see
 * rules.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"

#include "buf.h"
#include "csvio.h"
#include "date.h"
#include "diag.h"
#include "hdr.h"
#include "pii.h"
#include "text.h"

#define MAXCOUNT	1000000L	/* largest N of mask and truncate */

static const char *const actions[] = {
	[RULE_KEEP] = "keep",
	[RULE_BLANK] = "blank",
	[RULE_REPLACE] = "replace",
	[RULE_MASK] = "mask",
	[RULE_TRUNCATE] = "truncate",
	[RULE_YEAR] = "year",
	[RULE_REGEX] = "regex",
	[RULE_REDACT_PII] = "redact-pii",
};

#define NACTIONS	(sizeof(actions) / sizeof(actions[0]))

const char *
rules_action_name(enum rule_action a)
{
	return (size_t)a < NACTIONS ? actions[a] : "?";
}

/* Where a rules line fails: its line, for messages. */
struct ctx {
	const char	*path;
	unsigned long	 line;
	int		 bad;		/* bad lines so far */
};

static void
bad(struct ctx *c, const char *fmt, const char *a1, const char *a2)
{
	diag_at(c->path, c->line, fmt, a1, a2);
	c->bad++;
}

static int
isname(unsigned char c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    (!first && c >= '0' && c <= '9');
}

/*
 * check_repl: 0 when replacement s[0..n) is valid UTF-8 (the pattern is
 * compiled for UTF) and refers only to groups the pattern has, else -1
 * with the reason in err.
 */
static int
check_repl(const pcre2_code *re, const char *s, size_t n, char *err,
    size_t errlen)
{
	char name[64];
	uint32_t caps = 0;
	unsigned long num;
	size_t i = 0, k;
	int brace, mark;

	if (!pii_utf8(s, n)) {
		snprintf(err, errlen, "bad replacement: not valid UTF-8");
		return -1;
	}
	(void)pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &caps);
	while (i < n) {
		if (s[i++] != '$')
			continue;
		if (i < n && s[i] == '$') {
			i++;
			continue;
		}
		brace = i < n && s[i] == '{';
		i += brace;
		mark = i < n && s[i] == '*';
		i += mark;
		if (!mark && i < n && s[i] >= '0' && s[i] <= '9') {
			for (num = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				num = num > 100000 ? num :
				    num * 10 + (unsigned long)(s[i] - '0');
			if (num > caps) {
				snprintf(err, errlen, "bad replacement: no "
				    "group %lu in the pattern", num);
				return -1;
			}
		} else if (i < n && isname((unsigned char)s[i], 1)) {
			for (k = 0; i < n && isname((unsigned char)s[i], 0);
			    i++)
				if (k < sizeof(name) - 1)
					name[k++] = s[i];
			name[k] = '\0';
			if (!mark && pcre2_substring_number_from_name(re,
			    (PCRE2_SPTR)name) < 0) {
				snprintf(err, errlen, "bad replacement: no "
				    "group named '%s' in the pattern", name);
				return -1;
			}
		} else {
			snprintf(err, errlen, "bad replacement: '$' must be "
			    "followed by a group number or name, or '$'");
			return -1;
		}
		if (brace && (i >= n || s[i++] != '}')) {
			snprintf(err, errlen, "bad replacement: missing '}'");
			return -1;
		}
	}
	return 0;
}

/* count: read a mask or truncate argument; -1 when it is not a number. */
static long
count(const char *s)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > MAXCOUNT)
			return -1;
	}
	return v;
}

/* parse_rule: fill ru from one line; report what is wrong with it. */
static void
parse_rule(struct ctx *c, struct rule *ru, const char *col, const char *act,
    const char *arg, size_t argn, const char *repl, size_t repln)
{
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off;
	char err[200];
	size_t a;
	long v;
	int e;

	memset(ru, 0, sizeof(*ru));
	ru->line = c->line;
	if (*col == '?') {
		ru->optional = 1;
		col++;
	}
	ru->column = xstrdup(col);
	ru->arg = xmemdup(arg, argn);
	ru->argn = argn;
	ru->repl = xmemdup(repl, repln);
	ru->repln = repln;
	if (*col == '\0')
		bad(c, "empty column name%s%s", "", "");
	if (*act == '\0') {
		bad(c, "missing action%s%s", "", "");
		return;
	}
	for (a = 0; a < NACTIONS; a++)
		if (strcasecmp(act, actions[a]) == 0)
			break;
	if (a == NACTIONS) {
		bad(c, "unknown action '%.60s'%s", act, "");
		return;
	}
	ru->action = (enum rule_action)a;
	if (repln > 0 && ru->action != RULE_REGEX)
		bad(c, "%s takes no replacement%s", actions[a], "");
	switch (ru->action) {
	case RULE_KEEP:
	case RULE_BLANK:
	case RULE_YEAR:
	case RULE_REDACT_PII:
		if (argn > 0)
			bad(c, "%s takes no argument%s", actions[a], "");
		break;
	case RULE_REPLACE:
		if (argn == 0)
			bad(c, "missing argument for %s (blank empties a "
			    "column)%s", actions[a], "");
		break;
	case RULE_MASK:
	case RULE_TRUNCATE:
		if (argn == 0)
			bad(c, "missing argument for %s%s", actions[a], "");
		else if (strlen(arg) != argn || (v = count(arg)) < 0)
			bad(c, "bad number '%.60s' for %s", arg, actions[a]);
		else
			ru->count = (size_t)v;
		break;
	case RULE_REGEX:
		if (argn == 0) {
			bad(c, "missing argument for %s%s", actions[a], "");
			break;
		}
		ru->re = pcre2_compile((PCRE2_SPTR)arg, argn, PCRE2_UTF, &e,
		    &off, NULL);
		if (ru->re == NULL) {
			pcre2_get_error_message(e, msg, sizeof(msg));
			snprintf(err, sizeof(err), "%zu", (size_t)off);
			bad(c, "bad regex at offset %s: %s", err, (char *)msg);
			break;
		}
		pii_jit(ru->re);
		if (check_repl(ru->re, repl, repln, err, sizeof(err)) == -1)
			bad(c, "%s%s", err, "");
		break;
	}
}

/* field, flen: field i of row, empty when absent (i < 0 or short row). */
static const char *
field(const struct csvr_row *row, long i)
{
	return i < 0 || (size_t)i >= row->nf ? "" : row->f[i].p;
}

static size_t
flen(const struct csvr_row *row, long i)
{
	return i < 0 || (size_t)i >= row->nf ? 0 : row->f[i].n;
}

/* die_reader: a malformed rules file is a configuration error. */
static void
die_reader(const struct csvr *r)
{
	diag_die_at(EXIT_USAGE, csvr_name(r), csvr_errline(r), "%s",
	    csvr_errmsg(r));
}

struct rules *
rules_load(const char *path)
{
	const struct csvr_row *row;
	struct ctx c;
	struct rules *rs;
	struct csvr *r;
	struct rule *ru;
	uint32_t caps, maxcaps = 0, *slot;
	size_t i, cap = 0, width;
	long ccol, acol, gcol, rcol;
	int rc;

	if ((r = csvr_open(path, ',')) == NULL)
		diag_die(EXIT_USAGE, "%s: %s", path, strerror(errno));
	/* Read the header as a row, so that later rows may be shorter. */
	if ((rc = csvr_next(r, &row)) == -1)
		die_reader(r);
	if (rc == 0)
		diag_die_at(EXIT_USAGE, csvr_name(r), 0, "empty rules file");
	c.path = csvr_name(r);
	c.line = row->line;
	c.bad = 0;
	width = row->nf;
	ccol = hdr_find(row, "column");
	acol = hdr_find(row, "action");
	gcol = hdr_find(row, "argument");
	rcol = hdr_find(row, "replacement");
	if (ccol < 0)
		bad(&c, "missing column '%s'%s", "column", "");
	if (acol < 0)
		bad(&c, "missing column '%s'%s", "action", "");
	if (c.bad > 0) {
		csvr_close(r);
		exit(EXIT_USAGE);
	}

	rs = xcalloc(1, sizeof(*rs));
	rs->path = xstrdup(path);
	rs->byname = keymap_new();
	while ((rc = csvr_next(r, &row)) == 1) {
		if (rs->n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			rs->v = xreallocarray(rs->v, cap, sizeof(*rs->v));
		}
		c.line = row->line;
		if (row->nf > width) {
			diag_at(c.path, c.line, "row has %zu fields, header "
			    "has %zu", row->nf, width);
			c.bad++;
			continue;
		}
		ru = &rs->v[rs->n++];
		parse_rule(&c, ru, field(row, ccol), field(row, acol),
		    field(row, gcol), flen(row, gcol), field(row, rcol),
		    flen(row, rcol));
		slot = keymap_put(rs->byname, ru->column, strlen(ru->column));
		if (*slot != 0) {
			diag_at(c.path, c.line, "duplicate rule for column '%s' "
			    "(first on line %lu)", ru->column,
			    rs->v[*slot - 1].line);
			c.bad++;
		} else
			*slot = (uint32_t)rs->n;
	}
	if (rc == -1)
		die_reader(r);
	csvr_close(r);
	if (c.bad > 0) {
		rules_free(rs);
		exit(EXIT_USAGE);
	}

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->v[i].column, "*") == 0)
			rs->star = &rs->v[i];
		if (rs->v[i].re != NULL) {
			caps = 0;
			(void)pcre2_pattern_info(rs->v[i].re,
			    PCRE2_INFO_CAPTURECOUNT, &caps);
			if (caps > maxcaps)
				maxcaps = caps;
		}
	}
	if ((rs->md = pcre2_match_data_create(maxcaps + 1, NULL)) == NULL)
		diag_die(EXIT_DATA, "out of memory");
	return rs;
}

const struct rule *
rules_find(const struct rules *rs, const char *name, size_t n)
{
	uint32_t *slot = keymap_get(rs->byname, name, n);

	if (slot != NULL && &rs->v[*slot - 1] != rs->star)
		return &rs->v[*slot - 1];
	return rs->star;
}

size_t
rules_uncovered(const struct rules *rs, const struct csvr_row *hdr,
    const char *inname)
{
	size_t i, nbad = 0;

	for (i = 0; i < hdr->nf; i++)
		if (rules_find(rs, hdr->f[i].p, hdr->f[i].n) == NULL) {
			diag_at(rs->path, 0, "no rule for column '%s' of %s",
			    hdr->f[i].p, inname);
			nbad++;
		}
	return nbad;
}

const struct rule **
rules_bind(const struct rules *rs, const struct csvr_row *hdr,
    const char *inname)
{
	const struct rule **b;
	unsigned char *used;
	size_t i, j, nbad;

	b = xcalloc(hdr->nf == 0 ? 1 : hdr->nf, sizeof(*b));
	used = xcalloc(rs->n == 0 ? 1 : rs->n, 1);
	nbad = rules_uncovered(rs, hdr, inname);
	for (i = 0; i < hdr->nf; i++) {
		b[i] = rules_find(rs, hdr->f[i].p, hdr->f[i].n);
		if (b[i] != NULL && b[i] != rs->star)
			used[b[i] - rs->v] = 1;
	}
	for (j = 0; j < rs->n; j++)
		if (&rs->v[j] != rs->star && !used[j] && !rs->v[j].optional) {
			diag_at(rs->path, rs->v[j].line, "no column '%s' in %s",
			    rs->v[j].column, inname);
			nbad++;
		}
	free(used);
	if (nbad > 0)
		exit(EXIT_USAGE);
	return b;
}

/* year: the first day of the year of date d, as datefmt or ISO. */
static void
year(struct buf *out, date_t d, const char *datefmt)
{
	char iso[11], y[5];
	int yy, mm, dd;
	const char *f;

	buf_reset(out);
	date_ymd(d, &yy, &mm, &dd);
	date_format(date_from_ymd(yy, 1, 1), iso);
	if (datefmt == NULL) {
		buf_adds(out, iso);
		return;
	}
	memcpy(y, iso, 4);
	y[4] = '\0';
	for (f = datefmt; *f != '\0'; f++) {
		if (*f != '%' || f[1] == '\0') {
			buf_addc(out, *f);
			continue;
		}
		switch (*++f) {
		case 'Y':
			buf_adds(out, y);
			break;
		case 'm':
		case 'd':
			buf_adds(out, "01");
			break;
		default:
			buf_addc(out, *f);
		}
	}
}

/* substitute: every match of ru's pattern in p[0..n) replaced. */
static int
substitute(struct rules *rs, const struct rule *ru, const char *p, size_t n,
    const char **out, size_t *outn)
{
	PCRE2_SIZE len;
	int rc;

	for (;;) {
		if (rs->subcap == 0) {
			rs->subcap = 256;
			rs->sub = xmalloc(rs->subcap);
		}
		len = rs->subcap;
		rc = pcre2_substitute(ru->re, (PCRE2_SPTR)p, n, 0,
		    PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
		    PCRE2_SUBSTITUTE_UNSET_EMPTY, rs->md, NULL,
		    (PCRE2_SPTR)ru->repl, ru->repln, (PCRE2_UCHAR *)rs->sub,
		    &len);
		if (rc >= 0) {
			*out = rs->sub;
			*outn = len;
			return 0;
		}
		if (rc != PCRE2_ERROR_NOMEMORY)
			break;
		while (rs->subcap <= len)
			rs->subcap *= 2;
		free(rs->sub);
		rs->sub = xmalloc(rs->subcap);
	}
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		return RULES_EUTF8;
	return RULES_EREGEX;
}

/*
 * compute: rules_apply of the actions that compute their result (mask,
 * truncate, year, regex), apart, so that keep, blank and replace, the
 * actions of most columns and called for every field, cost a few
 * instructions and not the spilling of this one's registers.
 */
static int	compute(struct rules *rs, const struct rule *ru,
		    const char *p, size_t n, const char **out, size_t *outn)
		    __attribute__((noinline));

int
rules_apply(struct rules *rs, const struct rule *ru, const char *p, size_t n,
    const char **out, size_t *outn)
{
	*out = p;
	*outn = n;
	switch (ru->action) {
	case RULE_KEEP:
		return 0;
	case RULE_BLANK:
	case RULE_REDACT_PII:
		*out = "";
		*outn = 0;
		return 0;
	case RULE_REPLACE:
		*out = ru->arg;
		*outn = ru->argn;
		return 0;
	default:
		return compute(rs, ru, p, n, out, outn);
	}
}

static int
compute(struct rules *rs, const struct rule *ru, const char *p, size_t n,
    const char **out, size_t *outn)
{
	date_t d;
	size_t k, rest;

	switch (ru->action) {
	case RULE_MASK:
		k = text_prefix(p, n, ru->count);
		buf_reset(&rs->out);
		buf_add(&rs->out, p, k);
		for (rest = text_nchars(p + k, n - k); rest > 0; rest--)
			buf_addc(&rs->out, '*');
		*out = rs->out.p;
		*outn = rs->out.n;
		break;
	case RULE_TRUNCATE:
		*outn = text_prefix(p, n, ru->count);
		break;
	case RULE_YEAR:
		if (date_parse(p, n, rs->datefmt, &d) == -1)
			return RULES_EDATE;
		if (d != DATE_NONE) {
			year(&rs->out, d, rs->datefmt);
			*out = rs->out.p;
			*outn = rs->out.n;
		}
		break;
	case RULE_REGEX:
		return substitute(rs, ru, p, n, out, outn);
	default:
		break;
	}
	return 0;
}

void
rules_free(struct rules *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].column);
		free(rs->v[i].arg);
		free(rs->v[i].repl);
		pcre2_code_free(rs->v[i].re);
	}
	free(rs->v);
	free(rs->path);
	keymap_free(rs->byname);
	pcre2_match_data_free(rs->md);
	buf_free(&rs->out);
	free(rs->sub);
	free(rs);
}
