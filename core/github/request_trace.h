// RequestTrace: what every HTTP exchange of a GitHubClient cost and what it waited for, so a
// command can print its waves (`--trace`) and tests can assert the critical path from data.
//
// A request's wave is one more than the wave of the request it waited for: the one whose answer
// was being handled when it was started (its `parent`). Requests started with no answer in hand
// are in wave 1. Answers served from the local cache without a request add no wave.
// Thread: the client's transport thread, like the client.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace releasedesk {

struct TracedRequest {
  int id = 0;      // 1-based, in order of start
  int parent = 0;  // 0: started without waiting for another answer
  int wave = 0;    // 1-based; for a cached answer, its parent's wave (0 when none)
  std::string method;
  std::string target;  // path and query below the API base (the full URL for another host)
  std::chrono::steady_clock::time_point start;
  std::chrono::steady_clock::time_point end;
  bool finished = false;
  int status = 0;  // 0: no HTTP answer (network failure, timeout)
  std::size_t bytes = 0;
  bool notModified = false;  // a 304 answered from the ETag cache: no rate limit spent
  bool fromCache = false;    // answered locally, no request sent (a completed run's jobs)
};

class RequestTrace {
 public:
  // Returns the new request's id. `parent` is the id of the request it waited for, or 0.
  int begin(std::string method, std::string target, int parent);
  void end(int id, int status, std::size_t bytes, bool notModified);
  // An answer served locally without a request.
  int cached(std::string method, std::string target, int parent);

  const std::vector<TracedRequest>& requests() const { return requests_; }
  // The number of round-trip waves: the highest wave of any request sent (0 when none).
  int waves() const;
  // Requests sent over the network (cached answers excluded).
  int sent() const;
  // The id of the request that finished last (0 when none has), for requests started from a
  // timer rather than an answer: they are assumed to have waited for it.
  int lastFinished() const { return lastFinished_; }
  void clear();

 private:
  std::vector<TracedRequest> requests_;
  int lastFinished_ = 0;
};

// The trace as text: one summary line, then one line per request grouped by wave, with a bar
// showing when it was in flight, its duration, status, size and target; then the critical path.
std::string formatWaveDiagram(const RequestTrace& trace, int barWidth = 32);

}  // namespace releasedesk
