// The decision journal: where it lives, what a line holds, and reading it back after a crash.
#include "core/actions/decision_journal.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <fstream>
#include <map>

namespace releasedesk {
namespace {

const TimePoint kT0 = *parseIsoTime("2026-03-02T09:00:00Z");

JournalEntry intent(std::string id, TimePoint at, std::string action) {
  JournalEntry e;
  e.id = std::move(id);
  e.time = at;
  e.login = "mei-lin";
  e.action = std::move(action);
  e.repository = "contoso/shop";
  e.environment = "production";
  e.runId = 42;
  e.sha = std::string(40, 'a');
  e.evidenceVerdict = "accepted";
  e.environmentReadiness = "17 of 18 ready, incomplete";
  e.diff = "API changed, Web same";
  e.comment = "Ship | it";
  e.overrideReason = "values checked by hand";
  return e;
}

JournalEntry outcomeOf(JournalEntry e, std::string what, bool took) {
  e.phase = JournalPhase::Outcome;
  e.time += std::chrono::seconds(2);
  e.outcome = std::move(what);
  e.took = took;
  return e;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(DecisionJournalPath, FollowsXdgStateHomeElseHome) {
  std::map<std::string, std::string> env{{"HOME", "/home/mei"}};
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    const auto it = env.find(std::string(name));
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  EXPECT_EQ(journalPath(lookup), "/home/mei/.local/state/releasedesk/decisions.jsonl");
  env["XDG_STATE_HOME"] = "/var/state/mei";
  EXPECT_EQ(journalPath(lookup), "/var/state/mei/releasedesk/decisions.jsonl");
  env["XDG_STATE_HOME"] = "relative";  // the spec ignores relative paths
  EXPECT_EQ(journalPath(lookup), "/home/mei/.local/state/releasedesk/decisions.jsonl");
  env.clear();
  EXPECT_EQ(journalPath(lookup), "");
}

TEST(DecisionJournal, AppendsPrivateLinesAndReadsNewestFirst) {
  testing::TempFolder folder;
  DecisionJournal journal((folder / "state/releasedesk/decisions.jsonl").string());
  ASSERT_EQ(journal.append(intent("one", kT0, "approve")), "");
  ASSERT_EQ(journal.append(outcomeOf(intent("one", kT0, "approve"), "GitHub recorded the approval of run 42.", true)),
            "");
  ASSERT_EQ(journal.append(intent("two", kT0 + std::chrono::minutes(5), "replay")), "");

  struct stat file {};
  struct stat dir {};
  ASSERT_EQ(::stat(journal.path().c_str(), &file), 0);
  ASSERT_EQ(::stat((folder / "state/releasedesk").c_str(), &dir), 0);
  EXPECT_EQ(file.st_mode & 0777, 0600);
  EXPECT_EQ(dir.st_mode & 0777, 0700);

  const std::string bytes = slurp(journal.path());
  const auto first = nlohmann::json::parse(bytes.substr(0, bytes.find('\n')));
  EXPECT_EQ(first.at("phase"), "intent");
  EXPECT_EQ(first.at("time"), "2026-03-02T09:00:00Z");
  EXPECT_EQ(first.at("overrideReason"), "values checked by hand");

  const JournalRead read = journal.read();
  EXPECT_TRUE(read.problems.empty());
  ASSERT_EQ(read.decisions.size(), 2u);
  EXPECT_EQ(read.decisions[0].intent.id, "two");
  EXPECT_EQ(read.decisions[0].outcomeText(), "no answer recorded");
  EXPECT_EQ(read.decisions[1].intent.id, "one");
  ASSERT_TRUE(read.decisions[1].outcome);
  EXPECT_TRUE(read.decisions[1].outcome->took);
  EXPECT_EQ(read.decisions[1].outcomeText(), "GitHub recorded the approval of run 42.");

  const std::string md = toMarkdown(read);
  EXPECT_NE(md.find("| no answer recorded |"), std::string::npos);
  EXPECT_NE(md.find("Ship \\| it"), std::string::npos);
  const auto json = nlohmann::json::parse(toJson(read));
  ASSERT_EQ(json.size(), 2u);
  EXPECT_TRUE(json[0].at("outcome").is_null());
  EXPECT_EQ(json[1].at("outcome").at("took"), true);
}

TEST(DecisionJournal, ATornLastLineIsReportedNotFatal) {
  const std::string good = journalLine(intent("one", kT0, "rollback"));
  const std::string torn = journalLine(intent("two", kT0, "replay")).substr(0, 30);
  const JournalRead read = parseJournal(good + "\n" + torn);
  ASSERT_EQ(read.decisions.size(), 1u);
  EXPECT_EQ(read.decisions[0].intent.action, "rollback");
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].find("Line 2"), std::string::npos);
  EXPECT_NE(read.problems[0].find("cut off"), std::string::npos);
}

// A line is one JSON document: one followed by a NUL and junk, or by a second document, is
// skipped with that reason, and the lines around it are still read.
TEST(DecisionJournal, ALineWithTrailingDataIsSkippedWithTheReason) {
  const std::string first = journalLine(intent("one", kT0, "rollback"));
  const std::string last = journalLine(intent("three", kT0, "replay"));
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    const std::string middle = journalLine(intent("two", kT0, "replay")) + trailing;
    const JournalRead read = parseJournal(first + "\n" + middle + "\n" + last + "\n");
    ASSERT_EQ(read.decisions.size(), 2u) << trailing;
    ASSERT_EQ(read.problems.size(), 1u);
    EXPECT_EQ(read.problems[0],
              "Line 2 of the journal cannot be read (not JSON: something follows the end of the document); it is "
              "skipped.");
  }
}

TEST(DecisionJournal, AMissingFileIsAnEmptyJournal) {
  testing::TempFolder folder;
  const JournalRead read = DecisionJournal((folder / "none.jsonl").string()).read();
  EXPECT_TRUE(read.decisions.empty());
  EXPECT_TRUE(read.error.empty());
}

}  // namespace
}  // namespace releasedesk
