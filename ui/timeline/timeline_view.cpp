// The Timeline view's widgets, and how they render its refresher's timeline and run details.
#include "ui/timeline/timeline_view.h"

#include "core/timeline/durations.h"
#include "ui/session/desk_connection.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"
#include "ui/timeline/timeline_table_model.h"
#include "ui/timeline/timeline_widget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace releasedesk {
namespace {

QString esc(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toHtmlEscaped();
}

QString duration(std::int64_t seconds) {
  return QString::fromStdString(formatDuration(seconds));
}

QString shortTime(TimePoint t) {
  return timetext::dateTime(t);
}

TimePoint systemNow() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

QString classWord(RunClass runClass) {
  switch (runClass) {
    case RunClass::Auto: return TimelineView::tr("auto promotion");
    case RunClass::Replay: return TimelineView::tr("replay");
    case RunClass::Rollback: return TimelineView::tr("rollback");
    case RunClass::Rerun: return TimelineView::tr("re-run");
  }
  return {};
}

QLabel* figureLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setTextFormat(Qt::RichText);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Wraps rather than widening the window: at 1024 px the five figures share one row.
  label->setWordWrap(true);
  return label;
}

}  // namespace

TimelineView::TimelineView(QWidget* parent) : DeskPage(parent) {
  refresher_ = new TimelineRefresher(this);

  title_ = new QLabel(tr("Production timeline"), this);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  staleLabel_ = new QLabel(this);
  staleLabel_->setVisible(false);
  errorLabel_ = new QLabel(this);
  errorLabel_->setWordWrap(true);
  errorLabel_->setVisible(false);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);  // busy: one loader pass of several request batches
  progress_->setMaximumWidth(220);
  progress_->setTextVisible(true);  // what is being read: "jobs of 12 of 28 runs"
  progress_->setObjectName(QStringLiteral("timelineProgress"));
  progress_->setVisible(false);
  refreshButton_ = new QPushButton(tr("&Refresh"), this);
  refreshButton_->setEnabled(false);
  refreshButton_->setToolTip(tr("Read the production runs and deployments again (F5)"));

  doraRange_ = figureLabel(this);
  doraFrequency_ = figureLabel(this);
  doraLeadTime_ = figureLabel(this);
  doraFailureRate_ = figureLabel(this);
  doraRestore_ = figureLabel(this);
  doraFrequency_->setToolTip(tr("Successful production deployments per day in the visible window"));
  doraLeadTime_->setToolTip(tr("Median time from a candidate's commit to its first successful production deployment"));
  doraFailureRate_->setToolTip(tr("Failed deployments among all finished deployments in the visible window"));
  doraRestore_->setToolTip(tr("Median time from a failed deployment to the next successful one"));

  widget_ = new TimelineWidget(this);
  widget_->setAccessibleName(tr("Production timeline"));
  widget_->setAccessibleDescription(tr("A painted timeline of the production runs; Show as Table lists the same runs"));

  // The same runs as a table, for screen readers and keyboards: one row per lane.
  tableModel_ = new TimelineTableModel(this);
  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("timelineTable"));
  table_->setAccessibleName(tr("Production runs, newest first"));
  table_->setModel(tableModel_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->setVisible(false);
  table_->setTextElideMode(Qt::ElideRight);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->horizontalHeader()->setTextElideMode(Qt::ElideRight);
  table_->horizontalHeader()->setSectionResizeMode(TimelineTableModel::RunColumn, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(TimelineTableModel::LiveColumn, QHeaderView::ResizeToContents);
  runViews_ = new QStackedWidget(this);
  runViews_->addWidget(widget_);
  runViews_->addWidget(table_);
  tableToggle_ = new QPushButton(tr("Show as &Table"), this);
  tableToggle_->setObjectName(QStringLiteral("timelineAsTable"));
  tableToggle_->setCheckable(true);
  tableToggle_->setToolTip(tr("List the runs in a table instead of the picture"));

  legend_ = new QLabel(this);
  legend_->setObjectName(QStringLiteral("timelineLegend"));
  legend_->setTextFormat(Qt::RichText);
  legend_->setWordWrap(true);
  legend_->setAccessibleName(tr("Legend"));
  updateLegend();
  details_ = new QTextBrowser(this);
  details_->setOpenExternalLinks(true);
  details_->setAccessibleName(tr("Run details"));
  details_->setPlaceholderText(tr("Select a run (Up/Down) to see its jobs, deployment and evidence."));

  auto* bar = new QHBoxLayout;
  bar->addWidget(title_);
  bar->addWidget(sourceNameLabel(), 1);
  bar->addWidget(staleLabel_);
  bar->addWidget(progress_);
  // Esc does the same: what is shown stays, marked stale.
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setObjectName(QStringLiteral("cancelTimelineRefresh"));
  cancelButton_->setToolTip(tr("Stop reading and keep the timeline shown, marked stale (Esc)"));
  cancelButton_->setVisible(false);
  connect(cancelButton_, &QPushButton::clicked, this, [this] { cancelRefresh(); });
  bar->addWidget(cancelButton_);
  bar->addWidget(refreshButton_);
  auto* strip = new QHBoxLayout;
  strip->addWidget(doraRange_);
  strip->addSpacing(12);
  strip->addWidget(doraFrequency_);
  strip->addSpacing(12);
  strip->addWidget(doraLeadTime_);
  strip->addSpacing(12);
  strip->addWidget(doraFailureRate_);
  strip->addSpacing(12);
  strip->addWidget(doraRestore_);
  strip->addStretch();
  strip->addWidget(tableToggle_);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("timelineSplitter"));
  splitter->setChildrenCollapsible(true);
  splitter->addWidget(runViews_);
  splitter->addWidget(details_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(errorLabel_);
  layout->addLayout(strip);
  layout->addWidget(splitter, 1);
  layout->addWidget(legend_);

  doraDebounce_ = new QTimer(this);
  doraDebounce_->setSingleShot(true);
  doraDebounce_->setInterval(30);

  connect(refreshButton_, &QPushButton::clicked, this, &TimelineView::refresh);
  connect(refresher_, &TimelineRefresher::clientChanged, this, [this] {
    progress_->setVisible(false);
    refreshButton_->setEnabled(refresher_->hasClient());
  });
  connect(refresher_, &TimelineRefresher::timelineChanged, this, &TimelineView::showTimeline);
  connect(refresher_, &TimelineRefresher::refreshStarted, this, &TimelineView::showRefreshStarted);
  connect(refresher_, &TimelineRefresher::refreshProgressed, this, &TimelineView::showRefreshProgress);
  connect(refresher_, &TimelineRefresher::refreshFinished, this, &TimelineView::showRefreshFinished);
  connect(refresher_, &TimelineRefresher::attentionCountChanged, this, &TimelineView::attentionCountChanged);
  connect(refresher_, &TimelineRefresher::artifactsChanged, this, [this](std::int64_t runId) {
    if (widget_->selectedRun() == runId) updateDetails();
  });
  connect(refresher_, &TimelineRefresher::ticked, this, [this] {
    widget_->setNow(systemNow());
    updateDetails();
  });
  connect(doraDebounce_, &QTimer::timeout, this, &TimelineView::updateDora);
  connect(tableToggle_, &QPushButton::toggled, this, &TimelineView::showAsTable);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    if (current.isValid()) widget_->selectRun(current.data(TimelineTableModel::RunIdRole).toLongLong());
  });
  connect(widget_, &TimelineWidget::visibleRangeChanged, doraDebounce_, qOverload<>(&QTimer::start));
  connect(widget_, &TimelineWidget::selectedRunChanged, this, [this](std::int64_t runId) {
    if (const int row = tableModel_->rowOf(runId); row >= 0 && table_->currentIndex().row() != row)
      table_->selectRow(row);
    refresher_->readArtifacts(runId);
    updateDetails();
  });
  connect(widget_, &TimelineWidget::runActivated, this, [this] {
    updateDetails();
    details_->setFocus(Qt::OtherFocusReason);
  });
  updateDora();
}

TimelineView::~TimelineView() = default;

DeskPage::Navigation TimelineView::pageNavigation() {
  return {QStringLiteral("Timeline"), tr("Timeline"), tr("&Timeline"),
          tr("runs waiting for approval or queued behind the lock")};
}

void TimelineView::setConnection(DeskConnection* connection) {
  setClient(connection ? &connection->client() : nullptr, connection ? connection->description() : QString());
}

void TimelineView::showTimeline() {
  if (!refresher_->timeline()) {
    // A new source with nothing read (or cached) yet: nothing of the previous one stays.
    widget_->setTimeline(nullptr);
    tableModel_->setTimeline(nullptr);
    errorLabel_->setVisible(false);
    updateStale();
    updateDora();
    updateDetails();
    return;
  }
  const DeploymentTimeline& timeline = *refresher_->timeline();
  widget_->setNow(isStale() ? timeline.now : std::max(timeline.now, systemNow()));
  widget_->setTimeline(refresher_->sharedTimeline());
  tableModel_->setTimeline(refresher_->sharedTimeline());
  if (!widget_->selectedRun() && !timeline.runs.empty()) {
    // Start on what is live, else on the newest run.
    const std::int64_t start = timeline.live && timeline.live->runId && timeline.run(*timeline.live->runId)
                                   ? *timeline.live->runId
                                   : timeline.runs.back().id;
    widget_->selectRun(start);
  }
  updateStale();
  updateDora();
  updateDetails();
}

void TimelineView::setCandidates(const CandidateCatalog& catalog, const CandidateSource& source) {
  Q_UNUSED(source)
  candidates_ = catalog;
  updateDetails();
}

QString TimelineView::staleText() const {
  if (!isStale() || !timeline()) return {};
  const qint64 minutes = std::max<qint64>(0, (systemNow() - timeline()->now).count() / 60);
  const QString age = minutes < 60        ? tr("%1 min old").arg(minutes)
                      : minutes < 48 * 60 ? tr("%1 h old").arg(minutes / 60)
                                          : tr("%1 days old").arg(minutes / (24 * 60));
  return tr("stale (from %1, %2)").arg(shortTime(timeline()->now), age);
}

void TimelineView::showAsTable(bool table) {
  if (tableToggle_->isChecked() != table) tableToggle_->setChecked(table);
  runViews_->setCurrentWidget(table ? static_cast<QWidget*>(table_) : widget_);
  if (table) {
    if (const auto selected = widget_->selectedRun(); selected && tableModel_->rowOf(*selected) >= 0)
      table_->selectRow(tableModel_->rowOf(*selected));
  }
}

bool TimelineView::isShowingTable() const {
  return runViews_->currentWidget() == table_;
}

void TimelineView::updateLegend() {
  // Built from the palette the picture paints with, so the swatches are the colours on screen.
  const QPalette pal = widget_->palette();
  const auto swatch = [](const QColor& color, const QString& mark) {
    return QStringLiteral("<span style=\"background-color:%1; color:%2\">&nbsp;%3&nbsp;</span>")
        .arg(color.name(), qGray(color.rgb()) > 140 ? QStringLiteral("#000000") : QStringLiteral("#ffffff"), mark);
  };
  QColor running = pal.color(QPalette::Mid);
  QStringList items;
  items << tr("%1 running").arg(swatch(running, QStringLiteral("&nbsp;&nbsp;")));
  // The runner wait is Mid at a sixth over the base, as painted; a swatch has no alpha.
  const QColor mid = pal.color(QPalette::Mid), base = pal.color(QPalette::Base);
  const auto blend = [](int over, int under) { return (over * 45 + under * (255 - 45)) / 255; };
  const QColor runner(blend(mid.red(), base.red()), blend(mid.green(), base.green()), blend(mid.blue(), base.blue()));
  items << tr("%1 waiting for a runner (dotted)").arg(swatch(runner, QStringLiteral("&nbsp;&nbsp;")));
  items << tr("<b>W</b> waiting for approval (dashed)");
  items << tr("<b>Q</b> queued behind the production-mutation lock (hatched)");
  items << tr("%1 job succeeded").arg(swatch(verdictColor(Verdict::Accepted, pal), QStringLiteral("✓")));
  items << tr("%1 job failed").arg(swatch(verdictColor(Verdict::Invalid, pal), QStringLiteral("✗")));
  items << tr("%1 cancelled or skipped").arg(swatch(pal.color(QPalette::Mid), QStringLiteral("⊘")));
  items << tr("%1 in progress").arg(swatch(inProgressColor(pal), QStringLiteral("▶")));
  items << tr("<b>LIVE</b> what production runs now");
  legend_->setText(items.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

void TimelineView::showTimesAgain() {
  tableModel_->timesChanged();
  widget_->viewport()->update();
  updateStale();
  updateDora();
  updateDetails();
}

QString TimelineView::errorText() const {
  return errorLabel_->isVisible() ? errorLabel_->text() : QString();
}

void TimelineView::updateStale() {
  const QString text = staleText();
  staleLabel_->setText(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + text);
  staleLabel_->setToolTip(tr("Shown from the local cache; refresh (F5) to read GitHub again."));
  staleLabel_->setVisible(!text.isEmpty());
}

void TimelineView::showEvent(QShowEvent* event) {
  DeskPage::showEvent(event);
  refresher_->setWatched(true);
}

void TimelineView::hideEvent(QHideEvent* event) {
  DeskPage::hideEvent(event);
  refresher_->setWatched(false);
}

void TimelineView::changeEvent(QEvent* event) {
  DeskPage::changeEvent(event);
  if (event->type() == QEvent::PaletteChange && legend_) updateLegend();
}

void TimelineView::showRefreshProgress(bool listed, int jobsDone, int jobsTotal) {
  if (!listed) return;
  if (jobsTotal == 0) {
    progress_->setRange(0, 0);
    progress_->setFormat(tr("deployments and commits"));
    return;
  }
  progress_->setRange(0, jobsTotal);
  progress_->setValue(jobsDone);
  progress_->setFormat(tr("jobs of %1 of %2 runs").arg(jobsDone).arg(jobsTotal));
}

void TimelineView::showRefreshStarted() {
  progress_->setRange(0, 0);
  progress_->setFormat(tr("runs and deployments"));
  progress_->setVisible(true);
  cancelButton_->setVisible(true);
  progress_->setToolTip(
      tr("Reading the production runs, their jobs and the deployments of %1 (Esc cancels)").arg(sourceName()));
  refreshButton_->setEnabled(false);
}

void TimelineView::showRefreshFinished(bool ok) {
  progress_->setVisible(false);
  cancelButton_->setVisible(false);
  refreshButton_->setEnabled(refresher_->hasClient());
  if (!ok) {
    // A failed refresh keeps the previous timeline on screen and says what failed.
    errorLabel_->setText(
        tr("Refresh failed; the timeline shown is from the last successful read. %1").arg(refresher_->error()));
    errorLabel_->setVisible(true);
    updateStale();
    emit refreshFinished(false);
    return;
  }
  errorLabel_->setVisible(false);
  if (!refresher_->warnings().isEmpty()) title_->setToolTip(refresher_->warnings().join(QLatin1Char('\n')));
  if (const auto selected = widget_->selectedRun()) refresher_->readArtifacts(*selected);
  emit refreshFinished(true);
}

QString TimelineView::doraText() const {
  QStringList parts;
  for (const QLabel* label : {doraRange_, doraFrequency_, doraLeadTime_, doraFailureRate_, doraRestore_}) {
    QString text = label->text();
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    parts << text;
  }
  return parts.join(QStringLiteral(" · "));
}

void TimelineView::updateDora() {
  const QString na = tr("n/a");
  const DeploymentTimeline* timeline = this->timeline();
  if (!timeline) {
    doraRange_->setText(tr("<b>DORA</b>"));
    doraFrequency_->setText(tr("Deployments/day: %1").arg(na));
    doraLeadTime_->setText(tr("Lead time: %1").arg(na));
    doraFailureRate_->setText(tr("Change-failure rate: %1").arg(na));
    doraRestore_->setText(tr("Time to restore: %1").arg(na));
    return;
  }
  const TimePoint from = widget_->visibleStart(), to = widget_->visibleEnd();
  const DoraFigures dora = computeDora(*timeline, from, to);
  doraRange_->setText(tr("<b>DORA</b> %1 – %2").arg(shortTime(from), shortTime(to)));
  doraFrequency_->setText(tr("Deployments/day: <b>%1</b> (%2)")
                              .arg(QLocale().toString(dora.deploymentsPerDay, 'f', 2))
                              .arg(dora.successfulDeployments));
  doraLeadTime_->setText(tr("Lead time: <b>%1</b>").arg(dora.leadTimeSeconds ? duration(*dora.leadTimeSeconds) : na));
  doraFailureRate_->setText(tr("Change-failure rate: <b>%1</b>")
                                .arg(dora.changeFailureRate
                                         ? tr("%1% (%2 of %3)")
                                               .arg(qRound(*dora.changeFailureRate * 100))
                                               .arg(dora.failedDeployments)
                                               .arg(dora.failedDeployments + dora.successfulDeployments)
                                         : na));
  doraRestore_->setText(
      tr("Time to restore: <b>%1</b>").arg(dora.timeToRestoreSeconds ? duration(*dora.timeToRestoreSeconds) : na));
}

QString TimelineView::artifactsHtml(std::int64_t runId) const {
  if (!refresher_->hasClient()) return tr("<p>Not connected.</p>");
  const RunArtifacts* answer = refresher_->artifacts(runId);
  if (!answer) return tr("<p>Reading the run's artifacts…</p>");
  const RunArtifacts& read = *answer;
  if (read.error) return tr("<p>Could not list the artifacts: %1</p>").arg(esc(read.error->message));
  if (read.artifacts.empty()) return tr("<p>This run uploaded no artifacts.</p>");
  QString html;
  if (refresher_->isReadingArtifacts(runId)) html += tr("<p><i>Reading again: the run is still going.</i></p>");
  for (const ProductionArtifact& artifact : read.artifacts) {
    html += QStringLiteral("<p><b><code>%1</code></b> (%2)")
                .arg(esc(artifact.name), QLocale().formattedDataSize(artifact.sizeInBytes));
    if (!artifact.error.empty()) html += QStringLiteral("<br>") + esc(artifact.error);
    html += QStringLiteral("</p>");
    for (const ProductionFile& file : artifact.files) {
      const QString kind = esc(toString(file.kind));
      html += QStringLiteral("<p>%1 <code>%2</code>").arg(kind.left(1).toUpper() + kind.mid(1), esc(file.path));
      if (!file.error.empty()) {
        html += tr("<br><b>Unreadable:</b> %1</p>").arg(esc(file.error));
        continue;
      }
      html += QStringLiteral("</p><table cellspacing=\"0\" cellpadding=\"2\">");
      for (const auto& [key, value] : file.fields) {
        html += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td></tr>").arg(esc(key), esc(value));
      }
      html += QStringLiteral("</table>");
      if (file.truncated) html += tr("<p><i>More fields in the file than shown.</i></p>");
    }
    if (!artifact.others.empty()) {
      QStringList others;
      for (const std::string& path : artifact.others) others << esc(path);
      html += tr("<p>Also in the artifact: %1</p>").arg(others.join(QStringLiteral(", ")));
    }
  }
  return html;
}

QString TimelineView::detailsHtml() const {
  return details_->toHtml();
}

void TimelineView::updateDetails() {
  const auto selected = widget_->selectedRun();
  const DeploymentTimeline* timeline = this->timeline();
  const TimelineRun* lane = timeline && selected ? timeline->run(*selected) : nullptr;
  if (!lane) {
    details_->clear();
    return;
  }
  const TimePoint now = lane->inProgress ? std::max(lane->end, systemNow()) : lane->end;
  QString html;
  html += tr("<h3>Run %1%2 — %3</h3>")
              .arg(timetext::runName(lane->runNumber, lane->id).toHtmlEscaped(),
                   lane->attempt > 1 ? tr(" (attempt %1)").arg(lane->attempt) : QString(), esc(lane->outcome()));
  if (!lane->htmlUrl.empty()) html += tr("<p><a href=\"%1\">Open the run on GitHub</a></p>").arg(esc(lane->htmlUrl));
  html += tr("<p>%1").arg(esc(lane->title));
  QStringList badges;
  if (lane->rollback) badges << tr("rollback");
  if (lane->replay) badges << tr("replay");
  if (lane->rerun) badges << tr("re-run");
  html += tr("<br>Class: <b>%1</b>%2")
              .arg(classWord(lane->runClass),
                   badges.isEmpty() ? QString() : tr(" (%1)").arg(badges.join(QStringLiteral(", "))));
  html += tr("<br>Started %1, %2 %3</p>")
              .arg(shortTime(lane->start), lane->inProgress ? tr("in progress for") : tr("took"),
                   duration((now - lane->start).count()));

  html += tr("<h4>Candidate</h4><p>");
  if (lane->sha) {
    html += tr("<code>%1</code> (%2)").arg(esc(*lane->sha), esc(describe(lane->shaSource)));
    if (const CandidateEntry* candidate = candidates_.find(*lane->sha)) {
      html += tr("<br>Evidence verdict: <b>%1</b>").arg(verdictWord(candidate->report.verdict).toHtmlEscaped());
    } else if (!candidates_.candidates.empty()) {
      html += tr("<br>Evidence verdict: not among the known candidates");
    }
    if (lane->acceptanceRunId) html += tr("<br>Acceptance run %1").arg(*lane->acceptanceRunId);
  } else {
    html += tr("sha unknown: %1").arg(esc(lane->shaNote));
  }
  html += QStringLiteral("</p>");

  html += tr("<h4>Phases</h4><ul>");
  for (const TimelinePhase& phase : lane->phases) {
    const TimePoint end = phase.open ? std::max(phase.end, now) : phase.end;
    html += tr("<li>%1: %2%3</li>")
                .arg(phase.kind == PhaseKind::Queued    ? tr("queued behind the production-mutation lock")
                     : phase.kind == PhaseKind::Waiting ? tr("waiting for approval")
                     : phase.kind == PhaseKind::Runner  ? tr("waiting for a runner")
                                                        : tr("running"),
                     duration((end - phase.start).count()), phase.open ? tr(" (still going)") : QString());
  }
  html += QStringLiteral("</ul>");

  html += tr("<h4>Jobs</h4><table cellspacing=\"2\">");
  for (const JobSpan& job : lane->jobs) {
    const auto seconds = job.seconds();
    const QString name = job.htmlUrl.empty()
                             ? esc(job.name)
                             : QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(job.htmlUrl), esc(job.name));
    html +=
        QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td></tr>")
            .arg(name, esc(job.conclusion.empty() ? job.status : job.conclusion),
                 seconds ? duration(*seconds) : (job.startedAt ? duration((now - *job.startedAt).count()) : QString()));
  }
  if (lane->jobs.empty()) html += tr("<tr><td>No jobs read for this run.</td></tr>");
  html += QStringLiteral("</table>");

  html += tr("<h4>Deployment</h4>");
  const std::vector<const StatusChange*> statuses = timeline->statusesOf(*lane);
  if (statuses.empty()) {
    html += tr("<p>No production deployment recorded by this run.</p>");
  } else {
    html += QStringLiteral("<ul>");
    for (const StatusChange* marker : statuses) {
      const StatusChange& status = *marker;
      const bool live = timeline->live && timeline->live->statusId == status.statusId;
      html += tr("<li>%1 %2%3%4</li>")
                  .arg(shortTime(status.at), esc(status.state),
                       status.description.empty() ? QString() : QStringLiteral(" — ") + esc(status.description),
                       live ? tr(" <b>(LIVE)</b>") : QString());
    }
    html += QStringLiteral("</ul>");
  }

  html += tr("<h4>Production artifacts</h4>");
  html += artifactsHtml(lane->id);
  const int scroll = details_->verticalScrollBar()->value();  // the tick re-renders in-progress runs
  details_->setHtml(html);
  details_->verticalScrollBar()->setValue(scroll);
}

}  // namespace releasedesk
