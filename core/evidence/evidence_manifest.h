// The candidate contract: parsing and validating `evidence-manifest.json` from bytes.
//
// The acceptance stage writes `.artifacts/acceptance/<sha>/evidence-manifest.json`. The
// production stage may only promote a candidate whose manifest is well formed and whose
// acceptance gate says "success". See docs/architecture.md, "The candidate contract".
#pragma once

#include "core/evidence/finding.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk {

enum class Verdict { Accepted, Rejected, Invalid };

std::string_view toString(Verdict verdict);

// Documents larger than this are refused before parsing.
inline constexpr std::size_t kMaxManifestBytes = 1024 * 1024;
// Deeper nesting than this is refused while parsing (the contract needs a depth of 3).
inline constexpr int kMaxManifestDepth = 64;

// A field the contract does not define: kept and shown, never an error.
struct UnknownField {
  std::string pointer;  // "/build/pipeline"
  std::string json;     // the value as compact JSON

  bool operator==(const UnknownField&) const = default;
};

// What the manifest says, as far as it could be read. Fields that are absent or of the wrong
// type stay empty; the findings say why.
struct EvidenceManifest {
  std::string headSha;
  std::string kind;
  std::vector<std::pair<std::string, bool>> scope;  // in document order
  std::string apiRef;
  std::string webRef;
  std::optional<std::string> acceptanceStageGate;
  std::vector<UnknownField> unknownFields;

  // The value of scope key `name`, false when absent.
  bool inScope(std::string_view name) const;
};

struct EvidenceReport {
  Verdict verdict = Verdict::Invalid;
  EvidenceManifest manifest;
  Findings findings;

  bool hasErrors() const;
};

struct VerifyOptions {
  // The `<sha>` folder the file was found in, when it came from an artifact tree.
  std::optional<std::string> folderSha;
};

// Parses and validates a manifest. Never throws; any input yields a report.
EvidenceReport verifyEvidence(std::string_view bytes, const VerifyOptions& options = {});

}  // namespace releasedesk
