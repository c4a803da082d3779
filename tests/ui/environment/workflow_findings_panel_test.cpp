// The workflow lint beside the Environment view's variables: the panel on its own (findings by
// severity word and line, a clean workflow, an unreadable one, none read) and the view filling it
// from the sandbox repository's production-stage.yml.
#include "ui/environment/workflow_findings_panel.h"

#include "app/adapter/qt_scheduler.h"
#include "core/sandbox/sandbox_client.h"
#include "resources/embedded_resources.h"
#include "ui/environment/environment_view.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace releasedesk;

namespace {

// A workflow with no production-mutation lock anywhere and a tag given to az containerapp.
constexpr std::string_view kUnlocked = R"(name: Production Stage
on:
  workflow_dispatch:
    inputs:
      candidate_sha: {required: true, type: string}
jobs:
  production-mutate:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: az containerapp update --name api --image myacr.azurecr.io/api:latest
)";

QString cell(const QStandardItemModel& model, int row, int column) {
  return model.index(row, column).data().toString();
}

std::string sandboxWorkflow() {
  for (const auto& file : resources::sandboxFiles()) {
    if (file.path == ".github/workflows/production-stage.yml") return std::string(file.bytes);
  }
  return {};
}

}  // namespace

class TestWorkflowFindingsPanel : public QObject {
  Q_OBJECT

 private slots:
  void showsEachFindingWithItsWordAndLine() {
    WorkflowFindingsPanel panel;
    const WorkflowLintReport report = lintWorkflow(kUnlocked, "production-stage.yml");
    panel.setReport(&report);
    const QStandardItemModel& model = *panel.model();
    QCOMPARE(model.rowCount(), static_cast<int>(report.findings.size()));
    int lockRow = -1;
    int digestRow = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
      if (cell(model, row, WorkflowFindingsPanel::Rule) == QStringLiteral("lock")) lockRow = row;
      if (cell(model, row, WorkflowFindingsPanel::Rule) == QStringLiteral("digests")) digestRow = row;
    }
    QVERIFY(lockRow >= 0);
    QVERIFY(digestRow >= 0);
    QCOMPARE(cell(model, digestRow, WorkflowFindingsPanel::Severity), QStringLiteral("error"));
    QCOMPARE(cell(model, digestRow, WorkflowFindingsPanel::Line), QStringLiteral("11"));
    QVERIFY(!model.index(digestRow, WorkflowFindingsPanel::Severity).data(Qt::DecorationRole).isNull());
    QVERIFY(
        cell(model, digestRow, WorkflowFindingsPanel::Message).contains(QStringLiteral("myacr.azurecr.io/api:latest")));
    int errors = 0;
    for (const WorkflowLintFinding& f : report.findings) errors += f.severity == Severity::Error ? 1 : 0;
    QVERIFY2(panel.headline().startsWith(QStringLiteral("production-stage.yml: %1 error").arg(errors)),
             qPrintable(panel.headline()));
  }

  void aCleanWorkflowSaysSoAndAnUnreadOneToo() {
    WorkflowFindingsPanel panel;
    WorkflowLintReport clean;
    clean.file = "production-stage.yml";
    panel.setReport(&clean);
    QCOMPARE(panel.model()->rowCount(), 0);
    QCOMPARE(panel.headline(),
             QStringLiteral("production-stage.yml: no finding, it follows the production-stage runbook."));

    const WorkflowLintReport broken = lintWorkflow("jobs: [\n", "production-stage.yml");
    panel.setReport(&broken);
    QVERIFY2(panel.headline().startsWith(QStringLiteral("production-stage.yml is not valid YAML (line ")),
             qPrintable(panel.headline()));

    panel.setReport(nullptr);
    QCOMPARE(panel.headline(), QStringLiteral("No workflow was read."));
    QCOMPARE(panel.model()->rowCount(), 0);
  }

  void theEnvironmentViewShowsTheRepositorysWorkflowLint() {
    QtScheduler scheduler;
    auto sandbox = openSandboxClient(scheduler);
    EnvironmentView view;
    view.setClient(&sandbox->client());
    QSignalSpy finished(&view, &EnvironmentView::refreshFinished);
    view.show();
    QCOMPARE(view.workflowPanel()->headline(), QStringLiteral("No workflow was read."));
    view.refresh();
    QVERIFY(finished.wait(5000));
    const WorkflowLintReport expected = lintWorkflow(sandboxWorkflow(), ".github/workflows/production-stage.yml");
    QVERIFY2(view.workflowPanel()->headline().startsWith(QStringLiteral(".github/workflows/production-stage.yml")),
             qPrintable(view.workflowPanel()->headline()));
    QCOMPARE(view.workflowPanel()->model()->rowCount(), static_cast<int>(expected.findings.size()));
    QVERIFY(view.workflowPanel()->isVisible());
  }
};

QTEST_MAIN(TestWorkflowFindingsPanel)
#include "workflow_findings_panel_test.moc"
