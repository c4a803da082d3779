// `releasedesk-cli completion` and `--man`: usage errors, and that every command of the table is
// in each script and in the man page.
#include "tests/app/cli/cli_run.h"

#include <QTest>

using releasedesk::cli::CliApp;
using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

class TestCompletionCommand : public QObject {
  Q_OBJECT

 private slots:
  void needsOneKnownShell() {
    const Run none = runInProcess({QStringLiteral("completion")});
    QCOMPARE(none.exitCode, 2);
    QCOMPARE(none.err, std::string("releasedesk-cli completion: give one shell: bash, zsh or fish.\n"));
    QVERIFY(none.out.empty());

    const Run tcsh = runInProcess({QStringLiteral("completion"), QStringLiteral("tcsh")});
    QCOMPARE(tcsh.exitCode, 2);
    QCOMPARE(tcsh.err, std::string("releasedesk-cli completion: unknown shell 'tcsh'; give bash, zsh or fish.\n"));

    const Run two = runInProcess({QStringLiteral("completion"), QStringLiteral("bash"), QStringLiteral("zsh")});
    QCOMPARE(two.exitCode, 2);
    QCOMPARE(two.err, std::string("releasedesk-cli completion: give one shell: bash, zsh or fish.\n"));
  }

  void everyScriptCoversEveryCommand_data() {
    QTest::addColumn<QString>("shell");
    QTest::addColumn<QString>("firstLine");
    QTest::newRow("bash") << QStringLiteral("bash") << QStringLiteral("# bash completion for releasedesk-cli");
    QTest::newRow("zsh") << QStringLiteral("zsh") << QStringLiteral("#compdef releasedesk-cli");
    QTest::newRow("fish") << QStringLiteral("fish") << QStringLiteral("# fish completion for releasedesk-cli");
  }

  void everyScriptCoversEveryCommand() {
    QFETCH(QString, shell);
    QFETCH(QString, firstLine);
    const Run run = runInProcess({QStringLiteral("completion"), shell});
    QCOMPARE(run.exitCode, 0);
    const QString script = QString::fromStdString(run.out);
    QVERIFY2(script.startsWith(firstLine), qPrintable(script.left(80)));
    for (const auto& command : CliApp().reference()) {
      // bash and zsh match the typed words against " <name> "; fish names them after _in.
      const QString needle = shell == QStringLiteral("fish")
                                 ? QStringLiteral("_in ") + command.name + QLatin1Char('\'')
                                 : QStringLiteral("\" ") + command.name + QStringLiteral(" \"*)");
      QVERIFY2(script.contains(needle), qPrintable(shell + QStringLiteral(": ") + command.name));
      for (const auto& option : command.options) {
        const QString spelled = option.longestSpelling();
        const QString name = spelled.mid(spelled.startsWith(QStringLiteral("--")) ? 2 : 1);
        // bash lists it in options="...", zsh in an _arguments spec, fish after -l or -s.
        const QString expected =
            shell == QStringLiteral("fish")
                ? (spelled.startsWith(QStringLiteral("--")) ? QStringLiteral(" -l ") : QStringLiteral(" -s ")) + name
            : shell == QStringLiteral("zsh") ? spelled + QLatin1Char('[')
                                             : spelled + QLatin1Char(' ');
        QVERIFY2(script.contains(expected) || script.contains(spelled + QStringLiteral("=[")) ||
                     script.contains(spelled + QStringLiteral("\"")) || script.contains(spelled + QStringLiteral("}")),
                 qPrintable(shell + QStringLiteral(": ") + command.name + QLatin1Char(' ') + spelled));
      }
    }
  }

  void manPageHasEveryCommandAndOption() {
    const Run run = runInProcess({QStringLiteral("--man")});
    QCOMPARE(run.exitCode, 0);
    const QString page = QString::fromStdString(run.out);
    QVERIFY(page.contains(QStringLiteral(".TH RELEASEDESK\\-CLI 1")));
    for (const auto& command : CliApp().reference()) {
      const QString heading = QStringLiteral(".SS \"") +
                              QString(command.name).replace(QLatin1Char('-'), QStringLiteral("\\-")) + QLatin1Char('"');
      const qsizetype at = page.indexOf(heading);
      QVERIFY2(at >= 0, qPrintable(command.name));
      const QString section = page.mid(at, page.indexOf(QStringLiteral("\n.S"), at + 1) - at);
      for (const auto& option : command.options) {
        const QString spelled = QString(option.longestSpelling()).replace(QLatin1Char('-'), QStringLiteral("\\-"));
        QVERIFY2(section.contains(spelled), qPrintable(command.name + QLatin1Char(' ') + option.longestSpelling()));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestCompletionCommand)
#include "completion_command_test.moc"
