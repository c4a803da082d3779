// The candidate contract, table-driven: every file in assets/manifests checked against cases.json.
#include "core/evidence/digest_ref.h"
#include "core/evidence/evidence_manifest.h"
#include "tests/core/support/manifests.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace releasedesk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // ordered: the expected scope is compared in document order

const fs::path kAssets = RELEASEDESK_EVIDENCE_ASSETS;
const fs::path kManifests = kAssets / "manifests";

struct ExpectedFinding {
  Severity severity = Severity::Error;
  std::string pointer;
  std::string contains;  // a distinctive part of the message
};

struct ContractCase {
  std::string file;
  std::string description;
  Verdict verdict = Verdict::Invalid;
  std::optional<std::string> folderSha;
  std::vector<ExpectedFinding> findings;
  std::optional<std::vector<std::string>> unknownFields;           // pointers, any order
  std::optional<std::vector<std::pair<std::string, bool>>> scope;  // in document order
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Verdict verdictFrom(const std::string& text) {
  for (Verdict v : {Verdict::Accepted, Verdict::Rejected, Verdict::Invalid}) {
    if (toString(v) == text) return v;
  }
  throw std::runtime_error("unknown verdict \"" + text + "\" in cases.json");
}

Severity severityFrom(const std::string& text) {
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Info}) {
    if (toString(s) == text) return s;
  }
  throw std::runtime_error("unknown severity \"" + text + "\" in cases.json");
}

std::vector<ContractCase> loadCasesOrThrow() {
  const Json doc = Json::parse(readFile(kAssets / "cases.json"));
  std::vector<ContractCase> cases;
  for (const Json& item : doc.at("cases")) {
    ContractCase c;
    c.file = item.at("file").get<std::string>();
    c.description = item.value("description", "");
    c.verdict = verdictFrom(item.at("verdict").get<std::string>());
    if (item.contains("folderSha")) c.folderSha = item.at("folderSha").get<std::string>();
    for (const Json& f : item.at("findings")) {
      c.findings.push_back({severityFrom(f.at("severity").get<std::string>()), f.at("pointer").get<std::string>(),
                            f.at("contains").get<std::string>()});
    }
    if (item.contains("unknownFields")) c.unknownFields = item.at("unknownFields").get<std::vector<std::string>>();
    if (item.contains("scope")) {
      std::vector<std::pair<std::string, bool>> scope;
      for (const auto& [key, value] : item.at("scope").items()) scope.emplace_back(key, value.get<bool>());
      c.scope = std::move(scope);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// Registration must not throw; a broken table is reported by CasesTable.LoadsAndCoversEveryManifest.
std::vector<ContractCase> loadCases() {
  try {
    return loadCasesOrThrow();
  } catch (const std::exception&) {
    return {};
  }
}

std::string describe(const EvidenceReport& report) {
  std::string out = "actual verdict " + std::string(toString(report.verdict)) + ", findings:";
  for (const Finding& f : report.findings) {
    out += "\n  " + std::string(toString(f.severity)) + " [" + f.pointer + "] " + f.message;
  }
  return out;
}

// gtest prints the parameter of a failing case: name the file rather than dump bytes.
void PrintTo(const ContractCase& c, std::ostream* out) {
  *out << c.file;
}

class ManifestContract : public ::testing::TestWithParam<ContractCase> {};

TEST_P(ManifestContract, GivesTheExpectedVerdictAndExactlyTheExpectedFindings) {
  const ContractCase& c = GetParam();
  SCOPED_TRACE(c.file + (c.description.empty() ? "" : ": " + c.description));
  const EvidenceReport report = verifyEvidence(readFile(kManifests / c.file), VerifyOptions{c.folderSha});

  EXPECT_EQ(toString(report.verdict), toString(c.verdict)) << describe(report);
  EXPECT_EQ(report.hasErrors(), c.verdict != Verdict::Accepted) << describe(report);

  // Each expected finding claims one actual finding; whatever is left unclaimed is unexpected,
  // so a new error, warning or info finding cannot slip in unnoticed.
  std::vector<bool> claimed(report.findings.size(), false);
  for (const ExpectedFinding& expected : c.findings) {
    bool found = false;
    for (std::size_t i = 0; i < report.findings.size() && !found; ++i) {
      const Finding& actual = report.findings[i];
      if (!claimed[i] && actual.severity == expected.severity && actual.pointer == expected.pointer &&
          actual.message.find(expected.contains) != std::string::npos) {
        claimed[i] = found = true;
      }
    }
    EXPECT_TRUE(found) << "missing " << toString(expected.severity) << " at \"" << expected.pointer
                       << "\" containing \"" << expected.contains << "\"\n"
                       << describe(report);
  }
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    EXPECT_TRUE(claimed[i]) << "unexpected " << toString(f.severity) << " at \"" << f.pointer << "\": " << f.message;
  }

  // Messages reach JSON, annotations and the UI: they must be sentences in valid UTF-8.
  for (const Finding& f : report.findings) {
    EXPECT_TRUE(testing::isValidUtf8(f.message)) << f.message;
    EXPECT_FALSE(f.message.empty());
    EXPECT_TRUE(f.pointer.empty() || f.pointer.front() == '/') << f.pointer;
  }

  if (c.verdict == Verdict::Accepted) {
    EXPECT_TRUE(isLowerHex(report.manifest.headSha, 40));
    EXPECT_FALSE(report.manifest.kind.empty());
    EXPECT_EQ(report.manifest.acceptanceStageGate, "success");
  }
  if (c.unknownFields) {
    std::vector<std::string> actual;
    for (const UnknownField& field : report.manifest.unknownFields) actual.push_back(field.pointer);
    std::vector<std::string> expected = *c.unknownFields;
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(actual, expected);
  }
  if (c.scope) {
    EXPECT_EQ(report.manifest.scope, *c.scope);
  }
}

std::string caseName(const ::testing::TestParamInfo<ContractCase>& info) {
  std::string name = fs::path(info.param.file).stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Assets, ManifestContract, ::testing::ValuesIn(loadCases()), caseName);

TEST(CasesTable, LoadsAndCoversEveryManifest) {
  std::vector<ContractCase> cases;
  ASSERT_NO_THROW(cases = loadCasesOrThrow());
  EXPECT_GE(cases.size(), 45u);

  std::set<std::string> listed;
  for (const ContractCase& c : cases) {
    EXPECT_TRUE(listed.insert(c.file).second) << c.file << " is listed twice";
    EXPECT_TRUE(fs::is_regular_file(kManifests / c.file)) << c.file << " is listed but missing";
  }
  for (const auto& entry : fs::directory_iterator(kManifests)) {
    EXPECT_TRUE(listed.contains(entry.path().filename().string()))
        << entry.path().filename() << " has no entry in cases.json, so nothing checks it";
  }
  for (Verdict v : {Verdict::Accepted, Verdict::Rejected, Verdict::Invalid}) {
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [v](const ContractCase& c) { return c.verdict == v; }))
        << "no case expects " << toString(v);
  }
}

}  // namespace
}  // namespace releasedesk
