// `timeline`: the production stage's runs as text or JSON — sha, class, phases, outcome, what is
// live — and, with --dora, the DORA figures over the window.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class TimelineCommand final : public Command {
 public:
  explicit TimelineCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("timeline"); }
  QString summary() const override { return QStringLiteral("Production runs, what is live, DORA figures"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
