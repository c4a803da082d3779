# The ctest driver of the contract test:
#   1. installs Prism and GitHub's OpenAPI description with `npm ci`, only when node_modules is
#      missing or package-lock.json changed since the last install;
#   2. reduces the description to the operations GitHubClient sends (reduce-spec.mjs);
#   3. runs the Qt test, which starts Prism on a free loopback port and stops it at the end.
#
#   cmake -DNODE=<node> -DNPM=<npm> -DSOURCE_DIR=<tests/contract> -DWORK_DIR=<build dir>
#         -DTEST_BINARY=<test_contract> -P run-contract-test.cmake
#
# Build dirs share tests/contract/node_modules, so concurrent installs are serialized by a lock.
cmake_minimum_required(VERSION 3.25)

foreach(var NODE NPM SOURCE_DIR WORK_DIR TEST_BINARY)
  if(NOT ${var})
    message(FATAL_ERROR "run-contract-test.cmake: -D${var}=... is required")
  endif()
endforeach()

set(modules "${SOURCE_DIR}/node_modules")
set(prism "${modules}/@stoplight/prism-cli/dist/index.js")
set(description "${modules}/@octokit/openapi/generated/api.github.com.json")
set(installed_lock "${modules}/.releasedesk-package-lock.sha256")
set(reduced "${WORK_DIR}/github-rest-reduced.json")

# ---- 1. node_modules, at most once per package-lock.json ---------------------------------------
# The lock lives outside the source tree (npm ci deletes node_modules, and the tree stays clean).
string(SHA256 source_hash "${SOURCE_DIR}")
set(lock_dir "$ENV{TMPDIR}")
if(NOT lock_dir OR NOT IS_DIRECTORY "${lock_dir}")
  set(lock_dir "/tmp")
endif()
set(lock_file "${lock_dir}/releasedesk-contract-npm-${source_hash}.lock")
file(LOCK "${lock_file}" GUARD PROCESS TIMEOUT 300 RESULT_VARIABLE lock_result)
if(NOT lock_result STREQUAL "0")
  message(FATAL_ERROR "contract: could not lock ${lock_file} for npm ci: ${lock_result}")
endif()

file(SHA256 "${SOURCE_DIR}/package-lock.json" wanted_hash)
set(have_hash "")
if(EXISTS "${installed_lock}")
  file(READ "${installed_lock}" have_hash)
  string(STRIP "${have_hash}" have_hash)
endif()
if(NOT have_hash STREQUAL wanted_hash OR NOT EXISTS "${prism}" OR NOT EXISTS "${description}")
  message(STATUS "contract: npm ci in ${SOURCE_DIR} (node_modules missing or package-lock.json changed)")
  execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE npm_result)
  if(NOT npm_result STREQUAL "0")
    message(FATAL_ERROR "contract: `npm ci` failed (${npm_result}). Is the npm registry reachable?")
  endif()
  file(WRITE "${installed_lock}" "${wanted_hash}\n")
endif()
file(LOCK "${lock_file}" RELEASE)

# ---- 2. the reduced description, rebuilt when its inputs are newer -----------------------------
if(NOT EXISTS "${reduced}" OR "${SOURCE_DIR}/reduce-spec.mjs" IS_NEWER_THAN "${reduced}"
   OR "${installed_lock}" IS_NEWER_THAN "${reduced}")
  execute_process(
    COMMAND "${NODE}" "${SOURCE_DIR}/reduce-spec.mjs" --in "${description}" --out "${reduced}"
    RESULT_VARIABLE reduce_result)
  if(NOT reduce_result STREQUAL "0")
    file(REMOVE "${reduced}")
    message(FATAL_ERROR "contract: reduce-spec.mjs failed (${reduce_result})")
  endif()
endif()

# ---- 3. the test -----------------------------------------------------------------------------
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env
    "RELEASEDESK_NODE=${NODE}" "RELEASEDESK_PRISM=${prism}" "RELEASEDESK_CONTRACT_SPEC=${reduced}"
    "${TEST_BINARY}"
  RESULT_VARIABLE test_result)
if(NOT test_result STREQUAL "0")
  message(FATAL_ERROR "contract: test_contract failed (${test_result})")
endif()
