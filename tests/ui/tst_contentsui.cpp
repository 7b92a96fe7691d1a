// SPDX-License-Identifier: GPL-3.0-or-later
// Contents in the window, on the demo case, offscreen: a vulnerable-package finding opens with its advisory, the
// evidence panel lists the artifact's packages (filterable), the search box's Contents result lists every run that
// contained a package, and a VEX-suppressed finding says so. The screens are written as PNGs (1280x720, light and
// dark) into $TIDELINE_SCREENSHOTS or "screenshots" beside the executable.

#include "evidencepanel.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "items/contentsmodel.h"
#include "items/findingmodel.h"
#include "mainwindow.h"
#include "searchpanel.h"
#include "theme.h"
#include "timelineview.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "ui/uitestutil.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

class TestContentsUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        uitest::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_case = uitest::makeDemoCase(m_dir.path());
        m_out = qEnvironmentVariable("TIDELINE_SCREENSHOTS");
        if (m_out.isEmpty())
            m_out = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(m_out));
    }

    void contents_data()
    {
        QTest::addColumn<QString>("appearance");
        QTest::addRow("light") << QStringLiteral("light");
        QTest::addRow("dark") << QStringLiteral("dark");
    }

    void contents()
    {
        QFETCH(QString, appearance);
        applyAppearance(*qApp, appearanceFromString(appearance));
        const QString suffix = appearance == QLatin1String("light") ? QString() : QStringLiteral("-dark");
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
        QSignalSpy checked(&w, &MainWindow::checkFinished);
        w.openCase(m_case);
        QVERIFY(loaded.wait(20000));
        QVERIFY(!checked.isEmpty() || checked.wait(20000));

        // The log4shell finding opens with its advisory.
        FindingsPanel* panel = w.findingsPanel();
        w.dock(QStringLiteral("findingsDock"))->raise();
        const Finding* log4shell = nullptr;
        const Finding* suppressed = nullptr;
        int suppressedRow = -1;
        for (int r = 0; r < panel->model()->rowCount(); ++r) {
            const Finding& f = panel->model()->finding(r);
            if (f.kind != FindingKind::VulnerablePackage)
                continue;
            if (f.vulnerability->advisory == QLatin1String("GHSA-jfh8-c2jp-5v3q") && !log4shell && f.environment == QLatin1String("prod"))
                log4shell = &f;
            if (f.suppressedByVex() && !suppressed) {
                suppressed = &f;
                suppressedRow = r;
            }
        }
        QVERIFY(log4shell);
        QVERIFY(suppressed);
        // A suppressed finding is listed, and says so.
        QVERIFY(panel->model()->index(suppressedRow, FindingModel::DispositionColumn).data().toString().contains(QStringLiteral("suppressed by VEX")));
        QSignalSpy evidence(&w, &MainWindow::evidenceLoaded);
        QSignalSpy packages(&w, &MainWindow::packagesLoaded);
        const Finding chosen = *log4shell;
        QVERIFY(panel->selectFinding(chosen.id));
        const QString body = panel->detail()->body()->toPlainText();
        for (const char* expected : { "GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228", "critical", "10.0", "2.15.0", "log4j-core@2.14.1" })
            QVERIFY2(body.contains(QLatin1String(expected)), expected);
        // Its exposure is flagged on the timeline like the other kinds.
        const auto& envs = w.overview()->environments;
        int env = -1;
        for (int i = 0; i < static_cast<int>(envs.size()); ++i)
            if (envs[static_cast<size_t>(i)].environment.name == chosen.environment)
                env = i;
        QVERIFY(env >= 0);
        bool flagged = false;
        for (const TimelineView::FlaggedWindow& fw : w.timeline()->flaggedIn(env, workloadKey(chosen)))
            flagged = flagged || fw.why.contains(chosen.id);
        QVERIFY(flagged);
        w.showFinding(chosen, 0);
        QTest::qWait(50);
        save(&w, QStringLiteral("contents-finding") + suffix);

        // The evidence panel lists the artifact's packages, and filters them.
        w.showEvidence(chosen.fingerprint, chosen.id);
        QVERIFY(packages.wait(10000));
        EvidencePanel* ev = w.evidencePanel();
        ev->tabs()->setCurrentIndex(1);
        const int all = ev->packageTable()->model()->rowCount();
        QCOMPARE(all, 40); // the demo's SBOMs list 40 packages
        QVERIFY(ev->tabs()->tabText(1).contains(QStringLiteral("40")));
        ev->packageFilter()->setText(QStringLiteral("log4j"));
        QCOMPARE(ev->packageTable()->model()->rowCount(), 1);
        QCOMPARE(ev->packageTable()->model()->index(0, 1).data().toString(), QStringLiteral("2.14.1"));
        ev->packageFilter()->clear();
        QCOMPARE(ev->packageTable()->model()->rowCount(), all);
        w.dock(QStringLiteral("evidenceDock"))->raise();
        save(&w, QStringLiteral("contents-packages") + suffix);

        // The search box: a Contents result with every run of every workload that contained the package.
        QSignalSpy searched(&w, &MainWindow::searchFinished);
        w.search(QStringLiteral("log4j-core"));
        QVERIFY(searched.wait(10000));
        SearchPanel* search = w.findChild<SearchPanel*>();
        QVERIFY(search);
        ContentsModel* contents = search->contentsModel();
        QVERIFY(contents->rowCount() > 0);
        QVERIFY(search->contentsTitle()->isVisible());
        int runs = 0;
        bool chosenListed = false;
        for (const ContainingWorkload& c : contents->report().containing) {
            runs += static_cast<int>(c.runs.size());
            chosenListed = chosenListed || (c.fingerprint == chosen.fingerprint && c.environment == chosen.environment);
        }
        QCOMPARE(contents->rowCount(), runs);
        QVERIFY(chosenListed);
        // Activating a row jumps the timeline to that workload's lane.
        int pick = -1;
        for (int r = contents->rowCount() - 1; r >= 0 && pick < 0; --r)
            if (contents->run(r).environment == chosen.environment)
                pick = r;
        QVERIFY(pick >= 0);
        const RunInterval run = contents->run(pick);
        emit search->contentsTable()->activated(contents->index(pick, 0));
        QTest::qWait(50);
        const QModelIndex lane = w.timeline()->laneModel()->findLane(run.environment, run.fingerprint, run.name);
        QVERIFY(lane.isValid());
        QCOMPARE(w.timeline()->laneProxy()->mapToSource(w.timeline()->currentIndex()), lane);
        QTest::qWait(50);
        save(&w, QStringLiteral("contents-search") + suffix);
        applyAppearance(*qApp, Appearance::Light);
    }

private:
    void save(QWidget* w, const QString& name)
    {
        QCoreApplication::processEvents();
        const QPixmap shot = w->grab();
        QVERIFY(!shot.isNull());
        QVERIFY2(shot.save(QDir(m_out).filePath(name + QStringLiteral(".png"))), qPrintable(name));
    }

    QTemporaryDir m_dir;
    QString m_case;
    QString m_out;
};

QTEST_MAIN(TestContentsUi)
#include "tst_contentsui.moc"
