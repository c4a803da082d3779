// `doctor`: can the desk work with this repository? Token, host, repository, permissions and
// rate limit, one line each.
#pragma once

#include "app/cli/command.h"

namespace releasedesk::cli {

class DoctorCommand final : public Command {
 public:
  explicit DoctorCommand(const CommandContext& context) : context_(context) {}
  QString name() const override { return QStringLiteral("doctor"); }
  QString summary() const override { return QStringLiteral("Check the token, repository and permissions"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
};

}  // namespace releasedesk::cli
