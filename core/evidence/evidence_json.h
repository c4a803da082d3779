// The evidence documents the console prints with --json (shapes documented in README.md). The
// Markdown renderings are in evidence_markdown.h.
#pragma once

#include "core/evidence/candidate_catalog.h"
#include "core/evidence/evidence_manifest.h"

#include <string>

namespace releasedesk {

// The `--json` document of `evidence verify`. `path` is included when not empty.
std::string toJson(const EvidenceReport& report, const std::string& path = {});

// The `--json` document of `evidence list`.
std::string toJson(const CandidateCatalog& catalog);

}  // namespace releasedesk
