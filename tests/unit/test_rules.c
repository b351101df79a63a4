/*
 * test_rules: loading a rules file, binding it to a header, and every
 * action but redact-pii (test_pii).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "rules.h"
#include "unit.h"

static char path[] = "/tmp/test_rules.XXXXXX";
static struct rules *rs;

static void
writefile(const char *text)
{
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		perror("test_rules");
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

/* rule: the rule of column name. */
static const struct rule *
rule(const char *name)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].column, name) == 0)
			return &rs->v[i];
	return NULL;
}

/* ap: apply the rule of column name to s, as a string. */
static const char *
ap(const char *name, const char *s)
{
	static char res[256];
	const char *o;
	size_t n;
	int rc;

	if ((rc = rules_apply(rs, rule(name), s, strlen(s), &o, &n)) != 0) {
		snprintf(res, sizeof(res), "(error %d)", rc);
		return res;
	}
	snprintf(res, sizeof(res), "%.*s", (int)n, o);
	return res;
}

static void
load(void)
{
	EXPECT(rs->n == 11);
	EXPECT(rule("Fax No.") != NULL && rule("Fax No.")->optional);
	EXPECT(rs->star == rule("*"));
	EXPECT(rule("Name")->action == RULE_REPLACE);
	EXPECT(rule("Mask")->count == 3);
	EXPECT(rule("Comment")->action == RULE_REDACT_PII);
	EXPECT_STR(rules_action_name(RULE_REDACT_PII), "redact-pii");
	EXPECT(rule("Short")->line == 5);
}

static void
actions(void)
{
	const char *o;
	size_t n;

	EXPECT_STR(ap("No.", "C 1,\"x\""), "C 1,\"x\"");
	EXPECT_STR(ap("Name", "Ada Lovelace"), "------");
	EXPECT_STR(ap("City", "Oslo"), "");
	EXPECT_STR(ap("Mask", "\xC3\x85" "se \xC3\x98" "deg\xC3\xA5" "rd"),
	    "\xC3\x85" "se********");
	EXPECT_STR(ap("Mask", "ab"), "ab");
	EXPECT_STR(ap("Short", "\xC3\x85" "se \xC3\x98" "deg\xC3\xA5" "rd"),
	    "\xC3\x85" "s");
	EXPECT_STR(ap("Code", "AB-12 and CD-3"), "12/AB and 3/CD");
	EXPECT_STR(ap("Code", "none"), "none");
	EXPECT_STR(ap("Digits", "call 123 or 45"), "call # or #");
	EXPECT(rules_apply(rs, rule("Code"), "\xFF", 1, &o, &n) ==
	    RULES_EUTF8);
	EXPECT(rules_apply(rs, rule("Comment"), "x", 1, &o, &n) == 0 &&
	    n == 0);
}

static void
years(void)
{
	EXPECT_STR(ap("Born", "1980-05-17"), "1980-01-01");
	EXPECT_STR(ap("Born", "2026-11-29T23:15:00Z"), "2026-01-01");
	EXPECT_STR(ap("Born", ""), "");
	EXPECT_STR(ap("Born", "0001-01-01"), "0001-01-01");
	EXPECT_STR(ap("Born", "1980-02-30"), "(error -1)");
	EXPECT_STR(ap("Born", "soon"), "(error -1)");
	rs->datefmt = "%d.%m.%Y";
	EXPECT_STR(ap("Born", "17.05.1980"), "01.01.1980");
	EXPECT_STR(ap("Born", "1980-05-17"), "(error -1)");
	rs->datefmt = "%m/%d/%Y";
	EXPECT_STR(ap("Born", "5/17/1980"), "01/01/1980");
	rs->datefmt = NULL;
}

static void
bind(void)
{
	static struct csvr_field f[] = {
		{ "No.", 3 }, { "Name", 4 }, { "City", 4 }, { "Mask", 4 },
		{ "Short", 5 }, { "Born", 4 }, { "Code", 4 }, { "Digits", 6 },
		{ "Comment", 7 }, { "Other", 5 }
	};
	struct csvr_row hdr = { 10, f, 1 };
	const struct rule **b;

	b = rules_bind(rs, &hdr, "in.csv");
	EXPECT(b[0] == rule("No."));
	EXPECT(b[8] == rule("Comment"));
	EXPECT(b[9] == rs->star);
	free(b);
}

int
main(void)
{
	writefile(
	    "column,action,argument,replacement,comment\n"
	    "No.,keep\n"
	    "Name,replace,------,,a comment\n"
	    "City,BLANK\n"
	    "Short,truncate,2\n"
	    "Mask,mask,3\n"
	    "Born,year\n"
	    "Code,regex,([A-Z]+)-(?<n>\\d+),${n}/$1\n"
	    "Digits,regex,\\d+,#\n"
	    "Comment,redact-pii\n"
	    "?Fax No.,blank\n"
	    "*,blank\n");
	rs = rules_load(path);
	unlink(path);
	TEST(load);
	TEST(actions);
	TEST(years);
	TEST(bind);
	rules_free(rs);
	return unit_done();
}
