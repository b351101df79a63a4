/*
 * unit.h: the C unit tests' harness.  A test is a function run by
 * TEST(name); each EXPECT that fails marks it failed with file:line.
 * Every test prints "PASS name" or "FAIL name: ..." on one line; tests/run
 * counts them.  main() ends with return unit_done().
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_now, unit_failures, unit_asserts;

#define EXPECT(cond) do {						\
	unit_asserts++;							\
	if (!(cond)) {							\
		if (!unit_failed_now)					\
			printf("FAIL %s: %s:%d: %s\n", unit_name,	\
			    __FILE__, __LINE__, #cond);			\
		unit_failed_now = 1;					\
	}								\
} while (0)

#define EXPECT_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	unit_asserts++;							\
	if (g_ == NULL || strcmp(g_, w_) != 0) {			\
		if (!unit_failed_now)					\
			printf("FAIL %s: %s:%d: got \"%s\", wanted "	\
			    "\"%s\"\n", unit_name, __FILE__, __LINE__,	\
			    g_ == NULL ? "(null)" : g_, w_);		\
		unit_failed_now = 1;					\
	}								\
} while (0)

static const char *unit_name = "";

#define TEST(fn) do {							\
	int before_ = unit_asserts;					\
	unit_name = #fn;						\
	unit_failed_now = 0;						\
	fn();								\
	if (unit_asserts == before_) {					\
		printf("FAIL %s: asserts nothing\n", #fn);		\
		unit_failed_now = 1;					\
	}								\
	if (unit_failed_now)						\
		unit_failures++;					\
	else								\
		printf("PASS %s\n", #fn);				\
} while (0)

static inline int
unit_done(void)
{
	return unit_failures > 0;
}

#endif
