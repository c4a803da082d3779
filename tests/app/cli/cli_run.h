// Runs the console in-process with captured output, for the command tests.
#pragma once

#include "app/cli/cli_app.h"

#include <sstream>
#include <string>

namespace releasedesk::cli::testing {

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs with a context the test built (its input, terminal flag, shared sandbox).
inline Run runInProcess(const QStringList& args, const CommandContext& context) {
  CliApp app(context);
  std::ostringstream out;
  std::ostringstream err;
  Run run;
  run.exitCode = app.run(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// `environment` replaces the process environment, so GITHUB_ACTIONS and tokens are the test's.
// Nobody types: stdin is not a terminal and holds nothing.
inline Run runInProcess(const QStringList& args, QProcessEnvironment environment = {}) {
  static std::istringstream nothing;
  CommandContext context;
  context.environment = std::move(environment);
  context.input = &nothing;
  context.inputIsTerminal = false;
  return runInProcess(args, context);
}

}  // namespace releasedesk::cli::testing
