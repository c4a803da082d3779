// DecisionJournal: the local, append-only record of every decision the desk sends to GitHub
// (approve, reject, replay, rollback), as JSON Lines. Each decision is written twice: its
// intent before the request leaves, its outcome after GitHub answers; each line is flushed and
// fsync'ed, so a crash in between leaves the intent as a trace. Synchronous file I/O: call it
// from the thread that sends (the client's callback thread).
#pragma once

#include "core/github/github_types.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

enum class JournalPhase { Intent, Outcome };

struct JournalEntry {
  std::string id;  // ties an intent to its outcome
  JournalPhase phase = JournalPhase::Intent;
  TimePoint time;
  std::string login;        // GitHub login of the person deciding ("" when unknown)
  std::string action;       // "approve", "reject", "replay", "rollback", "redeploy"
  std::string repository;   // owner/name
  std::string environment;  // "production"
  std::optional<std::int64_t> runId;
  std::string sha;
  std::string evidenceVerdict;       // "accepted", ...
  std::string environmentReadiness;  // "17 of 18 ready"
  std::string diff;                  // CandidateDiff::summary()
  std::string comment;
  std::string overrideReason;
  std::string outcome;  // outcome lines: GitHub's answer in a sentence ("" on intents)
  bool took = false;    // outcome lines: the decision took effect
};

// One decision as read back: its intent and, when recorded, its outcome.
struct JournalDecision {
  JournalEntry intent;
  std::optional<JournalEntry> outcome;
  // The outcome's sentence, or "no answer recorded" for an intent alone.
  std::string outcomeText() const;
};

struct JournalRead {
  std::vector<JournalDecision> decisions;  // newest first
  std::vector<std::string> problems;       // unreadable lines (a torn last line), never fatal
  std::string error;                       // the file could not be read at all ("" when absent: empty journal)
};

// `$XDG_STATE_HOME/releasedesk/decisions.jsonl`, else `$HOME/.local/state/releasedesk/decisions.jsonl`;
// "" when neither is set. `env` looks up an environment variable (std::nullopt when unset).
std::string journalPath(const std::function<std::optional<std::string>(std::string_view)>& env);

// A fresh id for a decision: time plus random hex.
std::string newDecisionId(TimePoint now);

// Parses journal bytes (JSON Lines). Pure: no I/O.
JournalRead parseJournal(std::string_view bytes);
std::string journalLine(const JournalEntry& entry);  // one JSON object, no newline

// The decisions as a JSON array of {intent, outcome|null, outcomeText}, and as a Markdown table.
std::string toJson(const JournalRead& journal, int indent = 2);
std::string toMarkdown(const JournalRead& journal);

class DecisionJournal {
 public:
  explicit DecisionJournal(std::string path);
  const std::string& path() const { return path_; }

  // Appends one line, flushed and fsync'ed. Creates the folder (0700) and the file (0600) when
  // missing. Returns "" on success, else a sentence saying what failed.
  std::string append(const JournalEntry& entry);
  JournalRead read() const;

 private:
  std::string path_;
};

}  // namespace releasedesk
