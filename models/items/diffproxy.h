// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "items/diffmodel.h"

#include <QSortFilterProxyModel>

#include <array>

namespace tideline {

// Shows the kinds of change asked for, and rows whose name or fingerprint contains a text.
class DiffProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit DiffProxy(QObject* parent = nullptr);
    void setChangeVisible(DiffModel::Change change, bool visible);
    bool changeVisible(DiffModel::Change change) const { return m_visible[static_cast<size_t>(change)]; }
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    std::array<bool, DiffModel::ChangeCount> m_visible { true, true, true, true };
    QString m_text;
};

} // namespace tideline
