#include "app/cli/command_reference.h"

#include "app/cli/command_line.h"

#include <QRegularExpression>

#include <sstream>

namespace releasedesk::cli {
namespace {

ValueKind kindOfValue(const QString& valueName) {
  if (valueName == QStringLiteral("dir") || valueName == QStringLiteral("folder")) return ValueKind::Directory;
  if (valueName.contains(QStringLiteral("file")) || valueName.contains(QLatin1Char('.')) ||
      valueName == QStringLiteral("path")) {
    return ValueKind::File;
  }
  return ValueKind::Text;
}

// "-h, --help" or "--api-url <url>" into names and the value name.
OptionReference parseOptionNames(const QString& spelled) {
  OptionReference option;
  for (QString part : spelled.split(QStringLiteral(", "))) {
    const qsizetype value = part.indexOf(QStringLiteral(" <"));
    if (value >= 0) {
      option.valueName = part.mid(value + 2).chopped(1);
      part.truncate(value);
    }
    while (part.startsWith(QLatin1Char('-'))) part.remove(0, 1);
    option.names.append(part);
  }
  const QStringList environment = CommandLine::environmentOption().names();
  if (option.valueName.isEmpty()) {
    option.value = ValueKind::None;
  } else if (option.names == environment) {
    option.value = ValueKind::Choice;
    option.choices = CommandLine::environmentOption().defaultValues();
  } else if (option.names == QStringList{QStringLiteral("repo")}) {
    option.value = ValueKind::Repository;
  } else {
    option.value = kindOfValue(option.valueName);
  }
  return option;
}

// An entry line of an Options: or Arguments: block: two spaces, the names (never two spaces in
// a row), at least two spaces, the description's first line.
std::pair<QString, QString> splitEntry(const QString& line) {
  const QString body = line.mid(2);
  const qsizetype gap = body.indexOf(QStringLiteral("  "));
  if (gap < 0) return {body.trimmed(), QString()};
  return {body.left(gap), body.mid(gap).trimmed()};
}

}  // namespace

QString OptionReference::longestSpelling() const {
  QString best;
  for (const QString& spelling : spellings()) {
    if (spelling.size() > best.size()) best = spelling;
  }
  return best;
}

QStringList OptionReference::spellings() const {
  QStringList result;
  for (const QString& name : names)
    result.append((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name);
  return result;
}

CommandReference parseCommandHelp(const QString& name, const QString& summary, const QString& programName,
                                  const QString& helpText) {
  CommandReference command;
  command.name = name;
  command.summary = summary;
  enum class Section { Usage, Description, Options, Arguments, Other } section = Section::Usage;
  QStringList description;
  QString* lastText = nullptr;  // where a wrapped continuation line belongs
  const QString usagePrefix = QStringLiteral("Usage: ") + programName + QLatin1Char(' ');
  for (const QString& line : helpText.split(QLatin1Char('\n'))) {
    if (section == Section::Usage) {
      command.synopsis = line.startsWith(usagePrefix) ? line.mid(usagePrefix.size()) : name;
      section = Section::Description;
      continue;
    }
    if (line == QStringLiteral("Options:")) {
      section = Section::Options;
      continue;
    }
    if (line == QStringLiteral("Arguments:")) {
      section = Section::Arguments;
      continue;
    }
    if (section == Section::Description) {
      if (line.isEmpty()) {
        section = Section::Other;
      } else {
        description.append(line);
      }
      continue;
    }
    if (section != Section::Options && section != Section::Arguments) continue;
    if (line.isEmpty() || !line.startsWith(QLatin1Char(' '))) {
      section = Section::Other;
      continue;
    }
    if (!line.startsWith(QStringLiteral("   "))) {
      const auto [names, text] = splitEntry(line);
      if (section == Section::Options) {
        OptionReference option = parseOptionNames(names);
        option.description = text;
        command.options.push_back(std::move(option));
        lastText = &command.options.back().description;
      } else {
        ArgumentReference argument;
        argument.name = names;
        argument.description = text;
        argument.value = kindOfValue(names);
        command.arguments.push_back(std::move(argument));
        lastText = &command.arguments.back().description;
      }
    } else if (lastText != nullptr) {
      lastText->append(QLatin1Char(' ') + line.trimmed());
    }
  }
  command.description = description.join(QLatin1Char('\n'));
  // A synopsis that spells the argument's values ("<bash|zsh|fish>") offers them.
  static const QRegularExpression alternatives(QStringLiteral("<([\\w-]+(?:\\|[\\w-]+)+)>"));
  const QRegularExpressionMatch match = alternatives.match(command.synopsis);
  if (match.hasMatch() && command.arguments.size() == 1) {
    command.arguments.front().value = ValueKind::Choice;
    command.arguments.front().choices = match.captured(1).split(QLatin1Char('|'));
  }
  return command;
}

std::vector<CommandReference> describeCommands(const std::vector<std::unique_ptr<Command>>& commands,
                                               const QString& programName) {
  std::vector<CommandReference> result;
  result.reserve(commands.size());
  for (const auto& command : commands) {
    std::ostringstream out;
    std::ostringstream err;
    command->run({QStringLiteral("--help")}, out, err);
    result.push_back(
        parseCommandHelp(command->name(), command->summary(), programName, QString::fromStdString(out.str())));
  }
  return result;
}

}  // namespace releasedesk::cli
