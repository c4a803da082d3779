// The approval inbox with the grounds of the decision beside the buttons.
#include "ui/approvals/approvals_page.h"

#include "app/adapter/qt_strings.h"
#include "ui/actions/decision_desk.h"
#include "ui/actions/grounds_html.h"
#include "ui/actions/review_dialog.h"
#include "ui/approvals/approvals_model.h"
#include "ui/time_text.h"

#include <QAction>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace releasedesk {

ApprovalsPage::ApprovalsPage(DecisionDesk& desk, QWidget* parent) : DeskPage(parent), desk_(desk) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);

  auto* top = new QHBoxLayout;
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("approvalsSummary"));
  summary_->setTextFormat(Qt::PlainText);
  summary_->setWordWrap(true);
  refreshButton_ = new QPushButton(tr("Re&fresh"), this);
  refreshButton_->setObjectName(QStringLiteral("refreshApprovals"));
  refreshButton_->setToolTip(tr("Read the waiting runs again (F5); unchanged answers cost no rate limit"));
  top->addWidget(summary_, 2);
  top->addWidget(sourceNameLabel(), 1);
  top->addWidget(refreshButton_);
  layout->addLayout(top);

  problem_ = new QLabel(this);
  problem_->setObjectName(QStringLiteral("approvalsProblem"));
  problem_->setTextFormat(Qt::PlainText);
  problem_->setWordWrap(true);
  problem_->setVisible(false);
  layout->addWidget(problem_);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setChildrenCollapsible(true);
  model_ = new ApprovalsModel(this);
  list_ = new QTreeView(splitter);
  list_->setObjectName(QStringLiteral("approvalsList"));
  list_->setAccessibleName(tr("Runs waiting for review"));
  list_->setModel(model_);
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAllColumnsShowFocus(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->header()->setStretchLastSection(false);
  list_->header()->setTextElideMode(Qt::ElideRight);
  // Every column shares the width and elides, so at 1024 px none is beyond the list's edge.
  list_->header()->setSectionResizeMode(QHeaderView::Stretch);
  list_->header()->setSectionResizeMode(ApprovalsModel::RunColumn, QHeaderView::ResizeToContents);
  list_->setTextElideMode(Qt::ElideRight);
  setFocusProxy(list_);

  auto* side = new QWidget(splitter);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  details_ = new QTextBrowser(side);
  details_->setObjectName(QStringLiteral("approvalDetails"));
  details_->setAccessibleName(tr("What the decision rests on"));
  details_->setOpenExternalLinks(false);
  sideLayout->addWidget(details_, 1);
  auto* buttons = new QHBoxLayout;
  approveButton_ = new QPushButton(tr("&Approve…"), side);
  approveButton_->setObjectName(QStringLiteral("approve"));
  approveButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  approveButton_->setToolTip(tr("Approve the selected run's pending deployment (%1)")
                                 .arg(approveButton_->shortcut().toString(QKeySequence::NativeText)));
  rejectButton_ = new QPushButton(tr("Re&ject…"), side);
  rejectButton_->setObjectName(QStringLiteral("reject"));
  rejectButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
  rejectButton_->setToolTip(tr("Reject the selected run's pending deployment (%1)")
                                .arg(rejectButton_->shortcut().toString(QKeySequence::NativeText)));
  buttons->addStretch(1);
  buttons->addWidget(rejectButton_);
  buttons->addWidget(approveButton_);
  sideLayout->addLayout(buttons);
  splitter->addWidget(list_);
  splitter->addWidget(side);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);

  connect(refreshButton_, &QPushButton::clicked, this, &ApprovalsPage::refresh);
  connect(approveButton_, &QPushButton::clicked, this, &ApprovalsPage::approveSelected);
  connect(rejectButton_, &QPushButton::clicked, this, &ApprovalsPage::rejectSelected);
  connect(list_, &QTreeView::activated, this, &ApprovalsPage::approveSelected);
  connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ApprovalsPage::showSelection);
  connect(&desk_, &DecisionDesk::contextChanged, this, &ApprovalsPage::showContext);
  connect(&desk_, &DecisionDesk::readingChanged, this, [this](bool reading) {
    refreshButton_->setEnabled(!reading && desk_.isConnected());
    if (reading)
      summary_->setText(tr("Reading the waiting runs…"));
    else
      showContext();
  });
  showContext();
}

ApprovalsPage::~ApprovalsPage() = default;

DeskPage::Navigation ApprovalsPage::pageNavigation() {
  return {QStringLiteral("Approvals"), tr("Approvals"), tr("&Approvals"),
          tr("runs wait for your review of production")};
}

void ApprovalsPage::setConnection(DeskConnection* connection) {
  // The window hands the connection to the DecisionDesk; the page shows what the desk reads.
  Q_UNUSED(connection)
  showContext();
}

void ApprovalsPage::refresh() {
  desk_.read();
}

QString ApprovalsPage::summaryText() const {
  return summary_->text();
}

const InboxEntry* ApprovalsPage::selectedEntry() const {
  const QModelIndex current = list_->currentIndex();
  return current.isValid() ? model_->entry(current.row()) : nullptr;
}

bool ApprovalsPage::selectRun(std::int64_t runId) {
  const int row = model_->rowOfRun(runId);
  if (row < 0) return false;
  list_->setCurrentIndex(model_->index(row, 0));
  return true;
}

void ApprovalsPage::showContext() {
  const std::int64_t selected = selectedEntry() ? selectedEntry()->run.id : 0;
  const DecisionContext& context = desk_.context();
  std::vector<InboxEntry> waiting;
  if (context.inbox) waiting = context.inbox->waiting;
  const int count = static_cast<int>(waiting.size());
  // The badge counts the runs waiting on you: those GitHub lets this token approve.
  const int yours = static_cast<int>(
      std::count_if(waiting.begin(), waiting.end(), [](const InboxEntry& e) { return e.canApprove(); }));
  model_->setEntries(std::move(waiting), QDateTime::currentDateTime());
  for (int column = 0; column < ApprovalsModel::ColumnCount; ++column)
    if (column != ApprovalsModel::CandidateColumn) list_->resizeColumnToContents(column);
  if (!selectRun(selected) && count > 0) list_->setCurrentIndex(model_->index(0, 0));

  QStringList problems;
  if (!context.inboxError.empty())
    problems << tr("The waiting runs could not be read: %1").arg(toQString(context.inboxError));
  if (!context.candidatesError.empty()) problems << toQString(context.candidatesError);
  if (!context.environmentError.empty())
    problems << tr("The environment could not be checked: %1").arg(toQString(context.environmentError));
  if (problems.isEmpty() || !desk_.isConnected()) {
    problem_->clear();
    problem_->setVisible(false);
  } else {
    problem_->setText(problems.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                      tr("What was read before stays on screen. Refresh (F5) to try again."));
    problem_->setVisible(true);
  }

  if (!desk_.isConnected()) {
    summary_->setText(tr("Not connected: open a project or the sandbox to see the runs waiting for review."));
  } else if (!desk_.hasContext()) {
    summary_->setText(desk_.isReading() ? tr("Reading the waiting runs…") : tr("Not read yet: Refresh (F5)."));
  } else if (context.inbox) {
    const QString runs = count == 0   ? tr("No run waits for review on %1.").arg(desk_.environment())
                         : count == 1 ? tr("1 run waits for review on %1.").arg(desk_.environment())
                                      : tr("%1 runs wait for review on %2.").arg(count).arg(desk_.environment());
    summary_->setText(tr("%1 Lock: %2. Read at %3.")
                          .arg(runs, toQString(context.inbox->lock.summary()), timetext::timeOfDay(desk_.readAt())));
  }
  refreshButton_->setEnabled(desk_.isConnected() && !desk_.isReading());
  emit attentionCountChanged(desk_.isConnected() && context.inbox ? yours : 0);
  showSelection();
}

void ApprovalsPage::showSelection() {
  const InboxEntry* entry = selectedEntry();
  approveButton_->setEnabled(entry != nullptr);
  rejectButton_->setEnabled(entry != nullptr);
  if (!entry) {
    details_->setHtml(
        QStringLiteral("<p>%1</p>").arg(tr("Select a waiting run to see what a decision rests on.").toHtmlEscaped()));
    return;
  }
  const std::string sha = entry->sha.value_or(std::string());
  QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                     .arg(tr("Run %1 · %2").arg(runName(entry->run), runClassWord(entry->runClass)).toHtmlEscaped(),
                          toQString(entry->run.displayTitle).toHtmlEscaped());
  if (!entry->canApprove())
    html += QStringLiteral("<p><b>%1</b></p>")
                .arg(tr("GitHub does not let your token approve this run: you are not among its required reviewers.")
                         .toHtmlEscaped());
  html += evidenceHtml(desk_, sha) + environmentHtml(desk_) + liveDiffHtml(desk_, sha) + lockHtml(desk_);
  details_->setHtml(html);
}

ReviewDialog* ApprovalsPage::approveSelected() {
  return openReview(true);
}

ReviewDialog* ApprovalsPage::rejectSelected() {
  return openReview(false);
}

ReviewDialog* ApprovalsPage::openReview(bool approve) {
  const InboxEntry* entry = selectedEntry();
  if (!entry) return nullptr;
  auto* dialog =
      new ReviewDialog(desk_, *entry, approve ? ReviewDialog::Kind::Approve : ReviewDialog::Kind::Reject, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  dialog->show();
  return dialog;
}

}  // namespace releasedesk
