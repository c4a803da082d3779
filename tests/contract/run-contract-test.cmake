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
include("${CMAKE_CURRENT_LIST_DIR}/../npm-ci.cmake")
releasedesk_npm_ci(contract "${SOURCE_DIR}" "${NPM}" "${prism}" "${description}")

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
