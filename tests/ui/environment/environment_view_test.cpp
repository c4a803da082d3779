// The Environment view on the built-in sandbox, offscreen: every state visible, the summary,
// the problems-only filter, export, refresh with progress, unknown unlike missing.
#include "ui/environment/environment_view.h"
#include "app/adapter/qt_scheduler.h"
#include "core/sandbox/sandbox_client.h"
#include "ui/environment/environment_table_model.h"

#include <QCheckBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
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

  // Another client is another source: its failure never leaves the previous client's rows on
  // screen (or exportable) under its name.
  void anotherClientNeverShowsThePreviousRows() {
    EnvironmentView view;
    view.setSourceName(QStringLiteral("Sandbox · contoso/shop · production"));
    view.setClient(&sandbox_->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(5000));
    QVERIFY(view.model()->rowCount() > 0);
    QVERIFY(view.hasReport());
    // A client whose API URL cannot work.
    GitHubClientConfig bad;
    bad.apiBase = "http://example.com";
    bad.repo = {"o", "r"};
    GitHubClient broken(sandbox_->transport(), *scheduler_, bad);
    view.setSourceName(QStringLiteral("example.com · o/r · production"));
    view.setClient(&broken);
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.hasReport());
    QVERIFY(!view.exportJsonButton()->isEnabled());
    QVERIFY(!view.exportMarkdownButton()->isEnabled());
    QTemporaryDir dir;
    QVERIFY(!view.exportJson(dir.filePath(QStringLiteral("env.json"))));
    QCOMPARE(view.summaryText(), QStringLiteral("Not checked yet"));
    view.refresh();
    QVERIFY(finished.wait(5000));
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY2(view.errorText().startsWith(QStringLiteral("Checking example.com · o/r · production failed.")),
             qPrintable(view.errorText()));
    view.setClient(nullptr);
    QCOMPARE(view.summaryText(), QStringLiteral("Not connected"));
  }

  // Esc while checking again: the rows of the last check stay, and the view says the new check
  // was cancelled.
  void aCancelledRefreshKeepsTheRows() {
    EnvironmentView view;
    view.setClient(&sandbox_->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(5000));
    const int rows = view.model()->rowCount();
    QVERIFY(rows > 0);
    QVERIFY(!view.cancelRefresh());  // nothing under way
    view.refresh();
    QVERIFY(view.isRefreshing());
    QVERIFY(view.cancelRefresh());
    QVERIFY(!view.isRefreshing());
    QCOMPARE(view.model()->rowCount(), rows);
    QVERIFY(view.hasReport());
    QVERIFY2(view.errorText().contains(QStringLiteral("cancelled")), qPrintable(view.errorText()));
    // The late answer is dropped.
    QTest::qWait(300);
    QVERIFY2(view.errorText().contains(QStringLiteral("cancelled")), qPrintable(view.errorText()));
    view.setClient(nullptr);
  }

  // The details pane: the selected row in full, the check's notes without a selection.
  void detailsShowTheSelectedItemInFull() {
    EnvironmentView view;
    view.setClient(&sandbox_->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(5000));
    QVERIFY(view.detailsText().startsWith(QStringLiteral("Select a row")));
    const EnvironmentTableModel* model = view.model();
    int missing = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
      if (model->index(row, EnvironmentTableModel::Name).data().toString() == QStringLiteral("ACA_MIGRATE_JOB_NAME"))
        missing = row;
    }
    QVERIFY(missing >= 0);
    view.table()->setCurrentIndex(view.proxyModel()->mapFromSource(model->index(missing, 0)));
    const QString details = view.detailsText();
    QVERIFY2(details.startsWith(QStringLiteral("ACA_MIGRATE_JOB_NAME")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Variable, required: missing")), qPrintable(details));
    // Every message of the row, in full (the table shows its first line, elided).
    const CompletenessItem& item = model->report().items[static_cast<std::size_t>(missing)];
    QVERIFY(!item.messages.empty());
    for (const ItemMessage& m : item.messages)
      QVERIFY2(details.contains(QString::fromStdString(m.text)), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Used by the workflow")));
    view.setClient(nullptr);
  }

 private:
  std::unique_ptr<QtScheduler> scheduler_;
  std::unique_ptr<SandboxClient> sandbox_;
};

QTEST_MAIN(TestEnvironmentView)
#include "environment_view_test.moc"
