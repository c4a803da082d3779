// Replay… and Roll back…: preflight, typed confirmation, one dispatch, the outcome.
#include "ui/actions/replay_dialog.h"

#include "app/adapter/qt_strings.h"
#include "core/actions/decision_grounds.h"
#include "ui/actions/decision_desk.h"
#include "ui/status_icons.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

CheckStatus checkStatusOf(PreflightStatus status) {
  switch (status) {
    case PreflightStatus::Pass: return CheckStatus::Ok;
    case PreflightStatus::Warn: return CheckStatus::Warning;
    case PreflightStatus::Fail: return CheckStatus::Failed;
  }
  return CheckStatus::Failed;
}

QString classWord(ReplayClass replayClass) {
  switch (replayClass) {
    case ReplayClass::Replay: return ReplayDialog::tr("Replay");
    case ReplayClass::Rollback: return ReplayDialog::tr("Rollback");
    case ReplayClass::Redeploy: return ReplayDialog::tr("Re-deploy");
  }
  return {};
}

}  // namespace

ReplayDialog::ReplayDialog(DecisionDesk& desk, const QString& sha, QWidget* parent)
    : ReplayDialog(desk, sha, false, parent) {}

ReplayDialog* ReplayDialog::rollback(DecisionDesk& desk, QWidget* parent) {
  const ActionCandidate* proposal = desk.proposedRollback();
  return new ReplayDialog(desk, proposal ? toQString(proposal->sha) : QString(), true, parent);
}

ReplayDialog::ReplayDialog(DecisionDesk& desk, const QString& sha, bool rollback, QWidget* parent)
    : QDialog(parent), desk_(desk), rollback_(rollback) {
  setObjectName(rollback ? QStringLiteral("rollbackDialog") : QStringLiteral("replayDialog"));
  auto* layout = new QVBoxLayout(this);

  headline_ = new QLabel(this);
  headline_->setObjectName(QStringLiteral("headline"));
  headline_->setWordWrap(true);
  headline_->setTextFormat(Qt::PlainText);
  layout->addWidget(headline_);

  if (rollback_) {
    auto* form = new QFormLayout;
    targetBox_ = new QComboBox(this);
    targetBox_->setObjectName(QStringLiteral("rollbackTarget"));
    targetBox_->setAccessibleName(tr("Roll back to"));
    fillTargets(sha);
    auto* label = new QLabel(tr("Roll back &to:"), this);
    label->setBuddy(targetBox_);
    form->addRow(label, targetBox_);
    layout->addLayout(form);
    connect(targetBox_, &QComboBox::currentIndexChanged, this,
            [this] { choose(targetBox_->currentData().toString()); });
  }

  checks_ = new QStandardItemModel(0, 3, this);
  checks_->setHorizontalHeaderLabels({tr("Check"), tr("Status"), tr("What it means")});
  checklist_ = new QTreeView(this);
  checklist_->setObjectName(QStringLiteral("preflight"));
  checklist_->setAccessibleName(tr("Preflight checks"));
  checklist_->setModel(checks_);
  checklist_->setRootIsDecorated(false);
  checklist_->setSelectionMode(QAbstractItemView::NoSelection);
  checklist_->setWordWrap(true);
  checklist_->header()->setStretchLastSection(true);
  layout->addWidget(checklist_, 1);

  auto* form = new QFormLayout;
  overrideEdit_ = new QLineEdit(this);
  overrideEdit_->setObjectName(QStringLiteral("overrideReason"));
  overrideEdit_->setAccessibleName(tr("Override reason"));
  overrideEdit_->setPlaceholderText(tr("Why dispatch although the environment is not complete? Journaled."));
  overrideLabel_ = new QLabel(tr("&Override reason:"), this);
  overrideLabel_->setBuddy(overrideEdit_);
  form->addRow(overrideLabel_, overrideEdit_);
  confirmEdit_ = new QLineEdit(this);
  confirmEdit_->setObjectName(QStringLiteral("confirmSha"));
  confirmEdit_->setAccessibleName(tr("Type the short SHA to confirm"));
  confirmLabel_ = new QLabel(this);
  confirmLabel_->setBuddy(confirmEdit_);
  form->addRow(confirmLabel_, confirmEdit_);
  layout->addLayout(form);

  statusLabel_ = new QLabel(this);
  statusLabel_->setObjectName(QStringLiteral("status"));
  statusLabel_->setWordWrap(true);
  statusLabel_->setTextFormat(Qt::PlainText);
  statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(statusLabel_);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  sendButton_ = buttons_->addButton(tr("&Dispatch"), QDialogButtonBox::AcceptRole);
  sendButton_->setObjectName(QStringLiteral("send"));
  sendButton_->setDefault(true);
  tryAgainButton_ = buttons_->addButton(tr("Try &Again"), QDialogButtonBox::ActionRole);
  tryAgainButton_->setObjectName(QStringLiteral("tryAgain"));
  tryAgainButton_->setVisible(false);
  connect(buttons_, &QDialogButtonBox::accepted, this, &ReplayDialog::send);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(tryAgainButton_, &QPushButton::clicked, this, &ReplayDialog::tryAgain);
  layout->addWidget(buttons_);

  connect(overrideEdit_, &QLineEdit::textChanged, this, &ReplayDialog::replan);
  connect(confirmEdit_, &QLineEdit::textChanged, this, &ReplayDialog::replan);
  connect(&desk_, &DecisionDesk::readingChanged, this, [this] {
    if (!wasSent()) replan();
  });
  // Fresh grounds (environment, lock, live) re-plan the dialog before anything is sent.
  connect(&desk_, &DecisionDesk::contextChanged, this, [this] {
    if (wasSent()) return;
    if (targetBox_) fillTargets(sha_);
    replan();
  });
  connect(&desk_, &DecisionDesk::decisionFinished, this,
          [this](const Decision& decision, const DecisionOutcome& outcome) {
            if (!sending_ || toQString(decision.sha) != sha_) return;
            showOutcome(outcome);
          });

  resize(720, 460);
  choose(sha);
  confirmEdit_->setFocus();
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::fillTargets(const QString& keep) {
  const QSignalBlocker quiet(targetBox_);
  targetBox_->clear();
  const ActionCandidate* proposal = desk_.proposedRollback();
  for (const ActionCandidate* choice : desk_.rollbackChoices()) {
    const QString choiceSha = toQString(choice->sha);
    QString text = choiceSha.left(7) + QStringLiteral(" · ") + toQString(choice->manifest.kind);
    if (choice == proposal) text += tr(" · live before the current one (proposed)");
    targetBox_->addItem(text, choiceSha);
  }
  const int index = targetBox_->findData(keep);
  if (index >= 0) {
    targetBox_->setCurrentIndex(index);
  } else if (targetBox_->count() > 0 && keep.isEmpty()) {
    targetBox_->setCurrentIndex(0);
    sha_ = targetBox_->currentData().toString();
  }
}

void ReplayDialog::choose(const QString& sha) {
  if (wasSent()) return;
  sha_ = sha;
  confirmEdit_->clear();
  replan();
}

bool ReplayDialog::canSend() const {
  // Not while the grounds are being read again: the dispatch goes out on the checks on screen.
  return !sha_.isEmpty() && !wasSent() && !desk_.isReading() && plan_.ready() &&
         confirmEdit_->text().trimmed() == sha_.left(7);
}

QString ReplayDialog::statusText() const {
  return statusLabel_->text();
}

void ReplayDialog::replan() {
  if (wasSent()) return;
  if (sha_.isEmpty()) {
    plan_ = {};
    setWindowTitle(rollback_ ? tr("Roll Back") : tr("Replay"));
    headline_->setText(desk_.isReading() ? tr("Reading the candidates and what is live…")
                       : rollback_       ? tr("There is no accepted candidate that was live before to roll back to.")
                                         : tr("No candidate is selected."));
    checks_->removeRows(0, checks_->rowCount());
    confirmLabel_->setText(tr("&Confirm:"));
    confirmEdit_->setEnabled(false);
    overrideEdit_->setVisible(false);
    overrideLabel_->setVisible(false);
    sendButton_->setEnabled(false);
    return;
  }
  plan_ = desk_.planReplay(toStdString(sha_), overrideEdit_->text());
  const QString shortSha = sha_.left(7);
  const QString word = classWord(plan_.replayClass);
  setWindowTitle(tr("%1 of %2").arg(word, shortSha));
  QString what;
  switch (plan_.replayClass) {
    case ReplayClass::Rollback:
      what =
          tr("Rollback: dispatches production-stage.yml with candidate_sha %1, older than what is live. The "
             "production stage deploys its accepted digests again.");
      break;
    case ReplayClass::Redeploy:
      what = tr("Re-deploy: dispatches production-stage.yml with candidate_sha %1, the candidate live now.");
      break;
    case ReplayClass::Replay:
      what = tr("Replay: dispatches production-stage.yml with candidate_sha %1 on the default branch.");
      break;
  }
  what = what.arg(sha_);
  if (rollback_ && plan_.replayClass == ReplayClass::Replay) {
    // Live is itself a rollback: going back to what was live before it moves production forward.
    what += QLatin1Char(' ') + tr("%1 was live before the current candidate, which is older: live is itself a "
                                  "rollback, so going back to %1 is a replay.")
                                   .arg(shortSha);
  }
  headline_->setText(what + QLatin1Char(' ') +
                     tr("What the desk shows: %1").arg(toQString(plan_.grounds.summaryLine())));
  checks_->removeRows(0, checks_->rowCount());
  bool environmentFails = false;
  for (const PreflightCheck& check : plan_.checks) {
    auto* name = new QStandardItem(toQString(check.check));
    auto* status = new QStandardItem(checkStatusIcon(checkStatusOf(check.status)), toQString(toString(check.status)));
    auto* message = new QStandardItem(toQString(check.message));
    message->setToolTip(toQString(check.message));
    for (QStandardItem* item : {name, status, message}) item->setEditable(false);
    checks_->appendRow({name, status, message});
    if (check.check == "environment" && check.status != PreflightStatus::Pass) environmentFails = true;
  }
  checklist_->resizeColumnToContents(0);
  checklist_->resizeColumnToContents(1);
  // The override field is offered only where the environment is what stands in the way.
  const bool showOverride = environmentFails || !overrideEdit_->text().isEmpty();
  overrideEdit_->setVisible(showOverride);
  overrideLabel_->setVisible(showOverride);
  confirmLabel_->setText(tr("Type %1 to &confirm:").arg(shortSha));
  confirmEdit_->setPlaceholderText(shortSha);
  confirmEdit_->setEnabled(true);
  sendButton_->setText(plan_.replayClass == ReplayClass::Rollback   ? tr("&Roll Back to %1").arg(shortSha)
                       : plan_.replayClass == ReplayClass::Redeploy ? tr("&Re-deploy %1").arg(shortSha)
                                                                    : tr("&Replay %1").arg(shortSha));
  if (desk_.isReading()) {
    statusLabel_->setText(tr("Reading the environment, the lock and what is live… the checks update when it arrives."));
  } else if (!plan_.ready()) {
    QStringList blockers;
    for (const std::string& blocker : plan_.blockers()) blockers << toQString(blocker);
    statusLabel_->setText(tr("✗ Cannot dispatch: %1").arg(blockers.join(QStringLiteral("; "))));
  } else if (plan_.queuedBehindRunId) {
    statusLabel_->setText(tr("The new run will queue behind run %1, which holds the production-mutation lock.")
                              .arg(*plan_.queuedBehindRunId));
  } else {
    statusLabel_->clear();
  }
  sendButton_->setEnabled(canSend());
}

void ReplayDialog::send() {
  if (!canSend()) return;  // one dispatch per confirmation: a second press or Enter sends nothing
  sending_ = true;
  sendButton_->setEnabled(false);
  confirmEdit_->setReadOnly(true);
  overrideEdit_->setReadOnly(true);
  if (targetBox_) targetBox_->setEnabled(false);
  statusLabel_->setText(tr("Dispatching… (the decision is in the journal before it leaves)"));
  if (!desk_.send(replayDecision(plan_, {}, toStdString(desk_.login())))) {
    DecisionOutcome refused;
    refused.message = tr("Not sent: the desk is not connected.").toStdString();
    showOutcome(refused);
  }
}

void ReplayDialog::showOutcome(const DecisionOutcome& outcome) {
  sending_ = false;
  outcome_ = outcome;
  QString text = toQString(outcome.message);
  if (outcome.took()) {
    text = tr("✓ %1 It appears in the Timeline and is followed until it ends.").arg(text);
  } else {
    text = tr("✗ %1").arg(text);
  }
  if (!outcome.journalProblem.empty()) text += QLatin1Char('\n') + toQString(outcome.journalProblem);
  statusLabel_->setText(text);
  // Trying again is offered only once GitHub was looked at and shows nothing was started.
  tryAgainButton_->setVisible(outcome.status == DecisionStatus::Unconfirmed);
  buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
  emit finishedSending(outcome);
}

void ReplayDialog::tryAgain() {
  if (!outcome_ || outcome_->status != DecisionStatus::Unconfirmed) return;
  outcome_.reset();
  tryAgainButton_->setVisible(false);
  confirmEdit_->setReadOnly(false);
  overrideEdit_->setReadOnly(false);
  if (targetBox_) targetBox_->setEnabled(true);
  buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  // A new decision: confirmed again by typing the SHA.
  confirmEdit_->clear();
  replan();
  confirmEdit_->setFocus();
}

}  // namespace releasedesk
