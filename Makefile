# relgraph - YAML actors and ties to Graphviz diagrams.
#
#   make            build ./relgraph
#   make demo       install what is missing, render the seed story
#   make check      install what is missing, run every test
#   make install    PREFIX (default /usr/local) and DESTDIR are honoured

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man/man1
SHARED  ?= ../shared

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = libgvc libcgraph yaml-0.1
PKG_CONFIG ?= pkg-config

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
RG_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
           $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
RG_LIBS  = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD   ?= build/sanitize
endif
BUILD   ?= build

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TESTS    = $(patsubst tests/%.c,$(BUILD)/%,$(wildcard tests/test_*.c))

# Debian packages relgraph needs to build, test and render with its font.
DEB_PKGS = gcc make pkg-config libgraphviz-dev libyaml-dev libcmocka-dev \
           fonts-dejavu-core libxml2-utils

# Every generated diagram in graphs/: input | options | outputs. One line
# is one run, so its outputs share one layout.
define GRAPHS
iran-us-talks-2007.yaml | | iran-us-talks-2007.svg iran-us-talks-2007.png iran-us-talks-2007.md
iran-us-talks-2007.yaml | --theme dark | iran-us-talks-2007-dark.png
iran-us-talks-2007.yaml | --theme mono | iran-us-talks-2007-mono.png
iran-us-talks-2007.yaml | --focus iran --kinds accuses,demands,supports,custody | iran-us-talks-2007-iran.svg iran-us-talks-2007-iran.png
iran-nuclear-deal-2013-2018.yaml | | iran-nuclear-deal-2013-2018.svg iran-nuclear-deal-2013-2018.png iran-nuclear-deal-2013-2018.md
iran-nuclear-deal-2013-2018.yaml | --as-of 2014-06-01 | iran-nuclear-deal-2013-2018-as-of-2014-06-01.png
iran-nuclear-deal-2013-2018.yaml | --as-of 2018-12-01 | iran-nuclear-deal-2013-2018-as-of-2018-12-01.png
endef
export GRAPHS

# Render the list into $(1).
render_graphs = printf '%s\n' "$$GRAPHS" | while IFS='|' read -r in opts outs; do \
	  set -- ; for o in $$outs; do set -- "$$@" -o $(1)/$$o; done; \
	  ./relgraph -q data/$$(echo $$in) $$opts "$$@" || exit 1; \
	done

.PHONY: all deps demo graphs check-graphs check test install uninstall clean

all: relgraph

$(BUILD)/%.o: src/%.c src/relgraph.h src/internal.h | $(BUILD)
	$(CC) $(RG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

relgraph: $(LIB_OBJ) $(BUILD)/main.o
	$(CC) $(LDFLAGS) -o $@ $^ $(RG_LIBS)

$(BUILD)/test_%: tests/test_%.c tests/testutil.h $(LIB_OBJ) | $(BUILD)
	$(CC) $(RG_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) \
	    $(LDFLAGS) $(RG_LIBS) $(TEST_LIBS)

# Installs missing Debian packages when run as root; otherwise says what
# to install and stops.
deps:
	@missing=""; \
	if command -v dpkg >/dev/null 2>&1; then \
	  for p in $(DEB_PKGS); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "relgraph: installing$$missing"; \
	      apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	        --no-install-recommends $$missing >/dev/null || exit 1; \
	    else \
	      echo "relgraph: missing packages; run:"; \
	      echo "  sudo apt-get install$$missing"; \
	      exit 1; \
	    fi; \
	  fi; \
	elif ! $(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null; then \
	  echo "relgraph: install Graphviz (libgvc, libcgraph), libyaml, cmocka,"; \
	  echo "  pkg-config and the DejaVu fonts with your package manager."; \
	  exit 1; \
	fi

demo: deps
	$(MAKE) relgraph
	./relgraph data/iran-us-talks-2007.yaml \
	    -o graphs/iran-us-talks-2007.svg -o graphs/iran-us-talks-2007.png

graphs: relgraph
	@$(call render_graphs,graphs)
	@echo "graphs/ regenerated"

# Fails, naming each stale file, when graphs/ is not what the data gives.
check-graphs: relgraph
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(call render_graphs,$$tmp) && stale=0 && \
	for f in $$(ls "$$tmp"); do \
	  if ! cmp -s "$$tmp/$$f" "graphs/$$f"; then \
	    echo "stale: graphs/$$f (run 'make graphs')"; stale=1; fi; \
	done; \
	for f in $$(ls graphs); do \
	  [ -e "$$tmp/$$f" ] || { echo "not generated: graphs/$$f"; stale=1; }; \
	done; \
	[ $$stale = 0 ] && echo "graphs/ is up to date"

check: deps
	$(MAKE) relgraph $(TESTS)
	$(MAKE) test

test: relgraph $(TESTS)
	@fail=0; for t in $(TESTS); do \
	  RELGRAPH=./relgraph SHARED=$(SHARED) $$t || fail=1; \
	done; \
	if [ $$fail = 0 ]; then echo "all test programs passed"; \
	else echo "some tests FAILED"; exit 1; fi

install: relgraph
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 relgraph $(DESTDIR)$(BINDIR)/relgraph
	install -m 644 relgraph.1 $(DESTDIR)$(MANDIR)/relgraph.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/relgraph $(DESTDIR)$(MANDIR)/relgraph.1

clean:
	rm -rf build relgraph
