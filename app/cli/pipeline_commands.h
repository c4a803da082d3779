// The production stage's runbook jobs as single console calls, for GitHub Actions:
// `candidate load` (load-accepted-candidate), `stale-guard` (stale-guard) and `record`
// (production-stage-result). Each writes its decision to $GITHUB_OUTPUT for the next job.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class CandidateLoadCommand final : public Command {
 public:
  explicit CandidateLoadCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("candidate load"); }
  QString summary() const override { return QStringLiteral("Load and verify an accepted candidate's evidence"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

class StaleGuardCommand final : public Command {
 public:
  explicit StaleGuardCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("stale-guard"); }
  QString summary() const override { return QStringLiteral("May this run deploy its candidate? (fail closed)"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

class RecordCommand final : public Command {
 public:
  explicit RecordCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("record"); }
  QString summary() const override { return QStringLiteral("Write the production deployment record and result"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
