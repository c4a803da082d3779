#include "app/cli/doctor_command.h"
#include "app/cli/json_document.h"

#include "app/cli/command_line.h"
#include "app/cli/github_session.h"

#include "app/cli/github_actions.h"

#include "core/ci/markdown_table.h"
#include "core/ci/workflow_commands.h"
#include "core/github/connection_doctor.h"
#include "core/github/connection_doctor_json.h"

#include <iomanip>
#include <optional>

namespace releasedesk::cli {

int DoctorCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("Check that the token is present and valid, the host answers, the repository is "
                                  "visible, the token has the permissions the desk needs (variables and secrets "
                                  "read, actions read/write, deployments read), and how much rate limit is left.\n"
                                  "The token comes from GH_TOKEN or GITHUB_TOKEN (GH_ENTERPRISE_TOKEN for GitHub "
                                  "Enterprise Server); it is never taken from the command line.\n"
                                  "Exit codes: 0 every check holds (warnings allowed), 1 a check failed (the "
                                  "token among them), 2 usage error or no connection (the host cannot be "
                                  "reached)."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption(CommandLine::environmentOption());
  parser.addOption({QStringLiteral("workflow"),
                    QStringLiteral("The production workflow file (default: production-stage.yml)."),
                    QStringLiteral("file"), QStringLiteral("production-stage.yml")});
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;

  GitHubSession session(context_);
  // The doctor runs without a token: saying that one is missing is one of its checks.
  if (!session.open(parser, err, GitHubSession::Token::Optional)) return kExitUsage;
  // The doctor is asked to look at the token's permissions now: no refusal remembered by an earlier
  // command is served, and an answer that now succeeds replaces it in the cache.
  session.client().rememberRefusals({}, {});

  DoctorOptions options;
  options.environment = parser.value(CommandLine::environmentOption()).toStdString();
  options.productionWorkflow = parser.value(QStringLiteral("workflow")).toStdString();
  options.tokenPresent = session.hasToken();
  options.tokenSource = session.tokenSource().toStdString();

  std::optional<DoctorReport> report;
  runConnectionDoctor(session.client(), options, [&report](DoctorReport r) { report = std::move(r); });
  session.waitUntil([&report] { return report.has_value(); });

  if (parser.isSet(CommandLine::jsonOption())) {
    writeJsonDocument(out,
                      toJson(*report, session.client().config().apiBase, session.client().config().repo.fullName()));
  } else {
    out << "ReleaseDesk doctor: " << session.client().config().repo.fullName() << " at "
        << session.client().config().apiBase << '\n';
    for (const DoctorCheck& check : report->checks) {
      const char* mark = check.status == CheckStatus::Ok        ? "ok  "
                         : check.status == CheckStatus::Warning ? "warn"
                                                                : "FAIL";
      out << "  [" << mark << "] " << std::left << std::setw(30) << check.name << check.message << '\n';
    }
    out << (report->allHold() ? "All checks hold.\n" : "Some checks failed: see above for what to do.\n");
  }
  if (context_.inGitHubActions()) {
    std::string md = "### ReleaseDesk doctor: " + session.client().config().repo.fullName() + " at " +
                     session.client().config().apiBase + "\n\n| Check | Status | Message |\n|---|---|---|\n";
    for (const DoctorCheck& check : report->checks) {
      md += "| " + markdownCell(check.name) + " | " + std::string(toString(check.status)) + " | " +
            markdownCell(check.message) + " |\n";
    }
    std::ostream& stream = parser.isSet(CommandLine::jsonOption()) ? err : out;
    for (const DoctorCheck& check : report->checks) {
      if (check.status == CheckStatus::Failed)
        stream << "::error title=" << escapeWorkflowProperty("doctor: " + check.name)
               << "::" << escapeWorkflowData(check.message) << '\n';
    }
    appendStepSummary(context_, md, err);
  }
  // No connection is the console's exit 2, as for every other command.
  if (report->noConnection) return kExitUsage;
  return report->allHold() ? kExitOk : kExitFailed;
}

}  // namespace releasedesk::cli
