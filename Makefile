# custanon: GDPR anonymization of customer data as Unix filters.
#
#   make            build the programs into bin/
#   make check      every test: unit, cases, csv-spectrum, end to end,
#                   then the same again under ASan and UBSan
#   make demo       build the fixture company into SQLite, run the job
#   make demo-pg    the same in a throwaway PostgreSQL cluster
#   make install PREFIX=/usr/local
#
# Run as root, make installs missing Debian packages itself; otherwise it
# names them.

CC	?= cc
CFLAGS	?= -O2 -g
PREFIX	?= /usr/local
DESTDIR	?=

# Flavour: where objects, programs, tools and unit tests go.
B	?= build/rel
BIN	?= bin
SAN	?=

WARN	 = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SAN) -Ilib -MMD -MP
LDLIBS	 = -lcsv -lpcre2-8 -lunistring

LIBSRC	 = $(wildcard lib/*.c)
LIBOBJ	 = $(LIBSRC:%.c=$(B)/%.o)
FILTERS	 = $(basename $(notdir $(wildcard filters/*.c)))
HELPERS	 = $(basename $(notdir $(wildcard pipelines/libexec/*.c)))
PROGS	 = $(FILTERS:%=$(BIN)/%) $(HELPERS:%=$(BIN)/%)
TOOLS	 = $(patsubst tools/%.c,$(B)/tools/%,$(wildcard tools/*.c))
UNITS	 = $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))

DEBS	 = libcsv-dev libpcre2-dev libunistring-dev sqlite3 jq python3 gcc make
# Optional: make check runs the end-to-end suite against PostgreSQL too,
# and reports those cases skipped without it.
OPTDEBS	 = postgresql

.PHONY: all programs deps deps-pg check unit-build san demo demo-pg install clean fuzz \
	valgrind bench pii-eval
.DEFAULT_GOAL := all
.SECONDARY:

all: deps
	@$(MAKE) --no-print-directory programs

programs: $(PROGS) $(TOOLS)

# deps: install the missing Debian packages of DEBS when root, else name
# them and fail; with OPTIONAL set, name them and go on (their cases are
# then reported skipped).
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing:$$missing"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq$$missing >/dev/null; } && exit 0; \
	  echo "could not install:$$missing"; \
	else \
	  echo "missing Debian packages:$$missing"; \
	  echo "install them with: sudo apt-get install$$missing"; \
	fi; \
	[ -n "$(OPTIONAL)" ] && echo "($(OPTIONAL))" && exit 0; \
	exit 1

deps-pg:
	@$(MAKE) --no-print-directory deps DEBS="$(OPTDEBS)" \
	    OPTIONAL="the PostgreSQL cases will be skipped"

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/filters/%.o: filters/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libexec/%.o: pipelines/libexec/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tools/%.o: tools/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -c -o $@ $<

$(BIN)/%: $(B)/filters/%.o $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SAN) -o $@ $< $(LIBOBJ) $(LDLIBS)

$(BIN)/%: $(B)/libexec/%.o $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SAN) -o $@ $< $(LIBOBJ) $(LDLIBS)

$(B)/tools/%: $(B)/tools/%.o $(LIBOBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $< $(LIBOBJ) $(LDLIBS)

$(B)/unit/%: $(B)/unit/%.o $(LIBOBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $< $(LIBOBJ) $(LDLIBS)

unit-build: $(UNITS)

san:
	@$(MAKE) --no-print-directory B=build/san BIN=build/san/bin \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	    programs unit-build

check: deps
	@$(MAKE) --no-print-directory deps-pg
	@$(MAKE) --no-print-directory programs unit-build
	@$(MAKE) --no-print-directory san
	@tests/pg/with-cluster tests/run rel:bin:build/rel san:build/san/bin:build/san

# The cases of the filters and the CSV layer with every program under
# valgrind's memcheck (PCRE2's JIT off: memcheck cannot see into it).
valgrind: deps
	@$(MAKE) --no-print-directory deps DEBS=valgrind
	@$(MAKE) --no-print-directory programs
	@tests/run valgrind:$(BIN):$(B)

# The benchmark (bench/README.md): a generated company of BENCH_CUSTOMERS
# customers and eight ledger entries each: the reader and writer and the
# streaming filters against libcsv itself (tools/csvfloor) in pairs,
# every filter, the chains and the whole job against the floor (csvcopy,
# cat) and the peers (Miller, the job in SQL), on SQLite and, inside a
# throwaway cluster (tests/pg/with-cluster) when PostgreSQL is installed,
# on PostgreSQL; results in build/bench/results.md.  BENCH_ONLY=floor
# runs the pairs alone; BENCH_ONLY=growth the job at each size of
# BENCH_GROWTH (default 100000 1000000 5000000 customers).
BENCH_CUSTOMERS ?= 1000000
BENCH_RUNS      ?= 3
BENCH_PAIR_RUNS ?= 7
BENCH_JOB_RUNS  ?= 1
BENCH_WORK      ?= build/bench
bench: deps
	@$(MAKE) --no-print-directory deps DEBS="time miller"
	@$(MAKE) --no-print-directory programs
	BENCH_CUSTOMERS=$(BENCH_CUSTOMERS) BENCH_RUNS=$(BENCH_RUNS) \
	    BENCH_JOB_RUNS=$(BENCH_JOB_RUNS) BENCH_PAIR_RUNS=$(BENCH_PAIR_RUNS) \
	    BENCH_BIN=$(BIN) \
	    BENCH_TOOLS=$(B)/tools BENCH_WORK=$(BENCH_WORK) \
	    BENCH_OUT=$(BENCH_WORK)/results.md bench/run

# redact-pii against the labelled vectors of tests/pii-vectors: recall
# per kind, how often the marker names the kind, false positives on a
# generated negative set of BC-like text, and MB/s on PII_EVAL_MB of
# BC-like free text (tests/pii-eval.py; the README quotes the figures).
PII_EVAL_MB ?= 8
pii-eval: deps
	@$(MAKE) --no-print-directory programs
	@python3 tests/pii-eval.py --bin $(BIN) --speed-mb $(PII_EVAL_MB) \
	    --gencompany $(B)/tools/gencompany

# Coverage-guided fuzzing (libFuzzer, ASan, UBSan) of the CSV reader,
# rules, filter expressions, dates and redact-pii; see tests/fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	@$(MAKE) --no-print-directory deps DEBS="clang libclang-rt-14-dev"
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

# The fixture company as a SQLite database, every value TEXT, then the
# nightly job on it with the clock fixed so the run is reproducible.
demo: all
	@mkdir -p build && rm -f build/demo.db
	@for f in fixtures/company/*.csv; do \
	  t=$$(basename "$$f" .csv); \
	  cols=$$($(BIN)/csvget --header "$$f" | \
	    sed 's/"/""/g; s/.*/"&" TEXT/' | paste -sd, -); \
	  printf 'CREATE TABLE "%s"(%s);\n.import --csv --skip 1 "%s" "%s"\n' \
	    "$$t" "$$cols" "$$f" "$$t"; \
	done | sqlite3 -bail -init /dev/null build/demo.db
	@echo "build/demo.db: the fixture company; running the nightly job on it"
	CUSTANON_BIN=$(BIN) pipelines/anonymize-customers --db build/demo.db \
	    --user ADMIN --now 2026-11-29T12:00:00Z

# The same in a throwaway PostgreSQL cluster (tests/pg/with-cluster: a
# temporary folder, a Unix socket, removed afterwards).
demo-pg: all deps-pg
	CUSTANON_BIN=$(BIN) tests/pg/with-cluster --require tests/pg/demo

# The filters and their man pages into PREFIX; the pipelines, their job
# spec and rules, and Business Central's field lists (pipelines/bc/)
# under PREFIX/lib/custanon, started by wrappers in
# PREFIX/bin (their man pages, pipelines/*.1, beside the filters'); the
# pipelines' own programs (csvget, leakcheck, jobspec, classify:
# pipelines/libexec/) under PREFIX/lib/custanon/libexec, off the PATH,
# with their man pages under PREFIX/lib/custanon/man.
LIBDIR	 = $(PREFIX)/lib/custanon
PIPES	 = anonymize-customers anonymize-customer classify-columns

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(LIBDIR)/pipelines/lib $(DESTDIR)$(LIBDIR)/pipelines/rules \
	    $(DESTDIR)$(LIBDIR)/pipelines/bc/fields \
	    $(DESTDIR)$(LIBDIR)/libexec $(DESTDIR)$(LIBDIR)/man/man1
	for f in $(FILTERS); do \
	  install -m 755 $(BIN)/$$f $(DESTDIR)$(PREFIX)/bin/$$f || exit 1; \
	done
	for f in $(HELPERS); do \
	  install -m 755 $(BIN)/$$f $(DESTDIR)$(LIBDIR)/libexec/$$f || exit 1; \
	done
	install -m 644 filters/*.1 pipelines/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 pipelines/libexec/*.1 $(DESTDIR)$(LIBDIR)/man/man1/
	install -m 755 $(PIPES:%=pipelines/%) $(DESTDIR)$(LIBDIR)/pipelines/
	install -m 644 pipelines/lib/*.sh $(DESTDIR)$(LIBDIR)/pipelines/lib/
	install -m 644 pipelines/rules/*.csv pipelines/rules/VERSION \
	    pipelines/rules/README.md $(DESTDIR)$(LIBDIR)/pipelines/rules/
	install -m 644 pipelines/bc/README.md $(DESTDIR)$(LIBDIR)/pipelines/bc/
	install -m 644 pipelines/bc/fields/*.csv \
	    $(DESTDIR)$(LIBDIR)/pipelines/bc/fields/
	ln -sfn ../../bin $(DESTDIR)$(LIBDIR)/bin
	for p in $(PIPES); do \
	  printf '#!/bin/sh\nexec "%s" "$$@"\n' "$(LIBDIR)/pipelines/$$p" \
	    >$(DESTDIR)$(PREFIX)/bin/$$p && \
	  chmod 755 $(DESTDIR)$(PREFIX)/bin/$$p || exit 1; \
	done

clean:
	rm -rf build bin

-include $(shell find build -name '*.d' 2>/dev/null)
