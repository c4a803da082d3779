// The Candidates view: the filterable list of acceptance candidates beside the details of the
// selected one.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "ui/candidates/candidate_source.h"
#include "ui/desk_page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace releasedesk {

class CandidateDetailPane;
class DecisionDesk;
class CandidateListModel;

class CandidatesView final : public DeskPage {
  Q_OBJECT

 public:
  explicit CandidatesView(QWidget* parent = nullptr);

  // Shows `catalog`, read from `source`. Keeps the selected candidate when it is still listed,
  // otherwise selects the first one.
  void setCatalog(const CandidateCatalog& catalog, const CandidateSource& source);

  Navigation navigation() const override;
  void showTimesAgain() override;
  // The session's candidates: setCatalog().
  void setCandidates(const CandidateCatalog& catalog, const CandidateSource& source) override;

  // Selects the candidate whose SHA is `shaOrPrefix` or uniquely starts with it. Clears the filter
  // when it hides that candidate. Returns false when there is no such candidate.
  bool selectCandidate(const QString& shaOrPrefix);
  // The full SHA of the selected candidate, empty when none is selected.
  QString selectedSha() const;
  // "2 entries skipped" (details in its tooltip), empty when nothing was skipped.
  QString skippedText() const;
  QString skippedDetails() const;

  CandidateListModel* model() const { return model_; }
  QSortFilterProxyModel* proxyModel() const { return proxy_; }
  QTreeView* list() const { return list_; }
  QLineEdit* filterEdit() const { return filterEdit_; }
  CandidateDetailPane* detailPane() const { return detailPane_; }
  QPushButton* replayButton() const { return replayButton_; }
  QPushButton* rollbackButton() const { return rollbackButton_; }

  // Where each candidate's relation to live and its diff against live come from; null when
  // there is none (folders, the sample). The view follows the desk's reads.
  void setDecisionDesk(DecisionDesk* desk);
  // Adds what the first paint can do without: the filter's clear button, whose icon the style
  // looks up in the system icon theme (parsing its index and loading every image format plugin).
  // The window calls it once the first read is painted; until then the filter is empty anyway.
  void addFilterClearButton();

 public slots:
  void focusFilter();

 signals:
  // attentionCountChanged (DeskPage): rejected plus invalid candidates.
  void selectedCandidateChanged(const QString& sha);
  // Replay… on the selected candidate, and Roll Back…: the window opens the dialogs.
  void replayRequested(const QString& sha);
  void rollbackRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void applyFilter(const QString& text);
  void selectFirstIfNone();
  void showSelection();
  void updateSummary();
  void showSkippedDetails();
  // The desk's context changed: every row's relation to live, then the selection's.
  void showLive();
  // The selection changed: its Replay…/Roll Back… buttons and its "vs Live" tab.
  void showLiveOfSelection();

  CandidateListModel* model_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;
  QLineEdit* filterEdit_ = nullptr;
  QTreeView* list_ = nullptr;
  QLabel* summaryLabel_ = nullptr;
  QLabel* skippedLabel_ = nullptr;
  CandidateDetailPane* detailPane_ = nullptr;
  QPushButton* replayButton_ = nullptr;
  QPushButton* rollbackButton_ = nullptr;
  DecisionDesk* desk_ = nullptr;
  CandidateSource source_;
  std::vector<SkippedEntry> skipped_;
  bool takingCatalog_ = false;  // in setCatalog, which shows the selection itself
};

}  // namespace releasedesk
