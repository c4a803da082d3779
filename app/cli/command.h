// The console's command objects: each parses its own arguments and writes to the streams it is
// given, so tests run them in-process with captured output.
#pragma once

#include <QDir>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>

namespace releasedesk {
class SandboxRepository;
}  // namespace releasedesk

namespace releasedesk::cli {

// Exit codes shared by every command (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,      // accepted / complete / all checks hold
  kExitFailed = 1,  // rejected, invalid, incomplete
  kExitUsage = 2,   // usage, I/O or connection error
};

// The in-process sandbox of --sandbox kept from one command to the next, as GitHub keeps its
// state: the first command that opens it fills it.
struct SandboxSlot {
  std::shared_ptr<SandboxRepository> repository;
  // Where an accelerated sandbox clock (RELEASEDESK_SANDBOX_CLOCK_RATE) starts, so every command
  // sees the same sandbox time.
  std::optional<std::chrono::system_clock::time_point> clockOrigin;
};

// What a command may read from its surroundings. Tests build one by hand.
struct CommandContext {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  QString programName = QStringLiteral("releasedesk-cli");
  // Where the command runs: --repo falls back to this checkout's origin remote.
  QString workingDirectory = QDir::currentPath();
  // Where a confirmation is typed, and whether a person can type there (stdin is a terminal).
  // Commands that change GitHub ask here unless --yes; tests drive both.
  std::istream* input = &std::cin;
  bool inputIsTerminal = ::isatty(STDIN_FILENO) != 0;
  // Null (the console): each command opens a fresh sandbox. Tests set an empty slot to carry the
  // sandbox's state from one command to the next.
  std::shared_ptr<SandboxSlot> sandbox;

  // Step summaries appended so far (appendStepSummary counts them): a command that wrote none
  // gets a generic one.
  mutable int stepSummaries = 0;

  bool inGitHubActions() const { return environment.value(QStringLiteral("GITHUB_ACTIONS")) == QStringLiteral("true"); }
};

class Command {
 public:
  virtual ~Command() = default;

  // The words that select this command, e.g. "evidence verify".
  virtual QString name() const = 0;
  virtual QString summary() const = 0;
  // `args` are the arguments after the command's words.
  virtual int run(const QStringList& args, std::ostream& out, std::ostream& err) = 0;
};

}  // namespace releasedesk::cli
