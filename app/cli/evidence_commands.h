// `evidence verify` and `evidence list`: the candidate contract on the console.
#pragma once

#include "app/cli/command.h"

namespace releasedesk {
struct EvidenceReport;
}

namespace releasedesk::cli {

class EvidenceVerifyCommand final : public Command {
 public:
  explicit EvidenceVerifyCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("evidence verify"); }
  QString summary() const override { return QStringLiteral("Verify one candidate's evidence manifest"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  int report(const EvidenceReport& report, const QString& source, bool json, std::ostream& out,
             std::ostream& err) const;

  const CommandContext& context_;
};

class EvidenceListCommand final : public Command {
 public:
  explicit EvidenceListCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("evidence list"); }
  QString summary() const override { return QStringLiteral("List the candidates of an .artifacts tree"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
