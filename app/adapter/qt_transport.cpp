#include "app/adapter/qt_transport.h"

#include "app/adapter/qt_strings.h"

#include "core/github/redirect_policy.h"

#include <QIODevice>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>

namespace releasedesk {

struct QtTransport::Exchange {
  std::string originalUrl;  // credentials belong to this origin only
  HttpRequest current;      // the hop being sent: URL, method and headers after redirects
  int redirects = 0;
  Completion done;
  bool tooLarge = false;           // we aborted the reply because of the size cap
  bool pastDeadline = false;       // we aborted the reply because of the overall deadline
  bool headersRefused = false;     // we aborted the reply because Qt dropped its headers
  QStringList tlsProblems;         // every certificate error, for the failure detail
  QByteArray body;                 // the hop's body, taken from Qt as it arrives
  QNetworkReply* reply = nullptr;  // the hop in flight
  std::unique_ptr<QTimer> deadline;
};

namespace {

// How much Qt may read ahead of us: with a bound, Qt stops taking bytes from the socket until we
// have consumed them, so the size cap holds while reading, not after a whole stream arrived.
constexpr qint64 kReadAhead = 256 * 1024;

// A request body that Qt can send once and never again. Qt re-sends a request by itself when
// the connection drops after it was written (even a POST); it rewinds the body first, and this
// device refuses to rewind once read, so Qt reports ContentReSendError instead of sending twice.
class SendOnceBody final : public QIODevice {
 public:
  SendOnceBody(QByteArray data, QObject* parent) : QIODevice(parent), data_(std::move(data)) {
    open(QIODevice::ReadOnly);
  }
  bool isSequential() const override { return false; }
  qint64 size() const override { return data_.size(); }
  bool seek(qint64 position) override {
    if (position < furthestRead_) return false;
    return QIODevice::seek(position);
  }

 protected:
  qint64 readData(char* out, qint64 maxSize) override {
    const qint64 start = pos();
    const qint64 count = std::min<qint64>(maxSize, data_.size() - start);
    if (count <= 0) return 0;
    std::memcpy(out, data_.constData() + start, static_cast<std::size_t>(count));
    furthestRead_ = std::max(furthestRead_, start + count);
    return count;
  }
  qint64 writeData(const char*, qint64) override { return -1; }

 private:
  QByteArray data_;
  qint64 furthestRead_ = 0;
};

const QByteArray kDefaultUserAgent = QByteArrayLiteral("ReleaseDesk/" RELEASEDESK_VERSION);

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Errors Qt reports for an HTTP answer with a 4xx/5xx status: the answer itself is intact.
bool isHttpStatusError(QNetworkReply::NetworkError error) {
  if (error == QNetworkReply::NoError) return true;
  const int code = static_cast<int>(error);
  return (code > 200 && code < 300) || error == QNetworkReply::ProtocolInvalidOperationError ||
         (code > 400 && code < 500);
}

std::string hostAndPort(const QUrl& url) {
  const int port = url.port(url.scheme() == QStringLiteral("https") ? 443 : 80);
  const std::string host = toStdString(url.host());
  // An IPv6 literal keeps its brackets, as in the URL: "[::1]:8080".
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// A short phrase for a failure without an HTTP answer. It names the host, never the request's
// headers or query.
std::string networkDetail(QNetworkReply::NetworkError error, const QUrl& url) {
  switch (error) {
    case QNetworkReply::ConnectionRefusedError: return "connection refused by " + hostAndPort(url);
    case QNetworkReply::HostNotFoundError: return "host " + toStdString(url.host()) + " not found";
    case QNetworkReply::RemoteHostClosedError: return "the connection to " + hostAndPort(url) + " was closed early";
    case QNetworkReply::ContentReSendError:
      return "the connection to " + hostAndPort(url) +
             " was closed after the request was sent; it was not sent again, so it may or may not have arrived";
    case QNetworkReply::SslHandshakeFailedError: return "TLS handshake with " + hostAndPort(url) + " failed";
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError: return "the network is unavailable";
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError: return "the network proxy failed";
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError: return "the answer from " + hostAndPort(url) + " is not valid HTTP";
    default: return "network error " + std::to_string(static_cast<int>(error)) + " with " + hostAndPort(url);
  }
}

std::string describeDuration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

}  // namespace

std::string describeByteSize(qint64 bytes) {
  constexpr qint64 kKiB = 1024;
  constexpr qint64 kMiB = 1024 * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

QtTransport::QtTransport(QtTransportOptions options)
    : options_(options),
      ownedNetwork_(std::make_unique<QNetworkAccessManager>()),
      network_(ownedNetwork_.get()),
      context_(std::make_unique<QObject>()) {}

QtTransport::QtTransport(QNetworkAccessManager& network, QtTransportOptions options)
    : options_(options), network_(&network), context_(std::make_unique<QObject>()) {}

QtTransport::~QtTransport() {
  // Replies in flight are children of context_: cut them off from us, stop them, and let
  // context_'s deletion take them (and every queued callback) away.
  for (QNetworkReply* reply : context_->findChildren<QNetworkReply*>(Qt::FindDirectChildrenOnly)) {
    QObject::disconnect(reply, nullptr, context_.get(), nullptr);
    reply->abort();
  }
  context_.reset();
}

void QtTransport::send(HttpRequest request, Completion done) {
  auto exchange = std::make_shared<Exchange>();
  exchange->originalUrl = request.url;
  exchange->current = std::move(request);
  exchange->done = std::move(done);
  // One deadline for the whole exchange, redirects included; Qt's transfer timeout only bounds
  // each idle gap.
  exchange->deadline = std::make_unique<QTimer>();
  exchange->deadline->setSingleShot(true);
  std::weak_ptr<Exchange> weak = exchange;
  QObject::connect(exchange->deadline.get(), &QTimer::timeout, context_.get(), [weak] {
    const auto expired = weak.lock();
    if (!expired || !expired->reply || expired->pastDeadline) return;
    expired->pastDeadline = true;
    expired->reply->abort();  // emits finished(), which reports the deadline
  });
  exchange->deadline->start(options_.overallDeadline);
  start(exchange);
}

void QtTransport::start(const std::shared_ptr<Exchange>& exchange) {
  const HttpRequest& request = exchange->current;
  const QUrl url(toQString(request.url), QUrl::StrictMode);
  const QString scheme = url.scheme();
  if (!url.isValid() || url.host().isEmpty() ||
      (scheme != QStringLiteral("https") && scheme != QStringLiteral("http"))) {
    return fail(exchange, TransportFailure::Network, "the URL is not a valid http or https URL");
  }
  if (!url.userInfo().isEmpty()) return fail(exchange, TransportFailure::Network, "the URL carries a user name");

  QNetworkRequest qRequest(url);
  // Qt must not follow redirects: we decide which hop may see the credentials.
  qRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  const QByteArray method = QByteArray::fromStdString(request.method);
  const bool idempotent = method == "GET" || method == "HEAD";
  // A write goes over HTTP/1.1, where the request is sent from SendOnceBody and nothing else.
  qRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, idempotent);
  // The API is token-based; cookies and cached HTTP credentials would only travel unasked.
  qRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
  qRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
  qRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
  qRequest.setTransferTimeout(static_cast<int>(options_.transferTimeout.count()));
  for (const auto& [name, value] : request.headers) {
    qRequest.setRawHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));
  }
  if (headerValue(request.headers, "User-Agent").empty()) qRequest.setRawHeader("User-Agent", kDefaultUserAgent);

  QNetworkReply* reply = nullptr;
  if (method == "GET" && request.body.empty()) {
    reply = network_->get(qRequest);
  } else if (method == "HEAD") {
    reply = network_->head(qRequest);
  } else {
    auto* body = new SendOnceBody(QByteArray::fromStdString(request.body), context_.get());
    qRequest.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    reply = network_->sendCustomRequest(qRequest, method, body);
    body->setParent(reply);  // lives as long as Qt may read it
  }
  reply->setParent(context_.get());
  reply->setReadBufferSize(kReadAhead);
  exchange->reply = reply;
  exchange->body.clear();

  const qint64 cap = options_.maxResponseBytes;
  const auto refuseIfTooLarge = [exchange, reply, cap](qint64 size) {
    if (size <= cap || exchange->tooLarge) return;
    exchange->tooLarge = true;
    reply->abort();  // emits finished(), which reports TooLarge
  };
  QObject::connect(reply, &QNetworkReply::metaDataChanged, context_.get(), [exchange, reply, refuseIfTooLarge] {
    // Qt 6.4 keeps no header of an answer with a field over 100 KiB or more than 100 fields: it
    // hands over the status alone, then reads the body (its length now unknown) until the
    // connection idles. Every HTTP answer we read carries headers, so a status without a single
    // one is refused here, as soon as Qt has read the header block.
    if (!exchange->headersRefused && reply->rawHeaderPairs().isEmpty() &&
        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0) {
      exchange->headersRefused = true;
      reply->abort();  // emits finished(), which reports HeadersTooLarge
      return;
    }
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid()) refuseIfTooLarge(length.toLongLong());
  });
  QObject::connect(reply, &QNetworkReply::downloadProgress, context_.get(),
                   [refuseIfTooLarge](qint64, qint64 total) { refuseIfTooLarge(total); });
  // The body is counted as it is read; Qt holds at most kReadAhead more.
  QObject::connect(reply, &QNetworkReply::readyRead, context_.get(), [exchange, reply, refuseIfTooLarge] {
    if (exchange->tooLarge || exchange->pastDeadline || exchange->headersRefused) return;
    exchange->body += reply->read(std::max<qint64>(reply->bytesAvailable(), 0));
    refuseIfTooLarge(exchange->body.size());
  });
  // Recorded for the failure detail only: the errors are never ignored.
  QObject::connect(reply, &QNetworkReply::sslErrors, context_.get(), [exchange](const QList<QSslError>& errors) {
    for (const QSslError& error : errors) {
      if (!exchange->tlsProblems.contains(error.errorString())) exchange->tlsProblems.append(error.errorString());
    }
  });
  QObject::connect(reply, &QNetworkReply::finished, context_.get(),
                   [this, exchange, reply] { finished(exchange, reply); });
}

void QtTransport::finished(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply) {
  reply->deleteLater();
  const QNetworkReply::NetworkError error = reply->error();
  const QUrl url = reply->url();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

  exchange->reply = nullptr;
  if (exchange->tooLarge)
    return fail(exchange, TransportFailure::TooLarge, describeByteSize(options_.maxResponseBytes));
  if (exchange->headersRefused) {
    return fail(exchange, TransportFailure::HeadersTooLarge,
                "the response headers from " + hostAndPort(url) +
                    " exceed what is read: a field over 100 KiB or more than 100 fields");
  }
  if (exchange->pastDeadline) {
    return fail(exchange, TransportFailure::Timeout,
                "no complete answer from " + hostAndPort(url) + " within " +
                    describeDuration(options_.overallDeadline) + " (overall deadline)");
  }
  // Our own aborts are the size cap and the deadline (above) and the destructor (disconnected
  // first), so a cancellation here is Qt's transfer timeout.
  if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
    return fail(exchange, TransportFailure::Timeout,
                "no answer from " + hostAndPort(url) + " within " + describeDuration(options_.transferTimeout));
  }
  if (!exchange->tlsProblems.isEmpty()) {
    return fail(exchange, TransportFailure::Network,
                "TLS certificate of " + hostAndPort(url) +
                    " rejected: " + toStdString(exchange->tlsProblems.join(QStringLiteral("; "))));
  }
  if (status <= 0 || !isHttpStatusError(error)) {
    TransportReply failed;
    failed.failure = TransportFailure::Network;
    failed.failureDetail = networkDetail(error, url);
    // Refused and unknown hosts are told apart: the client does not retry them.
    failed.unreachable = error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError;
    return deliver(exchange, std::move(failed));
  }
  if (isRedirect(status) && reply->hasRawHeader("Location")) return followRedirect(exchange, reply, status);

  TransportReply result;
  result.response.status = status;
  for (const auto& [name, value] : reply->rawHeaderPairs()) {
    result.response.headers.emplace_back(name.toLower().toStdString(), value.toStdString());
  }
  const QByteArray body = exchange->body + reply->readAll();
  exchange->body.clear();
  // Without a Content-Length, a small last chunk can land after the last readyRead.
  if (body.size() > options_.maxResponseBytes) {
    return fail(exchange, TransportFailure::TooLarge, describeByteSize(options_.maxResponseBytes));
  }
  result.response.body = body.toStdString();
  deliver(exchange, std::move(result));
}

void QtTransport::followRedirect(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply, int status) {
  const QUrl from = reply->url();
  const QUrl target = from.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
  if (exchange->redirects >= options_.maxRedirects) {
    return fail(exchange, TransportFailure::RedirectRefused,
                "more than " + std::to_string(options_.maxRedirects) + " redirects");
  }
  // An invalid target becomes an empty string, which the policy refuses like any non-http(s) URL.
  RedirectDecision decision = decideRedirect(exchange->current, status,
                                             toStdString(target.toString(QUrl::FullyEncoded)), exchange->originalUrl);
  if (!decision.follow) return fail(exchange, TransportFailure::RedirectRefused, std::move(decision.refusal));
  exchange->current = std::move(decision.next);
  exchange->redirects++;
  exchange->tlsProblems.clear();
  start(exchange);
}

void QtTransport::fail(const std::shared_ptr<Exchange>& exchange, TransportFailure failure, std::string detail) {
  TransportReply reply;
  reply.failure = failure;
  reply.failureDetail = std::move(detail);
  deliver(exchange, std::move(reply));
}

void QtTransport::deliver(const std::shared_ptr<Exchange>& exchange, TransportReply reply) {
  // Possibly inside the deadline's own timeout signal: stop it now, delete it later.
  if (exchange->deadline) {
    exchange->deadline->stop();
    exchange->deadline.release()->deleteLater();
  }
  if (!exchange->done) return;
  // Always queued: the callback never runs inside send() or inside a Qt signal of the reply,
  // and never after the transport (context_) is gone.
  QMetaObject::invokeMethod(
      context_.get(),
      [done = std::exchange(exchange->done, nullptr), reply = std::move(reply)]() mutable { done(std::move(reply)); },
      Qt::QueuedConnection);
}

}  // namespace releasedesk
