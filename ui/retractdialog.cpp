// SPDX-License-Identifier: GPL-3.0-or-later
#include "retractdialog.h"

#include "theme.h"
#include "timetext.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
}

RetractDialog::RetractDialog(std::vector<ImportRecord> imports, QWidget* parent)
    : QDialog(parent)
    , m_imports(std::move(imports))
{
    setWindowTitle(tr("Retract an Import"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<p>A retracted import leaves every view and every check: the timelines it reported to are replayed "
                                "from the imports that remain, and its evidence, keys and policies are removed. Its bytes, its import "
                                "entry and the retraction (with your reason) stay in the case's log, whose chain is never rewritten; "
                                "the evidence pack lists retractions.</p>"),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("retractFilter"));
    m_filter->setPlaceholderText(tr("Filter: file, environment, sha256"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("retractList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHeaderLabels({ tr("Imported (UTC)"), tr("File"), tr("Environment or kind"), tr("Snapshot time (UTC)"), tr("sha256") });
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int c : { 0, 2, 3, 4 })
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    const Theme theme = Theme::current();
    for (int i = static_cast<int>(m_imports.size()) - 1; i >= 0; --i) {
        const ImportRecord& r = m_imports[static_cast<size_t>(i)];
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, timefmt::formatIso(r.at));
        item->setText(1, QFileInfo(r.path).fileName() + (r.retracted ? tr(" (retracted)") : QString()));
        item->setToolTip(1, r.path);
        // A snapshot names its environment and time; anything else (evidence, keys, a manifest) its kind.
        item->setText(2, r.isSnapshot ? r.environment : r.format);
        item->setText(3, r.isSnapshot ? timefmt::formatIso(r.takenAt) : QString());
        item->setText(4, r.sha256.left(12));
        item->setToolTip(4, r.sha256);
        item->setData(0, kIndexRole, i);
        if (r.retracted) {
            item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
            for (int c = 0; c < 5; ++c)
                item->setForeground(c, theme.mutedText);
        }
    }
    layout->addWidget(m_list, 1);
    m_what = new QLabel(this);
    m_what->setWordWrap(true);
    layout->addWidget(m_what);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("retractReason"));
    m_reason->setPlaceholderText(tr("Why: e.g. another system's snapshot, imported by mistake (kept in the log)"));
    layout->addWidget(m_reason);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* go = m_buttons->addButton(tr("Retract"), QDialogButtonBox::AcceptRole);
    go->setObjectName(QStringLiteral("retractButton"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(go, &QPushButton::clicked, this, [this] {
        if (!target().isEmpty() && !reason().isEmpty())
            emit retractRequested(target(), reason());
    });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] { updateState(); });
    connect(m_reason, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = m_list->topLevelItem(i);
            const ImportRecord& r = m_imports[static_cast<size_t>(item->data(0, kIndexRole).toInt())];
            const QString haystack = r.path + QLatin1Char(0x20) + r.environment + QLatin1Char(0x20) + r.sha256;
            item->setHidden(!text.isEmpty() && !haystack.contains(text, Qt::CaseInsensitive));
        }
    });
    resize(fontMetrics().averageCharWidth() * 120, fontMetrics().height() * 30);
    updateState();
}

QPushButton* RetractDialog::retractButton() const
{
    return findChild<QPushButton*>(QStringLiteral("retractButton"));
}

void RetractDialog::select(const QString& sha256)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        const ImportRecord& r = m_imports[static_cast<size_t>(item->data(0, kIndexRole).toInt())];
        if (r.sha256 == sha256 && !r.retracted) {
            m_list->setCurrentItem(item);
            m_list->scrollToItem(item);
            return;
        }
    }
}

QString RetractDialog::target() const
{
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    if (items.isEmpty())
        return QString();
    return m_imports[static_cast<size_t>(items.front()->data(0, kIndexRole).toInt())].logHash;
}

QString RetractDialog::reason() const
{
    return m_reason->text().trimmed();
}

void RetractDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void RetractDialog::setProblem(const QString& message)
{
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText, Theme::current().removed);
    m_problem->setPalette(p);
    m_problem->setText(message);
    m_problem->show();
    setBusy(false);
}

void RetractDialog::updateState()
{
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    if (items.isEmpty()) {
        m_what->setText(tr("Pick the import to take back."));
    } else {
        const ImportRecord& r = m_imports[static_cast<size_t>(items.front()->data(0, kIndexRole).toInt())];
        m_what->setText(r.isSnapshot ? tr("%1: a snapshot of %2 for %3, imported %4 by %5; %2 will be replayed without it.")
                                           .arg(r.path, r.environment, utcText(r.takenAt), utcText(r.at), r.actor)
                                     : tr("%1 (%2), imported %3 by %4: what it holds leaves the case.").arg(r.path, r.format, utcText(r.at), r.actor));
    }
    retractButton()->setEnabled(!m_busy && !items.isEmpty() && !reason().isEmpty());
}

} // namespace tideline::ui
