// SandboxConnection: one client's requests, answered in order through the fault rules, the control
// endpoints or the repository.
#include "app/sandbox_server/sandbox_connection.h"

#include "app/sandbox_server/fault_rules.h"
#include "app/sandbox_server/sandbox_server.h"

#include "core/sandbox/sandbox_repository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace releasedesk {
namespace {

const QByteArray kControlPrefix = QByteArrayLiteral("/_sandbox");

HttpResponse jsonResponse(int status, const QJsonObject& body, HttpHeaders headers = {}) {
  setHeader(headers, "content-type", "application/json; charset=utf-8");
  return {status, std::move(headers), QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString()};
}

HttpResponse messageResponse(int status, const QString& message) {
  return jsonResponse(status, QJsonObject{{QStringLiteral("message"), message}});
}

}  // namespace

SandboxConnection::SandboxConnection(SandboxServer& server, QTcpSocket* socket, QObject* parent)
    : QObject(parent), server_(server), socket_(socket) {
  socket_->setParent(this);
  socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
  connect(socket_, &QTcpSocket::readyRead, this, [this] { readAvailable(); });
  connect(socket_, &QTcpSocket::disconnected, this, &QObject::deleteLater);
  if (socket_->bytesAvailable() > 0) readAvailable();
}

SandboxConnection::~SandboxConnection() {
  QObject::disconnect(socket_, nullptr, this, nullptr);
  socket_->abort();
}

void SandboxConnection::readAvailable() {
  buffer_ += socket_->readAll();
  if (busy_ && buffer_.size() > http1::kMaxHeaderBytes + http1::kMaxBodyBytes) {
    socket_->abort();  // a client that keeps sending while we hold its answer back
    return;
  }
  processBuffer();
}

void SandboxConnection::processBuffer() {
  while (!busy_ && !closing_ && !buffer_.isEmpty()) {
    http1::ParseResult parsed = http1::parseRequest(buffer_);
    if (parsed.outcome == http1::ParseOutcome::Incomplete) {
      if (parsed.wantsContinue && !continueSent_) {
        socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
        continueSent_ = true;
      }
      return;
    }
    if (parsed.outcome == http1::ParseOutcome::Malformed) {
      // After malformed input the framing is lost: answer once and close.
      buffer_.clear();
      send(messageResponse(parsed.errorStatus, parsed.errorMessage), false, false);
      return;
    }
    buffer_.remove(0, parsed.consumed);
    continueSent_ = false;
    if (parsed.request.host.isEmpty()) {
      // HTTP/1.0 without Host: the address the client connected to.
      parsed.request.host = "127.0.0.1:" + QByteArray::number(socket_->localPort());
    }
    handle(std::move(parsed.request));
  }
}

void SandboxConnection::handle(http1::Request request) {
  const QByteArray path = request.path();
  if (path == kControlPrefix || path.startsWith(kControlPrefix + '/')) {
    send(control(request), request.keepAlive, request.method == "HEAD");
    return;
  }
  const quint64 logId = server_.logRequest(request.method, request.target, request.host, request.headers);
  const std::optional<SandboxFault> fault = server_.takeFault(request.method, request.target);
  if (fault) server_.markFaulted(logId);
  if (!fault) return answer(request, repositoryAnswer(request), logId);

  switch (fault->action) {
    case SandboxFault::Action::Status: {
      HttpResponse response{fault->status, {}, fault->body.toStdString()};
      for (const auto& [name, value] : fault->headers)
        response.headers.emplace_back(name.toStdString(), value.toStdString());
      if (!response.body.empty() && headerValue(response.headers, "content-type").empty()) {
        setHeader(response.headers, "content-type", "application/json; charset=utf-8");
      }
      return answer(request, response, logId);
    }
    case SandboxFault::Action::Delay:
      busy_ = true;
      // The answer is computed when it is sent, as a slow server would; the timer dies with
      // the connection when the client gives up first.
      QTimer::singleShot(fault->delayMs, this, [this, request = std::move(request), logId] {
        busy_ = false;
        if (socket_->state() != QAbstractSocket::ConnectedState) return;
        answer(request, repositoryAnswer(request), logId);
        processBuffer();
      });
      return;
    case SandboxFault::Action::Hang:
      busy_ = true;  // for good: the connection answers nothing more
      return;
    case SandboxFault::Action::Truncate: {
      HttpResponse response = repositoryAnswer(request);
      response.body.resize(response.body.size() / 2);
      return answer(request, response, logId);
    }
    case SandboxFault::Action::Pad: {
      HttpResponse response = repositoryAnswer(request);
      // Trailing spaces keep a JSON body valid JSON: only its size is wrong.
      if (static_cast<qint64>(response.body.size()) < fault->padBytes) response.body.resize(fault->padBytes, ' ');
      return answer(request, response, logId);
    }
    case SandboxFault::Action::Link: {
      HttpResponse response = repositoryAnswer(request);
      setHeader(response.headers, "link", fault->link.toStdString());
      return answer(request, response, logId);
    }
    case SandboxFault::Action::Redirect: {
      HttpResponse response{302, {{"location", fault->redirectTo.toStdString()}}, {}};
      return answer(request, response, logId);
    }
  }
}

HttpResponse SandboxConnection::repositoryAnswer(const http1::Request& request) const {
  HttpRequest http;
  // HEAD is answered as GET without the body, as GitHub does.
  http.method = request.method == "HEAD" ? "GET" : request.method.toStdString();
  http.url = "http://" + request.host.toStdString() + request.target.toStdString();
  for (const auto& [name, value] : request.headers) http.headers.emplace_back(name.toStdString(), value.toStdString());
  http.body = request.body.toStdString();
  return server_.repository_.handle(http, server_.clock_());
}

HttpResponse SandboxConnection::control(const http1::Request& request) {
  const QByteArray path = request.path();
  const QByteArray& method = request.method;
  const auto faultList = [this] {
    QJsonArray faults;
    for (const SandboxFault& fault : server_.faults_) faults.append(sandboxFaultToJson(fault));
    return QJsonObject{{QStringLiteral("faults"), faults}};
  };
  const auto notAllowed = [](const char* allow) {
    HttpResponse response = messageResponse(405, QStringLiteral("Method not allowed here."));
    setHeader(response.headers, "allow", allow);
    return response;
  };
  if (path == "/_sandbox/faults") {
    if (method == "GET" || method == "HEAD") return jsonResponse(200, faultList());
    if (method == "DELETE") {
      server_.clearFaults();
      return jsonResponse(200, faultList());
    }
    if (method == "POST") {
      QString error;
      auto faults = parseSandboxFaults(request.body, error);
      if (!faults) return messageResponse(400, QStringLiteral("Invalid fault rule: ") + error);
      server_.addFaults(std::move(*faults));
      return jsonResponse(201, faultList());
    }
    return notAllowed("GET, POST, DELETE");
  }
  if (path == "/_sandbox/requests") {
    if (method == "GET" || method == "HEAD") {
      return jsonResponse(200, QJsonObject{{QStringLiteral("requests"), server_.requestLog()}});
    }
    if (method == "DELETE") {
      server_.clearRequestLog();
      return jsonResponse(200, QJsonObject{{QStringLiteral("requests"), QJsonArray()}});
    }
    return notAllowed("GET, DELETE");
  }
  return messageResponse(404, QStringLiteral("Not Found. The control endpoints are /_sandbox/faults and "
                                             "/_sandbox/requests."));
}

void SandboxConnection::answer(const http1::Request& request, const HttpResponse& response, quint64 logId) {
  server_.markAnswered(logId, response.status);
  send(response, request.keepAlive, request.method == "HEAD");
}

void SandboxConnection::send(const HttpResponse& response, bool keepAlive, bool headOnly) {
  http1::ResponseFraming framing;
  framing.keepAlive = keepAlive;
  framing.headOnly = headOnly;
  framing.date = server_.clock_();
  socket_->write(http1::writeResponse(response, framing));
  if (!keepAlive) {
    closing_ = true;
    socket_->disconnectFromHost();  // after the bytes above are written
  }
}

}  // namespace releasedesk
