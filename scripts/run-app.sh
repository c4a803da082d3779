#!/usr/bin/env bash
# Quick start, part one: install what is missing, build, and start the desktop app on its
# built-in sample. Extra arguments go to the app (for example an .artifacts folder).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target releasedesk releasedesk-cli

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting ReleaseDesk in a virtual X server (xvfb-run)." >&2
  echo "To see the window, run this from a desktop session; to get a picture instead, pass --screenshot out.png." >&2
  exec xvfb-run -a build/dev/app/releasedesk "$@"
fi
exec build/dev/app/releasedesk "$@"
