// The History page: the decision journal, newest first — every approve, reject, replay and
// rollback sent from this desk (or the console on this machine), its grounds and GitHub's answer
// — with export to Markdown and JSON.
#pragma once

#include "core/actions/decision_journal.h"
#include "ui/desk_page.h"

#include <QAbstractTableModel>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeView;

namespace releasedesk {

class DecisionDesk;

class HistoryModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { TimeColumn, ActionColumn, RunColumn, CandidateColumn, OutcomeColumn, ByColumn, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setJournal(JournalRead journal);
  const JournalRead& journal() const { return journal_; }
  const JournalDecision* decision(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  JournalRead journal_;
};

class HistoryPage final : public DeskPage {
  Q_OBJECT

 public:
  explicit HistoryPage(DecisionDesk& desk, QWidget* parent = nullptr);
  ~HistoryPage() override;

  // The navigation entry, known before the page is made (the window makes it when first needed).
  static Navigation pageNavigation();
  Navigation navigation() const override { return pageNavigation(); }

  HistoryModel* model() const { return model_; }
  QTreeView* list() const { return list_; }
  QTextBrowser* detailsPane() const { return details_; }
  // Writes the journal to `file` as Markdown (.md) or JSON (any other suffix); "" on success,
  // else what went wrong.
  QString exportTo(const QString& file) const;

 public slots:
  void refresh() override;
  // Shows the decisions about the new connection's repository (every project's without one).
  void setConnection(DeskConnection* connection) override;
  void showTimesAgain() override { refresh(); }

 private:
  void showSelection();
  void exportWithDialog(bool markdown);

  DecisionDesk& desk_;
  HistoryModel* model_ = nullptr;
  QTreeView* list_ = nullptr;
  QLabel* summary_ = nullptr;
  QTextBrowser* details_ = nullptr;
  QPushButton* exportMarkdown_ = nullptr;
  QPushButton* exportJson_ = nullptr;
};

}  // namespace releasedesk
