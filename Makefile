# relgraph - YAML actors and ties to Graphviz diagrams.
#
#   make            build ./relgraph
#   make demo       install what is missing, render the seed story
#   make check      install what is missing, run every test
#                   (SANITIZE=1: built with AddressSanitizer and UBSan)
#   make leakcheck  the tests, and relgraph on the data files, under valgrind
#   make install    PREFIX (default /usr/local) and DESTDIR are honoured

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
MAN5DIR ?= $(PREFIX)/share/man/man5
DATADIR ?= $(PREFIX)/share
SHARED  ?= ../shared
# Where the pinned fonts are (relgraph(5), FONTS): Debian's font tree.
FONTDIR ?= /usr/share/fonts

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = libgvc libcgraph yaml-0.1 fontconfig fribidi
PKG_CONFIG ?= pkg-config

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
RG_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
           -DRG_FONTDIR='"$(FONTDIR)"' \
           $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
RG_LIBS  = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -lm
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD   ?= build/sanitize
# For the test programs and the binary they run: leaks inside Graphviz and
# the libraries it loads are suppressed (tests/lsan.supp), relgraph's never.
TEST_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
endif
BUILD   ?= build

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TESTS    = $(patsubst tests/%.c,$(BUILD)/%,$(wildcard tests/test_*.c))

# Debian packages relgraph needs to build, test and render with its font.
DEB_PKGS = gcc make pkg-config libgraphviz-dev libyaml-dev libcsv-dev libcmocka-dev \
           libfontconfig-dev libfribidi-dev fonts-dejavu-core fonts-noto-cjk \
           libxml2-utils python3-jsonschema python3-yaml mandoc poppler-utils \
           python3-networkx pandoc
# The browser the interactive page is tested in (tests/viewer.py), and
# the screenshot of it in graphs/ taken with.
BROWSER_PKGS = chromium chromium-driver python3-selenium
# Debian's python3, which has the python3-* packages above.
PYTHON3 = $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)

# $(call apt_install,WHO,PACKAGES): the shell commands that install the
# Debian PACKAGES not installed yet, when run as root; otherwise they print
# the `sudo apt-get install` line and fail. WHO starts the messages. Where
# there is no dpkg they do nothing: the caller checks what it needs.
apt_install = if command -v dpkg >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(2); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "$(1): installing$$missing"; \
	      apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	        --no-install-recommends $$missing >/dev/null || exit 1; \
	    else \
	      echo "$(1): missing packages; run:"; \
	      echo "  sudo apt-get install$$missing"; \
	      exit 1; \
	    fi; \
	  fi; \
	fi

# Every generated diagram in graphs/: input | options | outputs. One line
# is one run, so its outputs share one layout.
define GRAPHS
iran-us-talks-2007.yaml | --page A4 | iran-us-talks-2007.svg iran-us-talks-2007.png iran-us-talks-2007.md iran-us-talks-2007.html
iran-us-talks-2007.yaml | --page A3 | iran-us-talks-2007-a3.png
iran-us-talks-2007.yaml | --page A4 --theme dark | iran-us-talks-2007-dark.png
iran-us-talks-2007.yaml | --page A4 --theme mono | iran-us-talks-2007-mono.png
iran-us-talks-2007.yaml | --page A4 --focus iran --kinds accuses,demands,supports,custody | iran-us-talks-2007-iran.svg iran-us-talks-2007-iran.png
iran-nuclear-deal-2013-2018.yaml | --page A4 | iran-nuclear-deal-2013-2018.svg iran-nuclear-deal-2013-2018.png iran-nuclear-deal-2013-2018.md
iran-nuclear-deal-2013-2018.yaml | --page A4 --as-of 2014-06-01 | iran-nuclear-deal-2013-2018-as-of-2014-06-01.png
iran-nuclear-deal-2013-2018.yaml | --page A4 --as-of 2018-12-01 | iran-nuclear-deal-2013-2018-as-of-2018-12-01.png
iran-deal-in-their-own-scripts.yaml | --page A4 | iran-deal-in-their-own-scripts.png iran-deal-in-their-own-scripts.md
endef
export GRAPHS

# Screenshots of the interactive pages above, taken by `make screenshots`
# in headless Chromium: page (and the fragment it opens with) | window size
# | picture. Their pixels depend
# on the browser's version, so check-graphs lets them be.
define SCREENSHOTS
iran-us-talks-2007.html#actor-kazemi | 1400x900 | iran-us-talks-2007-viewer.png
endef
export SCREENSHOTS
SCREENSHOT_FILES = $(filter %.png,$(SCREENSHOTS))

# Render the list into $(1), then the sample report data/report.md with
# the pandoc filter into $(1)/report.html, its figures (the filter's
# cache, made anew) in $(1)/report-figures/: run from $(1), so that the
# HTML names them by relative paths, with the top of the tree as the
# resource path, where the report's images are.
render_graphs = printf '%s\n' "$$GRAPHS" | while IFS='|' read -r in opts outs; do \
	  set -- ; for o in $$outs; do set -- "$$@" -o $(1)/$$o; done; \
	  ./relgraph -q data/$$(echo $$in) $$opts "$$@" || exit 1; \
	done && \
	rm -rf $(1)/report-figures && \
	( cd $(1) && RELGRAPH= RELGRAPH_CACHE= pandoc --fail-if-warnings -s \
	    --resource-path=$(CURDIR) \
	    -L $(CURDIR)/share/relgraph/relgraph.lua -M relgraph-path=$(CURDIR)/relgraph \
	    -M relgraph-cache=report-figures $(CURDIR)/data/report.md -o report.html )

.PHONY: all deps browser-deps demo graphs screenshots check-graphs check test \
        leakcheck install uninstall clean FORCE

all: relgraph

$(BUILD)/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)
	$(CC) $(RG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

# Files embedded in the binary as C string literals: src/schema.json, the
# one copy of the JSON Schema, which src/schema.c includes (for --schema),
# and the HTML page's script and stylesheet, which src/html.c includes.
# Each line quoted, with \ " ? escaped. Always in build/, whatever
# $(BUILD) is: the bytes are the same.
EMBEDDED = build/schema.inc build/viewer-js.inc build/viewer-css.inc
build/schema.inc: src/schema.json
build/viewer-js.inc: src/viewer.js
build/viewer-css.inc: src/viewer.css
$(EMBEDDED):
	@mkdir -p build
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' \
	    -e 's/$$/\\n"/' $< >$@.tmp && mv $@.tmp $@
$(BUILD)/schema.o build/fuzz/obj/schema.o: build/schema.inc
$(BUILD)/html.o build/fuzz/obj/html.o: build/viewer-js.inc build/viewer-css.inc

$(BUILD)/relgraph: $(LIB_OBJ) $(BUILD)/main.o
	$(CC) $(LDFLAGS) -o $@ $^ $(RG_LIBS)

# ./relgraph is the binary of the build asked for, plain or SANITIZE=1,
# even when the other one was linked later.
relgraph: $(BUILD)/relgraph FORCE
	@cmp -s $< $@ || cp $< $@

FORCE:

$(BUILD)/test_%: tests/test_%.c $(wildcard tests/*.h) $(LIB_OBJ) | $(BUILD)
	$(CC) $(RG_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) \
	    $(LDFLAGS) $(RG_LIBS) $(TEST_LIBS)

# The LD_PRELOAD shim tests/test_faults.c runs relgraph with; never built
# with the sanitizers, whose runtime it would have to come after.
$(BUILD)/faultinject.so: tests/faultinject.c | $(BUILD)
	$(CC) -O2 -g -Wall -Wextra -fPIC -shared -o $@ $< -ldl
$(BUILD)/test_faults: $(BUILD)/faultinject.so

# Installs missing Debian packages when run as root; otherwise says what
# to install and stops.
deps:
	@$(call apt_install,relgraph,$(DEB_PKGS))
	@command -v dpkg >/dev/null 2>&1 || $(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null || { \
	  echo "relgraph: install Graphviz (libgvc, libcgraph), libyaml, libcsv, cmocka,"; \
	  echo "  fontconfig, fribidi, pkg-config and the DejaVu and Noto CJK fonts"; \
	  echo "  with your package manager (and set FONTDIR to where the fonts are)."; \
	  exit 1; }

# The browser for the page's tests, installed as deps installs the rest;
# where it cannot be, those tests say so and are skipped.
browser-deps:
	@( $(call apt_install,relgraph,$(BROWSER_PKGS)) ) || \
	  echo "relgraph: without chromium, chromium-driver and python3-selenium" \
	       "the tests of the HTML page will be skipped"

demo: deps
	$(MAKE) relgraph
	./relgraph data/iran-us-talks-2007.yaml \
	    -o graphs/iran-us-talks-2007.svg -o graphs/iran-us-talks-2007.png

graphs: relgraph
	@$(call render_graphs,graphs)
	@echo "graphs/ regenerated"

screenshots: relgraph browser-deps
	@printf '%s\n' "$$SCREENSHOTS" | while IFS='|' read -r page size shot; do \
	  $(PYTHON3) tests/screenshot.py graphs/$$(echo $$page) $$(echo $$size) \
	      graphs/$$(echo $$shot) || exit 1; \
	done

# Fails, naming each stale file, when graphs/ is not what the data gives.
check-graphs: relgraph
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ $(call render_graphs,$$tmp) || \
	  { echo "check-graphs: relgraph failed on the data; graphs/ not checked"; exit 1; }; } && \
	stale=0 && \
	for f in $$(cd "$$tmp" && find . -type f | sed 's|^\./||' | sort); do \
	  if ! cmp -s "$$tmp/$$f" "graphs/$$f"; then \
	    echo "stale: graphs/$$f (run 'make graphs')"; stale=1; fi; \
	done; \
	for f in $$(cd graphs && find . -type f | sed 's|^\./||' | sort); do \
	  case " $(SCREENSHOT_FILES) " in *" $$f "*) continue;; esac; \
	  [ -e "$$tmp/$$f" ] || { echo "not generated: graphs/$$f"; stale=1; }; \
	done; \
	[ $$stale = 0 ] && echo "graphs/ is up to date"

check: deps browser-deps
	$(MAKE) relgraph $(TESTS) $(YLS)
	$(MAKE) test

# yaml-language-server, from npm (test_yls drives it): into build/yls/,
# once. Installs node and npm first when run as root on Debian, as `make
# deps` does; otherwise says what to install and stops.
YLS_VERSION = 1.19.2
YLS = build/yls/node_modules/yaml-language-server/bin/yaml-language-server
$(YLS):
	@command -v npm >/dev/null 2>&1 || { $(call apt_install,yaml-language-server,nodejs npm); }
	@command -v npm >/dev/null 2>&1 || { echo "yaml-language-server: needs node and npm"; exit 1; }
	npm install --prefix build/yls --no-audit --no-fund --loglevel=error \
	    yaml-language-server@$(YLS_VERSION)
	@touch $@

test: relgraph $(TESTS) $(YLS)
	@fail=0; for t in $(TESTS); do \
	  RELGRAPH=./relgraph SHARED=$(SHARED) FAULTINJECT=$(BUILD)/faultinject.so \
	    YLS=$(YLS) PYTHON=$(PYTHON3) $(TEST_ENV) $$t || fail=1; \
	done; \
	if [ $$fail = 0 ]; then echo "all test programs passed"; \
	else echo "some tests FAILED"; exit 1; fi

# Every test program, and relgraph on every data file in every format,
# under valgrind: a memory error or a definite leak fails (exit status 9),
# but for the leaks of Graphviz itself and of the libraries it loads,
# listed with their reasons in tests/valgrind.supp (Graphviz's by function,
# found deep in the stack: hence --num-callers). The plain build: valgrind
# and the sanitizers do not mix. Installs valgrind when run as root on
# Debian, as `make deps` does; otherwise says what to install and stops.
LEAK_PKGS = valgrind
VALGRIND = valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
           --show-leak-kinds=definite --num-callers=500 \
           --error-exitcode=9 --suppressions=tests/valgrind.supp \
           --child-silent-after-fork=yes

leakcheck: deps
	@[ "$(SANITIZE)" != 1 ] || { echo "leakcheck: run it without SANITIZE=1"; exit 1; }
	@$(call apt_install,leakcheck,$(LEAK_PKGS))
	@command -v valgrind >/dev/null 2>&1 || { echo "leakcheck: needs valgrind"; exit 1; }
	@$(MAKE) --no-print-directory $(BUILD)/relgraph $(TESTS) $(YLS)
	@fail=0; tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT; \
	for t in $(TESTS); do \
	  echo "leakcheck: $$t"; \
	  RELGRAPH=$(BUILD)/relgraph SHARED=$(SHARED) YLS=$(YLS) \
	    FAULTINJECT=$(BUILD)/faultinject.so $(VALGRIND) $$t || fail=1; \
	done; \
	for f in data/*.yaml tests/data/*.yaml tests/data/*/*.yaml; do \
	  [ -f "$$f" ] || continue; \
	  $(VALGRIND) $(BUILD)/relgraph -q "$$f" -o $$tmp/o.svg -o $$tmp/o.png \
	    -o $$tmp/o.pdf -o $$tmp/o.dot -o $$tmp/o.json -o $$tmp/o.md \
	    -o $$tmp/o.html 2>$$tmp/err; \
	  st=$$?; \
	  if [ $$st != 0 ] && [ $$st != 1 ]; then \
	    cat $$tmp/err; echo "leakcheck: relgraph $$f: exit status $$st"; fail=1; \
	  fi; \
	done; \
	if [ $$fail = 0 ]; then echo "leakcheck: no leaks"; \
	else echo "leakcheck: FAILED"; exit 1; fi

install: relgraph
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(MAN5DIR) \
	    $(DESTDIR)$(DATADIR)/relgraph
	install -m 755 relgraph $(DESTDIR)$(BINDIR)/relgraph
	install -m 644 relgraph.1 $(DESTDIR)$(MANDIR)/relgraph.1
	install -m 644 relgraph.5 $(DESTDIR)$(MAN5DIR)/relgraph.5
	install -m 644 src/schema.json $(DESTDIR)$(DATADIR)/relgraph/relgraph.schema.json
	install -m 644 share/relgraph/relgraph.lua $(DESTDIR)$(DATADIR)/relgraph/relgraph.lua

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/relgraph $(DESTDIR)$(MANDIR)/relgraph.1 \
	    $(DESTDIR)$(MAN5DIR)/relgraph.5 \
	    $(DESTDIR)$(DATADIR)/relgraph/relgraph.schema.json \
	    $(DESTDIR)$(DATADIR)/relgraph/relgraph.lua
	rmdir $(DESTDIR)$(DATADIR)/relgraph 2>/dev/null || true

clean:
	rm -rf build relgraph

# ---- fuzz: libFuzzer targets in tests/fuzz/ ---------------------------------
#   make fuzz                                every target, FUZZ_SECONDS each
#   make fuzz FUZZ_SECONDS=300 FUZZ_TARGETS=fuzz_load
#   make fuzz-ci                             what CI runs: every target of
#                                            FUZZ_TARGETS for FUZZ_CI_SECONDS,
#                                            from the committed seeds only
# Needs clang and its libFuzzer runtime (Debian: clang libclang-rt-14-dev),
# which it installs when run as root on Debian, as `make deps` does for the
# rest; otherwise it says what to install and stops.
# Binaries, corpora (seeded from data/, tests/data/ and its subdirectories,
# tests/fuzz/regressions/, tests/fuzz/corpus/ (its files for every target,
# its subdirectory TARGET/ for that one) and $(SHARED)/yaml-test-suite), logs and
# crash/leak/timeout artifacts all go to build/fuzz/. Fails when libFuzzer
# finds anything. `make fuzz-merge` shrinks the corpora (see tests/fuzz/).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz_load fuzz_pipeline fuzz_import fuzz_html
FUZZ_DIR      = build/fuzz
FUZZ_CFLAGS   = -g -O1 -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ      = $(LIB_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_OPTS     = -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/relgraph.dict \
                -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
# The pipeline forks a layout per input: small inputs, no libFuzzer forks,
# and reports kept off fd 2, which render.c redirects while Graphviz runs.
FUZZ_OPTS_fuzz_load     = -max_len=65536
FUZZ_OPTS_fuzz_pipeline = -max_len=8192 -fork=0 -close_fd_mask=2
FUZZ_OPTS_fuzz_import   = -max_len=16384
FUZZ_OPTS_fuzz_html     = $(FUZZ_OPTS_fuzz_pipeline)
FUZZ_ENV      = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
                LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

FUZZ_PKGS     = clang libclang-rt-14-dev

.PHONY: fuzz fuzz-ci fuzz-deps fuzz-build fuzz-corpus fuzz-merge $(FUZZ_TARGETS:%=fuzz-run-%)
.SECONDARY: $(FUZZ_OBJ)

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

# As OSS-Fuzz's CIFuzz runs a project's fuzzers on every change (cmark's,
# for one): each target of FUZZ_TARGETS, one after the other, for a short
# fixed time, from a corpus made afresh from the committed seeds, so that
# a new parser path is fuzzed the day it lands and a run depends on the
# commit alone. Fails on any finding; the artifacts are in build/fuzz/.
fuzz-ci:
	rm -rf $(FUZZ_TARGETS:%=$(FUZZ_DIR)/corpus-%)
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CI_SECONDS) \
	    FUZZ_TARGETS="$(FUZZ_TARGETS)"

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

# The packages are Debian's for its default clang; another FUZZ_CC is
# only looked for.
fuzz-deps: deps
	@if [ "$(FUZZ_CC)" = clang ]; then $(call apt_install,fuzz,$(FUZZ_PKGS)); fi
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "fuzz: needs $(FUZZ_CC) with libFuzzer (-fsanitize=fuzzer)"; exit 1; }

# After the ordinary objects, so that whatever they generate into $(BUILD)
# (schema.inc) is there for these too.
$(FUZZ_DIR)/obj/%.o: src/%.c $(wildcard src/*.h) | fuzz-deps $(LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(RG_CFLAGS) $(FUZZ_CFLAGS) -I$(BUILD) -c -o $@ $<


$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) $(wildcard src/*.h tests/fuzz/*.h) | fuzz-deps
	$(FUZZ_CC) $(RG_CFLAGS) $(FUZZ_CFLAGS) -Isrc -o $@ $< $(FUZZ_OBJ) $(RG_LIBS)

fuzz-corpus:
	@for t in $(FUZZ_TARGETS); do \
	  c=$(FUZZ_DIR)/corpus-$$t; mkdir -p $$c || exit 1; \
	  for f in data/*.yaml; do cp $$f $$c/data-$${f##*/}; done; \
	  for f in tests/data/*.yaml tests/data/*/*.yaml; do \
	    [ -f $$f ] && cp $$f $$c/tests-$$(echo $${f#tests/data/} | tr / -); \
	  done; \
	  for f in tests/fuzz/regressions/*; do \
	    case $$f in *README*) ;; *) [ -f $$f ] && cp $$f $$c/reg-$${f##*/};; esac; \
	  done; \
	  for f in tests/fuzz/corpus/* tests/fuzz/corpus/$$t/*; do \
	    [ -f $$f ] && cp $$f $$c/seed-$$(echo $${f#tests/fuzz/corpus/} | tr / -); \
	  done; \
	  if [ -d $(SHARED)/yaml-test-suite ]; then \
	    for f in $(SHARED)/yaml-test-suite/*/in.yaml; do \
	      d=$${f%/in.yaml}; cp $$f $$c/yts-$${d##*/}.yaml; done; \
	  fi; \
	done
	@# fuzz_pipeline and fuzz_html write a file from the choices in an input
	@# that starts with a byte 1-8: seeds of that kind, the choices taken
	@# from a file.
	@for t in fuzz_pipeline fuzz_html; do \
	  case " $(FUZZ_TARGETS) " in *" $$t "*) \
	    for i in 1 2 3 4 5 6 7 8; do \
	      { printf "\\00$$i"; tail -c +$$((i * 211)) data/every-feature.yaml | \
	        head -c 400; } >$(FUZZ_DIR)/corpus-$$t/made-$$i; \
	    done;; esac; \
	done
	@# fuzz_import reads a flags byte, then a sheet (or two, split at 0x1E):
	@# the sheets of tests/data/import/, each alone and in pairs.
	@case " $(FUZZ_TARGETS) " in *" fuzz_import "*) \
	  c=$(FUZZ_DIR)/corpus-fuzz_import; \
	  for f in tests/data/import/*.csv tests/data/import/*.tsv; do \
	    case $$f in *.tsv) t=1;; *) t=0;; esac; \
	    { printf "\\00$$t"; cat $$f; } >$$c/sheet-$${f##*/}; \
	  done; \
	  { printf '\002'; cat tests/data/import/kumu-elements.csv; printf '\036'; \
	    cat tests/data/import/kumu-connections.csv; } >$$c/pair-kumu; \
	  { printf '\003'; cat tests/data/import/actors.tsv; printf '\036'; \
	    cat tests/data/import/ties.tsv; } >$$c/pair-tsv;; esac
	@[ -d $(SHARED)/yaml-test-suite ] || echo "fuzz: NOTE: $(SHARED)/yaml-test-suite" \
	  "not found; seeding from data/, tests/data/ and tests/fuzz/regressions/ only"

# Every run starts by running its whole corpus again, which grows: this
# keeps only the inputs that add coverage (libFuzzer's -merge=1).
fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  c=$(FUZZ_DIR)/corpus-$$t; [ -d $$c ] || continue; \
	  rm -rf $$c.min && mkdir -p $$c.min && \
	  $(FUZZ_ENV) $(FUZZ_DIR)/$$t -merge=1 -timeout=10 -rss_limit_mb=2048 \
	    -close_fd_mask=2 $$c.min $$c >$(FUZZ_DIR)/$$t-merge.log 2>&1 || \
	    { echo "fuzz: merging $$c failed; see $(FUZZ_DIR)/$$t-merge.log"; exit 1; }; \
	  echo "fuzz: $$c: $$(ls $$c | wc -l) inputs, $$(ls $$c.min | wc -l) kept"; \
	  rm -rf $$c && mv $$c.min $$c; \
	done

# Runs one target; its log is $(FUZZ_DIR)/TARGET.log, and each run's count
# of executions is added to $(FUZZ_DIR)/runs.log.
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_DIR)/% fuzz-corpus
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$*.log)"
	@{ $(FUZZ_ENV) $(FUZZ_DIR)/$* $(FUZZ_OPTS) $(FUZZ_OPTS_$*) \
	    -artifact_prefix=$(FUZZ_DIR)/$*- $(FUZZ_DIR)/corpus-$*; \
	  echo $$? >$(FUZZ_DIR)/$*.status; } 2>&1 | tee $(FUZZ_DIR)/$*.log; \
	st=$$(cat $(FUZZ_DIR)/$*.status); \
	n=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$*.log); \
	if [ "$$st" = 0 ]; then \
	  echo "$$(date -u +%FT%TZ) $* $(FUZZ_SECONDS)s $${n:-?} executions clean" \
	    >>$(FUZZ_DIR)/runs.log; \
	  echo "fuzz: $*: $${n:-?} executions, nothing found"; \
	else \
	  echo "fuzz: $*: FAILED (exit $$st); see $(FUZZ_DIR)/$*.log and" \
	    "the $(FUZZ_DIR)/$*-* artifacts"; exit 1; \
	fi

# ---- bench: relgraph against the engine alone, libyaml and Python ----------
#   make bench                     bench/run.sh; report in build/bench/report.md
#   make bench BENCH_ARGS=--quick  one run of each, no 20,000-actor render
# Installs what the benchmark needs besides relgraph's own packages when
# run as root (the dot and sfdp binaries, PyYAML with its C loader,
# GNU time, valgrind for the split of one run by stage); otherwise says
# what to install and stops.
BENCH_PKGS = graphviz python3-yaml time valgrind

.PHONY: bench bench-deps

bench: bench-deps
	$(MAKE) relgraph build/bench/yamlloop
	bench/run.sh $(BENCH_ARGS)

bench-deps: deps browser-deps
	@$(call apt_install,bench,$(BENCH_PKGS))

build/bench/yamlloop: bench/yamlloop.c
	@mkdir -p build/bench
	$(CC) -O2 -g -Wall -Wextra $(shell $(PKG_CONFIG) --cflags yaml-0.1) \
	    -o $@ $< $(shell $(PKG_CONFIG) --libs yaml-0.1)
