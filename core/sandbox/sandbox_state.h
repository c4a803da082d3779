// The sandbox repository in memory: seed records, run schedules, and what the API changed.
// Internal to core/sandbox; the public face is sandbox_repository.h.
#pragma once

#include "core/github/github_types.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk::sandbox {

using Seconds = std::chrono::seconds;

struct Person {
  std::string login;
  std::int64_t id = 0;
  std::string name;
  std::string email;
  bool bot = false;
};

struct Team {
  std::string slug;
  std::int64_t id = 0;
  std::string name;
};

struct RepositoryRecord {
  std::int64_t id = 0;
  std::string owner;
  std::int64_t ownerId = 0;
  std::string name;
  std::string description;
  std::string defaultBranch;
  bool isPrivate = true;
  TimePoint createdAt;
  std::vector<std::pair<std::string, bool>> permissions;
};

// A variable (with value) or a secret (value empty) at one configuration level.
struct ConfigEntry {
  std::string name;
  std::string value;
  TimePoint createdAt;
  TimePoint updatedAt;
};

struct ConfigLevelRecord {
  std::vector<ConfigEntry> variables;
  std::vector<ConfigEntry> secrets;
  bool secretsReadable = true;
};

struct ReviewerRecord {
  bool isTeam = false;
  std::string key;  // user login or team slug
};

struct EnvironmentRecord {
  std::int64_t id = 0;
  std::string name;
  std::string url;  // where the deployed app answers
  TimePoint createdAt;
  TimePoint updatedAt;
  std::vector<ReviewerRecord> reviewers;
  std::int64_t reviewersRuleId = 0;
  std::int64_t branchPolicyRuleId = 0;
  ConfigLevelRecord config;
};

// A step's `when`: the candidate scope it needs, or "failed" for steps that only run when an
// earlier job failed.
struct StepTemplate {
  std::string name;
  int weight = 1;
  std::string when;
};

struct JobTemplate {
  std::string name;
  int minSeconds = 10;
  int maxSeconds = 30;
  bool autoOnly = false;     // runs for workflow_run promotions only (stale-guard)
  bool always = false;       // runs even when an earlier job failed (the result jobs)
  bool environment = false;  // runs in 'production': needs a review, holds the mutation lock
  std::vector<StepTemplate> steps;
};

struct WorkflowRecord {
  std::int64_t id = 0;
  std::string name;
  std::string path;  // ".github/workflows/production-stage.yml"
  TimePoint createdAt;
  int firstRunNumber = 1;
  std::vector<std::string> dispatchInputs;  // empty: no workflow_dispatch trigger
  std::string artifactPrefix;               // "production-record-"
  std::string artifactUploadStep;
  std::vector<JobTemplate> jobs;

  std::string fileName() const { return path.substr(path.rfind('/') + 1); }
};

struct CandidateScope {
  bool identity = false;
  bool infra = false;
  bool runtime = false;
  bool migrations = false;
};

struct CommitRecord {
  std::string sha;
  std::string message;
  std::string author;  // login
  TimePoint at;
  CandidateScope scope;
};

enum class EvidenceState { Accepted, Rejected, Invalid, Missing };

// A sample evidence manifest and what the production stage makes of it.
struct CandidateRecord {
  std::string sha;
  std::string_view manifest;
  EvidenceState evidence = EvidenceState::Missing;
  CandidateScope scope;
  std::string apiRef;
  std::string webRef;
};

// ---- schedules: when each job and step of an attempt starts and ends -------------------------

struct StepTimes {
  std::string name;
  int number = 0;
  OptionalTime startedAt;
  OptionalTime completedAt;
  std::string conclusion;  // final, shown once completedAt has passed
};

struct JobTimes {
  std::string name;
  bool environment = false;
  OptionalTime readyAt;        // its needs were met: any wait (review, lock) starts here
  OptionalTime reviewDecided;  // a reviewer answered (environment jobs only)
  bool reviewRequired = false;
  bool lockWait = false;  // between the review and startedAt it waits for the lock
  OptionalTime startedAt;
  OptionalTime completedAt;
  std::string conclusion;
  std::vector<StepTimes> steps;
};

struct ReviewRecord {
  std::string user;
  bool approved = true;
  std::string comment;
  TimePoint at;
};

// How the environment job's review goes for one attempt.
enum class ReviewMode {
  None,      // no review: runs the user starts in the sandbox go straight on
  After,     // approved (or rejected) `reviewWait` after the job becomes ready
  Awaiting,  // nobody has answered yet
  Decided    // answered at `decision->at`
};

// Everything that decides an attempt's schedule; scheduling is a pure function of it.
struct AttemptScript {
  int number = 1;
  std::string actor;
  TimePoint queuedAt;
  // Jobs starting from here take 20-40 s, so a run started or approved in the sandbox can be
  // watched; earlier jobs keep the recorded pace (minutes).
  OptionalTime livePaceFrom;
  bool autoPromotion = true;
  CandidateScope scope;
  std::string failJob;  // empty: every job succeeds
  std::string failStep;
  std::string failMessage;
  ReviewMode review = ReviewMode::None;
  Seconds reviewWait{0};
  std::string reviewer;
  std::string reviewComment;
  bool reviewApproves = true;
  std::optional<ReviewRecord> decision;
  OptionalTime lockFreeAt;
  std::optional<Seconds> environmentJobLength;
  std::uint64_t seed = 0;
};

struct AttemptRecord {
  AttemptScript script;
  std::vector<JobTimes> jobs;
  std::optional<ReviewRecord> review;  // once decided

  TimePoint startedAt() const { return script.queuedAt; }
  OptionalTime completedAt() const;
  // The job that fails first, if any (its conclusion holds once it has completed).
  const JobTimes* failedJob() const;
  const JobTimes* job(std::string_view name) const;
};

struct RunRecord {
  std::int64_t id = 0;
  int index = 0;  // creation order: the base of its job, deployment and artifact ids
  const WorkflowRecord* workflow = nullptr;
  int runNumber = 0;
  std::string event;
  std::string headSha;
  std::string headBranch;
  std::string candidateSha;  // empty when the run cannot be tied to one
  std::string displayTitle;
  std::string actor;
  TimePoint createdAt;
  bool uploadsArtifact = true;
  std::string label;  // seed-data name, for runs that refer to each other
  std::vector<AttemptRecord> attempts;

  // The latest attempt started by `at`.
  const AttemptRecord& attemptAt(TimePoint at) const;
  AttemptRecord& latestAttempt() { return attempts.back(); }
};

struct FileRecord {
  std::string path;
  std::string_view bytes;
};

struct RateWindow {
  int limit = 5000;
  int used = 0;
  TimePoint resetAt{};
};

// The repository: all seed data plus the runs, which grow when the API dispatches.
struct RepositoryState {
  RepositoryRecord repository;
  std::string currentUser;
  std::vector<Person> people;
  std::vector<Team> teams;
  EnvironmentRecord production;
  ConfigLevelRecord repositoryLevel;
  ConfigLevelRecord organizationLevel;
  std::vector<WorkflowRecord> workflows;
  std::vector<CommitRecord> commits;  // oldest first, all on the default branch
  std::map<std::string, CandidateRecord> candidates;
  std::vector<FileRecord> files;
  std::vector<RunRecord> runs;  // creation order

  TimePoint clock;         // the latest `now` seen: time never runs backwards inside the sandbox
  RateWindow rate;         // REST's budget, in requests
  RateWindow graphqlRate;  // GraphQL's own, in points (sandbox_graphql.cpp)
  std::uint64_t requestCount = 0;
  std::map<std::int64_t, std::string> zipCache;

  const Person* person(std::string_view login) const;
  const WorkflowRecord* workflow(std::string_view fileOrId) const;
  const CommitRecord* commit(std::string_view shaOrPrefix) const;
  // The default branch's head at `at` (the newest commit made by then).
  const CommitRecord* headAt(TimePoint at) const;
  const CandidateRecord* candidate(std::string_view sha) const;
  RunRecord* run(std::int64_t id);
};

// Seeds `state` from the embedded data, with history ending at `now` (sandbox_data.cpp).
void seedRepository(RepositoryState& state, TimePoint now);

// Adds a run to `state`, numbered and identified after the runs before it.
RunRecord& appendRun(RepositoryState& state, RunRecord run);

// What a production attempt for `candidate` (a sha, or whatever was dispatched) does on its
// own: fail load-accepted-candidate when the evidence is missing or not accepted, fail the
// stale-head guard when an auto promotion is no longer main's head. With `historicEvidence` the
// seeded commits count as accepted (their evidence existed then; the sandbox keeps only the
// six sample manifests).
void decideProductionOutcome(const RepositoryState& state, AttemptScript& script, std::string_view candidate,
                             bool historicEvidence);

// The scope of a candidate: from its sample manifest, else from the seeded commit.
CandidateScope scopeOf(const RepositoryState& state, std::string_view sha);

}  // namespace releasedesk::sandbox
