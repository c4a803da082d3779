// The Environment view: is the GitHub environment complete? One row per variable and secret,
// a "13 of 15 ready" summary, a problems-only filter, export to Markdown and JSON, and a
// refresh with progress.
#pragma once

#include "core/environment/environment_check.h"
#include "ui/desk_page.h"

#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace releasedesk {

class EnvironmentProblemsFilter;
class EnvironmentTableModel;
class WorkflowFindingsPanel;

class EnvironmentView final : public DeskPage {
  Q_OBJECT

 public:
  explicit EnvironmentView(QWidget* parent = nullptr);
  ~EnvironmentView() override;

  // The client to check through (the desk connection's); nullptr detaches. Its callbacks must
  // come on the GUI thread (as DeskConnection's do). `environment` is the one to check.
  void setClient(GitHubClient* client, const QString& environment = QStringLiteral("production"));

  Navigation navigation() const override;
  // Checks the connection's environment through its client.
  void setConnection(DeskConnection* connection) override;
  // Shows a report computed elsewhere (tests, or a report loaded from a file).
  void setReport(const CompletenessReport& report);

  bool isRefreshing() const { return refreshing_; }
  QString summaryText() const;
  QString errorText() const;

  bool exportMarkdown(const QString& path) const;
  bool exportJson(const QString& path) const;

  EnvironmentTableModel* model() const { return model_; }
  EnvironmentProblemsFilter* proxyModel() const { return proxy_; }
  QTableView* table() const { return table_; }
  QCheckBox* problemsOnlyBox() const { return problemsOnly_; }
  WorkflowFindingsPanel* workflowPanel() const { return workflowPanel_; }

 public slots:
  void refresh() override;

 signals:
  void refreshFinished();
  // attentionCountChanged (DeskPage): rows that block completeness.

 private:
  void showOutcome(EnvironmentCheckOutcome outcome);
  void exportWithDialog(bool json);

  GitHubClient* client_ = nullptr;
  std::string environment_ = "production";
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // drops answers of a replaced client
  bool refreshing_ = false;
  EnvironmentTableModel* model_ = nullptr;
  EnvironmentProblemsFilter* proxy_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* error_ = nullptr;
  QCheckBox* problemsOnly_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QTableView* table_ = nullptr;
  WorkflowFindingsPanel* workflowPanel_ = nullptr;
};

}  // namespace releasedesk
