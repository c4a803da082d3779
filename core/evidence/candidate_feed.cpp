#include "core/evidence/candidate_feed.h"

#include "core/evidence/artifact_zip.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace releasedesk {
namespace {

bool isEvidenceArtifact(const Artifact& artifact) {
  return artifact.name.find("evidence") != std::string::npos;
}

}  // namespace

struct CandidateFeed::State : std::enable_shared_from_this<State> {
  State(GitHubClient& c, CandidateFeedOptions o) : client(c), options(std::move(o)) {}

  // One refresh in flight: the runs still to look at and the catalogue being built.
  struct Refresh {
    std::deque<WorkflowRun> queue;
    int running = 0;
    CandidateCatalog catalog;
    std::function<void(CandidateCatalog)> done;
  };

  void start(std::function<void(CandidateCatalog)> done) {
    auto refresh = std::make_shared<Refresh>();
    refresh->done = std::move(done);
    refresh->catalog.root = client.config().repo.fullName();
    RunFilter filter;
    filter.branch = options.branch;
    filter.status = "completed";
    std::weak_ptr<State> weak = weak_from_this();
    client.listWorkflowRuns(
        options.acceptanceWorkflow, filter, [weak, refresh](const Result<std::vector<WorkflowRun>>& runs) {
          const auto self = weak.lock();
          if (!self) return;
          if (!runs) {
            refresh->catalog.error = runs.error().message;
            refresh->catalog.credentialsRejected = runs.error().kind == GitHubErrorKind::Unauthorized;
            return self->finish(refresh);
          }
          refresh->catalog.acceptanceRuns = runs.value();
          std::set<std::string> seen;
          for (const WorkflowRun& run : runs.value()) {  // newest first, as GitHub lists them
            if (static_cast<int>(refresh->queue.size()) >= self->options.maxRuns) break;
            if (run.headSha.empty() || !seen.insert(run.headSha).second) continue;
            refresh->queue.push_back(run);
          }
          self->pump(refresh);
        });
  }

  void pump(const std::shared_ptr<Refresh>& refresh) {
    while (refresh->running < options.parallelDownloads && !refresh->queue.empty()) {
      WorkflowRun run = std::move(refresh->queue.front());
      refresh->queue.pop_front();
      ++refresh->running;
      loadRun(refresh, std::move(run));
    }
    if (refresh->running == 0 && refresh->queue.empty()) finish(refresh);
  }

  void settle(const std::shared_ptr<Refresh>& refresh) {
    --refresh->running;
    pump(refresh);
  }

  void skip(const std::shared_ptr<Refresh>& refresh, const WorkflowRun& run, const GitHubError& error) {
    refresh->catalog.credentialsRejected |= error.kind == GitHubErrorKind::Unauthorized;
    skip(refresh, run, error.message);
  }

  void skip(const std::shared_ptr<Refresh>& refresh, const WorkflowRun& run, const std::string& reason) {
    refresh->catalog.skipped.push_back(
        {"run " + std::to_string(run.id) + " (" + run.headSha.substr(0, 12) + ")", reason});
    settle(refresh);
  }

  void loadRun(const std::shared_ptr<Refresh>& refresh, WorkflowRun run) {
    std::weak_ptr<State> weak = weak_from_this();
    const std::int64_t runId = run.id;
    // The feed lists completed runs only: a first attempt's artifact list never changes (a re-run
    // may upload others).
    const bool final = run.runAttempt <= 1;
    client.listArtifacts(
        runId,
        [weak, refresh, run = std::move(run)](const Result<std::vector<Artifact>>& artifacts) {
          const auto self = weak.lock();
          if (!self) return;
          if (!artifacts) return self->skip(refresh, run, artifacts.error());
          const auto& list = artifacts.value();
          const auto it = std::find_if(list.begin(), list.end(), isEvidenceArtifact);
          if (it == list.end()) return self->skip(refresh, run, "the run uploaded no evidence artifact");
          if (it->expired) return self->skip(refresh, run, "its evidence artifact " + it->name + " has expired");
          if (const auto cached = self->reports.find(it->id); cached != self->reports.end()) {
            refresh->catalog.candidates.push_back(cached->second);
            return self->settle(refresh);
          }
          self->download(refresh, run, *it);
        },
        /*runCompleted=*/final);
  }

  void download(const std::shared_ptr<Refresh>& refresh, const WorkflowRun& run, const Artifact& artifact) {
    std::weak_ptr<State> weak = weak_from_this();
    client.downloadArtifact(artifact.id, [weak, refresh, run, artifact](const Result<std::string>& zip) {
      const auto self = weak.lock();
      if (!self) return;
      if (!zip) return self->skip(refresh, run, zip.error());
      ++self->downloadCount;
      CandidateEntry entry;
      entry.sha = run.headSha;
      entry.path = "run " + std::to_string(run.id) + " › " + artifact.name + " › evidence-manifest.json";
      std::string bytes;
      std::string error;
      // One byte over the cap lets the validator say the manifest is too large.
      if (extractFromZip(zip.value(), "evidence-manifest.json", kMaxManifestBytes + 1, bytes, error)) {
        entry.report = verifyEvidence(bytes, VerifyOptions{run.headSha});
      } else {
        entry.report.findings.push_back({Severity::Error, "", "The evidence could not be read: " + error + "."});
      }
      self->reports[artifact.id] = entry;
      refresh->catalog.candidates.push_back(std::move(entry));
      self->settle(refresh);
    });
  }

  void finish(const std::shared_ptr<Refresh>& refresh) {
    std::sort(refresh->catalog.candidates.begin(), refresh->catalog.candidates.end(),
              [](const CandidateEntry& a, const CandidateEntry& b) { return a.sha < b.sha; });
    auto done = std::move(refresh->done);
    done(std::move(refresh->catalog));
  }

  GitHubClient& client;
  CandidateFeedOptions options;
  std::map<std::int64_t, CandidateEntry> reports;  // by artifact id
  int downloadCount = 0;
};

CandidateFeed::CandidateFeed(GitHubClient& client, CandidateFeedOptions options)
    : state_(std::make_shared<State>(client, std::move(options))) {}

CandidateFeed::~CandidateFeed() = default;

void CandidateFeed::refresh(std::function<void(CandidateCatalog)> done) {
  state_->start(std::move(done));
}

int CandidateFeed::downloads() const {
  return state_->downloadCount;
}

}  // namespace releasedesk
