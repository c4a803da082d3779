#!/usr/bin/env bash
# Fails when clang-tidy, with the repository's .clang-tidy, warns about a first-party source
# (core/, app/, ui/; tests are out of scope). Prints only the files that warn.
# Usage: scripts/run-clang-tidy.sh [FILE...]   (no arguments: every source; JOBS=n to override nproc)
set -euo pipefail
cd "$(dirname "$0")/.."

# clang-tidy takes each file's flags from build/dev's compile_commands.json; the autogen targets
# make moc's include folders exist, as in a real build.
cmake --preset dev >/dev/null
mapfile -t autogen < <(ninja -C build/dev -t targets all | sed -n 's/^\([A-Za-z0-9_.-]*_autogen\): .*/\1/p')
ninja -C build/dev "${autogen[@]}" >/dev/null

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'core/*.cpp' 'app/*.cpp' 'ui/*.cpp')
fi

# One clang-tidy per file, output kept whole per file so parallel runs do not interleave.
lint_one='out=$(clang-tidy -p build/dev --quiet --warnings-as-errors="*" "$1" 2>&1) && exit 0
printf "%s\n" "$out" | grep -v -e "warnings\? generated\.$" -e "^Suppressed [0-9]* warnings" -e "^Use -header-filter" -e "^[0-9]* warnings\? treated as errors$"
exit 1'
if printf '%s\0' "${files[@]}" | xargs -0 -n1 -P "${JOBS:-$(nproc)}" bash -c "$lint_one" lint; then
  echo "clang-tidy: ${#files[@]} files clean"
else
  echo "clang-tidy: warnings above (checks and options in .clang-tidy)" >&2
  exit 1
fi
