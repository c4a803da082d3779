# The ctest driver of the schema test: every --json document the console writes is validated
# against its JSON Schema in resources/schema with a real validator (npm ajv, pinned in
# package-lock.json):
#   1. installs ajv with `npm ci`, only when node_modules is missing or package-lock.json changed;
#   2. runs each command with --json against the in-process sandbox (--sandbox) and the sample
#      artifacts, keeping each document in WORK_DIR;
#   3. runs validate.mjs over every (schema, document) pair.
#
#   cmake -DNODE=<node> -DNPM=<npm> -DSOURCE_DIR=<tests/schema> -DCLI=<releasedesk-cli>
#         -DSCHEMA_DIR=<resources/schema> -DSAMPLE_DIR=<resources/sample-artifacts>
#         -DWORKFLOW=<resources/workflows/production-stage.yml> -DWORK_DIR=<scratch dir>
#         -P run-schema-test.cmake
#
# To validate more documents, append to `pairs` with releasedesk_schema_document() below.
cmake_minimum_required(VERSION 3.25)

foreach(var NODE NPM SOURCE_DIR CLI SCHEMA_DIR SAMPLE_DIR WORKFLOW WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "run-schema-test.cmake: -D${var}=... is required")
  endif()
endforeach()

# ---- 1. node_modules, at most once per package-lock.json ---------------------------------------
include("${CMAKE_CURRENT_LIST_DIR}/../npm-ci.cmake")
releasedesk_npm_ci(schema "${SOURCE_DIR}" "${NPM}" "${SOURCE_DIR}/node_modules/ajv/dist/2020.js"
  "${SOURCE_DIR}/node_modules/ajv-formats/dist/index.js")

# ---- 2. the documents --------------------------------------------------------------------------
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/state")
# The acting commands journal their decisions here; nothing of the user's is touched. No token
# and no GitHub variable leaks in from the environment running ctest.
set(ENV{XDG_STATE_HOME} "${WORK_DIR}/state")
foreach(var GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_REPOSITORY GITHUB_API_URL GH_TOKEN GITHUB_TOKEN
            RELEASEDESK_SANDBOX_CLOCK_RATE)
  unset(ENV{${var}})
endforeach()

set(pairs "")
# releasedesk_schema_document(<name> <schema file> <allowed exit codes> <args>...): runs the
# console with `args`, checks its exit code is one of `allowed` (a ;-list) and queues
# WORK_DIR/<name>.json for validation against `schema`.
function(releasedesk_schema_document name schema allowed)
  execute_process(
    COMMAND "${CLI}" ${ARGN}
    RESULT_VARIABLE result
    OUTPUT_FILE "${WORK_DIR}/${name}.json"
    ERROR_VARIABLE errors)
  if(NOT result IN_LIST allowed)
    message(FATAL_ERROR "schema: `releasedesk-cli ${ARGN}` exited ${result} (expected ${allowed}):\n${errors}")
  endif()
  set(pairs ${pairs} "${schema}=${WORK_DIR}/${name}.json" PARENT_SCOPE)
endfunction()

set(accepted "${SAMPLE_DIR}/acceptance/4bd780cba4864856691dedee9ca56d1ea87442c5/evidence-manifest.json")
set(invalid "${SAMPLE_DIR}/acceptance/6a6d61aec083f3429116cd5863b44cb82ed38300/evidence-manifest.json")
releasedesk_schema_document(evidence-verify-accepted evidence-verify.schema.json 0 evidence verify --json "${accepted}")
releasedesk_schema_document(evidence-verify-invalid evidence-verify.schema.json 1 evidence verify --json "${invalid}")
releasedesk_schema_document(evidence-list evidence-list.schema.json 0 evidence list --json --artifacts "${SAMPLE_DIR}")
# The sandbox's token may not list the organization's secrets: the doctor fails that one check.
releasedesk_schema_document(doctor doctor.schema.json "0;1" doctor --sandbox --json)
releasedesk_schema_document(env-check env-check.schema.json "0;1" env check --sandbox --json)
releasedesk_schema_document(env-scan-repo env-scan-repo.schema.json "0;1" env scan-repo --sandbox --json "${SAMPLE_DIR}")
releasedesk_schema_document(timeline timeline.schema.json 0 timeline --sandbox --json --dora)
releasedesk_schema_document(timeline-without-dora timeline.schema.json 0 timeline --sandbox --json --since 2d)
releasedesk_schema_document(candidates candidates.schema.json 0 candidates --sandbox --json)
releasedesk_schema_document(pending pending.schema.json 0 pending --sandbox --json)

# The sandbox is the same in every command: its waiting run is the one pending lists.
file(READ "${WORK_DIR}/pending.json" pending)
string(JSON waiting_run GET "${pending}" pending 0 runId)
releasedesk_schema_document(approve-refused review.schema.json 1 approve --sandbox --json --yes --run "${waiting_run}")
releasedesk_schema_document(approve review.schema.json 0
  approve --sandbox --json --yes --run "${waiting_run}" --override "schema test")
releasedesk_schema_document(reject review.schema.json 0
  reject --sandbox --json --yes --run "${waiting_run}" --comment "schema test")
releasedesk_schema_document(replay replay.schema.json 0 replay --sandbox --json --yes --sha 4bd780c --override "schema test")
releasedesk_schema_document(replay-refused replay.schema.json 1 replay --sandbox --json --yes --sha 4bd780c)
releasedesk_schema_document(rollback replay.schema.json 0 rollback --sandbox --json --yes --override "schema test")
releasedesk_schema_document(decisions decisions.schema.json 0 decisions --json)
releasedesk_schema_document(workflow-lint workflow-lint.schema.json 0 workflow lint --json "${WORKFLOW}")
file(WRITE "${WORK_DIR}/broken.yml" "on: [push\njobs: {}\n")
releasedesk_schema_document(workflow-lint-broken workflow-lint.schema.json 2 workflow lint --json "${WORK_DIR}/broken.yml")

# ---- 3. validation -----------------------------------------------------------------------------
execute_process(
  COMMAND "${NODE}" "${SOURCE_DIR}/validate.mjs" "${SCHEMA_DIR}" ${pairs}
  RESULT_VARIABLE result)
if(NOT result STREQUAL "0")
  message(FATAL_ERROR "schema: some --json documents do not match their schema (see above)")
endif()
