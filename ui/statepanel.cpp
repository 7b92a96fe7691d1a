// SPDX-License-Identifier: GPL-3.0-or-later
#include "statepanel.h"

#include "items/statemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tideline::ui {

StatePanel::StatePanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new StateModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter workloads"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("Click anywhere on the timeline to see what was running at that moment."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(StateModel::NameColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Double-click a workload to search for it in every environment"));
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString fp = index.data(StateModel::FingerprintRole).toString();
        emit searchRequested(fp.isEmpty() ? index.siblingAtColumn(StateModel::NameColumn).data().toString() : fp);
    });
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
    clear();
}

void StatePanel::setStates(Millis at, std::vector<State> states, const QStringList& problems)
{
    QStringList lines;
    lines << tr("<b>At %1</b>").arg(timefmt::formatIso(at));
    for (const State& s : states) {
        QString line = tr("%1: snapshot #%2, taken %3, %4 workloads")
                           .arg(s.environment.name.toHtmlEscaped())
                           .arg(s.snapshot.index)
                           .arg(timefmt::formatIso(s.snapshot.takenAt))
                           .arg(s.workloads.size());
        if (!s.observed)
            line += tr(" — <i>after its last report (%1): not observed</i>").arg(timefmt::formatIso(s.snapshot.confirmedUntil));
        lines << line;
    }
    for (const QString& p : problems)
        lines << QStringLiteral("<i>%1</i>").arg(p.toHtmlEscaped());
    m_title->setText(lines.join(QStringLiteral("<br>")));
    m_model->setStates(std::move(states));
    m_table->setColumnHidden(StateModel::EnvironmentColumn, m_model->states().size() < 2);
    m_table->resizeColumnToContents(StateModel::FingerprintColumn);
    m_table->resizeColumnToContents(StateModel::InstancesColumn);
    m_table->resizeColumnToContents(StateModel::SinceColumn);
    m_stack->setCurrentWidget(m_table);
}

void StatePanel::clear()
{
    m_model->setStates({});
    m_title->setText(tr("<b>State at the cursor</b>"));
    m_stack->setCurrentWidget(m_empty);
}

} // namespace tideline::ui
