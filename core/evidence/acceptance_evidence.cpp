#include "core/evidence/acceptance_evidence.h"

#include "core/evidence/artifact_zip.h"
#include "core/evidence/evidence_manifest.h"

#include <algorithm>
#include <utility>

namespace releasedesk {
namespace {

class EvidenceFetch : public std::enable_shared_from_this<EvidenceFetch> {
 public:
  EvidenceFetch(GitHubClient& client, std::string sha, std::string workflow, std::function<void(FetchedEvidence)> done)
      : client_(client), sha_(std::move(sha)), workflow_(std::move(workflow)), done_(std::move(done)) {}

  void start() {
    RunFilter filter;
    filter.headSha = sha_;
    filter.status = "completed";
    std::weak_ptr<EvidenceFetch> weak = weak_from_this();
    client_.listWorkflowRuns(workflow_, filter, [weak](const Result<std::vector<WorkflowRun>>& runs) {
      const auto self = weak.lock();
      if (!self) return;
      if (!runs) return self->failGitHub(runs.error());
      // Newest first, as GitHub lists them; a server that ignores the filter is not trusted.
      const auto& list = runs.value();
      const auto run = std::find_if(list.begin(), list.end(), [&](const WorkflowRun& r) {
        return r.headSha == self->sha_ && r.status == "completed";
      });
      if (run == list.end()) {
        return self->fail(EvidenceFetchProblem::NoAcceptanceRun, "There is no completed Acceptance Stage run (" +
                                                                     self->workflow_ + ") for " + self->sha_ +
                                                                     ": the candidate was never accepted.");
      }
      self->result_.runId = run->id;
      self->result_.runUrl = run->htmlUrl;
      self->run_ = *run;
      self->listArtifacts();
    });
  }

 private:
  std::string runName() const {
    return "Acceptance Stage run " + std::to_string(run_.id) +
           (run_.conclusion.empty() ? std::string() : " (" + run_.conclusion + ")");
  }

  void listArtifacts() {
    std::weak_ptr<EvidenceFetch> weak = weak_from_this();
    client_.listArtifacts(run_.id, [weak](const Result<std::vector<Artifact>>& artifacts) {
      const auto self = weak.lock();
      if (!self) return;
      if (!artifacts) return self->failGitHub(artifacts.error());
      std::vector<Artifact> evidence;
      for (const Artifact& a : artifacts.value()) {
        if (a.name.find("evidence") != std::string::npos) evidence.push_back(a);
      }
      if (evidence.empty()) {
        return self->fail(EvidenceFetchProblem::NoArtifact,
                          "The " + self->runName() + " of " + self->sha_ + " uploaded no evidence artifact.");
      }
      const auto usable = std::find_if(evidence.begin(), evidence.end(), [](const Artifact& a) { return !a.expired; });
      if (usable == evidence.end()) {
        self->result_.artifactName = evidence.front().name;
        return self->fail(EvidenceFetchProblem::Expired,
                          "The evidence artifact " + evidence.front().name + " of the " + self->runName() +
                              " has expired: GitHub no longer keeps its files. Re-run the Acceptance Stage for " +
                              self->sha_ + ".");
      }
      self->result_.artifactName = usable->name;
      self->download(usable->id);
    });
  }

  void download(std::int64_t artifactId) {
    std::weak_ptr<EvidenceFetch> weak = weak_from_this();
    client_.downloadArtifact(artifactId, [weak](const Result<std::string>& zip) {
      const auto self = weak.lock();
      if (!self) return;
      if (!zip) {
        // GitHub answers 410 Gone for an artifact that expired after it was listed.
        if (zip.error().httpStatus == 410) {
          return self->fail(EvidenceFetchProblem::Expired, "The evidence artifact " + self->result_.artifactName +
                                                               " of the " + self->runName() +
                                                               " has expired: " + zip.error().message);
        }
        return self->failGitHub(zip.error());
      }
      std::string bytes;
      std::string error;
      // One byte over the cap lets the validator say the manifest is too large.
      if (!extractFromZip(zip.value(), "evidence-manifest.json", kMaxManifestBytes + 1, bytes, error)) {
        return self->fail(EvidenceFetchProblem::NoManifest, "The evidence artifact " + self->result_.artifactName +
                                                                " of the " + self->runName() +
                                                                " could not be read: " + error + ".");
      }
      self->result_.manifest = std::move(bytes);
      self->finish();
    });
  }

  void failGitHub(const GitHubError& error) {
    result_.error = error;
    fail(EvidenceFetchProblem::GitHub, error.message);
  }

  void fail(EvidenceFetchProblem problem, std::string message) {
    result_.problem = problem;
    result_.message = std::move(message);
    finish();
  }

  void finish() {
    if (auto done = std::exchange(done_, nullptr)) done(std::move(result_));
  }

  GitHubClient& client_;
  std::string sha_;
  std::string workflow_;
  std::function<void(FetchedEvidence)> done_;
  WorkflowRun run_;
  FetchedEvidence result_;
};

}  // namespace

std::shared_ptr<void> fetchAcceptanceEvidence(GitHubClient& client, const std::string& sha,
                                              const CandidateFeedOptions& options,
                                              std::function<void(FetchedEvidence)> done) {
  auto fetch = std::make_shared<EvidenceFetch>(client, sha, options.acceptanceWorkflow, std::move(done));
  fetch->start();
  return fetch;
}

}  // namespace releasedesk
