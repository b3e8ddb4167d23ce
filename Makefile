# samskab build. Plain make: every .c under src/ is compiled; every
# tests/**/*_test.c is one test program. `make SAN=1 BUILD=build/asan` builds
# the same tree with AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   make run     install what is missing, build, create var/samskab.db with
#                demo data if absent, serve on http://127.0.0.1:8080
#   make check   install what is missing, check the layers, build, run every
#                test suite (plain and sanitized), end with
#                "N passed, N failed, N skipped"
#   make layers  check that no file under src/ includes a layer above its own
#                or a sibling (scripts/layers holds the order)
#   make bench   benchmarks, printed side by side with their reference runs
#   make load    wrk mixing page views, votes and sign-ups on a fresh demo
#                database, 256 connections for 60 s (LOAD_CONNECTIONS,
#                LOAD_SECONDS): no error, every acknowledged write stored,
#                memory flat (tests/load/run); not part of make check
#   make fuzz    every fuzz/*_fuzz.c under libFuzzer for FUZZ_SECONDS each
#                (default 300), executions per target (fuzz/run)
#   make crashtest
#                CRASH_TRIALS (default 20) kill -9 trials of `samskab serve`
#                under vote load, on SQLite and on PostgreSQL: every
#                acknowledged vote is there and the integrity checks pass
#                (tests/crash/crash.c; minutes, so not part of make check)

BUILD ?= build
SAN ?= 0
CC ?= cc

PKGS := libmicrohttpd sqlite3 libpq libsodium jansson md4c libutf8proc libcurl zlib libgit2
# Opened at the first upload (src/image/image.c), not linked: its headers
# only. The tests that make images link it.
LAZY_PKGS := vips
TEST_PKGS := cmocka vips

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-format-nonliteral -Wvla
CFLAGS ?= -O2 -g
CFLAGS += -std=c17 -D_GNU_SOURCE -pthread $(WARN) -Isrc -I$(BUILD)/gen -MMD -MP
CFLAGS += $(shell pkg-config --cflags $(PKGS) $(LAZY_PKGS))
# libstemmer (Snowball) has no pkg-config file.
LDLIBS += $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -pthread
ifeq ($(SAN),1)
CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
# LeakSanitizer's tracer crashes at exit when libvips was opened after the
# start (its threads' storage), so the sanitized build links it from the
# start; image.c opens it all the same (and finds it loaded).
LDLIBS += $(shell pkg-config --libs $(LAZY_PKGS))
endif

SRC := $(shell find src -name '*.c' ! -path src/main.c | sort)
OBJ := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o $(BUILD)/gen/catalogues.o
LIB := $(BUILD)/libsamskab.a
BIN := $(BUILD)/samskab

TEST_SRC := $(shell find tests -name '*_test.c' | sort)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
SUPPORT_SRC := $(shell find tests/support -name '*.c' | sort)
# Every fuzz harness, built to replay its corpus without libFuzzer
# (fuzz/replay.c) for tests/fuzz/replay_test.c.
FUZZ_SRC := $(sort $(wildcard fuzz/*_fuzz.c))
REPLAY_BIN := $(FUZZ_SRC:fuzz/%_fuzz.c=$(BUILD)/replay/%)
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=$(BUILD)/%.o)

BENCH_SRC := $(shell find bench -name '*_bench.c' | sort)
BENCH_BIN := $(BENCH_SRC:%.c=$(BUILD)/%)

ASSETS := $(sort $(wildcard assets/*))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
CATALOGUES := $(sort $(wildcard i18n/*.po))

.PHONY: all run check test deps bench bench-programs clean fuzz layers crashtest load
all: $(BIN)

# Generated code: static assets and migrations are compiled into the
# binary by tools/embed; the message catalogues (gettext PO files) by
# tools/po, which reads them with libgettextpo. i18n/da.po is the
# reference catalogue whose keys become the MSG_ and MSGN_ enums.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	@$(CC) -std=c17 -O2 $(WARN) -o $@ $<

$(BUILD)/tools/po: tools/po.c src/core/plural.c src/core/utf8.c src/core/plural.h src/core/utf8.h
	@mkdir -p $(@D)
	@$(CC) -std=c17 -D_GNU_SOURCE -O2 $(WARN) -Isrc -o $@ tools/po.c src/core/plural.c src/core/utf8.c -lgettextpo

$(BUILD)/gen/msg.h: i18n/da.po $(BUILD)/tools/po
	@mkdir -p $(@D)
	@$(BUILD)/tools/po keys i18n/da.po > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embedded.c: $(ASSETS) $(MIGRATIONS) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	@$(BUILD)/tools/embed files asset $(ASSETS) -- migration $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/catalogues.c: $(CATALOGUES) $(BUILD)/tools/po
	@mkdir -p $(@D)
	@$(BUILD)/tools/po catalogues i18n/da.po $(CATALOGUES) > $@.tmp && mv $@.tmp $@

$(OBJ) $(SUPPORT_OBJ) $(BUILD)/src/main.o: $(BUILD)/gen/msg.h

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	@$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/gen/catalogues.o: $(BUILD)/gen/catalogues.c $(BUILD)/gen/msg.h
	@$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(LIB)
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%_test: tests/%_test.c $(SUPPORT_OBJ) $(LIB) $(BUILD)/gen/msg.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -Itests $(LDFLAGS) -o $@ $< \
		$(SUPPORT_OBJ) $(LIB) $(LDLIBS) $(shell pkg-config --libs $(TEST_PKGS))

$(BUILD)/tests/support/%.o: tests/support/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -Itests -c -o $@ $<

# Benchmark programs that use samskab's own code, built by bench/*/run
# (bench/NAME/NAME_bench.c share bench/bench.h).
$(BUILD)/bench/%: bench/%.c $(wildcard bench/*.h bench/*/*.h) $(LIB) $(BUILD)/gen/msg.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CFLAGS) -I. $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/replay/%: fuzz/%_fuzz.c fuzz/replay.c $(wildcard fuzz/*.h) $(LIB) $(BUILD)/gen/msg.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< fuzz/replay.c $(LIB) $(LDLIBS)

# The crash test: a test program on tests/support, but not a *_test.c,
# so make check leaves it out.
CRASH_BIN := $(BUILD)/tests/crash/crash
$(CRASH_BIN): tests/crash/crash.c $(SUPPORT_OBJ) $(LIB) $(BUILD)/gen/msg.h
	@mkdir -p $(@D)
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -Itests $(LDFLAGS) -o $@ $< \
		$(SUPPORT_OBJ) $(LIB) $(LDLIBS) $(shell pkg-config --libs $(TEST_PKGS))

test: $(BIN) $(TEST_BIN) $(REPLAY_BIN)


bench-programs: $(BIN) $(BENCH_BIN)

deps:
	@scripts/deps build

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@mkdir -p var
	@if [ ! -f var/samskab.db ]; then \
		$(BIN) migrate --db var/samskab.db && $(BIN) demo --db var/samskab.db; \
	else \
		$(BIN) migrate --db var/samskab.db; \
	fi
	$(BIN) serve --db var/samskab.db --listen 127.0.0.1:8080

layers:
	@scripts/layers src

# The layers first: an include out of its layer fails like a build error,
# naming the file and line, before any suite runs.
check:
	@scripts/deps check
	@scripts/layers src
	@scripts/check

bench:
	@scripts/deps bench
	@scripts/bench

load:
	@scripts/deps bench
	@$(MAKE) --no-print-directory $(BIN)
	@tests/load/run

FUZZ_SECONDS ?= 300
fuzz:
	@scripts/deps fuzz
	@fuzz/run $(FUZZ_SECONDS)

CRASH_TRIALS ?= 20
crashtest:
	@scripts/deps check
	@$(MAKE) -s --no-print-directory $(BIN) $(CRASH_BIN)
	@SAMSKAB_BIN=$(BIN) $(CRASH_BIN) $(CRASH_TRIALS)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
