// `pending`, `approve` and `reject`: the production runs waiting for a review, and a review of
// one of them, gated by its grounds, confirmed, sent once and journaled.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class PendingCommand final : public Command {
 public:
  explicit PendingCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("pending"); }
  QString summary() const override { return QStringLiteral("Production runs waiting for a review"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

// `approve` and `reject` share everything but the gate and the words.
class ReviewCommand final : public Command {
 public:
  ReviewCommand(const CommandContext& context, bool approve) : context_(context), approve_(approve) {}
  QString name() const override { return approve_ ? QStringLiteral("approve") : QStringLiteral("reject"); }
  QString summary() const override {
    return approve_ ? QStringLiteral("Approve a waiting production run")
                    : QStringLiteral("Reject a waiting production run");
  }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
  bool approve_;
};

}  // namespace releasedesk::cli
