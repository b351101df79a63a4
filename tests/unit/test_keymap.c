/*
 * test_keymap: insertion, lookup, values, the empty key, keys with NUL
 * bytes and long keys, short and long keys through every doubling, a
 * million keys, and the memory they take.
 */
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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

static size_t
inuse(void)
{
#ifdef __GLIBC__
	return mallinfo2().uordblks + mallinfo2().hblkhd;
#else
	return 0;
#endif
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
	/* About 32 bytes a key plus its 8: at most 45 (measured on glibc). */
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
	TEST(million);
	return unit_done();
}
