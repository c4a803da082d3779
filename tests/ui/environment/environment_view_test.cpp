// The Environment view on the built-in sandbox, offscreen: every state visible, the summary,
// the problems-only filter, export, refresh with progress, unknown unlike missing.
#include "ui/environment/environment_view.h"
#include "app/adapter/qt_scheduler.h"
#include "core/sandbox/sandbox_client.h"
#include "ui/environment/environment_table_model.h"

#include <QCheckBox>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace releasedesk;

namespace {

int rowOf(const QAbstractItemModel& model, const QString& name) {
  for (int row = 0; row < model.rowCount(); ++row) {
    if (model.index(row, EnvironmentTableModel::Name).data().toString() == name) return row;
  }
  return -1;
}

}  // namespace

class TestEnvironmentView : public QObject {
  Q_OBJECT

 private slots:
  void init() {
    scheduler_ = std::make_unique<QtScheduler>();
    sandbox_ = openSandboxClient(*scheduler_);
  }
  void cleanup() {
    sandbox_.reset();
    scheduler_.reset();
  }

  void refreshShowsEveryState() {
    EnvironmentView view;
    view.setClient(&sandbox_->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    QSignalSpy attention(&view, &EnvironmentView::attentionCountChanged);
    view.show();
    view.refresh();
    QVERIFY(view.isRefreshing());
    QVERIFY(finished.wait(5000));
    QVERIFY(!view.isRefreshing());
    QVERIFY2(view.summaryText().contains(QStringLiteral("incomplete (14 of 18 ready)")),
             qPrintable(view.summaryText()));
    QCOMPARE(attention.last().first().toInt(), 4);

    const QAbstractItemModel& model = *view.model();
    const auto cell = [&](const QString& name, int column, int role = Qt::DisplayRole) {
      return model.index(rowOf(model, name), column).data(role);
    };
    QCOMPARE(cell(QStringLiteral("ACA_MIGRATE_JOB_NAME"), EnvironmentTableModel::Status).toString(),
             QStringLiteral("missing"));
    QCOMPARE(cell(QStringLiteral("AZURE_SUBSCRIPTION_ID"), EnvironmentTableModel::Status).toString(),
             QStringLiteral("invalid"));
    QCOMPARE(cell(QStringLiteral("ACR_NAME"), EnvironmentTableModel::Source).toString(),
             QStringLiteral("repository (inherited)"));
    QCOMPARE(cell(QStringLiteral("ACR_NAME"), EnvironmentTableModel::ValueOrUpdated).toString(),
             QStringLiteral("contosoprod"));
    QVERIFY(cell(QStringLiteral("AZURE_DEPLOY_CLIENT_ID"), EnvironmentTableModel::ValueOrUpdated)
                .toString()
                .startsWith(QStringLiteral("updated ")));
    QVERIFY(cell(QStringLiteral("ACA_WEB_MANAGED_CERTIFICATE_NAME"), EnvironmentTableModel::Requirement)
                .toString()
                .startsWith(QStringLiteral("needed")));
    // Unknown is not missing: another word, icon, font and background, and the reason.
    const QString identity = QStringLiteral("AZURE_IDENTITY_CLIENT_ID");
    QCOMPARE(cell(identity, EnvironmentTableModel::Status).toString(), QStringLiteral("unknown"));
    QCOMPARE(cell(identity, EnvironmentTableModel::Source).toString(), QStringLiteral("could not be read"));
    QVERIFY(cell(identity, EnvironmentTableModel::Name, Qt::FontRole).value<QFont>().italic());
    QVERIFY(cell(identity, EnvironmentTableModel::Name, Qt::BackgroundRole).isValid());
    QVERIFY(!cell(QStringLiteral("ACA_MIGRATE_JOB_NAME"), EnvironmentTableModel::Name, Qt::BackgroundRole).isValid());
    QVERIFY(cell(identity, EnvironmentTableModel::Messages).toString().contains(QStringLiteral("secrets=read")));
    QVERIFY(!cell(identity, EnvironmentTableModel::Status, Qt::DecorationRole).value<QIcon>().isNull());

    // Problems only.
    const int all = view.proxyModel()->rowCount();
    view.problemsOnlyBox()->setChecked(true);
    const int problems = view.proxyModel()->rowCount();
    QVERIFY(problems < all);
    QCOMPARE(rowOf(*view.proxyModel(), QStringLiteral("AZURE_TENANT_ID")), -1);
    QVERIFY(rowOf(*view.proxyModel(), identity) >= 0);
    QVERIFY(rowOf(*view.proxyModel(), QStringLiteral("ACA_WEB_CUSTOM_DOMAIN")) >= 0);  // half configured

    // Export gives the same answer as `env check --json`.
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("env.json"));
    const QString markdown = dir.filePath(QStringLiteral("env.md"));
    QVERIFY(view.exportJson(json));
    QVERIFY(view.exportMarkdown(markdown));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const auto doc = nlohmann::json::parse(jsonFile.readAll().toStdString());
    QCOMPARE(doc["summary"]["text"].get<std::string>(), std::string("14 of 18 ready"));
    QFile mdFile(markdown);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    QVERIFY(mdFile.readAll().contains("| `ACA_MIGRATE_JOB_NAME` | variable | required |"));
  }

  void failedRefreshKeepsTheRows() {
    EnvironmentView view;
    view.setClient(&sandbox_->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(5000));
    const int rows = view.model()->rowCount();
    // A client whose API URL cannot work: the refresh fails, the rows stay.
    GitHubClientConfig bad;
    bad.apiBase = "http://example.com";
    bad.repo = {"o", "r"};
    GitHubClient broken(sandbox_->transport(), *scheduler_, bad);
    view.setClient(&broken);
    view.refresh();
    QVERIFY(finished.wait(5000));
    QCOMPARE(view.model()->rowCount(), rows);
    QVERIFY(view.errorText().contains(QStringLiteral("Refresh failed")));
    view.setClient(nullptr);
  }

 private:
  std::unique_ptr<QtScheduler> scheduler_;
  std::unique_ptr<SandboxClient> sandbox_;
};

QTEST_MAIN(TestEnvironmentView)
#include "environment_view_test.moc"
