#!/usr/bin/env bash
# The desk's start to first full paint on its built-in sandbox, against a bare Qt Widgets window
# (issue #12, "Speed"): runs each program N times, alternating them, and prints the medians, their
# ratio, the CPU time each has used by then (steadier on a loaded machine) and the desk's peak RSS.
# For reference it also times the same window showing text (releasedesk_bare_window --with-text:
# a menu bar, 25 rows, a status bar message), which pays for fonts as the desk does; the target is
# against the empty one. Builds nothing.
#
#   tests/benchmarks/first_paint.sh [--check] [--runs N] [build-dir]
#
# build-dir defaults to build/release, else build/dev; it needs app/releasedesk and
# tests/benchmarks/releasedesk_bare_window (cmake --build --preset release --target releasedesk
# releasedesk_bare_window; the dev preset builds benchmarks only with
# -DRELEASEDESK_BUILD_BENCHMARKS=ON). Both programs print "first-paint-ms=N": milliseconds from the process
# start (/proc/self/stat) to the first paint, for the desk the first paint that shows the
# sandbox's candidates (RELEASEDESK_REPORT_FIRST_PAINT=1, app/gui/main.cpp). Every run is under
# one Xvfb (xvfb-run -a; QT_QPA_PLATFORM=offscreen when Xvfb is missing) and one D-Bus session
# bus when dbus-run-session exists, with empty XDG folders, so no setting of the user's counts.
# With --check it exits 1 when the ratio is above 1.5 or the peak RSS above 60 MiB.
set -euo pipefail

max_ratio=1.5
max_rss_kib=$((60 * 1024))
check=0
runs=15
build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --runs)
      runs="$2"
      shift
      ;;
    -h | --help)
      sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "first_paint.sh: unknown option $1 (see --help)" >&2
      exit 2
      ;;
    *) build="$1" ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -z "$build" ]; then
  build="$root/build/release"
  [ -x "$build/app/releasedesk" ] || build="$root/build/dev"
fi
app="$build/app/releasedesk"
bare="$build/tests/benchmarks/releasedesk_bare_window"
for program in "$app" "$bare"; do
  if [ ! -x "$program" ]; then
    echo "first_paint.sh: $program is not built (cmake --build --preset release --target releasedesk" \
      "releasedesk_bare_window; another build folder needs -DRELEASEDESK_BUILD_BENCHMARKS=ON)" >&2
    exit 2
  fi
done
if [ ! -x /usr/bin/time ]; then
  echo "first_paint.sh: /usr/bin/time is missing (Debian package 'time', scripts/install-deps.sh)" >&2
  exit 2
fi

# Once: under one virtual X server and one session bus for every run, as on a desktop.
if [ -z "${FIRST_PAINT_INSIDE:-}" ]; then
  export FIRST_PAINT_INSIDE=1
  args=()
  [ "$check" = 1 ] && args+=(--check)
  args+=(--runs "$runs" "$build")
  wrap=()
  if command -v dbus-run-session >/dev/null 2>&1; then wrap+=(dbus-run-session --); fi
  if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1920x1080x24" "${wrap[@]}" "$0" "${args[@]}"
  fi
  echo "first_paint.sh: Xvfb is missing: running on QT_QPA_PLATFORM=offscreen instead (no X server in the numbers)" >&2
  export QT_QPA_PLATFORM=offscreen
  exec "${wrap[@]}" "$0" "${args[@]}"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/config" "$scratch/cache" "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" XDG_DATA_HOME="$scratch/data"
export XDG_RUNTIME_DIR="$scratch/runtime"

# Runs one program; prints "<first-paint-ms> <peak RSS KiB> <first-paint-cpu-ms> <first-paint-main-cpu-ms>".
measure() {
  local log="$scratch/stderr" rss="$scratch/rss" ms cpu main
  if ! timeout 60 /usr/bin/time -f %M -o "$rss" env "$@" 2>"$log" >/dev/null; then
    echo "first_paint.sh: $* failed:" >&2
    cat "$log" >&2
    return 1
  fi
  ms="$(sed -n 's/^first-paint-ms=\([0-9]*\)$/\1/p' "$log")"
  if [ -z "$ms" ]; then
    echo "first_paint.sh: $* printed no first-paint-ms:" >&2
    cat "$log" >&2
    return 1
  fi
  cpu="$(sed -n 's/^first-paint-cpu-ms=\([0-9]*\)$/\1/p' "$log")"
  main="$(sed -n 's/^first-paint-main-cpu-ms=\([0-9]*\)$/\1/p' "$log")"
  echo "$ms $(tail -n 1 "$rss") ${cpu:--1} ${main:--1}"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_bare() { measure "$bare"; }
run_text() { measure "$bare" --with-text; }
run_app() { measure RELEASEDESK_REPORT_FIRST_PAINT=1 "$app" --sandbox; }

echo "first paint: $runs runs each, alternating, after one untimed run of each (disk cache warm)"
echo "  bare window: $bare (and with --with-text)"
echo "  desk:        $app --sandbox"
echo "  display:     ${QT_QPA_PLATFORM:-xcb on Xvfb $DISPLAY}"
run_bare >/dev/null
run_text >/dev/null
run_app >/dev/null
: >"$scratch/bare.txt"
: >"$scratch/text.txt"
: >"$scratch/app.txt"
for ((i = 1; i <= runs; i++)); do
  run_bare >>"$scratch/bare.txt"
  run_text >>"$scratch/text.txt"
  run_app >>"$scratch/app.txt"
done

bare_ms="$(cut -d' ' -f1 "$scratch/bare.txt" | median)"
app_ms="$(cut -d' ' -f1 "$scratch/app.txt" | median)"
bare_rss="$(cut -d' ' -f2 "$scratch/bare.txt" | median)"
app_rss="$(cut -d' ' -f2 "$scratch/app.txt" | median)"
app_rss_max="$(cut -d' ' -f2 "$scratch/app.txt" | sort -n | tail -n 1)"
bare_cpu="$(cut -d' ' -f3 "$scratch/bare.txt" | median)"
text_ms="$(cut -d' ' -f1 "$scratch/text.txt" | median)"
text_cpu="$(cut -d' ' -f3 "$scratch/text.txt" | median)"
app_cpu="$(cut -d' ' -f3 "$scratch/app.txt" | median)"
bare_main="$(cut -d' ' -f4 "$scratch/bare.txt" | median)"
app_main="$(cut -d' ' -f4 "$scratch/app.txt" | median)"
ratio="$(awk -v a="$app_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')"
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

echo "bare window: median $bare_ms ms  (all: $(cut -d' ' -f1 "$scratch/bare.txt" | sort -n | tr '\n' ' '))"
echo "desk:        median $app_ms ms  (all: $(cut -d' ' -f1 "$scratch/app.txt" | sort -n | tr '\n' ' '))"
echo "ratio:       $ratio (target ≤ $max_ratio)"
echo "with text:   window with text median $text_ms ms, CPU $text_cpu ms; desk / it $(awk -v a="$app_ms" -v b="$text_ms" 'BEGIN { printf "%.2f", a / b }') (for reference)"
echo "CPU by then: bare window $bare_cpu ms, desk $app_cpu ms (medians; ratio $(awk -v a="$app_cpu" -v b="$bare_cpu" 'BEGIN { printf "%.2f", a / b }'))"
echo "main thread: bare window $bare_main ms, desk $app_main ms of CPU (medians; ratio $(awk -v a="$app_main" -v b="$bare_main" 'BEGIN { printf "%.2f", a / b }'))"
echo "peak RSS:    desk $(mib "$app_rss") median, $(mib "$app_rss_max") max (target ≤ 60 MiB); bare window $(mib "$bare_rss")"

if [ "$check" = 1 ]; then
  status=0
  if awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
    echo "FAIL: the desk takes $ratio times the bare window to its first full paint (target ≤ $max_ratio)" >&2
    status=1
  fi
  if [ "$app_rss_max" -gt "$max_rss_kib" ]; then
    echo "FAIL: the desk's peak RSS is $(mib "$app_rss_max") (target ≤ 60 MiB)" >&2
    status=1
  fi
  exit "$status"
fi
