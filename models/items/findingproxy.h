// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace tideline {

// Findings of one environment, kind and disposition (each empty or nothing: any), whose id, names, fingerprint or
// description contain a text; sorted by the model's SortRole (times and durations as numbers).
class FindingProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FindingProxy(QObject* parent = nullptr);
    void setEnvironment(const QString& environment);
    void setKind(std::optional<FindingKind> kind);
    void setDisposition(std::optional<Disposition> disposition);
    void setText(const QString& text);
    QString environment() const { return m_environment; }
    std::optional<FindingKind> kind() const { return m_kind; }
    std::optional<Disposition> disposition() const { return m_disposition; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    template <typename T>
    void set(T& field, const T& value);

    QString m_environment;
    std::optional<FindingKind> m_kind;
    std::optional<Disposition> m_disposition;
    QString m_text;
};

} // namespace tideline
