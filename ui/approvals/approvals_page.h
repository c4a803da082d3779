// The Approvals page: the production runs waiting for review on the environment, and beside the
// Approve… and Reject… buttons what the decision rests on: the candidate's evidence, the
// environment's readiness, the diff against live and the production-mutation lock.
#pragma once

#include "ui/desk_page.h"

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTextBrowser;
class QTreeView;

namespace releasedesk {

class ApprovalsModel;
class DecisionDesk;
class ReviewDialog;
struct InboxEntry;

class ApprovalsPage final : public DeskPage {
  Q_OBJECT

 public:
  ApprovalsPage(DecisionDesk& desk, QWidget* parent = nullptr);
  ~ApprovalsPage() override;

  // The navigation entry, known before the page is made (the window makes it when first needed).
  static Navigation pageNavigation();
  Navigation navigation() const override { return pageNavigation(); }
  void setConnection(DeskConnection* connection) override;
  void showTimesAgain() override { showContext(); }

  ApprovalsModel* model() const { return model_; }
  QTreeView* list() const { return list_; }
  QTextBrowser* detailsPane() const { return details_; }
  QPushButton* approveButton() const { return approveButton_; }
  QPushButton* rejectButton() const { return rejectButton_; }
  QString summaryText() const;
  // The waiting run selected, or null.
  const InboxEntry* selectedEntry() const;
  bool selectRun(std::int64_t runId);

 public slots:
  void refresh() override;
  // Open the confirmation for the selected run (window-modal); null when nothing is selected.
  ReviewDialog* approveSelected();
  ReviewDialog* rejectSelected();

 private:
  void showContext();
  void showSelection();
  ReviewDialog* openReview(bool approve);

  DecisionDesk& desk_;
  ApprovalsModel* model_ = nullptr;
  QTreeView* list_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* problem_ = nullptr;
  QTextBrowser* details_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QPushButton* approveButton_ = nullptr;
  QPushButton* rejectButton_ = nullptr;
};

}  // namespace releasedesk
