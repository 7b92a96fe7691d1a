// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a shared case: File › Open Shared Case… against the throwaway PostgreSQL server ctest starts
// (scripts/pgcluster.sh): the fields, List Cases, opening, the title, what is remembered and what is refused.

#include "findingdetail.h"
#include "findingspanel.h"
#include "items/environmentmodel.h"
#include "items/findingmodel.h"
#include "mainwindow.h"
#include "sharedcasedialog.h"
#include "store/caseaddress.h"
#include "testutil.h"
#include "ui/uitestutil.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTimer>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;
using testutil::runTideline;

class TestSharedUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        uitest::isolateSettings();
        m_server = testutil::testServer();
        if (m_server.isEmpty())
            QFAIL("no PostgreSQL server to test against: run through ctest, whose fixture (scripts/pgcluster.sh) starts one");
        Result<ServerAddress> a = parseServerAddress(m_server, false);
        QVERIFY(a);
        m_address = *a;
        QVERIFY(m_dir.isValid());
        const testutil::Run g = runTideline({ QStringLiteral("generate"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bundle")),
            QStringLiteral("--environments"), QStringLiteral("2"), QStringLiteral("--snapshots"), QStringLiteral("30") });
        QCOMPARE(g.exitCode, 0);
        m_case = QStringLiteral("window_%1").arg(QCoreApplication::applicationPid());
        const testutil::Run imp
            = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), m_server + QStringLiteral("&case=") + m_case, m_dir.filePath(QStringLiteral("bundle")) });
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
    }

    void openFromTheDialog()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* action = w.findChild<QAction*>(QStringLiteral("openSharedCaseAction"));
        QVERIFY(action);
        action->trigger();
        auto* d = w.findChild<SharedCaseDialog*>(QStringLiteral("sharedCaseDialog"));
        QVERIFY(d && d->isVisible());
        QVERIFY(!d->openButton()->isEnabled()); // no database, no case yet
        d->hostField()->setText(m_address.host);
        d->userField()->setText(m_address.user);
        d->databaseField()->setText(m_address.database);
        // The server says which cases it holds.
        QVERIFY2(d->listCases(), qPrintable(d->problemLabel()->text()));
        QVERIFY(d->caseField()->findText(m_case) >= 0);
        d->caseField()->setEditText(m_case);
        QVERIFY(d->openButton()->isEnabled());
        QVERIFY(d->findChild<QLineEdit*>(QStringLiteral("sharedAddress"))->text().contains(QStringLiteral("case=") + m_case));
        // A password among the options is refused before anything is sent.
        d->optionsField()->setText(QStringLiteral("password=hunter2"));
        QVERIFY(!d->openButton()->isEnabled());
        QVERIFY(d->findChild<QLineEdit*>(QStringLiteral("sharedAddress"))->placeholderText().contains(QStringLiteral("pgpass")));
        d->optionsField()->setText(QStringLiteral("connect_timeout=5"));
        QVERIFY(d->openButton()->isEnabled());
        if (const QString shots = qEnvironmentVariable("TIDELINE_SHOT_DIR"); !shots.isEmpty())
            d->grab().save(QDir(shots).filePath(QStringLiteral("shared-case-dialog.png")));

        QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
        QSignalSpy checked(&w, &MainWindow::checkFinished);
        QSignalSpy failed(&w, &MainWindow::caseFailed);
        d->openButton()->click();
        QVERIFY2(loaded.wait(20000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(!checked.isEmpty() || checked.wait(20000));
        QCOMPARE(w.environmentModel()->rowCount(), 2);
        // The window's findings are the command line's, read from the same server.
        const testutil::Run check = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), m_server + QStringLiteral("&case=") + m_case,
            QStringLiteral("--json") });
        const int findings = check.json()[QLatin1String("findings")].toArray().size();
        QVERIFY(findings > 0);
        QCOMPARE(int(w.findingsPanel()->model()->report().findings.size()), findings);
        QVERIFY2(w.windowTitle().contains(m_case + QStringLiteral(" on this machine/") + m_address.database), qPrintable(w.windowTitle()));
        QVERIFY(!w.windowTitle().contains(QLatin1String("read-only")));
        if (const QString shots = qEnvironmentVariable("TIDELINE_SHOT_DIR"); !shots.isEmpty())
            w.grab().save(QDir(shots).filePath(QStringLiteral("shared-case-window.png")));

        // The fields are remembered for next time, never a password (there is none to remember).
        auto* again = w.showSharedCaseDialog();
        QCOMPARE(again->hostField()->text(), m_address.host);
        QCOMPARE(again->caseField()->currentText(), m_case);
        QCOMPARE(again->optionsField()->text(), QStringLiteral("connect_timeout=5"));
        again->reject();
    }

    // Another user's decision and import show in an open window within a second, saying who did it.
    void othersChangesShowLive()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString address = m_server + QStringLiteral("&case=") + m_case;
        QSignalSpy loaded(&w, &MainWindow::overviewLoaded);
        QSignalSpy checked(&w, &MainWindow::checkFinished);
        w.openCase(address);
        QVERIFY(loaded.wait(20000));
        QVERIFY(!checked.isEmpty() || checked.wait(20000));
        const std::vector<Finding>& before = w.findingsPanel()->model()->report().findings;
        QVERIFY(!before.empty());
        const QString id = before.back().id;
        const int environments = w.environmentModel()->rowCount();

        // Another auditor, as a role of the server's that may review.
        const QString ben = QStringLiteral("ben%1").arg(QCoreApplication::applicationPid());
        const QString asBen = testutil::newRoleOn(address, ben, QStringLiteral("reviewer"));
        QVERIFY(!asBen.isEmpty());
        QTest::qWait(600); // the grant's own notice (the owner's work) settles first
        QSignalSpy changed(&w, &MainWindow::sharedCaseChanged);
        checked.clear();
        QProcess review;
        review.start(QStringLiteral(TIDELINE_BINARY_PATH), { QStringLiteral("review"), QStringLiteral("--case"), asBen, id, QStringLiteral("--disposition"),
                                                               QStringLiteral("accepted-risk"), QStringLiteral("--note"), QStringLiteral("from another desk"),
                                                               QStringLiteral("--reviewer"), QStringLiteral("ben") });
        QVERIFY(review.waitForFinished(30000));
        QCOMPARE(review.exitCode(), 0);
        QElapsedTimer since;
        since.start();
        QVERIFY(changed.wait(5000));
        qInfo("the window heard of the decision %lld ms after the command ended", since.elapsed());
        QVERIFY(since.elapsed() < 1000);
        QCOMPARE(changed.first().at(0).toStringList(), QStringList { ben });
        QCOMPARE(changed.first().at(1).toStringList(), QStringList { QStringLiteral("review") });
        QVERIFY2(w.statusBar()->currentMessage().contains(ben + QStringLiteral(" recorded a decision")), qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(checked.wait(20000));
        const std::vector<Finding>& after = w.findingsPanel()->model()->report().findings;
        const auto it = std::find_if(after.begin(), after.end(), [&](const Finding& f) { return f.id == id; });
        QVERIFY(it != after.end());
        QCOMPARE(it->history.empty() ? Disposition::Open : it->history.back().disposition, Disposition::AcceptedRisk);

        // An import of a third environment from elsewhere: it appears.
        changed.clear();
        QSignalSpy envs(&w, &MainWindow::environmentsLoaded);
        const QString more = m_dir.filePath(QStringLiteral("more"));
        QCOMPARE(runTideline({ QStringLiteral("generate"), QStringLiteral("--out"), more, QStringLiteral("--environments"), QStringLiteral("3"),
                                 QStringLiteral("--snapshots"), QStringLiteral("5"), QStringLiteral("--start"), QStringLiteral("2026-06-01T00:00:00Z") })
                     .exitCode,
            0);
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), address, more }).exitCode, 0);
        QVERIFY(changed.wait(5000));
        QVERIFY(changed.first().at(1).toStringList().contains(QStringLiteral("import")));
        QVERIFY(envs.wait(20000));
        QVERIFY2(w.environmentModel()->rowCount() > environments, qPrintable(QString::number(w.environmentModel()->rowCount())));
    }

    // A viewer's window offers what a viewer may do, and says why not the rest; the case's owner gets everything.
    void theWindowOffersWhatTheRoleMayDo()
    {
        const QString address = m_server + QStringLiteral("&case=") + m_case;
        const QString viewer = QStringLiteral("vi%1").arg(QCoreApplication::applicationPid());
        const QString asViewerAddress = testutil::newRoleOn(address, viewer, QStringLiteral("viewer"));
        QVERIFY(!asViewerAddress.isEmpty());
        for (const bool asViewer : { true, false }) {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QSignalSpy rights(&w, &MainWindow::rightsLoaded);
            w.openCase(asViewer ? asViewerAddress : address);
            QVERIFY(rights.wait(20000));
            auto* import = w.findChild<QAction*>(QStringLiteral("importAction"));
            auto* retract = w.findChild<QAction*>(QStringLiteral("retractAction"));
            auto* exportPack = w.findChild<QAction*>(QStringLiteral("exportPackAction"));
            auto* properties = w.findChild<QAction*>(QStringLiteral("casePropertiesAction"));
            QVERIFY(import && retract && exportPack && properties);
            QCOMPARE(import->isEnabled(), !asViewer);
            QCOMPARE(retract->isEnabled(), !asViewer);
            QCOMPARE(properties->isEnabled(), !asViewer);
            QVERIFY(exportPack->isEnabled()); // a viewer exports
            if (asViewer) {
                QCOMPARE(w.rights().role, viewer);
                QVERIFY2(import->statusTip().contains(QLatin1String("may not import")), qPrintable(import->statusTip()));
                QVERIFY2(w.findingsPanel()->detail()->readOnlyReason().contains(QLatin1String("may not record decisions")),
                    qPrintable(w.findingsPanel()->detail()->readOnlyReason()));
            } else {
                QVERIFY(w.rights().own && w.rights().review && w.rights().import);
                QVERIFY(w.findingsPanel()->detail()->readOnlyReason().isEmpty());
            }
        }
    }

    // A case the server does not hold opens only when asked to create it.
    void aMissingCaseIsNotMadeUnasked()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString name = QStringLiteral("missing_%1").arg(QCoreApplication::applicationPid());
        auto* d = w.showSharedCaseDialog();
        d->hostField()->setText(m_address.host);
        d->userField()->setText(m_address.user);
        d->databaseField()->setText(m_address.database);
        d->optionsField()->clear();
        d->caseField()->setEditText(name);
        QSignalSpy failed(&w, &MainWindow::caseFailed);
        QTimer::singleShot(300, [] {
            if (QWidget* box = QApplication::activeModalWidget())
                box->close();
        });
        d->openButton()->click();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("no case named")), qPrintable(failed.first().first().toString()));

        auto* create = w.showSharedCaseDialog();
        QCOMPARE(create->caseField()->currentText(), name);
        create->findChild<QCheckBox*>(QStringLiteral("sharedCreate"))->setChecked(true);
        QSignalSpy opened(&w, &MainWindow::caseOpened);
        create->openButton()->click();
        QVERIFY(opened.wait(20000));
        const testutil::Run listed = runTideline({ QStringLiteral("cases"), QStringLiteral("--server"), m_server });
        QVERIFY2(listed.out.contains(name.toUtf8()), listed.out.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_server;
    ServerAddress m_address;
    QString m_case;
};

QTEST_MAIN(TestSharedUi)
#include "tst_sharedui.moc"
