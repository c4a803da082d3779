// The banner at the top of the window that says what failed and what to do, while the data
// from before the failure stays on screen below it.
#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;

namespace releasedesk {

class ErrorBanner final : public QWidget {
  Q_OBJECT

 public:
  explicit ErrorBanner(QWidget* parent = nullptr);

  // Shows the banner. `what` says what failed, `advice` what to do about it; "Try Again" is
  // offered when `canRetry`, and a button for `fix` (such as Set Up…) when given.
  void showError(const QString& what, const QString& advice, bool canRetry, QAction* fix = nullptr);
  void dismiss();

  QString headline() const;
  QString advice() const;
  // The action offered as the fix, if any.
  QAction* fixAction() const { return fixAction_; }

 signals:
  void retryRequested();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QLabel* icon_ = nullptr;
  QLabel* headline_ = nullptr;
  QLabel* advice_ = nullptr;
  QPushButton* fix_ = nullptr;
  QPointer<QAction> fixAction_;
  QPushButton* retry_ = nullptr;
  QPushButton* dismiss_ = nullptr;
};

}  // namespace releasedesk
