// SPDX-License-Identifier: GPL-3.0-or-later
#include "statepanel.h"

#include "items/statemodel.h"
#include "tablecopy.h"
#include "theme.h"
#include "timetext.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QPushButton>
#include <QToolButton>
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
    // Time as an input: typed, or stepped snapshot by snapshot.
    auto* atRow = new QHBoxLayout;
    auto* earlier = new QToolButton(this);
    earlier->setArrowType(Qt::LeftArrow);
    earlier->setObjectName(QStringLiteral("stateEarlier"));
    earlier->setToolTip(tr("The snapshot before (← on the timeline)"));
    auto* later = new QToolButton(this);
    later->setArrowType(Qt::RightArrow);
    later->setObjectName(QStringLiteral("stateLater"));
    later->setToolTip(tr("The snapshot after (→ on the timeline)"));
    m_at = new QLineEdit(this);
    m_at->setObjectName(QStringLiteral("stateAt"));
    m_at->setClearButtonEnabled(true);
    m_at->setPlaceholderText(tr("a time or a snapshot: 2026-03-03 13:00, prod@{2026-03-03T13:00:00Z}, prod#12, prod~1, 3.hours.ago (Ctrl+G)"));
    m_at->setToolTip(tr("Times are UTC unless a zone is given; a snapshot goes to the time it was taken"));
    auto* go = new QPushButton(tr("Go"), this);
    atRow->addWidget(new QLabel(tr("At"), this));
    atRow->addWidget(earlier);
    atRow->addWidget(m_at, 1);
    atRow->addWidget(later);
    atRow->addWidget(go);
    layout->addLayout(atRow);
    m_atProblem = new QLabel(this);
    m_atProblem->setObjectName(QStringLiteral("stateAtProblem"));
    m_atProblem->setWordWrap(true);
    m_atProblem->hide();
    layout->addWidget(m_atProblem);
    auto request = [this] {
        if (!m_at->text().trimmed().isEmpty())
            emit goToRequested(m_at->text().trimmed());
    };
    connect(m_at, &QLineEdit::returnPressed, this, request);
    connect(go, &QPushButton::clicked, this, request);
    connect(earlier, &QToolButton::clicked, this, [this] { emit stepRequested(-1); });
    connect(later, &QToolButton::clicked, this, [this] { emit stepRequested(1); });
    connect(m_at, &QLineEdit::textEdited, m_atProblem, &QWidget::hide);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("stateTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter workloads"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("Click anywhere on the timeline, type a time above, or press ← → on the timeline to see what was running "
                            "at that moment."),
        this);
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
    m_table->horizontalHeader()->setResizeContentsPrecision(200);
    for (int c : { StateModel::EnvironmentColumn, StateModel::FingerprintColumn, StateModel::InstancesColumn, StateModel::SinceColumn })
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Double-click a workload to search for it in every environment"));
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString fp = index.data(StateModel::FingerprintRole).toString();
        emit searchRequested(fp.isEmpty() ? index.siblingAtColumn(StateModel::NameColumn).data().toString() : fp);
    });
    makeCopyable(m_table);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
    clear();
}

void StatePanel::setStates(Millis at, std::vector<State> states, const QStringList& problems)
{
    QStringList lines;
    lines << tr("<b>At %1</b>").arg(utcText(at));
    for (const State& s : states) {
        QString line = tr("%1: snapshot #%2, taken %3, %4 workloads")
                           .arg(s.environment.name.toHtmlEscaped())
                           .arg(s.snapshot.index)
                           .arg(utcText(s.snapshot.takenAt))
                           .arg(s.workloads.size());
        if (!s.observed)
            line += tr(" — <i>after its last report (%1): not observed</i>").arg(utcText(s.snapshot.confirmedUntil));
        lines << line;
    }
    m_at->setText(timefmt::formatIso(at));
    m_atProblem->hide();
    for (const QString& p : problems)
        lines << QStringLiteral("<i>%1</i>").arg(p.toHtmlEscaped());
    m_title->setText(lines.join(QStringLiteral("<br>")));
    m_model->setStates(std::move(states));
    m_table->setColumnHidden(StateModel::EnvironmentColumn, m_model->states().size() < 2);
    m_stack->setCurrentWidget(m_table);
}

void StatePanel::focusAt()
{
    m_at->setFocus(Qt::ShortcutFocusReason);
    m_at->selectAll();
}

void StatePanel::setGoToProblem(const QString& message)
{
    QPalette p = m_atProblem->palette();
    p.setColor(QPalette::WindowText, Theme::current().removed);
    m_atProblem->setPalette(p);
    m_atProblem->setText(message);
    m_atProblem->setVisible(!message.isEmpty());
}

void StatePanel::clear()
{
    m_at->clear();
    m_atProblem->hide();
    m_model->setStates({});
    m_title->setText(tr("<b>State at the cursor</b>"));
    m_stack->setCurrentWidget(m_empty);
}

} // namespace tideline::ui
