#!/usr/bin/env bash
# Builds the Debian packages: a release build of the two executables (the `package` preset, with
# Debian's hardening flags), then cpack. Writes build/packages/releasedesk_<version>_<arch>.deb and
# build/packages/releasedesk-cli_<version>_<arch>.deb.
# Extra arguments go to the configure step, e.g. -DRELEASEDESK_HOMEPAGE=https://example.org
# -DRELEASEDESK_PACKAGE_MAINTAINER="Name <address>". CMAKE_BUILD_PARALLEL_LEVEL limits the jobs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR=1

# The flags Debian builds its own packages with (fortify, stack protector, relro, bindnow), so
# lintian finds a hardened binary.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
ldflags="$(dpkg-buildflags --get LDFLAGS)"
cmake --preset package -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" "$@" >/dev/null
cmake --build --preset package

out="$PWD/build/packages"
rm -rf "$out"
mkdir -p "$out"
cpack -G DEB --config build/package/CPackConfig.cmake -B "$out"
rm -rf "$out/_CPack_Packages"
ls -l "$out"/*.deb
