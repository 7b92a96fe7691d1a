// SPDX-License-Identifier: GPL-3.0-or-later
#include "importresultspanel.h"

#include "items/importresultmodel.h"
#include "theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tideline::ui {

ImportResultsPanel::ImportResultsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ImportResultModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(ImportResultModel::OutcomeRole);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto* show = new QComboBox(this);
    show->addItem(tr("Every file"), -1);
    show->addItem(tr("Failed"), ImportResultModel::Failed);
    show->addItem(tr("Skipped"), ImportResultModel::Skipped);
    show->addItem(tr("Imported"), ImportResultModel::Imported);
    connect(show, &QComboBox::currentIndexChanged, this, [this, show] {
        const int outcome = show->currentData().toInt();
        m_proxy->setFilterFixedString(outcome < 0 ? QString() : QString::number(outcome));
    });
    top->addWidget(m_summary, 1);
    top->addWidget(show);
    layout->addLayout(top);
    m_stack = new QStackedWidget(this);
    auto* empty = new QLabel(tr("Nothing imported in this session yet. Use Import… (Ctrl+I) or drop files on the window."), this);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ImportResultModel::DetailColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_stack->addWidget(empty);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
}

void ImportResultsPanel::setReport(const ImportReport& report)
{
    m_model->setReport(report);
    const Theme theme = Theme::current();
    const double mb = static_cast<double>(report.bytes) / 1e6;
    QString text = tr("<b>%1 imported</b>, %2 skipped, <span style='color:%3'><b>%4 failed</b></span> · %5 files, %6 MB in %7 s (%8 MB/s)")
                       .arg(report.imported.size())
                       .arg(report.skipped.size())
                       .arg(report.errors.empty() ? theme.text.name() : theme.removed.name())
                       .arg(report.errors.size())
                       .arg(report.files)
                       .arg(mb, 0, 'f', 1)
                       .arg(report.seconds, 0, 'f', 2)
                       .arg(report.seconds > 0 ? mb / report.seconds : 0, 0, 'f', 0);
    if (report.cancelled)
        text += tr(" · <b>cancelled</b>: files not listed were not imported");
    if (report.stopped)
        text += tr(" · <span style='color:%1'><b>stopped</b>: %2</span>").arg(theme.removed.name(), report.stopped->message.toHtmlEscaped());
    m_summary->setText(text);
    m_stack->setCurrentWidget(m_table);
    m_table->resizeColumnToContents(ImportResultModel::OutcomeColumn);
    m_table->resizeColumnToContents(ImportResultModel::PathColumn);
    m_table->setColumnWidth(ImportResultModel::PathColumn, std::min(m_table->columnWidth(ImportResultModel::PathColumn), std::max(200, width() / 2)));
}

} // namespace tideline::ui
