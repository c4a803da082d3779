// SandboxServer: the built-in sandbox repository behind a real HTTP/1.1 server on 127.0.0.1, with
// faults programmed over HTTP, so the console, the integration tests and the benchmarks exercise
// the real Qt Network path against GitHub-shaped answers.
#pragma once

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

class QJsonObject;
class QTcpServer;
class QTcpSocket;

namespace releasedesk {

class SandboxRepository;

// One programmed misbehaviour: which requests it matches, how often, and what happens instead of
// (or to) the sandbox's real answer. The JSON form is documented at parseSandboxFault().
struct SandboxFault {
  enum class Action {
    Status,    // answer `status` with `headers` and `body`, without asking the sandbox
    Delay,     // the real answer, `delayMs` late
    Hang,      // never answer (the connection stays open until the client gives up)
    Truncate,  // the real answer with the first half of its body, Content-Length matching the cut
    Pad,       // the real answer padded with spaces to `padBytes` (still valid JSON)
    Link,      // the real answer with `link` as its Link header
    Redirect,  // 302 to `redirectTo`
  };

  QByteArray method;  // upper case; empty matches every method
  QByteArray path;    // a prefix of the request's path (without the query)
  QByteArray query;   // a substring of the query; empty matches any query
  int times = 1;      // how many requests it still applies to; 0 = every one, forever
  Action action = Action::Status;
  int status = 0;
  QList<QPair<QByteArray, QByteArray>> headers;
  QByteArray body;
  int delayMs = 0;
  qint64 padBytes = 0;
  QByteArray link;
  QByteArray redirectTo;
};

// Parses one rule:
//   {"method": "GET", "path": "/repos/contoso/shop/environments/production/variables",
//    "query": "page=2", "times": 1, <one action>}
// where the action is one of
//   "status": 401 [, "body": "..." or a JSON value] [, "headers": {"Retry-After": "1"}]
//   "delayMs": 2000 | "hang": true | "truncate": true | "padBytes": 100000 |
//   "link": "<malformed>" | "redirectTo": "http://localhost:8080/_storage/artifacts/1.zip"
// std::nullopt with `error` set when the rule is not valid.
std::optional<SandboxFault> parseSandboxFault(const QJsonObject& rule, QString& error);
// A JSON array of rules (the --faults file), or a single rule object.
std::optional<std::vector<SandboxFault>> parseSandboxFaults(const QByteArray& json, QString& error);

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
  class Connection;
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
  friend class Connection;

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
