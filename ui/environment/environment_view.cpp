// The Environment view's widgets and its refresh through EnvironmentCheck.
#include "ui/environment/environment_view.h"
#include "ui/display_text.h"

#include "core/environment/environment_json.h"
#include "ui/environment/environment_table_model.h"
#include "ui/environment/workflow_findings_panel.h"
#include "ui/session/desk_connection.h"

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
#include <QVBoxLayout>

namespace releasedesk {
namespace {

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

  summary_ = new QLabel(tr("Not checked yet"), this);
  QFont bold = summary_->font();
  bold.setBold(true);
  summary_->setFont(bold);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setVisible(false);
  problemsOnly_ = new QCheckBox(tr("&Problems only"), this);
  refreshButton_ = new QPushButton(tr("&Refresh"), this);
  auto* exportMarkdownButton = new QPushButton(tr("Export &Markdown…"), this);
  auto* exportJsonButton = new QPushButton(tr("Export &JSON…"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);  // busy: the check is one batch of parallel requests
  progress_->setMaximumWidth(120);
  progress_->setVisible(false);

  table_ = new QTableView(this);
  table_->setModel(proxy_);
  table_->setSortingEnabled(false);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setWordWrap(true);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(EnvironmentTableModel::Messages, QHeaderView::Stretch);

  auto* bar = new QHBoxLayout;
  bar->addWidget(summary_);
  bar->addStretch();
  bar->addWidget(progress_);
  bar->addWidget(problemsOnly_);
  bar->addWidget(exportMarkdownButton);
  bar->addWidget(exportJsonButton);
  bar->addWidget(refreshButton_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(error_);
  // The workflow's runbook lint beside the variables.
  auto* split = new QSplitter(Qt::Horizontal, this);
  workflowPanel_ = new WorkflowFindingsPanel(split);
  split->addWidget(table_);
  split->addWidget(workflowPanel_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split);

  connect(problemsOnly_, &QCheckBox::toggled, proxy_, &EnvironmentProblemsFilter::setProblemsOnly);
  connect(refreshButton_, &QPushButton::clicked, this, &EnvironmentView::refresh);
  connect(exportMarkdownButton, &QPushButton::clicked, this, [this] { exportWithDialog(false); });
  connect(exportJsonButton, &QPushButton::clicked, this, [this] { exportWithDialog(true); });
}

EnvironmentView::~EnvironmentView() = default;

DeskPage::Navigation EnvironmentView::navigation() const {
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
  refreshButton_->setEnabled(client_ != nullptr);
}

void EnvironmentView::setReport(const CompletenessReport& report) {
  model_->setReport(report);
  summary_->setText(tr("%1: %2 (%3)")
                        .arg(QString::fromStdString(report.environment),
                             report.complete() ? tr("complete") : tr("incomplete"),
                             QString::fromStdString(report.summary())));
  int attention = 0;
  for (const CompletenessItem& item : report.items) attention += item.blocking() ? 1 : 0;
  emit attentionCountChanged(attention);
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
  refreshButton_->setEnabled(false);
  EnvironmentCheckRequest request;
  request.environment = environment_;
  std::weak_ptr<int> alive = generation_;
  EnvironmentCheck(*client_).run(std::move(request), [this, alive](EnvironmentCheckOutcome outcome) {
    if (alive.expired()) return;  // the client was replaced (or the view destroyed) meanwhile
    showOutcome(std::move(outcome));
  });
}

void EnvironmentView::showOutcome(EnvironmentCheckOutcome outcome) {
  refreshing_ = false;
  progress_->setVisible(false);
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
    error_->setText(tr("Refresh failed; the rows shown are from the last successful check.\n%1").arg(message));
    error_->setVisible(true);
  }
  emit refreshFinished();
}

bool EnvironmentView::exportMarkdown(const QString& path) const {
  return writeText(path, completenessMarkdown(model_->report()));
}

bool EnvironmentView::exportJson(const QString& path) const {
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
