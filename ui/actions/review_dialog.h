// The confirmation of an approval or a rejection of a waiting production run: what will happen
// (run, environment, candidate), what the desk showed (evidence, environment, diff against live),
// the override reason the gate asks for, the comment, and the exact text that goes to GitHub.
// The decision is sent once, from here, through the DecisionDesk.
#pragma once

#include "core/actions/approval_inbox.h"
#include "core/actions/decision_sender.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace releasedesk {

class DecisionDesk;

class ReviewDialog final : public QDialog {
  Q_OBJECT

 public:
  enum class Kind { Approve, Reject };

  ReviewDialog(DecisionDesk& desk, const InboxEntry& entry, Kind kind, QWidget* parent = nullptr);
  ~ReviewDialog() override;

  Kind kind() const { return kind_; }
  // The decision as it would be sent now (with blockers while the gate refuses it).
  Decision decision() const;
  // The review comment GitHub would receive now.
  QString commentPreview() const;
  // Whether Approve/Reject can be pressed: the gate allows it and nothing was sent yet.
  bool canSend() const;
  bool wasSent() const { return sent_; }
  // The outcome's sentence, once GitHub answered (empty before).
  QString outcomeText() const;

  QLineEdit* overrideEdit() const { return overrideEdit_; }
  QPlainTextEdit* commentEdit() const { return commentEdit_; }
  QPushButton* sendButton() const { return sendButton_; }

 public slots:
  // Sends the decision, the first time only; a second press or Enter sends nothing.
  void send();

 signals:
  void finishedSending(const releasedesk::DecisionOutcome& outcome);

 private:
  void updateState();
  void showOutcome(const DecisionOutcome& outcome);

  DecisionDesk& desk_;
  InboxEntry entry_;
  Kind kind_;
  DecisionGrounds grounds_;
  bool sent_ = false;
  QString outcome_;

  QLabel* gateLabel_ = nullptr;
  QLineEdit* overrideEdit_ = nullptr;
  QLabel* overrideLabel_ = nullptr;
  QPlainTextEdit* commentEdit_ = nullptr;
  QPlainTextEdit* preview_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* sendButton_ = nullptr;
};

// "#57 (id 7000123)": how the desk names a run, with its id beside the number.
QString runName(const WorkflowRun& run);

}  // namespace releasedesk
