// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingspanel.h"

#include "findingdetail.h"
#include "tablecopy.h"
#include "items/findingmodel.h"
#include "items/findingproxy.h"
#include "theme.h"
#include "timeline/findingactivity.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

// Severity in its colour, the disposition in its own (as on the timeline and in the pack); kinds fade once decided.
class FindingDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto disposition = static_cast<Disposition>(index.data(FindingModel::DispositionRole).toInt());
        const bool open = stillOpen(disposition);
        const Theme theme = Theme::current();
        const bool selected = option->state & QStyle::State_Selected;
        if (!selected) {
            if (index.column() == FindingModel::KindColumn)
                option->palette.setColor(QPalette::Text, open ? theme.text : theme.mutedText);
            if (index.column() == FindingModel::DispositionColumn)
                option->palette.setColor(QPalette::Text, theme.disposition(disposition));
            if (index.column() == FindingModel::SeverityColumn)
                option->palette.setColor(QPalette::Text,
                    open ? theme.severity(static_cast<Severity>(index.data(FindingModel::SeverityRole).toInt())) : theme.mutedText);
        }
        if (index.column() == FindingModel::DispositionColumn || index.column() == FindingModel::SeverityColumn)
            option->font.setBold(open);
        if (index.column() == FindingModel::IdColumn || index.column() == FindingModel::FingerprintColumn)
            option->font.setFamily(QStringLiteral("monospace"));
    }
};

// Items carry their value as data; "any" carries none.
void fillCombo(QComboBox* box, const QString& any, const std::vector<std::pair<QString, QVariant>>& items)
{
    const QVariant current = box->currentData();
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(any, QVariant());
    for (const auto& [label, value] : items)
        box->addItem(label, value);
    box->setCurrentIndex(current.isValid() ? std::max(0, box->findData(current)) : 0);
}

template <typename E>
std::optional<E> chosen(const QComboBox* box)
{
    const QVariant v = box->currentData();
    return v.isValid() ? std::optional<E>(static_cast<E>(v.toInt())) : std::nullopt;
}

} // namespace

FindingsPanel::FindingsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new FindingModel(this))
    , m_proxy(new FindingProxy(this))
{
    m_proxy->setSourceModel(m_model);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* bar = new QHBoxLayout;
    m_check = new QPushButton(tr("Check"), this);
    m_check->setObjectName(QStringLiteral("checkFindings"));
    m_check->setToolTip(tr("Evaluate the case's policies again over every environment (Ctrl+R)"));
    m_envFilter = new QComboBox(this);
    m_kindFilter = new QComboBox(this);
    m_dispositionFilter = new QComboBox(this);
    m_envFilter->setObjectName(QStringLiteral("findingEnvironment"));
    m_kindFilter->setObjectName(QStringLiteral("findingKind"));
    m_dispositionFilter->setObjectName(QStringLiteral("findingDisposition"));
    for (QComboBox* box : { m_envFilter, m_kindFilter, m_dispositionFilter })
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter: id, name, fingerprint, text"));
    m_text->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("findingsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_check);
    bar->addWidget(m_envFilter);
    bar->addWidget(m_kindFilter);
    bar->addWidget(m_dispositionFilter);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_summary);
    layout->addLayout(bar);
    m_envSummary = new QLabel(this);
    m_envSummary->setObjectName(QStringLiteral("findingsByEnvironment"));
    m_envSummary->setTextFormat(Qt::RichText);
    m_envSummary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_envSummary->setToolTip(tr("Click an environment to list only its findings"));
    connect(m_envSummary, &QLabel::linkActivated, this, [this](const QString& env) {
        m_envFilter->setCurrentIndex(std::max(0, m_envFilter->findData(env)));
    });
    layout->addWidget(m_envSummary);

    m_stack = new QStackedWidget(this);
    m_messagePage = new QWidget(m_stack);
    auto* mp = new QVBoxLayout(m_messagePage);
    mp->addStretch(1);
    m_message = new QLabel(m_messagePage);
    m_message->setObjectName(QStringLiteral("findingsMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mp->addWidget(m_message);
    m_messageCheck = new QPushButton(tr("Check now"), m_messagePage);
    mp->addWidget(m_messageCheck, 0, Qt::AlignHCenter);
    mp->addStretch(1);

    m_splitter = new QSplitter(Qt::Horizontal, m_stack);
    m_splitter->setObjectName(QStringLiteral("findingsSplitter"));
    m_table = new QTableView(m_splitter);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new FindingDelegate(m_table));
    m_table->setSortingEnabled(true);
    // Most severe first; within a severity the engine's order (environment, then first seen): the sort is stable.
    m_table->sortByColumn(FindingModel::SeverityColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Names are shortened by dropping their registry (the model does); what is left is cut at its end, if at all.
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    makeCopyable(m_table);
    // Every column as wide as what it holds (the first rows: a reference-scale case has thousands of findings), the
    // workload's too; the last takes what is left, and a narrow pane scrolls rather than cutting anything.
    m_table->horizontalHeader()->setResizeContentsPrecision(200);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(FindingModel::WorkloadColumn, QHeaderView::Interactive);
    for (int c : { FindingModel::IdColumn, FindingModel::SeverityColumn, FindingModel::KindColumn, FindingModel::EnvironmentColumn,
             FindingModel::FingerprintColumn, FindingModel::FirstSeenColumn, FindingModel::ExposureColumn, FindingModel::DispositionColumn })
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->setColumnHidden(FindingModel::LastSeenColumn, true);
    m_detail = new FindingDetail(m_splitter);
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->restoreState(QSettings().value(QStringLiteral("findings/splitter")).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { QSettings().setValue(QStringLiteral("findings/splitter"), m_splitter->saveState()); });
    m_stack->addWidget(m_messagePage);
    m_stack->addWidget(m_splitter);
    layout->addWidget(m_stack, 1);

    connect(m_check, &QPushButton::clicked, this, &FindingsPanel::checkRequested);
    connect(m_messageCheck, &QPushButton::clicked, this, &FindingsPanel::checkRequested);
    connect(m_envFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setEnvironment(m_envFilter->currentData().toString());
        updateSummary();
    });
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setKind(chosen<FindingKind>(m_kindFilter));
        updateSummary();
    });
    connect(m_dispositionFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setDisposition(chosen<Disposition>(m_dispositionFilter));
        updateSummary();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        updateSummary();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { currentChanged(); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) {
        const int row = m_proxy->mapToSource(i).row();
        if (row >= 0)
            emit findingActivated(m_model->finding(row));
    });
    fillFilters();
    setCasePath(QString());
}

FindingsPanel::~FindingsPanel() = default;

void FindingsPanel::showMessage(const QString& html, bool button)
{
    m_message->setText(html);
    m_messageCheck->setVisible(button);
    m_stack->setCurrentWidget(m_messagePage);
}

void FindingsPanel::setCasePath(const QString& path)
{
    m_casePath = path;
    m_model->clear();
    m_detail->setFinding(std::nullopt);
    fillFilters();
    updateSummary();
    m_check->setEnabled(!path.isEmpty());
    showMessage(tr("<p><b>Not checked yet.</b></p><p>A check lists every workload that ran without the provenance or attestations its "
                   "policies require, unknown fingerprints and blind spots, each with its exposure windows.</p>"),
        !path.isEmpty());
}

void FindingsPanel::setChecking()
{
    m_check->setEnabled(false);
    m_summary->setText(tr("Checking…"));
    if (!m_model->checked())
        showMessage(tr("<p><b>Checking…</b></p><p>Evaluating the policies over every snapshot of every environment.</p>"), false);
}

void FindingsPanel::setProblem(const QString& message)
{
    m_check->setEnabled(!m_casePath.isEmpty());
    m_summary->setText(tr("The check failed."));
    if (!m_model->checked())
        showMessage(tr("<p><b>The check failed.</b></p><p>%1</p>").arg(message.toHtmlEscaped()), true);
}

void FindingsPanel::setReport(CheckReport report)
{
    const QString selected = selectedId();
    m_model->setReport(std::move(report));
    m_check->setEnabled(!m_casePath.isEmpty());
    fillFilters();
    updateSummary();
    const CheckReport& r = m_model->report();
    if (r.findings.empty()) {
        m_detail->setFinding(std::nullopt);
        showMessage(tr("<p><b>No findings.</b></p><p>Every workload that ran in %1 had what %2 require, and no stretch without a "
                       "snapshot lasted long enough to be a blind spot.</p>")
                        .arg(r.environments.isEmpty() ? tr("this case") : r.environments.join(QStringLiteral(", ")).toHtmlEscaped(),
                            r.policies.isEmpty() ? tr("its policies") : r.policies.join(QStringLiteral(", ")).toHtmlEscaped()),
            false);
        return;
    }
    m_stack->setCurrentWidget(m_splitter);
    m_table->resizeColumnToContents(FindingModel::WorkloadColumn);
    m_table->setColumnWidth(FindingModel::WorkloadColumn,
        std::min(m_table->columnWidth(FindingModel::WorkloadColumn), fontMetrics().averageCharWidth() * 44));
    if (!selected.isEmpty() && selectFinding(selected))
        return;
    m_detail->setFinding(std::nullopt);
}

void FindingsPanel::applyReview(const QString& findingId, const ReviewEntry& review)
{
    if (!m_model->applyReview(findingId, review))
        return;
    fillFilters();
    updateSummary();
    const int row = m_model->rowOf(findingId);
    if (m_detail->finding() && m_detail->finding()->id == findingId)
        m_detail->setFinding(m_model->finding(row));
}

bool FindingsPanel::selectFinding(const QString& findingId)
{
    const int row = m_model->rowOf(findingId);
    if (row < 0)
        return false;
    QModelIndex i = m_proxy->mapFromSource(m_model->index(row, FindingModel::IdColumn));
    if (!i.isValid()) {
        // Hidden by a filter: clear the filters rather than open something the list does not show.
        m_envFilter->setCurrentIndex(0);
        m_kindFilter->setCurrentIndex(0);
        m_dispositionFilter->setCurrentIndex(0);
        m_text->clear();
        i = m_proxy->mapFromSource(m_model->index(row, FindingModel::IdColumn));
    }
    m_table->setCurrentIndex(i);
    m_table->scrollTo(i);
    return true;
}

bool FindingsPanel::selectWorkloads(const QString& environment, const QStringList& keys)
{
    std::vector<int> rows;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const Finding& f = m_model->finding(r);
        if (f.environment == environment && f.kind != FindingKind::BlindSpot && keys.contains(workloadKey(f)))
            rows.push_back(r);
    }
    if (rows.empty())
        return false;
    // A filter that hides them gives way, as when one finding is opened.
    if (!m_proxy->mapFromSource(m_model->index(rows.front(), 0)).isValid())
        selectFinding(m_model->finding(rows.front()).id);
    QItemSelection selection;
    QModelIndex first;
    for (int r : rows) {
        const QModelIndex i = m_proxy->mapFromSource(m_model->index(r, 0));
        if (!i.isValid())
            continue;
        selection.select(i, i.siblingAtColumn(FindingModel::ColumnCount - 1));
        if (!first.isValid() || i.row() < first.row())
            first = i;
    }
    const bool same = m_table->currentIndex().row() == first.row();
    m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (same)
        currentChanged(); // no row change to tell it
    m_table->scrollTo(first);
    return true;
}

QStringList FindingsPanel::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows()) {
        const QModelIndex s = m_proxy->mapToSource(i);
        if (s.isValid())
            ids << m_model->finding(s.row()).id;
    }
    return ids;
}

QString FindingsPanel::selectedId() const { return m_detail->finding() ? m_detail->finding()->id : QString(); }

void FindingsPanel::currentChanged()
{
    const QModelIndex i = m_proxy->mapToSource(m_table->currentIndex());
    if (!i.isValid()) {
        m_detail->setFinding(std::nullopt);
        return;
    }
    const Finding& f = m_model->finding(i.row());
    m_detail->setFinding(f);
    emit findingSelected(f);
}

void FindingsPanel::fillFilters()
{
    const CheckReport& r = m_model->report();
    std::vector<std::pair<QString, QVariant>> envs, kinds, disps;
    for (const QString& e : r.environments)
        envs.emplace_back(e, e);
    std::map<Disposition, int> byDisposition;
    for (const Finding& f : r.findings)
        ++byDisposition[f.disposition];
    for (FindingKind k : findingKinds())
        if (r.byKind.count(k) && r.byKind.at(k) > 0)
            kinds.emplace_back(QStringLiteral("%1 (%2)").arg(FindingModel::kindLabel(k)).arg(r.byKind.at(k)), static_cast<int>(k));
    for (Disposition d : dispositions())
        if (byDisposition.count(d))
            disps.emplace_back(QStringLiteral("%1 (%2)").arg(FindingModel::dispositionLabel(d)).arg(byDisposition[d]), static_cast<int>(d));
    fillCombo(m_envFilter, tr("All environments"), envs);
    fillCombo(m_kindFilter, tr("All kinds"), kinds);
    fillCombo(m_dispositionFilter, tr("Any decision"), disps);
    // A filter whose value has gone (the last finding of a kind was decided) falls back to all.
    m_proxy->setEnvironment(m_envFilter->currentData().toString());
    m_proxy->setKind(chosen<FindingKind>(m_kindFilter));
    m_proxy->setDisposition(chosen<Disposition>(m_dispositionFilter));
    const bool any = !r.findings.empty();
    for (QWidget* w : std::initializer_list<QWidget*> { m_envFilter, m_kindFilter, m_dispositionFilter, m_text })
        w->setEnabled(any);
}

void FindingsPanel::updateEnvironmentSummary()
{
    const CheckReport& r = m_model->report();
    if (!m_model->checked() || r.findings.empty()) {
        m_envSummary->hide();
        return;
    }
    struct Counts {
        int total = 0, open = 0, suppressed = 0;
        std::map<Severity, int> openBySeverity;
        std::map<Disposition, int> decided;
    };
    std::map<QString, Counts> by;
    for (const QString& e : r.environments)
        by[e];
    for (const Finding& f : r.findings) {
        Counts& c = by[f.environment];
        ++c.total;
        if (f.suppressedByVex()) {
            ++c.suppressed; // neither open nor decided, as the engine counts it
        } else if (stillOpen(f.disposition)) {
            ++c.open;
            ++c.openBySeverity[f.severity];
        } else {
            ++c.decided[f.disposition];
        }
    }
    const Theme theme = Theme::current();
    QStringList lines;
    for (const auto& [env, c] : by) {
        QStringList severities, decided;
        for (const auto& [sev, n] : c.openBySeverity)
            severities << QStringLiteral("<span style='color:%1'>%2 %3</span>").arg(theme.severity(sev).name()).arg(n).arg(severityName(sev));
        for (const auto& [d, n] : c.decided)
            decided << QStringLiteral("<span style='color:%1'>%2 %3</span>").arg(theme.disposition(d).name()).arg(n).arg(FindingModel::dispositionLabel(d));
        if (c.suppressed > 0)
            decided << QStringLiteral("<span style='color:%1'>%2</span>").arg(theme.flagColour(Disposition::Open, true).name(), tr("%1 suppressed by VEX").arg(c.suppressed));
        QString line = tr("<a href='%1'><b>%2</b></a>: ").arg(env.toHtmlEscaped(), env.toHtmlEscaped());
        if (c.total == 0)
            line += tr("no finding");
        else
            line += tr("%1 open%2%3")
                        .arg(c.open)
                        .arg(severities.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(severities.join(QStringLiteral(", "))),
                            decided.isEmpty() ? QString() : QStringLiteral(" · ") + tr("not open: %1").arg(decided.join(QStringLiteral(", "))));
        lines << line;
    }
    m_envSummary->setText(lines.join(QStringLiteral("<br>")));
    m_envSummary->show();
}

void FindingsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (isThemeChange(event))
        updateEnvironmentSummary(); // its colours come from the theme
}

void FindingsPanel::updateSummary()
{
    updateEnvironmentSummary();
    if (!m_model->checked()) {
        m_summary->setText(m_casePath.isEmpty() ? QString() : tr("not checked"));
        return;
    }
    const CheckReport& r = m_model->report();
    QString text = (r.findings.size() == 1 ? tr("1 finding") : tr("%1 findings").arg(r.findings.size())) + tr(", %1 open").arg(r.open);
    if (m_proxy->rowCount() != m_model->rowCount())
        text = tr("%1 shown of %2").arg(m_proxy->rowCount()).arg(text);
    if (!r.allowed.empty())
        text += tr(" · %1 allowed").arg(r.allowed.size());
    const bool baseline = r.policies == QStringList { QStringLiteral("baseline v1") };
    text += baseline ? tr(" · no policy imported: provenance required") : tr(" · policies: %1").arg(r.policies.join(QStringLiteral(", ")));
    m_summary->setText(text);
    m_summary->setToolTip(baseline ? tr("The case holds no environment policy, so the baseline applies: every workload needs provenance "
                                        "(a trail or a Kosli snapshot flow). Import a Kosli policy YAML to check attestations too.")
                                   : QString());
}

} // namespace tideline::ui
