// Seeds the sandbox from resources/sandbox: the repository, its configuration, the candidates
// and ninety days of runs, all placed relative to the moment the sandbox opens.
#include "core/evidence/evidence_manifest.h"
#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_schedule.h"
#include "core/sandbox/sandbox_state.h"
#include "resources/embedded_resources.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace releasedesk::sandbox {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kProductionWorkflow = "production-stage.yml";
constexpr std::string_view kAcceptanceWorkflow = "acceptance-stage.yml";
// A workflow_run promotion is queued this long after the acceptance run it follows.
constexpr Seconds kWorkflowRunDelay{4};

// "89d 19h 40m", "1m 30s": how long before the sandbox opened.
Seconds parseAgo(std::string_view text) {
  Seconds total{0};
  long long number = -1;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number = (number < 0 ? 0 : number * 10) + (c - '0');
    } else if (c != ' ') {
      static constexpr std::string_view kUnits = "dhms";
      static constexpr long long kSeconds[] = {86400, 3600, 60, 1};
      const auto unit = kUnits.find(c);
      if (unit == std::string_view::npos || number < 0)
        throw std::logic_error("bad 'ago' in sandbox data: " + std::string(text));
      total += Seconds(number * kSeconds[unit]);
      number = -1;
    }
  }
  if (number >= 0) throw std::logic_error("bad 'ago' in sandbox data: " + std::string(text));
  return total;
}

TimePoint ago(TimePoint now, const Json& j, const char* key) {
  return now - parseAgo(j.at(key).get<std::string>());
}

Json embeddedJson(std::string_view name) {
  for (const auto& file : resources::sandboxData()) {
    if (file.path == name) return Json::parse(file.bytes);
  }
  throw std::logic_error("sandbox data file missing: " + std::string(name));
}

void readRepository(RepositoryState& state, const Json& doc, TimePoint now) {
  const Json& repo = doc.at("repository");
  RepositoryRecord& r = state.repository;
  r.id = repo.at("id").get<std::int64_t>();
  r.name = repo.at("name").get<std::string>();
  r.owner = repo.at("owner").at("login").get<std::string>();
  r.ownerId = repo.at("owner").at("id").get<std::int64_t>();
  r.description = repo.at("description").get<std::string>();
  r.defaultBranch = repo.at("defaultBranch").get<std::string>();
  r.isPrivate = repo.at("private").get<bool>();
  r.createdAt = ago(now, repo, "created");
  for (const auto& [key, value] : repo.at("permissions").items()) r.permissions.emplace_back(key, value.get<bool>());
  state.currentUser = doc.at("currentUser").get<std::string>();
  for (const Json& p : doc.at("people")) {
    state.people.push_back({p.at("login").get<std::string>(), p.at("id").get<std::int64_t>(),
                            p.at("name").get<std::string>(), p.at("email").get<std::string>(), p.value("bot", false)});
  }
  for (const Json& t : doc.at("teams")) {
    state.teams.push_back(
        {t.at("slug").get<std::string>(), t.at("id").get<std::int64_t>(), t.at("name").get<std::string>()});
  }
}

std::vector<ConfigEntry> readEntries(const Json& list, TimePoint now) {
  std::vector<ConfigEntry> entries;
  for (const Json& e : list) {
    entries.push_back({e.at("name").get<std::string>(), e.value("value", std::string()), ago(now, e, "created"),
                       ago(now, e, "updated")});
  }
  return entries;
}

void readEnvironmentAndConfiguration(RepositoryState& state, const Json& doc, TimePoint now) {
  const Json& env = doc.at("environment");
  EnvironmentRecord& e = state.production;
  e.id = env.at("id").get<std::int64_t>();
  e.name = env.at("name").get<std::string>();
  e.url = env.at("url").get<std::string>();
  e.createdAt = ago(now, env, "created");
  e.updatedAt = ago(now, env, "updated");
  e.reviewersRuleId = env.at("reviewersRuleId").get<std::int64_t>();
  e.branchPolicyRuleId = env.at("branchPolicyRuleId").get<std::int64_t>();
  for (const Json& r : env.at("reviewers")) {
    const bool team = r.at("type").get<std::string>() == "Team";
    e.reviewers.push_back({team, r.at(team ? "slug" : "login").get<std::string>()});
  }
  const Json& variables = doc.at("variables");
  const Json& secrets = doc.at("secrets");
  e.config = {readEntries(variables.at("environment"), now), readEntries(secrets.at("environment"), now), true};
  state.repositoryLevel = {readEntries(variables.at("repository"), now), readEntries(secrets.at("repository"), now),
                           true};
  state.organizationLevel = {readEntries(variables.at("organization"), now),
                             readEntries(secrets.at("organization"), now), secrets.value("organizationReadable", true)};
}

WorkflowRecord readWorkflow(const Json& w, TimePoint now) {
  WorkflowRecord workflow;
  workflow.id = w.at("id").get<std::int64_t>();
  workflow.name = w.at("name").get<std::string>();
  workflow.path = w.at("path").get<std::string>();
  workflow.createdAt = ago(now, w, "created");
  workflow.firstRunNumber = w.at("firstRunNumber").get<int>();
  workflow.dispatchInputs = w.value("dispatchInputs", std::vector<std::string>{});
  workflow.artifactPrefix = w.at("artifact").at("prefix").get<std::string>();
  workflow.artifactUploadStep = w.at("artifact").at("uploadStep").get<std::string>();
  for (const Json& j : w.at("jobs")) {
    JobTemplate job;
    job.name = j.at("name").get<std::string>();
    job.minSeconds = j.at("seconds").at(0).get<int>();
    job.maxSeconds = j.at("seconds").at(1).get<int>();
    job.autoOnly = j.value("autoOnly", false);
    job.always = j.value("always", false);
    job.environment = j.value("environment", false);
    for (const Json& s : j.at("steps")) {
      job.steps.push_back({s.at("name").get<std::string>(), s.value("weight", 1), s.value("when", std::string())});
    }
    workflow.jobs.push_back(std::move(job));
  }
  return workflow;
}

CandidateScope scopeFromList(const Json& list) {
  CandidateScope scope;
  for (const Json& item : list) {
    const std::string key = item.get<std::string>();
    scope.identity = scope.identity || key == "identity";
    scope.infra = scope.infra || key == "infra";
    scope.runtime = scope.runtime || key == "runtime";
    scope.migrations = scope.migrations || key == "migrations";
  }
  return scope;
}

void readCommits(RepositoryState& state, const Json& history, TimePoint now) {
  for (const Json& c : history.at("commits")) {
    state.commits.push_back({c.at("sha").get<std::string>(), c.at("message").get<std::string>(),
                             c.at("author").get<std::string>(), ago(now, c, "ago"),
                             scopeFromList(c.value("scope", Json::array()))});
  }
  std::stable_sort(state.commits.begin(), state.commits.end(),
                   [](const CommitRecord& a, const CommitRecord& b) { return a.at < b.at; });
}

// The six sample manifests, with the verdict the production stage would reach on them.
void readCandidates(RepositoryState& state) {
  for (const auto& file : resources::sampleArtifacts()) {
    const std::string_view path = file.path;  // acceptance/<sha>/evidence-manifest.json
    const auto first = path.find('/');
    const std::string sha(path.substr(first + 1, path.find('/', first + 1) - first - 1));
    const EvidenceReport report = verifyEvidence(file.bytes, {sha});
    CandidateRecord candidate;
    candidate.sha = sha;
    candidate.manifest = file.bytes;
    candidate.evidence = report.verdict == Verdict::Accepted   ? EvidenceState::Accepted
                         : report.verdict == Verdict::Rejected ? EvidenceState::Rejected
                                                               : EvidenceState::Invalid;
    const EvidenceManifest& m = report.manifest;
    candidate.scope = {m.inScope("identity"), m.inScope("infra"), m.inScope("runtime"), m.inScope("migrations")};
    candidate.apiRef = m.apiRef;
    candidate.webRef = m.webRef;
    state.candidates.emplace(sha, std::move(candidate));
  }
}

std::string headline(const std::string& message) {
  return message.substr(0, message.find('\n'));
}

std::string authorOf(const RepositoryState& state, std::string_view sha) {
  const CommitRecord* commit = state.commit(sha);
  return commit ? commit->author : "github-actions[bot]";
}

// ---- runs ---------------------------------------------------------------------------------

struct RunDraft {
  RunRecord run;
  const Json* entry = nullptr;  // production runs are scheduled in creation order, from here
};

RunDraft acceptanceDraft(const RepositoryState& state, const Json& entry, TimePoint now) {
  RunDraft draft;
  RunRecord& run = draft.run;
  run.workflow = state.workflow(kAcceptanceWorkflow);
  run.candidateSha = entry.at("candidate").get<std::string>();
  run.event = entry.at("event").get<std::string>();
  run.headSha = run.candidateSha;
  run.headBranch = state.repository.defaultBranch;
  const CommitRecord* commit = state.commit(run.candidateSha);
  run.displayTitle = commit ? headline(commit->message) : run.candidateSha;
  run.actor = authorOf(state, run.candidateSha);
  run.createdAt = ago(now, entry, "ago");
  AttemptScript script;
  script.actor = run.actor;
  script.queuedAt = run.createdAt;
  script.failJob = entry.value("failJob", std::string());
  script.failStep = entry.value("failStep", std::string());
  script.seed = stableHash(run.workflow->path + run.candidateSha);
  run.attempts.push_back(scheduleAttempt(*run.workflow, script));
  return draft;
}

TimePoint promotionTime(const std::vector<RunDraft>& acceptance, const Json& entry, TimePoint now) {
  if (entry.contains("ago")) return ago(now, entry, "ago");
  const std::string sha = entry.at("candidate").get<std::string>();
  for (const RunDraft& draft : acceptance) {
    if (draft.run.candidateSha == sha) return *draft.run.attempts.back().completedAt() + kWorkflowRunDelay;
  }
  throw std::logic_error("sandbox data: a promotion of " + sha + " has neither 'ago' nor an acceptance run");
}

RunDraft productionDraft(const RepositoryState& state, const Json& entry, TimePoint createdAt) {
  RunDraft draft;
  draft.entry = &entry;
  RunRecord& run = draft.run;
  run.workflow = state.workflow(kProductionWorkflow);
  run.event = entry.at("event").get<std::string>();
  run.candidateSha = entry.value("candidate", std::string());
  const bool automatic = run.event == "workflow_run";
  const CommitRecord* head = state.headAt(createdAt);
  run.headSha = automatic || !head ? run.candidateSha : head->sha;
  run.headBranch = state.repository.defaultBranch;
  // The workflow's run-name: "Production Stage: <candidate sha>" for promotions and replays alike;
  // only runs from before run-name existed have another title.
  run.displayTitle = entry.value("title", "Production Stage: " + run.candidateSha);
  run.actor = automatic ? authorOf(state, run.candidateSha) : entry.at("actor").get<std::string>();
  run.createdAt = createdAt;
  run.uploadsArtifact = entry.value("uploadsRecord", true);
  run.label = entry.value("label", std::string());
  return draft;
}

AttemptScript seededProductionScript(const RepositoryState& state, const RunRecord& run, const Json& entry,
                                     TimePoint now) {
  AttemptScript script;
  script.actor = run.actor;
  script.queuedAt = run.createdAt;
  script.autoPromotion = run.event == "workflow_run";
  const std::string input = entry.value("candidate", entry.value("input", std::string()));
  script.scope = scopeOf(state, input);
  // Seeded by how long ago the run was, not when: the story is the same whenever the sandbox opens.
  script.seed = stableHash(run.workflow->path + input + std::to_string((now - run.createdAt).count()));
  const std::string review = entry.value("review", std::string("approved"));
  script.review = review == "pending" ? ReviewMode::Awaiting : ReviewMode::After;
  script.reviewApproves = review != "rejected";
  script.reviewWait = entry.contains("reviewWait") ? parseAgo(entry.at("reviewWait").get<std::string>())
                                                   : Seconds(seededInRange(mixSeed(script.seed, 3), 120, 2100));
  script.reviewer = entry.value("approver", state.currentUser);
  script.reviewComment = entry.value("reviewComment", std::string());
  if (entry.contains("environmentJob"))
    script.environmentJobLength = parseAgo(entry.at("environmentJob").get<std::string>());
  script.failJob = entry.value("failJob", std::string());
  script.failStep = entry.value("failStep", std::string());
  script.failMessage = entry.value("failMessage", std::string());
  if (script.failJob.empty()) decideProductionOutcome(state, script, input, true);
  return script;
}

OptionalTime lockReleaseOf(const RepositoryState& state, const std::string& label) {
  for (const RunRecord& holder : state.runs) {
    if (holder.label != label) continue;
    for (const JobTimes& job : holder.attempts.back().jobs) {
      if (job.environment) return job.completedAt;
    }
  }
  throw std::logic_error("sandbox data: no earlier run is labelled " + label);
}

void scheduleProductionRun(const RepositoryState& state, RunRecord& run, const Json& entry, TimePoint now) {
  AttemptScript script = seededProductionScript(state, run, entry, now);
  if (entry.contains("lockHeldBy")) script.lockFreeAt = lockReleaseOf(state, entry.at("lockHeldBy").get<std::string>());
  run.attempts.push_back(scheduleAttempt(*run.workflow, script));
  if (!entry.contains("rerun")) return;
  const Json& rerun = entry.at("rerun");
  AttemptScript again = script;
  again.number = 2;
  again.actor = rerun.at("actor").get<std::string>();
  again.queuedAt = *run.attempts.back().completedAt() + parseAgo(rerun.at("after").get<std::string>());
  again.seed = mixSeed(script.seed, 2);
  again.reviewWait = Seconds(seededInRange(mixSeed(again.seed, 3), 120, 900));
  again.reviewComment = rerun.value("reviewComment", std::string());
  again.failJob.clear();
  again.failStep.clear();
  again.failMessage.clear();
  decideProductionOutcome(state, again, run.candidateSha, true);
  run.attempts.push_back(scheduleAttempt(*run.workflow, again));
}

void seedRuns(RepositoryState& state, const Json& history, TimePoint now) {
  std::vector<RunDraft> acceptance;
  for (const Json& entry : history.at("acceptanceRuns")) acceptance.push_back(acceptanceDraft(state, entry, now));
  std::vector<RunDraft> drafts = acceptance;
  for (const Json& entry : history.at("productionRuns")) {
    drafts.push_back(productionDraft(state, entry, promotionTime(acceptance, entry, now)));
  }
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const RunDraft& a, const RunDraft& b) { return a.run.createdAt < b.run.createdAt; });
  for (RunDraft& draft : drafts) {
    if (draft.entry) scheduleProductionRun(state, draft.run, *draft.entry, now);
    appendRun(state, std::move(draft.run));
  }
}

}  // namespace

void seedRepository(RepositoryState& state, TimePoint now) {
  const Json repository = embeddedJson("repository.json");
  const Json history = embeddedJson("history.json");
  state.clock = now;
  state.rate.resetAt = now + std::chrono::hours(1);
  state.graphqlRate.resetAt = now + std::chrono::hours(1);
  readRepository(state, repository, now);
  readEnvironmentAndConfiguration(state, repository, now);
  for (const Json& w : repository.at("workflows")) state.workflows.push_back(readWorkflow(w, now));
  readCommits(state, history, now);
  readCandidates(state);
  for (const auto& file : resources::sandboxFiles()) state.files.push_back({std::string(file.path), file.bytes});
  seedRuns(state, history, now);
}

}  // namespace releasedesk::sandbox
