#!/usr/bin/env bash
# Installs the Debian 12 packages ReleaseDesk needs to build, run and test. Idempotent: it
# only calls apt-get when something is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ ccache pkg-config
  # libraries
  qt6-base-dev qt6-base-dev-tools libgl-dev qtkeychain-qt6-dev nlohmann-json3-dev libzip-dev libyaml-dev
  libfontconfig-dev
  # tests, benchmarks, fuzzing, formatting, linting
  libgtest-dev libbenchmark-dev clang clang-format clang-tidy libclang-rt-14-dev
  # test certificates for the TLS tests of the Qt transport
  openssl
  # GUI and keychain tests without a desktop
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  # the start-to-first-paint benchmark's peak RSS (/usr/bin/time); the GitHub CLI, which the env
  # check benchmark times against
  time gh
  # packaging: icons rendered from the SVG, the Debian packages and their checks, completion shells
  librsvg2-bin dpkg-dev lintian desktop-file-utils appstream man-db zsh fish
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# The contract, schema and GraphQL tests run on Node.js (Prism, Ajv, graphql; `npm ci` at test
# time); any node/npm on PATH will do (Debian's is fine).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
