#!/usr/bin/env bash
# Fails when a file includes from a layer it must not use (docs/architecture.md, "What may use
# what"). Every include names its layer from the repository root, so a rule is a path prefix.
set -euo pipefail
cd "$(dirname "$0")/.."

git ls-files 'core/*.h' 'core/*.cpp' 'app/*.h' 'app/*.cpp' 'ui/*.h' 'ui/*.cpp' | xargs grep -nE '^\s*#\s*include\s*["<]' |
  awk '
  BEGIN {
    # layer folder (longest first) -> forbidden include prefixes, and why
    n = split("core/sandbox/ app/adapter/ app/sandbox_server/ app/cli/ core/ ui/", order, " ")
    forbid["core/sandbox/"] = "app/ ui/ tests/";                         why["core/sandbox/"] = "the sandbox is Qt-free and serves both executables"
    forbid["core/"] = "app/ ui/ tests/ core/sandbox/";                   why["core/"] = "the core uses no other target (the sandbox is a target of its own)"
    forbid["app/adapter/"] = "ui/ app/cli/ app/sandbox_server/ app/gui/ tests/"; why["app/adapter/"] = "the adapter is shared by both executables"
    forbid["app/sandbox_server/"] = "ui/ app/cli/ app/gui/ tests/";      why["app/sandbox_server/"] = "the loopback server serves the console and the tests"
    forbid["app/cli/"] = "ui/ app/gui/ tests/";                           why["app/cli/"] = "the console has no widgets"
    forbid["ui/"] = "app/cli/ app/sandbox_server/ app/gui/ tests/";      why["ui/"] = "the desktop runs no console command"
    bad = 0
  }
  {
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2); line = rest; sub(/:.*/, "", line)
    inc = rest; sub(/^[^"<]*["<]/, "", inc); sub(/[">].*$/, "", inc)
    for (i = 1; i <= n; i++) {
      layer = order[i]
      if (index(file, layer) != 1) continue
      m = split(forbid[layer], prefixes, " ")
      for (j = 1; j <= m; j++) {
        if (index(inc, prefixes[j]) == 1) {
          printf "%s:%s: includes \"%s\" (%s must not use %s: %s)\n", file, line, inc, layer, prefixes[j], why[layer]
          bad++
        }
      }
      # The core-only build proves the core Qt-free too; this names the line at once.
      if (layer ~ /^core\// && inc ~ /^(Q[A-Za-z]*|Qt[A-Za-z]*\/.*|q[a-z_]*\.h)$/) {
        printf "%s:%s: includes <%s> (the core must not use Qt)\n", file, line, inc
        bad++
      }
      break  # the longest matching layer decides
    }
  }
  END {
    if (bad > 0) { printf "check-layers: %d include(s) cross a layer boundary\n", bad > "/dev/stderr"; exit 1 }
    print "check-layers: every include stays within its layer'"'"'s rules"
  }'
