// `sandbox serve`: options, start-up messages, and a clean stop on SIGINT/SIGTERM.
#include "app/cli/sandbox_command.h"

#include "app/cli/command_line.h"
#include "app/sandbox_server/sandbox_server.h"

#include "core/sandbox/sandbox_repository.h"

#include <QEventLoop>
#include <QFile>

#include <chrono>
#include <functional>
#include <memory>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#else
#include <QTimer>

#include <atomic>
#include <csignal>
#endif

namespace releasedesk::cli {
namespace {

#ifdef Q_OS_UNIX
// The write end of the self-pipe. A signal handler can reach nothing but globals, so this one is
// unavoidable; it is set only while a StopSignals lives.
volatile std::sig_atomic_t gStopSignalFd = -1;

extern "C" void onStopSignal(int) {
  const int savedErrno = errno;
  const char byte = 1;
  // write() is async-signal-safe; the event loop does the rest.
  [[maybe_unused]] const auto written = ::write(gStopSignalFd, &byte, 1);
  errno = savedErrno;
}

// Turns SIGINT and SIGTERM into a call of `stop` from the event loop (the self-pipe trick), and
// puts the previous handlers back when it goes.
class StopSignals {
 public:
  explicit StopSignals(std::function<void()> stop) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_) != 0) return;
    for (const int fd : fds_) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(fds_[0], F_SETFL, ::fcntl(fds_[0], F_GETFL) | O_NONBLOCK);  // a handler must never block
    gStopSignalFd = fds_[0];
    notifier_ = std::make_unique<QSocketNotifier>(fds_[1], QSocketNotifier::Read);
    QObject::connect(notifier_.get(), &QSocketNotifier::activated, notifier_.get(), [this, stop = std::move(stop)] {
      char byte = 0;
      [[maybe_unused]] const auto read = ::read(fds_[1], &byte, 1);
      stop();
    });
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    installed_ = ::sigaction(SIGINT, &action, &previousInt_) == 0 && ::sigaction(SIGTERM, &action, &previousTerm_) == 0;
  }

  ~StopSignals() {
    if (installed_) {
      ::sigaction(SIGINT, &previousInt_, nullptr);
      ::sigaction(SIGTERM, &previousTerm_, nullptr);
    }
    gStopSignalFd = -1;
    notifier_.reset();
    for (const int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
  }

  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  bool installed() const { return installed_; }

 private:
  int fds_[2] = {-1, -1};
  std::unique_ptr<QSocketNotifier> notifier_;
  struct sigaction previousInt_ {};
  struct sigaction previousTerm_ {};
  bool installed_ = false;
};
#else
// Without POSIX signals' self-pipe: the handler sets a flag that a timer looks at.
std::atomic<bool> gStopRequested{false};

extern "C" void onStopSignal(int) {
  gStopRequested = true;
}

class StopSignals {
 public:
  explicit StopSignals(std::function<void()> stop) {
    gStopRequested = false;
    previousInt_ = std::signal(SIGINT, onStopSignal);
    previousTerm_ = std::signal(SIGTERM, onStopSignal);
    QObject::connect(&timer_, &QTimer::timeout, &timer_, [stop = std::move(stop)] {
      if (gStopRequested.exchange(false)) stop();
    });
    timer_.start(100);
  }
  ~StopSignals() {
    std::signal(SIGINT, previousInt_);
    std::signal(SIGTERM, previousTerm_);
  }
  bool installed() const { return previousInt_ != SIG_ERR && previousTerm_ != SIG_ERR; }

 private:
  QTimer timer_;
  void (*previousInt_)(int) = SIG_DFL;
  void (*previousTerm_)(int) = SIG_DFL;
};
#endif

}  // namespace

int SandboxServeCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(
      context_, name(),
      QStringLiteral(
          "Serve the built-in sandbox repository (contoso/shop, history ending now) as a GitHub REST API on "
          "http://127.0.0.1:<port>, until Ctrl+C or SIGTERM.\n"
          "Every host name that reaches the port is served (127.0.0.1 and localhost are two hosts to a client).\n"
          "Faults for tests: POST a rule (or an array of rules) to /_sandbox/faults, DELETE /_sandbox/faults clears "
          "them; GET /_sandbox/requests lists the requests received (header names only), DELETE clears the list.\n"
          "Exit codes: 0 stopped by Ctrl+C or SIGTERM, 2 usage error, unreadable fault rules or the port cannot be "
          "opened."));
  auto& parser = line.parser();
  const QString portOption = QStringLiteral("port");
  const QString faultsOption = QStringLiteral("faults");
  parser.addOption({portOption, QStringLiteral("The port on 127.0.0.1 (default 0: a free port)."), QStringLiteral("N"),
                    QStringLiteral("0")});
  parser.addOption(
      {faultsOption,
       QStringLiteral("Fault rules to start with: a JSON array of rules, as POST /_sandbox/faults takes them."),
       QStringLiteral("file")});
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string prefix = context_.programName.toStdString() + " sandbox serve: ";
  bool portValid = false;
  const uint port = parser.value(portOption).toUInt(&portValid);
  if (!portValid || port > 65535) {
    err << prefix << "--port takes a number from 0 to 65535 (0 picks a free port).\n";
    return kExitUsage;
  }

  std::vector<SandboxFault> faults;
  const QString faultsFile = parser.value(faultsOption);
  if (parser.isSet(faultsOption)) {
    QFile file(faultsFile);
    if (!file.open(QIODevice::ReadOnly)) {
      err << prefix << "cannot read the faults file '" << faultsFile.toStdString()
          << "': " << file.errorString().toStdString() << ".\n";
      return kExitUsage;
    }
    QString error;
    auto parsed = parseSandboxFaults(file.readAll(), error);
    if (!parsed) {
      err << prefix << "the faults file '" << faultsFile.toStdString() << "' is not valid: " << error.toStdString()
          << ".\n";
      return kExitUsage;
    }
    faults = std::move(*parsed);
  }

  QEventLoop loop;
  // Installed before the URL is printed: whoever reads it may stop us at once.
  StopSignals stopSignals([&loop] { loop.quit(); });
  if (!stopSignals.installed()) {
    err << prefix << "cannot watch for Ctrl+C and SIGTERM, so could not stop cleanly; not starting.\n";
    return kExitUsage;
  }

  SandboxRepository repository(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  SandboxServer server(repository);
  const std::size_t faultCount = faults.size();
  server.addFaults(std::move(faults));
  if (!server.listen(static_cast<quint16>(port))) {
    if (server.addressInUse()) {
      err << prefix << "port " << port << " on 127.0.0.1 is already in use. Stop what uses it, or choose another "
          << "port (--port 0 picks a free one).\n";
    } else {
      err << prefix << "cannot listen on 127.0.0.1:" << port << ": " << server.errorString().toStdString() << ".\n";
    }
    return kExitUsage;
  }

  const std::string url = server.url().toStdString();
  // The first line is a contract: scripts and tests read the URL from it.
  out << "ReleaseDesk sandbox listening on " << url << '\n' << std::flush;
  out << "Try: GH_TOKEN=anything " << context_.programName.toStdString() << " doctor --api-url " << url
      << " --repo contoso/shop\n";
  if (parser.isSet(faultsOption)) {
    out << "Loaded " << faultCount << " fault rule" << (faultCount == 1 ? "" : "s") << " from "
        << faultsFile.toStdString() << ".\n";
  }
  out << "Faults: POST/DELETE " << url << "/_sandbox/faults; request log: GET " << url
      << "/_sandbox/requests. Ctrl+C stops.\n"
      << std::flush;

  loop.exec();
  out << "ReleaseDesk sandbox stopped.\n" << std::flush;
  return kExitOk;
}

}  // namespace releasedesk::cli
