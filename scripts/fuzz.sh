#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for N seconds (default 60): the manifest parser,
# then the reading of production artifact files, both seeded with the contract test assets.
# Crashes leave their input in build/fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target releasedesk_fuzz_manifest releasedesk_fuzz_production_artifact
mkdir -p build/fuzz/corpus build/fuzz/production-corpus build/fuzz/crashes
build/fuzz/tests/fuzz/releasedesk_fuzz_manifest -max_total_time="$seconds" -max_len=65536 -dict=tests/fuzz/manifest.dict \
  -artifact_prefix=build/fuzz/crashes/ build/fuzz/corpus tests/core/evidence/assets/manifests
build/fuzz/tests/fuzz/releasedesk_fuzz_production_artifact -max_total_time="$seconds" -max_len=65536 \
  -artifact_prefix=build/fuzz/crashes/ build/fuzz/production-corpus tests/core/evidence/assets/manifests
