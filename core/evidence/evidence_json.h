// Renderings of evidence reports shared by the console and the desktop: JSON and Markdown.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_manifest.h"

#include <string>

namespace releasedesk {

// The `--json` document of `evidence verify` (shape documented in README.md).
// `path` is included when not empty.
std::string reportToJson(const EvidenceReport& report, const std::string& path = {});

// The `--json` document of `evidence list`.
std::string catalogToJson(const CandidateCatalog& catalog);

// A GitHub step summary (Markdown) for one report.
std::string reportToMarkdown(const EvidenceReport& report, const std::string& source);

// A GitHub step summary (Markdown) for a catalogue.
std::string catalogToMarkdown(const CandidateCatalog& catalog);

// The icon-free word a release manager reads for a verdict, with its symbol: "✅ accepted".
std::string verdictLabel(Verdict verdict);

}  // namespace releasedesk
