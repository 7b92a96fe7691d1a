// SPDX-License-Identifier: GPL-3.0-or-later
// An import killed with SIGKILL at random points, at least 50 times: after each kill the case opens, SQLite's
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
        int cleanEvidence = 0;
        QStringList sourceTables; // the tables whose records name the file they came from
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
            cleanEvidence = countRows(**clean, QStringLiteral("evidence"));
            QSqlQuery q((*clean)->db());
            QVERIFY(q.exec(QStringLiteral("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p"
                                          " WHERE m.type = 'table' AND p.name = 'source_id'")));
            while (q.next())
                sourceTables << q.value(0).toString();
        }
        qint64 full = std::max<qint64>(timer.elapsed(), 50);
        QVERIFY(sourceTables.contains(QStringLiteral("reports")) && sourceTables.contains(QStringLiteral("evidence")));
        QVERIFY(cleanReports >= 3 * o.snapshots / 2);
        QVERIFY(cleanEvidence > 0);

        QRandomGenerator rng(20261128);
        // Every kill must land in an import that has work to do: once an import runs to its end the case holds the
        // whole bundle (a further import only finds it known), so the next attempt starts from a fresh case.
        int killed = 0, completed = 0, attempts = 0;
        bool complete = false;
        for (; killed < 50 && attempts < 400; ++attempts) {
            if (complete) {
                for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
                    QFile::remove(casePath + suffix);
                complete = false;
            }
            QProcess p;
            p.start(binary, { QStringLiteral("import"), QStringLiteral("--case"), casePath, dir.filePath(QStringLiteral("bundle")) });
            QVERIFY(p.waitForStarted());
            const int delay = int(rng.bounded(quint32(full)));
            if (!p.waitForFinished(delay)) {
                ::kill(pid_t(p.processId()), SIGKILL);
                p.waitForFinished();
                ++killed;
            } else {
                QCOMPARE(p.exitStatus(), QProcess::NormalExit);
                QCOMPARE(p.exitCode(), 0);
                ++completed;
                complete = true;
                // A busy machine can make the kills land too late: spread the next ones over less time.
                full = std::max<qint64>(full * 3 / 4, 20);
            }
            auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
            if (!kase) {
                // Killed before the case file was created.
                QVERIFY2(kase.error().contains(QStringLiteral("no such case file")) || kase.error().contains(QStringLiteral("not a Tideline case")),
                    qPrintable(kase.error()));
                continue;
            }
            QCOMPARE((*kase)->integrityCheck(), QStringLiteral("ok"));
            const CaseVerifyReport v = verifyCase(**kase);
            QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().where + QStringLiteral(": ") + v.problems.front().message));
            // Nothing of a file is half there: every snapshot has its report and exactly its workloads' runs, and
            // every stored snapshot file has its report.
            auto zero = [&](const char* sql) {
                QSqlQuery q((*kase)->db());
                if (!q.exec(QString::fromLatin1(sql)) || !q.next())
                    return false;
                return q.value(0).toInt() == 0;
            };
            QVERIFY(zero("SELECT count(*) FROM snapshots s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.snapshot_id = s.id)"));
            QVERIFY(zero("SELECT count(*) FROM snapshots s WHERE s.workloads != (SELECT count(*) FROM runs r WHERE r.env_id = s.env_id"
                         " AND r.first_seq <= s.seq AND r.last_seq >= s.seq)"));
            // Every stored file (bar the bundle manifest) has the records it gave: a report, evidence, a key…
            QString orphans = QStringLiteral("SELECT count(*) FROM sources s WHERE s.format != 'tideline-bundle'");
            for (const QString& table : sourceTables)
                orphans += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM %1 t WHERE t.source_id = s.id)").arg(table);
            QVERIFY2(zero(orphans.toLatin1().constData()), "a stored file without any record from it");
        }
        QVERIFY2(killed >= 50, qPrintable(QStringLiteral("only %1 of %2 imports were interrupted").arg(killed).arg(attempts)));
        qInfo("%d imports killed, %d ran to their end, in %d attempts", killed, completed, attempts);
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
        QCOMPARE(countRows(**kase, QStringLiteral("evidence")), cleanEvidence);
        QCOMPARE((*kase)->integrityCheck(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
