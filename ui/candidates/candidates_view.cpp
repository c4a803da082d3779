// The Candidates view.
#include "ui/candidates/candidates_view.h"
#include "ui/display_text.h"

#include "app/adapter/qt_strings.h"
#include "ui/actions/decision_desk.h"
#include "ui/actions/grounds_html.h"
#include "ui/candidates/candidate_detail_pane.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/scope_chips_delegate.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimeZone>
#include <QTreeView>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

// When each candidate was accepted: its acceptance run's time on GitHub, its manifest's time on
// disk; the built-in sample has none.
QHash<QString, QDateTime> acceptanceDates(const CandidateCatalog& catalog, const CandidateSource& source) {
  QHash<QString, QDateTime> dates;
  for (const WorkflowRun& run : catalog.acceptanceRuns) {
    const OptionalTime at = run.updatedAt ? run.updatedAt : run.createdAt;
    const QString sha = toQString(run.headSha);
    // Runs are listed newest first: the first run of a sha is its latest acceptance.
    if (at && !dates.contains(sha))
      dates.insert(
          sha, QDateTime::fromSecsSinceEpoch(static_cast<qint64>(at->time_since_epoch().count()), QTimeZone::utc()));
  }
  if (source.isFolder()) {
    const QDir root(toQString(catalog.root));
    for (const CandidateEntry& entry : catalog.candidates) {
      const QFileInfo file(root.filePath(toQString(entry.path)));
      if (file.exists()) dates.insert(toQString(entry.sha), file.lastModified());
    }
  }
  return dates;
}

}  // namespace

CandidatesView::CandidatesView(QWidget* parent) : DeskPage(parent) {
  model_ = new CandidateListModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(CandidateListModel::SortRole);
  // One role carries SHA, kind, scope, verdict and image refs, so one box filters them all.
  proxy_->setFilterRole(CandidateListModel::SearchTextRole);
  proxy_->setFilterKeyColumn(CandidateListModel::ShaColumn);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("candidatesSplitter"));
  splitter->setChildrenCollapsible(false);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(splitter);

  auto* left = new QWidget(splitter);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(8, 8, 4, 6);
  leftLayout->setSpacing(6);

  filterEdit_ = new QLineEdit(left);
  filterEdit_->setObjectName(QStringLiteral("candidateFilter"));
  filterEdit_->setPlaceholderText(tr("Filter by SHA, kind, scope, verdict or image (Ctrl+F)"));
  filterEdit_->setAccessibleName(tr("Filter candidates"));
  filterEdit_->installEventFilter(this);
  leftLayout->addWidget(sourceNameLabel());
  leftLayout->addWidget(filterEdit_);

  list_ = new QTreeView(left);
  list_->setObjectName(QStringLiteral("candidateList"));
  list_->setAccessibleName(tr("Candidates, newest first"));
  list_->setModel(proxy_);
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAlternatingRowColors(true);
  list_->setAllColumnsShowFocus(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->setSortingEnabled(true);
  // Newest first: the candidate a release manager is asked about is the latest one.
  list_->sortByColumn(CandidateListModel::DateColumn, Qt::DescendingOrder);
  list_->setItemDelegateForColumn(CandidateListModel::ScopeColumn,
                                  new ScopeChipsDelegate(CandidateListModel::ScopeFlagsRole, list_));
  QHeaderView* header = list_->header();
  header->setStretchLastSection(false);
  header->setTextElideMode(Qt::ElideRight);
  header->setSectionResizeMode(CandidateListModel::ShaColumn, QHeaderView::ResizeToContents);
  // The short columns fit their contents; the others share what is left and elide, so the list
  // never runs beyond its edge in a narrow window.
  header->setSectionResizeMode(CandidateListModel::KindColumn, QHeaderView::Stretch);
  header->setSectionResizeMode(CandidateListModel::ScopeColumn, QHeaderView::Stretch);
  header->setSectionResizeMode(CandidateListModel::VerdictColumn, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(CandidateListModel::LiveColumn, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(CandidateListModel::DateColumn, QHeaderView::Stretch);
  list_->setTextElideMode(Qt::ElideRight);
  leftLayout->addWidget(list_, 1);

  auto* copySha = new QAction(tr("&Copy Head SHA"), list_);
  copySha->setObjectName(QStringLiteral("copyHeadSha"));
  copySha->setShortcut(QKeySequence::Copy);
  copySha->setShortcutContext(Qt::WidgetShortcut);
  connect(copySha, &QAction::triggered, this, [this] {
    if (const QString sha = selectedSha(); !sha.isEmpty()) QGuiApplication::clipboard()->setText(sha);
  });
  list_->addAction(copySha);
  list_->setContextMenuPolicy(Qt::ActionsContextMenu);

  auto* footer = new QHBoxLayout;
  summaryLabel_ = new QLabel(left);
  summaryLabel_->setObjectName(QStringLiteral("candidateSummary"));
  summaryLabel_->setForegroundRole(QPalette::PlaceholderText);
  skippedLabel_ = new QLabel(left);
  skippedLabel_->setObjectName(QStringLiteral("skippedEntries"));
  skippedLabel_->setTextFormat(Qt::RichText);
  skippedLabel_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  skippedLabel_->hide();
  connect(skippedLabel_, &QLabel::linkActivated, this, &CandidatesView::showSkippedDetails);
  footer->addWidget(summaryLabel_, 1);
  footer->addWidget(skippedLabel_);
  leftLayout->addLayout(footer);

  // Acting on a candidate: a replay of an accepted one, or a rollback to the one live before.
  auto* actions = new QHBoxLayout;
  replayButton_ = new QPushButton(tr("Re&play…"), left);
  replayButton_->setObjectName(QStringLiteral("replayCandidate"));
  replayButton_->setToolTip(tr("Dispatch production-stage.yml for the selected accepted candidate (Ctrl+R)"));
  rollbackButton_ = new QPushButton(tr("Roll &Back…"), left);
  rollbackButton_->setObjectName(QStringLiteral("rollback"));
  rollbackButton_->setToolTip(tr("Replay the candidate that was live before the current one (Ctrl+Shift+R)"));
  actions->addStretch(1);
  actions->addWidget(rollbackButton_);
  actions->addWidget(replayButton_);
  leftLayout->addLayout(actions);
  connect(replayButton_, &QPushButton::clicked, this, [this] {
    if (!selectedSha().isEmpty()) emit replayRequested(selectedSha());
  });
  connect(rollbackButton_, &QPushButton::clicked, this, &CandidatesView::rollbackRequested);

  detailPane_ = new CandidateDetailPane(splitter);
  detailPane_->setObjectName(QStringLiteral("candidateDetails"));

  splitter->addWidget(left);
  splitter->addWidget(detailPane_);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  // Room for a full sha256 digest beside the list at the default window size.
  splitter->setSizes({440, 660});

  setFocusProxy(list_);
  connect(filterEdit_, &QLineEdit::textChanged, this, &CandidatesView::applyFilter);
  // While a new list is taken in, its selection is shown once, at the end (setCatalog).
  connect(list_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    if (!takingCatalog_) showSelection();
  });
  connect(proxy_, &QAbstractItemModel::rowsInserted, this, &CandidatesView::updateSummary);
  connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &CandidatesView::updateSummary);
  connect(proxy_, &QAbstractItemModel::modelReset, this, &CandidatesView::updateSummary);
  updateSummary();
}

void CandidatesView::showTimesAgain() {
  emit model_->headerDataChanged(Qt::Horizontal, CandidateListModel::DateColumn, CandidateListModel::DateColumn);
  if (model_->rowCount() > 0)
    emit model_->dataChanged(model_->index(0, CandidateListModel::DateColumn),
                             model_->index(model_->rowCount() - 1, CandidateListModel::DateColumn));
  showSelection();
}

DeskPage::Navigation CandidatesView::navigation() const {
  return {QStringLiteral("Candidates"), tr("Candidates"), tr("&Candidates"),
          tr("candidates need attention (rejected or invalid)")};
}

void CandidatesView::setCandidates(const CandidateCatalog& catalog, const CandidateSource& source) {
  setCatalog(catalog, source);
}

void CandidatesView::setCatalog(const CandidateCatalog& catalog, const CandidateSource& source) {
  const QString previous = source == source_ ? selectedSha() : QString();
  source_ = source;
  skipped_ = catalog.skipped;
  {
    // The selection moves as the rows are replaced and one is chosen again: its details are
    // built once, below, not at every move.
    const QScopedValueRollback taking(takingCatalog_, true);
    model_->setCandidates(catalog.candidates, acceptanceDates(catalog, source));
    if (previous.isEmpty() || !selectCandidate(previous)) {
      list_->selectionModel()->clearSelection();
      selectFirstIfNone();
    }
  }

  if (skipped_.empty()) {
    skippedLabel_->hide();
    skippedLabel_->clear();
    skippedLabel_->setToolTip({});
  } else {
    const auto count = static_cast<int>(skipped_.size());
    const QString text = count == 1 ? tr("1 entry skipped") : tr("%1 entries skipped").arg(count);
    skippedLabel_->setText(QStringLiteral("<a href=\"#skipped\">%1</a>").arg(text));
    skippedLabel_->setToolTip(skippedDetails());
    skippedLabel_->show();
  }

  showSelection();
  showLive();
  updateSummary();
  emit attentionCountChanged(model_->attentionCount());
}

bool CandidatesView::selectCandidate(const QString& shaOrPrefix) {
  const int row = model_->rowOf(shaOrPrefix);
  if (row < 0) return false;
  QModelIndex index = proxy_->mapFromSource(model_->index(row, CandidateListModel::ShaColumn));
  if (!index.isValid()) {
    filterEdit_->clear();
    index = proxy_->mapFromSource(model_->index(row, CandidateListModel::ShaColumn));
  }
  list_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  list_->scrollTo(index);
  return true;
}

QString CandidatesView::selectedSha() const {
  const QModelIndexList rows = list_->selectionModel()->selectedRows(CandidateListModel::ShaColumn);
  return rows.isEmpty() ? QString() : rows.first().data(CandidateListModel::ShaRole).toString();
}

QString CandidatesView::skippedText() const {
  return skippedLabel_->isHidden() ? QString() : skippedLabel_->text();
}

QString CandidatesView::skippedDetails() const {
  QStringList lines;
  for (const SkippedEntry& entry : skipped_) {
    lines << QStringLiteral("%1: %2").arg(displayText(entry.path), displayText(entry.reason));
  }
  return lines.join(QLatin1Char('\n'));
}

void CandidatesView::addFilterClearButton() {
  filterEdit_->setClearButtonEnabled(true);
}

void CandidatesView::focusFilter() {
  filterEdit_->setFocus(Qt::ShortcutFocusReason);
  filterEdit_->selectAll();
}

bool CandidatesView::eventFilter(QObject* watched, QEvent* event) {
  // From the filter box, Down or Enter moves into the list and Escape clears the filter.
  if (watched == filterEdit_ && event->type() == QEvent::KeyPress) {
    const auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
      case Qt::Key_Down:
      case Qt::Key_Return:
      case Qt::Key_Enter:
        selectFirstIfNone();
        list_->setFocus(Qt::ShortcutFocusReason);
        return true;
      case Qt::Key_Escape:
        if (!filterEdit_->text().isEmpty()) {
          filterEdit_->clear();
          return true;
        }
        break;
      default: break;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void CandidatesView::applyFilter(const QString& text) {
  proxy_->setFilterFixedString(text.trimmed());
  selectFirstIfNone();
  updateSummary();
}

void CandidatesView::selectFirstIfNone() {
  if (list_->selectionModel()->hasSelection() || proxy_->rowCount() == 0) return;
  list_->selectionModel()->setCurrentIndex(proxy_->index(0, CandidateListModel::ShaColumn),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void CandidatesView::showSelection() {
  const QModelIndexList rows = list_->selectionModel()->selectedRows(CandidateListModel::ShaColumn);
  const CandidateEntry* entry = rows.isEmpty() ? nullptr : model_->candidate(proxy_->mapToSource(rows.first()).row());
  if (entry == nullptr) {
    detailPane_->clear();
    emit selectedCandidateChanged({});
    return;
  }
  detailPane_->showCandidate(*entry, evidenceFolder(source_, *entry), source_.isGitHub());
  showLiveOfSelection();
  emit selectedCandidateChanged(toQString(entry->sha));
}

void CandidatesView::setDecisionDesk(DecisionDesk* desk) {
  if (desk_) disconnect(desk_, nullptr, this, nullptr);
  desk_ = desk;
  if (desk_) connect(desk_, &DecisionDesk::contextChanged, this, &CandidatesView::showLive);
  showLive();
}

namespace {

// A candidate of a local tree as the decisions see it: no acceptance run, the tree's verdict.
ActionCandidate localCandidate(const CandidateEntry& entry) {
  ActionCandidate candidate;
  candidate.sha = entry.sha;
  candidate.verdict = entry.report.verdict;
  candidate.manifest = entry.report.manifest;
  return candidate;
}

}  // namespace

void CandidatesView::showLive() {
  const bool connected = desk_ && desk_->isConnected();
  const DecisionContext* context = connected ? &desk_->context() : nullptr;
  QHash<QString, QString> relations;
  if (context && context->candidates && source_.isGitHub()) {
    for (const CandidateRelation& row : context->candidates->relations.rows)
      relations.insert(toQString(row.sha), toQString(toString(row.relation)));
  } else if (context && context->candidates && source_.isFolder()) {
    // A local tree against what is live in the connected project's production.
    std::vector<ActionCandidate> local;
    for (const CandidateEntry& entry : model_->candidates()) local.push_back(localCandidate(entry));
    for (const CandidateRelation& row : relateToLive(context->candidates->timeline, local).rows)
      relations.insert(toQString(row.sha), toQString(toString(row.relation)));
  }
  model_->setLiveRelations(std::move(relations));
  showLiveOfSelection();
}

void CandidatesView::showLiveOfSelection() {
  const bool connected = desk_ && desk_->isConnected();
  const DecisionContext* context = connected ? &desk_->context() : nullptr;
  const QString sha = selectedSha();
  const CandidateEntry* entry = sha.isEmpty() ? nullptr : model_->candidate(model_->rowOf(sha));
  const bool actable = connected && source_.isGitHub();
  const bool comparable = connected && context && context->candidates && (source_.isGitHub() || source_.isFolder());
  replayButton_->setEnabled(actable && entry && entry->report.verdict == Verdict::Accepted);
  rollbackButton_->setEnabled(actable);
  const QString why = actable ? QString() : tr("Replays go through GitHub: open a project or the sandbox.");
  replayButton_->setStatusTip(why);
  rollbackButton_->setStatusTip(why);
  if (!entry) return;
  if (!comparable) {
    detailPane_->setLiveHtml({});
  } else if (source_.isGitHub()) {
    detailPane_->setLiveHtml(liveDiffHtml(*desk_, toStdString(sha)));
  } else {
    detailPane_->setLiveHtml(liveDiffHtml(*desk_, localCandidate(*entry)));
  }
}

void CandidatesView::updateSummary() {
  const int total = model_->rowCount();
  const int shown = proxy_->rowCount();
  QString text;
  if (total == 0) {
    text = tr("No candidates");
  } else if (shown < total) {
    text = tr("%1 of %2 candidates match the filter").arg(shown).arg(total);
  } else {
    text =
        (total == 1 ? tr("1 candidate") : tr("%1 candidates").arg(total)) + tr(": %1 accepted, %2 rejected, %3 invalid")
                                                                                .arg(model_->count(Verdict::Accepted))
                                                                                .arg(model_->count(Verdict::Rejected))
                                                                                .arg(model_->count(Verdict::Invalid));
  }
  summaryLabel_->setText(text);
}

void CandidatesView::showSkippedDetails() {
  QMessageBox box(QMessageBox::Information, tr("Skipped entries"),
                  tr("These entries of the artifact tree hold no candidate that could be read:"), QMessageBox::Ok,
                  this);
  box.setInformativeText(skippedDetails());
  box.exec();
}

}  // namespace releasedesk
