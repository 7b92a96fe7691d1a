#pragma once

#include <QSortFilterProxyModel>

namespace tideline {

// Findings of one environment, kind and disposition (each empty: any), whose id, names, fingerprint or
// description contain a text; sorted by the model's SortRole (times and durations as numbers).
class FindingProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FindingProxy(QObject* parent = nullptr);
    void setEnvironment(const QString& environment);
    void setKind(const QString& kind);
    void setDisposition(const QString& disposition);
    void setText(const QString& text);
    QString environment() const { return m_environment; }
    QString kind() const { return m_kind; }
    QString disposition() const { return m_disposition; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    void set(QString& field, const QString& value);

    QString m_environment;
    QString m_kind;
    QString m_disposition;
    QString m_text;
};

} // namespace tideline
