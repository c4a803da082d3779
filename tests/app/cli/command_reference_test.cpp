// Reading a command's --help into its reference: wrapped descriptions, value kinds, the
// alternatives a synopsis spells, and every command of the real table.
#include "app/cli/command_reference.h"

#include "tests/app/cli/cli_run.h"

#include <QTest>

using releasedesk::cli::CliApp;
using releasedesk::cli::CommandReference;
using releasedesk::cli::parseCommandHelp;
using releasedesk::cli::ValueKind;

class TestCommandReference : public QObject {
  Q_OBJECT

 private slots:
  void readsOptionsArgumentsAndWrappedLines() {
    const QString help = QStringLiteral(
        "Usage: releasedesk-cli evidence verify [options] [<evidence-manifest.json>]\n"
        "Verify a manifest.\n"
        "Second line.\n"
        "\n"
        "Options:\n"
        "  -h, --help            Show this help.\n"
        "  --artifacts <dir>     An .artifacts folder.\n"
        "  --sha <sha>           The commit SHA (with\n"
        "                        --artifacts).\n"
        "  --repo <owner/name>   Repository.\n"
        "  --environment <name>  The environment.\n"
        "  --workflow <file>     The workflow file.\n"
        "  --json                JSON.\n"
        "\n"
        "Arguments:\n"
        "  file                  The manifest.\n"
        "\n"
        "Exit codes: 0 accepted.\n");
    const CommandReference command = parseCommandHelp(QStringLiteral("evidence verify"), QStringLiteral("Verify"),
                                                      QStringLiteral("releasedesk-cli"), help);
    QCOMPARE(command.synopsis, QStringLiteral("evidence verify [options] [<evidence-manifest.json>]"));
    QCOMPARE(command.description, QStringLiteral("Verify a manifest.\nSecond line."));
    QCOMPARE(command.options.size(), std::size_t{7});
    QCOMPARE(command.options[0].names, (QStringList{QStringLiteral("h"), QStringLiteral("help")}));
    QCOMPARE(command.options[0].value, ValueKind::None);
    QCOMPARE(command.options[0].longestSpelling(), QStringLiteral("--help"));
    QCOMPARE(command.options[1].value, ValueKind::Directory);
    // A continuation line that starts with "--" belongs to the option above it.
    QCOMPARE(command.options[2].description, QStringLiteral("The commit SHA (with --artifacts)."));
    QCOMPARE(command.options[2].valueName, QStringLiteral("sha"));
    QCOMPARE(command.options[2].value, ValueKind::Text);
    QCOMPARE(command.options[3].value, ValueKind::Repository);
    QCOMPARE(command.options[4].value, ValueKind::Choice);
    QCOMPARE(command.options[4].choices, QStringList{QStringLiteral("production")});
    QCOMPARE(command.options[5].value, ValueKind::File);
    QCOMPARE(command.options[6].names, QStringList{QStringLiteral("json")});
    QCOMPARE(command.arguments.size(), std::size_t{1});
    QCOMPARE(command.arguments[0].name, QStringLiteral("file"));
    QCOMPARE(command.arguments[0].value, ValueKind::File);
  }

  void synopsisAlternativesBecomeChoices() {
    const CommandReference command = parseCommandHelp(
        QStringLiteral("completion"), QString(), QStringLiteral("releasedesk-cli"),
        QStringLiteral("Usage: releasedesk-cli completion [options] <bash|zsh|fish>\nPrint.\n\nArguments:\n"
                       "  shell  bash, zsh or fish.\n"));
    QCOMPARE(command.arguments.size(), std::size_t{1});
    QCOMPARE(command.arguments[0].value, ValueKind::Choice);
    QCOMPARE(command.arguments[0].choices,
             (QStringList{QStringLiteral("bash"), QStringLiteral("zsh"), QStringLiteral("fish")}));
  }

  // Every command of the table is described, each with --help and a synopsis naming it.
  void describesTheWholeTable() {
    const CliApp app;
    const auto reference = app.reference();
    QVERIFY(reference.size() >= 16);
    for (const CommandReference& command : reference) {
      QVERIFY2(command.synopsis.startsWith(command.name + QStringLiteral(" [options]")), qPrintable(command.synopsis));
      QVERIFY2(!command.description.isEmpty(), qPrintable(command.name));
      QVERIFY2(!command.options.empty() && command.options.front().names.contains(QStringLiteral("help")),
               qPrintable(command.name));
    }
  }
};

QTEST_GUILESS_MAIN(TestCommandReference)
#include "command_reference_test.moc"
