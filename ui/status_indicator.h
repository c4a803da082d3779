// A small icon beside a line of text, for the status bar and the top bar: states are shown by
// icon and word together, never by colour alone.
#pragma once

#include <QIcon>
#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace releasedesk {

class StatusIndicator final : public QWidget {
  Q_OBJECT

 public:
  explicit StatusIndicator(QWidget* parent = nullptr);

  // A null icon hides the icon and leaves the text alone.
  void setStatus(const QIcon& icon, const QString& text, const QString& toolTip = {});
  void clear();
  // For sentences under form fields and in dialogs: wrap, and use the whole width.
  void setWordWrap(bool wrap);

  QString text() const;
  bool hasIcon() const { return !icon_.isNull(); }
  QLabel* textLabel() const { return text_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void paintIcon();

  QIcon icon_;
  QHBoxLayout* layout_ = nullptr;
  QLabel* iconLabel_ = nullptr;
  QLabel* text_ = nullptr;
};

}  // namespace releasedesk
