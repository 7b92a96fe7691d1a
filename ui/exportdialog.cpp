// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"
#include "store/caseaddress.h"

#include "evidence/packsigner.h"
#include "packpdf.h"
#include "signingkeys.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "timefield.h"
#include "timetext.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QSettings>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace tideline::ui {

namespace {

TimeField* timeEdit(QWidget* parent, const QString& name)
{
    auto* e = new TimeField(parent);
    e->setObjectName(name);
    return e;
}

QString defaultExporter()
{
    // The last exporter here, else whoever the log would name as acting (never a made-up name).
    const QString saved = QSettings().value(QStringLiteral("export/exporter")).toString();
    if (!saved.isEmpty())
        return saved;
    const QString reviewer = QSettings().value(QStringLiteral("review/reviewer")).toString();
    if (!reviewer.isEmpty())
        return reviewer;
    const QString actor = LogStore::defaultActor();
    return actor == QLatin1String("unknown") ? QString() : actor;
}

bool usableFolder(const QString& dir)
{
    const QFileInfo info(dir);
    return !info.exists()
        || (info.isDir() && QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
}

} // namespace

ExportDialog::ExportDialog(const QString& casePath, const std::vector<Environment>& environments, QWidget* parent)
    : QDialog(parent)
    , m_casePath(casePath)
{
    setWindowTitle(tr("Export Evidence Pack"));
    setObjectName(QStringLiteral("exportDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* intro = new QLabel(
        tr("A signed folder an auditor can hand over: a PDF report, the findings as JSON and CSV, and a manifest of "
           "every file's sha256, signed with your key so that anyone can re-check it and see who signed it."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* who = new QFormLayout;
    m_caseTitle = new QLabel(QFileInfo(casePath).fileName(), this);
    m_caseTitle->setObjectName(QStringLiteral("exportCaseTitle"));
    m_caseTitle->setToolTip(tr("The pack names the case by its title: File › Case Properties… gives it one"));
    who->addRow(tr("Case:"), m_caseTitle);
    m_exporter = new QLineEdit(defaultExporter(), this);
    m_exporter->setObjectName(QStringLiteral("exporter"));
    m_exporter->setPlaceholderText(tr("your name, as the pack will say who exported it"));
    who->addRow(tr("Exported by:"), m_exporter);
    layout->addLayout(who);

    auto* scope = new QGroupBox(tr("Scope"), this);
    auto* form = new QFormLayout(scope);
    m_env = new QComboBox(scope);
    m_env->addItem(tr("Every environment"), QString());
    Millis first = 0, last = 0;
    for (const Environment& e : environments) {
        m_env->addItem(QStringLiteral("%1 (%2)").arg(e.name, e.type), e.name);
        if (e.snapshots > 0) {
            first = first ? std::min(first, e.first) : e.first;
            last = std::max(last, e.last);
        }
    }
    form->addRow(tr("Environment:"), m_env);
    m_whole = new QRadioButton(first ? tr("The whole history (%1)").arg(utcRange(first, last)) : tr("The whole history"), scope);
    m_whole->setChecked(true);
    m_period = new QRadioButton(tr("From"), scope);
    m_from = timeEdit(scope, QStringLiteral("exportFrom"));
    m_to = timeEdit(scope, QStringLiteral("exportTo"));
    if (first) {
        m_from->setTime(first);
        m_to->setTime(last);
    }
    auto* periodRow = new QHBoxLayout;
    periodRow->addWidget(m_period);
    periodRow->addWidget(m_from, 1);
    periodRow->addWidget(new QLabel(tr("to"), scope));
    periodRow->addWidget(m_to, 1);
    auto* periodBox = new QVBoxLayout;
    periodBox->addWidget(m_whole);
    periodBox->addLayout(periodRow);
    form->addRow(tr("Period:"), periodBox);
    layout->addWidget(scope);

    auto* pack = new QGroupBox(tr("Pack"), this);
    auto* packForm = new QFormLayout(pack);
    m_dir = new QLineEdit(defaultOutputDir(casePath), pack);
    m_dir->setObjectName(QStringLiteral("packFolder"));
    m_dir->setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    m_browse = new QPushButton(tr("Choose…"), pack);
    auto* dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dir, 1);
    dirRow->addWidget(m_browse);
    packForm->addRow(tr("New folder:"), dirRow);
    m_sources = new QCheckBox(tr("Copy the original files the findings rest on into the pack (sources/)"), pack);
    packForm->addRow(QString(), m_sources);
    // The organisation's own key, remembered (Settings › Signing Keys… holds the same setting).
    m_key = new KeyField(tr("signed with your generated exporter key, %1 (made on first use)")
                             .arg(QDir::toNativeSeparators(defaultExportKeyPath())),
        pack);
    m_key->setObjectName(QStringLiteral("packSigningKey"));
    m_key->setPath(signingkeys::packKey());
    packForm->addRow(tr("Signing key:"), m_key);
    layout->addWidget(pack);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(this);
    m_export = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    m_openPdf = m_buttons->addButton(tr("Open PDF"), QDialogButtonBox::ActionRole);
    m_showFolder = m_buttons->addButton(tr("Show Folder"), QDialogButtonBox::ActionRole);
    m_buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(m_buttons);

    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_openPdf, &QPushButton::clicked, this, [this] {
        if (m_result && m_result->ok())
            openPath(QDir((*m_result)->dir).filePath(QStringLiteral("pack.pdf")), tr("the PDF"));
    });
    connect(m_showFolder, &QPushButton::clicked, this, [this] {
        if (m_result && m_result->ok()) openPath((*m_result)->dir, tr("the folder"));
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString parent = QFileDialog::getExistingDirectory(
            this, tr("Where to Put the Pack"), QFileInfo(outputDir()).absolutePath());
        if (!parent.isEmpty())
            m_dir->setText(QDir(parent).filePath(QFileInfo(defaultOutputDir(m_casePath)).fileName()));
    });
    for (QRadioButton* b : { m_whole, m_period })
        connect(b, &QRadioButton::toggled, this, &ExportDialog::updateState);
    connect(m_dir, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_key, &KeyField::changed, this, &ExportDialog::updateState);
    connect(m_key, &KeyField::changed, this, &ExportDialog::grow, Qt::QueuedConnection);
    connect(m_from, &TimeField::timeChanged, this, &ExportDialog::updateState);
    connect(m_to, &TimeField::timeChanged, this, &ExportDialog::updateState);
    connect(m_exporter, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    // Tab goes down the form, field after field (no field takes Tab for itself).
    QWidget* order[] = { m_exporter, m_env, m_whole, m_period, m_from->edit(), m_to->edit(), m_dir, m_browse, m_sources, m_key, m_export };
    for (size_t i = 0; i + 1 < std::size(order); ++i)
        setTabOrder(order[i], order[i + 1]);
    updateState();
}

void ExportDialog::setPeriod(std::optional<Millis> from, std::optional<Millis> to)
{
    if (!from && !to) {
        m_whole->setChecked(true);
        return;
    }
    if (from)
        m_from->setTime(from);
    if (to)
        m_to->setTime(to);
    m_period->setChecked(true);
    updateState();
}

void ExportDialog::setCaseTitle(const QString& title)
{
    m_caseTitle->setText(title.isEmpty() ? tr("%1 (no title: File › Case Properties… gives it one)").arg(caseShortName(m_casePath))
                                         : title);
}

void ExportDialog::openPath(const QString& path, const QString& what)
{
    // Why it did not open, as far as can be told: the desktop gives no reason of its own.
    QString why;
    if (!QFileInfo::exists(path))
        why = tr("%1 is not there any more").arg(QDir::toNativeSeparators(path));
    else if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        why = tr("the desktop has no application to open %1 (%2); open %3 by hand")
                  .arg(what, QGuiApplication::platformName() == QLatin1String("offscreen") ? tr("no desktop session")
                                                                                            : tr("xdg-open failed"),
                      QDir::toNativeSeparators(path));
    if (why.isEmpty())
        return;
    m_status->setText(tr("Cannot open %1: %2.").arg(what, why));
    emit openFailed(tr("Cannot open %1: %2.").arg(what, why));
}

ExportDialog::~ExportDialog()
{
    if (!m_thread) return;
    // The worker may be waiting for the charts, which are drawn on this thread: keep events flowing
    // until it ends (its end, handled meanwhile, deletes it).
    QThread* thread = m_thread;
    disconnect(thread, nullptr, this, nullptr);
    QEventLoop loop;
    connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    if (thread->isRunning()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    delete thread;
}

QString ExportDialog::defaultOutputDir(const QString& casePath)
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (base.isEmpty()) base = QDir::homePath();
    const QString name = QStringLiteral("%1-pack-%2")
                             .arg(caseBaseName(casePath),
                                 QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmm")));
    QString dir = QDir(base).filePath(name);
    for (int n = 2; !usableFolder(dir); ++n)
        dir = QDir(base).filePath(QStringLiteral("%1-%2").arg(name).arg(n));
    return dir;
}

QString ExportDialog::outputDir() const
{
    return m_dir->text().trimmed();
}

void ExportDialog::setOutputDir(const QString& dir)
{
    m_dir->setText(dir);
}

PackOptions ExportDialog::options() const
{
    PackOptions o;
    o.scope.environment = m_env->currentData().toString();
    if (m_period->isChecked()) {
        o.scope.from = m_from->time();
        o.scope.to = m_to->time();
    }
    o.includeSources = m_sources->isChecked();
    o.signingKey = m_key->path();
    o.exporter = m_exporter->text().trimmed();
    return o;
}

void ExportDialog::updateState()
{
    const bool busy = m_thread != nullptr;
    m_from->setEnabled(m_period->isChecked() && !busy);
    m_to->setEnabled(m_period->isChecked() && !busy);
    for (QWidget* w : std::initializer_list<QWidget*> { m_exporter, m_env, m_whole, m_period, m_dir, m_browse, m_sources, static_cast<QWidget*>(m_key) })
        w->setEnabled(!busy);
    const bool done = m_result && m_result->ok();
    m_openPdf->setVisible(done);
    m_showFolder->setVisible(done);
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!busy);
    if (busy) {
        m_export->setEnabled(false);
        return;
    }
    QString problem;
    if (m_exporter->text().trimmed().isEmpty())
        problem = tr("Say who exports: the pack names you.");
    else if (outputDir().isEmpty())
        problem = tr("Name a folder for the pack.");
    else if (!usableFolder(outputDir()))
        problem = done && QFileInfo(outputDir()).absoluteFilePath() == QFileInfo((*m_result)->dir).absoluteFilePath()
            ? QString()
            : tr("%1 exists and is not empty: a pack goes into a new folder.")
                  .arg(QDir::toNativeSeparators(outputDir()));
    else if (m_period->isChecked() && (!m_from->time() || !m_to->time()))
        problem = tr("Give the period's start and end (ISO 8601, UTC).");
    else if (m_period->isChecked() && *m_to->time() <= *m_from->time())
        problem = tr("The period must end after it starts.");
    else if (!m_key->usable())
        problem = tr("The signing key cannot sign packs: choose another, or none for your generated key.");
    const bool exportedHere
        = done && QFileInfo(outputDir()).absoluteFilePath() == QFileInfo((*m_result)->dir).absoluteFilePath();
    m_export->setEnabled(problem.isEmpty() && !exportedHere);
    if (!problem.isEmpty())
        m_status->setText(problem);
    else if (!m_result)
        m_status->clear();
}

void ExportDialog::startExport()
{
    if (m_thread || !m_export->isEnabled()) return;
    PackOptions o = options();
    signingkeys::setPackKey(o.signingKey); // remembered for the next pack
    QSettings().setValue(QStringLiteral("export/exporter"), o.exporter);
    const QString dir = QFileInfo(outputDir()).absoluteFilePath();
    const QString casePath = m_casePath;
    // Progress comes from the worker; the dialog outlives it (its destructor waits).
    o.progress = [this](int percent, const QString& step) {
        QMetaObject::invokeMethod(
            this, [this, percent, step] { onProgress(percent, step); }, Qt::QueuedConnection);
    };
    o.renderPdf = [this](const PackContent& content, const QString& path) {
        return renderPackPdf(content, path, [this](int done, int total) {
            const int percent = 40 + 55 * done / std::max(1, total);
            const QString step = tr("Writing page %1 of %2").arg(done).arg(total);
            QMetaObject::invokeMethod(
                this, [this, percent, step] { onProgress(percent, step); }, Qt::QueuedConnection);
        });
    };
    auto result = std::make_shared<Result<PackResult>>(Problem { dir, QString(), tr("the export did not run") });
    m_result.reset();
    m_thread = QThread::create([casePath, dir, o, result] {
        Result<std::unique_ptr<CaseFile>> kase = CaseFile::open(casePath, CaseFile::Mode::OpenExisting);
        *result = kase ? exportPack(**kase, dir, o) : Result<PackResult>(kase.problem());
    });
    m_thread->setObjectName(QStringLiteral("tideline-export"));
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        onFinished(*result);
    });
    m_progress->setValue(0);
    m_status->setText(tr("Starting…"));
    updateState();
    m_thread->start();
}

void ExportDialog::grow()
{
    // What it says can take more lines (a key's sha256, a three-line result): the dialog grows rather than
    // squeezing its fields, and never shrinks what the user made wider.
    QLayout* l = layout();
    const int height = l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : sizeHint().height();
    resize(std::max(width(), sizeHint().width()), std::max(this->height(), height));
}

void ExportDialog::onProgress(int percent, const QString& step)
{
    if (!m_thread) return;
    m_progress->setValue(std::max(m_progress->value(), percent));
    m_status->setText(step + QStringLiteral("…"));
}

void ExportDialog::onFinished(const Result<PackResult>& result)
{
    m_result = result;
    if (result) {
        m_progress->setValue(100);
        m_status->setText(tr("Exported %1 findings to %2 in %3 s, by %4, signed by the %5 key with sha256 %6.")
                              .arg(result->findings)
                              .arg(QDir::toNativeSeparators(result->dir))
                              .arg(result->seconds, 0, 'f', 1)
                              .arg(m_exporter->text().trimmed(), signerKeyDescription(result->signerAlgorithm), result->signerFingerprint));
        m_openPdf->setDefault(true);
        QMetaObject::invokeMethod(this, &ExportDialog::grow, Qt::QueuedConnection);
        emit exported(result->dir);
    } else {
        m_progress->setValue(0);
        m_status->setText(tr("The pack was not made: %1").arg(result.problem().toString()));
        emit failed(result.problem().toString());
    }
    updateState();
}

void ExportDialog::reject()
{
    // An export cannot stop half-way without leaving its staging folder; it takes seconds.
    if (m_thread) {
        m_status->setText(tr("Finishing the pack: it cannot stop half-way, and takes a few seconds."));
        return;
    }
    QDialog::reject();
}

} // namespace tideline::ui
