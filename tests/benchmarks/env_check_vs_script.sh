#!/usr/bin/env bash
# `env check` against a gh-CLI-style script that collects the same facts, both against one
# loopback sandbox server (`releasedesk-cli sandbox serve`), side by side.
#
# The script stands in for `gh api`: gh is not installed here, so each request is one curl
# process, sent one after the other and following Link: rel="next" pages, as a script of
# `gh api --paginate` calls does. curl starts faster than gh, so the comparison favours the script.
#
# Usage: tests/benchmarks/env_check_vs_script.sh [path/to/releasedesk-cli] [rounds]
set -euo pipefail

cli=${1:-build/dev/app/releasedesk-cli}
rounds=${2:-15}
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$cli" sandbox serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  sleep 0.05
done
api=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/serve.out" | head -n 1)
[ -n "$api" ] || { echo "the sandbox server did not start" >&2; exit 2; }
repo=/repos/contoso/shop

now_ms() { date +%s%3N; }

# One `gh api --paginate <path>`: the first page, then each next page once it arrived.
gh_api() {
  local url="$api$1" headers="$work/headers"
  while [ -n "$url" ]; do
    curl -s -o /dev/null -D "$headers" -H "Authorization: Bearer sandbox" \
      -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" "$url"
    url=$(tr -d '\r' <"$headers" | sed -n 's/^[Ll]ink:.*<\([^>]*\)>; rel="next".*/\1/p')
  done
}

script_round() {
  gh_api "$repo/contents/.github/releasedesk/profile.json"
  gh_api "$repo/environments/production/variables?per_page=30"
  gh_api "$repo/environments/production/secrets?per_page=100"
  gh_api "$repo/actions/variables?per_page=30"
  gh_api "$repo/actions/secrets?per_page=100"
  gh_api "$repo/actions/organization-variables?per_page=30"
  gh_api "$repo/actions/organization-secrets?per_page=100"
  gh_api "$repo/contents/.github/workflows/production-stage.yml"
  gh_api "$repo/contents/infra/azure/README.md"
}

desk_round() {
  GH_TOKEN=sandbox XDG_CACHE_HOME="$work/cache" "$cli" env check --api-url "$api" --repo contoso/shop --no-cache \
    >/dev/null 2>&1 || true
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

desk_times=()
script_times=()
for _ in $(seq 1 "$rounds"); do
  start=$(now_ms); desk_round; desk_times+=($(( $(now_ms) - start )))
  start=$(now_ms); script_round; script_times+=($(( $(now_ms) - start )))
done
desk=$(printf '%s\n' "${desk_times[@]}" | median)
script=$(printf '%s\n' "${script_times[@]}" | median)

GH_TOKEN=sandbox "$cli" env check --api-url "$api" --repo contoso/shop --no-cache --trace 2>"$work/trace" >/dev/null || true
printf 'env check vs gh-style script, %s rounds, median wall time (loopback sandbox %s)\n' "$rounds" "$api"
printf '  releasedesk-cli env check   %5d ms   %s\n' "$desk" "$(head -n 1 "$work/trace")"
printf '  sequential curl script      %5d ms   the same requests, one after the other\n' "$script"
awk -v d="$desk" -v s="$script" 'BEGIN { printf "  ratio desk/script           %.2f\n", d / s }'
