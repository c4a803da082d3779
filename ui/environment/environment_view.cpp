// The Environment view's widgets and its refresh through EnvironmentCheck.
#include "ui/environment/environment_view.h"
#include "ui/display_text.h"

#include "core/environment/environment_json.h"
#include "ui/elided_label.h"
#include "ui/environment/environment_table_model.h"
#include "ui/environment/workflow_findings_panel.h"
#include "ui/session/desk_connection.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace releasedesk {
namespace {

constexpr int kNameColumnCap = 210;

QString text(const std::string& s) {
  return QString::fromStdString(s);
}

bool writeText(const QString& path, const std::string& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return file.write(bytes.data(), static_cast<qint64>(bytes.size())) == static_cast<qint64>(bytes.size());
}

}  // namespace

EnvironmentView::EnvironmentView(QWidget* parent) : DeskPage(parent) {
  model_ = new EnvironmentTableModel(this);
  proxy_ = new EnvironmentProblemsFilter(this);
  proxy_->setSourceModel(model_);

  // The header: what is checked, where, and the actions.
  summary_ = new QLabel(tr("Not checked yet"), this);
  summary_->setObjectName(QStringLiteral("environmentSummary"));
  QFont bold = summary_->font();
  bold.setBold(true);
  summary_->setFont(bold);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setVisible(false);
  problemsOnly_ = new QCheckBox(tr("&Problems only"), this);
  problemsOnly_->setAccessibleName(tr("Show only the rows with problems"));
  refreshButton_ = new QPushButton(tr("&Refresh"), this);
  exportMarkdown_ = new QPushButton(tr("Export &Markdown…"), this);
  exportMarkdown_->setObjectName(QStringLiteral("exportMarkdown"));
  exportJson_ = new QPushButton(tr("Export &JSON…"), this);
  exportJson_->setObjectName(QStringLiteral("exportJson"));
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);  // busy: the check is one batch of parallel requests
  progress_->setMaximumWidth(200);
  progress_->setFormat(tr("variables and secrets"));  // what is being read, on the bar itself
  progress_->setTextVisible(true);
  progress_->setVisible(false);
  progress_->setAccessibleName(tr("Checking the environment"));

  // The rows. Every column but the short ones shares the width, so at any window width the
  // table fits its viewport and long values elide; the details pane shows them whole.
  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("environmentTable"));
  table_->setAccessibleName(tr("Variables and secrets"));
  table_->setModel(proxy_);
  table_->setSortingEnabled(false);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setWordWrap(false);
  table_->setTextElideMode(Qt::ElideRight);
  table_->verticalHeader()->setVisible(false);
  QHeaderView* header = table_->horizontalHeader();
  header->setMinimumSectionSize(32);
  header->setTextElideMode(Qt::ElideRight);
  header->setSectionResizeMode(QHeaderView::Stretch);
  // The name is what a row is: as wide as the names up to a cap; the details pane has it whole.
  header->setSectionResizeMode(EnvironmentTableModel::Name, QHeaderView::Interactive);
  header->setSectionResizeMode(EnvironmentTableModel::Kind, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(EnvironmentTableModel::Status, QHeaderView::ResizeToContents);

  // The selected row in full: messages, shadowed values, where the workflow uses it; with no
  // row selected, the check's own notes.
  details_ = new QTextBrowser(this);
  details_->setObjectName(QStringLiteral("environmentDetails"));
  details_->setAccessibleName(tr("Details of the selected variable or secret"));
  details_->setOpenLinks(false);

  splitter_ = new QSplitter(Qt::Horizontal, this);
  splitter_->setObjectName(QStringLiteral("environmentSplitter"));
  splitter_->setChildrenCollapsible(true);
  splitter_->addWidget(table_);
  // Beside the table: the selected item's details above the workflow's runbook lint.
  auto* side = new QSplitter(Qt::Vertical, splitter_);
  side->setChildrenCollapsible(true);
  side->addWidget(details_);
  workflowPanel_ = new WorkflowFindingsPanel(side);
  side->addWidget(workflowPanel_);
  splitter_->addWidget(side);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 1);

  auto* bar = new QHBoxLayout;
  bar->addWidget(summary_);
  bar->addWidget(sourceNameLabel(), 1);
  bar->addWidget(progress_);
  // Esc does the same: the rows shown stay, marked as from the last completed check.
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setObjectName(QStringLiteral("cancelEnvironmentCheck"));
  cancelButton_->setToolTip(tr("Stop checking and keep the rows shown (Esc)"));
  cancelButton_->setVisible(false);
  connect(cancelButton_, &QPushButton::clicked, this, [this] { cancelRefresh(); });
  bar->addWidget(cancelButton_);
  bar->addWidget(problemsOnly_);
  bar->addWidget(exportMarkdown_);
  bar->addWidget(exportJson_);
  bar->addWidget(refreshButton_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(error_);
  layout->addWidget(splitter_, 1);

  connect(problemsOnly_, &QCheckBox::toggled, proxy_, &EnvironmentProblemsFilter::setProblemsOnly);
  connect(refreshButton_, &QPushButton::clicked, this, &EnvironmentView::refresh);
  connect(exportMarkdown_, &QPushButton::clicked, this, [this] { exportWithDialog(false); });
  connect(exportJson_, &QPushButton::clicked, this, [this] { exportWithDialog(true); });
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EnvironmentView::updateDetails);
  connect(proxy_, &QAbstractItemModel::modelReset, this, &EnvironmentView::updateDetails);
  clearReport();
}

EnvironmentView::~EnvironmentView() = default;

DeskPage::Navigation EnvironmentView::pageNavigation() {
  return {QStringLiteral("Environment"), tr("Environment"), tr("&Environment"),
          tr("required variables or secrets missing, invalid or unknown")};
}

void EnvironmentView::setConnection(DeskConnection* connection) {
  setClient(connection ? &connection->client() : nullptr,
            connection ? connection->settings().environment : QStringLiteral("production"));
}

void EnvironmentView::setClient(GitHubClient* client, const QString& environment) {
  client_ = client;
  environment_ = environment.toStdString();
  generation_ = std::make_shared<int>(0);
  refreshing_ = false;
  progress_->setVisible(false);
  cancelButton_->setVisible(false);
  refreshButton_->setEnabled(client_ != nullptr);
  // Another client is another source: the rows of the previous one are never shown under its name.
  clearReport();
}

void EnvironmentView::clearReport() {
  hasReport_ = false;
  model_->setReport({});
  summary_->setText(client_ ? tr("Not checked yet") : tr("Not connected"));
  error_->setVisible(false);
  exportMarkdown_->setEnabled(false);
  exportJson_->setEnabled(false);
  emit attentionCountChanged(0);
}

void EnvironmentView::setReport(const CompletenessReport& report) {
  hasReport_ = true;
  exportMarkdown_->setEnabled(true);
  exportJson_->setEnabled(true);
  model_->setReport(report);
  table_->resizeColumnToContents(EnvironmentTableModel::Name);
  table_->setColumnWidth(EnvironmentTableModel::Name,
                         std::min(table_->columnWidth(EnvironmentTableModel::Name), kNameColumnCap));
  summary_->setText(tr("%1: %2 (%3)")
                        .arg(QString::fromStdString(report.environment),
                             report.complete() ? tr("complete") : tr("incomplete"),
                             QString::fromStdString(report.summary())));
  int attention = 0;
  for (const CompletenessItem& item : report.items) attention += item.blocking() ? 1 : 0;
  emit attentionCountChanged(attention);
}

QString EnvironmentView::detailsText() const {
  return details_->toPlainText();
}

QString EnvironmentView::notesHtml() const {
  const CompletenessReport& report = model_->report();
  QString html;
  QStringList lines;
  for (const WorkflowFinding& f : report.workflowFindings) {
    const QString where =
        f.line > 0 ? tr("%1 line %2").arg(text(report.workflowPath)).arg(f.line) : text(report.workflowPath);
    lines << tr("%1 (%2): %3").arg(severityWord(f.severity), where, text(f.message)).toHtmlEscaped();
  }
  for (const std::string& level : report.unreadableLevels)
    lines << tr("Not readable: %1").arg(text(level)).toHtmlEscaped();
  for (const ItemMessage& note : report.notes)
    lines << QStringLiteral("%1: %2").arg(severityWord(note.severity), text(note.text)).toHtmlEscaped();
  if (lines.isEmpty()) return {};
  html += tr("<h4>Notes on the check</h4><ul>");
  for (const QString& line : lines) html += QStringLiteral("<li>%1</li>").arg(line);
  html += QStringLiteral("</ul>");
  return html;
}

void EnvironmentView::updateDetails() {
  const QModelIndex current = proxy_->mapToSource(table_->currentIndex());
  const CompletenessReport& report = model_->report();
  if (!hasReport_) {
    details_->setHtml(tr("<p>%1</p>").arg(client_ ? tr("Not checked yet.") : tr("Not connected.")));
    return;
  }
  if (!current.isValid() || current.row() >= static_cast<int>(report.items.size())) {
    const QString notes = notesHtml();
    details_->setHtml(tr("<p>Select a row to see its messages, the values it shadows and where the workflow uses "
                         "it.</p>") +
                      notes);
    return;
  }
  const CompletenessItem& item = report.items[static_cast<std::size_t>(current.row())];
  const auto esc = [](const std::string& s) { return text(s).toHtmlEscaped(); };
  QString html = QStringLiteral("<h3>%1</h3><p>").arg(esc(item.name));
  html += tr("%1, %2: <b>%3</b>")
              .arg(item.kind == ConfigKind::Variable ? tr("Variable") : tr("Secret"),
                   item.required   ? tr("required")
                   : item.needed() ? tr("needed: %1").arg(esc(item.neededBecause))
                                   : tr("optional"),
                   itemStatusWord(item.status));
  if (item.source) html += tr("<br>Set at the %1 level").arg(esc(std::string(toString(*item.source))));
  if (item.kind == ConfigKind::Variable && !item.value.empty())
    html += tr("<br>Value: <code>%1</code>").arg(esc(item.value));
  if (item.updatedAt) html += tr("<br>Last updated %1").arg(timetext::dateTime(*item.updatedAt).toHtmlEscaped());
  html += QStringLiteral("</p>");
  if (!item.description.empty()) html += QStringLiteral("<p>%1</p>").arg(esc(item.description));
  if (!item.messages.empty()) {
    html += tr("<h4>Messages</h4><ul>");
    for (const ItemMessage& m : item.messages)
      html += QStringLiteral("<li>%1: %2</li>").arg(severityWord(m.severity).toHtmlEscaped(), esc(m.text));
    html += QStringLiteral("</ul>");
  }
  if (!item.shadowed.empty()) {
    html += tr("<h4>Shadowed definitions</h4><ul>");
    for (const ShadowedValue& shadow : item.shadowed) {
      QString line = tr("%1 level").arg(esc(std::string(toString(shadow.level))));
      if (item.kind == ConfigKind::Variable) line += tr(": <code>%1</code>").arg(esc(shadow.value));
      if (shadow.updatedAt) line += tr(", updated %1").arg(timetext::dateTime(*shadow.updatedAt).toHtmlEscaped());
      html += QStringLiteral("<li>%1</li>").arg(line);
    }
    html += QStringLiteral("</ul>");
  }
  html += tr("<h4>Used by the workflow</h4>");
  if (item.workflowLines.empty()) {
    html += report.workflowPath.empty() ? tr("<p>No workflow was read.</p>") : tr("<p>Not referenced.</p>");
  } else {
    QStringList where;
    for (const int line : item.workflowLines) where << QString::number(line);
    html += tr("<p><code>%1</code> line %2</p>").arg(esc(report.workflowPath), where.join(QStringLiteral(", ")));
  }
  html += notesHtml();
  details_->setHtml(html);
}

QString EnvironmentView::summaryText() const {
  return summary_->text();
}

QString EnvironmentView::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void EnvironmentView::refresh() {
  if (!client_ || refreshing_) return;
  refreshing_ = true;
  progress_->setVisible(true);
  cancelButton_->setVisible(true);
  progress_->setToolTip(tr("Reading the variables and secrets of %1 at every level (Esc cancels)").arg(sourceName()));
  refreshButton_->setEnabled(false);
  EnvironmentCheckRequest request;
  request.environment = environment_;
  std::weak_ptr<int> alive = generation_;
  EnvironmentCheck(*client_).run(std::move(request), [this, alive](EnvironmentCheckOutcome outcome) {
    if (alive.expired()) return;  // the client was replaced (or the view destroyed) meanwhile
    showOutcome(std::move(outcome));
  });
}

bool EnvironmentView::cancelRefresh() {
  if (!refreshing_) return false;
  generation_ = std::make_shared<int>(0);  // the answer under way is dropped when it comes
  refreshing_ = false;
  progress_->setVisible(false);
  cancelButton_->setVisible(false);
  refreshButton_->setEnabled(client_ != nullptr);
  error_->setText(hasReport_ ? tr("Checking again was cancelled; the rows shown are from the last completed check.")
                             : tr("Checking was cancelled; nothing has been read."));
  error_->setVisible(true);
  emit refreshFinished();
  return true;
}

void EnvironmentView::showOutcome(EnvironmentCheckOutcome outcome) {
  refreshing_ = false;
  progress_->setVisible(false);
  cancelButton_->setVisible(false);
  refreshButton_->setEnabled(client_ != nullptr);
  if (outcome.ok()) {
    error_->setVisible(false);
    setReport(outcome.report);
    workflowPanel_->setReport(outcome.workflowLint ? &*outcome.workflowLint : nullptr);
  } else {
    // A failed refresh keeps the previous rows on screen and says what failed.
    QString message = outcome.connectionError ? displayText(outcome.connectionError->message)
                                              : tr("The requirement profile is malformed:");
    for (const std::string& e : outcome.profileErrors) message += QLatin1Char('\n') + displayText(e);
    error_->setText(hasReport_ ? tr("Refresh failed; the rows shown are from the last successful check of %1.\n%2")
                                     .arg(sourceName(), message)
                               : tr("Checking %1 failed.\n%2").arg(sourceName(), message));
    error_->setVisible(true);
  }
  emit refreshFinished();
}

bool EnvironmentView::exportMarkdown(const QString& path) const {
  if (!hasReport_) return false;
  return writeText(path, completenessMarkdown(model_->report()));
}

bool EnvironmentView::exportJson(const QString& path) const {
  if (!hasReport_) return false;
  return writeText(path, toJson(model_->report()) + "\n");
}

void EnvironmentView::exportWithDialog(bool json) {
  const QString path =
      QFileDialog::getSaveFileName(this, json ? tr("Export as JSON") : tr("Export as Markdown"),
                                   json ? QStringLiteral("environment.json") : QStringLiteral("environment.md"),
                                   json ? tr("JSON (*.json)") : tr("Markdown (*.md)"));
  if (path.isEmpty()) return;
  const bool written = json ? exportJson(path) : exportMarkdown(path);
  if (!written) {
    error_->setText(tr("Could not write %1.").arg(path));
    error_->setVisible(true);
  }
}

}  // namespace releasedesk
