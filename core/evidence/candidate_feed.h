// CandidateFeed: the candidates of a GitHub repository, read from its acceptance-stage runs'
// evidence artifacts and verified like a local .artifacts tree.
#pragma once

#include "core/evidence/candidate_catalog.h"
#include "core/github/github_client.h"

#include <functional>
#include <memory>
#include <string>

namespace releasedesk {

struct CandidateFeedOptions {
  std::string acceptanceWorkflow = "acceptance-stage.yml";
  std::string branch;  // empty: every branch
  int maxRuns = 30;    // newest completed runs looked at
  // Runs read at once; every looked-at run by default (the transport queues beyond its per-host
  // connection limit, and a lower bound only adds round trips).
  int parallelDownloads = 30;
};

class CandidateFeed {
 public:
  CandidateFeed(GitHubClient& client, CandidateFeedOptions options = {});
  ~CandidateFeed();
  CandidateFeed(const CandidateFeed&) = delete;
  CandidateFeed& operator=(const CandidateFeed&) = delete;

  // Lists the newest completed acceptance runs (one per commit), downloads each evidence
  // artifact not seen before (artifacts never change, so later refreshes reuse them) and
  // verifies it with the run's head SHA as the folder SHA. `done` runs once, on the client's
  // callback thread; a failed listing sets CandidateCatalog::error, a failed artifact becomes a
  // skipped entry. Not called after the feed is destroyed.
  void refresh(std::function<void(CandidateCatalog)> done);

  // Artifacts downloaded so far (for tests and the status bar).
  int downloads() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace releasedesk
