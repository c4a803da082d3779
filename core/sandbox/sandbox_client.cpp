#include "core/sandbox/sandbox_client.h"

#include <chrono>
#include <string>

namespace releasedesk {
namespace {

GitHubClientConfig sandboxConfig() {
  GitHubClientConfig config;
  config.apiBase = std::string(kSandboxApiBase);
  config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
  return config;
}

}  // namespace

SandboxClient::SandboxClient(Scheduler& scheduler, const TransportWrapper& wrap,
                             std::shared_ptr<SandboxRepository> repository)
    : repository_(repository
                      ? std::move(repository)
                      : std::make_shared<SandboxRepository>(std::chrono::floor<std::chrono::seconds>(scheduler.now()))),
      transport_(*repository_, scheduler),
      wrapper_(wrap ? wrap(transport_) : nullptr),
      client_(wrapper_ ? *wrapper_ : static_cast<Transport&>(transport_), scheduler, sandboxConfig()) {}

std::unique_ptr<SandboxClient> openSandboxClient(Scheduler& scheduler, const SandboxClient::TransportWrapper& wrap,
                                                 std::shared_ptr<SandboxRepository> repository) {
  return std::make_unique<SandboxClient>(scheduler, wrap, std::move(repository));
}

}  // namespace releasedesk
