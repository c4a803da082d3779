// Evidence reports as a release manager reads them: GitHub step summaries (Markdown) and the
// verdict's word. The JSON documents are in evidence_json.h.
#pragma once

#include "core/evidence/candidate_catalog.h"
#include "core/evidence/evidence_manifest.h"

#include <string>

namespace releasedesk {

// A GitHub step summary (Markdown) for one report.
std::string reportToMarkdown(const EvidenceReport& report, const std::string& source);

// A GitHub step summary (Markdown) for a catalogue.
std::string catalogToMarkdown(const CandidateCatalog& catalog);

// The same summary in pieces, for a catalogue that is streamed: the title (and error) with the
// table's head, one row per candidate, and the skipped entries.
std::string catalogMarkdownHead(const std::string& root, const std::string& error);
std::string catalogMarkdownRow(const CandidateEntry& entry);
std::string catalogMarkdownTail(const std::vector<SkippedEntry>& skipped);

// The icon-free word a release manager reads for a verdict, with its symbol: "✅ accepted".
std::string verdictLabel(Verdict verdict);

}  // namespace releasedesk
