// The details of the selected candidate: verdict, every contract field, findings and the
// fields the contract does not define.
#pragma once

#include "core/evidence/artifact_tree.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QTableView;
class QTreeView;

namespace releasedesk {

class ElidedLabel;
class FindingsModel;
class UnknownFieldsModel;

class CandidateDetailPane final : public QWidget {
  Q_OBJECT

 public:
  explicit CandidateDetailPane(QWidget* parent = nullptr);

  // `folder` is where the manifest was found, as the user should read it; `fromGitHub` names it
  // as the run's artifact rather than a folder.
  void showCandidate(const CandidateEntry& entry, const QString& folder, bool fromGitHub = false);
  // Shows the "select a candidate" placeholder.
  void clear();
  // The "vs Live" tab: how the candidate stands against what is live (HTML, escaped by the
  // caller); empty hides nothing but says the relation is not known.
  void setLiveHtml(const QString& html);
  QTextBrowser* liveView() const { return liveView_; }

  // What is on screen, for tests and accessibility tools. Empty while nothing is shown.
  QString headSha() const;
  QString verdictText() const;
  // The text shown for a field. Keys: "headSha", "folder", "kind", "acceptanceStageGate",
  // "scope.<key>" for every scope key, and for "apiRef" and "webRef" the parts ".registry",
  // ".repository", ".tag" (only when the ref has one) and ".digest"; a ref that is not given
  // shows under its own key ("apiRef"). Empty for a key that is not shown.
  QString fieldText(const QString& key) const;
  QStringList fieldKeys() const;
  bool isShowingCandidate() const;

  FindingsModel* findingsModel() const { return findingsModel_; }
  UnknownFieldsModel* unknownFieldsModel() const { return unknownFieldsModel_; }
  QTreeView* findingsView() const { return findingsView_; }
  QTableView* unknownFieldsView() const { return unknownFieldsView_; }
  QTabWidget* tabs() const { return tabs_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildForm(const CandidateEntry& entry, const QString& folder, bool fromGitHub);
  void fitFormHeight();

  QStackedWidget* pages_ = nullptr;
  QLabel* verdictIconLabel_ = nullptr;
  QLabel* verdictLabel_ = nullptr;
  ElidedLabel* headShaLabel_ = nullptr;
  QLabel* summaryLabel_ = nullptr;
  QScrollArea* formArea_ = nullptr;
  QSplitter* splitter_ = nullptr;
  bool splitterMovedByUser_ = false;
  QTabWidget* tabs_ = nullptr;
  FindingsModel* findingsModel_ = nullptr;
  UnknownFieldsModel* unknownFieldsModel_ = nullptr;
  QTreeView* findingsView_ = nullptr;
  QTableView* unknownFieldsView_ = nullptr;
  QTextBrowser* liveView_ = nullptr;
  QHash<QString, ElidedLabel*> fields_;
  std::optional<Verdict> verdict_;
};

}  // namespace releasedesk
