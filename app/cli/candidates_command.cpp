// `releasedesk-cli candidates [--json]` over the GitHub session.
#include "app/cli/candidates_command.h"
#include "app/cli/json_document.h"

#include "app/cli/action_inputs.h"
#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"
#include "app/cli/github_session.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

namespace releasedesk::cli {
namespace {

using Json = nlohmann::ordered_json;

// "live", "newer", "older", "never": one word for tables and JSON.
std::string relationWord(const CandidateRelation* relation) {
  if (relation == nullptr || relation->relation == LiveRelation::NeverDeployed) return "never";
  return std::string(toString(relation->relation));
}

Json nullable(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json candidatesJson(const CandidateRelations& view) {
  Json live = nullptr;
  if (view.relations.live)
    live = Json{{"sha", view.relations.live->sha}, {"deploymentId", view.relations.live->deploymentId}};
  Json candidates = Json::array();
  for (const ActionCandidate& c : view.candidates) {
    Json scope = Json::object();
    for (const auto& [key, value] : c.manifest.scope) scope[key] = value;
    Json findings = Json::array();
    if (const CandidateEntry* entry = view.catalog.find(c.sha)) {
      for (const Finding& f : entry->report.findings)
        findings.push_back(
            {{"severity", std::string(toString(f.severity))}, {"pointer", f.pointer}, {"message", f.message}});
    }
    candidates.push_back(
        {{"sha", c.sha},
         {"verdict", std::string(toString(c.verdict))},
         {"relation", relationWord(view.relations.find(c.sha))},
         {"acceptanceRunId", c.acceptanceRunId ? Json(*c.acceptanceRunId) : Json(nullptr)},
         {"kind", nullable(c.manifest.kind)},
         {"scope", scope},
         {"candidate", {{"apiRef", nullable(c.manifest.apiRef)}, {"webRef", nullable(c.manifest.webRef)}}},
         {"findings", findings}});
  }
  return Json{{"live", live}, {"candidates", candidates}};
}

std::string scopeText(const EvidenceManifest& manifest) {
  std::string text;
  for (const auto& [key, value] : manifest.scope) {
    if (!value) continue;
    text += (text.empty() ? "" : ",") + key;
  }
  return text.empty() ? "-" : text;
}

std::string markdown(const CandidateRelations& view, const std::string& repository) {
  std::string md = "### Candidates of " + repository + "\n\n";
  md += view.relations.live ? "Live: `" + view.relations.live->sha + "`\n\n" : "Nothing is live.\n\n";
  md += "| Candidate | Verdict | Relation to live | Kind | Acceptance run |\n|---|---|---|---|---|\n";
  for (const ActionCandidate& c : view.candidates) {
    md += "| `" + c.sha.substr(0, 12) + "` | " + std::string(toString(c.verdict)) + " | " +
          relationWord(view.relations.find(c.sha)) + " | " + (c.manifest.kind.empty() ? "-" : c.manifest.kind) + " | " +
          (c.acceptanceRunId ? std::to_string(*c.acceptanceRunId) : "-") + " |\n";
  }
  return md;
}

}  // namespace

int CandidatesCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("List the repository's candidates from its acceptance runs, newest first: the "
                                  "evidence verdict, how each stands against what is live (live, newer, older: a "
                                  "replay of it is a rollback, never deployed), kind, scope and digest refs.\n"
                                  "Exit codes: 0 listed, 2 usage or connection error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string command = context_.programName.toStdString() + " candidates";
  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  const std::string environment = parser.value(CommandLine::environmentOption()).toStdString();
  const auto context = readContext(session, environment, {true, false, false}, command, err);
  if (!context) return kExitUsage;
  const CandidateRelations* view = &*context->candidates;
  const bool truncated = session.warnIfTruncated(context->cost.truncatedLists, err);

  if (parser.isSet(CommandLine::jsonOption())) {
    Json doc = candidatesJson(*view);
    doc["truncated"] = truncated;
    writeJsonDocument(out, doc.dump());
  } else {
    out << "Candidates of " << session.client().config().repo.fullName() << " (" << view->candidates.size()
        << "), newest first\n";
    out << std::left << std::setw(14) << "SHA" << std::setw(10) << "VERDICT" << std::setw(9) << "RELATION"
        << std::setw(10) << "KIND" << std::setw(16) << "ACCEPTANCE RUN"
        << "SCOPE" << '\n';
    for (const ActionCandidate& c : view->candidates) {
      out << std::setw(14) << c.sha.substr(0, 12) << std::setw(10) << std::string(toString(c.verdict)) << std::setw(9)
          << relationWord(view->relations.find(c.sha)) << std::setw(10)
          << (c.manifest.kind.empty() ? "-" : c.manifest.kind) << std::setw(16)
          << (c.acceptanceRunId ? std::to_string(*c.acceptanceRunId) : "-") << scopeText(c.manifest) << '\n';
    }
    out << std::right;
    if (view->relations.live) {
      out << "Live in " << environment << ": " << view->relations.live->sha << " (deployment "
          << view->relations.live->deploymentId << ")\n";
    } else {
      out << "Live in " << environment << ": nothing\n";
    }
  }
  if (context_.inGitHubActions())
    appendStepSummary(context_, markdown(*view, session.client().config().repo.fullName()), err);
  return kExitOk;
}

}  // namespace releasedesk::cli
