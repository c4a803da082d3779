// The console's token choice: GitHub.com and GitHub Enterprise Server tokens never cross over,
// except that a loopback sandbox accepts the everyday ones too.
#include "app/cli/environment_token.h"

#include <QTest>

using namespace releasedesk;

class TestEnvironmentToken : public QObject {
  Q_OBJECT

 private slots:
  void choosesTheVariableForTheHost_data() {
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QStringList>("environment");  // NAME=value pairs
    QTest::addColumn<QString>("variable");         // empty: no token
    QTest::addColumn<QString>("token");

    const QString dotCom = QStringLiteral("https://api.github.com");
    const QString ghes = QStringLiteral("https://ghe.example.com/api/v3");
    const QString sandbox = QStringLiteral("http://127.0.0.1:8080");
    const auto env = [](std::initializer_list<const char*> pairs) {
      QStringList list;
      for (const char* pair : pairs) list << QString::fromUtf8(pair);
      return list;
    };
    QTest::newRow("github.com prefers GH_TOKEN")
        << dotCom << env({"GH_TOKEN=gh", "GITHUB_TOKEN=github"}) << QStringLiteral("GH_TOKEN") << QStringLiteral("gh");
    QTest::newRow("github.com falls back to GITHUB_TOKEN")
        << dotCom << env({"GITHUB_TOKEN=github"}) << QStringLiteral("GITHUB_TOKEN") << QStringLiteral("github");
    QTest::newRow("github.com ignores enterprise tokens")
        << dotCom << env({"GH_ENTERPRISE_TOKEN=ghe", "GITHUB_ENTERPRISE_TOKEN=ghe2"}) << QString() << QString();
    QTest::newRow("bare github.com host")
        << QStringLiteral("github.com") << env({"GH_TOKEN=gh"}) << QStringLiteral("GH_TOKEN") << QStringLiteral("gh");
    QTest::newRow("GHES uses GH_ENTERPRISE_TOKEN, not GH_TOKEN")
        << ghes << env({"GH_TOKEN=gh", "GITHUB_TOKEN=github", "GH_ENTERPRISE_TOKEN=ghe"})
        << QStringLiteral("GH_ENTERPRISE_TOKEN") << QStringLiteral("ghe");
    QTest::newRow("GHES falls back to GITHUB_ENTERPRISE_TOKEN")
        << ghes << env({"GITHUB_ENTERPRISE_TOKEN=ghe2"}) << QStringLiteral("GITHUB_ENTERPRISE_TOKEN")
        << QStringLiteral("ghe2");
    QTest::newRow("GHES never takes GH_TOKEN")
        << ghes << env({"GH_TOKEN=gh", "GITHUB_TOKEN=github"}) << QString() << QString();
    QTest::newRow("bare GHES host") << QStringLiteral("ghe.example.com") << env({"GH_TOKEN=gh"}) << QString()
                                    << QString();
    QTest::newRow("loopback accepts GH_TOKEN")
        << sandbox << env({"GH_TOKEN=gh"}) << QStringLiteral("GH_TOKEN") << QStringLiteral("gh");
    QTest::newRow("loopback accepts GITHUB_TOKEN")
        << QStringLiteral("http://localhost:3000") << env({"GITHUB_TOKEN=github"}) << QStringLiteral("GITHUB_TOKEN")
        << QStringLiteral("github");
    QTest::newRow("loopback prefers the enterprise variable")
        << sandbox << env({"GH_TOKEN=gh", "GH_ENTERPRISE_TOKEN=ghe"}) << QStringLiteral("GH_ENTERPRISE_TOKEN")
        << QStringLiteral("ghe");
    QTest::newRow("blank values are skipped") << dotCom << env({"GH_TOKEN=   ", "GITHUB_TOKEN=github"})
                                              << QStringLiteral("GITHUB_TOKEN") << QStringLiteral("github");
    QTest::newRow("surrounding whitespace is trimmed")
        << dotCom << env({"GH_TOKEN= gh\n"}) << QStringLiteral("GH_TOKEN") << QStringLiteral("gh");
    QTest::newRow("nothing set") << dotCom << QStringList() << QString() << QString();
  }
  void choosesTheVariableForTheHost() {
    QFETCH(QString, apiBase);
    QFETCH(QStringList, environment);
    QFETCH(QString, variable);
    QFETCH(QString, token);
    QProcessEnvironment processEnvironment;
    for (const QString& pair : environment) {
      const qsizetype equals = pair.indexOf(QLatin1Char('='));
      processEnvironment.insert(pair.left(equals), pair.mid(equals + 1));
    }
    const EnvironmentToken found = tokenFromEnvironment(processEnvironment, apiBase.toStdString());
    QCOMPARE(found.found(), !variable.isEmpty());
    QCOMPARE(found.variable, variable);
    QCOMPARE(found.token, token);
  }

  void listsTheVariablesItConsults() {
    const auto list = [](const char* names) { return QString::fromLatin1(names).split(QLatin1Char(' ')); };
    QCOMPARE(tokenVariablesFor("https://api.github.com"), list("GH_TOKEN GITHUB_TOKEN"));
    QCOMPARE(tokenVariablesFor("https://ghe.example.com/api/v3"), list("GH_ENTERPRISE_TOKEN GITHUB_ENTERPRISE_TOKEN"));
    QCOMPARE(tokenVariablesFor("http://127.0.0.1:1"),
             list("GH_ENTERPRISE_TOKEN GITHUB_ENTERPRISE_TOKEN GH_TOKEN GITHUB_TOKEN"));
  }
};

QTEST_GUILESS_MAIN(TestEnvironmentToken)
#include "environment_token_test.moc"
