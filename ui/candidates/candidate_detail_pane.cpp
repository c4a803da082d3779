// The details of the selected candidate.
#include "ui/candidates/candidate_detail_pane.h"
#include "ui/display_text.h"

#include "app/adapter/qt_strings.h"
#include "core/evidence/digest_ref.h"
#include "ui/candidates/findings_model.h"
#include "ui/candidates/unknown_fields_model.h"
#include "ui/elided_label.h"
#include "ui/status_icons.h"
#include "ui/wrapping_text_delegate.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace releasedesk {
namespace {

constexpr int kVerdictIconSize = 40;

QFont monospaceFont() {
  return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

// Values elide in the middle rather than push the pane wider; right-click copies them whole.
ElidedLabel* makeValueLabel(const QString& text, bool monospace, QWidget* parent) {
  auto* label = new ElidedLabel(text, parent);
  if (monospace) label->setFont(monospaceFont());
  return label;
}

QLabel* makeMutedLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setTextFormat(Qt::PlainText);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}

std::size_t countFindings(const Findings& findings, Severity severity) {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == severity; }));
}

QString verdictSummary(const EvidenceReport& report) {
  switch (report.verdict) {
    case Verdict::Accepted:
      return CandidateDetailPane::tr(
          "The acceptance gate passed and the evidence meets the contract: this candidate can be promoted.");
    case Verdict::Rejected:
      return CandidateDetailPane::tr(
          "The evidence is well formed, but the acceptance gate did not pass: this candidate must not be promoted.");
    case Verdict::Invalid: {
      const std::size_t errors = countFindings(report.findings, Severity::Error);
      const QString problems =
          errors == 1 ? CandidateDetailPane::tr("1 error") : CandidateDetailPane::tr("%1 errors").arg(errors);
      return CandidateDetailPane::tr(
                 "The evidence breaks the candidate contract (%1): it cannot be promoted until the acceptance "
                 "stage writes a valid manifest.")
          .arg(problems);
    }
  }
  return {};
}

// Rows of a two-column grid: section titles spanning both columns, then caption/value pairs.
class FormBuilder {
 public:
  FormBuilder(QWidget* form, QHash<QString, ElidedLabel*>& fields)
      : form_(form), grid_(new QGridLayout(form)), fields_(fields) {
    grid_->setColumnStretch(1, 1);
    grid_->setHorizontalSpacing(14);
    grid_->setVerticalSpacing(6);
  }

  void section(const QString& title) {
    auto* label = new QLabel(title, form_);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    if (row_ > 0) grid_->setRowMinimumHeight(row_++, 8);
    grid_->addWidget(label, row_++, 0, 1, 2);
  }

  void field(const QString& key, const QString& caption, const QString& value, bool monospace) {
    add(key, caption, makeValueLabel(value, monospace, form_));
  }

  void missing(const QString& key, const QString& caption, const QString& note) {
    ElidedLabel* value = makeValueLabel(note, false, form_);
    value->setForegroundRole(QPalette::PlaceholderText);
    add(key, caption, value);
  }

  void finish() { grid_->setRowStretch(row_, 1); }

 private:
  void add(const QString& key, const QString& caption, ElidedLabel* value) {
    QLabel* captionLabel = makeMutedLabel(caption, form_);
    value->setObjectName(QStringLiteral("field:") + key);
    value->setAccessibleDescription(caption);
    grid_->addWidget(captionLabel, row_, 0, Qt::AlignLeft | Qt::AlignVCenter);
    grid_->addWidget(value, row_, 1);
    fields_.insert(key, value);
    ++row_;
  }

  QWidget* form_;
  QGridLayout* grid_;
  QHash<QString, ElidedLabel*>& fields_;
  int row_ = 0;
};

// Asks for the height of the whole form, so the splitter starts with every field visible and
// gives the findings what is left.
class FormScrollArea final : public QScrollArea {
 public:
  using QScrollArea::QScrollArea;

  QSize sizeHint() const override {
    const QWidget* form = widget();
    if (form == nullptr) return QScrollArea::sizeHint();
    const int frame = 2 * frameWidth();
    return form->sizeHint() + QSize(frame, frame);
  }
};

void addImage(FormBuilder& form, const QString& key, const QString& title, const std::string& ref) {
  form.section(title);
  if (ref.empty()) {
    form.missing(key, CandidateDetailPane::tr("Reference"), CandidateDetailPane::tr("not given"));
    return;
  }
  const ImageRef parts = splitImageRef(ref);
  const auto part = [&](const char* name, const QString& caption, const std::string& value) {
    const QString partKey = key + QLatin1Char('.') + QLatin1String(name);
    if (value.empty())
      form.missing(partKey, caption, CandidateDetailPane::tr("none"));
    else
      form.field(partKey, caption, displayText(value), true);
  };
  part("registry", CandidateDetailPane::tr("Registry"), parts.registry);
  part("repository", CandidateDetailPane::tr("Repository"), parts.repository);
  if (!parts.tag.empty()) part("tag", CandidateDetailPane::tr("Tag"), parts.tag);
  part("digest", CandidateDetailPane::tr("Digest"), parts.digest);
}

}  // namespace

CandidateDetailPane::CandidateDetailPane(QWidget* parent) : QWidget(parent) {
  pages_ = new QStackedWidget(this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(pages_);

  auto* placeholder = makeMutedLabel(tr("Select a candidate to see its evidence."), pages_);
  placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
  placeholder->setAlignment(Qt::AlignCenter);
  placeholder->setWordWrap(true);
  pages_->addWidget(placeholder);

  auto* details = new QWidget(pages_);
  auto* layout = new QVBoxLayout(details);
  layout->setContentsMargins(10, 10, 8, 0);

  // Header: the verdict first, by icon and word, then which commit and why.
  auto* header = new QGridLayout;
  header->setHorizontalSpacing(12);
  verdictIconLabel_ = new QLabel(details);
  verdictIconLabel_->setObjectName(QStringLiteral("verdictIcon"));
  verdictIconLabel_->setFixedSize(kVerdictIconSize, kVerdictIconSize);
  verdictLabel_ = new QLabel(details);
  verdictLabel_->setObjectName(QStringLiteral("verdict"));
  verdictLabel_->setTextFormat(Qt::PlainText);
  QFont titleFont = verdictLabel_->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
  verdictLabel_->setFont(titleFont);
  headShaLabel_ = makeValueLabel({}, true, details);
  headShaLabel_->setObjectName(QStringLiteral("field:headSha"));
  summaryLabel_ = new QLabel(details);
  summaryLabel_->setObjectName(QStringLiteral("verdictSummary"));
  summaryLabel_->setTextFormat(Qt::PlainText);
  summaryLabel_->setWordWrap(true);
  header->addWidget(verdictIconLabel_, 0, 0, 2, 1, Qt::AlignTop);
  header->addWidget(verdictLabel_, 0, 1);
  header->addWidget(headShaLabel_, 1, 1);
  header->addWidget(summaryLabel_, 2, 1);
  header->setColumnStretch(1, 1);
  layout->addLayout(header);

  auto* splitter = new QSplitter(Qt::Vertical, details);
  splitter_ = splitter;
  splitter->setChildrenCollapsible(false);
  // Once the user places the handle, it stays where they put it.
  connect(splitter, &QSplitter::splitterMoved, this, [this] { splitterMovedByUser_ = true; });
  formArea_ = new FormScrollArea(splitter);
  formArea_->setObjectName(QStringLiteral("detailFields"));
  formArea_->setWidgetResizable(true);
  formArea_->setFrameShape(QFrame::NoFrame);
  formArea_->setBackgroundRole(QPalette::Window);
  // Long values elide instead, so the fields never need scrolling sideways.
  formArea_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  tabs_ = new QTabWidget(splitter);
  tabs_->setObjectName(QStringLiteral("detailTabs"));
  tabs_->setDocumentMode(true);
  findingsModel_ = new FindingsModel(this);
  findingsView_ = new QTreeView(tabs_);
  findingsView_->setObjectName(QStringLiteral("findings"));
  findingsView_->setAccessibleName(tr("Findings"));
  findingsView_->setModel(findingsModel_);
  findingsView_->setRootIsDecorated(false);
  new WrappingTextDelegate(findingsView_, FindingsModel::MessageColumn);
  findingsView_->setAlternatingRowColors(true);
  findingsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  findingsView_->header()->setStretchLastSection(true);
  findingsView_->header()->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
  findingsView_->header()->setSectionResizeMode(FindingsModel::PointerColumn, QHeaderView::ResizeToContents);
  tabs_->addTab(findingsView_, tr("Findings"));

  unknownFieldsModel_ = new UnknownFieldsModel(this);
  unknownFieldsView_ = new QTableView(tabs_);
  unknownFieldsView_->setObjectName(QStringLiteral("unknownFields"));
  unknownFieldsView_->setAccessibleName(tr("Unknown fields"));
  unknownFieldsView_->setModel(unknownFieldsModel_);
  unknownFieldsView_->setAlternatingRowColors(true);
  unknownFieldsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  unknownFieldsView_->setShowGrid(false);
  unknownFieldsView_->verticalHeader()->hide();
  unknownFieldsView_->horizontalHeader()->setStretchLastSection(true);
  // Left-aligned like the findings' header beside it.
  unknownFieldsView_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  unknownFieldsView_->horizontalHeader()->setSectionResizeMode(UnknownFieldsModel::PointerColumn,
                                                               QHeaderView::ResizeToContents);
  tabs_->addTab(unknownFieldsView_, tr("Unknown fields"));

  liveView_ = new QTextBrowser(tabs_);
  liveView_->setObjectName(QStringLiteral("liveDiff"));
  liveView_->setAccessibleName(tr("Against what is live"));
  tabs_->addTab(liveView_, tr("vs Live"));
  setLiveHtml({});

  splitter->addWidget(formArea_);
  splitter->addWidget(tabs_);
  // The fields keep the height they need; findings take the rest.
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  layout->addWidget(splitter, 1);
  pages_->addWidget(details);

  clear();
}

void CandidateDetailPane::clear() {
  fields_.clear();
  delete formArea_->takeWidget();
  findingsModel_->setFindings({});
  unknownFieldsModel_->setFields({});
  verdictLabel_->clear();
  headShaLabel_->clear();
  summaryLabel_->clear();
  verdictIconLabel_->clear();
  verdict_.reset();
  pages_->setCurrentIndex(0);
}

void CandidateDetailPane::fitFormHeight() {
  // The splitter sizes itself from the first form it lays out; when that was the empty pane (the
  // window appeared before an asynchronous load), give each new form the height it asks for.
  const int total = splitter_->height() - splitter_->handleWidth();
  if (splitterMovedByUser_ || total <= 0 || splitter_->sizes().value(1) <= 0) return;
  const int form = std::min(formArea_->sizeHint().height(), total * 2 / 3);
  splitter_->setSizes({form, total - form});
}

void CandidateDetailPane::changeEvent(QEvent* event) {
  // The verdict icon is a pixmap painted with the palette of its time: repaint it on a theme switch.
  if (event->type() == QEvent::PaletteChange && verdict_) {
    verdictIconLabel_->setPixmap(verdictIcon(*verdict_).pixmap(kVerdictIconSize, kVerdictIconSize));
  }
  QWidget::changeEvent(event);
}

void CandidateDetailPane::showCandidate(const CandidateEntry& entry, const QString& folder, bool fromGitHub) {
  const EvidenceReport& report = entry.report;
  const EvidenceManifest& manifest = report.manifest;

  verdict_ = report.verdict;
  verdictIconLabel_->setPixmap(verdictIcon(report.verdict).pixmap(kVerdictIconSize, kVerdictIconSize));
  verdictLabel_->setText(verdictWord(report.verdict));
  headShaLabel_->setText(manifest.headSha.empty() ? tr("no headSha (folder %1)").arg(displayText(entry.sha))
                                                  : displayText(manifest.headSha));
  summaryLabel_->setText(verdictSummary(report));

  fields_.clear();
  delete formArea_->takeWidget();
  fields_.insert(QStringLiteral("headSha"), headShaLabel_);
  formArea_->setWidget(buildForm(entry, folder, fromGitHub));
  fitFormHeight();

  findingsModel_->setFindings(report.findings);
  unknownFieldsModel_->setFields(manifest.unknownFields);
  tabs_->setTabText(0, tr("Findings (%1)").arg(report.findings.size()));
  tabs_->setTabText(1, tr("Unknown fields (%1)").arg(manifest.unknownFields.size()));
  tabs_->setTabEnabled(1, !manifest.unknownFields.empty());
  if (manifest.unknownFields.empty()) tabs_->setCurrentIndex(0);
  unknownFieldsView_->resizeColumnsToContents();
  unknownFieldsView_->horizontalHeader()->setStretchLastSection(true);
  pages_->setCurrentIndex(1);
}

QWidget* CandidateDetailPane::buildForm(const CandidateEntry& entry, const QString& folder, bool fromGitHub) {
  const EvidenceManifest& manifest = entry.report.manifest;
  auto* form = new QWidget;
  form->setObjectName(QStringLiteral("detailForm"));
  FormBuilder builder(form, fields_);

  builder.section(tr("Candidate"));
  if (manifest.kind.empty())
    builder.missing(QStringLiteral("kind"), tr("Kind"), tr("not given"));
  else
    builder.field(QStringLiteral("kind"), tr("Kind"), displayText(manifest.kind), false);
  builder.field(QStringLiteral("folder"), fromGitHub ? tr("Evidence") : tr("Folder"), folder, true);
  if (manifest.acceptanceStageGate)
    builder.field(QStringLiteral("acceptanceStageGate"), tr("Acceptance gate"),
                  displayText(*manifest.acceptanceStageGate), true);
  else
    builder.missing(QStringLiteral("acceptanceStageGate"), tr("Acceptance gate"), tr("not given"));

  builder.section(tr("Scope"));
  if (manifest.scope.empty()) builder.missing(QStringLiteral("scope"), tr("Flags"), tr("none could be read"));
  for (const auto& [key, value] : manifest.scope) {
    const QString name = displayText(key);
    builder.field(QStringLiteral("scope.") + name, name, value ? QStringLiteral("true") : QStringLiteral("false"),
                  true);
  }

  addImage(builder, QStringLiteral("apiRef"), tr("API image"), manifest.apiRef);
  addImage(builder, QStringLiteral("webRef"), tr("Web image"), manifest.webRef);
  builder.finish();
  return form;
}

QString CandidateDetailPane::headSha() const {
  return isShowingCandidate() ? headShaLabel_->text() : QString();
}

QString CandidateDetailPane::verdictText() const {
  return isShowingCandidate() ? verdictLabel_->text() : QString();
}

QString CandidateDetailPane::fieldText(const QString& key) const {
  const ElidedLabel* label = fields_.value(key);
  return label != nullptr ? label->text() : QString();
}

QStringList CandidateDetailPane::fieldKeys() const {
  return fields_.keys();
}

bool CandidateDetailPane::isShowingCandidate() const {
  return pages_->currentIndex() == 1;
}

}  // namespace releasedesk

namespace releasedesk {

void CandidateDetailPane::setLiveHtml(const QString& html) {
  liveView_->setHtml(html.isEmpty() ? QStringLiteral("<p>%1</p>")
                                          .arg(tr("How this candidate stands against production is read from "
                                                  "GitHub's deployments: open a project or the sandbox.")
                                                   .toHtmlEscaped())
                                    : html);
}

}  // namespace releasedesk
