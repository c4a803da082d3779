// The Environment view: is the GitHub environment complete? One row per variable and secret,
// a "13 of 15 ready" summary, a problems-only filter, export to Markdown and JSON, a refresh
// with progress, and a details pane for the selected row with the check's own notes.
#pragma once

#include "core/environment/environment_check.h"
#include "ui/desk_page.h"

#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;

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

  // The navigation entry, known before the page is made (the window makes it when first needed).
  static Navigation pageNavigation();
  Navigation navigation() const override { return pageNavigation(); }
  // Checks the connection's environment through its client.
  void setConnection(DeskConnection* connection) override;
  // Shows a report computed elsewhere (tests, or a report loaded from a file).
  void setReport(const CompletenessReport& report);
  // Whether a report of the current client's environment is on screen (exports need one).
  bool hasReport() const { return hasReport_; }

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
  QPushButton* exportMarkdownButton() const { return exportMarkdown_; }
  QPushButton* exportJsonButton() const { return exportJson_; }
  // The selected row's details, or the check's notes when no row is selected.
  QTextBrowser* detailsPane() const { return details_; }
  QSplitter* splitter() const { return splitter_; }
  QString detailsText() const;

 public slots:
  void refresh() override;
  bool cancelRefresh() override;
  void showTimesAgain() override { updateDetails(); }

 signals:
  void refreshFinished();
  // attentionCountChanged (DeskPage): rows that block completeness.

 private:
  void showOutcome(EnvironmentCheckOutcome outcome);
  void exportWithDialog(bool json);
  void clearReport();
  void updateDetails();
  QString notesHtml() const;

  GitHubClient* client_ = nullptr;
  std::string environment_ = "production";
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // drops answers of a replaced client
  bool refreshing_ = false;
  bool hasReport_ = false;
  EnvironmentTableModel* model_ = nullptr;
  EnvironmentProblemsFilter* proxy_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* error_ = nullptr;
  QCheckBox* problemsOnly_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QTableView* table_ = nullptr;
  WorkflowFindingsPanel* workflowPanel_ = nullptr;
  QPushButton* exportMarkdown_ = nullptr;
  QPushButton* exportJson_ = nullptr;
  QTextBrowser* details_ = nullptr;
  QSplitter* splitter_ = nullptr;
};

}  // namespace releasedesk
