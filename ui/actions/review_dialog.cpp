// Approve… and Reject…: the confirmation, the single send, the outcome.
#include "ui/actions/review_dialog.h"

#include "app/adapter/qt_strings.h"
#include "core/actions/decision_grounds.h"
#include "ui/actions/decision_desk.h"
#include "ui/status_icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace releasedesk {

QString runName(const WorkflowRun& run) {
  if (run.runNumber > 0) return QStringLiteral("#%1 (id %2)").arg(run.runNumber).arg(run.id);
  return QStringLiteral("id %1").arg(run.id);
}

namespace {

QLabel* wrappingLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextFormat(Qt::PlainText);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

ReviewDialog::ReviewDialog(DecisionDesk& desk, const InboxEntry& entry, Kind kind, QWidget* parent)
    : QDialog(parent), desk_(desk), entry_(entry), kind_(kind) {
  setObjectName(kind == Kind::Approve ? QStringLiteral("approveDialog") : QStringLiteral("rejectDialog"));
  const QString run = runName(entry.run);
  const QString sha = toQString(entry.sha.value_or(std::string()));
  const QString shortSha = sha.left(7);
  setWindowTitle(kind == Kind::Approve ? tr("Approve Run %1").arg(run) : tr("Reject Run %1").arg(run));
  grounds_ = desk_.groundsFor(toStdString(sha));

  auto* layout = new QVBoxLayout(this);
  auto* what = wrappingLabel(this);
  what->setObjectName(QStringLiteral("whatHappens"));
  const QString environment = desk_.environment();
  const QString candidate =
      sha.isEmpty() ? tr("an unknown candidate (the run's title names no commit)") : tr("candidate %1").arg(shortSha);
  what->setText(
      kind == Kind::Approve
          ? tr("This approves the pending deployment of run %1 to the environment %2 of %3. The run then goes on "
               "and deploys %4 (%5).")
                .arg(run, environment, desk_.repository(), candidate, toQString(entry.run.displayTitle))
          : tr("This rejects the pending deployment of run %1 to the environment %2 of %3. The run then fails "
               "without deploying %4 (%5).")
                .arg(run, environment, desk_.repository(), candidate, toQString(entry.run.displayTitle)));
  layout->addWidget(what);

  auto* grounds = wrappingLabel(this);
  grounds->setObjectName(QStringLiteral("grounds"));
  grounds->setText(tr("What the desk shows: %1").arg(toQString(grounds_.summaryLine())));
  layout->addWidget(grounds);

  gateLabel_ = wrappingLabel(this);
  gateLabel_->setObjectName(QStringLiteral("gate"));
  layout->addWidget(gateLabel_);

  auto* form = new QFormLayout;
  overrideEdit_ = new QLineEdit(this);
  overrideEdit_->setObjectName(QStringLiteral("overrideReason"));
  overrideEdit_->setPlaceholderText(tr("Why approve anyway? Sent to GitHub and kept in the journal."));
  overrideEdit_->setAccessibleName(tr("Override reason"));
  overrideLabel_ = new QLabel(tr("&Override reason:"), this);
  overrideLabel_->setBuddy(overrideEdit_);
  form->addRow(overrideLabel_, overrideEdit_);
  commentEdit_ = new QPlainTextEdit(this);
  commentEdit_->setObjectName(QStringLiteral("comment"));
  commentEdit_->setTabChangesFocus(true);
  commentEdit_->setAccessibleName(tr("Comment"));
  commentEdit_->setPlaceholderText(kind == Kind::Reject ? tr("Why is this run rejected? (required)")
                                                        : tr("Optional: anything the team should know."));
  commentEdit_->setFixedHeight(commentEdit_->fontMetrics().lineSpacing() * 4 + 12);
  auto* commentLabel = new QLabel(kind == Kind::Reject ? tr("&Comment (required):") : tr("&Comment:"), this);
  commentLabel->setBuddy(commentEdit_);
  form->addRow(commentLabel, commentEdit_);
  preview_ = new QPlainTextEdit(this);
  preview_->setObjectName(QStringLiteral("commentPreview"));
  preview_->setReadOnly(true);
  preview_->setAccessibleName(tr("Review comment sent to GitHub"));
  preview_->setFixedHeight(preview_->fontMetrics().lineSpacing() * 4 + 12);
  form->addRow(tr("Sent to GitHub:"), preview_);
  layout->addLayout(form);

  statusLabel_ = wrappingLabel(this);
  statusLabel_->setObjectName(QStringLiteral("status"));
  layout->addWidget(statusLabel_);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  sendButton_ =
      buttons_->addButton(kind == Kind::Approve ? tr("&Approve Run %1").arg(run) : tr("&Reject Run %1").arg(run),
                          QDialogButtonBox::AcceptRole);
  sendButton_->setObjectName(QStringLiteral("send"));
  sendButton_->setDefault(kind == Kind::Approve);
  connect(buttons_, &QDialogButtonBox::accepted, this, &ReviewDialog::send);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons_);

  connect(overrideEdit_, &QLineEdit::textChanged, this, &ReviewDialog::updateState);
  connect(commentEdit_, &QPlainTextEdit::textChanged, this, &ReviewDialog::updateState);
  // Fresher grounds (the environment checked again, live moved) update the gate before sending.
  connect(&desk_, &DecisionDesk::contextChanged, this, [this, grounds, sha] {
    if (sent_) return;
    grounds_ = desk_.groundsFor(toStdString(sha));
    grounds->setText(tr("What the desk shows: %1").arg(toQString(grounds_.summaryLine())));
    updateState();
  });
  connect(&desk_, &DecisionDesk::decisionFinished, this,
          [this](const Decision& decision, const DecisionOutcome& outcome) {
            if (!sent_ || !outcome_.isEmpty() || decision.runId != entry_.run.id) return;
            showOutcome(outcome);
          });
  updateState();
  setMinimumWidth(560);
  (kind == Kind::Reject ? static_cast<QWidget*>(commentEdit_) : sendButton_)->setFocus();
}

ReviewDialog::~ReviewDialog() = default;

Decision ReviewDialog::decision() const {
  const std::string comment = toStdString(commentEdit_->toPlainText());
  const std::string login = toStdString(desk_.login());
  if (kind_ == Kind::Approve)
    return approveDecision(entry_, grounds_, comment, toStdString(overrideEdit_->text()), login);
  return rejectDecision(entry_, grounds_, comment, login);
}

QString ReviewDialog::commentPreview() const {
  const std::string overrideReason = kind_ == Kind::Approve ? toStdString(overrideEdit_->text()) : std::string();
  return toQString(reviewComment(grounds_, toStdString(commentEdit_->toPlainText()), overrideReason));
}

bool ReviewDialog::canSend() const {
  return !sent_ && decision().blockers.empty();
}

QString ReviewDialog::outcomeText() const {
  return outcome_;
}

void ReviewDialog::updateState() {
  if (kind_ == Kind::Approve) {
    const GateResult gate = approveGate(grounds_, toStdString(overrideEdit_->text()));
    const GateResult bare = approveGate(grounds_, {});
    QStringList reasons;
    for (const std::string& blocker : bare.blockers) reasons << toQString(blocker);
    // The override field is there only when the gate refuses without it.
    overrideEdit_->setVisible(!bare.allowed);
    overrideLabel_->setVisible(!bare.allowed);
    if (bare.allowed) {
      gateLabel_->setText(
          tr("✓ Ready to approve: the evidence is accepted and %1 is complete.").arg(desk_.environment()));
    } else if (gate.allowed) {
      gateLabel_->setText(tr("⚠ Approving against the desk's advice: %1. Your reason goes with the review.")
                              .arg(reasons.join(QStringLiteral("; "))));
    } else {
      gateLabel_->setText(tr("✗ The desk refuses to approve: %1. Type an override reason to approve anyway.")
                              .arg(reasons.join(QStringLiteral("; "))));
    }
  } else {
    const GateResult gate = rejectGate(toStdString(commentEdit_->toPlainText()));
    gateLabel_->setText(gate.allowed ? tr("The run will fail; your comment goes with the review.")
                                     : tr("✗ A rejection needs a comment: say why, for the team and the record."));
  }
  preview_->setPlainText(commentPreview());
  sendButton_->setEnabled(canSend());
}

void ReviewDialog::send() {
  if (sent_ || !canSend()) return;  // one decision per confirmation: a second press sends nothing
  sent_ = true;
  sendButton_->setEnabled(false);
  overrideEdit_->setReadOnly(true);
  commentEdit_->setReadOnly(true);
  statusLabel_->setText(tr("Sending… (the decision is in the journal before it leaves)"));
  if (!desk_.send(decision())) {
    DecisionOutcome refused;
    refused.message = tr("Not sent: the desk is not connected.").toStdString();
    showOutcome(refused);
  }
}

void ReviewDialog::showOutcome(const DecisionOutcome& outcome) {
  outcome_ = toQString(outcome.message);
  QString text = outcome.took() ? tr("✓ %1").arg(outcome_) : tr("✗ %1").arg(outcome_);
  if (!outcome.journalProblem.empty()) text += QLatin1Char('\n') + toQString(outcome.journalProblem);
  statusLabel_->setText(text);
  buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
  buttons_->button(QDialogButtonBox::Cancel)->setFocus();
  emit finishedSending(outcome);
}

}  // namespace releasedesk
