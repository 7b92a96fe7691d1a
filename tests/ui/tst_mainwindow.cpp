// SPDX-License-Identifier: GPL-3.0-or-later
// The window driven as a user would: import through the dialog and by dropping, pick environments, zoom
// and pan, click a time, pick two snapshots and filter their diff, search, read a source, cancel an import.

#include "activitychart.h"
#include "allowdialog.h"
#include "casereader.h"
#include "diffpanel.h"
#include "evidencepanel.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importdialog.h"
#include "importresultspanel.h"
#include "importrunner.h"
#include "items/diffmodel.h"
#include "items/diffproxy.h"
#include "compliance/findings.h"
#include "items/environmentmodel.h"
#include "items/evidencemodel.h"
#include "items/findingmodel.h"
#include "items/findingproxy.h"
#include "items/importresultmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "items/searchmodel.h"
#include "items/statemodel.h"
#include "mainwindow.h"
#include "searchpanel.h"
#include "sourcepanel.h"
#include "statepanel.h"
#include "timefield.h"
#include "store/casefile.h"
#include "store/compliancestore.h"
#include "store/logstore.h"
#include "testutil.h"
#include "theme.h"
#include "timeline/timeline.h"
#include "timelineview.h"
#include "ui/uitestutil.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QTextBrowser>
#include <QMessageBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStatusBar>
#include <QCryptographicHash>
#include <QAction>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

namespace {

QByteArray kubectlPods()
{
    return R"({"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2026-03-01T00:00:00Z"},)"
           R"("spec":{},"status":{"phase":"Running","containerStatuses":[{"name":"web","image":"registry.example.com/shop/web:9.9",)"
           R"("imageID":"registry.example.com/shop/web@sha256:00000000000000000000000000000000000000000000000000000000000000aa"}]}}]})";
}

// The demo's planted miner among the findings, or -1.
int minerRow(const FindingModel& model)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.finding(r).names.join(QLatin1Char(' ')).contains(QStringLiteral("xmrig")))
            return r;
    return -1;
}

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

void sendWheel(QWidget* w, QPoint pos, int notches)
{
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStates();
    void importThroughDialog();
    void dropBundle();
    void cancelImport();
    void pickEnvironment();
    void zoomAndPan();
    void clickShowsState();
    void twoSnapshotsDiff();
    void searchJumps();
    void sourceOfSnapshot();
    void settingsRemembered();
    void blindSpotsShaded();
    void importProgress();
    void demoCase();
    void findingsListed();
    void recordDecision();
    void findingOnTimeline();
    void evidenceOfFinding();
    void verifyCaseIntact();
    void allowWorkload();
    void caseReaderDropsStaleAnswers();
    void aFailedReadReachesTheWindow();
    void aFailedPropertiesReadReachesTheWindow();
    void aFailedEvidenceReadReachesTheWindow();
    void readOnlyCase();

private:
    // A window on the demo case with its first overview drawn.
    std::unique_ptr<MainWindow> openDemoWindow() { return openWindow(m_case); }
    // A window on a case with its first overview drawn and its first check in.
    std::unique_ptr<MainWindow> openWindow(const QString& path, bool readOnly = false);
    // A window on a copy of the demo case, for tests that write decisions into it.
    std::unique_ptr<MainWindow> openDemoCopy(const QTemporaryDir& dir);

    QTemporaryDir m_dir;
    QString m_case;
    QString m_bundle;
};

void TestMainWindow::initTestCase()
{
    uitest::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_case = uitest::makeDemoCase(m_dir.path());
    m_bundle = m_dir.filePath(QStringLiteral("bundle"));
}

std::unique_ptr<MainWindow> TestMainWindow::openDemoCopy(const QTemporaryDir& dir)
{
    const QString copy = dir.filePath(QStringLiteral("copy.tideline"));
    return QFile::copy(m_case, copy) ? openWindow(copy) : nullptr;
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow(const QString& path, bool readOnly)
{
    auto w = std::make_unique<MainWindow>();
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    w->openCase(path, false, readOnly);
    if (!loaded.wait(20000))
        return nullptr;
    // The check runs after the overview on the same reader: once it is in, nothing changes under a test.
    if (checked.isEmpty() && !checked.wait(20000))
        return nullptr;
    return w;
}

void TestMainWindow::emptyStates()
{
    MainWindow w;
    w.show();
    QCOMPARE(w.currentPage()->metaObject()->className(), "tideline::ui::WelcomePage");
    QVERIFY(!w.searchBox()->isEnabled());
    QTemporaryDir dir;
    QSignalSpy opened(&w, &MainWindow::caseOpened);
    QSignalSpy envs(&w, &MainWindow::environmentsLoaded);
    w.openCase(dir.filePath(QStringLiteral("empty.tideline")), true);
    QVERIFY(opened.wait(10000));
    QVERIFY(envs.wait(10000));
    QCOMPARE(w.currentPage()->metaObject()->className(), "tideline::ui::EmptyState");
    QVERIFY(w.searchBox()->isEnabled());
    // A file that is no case is refused with a reason, and the welcome page returns.
    const QString junk = dir.filePath(QStringLiteral("junk.tideline"));
    QVERIFY(testutil::writeFile(junk, "not sqlite"));
    QSignalSpy failed(&w, &MainWindow::caseFailed);
    QTimer::singleShot(0, [] {
        // The warning box is modal; close it once it shows.
        QTimer::singleShot(100, [] {
            if (QWidget* box = QApplication::activeModalWidget())
                box->close();
        });
    });
    w.openCase(junk);
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("not SQLite")));
    QCOMPARE(w.currentPage()->metaObject()->className(), "tideline::ui::WelcomePage");
}

void TestMainWindow::importThroughDialog()
{
    QTemporaryDir dir;
    const QString bare = dir.filePath(QStringLiteral("pods.json"));
    QVERIFY(testutil::writeFile(bare, kubectlPods()));
    MainWindow w;
    w.show();
    QSignalSpy opened(&w, &MainWindow::caseOpened);
    w.openCase(dir.filePath(QStringLiteral("c.tideline")), true);
    QVERIFY(opened.wait(10000));
    ImportDialog* d = w.showImportDialog({ bare });
    QVERIFY(d);
    QSignalSpy probed(d, &ImportDialog::probeFinished);
    QVERIFY(probed.wait(10000));
    // The payload says neither environment nor time (kubectl output says K8S): the dialog asks for those only.
    QVERIFY(d->environmentField()->isVisibleTo(d));
    QVERIFY(!d->typeField()->isVisibleTo(d));
    QVERIFY(d->timeField()->isVisibleTo(d));
    QVERIFY(!d->importButton()->isEnabled()); // not without an environment
    QTest::keyClicks(d->environmentField()->lineEdit(), QStringLiteral("manual"));
    QVERIFY(!d->importButton()->isEnabled()); // nor without a time: none is made up
    QTest::keyClicks(d->timeField()->edit(), QStringLiteral("2026-03-02 12:00:00"));
    QVERIFY(d->importButton()->isEnabled());
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QSignalSpy envs(&w, &MainWindow::environmentsLoaded);
    QTest::mouseClick(d->importButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.imported.size(), size_t(1));
    QCOMPARE(report.imported.front().environment, QStringLiteral("manual"));
    QCOMPARE(report.imported.front().takenAt, QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(w.importResults()->model()->count(ImportResultModel::Imported), 1);
    QVERIFY(envs.wait(10000));
    QCOMPARE(w.environmentModel()->rowCount(), 1);
    QCOMPARE(w.environmentModel()->chosen(), QStringList { QStringLiteral("manual") });
}

void TestMainWindow::dropBundle()
{
    QTemporaryDir dir;
    MainWindow w;
    w.show();
    QSignalSpy opened(&w, &MainWindow::caseOpened);
    w.openCase(dir.filePath(QStringLiteral("d.tideline")), true);
    QVERIFY(opened.wait(10000));
    // Dropped paths whose files say everything import at once, with no question asked.
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(m_bundle), QUrl::fromLocalFile(dir.filePath(QStringLiteral("nothing-here.txt"))) });
    QVERIFY(testutil::writeFile(dir.filePath(QStringLiteral("nothing-here.txt")), "just text"));
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QSignalSpy finished(&w, &MainWindow::importFinished);
    QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(finished.wait(30000));
    const auto report = finished.first().first().value<ImportReport>();
    QVERIFY(report.errors.empty());
    QCOMPARE(report.skipped.size(), size_t(1));
    QCOMPARE(report.skipped.front().path, dir.filePath(QStringLiteral("nothing-here.txt")));
    QCOMPARE(w.importResults()->model()->count(ImportResultModel::Skipped), 1);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(w.environmentModel()->rowCount(), 3);
    QVERIFY(w.overview() && !w.overview()->empty());
}

void TestMainWindow::cancelImport()
{
    QTemporaryDir dir;
    MainWindow w;
    w.show();
    QSignalSpy opened(&w, &MainWindow::caseOpened);
    w.openCase(dir.filePath(QStringLiteral("x.tideline")), true);
    QVERIFY(opened.wait(10000));
    QSignalSpy finished(&w, &MainWindow::importFinished);
    w.startImport({ m_bundle });
    QVERIFY(w.importing());
    auto* cancel = w.findChild<QToolButton*>(QStringLiteral("cancelImport"));
    QVERIFY(cancel && cancel->isVisibleTo(&w));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto report = finished.first().first().value<ImportReport>();
    QVERIFY(report.cancelled);
    QVERIFY(!w.importing());
    QVERIFY(!cancel->isVisibleTo(&w));
}

void TestMainWindow::pickEnvironment()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    QCOMPARE(w->overview()->environments.size(), size_t(2));
    // Tick staging's box in the side list.
    QListView* list = w->environmentList();
    const QModelIndex staging = w->environmentModel()->index(2, 0);
    const QRect r = list->visualRect(staging);
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.topLeft() + QPoint(12, 10));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(w->overview()->environments.size(), size_t(3));
    QCOMPARE(w->timeline()->laneModel()->rowCount(), 3);
    // Unticking them all shows what to do next instead of an empty timeline.
    w->setChosenEnvironments({});
    QCOMPARE(w->currentPage()->metaObject()->className(), "tideline::ui::EmptyState");
}

void TestMainWindow::zoomAndPan()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    QAbstractItemModelTester tester(tl->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const TimeScale before = tl->scale();
    QVERIFY(before.start <= w->overview()->first && before.end >= w->overview()->last); // fits the data
    const QRect r = tl->timelineRect();
    const QPoint at(r.left() + r.width() / 4, tl->viewport()->height() / 2);
    const Millis anchor = before.timeAt(at.x());
    QSignalSpy changed(tl, &TimelineView::scaleChanged);
    sendWheel(tl->viewport(), at, 3);
    QCOMPARE(changed.count(), 1);
    const TimeScale zoomed = tl->scale();
    QVERIFY(zoomed.span() < before.span() / 1.9);
    QVERIFY(std::abs(zoomed.timeAt(at.x()) - anchor) <= 1);
    // The charts follow over the same pixels and keep their series small.
    QCOMPARE(w->workloadsChart()->chart()->plotArea().width(), zoomed.width);
    QVERIFY(w->workloadsChart()->pointCount() <= 2 * 2 * static_cast<int>(std::ceil(zoomed.width)));
    // Dragging right by 100 px shows earlier times.
    sendMouse(tl->viewport(), QEvent::MouseButtonPress, at, Qt::LeftButton);
    sendMouse(tl->viewport(), QEvent::MouseMove, at + QPoint(50, 0), Qt::LeftButton);
    sendMouse(tl->viewport(), QEvent::MouseMove, at + QPoint(100, 0), Qt::LeftButton);
    sendMouse(tl->viewport(), QEvent::MouseButtonRelease, at + QPoint(100, 0), Qt::NoButton);
    const TimeScale panned = tl->scale();
    QCOMPARE(panned.span(), zoomed.span());
    QVERIFY(std::abs((zoomed.start - panned.start) - static_cast<Millis>(100 * zoomed.msPerPixel())) <= 2);
    QVERIFY(!tl->timeCursor()); // a drag is no click
    // Keys: fit, zoom.
    tl->setFocus();
    QTest::keyClick(tl, Qt::Key_0);
    QCOMPARE(tl->scale().span(), before.span());
    QTest::keyClick(tl, Qt::Key_Plus);
    QVERIFY(tl->scale().span() < before.span());
}

void TestMainWindow::clickShowsState()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const QRect r = tl->timelineRect();
    QSignalSpy state(w.get(), &MainWindow::stateLoaded);
    const QPoint p(r.left() + r.width() / 2, tl->viewport()->height() - 20);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, p);
    QVERIFY(state.wait(10000));
    QVERIFY(tl->timeCursor());
    const Millis at = *tl->timeCursor();
    QCOMPARE(at % 1000, 0); // whole seconds
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    QVERIFY(kase.ok());
    Timeline t(**kase);
    size_t expected = 0;
    for (const QString& env : w->environmentModel()->chosen())
        expected += t.state(env, at)->workloads.size();
    QCOMPARE(static_cast<size_t>(w->statePanel()->model()->rowCount()), expected);
}

void TestMainWindow::twoSnapshotsDiff()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const int prod = 1; // aws-prod, prod
    const auto& snaps = w->overview()->environments[prod].snapshots;
    // Zoom so that marks stand apart, then click two of them.
    tl->showRange(snaps[4].takenAt, snaps[12].takenAt);
    tl->scrollTo(tl->laneProxy()->mapFromSource(tl->laneModel()->environmentIndex(prod)), QAbstractItemView::PositionAtTop);
    QSignalSpy diff(w.get(), &MainWindow::diffLoaded);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->markPosition(prod, 10));
    QCOMPARE(tl->pickA().snapshot, 10);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->markPosition(prod, 5));
    QCOMPARE(tl->pickB().snapshot, 5);
    QVERIFY(diff.wait(10000));
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    Result<SnapshotDiff> expected = Timeline(**kase).diff(QStringLiteral("prod#%1").arg(snaps[5].index), QStringLiteral("prod#%1").arg(snaps[10].index));
    QVERIFY(expected.ok());
    DiffModel* model = w->diffPanel()->model();
    QCOMPARE(model->diff().from.index, snaps[5].index); // older on the left
    QCOMPARE(model->count(DiffModel::Added), static_cast<int>(expected->added.size()));
    QCOMPARE(model->count(DiffModel::Removed), static_cast<int>(expected->removed.size()));
    QCOMPARE(model->count(DiffModel::Scaled), static_cast<int>(expected->scaled.size()));
    QCOMPARE(model->count(DiffModel::Unchanged), static_cast<int>(expected->unchanged.size()));
    QVERIFY(w->diffPanel()->changeButton(DiffModel::Added)->text().contains(QString::number(expected->added.size())));
    // Filter: hide unchanged rows, then narrow by text.
    QTest::mouseClick(w->diffPanel()->changeButton(DiffModel::Unchanged), Qt::LeftButton);
    QCOMPARE(w->diffPanel()->proxy()->rowCount(), static_cast<int>(expected->added.size() + expected->removed.size() + expected->scaled.size()));
    QTest::keyClicks(w->diffPanel()->filterEdit(), QStringLiteral("zzz-no-such"));
    QCOMPARE(w->diffPanel()->proxy()->rowCount(), 0);
    // Typed selectors compare too.
    w->compare(QStringLiteral("prod#1"), QStringLiteral("prod~0"));
    QVERIFY(diff.wait(10000));
    QCOMPARE(model->diff().from.index, 1);
    // A bad selector says why.
    w->compare(QStringLiteral("prod#99999"), QStringLiteral("prod"));
    QVERIFY(diff.wait(10000));
    QCOMPARE(model->diff().from.index, 1); // the last good diff stays
}

void TestMainWindow::searchJumps()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    // The miner runs only in prod; search it by a fingerprint prefix.
    const auto matches = (*Timeline(**kase).search(QStringLiteral("xmrig")));
    QVERIFY(!matches.empty() && !matches.front().fingerprint.isEmpty());
    const QString prefix = matches.front().fingerprint.left(8);
    w->setChosenEnvironments({ QStringLiteral("aws-prod") });
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QVERIFY(loaded.wait(10000));
    QSignalSpy searched(w.get(), &MainWindow::searchFinished);
    w->searchBox()->setFocus();
    QTest::keyClicks(w->searchBox(), prefix);
    QTest::keyClick(w->searchBox(), Qt::Key_Return);
    QVERIFY(searched.wait(10000));
    QVERIFY(w->searchPanel()->model()->rowCount() >= 1);
    QCOMPARE(w->searchPanel()->model()->run(0).fingerprint, matches.front().fingerprint);
    // prod was not drawn: it is added, and the timeline jumps to the miner's lane.
    QVERIFY(loaded.wait(10000));
    QVERIFY(w->environmentModel()->chosen().contains(QStringLiteral("prod")));
    const QModelIndex current = w->timeline()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data().toString(), QStringLiteral("metal3d/xmrig"));
    const RunInterval& run = w->searchPanel()->model()->run(0);
    QCOMPARE(*w->timeline()->timeCursor(), run.from);
    QVERIFY(w->timeline()->scale().start <= run.from && w->timeline()->scale().end >= run.to);
}

void TestMainWindow::sourceOfSnapshot()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const auto& snaps = w->overview()->environments[0].snapshots;
    tl->showRange(snaps[2].takenAt, snaps[6].takenAt);
    QSignalSpy source(w.get(), &MainWindow::sourceLoaded);
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->markPosition(0, 3));
    QVERIFY(source.wait(10000));
    QCOMPARE(w->sourcePanel()->shownSha256(), snaps[3].sourceSha256);
    QVERIFY(w->sourcePanel()->text()->toPlainText().size() > 100);
}

void TestMainWindow::settingsRemembered()
{
    QSettings().remove(QStringLiteral("recent"));
    {
        auto w = openDemoWindow();
        QVERIFY(w);
        QCOMPARE(QSettings().value(QStringLiteral("recent")).toStringList().value(0), QFileInfo(m_case).absoluteFilePath());
        w->close();
    }
    QVERIFY(!QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty());
    QVERIFY(!QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
}

void TestMainWindow::blindSpotsShaded()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const auto& env = w->overview()->environments[0];
    const Millis from = env.snapshots[10].takenAt;
    const Millis to = env.snapshots[20].takenAt;
    const QModelIndex row = tl->laneProxy()->mapFromSource(tl->laneModel()->environmentIndex(0)).siblingAtColumn(LaneModel::TimelineColumn);
    const QRect r = tl->visualRect(row);
    // A pixel of the environment row inside the span, away from any snapshot mark.
    int x = static_cast<int>(tl->scale().xOf((from + to) / 2));
    for (const Snapshot& s : env.snapshots)
        if (std::abs(tl->scale().xOf(s.takenAt) - x) < 2)
            x += 3;
    const QPoint probe(x, r.top() + 2);
    const QColor before = tl->viewport()->grab().toImage().pixelColor(probe);
    tl->setShadedSpans({ { env.environment.name, from, to, QStringLiteral("no report") } });
    QCOMPARE(tl->shadedIn(0).size(), size_t(1));
    QVERIFY(tl->shadedIn(1).empty());
    QCoreApplication::processEvents();
    const QColor after = tl->viewport()->grab().toImage().pixelColor(probe);
    QVERIFY2(before != after, qPrintable(before.name() + QStringLiteral(" = ") + after.name()));
}

void TestMainWindow::importProgress()
{
    QTemporaryDir dir;
    ImportRunner runner;
    QSignalSpy progress(&runner, &ImportRunner::progress);
    QSignalSpy finished(&runner, &ImportRunner::finished);
    runner.start(dir.filePath(QStringLiteral("p.tideline")), { m_bundle }, ImportOptions());
    QVERIFY(runner.busy());
    QVERIFY(finished.wait(60000));
    QVERIFY(!runner.busy());
    QVERIFY(progress.count() >= 1);
    const auto last = progress.last().first().value<ImportProgress>();
    QCOMPARE(last.filesDone, last.filesTotal); // the last update is always sent
    QVERIFY(last.bytesDone > 0 && last.bytesDone == last.bytesTotal);
    QVERIFY(progress.last().at(1).toDouble() > 0); // a rate
    QCOMPARE(finished.first().first().value<ImportReport>().imported.size(), static_cast<size_t>(last.filesTotal));
}

void TestMainWindow::demoCase()
{
    // `tideline --demo`: generated into the app data folder, imported in the background, opened; the
    // second time it just opens.
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("demo"));
    QDir(folder).removeRecursively();
    for (int round = 0; round < 2; ++round) {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
        QSignalSpy finished(&w, &MainWindow::importFinished);
        w.openDemo();
        if (round == 0) {
            QVERIFY(finished.wait(60000));
            QVERIFY(finished.first().first().value<ImportReport>().errors.empty());
        }
        QTRY_VERIFY_WITH_TIMEOUT(w.overview() && !w.overview()->empty(), 20000);
        QCOMPARE(w.casePath(), QDir(folder).filePath(QStringLiteral("demo.tideline")));
        QCOMPARE(w.environmentModel()->rowCount(), 3);
        QCOMPARE(finished.count(), round == 0 ? 1 : 0);
    }
    QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("demo.complete"))));
}

void TestMainWindow::findingsListed()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    const CheckReport expected = *checkCase(**kase);
    FindingsPanel* panel = w->findingsPanel();
    QVERIFY(panel->model()->checked());
    QCOMPARE(static_cast<size_t>(panel->model()->rowCount()), expected.findings.size());
    QVERIFY(panel->summary()->text().startsWith(QStringLiteral("%1 findings, %2 open").arg(expected.findings.size()).arg(expected.open)));
    // The environment list says what the check found, per environment.
    // (A finding a VEX statement suppresses is neither open nor decided: it is counted apart, as the engine does.)
    int prodFindings = 0, prodOpen = 0, prodSuppressed = 0;
    for (const Finding& f : expected.findings)
        if (f.environment == QLatin1String("prod")) {
            ++prodFindings;
            prodOpen += f.disposition == Disposition::Open && !f.suppressedByVex() ? 1 : 0;
            prodSuppressed += f.suppressedByVex() ? 1 : 0;
        }
    const int prodDecided = prodFindings - prodOpen - prodSuppressed;
    QString label = prodDecided == 0 ? QStringLiteral("%1 open").arg(prodOpen) : QStringLiteral("%1 open, %2 decided").arg(prodOpen).arg(prodDecided);
    if (prodSuppressed > 0)
        label += QStringLiteral(", %1 suppressed by VEX").arg(prodSuppressed);
    const int prodRow = w->environmentModel()->rowOf(QStringLiteral("prod"));
    QCOMPARE(w->environmentModel()->index(prodRow, EnvironmentModel::ComplianceColumn).data().toString(), label);
    // Filters: one kind, then one environment too.
    QComboBox* kind = panel->kindFilter();
    const int unknownItem = kind->findData(static_cast<int>(FindingKind::UnknownFingerprint));
    QVERIFY(unknownItem > 0);
    kind->setCurrentIndex(unknownItem);
    QCOMPARE(panel->proxy()->rowCount(), expected.byKind.at(FindingKind::UnknownFingerprint));
    QVERIFY(panel->summary()->text().contains(QStringLiteral("shown of")));
    QComboBox* env = panel->environmentFilter();
    env->setCurrentIndex(env->findData(QStringLiteral("prod")));
    for (int r = 0; r < panel->proxy()->rowCount(); ++r)
        QCOMPARE(panel->proxy()->index(r, FindingModel::EnvironmentColumn).data().toString(), QStringLiteral("prod"));
    kind->setCurrentIndex(0);
    env->setCurrentIndex(0);
    QCOMPARE(panel->proxy()->rowCount(), panel->model()->rowCount());
    // Picking a row opens it in full beside the list.
    QTableView* table = panel->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(panel->proxy()->index(0, FindingModel::WorkloadColumn)).center());
    const Finding first = panel->model()->finding(panel->proxy()->mapToSource(panel->proxy()->index(0, 0)).row());
    QVERIFY(panel->detail()->finding());
    QCOMPARE(panel->detail()->finding()->id, first.id);
    QVERIFY(panel->detail()->body()->toPlainText().contains(first.id));
    // Times as people read them: UTC, said so, in whole seconds.
    QVERIFY(panel->detail()->body()->toPlainText().contains(
        QDateTime::fromMSecsSinceEpoch(first.windows.front().from, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    QVERIFY(panel->detail()->body()->toPlainText().contains(QStringLiteral("UTC")));
    // Checking again keeps the finding open.
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    QTest::keyClick(w.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(checked.wait(20000));
    QCOMPARE(panel->selectedId(), first.id);
}

void TestMainWindow::recordDecision()
{
    // On a copy: decisions stay in a case for good.
    QTemporaryDir dir;
    auto w = openDemoCopy(dir);
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    const int miner = minerRow(*panel->model());
    QVERIFY(miner >= 0);
    const QString id = panel->model()->finding(miner).id;
    QVERIFY(panel->selectFinding(id));
    FindingDetail* detail = panel->detail();
    QCOMPARE(detail->finding()->id, id);
    // A decision other than open needs a reviewer and a note.
    detail->dispositionBox()->setCurrentIndex(detail->dispositionBox()->findData(static_cast<int>(Disposition::Escalated)));
    detail->reviewerEdit()->clear();
    QVERIFY(!detail->recordButton()->isEnabled());
    QTest::keyClicks(detail->reviewerEdit(), QStringLiteral("ana"));
    QVERIFY(!detail->recordButton()->isEnabled());
    QTest::keyClicks(detail->noteEdit(), QStringLiteral("miner in prod: incident INC-7 opened"));
    QVERIFY(detail->recordButton()->isEnabled());
    const int open = panel->model()->openCount();
    QSignalSpy recorded(w.get(), &MainWindow::reviewRecorded);
    QTest::mouseClick(detail->recordButton(), Qt::LeftButton);
    QVERIFY(recorded.wait(20000));
    QCOMPARE(recorded.first().first().toString(), id);
    // The list, the open finding and the environment list take it at once.
    QCOMPARE(panel->model()->finding(miner).disposition, Disposition::Escalated);
    QCOMPARE(panel->model()->openCount(), open); // escalated: still open, handed on
    QCOMPARE(detail->finding()->history.size(), size_t(1));
    QVERIFY(detail->body()->toPlainText().contains(QStringLiteral("INC-7")));
    QVERIFY(detail->noteEdit()->toPlainText().isEmpty());
    QCOMPARE(QSettings().value(QStringLiteral("review/reviewer")).toString(), QStringLiteral("ana"));
    // It is in the case, signed into the log: a fresh check agrees with the window.
    {
        auto kase = CaseFile::open(w->casePath(), CaseFile::Mode::ReadOnly);
        QVERIFY(kase.ok());
        const std::vector<Review> reviews = *ComplianceStore((*kase)->db()).reviewsOf(id);
        QCOMPARE(reviews.size(), size_t(1));
        QCOMPARE(reviews[0].reviewer, QStringLiteral("ana"));
        const CheckReport again = *checkCase(**kase);
        QCOMPARE(again.open, panel->model()->openCount());
        QCOMPARE(detail->finding()->history[0].logHash, *LogStore((*kase)->db()).head());
    }
    // A decision whose answer comes after another finding was opened leaves that one's form alone.
    detail->dispositionBox()->setCurrentIndex(detail->dispositionBox()->findData(static_cast<int>(Disposition::Remediated)));
    QTest::keyClicks(detail->noteEdit(), QStringLiteral("pod deleted, image blocked at the registry"));
    QTest::mouseClick(detail->recordButton(), Qt::LeftButton);
    const QString other = panel->model()->finding(miner == 0 ? 1 : 0).id;
    QVERIFY(panel->selectFinding(other));
    QTest::keyClicks(detail->noteEdit(), QStringLiteral("half-written"));
    QVERIFY(recorded.wait(20000));
    QCOMPARE(detail->finding()->id, other);
    QCOMPARE(detail->noteEdit()->toPlainText(), QStringLiteral("half-written"));
    QVERIFY(!detail->findChild<QLabel*>(QStringLiteral("reviewStatus"))->text().contains(id));
    QCOMPARE(panel->model()->finding(miner).disposition, Disposition::Remediated);
    // What the engine refuses comes back as a reason.
    QSignalSpy failed(w.get(), &MainWindow::reviewFailed);
    w->recordDecision(QStringLiteral("F-00000000"), Disposition::Remediated, QStringLiteral("x"), QStringLiteral("ana"));
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("no finding F-00000000")));
}

void TestMainWindow::findingOnTimeline()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    TimelineView* tl = w->timeline();
    // Blind spots shade their environment's rows; other findings redden their workloads' bars.
    size_t blindWindows = 0, flagged = 0;
    for (const Finding& f : panel->model()->report().findings)
        (f.kind == FindingKind::BlindSpot ? blindWindows : flagged) += f.windows.size();
    QVERIFY(blindWindows > 0);
    QCOMPARE(tl->shadedSpans().size(), blindWindows);
    QCOMPARE(static_cast<size_t>(tl->flaggedCount()), flagged);
    // The miner: pick it in the list and press Enter, and the timeline shows its exposure on its lane.
    w->setChosenEnvironments({ QStringLiteral("aws-prod") });
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QVERIFY(loaded.wait(10000));
    const int miner = minerRow(*panel->model());
    QVERIFY(miner >= 0);
    const Finding f = panel->model()->finding(miner);
    w->dock(QStringLiteral("findingsDock"))->raise();
    QCoreApplication::processEvents();
    const QModelIndex row = panel->proxy()->mapFromSource(panel->model()->index(miner, FindingModel::WorkloadColumn));
    panel->table()->scrollTo(row);
    QSignalSpy activated(panel, &FindingsPanel::findingActivated);
    QTest::mouseClick(panel->table()->viewport(), Qt::LeftButton, {}, panel->table()->visualRect(row).center());
    QCOMPARE(panel->selectedId(), f.id);
    QTest::keyClick(panel->table(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QVERIFY(loaded.wait(10000)); // prod is drawn for it
    QCOMPARE(tl->currentIndex().data().toString(), QStringLiteral("metal3d/xmrig"));
    QCOMPARE(*tl->timeCursor(), f.windows.front().from);
    const ExposureWindow& win = f.windows.front();
    QVERIFY(tl->scale().start <= win.from && tl->scale().end >= win.to);
    // Inside the window the foot of the miner's bar is the finding's red.
    QCoreApplication::processEvents();
    const QRect bar = tl->visualRect(tl->currentIndex().siblingAtColumn(LaneModel::TimelineColumn));
    const int x = static_cast<int>(tl->scale().xOf((win.from + win.to) / 2));
    const QImage shot = tl->viewport()->grab().toImage();
    QCOMPARE(shot.pixelColor(QPoint(x, bar.bottom() - 4)).name(), Theme::current().finding.name());
    QCOMPARE(shot.pixelColor(QPoint(x, bar.top() + 5)).name(), Theme::current().known.name()); // above the band: its fingerprint is known
    // A window of a blind spot shows that stretch.
    for (const Finding& b : panel->model()->report().findings)
        if (b.kind == FindingKind::BlindSpot) {
            QVERIFY(panel->selectFinding(b.id));
            emit panel->detail()->body()->anchorClicked(QUrl(QStringLiteral("window:0")));
            QTRY_VERIFY(tl->scale().start <= b.windows[0].from && tl->scale().end >= b.windows[0].to);
            QCOMPARE(*tl->timeCursor(), b.windows[0].from);
            break;
        }
}

void TestMainWindow::evidenceOfFinding()
{
    REQUIRE_SAMPLES();
    QTemporaryDir dir;
    auto w = openWindow(uitest::makeEvidenceCase(dir.path()));
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    // a.txt ran with no trail or artifact record: no provenance, though signed evidence exists for it.
    QString id;
    for (const Finding& f : panel->model()->report().findings)
        if (f.fingerprint == uitest::kSampleA)
            id = f.id;
    QVERIFY(!id.isEmpty());
    QSignalSpy evidence(w.get(), &MainWindow::evidenceLoaded);
    QVERIFY(panel->selectFinding(id));
    QVERIFY(evidence.wait(10000));
    QVERIFY2(panel->detail()->body()->toPlainText().contains(QStringLiteral("3 pieces (1 verified, 1 bad signature, 1 untrusted certificate)")), qPrintable(panel->detail()->body()->toPlainText()));
    EvidencePanel* ep = w->evidencePanel();
    QCOMPARE(ep->fingerprint(), uitest::kSampleA);
    QCOMPARE(ep->model()->rowCount(), 3);
    QVERIFY(ep->title()->text().contains(uitest::kSampleA));
    QVERIFY(ep->trails()->text().contains(QStringLiteral("In no trail")));
    // "show evidence" brings the panel to the front; the bad signature opens in full, then its source.
    emit panel->detail()->body()->anchorClicked(QUrl(QStringLiteral("evidence")));
    QVERIFY(evidence.wait(10000));
    QTRY_VERIFY(!ep->visibleRegion().isEmpty());
    int bad = -1;
    for (int r = 0; r < ep->model()->rowCount(); ++r)
        if (ep->model()->record(r).verification.verdict == Verification::BadSignature)
            bad = r;
    QVERIFY(bad >= 0);
    auto* proxy = ep->table()->model();
    QModelIndex badRow;
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data(EvidenceModel::VerificationRole).toInt() == static_cast<int>(Verification::BadSignature))
            badRow = proxy->index(r, EvidenceModel::NameColumn);
    ep->table()->setCurrentIndex(badRow);
    QVERIFY(ep->detail()->toPlainText().contains(QStringLiteral("bad signature")));
    QSignalSpy source(w.get(), &MainWindow::sourceLoaded);
    emit ep->table()->activated(badRow);
    QVERIFY(source.wait(10000));
    QCOMPARE(w->sourcePanel()->shownSha256(), ep->model()->record(bad).sourceSha256);
    // foo.py's link, verified by bob's key, reached from a search result.
    QSignalSpy searched(w.get(), &MainWindow::searchFinished);
    w->search(uitest::kSampleFooPy.left(10));
    QVERIFY(searched.wait(10000));
    emit w->searchPanel()->table()->activated(w->searchPanel()->model()->index(0, 0));
    QVERIFY(evidence.wait(10000));
    QCOMPARE(ep->fingerprint(), uitest::kSampleFooPy);
    QCOMPARE(ep->model()->rowCount(), 1);
    QCOMPARE(ep->model()->record(0).verification.keyName, QStringLiteral("bob"));
    // The finding still open beside the list keeps its own evidence line.
    QVERIFY(panel->detail()->body()->toPlainText().contains(QStringLiteral("3 pieces (1 verified, 1 bad signature, 1 untrusted certificate)")));
}

void TestMainWindow::verifyCaseIntact()
{
    auto w = openDemoWindow();
    QVERIFY(w);
    QSignalSpy verified(w.get(), &MainWindow::caseVerified);
    QStringList messages;
    connect(w->statusBar(), &QStatusBar::messageChanged, w.get(), [&messages](const QString& m) { messages << m; });
    w->verifyCase();
    QVERIFY(verified.wait(30000));
    QCOMPARE(verified.first().first().toBool(), true);
    auto* box = w->findChild<QMessageBox*>(QStringLiteral("verifyCaseResult"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("Intact")));
    box->close();
    // The status bar said how far it had come while it read the sources back, and reached the end.
    QCoreApplication::processEvents();
    const QStringList progress = messages.filter(QStringLiteral("read back (decompressed, hashed, replayed)"));
    QVERIFY2(!progress.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY2(progress.last().startsWith(QStringLiteral("Verifying the case: 100 % of ")), qPrintable(progress.last()));
}

void TestMainWindow::allowWorkload()
{
    QTemporaryDir dir;
    auto w = openDemoCopy(dir);
    QVERIFY(w);
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    FindingsPanel* panel = w->findingsPanel();
    QVERIFY(minerRow(*panel->model()) >= 0);
    const QString id = panel->model()->finding(minerRow(*panel->model())).id;
    QVERIFY(panel->selectFinding(id));
    const int before = panel->model()->rowCount();
    QTest::mouseClick(panel->detail()->allowButton(), Qt::LeftButton);
    auto* dialog = w->findChild<AllowDialog*>(QStringLiteral("allowDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->byFingerprint()->isChecked());
    QVERIFY(!dialog->allowButton()->isEnabled()); // no reason yet
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("red-team exercise RT-12, approved by the CISO"));
    dialog->whoField()->setText(QStringLiteral("ana"));
    QVERIFY(dialog->allowButton()->isEnabled());
    // By name, the pattern must be a regular expression.
    dialog->byName()->setChecked(true);
    // Prefilled with exactly its own name.
    const QRegularExpression own(dialog->patternField()->text());
    QVERIFY(own.match(QStringLiteral("docker.io/metal3d/xmrig:latest")).hasMatch());
    QVERIFY(!own.match(QStringLiteral("docker.io/metal3d/xmrig:latest-2")).hasMatch());
    QVERIFY(!own.match(QStringLiteral("dockerXio/metal3d/xmrig:latest")).hasMatch());
    dialog->patternField()->setText(QStringLiteral("xmrig(["));
    QVERIFY(!dialog->allowButton()->isEnabled());
    dialog->byFingerprint()->setChecked(true);
    QVERIFY(dialog->allowButton()->isEnabled());
    QSignalSpy allowed(w.get(), &MainWindow::allowAdded);
    QTest::mouseClick(dialog->allowButton(), Qt::LeftButton);
    QVERIFY(allowed.wait(20000));
    QCOMPARE(allowed.first().first().value<AllowEntry>().environment, QStringLiteral("prod"));
    // The check it starts may land in the same pass of the event loop as the entry itself.
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 20000);
    // The miner is allowed for good: no finding left of it, and the report says why.
    QCOMPARE(panel->model()->rowCount(), before - 1);
    QCOMPARE(panel->model()->rowOf(id), -1);
    QCOMPARE(panel->model()->report().allowed.size(), size_t(1));
    QCOMPARE(panel->model()->report().allowed[0].reason, QStringLiteral("red-team exercise RT-12, approved by the CISO"));
    QVERIFY(panel->summary()->text().contains(QStringLiteral("1 allowed")));
}


// Answers come back only for the latest question on a channel, and only for the case that is still open.
void TestMainWindow::caseReaderDropsStaleAnswers()
{
    CaseReader reader;
    bool opened = false;
    reader.open(m_case, CaseReader::Access::Existing, this, [&](Result<CaseReader::Opened> id) { opened = id.ok(); });
    QTRY_VERIFY(opened);
    QStringList answers;
    auto ask = [&](const char* channel, const QString& name) {
        reader.runLatest<QString>(
            channel, this, [name](CaseFile&) -> Result<QString> { return name; }, [&answers](Result<QString> r) { answers << *r; });
    };
    ask("state", QStringLiteral("first"));
    ask("state", QStringLiteral("second")); // supersedes the first
    ask("diff", QStringLiteral("other channel"));
    bool plain = false;
    reader.run<int>(this, [](CaseFile&) -> Result<int> { return 1; }, [&plain](Result<int>) { plain = true; });
    QTRY_VERIFY(plain);
    answers.sort();
    QCOMPARE(answers, (QStringList { QStringLiteral("other channel"), QStringLiteral("second") }));

    // A question asked before the case is opened again is not answered for the new one.
    bool stale = false;
    reader.run<int>(this, [](CaseFile&) -> Result<int> { return 1; }, [&stale](Result<int>) { stale = true; });
    bool reopened = false;
    reader.open(m_case, CaseReader::Access::Existing, this, [&](Result<CaseReader::Opened> id) { reopened = id.ok(); });
    QTRY_VERIFY(reopened);
    bool fresh = false;
    reader.run<int>(this, [](CaseFile&) -> Result<int> { return 1; }, [&fresh](Result<int>) { fresh = true; });
    QTRY_VERIFY(fresh);
    QVERIFY(!stale);
}

// A case whose run intervals cannot be read: the window says so (the check fails with the reason, the status
// bar names it), it never shows an empty timeline as if nothing had run.
void TestMainWindow::aFailedReadReachesTheWindow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.tideline"));
    QVERIFY(QFile::copy(m_case, path));
    {
        auto c = CaseFile::open(path, CaseFile::Mode::OpenExisting);
        QVERIFY(c.ok());
        QSqlQuery q((*c)->db());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE runs RENAME TO runs_gone")));
    }
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(path);
    QVERIFY(checked.wait(20000));
    QCOMPARE(checked.first().first().toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage().contains(QStringLiteral("cannot read the run intervals")), 10000);
    QVERIFY(!w.statusBar()->currentMessage().contains(QStringLiteral("SELECT")));
}

// A case whose properties cannot be read (its log is gone): the window says so instead of showing it untitled.
void TestMainWindow::aFailedPropertiesReadReachesTheWindow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nolog.tideline"));
    QVERIFY(QFile::copy(m_case, path));
    {
        auto c = CaseFile::open(path, CaseFile::Mode::OpenExisting);
        QVERIFY(c.ok());
        QSqlQuery q((*c)->db());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE log RENAME TO log_gone")));
    }
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy messages(w.statusBar(), &QStatusBar::messageChanged);
    w.openCase(path);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.begin(), messages.end(),
                                 [](const QList<QVariant>& m) { return m.first().toString().contains(QLatin1String("Cannot read the case's properties")); }),
        10000);
}

// A case whose evidence cannot be read: the check fails with the reason, and the evidence panel and its packages tab
// say that they cannot be read, never an empty list as if the case held no evidence for the workload.
void TestMainWindow::aFailedEvidenceReadReachesTheWindow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.tideline"));
    QVERIFY(QFile::copy(m_case, path));
    QString fingerprint;
    {
        auto c = CaseFile::open(path, CaseFile::Mode::OpenExisting);
        QVERIFY(c.ok());
        for (const FingerprintMatch& m : *Timeline(**c).search(QStringLiteral("shop")))
            if (fingerprint.isEmpty())
                fingerprint = m.fingerprint;
        QVERIFY(!fingerprint.isEmpty());
        QSqlQuery q((*c)->db());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE evidence RENAME TO evidence_gone")));
    }
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy checked(&w, &MainWindow::checkFinished);
    w.openCase(path);
    QVERIFY(checked.wait(20000));
    QCOMPARE(checked.first().first().toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage().contains(QStringLiteral("from the case: no such table: evidence")), 10000);
    QVERIFY(!w.statusBar()->currentMessage().contains(QStringLiteral("SELECT")));
    QSignalSpy packages(&w, &MainWindow::packagesLoaded);
    w.showEvidence(fingerprint, QString());
    QVERIFY(packages.wait(10000));
    auto shown = [&](const QString& text) {
        for (const QLabel* l : w.evidencePanel()->findChildren<QLabel*>())
            if (l->text().contains(text) && !l->text().contains(QStringLiteral("SELECT")))
                return true;
        return false;
    };
    QVERIFY(shown(QStringLiteral("Cannot read the evidence: cannot read the evidence for %1 from the case").arg(fingerprint.left(12))));
    QVERIFY(shown(QStringLiteral("Cannot read the packages: cannot read the SBOMs of %1 from the case").arg(fingerprint.left(12))));
    QCOMPARE(w.evidencePanel()->model()->rowCount(), 0);
}

// A case opened read-only (File › Open Case Read-Only…, or on a medium that cannot be written) is read, drawn and
// checked as any other; everything that would write is disabled with the reason, refused if asked for all the same,
// and the file is left byte for byte as it was.
void TestMainWindow::readOnlyCase()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("archived.tideline"));
    QVERIFY(QFile::copy(m_case, copy));
    const QByteArray before = QCryptographicHash::hash(testutil::readFile(copy), QCryptographicHash::Sha256);
    {
        auto w = openWindow(copy, true);
        QVERIFY(w);
        QVERIFY(w->caseReadOnly());
        QVERIFY2(w->windowTitle().contains(QStringLiteral("[read-only]")), qPrintable(w->windowTitle()));
        QVERIFY(w->findingsPanel()->model()->rowCount() > 0); // checked as any case
        for (const char* name : { "importAction", "exportPackAction", "retractAction", "casePropertiesAction" }) {
            auto* a = w->findChild<QAction*>(QLatin1String(name));
            QVERIFY2(a, name);
            QVERIFY2(!a->isEnabled(), name);
            QVERIFY2(a->statusTip().contains(QStringLiteral("read-only")), name);
        }
        QVERIFY(w->findChild<QAction*>(QStringLiteral("checkAction"))->isEnabled());
        // Asked for all the same, the writers refuse and say why.
        QVERIFY(!w->showImportDialog({ m_bundle }));
        QVERIFY(!w->showExportDialog());
        QVERIFY2(w->statusBar()->currentMessage().contains(QStringLiteral("read-only")), qPrintable(w->statusBar()->currentMessage()));
        // A decision cannot be recorded: the button says why.
        FindingsPanel* panel = w->findingsPanel();
        QVERIFY(panel->selectFinding(panel->model()->finding(0).id));
        FindingDetail* detail = panel->detail();
        detail->dispositionBox()->setCurrentIndex(detail->dispositionBox()->findData(static_cast<int>(Disposition::Escalated)));
        detail->reviewerEdit()->setText(QStringLiteral("ana"));
        QTest::keyClicks(detail->noteEdit(), QStringLiteral("would be a decision"));
        QVERIFY(!detail->recordButton()->isEnabled());
        QVERIFY(detail->recordButton()->toolTip().contains(QStringLiteral("read-only")));
        QVERIFY(!detail->allowButton()->isEnabled());
        // Let go of the copy: not a byte of it changed.
        QSignalSpy opened(w.get(), &MainWindow::caseOpened);
        w->openCase(m_case);
        QVERIFY(opened.wait(20000));
        QCOMPARE(QCryptographicHash::hash(testutil::readFile(copy), QCryptographicHash::Sha256), before);
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral("-wal")));
        // The same case opened normally again takes imports and decisions.
        w->openCase(copy);
        QVERIFY(opened.wait(20000));
        QVERIFY(!w->caseReadOnly());
        QVERIFY(w->findChild<QAction*>(QStringLiteral("importAction"))->isEnabled());
        QVERIFY(!w->windowTitle().contains(QStringLiteral("[read-only]")));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
