/*
 * fuzz_rules: libFuzzer harness for scrub's rules (lib/rules.c): the
 * rules-file parser rules_load, rules_bind and rules_apply.
 *
 * rules_load and rules_bind report a bad rules file or header and exit 2
 * (diag_die_at, exit).  So that the parser can still be fuzzed, this
 * harness is linked with -Wl,--wrap=exit,--wrap=malloc,... (see
 * tests/fuzz/run): while the library is loading or binding, exit()
 * returns here by longjmp, and everything the library allocated in the
 * meantime (C heap, libcsv linked statically, PCRE2 patterns) is freed,
 * so a refused file leaks nothing.  Without those flags (the replay
 * build) an input the library refuses ends the process with status 2
 * like scrub does, and replaying stops there.
 *
 * Input: up to the first NUL, a rules file; after it, NUL-separated
 * field values.  A loaded file is bound to a header of its own columns
 * (optional ones on alternate inputs, plus a column for the `*` rule),
 * and every rule but redact-pii is applied to the values.  Properties,
 * each an abort when broken:
 *  - keep gives the field itself, blank nothing, replace the argument;
 *  - truncate gives the first N characters of the field, mask the same
 *    then one '*' per further character;
 *  - year gives YYYY-01-01, nothing for an empty field, or RULES_EDATE;
 *  - regex reports RULES_EUTF8 exactly when the field is not UTF-8 (the
 *    message then blames the data, so it must be the data's fault).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csvio.h"
#include "pii.h"
#include "rules.h"
#include "text.h"

#define MAXVALS	8

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_rules: property failed: %s\n", what);
	abort();
}

#ifdef FUZZ_WRAP_EXIT
/*
 * The exit trap.  Every block allocated while trapping is remembered in
 * an open-addressing set, forgotten when freed, and freed on a trapped
 * exit.
 */
#define TRACKMAX	(1 << 16)
#define TOMB		((void *)1)

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	 __real_free(void *);
void	 __real_exit(int) __attribute__((noreturn));
pcre2_code *__real_pcre2_compile_8(PCRE2_SPTR, PCRE2_SIZE, uint32_t, int *,
	    PCRE2_SIZE *, pcre2_compile_context *);
void	 __real_pcre2_code_free_8(pcre2_code *);

void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);
void	 __wrap_free(void *);
void	 __wrap_exit(int) __attribute__((noreturn));
pcre2_code *__wrap_pcre2_compile_8(PCRE2_SPTR, PCRE2_SIZE, uint32_t, int *,
	    PCRE2_SIZE *, pcre2_compile_context *);
void	 __wrap_pcre2_code_free_8(pcre2_code *);

static jmp_buf trap;
static int trapping;
static void *heap[TRACKMAX];		/* C heap blocks */
static void *codes[TRACKMAX];		/* PCRE2 patterns */
static size_t nheap, ncodes;		/* slots used in each (for reset) */
static size_t used[TRACKMAX];		/* those slots: heap, then codes */
static size_t nused;

static size_t
slot(void *const *set, const void *p, int find)
{
	size_t h = ((uintptr_t)p >> 4) * 2654435761u % TRACKMAX, tomb = SIZE_MAX;

	for (;;) {
		if (set[h] == p)
			return h;
		if (set[h] == NULL)
			return find ? SIZE_MAX : tomb != SIZE_MAX ? tomb : h;
		if (set[h] == TOMB && tomb == SIZE_MAX)
			tomb = h;
		h = (h + 1) % TRACKMAX;
	}
}

static void
track(void **set, size_t *n, void *p)
{
	if (p == NULL || !trapping)
		return;
	size_t h;

	if (*n >= TRACKMAX / 2 || nused == TRACKMAX)
		fail("harness: too many blocks to track");
	h = slot(set, p, 0);
	if (set[h] == NULL)
		used[nused++] = set == heap ? h : h + TRACKMAX;
	set[h] = p;
	(*n)++;
}

static void
untrack(void **set, void *p)
{
	size_t h;

	if (p == NULL || !trapping)
		return;
	if ((h = slot(set, p, 1)) != SIZE_MAX)
		set[h] = TOMB;
}

void *
__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);

	track(heap, &nheap, p);
	return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
	void *p = __real_calloc(n, size);

	track(heap, &nheap, p);
	return p;
}

void *
__wrap_realloc(void *old, size_t n)
{
	void *p;

	untrack(heap, old);
	p = __real_realloc(old, n);
	track(heap, &nheap, p);
	return p;
}

void
__wrap_free(void *p)
{
	untrack(heap, p);
	__real_free(p);
}

pcre2_code *
__wrap_pcre2_compile_8(PCRE2_SPTR s, PCRE2_SIZE n, uint32_t opt, int *e,
    PCRE2_SIZE *off, pcre2_compile_context *cc)
{
	pcre2_code *re = __real_pcre2_compile_8(s, n, opt, e, off, cc);

	track(codes, &ncodes, re);
	return re;
}

void
__wrap_pcre2_code_free_8(pcre2_code *re)
{
	untrack(codes, re);
	__real_pcre2_code_free_8(re);
}

void
__wrap_exit(int code)
{
	if (trapping)
		longjmp(trap, code == 0 ? 256 : code);
	__real_exit(code);
}

static void
trap_begin(void)
{
	size_t i;

	for (i = 0; i < nused; i++)
		if (used[i] < TRACKMAX)
			heap[used[i]] = NULL;
		else
			codes[used[i] - TRACKMAX] = NULL;
	nused = nheap = ncodes = 0;
	trapping = 1;
}

/* trap_end: stop tracking; after a trapped exit, free what was left. */
static void
trap_end(int exited)
{
	size_t i;

	void *p;

	trapping = 0;
	if (!exited)
		return;
	for (i = 0; i < nused; i++) {
		if (used[i] >= TRACKMAX) {
			p = codes[used[i] - TRACKMAX];
			if (p != NULL && p != TOMB)
				__real_pcre2_code_free_8(p);
		}
	}
	for (i = 0; i < nused; i++) {
		if (used[i] < TRACKMAX) {
			p = heap[used[i]];
			if (p != NULL && p != TOMB)
				__real_free(p);
		}
	}
}
#define TRAPPED()	setjmp(trap)
#else
static void
trap_begin(void)
{
}

static void
trap_end(int exited)
{
	(void)exited;
}
#define TRAPPED()	0
#endif

static int
utf8ok(const char *p, size_t n)
{
	return pii_utf8(p, n);
}

static void
check_apply(struct rules *rs, const struct rule *ru, const char *p, size_t n)
{
	const char *out;
	size_t outn, k, i;
	int rc;

	rc = rules_apply(rs, ru, p, n, &out, &outn);
	if (rc != 0 && rc != RULES_EDATE && rc != RULES_EUTF8 &&
	    rc != RULES_EREGEX)
		fail("rules_apply gave an unknown result");
	if (rc == RULES_EDATE && ru->action != RULE_YEAR)
		fail("RULES_EDATE from an action other than year");
	if ((rc == RULES_EUTF8 || rc == RULES_EREGEX) &&
	    ru->action != RULE_REGEX)
		fail("a regex error from an action other than regex");
	if (ru->action == RULE_REGEX && (rc == RULES_EUTF8) == utf8ok(p, n))
		fail("RULES_EUTF8 does not match the field's UTF-8 validity");
	if (rc != 0)
		return;
	switch (ru->action) {
	case RULE_KEEP:
		if (out != p || outn != n)
			fail("keep changed the field");
		break;
	case RULE_BLANK:
	case RULE_REDACT_PII:
		if (outn != 0)
			fail("blank left text");
		break;
	case RULE_REPLACE:
		if (outn != ru->argn || memcmp(out, ru->arg, outn) != 0)
			fail("replace did not give the argument");
		break;
	case RULE_TRUNCATE:
		k = text_prefix(p, n, ru->count);
		if (outn != k || (k > 0 && memcmp(out, p, k) != 0))
			fail("truncate did not keep the first N characters");
		break;
	case RULE_MASK:
		k = text_prefix(p, n, ru->count);
		if (outn < k || (k > 0 && memcmp(out, p, k) != 0))
			fail("mask did not keep the first N characters");
		if (outn - k != text_nchars(p + k, n - k))
			fail("mask wrote the wrong number of '*'");
		for (i = k; i < outn; i++)
			if (out[i] != '*')
				fail("mask wrote other than '*'");
		break;
	case RULE_YEAR:
		if (outn == 0)
			break;
		if (outn != 10 || memcmp(out + 4, "-01-01", 6) != 0)
			fail("year did not give YYYY-01-01");
		break;
	case RULE_REGEX:
		if (outn > 0 && out == NULL)
			fail("regex gave no text");
		break;
	}
}

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char extra[] = "column the rules do not name";
	const char *val[MAXVALS];
	const struct rule **volatile b = NULL;
	struct rules *volatile rs = NULL;
	struct csvr_field *f;
	struct csvr_row hdr;
	size_t valn[MAXVALS], nv = 0, k, i, j;
	char path[64];
	int fd, st;

	for (k = 0; k < size && data[k] != '\0'; k++)
		;
	if ((fd = memfd_create("rules", 0)) == -1)
		abort();
	if (k > 0 && write(fd, data, k) != (ssize_t)k)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	while (k < size && nv < MAXVALS) {
		i = ++k;
		while (k < size && data[k] != '\0')
			k++;
		val[nv] = (const char *)data + i;
		valn[nv++] = k - i;
	}

	st = 0;
	trap_begin();
	if (TRAPPED() != 0)
		st = 1;
	else
		rs = rules_load(path);
	trap_end(st);
	close(fd);
	if (st != 0)
		return 0;

	/* A header of the rules' own columns, and one for the `*` rule. */
	f = calloc(rs->n + 1, sizeof(*f));
	hdr.nf = 0;
	hdr.f = f;
	hdr.line = 1;
	for (i = 0; i < rs->n; i++) {
		if (&rs->v[i] == rs->star || (rs->v[i].optional &&
		    (size % 2 == 0)))
			continue;
		for (j = 0; j < hdr.nf; j++)
			if (strcmp(f[j].p, rs->v[i].column) == 0)
				break;
		if (j < hdr.nf)
			continue;
		f[hdr.nf].p = rs->v[i].column;
		f[hdr.nf++].n = strlen(rs->v[i].column);
	}
	if (rs->star != NULL) {
		f[hdr.nf].p = extra;
		f[hdr.nf++].n = sizeof(extra) - 1;
	}

	st = 0;
	trap_begin();
	if (TRAPPED() != 0)
		st = 1;
	else
		b = rules_bind(rs, &hdr, "input");
	trap_end(st);
	if (st == 0) {
		for (i = 0; i < hdr.nf; i++)
			for (j = 0; j < nv; j++)
				check_apply(rs, b[i], val[j], valn[j]);
		free((void *)b);
	}
	free(f);
	rules_free(rs);
	return 0;
}
