// `decisions`: the local decision journal, newest first.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class DecisionsCommand final : public Command {
 public:
  explicit DecisionsCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("decisions"); }
  QString summary() const override { return QStringLiteral("The decision journal, newest first"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
