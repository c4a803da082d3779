// The in-process sandbox behind the real GitHubClient, set up once for everyone who opens it: the
// desk and the console's --sandbox (through GitHubConnection) and the tests.
#pragma once

#include "core/github/github_client.h"
#include "core/github/transport.h"
#include "core/sandbox/sandbox_repository.h"

#include <functional>
#include <memory>

namespace releasedesk {

// The repository (its history ending at the scheduler's now(), in whole seconds), the transport
// that answers from it, and a client on contoso/shop without a token. Destroyed in reverse order
// of construction: the client first, the repository last.
class SandboxClient {
 public:
  // Wraps the sandbox transport before the client sends through it (the desk watches every
  // exchange that way); the wrapper is owned with the rest.
  using TransportWrapper = std::function<std::unique_ptr<Transport>(Transport& sandbox)>;

  // The scheduler must outlive the SandboxClient. `repository`, when given, is shared with other
  // clients (the console's tests keep one sandbox from command to command); otherwise a fresh
  // one is seeded with its history ending at the scheduler's now().
  explicit SandboxClient(Scheduler& scheduler, const TransportWrapper& wrap = {},
                         std::shared_ptr<SandboxRepository> repository = nullptr);
  SandboxClient(const SandboxClient&) = delete;
  SandboxClient& operator=(const SandboxClient&) = delete;

  SandboxRepository& repository() { return *repository_; }
  const std::shared_ptr<SandboxRepository>& sharedRepository() const { return repository_; }
  // The sandbox's own transport, without the wrapper.
  Transport& transport() { return transport_; }
  GitHubClient& client() { return client_; }

 private:
  std::shared_ptr<SandboxRepository> repository_;
  SandboxTransport transport_;
  std::unique_ptr<Transport> wrapper_;  // null without a wrapper
  GitHubClient client_;
};

// The usual way to open the sandbox: see SandboxClient.
std::unique_ptr<SandboxClient> openSandboxClient(Scheduler& scheduler, const SandboxClient::TransportWrapper& wrap = {},
                                                 std::shared_ptr<SandboxRepository> repository = nullptr);

}  // namespace releasedesk
