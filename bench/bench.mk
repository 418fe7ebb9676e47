# Benchmark targets (issue #7), included at the end of the Makefile. See docs/performance.md.

.PHONY: bench bench-peers

# The binary bench/run.py measures; `make bench BENCH_POCLINT=...` to measure another build.
BENCH_POCLINT ?= .build/release/poclint
# Extra arguments for bench/run.py, e.g. BENCH_ARGS="--only corpus,latency --no-docs".
BENCH_ARGS ?=

## bench: poclint against the cmark-gfm parse+walk floor: throughput, memory, latency, scaling,
## adversarial inputs, LSP re-lint, and peers when installed; prints the table, writes
## bench-results/results.json and docs/performance.md. Missed goals do not fail; crashes do.
bench: release deps
	POCLINT=$(BENCH_POCLINT) $(PYTHON) bench/run.py $(BENCH_ARGS)

## bench-peers: install pymarkdownlnt and proselint into .venv and Debian's ruby-mdl, then time
## them against the floor on the same files (the peers section of docs/performance.md)
bench-peers: release deps
	@test -x $(VENV)/bin/pip || $(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install -q pymarkdownlnt proselint
	@command -v mdl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ruby-mdl; }
	POCLINT=$(BENCH_POCLINT) $(PYTHON) bench/run.py --only peers --docs $(BENCH_ARGS)
