# cchc: plain Makefile.  `make run` and `make check` are the quick start.
VERSION		= 0.1.0

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
MANPREFIX	?= $(PREFIX)/share/man
DATADIR		?= $(PREFIX)/share/cchc
PKGLIBDIR	?= $(PREFIX)/lib/cchc
LOCALEDIR	?= $(PREFIX)/share/locale
DESTDIR		?=

CC		?= cc
CFLAGS		?= -O2 -g
WARN		= -Wall -Wextra -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wwrite-strings -Wformat=2
PKGS		= ncursesw formw menuw panelw libconfig sqlite3 icu-uc icu-i18n nettle
# The XLSX and PDF writers' libraries: only the module cchc-out.so links
# them (src/report-out.c loads it when one of them is needed).
OUT_PKGS	= xlsxwriter pangocairo cairo-pdf fontconfig
# The engine's unit tests link only these: no curses, no SQLite.
ENGINE_PKGS	= libconfig icu-uc icu-i18n
TEST_PKGS	= cmocka

BUILD		= build
ifeq ($(SANITIZE),1)
BUILD		= build-san
SANFLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=all
endif

# pkg-config runs once, when first needed (after `deps` has installed it).
PKG_CFLAGS	= $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(OUT_PKGS)))$(PKG_CFLAGS)
PKG_LIBS	= $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
OUT_LIBS	= $(eval OUT_LIBS := $(shell pkg-config --libs $(OUT_PKGS)))$(OUT_LIBS)
TEST_CFLAGS	= $(eval TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS)))$(TEST_CFLAGS)
TEST_LIBS	= $(eval TEST_LIBS := $(shell pkg-config --libs $(TEST_PKGS)))$(TEST_LIBS)
ENGINE_LIBS	= $(eval ENGINE_LIBS := $(shell pkg-config --libs $(ENGINE_PKGS)))$(ENGINE_LIBS)

ALL_CFLAGS	= -std=c11 $(WARN) $(WERROR) $(SANFLAGS) $(PKG_CFLAGS) \
		  -MMD -MP $(CFLAGS)
ALL_LDFLAGS	= $(SANFLAGS) $(LDFLAGS)

# The pure engine, then the modules that touch libraries or files.
ENGINE		= util expr form form-pack score text entry
LIB		= $(ENGINE) formload formload-form formload-item formload-agencies \
		  store store-audit store-bulk store-verify store-ventries store-data store-entry \
		  store-total store-settings store-sql store-backup store-scope store-amend \
		  app-year app-load app-rank app-edit app-flow app-scope app-amend app-amend-list app-settings app-live app-anchor app-work \
		  report report-doc report-annex report-sheet report-areas \
		  report-text report-out
# The module cchc-out.so: position-independent objects of their own.
OUT		= report-xlsx report-pdf report-module
OUT_OBJS	= $(OUT:%=$(BUILD)/pic/%.o)
OUT_MODULE	= $(BUILD)/cchc-out.so
CMDS		= cmd cmd-env cmd-check-forms cmd-init cmd-import cmd-export cmd-set \
		  cmd-deduct cmd-province cmd-report cmd-state cmd-backup cmd-template \
		  cmd-verify cmd-anchor cmd-year cmd-print cmd-tui ui ui-draw ui-edit ui-keys screen-years \
		  screen-agencies screen-walk screen-item screen-item-draw \
		  screen-item-save screen-deduct screen-ranking screen-compare \
		  screen-help screen-flow screen-settings screen-print screen-work
LIB_OBJS	= $(LIB:%=$(BUILD)/%.o)
ENGINE_OBJS	= $(ENGINE:%=$(BUILD)/%.o)
CMD_OBJS	= $(CMDS:%=$(BUILD)/%.o)
UNIT_TESTS	= test-util test-expr test-form test-score test-text test-formload \
		  test-entry test-app test-store
UNIT_BINS	= $(UNIT_TESTS:%=$(BUILD)/tests/%)
# The fuzzing harnesses (tests/fuzz/fuzz-*.c).  make check links each with
# replay.c (gcc, no libFuzzer) and runs it on its seeds and past
# findings; make fuzz builds them with clang and libFuzzer under ASan and
# UBSan into build/fuzz/ and runs each for FUZZ_SECONDS.
FUZZ_TARGETS	= expr parse formload import
FUZZ_SECONDS	?= 60
FUZZ_SANFLAGS	= -fsanitize=fuzzer-no-link,address,undefined \
		  -fno-sanitize-recover=all -fno-omit-frame-pointer
REPLAY_BINS	= $(FUZZ_TARGETS:%=$(BUILD)/tests/replay-%)
FUZZ_BINS	= $(FUZZ_TARGETS:%=$(BUILD)/fuzz-%)
FUZZ_LOADER	= $(ENGINE_OBJS) $(BUILD)/formload.o $(BUILD)/formload-form.o \
		  $(BUILD)/formload-item.o $(BUILD)/formload-agencies.o
# The import harness includes src/cmd-import.c and runs it on a database.
FUZZ_APP	= $(LIB_OBJS) $(BUILD)/cmd.o $(BUILD)/cmd-env.o \
		  $(BUILD)/cmd-template.o

SCRIPT_TESTS	= tests/anchor.t tests/pack.t tests/verify.t tests/analogy.t tests/scope.t tests/amend.t tests/bulk.t tests/layering.t tests/check-forms.t tests/cli.t tests/cli-lang.t tests/store.t \
		  tests/bounds.t tests/totals.t tests/hardening.t tests/report.t \
		  tests/durability.t tests/tui.t tests/tui-work.t tests/tui-flow.t \
		  tests/tui-save.t tests/tui-read.t tests/tui-entry.t \
		  tests/i18n.t tests/man.t tests/install.t tests/regulation.t \
		  tests/report-lo.t tests/tui-print.t tests/report-agree.t \
		  tests/fuzz.t tests/bad-input.t tests/torture.t tests/agency-form.t \
		  tests/advisory.t tests/tui-forms.t tests/templates.t \
		  tests/tui-worklist.t
MANPAGES	= man/cchc.1 man/cchc.5

.PHONY: all deps run check check-run test-bins install uninstall clean bench \
	fuzz fuzz-bins torture FORCE

MO		= $(BUILD)/locale/vi/LC_MESSAGES/cchc.mo

all: cchc $(MO)

# The Vietnamese catalogue of the screens (English is in the source).
$(MO): src/vi.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ src/vi.po

cchc: $(BUILD)/cchc
	@if [ "$(BUILD)" = build ]; then cp $< $@.tmp && mv -f $@.tmp $@; fi

# The program exports to the module the few functions it calls
# (src/out.list); the module is built with it, so that every way of
# building the program builds both.
$(BUILD)/cchc: $(LIB_OBJS) $(CMD_OBJS) $(BUILD)/main.o $(OUT_MODULE) \
    src/out.list
	$(CC) $(ALL_LDFLAGS) -Wl,--dynamic-list=src/out.list -o $@ \
	    $(filter %.o,$^) $(PKG_LIBS) -lcsv -lm -ldl

$(OUT_MODULE): $(OUT_OBJS)
	$(CC) $(ALL_LDFLAGS) -shared -o $@ $^ $(OUT_LIBS)

$(BUILD)/pic/%.o: src/%.c | $(BUILD)/pic
	$(CC) $(ALL_CFLAGS) -fPIC -I$(BUILD) -c -o $@ $<

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -I$(BUILD) -c -o $@ $<

# The installed paths, rewritten only when PREFIX or the rest change, so
# that `make PREFIX=/opt/x install` rebuilds what depends on them.
$(BUILD)/paths.h: FORCE | $(BUILD)
	@printf '#define CCHC_VERSION "%s"\n#define CCHC_DATADIR "%s"\n#define CCHC_LOCALEDIR "%s"\n#define CCHC_LIBDIR "%s"\n' \
	    '$(VERSION)' '$(DATADIR)' '$(LOCALEDIR)' '$(PKGLIBDIR)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

$(BUILD)/main.o $(BUILD)/cmd-env.o $(BUILD)/ui.o $(BUILD)/report-out.o: \
    $(BUILD)/paths.h

# The module's mark: the version and a checksum of the headers, which
# the program and the module must share (report-out.c checks).
$(BUILD)/abi.h: $(wildcard src/*.h) | $(BUILD)
	@printf '#define REPORT_MODULE_ABI "%s %s"\n' '$(VERSION)' \
	    "$$(cat $(sort $(wildcard src/*.h)) | cksum | tr ' ' -)" >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

$(BUILD)/report-out.o $(BUILD)/pic/report-module.o: $(BUILD)/abi.h

FORCE:

# Keep the objects of the test programs (no "rm" after the tests).
.SECONDARY:

$(BUILD)/tests/%.o: tests/unit/%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Isrc -c -o $@ $<

# Engine tests link the engine and the form loader only, so a call from
# the engine into the store or the screens fails at link time.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(ENGINE_OBJS) $(BUILD)/formload.o \
    $(BUILD)/formload-form.o $(BUILD)/formload-item.o \
    $(BUILD)/formload-agencies.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(TEST_LIBS) $(ENGINE_LIBS) -lm

# The app's tests and the benchmark link everything below the command line.
$(BUILD)/tests/test-app $(BUILD)/tests/test-store \
    $(BUILD)/tests/bench-compute: $(BUILD)/tests/%: \
    $(BUILD)/tests/%.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(TEST_LIBS) $(PKG_LIBS) -lcsv -lm

# The store's test puts its own failing SQLite calls before the real ones.
$(BUILD)/tests/test-store: ALL_LDFLAGS += -Wl,--wrap=sqlite3_step \
	-Wl,--wrap=sqlite3_column_text -Wl,--wrap=sqlite3_bind_text \
	-Wl,--wrap=sqlite3_create_collation_v2 -Wl,--wrap=sqlite3_backup_step

$(BUILD) $(BUILD)/tests $(BUILD)/pic:
	mkdir -p $@

deps:
	@sh .ci/deps

DEMO_DB		= build/demo.db

# run: install what is missing, build, open the demo year (built once).
run: deps
	@$(MAKE) --no-print-directory cchc $(MO)
	@[ -f $(DEMO_DB) ] || sh data/demo/build ./cchc $(DEMO_DB)
	./cchc --db $(DEMO_DB)

# check: install what is missing, build with -Werror, run every test.
check: deps
	@$(MAKE) --no-print-directory WERROR=-Werror check-run

test-bins: $(BUILD)/cchc $(UNIT_BINS) $(REPLAY_BINS) $(MO)

check-run: test-bins
	@CCHC=$(CURDIR)/$(BUILD)/cchc BUILD=$(CURDIR)/$(BUILD) \
	    sh tests/run $(UNIT_BINS) $(SCRIPT_TESTS)

# The fuzzing harnesses' objects: see FUZZ_TARGETS.
$(BUILD)/tests/replay-expr $(BUILD)/tests/replay-parse $(BUILD)/fuzz-expr \
    $(BUILD)/fuzz-parse: $(ENGINE_OBJS)
$(BUILD)/tests/replay-formload $(BUILD)/fuzz-formload: $(FUZZ_LOADER)
$(BUILD)/tests/replay-import $(BUILD)/fuzz-import: $(FUZZ_APP)

$(BUILD)/tests/fuzz-%.o: tests/fuzz/fuzz-%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -DFUZZ_SRCDIR='"$(CURDIR)"' -c -o $@ $<

$(BUILD)/tests/replay.o: tests/fuzz/replay.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(REPLAY_BINS): $(BUILD)/tests/replay-%: $(BUILD)/tests/replay.o \
    $(BUILD)/tests/fuzz-common.o $(BUILD)/tests/fuzz-%.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcsv -lm

$(FUZZ_BINS): $(BUILD)/fuzz-%: $(BUILD)/tests/fuzz-common.o \
    $(BUILD)/tests/fuzz-%.o
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) -lcsv -lm

fuzz-bins: $(FUZZ_BINS)

# fuzz: build the harnesses with clang and run each for FUZZ_SECONDS
# (FUZZ_TARGETS for some of them); figures in tests/RELIABILITY.md.
fuzz: deps
	@sh .ci/deps --fuzz
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	    WERROR=-Werror SANFLAGS="$(FUZZ_SANFLAGS)" CFLAGS="-O1 -g" fuzz-bins
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run build/fuzz \
	    $(FUZZ_TARGETS)

# torture: TORTURE_TRIALS (200) kill -9 trials at random moments, each
# followed by the integrity, verify and nothing-lost checks; make check
# runs a sample of tests/torture.t.
TORTURE_TRIALS	?= 200
torture: deps
	@$(MAKE) --no-print-directory WERROR=-Werror $(BUILD)/cchc $(MO)
	@CCHC=$(CURDIR)/$(BUILD)/cchc BUILD=$(CURDIR)/$(BUILD) \
	    TORTURE_TRIALS=$(TORTURE_TRIALS) \
	    TORTURE_SUMMARY=$(CURDIR)/$(BUILD)/torture-summary.txt \
	    sh tests/run tests/torture.t; rc=$$?; \
	    cat $(BUILD)/torture-summary.txt 2>/dev/null; exit $$rc

# bench: measure and print figures (never fails on machine speed).
bench: deps
	@$(MAKE) --no-print-directory cchc $(BUILD)/tests/bench-compute \
	    $(BUILD)/tests/bench-time
	@BUILD=$(CURDIR)/$(BUILD) sh tests/bench/run

# The benchmark's timer runs commands: it links nothing of cchc.
$(BUILD)/tests/bench-time: $(BUILD)/tests/bench-time.o
	$(CC) $(ALL_LDFLAGS) -o $@ $<

$(BUILD)/tests/bench-%.o: tests/bench/bench-%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

install: $(BUILD)/cchc $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DATADIR)/forms \
	    $(DESTDIR)$(DATADIR)/data
	install -m 755 $(BUILD)/cchc $(DESTDIR)$(BINDIR)/cchc
	install -d $(DESTDIR)$(PKGLIBDIR)
	install -m 644 $(OUT_MODULE) $(DESTDIR)$(PKGLIBDIR)/cchc-out.so
	install -m 644 man/cchc.1 $(DESTDIR)$(MANPREFIX)/man1/cchc.1
	install -m 644 man/cchc.5 $(DESTDIR)$(MANPREFIX)/man5/cchc.5
	install -m 644 forms/*.cfg $(DESTDIR)$(DATADIR)/forms/
	install -m 644 data/*.cfg $(DESTDIR)$(DATADIR)/data/
	install -d $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/cchc.mo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cchc $(DESTDIR)$(MANPREFIX)/man1/cchc.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/cchc.5
	rm -f $(DESTDIR)$(PKGLIBDIR)/cchc-out.so \
	    $(addprefix $(DESTDIR)$(DATADIR)/,$(wildcard forms/*.cfg data/*.cfg))
	rmdir $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(DATADIR)/forms \
	    $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(DATADIR) 2>/dev/null || true
	rm -f $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/cchc.mo

clean:
	rm -rf build build-san cchc

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d $(BUILD)/pic/*.d)
