// QtTransport against servers that misbehave on purpose, each on loopback: a body streamed without
// end, a byte every few seconds, a header without end, bad certificates, a downgrade redirect, an
// IPv6 literal, and a connection reset after a POST (which must not be sent twice).
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"
#include "core/github/github_client.h"
#include "tests/app/adapter/http_test_server.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <functional>
#include <memory>
#include <optional>

using namespace releasedesk;
using namespace releasedesk::test;

namespace {

constexpr int kWaitMs = 10000;

HttpRequest get(std::string url) {
  HttpRequest request;
  request.url = std::move(url);
  return request;
}

HttpRequest post(std::string url, std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

std::optional<TransportReply> exchange(QtTransport& transport, HttpRequest request, int waitMs = kWaitMs) {
  auto reply = std::make_shared<std::optional<TransportReply>>();
  transport.send(std::move(request), [reply](TransportReply answer) { *reply = std::move(answer); });
  if (!QTest::qWaitFor([&] { return reply->has_value(); }, waitMs)) return std::nullopt;
  return *reply;
}

QString failureName(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::None: return QStringLiteral("None");
    case TransportFailure::Network: return QStringLiteral("Network");
    case TransportFailure::Timeout: return QStringLiteral("Timeout");
    case TransportFailure::TooLarge: return QStringLiteral("TooLarge");
    case TransportFailure::RedirectRefused: return QStringLiteral("RedirectRefused");
    case TransportFailure::HeadersTooLarge: return QStringLiteral("HeadersTooLarge");
  }
  return {};
}

// A TCP server that hands each connection, once a whole request (head and Content-Length body)
// has arrived, to a script that may do anything with the socket. Counts requests and the bytes
// that left the server (written to the kernel, not merely queued in Qt).
class RawServer {
 public:
  using Script = std::function<void(QTcpSocket*, const QByteArray& request)>;

  explicit RawServer(const QHostAddress& address = QHostAddress::LocalHost) {
    QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] { accept(); });
    server_.listen(address);
  }

  void setScript(Script script) { script_ = std::move(script); }
  bool isListening() const { return server_.isListening(); }
  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const {
    return "http://" + host + ":" + std::to_string(server_.serverPort()) + path;
  }
  int requests() const { return requests_; }
  int requests(const QByteArray& method) const {
    return static_cast<int>(std::count_if(heads_.begin(), heads_.end(),
                                          [&](const QByteArray& head) { return head.startsWith(method + ' '); }));
  }
  qint64 bytesSent() const { return bytesSent_; }
  void addSent(qint64 bytes) { bytesSent_ += bytes; }

 private:
  void accept() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
      socket->setParent(&server_);
      QObject::connect(socket, &QTcpSocket::bytesWritten, &server_, [this](qint64 bytes) { bytesSent_ += bytes; });
      QObject::connect(socket, &QTcpSocket::readyRead, &server_, [this, socket] { read(socket); });
      QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
  }

  void read(QTcpSocket* socket) {
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
      const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
      if (headEnd < 0) break;
      const QByteArray head = buffer.left(headEnd);
      qsizetype length = 0;
      for (const QByteArray& line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:")) length = line.mid(15).trimmed().toLongLong();
      }
      if (buffer.size() < headEnd + 4 + length) break;
      const QByteArray request = buffer.left(headEnd + 4 + length);
      buffer.remove(0, request.size());
      ++requests_;
      heads_.append(head);
      if (script_) script_(socket, request);
    }
    socket->setProperty("buffer", buffer);
  }

  QTcpServer server_;
  Script script_;
  int requests_ = 0;
  QList<QByteArray> heads_;
  qint64 bytesSent_ = 0;
};

// Closes with a TCP reset rather than an orderly FIN, as a crashing server or a middlebox does.
void resetConnection(QTcpSocket* socket) {
  const linger hardClose{1, 0};
  ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hardClose, sizeof hardClose);
  socket->abort();
}

// A server on its own thread that answers one request with a chunked body written as fast as the
// client takes it, up to `limit` bytes, and counts what it managed to send: the hostile server
// that streams a gigabyte runs beside the client, not in its event loop.
class StreamingServer {
 public:
  explicit StreamingServer(qint64 limit) : limit_(limit) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~StreamingServer() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    if (thread_.joinable()) thread_.join();
  }
  StreamingServer(const StreamingServer&) = delete;
  StreamingServer& operator=(const StreamingServer&) = delete;

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  qint64 bytesSent() const { return sent_; }
  bool finished() const { return finished_; }

 private:
  void serve() {
    const int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      request.append(buffer, static_cast<std::size_t>(got));
    }
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    ::send(connection, head.data(), head.size(), MSG_NOSIGNAL);
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'z') + "\r\n";
    while (sent_ < limit_) {
      const ssize_t wrote = ::send(connection, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      if (wrote <= 0) break;
      sent_ += wrote;
    }
    ::close(connection);
    finished_ = true;
  }

  qint64 limit_;
  int listener_ = -1;
  quint16 port_ = 0;
  std::atomic<qint64> sent_{0};
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

struct Certificate {
  QSslKey key;
  QSslCertificate certificate;
};

// A self-signed certificate for 127.0.0.1 whose validity ended in 2021.
std::optional<Certificate> makeExpiredCertificate() {
  QTemporaryDir dir;
  const QString key = dir.filePath(QStringLiteral("key.pem"));
  const QString request = dir.filePath(QStringLiteral("request.pem"));
  const QString certificate = dir.filePath(QStringLiteral("cert.pem"));
  const QString config = dir.filePath(QStringLiteral("ca.cnf"));
  const QString database = dir.filePath(QStringLiteral("index.txt"));
  QFile(database).open(QIODevice::WriteOnly);
  QFile configFile(config);
  if (!configFile.open(QIODevice::WriteOnly)) return std::nullopt;
  configFile.write("[ca]\ndefault_ca=test\n[test]\ndatabase=" + database.toUtf8() + "\nnew_certs_dir=" +
                   dir.path().toUtf8() + "\nserial=" + dir.filePath(QStringLiteral("serial")).toUtf8() +
                   "\ndefault_md=sha256\npolicy=any\ncopy_extensions=copy\n[any]\ncommonName=supplied\n");
  configFile.close();
  QFile serial(dir.filePath(QStringLiteral("serial")));
  if (!serial.open(QIODevice::WriteOnly)) return std::nullopt;
  serial.write("01\n");
  serial.close();
  const auto run = [](const QStringList& arguments) {
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), arguments);
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
  };
  if (!run({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), key,
            QStringLiteral("-out"), request}) ||
      !run({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), config,
            QStringLiteral("-selfsign"), QStringLiteral("-keyfile"), key, QStringLiteral("-in"), request,
            QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
            QStringLiteral("20210101000000Z"), QStringLiteral("-out"), certificate})) {
    return std::nullopt;
  }
  QFile keyFile(key);
  QFile certificateFile(certificate);
  if (!keyFile.open(QIODevice::ReadOnly) || !certificateFile.open(QIODevice::ReadOnly)) return std::nullopt;
  Certificate made{QSslKey(&keyFile, QSsl::Rsa), QSslCertificate(&certificateFile)};
  if (made.key.isNull() || made.certificate.isNull()) return std::nullopt;
  return made;
}

GitHubClientConfig clientConfig(std::string apiBase) {
  GitHubClientConfig config;
  config.apiBase = std::move(apiBase);
  config.repo = {"octo", "desk"};
  config.token = "misbehaving-server-token";
  config.retryBaseDelay = std::chrono::milliseconds(10);
  return config;
}

}  // namespace

class TestQtTransportMisbehavingServer : public QObject {
  Q_OBJECT

 private slots:
  // Without a Content-Length the size is only known while reading: the reply is stopped as soon
  // as the cap is passed, and the client stops taking bytes long before the server runs out.
  void endlessChunkedBodyIsCutAtTheCapWhileReading() {
    StreamingServer server(qint64(1) << 30);  // 1 GiB
    QtTransport transport({.maxResponseBytes = qint64(1) << 20});
    QElapsedTimer clock;
    clock.start();
    const auto reply = exchange(transport, get(server.url("/artifact.zip")), 60000);
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("TooLarge"));
    QCOMPARE(reply->failureDetail, std::string("1 MiB"));
    QTRY_VERIFY_WITH_TIMEOUT(server.finished(), kWaitMs);  // the abort closed the connection
    const qint64 sent = server.bytesSent();
    qInfo("the server sent %lld bytes for a 1 MiB cap in %lld ms", sent, clock.elapsed());
    // The cap plus what the kernel's socket buffers and Qt's read buffer hold: the transport
    // stopped reading at the cap, it did not take the stream into memory.
    QVERIFY2(sent < qint64(16) << 20, qPrintable(QString::number(sent)));
  }

  void defaultOverallDeadlineIsTwoMinutes() {
    QtTransport transport;
    QCOMPARE(transport.options().overallDeadline, std::chrono::milliseconds(120000));
  }

  // One byte every 200 ms never trips the idle timeout; the overall deadline ends it.
  void tricklingServerHitsTheOverallDeadline() {
    RawServer server;
    server.setScript([](QTcpSocket* socket, const QByteArray&) {
      socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
      auto* drip = new QTimer(socket);
      QObject::connect(drip, &QTimer::timeout, socket, [socket] { socket->write("x"); });
      drip->start(200);
    });
    QtTransport transport(
        {.transferTimeout = std::chrono::milliseconds(1000), .overallDeadline = std::chrono::milliseconds(1500)});
    QElapsedTimer clock;
    clock.start();
    const auto reply = exchange(transport, get(server.url("/slow")), 20000);
    QVERIFY2(reply, "no answer: nothing ended the trickle");
    QCOMPARE(failureName(reply->failure), QStringLiteral("Timeout"));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(reply->failureDetail,
             "no complete answer from 127.0.0.1:" + server.url("").substr(17) + " within 1500 ms (overall deadline)");
  }

  // The deadline covers the whole exchange, redirects included, not each hop.
  void overallDeadlineSpansRedirects() {
    RawServer server;
    int hops = 0;
    server.setScript([&](QTcpSocket* socket, const QByteArray&) {
      ++hops;
      QTimer::singleShot(300, socket, [socket, &server] {
        socket->write("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + QByteArray::fromStdString(server.url("/next")) +
                      "\r\nContent-Length: 0\r\n\r\n");
      });
    });
    QtTransport transport({.transferTimeout = std::chrono::milliseconds(1000),
                           .overallDeadline = std::chrono::milliseconds(1000),
                           .maxRedirects = 50});
    const auto reply = exchange(transport, get(server.url("/first")));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Timeout"));
    QVERIFY2(hops <= 5, qPrintable(QString::number(hops)));
  }

  // Headers Qt 6.4 will not keep: a 1 MiB field, a 200 KiB field (its limit is 100 KiB a
  // field), 101 fields (its limit is 100). Qt reads the whole header block without a signal (a
  // byte at a time: about 3 s for 1 MiB), then drops every header, and would read the body to
  // the idle timeout. The transport refuses the answer as soon as Qt hands it over, with its own
  // failure, long before the idle timeout or the deadline.
  void oversizedHeadersFailAtOnceWithTheirOwnFailure_data() {
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("1 MiB field") << "X-Padding: " + QByteArray(1 << 20, 'a') + "\r\n";
    QTest::newRow("200 KiB field") << "X-Padding: " + QByteArray(200 << 10, 'a') + "\r\n";
    QByteArray many;
    for (int i = 0; i < 101; ++i) many += "X-Field-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 fields") << many;
  }
  void oversizedHeadersFailAtOnceWithTheirOwnFailure() {
    QFETCH(QByteArray, headers);
    RawServer server;
    server.setScript([headers](QTcpSocket* socket, const QByteArray&) {
      socket->write("HTTP/1.1 200 OK\r\n" + headers + "Content-Length: 2\r\n\r\n{}");
    });
    QtTransport transport({.transferTimeout = std::chrono::seconds(60), .overallDeadline = std::chrono::seconds(120)});
    QElapsedTimer clock;
    clock.start();
    const auto reply = exchange(transport, get(server.url("/big-header")), 60000);
    QVERIFY(reply);
    qInfo("refused after %lld ms", clock.elapsed());
    QCOMPARE(failureName(reply->failure), QStringLiteral("HeadersTooLarge"));
    QCOMPARE(reply->failureDetail, "the response headers from 127.0.0.1:" + server.url("").substr(17) +
                                       " exceed what is read: a field over 100 KiB or more than 100 fields");
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(server.requests(), 1);
  }

  // Headers just within Qt's limits are read as usual.
  void headersWithinTheLimitsAreRead() {
    RawServer server;
    QByteArray many;
    for (int i = 0; i < 98; ++i) many += "X-Field-" + QByteArray::number(i) + ": v\r\n";
    server.setScript([many](QTcpSocket* socket, const QByteArray&) {
      socket->write("HTTP/1.1 200 OK\r\nX-Padding: " + QByteArray(64 << 10, 'a') + "\r\n" + many +
                    "Content-Length: 2\r\n\r\n{}");
    });
    QtTransport transport;
    const auto reply = exchange(transport, get(server.url("/headers")));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.body, std::string("{}"));
    QCOMPARE(reply->response.headers.size(), std::size_t(100));
  }

  void selfSignedCertificateIsRefusedWithAClearMessage() {
    const TestCertificate certificate = makeLoopbackCertificate();
    if (certificate.isNull()) QFAIL("openssl is needed to make a test certificate (scripts/install-deps.sh)");
    HttpTestServer server(certificate.key, certificate.certificate);
    QVERIFY(server.isListening());
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QVERIFY2(reply->failureDetail.find("TLS certificate of 127.0.0.1:") == 0, reply->failureDetail.c_str());
    QVERIFY2(reply->failureDetail.find("self-signed") != std::string::npos, reply->failureDetail.c_str());
    QVERIFY(server.requests().isEmpty());  // nothing, the token least of all, went over it
  }

  void expiredCertificateIsRefusedWithAClearMessage() {
    const auto certificate = makeExpiredCertificate();
    if (!certificate) QFAIL("openssl is needed to make a test certificate (scripts/install-deps.sh)");
    // Trusted as a CA: the message must still name the date, whatever else is wrong.
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
    QSslConfiguration trusting = saved;
    trusting.addCaCertificate(certificate->certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);
    HttpTestServer server(certificate->key, certificate->certificate);
    QVERIFY(server.isListening());
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QVERIFY2(reply->failureDetail.find("expired") != std::string::npos, reply->failureDetail.c_str());
    QVERIFY(server.requests().isEmpty());

    // The client's sentence says what happened and that nothing was sent.
    QtScheduler scheduler;
    GitHubClient client(transport, scheduler, clientConfig(server.stdUrl({})));
    std::optional<Result<WorkflowRun>> run;
    client.getRun(7, [&](Result<WorkflowRun> result) { run = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(run.has_value(), kWaitMs);
    QVERIFY(!run->ok());
    QCOMPARE(toString(run->error().kind), toString(GitHubErrorKind::Network));
    QVERIFY2(run->error().message.find("expired") != std::string::npos, run->error().message.c_str());
    QVERIFY(server.requests().isEmpty());
  }

  // Even to this machine: an https exchange never continues over plain http.
  void httpsToHttpRedirectIsRefused() {
    const TestCertificate certificate = makeLoopbackCertificate();
    if (certificate.isNull()) QFAIL("openssl is needed to make a test certificate (scripts/install-deps.sh)");
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
    QSslConfiguration trusting = saved;
    trusting.addCaCertificate(certificate.certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);

    HttpTestServer secure(certificate.key, certificate.certificate);
    HttpTestServer plain;
    plain.answerAlways({200, {}, "plain"});
    secure.answerAlways(ScriptedResponse::redirect(302, plain.url(QStringLiteral("/downgraded")).toUtf8()));
    QtTransport transport;
    const auto reply = exchange(transport, get(secure.stdUrl(QStringLiteral("/artifact"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("RedirectRefused"));
    QCOMPARE(reply->failureDetail, std::string("a redirect from https to plain http"));
    QCOMPARE(secure.requests().size(), 1);
    QVERIFY(plain.requests().isEmpty());
  }

  // http://[::1]:port is a loopback API URL like http://127.0.0.1:port, end to end.
  void ipv6LoopbackApiUrlWorks() {
    RawServer server(QHostAddress::LocalHostIPv6);
    if (!server.isListening()) QSKIP("this machine has no IPv6 loopback");
    server.setScript([](QTcpSocket* socket, const QByteArray& request) {
      const bool authorized = request.contains("Authorization: Bearer misbehaving-server-token");
      const QByteArray body = authorized ? R"({"id":42,"status":"completed"})" : R"({"message":"no token"})";
      socket->write((authorized ? "HTTP/1.1 200 OK" : "HTTP/1.1 401 Unauthorized") +
                    QByteArray("\r\nContent-Type: application/json\r\nContent-Length: ") +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body);
    });
    const std::string apiBase = server.url("", "[::1]");
    QCOMPARE(checkApiBase(apiBase), std::string());
    QtTransport transport;
    QtScheduler scheduler;
    GitHubClient client(transport, scheduler, clientConfig(apiBase));
    std::optional<Result<WorkflowRun>> run;
    client.getRun(42, [&](Result<WorkflowRun> result) { run = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(run.has_value(), kWaitMs);
    QVERIFY2(run->ok(), run->ok() ? "" : run->error().message.c_str());
    QCOMPARE(run->value().id, std::int64_t(42));
  }

  void ipv6FailureDetailBracketsTheAddress() {
    RawServer server(QHostAddress::LocalHostIPv6);
    if (!server.isListening()) QSKIP("this machine has no IPv6 loopback");
    server.setScript([](QTcpSocket* socket, const QByteArray&) { resetConnection(socket); });
    QtTransport transport;
    const auto reply = exchange(transport, get(server.url("/", "[::1]")));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QVERIFY2(reply->failureDetail.find("[::1]:") != std::string::npos, reply->failureDetail.c_str());
  }

  // The server reads the POST and resets the connection: Qt must not send it again on a new one.
  void postIsNotResentAfterAResetOnAFreshConnection() { checkPostIsSentOnce(false); }
  void postIsNotResentAfterAResetOnAKeptAliveConnection() { checkPostIsSentOnce(true); }

  // The same through the client: a review and a dispatch each reach the server once.
  void reviewAndDispatchAreSentOnceWhenTheConnectionResets() {
    RawServer server;
    server.setScript([](QTcpSocket* socket, const QByteArray&) { resetConnection(socket); });
    QtTransport transport;
    QtScheduler scheduler;
    GitHubClient client(transport, scheduler, clientConfig(server.url("")));

    std::optional<Result<Done>> review;
    client.reviewPendingDeployments(99, {1}, true, "ship it", [&](Result<Done> result) { review = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(review.has_value(), kWaitMs);
    QVERIFY(!review->ok());
    QCOMPARE(toString(review->error().kind), toString(GitHubErrorKind::Network));
    QTest::qWait(300);
    QCOMPARE(server.requests("POST"), 1);

    DispatchRequest dispatch;
    dispatch.workflowFile = "production-stage.yml";
    dispatch.ref = "main";
    dispatch.inputs = {{"candidate_sha", std::string(40, 'a')}};
    std::optional<Result<DispatchResult>> dispatched;
    client.dispatchWorkflow(dispatch, [&](Result<DispatchResult> result) { dispatched = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(dispatched.has_value(), kWaitMs);
    QVERIFY(!dispatched->ok());
    QCOMPARE(toString(dispatched->error().kind), toString(GitHubErrorKind::Network));
    QTest::qWait(300);
    QCOMPARE(server.requests("POST"), 2);
    QCOMPARE(server.requests(), 2);
  }

 private:
  static void checkPostIsSentOnce(bool reusedConnection) {
    RawServer server;
    server.setScript([](QTcpSocket* socket, const QByteArray& request) {
      if (request.startsWith("GET ")) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}");
        return;
      }
      resetConnection(socket);
    });
    QtTransport transport;
    if (reusedConnection) {
      const auto warmUp = exchange(transport, get(server.url("/warm-up")));
      QVERIFY(warmUp);
      QCOMPARE(failureName(warmUp->failure), QStringLiteral("None"));
    }
    const auto reply = exchange(transport, post(server.url("/dispatch"), R"({"ref":"main"})"));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QVERIFY2(reply->failureDetail.find("it was not sent again") != std::string::npos, reply->failureDetail.c_str());
    QTest::qWait(300);  // a resend would arrive here
    QCOMPARE(server.requests("POST"), 1);
  }
};

QTEST_GUILESS_MAIN(TestQtTransportMisbehavingServer)
#include "qt_transport_misbehaving_server_test.moc"
