#include "core/actions/decision_journal.h"

#include "core/ci/markdown_table.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

std::string_view phaseName(JournalPhase phase) {
  return phase == JournalPhase::Intent ? "intent" : "outcome";
}

Json toJsonObject(const JournalEntry& e) {
  Json j{{"id", e.id},
         {"phase", phaseName(e.phase)},
         {"time", formatIsoTime(e.time)},
         {"login", e.login},
         {"action", e.action},
         {"repository", e.repository},
         {"environment", e.environment},
         {"runId", e.runId ? Json(*e.runId) : Json(nullptr)},
         {"sha", e.sha},
         {"evidenceVerdict", e.evidenceVerdict},
         {"environmentReadiness", e.environmentReadiness},
         {"diff", e.diff},
         {"comment", e.comment},
         {"overrideReason", e.overrideReason}};
  if (e.phase == JournalPhase::Outcome) {
    j["outcome"] = e.outcome;
    j["took"] = e.took;
  }
  return j;
}

std::string text(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<JournalEntry> fromJsonObject(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  JournalEntry e;
  e.id = text(j, "id");
  const std::string phase = text(j, "phase");
  const auto time = parseIsoTime(text(j, "time"));
  if (e.id.empty() || (phase != "intent" && phase != "outcome") || !time) return std::nullopt;
  e.phase = phase == "intent" ? JournalPhase::Intent : JournalPhase::Outcome;
  e.time = *time;
  e.login = text(j, "login");
  e.action = text(j, "action");
  e.repository = text(j, "repository");
  e.environment = text(j, "environment");
  if (const auto it = j.find("runId"); it != j.end() && it->is_number_integer()) e.runId = it->get<std::int64_t>();
  e.sha = text(j, "sha");
  e.evidenceVerdict = text(j, "evidenceVerdict");
  e.environmentReadiness = text(j, "environmentReadiness");
  e.diff = text(j, "diff");
  e.comment = text(j, "comment");
  e.overrideReason = text(j, "overrideReason");
  e.outcome = text(j, "outcome");
  if (const auto it = j.find("took"); it != j.end() && it->is_boolean()) e.took = it->get<bool>();
  return e;
}

std::string errnoText() {
  return std::strerror(errno);
}

}  // namespace

std::string JournalDecision::outcomeText() const {
  return outcome ? outcome->outcome : "no answer recorded";
}

std::string journalPath(const std::function<std::optional<std::string>(std::string_view)>& env) {
  if (const auto state = env("XDG_STATE_HOME"); state && !state->empty() && state->front() == '/') {
    return *state + "/releasedesk/decisions.jsonl";
  }
  if (const auto home = env("HOME"); home && !home->empty()) return *home + "/.local/state/releasedesk/decisions.jsonl";
  return {};
}

std::string newDecisionId(TimePoint now) {
  std::random_device random;
  std::ostringstream id;
  id << std::hex << now.time_since_epoch().count() << '-' << random() << random();
  return id.str();
}

std::string journalLine(const JournalEntry& entry) {
  return toJsonObject(entry).dump();
}

JournalRead parseJournal(std::string_view bytes) {
  JournalRead read;
  std::vector<JournalDecision> order;  // oldest first
  std::map<std::string, std::size_t> byId;
  std::size_t lineNumber = 0;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const auto end = bytes.find('\n', start);
    const std::string_view line =
        bytes.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++lineNumber;
    const bool last = end == std::string_view::npos || end + 1 >= bytes.size();
    start = end == std::string_view::npos ? bytes.size() : end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto input = readJsonInput<Json>(line);
    const auto entry = fromJsonObject(input.document);
    if (!entry) {
      const std::string why = input.problem == JsonInputProblem::TrailingData ? " (not JSON: " + input.error + ")"
                              : last ? " (cut off, probably by a crash while it was written)"
                                     : "";
      read.problems.push_back("Line " + std::to_string(lineNumber) + " of the journal cannot be read" + why +
                              "; it is skipped.");
      continue;
    }
    const auto found = byId.find(entry->id);
    if (entry->phase == JournalPhase::Intent) {
      byId[entry->id] = order.size();
      order.push_back({*entry, std::nullopt});
    } else if (found != byId.end()) {
      order[found->second].outcome = *entry;
    } else {
      // An outcome whose intent line was lost still tells what happened.
      JournalDecision orphan{*entry, *entry};
      orphan.intent.phase = JournalPhase::Intent;
      byId[entry->id] = order.size();
      order.push_back(std::move(orphan));
    }
  }
  read.decisions.assign(order.rbegin(), order.rend());
  return read;
}

std::string toJson(const JournalRead& journal, int indent) {
  Json out = Json::array();
  for (const JournalDecision& d : journal.decisions) {
    out.push_back({{"intent", toJsonObject(d.intent)},
                   {"outcome", d.outcome ? toJsonObject(*d.outcome) : Json(nullptr)},
                   {"outcomeText", d.outcomeText()}});
  }
  return out.dump(indent);
}

std::string toMarkdown(const JournalRead& journal) {
  std::string md =
      "| Time (UTC) | Who | Action | Run | Candidate | Evidence | Environment | Vs live | Comment | Override | "
      "Outcome |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const JournalDecision& d : journal.decisions) {
    const JournalEntry& e = d.intent;
    const std::optional<std::int64_t> run = d.outcome && d.outcome->runId ? d.outcome->runId : e.runId;
    md += "| " + formatIsoTime(e.time) + " | " + markdownCell(e.login) + " | " + markdownCell(e.action) + " | " +
          (run ? std::to_string(*run) : std::string()) + " | `" + e.sha.substr(0, 12) + "` | " +
          markdownCell(e.evidenceVerdict) + " | " + markdownCell(e.environmentReadiness) + " | " +
          markdownCell(e.diff) + " | " + markdownCell(e.comment) + " | " + markdownCell(e.overrideReason) + " | " +
          markdownCell(d.outcomeText()) + " |\n";
  }
  for (const std::string& problem : journal.problems) md += "\n> " + problem + "\n";
  return md;
}

DecisionJournal::DecisionJournal(std::string path) : path_(std::move(path)) {}

std::string DecisionJournal::append(const JournalEntry& entry) {
  if (path_.empty()) return "No journal file is set (neither XDG_STATE_HOME nor HOME is known).";
  const std::filesystem::path file(path_);
  const std::filesystem::path folder = file.parent_path();
  std::error_code error;
  if (!folder.empty() && !std::filesystem::exists(folder, error)) {
    std::filesystem::create_directories(folder, error);
    if (error) return "The journal folder " + folder.string() + " cannot be created: " + error.message() + ".";
    ::chmod(folder.c_str(), 0700);
  }
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return "The journal " + path_ + " cannot be opened: " + errnoText() + ".";
  const std::string line = journalLine(entry) + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = errnoText();
      ::close(fd);
      return "The journal " + path_ + " cannot be written: " + why + ".";
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const std::string why = errnoText();
    ::close(fd);
    return "The journal " + path_ + " cannot be synced to disk: " + why + ".";
  }
  ::close(fd);
  return {};
}

JournalRead DecisionJournal::read() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    JournalRead empty;
    std::error_code error;
    if (std::filesystem::exists(path_, error)) empty.error = "The journal " + path_ + " cannot be read.";
    return empty;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parseJournal(bytes.str());
}

}  // namespace releasedesk
