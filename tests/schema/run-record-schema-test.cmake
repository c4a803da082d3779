# The ctest driver of the record schema test (validate.mjs is the one the --json document test
# uses): `releasedesk-cli record` writes
# deployment-record.json and result.json from sample accepted manifests, and Ajv (npm, pinned in
# package-lock.json) validates them against resources/schema. A broken copy of each must fail,
# so the validator is known to look.
#
#   cmake -DNODE=<node> -DNPM=<npm> -DCLI=<releasedesk-cli> -DSOURCE_DIR=<tests/schema>
#         -DPROJECT_DIR=<repo root> -DWORK_DIR=<scratch dir> -P run-schema-test.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var NODE NPM CLI SOURCE_DIR PROJECT_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "run-schema-test.cmake: -D${var}=... is required")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/../npm-ci.cmake")
releasedesk_npm_ci(schema "${SOURCE_DIR}" "${NPM}" "${SOURCE_DIR}/node_modules/ajv/dist/2020.js"
  "${SOURCE_DIR}/node_modules/ajv-formats/dist/index.js")

set(schemas "${PROJECT_DIR}/resources/schema")
set(samples "${PROJECT_DIR}/resources/sample-artifacts/acceptance")
file(REMOVE_RECURSE "${WORK_DIR}")

function(validate schema expect)
  set(pairs "")
  foreach(document IN LISTS ARGN)
    list(APPEND pairs "${schema}=${document}")
  endforeach()
  execute_process(
    COMMAND "${NODE}" "${SOURCE_DIR}/validate.mjs" "${schemas}" ${pairs}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(NOT result STREQUAL expect)
    message(FATAL_ERROR "${schema}: expected exit ${expect} from the validator, got ${result}")
  endif()
endfunction()

# An infra+runtime candidate (digest refs required) recorded in GitHub Actions, and an
# identity-only one (no refs) recorded outside it with a deployment id.
set(records "")
set(results "")
foreach(case IN ITEMS "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8;actions" "84131100147d9ed7a33d38a3c291f8edc7e4ea64;local")
  list(GET case 0 sha)
  list(GET case 1 where)
  set(tree "${WORK_DIR}/${where}/.artifacts")
  file(COPY "${samples}/${sha}" DESTINATION "${tree}/acceptance")
  if(where STREQUAL "actions")
    set(env GITHUB_RUN_ID=9001 GITHUB_RUN_ATTEMPT=2 GITHUB_REPOSITORY=contoso/shop GITHUB_SERVER_URL=https://github.com
      GITHUB_EVENT_NAME=workflow_run GITHUB_ACTOR=octocat)
    set(extra --job load-accepted-candidate=success --job stale-guard=success --job production-mutate=failure
      --job post-deploy-verify=skipped)
    set(outcome failure)
  else()
    set(env GITHUB_RUN_ID=)
    set(extra --deployment-id 77)
    set(outcome success)
  endif()
  execute_process(
    # Never the surrounding CI's own output files.
    COMMAND ${CMAKE_COMMAND} -E env --unset=GITHUB_ACTIONS --unset=GITHUB_OUTPUT --unset=GITHUB_STEP_SUMMARY ${env}
            "${CLI}" record --sha ${sha} --outcome ${outcome} --artifacts "${tree}" ${extra}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(NOT result STREQUAL "0")
    message(FATAL_ERROR "record for ${sha} exited ${result}")
  endif()
  list(APPEND records "${tree}/production/${sha}/deployment-record.json")
  list(APPEND results "${tree}/production/${sha}/result.json")
endforeach()

validate(deployment-record.schema.json 0 ${records})
validate(result.schema.json 0 ${results})

# Broken copies: a tag instead of a digest, an unknown outcome.
list(GET records 0 record)
file(READ "${record}" text)
string(REGEX REPLACE "@sha256:[0-9a-f]+" ":latest" text "${text}")
file(WRITE "${WORK_DIR}/broken-record.json" "${text}")
validate(deployment-record.schema.json 1 "${WORK_DIR}/broken-record.json")
list(GET results 0 result)
file(READ "${result}" text)
string(REPLACE "\"outcome\": \"failure\"" "\"outcome\": \"maybe\"" text "${text}")
file(WRITE "${WORK_DIR}/broken-result.json" "${text}")
validate(result.schema.json 1 "${WORK_DIR}/broken-result.json")
