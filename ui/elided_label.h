// A one-line label for long values (paths, digests): elided in the middle when the pane is
// narrow, with the whole text in its tooltip and a Copy action that copies all of it.
#pragma once

#include <QWidget>

namespace releasedesk {

class ElidedLabel final : public QWidget {
  Q_OBJECT

 public:
  explicit ElidedLabel(const QString& text = {}, QWidget* parent = nullptr);

  // Always the whole text, whatever is painted.
  QString text() const { return text_; }
  void setText(const QString& text);
  void clear() { setText({}); }
  bool isElided() const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateToolTip();

  QString text_;
};

}  // namespace releasedesk
