// Findings and verdicts: what the validation of a document reports to a release manager.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

enum class Severity { Error, Warning, Info };

std::string_view toString(Severity severity);

// One observation about a document: how bad it is, where it is (an RFC 6901 JSON pointer,
// "" for the whole document) and a sentence a release manager understands.
struct Finding {
  Severity severity = Severity::Error;
  std::string pointer;
  std::string message;

  bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

}  // namespace releasedesk
