#!/bin/sh
# Builds the libFuzzer target (Sources/POCLintFuzz) with AddressSanitizer and runs it for
# FUZZ_SECONDS over the whole pipeline: bytes -> SourceDecoder -> document -> every rule ->
# every output format. Seeds: fuzz/seeds, fixtures/, fuzz/regressions and every 10th spec
# example of ../shared/corpus when it is there. New inputs go to $SCRATCH/corpus (kept between
# runs); a crash, a leak or a slow input (over FUZZ_TIMEOUT seconds) is written to
# $SCRATCH/artifacts/ and the run fails: copy it to fuzz/regressions/, fix, and the
# regression tests replay it from then on. FUZZ_CONFIG=debug builds without optimisation
# (slower; release keeps bounds, overflow and exclusivity checks).
set -eu
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_CONFIG=${FUZZ_CONFIG:-release}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-16384}
PYTHON=${PYTHON:-python3}
CORPUS=${CORPUS:-../shared/corpus}

"$SWIFT" build -c "$FUZZ_CONFIG" --scratch-path "$SCRATCH" --product POCLintFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DPOCLINT_FUZZ -Xlinker --export-dynamic

mkdir -p "$SCRATCH/corpus" "$SCRATCH/artifacts" "$SCRATCH/spec-seeds"
if [ -d "$CORPUS" ]; then
    "$PYTHON" fuzz/seed-spec-examples.py "$CORPUS" "$SCRATCH/spec-seeds" 10
fi

# The Swift runtime's backtracer would inspect the crashed process under ASan; libFuzzer and
# ASan report crashes themselves.
export SWIFT_BACKTRACE=enable=no
echo "fuzzing for $FUZZ_SECONDS s ($FUZZ_CONFIG build, $(date -u +%Y-%m-%dT%H:%M:%SZ))"
"$SCRATCH/$FUZZ_CONFIG/POCLintFuzz" \
    "$SCRATCH/corpus" fuzz/seeds fixtures fuzz/regressions "$SCRATCH/spec-seeds" \
    -dict=fuzz/markdown.dict \
    -max_total_time="$FUZZ_SECONDS" \
    -timeout="$FUZZ_TIMEOUT" \
    -max_len="$FUZZ_MAX_LEN" \
    -rss_limit_mb=4096 \
    -artifact_prefix="$SCRATCH/artifacts/" \
    -print_final_stats=1
