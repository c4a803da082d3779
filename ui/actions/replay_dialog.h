// Replay… and Roll back…: the preflight checklist of a workflow_dispatch replay of an accepted
// candidate (a rollback is a replay of an older one), the override reason an incomplete
// environment asks for, and a confirmation by typing the short SHA. The dispatch is sent once;
// after a lost answer the dialog says what a look at GitHub found before it offers to try again.
#pragma once

#include "core/actions/decision_sender.h"
#include "core/actions/replay_plan.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace releasedesk {

class DecisionDesk;

class ReplayDialog final : public QDialog {
  Q_OBJECT

 public:
  // A replay of `sha` (its class, replay, rollback or re-deploy, follows from the plan).
  ReplayDialog(DecisionDesk& desk, const QString& sha, QWidget* parent = nullptr);
  // A rollback: proposes the candidate live before the current one; the user may pick another
  // older accepted candidate.
  static ReplayDialog* rollback(DecisionDesk& desk, QWidget* parent = nullptr);
  ~ReplayDialog() override;

  QString sha() const { return sha_; }
  const ReplayPlan& plan() const { return plan_; }
  bool canSend() const;
  bool wasSent() const { return sending_ || outcome_.has_value(); }
  const std::optional<DecisionOutcome>& outcome() const { return outcome_; }
  QString statusText() const;

  QComboBox* targetBox() const { return targetBox_; }
  QTreeView* checklist() const { return checklist_; }
  QLineEdit* overrideEdit() const { return overrideEdit_; }
  QLineEdit* confirmEdit() const { return confirmEdit_; }
  QPushButton* sendButton() const { return sendButton_; }
  QPushButton* tryAgainButton() const { return tryAgainButton_; }

 public slots:
  // Dispatches once per confirmation; a second press or Enter sends nothing.
  void send();
  // After "no run found: nothing was started": a new decision, confirmed again.
  void tryAgain();

 signals:
  void finishedSending(const releasedesk::DecisionOutcome& outcome);

 private:
  ReplayDialog(DecisionDesk& desk, const QString& sha, bool rollback, QWidget* parent);
  void choose(const QString& sha);
  // Rollback: the older accepted candidates, proposal first; keeps `keep` selected when listed.
  void fillTargets(const QString& keep);
  void replan();
  void showOutcome(const DecisionOutcome& outcome);

  DecisionDesk& desk_;
  QString sha_;
  bool rollback_ = false;
  ReplayPlan plan_;
  bool sending_ = false;
  std::optional<DecisionOutcome> outcome_;

  QLabel* headline_ = nullptr;
  QComboBox* targetBox_ = nullptr;
  QStandardItemModel* checks_ = nullptr;
  QTreeView* checklist_ = nullptr;
  QLabel* overrideLabel_ = nullptr;
  QLineEdit* overrideEdit_ = nullptr;
  QLabel* confirmLabel_ = nullptr;
  QLineEdit* confirmEdit_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* sendButton_ = nullptr;
  QPushButton* tryAgainButton_ = nullptr;
};

}  // namespace releasedesk
