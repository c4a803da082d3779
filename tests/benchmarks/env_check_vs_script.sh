#!/usr/bin/env bash
# `env check` against scripts that collect the same facts one request after the other, all against
# one loopback sandbox server (`releasedesk-cli sandbox serve`), side by side:
#
# - the gh script: one `gh api --paginate <path>` per request, the GitHub CLI itself (Debian
#   package gh, scripts/install-deps.sh). gh talks plain HTTP only to its development host
#   github.localhost (http://api.github.localhost/); HTTP_PROXY points that at the sandbox, which
#   answers absolute-form requests as any HTTP/1.1 server must. Skipped when gh is missing.
# - the curl script: the same requests, one curl process each, following Link: rel="next" pages.
#   curl starts faster than gh, so this comparison favours the script.
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

# The curl stand-in of one `gh api --paginate <path>`: the first page, then each next page once it
# arrived.
curl_api() {
  local url="$api$1" headers="$work/headers"
  while [ -n "$url" ]; do
    curl -s -o /dev/null -D "$headers" -H "Authorization: Bearer sandbox" \
      -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" "$url"
    url=$(tr -d '\r' <"$headers" | sed -n 's/^[Ll]ink:.*<\([^>]*\)>; rel="next".*/\1/p')
  done
}

# One `gh api --paginate <path>`. The profile's 404 and the organization secrets' 403 make gh exit
# non-zero, as they would in a script that collects these facts.
gh_api() {
  env GH_CONFIG_DIR="$work/gh" GH_TOKEN=sandbox HTTP_PROXY="$api" http_proxy="$api" GH_NO_UPDATE_NOTIFIER=1 \
    GH_PROMPT_DISABLED=1 NO_COLOR=1 gh api --paginate --hostname github.localhost "${1#/}" >/dev/null 2>&1 || true
}

# The same facts `env check` collects, one request after the other.
script_round() {
  local get=$1
  "$get" "$repo/contents/.github/releasedesk/profile.json"
  "$get" "$repo/environments/production/variables?per_page=30"
  "$get" "$repo/environments/production/secrets?per_page=100"
  "$get" "$repo/actions/variables?per_page=30"
  "$get" "$repo/actions/secrets?per_page=100"
  "$get" "$repo/actions/organization-variables?per_page=30"
  "$get" "$repo/actions/organization-secrets?per_page=100"
  "$get" "$repo/contents/.github/workflows/production-stage.yml"
  "$get" "$repo/contents/infra/azure/README.md"
}

have_gh=0
if command -v gh >/dev/null; then
  # Make sure gh really reaches the sandbox (and not some other host) before timing it.
  probe=$(env GH_CONFIG_DIR="$work/gh" GH_TOKEN=sandbox HTTP_PROXY="$api" http_proxy="$api" GH_NO_UPDATE_NOTIFIER=1 \
    gh api --hostname github.localhost "${repo#/}/environments/production/variables" 2>&1 || true)
  if [[ $probe == *'"total_count"'* ]]; then
    have_gh=1
  else
    echo "gh is installed but could not read the sandbox through HTTP_PROXY; timing curl only" >&2
  fi
else
  echo "gh is not installed (scripts/install-deps.sh installs it); timing curl only" >&2
fi

desk_round() {
  GH_TOKEN=sandbox XDG_CACHE_HOME="$work/cache" "$cli" env check --api-url "$api" --repo contoso/shop --no-cache \
    >/dev/null 2>&1 || true
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

desk_times=()
curl_times=()
gh_times=()
for _ in $(seq 1 "$rounds"); do
  start=$(now_ms); desk_round; desk_times+=($(( $(now_ms) - start )))
  start=$(now_ms); script_round curl_api; curl_times+=($(( $(now_ms) - start )))
  if [ "$have_gh" = 1 ]; then
    start=$(now_ms); script_round gh_api; gh_times+=($(( $(now_ms) - start )))
  fi
done
desk=$(printf '%s\n' "${desk_times[@]}" | median)
curl_script=$(printf '%s\n' "${curl_times[@]}" | median)

GH_TOKEN=sandbox "$cli" env check --api-url "$api" --repo contoso/shop --no-cache --trace 2>"$work/trace" >/dev/null || true
printf 'env check vs scripts of the same requests, %s rounds, median wall time (loopback sandbox %s)\n' "$rounds" "$api"
printf '  releasedesk-cli env check   %5d ms   %s\n' "$desk" "$(head -n 1 "$work/trace")"
if [ "$have_gh" = 1 ]; then
  gh_script=$(printf '%s\n' "${gh_times[@]}" | median)
  printf '  gh api script               %5d ms   %s, one `gh api --paginate` per request\n' "$gh_script" \
    "$(gh --version | head -n 1)"
fi
printf '  curl script                 %5d ms   the same requests, one curl process each\n' "$curl_script"
if [ "$have_gh" = 1 ]; then
  awk -v d="$desk" -v s="$gh_script" 'BEGIN { printf "  ratio desk/gh script        %.2f\n", d / s }'
fi
awk -v d="$desk" -v s="$curl_script" 'BEGIN { printf "  ratio desk/curl script      %.2f\n", d / s }'
