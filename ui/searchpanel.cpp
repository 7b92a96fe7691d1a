// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchpanel.h"

#include "compliance/contents.h"
#include "items/contentsmodel.h"
#include "items/searchmodel.h"
#include "theme.h"
#include "tablecopy.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tideline::ui {

SearchPanel::SearchPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new SearchModel(this))
    , m_contents(new ContentsModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(tr("Type a fingerprint prefix (8ba20a…) or part of a name in the search box (Ctrl+F) and press Enter:\n"
                            "every environment and time it ran is listed here."),
        this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_nothing = new QLabel(this);
    m_nothing->setObjectName(QStringLiteral("searchNothing"));
    m_nothing->setAlignment(Qt::AlignCenter);
    m_nothing->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    makeCopyable(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(SearchModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setResizeContentsPrecision(200);
    for (int c : { SearchModel::FingerprintColumn, SearchModel::EnvironmentColumn, SearchModel::FromColumn, SearchModel::ToColumn,
             SearchModel::SnapshotsColumn })
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) { emit runActivated(m_model->run(index.row())); });
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_nothing);
    m_stack->addWidget(m_table);
    layout->addWidget(m_stack, 1);
    // Contents: the workloads whose SBOMs list a package of that name or purl.
    m_contentsTitle = new QLabel(this);
    m_contentsTitle->setObjectName(QStringLiteral("contentsTitle"));
    m_contentsTitle->setWordWrap(true);
    m_contentsTable = new QTableView(this);
    m_contentsTable->setObjectName(QStringLiteral("contentsTable"));
    m_contentsTable->setModel(m_contents);
    m_contentsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_contentsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_contentsTable->verticalHeader()->hide();
    m_contentsTable->horizontalHeader()->setSectionResizeMode(ContentsModel::WorkloadColumn, QHeaderView::Stretch);
    m_contentsTable->setAlternatingRowColors(true);
    m_contentsTable->setWordWrap(false);
    connect(m_contentsTable, &QTableView::activated, this, [this](const QModelIndex& index) { emit runActivated(m_contents->run(index.row())); });
    layout->addWidget(m_contentsTitle);
    layout->addWidget(m_contentsTable, 1);
    clear();
}

void SearchPanel::clear()
{
    m_model->setResults(QString(), {});
    m_contents->setReport(PackageReport());
    m_contentsTitle->hide();
    m_contentsTable->hide();
    m_stack->show();
    m_title->show();
    m_title->setText(tr("<b>Search</b>"));
    m_stack->setCurrentWidget(m_empty);
}

QWidget* SearchPanel::currentPage() const
{
    return m_stack->currentWidget();
}

void SearchPanel::setContents(PackageReport report)
{
    const int workloads = static_cast<int>(report.containing.size());
    const int uncleared = static_cast<int>(report.uncleared.size());
    const bool any = !report.matched.empty();
    const QString term = report.term;
    const qint64 seconds = report.totalSeconds;
    m_contents->setReport(std::move(report));
    m_contentsTitle->setVisible(any);
    m_contentsTable->setVisible(any && workloads > 0);
    // A package name matches no workload name, usually: then the contents are the whole answer.
    const bool onlyContents = any && m_model->matchCount() == 0;
    m_stack->setVisible(!onlyContents);
    m_title->setVisible(!onlyContents);
    if (!any) return;
    m_contentsTitle->setText(
        tr("<b>Contents</b>: %1 of %2 workloads whose SBOMs list “%3”, %4 exposure in all.%5")
            .arg(m_contents->rowCount() == 1 ? tr("1 run") : tr("%1 runs").arg(m_contents->rowCount()))
            .arg(workloads)
            .arg(term.toHtmlEscaped(), timefmt::formatDuration(seconds * 1000),
                uncleared == 0 ? QString()
                               : tr(" <span style='color:%1'>%2 running workloads have no SBOM: they cannot be cleared.</span>")
                                     .arg(Theme::current().mutedText.name())
                                     .arg(uncleared)));
    for (int c : { ContentsModel::PackageColumn, ContentsModel::EnvironmentColumn, ContentsModel::FingerprintColumn, ContentsModel::FromColumn,
             ContentsModel::ToColumn, ContentsModel::ExposureColumn })
        m_contentsTable->resizeColumnToContents(c);
}

void SearchPanel::setResults(const QString& query, std::vector<FingerprintMatch> matches)
{
    const int found = static_cast<int>(matches.size());
    m_model->setResults(query, std::move(matches));
    m_stack->show();
    m_title->show();
    if (found == 0) {
        m_title->setText(tr("<b>Search</b>"));
        m_nothing->setText(tr("<b>Nothing ran</b> with a fingerprint starting with, or a name containing, “%1”, in any environment of "
                              "this case.")
                               .arg(query.toHtmlEscaped()));
        m_stack->setCurrentWidget(m_nothing);
        return;
    }
    m_title->setText(tr("<b>“%1”</b>: %2, %3. Double-click or press Enter on a row to show it on the timeline; right-click for more.")
                         .arg(query.toHtmlEscaped(), found == 1 ? tr("1 workload") : tr("%1 workloads").arg(found),
                             m_model->rowCount() == 1 ? tr("1 run") : tr("%1 runs").arg(m_model->rowCount())));
    m_stack->setCurrentWidget(m_table);
}

} // namespace tideline::ui
