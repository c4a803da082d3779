# The ctest driver of the GraphQL schema test: write_graphql_documents writes every document the
# client can send and a request body of each operation; validate.mjs checks them against GitHub's
# published schema (npm @octokit/graphql-schema) with the reference validator (npm graphql), both
# pinned in package-lock.json. Then deliberately broken copies (a field CheckRun does not have, a
# variable of the wrong type, a missing required variable) must be reported invalid, so the test
# cannot pass by looking at nothing.
#
#   cmake -DNODE=<node> -DNPM=<npm> -DSOURCE_DIR=<tests/graphql> -DWRITER=<write_graphql_documents>
#         -DWORK_DIR=<scratch dir> -P run-graphql-test.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var NODE NPM SOURCE_DIR WRITER WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "run-graphql-test.cmake: -D${var}=... is required")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/../npm-ci.cmake")
set(schema "${SOURCE_DIR}/node_modules/@octokit/graphql-schema/schema.graphql")
releasedesk_npm_ci(graphql "${SOURCE_DIR}" "${NPM}" "${schema}" "${SOURCE_DIR}/node_modules/graphql/package.json")

file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${WRITER}" "${WORK_DIR}/client" RESULT_VARIABLE result OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(NOT result STREQUAL "0")
  message(FATAL_ERROR "write_graphql_documents exited ${result}: ${output}")
endif()

function(validate expect)
  execute_process(
    COMMAND "${NODE}" "${SOURCE_DIR}/validate.mjs" "${schema}" ${ARGN}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(NOT result STREQUAL expect)
    message(FATAL_ERROR "expected exit ${expect} from the validator, got ${result}")
  endif()
endfunction()

file(GLOB documents "${WORK_DIR}/client/*.graphql")
file(GLOB bodies "${WORK_DIR}/client/*.request.json")
list(LENGTH documents document_count)
list(LENGTH bodies body_count)
if(NOT document_count EQUAL 4 OR NOT body_count EQUAL 5)
  message(FATAL_ERROR "expected 4 documents and 5 request bodies, found ${document_count} and ${body_count}")
endif()
validate(0 ${documents} ${bodies})

# Broken copies, each of which the validator must refuse on its own.
function(broken name source from to)
  file(READ "${source}" text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: `${from}` is not in ${source}; update the broken copy")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE "${WORK_DIR}/broken/${name}" "${text}")
  validate(1 "${WORK_DIR}/broken/${name}")
endfunction()

set(client "${WORK_DIR}/client")
# A field CheckRun does not have.
broken(unknown-field.graphql "${client}/TimelineNodes.graphql" "completedAt\n            steps"
  "nonexistentField\n            steps")
# The same inside a request body.
broken(unknown-field.request.json "${client}/TimelineNodes-1.request.json" "databaseId\\n            name"
  "databaseId\\n            nonexistentField")
# A variable of the wrong type (an ID list given a boolean; ID takes strings and integers).
broken(wrong-type.request.json "${client}/TimelineNodes-1.request.json" "\"ids\":[" "\"ids\":[true,")
# A required variable missing.
broken(missing-variable.request.json "${client}/CommitTimes-1.request.json" ",\"owner\":\"contoso\"" "")
