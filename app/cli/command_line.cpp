#include "app/cli/command_line.h"

namespace releasedesk::cli {

QCommandLineOption CommandLine::jsonOption() {
  return {QStringLiteral("json"), QStringLiteral("Print one JSON document instead of text.")};
}

QCommandLineOption CommandLine::environmentOption(const QString& description) {
  return {QStringLiteral("environment"), description, QStringLiteral("name"), QStringLiteral("production")};
}

CommandLine::CommandLine(const CommandContext& context, const QString& command, const QString& description,
                         const QString& positionalSyntax)
    : context_(context), command_(command), positionalSyntax_(positionalSyntax) {
  // A description's closing "Exit codes: …" paragraph is the help's exit-code line, so the help
  // states the command's own codes once.
  const qsizetype codes = description.indexOf(QStringLiteral("\nExit codes: "));
  if (codes >= 0) exitCodes_ = description.mid(codes + 13);
  parser_.setApplicationDescription(codes >= 0 ? description.left(codes) : description);
  parser_.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  // Not addHelpOption(): its --help-all lists Qt's own options, which mean nothing here.
  parser_.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
}

std::optional<int> CommandLine::parse(const QStringList& args, std::ostream& out, std::ostream& err) {
  const QString usage = context_.programName + QLatin1Char(' ') + command_;
  // QCommandLineParser expects the program name first.
  if (!parser_.parse(QStringList{usage} + args)) {
    err << usage.toStdString() << ": " << parser_.errorText().toStdString() << "\nRun '" << usage.toStdString()
        << " --help' for usage.\n";
    return kExitUsage;
  }
  if (parser_.isSet(QStringLiteral("help"))) {
    QString help = parser_.helpText();
    // Replace Qt's "Usage: <binary> [options]" line with the full command.
    const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
    help.replace(0, lineEnd,
                 QStringLiteral("Usage: ") + usage + QStringLiteral(" [options]") +
                     (positionalSyntax_.isEmpty() ? QString() : QLatin1Char(' ') + positionalSyntax_));
    out << help.toStdString();
    out << "\nExit codes: "
        << (exitCodes_.isEmpty() ? QStringLiteral("0 done, 2 usage, input or connection error.") : exitCodes_)
               .toStdString()
        << '\n';
    return kExitOk;
  }
  // A command that names no positional syntax takes none.
  if (positionalSyntax_.isEmpty() && !parser_.positionalArguments().isEmpty()) {
    err << usage.toStdString() << ": unexpected argument '" << parser_.positionalArguments().first().toStdString()
        << "'.\n";
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace releasedesk::cli
