// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "import/snapshotformats.h"
#include "importrunner.h"
#include "theme.h"
#include "timefield.h"
#include "timetext.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include <set>

namespace tideline::ui {

namespace {
QString megabytes(qint64 bytes) { return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1); }
}

ImportDialog::ImportDialog(const QMap<QString, QString>& knownTypes, QWidget* parent)
    : QDialog(parent)
    , m_knownTypes(knownTypes)
    , m_runner(new ImportRunner(this))
{
    setWindowTitle(tr("Import into the case"));
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Runtime snapshots, evidence, public keys and policies: files, folders, .zip or .tar.gz archives, in any "
                                "mix. Each file's format is detected from its content; drop more here or add them below."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QListWidget(this);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setMaximumHeight(fontMetrics().height() * 5);
    layout->addWidget(m_list);
    auto* row = new QHBoxLayout;
    auto* addFiles = new QPushButton(tr("Add files or archives…"), this);
    auto* addFolder = new QPushButton(tr("Add folder…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    row->addWidget(addFiles);
    row->addWidget(addFolder);
    row->addStretch(1);
    row->addWidget(remove);
    layout->addLayout(row);
    connect(addFiles, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Files or archives to import"));
        addPaths(files);
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to import"));
        if (!dir.isEmpty())
            addPaths({ dir });
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const auto items = m_list->selectedItems();
        for (QListWidgetItem* i : items)
            delete i;
        reprobe();
    });

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);

    // What each file will add, before anything lands.
    m_files = new QTreeWidget(this);
    m_files->setObjectName(QStringLiteral("importPreview"));
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setAlternatingRowColors(true);
    m_files->setHeaderLabels({ tr("File"), tr("What"), tr("Environment"), tr("Snapshot time (UTC)"), tr("Workloads") });
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 5; ++c)
        m_files->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_files, 1);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("importWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_warnings);

    m_context = new QGroupBox(tr("Context the files do not give"), this);
    m_form = new QFormLayout(m_context);
    m_env = new QComboBox(m_context);
    m_env->setEditable(true);
    m_env->setObjectName(QStringLiteral("importEnvironment"));
    m_env->addItems(knownTypes.keys());
    m_env->setCurrentText(QString());
    m_type = new QComboBox(m_context);
    m_type->setObjectName(QStringLiteral("importType"));
    // No default: a capture time is a fact about the files, typed by whoever knows it, never "now".
    m_time = new TimeField(m_context);
    m_time->setObjectName(QStringLiteral("importTime"));
    m_time->setPlaceholderText(tr("when they were captured, e.g. 2026-03-07T06:00:00Z"));
    m_form->addRow(tr("Environment:"), m_env);
    m_form->addRow(tr("Environment type:"), m_type);
    m_form->addRow(tr("Captured at:"), m_time);
    layout->addWidget(m_context);
    connect(m_env, &QComboBox::currentTextChanged, this, [this] { updateState(); });
    connect(m_time, &TimeField::timeChanged, this, [this] { updateState(); });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* go = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    go->setObjectName(QStringLiteral("importButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_runner, &ImportRunner::probed, this, &ImportDialog::onProbed);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 34);
    updateState();
}

ImportDialog::~ImportDialog() = default;

QPushButton* ImportDialog::importButton() const { return findChild<QPushButton*>(QStringLiteral("importButton")); }

void ImportDialog::setPaths(const QStringList& paths)
{
    m_list->clear();
    addPaths(paths);
}

void ImportDialog::addPaths(const QStringList& paths)
{
    for (const QString& p : paths)
        if (!p.isEmpty() && this->paths().indexOf(p) < 0)
            m_list->addItem(p);
    reprobe();
}

QStringList ImportDialog::paths() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    if (m_probe.lackEnvironment > 0)
        o.fallbackEnvironment = m_env->currentText().trimmed();
    if (m_probe.lackType > 0)
        o.fallbackType = m_type->currentText();
    if (m_probe.lackTime > 0)
        o.fallbackAt = m_time->time();
    return o;
}

void ImportDialog::setEnvironmentExtents(std::vector<EnvironmentExtent> extents)
{
    m_extents = std::move(extents);
    showPreview();
    updateState();
}

QStringList ImportDialog::warnings() const
{
    QStringList out;
    for (const EnvironmentPreview& p : m_preview)
        for (const QString& w : p.warnings)
            out << QStringLiteral("%1: %2").arg(p.environment, w);
    return out;
}

void ImportDialog::showPreview()
{
    m_files->clear();
    m_preview = m_extents ? previewImport(m_probe, *m_extents) : std::vector<EnvironmentPreview>();
    std::set<QString> warned;
    for (const EnvironmentPreview& p : m_preview)
        if (!p.warnings.isEmpty())
            warned.insert(p.environment);
    const Theme theme = Theme::current();
    QList<QTreeWidgetItem*> items;
    for (const ProbedFile& f : m_probe.entries) {
        auto* item = new QTreeWidgetItem;
        item->setText(0, f.path);
        item->setToolTip(0, f.path);
        QString what = f.what;
        if (!f.format.isEmpty() && f.what != QLatin1String("skipped"))
            what += QStringLiteral(" (%1)").arg(f.format);
        item->setText(1, what);
        if (!f.detail.isEmpty())
            item->setToolTip(1, f.detail);
        if (f.what == QLatin1String("snapshot")) {
            item->setText(2, f.environment.isEmpty() ? tr("(to be given)") : f.environment);
            item->setText(3, f.takenAt ? utcText(*f.takenAt) : tr("(to be given)"));
            item->setText(4, QString::number(f.workloads));
            item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
            if (warned.count(f.environment))
                for (int c = 0; c < 5; ++c)
                    item->setForeground(c, theme.warning);
        }
        items << item;
    }
    m_files->addTopLevelItems(items);
    m_files->setVisible(!m_probe.entries.empty());

    QStringList lines;
    for (const EnvironmentPreview& p : m_preview) {
        QString line = tr("<b>%1</b>%2: %3 %4, %5")
                           .arg(p.environment.toHtmlEscaped(), p.isNew ? tr(" (new)") : QString())
                           .arg(p.snapshots)
                           .arg(p.snapshots == 1 ? tr("snapshot") : tr("snapshots"))
                           .arg(p.first && p.last ? utcRange(*p.first, *p.last) : tr("times to be given"));
        if (!p.isNew)
            line += tr("; %1 of its %2 workloads already ran there").arg(p.sharedWorkloads).arg(p.workloads);
        lines << line;
        for (const QString& w : p.warnings)
            lines << QStringLiteral("<span style='color:%1'>⚠ %2</span>").arg(theme.warning.name(), w.toHtmlEscaped());
    }
    if (!warned.empty())
        lines << tr("An import can be retracted later (File › Retract an Import…), but look twice before it lands.");
    m_warnings->setText(lines.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!lines.isEmpty());
}

void ImportDialog::reprobe()
{
    if (m_probing) {
        m_reprobe = true; // look again once the running look ends
        return;
    }
    m_probe = {};
    if (paths().isEmpty()) {
        updateState();
        return;
    }
    m_probing = true;
    updateState();
    m_runner->probe(paths(), m_knownTypes);
}

void ImportDialog::onProbed(const ImportProbe& probe)
{
    m_probing = false;
    if (m_reprobe) {
        m_reprobe = false;
        reprobe();
        return;
    }
    m_probe = probe;
    // Offer the types the payloads can be, else every type.
    const QString current = m_type->currentText();
    m_type->clear();
    m_type->addItems(probe.typeCandidates.isEmpty() ? environmentTypes() : probe.typeCandidates);
    if (!current.isEmpty() && m_type->findText(current) >= 0)
        m_type->setCurrentText(current);
    // Offer the environments the bundle names, but pick none: a guess here would file payloads wrongly.
    const QString typed = m_env->currentText();
    for (const QString& e : probe.environments)
        if (m_env->findText(e) < 0)
            m_env->addItem(e);
    m_env->setCurrentIndex(-1);
    m_env->setEditText(typed);
    showPreview();
    updateState();
    emit probeFinished();
}

void ImportDialog::updateState()
{
    QPushButton* go = importButton();
    if (paths().isEmpty()) {
        m_summary->setText(tr("Nothing chosen yet."));
        m_context->hide();
        m_files->hide();
        m_warnings->hide();
        go->setEnabled(false);
        return;
    }
    if (m_probing) {
        m_summary->setText(tr("Looking at what is there…"));
        m_context->hide();
        go->setEnabled(false);
        return;
    }
    QString text = (m_probe.files == 1 ? tr("1 file") : tr("%1 files").arg(m_probe.files)) + tr(", %1 MB; ").arg(megabytes(m_probe.bytes))
        + (m_probe.snapshots == 1 ? tr("1 snapshot payload.") : tr("%1 snapshot payloads.").arg(m_probe.snapshots));
    if (!m_probe.problems.empty())
        text += QStringLiteral("<br>") + tr("Cannot read: %1").arg(m_probe.problems.front().toString().toHtmlEscaped());
    const bool lacks = m_probe.needsContext();
    if (lacks) {
        QStringList what;
        if (m_probe.lackEnvironment)
            what << tr("the environment");
        if (m_probe.lackType)
            what << tr("the environment type");
        if (m_probe.lackTime)
            what << tr("the capture time");
        text += QStringLiteral("<br>") +
            tr("<b>Some payloads do not say %1</b> (for example %2). Give it below; it applies only to the files that lack it.")
                .arg(what.join(tr(" or ")), m_probe.examples.value(0).toHtmlEscaped());
    } else if (m_probe.snapshots > 0) {
        text += QStringLiteral(" ") + tr("Every payload says its environment, type and time.");
    }
    m_summary->setText(text);
    m_context->setVisible(lacks);
    m_form->setRowVisible(m_env, m_probe.lackEnvironment > 0);
    m_form->setRowVisible(m_type, m_probe.lackType > 0);
    m_form->setRowVisible(m_time, m_probe.lackTime > 0);
    const bool ready = (!m_probe.lackEnvironment || !m_env->currentText().trimmed().isEmpty()) && (!m_probe.lackTime || m_time->time());
    go->setEnabled(m_probe.files > 0 && ready);
    go->setText(warnings().isEmpty() ? tr("Import") : tr("Import anyway"));
}

void ImportDialog::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent* event)
{
    QStringList add;
    for (const QUrl& u : event->mimeData()->urls())
        if (u.isLocalFile())
            add << u.toLocalFile();
    addPaths(add);
    event->acceptProposedAction();
}

} // namespace tideline::ui
