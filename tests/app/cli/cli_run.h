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

// `environment` replaces the process environment, so GITHUB_ACTIONS and tokens are the test's.
inline Run runInProcess(const QStringList& args, QProcessEnvironment environment = {}) {
  CommandContext context;
  context.environment = std::move(environment);
  CliApp app(context);
  std::ostringstream out;
  std::ostringstream err;
  Run run;
  run.exitCode = app.run(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace releasedesk::cli::testing
