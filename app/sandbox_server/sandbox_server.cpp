// SandboxServer: listening on loopback, the fault rules in force and the request log around
// SandboxRepository::handle(); each client is a SandboxConnection.
#include "app/sandbox_server/sandbox_server.h"

#include "app/sandbox_server/http1_codec.h"
#include "app/sandbox_server/sandbox_connection.h"

#include "core/sandbox/sandbox_repository.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace releasedesk {
namespace {

constexpr std::size_t kMaxLogEntries = 10000;

}  // namespace

SandboxServer::SandboxServer(SandboxRepository& repository, QObject* parent)
    : QObject(parent),
      repository_(repository),
      server_(std::make_unique<QTcpServer>()),
      connections_(std::make_unique<QObject>()),
      clock_([] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }) {
  connect(server_.get(), &QTcpServer::newConnection, this, [this] { acceptConnections(); });
}

SandboxServer::~SandboxServer() {
  server_->close();
  // Connections use the other members while they live (and their timers may be due): end them
  // first.
  connections_.reset();
}

bool SandboxServer::listen(quint16 port) {
  return server_->listen(QHostAddress::LocalHost, port);
}

bool SandboxServer::isListening() const {
  return server_->isListening();
}

QString SandboxServer::errorString() const {
  return server_->errorString();
}

bool SandboxServer::addressInUse() const {
  return server_->serverError() == QAbstractSocket::AddressInUseError;
}

quint16 SandboxServer::port() const {
  return server_->serverPort();
}

QString SandboxServer::url() const {
  return QStringLiteral("http://127.0.0.1:") + QString::number(port());
}

void SandboxServer::setClock(Clock clock) {
  clock_ = std::move(clock);
}

void SandboxServer::addFaults(std::vector<SandboxFault> faults) {
  for (SandboxFault& fault : faults) faults_.push_back(std::move(fault));
}

void SandboxServer::clearFaults() {
  faults_.clear();
}

int SandboxServer::activeFaults() const {
  return static_cast<int>(faults_.size());
}

QJsonArray SandboxServer::requestLog() const {
  QJsonArray log;
  for (const LogEntry& entry : log_) {
    QJsonArray names;
    for (const QByteArray& name : entry.headerNames) names.append(QString::fromLatin1(name));
    log.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(entry.method)},
                           {QStringLiteral("path"), QString::fromUtf8(entry.target)},
                           {QStringLiteral("host"), QString::fromLatin1(entry.host)},
                           {QStringLiteral("headers"), names},
                           {QStringLiteral("authorization"), entry.authorization},
                           {QStringLiteral("fault"), entry.faulted},
                           {QStringLiteral("status"), entry.status}});
  }
  return log;
}

void SandboxServer::clearRequestLog() {
  log_.clear();
}

void SandboxServer::acceptConnections() {
  while (QTcpSocket* socket = server_->nextPendingConnection())
    new SandboxConnection(*this, socket, connections_.get());
}

// Header names only: values (the token above all) never reach the log.
quint64 SandboxServer::logRequest(const QByteArray& method, const QByteArray& target, const QByteArray& host,
                                  const QList<QPair<QByteArray, QByteArray>>& headers) {
  LogEntry entry;
  entry.id = nextLogId_++;
  entry.method = method;
  entry.target = target;
  entry.host = host;
  for (const auto& header : headers) {
    entry.headerNames.append(header.first);
    if (http1::sameName(header.first, "authorization")) entry.authorization = true;
  }
  log_.push_back(std::move(entry));
  if (log_.size() > kMaxLogEntries) log_.pop_front();
  return log_.back().id;
}

SandboxServer::LogEntry* SandboxServer::logEntry(quint64 id) {
  // Ids grow by one per entry, so the entry sits at a known distance from the back.
  if (log_.empty() || id < log_.front().id || id > log_.back().id) return nullptr;
  LogEntry& entry = log_[static_cast<std::size_t>(id - log_.front().id)];
  return entry.id == id ? &entry : nullptr;
}

void SandboxServer::markFaulted(quint64 id) {
  if (LogEntry* entry = logEntry(id)) entry->faulted = true;
}

void SandboxServer::markAnswered(quint64 id, int status) {
  if (LogEntry* entry = logEntry(id)) entry->status = status;
}

std::optional<SandboxFault> SandboxServer::takeFault(const QByteArray& method, const QByteArray& target) {
  const QByteArray path = http1::pathOf(target);
  const QByteArray query = target.mid(path.size() + 1);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->method.isEmpty() && it->method != method) continue;
    if (!path.startsWith(it->path) || !query.contains(it->query)) continue;
    SandboxFault fault = *it;
    // times 0 applies forever; otherwise the rule wears out.
    if (it->times > 0 && --it->times == 0) faults_.erase(it);
    return fault;
  }
  return std::nullopt;
}

}  // namespace releasedesk
