#!/usr/bin/env bash
# Quick start, part two: install what is missing, build, and run every test.
# Nothing opens a window: GUI tests run on the offscreen platform.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset dev >/dev/null
cmake --build --preset dev
# Keychain tests need a real Secret Service: run the suite inside a private D-Bus session.
dbus-run-session -- ctest --preset dev
