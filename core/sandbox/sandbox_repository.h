// The built-in sandbox: a GitHub repository for the production-stage pipeline, held in memory
// and answering GitHub REST requests in GitHub's JSON shapes. The desk opens on it when no
// project is configured; the loopback server (`releasedesk-cli sandbox serve`) and the
// integration tests put it behind real HTTP.
#pragma once

#include "core/github/github_types.h"
#include "core/github/http.h"
#include "core/github/transport.h"

#include <memory>
#include <string>

namespace releasedesk {

inline constexpr std::string_view kSandboxOwner = "contoso";
inline constexpr std::string_view kSandboxRepo = "shop";
// The in-process sandbox's API base. Requests to it never leave the process.
inline constexpr std::string_view kSandboxApiBase = "https://sandbox.releasedesk.invalid";

class SandboxRepository {
 public:
  // Seeds the repository from the embedded data in resources/, with its history ending at
  // `now`.
  explicit SandboxRepository(TimePoint now);
  ~SandboxRepository();
  SandboxRepository(const SandboxRepository&) = delete;
  SandboxRepository& operator=(const SandboxRepository&) = delete;

  // Answers one request. `request.url` is absolute; links in the answer (pagination, artifact
  // downloads) use its scheme, host and port. `now` moves dispatched runs along (an earlier
  // `now` than one already seen counts as that one: time never runs backwards). Not
  // thread-safe: call it from one thread.
  HttpResponse handle(const HttpRequest& request, TimePoint now);

 private:
  class State;
  std::unique_ptr<State> state_;
};

// A Transport that answers from a SandboxRepository in-process, asynchronously through the
// scheduler (so callbacks never run inside send()), at the scheduler's now(). It follows the
// artifact download redirect itself. The repository and the scheduler must outlive it; answers
// still posted when it is destroyed are dropped.
class SandboxTransport final : public Transport {
 public:
  SandboxTransport(SandboxRepository& repository, Scheduler& scheduler);
  void send(HttpRequest request, Completion done) override;

 private:
  SandboxRepository& repository_;
  Scheduler& scheduler_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // posted answers check it before running
};

}  // namespace releasedesk
