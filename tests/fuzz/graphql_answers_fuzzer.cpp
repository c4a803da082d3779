// libFuzzer target: GitHub's GraphQL answers (github_graphql): TimelineNodes, CommitTimes and
// RateLimit bodies read leniently per object. Any bytes must read without throwing or crashing;
// an answer either has a problem or every object it gave is whole (jobs of their run, statuses
// ordered with ids from 1, commits of the shas asked). The first byte picks the reader.
#include "core/github/github_graphql.h"
#include "tests/fuzz/fuzz_support.h"

#include <string>
#include <vector>

namespace {

using namespace releasedesk;

const std::vector<std::string> kShas = {std::string(40, 'a'), std::string(40, 'b'), std::string(40, 'c')};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      const TimelineNodesAnswer answer = parseTimelineNodes(body);
      if (!answer.problem.empty()) {
        fuzz::require(answer.jobs.empty() && answer.statuses.empty(), "a failed answer gives no objects");
      }
      for (const auto& [run, jobs] : answer.jobs) {
        for (const Job& job : jobs) fuzz::require(job.runId == run, "a job belongs to the run it came with");
      }
      for (const auto& [id, statuses] : answer.statuses) {
        for (std::size_t i = 0; i < statuses.size(); ++i) {
          fuzz::require(statuses[i].id == static_cast<std::int64_t>(statuses.size() - i),
                        "ids count up from the oldest");
        }
      }
      (void)jobsAsRestJson(answer.jobs.empty() ? std::vector<Job>{} : answer.jobs.begin()->second);
      break;
    }
    case 1: {
      const CommitTimesAnswer answer = parseCommitTimes(body, kShas);
      for (const auto& [sha, commit] : answer.commits) {
        fuzz::require(commit.sha == sha && (commit.committedAt || commit.authoredAt), "a commit read has a time");
      }
      break;
    }
    case 2: (void)parseRateLimitAnswer(body); break;
  }
  return 0;
}
