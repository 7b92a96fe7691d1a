// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffpanel.h"

#include "domain/text.h"

#include "changedelegate.h"
#include "items/diffmodel.h"
#include "items/diffproxy.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QPixmap>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tideline::ui {

DiffPanel::DiffPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new DiffModel(this))
    , m_proxy(new DiffProxy(this))
{
    m_proxy->setSourceModel(m_model);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* compare = new QHBoxLayout;
    m_from = new QLineEdit(this);
    m_from->setPlaceholderText(tr("from, e.g. prod#3"));
    m_from->setObjectName(QStringLiteral("diffFrom"));
    m_to = new QLineEdit(this);
    m_to->setPlaceholderText(tr("to, e.g. prod~0 or prod@{2026-03-02T12:00:00Z}"));
    m_to->setObjectName(QStringLiteral("diffTo"));
    auto* go = new QPushButton(tr("Compare"), this);
    compare->addWidget(m_from, 1);
    compare->addWidget(new QLabel(QStringLiteral("→"), this));
    compare->addWidget(m_to, 1);
    compare->addWidget(go);
    layout->addLayout(compare);
    auto request = [this] {
        if (!m_from->text().trimmed().isEmpty() && !m_to->text().trimmed().isEmpty())
            emit compareRequested(m_from->text().trimmed(), m_to->text().trimmed());
    };
    connect(go, &QPushButton::clicked, this, request);
    connect(m_to, &QLineEdit::returnPressed, this, request);
    connect(m_from, &QLineEdit::returnPressed, this, request);

    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    auto* filters = new QHBoxLayout;
    for (int c = 0; c < DiffModel::ChangeCount; ++c) {
        auto* b = new QToolButton(this);
        b->setCheckable(true);
        b->setChecked(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setToolTip(tr("Show or hide these rows"));
        b->setAutoRaise(false);
        connect(b, &QToolButton::toggled, this, [this, c](bool on) { m_proxy->setChangeVisible(static_cast<DiffModel::Change>(c), on); });
        filters->addWidget(b);
        m_buttons[static_cast<size_t>(c)] = b;
    }
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by name or fingerprint"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &DiffProxy::setText);
    filters->addWidget(m_filter, 1);
    layout->addLayout(filters);

    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("No diff yet.\n\nClick a snapshot mark on an environment's row in the timeline, then a second one:\n"
                            "the diff between them appears here. Or type two selectors above (prod#3 → prod~0)."),
        this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(DiffModel::ChangeColumn, new ChangeDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(DiffModel::NameColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
    updateButtons();
}

void DiffPanel::setSelectors(const QString& from, const QString& to)
{
    m_from->setText(from);
    m_to->setText(to);
}

void DiffPanel::setDiff(const SnapshotDiff& diff)
{
    m_model->setDiff(diff);
    // Names come from bundles: shown as text, never as markup.
    auto name = [](const QString& s) { return visibleText(s).toHtmlEscaped(); };
    m_title->setText(tr("<b>%1 #%2</b> (%3) → <b>%4 #%5</b> (%6)")
                         .arg(name(diff.from.environment))
                         .arg(diff.from.index)
                         .arg(timefmt::formatIso(diff.from.takenAt))
                         .arg(name(diff.to.environment))
                         .arg(diff.to.index)
                         .arg(timefmt::formatIso(diff.to.takenAt)));
    setSelectors(QStringLiteral("%1#%2").arg(diff.from.environment).arg(diff.from.index),
        QStringLiteral("%1#%2").arg(diff.to.environment).arg(diff.to.index));
    m_stack->setCurrentWidget(m_table);
    for (int c : { DiffModel::ChangeColumn, DiffModel::FingerprintColumn, DiffModel::FromColumn, DiffModel::ToColumn })
        m_table->resizeColumnToContents(c);
    updateButtons();
}

void DiffPanel::setProblem(const QString& message)
{
    m_title->setText(tr("Cannot compare: %1").arg(message.toHtmlEscaped()));
}

void DiffPanel::clear()
{
    m_model->clear();
    m_title->clear();
    m_stack->setCurrentWidget(m_empty);
    updateButtons();
}

void DiffPanel::updateButtons()
{
    const Theme theme = Theme::current();
    const QColor colours[] = { theme.added, theme.removed, theme.scaled, theme.unchanged };
    for (int c = 0; c < DiffModel::ChangeCount; ++c) {
        QToolButton* b = m_buttons[static_cast<size_t>(c)];
        const auto change = static_cast<DiffModel::Change>(c);
        b->setText(QStringLiteral("%1 (%2)").arg(DiffModel::changeName(change)).arg(m_model->count(change)));
        QPixmap swatch(b->fontMetrics().height() * 2 / 3, b->fontMetrics().height() * 2 / 3);
        swatch.fill(colours[c]);
        b->setIcon(QIcon(swatch));
        b->setEnabled(m_model->hasDiff());
    }
}

} // namespace tideline::ui
