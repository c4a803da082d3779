// A page of the desk's window (Candidates, Environment, Timeline, …): what the window needs to
// list it in the navigation with its badge and shortcut, hand it the session's connection and
// candidates, and ask it to read again. The window registers its pages in one list.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "ui/candidates/candidate_source.h"
#include "ui/elided_label.h"

#include <QString>
#include <QWidget>

namespace releasedesk {

class DeskConnection;

class DeskPage : public QWidget {
  Q_OBJECT

 public:
  // How the window lists the page.
  struct Navigation {
    QString name;              // untranslated and stable: the action showing the page is "show<name>"
    QString title;             // the navigation row: "Candidates"
    QString menuText;          // the View menu entry, with its mnemonic: "&Candidates"
    QString attentionMeaning;  // completes "<count> …" in the badge's tooltip
  };

  using QWidget::QWidget;
  ~DeskPage() override = default;

  virtual Navigation navigation() const = 0;

  // The source the page shows or reads ("Sandbox · contoso/shop · production"), named in the
  // page's own header so no row is ever read as another source's. The window sets it whenever the
  // source or the connection changes.
  void setSourceName(const QString& name);
  QString sourceName() const { return sourceName_; }

  // The connection to read through, nullptr when there is none. Called before the previous
  // connection is destroyed: the page lets go of its client here. A page reads nothing until
  // refresh(); the window calls it when the page is first shown with a connection.
  virtual void setConnection(DeskConnection* connection) { Q_UNUSED(connection) }
  // The candidates the session now shows, after every successful load.
  virtual void setCandidates(const CandidateCatalog& catalog, const CandidateSource& source) {
    Q_UNUSED(catalog)
    Q_UNUSED(source)
  }

 public slots:
  // Reads the page's own data again (F5 while it is shown). Pages without data of their own,
  // such as Candidates whose data the session reads, do nothing.
  virtual void refresh() {}
  // Stops the page's own reading under way (Esc), keeping what it showed, marked stale. Returns
  // whether there was one.
  virtual bool cancelRefresh() { return false; }
  // The desk's clock changed (View › Show Times in UTC): show the times again.
  virtual void showTimesAgain() {}

 signals:
  // How many things on the page need attention now, for its navigation badge.
  void attentionCountChanged(int count);

 protected:
  // The label naming the source (objectName "pageSource"), for the page to place in its header.
  ElidedLabel* sourceNameLabel();

 private:
  QString sourceName_;
  ElidedLabel* sourceNameLabel_ = nullptr;
};

}  // namespace releasedesk
