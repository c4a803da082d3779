// The source label every page carries in its header.
#include "ui/desk_page.h"

#include "ui/elided_label.h"

namespace releasedesk {

ElidedLabel* DeskPage::sourceNameLabel() {
  if (!sourceNameLabel_) {
    // Elided: a long host name must not widen the window.
    sourceNameLabel_ = new ElidedLabel({}, this);
    sourceNameLabel_->setObjectName(QStringLiteral("pageSource"));
    sourceNameLabel_->setForegroundRole(QPalette::PlaceholderText);
    sourceNameLabel_->setAccessibleName(tr("Source"));
  }
  return sourceNameLabel_;
}

void DeskPage::setSourceName(const QString& name) {
  sourceName_ = name;
  sourceNameLabel()->setText(name);
}

}  // namespace releasedesk
