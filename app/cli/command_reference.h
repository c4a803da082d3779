// What the console's commands accept, read from each command's own --help, so the man page and
// the shell completions are generated from the command table and never drift from --help.
#pragma once

#include "app/cli/command.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace releasedesk::cli {

// What a shell may offer as an option's or argument's value.
enum class ValueKind {
  None,        // a flag: no value
  Text,        // free text: nothing to offer
  File,        // a path to a file
  Directory,   // a path to a folder
  Choice,      // one of `choices` (e.g. --environment's default)
  Repository,  // owner/name, offered from the checkout's origin remote
};

struct OptionReference {
  QStringList names;  // without dashes: {"h", "help"}, {"environment"}
  QString valueName;  // "name" of --environment <name>; empty for a flag
  QString description;
  ValueKind value = ValueKind::None;
  QStringList choices;

  // The longest name with its dashes: "--environment", "-h" when there is no long one.
  QString longestSpelling() const;
  QStringList spellings() const;  // every name with its dashes
};

struct ArgumentReference {
  QString name;
  QString description;
  ValueKind value = ValueKind::Text;
  QStringList choices;  // from a synopsis like "<bash|zsh|fish>"
};

struct CommandReference {
  QString name;      // the words that select it: "evidence verify"
  QString summary;   // one line, as in the command list
  QString synopsis;  // after the program name: "evidence verify [options] [<evidence-manifest.json>]"
  QString description;
  std::vector<OptionReference> options;
  std::vector<ArgumentReference> arguments;
};

// Reads a command's help text (QCommandLineParser's layout, as CommandLine prints it).
CommandReference parseCommandHelp(const QString& name, const QString& summary, const QString& programName,
                                  const QString& helpText);

// Runs every command with --help into a buffer and reads the result. `commands` are left as they
// were: --help only prints.
std::vector<CommandReference> describeCommands(const std::vector<std::unique_ptr<Command>>& commands,
                                               const QString& programName);

}  // namespace releasedesk::cli
