// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the main views on the demo case and writes them as PNGs into $TIDELINE_SCREENSHOTS (default: a
// "screenshots" folder beside this test's executable): at 1280×720 (a laptop's screen), in the light, dark and
// high-contrast palettes, and the window shrunk to 1024×640. Run it with QT_SCALE_FACTOR=1.5 to see them at 150%.

#include "activitychart.h"
#include "allowdialog.h"
#include "diffpanel.h"
#include "evidencepanel.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importdialog.h"
#include "importresultspanel.h"
#include "casepropertiesdialog.h"
#include "exportdialog.h"
#include "periodpicker.h"
#include "retractdialog.h"
#include "statepanel.h"
#include "timelinepage.h"
#include "items/diffmodel.h"
#include "items/environmentmodel.h"
#include "items/evidencemodel.h"
#include "items/findingmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "store/casefile.h"
#include "theme.h"
#include "testutil.h"
#include "timelineview.h"
#include "ui/uitestutil.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QComboBox>
#include <QMenu>
#include <QTreeWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

class TestScreenshots : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void welcome();
    void mainViews_data();
    void mainViews();
    void importDialog();
    void importPreviewAndRetract();
    void dialogs();
    void smallWindow();
    void evidence();
    void kosliSamples();

private:
    void save(QWidget* w, const QString& name);
    QTemporaryDir m_dir;
    QString m_case;
    QString m_out;
};

void TestScreenshots::initTestCase()
{
    uitest::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_case = uitest::makeDemoCase(m_dir.path());
    m_out = qEnvironmentVariable("TIDELINE_SCREENSHOTS");
    if (m_out.isEmpty())
        m_out = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(m_out));
    qInfo("screenshots go to %s", qPrintable(m_out));
}

void TestScreenshots::save(QWidget* w, const QString& name)
{
    QCoreApplication::processEvents();
    const QPixmap shot = w->grab();
    QVERIFY(!shot.isNull());
    QVERIFY2(shot.save(QDir(m_out).filePath(name + QStringLiteral(".png"))), qPrintable(name));
}

void TestScreenshots::welcome()
{
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    save(&w, QStringLiteral("welcome"));
}

void TestScreenshots::mainViews_data()
{
    QTest::addColumn<QString>("appearance");
    QTest::addRow("light") << QStringLiteral("light");
    QTest::addRow("dark") << QStringLiteral("dark");
    QTest::addRow("high contrast") << QStringLiteral("high-contrast");
}

void TestScreenshots::mainViews()
{
    QFETCH(QString, appearance);
    applyAppearance(*qApp, appearanceFromString(appearance));
    const QString suffix = appearance == QLatin1String("light") ? QString()
        : appearance == QLatin1String("dark")                  ? QStringLiteral("-dark")
                                                               : QStringLiteral("-contrast");
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(m_case);
    QVERIFY(loaded.wait(20000));
    // The check follows the overview on the same reader; it may have landed in the same pass.
    QVERIFY(!checked.isEmpty() || checked.wait(20000));
    // The first two environments are drawn when a case opens: aws-prod and prod.
    QCOMPARE(w.environmentModel()->chosen(), QStringList({ QStringLiteral("aws-prod"), QStringLiteral("prod") }));
    save(&w, QStringLiteral("timeline") + suffix);
    save(w.workloadsChart(), QStringLiteral("chart") + suffix);

    // State at a time: typed in "At" (Go › Go to Time), then the pointer over the timeline shows its time.
    TimelineView* tl = w.timeline();
    QSignalSpy state(&w, &MainWindow::stateLoaded);
    const QRect r = tl->timelineRect();
    w.statePanel()->atField()->setText(QStringLiteral("prod@{2026-03-03T13:00:00Z}"));
    QTest::keyClick(w.statePanel()->atField(), Qt::Key_Return);
    QVERIFY(state.wait(10000));
    QTest::mouseMove(tl->viewport(), QPoint(r.left() + r.width() * 2 / 3, tl->viewport()->height() / 2));
    save(&w, QStringLiteral("state") + suffix);

    // Two snapshots picked on prod's row: their diff.
    QSignalSpy diff(&w, &MainWindow::diffLoaded);
    QSignalSpy source(&w, &MainWindow::sourceLoaded);
    const int env = 1; // prod, the second chosen
    tl->zoomBy(3);
    tl->scrollTo(tl->laneProxy()->mapFromSource(tl->laneModel()->environmentIndex(env)), QAbstractItemView::PositionAtTop);
    const auto& snaps = w.overview()->environments[env].snapshots;
    int a = -1, b = -1;
    for (int i = 0; i < static_cast<int>(snaps.size()); ++i) {
        const QPoint p = tl->markPosition(env, i);
        if (p.x() > r.left() + 20 && a < 0)
            a = i;
        else if (a >= 0 && p.x() > tl->markPosition(env, a).x() + 120 && b < 0)
            b = i;
    }
    QVERIFY(a >= 0 && b >= 0);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->markPosition(env, a));
    QVERIFY(source.wait(10000));
    save(&w, QStringLiteral("source") + suffix);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->markPosition(env, b));
    QVERIFY(diff.wait(10000));
    QVERIFY(w.diffPanel()->model()->rowCount() > 0);
    save(&w, QStringLiteral("diff") + suffix);

    if (appearance == QLatin1String("light")) {
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        w.search(QStringLiteral("miner"));
        QVERIFY(searched.wait(10000));
        QTest::qWait(50);
        if (loaded.count() < 3)
            loaded.wait(3000); // the jump may draw another environment
        save(&w, QStringLiteral("search"));
    }
    // Findings, the miner opened in full, shown on the timeline.
    w.dock(QStringLiteral("findingsDock"))->raise();
    FindingsPanel* panel = w.findingsPanel();
    for (int r = 0; r < panel->model()->rowCount(); ++r)
        if (panel->model()->finding(r).names.join(QLatin1Char(' ')).contains(QStringLiteral("xmrig"))) {
            QVERIFY(panel->selectFinding(panel->model()->finding(r).id));
            if (loaded.count() < 3)
                loaded.wait(3000);
            w.showFinding(panel->model()->finding(r), 0);
            break;
        }
    QVERIFY(panel->detail()->finding());
    QTest::qWait(50);
    save(&w, QStringLiteral("findings") + suffix);
    if (appearance == QLatin1String("light")) {
        // A right click on the miner's bar: what can be done with it.
        const Finding& f = *panel->detail()->finding();
        const QModelIndex lane = tl->laneIndex(f.environment, workloadKey(f));
        const QRect bar = tl->visualRect(lane.siblingAtColumn(1));
        const QPoint at(static_cast<int>(tl->scale().xOf((f.windows.front().from + f.windows.front().to) / 2)), bar.center().y());
        const TimelineView::Hit hit = tl->hitAt(at);
        std::unique_ptr<QMenu> menu(w.contextMenu({ hit.environmentName, hit.interval ? hit.interval->fingerprint : QString(),
            hit.interval ? hit.interval->name : QString(), hit.at, hit.findingIds }));
        menu->popup(tl->viewport()->mapToGlobal(at));
        QTest::qWait(50);
        save(menu.get(), QStringLiteral("context-menu"));
        menu->close();
        AllowDialog* allow = w.showAllowDialog(*panel->detail()->finding());
        QVERIFY(allow);
        allow->reasonField()->setText(QStringLiteral("red-team exercise RT-12, approved by the CISO"));
        save(allow, QStringLiteral("allow-dialog"));
        allow->reject();
        // The last 24 hours, as the period picker sets them for the timeline, the findings and the export.
        QSignalSpy checked(&w, &MainWindow::checkFinished);
        PeriodPicker* picker = w.timelinePage()->periodPicker();
        picker->presetBox()->setCurrentIndex(picker->presetBox()->findData(PeriodPicker::Last24Hours));
        QVERIFY(checked.wait(20000));
        save(&w, QStringLiteral("period"));
        picker->setPreset(PeriodPicker::Whole);
        QVERIFY(checked.wait(20000));
    }
    applyAppearance(*qApp, Appearance::Light);
}

void TestScreenshots::importDialog()
{
    // A bare kubectl payload says neither its environment nor its time: the dialog asks for both.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("pods.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2026-03-01T00:00:00Z"},"spec":{},"status":{"phase":"Running",)"
            R"("containerStatuses":[{"name":"web","image":"registry.example.com/shop/web:1.0","imageID":"registry.example.com/shop/web@sha256:)"
            R"(0000000000000000000000000000000000000000000000000000000000000001"}]}}]})");
    f.close();
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QSignalSpy opened(&w, &MainWindow::caseOpened);
    w.openCase(dir.filePath(QStringLiteral("new.tideline")), true);
    QVERIFY(opened.wait(10000));
    ImportDialog* d = w.showImportDialog({ file, m_dir.filePath(QStringLiteral("bundle")) });
    QVERIFY(d);
    QSignalSpy probed(d, &ImportDialog::probeFinished);
    QVERIFY(probed.wait(20000));
    d->resize(900, 560);
    save(d, QStringLiteral("import-dialog"));
    save(&w, QStringLiteral("empty-case"));
    d->reject();
}

void TestScreenshots::importPreviewAndRetract()
{
    // Kosli's own aws-prod (another system's) dropped on the demo case: the dialog warns before it lands.
    if (testutil::samplesDir().isEmpty())
        QSKIP("../shared/samples is not here");
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy.tideline"));
    QVERIFY(QFile::copy(m_case, copy));
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(copy);
    QVERIFY(checked.wait(20000));
    ImportDialog* d = w.showImportDialog({ testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json")) });
    QSignalSpy probed(d, &ImportDialog::probeFinished);
    QVERIFY(probed.wait(20000));
    QTRY_VERIFY(!d->warnings().isEmpty());
    save(d, QStringLiteral("import-preview"));
    QSignalSpy finished(&w, &MainWindow::importFinished);
    d->accept();
    QVERIFY(finished.wait(20000));
    QVERIFY(checked.wait(20000));
    emit w.importResults()->retractRequested(finished.first().first().value<ImportReport>().imported.front().sha256);
    QTRY_VERIFY(w.retractDialog());
    w.retractDialog()->reasonField()->setText(QStringLiteral("cyber-dojo's aws-prod, not ours: imported by mistake"));
    save(w.retractDialog(), QStringLiteral("retract-dialog"));
    w.retractDialog()->reject();
}

void TestScreenshots::dialogs()
{
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(m_case);
    QVERIFY(checked.wait(20000));
    CasePropertiesDialog* p = w.showCasePropertiesDialog();
    p->titleField()->setText(QStringLiteral("Q1 2026 audit: aws-prod and prod"));
    save(p, QStringLiteral("case-properties"));
    p->reject();
    ExportDialog* e = w.showExportDialog();
    QVERIFY(e);
    e->setCaseTitle(QStringLiteral("Q1 2026 audit: aws-prod and prod"));
    save(e, QStringLiteral("export-dialog"));
    e->close();
}

void TestScreenshots::smallWindow()
{
    // The smallest the window goes, every control still there.
    MainWindow w;
    w.resize(1024, 640);
    w.show();
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(m_case);
    QVERIFY(checked.wait(20000));
    w.dock(QStringLiteral("findingsDock"))->raise();
    save(&w, QStringLiteral("window-1024"));
}

void TestScreenshots::evidence()
{
    // Real signed evidence from the samples, bound to a workload that ran: its verdicts, side by side.
    QTemporaryDir dir;
    const QString path = uitest::makeEvidenceCase(dir.path());
    if (path.isEmpty())
        QSKIP("../shared/samples is not here");
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(path);
    QVERIFY(checked.wait(20000));
    QSignalSpy evidence(&w, &MainWindow::evidenceLoaded);
    for (const Finding& f : w.findingsPanel()->model()->report().findings)
        if (f.fingerprint == uitest::kSampleA)
            QVERIFY(w.findingsPanel()->selectFinding(f.id));
    w.dock(QStringLiteral("findingsDock"))->raise();
    QVERIFY(evidence.wait(10000));
    save(&w, QStringLiteral("finding-evidence-line"));
    w.showEvidence(uitest::kSampleA, QStringLiteral("sigstore a.txt"));
    QVERIFY(evidence.wait(10000));
    QTableView* table = w.evidencePanel()->table();
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(EvidenceModel::VerificationRole).toInt() == static_cast<int>(Verification::BadSignature))
            table->setCurrentIndex(table->model()->index(r, 0));
    save(&w, QStringLiteral("evidence"));
}

void TestScreenshots::kosliSamples()
{
    // Kosli's own published records of cyber-dojo: a server snapshot of aws-prod with its flows and
    // applied policies, two trails, a flow template and policies.
    if (testutil::samplesDir().isEmpty())
        QSKIP("../shared/samples is not here");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kosli.tideline"));
    {
        auto kase = CaseFile::open(path);
        QVERIFY(kase.ok());
        const ImportReport r = importPaths(**kase, { testutil::sample(QStringLiteral("kosli")) }, ImportOptions());
        QVERIFY(r.errors.empty());
    }
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(path);
    QVERIFY(checked.wait(20000));
    QVERIFY(w.findingsPanel()->model()->rowCount() > 0);
    // The creator service: its trail is in the case, so its evidence has something to show.
    const QString creator = QStringLiteral("ce59db031695ca55deaaacefda233875fe5c32783c69816fcea2bb3642636e4f");
    QSignalSpy evidence(&w, &MainWindow::evidenceLoaded);
    for (const Finding& f : w.findingsPanel()->model()->report().findings)
        if (f.fingerprint == creator)
            QVERIFY(w.findingsPanel()->selectFinding(f.id));
    w.dock(QStringLiteral("findingsDock"))->raise();
    QVERIFY(evidence.wait(10000));
    save(&w, QStringLiteral("kosli-findings"));
    w.showEvidence(creator, QStringLiteral("creator"));
    QVERIFY(evidence.wait(10000));
    QVERIFY(w.evidencePanel()->model()->rowCount() > 0);
    save(&w, QStringLiteral("kosli-evidence"));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
