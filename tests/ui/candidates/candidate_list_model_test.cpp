// The Candidates models and icons on their own: what each row and role says, in both palettes.
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidate_source.h"
#include "ui/candidates/findings_model.h"
#include "ui/candidates/unknown_fields_model.h"
#include "ui/status_icons.h"
#include "ui/status_indicator.h"

#include <QApplication>
#include <QFontDatabase>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPalette>
#include <QTest>

using namespace releasedesk;

namespace {

// How many pixels of `icon` at `size` are drawn at all.
int coverage(const QIcon& icon, int size) {
  const QImage image = icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
  int drawn = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) drawn += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
  }
  return drawn;
}

QPalette darkPalette() {
  QPalette palette;
  palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
  palette.setColor(QPalette::WindowText, Qt::white);
  palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  palette.setColor(QPalette::Text, Qt::white);
  return palette;
}

}  // namespace

class TestCandidateModels : public QObject {
  Q_OBJECT

 private slots:
  void sampleCatalogueFillsTheModel() {
    const CandidateCatalog catalog = loadCandidates(CandidateSource{});
    QVERIFY(catalog.error.empty());
    CandidateListModel model;
    model.setCandidates(catalog.candidates);

    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), 6);
    // The sample has no acceptance times: the Date column says so rather than inventing one.
    QCOMPARE(model.index(0, CandidateListModel::DateColumn).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.count(Verdict::Accepted), 4);
    QCOMPARE(model.count(Verdict::Rejected), 1);
    QCOMPARE(model.count(Verdict::Invalid), 1);
    QCOMPARE(model.attentionCount(), 2);
    QCOMPARE(model.headerData(CandidateListModel::VerdictColumn, Qt::Horizontal).toString(), QStringLiteral("Verdict"));
  }

  void rowsSayWhatTheCandidateIs() {
    CandidateListModel model;
    model.setCandidates(loadCandidates(CandidateSource{}).candidates);
    const int row = model.rowOf(QStringLiteral("0b8f1f"));
    QVERIFY(row >= 0);
    const auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };

    QCOMPARE(cell(CandidateListModel::ShaColumn).toString(), QStringLiteral("0b8f1f0b31cf"));
    QCOMPARE(cell(CandidateListModel::ShaColumn, CandidateListModel::ShaRole).toString(),
             QStringLiteral("0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8"));
    QCOMPARE(cell(CandidateListModel::ShaColumn, Qt::FontRole).value<QFont>(),
             QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QCOMPARE(cell(CandidateListModel::KindColumn).toString(), QStringLiteral("runtime"));
    // Only the true flags, including ones the contract does not name.
    QCOMPARE(cell(CandidateListModel::ScopeColumn, CandidateListModel::ScopeFlagsRole).toStringList(),
             (QStringList{QStringLiteral("infra"), QStringLiteral("runtime"), QStringLiteral("migrations")}));
    QCOMPARE(cell(CandidateListModel::VerdictColumn).toString(), QStringLiteral("accepted"));
    QVERIFY(!cell(CandidateListModel::VerdictColumn, Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(cell(CandidateListModel::VerdictColumn, CandidateListModel::VerdictRole).toInt(),
             static_cast<int>(Verdict::Accepted));
  }

  void aPrefixFindsOneCandidateOrNone() {
    CandidateListModel model;
    model.setCandidates(loadCandidates(CandidateSource{}).candidates);
    QVERIFY(model.rowOf(QStringLiteral("85d2a9")) >= 0);
    QCOMPARE(model.rowOf(QStringLiteral("ffff")), -1);
    QCOMPARE(model.rowOf(QString()), -1);
    // "8" starts both 84131100… and 85d2a9…: ambiguous, so no row.
    QCOMPARE(model.rowOf(QStringLiteral("8")), -1);
  }

  void sortingByVerdictPutsAttentionFirst() {
    CandidateListModel model;
    model.setCandidates(loadCandidates(CandidateSource{}).candidates);
    const auto rank = [&](const QString& prefix) {
      return model.index(model.rowOf(prefix), CandidateListModel::VerdictColumn)
          .data(CandidateListModel::SortRole)
          .toInt();
    };
    QVERIFY(rank(QStringLiteral("6a6d61")) < rank(QStringLiteral("85d2a9")));  // invalid before rejected
    QVERIFY(rank(QStringLiteral("85d2a9")) < rank(QStringLiteral("4bd780")));  // rejected before accepted
  }

  void findingsShowSeverityPointerAndMessage() {
    FindingsModel model;
    model.setFindings(
        {{Severity::Error, "/candidate/webRef", "A tag is not a digest."}, {Severity::Info, "", "Whole document."}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("error"));
    QVERIFY(!model.index(0, FindingsModel::SeverityColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(0, FindingsModel::PointerColumn).data().toString(), QStringLiteral("/candidate/webRef"));
    QCOMPARE(model.index(0, FindingsModel::MessageColumn).data().toString(), QStringLiteral("A tag is not a digest."));
    QCOMPARE(model.index(1, FindingsModel::PointerColumn).data().toString(), QStringLiteral("(document)"));
    QCOMPARE(model.index(1, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("info"));
  }

  void unknownFieldsShowPointerAndJson() {
    UnknownFieldsModel model;
    model.setFields({{"/build/workflowRun", "4182"}});
    QCOMPARE(model.index(0, UnknownFieldsModel::PointerColumn).data().toString(), QStringLiteral("/build/workflowRun"));
    QCOMPARE(model.index(0, UnknownFieldsModel::ValueColumn).data().toString(), QStringLiteral("4182"));
  }

  void outsideTextIsShownEscaped() {
    // A manifest value or finding that carries control characters is shown, escaped, in every cell.
    const std::string hostile = std::string("x\n::error file=x::owned\x1b[31m") + '\0' + "end";
    const QString shown = QStringLiteral("x\\n::error file=x::owned\\x1b[31m\\x00end");
    CandidateEntry entry;
    entry.sha = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";
    entry.report.manifest.kind = hostile;
    entry.report.manifest.scope = {{hostile, true}};
    entry.report.findings = {{Severity::Error, "/" + hostile, hostile}};
    CandidateListModel candidates;
    candidates.setCandidates({entry});
    QCOMPARE(candidates.index(0, CandidateListModel::KindColumn).data().toString(), shown);
    QCOMPARE(candidates.index(0, CandidateListModel::ScopeColumn).data().toString(), shown);
    FindingsModel findings;
    findings.setFindings(entry.report.findings);
    QCOMPARE(findings.index(0, FindingsModel::MessageColumn).data().toString(), shown);
    QCOMPARE(findings.index(0, FindingsModel::PointerColumn).data().toString(), QLatin1Char('/') + shown);
    QCOMPARE(findings.index(0, FindingsModel::MessageColumn).data(Qt::ToolTipRole).toString(), shown);
    UnknownFieldsModel fields;
    fields.setFields({{"/" + hostile, "\"" + hostile + "\""}});
    QCOMPARE(fields.index(0, UnknownFieldsModel::PointerColumn).data().toString(), QLatin1Char('/') + shown);
  }

  void iconsAreDrawnAndDifferByShape() {
    // Check, no-entry and cross cover different areas of the same disc.
    for (Verdict verdict : {Verdict::Accepted, Verdict::Rejected, Verdict::Invalid}) {
      QVERIFY(coverage(verdictIcon(verdict), 32) > 32 * 32 / 2);
    }
    // Same palette, different glyphs: the pictures differ even where the colours might not.
    const QImage accepted = verdictIcon(Verdict::Accepted).pixmap(32, 32).toImage();
    const QImage rejected = verdictIcon(Verdict::Rejected).pixmap(32, 32).toImage();
    const QImage error = severityIcon(Severity::Error).pixmap(32, 32).toImage();
    QVERIFY(accepted != rejected);
    QVERIFY(rejected != error);
    for (Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
      QVERIFY(coverage(severityIcon(severity), 24) > 0);
    }
    QCOMPARE(verdictWord(Verdict::Rejected), QStringLiteral("rejected"));
    QCOMPARE(severityWord(Severity::Warning), QStringLiteral("warning"));
  }

  void anIconIsNamedByItsPicture() {
    // The same glyph in the same tone is the same picture, whichever function made it.
    QCOMPARE(verdictIcon(Verdict::Accepted).name(), checkStatusIcon(CheckStatus::Ok).name());
    QCOMPARE(staleIcon().name(), severityIcon(Severity::Warning).name());
    QVERIFY(!verdictIcon(Verdict::Accepted).name().isEmpty());
    QVERIFY(verdictIcon(Verdict::Accepted).name() != verdictIcon(Verdict::Invalid).name());
    QVERIFY(connectionIcon(ConnectionState::Sandbox).name() != connectionIcon(ConnectionState::Failed).name());
  }

  void aStatusIsPaintedOnlyWhenItChanges() {
    StatusIndicator indicator;
    QLabel* icon = nullptr;
    for (QLabel* label : indicator.findChildren<QLabel*>()) {
      if (label != indicator.textLabel()) icon = label;
    }
    QVERIFY(icon != nullptr);
    indicator.setStatus(connectionIcon(ConnectionState::Sandbox), QStringLiteral("sandbox"), QStringLiteral("tip"));
    const qint64 painted = icon->pixmap().cacheKey();
    QVERIFY(!icon->pixmap().isNull());

    // The same status told again (a new QIcon of the same picture) keeps the painted icon.
    indicator.setStatus(connectionIcon(ConnectionState::Sandbox), QStringLiteral("sandbox"), QStringLiteral("tip"));
    QCOMPARE(icon->pixmap().cacheKey(), painted);
    // New words beside the same icon: the words change, the icon is not painted again.
    indicator.setStatus(connectionIcon(ConnectionState::Sandbox), QStringLiteral("sandbox · 3 requests"),
                        QStringLiteral("other tip"));
    QCOMPARE(indicator.text(), QStringLiteral("sandbox · 3 requests"));
    QCOMPARE(indicator.toolTip(), QStringLiteral("other tip"));
    QCOMPARE(indicator.accessibleName(), QStringLiteral("sandbox · 3 requests"));
    QCOMPARE(icon->pixmap().cacheKey(), painted);
    // Another picture is painted; no icon hides it; an icon back shows it again.
    indicator.setStatus(connectionIcon(ConnectionState::Failed), QStringLiteral("failed"));
    QVERIFY(icon->pixmap().cacheKey() != painted);
    QVERIFY(indicator.hasIcon());
    indicator.setStatus({}, QStringLiteral("failed"));
    QVERIFY(!indicator.hasIcon());
    QVERIFY(icon->isHidden());
    indicator.setStatus(connectionIcon(ConnectionState::Failed), QStringLiteral("failed"));
    QVERIFY(indicator.hasIcon());
    QVERIFY(!icon->isHidden());
    QVERIFY(!icon->pixmap().isNull());
  }

  void coloursFollowThePalette() {
    const QPalette light = QApplication::palette();
    const QPalette dark = darkPalette();
    for (Verdict verdict : {Verdict::Accepted, Verdict::Rejected, Verdict::Invalid}) {
      // Lighter on a dark base, darker on a light one: readable in both.
      QVERIFY(verdictColor(verdict, dark).lightness() > verdictColor(verdict, light).lightness());
    }
    const QImage before = verdictIcon(Verdict::Accepted).pixmap(16, 16).toImage();
    const QPalette original = QApplication::palette();
    QApplication::setPalette(dark);
    const QImage after = verdictIcon(Verdict::Accepted).pixmap(16, 16).toImage();
    QApplication::setPalette(original);
    QVERIFY(before != after);
  }
};

QTEST_MAIN(TestCandidateModels)
#include "candidate_list_model_test.moc"
