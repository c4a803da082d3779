#include "core/evidence/evidence_manifest.h"

#include "core/evidence/digest_ref.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

// Thrown from the parser callback to stop parsing early.
struct StructureError {
  std::string pointer;
  std::string message;
};

std::string escapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// Tracks open containers while parsing so duplicate keys and excessive depth are caught with
// the pointer where they happen.
class StructureGuard {
 public:
  bool operator()(int depth, nlohmann::detail::parse_event_t event, Json& parsed) {
    using Event = nlohmann::detail::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        countElement();
        if (depth >= kMaxManifestDepth) {
          throw StructureError{pointer(), "The document nests deeper than " + std::to_string(kMaxManifestDepth) +
                                              " levels; an evidence manifest is never that deep."};
        }
        frames_.push_back({event == Event::object_start, {}, {}, 0});
        break;
      case Event::object_end:
      case Event::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case Event::key: {
        Frame& frame = frames_.back();
        std::string key = parsed.get<std::string>();
        if (std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end()) {
          frame.currentKey = key;
          throw StructureError{pointer(), "The key \"" + key +
                                              "\" appears twice in the same object; which value counts "
                                              "would be ambiguous."};
        }
        frame.keys.push_back(key);
        frame.currentKey = std::move(key);
        break;
      }
      case Event::value: countElement(); break;
    }
    return true;
  }

 private:
  struct Frame {
    bool isObject;
    std::vector<std::string> keys;
    std::string currentKey;
    std::size_t count;
  };

  void countElement() {
    if (!frames_.empty() && !frames_.back().isObject) ++frames_.back().count;
  }

  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out += '/';
      out += frame.isObject ? escapePointerToken(frame.currentKey)
                            : std::to_string(frame.count == 0 ? 0 : frame.count - 1);
    }
    return out;
  }

  std::vector<Frame> frames_;
};

std::string typeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

std::string quotedValue(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  // Never cut inside a UTF-8 sequence: the message must stay valid UTF-8 for JSON and the UI.
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(text.substr(0, cut)) + "…\"";
}

class Validator {
 public:
  explicit Validator(const VerifyOptions& options) : options_(options) {}

  EvidenceReport run(std::string_view bytes) {
    if (bytes.size() > kMaxManifestBytes) {
      return invalid("", "The file is larger than 1 MiB (" + std::to_string(kMaxManifestBytes) +
                             " bytes), the limit for an evidence manifest; it was not read.");
    }
    if (std::all_of(bytes.begin(), bytes.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
      return invalid("", "The file is empty; an evidence manifest is a JSON object.");
    }
    JsonInput<Json> input;
    try {
      StructureGuard guard;
      input = readJsonInput<Json>(bytes, std::ref(guard));
    } catch (const StructureError& e) {
      return invalid(e.pointer, e.message);
    }
    switch (input.problem) {
      case JsonInputProblem::None: break;
      case JsonInputProblem::TrailingData: return trailingBytes();
      case JsonInputProblem::Syntax:
        if (input.error.find("UTF-8") != std::string::npos) {
          return invalid("", "The file is not valid UTF-8 text (bad byte near position " + std::to_string(input.byte) +
                                 "); evidence manifests are UTF-8 JSON.");
        }
        return invalid("",
                       "The file is not valid JSON: the syntax breaks near byte " + std::to_string(input.byte) + ".");
      case JsonInputProblem::NumberTooLarge:
        return invalid("", "The file holds a number too large to read; an evidence manifest has no such number.");
    }
    const Json& doc = input.document;
    if (!doc.is_object()) {
      return invalid("", "The manifest must be a JSON object, but the file holds " + typeName(doc) + ".");
    }
    validate(doc);
    report_.verdict = contractBroken_ ? Verdict::Invalid : gateAccepted_ ? Verdict::Accepted : Verdict::Rejected;
    return std::move(report_);
  }

 private:
  EvidenceReport invalid(std::string pointer, std::string message) {
    report_.verdict = Verdict::Invalid;
    report_.findings.push_back({Severity::Error, std::move(pointer), std::move(message)});
    return std::move(report_);
  }

  EvidenceReport trailingBytes() {
    return invalid("",
                   "The file is not valid JSON: something follows the end of the document; a manifest is "
                   "exactly one JSON object.");
  }

  void error(std::string pointer, std::string message) {
    contractBroken_ = true;
    report_.findings.push_back({Severity::Error, std::move(pointer), std::move(message)});
  }
  void add(Severity severity, std::string pointer, std::string message) {
    if (severity == Severity::Error) contractBroken_ = true;
    report_.findings.push_back({severity, std::move(pointer), std::move(message)});
  }

  void keepUnknown(const std::string& pointer, const Json& value) {
    report_.manifest.unknownFields.push_back({pointer, value.dump()});
    report_.findings.push_back(
        {Severity::Info, pointer, "The field " + pointer + " is not part of the contract; it is kept and shown."});
  }

  void validate(const Json& doc) {
    static const std::vector<std::string> known = {"headSha", "kind", "scope", "candidate", "checks"};
    validateHeadSha(doc);
    validateKind(doc);
    validateScope(doc);
    validateCandidate(doc);
    validateChecks(doc);
    for (const auto& [key, value] : doc.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) keepUnknown("/" + escapePointerToken(key), value);
    }
  }

  void validateHeadSha(const Json& doc) {
    const auto it = doc.find("headSha");
    if (it == doc.end()) {
      error("/headSha", "headSha is missing: the manifest must name the 40-character commit it was built from.");
      return;
    }
    if (!it->is_string()) {
      error("/headSha", "headSha must be a string of 40 lowercase hex characters, but it is " + typeName(*it) + ".");
      return;
    }
    const auto& sha = it->get_ref<const std::string&>();
    report_.manifest.headSha = sha;
    if (sha.size() == 40 &&
        std::all_of(sha.begin(), sha.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }) &&
        !isLowerHex(sha, 40)) {
      error("/headSha", "headSha " + quotedValue(sha) + " is in uppercase; commit SHAs are written in lowercase hex.");
      return;
    }
    if (!isLowerHex(sha, 40)) {
      error("/headSha", "headSha must be the full 40-character commit SHA in lowercase hex, but it is " +
                            quotedValue(sha) + " (" + std::to_string(sha.size()) + " characters).");
      return;
    }
    if (options_.folderSha && *options_.folderSha != sha) {
      error("/headSha", "headSha " + sha + " does not match the folder it was found in (" + *options_.folderSha +
                            "): this evidence belongs to another commit.");
    }
  }

  void validateKind(const Json& doc) {
    const auto it = doc.find("kind");
    if (it == doc.end()) {
      error("/kind", "kind is missing: the manifest must say what kind of candidate this is.");
    } else if (!it->is_string()) {
      error("/kind", "kind must be a string, but it is " + typeName(*it) + ".");
    } else {
      report_.manifest.kind = it->get<std::string>();
      const auto& kind = report_.manifest.kind;
      if (std::all_of(kind.begin(), kind.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
        error("/kind", "kind is empty: the manifest must say what kind of candidate this is.");
      }
    }
  }

  void validateScope(const Json& doc) {
    const auto it = doc.find("scope");
    if (it == doc.end()) {
      error("/scope", "scope is missing: the manifest must say whether identity, infra and runtime change.");
      return;
    }
    if (!it->is_object()) {
      error("/scope", "scope must be an object of true/false flags, but it is " + typeName(*it) + ".");
      return;
    }
    for (const auto& [key, value] : it->items()) {
      const std::string pointer = "/scope/" + escapePointerToken(key);
      if (!value.is_boolean()) {
        error(pointer, "scope." + key + " must be true or false, but it is " + typeName(value) + ".");
        continue;
      }
      report_.manifest.scope.emplace_back(key, value.get<bool>());
    }
    for (const char* required : {"identity", "infra", "runtime"}) {
      if (!it->contains(required)) {
        error(std::string("/scope/") + required, std::string("scope.") + required +
                                                     " is missing: the production stage needs to know whether " +
                                                     required + " changes (true or false).");
      }
    }
  }

  void validateCandidate(const Json& doc) {
    const bool refsRequired = report_.manifest.inScope("infra") || report_.manifest.inScope("runtime");
    const auto it = doc.find("candidate");
    if (it == doc.end()) {
      if (refsRequired) {
        error("/candidate",
              "candidate is missing, but the scope includes infra or runtime, which deploys images: "
              "candidate.apiRef and candidate.webRef are required.");
      }
      return;
    }
    if (!it->is_object()) {
      error("/candidate", "candidate must be an object with apiRef and webRef, but it is " + typeName(*it) + ".");
      return;
    }
    validateRef(*it, "apiRef", "API", refsRequired, report_.manifest.apiRef);
    validateRef(*it, "webRef", "Web", refsRequired, report_.manifest.webRef);
    for (const auto& [key, value] : it->items()) {
      if (key != "apiRef" && key != "webRef") keepUnknown("/candidate/" + escapePointerToken(key), value);
    }
  }

  void validateRef(const Json& candidate, const char* key, const char* image, bool required, std::string& out) {
    const std::string pointer = std::string("/candidate/") + key;
    const std::string name = std::string("candidate.") + key;
    const auto it = candidate.find(key);
    if (it == candidate.end()) {
      if (required) {
        error(pointer, name + " is missing: infra and runtime deploy the " + image +
                           " image by digest, so its digest ref is required.");
      }
      return;
    }
    if (!it->is_string()) {
      error(pointer, name + " must be a digest ref string, but it is " + typeName(*it) + ".");
      return;
    }
    out = it->get<std::string>();
    // A malformed ref that nothing will deploy is worth a warning, not a block.
    const Severity severity = required ? Severity::Error : Severity::Warning;
    for (std::string& problem : digestRefProblems(out, name)) add(severity, pointer, std::move(problem));
  }

  void validateChecks(const Json& doc) {
    const auto it = doc.find("checks");
    if (it == doc.end()) {
      error("/checks", "checks is missing: the manifest must carry checks.acceptanceStageGate.");
      return;
    }
    if (!it->is_object()) {
      error("/checks", "checks must be an object, but it is " + typeName(*it) + ".");
      return;
    }
    for (const auto& [key, value] : it->items()) {
      if (key != "acceptanceStageGate") keepUnknown("/checks/" + escapePointerToken(key), value);
    }
    const auto gate = it->find("acceptanceStageGate");
    if (gate == it->end()) {
      error("/checks/acceptanceStageGate",
            "checks.acceptanceStageGate is missing: there is no record that the acceptance stage passed.");
      return;
    }
    if (!gate->is_string()) {
      error("/checks/acceptanceStageGate",
            "checks.acceptanceStageGate must be a string such as \"success\", but it is " + typeName(*gate) + ".");
      return;
    }
    const auto& value = gate->get_ref<const std::string&>();
    report_.manifest.acceptanceStageGate = value;
    gateAccepted_ = value == "success";
    if (!gateAccepted_) {
      report_.findings.push_back({Severity::Error, "/checks/acceptanceStageGate",
                                  "The acceptance gate is " + quotedValue(value) +
                                      ", not \"success\": this candidate was not accepted and must not be promoted."});
    }
  }

  const VerifyOptions& options_;
  EvidenceReport report_;
  bool contractBroken_ = false;
  bool gateAccepted_ = false;
};

}  // namespace

std::string_view toString(Verdict verdict) {
  switch (verdict) {
    case Verdict::Accepted: return "accepted";
    case Verdict::Rejected: return "rejected";
    case Verdict::Invalid: return "invalid";
  }
  return "invalid";
}

bool EvidenceManifest::inScope(std::string_view name) const {
  return std::any_of(scope.begin(), scope.end(),
                     [&](const auto& entry) { return entry.first == name && entry.second; });
}

bool EvidenceReport::hasErrors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::Error; });
}

EvidenceReport verifyEvidence(std::string_view bytes, const VerifyOptions& options) {
  try {
    return Validator(options).run(bytes);
  } catch (const std::exception& e) {
    // Out of memory or a library fault: still a report, never a crash.
    EvidenceReport report;
    report.findings.push_back({Severity::Error, "", std::string("The manifest could not be checked: ") + e.what()});
    return report;
  }
}

}  // namespace releasedesk
