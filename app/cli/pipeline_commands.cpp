// The production stage's runbook jobs (candidate load, stale-guard, record) over the core: text,
// --json, annotations, the step summary and $GITHUB_OUTPUT. Every way a decision can go wrong
// fails closed: no digest refs, proceed=false, no record.
#include "app/cli/pipeline_commands.h"

#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"
#include "app/cli/github_session.h"

#include "core/actions/production_record.h"
#include "core/actions/stale_guard.h"
#include "core/ci/markdown_table.h"
#include "core/ci/workflow_commands.h"
#include "core/evidence/acceptance_evidence.h"
#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_json.h"
#include "core/evidence/evidence_markdown.h"
#include "core/github/commit_sha.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <chrono>
#include <iomanip>
#include <optional>

namespace releasedesk::cli {
namespace {

using Json = nlohmann::ordered_json;

const QString kShaOption = QStringLiteral("sha");
const QString kArtifactsOption = QStringLiteral("artifacts");
const QString kDefaultArtifacts = QStringLiteral(".artifacts");

QCommandLineOption shaOption() {
  return {kShaOption, QStringLiteral("The candidate's 40-character commit SHA."), QStringLiteral("sha")};
}

QCommandLineOption artifactsOption() {
  return {kArtifactsOption, QStringLiteral("The artifact tree (default: .artifacts)."), QStringLiteral("dir"),
          kDefaultArtifacts};
}

// <dir>/acceptance/<sha>/evidence-manifest.json
QString manifestPath(const QString& artifacts, const std::string& sha) {
  return QDir(artifacts).filePath(
      QStringLiteral("acceptance/%1/evidence-manifest.json").arg(QString::fromStdString(sha)));
}

// Writes `bytes` to a temporary file beside `path` and renames it over `path`, creating the
// folder: a reader sees the whole file or none.
bool writeAtomically(const QString& path, const std::string& bytes, std::string& error) {
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
    error = "cannot create the folder " + QFileInfo(path).absolutePath().toStdString();
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
      !file.commit()) {
    error = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
    return false;
  }
  return true;
}

// A step output name for a scope key: characters GitHub does not take in a name become '_'.
std::string scopeOutputName(const std::string& key) {
  std::string name = "scope_";
  for (const char c : key) name += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  return name;
}

// A sentence from outside (GitHub's, a manifest's) on a line of its own: it never starts a
// workflow command.
std::string safeLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (text.starts_with("::")) text.insert(0, " ");
  return text;
}

// The error of a command that stops: on `err`, and in GitHub Actions as an annotation (on `out`,
// or `err` when stdout holds a JSON document) that says why.
void reportError(const CommandContext& context, const std::string& title, const std::string& file,
                 const std::string& message, bool json, std::ostream& out, std::ostream& err) {
  err << "error: " << safeLine(message) << '\n';
  if (context.inGitHubActions()) {
    (json ? err : out) << annotationAt(Severity::Error, file, 0, 0, title, message) << '\n';
  }
}

// The session's client, waited on until `done` was called.
template <typename T, typename Start>
T await(GitHubSession& session, Start start) {
  std::optional<T> result;
  const std::shared_ptr<void> handle = start([&result](T value) { result.emplace(std::move(value)); });
  session.waitUntil([&result] { return result.has_value(); });
  return std::move(*result);
}

}  // namespace

// ---- candidate load ------------------------------------------------------------------------

int CandidateLoadCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(
      context_, name(),
      QStringLiteral("Load an accepted candidate for the production stage (job load-accepted-candidate). Reads "
                     "<dir>/acceptance/<sha>/evidence-manifest.json; when it is not there, downloads the evidence "
                     "artifact of the SHA's Acceptance Stage run from GitHub and writes it to that path. Then "
                     "verifies it with the candidate contract.\n"
                     "Outputs (text, --json, and $GITHUB_OUTPUT in GitHub Actions): sha, kind, api_ref, web_ref "
                     "and scope_<key>=true|false for every scope key.\n"
                     "Exit codes: 0 accepted; 1 not accepted, no acceptance run, no or expired evidence "
                     "artifact, or GitHub could not be read (fail closed: no ref outputs); 2 usage error."));
  auto& parser = line.parser();
  parser.addOption(shaOption());
  parser.addOption(artifactsOption());
  parser.addOption(CommandLine::jsonOption());
  GitHubSession::addOptions(parser);
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const bool json = parser.isSet(CommandLine::jsonOption());
  const std::string sha = parser.value(kShaOption).toStdString();
  const std::string prefix = context_.programName.toStdString() + " candidate load: ";
  if (!isCommitSha(sha)) {
    err << prefix << "--sha needs the full 40-character lowercase commit SHA"
        << (sha.empty() ? std::string() : ", not '" + safeLine(sha) + "'") << ".\n";
    return kExitUsage;
  }
  const QString path = manifestPath(parser.value(kArtifactsOption), sha);
  const std::string file = path.toStdString();
  const auto fail = [&](const std::string& message, Json fetched = nullptr) {
    reportError(context_, "candidate load", file, message, json, out, err);
    if (json) {
      out << Json{{"sha", sha},
                  {"path", file},
                  {"accepted", false},
                  {"fetched", std::move(fetched)},
                  {"error", message}}
                 .dump(-1, ' ', false, Json::error_handler_t::replace)
          << '\n';
    }
    if (context_.inGitHubActions()) {
      appendStepSummary(context_, "### ❌ Candidate " + sha + " not loaded\n\n" + markdownCell(message) + "\n", err);
    }
    return kExitFailed;
  };

  std::string bytes;
  Json fetched = nullptr;
  if (QFileInfo::exists(path)) {
    std::string error;
    if (!readManifestFile(QFile::encodeName(path).toStdString(), bytes, error)) {
      return fail("The evidence at " + file + " could not be read: " + error + ".");
    }
  } else {
    GitHubSession session(context_);
    if (!session.open(parser, err)) return fail("GitHub could not be asked for the evidence of " + sha + ".");
    const auto evidence = await<FetchedEvidence>(session, [&](auto done) {
      return fetchAcceptanceEvidence(session.client(), sha, CandidateFeedOptions{}, std::move(done));
    });
    if (evidence.runId != 0) {
      fetched = {{"runId", evidence.runId}, {"runUrl", evidence.runUrl}, {"artifact", evidence.artifactName}};
    }
    if (!evidence.ok()) return fail(evidence.message, fetched);
    std::string error;
    if (!writeAtomically(path, evidence.manifest, error))
      return fail("The evidence could not be saved: " + error + ".");
    bytes = evidence.manifest;
    err << "Downloaded " << evidence.artifactName << " of Acceptance Stage run " << evidence.runId << " to " << file
        << '\n';
  }

  const EvidenceReport report = verifyEvidence(bytes, VerifyOptions{sha});
  const EvidenceManifest& m = report.manifest;
  const bool accepted = report.verdict == Verdict::Accepted;
  StepOutputs outputs;
  if (accepted) {
    outputs = {{"sha", sha}, {"kind", m.kind}, {"api_ref", m.apiRef}, {"web_ref", m.webRef}};
    for (const auto& [key, value] : m.scope) outputs.emplace_back(scopeOutputName(key), value ? "true" : "false");
  }

  if (json) {
    Json doc{{"sha", sha}, {"path", file}, {"accepted", accepted}, {"fetched", fetched}};
    doc["verdict"] = std::string(toString(report.verdict));
    Json outputsJson = Json::object();
    for (const auto& [key, value] : outputs) outputsJson[key] = value;
    doc["outputs"] = outputsJson;
    doc["report"] = Json::parse(toJson(report, file), nullptr, false);
    out << doc.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  } else {
    out << "Candidate " << sha << ": " << toString(report.verdict) << '\n' << "  source: " << file << '\n';
    for (const auto& [key, value] : outputs) out << "  " << key << '=' << safeLine(value) << '\n';
    for (const Finding& f : report.findings) {
      out << "  " << std::left << std::setw(8) << toString(f.severity) << (f.pointer.empty() ? "/" : f.pointer) << ' '
          << safeLine(f.message) << '\n';
    }
  }
  if (context_.inGitHubActions()) {
    writeAnnotations(report.findings, file, json ? err : out);
    appendStepSummary(context_, reportToMarkdown(report, file), err);
  }
  if (!accepted) {
    const std::string why = "Candidate " + sha + " is " + std::string(toString(report.verdict)) +
                            ": the production stage deploys accepted candidates only (see the findings).";
    reportError(context_, "candidate load", file, why, json, out, err);
    return kExitFailed;
  }
  if (!writeStepOutputs(context_, outputs, err)) return kExitFailed;
  return kExitOk;
}

// ---- stale-guard ---------------------------------------------------------------------------

int StaleGuardCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(
      context_, name(),
      QStringLiteral("The stale-head guard of the production stage (job stale-guard). For an auto promotion "
                     "(workflow_run) the candidate proceeds only when it is the branch's head and not behind the "
                     "live deployment of the environment; a replay or rollback (workflow_dispatch) proceeds.\n"
                     "Outputs (text, --json, and $GITHUB_OUTPUT in GitHub Actions): proceed=true|false and "
                     "reason=<sentence>.\n"
                     "Exit codes: 0 decided (either way: read `proceed`); 1 undecided because something could "
                     "not be read (fail closed: proceed=false); 2 usage error."));
  auto& parser = line.parser();
  parser.addOption(shaOption());
  parser.addOption({QStringLiteral("event"),
                    QStringLiteral("The event that started the run (default: GITHUB_EVENT_NAME)."),
                    QStringLiteral("name")});
  parser.addOption({QStringLiteral("branch"), QStringLiteral("The branch auto promotions follow (default: main)."),
                    QStringLiteral("name"), QStringLiteral("main")});
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  GitHubSession::addOptions(parser);
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const bool json = parser.isSet(CommandLine::jsonOption());

  StaleGuardRequest request;
  request.sha = parser.value(kShaOption).toStdString();
  request.event = parser.isSet(QStringLiteral("event"))
                      ? parser.value(QStringLiteral("event")).toStdString()
                      : context_.environment.value(QStringLiteral("GITHUB_EVENT_NAME")).toStdString();
  request.branch = parser.value(QStringLiteral("branch")).toStdString();
  request.environment = parser.value(CommandLine::environmentOption()).toStdString();

  StaleGuardDecision decision;
  if (request.event == "workflow_run" && isCommitSha(request.sha)) {
    GitHubSession session(context_);
    if (session.open(parser, err)) {
      decision = await<StaleGuardDecision>(
          session, [&](auto done) { return runStaleGuard(session.client(), request, std::move(done)); });
    } else {
      decision.reason = "GitHub could not be asked about " + request.branch + " and the live " + request.environment +
                        " deployment: the connection is not configured.";
    }
  } else {
    decision = decideStaleGuard(request, {});
  }

  const std::string proceed = decision.proceed ? "true" : "false";
  if (json) {
    out << Json{{"sha", request.sha},          {"event", request.event},      {"branch", request.branch},
                {"decided", decision.decided}, {"proceed", decision.proceed}, {"reason", decision.reason}}
               .dump(-1, ' ', false, Json::error_handler_t::replace)
        << '\n';
  } else {
    out << "proceed=" << proceed << '\n' << "reason=" << safeLine(decision.reason) << '\n';
  }
  if (context_.inGitHubActions()) {
    std::ostream& commands = json ? err : out;
    if (!decision.decided) {
      commands << annotationAt(Severity::Error, "", 0, 0, "stale-guard", decision.reason) << '\n';
    } else if (!decision.proceed) {
      commands << annotationAt(Severity::Warning, "", 0, 0, "stale-guard", decision.reason) << '\n';
    } else {
      commands << annotationAt(Severity::Info, "", 0, 0, "stale-guard", decision.reason) << '\n';
    }
    appendStepSummary(context_,
                      std::string("### ") + (decision.proceed ? "✅ Proceed" : "⛔ Do not proceed") +
                          (decision.decided ? "" : " (undecided, fail closed)") + "\n\n" +
                          markdownCell(decision.reason) + "\n",
                      err);
  }
  const bool written = writeStepOutputs(context_, {{"proceed", proceed}, {"reason", decision.reason}}, err);
  if (!decision.decided) {
    err << "error: " << safeLine(decision.reason) << '\n';
    return kExitFailed;
  }
  return written ? kExitOk : kExitFailed;
}

// ---- record --------------------------------------------------------------------------------

int RecordCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(
      context_, name(),
      QStringLiteral("Write the production stage's record (job production-stage-result): "
                     "<dir>/production/<sha>/deployment-record.json (what was deployed, from the verified "
                     "manifest, and the workflow run from GITHUB_* variables) and result.json (the outcome and "
                     "every job's result). Schemas: resources/schema/deployment-record.schema.json and "
                     "result.schema.json.\n"
                     "Exit codes: 0 written; 1 the manifest is missing or not accepted, or the files could not "
                     "be written (nothing is written); 2 usage error."));
  auto& parser = line.parser();
  parser.addOption(shaOption());
  parser.addOption({QStringLiteral("outcome"), QStringLiteral("How the stage ended: success, failure or cancelled."),
                    QStringLiteral("outcome")});
  parser.addOption(artifactsOption());
  parser.addOption({QStringLiteral("job"),
                    QStringLiteral("A job's result, NAME=success|failure|cancelled|skipped (repeatable)."),
                    QStringLiteral("name=result")});
  parser.addOption({QStringLiteral("deployment-id"), QStringLiteral("The GitHub deployment of this run, if any."),
                    QStringLiteral("id")});
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const bool json = parser.isSet(CommandLine::jsonOption());
  const std::string prefix = context_.programName.toStdString() + " record: ";

  ProductionRecord record;
  record.headSha = parser.value(kShaOption).toStdString();
  if (!isCommitSha(record.headSha)) {
    err << prefix << "--sha needs the full 40-character lowercase commit SHA"
        << (record.headSha.empty() ? std::string() : ", not '" + safeLine(record.headSha) + "'") << ".\n";
    return kExitUsage;
  }
  record.outcome = parser.value(QStringLiteral("outcome")).toStdString();
  if (!isStageOutcome(record.outcome)) {
    err << prefix << "--outcome must be success, failure or cancelled"
        << (record.outcome.empty() ? std::string() : ", not '" + safeLine(record.outcome) + "'") << ".\n";
    return kExitUsage;
  }
  for (const QString& job : parser.values(QStringLiteral("job"))) {
    const qsizetype eq = job.indexOf(QLatin1Char('='));
    const std::string jobName = job.left(eq).toStdString();
    const std::string result = eq < 0 ? std::string() : job.mid(eq + 1).toStdString();
    if (eq <= 0 || !isJobResult(result)) {
      err << prefix << "--job takes NAME=success|failure|cancelled|skipped, not '" << safeLine(job.toStdString())
          << "'.\n";
      return kExitUsage;
    }
    record.jobs.emplace_back(jobName, result);
  }
  if (parser.isSet(QStringLiteral("deployment-id"))) {
    bool ok = false;
    const qint64 id = parser.value(QStringLiteral("deployment-id")).toLongLong(&ok);
    if (!ok || id <= 0) {
      err << prefix << "--deployment-id takes a positive number, not '"
          << safeLine(parser.value(QStringLiteral("deployment-id")).toStdString()) << "'.\n";
      return kExitUsage;
    }
    record.deploymentId = id;
  }
  record.environment = parser.value(CommandLine::environmentOption()).toStdString();

  const QString artifacts = parser.value(kArtifactsOption);
  const QString manifestFile = manifestPath(artifacts, record.headSha);
  const std::string manifestName = manifestFile.toStdString();
  std::string bytes;
  std::string error;
  if (!readManifestFile(QFile::encodeName(manifestFile).toStdString(), bytes, error)) {
    reportError(context_, "record", manifestName,
                "No record written: the evidence of " + record.headSha + " could not be read from " + manifestName +
                    " (" + error + ").",
                json, out, err);
    return kExitFailed;
  }
  const EvidenceReport report = verifyEvidence(bytes, VerifyOptions{record.headSha});
  if (report.verdict != Verdict::Accepted) {
    reportError(context_, "record", manifestName,
                "No record written: the evidence at " + manifestName + " is " + std::string(toString(report.verdict)) +
                    ", and only an accepted candidate is recorded.",
                json, out, err);
    return kExitFailed;
  }
  record.manifest = report.manifest;

  const auto env = [this](const char* name) { return context_.environment.value(QString::fromLatin1(name)); };
  if (!env("GITHUB_RUN_ID").isEmpty()) {
    RecordingRun run;
    run.id = env("GITHUB_RUN_ID").toLongLong();
    run.attempt = env("GITHUB_RUN_ATTEMPT").isEmpty() ? 1 : env("GITHUB_RUN_ATTEMPT").toInt();
    const QString server =
        env("GITHUB_SERVER_URL").isEmpty() ? QStringLiteral("https://github.com") : env("GITHUB_SERVER_URL");
    run.url =
        (server + QLatin1Char('/') + env("GITHUB_REPOSITORY") + QStringLiteral("/actions/runs/") + env("GITHUB_RUN_ID"))
            .toStdString();
    if (run.attempt > 1) run.url += "/attempts/" + std::to_string(run.attempt);
    run.event = env("GITHUB_EVENT_NAME").toStdString();
    run.actor = env("GITHUB_ACTOR").toStdString();
    record.run = run;
  }
  record.recordedAt = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

  const QDir folder(QDir(artifacts).filePath(QStringLiteral("production/") + QString::fromStdString(record.headSha)));
  const QString recordPath = folder.filePath(QStringLiteral("deployment-record.json"));
  const QString resultPath = folder.filePath(QStringLiteral("result.json"));
  const std::string recordJson = deploymentRecordJson(record);
  const std::string resultJson = stageResultJson(record);
  if (!writeAtomically(recordPath, recordJson, error)) {
    reportError(context_, "record", "", "No record written: " + error + ".", json, out, err);
    return kExitFailed;
  }
  if (!writeAtomically(resultPath, resultJson, error)) {
    QFile::remove(recordPath);  // both or neither
    reportError(context_, "record", "", "No record written: " + error + ".", json, out, err);
    return kExitFailed;
  }

  const StepOutputs outputs{{"deployment_record", recordPath.toStdString()},
                            {"result", resultPath.toStdString()},
                            {"outcome", record.outcome}};
  if (json) {
    out << Json{{"deploymentRecord", {{"path", recordPath.toStdString()}, {"document", Json::parse(recordJson)}}},
                {"result", {{"path", resultPath.toStdString()}, {"document", Json::parse(resultJson)}}}}
               .dump(-1, ' ', false, Json::error_handler_t::replace)
        << '\n';
  } else {
    out << "Recorded " << record.outcome << " of " << record.headSha << " in " << record.environment << '\n'
        << "  " << recordPath.toStdString() << '\n'
        << "  " << resultPath.toStdString() << '\n';
  }
  if (context_.inGitHubActions()) {
    std::string summary =
        "### Production stage " + record.outcome + " for `" + record.headSha + "`\n\n| job | result |\n| --- | --- |\n";
    for (const auto& [jobName, result] : record.jobs) summary += "| " + markdownCell(jobName) + " | " + result + " |\n";
    appendStepSummary(context_, summary, err);
  }
  return writeStepOutputs(context_, outputs, err) ? kExitOk : kExitFailed;
}

}  // namespace releasedesk::cli
