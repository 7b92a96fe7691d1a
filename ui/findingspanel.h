#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace tideline::ui {

// Where findings are listed, filtered and opened. The compliance engine plugs its model in with setModel();
// until then the panel says which command produces findings rather than showing anything made up.
class FindingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model);
    void setCasePath(const QString& path);
    QTableView* table() const { return m_table; }

signals:
    void findingActivated(const QModelIndex& sourceIndex);

private:
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLineEdit* m_filter;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QString m_casePath;
};

} // namespace tideline::ui
