// SPDX-License-Identifier: GPL-3.0-or-later
// A case's life in the window: opening, creating, closing, the demo, imports and what is dropped on the window.

#include "mainwindow.h"
#include "store/caseaddress.h"
#include "caselistener.h"
#include "sharedcasedialog.h"

#include "activitychart.h"
#include "diffpanel.h"
#include "evidencepanel.h"
#include "findingspanel.h"
#include "recentcases.h"
#include "sourcepanel.h"
#include "statepanel.h"
#include "welcomepage.h"

#include "casereader.h"
#include "compliance/findings.h"
#include "demo/generator.h"
#include "evidence/evidenceindex.h"
#include "exportdialog.h"
#include "importdialog.h"
#include "importprogress.h"
#include "importresultspanel.h"
#include "importrunner.h"
#include "dropwatcher.h"
#include "import/preview.h"
#include "periodpicker.h"
#include "searchpanel.h"
#include "items/environmentmodel.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/casefile.h"
#include "store/sourcedocument.h"
#include "timeline/timeline.h"
#include "timelinepage.h"
#include "timelineview.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace tideline::ui {

namespace {

constexpr int kDefaultEnvironments = 2; // drawn when a case opens; more are a tick away

QString demoFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (base.isEmpty()) base = QDir::temp().filePath(QStringLiteral("tideline"));
    return QDir(base).filePath(QStringLiteral("demo"));
}

} // namespace

void MainWindow::openCase(const QString& path, bool create, bool readOnly)
{
    m_casePath = isServerAddress(path) ? path : QFileInfo(path).absoluteFilePath();
    m_caseId.clear();
    m_caseReadOnly = false;
    m_rights = CaseRights();
    m_listener->stop();
    m_overview.reset();
    m_envModel->setEnvironments({});
    m_timelinePage->setOverview(nullptr);
    m_state->clear();
    m_diff->clear();
    m_source->clear();
    m_findings->setCasePath(m_casePath);
    m_evidence->clear();
    // A new case starts clean: nothing of the last one's imports, search or period stays.
    m_importResults->clear();
    m_search->clear();
    m_searchBox->clear();
    m_properties = {};
    m_knownFindings.clear();
    m_announceNewFindings = false;
    m_dropWatcher->setFolder(QString());
    m_periodFrom.reset();
    m_periodTo.reset();
    {
        const QSignalBlocker block(m_timelinePage->periodPicker());
        m_timelinePage->periodPicker()->setPreset(PeriodPicker::Whole);
    }
    timeline()->setPeriod(std::nullopt, std::nullopt);
    m_envModel->setFindings(std::nullopt);
    timeline()->setShadedSpans({});
    timeline()->setFlaggedWindows({});
    workloadsChart()->setSeries(nullptr);
    updateWindowTitle();
    updatePage();
    const CaseReader::Access access = create ? CaseReader::Access::Create : readOnly ? CaseReader::Access::ReadOnly : CaseReader::Access::Existing;
    m_reader->open(m_casePath, access, this, [this, path](Result<CaseReader::Opened> id) {
        if (!id) {
            const QString message = id.error();
            m_casePath.clear();
            updateWindowTitle();
            updatePage();
            QMessageBox::warning(this, tr("Cannot open the case"), message);
            emit caseFailed(message);
            return;
        }
        m_caseId = id->caseId;
        m_caseReadOnly = id->readOnly;
        m_recent->add(m_casePath);
        updateWindowTitle();
        updatePage();
        if (m_caseReadOnly) {
            m_pendingImport.clear();
            statusBar()->showMessage(tr("Opened %1 read-only: it can be read, checked and verified; nothing can be imported, decided, "
                                        "retracted or exported.")
                                         .arg(QDir::toNativeSeparators(m_casePath)),
                15000);
        } else {
            statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_casePath)), 5000);
        }
        if (isServerAddress(m_casePath)) {
            QString why;
            if (!m_listener->listen(m_casePath, &why))
                statusBar()->showMessage(tr("Opened %1, but others' changes will not show until it is opened again: %2").arg(m_casePath, why), 15000);
            // What this role may do here: the window offers only that, and says why not the rest.
            m_reader->run<CaseRights>(
                this, [](CaseFile& k) -> Result<CaseRights> { return caseRights(k); },
                [this](Result<CaseRights> r) {
                    if (!r) {
                        statusBar()->showMessage(tr("Cannot read what your role may do in this case: %1").arg(r.error()), 15000);
                        return;
                    }
                    m_rights = *r;
                    updatePage();
                    emit rightsLoaded();
                });
        }
        emit caseOpened(m_casePath);
        loadCaseProperties();
        loadEnvironments();
        if (!m_pendingImport.isEmpty()) {
            const QStringList paths = m_pendingImport;
            m_pendingImport.clear();
            ImportOptions o;
            // The demo bundle carries its own signing key: the demo trusts it explicitly, as a user would once told.
            o.trust = !m_demoMarker.isEmpty();
            o.trustHow = QStringLiteral("the demo trusts its own signing key");
            startImport(paths, o);
        }
    });
}

void MainWindow::closeCase()
{
    if (importing()) {
        statusBar()->showMessage(tr("An import is running: cancel it first."), 5000);
        return;
    }
    m_reader->close();
    m_listener->stop();
    m_rights = CaseRights();
    m_casePath.clear();
    m_caseId.clear();
    m_overview.reset();
    m_envModel->setEnvironments({});
    m_envModel->setFindings(std::nullopt);
    m_timelinePage->setOverview(nullptr);
    timeline()->setShadedSpans({});
    timeline()->setFlaggedWindows({});
    m_findings->setCasePath(QString());
    m_evidence->clear();
    m_importResults->clear();
    m_search->clear();
    m_searchBox->clear();
    m_properties = {};
    m_dropWatcher->setFolder(QString());
    updateWindowTitle();
    updatePage();
}

void MainWindow::openDemo()
{
    const QString dir = demoFolder();
    const QString kase = QDir(dir).filePath(QStringLiteral("demo.tideline"));
    const QString marker = QDir(dir).filePath(QStringLiteral("demo.complete"));
    if (QFileInfo::exists(kase) && QFileInfo::exists(marker)) {
        openCase(kase);
        return;
    }
    if (importing()) {
        statusBar()->showMessage(tr("An import is running: the demo case can open once it ends."), 6000);
        return;
    }
    // A demo whose making was interrupted is made again from scratch.
    for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(kase + suffix);
    QDir().mkpath(dir);
    m_demoMarker = marker;
    statusBar()->showMessage(tr("Generating the demo bundle in %1…").arg(QDir::toNativeSeparators(dir)));
    m_pages->setCurrentWidget(m_casePage);
    m_caseStack->setCurrentWidget(m_loading);
    const QString bundle = QDir(dir).filePath(QStringLiteral("bundle"));
    QtConcurrent::run([bundle] {
        QDir(bundle).removeRecursively();
        Result<GeneratedTruth> g = generateBundle(bundle, GeneratorOptions::demo());
        return g ? QString() : g.error();
    }).then(this, [this, bundle, kase](const QString& error) {
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Cannot make the demo case"), error);
            updatePage();
            return;
        }
        // Import once the case is open: the reader creates it, then the importer fills it.
        m_pendingImport = { bundle };
        openCase(kase, true);
    });
}

void MainWindow::newCaseDialog()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("New case"), QDir::homePath(), tr("Tideline cases (*.tideline)"));
    if (path.isEmpty()) return;
    QString p = path;
    if (!p.endsWith(QLatin1String(".tideline"))) p += QStringLiteral(".tideline");
    openCase(p, true);
}

SharedCaseDialog* MainWindow::showSharedCaseDialog()
{
    auto* dialog = new SharedCaseDialog(this);
    dialog->setObjectName(QStringLiteral("sharedCaseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openCase(dialog->address(), dialog->createIfMissing()); });
    dialog->open();
    return dialog;
}

void MainWindow::openCaseDialog(bool readOnly)
{
    const QString path = QFileDialog::getOpenFileName(this, readOnly ? tr("Open case read-only") : tr("Open case"), QDir::homePath(),
        tr("Tideline cases (*.tideline);;All files (*)"));
    if (!path.isEmpty()) openCase(path, false, readOnly);
}

void MainWindow::loadEnvironments()
{
    m_reader->runLatest<std::vector<Environment>>(
        "environments", this,
        [](CaseFile& k) -> Result<std::vector<Environment>> { return Timeline(k).environments(); },
        [this](Result<std::vector<Environment>> envs) {
            if (!envs) {
                statusBar()->showMessage(tr("Cannot read the environments: %1").arg(envs.error()), 10000);
                return;
            }
            const bool first = m_envModel->rowCount() == 0;
            QStringList chosen = m_envModel->chosen();
            m_envModel->setEnvironments(std::move(envs).value());
            if (first || chosen.isEmpty()) {
                QStringList pick;
                for (const Environment& e : m_envModel->environments())
                    if (pick.size() < kDefaultEnvironments) pick << e.name;
                m_envModel->setChosen(pick);
            }
            updatePage();
            emit environmentsLoaded();
            loadOverview();
            // Findings follow what the case holds: checked on opening and after every import.
            if (m_envModel->rowCount() > 0) runCheck();
        });
}

void MainWindow::setChosenEnvironments(const QStringList& names)
{
    m_envModel->setChosen(names);
}

QMap<QString, QString> MainWindow::knownTypes() const
{
    QMap<QString, QString> out;
    for (const Environment& e : m_envModel->environments())
        out.insert(e.name, e.type);
    return out;
}

bool MainWindow::importing() const
{
    return m_runner->busy();
}

ImportDialog* MainWindow::showImportDialog(const QStringList& paths)
{
    if (m_casePath.isEmpty()) {
        newCaseDialog();
        if (m_casePath.isEmpty()) return nullptr;
    }
    if (refusedReadOnly(tr("imported into it")))
        return nullptr;
    if (m_importDialog) m_importDialog->deleteLater();
    m_importDialog = new ImportDialog(knownTypes(), this);
    m_importDialog->setObjectName(QStringLiteral("importDialog"));
    m_importDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_importDialog, &QDialog::accepted, this,
        [this, d = m_importDialog] { startImport(d->paths(), d->options()); });
    connect(m_importDialog, &QObject::destroyed, this, [this, d = m_importDialog] {
        if (m_importDialog == d) m_importDialog = nullptr;
    });
    if (!paths.isEmpty()) m_importDialog->setPaths(paths);
    // What the case holds already, for the dialog to compare what it would add against.
    QPointer<ImportDialog> dialog(m_importDialog);
    m_reader->run<std::vector<EnvironmentExtent>>(
        this, [](CaseFile& k) -> Result<std::vector<EnvironmentExtent>> { return environmentExtents(k); },
        [dialog](Result<std::vector<EnvironmentExtent>> r) {
            if (dialog && r)
                dialog->setEnvironmentExtents(std::move(r).value());
        });
    m_importDialog->open();
    return m_importDialog;
}

ExportDialog* MainWindow::exportDialog() const
{
    return m_exportDialog;
}

ExportDialog* MainWindow::showExportDialog()
{
    if (m_casePath.isEmpty()) return nullptr;
    if (refusedReadOnly(tr("exported (the case's log records every export)")))
        return nullptr;
    if (!m_rights.exportPacks) {
        statusBar()->showMessage(m_rights.whyNot(tr("export packs")), 10000);
        return nullptr;
    }
    if (importing()) {
        statusBar()->showMessage(tr("Wait for the import to finish: the pack holds what the case holds."), 6000);
        return nullptr;
    }
    if (!m_exportDialog) {
        m_exportDialog = new ExportDialog(m_casePath, m_envModel->environments(), this);
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
        // It starts from what the window looks at.
        m_exportDialog->setPeriod(m_periodFrom, m_periodTo);
        m_exportDialog->setCaseTitle(m_properties.title);
        connect(m_exportDialog, &ExportDialog::exported, this, [this](const QString& dir) {
            statusBar()->showMessage(tr("Evidence pack written to %1").arg(QDir::toNativeSeparators(dir)), 10000);
        });
        connect(m_exportDialog, &ExportDialog::openFailed, this, [this](const QString& why) { statusBar()->showMessage(why, 15000); });
    }
    m_exportDialog->open();
    return m_exportDialog;
}

bool MainWindow::refusedReadOnly(const QString& what)
{
    if (!m_caseReadOnly)
        return false;
    statusBar()->showMessage(tr("The case is open read-only: nothing can be %1.").arg(what), 8000);
    return true;
}

void MainWindow::startImport(const QStringList& paths, const ImportOptions& options)
{
    if (m_casePath.isEmpty() || paths.isEmpty()) return;
    if (refusedReadOnly(tr("imported into it"))) return;
    if (!m_rights.import) {
        statusBar()->showMessage(m_rights.whyNot(tr("import")), 10000);
        return;
    }
    if (importing()) {
        statusBar()->showMessage(tr("An import is already running."), 5000);
        return;
    }
    ImportOptions o = options;
    m_runner->start(m_casePath, paths, o);
    m_progress->start();
    m_importAction->setEnabled(false);
    m_dropWatcher->setBusy(true);
}

void MainWindow::onImportProgress(const ImportProgress& p, double rate)
{
    m_progress->setProgress(p, rate);
}

void MainWindow::onImportFinished(const ImportReport& report)
{
    const bool demo = !m_demoMarker.isEmpty();
    m_progress->hide();
    m_importAction->setEnabled(!m_casePath.isEmpty() && !m_caseReadOnly);
    m_dropWatcher->setBusy(false);
    m_importResults->setReport(report);
    raiseDock(QStringLiteral("importDock"));
    statusBar()->showMessage(tr("Import %1: %2 imported, %3 skipped, %4 failed")
                                 .arg(report.cancelled ? tr("cancelled") : tr("finished"))
                                 .arg(report.imported.size())
                                 .arg(report.skipped.size())
                                 .arg(report.errors.size()),
        10000);
    if (!m_demoMarker.isEmpty()) {
        statusBar()->showMessage(tr("Demo case made. It trusts its own signing key explicitly: a key that comes inside a bundle "
                                    "is not trusted on its own (see Evidence: “trusted … (the demo trusts its own signing key)”)."),
            15000);
        if (!report.cancelled && report.errors.empty()) {
            QFile marker(m_demoMarker);
            if (marker.open(QIODevice::WriteOnly)) marker.write(QByteArrayLiteral("the demo case was made whole\n"));
        }
        m_demoMarker.clear();
    }
    loadEnvironments();
    emit importFinished(report);
    if (!demo)
        askToTrust(report.untrusted());
}

void MainWindow::handleDroppedPaths(const QStringList& paths)
{
    if (paths.isEmpty()) return;
    if (m_casePath.isEmpty()) {
        newCaseDialog();
        if (m_casePath.isEmpty()) return;
    }
    // The dialog looks at the files first and asks only for what they lack; with nothing to ask it
    // imports at once.
    ImportDialog* d = showImportDialog(paths);
    if (!d) return;
    connect(d, &ImportDialog::probeFinished, this, [this, d] {
        if (!d->probe().needsContext() && d->probe().problems.empty() && d->probe().files > 0 && d->isVisible())
            d->accept();
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& u : event->mimeData()->urls())
        if (u.isLocalFile()) paths << u.toLocalFile();
    event->acceptProposedAction();
    handleDroppedPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (importing()) {
        m_runner->cancel();
        m_runner->waitForIdle();
    }
    setWelcomeMode(false); // save the layout a case shows, not the welcome page's
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace tideline::ui
