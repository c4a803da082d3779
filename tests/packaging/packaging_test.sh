#!/usr/bin/env bash
# The Debian packages as a user gets them: built with cpack from the build tree, then checked
# one aspect per ctest test (see CMakeLists.txt beside this file).
# Usage: packaging_test.sh <check> <build dir> <packages dir> <source dir>
set -euo pipefail
# `grep -q` stops reading at the first match; under pipefail the writer's SIGPIPE would then fail
# the pipeline. Matches below read all their input (grep ... >/dev/null).
check=$1 build=$2 packages=$3 source=$4
cli_deb() { echo "$packages"/releasedesk-cli_*.deb; }
gui_deb() { echo "$packages"/releasedesk_*.deb; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# A scratch root holding both packages' files, made once per test.
extracted() {
  local root="$packages/root-$check"
  rm -rf "$root" && mkdir -p "$root"
  dpkg -x "$(cli_deb)" "$root"
  dpkg -x "$(gui_deb)" "$root"
  echo "$root"
}
# A man page's text with roff's escapes and fonts taken out.
man_text() { zcat "$1" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g' -e 's/\\&//g'; }

case "$check" in
  build)
    rm -rf "$packages" && mkdir -p "$packages"
    cpack -G DEB --config "$build/CPackConfig.cmake" -B "$packages" >"$packages/cpack.log" 2>&1 ||
      { cat "$packages/cpack.log"; fail "cpack failed"; }
    rm -rf "$packages/_CPack_Packages"
    ls "$packages"/*.deb
    [ -f "$(cli_deb)" ] || fail "no releasedesk-cli package"
    [ -f "$(gui_deb)" ] || fail "no releasedesk package"
    ;;

  contents)
    for package in releasedesk-cli releasedesk; do
      deb=$(ls "$packages/${package}"_*.deb)
      actual=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '/$' | LC_ALL=C sort)
      if ! diff -u "$source/tests/packaging/assets/$package.contents" <(echo "$actual"); then
        fail "$package holds other files than tests/packaging/assets/$package.contents"
      fi
      # Binaries are stripped: no symbol table left.
      bin=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep '^./usr/bin/')
      root=$(extracted)
      if readelf -S "$root/${bin#./}" | grep '\.symtab' >/dev/null; then fail "$bin is not stripped"; fi
    done
    ;;

  lintian)
    # Errors and warnings fail; each accepted warning is overridden with its reason in
    # resources/packaging/lintian-overrides.
    lintian --fail-on error,warning --tag-display-limit 0 "$(cli_deb)" "$(gui_deb)" 2>&1 |
      grep -v 'running with root privileges' || true
    lintian --fail-on error,warning "$(cli_deb)" "$(gui_deb)" >/dev/null 2>&1 || fail "lintian reports errors or warnings"
    ;;

  cli-without-desktop)
    # The console must install on a CI runner without a desktop stack.
    depends=$(dpkg-deb -f "$(cli_deb)" Depends)
    echo "Depends: $depends"
    [[ $depends == *libqt6core6* && $depends == *libqt6network6* ]] || fail "Depends lacks Qt Core or Network"
    if [[ $depends == *libqt6gui6* || $depends == *libqt6widgets6* ]]; then fail "releasedesk-cli depends on Qt GUI"; fi
    root=$(extracted)
    needed=$(readelf -d "$root/usr/bin/releasedesk-cli" | grep NEEDED)
    if grep -Eq 'libQt6(Gui|Widgets)' <<<"$needed"; then fail "releasedesk-cli links Qt GUI: $needed"; fi
    ;;

  cli-from-package)
    root=$(extracted)
    version=$(dpkg-deb -f "$(cli_deb)" Version)
    out=$("$root/usr/bin/releasedesk-cli" --version)
    [ "$out" = "releasedesk-cli ${version%-*}" ] || fail "--version printed '$out'"
    samples="$source/resources/sample-artifacts/acceptance"
    out=$("$root/usr/bin/releasedesk-cli" evidence verify "$samples/4bd780cba4864856691dedee9ca56d1ea87442c5/evidence-manifest.json")
    grep -q ': accepted$' <<<"$out" || fail "the accepted sample was not accepted: $out"
    status=0
    out=$("$root/usr/bin/releasedesk-cli" evidence verify "$samples/85d2a9aa9ac858626fab413f82497b67316cc715/evidence-manifest.json") || status=$?
    [ "$status" -eq 1 ] || fail "the rejected sample exited $status, not 1: $out"
    grep -q ': rejected$' <<<"$out" || fail "the rejected sample was not rejected: $out"
    ;;

  desktop-entry)
    root=$(extracted)
    entry="$root/usr/share/applications/io.github.releasedesk.ReleaseDesk.desktop"
    desktop-file-validate "$entry" || fail "desktop-file-validate rejects the entry"
    grep -qx 'Icon=io.github.releasedesk.ReleaseDesk' "$entry" || fail "the entry names another icon"
    grep -qx 'Exec=releasedesk --sandbox' "$entry" || fail "no Open sandbox action"
    # The app carries the icon the entry names (its window and About box icon) in its resources.
    strings -el "$root/usr/bin/releasedesk" | grep -x 'io.github.releasedesk.ReleaseDesk.png' >/dev/null ||
      fail "releasedesk does not bundle its icon"
    # The action's flag is one the app knows.
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/releasedesk" --help | grep -- '--sandbox' >/dev/null ||
      fail "releasedesk --help does not list --sandbox"
    ;;

  metainfo)
    root=$(extracted)
    appstreamcli validate --no-net --strict "$root/usr/share/metainfo/io.github.releasedesk.ReleaseDesk.metainfo.xml" ||
      fail "appstreamcli rejects the metainfo"
    # The metainfo, the desktop entry and the icons together, as a software centre reads them.
    appstreamcli validate-tree --no-net "$root" || fail "appstreamcli rejects the installed tree"
    grep -q 'docs/screenshot-candidates.png' "$root/usr/share/metainfo/io.github.releasedesk.ReleaseDesk.metainfo.xml" ||
      fail "the screenshot is not the one in docs/"
    ;;

  gui-help-without-display)
    root=$(extracted)
    for flag in --help --version; do
      status=0
      out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/releasedesk" "$flag" 2>&1) || status=$?
      [ "$status" -eq 0 ] || fail "releasedesk $flag exited $status without a display: $out"
    done
    [[ $out == "ReleaseDesk $(dpkg-deb -f "$(gui_deb)" Version | sed 's/-[^-]*$//')" ]] || fail "--version printed '$out'"
    ;;

  man-pages)
    root=$(extracted)
    cli="$root/usr/bin/releasedesk-cli"
    for page in releasedesk-cli releasedesk; do
      file="$root/usr/share/man/man1/$page.1.gz"
      warnings=$(man --warnings -E UTF-8 -l "$file" 2>&1 >/dev/null)
      [ -z "$warnings" ] || fail "$page.1 has warnings: $warnings"
    done
    cli_page=$(man_text "$root/usr/share/man/man1/releasedesk-cli.1.gz")
    # Every command of --help has a section, and every option of its --help is in that section.
    commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z -]*[a-z]\)  .*/\1/p')
    [ -n "$commands" ] || fail "no commands read from releasedesk-cli --help"
    while IFS= read -r command; do
      section=$(awk -v heading=".SS \"$command\"" '$0 == heading {on = 1; next} /^\.SS / {on = 0} on' <<<"$cli_page")
      [ -n "$section" ] || fail "releasedesk-cli(1) has no section for '$command'"
      # shellcheck disable=SC2086
      options=$("$cli" $command --help | sed -n '/^Options:/,/^$/p' | grep -oE '^  (-[a-zA-Z?], )?--[a-z0-9-]+' |
        grep -oE -- '--[a-z0-9-]+')
      [ -n "$options" ] || fail "no options read from '$command --help'"
      for option in $options; do
        grep -qF -- "$option" <<<"$section" || fail "releasedesk-cli(1) lacks $option of '$command'"
      done
      echo "$command: $(echo $options | wc -w) options documented"
    done <<<"$commands"
    gui_page=$(man_text "$root/usr/share/man/man1/releasedesk.1.gz")
    for option in $(env -u DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/releasedesk" --help | grep -oE '^  (-[a-z], )?--[a-z-]+' |
      grep -oE -- '--[a-z-]+'); do
      grep -qF -- "$option" <<<"$gui_page" || fail "releasedesk(1) lacks $option"
    done
    ;;

  completions)
    root=$(extracted)
    bash_file="$root/usr/share/bash-completion/completions/releasedesk-cli"
    work=$(mktemp -d)
    mkdir "$work/artifacts-dir" && touch "$work/manifest.json"
    # Completes like bash does on <TAB>: COMP_WORDS up to the word under the cursor.
    cat >"$work/complete.bash" <<SCRIPT
source "$bash_file"
complete -p releasedesk-cli
complete_words() {
  COMP_WORDS=("\$@"); COMP_CWORD=\$((\$# - 1)); COMPREPLY=()
  _releasedesk_cli 2>/dev/null
  echo "\${COMPREPLY[*]}"
}
cd "$work"
echo "ev=\$(complete_words releasedesk-cli ev)"
echo "evidence-v=\$(complete_words releasedesk-cli evidence v)"
echo "verify-ar=\$(complete_words releasedesk-cli evidence verify --ar)"
echo "artifacts-value=\$(complete_words releasedesk-cli evidence verify --artifacts '')"
echo "environment-value=\$(complete_words releasedesk-cli env check --environment '')"
echo "shells=\$(complete_words releasedesk-cli completion '')"
echo "version=\$(complete_words releasedesk-cli --ver)"
SCRIPT
    out=$(bash --noprofile --norc "$work/complete.bash")
    echo "$out"
    expect() { grep -qxF -- "$1" <<<"$out" || fail "bash completion: expected '$1'"; }
    expect "complete -F _releasedesk_cli releasedesk-cli"
    expect "ev=evidence"
    expect "evidence-v=verify"
    expect "verify-ar=--artifacts"
    expect "artifacts-value=artifacts-dir"
    expect "environment-value=production"
    expect "shells=bash zsh fish"
    expect "version=--version"
    # zsh and fish: the scripts parse, and fish completes as bash does.
    zsh -n "$root/usr/share/zsh/vendor-completions/_releasedesk-cli" || fail "zsh rejects its completion script"
    fish_out=$(fish --no-config -c "source '$root/usr/share/fish/vendor_completions.d/releasedesk-cli.fish'
      complete -C 'releasedesk-cli ev'; complete -C 'releasedesk-cli evidence verify --ar'")
    echo "$fish_out"
    grep -q '^evidence' <<<"$fish_out" || fail "fish does not complete 'ev' to evidence"
    grep -q '^--artifacts' <<<"$fish_out" || fail "fish does not complete --ar to --artifacts"
    rm -rf "$work"
    ;;

  *)
    fail "unknown check '$check'"
    ;;
esac
echo "ok: $check"
