// SPDX-License-Identifier: GPL-3.0-or-later
// The investigator's flow (issue 17), driven as a user would, offscreen: time typed and stepped, from a bar to its
// finding, context menus, lanes and findings selecting each other, copies without an ellipsis, imports checked before
// they land and retracted after, the window at 1024×640, colours from the palette and switched without a restart,
// the export dialog, the case's title and its watched folder.

#include "activitychart.h"
#include "allowdialog.h"
#include "casepropertiesdialog.h"
#include "diffpanel.h"
#include "dropwatcher.h"
#include "evidencepanel.h"
#include "exportdialog.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importdialog.h"
#include "importresultspanel.h"
#include "items/copyrole.h"
#include "items/diffmodel.h"
#include "items/environmentmodel.h"
#include "items/findingmodel.h"
#include "items/findingproxy.h"
#include "items/importresultmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "items/searchmodel.h"
#include "items/statemodel.h"
#include "mainwindow.h"
#include "periodpicker.h"
#include "retractdialog.h"
#include "searchpanel.h"
#include "sourcepanel.h"
#include "statepanel.h"
#include "store/casefile.h"
#include "tablecopy.h"
#include "testutil.h"
#include "theme.h"
#include "timeaxisheader.h"
#include "timefield.h"
#include "timeline/timeline.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "ui/uitestutil.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSettings>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QMessageBox>
#include <QVBoxLayout>
#include <QToolTip>
#include <QTreeWidget>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

namespace {

const Finding* minerOf(const FindingModel& model)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.finding(r).names.join(QLatin1Char(' ')).contains(QStringLiteral("xmrig")))
            return &model.finding(r);
    return nullptr;
}

// Closes the popup menu that a right click opens once it shows, after triggering the named action in it.
void triggerInNextMenu(const QString& action, QStringList* seen = nullptr)
{
    QTimer::singleShot(50, [action, seen] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu)
            return;
        QAction* chosen = nullptr;
        for (QAction* a : menu->actions()) {
            if (seen && !a->objectName().isEmpty())
                *seen << a->objectName();
            if (a->objectName() == action && !chosen)
                chosen = a;
        }
        menu->close();
        if (chosen)
            chosen->trigger();
    });
}

QPoint barPoint(TimelineView* tl, const QModelIndex& lane, Millis at)
{
    const QRect r = tl->visualRect(lane.siblingAtColumn(LaneModel::TimelineColumn));
    return QPoint(static_cast<int>(tl->scale().xOf(at)), r.center().y());
}

} // namespace

class TestFlow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void goToTime();
    void arrowsStepSnapshots();
    void hoverShowsTimeAndAxisSaysUtc();
    void axisLabelsOverTheirTicks();
    void periodIsShared();
    void timeFieldsReadIso();
    void doubleClickBarOpensFinding();
    void contextMenusLead();
    void laneAndFindingsSelectEachOther();
    void copyNeverCopiesAnEllipsis();
    void namesDropTheRegistry();
    void importPreviewWarnsThenRetract();
    void windowFitsAndShrinks();
    void chartStripFolds();
    void docksRememberTheirSizes();
    void dispositionsHaveTheirColours();
    void severityAndSummary();
    void palettesSwitchWithoutRestart();
    void mainTextsContrast_data();
    void mainTextsContrast();
    void exportDialogFlow();
    void casePropertiesTitle();
    void watchedFolderAnnouncesFindings();
    void smallerItems();

private:
    std::unique_ptr<MainWindow> openWindow(const QString& path, QSize size = QSize(1400, 900));
    std::unique_ptr<MainWindow> openCopy(const QTemporaryDir& dir, QSize size = QSize(1400, 900));

    QTemporaryDir m_dir;
    QString m_case;
    QString m_bundle;
};

void TestFlow::initTestCase()
{
    uitest::isolateSettings();
    applyAppearance(*qApp, Appearance::Light);
    QVERIFY(m_dir.isValid());
    m_case = uitest::makeDemoCase(m_dir.path());
    m_bundle = m_dir.filePath(QStringLiteral("bundle"));
}

std::unique_ptr<MainWindow> TestFlow::openWindow(const QString& path, QSize size)
{
    auto w = std::make_unique<MainWindow>();
    w->resize(size);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    w->openCase(path);
    if (!loaded.wait(20000))
        return nullptr;
    if (checked.isEmpty() && !checked.wait(20000))
        return nullptr;
    return w;
}

std::unique_ptr<MainWindow> TestFlow::openCopy(const QTemporaryDir& dir, QSize size)
{
    const QString copy = dir.filePath(QStringLiteral("copy.tideline"));
    return QFile::copy(m_case, copy) ? openWindow(copy, size) : nullptr;
}

void TestFlow::goToTime()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    StatePanel* state = w->statePanel();
    // Ctrl+G puts the caret in "At", wherever the focus was.
    w->searchBox()->setFocus();
    QTest::keyClick(w->searchBox(), Qt::Key_G, Qt::ControlModifier);
    QVERIFY(state->atField()->hasFocus());
    // An ISO time, typed: the cursor goes there, whole seconds, and the state then shows.
    QSignalSpy went(w.get(), &MainWindow::wentTo);
    QSignalSpy loaded(w.get(), &MainWindow::stateLoaded);
    QTest::keyClicks(state->atField(), QStringLiteral("2026-03-03 13:00"));
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QVERIFY(loaded.wait(10000));
    const Millis at = *timefmt::parseIso(QStringLiteral("2026-03-03T13:00:00Z"));
    QCOMPARE(went.takeFirst().first().value<Millis>(), at);
    QCOMPARE(*tl->timeCursor(), at);
    QVERIFY(state->title()->text().contains(QStringLiteral("2026-03-03 13:00:00 UTC")));
    QCOMPARE(state->atField()->text(), QStringLiteral("2026-03-03T13:00:00Z"));
    // A snapshot by its index: its time.
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    const Snapshot twelve = *Timeline(**kase).resolve(QStringLiteral("prod#12"));
    state->atField()->setText(QStringLiteral("prod#12"));
    went.clear();
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(went.size(), 1, 10000); // at once for a time, once read for a snapshot
    QCOMPARE(*tl->timeCursor(), twelve.takenAt);
    // prod@{…}, prod~N.
    state->atField()->setText(QStringLiteral("prod@{2026-03-04T06:00:00Z}"));
    went.clear();
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(went.size(), 1, 10000); // at once for a time, once read for a snapshot
    QCOMPARE(*tl->timeCursor(), Timeline(**kase).resolve(QStringLiteral("prod@{2026-03-04T06:00:00Z}"))->takenAt);
    state->atField()->setText(QStringLiteral("prod~1"));
    went.clear();
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(went.size(), 1, 10000); // at once for a time, once read for a snapshot
    QCOMPARE(*tl->timeCursor(), Timeline(**kase).resolve(QStringLiteral("prod~1"))->takenAt);
    // N.hours.ago: from now.
    state->atField()->setText(QStringLiteral("3.hours.ago"));
    const Millis before = timefmt::now();
    went.clear();
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(went.size(), 1, 10000); // at once for a time, once read for a snapshot
    QVERIFY(std::abs(*tl->timeCursor() - (before - 3 * 3600 * 1000)) < 5000);
    // What it cannot read, it says, under the field.
    QSignalSpy failed(w.get(), &MainWindow::goToFailed);
    state->atField()->setText(QStringLiteral("yesterday at noon"));
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("neither a time")));
    QVERIFY(state->findChild<QLabel*>(QStringLiteral("stateAtProblem"))->isVisibleTo(state));
    state->atField()->setText(QStringLiteral("prod#99999"));
    QTest::keyClick(state->atField(), Qt::Key_Return);
    QVERIFY(failed.wait(10000));
}

void TestFlow::arrowsStepSnapshots()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    std::vector<Millis> times;
    for (const EnvironmentTimeline& e : w->overview()->environments)
        for (const Snapshot& s : e.snapshots)
            times.push_back(s.takenAt);
    std::sort(times.begin(), times.end());
    tl->setTimeCursor(times[10]);
    tl->setFocus();
    QSignalSpy loaded(w.get(), &MainWindow::stateLoaded);
    QTest::keyClick(tl, Qt::Key_Right);
    QCOMPARE(*tl->timeCursor(), *std::upper_bound(times.begin(), times.end(), times[10]));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(w->statePanel()->atField()->text(), timefmt::formatIso(*tl->timeCursor()));
    QTest::keyClick(tl, Qt::Key_Left);
    QCOMPARE(*tl->timeCursor(), times[10]);
    QTest::keyClick(tl, Qt::Key_Left);
    QVERIFY(*tl->timeCursor() < times[10]);
    // The State panel's arrows do the same.
    const Millis now = *tl->timeCursor();
    QTest::mouseClick(w->statePanel()->findChild<QToolButton*>(QStringLiteral("stateLater")), Qt::LeftButton);
    QVERIFY(*tl->timeCursor() > now);
    // Stepping off the view pans to keep the cursor in sight.
    tl->showRange(times[0], times[5]);
    tl->setTimeCursor(times[5]);
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(tl, Qt::Key_Right);
    QVERIFY(*tl->timeCursor() >= tl->scale().start && *tl->timeCursor() <= tl->scale().end);
}

void TestFlow::hoverShowsTimeAndAxisSaysUtc()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const QRect r = tl->timelineRect();
    const QPoint p(r.left() + r.width() / 3, tl->viewport()->height() / 2);
    QSignalSpy hover(tl, &TimelineView::hoverTimeChanged);
    QTest::mouseMove(tl->viewport(), p);
    QTRY_VERIFY(tl->hoverTime().has_value());
    QVERIFY(std::abs(*tl->hoverTime() - tl->scale().timeAt(p.x())) <= 1000);
    QCOMPARE(*tl->hoverTime() % 1000, 0);
    auto* hint = w->timelinePage()->findChild<QLabel*>(QStringLiteral("timelineHint"));
    QVERIFY(hint->text().contains(QStringLiteral("UTC under the pointer")));
    // The axis says UTC where it starts, and every time it shows, whole.
    auto* axis = qobject_cast<TimeAxisHeader*>(tl->header());
    QVERIFY(axis);
    const QImage header = axis->grab().toImage();
    QVERIFY(!header.isNull());
    if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
        header.save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/axis.png"));
    QCOMPARE(TimeAxisHeader::utcNote(), QStringLiteral("times in UTC"));
    // The note is drawn, in the muted colour, at the top right of the label column's header.
    const int right = axis->sectionSize(0) - 6;
    const QColor muted = Theme::current().mutedText;
    int inked = 0;
    for (int x = right - axis->fontMetrics().horizontalAdvance(TimeAxisHeader::utcNote()); x < right; ++x)
        for (int y = 2; y < axis->fontMetrics().height() + 3; ++y) {
            const QColor c = header.pixelColor(x, y);
            inked += std::abs(c.lightness() - muted.lightness()) < 12 && c != header.pixelColor(x, header.height() - 3) ? 1 : 0;
        }
    QVERIFY2(inked > 20, qPrintable(QStringLiteral("the label column's header says the times are UTC (%1 pixels of its ink)").arg(inked)));
    // Tooltips say UTC.
    const QModelIndex lane = tl->laneProxy()->index(0, 0, tl->laneProxy()->index(0, 0));
    QHelpEvent help(QEvent::ToolTip, barPoint(tl, lane, (tl->scale().start + tl->scale().end) / 2),
        tl->viewport()->mapToGlobal(barPoint(tl, lane, (tl->scale().start + tl->scale().end) / 2)));
    QApplication::sendEvent(tl->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("UTC")), qPrintable(QToolTip::text()));
    QToolTip::hideText();
    QTest::mouseMove(w->searchBox());
    QTRY_VERIFY(!tl->hoverTime().has_value()); // left the timeline
}

void TestFlow::axisLabelsOverTheirTicks()
{
    auto w = openWindow(m_case, QSize(1280, 720));
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    auto* axis = qobject_cast<TimeAxisHeader*>(tl->header());
    const int sectionLeft = axis->sectionViewportPosition(LaneModel::TimelineColumn);
    const int sectionRight = sectionLeft + axis->sectionSize(LaneModel::TimelineColumn);
    // At every zoom: days, hours, minutes. Each label stands over the tick it names (centred on it, or slid inwards
    // at an edge, still over it), no two overlap, none is cut by an edge; the date row names a day boundary under
    // it, and the left edge's context names the day or month that begins under it.
    for (double factor : { 1.0, 6.0, 40.0, 400.0 }) {
        tl->fit();
        tl->zoomBy(factor);
        axis->grab();
        const auto& labels = axis->labels();
        QVERIFY2(labels.size() >= 3, qPrintable(QString::number(factor)));
        for (const TimeAxisHeader::Label& l : labels) {
            QVERIFY2(l.rect.left() >= sectionLeft && l.rect.right() <= sectionRight, qPrintable(l.text));
            if (!l.context)
                QVERIFY2(l.rect.left() <= l.x && l.x <= l.rect.right() + 1, qPrintable(QStringLiteral("%1 at %2").arg(l.text).arg(l.x)));
        }
        for (size_t i = 1; i < labels.size(); ++i)
            if (labels[i].top == labels[i - 1].top)
                QVERIFY(!labels[i].rect.intersects(labels[i - 1].rect));
        for (const TimeAxisHeader::Label& l : labels)
            if (l.top && !l.context) {
                const QDateTime d = QDateTime::fromMSecsSinceEpoch(tl->scale().timeAt(l.x), Qt::UTC);
                const QString expected = l.text.size() == 7 ? d.addSecs(60).toString(QStringLiteral("yyyy-MM")) : d.addSecs(60).toString(QStringLiteral("yyyy-MM-dd"));
                QCOMPARE(l.text, expected);
            }
    }
}

void TestFlow::periodIsShared()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    PeriodPicker* picker = w->timelinePage()->periodPicker();
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    picker->presetBox()->setCurrentIndex(picker->presetBox()->findData(PeriodPicker::Last24Hours));
    QVERIFY(checked.wait(20000));
    const Millis last = w->overview()->last;
    QCOMPARE(*w->periodFrom(), last - 24 * 3600 * 1000);
    QCOMPARE(*w->periodTo(), last);
    // The timeline shows it, the findings are checked over it (their windows within it), the charts follow.
    QCOMPARE(*w->timeline()->periodFrom(), last - 24 * 3600 * 1000);
    QVERIFY(w->timeline()->scale().start <= *w->periodFrom() && w->timeline()->scale().end >= last);
    QVERIFY(w->timeline()->scale().span() < 2 * 24 * 3600 * 1000);
    QCOMPARE(w->workloadsChart()->chart()->plotArea().width(), w->timeline()->scale().width);
    const CheckReport& r = w->findingsPanel()->model()->report();
    QCOMPARE(*r.from, *w->periodFrom());
    for (const Finding& f : r.findings)
        QVERIFY(f.firstSeen >= *w->periodFrom() && f.lastSeen <= last);
    // The export starts from it.
    ExportDialog* d = w->showExportDialog();
    QVERIFY(d);
    QVERIFY(!d->wholeHistoryButton()->isChecked());
    QCOMPARE(*d->options().scope.from, *w->periodFrom());
    QCOMPARE(*d->options().scope.to, last);
    d->close();
    // Typed from and to.
    picker->presetBox()->setCurrentIndex(picker->presetBox()->findData(PeriodPicker::Custom));
    picker->fromField()->edit()->setText(QStringLiteral("2026-03-02"));
    picker->toField()->edit()->setText(QStringLiteral("2026-03-03 12:00"));
    QTest::mouseClick(picker->applyButton(), Qt::LeftButton);
    QVERIFY(checked.wait(20000));
    QCOMPARE(*w->periodFrom(), *timefmt::parseIso(QStringLiteral("2026-03-02T00:00:00Z")));
    QCOMPARE(*w->periodTo(), *timefmt::parseIso(QStringLiteral("2026-03-03T12:00:00Z")));
    // Back to the whole history.
    picker->setPreset(PeriodPicker::Whole);
    QVERIFY(checked.wait(20000));
    QVERIFY(!w->periodFrom() && !w->periodTo());
    QVERIFY(!w->findingsPanel()->model()->report().from);
}

void TestFlow::timeFieldsReadIso()
{
    TimeField f;
    f.show();
    QSignalSpy changed(&f, &TimeField::timeChanged);
    QTest::keyClicks(f.edit(), QStringLiteral("2026-03-07 06:00:00"));
    QCOMPARE(*f.time(), *timefmt::parseIso(QStringLiteral("2026-03-07T06:00:00Z")));
    QCOMPARE(f.understood()->text(), QStringLiteral("= 2026-03-07 06:00:00 UTC"));
    QVERIFY(changed.size() >= 1);
    // Milliseconds are not kept: what is shown is what is used.
    f.edit()->setText(QStringLiteral("2026-03-07T06:00:00.999Z"));
    QCOMPARE(*f.time() % 1000, 0);
    f.edit()->setText(QStringLiteral("2026-03-07T08:00:00+02:00"));
    QCOMPARE(f.understood()->text(), QStringLiteral("= 2026-03-07 06:00:00 UTC"));
    f.edit()->setText(QStringLiteral("7 March"));
    QVERIFY(!f.time());
    QVERIFY(!f.acceptable());
    QVERIFY(f.understood()->text().startsWith(QStringLiteral("not a time")));
    f.edit()->clear();
    QVERIFY(!f.acceptable());
    f.setOptional(true);
    QVERIFY(f.acceptable());
    // Tab leaves it: digits typed after land in the next field, not inside this one.
    QWidget form;
    auto* a = new TimeField(&form);
    auto* b = new QLineEdit(&form);
    auto* layout = new QVBoxLayout(&form);
    layout->addWidget(a);
    layout->addWidget(b);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    a->setFocus();
    QTest::keyClicks(a->edit(), QStringLiteral("2026-03-01"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("42"));
    QCOMPARE(b->text(), QStringLiteral("42"));
    QCOMPARE(a->edit()->text(), QStringLiteral("2026-03-01"));
}

void TestFlow::doubleClickBarOpensFinding()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    const Finding* miner = minerOf(*w->findingsPanel()->model());
    QVERIFY(miner);
    w->showFinding(*miner, 0);
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    if (!w->environmentModel()->chosen().contains(QStringLiteral("prod")))
        QVERIFY(loaded.wait(10000));
    TimelineView* tl = w->timeline();
    const QModelIndex lane = tl->laneIndex(miner->environment, workloadKey(*miner));
    QVERIFY(lane.isValid());
    tl->scrollTo(lane);
    w->dock(QStringLiteral("stateDock"))->raise();
    w->findingsPanel()->table()->clearSelection();
    const ExposureWindow win = miner->windows.front();
    QTest::mouseDClick(tl->viewport(), Qt::LeftButton, {}, barPoint(tl, lane, (win.from + win.to) / 2));
    QCOMPARE(w->findingsPanel()->selectedId(), miner->id);
    QTRY_VERIFY(!w->findingsPanel()->visibleRegion().isEmpty()); // its dock came to the front
    // A bar with no finding leads to its workload's evidence instead.
    const CheckReport& report = w->findingsPanel()->model()->report();
    QModelIndex clean;
    RunInterval cleanRun;
    for (int e = 0; e < tl->laneProxy()->rowCount() && !clean.isValid(); ++e) {
        const QModelIndex env = tl->laneProxy()->index(e, 0);
        for (int l = 0; l < tl->laneProxy()->rowCount(env) && !clean.isValid(); ++l) {
            const QModelIndex li = tl->laneProxy()->index(l, 0, env);
            const LaneModel::Lane* lm = tl->laneModel()->lane(tl->laneProxy()->mapToSource(li));
            for (const RunInterval& iv : lm->intervals) {
                bool flagged = iv.fingerprint.isEmpty();
                for (const Finding& f : report.findings)
                    flagged = flagged || (f.environment == iv.environment && workloadKey(f) == workloadKey(iv));
                if (!flagged && iv.to - iv.from > 6 * 3600 * 1000) {
                    clean = li;
                    cleanRun = iv;
                    break;
                }
            }
        }
    }
    QVERIFY(clean.isValid());
    tl->fit();
    tl->scrollTo(clean);
    QSignalSpy evidence(w.get(), &MainWindow::evidenceLoaded);
    QTest::mouseDClick(tl->viewport(), Qt::LeftButton, {}, barPoint(tl, clean, (cleanRun.from + cleanRun.to) / 2));
    QVERIFY(evidence.wait(10000));
    QCOMPARE(w->evidencePanel()->fingerprint(), cleanRun.fingerprint);
}

void TestFlow::contextMenusLead()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    const Finding* miner = minerOf(*w->findingsPanel()->model());
    w->showFinding(*miner, 0);
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    if (!w->environmentModel()->chosen().contains(QStringLiteral("prod")))
        QVERIFY(loaded.wait(10000));
    TimelineView* tl = w->timeline();
    const QModelIndex lane = tl->laneIndex(miner->environment, workloadKey(*miner));
    tl->scrollTo(lane);
    const ExposureWindow win = miner->windows.front();
    const QPoint at = barPoint(tl, lane, (win.from + win.to) / 2);
    // A right click on the bar: copy its full fingerprint, name and time, search, open its finding, diff, source.
    QStringList seen;
    triggerInNextMenu(QStringLiteral("copyFingerprint"), &seen);
    QContextMenuEvent right(QContextMenuEvent::Mouse, at, tl->viewport()->mapToGlobal(at));
    QApplication::sendEvent(tl->viewport(), &right);
    QTRY_COMPARE(QApplication::clipboard()->text(), miner->fingerprint);
    for (const char* name : { "copyFingerprint", "copyName", "copyTime", "searchEverywhere", "openFinding", "showEvidence", "diffPrevious",
             "showSnapshotSource" })
        QVERIFY2(seen.contains(QString::fromLatin1(name)), name);
    const TimelineView::Hit hit = tl->hitAt(at);
    QVERIFY(hit.interval && hit.findingIds.contains(miner->id));
    std::unique_ptr<QMenu> menu(w->contextMenu({ hit.environmentName, hit.interval->fingerprint, hit.interval->name, hit.at, hit.findingIds }));
    auto action = [&](const char* name) { return menu->findChild<QAction*>(QString::fromLatin1(name)); };
    action("copyName")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), hit.interval->name);
    action("copyTime")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), timefmt::formatIso(hit.at));
    QSignalSpy diff(w.get(), &MainWindow::diffLoaded);
    action("diffPrevious")->trigger();
    QVERIFY(diff.wait(10000));
    QCOMPARE(w->diffPanel()->model()->diff().to.environment, miner->environment);
    QVERIFY(w->diffPanel()->model()->diff().to.takenAt <= hit.at);
    QVERIFY(w->diffPanel()->model()->diff().from.takenAt < w->diffPanel()->model()->diff().to.takenAt);
    QSignalSpy source(w.get(), &MainWindow::sourceLoaded);
    action("showSnapshotSource")->trigger();
    QVERIFY(source.wait(10000));
    QSignalSpy searched(w.get(), &MainWindow::searchFinished);
    action("searchEverywhere")->trigger();
    QVERIFY(searched.wait(10000));
    QVERIFY(w->searchPanel()->model()->rowCount() >= 1);
    action("openFinding")->trigger();
    QCOMPARE(w->findingsPanel()->selectedId(), miner->id);
    // Rows of the lists have the same menu, through a right click on them.
    QTableView* results = w->searchPanel()->table();
    w->dock(QStringLiteral("searchDock"))->raise();
    QTRY_VERIFY(!results->visibleRegion().isEmpty());
    seen.clear();
    triggerInNextMenu(QStringLiteral("copyRow"), &seen);
    const QPoint row = results->visualRect(results->model()->index(0, 0)).center();
    results->selectRow(0);
    emit results->customContextMenuRequested(row);
    QVERIFY(seen.contains(QStringLiteral("copyFingerprint")) && seen.contains(QStringLiteral("openFinding")));
    QTRY_VERIFY(QApplication::clipboard()->text().contains(miner->fingerprint));
}

void TestFlow::laneAndFindingsSelectEachOther()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    w->setChosenEnvironments({ QStringLiteral("prod") });
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    QVERIFY(loaded.wait(10000));
    const Finding* miner = minerOf(*w->findingsPanel()->model());
    TimelineView* tl = w->timeline();
    const QModelIndex lane = tl->laneIndex(QStringLiteral("prod"), workloadKey(*miner));
    QVERIFY(lane.isValid());
    tl->scrollTo(lane);
    // A click on the xmrig lane selects its finding.
    QTest::mouseClick(tl->viewport(), Qt::LeftButton, {}, tl->visualRect(lane).center());
    QCOMPARE(w->findingsPanel()->selectedIds(), QStringList { miner->id });
    QCOMPARE(w->findingsPanel()->selectedId(), miner->id);
    QVERIFY(w->statusBar()->currentMessage().contains(miner->id));
    // And back: a finding picked in the list makes its lane the timeline's current one.
    const FindingModel* model = w->findingsPanel()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const Finding& f = model->finding(r);
        if (f.environment != QLatin1String("prod") || f.kind == FindingKind::BlindSpot || f.id == miner->id)
            continue;
        QVERIFY(w->findingsPanel()->selectFinding(f.id));
        QCOMPARE(tl->currentIndex().siblingAtColumn(0), tl->laneIndex(f.environment, workloadKey(f)).siblingAtColumn(0));
        break;
    }
    // The keyboard moves through lanes; the findings follow.
    tl->setFocus();
    QTest::keyClick(tl, Qt::Key_Down);
    const QStringList keys = tl->keysOfLane(tl->currentIndex());
    bool any = false;
    for (int r = 0; r < model->rowCount(); ++r)
        any = any || keys.contains(workloadKey(model->finding(r)));
    if (any)
        QVERIFY(!w->findingsPanel()->selectedIds().isEmpty());
}

void TestFlow::copyNeverCopiesAnEllipsis()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    TimelineView* tl = w->timeline();
    const auto& snaps = w->overview()->environments[1].snapshots;
    QSignalSpy diff(w.get(), &MainWindow::diffLoaded);
    w->compare(QStringLiteral("prod#%1").arg(snaps[5].index), QStringLiteral("prod#%1").arg(snaps[30].index));
    QVERIFY(diff.wait(10000));
    Q_UNUSED(tl)
    QTableView* table = w->diffPanel()->table();
    int row = -1;
    for (int r = 0; r < table->model()->rowCount() && row < 0; ++r)
        if (!table->model()->index(r, DiffModel::FingerprintColumn).data(CopyRole).toString().isEmpty())
            row = r;
    QVERIFY(row >= 0);
    const QString fp = table->model()->index(row, DiffModel::FingerprintColumn).data(CopyRole).toString();
    QCOMPARE(fp.size(), 64);
    QVERIFY(table->model()->index(row, DiffModel::FingerprintColumn).data().toString().endsWith(QChar(0x2026))); // shown short
    table->selectRow(row);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(fp), qPrintable(copied));
    QVERIFY(!copied.contains(QChar(0x2026)));
    // The findings list and the state list copy whole too.
    QTableView* findings = w->findingsPanel()->table();
    findings->selectRow(0);
    QApplication::clipboard()->clear();
    QTest::keyClick(findings, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(!QApplication::clipboard()->text().isEmpty());
    QVERIFY(!QApplication::clipboard()->text().contains(QChar(0x2026)));
    QSignalSpy state(w.get(), &MainWindow::stateLoaded);
    w->showStateAt(snaps[20].takenAt);
    QVERIFY(state.wait(10000));
    w->statePanel()->table()->selectAll();
    const QString all = copyText(w->statePanel()->table());
    QVERIFY(!all.contains(QChar(0x2026)));
    QVERIFY(all.contains(QStringLiteral("registry.example.com/"))); // the full name, registry and all
}

void TestFlow::namesDropTheRegistry()
{
    auto w = openWindow(m_case, QSize(1280, 720));
    QVERIFY(w);
    QSignalSpy state(w.get(), &MainWindow::stateLoaded);
    w->showStateAt(w->overview()->environments[1].snapshots[20].takenAt);
    QVERIFY(state.wait(10000));
    const StateModel* model = w->statePanel()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex name = model->index(r, StateModel::NameColumn);
        QVERIFY2(!name.data().toString().contains(QStringLiteral("registry.example.com")), qPrintable(name.data().toString()));
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(name.data(CopyRole).toString()));
    }
    // In the findings list a name is cut at its end when it must be, never in its middle; the fingerprint column
    // fits its content.
    QTableView* findings = w->findingsPanel()->table();
    QCOMPARE(findings->textElideMode(), Qt::ElideRight);
    QCOMPARE(findings->horizontalHeader()->sectionResizeMode(FindingModel::FingerprintColumn), QHeaderView::ResizeToContents);
    const QString cart = [&] {
        for (int r = 0; r < w->findingsPanel()->model()->rowCount(); ++r) {
            const QString s = w->findingsPanel()->model()->index(r, FindingModel::WorkloadColumn).data().toString();
            if (s.startsWith(QStringLiteral("shop/c")))
                return s;
        }
        return QString();
    }();
    QVERIFY(cart.startsWith(QStringLiteral("shop/ca")) || cart.startsWith(QStringLiteral("shop/ch")) || cart.startsWith(QStringLiteral("shop/co")));
}

void TestFlow::importPreviewWarnsThenRetract()
{
    REQUIRE_SAMPLES();
    QTemporaryDir dir;
    auto w = openCopy(dir);
    QVERIFY(w);
    const Environment awsBefore = [&] {
        for (const Environment& e : w->environmentModel()->environments())
            if (e.name == QLatin1String("aws-prod"))
                return e;
        return Environment();
    }();
    const int findingsBefore = w->findingsPanel()->model()->rowCount();
    const QString foreign = testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json"));
    ImportDialog* d = w->showImportDialog({ foreign });
    QVERIFY(d);
    QSignalSpy probed(d, &ImportDialog::probeFinished);
    QVERIFY(probed.wait(20000));
    // Before it lands: per file what it adds, and why to look twice.
    QTRY_VERIFY(!d->preview().empty());
    QCOMPARE(d->filesView()->topLevelItemCount(), 1);
    QTreeWidgetItem* item = d->filesView()->topLevelItem(0);
    QCOMPARE(item->text(2), QStringLiteral("aws-prod"));
    QVERIFY(item->text(3).startsWith(QStringLiteral("2026-05-05")));
    QVERIFY(item->text(4).toInt() > 0);
    QCOMPARE(d->warnings().size(), qsizetype(2));
    QVERIFY(d->warningsLabel()->isVisibleTo(d));
    QVERIFY(d->warningsLabel()->text().contains(QStringLiteral("another system")));
    QVERIFY(d->warningsLabel()->text().contains(QStringLiteral("history ends")));
    QCOMPARE(d->importButton()->text(), QStringLiteral("Import anyway"));
    QSignalSpy finished(w.get(), &MainWindow::importFinished);
    QSignalSpy checked(w.get(), &MainWindow::checkFinished);
    QTest::mouseClick(d->importButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QVERIFY(checked.wait(20000));
    QVERIFY(w->findingsPanel()->model()->rowCount() > findingsBefore);
    // Then taken back from the window: the import results' row, the dialog, a reason.
    const QString sha = finished.first().first().value<ImportReport>().imported.front().sha256;
    emit w->importResults()->retractRequested(sha);
    QTRY_VERIFY(w->retractDialog());
    RetractDialog* r = w->retractDialog();
    QCOMPARE(r->target(), [&] {
        for (int i = 0; i < r->list()->topLevelItemCount(); ++i)
            if (r->list()->topLevelItem(i)->isSelected())
                return r->list()->topLevelItem(i)->toolTip(4) == sha ? r->target() : QString();
        return QString();
    }());
    QVERIFY(!r->retractButton()->isEnabled()); // not without a reason
    QTest::keyClicks(r->reasonField(), QStringLiteral("cyber-dojo's aws-prod, not ours"));
    QVERIFY(r->retractButton()->isEnabled());
    QSignalSpy retracted(w.get(), &MainWindow::retracted);
    QTest::mouseClick(r->retractButton(), Qt::LeftButton);
    QVERIFY(retracted.wait(20000));
    QVERIFY(checked.wait(20000));
    QCOMPARE(w->findingsPanel()->model()->rowCount(), findingsBefore);
    for (const Environment& e : w->environmentModel()->environments())
        if (e.name == QLatin1String("aws-prod")) {
            QCOMPARE(e.snapshots, awsBefore.snapshots);
            QCOMPARE(e.last, awsBefore.last);
        }
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("Retracted")) || !w->statusBar()->currentMessage().isEmpty());
    // verify-case still holds, from the window too.
    QSignalSpy verified(w.get(), &MainWindow::caseVerified);
    w->verifyCase();
    QVERIFY(verified.wait(30000));
    QCOMPARE(verified.first().first().toBool(), true);
    if (auto* box = w->findChild<QMessageBox*>(QStringLiteral("verifyCaseResult")))
        box->close();
}

void TestFlow::windowFitsAndShrinks()
{
    // The first window fits the screen it opens on.
    {
        MainWindow fresh;
        const QSize avail = fresh.screen()->availableGeometry().size();
        QVERIFY2(fresh.width() <= avail.width() && fresh.height() <= avail.height(),
            qPrintable(QStringLiteral("%1x%2 on %3x%4").arg(fresh.width()).arg(fresh.height()).arg(avail.width()).arg(avail.height())));
    }
    // It shrinks to 1024×640 with every control there.
    auto w = openWindow(m_case, QSize(1024, 640));
    QVERIFY(w);
    QCOMPARE(w->size(), QSize(1024, 640));
    QVERIFY2(w->minimumSizeHint().width() <= 1024 && w->minimumSizeHint().height() <= 640,
        qPrintable(QStringLiteral("%1x%2").arg(w->minimumSizeHint().width()).arg(w->minimumSizeHint().height())));
    auto* tools = w->findChild<QToolBar*>(QStringLiteral("mainToolBar"));
    for (QAction* a : tools->actions()) {
        QWidget* button = tools->widgetForAction(a);
        if (button && !a->isSeparator())
            QVERIFY2(button->isVisible() && tools->rect().contains(button->geometry()), qPrintable(a->text()));
    }
    QVERIFY(w->searchBox()->isVisible() && w->searchBox()->width() >= 120);
    // The timeline keeps the room: several lanes show.
    TimelineView* tl = w->timeline();
    const int rowHeight = tl->visualRect(tl->laneProxy()->index(0, 0)).height();
    QVERIFY2(tl->viewport()->height() >= 6 * rowHeight, qPrintable(QString::number(tl->viewport()->height())));
    for (QWidget* control : std::initializer_list<QWidget*> { w->timelinePage()->periodPicker()->presetBox(), w->timelinePage()->laneFilter(),
             w->statePanel()->atField(), w->findingsPanel()->environmentFilter() }) {
        if (!control->isVisibleTo(w.get()))
            continue;
        QVERIFY2(control->width() >= control->minimumSizeHint().width() - 2, qPrintable(control->objectName()));
    }
    QVERIFY(!w->grab().isNull());
}

void TestFlow::chartStripFolds()
{
    auto w = openWindow(m_case, QSize(1280, 720));
    QVERIFY(w);
    TimelinePage* page = w->timelinePage();
    QVERIFY(page->chartStrip()->isVisible());
    // One strip, one chart at a time.
    QVERIFY(w->workloadsChart()->isVisible() != w->instancesChart()->isVisible());
    page->chartChoice()->setCurrentIndex(1);
    QVERIFY(w->instancesChart()->isVisible() && !w->workloadsChart()->isVisible());
    const int before = w->timeline()->height();
    auto* action = w->findChild<QAction*>(QStringLiteral("chartsAction"));
    QVERIFY(action && action->isChecked());
    action->trigger();
    QVERIFY(!page->chartStrip()->isVisible());
    QTRY_VERIFY(w->timeline()->height() > before);
    QCOMPARE(QSettings().value(QStringLiteral("timeline/chart")).toInt(), 2); // remembered
    action->trigger();
    QVERIFY(page->chartStrip()->isVisible());
}

void TestFlow::docksRememberTheirSizes()
{
    QSettings().remove(QStringLiteral("window/state"));
    int height = 0;
    {
        auto w = openWindow(m_case, QSize(1280, 800));
        QVERIFY(w);
        QDockWidget* state = w->dock(QStringLiteral("stateDock"));
        w->resizeDocks({ state }, { 300 }, Qt::Vertical);
        QCoreApplication::processEvents();
        height = state->height();
        w->close();
    }
    auto w = openWindow(m_case, QSize(1280, 800));
    QVERIFY(w);
    QCoreApplication::processEvents();
    QVERIFY2(std::abs(w->dock(QStringLiteral("stateDock"))->height() - height) <= 4,
        qPrintable(QStringLiteral("%1 then %2").arg(height).arg(w->dock(QStringLiteral("stateDock"))->height())));
}

void TestFlow::dispositionsHaveTheirColours()
{
    QTemporaryDir dir;
    auto w = openCopy(dir);
    QVERIFY(w);
    const Theme theme = Theme::current();
    // Each its own.
    std::set<QString> colours;
    for (Disposition d : dispositions())
        colours.insert(theme.disposition(d).name());
    QCOMPARE(colours.size(), dispositions().size());
    FindingsPanel* panel = w->findingsPanel();
    const QString id = minerOf(*panel->model())->id;
    QSignalSpy recorded(w.get(), &MainWindow::reviewRecorded);
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    w->recordDecision(id, Disposition::Escalated, QStringLiteral("to the incident team"), QStringLiteral("ana"));
    QVERIFY(recorded.wait(20000));
    const Finding miner = *minerOf(*panel->model());
    // Escalated is still open: the count, the environment list and the summary agree with the engine.
    QCOMPARE(panel->model()->openCount(), panel->model()->report().open);
    QVERIFY(panel->environmentSummary()->text().contains(QStringLiteral("open")));
    w->showFinding(miner, 0);
    if (!w->environmentModel()->chosen().contains(QStringLiteral("prod")))
        QVERIFY(loaded.wait(10000));
    TimelineView* tl = w->timeline();
    const QModelIndex lane = tl->laneIndex(miner.environment, workloadKey(miner));
    tl->scrollTo(lane);
    QCoreApplication::processEvents();
    const QRect bar = tl->visualRect(lane.siblingAtColumn(LaneModel::TimelineColumn));
    const int x = static_cast<int>(tl->scale().xOf((miner.windows.front().from + miner.windows.front().to) / 2));
    QCOMPARE(tl->viewport()->grab().toImage().pixelColor(QPoint(x, bar.bottom() - 4)).name(), theme.disposition(Disposition::Escalated).name());
    // The chart stacks it under "escalated", in the same colour.
    QVERIFY(w->workloadsChart()->categories().contains(QStringLiteral("escalated")));
    auto* legend = w->workloadsChart()->findChild<QLabel*>();
    QVERIFY(legend->text().contains(theme.disposition(Disposition::Escalated).name()));
    // Accepted risk: its own colour again.
    w->recordDecision(id, Disposition::AcceptedRisk, QStringLiteral("exercise"), QStringLiteral("ana"));
    QVERIFY(recorded.wait(20000));
    QCoreApplication::processEvents();
    QCOMPARE(tl->viewport()->grab().toImage().pixelColor(QPoint(x, bar.bottom() - 4)).name(), theme.disposition(Disposition::AcceptedRisk).name());
}

void TestFlow::severityAndSummary()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    // Sorted by severity, most severe first.
    QCOMPARE(panel->table()->horizontalHeader()->sortIndicatorSection(), int(FindingModel::SeverityColumn));
    int previous = -1;
    for (int r = 0; r < panel->proxy()->rowCount(); ++r) {
        const int s = panel->proxy()->index(r, 0).data(FindingModel::SeverityRole).toInt();
        QVERIFY(s >= previous);
        previous = s;
    }
    QCOMPARE(panel->proxy()->index(0, FindingModel::SeverityColumn).data().toString(), QStringLiteral("critical"));
    // One line per environment over the list.
    const QString summary = panel->environmentSummary()->text();
    for (const QString& env : panel->model()->report().environments)
        QVERIFY2(summary.contains(QStringLiteral("<b>%1</b>").arg(env)), qPrintable(summary));
    QCOMPARE(summary.count(QStringLiteral("<br>")), panel->model()->report().environments.size() - 1);
    QVERIFY(summary.contains(QStringLiteral("critical")));
    // Its open counts add up to the engine's (VEX-suppressed findings are counted apart, never as open).
    int open = 0;
    for (const QRegularExpressionMatch& m : QRegularExpression(QStringLiteral("</a>: (\\d+) open")).globalMatch(summary))
        open += m.captured(1).toInt();
    QCOMPARE(open, panel->model()->openCount());
    // A click on an environment there lists only its findings.
    emit panel->environmentSummary()->linkActivated(QStringLiteral("prod"));
    QCOMPARE(panel->proxy()->environment(), QStringLiteral("prod"));
}

void TestFlow::palettesSwitchWithoutRestart()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    for (const char* look : { "dark", "high-contrast", "light" }) {
        auto* action = w->findChild<QAction*>(QStringLiteral("appearance-") + QString::fromLatin1(look));
        QVERIFY(action);
        action->trigger();
        QCoreApplication::processEvents();
        const QPalette expected = appearancePalette(appearanceFromString(QString::fromLatin1(look)));
        QCOMPARE(QApplication::palette().color(QPalette::Base), expected.color(QPalette::Base));
        QCOMPARE(w->palette().color(QPalette::Window), expected.color(QPalette::Window));
        // What wrote theme colours into its text wrote them again, in the new ones.
        const Theme theme = Theme::current();
        const Finding& critical = panel->model()->finding(panel->proxy()->mapToSource(panel->proxy()->index(0, 0)).row());
        QVERIFY2(panel->environmentSummary()->text().contains(theme.severity(critical.severity).name()), look);
        QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QString::fromLatin1(look));
    }
}

void TestFlow::mainTextsContrast_data()
{
    QTest::addColumn<QString>("look");
    QTest::addRow("light") << QStringLiteral("light");
    QTest::addRow("dark") << QStringLiteral("dark");
    QTest::addRow("high contrast") << QStringLiteral("high-contrast");
}

void TestFlow::mainTextsContrast()
{
    QFETCH(QString, look);
    const QPalette p = appearancePalette(appearanceFromString(look));
    const Theme t = Theme::fromPalette(p);
    const double body = look == QLatin1String("high-contrast") ? 7.0 : 4.5; // WCAG AA; AAA for high contrast
    auto check = [&](const QColor& fg, const QColor& bg, double minimum, const char* what) {
        const double ratio = Theme::contrast(fg, bg);
        QVERIFY2(ratio >= minimum, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1, below %5:1").arg(QString::fromLatin1(what), fg.name(), bg.name()).arg(ratio, 0, 'f', 2).arg(minimum)));
    };
    check(p.color(QPalette::Text), p.color(QPalette::Base), body, "text");
    check(p.color(QPalette::WindowText), p.color(QPalette::Window), body, "window text");
    check(p.color(QPalette::ButtonText), p.color(QPalette::Button), body, "button text");
    check(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight), body, "selected text");
    check(p.color(QPalette::PlaceholderText), p.color(QPalette::Base), 4.5, "placeholder and hints");
    check(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base), 3.0, "disabled text");
    check(t.mutedText, t.laneBackground, 4.5, "muted text");
    check(t.text, t.environmentBackground, body, "environment rows");
    // Coloured text: severities, dispositions, the warning, change counts.
    for (Disposition d : dispositions())
        check(t.disposition(d), p.color(QPalette::Base), 4.5, qPrintable(dispositionName(d)));
    for (Severity s : severities())
        check(t.severity(s), p.color(QPalette::Base), 4.5, qPrintable(severityName(s)));
    check(t.warning, p.color(QPalette::Window), 4.5, "warnings");
    check(t.removed, p.color(QPalette::Window), 4.5, "failures");
    // Labels on bars, on the cursor's and the picks' flags.
    for (const auto& [fill, what] : { std::pair { t.known, "bar label" }, std::pair { t.unknown, "unknown bar label" },
             std::pair { t.cursor, "cursor label" }, std::pair { t.pickA, "pick A" }, std::pair { t.pickB, "pick B" } })
        check(Theme::onColour(fill), fill, 4.5, what);
    // Bars and bands on the lane: graphics, 3:1.
    for (Disposition d : dispositions())
        check(t.disposition(d), t.laneBackground, 3.0, "band");
    check(t.known, t.laneBackground, 3.0, "bar");
    check(t.mark, t.environmentBackground, 3.0, "snapshot mark");
}

void TestFlow::exportDialogFlow()
{
    auto w = openWindow(m_case);
    QVERIFY(w);
    // Ctrl+E works while a text field has the focus.
    w->searchBox()->setFocus();
    QTest::keyClicks(w->searchBox(), QStringLiteral("abc"));
    QTest::keyClick(w->searchBox(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(w->exportDialog() && w->exportDialog()->isVisible());
    ExportDialog* d = w->exportDialog();
    // Who exports, asked for: the export waits for a name.
    d->exporterField()->clear();
    QVERIFY(!d->exportButton()->isEnabled());
    QVERIFY(d->statusLabel()->text().contains(QStringLiteral("who exports")));
    QTest::keyClicks(d->exporterField(), QStringLiteral("Ana Auditor"));
    // Tab goes from field to field: digits typed in the period land in the period, not in the folder.
    d->findChildren<QRadioButton*>().last()->setChecked(true);
    QApplication::setActiveWindow(d);
    QVERIFY(QTest::qWaitForWindowActive(d));
    d->fromField()->edit()->setFocus();
    d->fromField()->edit()->selectAll();
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2026-03-02"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), d->toField()->edit());
    const QString folder = d->folderField()->text();
    d->toField()->edit()->selectAll();
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2026-03-03"));
    QCOMPARE(d->folderField()->text(), folder);
    QCOMPARE(*d->options().scope.to, *timefmt::parseIso(QStringLiteral("2026-03-03T00:00:00Z")));
    QCOMPARE(d->options().exporter, QStringLiteral("Ana Auditor"));
    d->environmentField()->setCurrentIndex(d->environmentField()->findData(QStringLiteral("aws-prod")));
    QTemporaryDir out;
    d->setOutputDir(out.filePath(QStringLiteral("pack")));
    QVERIFY(d->exportButton()->isEnabled());
    QSignalSpy exported(d, &ExportDialog::exported);
    QTest::mouseClick(d->exportButton(), Qt::LeftButton);
    QVERIFY(exported.wait(120000));
    QCOMPARE(QSettings().value(QStringLiteral("export/exporter")).toString(), QStringLiteral("Ana Auditor")); // remembered
    const QJsonObject manifest = QJsonDocument::fromJson(testutil::readFile(QDir(exported.first().first().toString()).filePath(QStringLiteral("manifest.json")))).object();
    QCOMPARE(manifest[QLatin1String("exporter")].toString(), QStringLiteral("Ana Auditor"));
    // Open PDF when it cannot be opened (here: moved away since): the dialog and the window say why.
    const QString pdf = QDir(exported.first().first().toString()).filePath(QStringLiteral("pack.pdf"));
    QVERIFY(QFile::rename(pdf, pdf + QStringLiteral(".moved")));
    QSignalSpy openFailed(d, &ExportDialog::openFailed);
    QTest::mouseClick(d->openPdfButton(), Qt::LeftButton);
    QCOMPARE(openFailed.size(), 1);
    QVERIFY(openFailed.first().first().toString().contains(QStringLiteral("is not there any more")));
    QVERIFY(d->statusLabel()->text().startsWith(QStringLiteral("Cannot open the PDF")));
    QVERIFY(w->statusBar()->currentMessage().startsWith(QStringLiteral("Cannot open the PDF")));
    d->close();
}

void TestFlow::casePropertiesTitle()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy.tideline"));
    QVERIFY(QFile::copy(m_case, copy));
    {
        auto w = openWindow(copy);
        QVERIFY(w);
        CasePropertiesDialog* d = w->showCasePropertiesDialog();
        QVERIFY(d);
        QVERIFY(!d->saveButton()->isEnabled()); // nothing changed yet
        QTest::keyClicks(d->titleField(), QStringLiteral("Q1 2026 audit: aws-prod"));
        QVERIFY(d->saveButton()->isEnabled());
        QSignalSpy saved(w.get(), &MainWindow::propertiesSaved);
        QTest::mouseClick(d->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QVERIFY(w->windowTitle().contains(QStringLiteral("Q1 2026 audit: aws-prod")));
        ExportDialog* e = w->showExportDialog();
        QCOMPARE(e->findChild<QLabel*>(QStringLiteral("exportCaseTitle"))->text(), QStringLiteral("Q1 2026 audit: aws-prod"));
        e->close();
    }
    // Stored in the case: a window opened on it again says it.
    auto again = openWindow(copy);
    QVERIFY(again);
    QTRY_VERIFY(again->windowTitle().contains(QStringLiteral("Q1 2026 audit: aws-prod")));
    QCOMPARE(again->caseProperties().title, QStringLiteral("Q1 2026 audit: aws-prod"));
}

void TestFlow::watchedFolderAnnouncesFindings()
{
    QTemporaryDir dir;
    auto w = openCopy(dir);
    QVERIFY(w);
    const QString drop = dir.filePath(QStringLiteral("drop"));
    QVERIFY(QDir().mkpath(drop));
    CasePropertiesDialog* d = w->showCasePropertiesDialog();
    d->watchField()->setText(drop);
    QSignalSpy saved(w.get(), &MainWindow::propertiesSaved);
    QTest::mouseClick(d->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QCOMPARE(w->dropWatcher()->folder(), QFileInfo(drop).absoluteFilePath());
    w->dropWatcher()->setInterval(100);
    // A bundle lands: a pod with no digest in a new environment.
    const QString staged = dir.filePath(QStringLiteral("edge"));
    QDir().mkpath(staged);
    QVERIFY(testutil::writeFile(QDir(staged).filePath(QStringLiteral("pods.json")),
        R"({"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"debug-1","namespace":"ops","creationTimestamp":"2026-03-01T00:00:00Z"},)"
        R"("spec":{},"status":{"phase":"Running","containerStatuses":[{"name":"c","image":"busybox:latest","imageID":""}]}}]})"));
    QVERIFY(testutil::writeFile(QDir(staged).filePath(QStringLiteral("tideline-bundle.json")),
        R"({"tideline_bundle": 1, "snapshots": [{"path": "pods.json", "environment": "edge", "type": "K8S", "taken_at": "2026-03-05T08:00:00Z"}]})"));
    QSignalSpy fresh(w.get(), &MainWindow::newFindings);
    QVERIFY(QDir().rename(staged, QDir(drop).filePath(QStringLiteral("edge-1"))));
    QVERIFY(fresh.wait(30000));
    const QStringList ids = fresh.first().first().toStringList();
    QVERIFY(!ids.isEmpty());
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("new finding")));
    QVERIFY(w->findingsPanel()->model()->rowOf(ids.front()) >= 0);
}

void TestFlow::smallerItems()
{
    QTemporaryDir dir;
    auto w = openCopy(dir);
    QVERIFY(w);
    FindingsPanel* panel = w->findingsPanel();
    // "Record decision" is off for an open finding kept open with nothing said.
    QString open;
    for (int r = 0; r < panel->model()->rowCount() && open.isEmpty(); ++r)
        if (panel->model()->finding(r).disposition == Disposition::Open)
            open = panel->model()->finding(r).id;
    QVERIFY(panel->selectFinding(open));
    FindingDetail* detail = panel->detail();
    detail->reviewerEdit()->setText(QStringLiteral("ana"));
    detail->dispositionBox()->setCurrentIndex(detail->dispositionBox()->findData(int(Disposition::Open)));
    QVERIFY(!detail->recordButton()->isEnabled());
    QTest::keyClicks(detail->noteEdit(), QStringLiteral("looked: still to be seen"));
    QVERIFY(detail->recordButton()->isEnabled());
    // Decision times do not wrap in the middle.
    QVERIFY(!detail->body()->toHtml().isEmpty());
    // Allow… ends a week after the last exposure unless told otherwise.
    AllowDialog* allow = w->showAllowDialog(*detail->finding());
    QVERIFY(allow->untilBox()->isChecked());
    QCOMPARE(*allow->untilField()->time(), detail->finding()->lastSeen / 1000 * 1000 + 7LL * 24 * 3600 * 1000);
    QVERIFY(allow->entry().validUntil);
    allow->reject();
    // A search that finds nothing says so alone, not beside the hint.
    QSignalSpy searched(w.get(), &MainWindow::searchFinished);
    w->search(QStringLiteral("zzz-no-such-workload"));
    QVERIFY(searched.wait(10000));
    QCOMPARE(w->searchPanel()->currentPage()->objectName(), QStringLiteral("searchNothing"));
    QVERIFY(w->searchPanel()->findChild<QLabel*>(QStringLiteral("searchNothing"))->text().contains(QStringLiteral("Nothing ran")));
    // Unticking an environment keeps the zoom and brings the state at the cursor up to date.
    TimelineView* tl = w->timeline();
    tl->zoomBy(5);
    const TimeScale zoomed = tl->scale();
    QSignalSpy state(w.get(), &MainWindow::stateLoaded);
    w->showStateAt((zoomed.start + zoomed.end) / 2);
    QVERIFY(state.wait(10000));
    const int rowsBoth = w->statePanel()->model()->rowCount();
    QSignalSpy loaded(w.get(), &MainWindow::overviewLoaded);
    w->setChosenEnvironments({ w->environmentModel()->chosen().first() });
    QVERIFY(loaded.wait(10000));
    QCOMPARE(tl->scale().start, zoomed.start);
    QCOMPARE(tl->scale().end, zoomed.end);
    QVERIFY(state.wait(10000));
    QVERIFY(w->statePanel()->model()->rowCount() < rowsBoth);
    QCOMPARE(w->statePanel()->model()->states().size(), size_t(1));
    // "up to 1 instance", not "1 instances".
    {
        QTemporaryDir ev;
        const QString path = uitest::makeEvidenceCase(ev.path());
        if (!path.isEmpty()) {
            auto e = openWindow(path);
            QVERIFY(e);
            TimelineView* etl = e->timeline();
            const QModelIndex lane = etl->laneProxy()->index(0, 0, etl->laneProxy()->index(0, 0));
            const LaneModel::Lane* l = etl->laneModel()->lane(etl->laneProxy()->mapToSource(lane));
            const QPoint p = barPoint(etl, lane, (l->intervals.front().from + l->intervals.front().to) / 2);
            QHelpEvent help(QEvent::ToolTip, p, etl->viewport()->mapToGlobal(p));
            QApplication::sendEvent(etl->viewport(), &help);
            QTRY_VERIFY(QToolTip::isVisible());
            QVERIFY2(QToolTip::text().contains(QStringLiteral("up to 1 instance<")) || QToolTip::text().contains(QStringLiteral("up to 1 instance,")),
                qPrintable(QToolTip::text()));
            QVERIFY(!QToolTip::text().contains(QStringLiteral("1 instances")));
            QToolTip::hideText();
        }
    }
    // A new case keeps nothing of the last one's imports or search.
    w->searchBox()->setText(QStringLiteral("left over"));
    w->importResults()->setReport(ImportReport());
    QSignalSpy opened(w.get(), &MainWindow::caseOpened);
    w->openCase(dir.filePath(QStringLiteral("new.tideline")), true);
    QVERIFY(opened.wait(10000));
    QVERIFY(w->searchBox()->text().isEmpty());
    QCOMPARE(w->importResults()->model()->rowCount(), 0);
    QVERIFY(w->importResults()->summary()->text().isEmpty());
    QCOMPARE(w->searchPanel()->model()->rowCount(), 0);
}

QTEST_MAIN(TestFlow)
#include "tst_flow.moc"
