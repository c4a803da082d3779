#include "app/adapter/qt_transport.h"

#include "app/adapter/qt_strings.h"

#include "core/github/redirect_policy.h"

#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QUrl>

#include <string_view>
#include <utility>

namespace releasedesk {

struct QtTransport::Exchange {
  std::string originalUrl;  // credentials belong to this origin only
  HttpRequest current;      // the hop being sent: URL, method and headers after redirects
  int redirects = 0;
  Completion done;
  bool tooLarge = false;  // we aborted the reply because of the size cap
  QString tlsProblem;     // the first certificate error, for the failure detail
};

namespace {

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
  return toStdString(url.host()) + ":" + std::to_string(port);
}

// A short phrase for a failure without an HTTP answer. It names the host, never the request's
// headers or query.
std::string networkDetail(QNetworkReply::NetworkError error, const QUrl& url) {
  switch (error) {
    case QNetworkReply::ConnectionRefusedError: return "connection refused by " + hostAndPort(url);
    case QNetworkReply::HostNotFoundError: return "host " + toStdString(url.host()) + " not found";
    case QNetworkReply::RemoteHostClosedError: return "the connection to " + hostAndPort(url) + " was closed early";
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
  qRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
  // The API is token-based; cookies and cached HTTP credentials would only travel unasked.
  qRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
  qRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
  qRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
  qRequest.setTransferTimeout(static_cast<int>(options_.transferTimeout.count()));
  for (const auto& [name, value] : request.headers) {
    qRequest.setRawHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));
  }
  if (headerValue(request.headers, "User-Agent").empty()) qRequest.setRawHeader("User-Agent", kDefaultUserAgent);

  const QByteArray method = QByteArray::fromStdString(request.method);
  QNetworkReply* reply = nullptr;
  if (method == "GET" && request.body.empty()) {
    reply = network_->get(qRequest);
  } else if (method == "HEAD") {
    reply = network_->head(qRequest);
  } else {
    reply = network_->sendCustomRequest(qRequest, method, QByteArray::fromStdString(request.body));
  }
  reply->setParent(context_.get());

  const qint64 cap = options_.maxResponseBytes;
  const auto refuseIfTooLarge = [exchange, reply, cap](qint64 size) {
    if (size <= cap || exchange->tooLarge) return;
    exchange->tooLarge = true;
    reply->abort();  // emits finished(), which reports TooLarge
  };
  QObject::connect(reply, &QNetworkReply::metaDataChanged, context_.get(), [reply, refuseIfTooLarge] {
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid()) refuseIfTooLarge(length.toLongLong());
  });
  QObject::connect(reply, &QNetworkReply::downloadProgress, context_.get(),
                   [refuseIfTooLarge](qint64 received, qint64 total) {
                     refuseIfTooLarge(received);
                     refuseIfTooLarge(total);
                   });
  // Recorded for the failure detail only: the errors are never ignored.
  QObject::connect(reply, &QNetworkReply::sslErrors, context_.get(), [exchange](const QList<QSslError>& errors) {
    if (!errors.isEmpty() && exchange->tlsProblem.isEmpty()) exchange->tlsProblem = errors.first().errorString();
  });
  QObject::connect(reply, &QNetworkReply::finished, context_.get(),
                   [this, exchange, reply] { finished(exchange, reply); });
}

void QtTransport::finished(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply) {
  reply->deleteLater();
  const QNetworkReply::NetworkError error = reply->error();
  const QUrl url = reply->url();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

  if (exchange->tooLarge)
    return fail(exchange, TransportFailure::TooLarge, describeByteSize(options_.maxResponseBytes));
  // Our own aborts are the size cap (above) and the destructor (disconnected first), so a
  // cancellation here is Qt's transfer timeout.
  if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
    return fail(exchange, TransportFailure::Timeout,
                "no answer from " + hostAndPort(url) + " within " + describeDuration(options_.transferTimeout));
  }
  if (!exchange->tlsProblem.isEmpty()) {
    return fail(exchange, TransportFailure::Network,
                "TLS certificate of " + hostAndPort(url) + " rejected: " + toStdString(exchange->tlsProblem));
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
  const QByteArray body = reply->readAll();
  // Without a Content-Length, a small last chunk can land after the final progress signal.
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
  exchange->tlsProblem.clear();
  start(exchange);
}

void QtTransport::fail(const std::shared_ptr<Exchange>& exchange, TransportFailure failure, std::string detail) {
  TransportReply reply;
  reply.failure = failure;
  reply.failureDetail = std::move(detail);
  deliver(exchange, std::move(reply));
}

void QtTransport::deliver(const std::shared_ptr<Exchange>& exchange, TransportReply reply) {
  if (!exchange->done) return;
  // Always queued: the callback never runs inside send() or inside a Qt signal of the reply,
  // and never after the transport (context_) is gone.
  QMetaObject::invokeMethod(
      context_.get(),
      [done = std::exchange(exchange->done, nullptr), reply = std::move(reply)]() mutable { done(std::move(reply)); },
      Qt::QueuedConnection);
}

}  // namespace releasedesk
