// The console's environment commands over the core's EnvironmentCheck and non-commit guard.
#include "app/cli/env_command.h"
#include "app/cli/json_document.h"

#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"
#include "app/cli/github_session.h"

#include "core/ci/display_text.h"
#include "core/ci/markdown_table.h"
#include "core/ci/workflow_commands.h"
#include "core/environment/committed_values.h"
#include "core/environment/environment_check.h"
#include "core/environment/environment_json.h"
#include "core/environment/requirement_profile.h"
#include "core/io/regular_file.h"
#include "core/text/time_format.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <map>
#include <optional>

namespace releasedesk::cli {
namespace {

// The most committed-value annotations one scan-repo writes; the step summary counts the rest.
constexpr std::size_t kMaxAnnotations = 10;

void addEnvironmentOption(QCommandLineParser& parser) {
  parser.addOption(CommandLine::environmentOption(QStringLiteral("The GitHub environment (default: production).")));
}

// A file the user or the checkout names: a regular file of at most 1 MiB, read without blocking.
// std::nullopt with `error` set when it cannot be read (`error` stays empty when it is absent).
std::optional<std::string> readFile(const QString& path, std::string* error = nullptr) {
  FileRead read = readRegularFile(QFile::encodeName(path).toStdString(), kMaxProfileBytes);
  if (!read.ok()) {
    if (error) *error = read.problem == FileProblem::Missing ? std::string() : read.error;
    return std::nullopt;
  }
  return std::move(read.bytes);
}

// One annotation line; `file`/`line` may be empty/0.
std::string annotation(Severity severity, std::string_view title, std::string_view file, int line,
                       std::string_view message) {
  const char* command = severity == Severity::Error ? "error" : severity == Severity::Warning ? "warning" : "notice";
  std::string properties;
  if (!file.empty()) properties += "file=" + escapeWorkflowProperty(file);
  if (line > 0) properties += ",line=" + std::to_string(line);
  if (!title.empty())
    properties += std::string(properties.empty() ? "" : ",") + "title=" + escapeWorkflowProperty(title);
  return "::" + std::string(command) + (properties.empty() ? "" : " " + properties) +
         "::" + escapeWorkflowData(message);
}

// Runs the check and waits. Prints why and returns std::nullopt when there is no report.
std::optional<EnvironmentCheckOutcome> runCheck(GitHubSession& session, EnvironmentCheckRequest request,
                                                std::ostream& err, const CommandContext& context) {
  std::optional<EnvironmentCheckOutcome> outcome;
  EnvironmentCheck check(session.client());
  check.run(std::move(request), [&outcome](EnvironmentCheckOutcome o) { outcome = std::move(o); });
  session.waitUntil([&outcome] { return outcome.has_value(); });
  const std::string program = context.programName.toStdString();
  if (outcome->connectionError) {
    err << program << ": " << printable(outcome->connectionError->message) << '\n';
    return std::nullopt;
  }
  if (!outcome->profileErrors.empty()) {
    for (const std::string& e : outcome->profileErrors) err << program << ": " << printable(e) << '\n';
    return std::nullopt;
  }
  return outcome;
}

std::string statusWord(ItemStatus status) {
  std::string word(toString(status));
  word.resize(8, ' ');
  return word;
}

// `text` without the reasons lists could not be read: the report's notes give each once, so a
// server's message is not repeated for every name it hides.
std::string withoutListReasons(std::string text, const CompletenessReport& report) {
  for (const std::string& level : report.unreadableLevels) {
    const auto colon = level.find(": ");
    if (colon == std::string::npos) continue;
    const std::string quoted = " (" + level.substr(colon + 2) + ")";
    for (auto at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at))
      text.erase(at, quoted.size());
  }
  return text;
}

void printText(const CompletenessReport& report, std::ostream& out) {
  out << "Environment '" << printable(report.environment) << "' of " << printable(report.repository) << ": "
      << (report.complete() ? "complete" : "incomplete") << " (" << report.summary() << ")\n";
  // A list GitHub refused gives every name the same message: say it in full once.
  std::map<std::string, std::string> firstSaidFor;
  for (const CompletenessItem& item : report.items) {
    out << "  [" << statusWord(item.status) << "] " << std::left << std::setw(38) << item.name << std::setw(9)
        << toString(item.kind) << std::setw(9)
        << (item.required   ? "required"
            : item.needed() ? "needed"
                            : "optional")
        << (item.source ? std::string(toString(*item.source)) + (item.inherited() ? " (inherited)" : "") : "-");
    if (item.kind == ConfigKind::Variable && item.source) out << "  " << printable(item.value);
    if (item.kind == ConfigKind::Secret && item.updatedAt) out << "  updated " << formatLocalTime(*item.updatedAt);
    out << '\n';
    for (const ItemMessage& m : item.messages) {
      const std::string text = withoutListReasons(m.text, report);
      const auto [said, first] = firstSaidFor.try_emplace(text, item.name);
      out << "      " << toString(m.severity) << ": "
          << (first ? printable(text) : "the same as for " + said->second + " above") << '\n';
    }
  }
  for (const WorkflowFinding& f : report.workflowFindings)
    out << toString(f.severity) << ": " << printable(f.message) << '\n';
  for (const ItemMessage& n : report.notes) out << toString(n.severity) << ": " << printable(n.text) << '\n';
}

// One annotation per distinct message: the names that share it are counted in the title.
void writeItemAnnotations(const CompletenessReport& report, std::ostream& stream) {
  struct Shared {
    Severity severity;
    std::string firstName;
    std::size_t others = 0;
  };
  std::vector<std::pair<std::string, Shared>> messages;
  for (const CompletenessItem& item : report.items) {
    for (const ItemMessage& m : item.messages) {
      if (m.severity == Severity::Info) continue;
      std::string text = withoutListReasons(m.text, report);
      const auto it = std::find_if(messages.begin(), messages.end(), [&](const auto& entry) {
        return entry.first == text && entry.second.severity == m.severity;
      });
      if (it != messages.end())
        ++it->second.others;
      else
        messages.emplace_back(std::move(text), Shared{m.severity, item.name});
    }
  }
  for (const auto& [text, shared] : messages) {
    const std::string title =
        shared.firstName + (shared.others == 0 ? "" : " and " + std::to_string(shared.others) + " more");
    stream << annotation(shared.severity, title, "", 0, text) << '\n';
  }
}

}  // namespace

int EnvCheckCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("Check that the GitHub environment holds every variable and secret the production "
                                  "stage needs: resolved environment > repository > organization, with format and "
                                  "custom-domain rules, and every vars.*/secrets.* the workflow uses.\n"
                                  "Exit codes: 0 complete, 1 incomplete (required missing, invalid or unknown), "
                                  "2 usage or connection error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  addEnvironmentOption(parser);
  parser.addOption({QStringLiteral("profile"),
                    QStringLiteral("A requirement profile file (default: .github/releasedesk/profile.json in the "
                                   "repository, through the contents API; the built-in profile when absent)."),
                    QStringLiteral("file")});
  parser.addOption({QStringLiteral("workflow"),
                    QStringLiteral("The production workflow file to scan (default: the profile's, read through the "
                                   "contents API)."),
                    QStringLiteral("file")});
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string program = context_.programName.toStdString();

  EnvironmentCheckRequest request;
  request.environment = parser.value(CommandLine::environmentOption()).toStdString();
  if (parser.isSet(QStringLiteral("profile"))) {
    const QString path = parser.value(QStringLiteral("profile"));
    std::string error;
    request.profileText = readFile(path, &error);
    if (!request.profileText) {
      err << program << " env check: cannot read the profile: "
          << printable(error.empty() ? "there is no file " + path.toStdString() : error) << ".\n";
      return kExitUsage;
    }
    request.profilePath = path.toStdString();
  }
  if (parser.isSet(QStringLiteral("workflow"))) {
    const QString path = parser.value(QStringLiteral("workflow"));
    std::string error;
    request.workflowText = readFile(path, &error);
    if (!request.workflowText) {
      err << program << " env check: cannot read the workflow: "
          << printable(error.empty() ? "there is no file " + path.toStdString() : error) << ".\n";
      return kExitUsage;
    }
    request.workflowPath = path.toStdString();
  }

  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  const RequestCounters before = session.client().counters();
  const auto outcome = runCheck(session, std::move(request), err, context_);
  if (!outcome) return kExitUsage;
  const CompletenessReport& report = outcome->report;
  const bool truncated = session.warnIfTruncated((session.client().counters() - before).truncatedLists, err);

  if (parser.isSet(CommandLine::jsonOption()))
    writeJsonDocument(out, GitHubSession::withTruncated(toJson(report), truncated));
  else
    printText(report, out);

  if (context_.inGitHubActions()) {
    // Annotations go to stdout, where the runner reads them; with --json they go to stderr so
    // the document stays parseable.
    std::ostream& stream = parser.isSet(CommandLine::jsonOption()) ? err : out;
    writeItemAnnotations(report, stream);
    for (const ItemMessage& n : report.notes)
      if (n.severity != Severity::Info) stream << annotation(n.severity, "environment", "", 0, n.text) << '\n';
    for (const WorkflowFinding& f : report.workflowFindings)
      stream << annotation(f.severity, "workflow", report.workflowPath, f.line, f.message) << '\n';
    appendStepSummary(context_, completenessMarkdown(report), err);
  }
  return report.complete() ? kExitOk : kExitFailed;
}

int EnvScanRepoCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(
      context_, name(),
      QStringLiteral("Look through a checkout's tracked files (git ls-files; every file but .git when "
                     "it is not a git checkout) for the environment's concrete variable values, which "
                     "the runbook forbids committing. Reports file:line and the variable, never the "
                     "value. At most 10 values become annotations under GitHub Actions; the step "
                     "summary lists them all.\nExit codes: 0 nothing found, 1 values found, 2 usage or connection "
                     "error."),
      QStringLiteral("<dir>"));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  addEnvironmentOption(parser);
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string program = context_.programName.toStdString();
  if (parser.positionalArguments().size() != 1) {
    err << program << " env scan-repo: give exactly one checkout folder.\n";
    return kExitUsage;
  }
  const QString dir = parser.positionalArguments().first();
  if (!QFileInfo(dir).isDir()) {
    err << program << " env scan-repo: " << dir.toStdString() << " is not a folder.\n";
    return kExitUsage;
  }

  // The checkout's own profile and infra README decide which variables exist.
  EnvironmentCheckRequest request;
  request.environment = parser.value(CommandLine::environmentOption()).toStdString();
  request.fetchDocuments = false;
  request.workflowText = std::string();  // the workflow does not matter here
  const QDir root(dir);
  request.profileText = readFile(root.filePath(QString::fromStdString(std::string(kDefaultProfilePath))));
  request.infraReadmeText = readFile(root.filePath(QStringLiteral("infra/azure/README.md")));

  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  const RequestCounters before = session.client().counters();
  const auto outcome = runCheck(session, std::move(request), err, context_);
  if (!outcome) return kExitUsage;
  const bool truncated = session.warnIfTruncated((session.client().counters() - before).truncatedLists, err);
  const std::vector<GuardedValue> values =
      guardedValues(outcome->snapshot, outcome->report, outcome->profile.nonCommitGuard);

  std::optional<std::vector<std::string>> tracked;
  QProcess git;
  git.start(QStringLiteral("git"), {QStringLiteral("-C"), dir, QStringLiteral("ls-files"), QStringLiteral("-z")});
  if (git.waitForFinished(60000) && git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0) {
    tracked.emplace();
    for (const QByteArray& path : git.readAllStandardOutput().split('\0')) {
      if (!path.isEmpty()) tracked->push_back(path.toStdString());
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const RepositoryScan scan = scanRepository(dir.toStdString(), values, tracked);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();

  if (parser.isSet(CommandLine::jsonOption())) {
    const RepositoryScanReport report{outcome->report.environment, dir.toStdString(), tracked.has_value(),
                                      values.size(), scan};
    writeJsonDocument(out, GitHubSession::withTruncated(toJson(report), truncated));
  } else {
    for (const CommittedValueHit& hit : scan.hits) {
      out << printable(hit.path) << ':' << hit.line << ": the value of " << hit.name << " (environment '"
          << printable(outcome->report.environment) << "') is committed here.\n";
    }
    out << (scan.hits.empty() ? "No committed production values"
                              : countOf(scan.hits.size(), "committed production value"))
        << " found in " << countOf(scan.filesScanned, "file") << " (" << (tracked ? "git ls-files" : "directory walk")
        << ", " << countOf(values.size(), "value") << " checked, " << elapsed << " ms).\n";
  }
  for (const std::string& path : scan.unreadable) err << "warning: cannot read " << printable(path) << '\n';
  if (context_.inGitHubActions()) {
    // A runner shows only so many annotations: the first kMaxAnnotations hits are annotated on
    // their line, and the summary lists every hit and says how many were not annotated.
    std::ostream& stream = parser.isSet(CommandLine::jsonOption()) ? err : out;
    const std::size_t annotated = std::min(scan.hits.size(), kMaxAnnotations);
    for (std::size_t i = 0; i < annotated; ++i) {
      const CommittedValueHit& hit = scan.hits[i];
      stream << annotation(Severity::Error, "committed production value", hit.path, hit.line,
                           "The value of " + hit.name + " is committed here: keep it in the environment '" +
                               outcome->report.environment + "' only.")
             << '\n';
    }
    std::string md = "### Committed production values in `" + dir.toStdString() + "`\n\n";
    if (scan.hits.empty()) {
      md += "None found in " + countOf(scan.filesScanned, "file") + " (" + countOf(values.size(), "value") +
            " of environment '" + outcome->report.environment + "' checked).\n";
    } else {
      md += countOf(scan.hits.size(), "committed value") + " found in " + countOf(scan.filesScanned, "file") + ".";
      if (scan.hits.size() > annotated) {
        md += " The first " + std::to_string(annotated) + " are annotated; " +
              countOf(scan.hits.size() - annotated, "more is", "more are") + " listed here only.";
      }
      md += "\n\n| File | Line | Variable |\n|---|---|---|\n";
      for (const CommittedValueHit& hit : scan.hits) {
        md +=
            "| " + markdownCell(hit.path) + " | " + std::to_string(hit.line) + " | " + markdownCell(hit.name) + " |\n";
      }
    }
    appendStepSummary(context_, md, err);
  }
  return scan.hits.empty() ? kExitOk : kExitFailed;
}

}  // namespace releasedesk::cli
