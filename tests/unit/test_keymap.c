/*
 * test_keymap: insertion, lookup, values, the empty key, keys with NUL
 * bytes and long keys, short and long keys through every doubling,
 * queued merges, a million keys, and the memory they take.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "keymap.h"
#include "unit.h"

#define KEYS	1000000

static void
basics(void)
{
	struct keymap *m;
	uint32_t *v;

	m = keymap_new();
	EXPECT(keymap_count(m) == 0);
	EXPECT(keymap_get(m, "C1", 2) == NULL);
	v = keymap_put(m, "C1", 2);
	EXPECT(v != NULL && *v == 0);
	*v = 7;
	EXPECT(keymap_count(m) == 1);
	v = keymap_get(m, "C1", 2);
	EXPECT(v != NULL && *v == 7);
	/* A second put finds the same slot and keeps the value. */
	v = keymap_put(m, "C1", 2);
	EXPECT(v != NULL && *v == 7);
	*v |= 8;
	EXPECT(*keymap_get(m, "C1", 2) == 15);
	EXPECT(keymap_count(m) == 1);
	/* Length counts: a prefix or a longer key is another key. */
	EXPECT(keymap_get(m, "C", 1) == NULL);
	EXPECT(keymap_get(m, "C10", 3) == NULL);
	EXPECT(keymap_get(m, "C1x", 2) != NULL);
	EXPECT(keymap_get(m, "c1", 2) == NULL);
	keymap_free(m);
	keymap_free(NULL);
}

static void
odd_keys(void)
{
	struct keymap *m;
	static char big[1100000];
	size_t i;

	m = keymap_new();
	EXPECT(keymap_get(m, "", 0) == NULL);
	*keymap_put(m, "", 0) = 1;
	EXPECT(keymap_get(m, "", 0) != NULL && *keymap_get(m, "", 0) == 1);
	EXPECT(keymap_get(m, "\0", 1) == NULL);
	*keymap_put(m, "\0", 1) = 2;
	*keymap_put(m, "a\0b", 3) = 3;
	EXPECT(keymap_get(m, "a\0c", 3) == NULL);
	EXPECT(*keymap_get(m, "a\0b", 3) == 3);
	EXPECT(*keymap_get(m, "\0", 1) == 2);
	EXPECT(*keymap_get(m, "", 0) == 1);
	/* Lengths of 1, 2 and 3 length bytes. */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	*keymap_put(m, big, 127) = 127;
	*keymap_put(m, big, 128) = 128;
	*keymap_put(m, big, 16384) = 16384;
	*keymap_put(m, big, 70000) = 70000;
	EXPECT(*keymap_get(m, big, 127) == 127);
	EXPECT(*keymap_get(m, big, 128) == 128);
	EXPECT(*keymap_get(m, big, 16384) == 16384);
	EXPECT(*keymap_get(m, big, 70000) == 70000);
	EXPECT(keymap_get(m, big, 129) == NULL);
	EXPECT(*keymap_put(m, "\xc3\xa9", 2) == 0);
	EXPECT(keymap_count(m) == 8);
	keymap_free(m);
	/* A first key longer than an arena chunk. */
	m = keymap_new();
	*keymap_put(m, big, sizeof(big)) = 9;
	*keymap_put(m, "x", 1) = 10;
	EXPECT(*keymap_get(m, big, sizeof(big)) == 9);
	EXPECT(*keymap_get(m, "x", 1) == 10);
	keymap_free(m);
}

/* keyof: the i-th key of grows: 3 to 20 bytes, short and long mixed. */
static size_t
keyof(char *k, size_t i)
{
	size_t n = 3 + (i * 2654435761u) % 18, j;
	uint64_t x = i * 0x9E3779B97F4A7C15ULL + 1;

	for (j = 0; j < n; j++) {
		k[j] = (char)(x >> (j % 8 * 8));
		if (j % 8 == 7)
			x = x * 6364136223846793005ULL + i;
	}
	k[0] = (char)i;		/* no two alike */
	k[1] = (char)(i >> 8);
	k[2] = (char)(i >> 16);
	return n;
}

/* After each doubling every key put so far is found with its value. */
static void
grows(void)
{
	struct keymap *m;
	char k[32];
	size_t i, j, n, bad = 0, next = 8;
	uint32_t *v;

	m = keymap_new();
	for (i = 0; i < 300000; i++) {
		n = keyof(k, i);
		*keymap_put(m, k, n) = (uint32_t)i + 1;
		if (i + 1 != next)
			continue;
		next *= 2;
		for (j = 0; j <= i; j++) {
			n = keyof(k, j);
			v = keymap_get(m, k, n);
			if (v == NULL || *v != (uint32_t)j + 1)
				bad++;
		}
	}
	EXPECT(keymap_count(m) == 300000);
	for (j = 0; j < 300000; j++) {
		n = keyof(k, j);
		v = keymap_get(m, k, n);
		if (v == NULL || *v != (uint32_t)j + 1)
			bad++;
		k[n] = 'x';
		if (keymap_get(m, k, n + 1) != NULL)
			bad++;
	}
	EXPECT(bad == 0);
	keymap_free(m);
}

/* inuse: the resident bytes of the process (0 when unknown). */
static size_t
inuse(void)
{
	FILE *f;
	unsigned long size, res = 0;

	if ((f = fopen("/proc/self/statm", "r")) == NULL)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

/*
 * merges: keymap_merge with OR and MAX over keys repeated in no order,
 * short, long and empty, through every doubling of the table while merges
 * are queued; the values after keymap_flush are those of merging at once.
 */
static void
merges(void)
{
	enum { N = 20000, ROUNDS = 5 };
	struct keymap *or, *max;
	static uint32_t wantor[N], wantmax[N];
	char k[64];
	size_t i, j, n, bad = 0;
	uint32_t x = 12345, v, *got;

	or = keymap_new();
	max = keymap_new();
	for (j = 0; j < ROUNDS * N; j++) {
		x = x * 1103515245 + 12345;
		i = (x >> 8) % N;
		v = (x >> 3) & 0xFFFF;
		/* Every 7th key long (arena), key 0 the empty key. */
		n = i == 0 ? 0 : (size_t)snprintf(k, sizeof(k),
		    i % 7 == 0 ? "customer-with-a-long-number-%zu" : "C%zu", i);
		keymap_merge(or, k, n, (uint32_t)1 << (v % 32), KEYMAP_OR);
		keymap_merge(max, k, n, v + 1, KEYMAP_MAX);
		wantor[i] |= (uint32_t)1 << (v % 32);
		if (v + 1 > wantmax[i])
			wantmax[i] = v + 1;
	}
	keymap_flush(or);
	keymap_flush(max);
	for (i = 0; i < N; i++) {
		n = i == 0 ? 0 : (size_t)snprintf(k, sizeof(k),
		    i % 7 == 0 ? "customer-with-a-long-number-%zu" : "C%zu", i);
		got = keymap_get(or, k, n);
		if (wantor[i] == 0 ? got != NULL : got == NULL ||
		    *got != wantor[i])
			bad++;
		got = keymap_get(max, k, n);
		if (wantmax[i] == 0 ? got != NULL : got == NULL ||
		    *got != wantmax[i])
			bad++;
	}
	EXPECT(bad == 0);
	EXPECT(keymap_count(or) == keymap_count(max));
	/* A flush with nothing queued changes nothing. */
	n = keymap_count(or);
	keymap_flush(or);
	EXPECT(keymap_count(or) == n);
	keymap_free(or);
	keymap_free(max);
}

static void
million(void)
{
	struct keymap *m;
	char k[32];
	size_t i, n, before, after, bad = 0;
	uint32_t *v;

	before = inuse();
	m = keymap_new();
	for (i = 0; i < KEYS; i++) {
		n = (size_t)snprintf(k, sizeof(k), "C%07zu", i * 7);
		*keymap_put(m, k, n) = (uint32_t)i;
	}
	after = inuse();
	EXPECT(keymap_count(m) == KEYS);
	for (i = 0; i < KEYS; i++) {
		n = (size_t)snprintf(k, sizeof(k), "C%07zu", i * 7);
		v = keymap_get(m, k, n);
		if (v == NULL || *v != (uint32_t)i)
			bad++;
		n = (size_t)snprintf(k, sizeof(k), "C%07zu", i * 7 + 3);
		if (keymap_get(m, k, n) != NULL)
			bad++;
	}
	EXPECT(bad == 0);
	/* Putting them all again adds nothing. */
	for (i = 0; i < KEYS; i += 3) {
		n = (size_t)snprintf(k, sizeof(k), "C%07zu", i * 7);
		keymap_put(m, k, n);
	}
	EXPECT(keymap_count(m) == KEYS);
	/* 16-byte slots, between 3/8 and 3/4 full: 21 to 43 bytes a key. */
	if (after > before) {
		printf("  %zu bytes for %d keys: %.1f a key\n", after - before,
		    KEYS, (double)(after - before) / KEYS);
		EXPECT(after - before <= (size_t)KEYS * 45 + 4096);
	}
	keymap_free(m);
}

int
main(void)
{
	TEST(basics);
	TEST(odd_keys);
	TEST(grows);
	TEST(merges);
	TEST(million);
	return unit_done();
}
