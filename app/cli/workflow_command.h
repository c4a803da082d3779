// `workflow lint`: does the production-stage workflow file follow the runbook?
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class WorkflowLintCommand final : public Command {
 public:
  explicit WorkflowLintCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("workflow lint"); }
  QString summary() const override { return QStringLiteral("Check the production workflow against the runbook"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
