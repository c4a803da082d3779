// The views of the left navigation, each with a badge counting what needs attention.
#pragma once

#include <QAbstractListModel>
#include <QString>

#include <vector>

namespace releasedesk {

class NavigationModel final : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    BadgeRole = Qt::UserRole + 1,  // int: how many items need attention, 0 for none
  };

  explicit NavigationModel(QObject* parent = nullptr);

  // Appends a view; its row is its page in the window's stack. `badgeMeaning` completes
  // "<count> ..." in the tooltip, e.g. "candidates need attention".
  int addView(const QString& title, const QString& badgeMeaning);
  void setBadge(int row, int count);
  int badge(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 private:
  struct View {
    QString title;
    QString badgeMeaning;
    int badge = 0;
  };
  std::vector<View> views_;
};

}  // namespace releasedesk
