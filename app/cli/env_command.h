// `env check` and `env scan-repo`: is the GitHub environment complete for the production stage,
// and does a checkout commit any of its concrete values?
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class EnvCheckCommand final : public Command {
 public:
  explicit EnvCheckCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("env check"); }
  QString summary() const override { return QStringLiteral("Check the environment's variables and secrets"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

class EnvScanRepoCommand final : public Command {
 public:
  explicit EnvScanRepoCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("env scan-repo"); }
  QString summary() const override { return QStringLiteral("Find committed production values in a checkout"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
