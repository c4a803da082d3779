# The application icon: PNGs rendered from resources/icons/<app id>.svg at build time with
# rsvg-convert, laid out as hicolor/<n>x<n>/apps/<app id>.png both for installation and inside
# the executable's Qt resources (the window icon and the About box).
set(RELEASEDESK_APP_ID "io.github.releasedesk.ReleaseDesk")
set(RELEASEDESK_ICON_SVG "${PROJECT_SOURCE_DIR}/resources/icons/${RELEASEDESK_APP_ID}.svg")
set(RELEASEDESK_ICON_SIZES 16 32 48 64 128 256)
find_program(RSVG_CONVERT rsvg-convert REQUIRED)

# Renders the PNGs into <binary dir>/icons and bundles them into `target` under :/icons/.
# Sets RELEASEDESK_ICON_DIR (the rendered hicolor tree) in the caller's scope and the cache.
function(releasedesk_bundle_icon target)
  set(icon_dir "${CMAKE_CURRENT_BINARY_DIR}/icons")
  set(pngs "")
  foreach(size IN LISTS RELEASEDESK_ICON_SIZES)
    set(png "${icon_dir}/hicolor/${size}x${size}/apps/${RELEASEDESK_APP_ID}.png")
    add_custom_command(
      OUTPUT "${png}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${icon_dir}/hicolor/${size}x${size}/apps"
      COMMAND ${RSVG_CONVERT} --width=${size} --height=${size} --output=${png} ${RELEASEDESK_ICON_SVG}
      DEPENDS "${RELEASEDESK_ICON_SVG}"
      COMMENT "Rendering the ${size}x${size} icon"
      VERBATIM)
    list(APPEND pngs "${png}")
  endforeach()
  qt_add_resources(${target} app_icon PREFIX "/icons" BASE "${icon_dir}" FILES ${pngs})
  set(RELEASEDESK_ICON_DIR "${icon_dir}" CACHE INTERNAL "The rendered hicolor icon tree")
endfunction()
