// The decision journal on screen.
#include "ui/history/history_page.h"

#include "app/adapter/qt_strings.h"
#include "ui/actions/decision_desk.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

QString localTime(TimePoint time) {
  return timetext::dateTime(time);
}

}  // namespace

void HistoryModel::setJournal(JournalRead journal) {
  beginResetModel();
  journal_ = std::move(journal);
  endResetModel();
}

const JournalDecision* HistoryModel::decision(int row) const {
  if (row < 0 || row >= static_cast<int>(journal_.decisions.size())) return nullptr;
  return &journal_.decisions[static_cast<std::size_t>(row)];
}

int HistoryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(journal_.decisions.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const {
  const JournalDecision* d = decision(index.row());
  if (!d) return {};
  const JournalEntry& intent = d->intent;
  const bool took = d->outcome && d->outcome->took;
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    switch (index.column()) {
      case TimeColumn: return localTime(intent.time);
      case ActionColumn: return toQString(intent.action);
      case RunColumn: return intent.runId ? QString::number(*intent.runId) : QString();
      case CandidateColumn: return role == Qt::ToolTipRole ? toQString(intent.sha) : toQString(intent.sha).left(7);
      case OutcomeColumn: return toQString(d->outcomeText());
      case ByColumn: return intent.login.empty() ? tr("(unknown)") : toQString(intent.login);
    }
  }
  if (role == Qt::DecorationRole && index.column() == OutcomeColumn)
    return checkStatusIcon(!d->outcome ? CheckStatus::Warning : took ? CheckStatus::Ok : CheckStatus::Failed);
  return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TimeColumn: return tr("When");
    case ActionColumn: return tr("Decision");
    case RunColumn: return tr("Run");
    case CandidateColumn: return tr("Candidate");
    case OutcomeColumn: return tr("Outcome");
    case ByColumn: return tr("By");
  }
  return {};
}

HistoryPage::HistoryPage(DecisionDesk& desk, QWidget* parent) : DeskPage(parent), desk_(desk) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  auto* top = new QHBoxLayout;
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("historySummary"));
  summary_->setTextFormat(Qt::PlainText);
  summary_->setWordWrap(true);
  exportMarkdown_ = new QPushButton(tr("Export &Markdown…"), this);
  exportMarkdown_->setObjectName(QStringLiteral("exportMarkdown"));
  exportJson_ = new QPushButton(tr("Export &JSON…"), this);
  exportJson_->setObjectName(QStringLiteral("exportJson"));
  top->addWidget(summary_, 2);
  top->addWidget(sourceNameLabel(), 1);
  top->addWidget(exportMarkdown_);
  top->addWidget(exportJson_);
  layout->addLayout(top);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  model_ = new HistoryModel(this);
  list_ = new QTreeView(splitter);
  list_->setObjectName(QStringLiteral("historyList"));
  list_->setAccessibleName(tr("Decisions, newest first"));
  list_->setModel(model_);
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAllColumnsShowFocus(true);
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  // Short columns fit their contents; the outcome and who share the rest and elide.
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->header()->setSectionResizeMode(HistoryModel::OutcomeColumn, QHeaderView::Stretch);
  list_->header()->setSectionResizeMode(HistoryModel::ByColumn, QHeaderView::Stretch);
  list_->header()->setStretchLastSection(false);
  list_->header()->setTextElideMode(Qt::ElideRight);
  list_->setTextElideMode(Qt::ElideRight);
  setFocusProxy(list_);
  details_ = new QTextBrowser(splitter);
  details_->setObjectName(QStringLiteral("decisionDetails"));
  details_->setAccessibleName(tr("The selected decision"));
  splitter->addWidget(list_);
  splitter->addWidget(details_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);

  connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPage::showSelection);
  connect(&desk_, &DecisionDesk::journalChanged, this, &HistoryPage::refresh);
  connect(exportMarkdown_, &QPushButton::clicked, this, [this] { exportWithDialog(true); });
  connect(exportJson_, &QPushButton::clicked, this, [this] { exportWithDialog(false); });
  refresh();
}

HistoryPage::~HistoryPage() = default;

DeskPage::Navigation HistoryPage::pageNavigation() {
  return {QStringLiteral("History"), tr("History"), tr("&History"), tr("decisions have no answer recorded")};
}

void HistoryPage::setConnection(DeskConnection* connection) {
  Q_UNUSED(connection)  // the window hands it to the DecisionDesk first; its repository() is the new one
  refresh();
}

void HistoryPage::refresh() {
  JournalRead journal = desk_.journal();
  // The journal holds every project's decisions; the page shows (and exports) only those of the
  // repository it is connected to, never another's under its name.
  const std::string repository = toStdString(desk_.repository());
  if (desk_.isConnected()) {
    std::erase_if(journal.decisions, [&](const JournalDecision& d) { return d.intent.repository != repository; });
  }
  int unanswered = 0;
  for (const JournalDecision& d : journal.decisions) unanswered += d.outcome ? 0 : 1;
  const int count = static_cast<int>(journal.decisions.size());
  QString text = count == 0   ? tr("No decision recorded yet.")
                 : count == 1 ? tr("1 decision, newest first.")
                              : tr("%1 decisions, newest first.").arg(count);
  text += QLatin1Char(' ') + tr("Journal: %1").arg(desk_.journalPath());
  if (!journal.error.empty())
    text += QLatin1Char('\n') + tr("The journal could not be read: %1").arg(toQString(journal.error));
  for (const std::string& problem : journal.problems) text += QLatin1Char('\n') + toQString(problem);
  summary_->setText(text);
  model_->setJournal(std::move(journal));
  for (int column = 0; column < HistoryModel::ColumnCount; ++column)
    if (column != HistoryModel::OutcomeColumn) list_->resizeColumnToContents(column);
  if (count > 0 && !list_->currentIndex().isValid()) list_->setCurrentIndex(model_->index(0, 0));
  exportMarkdown_->setEnabled(count > 0);
  exportJson_->setEnabled(count > 0);
  emit attentionCountChanged(unanswered);
  showSelection();
}

void HistoryPage::showSelection() {
  const QModelIndex current = list_->currentIndex();
  const JournalDecision* d = current.isValid() ? model_->decision(current.row()) : nullptr;
  if (!d) {
    details_->clear();
    return;
  }
  const JournalEntry& e = d->intent;
  QString html = QStringLiteral("<table cellspacing=\"4\">");
  const auto row = [&html](const QString& name, const std::string& value) {
    if (value.empty()) return;
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                .arg(name.toHtmlEscaped(), toQString(value).toHtmlEscaped());
  };
  row(tr("Decision"), e.action);
  row(tr("Repository"), e.repository);
  row(tr("Environment"), e.environment);
  row(tr("Run"), e.runId ? std::to_string(*e.runId) : std::string());
  row(tr("Candidate"), e.sha);
  row(tr("Evidence"), e.evidenceVerdict);
  row(tr("Environment readiness"), e.environmentReadiness);
  row(tr("Against live"), e.diff);
  row(tr("Comment"), e.comment);
  row(tr("Override reason"), e.overrideReason);
  row(tr("By"), e.login);
  row(tr("Outcome"), d->outcomeText());
  if (d->outcome && d->outcome->runId) row(tr("Run started or reviewed"), std::to_string(*d->outcome->runId));
  html += QStringLiteral("</table>");
  details_->setHtml(html);
}

QString HistoryPage::exportTo(const QString& file) const {
  const JournalRead& journal = model_->journal();
  const bool markdown = file.endsWith(QStringLiteral(".md"), Qt::CaseInsensitive);
  const std::string text = markdown ? toMarkdown(journal) : toJson(journal);
  QSaveFile out(file);
  if (!out.open(QIODevice::WriteOnly)) return tr("%1 cannot be written: %2").arg(file, out.errorString());
  out.write(text.data(), static_cast<qint64>(text.size()));
  if (!out.commit()) return tr("%1 cannot be written: %2").arg(file, out.errorString());
  return {};
}

void HistoryPage::exportWithDialog(bool markdown) {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString suggested = folder + (markdown ? QStringLiteral("/decisions.md") : QStringLiteral("/decisions.json"));
  const QString file =
      QFileDialog::getSaveFileName(this, markdown ? tr("Export Decisions as Markdown") : tr("Export Decisions as JSON"),
                                   suggested, markdown ? tr("Markdown (*.md)") : tr("JSON (*.json)"));
  if (file.isEmpty()) return;
  if (const QString problem = exportTo(file); !problem.isEmpty())
    QMessageBox::warning(this, tr("Export Failed"), problem);
}

}  // namespace releasedesk
