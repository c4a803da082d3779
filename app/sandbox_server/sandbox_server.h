// SandboxServer: the built-in sandbox repository behind a real HTTP/1.1 server on 127.0.0.1, with
// faults programmed over HTTP, so the console, the integration tests and the benchmarks exercise
// the real Qt Network path against GitHub-shaped answers.
#pragma once

#include "app/sandbox_server/fault_rules.h"

#include "core/github/github_types.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace releasedesk {

class SandboxRepository;

// Thread: lives on the thread that created it and serves from that thread's event loop.
//
// Every request, on any Host name, is answered by the same repository: the absolute URL handed to
// SandboxRepository::handle() is built from the Host header, so the links in an answer point
// back at the host the client used, and a redirect from 127.0.0.1:<port> to localhost:<port> is a
// cross-host redirect that this same server serves.
//
// Control endpoints, outside GitHub's paths, are neither logged nor subject to faults:
//   POST /_sandbox/faults (a rule or an array of rules), GET /_sandbox/faults,
//   DELETE /_sandbox/faults; GET /_sandbox/requests, DELETE /_sandbox/requests.
//
// The server never logs or echoes the values of request headers: the request log keeps header
// names and whether an Authorization header came, nothing more.
class SandboxServer final : public QObject {
  Q_OBJECT

 public:
  using Clock = std::function<TimePoint()>;

  // `repository` must outlive the server.
  explicit SandboxServer(SandboxRepository& repository, QObject* parent = nullptr);
  ~SandboxServer() override;
  SandboxServer(const SandboxServer&) = delete;
  SandboxServer& operator=(const SandboxServer&) = delete;

  // Listens on 127.0.0.1 at `port` (0: a free port). False, with errorString(), when it cannot.
  bool listen(quint16 port = 0);
  bool isListening() const;
  QString errorString() const;
  // Whether listen() failed because the port is taken.
  bool addressInUse() const;
  quint16 port() const;
  // "http://127.0.0.1:<port>"
  QString url() const;

  // The time handed to the repository with each request; the system clock by default.
  void setClock(Clock clock);

  void addFaults(std::vector<SandboxFault> faults);
  void clearFaults();
  int activeFaults() const;

  // The log as GET /_sandbox/requests returns it: one object per API request, oldest first.
  QJsonArray requestLog() const;
  void clearRequestLog();

 private:
  struct LogEntry {
    quint64 id = 0;
    QByteArray method;
    QByteArray target;  // path and query, as sent
    QByteArray host;
    QList<QByteArray> headerNames;
    bool authorization = false;
    bool faulted = false;
    int status = 0;  // 0 until answered (a hanging request stays 0)
  };
  friend class SandboxConnection;

  void acceptConnections();
  quint64 logRequest(const QByteArray& method, const QByteArray& target, const QByteArray& host,
                     const QList<QPair<QByteArray, QByteArray>>& headers);
  LogEntry* logEntry(quint64 id);
  void markFaulted(quint64 id);
  void markAnswered(quint64 id, int status);
  // The first rule that matches, worn down by one use; std::nullopt when none does.
  std::optional<SandboxFault> takeFault(const QByteArray& method, const QByteArray& target);

  SandboxRepository& repository_;
  std::unique_ptr<QTcpServer> server_;
  std::unique_ptr<QObject> connections_;  // the parent of every open connection
  Clock clock_;
  std::vector<SandboxFault> faults_;
  std::deque<LogEntry> log_;
  quint64 nextLogId_ = 1;  // so an answer finds its entry after older ones were trimmed
};

}  // namespace releasedesk
