# Writes what is generated from releasedesk-cli's command table: the man page (gzipped) and the
# bash, zsh and fish completion scripts. Run by the build with -P.
# Inputs: CLI (the built releasedesk-cli), OUTPUT_DIR.
function(run_to_file file)
  # A binary linked a moment ago can still be open for writing in a process forked meanwhile by a
  # parallel build ("Text file busy"): wait and try again.
  foreach(attempt RANGE 10)
    execute_process(COMMAND "${CLI}" ${ARGN} OUTPUT_FILE "${file}" RESULT_VARIABLE result)
    if(NOT result MATCHES "busy")
      break()
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 1)
  endforeach()
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "releasedesk-cli ${ARGN} failed (${result})")
  endif()
endfunction()

file(MAKE_DIRECTORY "${OUTPUT_DIR}")
run_to_file("${OUTPUT_DIR}/releasedesk-cli.1" --man)
# -n: no name or time stamp in the header, so the package is reproducible.
execute_process(COMMAND gzip -9nf "${OUTPUT_DIR}/releasedesk-cli.1" COMMAND_ERROR_IS_FATAL ANY)
run_to_file("${OUTPUT_DIR}/releasedesk-cli.bash" completion bash)
run_to_file("${OUTPUT_DIR}/_releasedesk-cli" completion zsh)
run_to_file("${OUTPUT_DIR}/releasedesk-cli.fish" completion fish)
