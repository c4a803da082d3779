#include "ui/environment/workflow_findings_panel.h"

#include "ui/status_icons.h"

#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace releasedesk {

WorkflowFindingsPanel::WorkflowFindingsPanel(QWidget* parent) : QWidget(parent) {
  auto* title = new QLabel(tr("Production workflow (runbook lint)"), this);
  QFont bold = title->font();
  bold.setBold(true);
  title->setFont(bold);
  headline_ = new QLabel(tr("No workflow was read."), this);
  headline_->setWordWrap(true);
  model_ = new QStandardItemModel(0, ColumnCount, this);
  model_->setHorizontalHeaderLabels({tr("Severity"), tr("Line"), tr("Rule"), tr("Message")});
  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("workflowFindings"));
  table_->setAccessibleName(tr("Workflow lint findings"));
  table_->setModel(model_);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setWordWrap(true);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(Message, QHeaderView::Stretch);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title);
  layout->addWidget(headline_);
  layout->addWidget(table_);
}

void WorkflowFindingsPanel::setReport(const WorkflowLintReport* report) {
  model_->removeRows(0, model_->rowCount());
  if (report == nullptr) {
    headline_->setText(tr("No workflow was read."));
    return;
  }
  const QString file = QString::fromStdString(report->file);
  if (report->parseError) {
    headline_->setText(tr("%1 is not valid YAML (line %2): %3")
                           .arg(file)
                           .arg(report->parseError->line)
                           .arg(QString::fromStdString(report->parseError->message)));
    return;
  }
  int errors = 0;
  int warnings = 0;
  for (const WorkflowLintFinding& finding : report->findings) {
    errors += finding.severity == Severity::Error ? 1 : 0;
    warnings += finding.severity == Severity::Warning ? 1 : 0;
    auto* severity = new QStandardItem(severityIcon(finding.severity), severityWord(finding.severity));
    auto* line = new QStandardItem(QString::number(finding.line));
    line->setData(finding.line, Qt::UserRole);
    model_->appendRow({severity, line, new QStandardItem(QString::fromStdString(finding.rule)),
                       new QStandardItem(QString::fromStdString(finding.message))});
  }
  if (report->findings.empty()) {
    headline_->setText(tr("%1: no finding, it follows the production-stage runbook.").arg(file));
  } else {
    headline_->setText(
        tr("%1: %2, %3").arg(file, tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings)));
  }
}

QString WorkflowFindingsPanel::headline() const {
  return headline_->text();
}

}  // namespace releasedesk
