// --repo's last fallback: the origin remote of the checkout the console runs in, read from the
// git config of temporary checkouts (a plain one, a worktree, one on another host).
#include "app/cli/git_origin.h"

#include "tests/app/cli/cli_run.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace releasedesk;
using namespace releasedesk::cli;

namespace {

void write(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(text);
}

QByteArray configWithOrigin(const QByteArray& url) {
  return "[core]\n\trepositoryformatversion = 0\n[remote \"upstream\"]\n\turl = https://github.com/other/fork.git\n"
         "[remote \"origin\"]\n\turl = " +
         url + "\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"main\"]\n\tremote = origin\n";
}

std::string repoOf(std::string_view url, std::string_view host = "github.com") {
  const auto repo = repoFromRemoteUrl(url, host);
  return repo ? repo->fullName() : std::string("none");
}

}  // namespace

class TestGitOrigin : public QObject {
  Q_OBJECT

 private slots:
  void remoteUrls_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("repo");
    const QString gh = QStringLiteral("github.com");
    QTest::newRow("https .git") << "https://github.com/contoso/shop.git" << gh << "contoso/shop";
    QTest::newRow("https") << "https://github.com/contoso/shop" << gh << "contoso/shop";
    QTest::newRow("https trailing slash") << "https://github.com/contoso/shop/" << gh << "contoso/shop";
    QTest::newRow("https with user") << "https://ci@github.com/contoso/shop.git" << gh << "contoso/shop";
    QTest::newRow("scp-like") << "git@github.com:contoso/shop.git" << gh << "contoso/shop";
    QTest::newRow("scp-like without .git") << "git@github.com:contoso/shop" << gh << "contoso/shop";
    QTest::newRow("ssh") << "ssh://git@github.com/contoso/shop" << gh << "contoso/shop";
    QTest::newRow("ssh with port") << "ssh://git@github.com:22/contoso/shop.git" << gh << "contoso/shop";
    QTest::newRow("host case") << "https://GitHub.com/contoso/shop.git" << gh << "contoso/shop";
    QTest::newRow("enterprise host") << "git@ghe.example.com:platform/shop.git"
                                     << "ghe.example.com"
                                     << "platform/shop";
    QTest::newRow("another host") << "https://gitlab.com/contoso/shop.git" << gh << "none";
    QTest::newRow("github.com when enterprise is configured") << "https://github.com/contoso/shop.git"
                                                              << "ghe.example.com"
                                                              << "none";
    QTest::newRow("host as a suffix") << "https://evilgithub.com/contoso/shop.git" << gh << "none";
    QTest::newRow("too deep") << "https://github.com/contoso/shop/tree/main" << gh << "none";
    QTest::newRow("no repo") << "https://github.com/contoso" << gh << "none";
    QTest::newRow("local path") << "/srv/git/shop.git" << gh << "none";
    QTest::newRow("file url") << "file:///srv/github.com/contoso/shop.git" << gh << "none";
  }
  void remoteUrls() {
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(QString, repo);
    QCOMPARE(QString::fromStdString(repoOf(url.toStdString(), host.toStdString())), repo);
  }

  void theOriginSectionIsTheOneRead() {
    QCOMPARE(originUrlFromConfig(configWithOrigin("git@github.com:contoso/shop.git").toStdString()),
             std::string("git@github.com:contoso/shop.git"));
    QCOMPARE(originUrlFromConfig("[remote \"upstream\"]\n  url = https://github.com/a/b\n"), std::string());
    QCOMPARE(originUrlFromConfig("[Remote \"origin\"]\n  URL = \"https://github.com/a/b\"  \n"),
             std::string("https://github.com/a/b"));
  }

  void apiBasesNameTheirWebHost() {
    QCOMPARE(webHostOfApiBase("https://api.github.com"), std::string("github.com"));
    QCOMPARE(webHostOfApiBase("https://ghe.example.com/api/v3"), std::string("ghe.example.com"));
  }

  void aCheckoutIsFoundFromASubfolder() {
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("shop/.git/config")), configWithOrigin("https://github.com/contoso/shop.git"));
    QDir().mkpath(dir.filePath(QStringLiteral("shop/src/deep")));
    const OriginRepo origin = originRepo(dir.filePath(QStringLiteral("shop/src/deep")), "github.com");
    QVERIFY(origin.repo);
    QCOMPARE(origin.repo->fullName(), std::string("contoso/shop"));
  }

  // A worktree's .git is a file naming its git dir, whose commondir holds the shared config.
  void aWorktreeReadsTheMainCheckoutsConfig() {
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("main/.git/config")), configWithOrigin("git@github.com:contoso/shop.git"));
    write(dir.filePath(QStringLiteral("main/.git/worktrees/feature/commondir")), "../..\n");
    write(dir.filePath(QStringLiteral("feature/.git")), "gitdir: ../main/.git/worktrees/feature\n");
    QCOMPARE(findGitDir(dir.filePath(QStringLiteral("feature"))),
             QDir::cleanPath(dir.filePath(QStringLiteral("main/.git/worktrees/feature"))));
    const OriginRepo origin = originRepo(dir.filePath(QStringLiteral("feature")), "github.com");
    QVERIFY(origin.repo);
    QCOMPARE(origin.repo->fullName(), std::string("contoso/shop"));
  }

  void noCheckoutMeansNoRepository() {
    QTemporaryDir dir;
    const OriginRepo origin = originRepo(dir.path(), "github.com");
    QVERIFY(!origin.repo);
    QVERIFY(origin.url.empty());
  }

  // The console: GITHUB_REPOSITORY first, then the checkout; another host is refused by name.
  void theConsoleFallsBackToTheCheckout() {
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral(".git/config")), configWithOrigin("https://github.com/contoso/from-git.git"));
    CommandContext context;
    context.workingDirectory = dir.path();
    context.inputIsTerminal = false;
    // No token: the command stops before any request, after the repository was resolved.
    context.environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
    auto run = testing::runInProcess({QStringLiteral("timeline")}, context);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("no token: set GH_TOKEN or run releasedesk-cli doctor") != std::string::npos,
             run.err.c_str());

    // Which repository was chosen shows in the doctor's header (it runs without a token). The
    // configured host here is a loopback one nobody listens on, so nothing leaves the machine and
    // the doctor says there is no connection (exit 2).
    write(dir.filePath(QStringLiteral(".git/config")), configWithOrigin("git@127.0.0.1:contoso/from-git.git"));
    context.environment.insert(QStringLiteral("GITHUB_API_URL"), QStringLiteral("http://127.0.0.1:9"));
    run = testing::runInProcess({QStringLiteral("doctor")}, context);
    QVERIFY2(run.out.find("contoso/from-git at http://127.0.0.1:9") != std::string::npos, run.out.c_str());
    QCOMPARE(run.exitCode, 2);

    context.environment.insert(QStringLiteral("GITHUB_REPOSITORY"), QStringLiteral("contoso/from-env"));
    run = testing::runInProcess({QStringLiteral("doctor")}, context);
    QVERIFY2(run.out.find("contoso/from-env at") != std::string::npos, run.out.c_str());

    write(dir.filePath(QStringLiteral(".git/config")), configWithOrigin("https://gitlab.com/contoso/shop.git"));
    context.environment.remove(QStringLiteral("GITHUB_REPOSITORY"));
    context.environment.remove(QStringLiteral("GITHUB_API_URL"));
    run = testing::runInProcess({QStringLiteral("doctor")}, context);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("the origin remote of this checkout (https://gitlab.com/contoso/shop.git) is not on "
                          "github.com") != std::string::npos,
             run.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestGitOrigin)
#include "git_origin_test.moc"
