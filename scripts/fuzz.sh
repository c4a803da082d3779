#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan+UBSan) and runs each in turn, N
# seconds in all (default 60) split evenly between them, at least 5 s each. Each target starts
# from its committed seeds (tests/fuzz/corpus/<target>/ and the test assets named below) plus
# what earlier runs found (build/fuzz/corpus/<target>/). Prints executions and crashes per
# target and exits non-zero when any target crashed, hung (-timeout) or ran out of memory;
# the failing inputs are kept in build/fuzz/crashes/.
#
#   scripts/fuzz.sh 600            every target, 600 s in all
#   scripts/fuzz.sh 60 url         only the named targets
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-60}"
shift || true

# target name, then extra read-only seed folders (besides tests/fuzz/corpus/<target>).
targets=(
  "manifest tests/core/evidence/assets/manifests"
  "production_artifact tests/core/evidence/assets/manifests"
  "link_header"
  "github_json"
  "github_error"
  "graphql_answers"
  "file_contents"
  "url"
  "requirement_profile resources/profiles"
  "infra_parameters"
  "workflow_references resources/workflows"
  "workflow_lint resources/workflows"
  "committed_values"
  "value_format"
  "timeline_cache"
  "durations"
  "artifact_zip"
  "http1_codec"
)
if (($# > 0)); then
  selected=()
  for name in "$@"; do
    found=""
    for entry in "${targets[@]}"; do [[ "${entry%% *}" == "$name" ]] && found="$entry"; done
    [[ -n "$found" ]] || { echo "fuzz.sh: no target named '$name'" >&2; exit 2; }
    selected+=("$found")
  done
  targets=("${selected[@]}")
fi

per=$((total / ${#targets[@]}))
((per >= 5)) || per=5

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target releasedesk_fuzzers -j "${FUZZ_BUILD_JOBS:-2}"

bin=build/fuzz/tests/fuzz
mkdir -p build/fuzz/crashes build/fuzz/logs
# Leaks are bugs too, except in Qt's own one-time allocations (the HTTP codec target).
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1"

failed=0
rows=()
for entry in "${targets[@]}"; do
  read -r name seeds <<<"$entry"
  corpus=build/fuzz/corpus/$name
  log=build/fuzz/logs/$name.log
  mkdir -p "$corpus"
  [[ -d tests/fuzz/corpus/$name ]] && seeds="tests/fuzz/corpus/$name $seeds"
  dict=()
  [[ -f tests/fuzz/$name.dict ]] && dict=(-dict="tests/fuzz/$name.dict")
  # shellcheck disable=SC2086 # $seeds is a list of folders
  set +e
  "$bin/releasedesk_fuzz_$name" -max_total_time="$per" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="build/fuzz/crashes/$name-" \
    "$corpus" $seeds >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=0
  if ((status != 0)); then
    crashes=1
    failed=1
    echo "== $name failed (exit $status); the end of $log:" >&2
    tail -n 40 "$log" >&2
  fi
  rows+=("$(printf '%-22s %6ss %12s %8s' "$name" "$per" "${runs:-?}" "$crashes")")
done

printf '%-22s %7s %12s %8s\n' target time executions crashes
printf '%s\n' "${rows[@]}"
if ((failed)); then
  echo "fuzz.sh: a target crashed; inputs are in build/fuzz/crashes/ (rerun one: $bin/releasedesk_fuzz_<target> <file>)" >&2
fi
exit "$failed"
