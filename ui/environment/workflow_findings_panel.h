// Beside the Environment view's variables: the runbook's lint of the repository's
// production-stage workflow (core/workflow/workflow_lint.h), as read by the environment check
// through the contents API, so a workflow that lost its lock or its environment is seen before
// an approval. One row per finding: severity by icon and word, line, rule, message.
#pragma once

#include "core/workflow/workflow_lint.h"

#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;

namespace releasedesk {

class WorkflowFindingsPanel final : public QWidget {
  Q_OBJECT

 public:
  explicit WorkflowFindingsPanel(QWidget* parent = nullptr);

  // The lint of the workflow the check read; nullptr when none was read (the panel says so).
  void setReport(const WorkflowLintReport* report);

  // "production-stage.yml: 2 errors, 1 warning", "…: no finding", "No workflow was read."
  QString headline() const;
  QStandardItemModel* model() const { return model_; }
  QTableView* table() const { return table_; }

  enum Column { Severity, Line, Rule, Message, ColumnCount };

 private:
  QLabel* headline_ = nullptr;
  QStandardItemModel* model_ = nullptr;
  QTableView* table_ = nullptr;
};

}  // namespace releasedesk
