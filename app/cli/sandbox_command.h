// `sandbox serve`: the built-in sandbox repository over HTTP on 127.0.0.1, with fault injection,
// for trying the console and the desk against GitHub-shaped answers and for integration tests.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class SandboxServeCommand final : public Command {
 public:
  explicit SandboxServeCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("sandbox serve"); }
  QString summary() const override { return QStringLiteral("Serve the sandbox repository over HTTP on 127.0.0.1"); }
  // Serves until SIGINT or SIGTERM, then returns 0; 2 when the port is taken or the options are wrong.
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
