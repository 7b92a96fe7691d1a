#include "findingspanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tideline::ui {

FindingsPanel::FindingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(page);
    m_filter->setPlaceholderText(tr("Filter findings"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_table = new QTableView(page);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) { emit findingActivated(m_proxy->mapToSource(i)); });
    pageLayout->addWidget(m_filter);
    pageLayout->addWidget(m_table, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    layout->addWidget(m_stack);
    setCasePath(QString());
}

void FindingsPanel::setModel(QAbstractItemModel* model)
{
    m_proxy->setSourceModel(model);
    m_stack->setCurrentIndex(model ? 1 : 0);
}

void FindingsPanel::setCasePath(const QString& path)
{
    m_casePath = path;
    const QString kase = path.isEmpty() ? QStringLiteral("CASE") : path;
    m_empty->setText(tr("<p><b>No findings evaluated for this case.</b></p>"
                        "<p>Findings (workloads that ran without the provenance or attestations a policy requires, unknown "
                        "fingerprints, blind spots) come from the compliance check:</p>"
                        "<p><tt>tideline check --case %1 [--policy FILE]</tt></p>"
                        "<p>Once this build has the compliance engine, they are listed, filtered and reviewed here.</p>")
                         .arg(kase.toHtmlEscaped()));
}

} // namespace tideline::ui
