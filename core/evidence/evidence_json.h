// The evidence documents the console prints with --json (shapes documented in README.md). The
// Markdown renderings are in evidence_markdown.h.
#pragma once

#include "core/evidence/candidate_catalog.h"
#include "core/evidence/evidence_manifest.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace releasedesk {

// The `--json` document of `evidence verify`. `path` is included when not empty.
std::string toJson(const EvidenceReport& report, const std::string& path = {});

// The `--json` document of `evidence list`.
std::string toJson(const CandidateCatalog& catalog);

// The same document written to `out` piece by piece, so a list of any length is never held
// whole: begin(), one add() per candidate in order, then finish(). The bytes equal toJson()'s.
class CatalogJsonWriter {
 public:
  // `schemaVersion`, when given, is the document's first member.
  CatalogJsonWriter(std::ostream& out, const std::string& root, std::optional<int> schemaVersion = std::nullopt);
  void add(const CandidateEntry& entry);
  void finish(const std::vector<SkippedEntry>& skipped, const std::string& error);

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace releasedesk
