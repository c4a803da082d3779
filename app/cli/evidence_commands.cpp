#include "app/cli/evidence_commands.h"
#include "app/cli/json_document.h"

#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"

#include "core/ci/display_text.h"
#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_json.h"
#include "core/evidence/evidence_markdown.h"
#include "core/github/commit_sha.h"
#include "core/text/time_format.h"

#include <QDir>
#include <QFileInfo>

#include <iomanip>
#include <optional>

namespace releasedesk::cli {
namespace {

const QString kArtifactsOption = QStringLiteral("artifacts");
const QString kShaOption = QStringLiteral("sha");

void printReportText(const EvidenceReport& report, const QString& source, std::ostream& out) {
  const EvidenceManifest& m = report.manifest;
  out << "Candidate " << (m.headSha.empty() ? std::string("(no headSha)") : printable(m.headSha)) << ": "
      << toString(report.verdict) << '\n';
  out << "  source: " << printable(source.toStdString()) << '\n';
  if (!m.kind.empty()) out << "  kind:   " << printable(m.kind) << '\n';
  if (!m.scope.empty()) {
    out << "  scope: ";
    for (const auto& [key, value] : m.scope) out << ' ' << printable(key) << '=' << (value ? "true" : "false");
    out << '\n';
  }
  if (!m.apiRef.empty()) out << "  api:    " << printable(m.apiRef) << '\n';
  if (!m.webRef.empty()) out << "  web:    " << printable(m.webRef) << '\n';
  if (m.acceptanceStageGate) out << "  gate:   " << printable(*m.acceptanceStageGate) << '\n';
  for (const UnknownField& field : m.unknownFields)
    out << "  kept:   " << printable(field.pointer) << " = " << printable(field.json) << '\n';
  if (report.findings.empty()) {
    out << "No findings.\n";
    return;
  }
  out << "Findings:\n";
  for (const Finding& f : report.findings) {
    out << "  " << std::left << std::setw(8) << toString(f.severity) << std::setw(30)
        << (f.pointer.empty() ? std::string("/") : printable(f.pointer)) << ' ' << printable(f.message) << '\n';
  }
}

// The `<sha>` folder a manifest path sits in, when it looks like an artifact tree.
std::optional<std::string> folderShaOf(const QString& file) {
  const QFileInfo info(file);
  const QString folder = info.absoluteDir().dirName();
  const QString parent = QFileInfo(info.absoluteDir().absolutePath()).absoluteDir().dirName();
  if (info.fileName() == QStringLiteral("evidence-manifest.json") && parent == QStringLiteral("acceptance") &&
      isCommitSha(folder.toStdString())) {
    return folder.toStdString();
  }
  return std::nullopt;
}

}  // namespace

int EvidenceVerifyCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("Verify a candidate's evidence-manifest.json against the candidate contract.\n"
                                  "Give a manifest file, or --artifacts with --sha to pick one from a tree.\n"
                                  "Exit codes: 0 accepted, 1 rejected or invalid, 2 usage error or the manifest "
                                  "cannot be read."),
                   QStringLiteral("[<evidence-manifest.json>]"));
  auto& parser = line.parser();
  parser.addOption(
      {kArtifactsOption, QStringLiteral("An .artifacts folder (or a checkout holding one)."), QStringLiteral("dir")});
  parser.addOption({kShaOption, QStringLiteral("The candidate's 40-character commit SHA (with --artifacts)."),
                    QStringLiteral("sha")});
  parser.addOption(CommandLine::jsonOption());
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The evidence-manifest.json to verify."));
  if (const auto stop = line.parse(args, out, err)) return *stop;

  const bool json = parser.isSet(CommandLine::jsonOption());
  const QStringList files = parser.positionalArguments();
  const bool fromTree = parser.isSet(kArtifactsOption);
  const std::string usagePrefix = context_.programName.toStdString() + " evidence verify: ";
  if (fromTree == !files.isEmpty() || files.size() > 1) {
    err << usagePrefix << "give either one manifest file or --artifacts <dir> --sha <sha>.\n";
    return kExitUsage;
  }

  if (!fromTree) {
    const QString& file = files.first();
    std::string bytes;
    std::string error;
    if (!readManifestFile(QFile::encodeName(file).toStdString(), bytes, error)) {
      err << usagePrefix << printable(error) << ".\n";
      if (QFileInfo(file).isDir()) err << "To verify a candidate in a tree, use --artifacts <dir> --sha <sha>.\n";
      return kExitUsage;
    }
    return report(verifyEvidence(bytes, VerifyOptions{folderShaOf(file)}), file, json, out, err);
  }

  const QString sha = parser.value(kShaOption);
  if (!isCommitSha(sha.toStdString())) {
    err << usagePrefix << "--sha needs the full 40-character lowercase commit SHA"
        << (sha.isEmpty() ? std::string() : ", not '" + printable(sha.toStdString()) + "'") << ".\n";
    return kExitUsage;
  }
  const QString root = parser.value(kArtifactsOption);
  // Only this candidate's folder is read, whatever the size of the tree.
  const CandidateCatalog catalog = readCandidate(QFile::encodeName(root).toStdString(), sha.toStdString());
  if (!catalog.error.empty()) {
    err << usagePrefix << printable(catalog.error) << '\n';
    return kExitUsage;
  }
  const CandidateEntry* entry = catalog.find(sha.toStdString());
  if (entry == nullptr) {
    err << usagePrefix << "there is no evidence for " << sha.toStdString() << " in " << printable(root.toStdString())
        << " (expected acceptance/" << sha.toStdString() << "/evidence-manifest.json).\n";
    for (const SkippedEntry& skipped : catalog.skipped)
      err << "  " << printable(skipped.path) << ": " << printable(skipped.reason) << '\n';
    return kExitUsage;
  }
  // The same exit code as verifying the file itself: a file that cannot be read is an I/O error.
  if (!entry->readError.empty()) {
    err << usagePrefix << printable(entry->readError) << ".\n";
    return kExitUsage;
  }
  return report(entry->report, QDir(root).filePath(QString::fromStdString(entry->path)), json, out, err);
}

int EvidenceVerifyCommand::report(const EvidenceReport& report, const QString& source, bool json, std::ostream& out,
                                  std::ostream& err) const {
  if (json) {
    writeJsonDocument(out, toJson(report, source.toStdString()));
  } else {
    printReportText(report, source, out);
  }
  if (context_.inGitHubActions()) {
    // Workflow commands are read from both streams; keep stdout a clean JSON document.
    writeAnnotations(report.findings, source.toStdString(), json ? err : out);
    appendStepSummary(context_, reportToMarkdown(report, source.toStdString()), err);
  }
  return report.verdict == Verdict::Accepted ? kExitOk : kExitFailed;
}

int EvidenceListCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("List every candidate under acceptance/<sha>/evidence-manifest.json of an "
                                  ".artifacts tree, with its verdict.\nExit codes: 0 the tree was read (whatever the "
                                  "verdicts), 2 usage error or the tree cannot be read."));
  auto& parser = line.parser();
  parser.addOption(
      {kArtifactsOption, QStringLiteral("An .artifacts folder (or a checkout holding one)."), QStringLiteral("dir")});
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string usagePrefix = context_.programName.toStdString() + " evidence list: ";
  if (!parser.isSet(kArtifactsOption) || !parser.positionalArguments().isEmpty()) {
    err << usagePrefix << "give the tree with --artifacts <dir>.\n";
    return kExitUsage;
  }
  const QString root = parser.value(kArtifactsOption);
  const bool json = parser.isSet(CommandLine::jsonOption());
  const bool summary = context_.inGitHubActions();
  // The tree is streamed: each candidate is printed as soon as it is verified and dropped, so
  // memory does not grow with the number of candidates.
  std::optional<CatalogJsonWriter> writer;
  std::string markdown;
  std::size_t count = 0;
  const auto onCandidate = [&](const CandidateEntry& entry) {
    if (count++ == 0) {
      if (json)
        writer.emplace(out, root.toStdString(), kJsonSchemaVersion);
      else
        out << std::left << std::setw(42) << "CANDIDATE" << std::setw(10) << "VERDICT" << std::setw(12) << "KIND"
            << "FINDINGS\n";
    }
    if (summary) markdown += catalogMarkdownRow(entry);
    if (json) {
      writer->add(entry);
      return;
    }
    int errors = 0;
    int warnings = 0;
    for (const Finding& f : entry.report.findings) {
      errors += f.severity == Severity::Error ? 1 : 0;
      warnings += f.severity == Severity::Warning ? 1 : 0;
    }
    out << std::setw(42) << entry.sha << std::setw(10) << toString(entry.report.verdict) << std::setw(12)
        << (entry.report.manifest.kind.empty() ? std::string("-") : printable(entry.report.manifest.kind))
        << countOf(static_cast<std::size_t>(errors), "error") << ", "
        << countOf(static_cast<std::size_t>(warnings), "warning") << '\n';
  };
  const CandidateCatalog catalog = scanArtifactTree(QFile::encodeName(root).toStdString(), onCandidate);
  if (!catalog.error.empty() && count == 0) {
    err << usagePrefix << printable(catalog.error) << '\n';
    return kExitUsage;
  }
  if (json) {
    if (!writer) writer.emplace(out, root.toStdString(), kJsonSchemaVersion);
    writer->finish(catalog.skipped, catalog.error);
    out << '\n';
  } else {
    if (count == 0) {
      out << std::left << std::setw(42) << "CANDIDATE" << std::setw(10) << "VERDICT" << std::setw(12) << "KIND"
          << "FINDINGS\n";
      out << "(no candidates)\n";
    }
    for (const SkippedEntry& skipped : catalog.skipped)
      out << "skipped " << printable(skipped.path) << ": " << printable(skipped.reason) << '\n';
  }
  if (summary)
    appendStepSummary(
        context_, catalogMarkdownHead(catalog.root, catalog.error) + markdown + catalogMarkdownTail(catalog.skipped),
        err);
  return catalog.error.empty() ? kExitOk : kExitUsage;
}

}  // namespace releasedesk::cli
