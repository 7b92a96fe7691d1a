// An import killed with SIGKILL at random points, 50 times over: the case always opens, SQLite's
// integrity check and verify-case pass, and no file is half there.

#include "testutil.h"

#include "demo/generator.h"
#include "review/verify.h"
#include "store/casefile.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QtTest>

#include <csignal>

using namespace tideline;

class TestCrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedImportsLeaveAConsistentCase()
    {
        QTemporaryDir dir;
        GeneratorOptions o;
        o.environments = 3;
        o.snapshots = 60;
        o.deployments = 5;
        Result<GeneratedTruth> g = generateBundle(dir.filePath(QStringLiteral("bundle")), o);
        QVERIFY2(g.ok(), qPrintable(g.error()));
        const QString casePath = dir.filePath(QStringLiteral("crash.tideline"));
        QString binary = qEnvironmentVariable("TIDELINE_BINARY");
        if (binary.isEmpty())
            binary = QStringLiteral(TIDELINE_BINARY_PATH);

        // How long an undisturbed import takes, to spread the kills over it.
        // The undisturbed import is also the yardstick the resumed one is held to at the end.
        QElapsedTimer timer;
        timer.start();
        const auto countRows = [](CaseFile& c, const QString& table) {
            QSqlQuery q(c.db());
            if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
                return -1;
            return q.value(0).toInt();
        };
        int cleanReports = 0;
        int cleanSnapshots = 0;
        {
            QTemporaryDir probeDir;
            const QString probeCase = probeDir.filePath(QStringLiteral("p.tideline"));
            QProcess probe;
            probe.start(binary, { QStringLiteral("import"), QStringLiteral("--case"), probeCase, dir.filePath(QStringLiteral("bundle")) });
            QVERIFY(probe.waitForFinished(120000));
            QCOMPARE(probe.exitCode(), 0);
            auto clean = CaseFile::open(probeCase, CaseFile::Mode::ReadOnly);
            QVERIFY2(clean.ok(), qPrintable(clean.ok() ? QString() : clean.error()));
            cleanReports = countRows(**clean, QStringLiteral("reports"));
            cleanSnapshots = countRows(**clean, QStringLiteral("snapshots"));
        }
        qint64 full = std::max<qint64>(timer.elapsed(), 50);
        QVERIFY(cleanReports >= 3 * o.snapshots / 2);

        QRandomGenerator rng(20261128);
        // Fifty kills, however busy the machine: an import that ends before its kill does not count, and
        // the next kills are spread over how long that one took.
        int killed = 0;
        for (int i = 0; killed < 50 && i < 200; ++i) {
            // Most kills land in a fresh import; every fifth resumes into what the last one left.
            if (i % 5 != 4)
                for (const char* suffix : { "", "-wal", "-shm" })
                    QFile::remove(casePath + QString::fromLatin1(suffix));
            QProcess p;
            p.start(binary, { QStringLiteral("import"), QStringLiteral("--case"), casePath, dir.filePath(QStringLiteral("bundle")) });
            QVERIFY(p.waitForStarted());
            QElapsedTimer ran;
            ran.start();
            const int delay = int(rng.bounded(quint32(full)));
            if (!p.waitForFinished(delay)) {
                ::kill(pid_t(p.processId()), SIGKILL);
                p.waitForFinished();
                ++killed;
            } else if (i % 5 != 4) {
                full = std::max<qint64>(std::min(full, ran.elapsed()), 20);
            }
            auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
            if (!kase) {
                // Killed before the case file was created.
                QVERIFY2(kase.error().contains(QStringLiteral("no such case file")) || kase.error().contains(QStringLiteral("not a Tideline case")),
                    qPrintable(kase.error()));
                continue;
            }
            QCOMPARE((*kase)->integrityCheck(), QStringLiteral("ok"));
            const VerifyReport v = verifyCase(**kase);
            QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().where + QStringLiteral(": ") + v.problems.front().message));
            // Every snapshot has its source and its report: nothing of a file is half there.
            QSqlQuery q((*kase)->db());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM snapshots s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.snapshot_id = s.id)")));
            q.next();
            QCOMPARE(q.value(0).toInt(), 0);
        }
        QVERIFY2(killed == 50, qPrintable(QStringLiteral("only %1 imports were interrupted").arg(killed)));
        // Importing once more completes the case.
        QProcess last;
        last.start(binary, { QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--json"), dir.filePath(QStringLiteral("bundle")) });
        QVERIFY(last.waitForFinished(120000));
        QCOMPARE(last.exitCode(), 0);
        auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
        QVERIFY(kase.ok());
        // Resumed fifty times over, the case holds exactly what one clean import gives.
        QCOMPARE(countRows(**kase, QStringLiteral("reports")), cleanReports);
        QCOMPARE(countRows(**kase, QStringLiteral("snapshots")), cleanSnapshots);
        QCOMPARE((*kase)->integrityCheck(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
