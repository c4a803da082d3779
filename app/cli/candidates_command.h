// `candidates`: the repository's candidates from its acceptance runs, newest first, with their
// verdict and how each stands against what is live.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class CandidatesCommand final : public Command {
 public:
  explicit CandidatesCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("candidates"); }
  QString summary() const override { return QStringLiteral("Candidates and their relation to live"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
