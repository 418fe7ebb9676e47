# poclint: the two commands a newcomer needs are `make demo` and `make test`.
# Both install what they need (cmark-gfm from Debian) on a fresh machine.

SWIFT      ?= swift
PREFIX     ?= /usr/local
PYTHON     ?= python3
BUILD_FLAGS ?=
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
POCLINT    := .build/debug/poclint

.PHONY: all deps embed build release test test-swift test-python venv demo install bench clean fuzz test-asan

all: build

## deps: install cmark-gfm, its GFM extensions and mimalloc when they are missing
deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -e /usr/include/cmark-gfm-core-extensions.h ] || [ ! -e /usr/include/mimalloc.h ]; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

## embed: regenerate the Swift file that embeds rules/*.yml in the binary
embed:
	@$(PYTHON) -c "import yaml" 2>/dev/null || $(PYTHON) -m pip install -q pyyaml
	@$(PYTHON) scripts/embed-rules.py

build: deps embed
	$(SWIFT) build $(BUILD_FLAGS)

release: deps embed
	$(SWIFT) build -c release --static-swift-stdlib $(BUILD_FLAGS)

## test: every test (Swift unit, rule examples, fixtures, CLI; Python end-to-end: LSP, SARIF, pre-commit)
test: build test-swift test-python

test-swift:
	$(SWIFT) test $(BUILD_FLAGS)

## venv: a local virtual environment with the Python test tools (pytest-lsp, jsonschema, sarif-tools, pre-commit)
VENV := .venv
$(VENV)/.installed: Tests/python/requirements.txt
	@$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install -q -r Tests/python/requirements.txt
	@touch $@
venv: $(VENV)/.installed

test-python: build venv
	cd Tests/python && POCLINT=$(CURDIR)/$(POCLINT) $(CURDIR)/$(VENV)/bin/pytest -q

## demo: lint the example applications shipped in fixtures/
demo: build
	@echo "== An excellent application: no findings"
	$(POCLINT) lint fixtures/excellent-claims-drafting.md
	@echo
	@echo "== A draft that is missing two components (shown, not failed: --fail-on never)"
	$(POCLINT) lint --fail-on never fixtures/missing-evaluation-and-timeline.md
	@echo
	@echo "== One document with both applications: the POC and the Generative AI Accelerator application, compared"
	$(POCLINT) lint --fail-on never fixtures/accelerator/combined-hvac-field-service.md

## test-browser: install Debian's chromium when it is missing, then check `poclint report` in headless Chromium
.PHONY: test-browser
test-browser: build venv
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	cd Tests/python && POCLINT=$(CURDIR)/$(POCLINT) POCLINT_REQUIRE_BROWSER=1 $(CURDIR)/$(VENV)/bin/pytest -q test_report_browser.py

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/poclint $(DESTDIR)$(PREFIX)/bin/poclint

## fuzz: build the libFuzzer target (ASan) and fuzz the whole pipeline for FUZZ_SECONDS (default 60)
FUZZ_SECONDS ?= 60
fuzz: deps embed
	SWIFT=$(SWIFT) PYTHON=$(PYTHON) SCRATCH=.build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/fuzz.sh

## test-asan: the Swift test suite under AddressSanitizer and LeakSanitizer (scratch .build-asan)
test-asan: deps embed
	POCLINT_SYSTEM_MALLOC=1 ASAN_OPTIONS=detect_leaks=1:$(ASAN_OPTIONS) LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0:$(LSAN_OPTIONS) \
		$(SWIFT) test --scratch-path .build-asan -Xswiftc -sanitize=address $(BUILD_FLAGS)

clean:
	rm -rf .build

include bench/bench.mk
