// The boundary between the core and the network: an asynchronous HTTP transport, and the
// scheduler that gives the core time and deferred work. Both are injected into services.
#pragma once

#include "core/github/http.h"

#include <chrono>
#include <functional>

namespace releasedesk {

class Transport {
 public:
  using Completion = std::function<void(TransportReply)>;

  virtual ~Transport() = default;

  // Sends `request` and calls `done` exactly once, never before send() returns.
  // Thread: `done` runs on the thread that owns the transport (for the Qt adapter, the thread
  // of its QNetworkAccessManager: the GUI thread in the desktop, the main thread in the console).
  // The transport follows redirects itself and never carries the Authorization header to
  // another host.
  virtual void send(HttpRequest request, Completion done) = 0;
};

// Time and deferred work for services: a QTimer in the Qt adapter, a manual clock in tests.
class Scheduler {
 public:
  virtual ~Scheduler() = default;

  virtual std::chrono::system_clock::time_point now() const = 0;
  // Runs `task` after `delay` on the scheduler's thread (the same thread as transport callbacks).
  virtual void post(std::chrono::milliseconds delay, std::function<void()> task) = 0;
};

}  // namespace releasedesk
