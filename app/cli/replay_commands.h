// `replay` and `rollback`: dispatch production-stage.yml for an accepted candidate after a
// preflight checklist, confirmed, sent once and journaled; with --follow, the run to its end.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

// `replay --sha SHA` and `rollback [--to SHA]` (the proposed target: the candidate live before
// the current one) share the preflight, the dispatch and the follow.
class ReplayCommand final : public Command {
 public:
  ReplayCommand(const CommandContext& context, bool rollback) : context_(context), rollback_(rollback) {}
  QString name() const override { return rollback_ ? QStringLiteral("rollback") : QStringLiteral("replay"); }
  QString summary() const override {
    return rollback_ ? QStringLiteral("Roll production back to an older accepted candidate")
                     : QStringLiteral("Replay an accepted candidate to production");
  }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
  bool rollback_;
};

}  // namespace releasedesk::cli
