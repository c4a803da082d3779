// The banner at the top of the window that says what failed and what to do, while the data
// from before the failure stays on screen below it.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace releasedesk {

class ErrorBanner final : public QWidget {
  Q_OBJECT

 public:
  explicit ErrorBanner(QWidget* parent = nullptr);

  // Shows the banner. `what` says what failed, `advice` what to do about it; "Try Again" is
  // offered when `canRetry`.
  void showError(const QString& what, const QString& advice, bool canRetry);
  void dismiss();

  QString headline() const;
  QString advice() const;

 signals:
  void retryRequested();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QLabel* icon_ = nullptr;
  QLabel* headline_ = nullptr;
  QLabel* advice_ = nullptr;
  QPushButton* retry_ = nullptr;
  QPushButton* dismiss_ = nullptr;
};

}  // namespace releasedesk
