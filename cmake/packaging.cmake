# Installation (GNUInstallDirs) and the Debian packages (CPack DEB, one package per component):
#   releasedesk-cli (component cli): the console, its man page and shell completions; Qt Core and
#                   Network only, so a CI runner installs it without a desktop stack;
#   releasedesk     (component desktop): the desktop app, its desktop entry, icons, AppStream
#                   metadata and man page. It shares no files with releasedesk-cli.
# scripts/package.sh builds the `package` preset and runs cpack into build/packages.
include(GNUInstallDirs)

set(RELEASEDESK_HOMEPAGE "https://github.com/releasedesk/releasedesk" CACHE STRING
    "The project's home page, for the packages and the AppStream metadata")
set(RELEASEDESK_PACKAGE_MAINTAINER "ReleaseDesk maintainers <maintainers@releasedesk.example.org>" CACHE STRING
    "The Maintainer of the Debian packages: Name <address>")
set(RELEASEDESK_PACKAGE_RELEASE "1" CACHE STRING "The Debian revision of the packages")
set(RELEASEDESK_DEBIAN_VERSION "${PROJECT_VERSION}-${RELEASEDESK_PACKAGE_RELEASE}")

set(packaging_dir "${PROJECT_BINARY_DIR}/packaging")
set(packaging_src "${PROJECT_SOURCE_DIR}/resources/packaging")

# Man page and completions of the console, generated from its command table by the built binary.
set(console_docs
  "${packaging_dir}/releasedesk-cli.1.gz"
  "${packaging_dir}/releasedesk-cli.bash"
  "${packaging_dir}/_releasedesk-cli"
  "${packaging_dir}/releasedesk-cli.fish")
add_custom_command(
  OUTPUT ${console_docs}
  COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:releasedesk-cli> -DOUTPUT_DIR=${packaging_dir}
          -P ${PROJECT_SOURCE_DIR}/cmake/console_docs.cmake
  DEPENDS releasedesk-cli ${PROJECT_SOURCE_DIR}/cmake/console_docs.cmake
  COMMENT "Generating releasedesk-cli's man page and shell completions"
  VERBATIM)

# The desktop's hand-written man page, the Debian changelog and copyright, the metainfo.
configure_file(${PROJECT_SOURCE_DIR}/resources/man/releasedesk.1 ${packaging_dir}/releasedesk.1 @ONLY)
configure_file(${packaging_src}/changelog.Debian.in ${packaging_dir}/changelog.Debian @ONLY)
configure_file(${packaging_src}/copyright.in ${packaging_dir}/copyright @ONLY)
set(metainfo "${packaging_dir}/${RELEASEDESK_APP_ID}.metainfo.xml")
configure_file(${PROJECT_SOURCE_DIR}/resources/desktop/${RELEASEDESK_APP_ID}.metainfo.xml ${metainfo} @ONLY)
set(gzipped_docs "${packaging_dir}/releasedesk.1.gz" "${packaging_dir}/changelog.Debian.gz")
add_custom_command(
  OUTPUT ${gzipped_docs}
  COMMAND gzip -9nkf ${packaging_dir}/releasedesk.1 ${packaging_dir}/changelog.Debian
  DEPENDS ${packaging_dir}/releasedesk.1 ${packaging_dir}/changelog.Debian
  COMMENT "Compressing the desktop man page and the Debian changelog"
  VERBATIM)
add_custom_target(releasedesk_docs ALL DEPENDS ${console_docs} ${gzipped_docs})

# The console.
install(TARGETS releasedesk-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES "${packaging_dir}/releasedesk-cli.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES "${packaging_dir}/releasedesk-cli.bash" RENAME releasedesk-cli
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
install(FILES "${packaging_dir}/_releasedesk-cli" DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT cli)
install(FILES "${packaging_dir}/releasedesk-cli.fish" DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        COMPONENT cli)

# The desktop app.
install(TARGETS releasedesk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT desktop)
install(FILES "${packaging_dir}/releasedesk.1.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT desktop)
install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/${RELEASEDESK_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
install(FILES "${metainfo}" DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT desktop)
install(FILES "${RELEASEDESK_ICON_SVG}" DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        COMPONENT desktop)
foreach(size IN LISTS RELEASEDESK_ICON_SIZES)
  install(FILES "${RELEASEDESK_ICON_DIR}/hicolor/${size}x${size}/apps/${RELEASEDESK_APP_ID}.png"
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT desktop)
endforeach()

# Each package's Debian documents and lintian overrides.
foreach(component_package IN ITEMS "cli;releasedesk-cli" "desktop;releasedesk")
  list(GET component_package 0 component)
  list(GET component_package 1 package)
  install(FILES "${packaging_dir}/copyright" "${packaging_dir}/changelog.Debian.gz"
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
  install(FILES "${packaging_src}/lintian-overrides/${package}" DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
          COMPONENT ${component})
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME releasedesk)
set(CPACK_PACKAGE_VENDOR "ReleaseDesk")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${RELEASEDESK_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 1)
set(CPACK_COMPONENTS_ALL cli desktop)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${RELEASEDESK_PACKAGE_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RELEASEDESK_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${RELEASEDESK_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SOURCE releasedesk)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME releasedesk-cli)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME releasedesk)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SUGGESTS releasedesk-cli)
set(CPACK_DEBIAN_CLI_DESCRIPTION "console release desk for a GitHub Actions production stage
releasedesk-cli gives ReleaseDesk's verdicts on the console, for CI jobs and
terminals: it verifies a candidate's evidence manifest, checks that the
production environment is fully configured, lists what ran and what is live,
approves or rejects pending deployments and replays accepted candidates, with
exit codes, JSON output, GitHub annotations and a step summary.
.
It needs Qt Core and Qt Network only, no desktop.")
set(CPACK_DEBIAN_DESKTOP_DESCRIPTION "release desk for a GitHub Actions production stage
ReleaseDesk is a desktop app for release managers: is this candidate
promotable, is the production environment fully configured, what ran and
what is live? Approve or reject a pending deployment, or replay an older
accepted candidate to roll back. Every action that changes GitHub asks
first, is sent at most once and is journaled.
.
A built-in sandbox repository shows everything without a GitHub account.")
include(CPack)
cpack_add_component(cli DISPLAY_NAME "releasedesk-cli")
cpack_add_component(desktop DISPLAY_NAME "ReleaseDesk")
