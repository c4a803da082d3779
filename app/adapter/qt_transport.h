// The core's Transport over Qt Network: follows redirects itself (credentials stay with their
// origin), caps response sizes while reading, bounds every exchange by an overall deadline, never
// lets Qt send a request body twice, and maps Qt's errors to TransportFailure.
#pragma once

#include "core/github/transport.h"

#include <QObject>
#include <QtGlobal>

#include <chrono>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace releasedesk {

struct QtTransportOptions {
  // Qt's transfer timeout: the longest wait for the next byte of one exchange (each redirect hop
  // gets its own).
  std::chrono::milliseconds transferTimeout{std::chrono::seconds(30)};
  // The longest a whole exchange may take, redirects included: a server that keeps trickling a
  // byte before each idle timeout would otherwise hold the request forever.
  std::chrono::milliseconds overallDeadline{std::chrono::seconds(120)};
  // Bodies larger than this are refused as soon as the size is known or, without a
  // Content-Length, as soon as that much has been read: artifact zips are the largest answers
  // the desk reads.
  qint64 maxResponseBytes = qint64(64) * 1024 * 1024;
  int maxRedirects = 5;
};

// Thread: use the transport, and get its callbacks, on the thread of its QNetworkAccessManager
// (the thread that created the transport when it owns one). Callbacks come from the event loop,
// exactly once, never inside send(). Destroying the transport aborts requests in flight and
// drops their callbacks.
//
// TLS certificates are always verified; there is deliberately no way to turn that off.
class QtTransport final : public Transport {
 public:
  explicit QtTransport(QtTransportOptions options = {});
  // Sends through `network`, which must outlive the transport.
  explicit QtTransport(QNetworkAccessManager& network, QtTransportOptions options = {});
  ~QtTransport() override;
  QtTransport(const QtTransport&) = delete;
  QtTransport& operator=(const QtTransport&) = delete;

  const QtTransportOptions& options() const { return options_; }

  // Sends every header of `request`, adding `User-Agent: ReleaseDesk/<version>` when it has none.
  // HTTP error statuses (4xx, 5xx) are responses, not failures.
  void send(HttpRequest request, Completion done) override;

 private:
  struct Exchange;

  void start(const std::shared_ptr<Exchange>& exchange);
  void finished(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply);
  void followRedirect(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply, int status);
  void fail(const std::shared_ptr<Exchange>& exchange, TransportFailure failure, std::string detail);
  void deliver(const std::shared_ptr<Exchange>& exchange, TransportReply reply);

  QtTransportOptions options_;
  std::unique_ptr<QNetworkAccessManager> ownedNetwork_;
  QNetworkAccessManager* network_;
  // Receives the replies' signals and queued callbacks: deleting it first in the destructor
  // makes sure no callback runs once the transport is gone.
  std::unique_ptr<QObject> context_;
};

// "64 MiB", "1 KiB", "1500 bytes": how a size cap is named in TransportFailure::TooLarge.
std::string describeByteSize(qint64 bytes);

}  // namespace releasedesk
