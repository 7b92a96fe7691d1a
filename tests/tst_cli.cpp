// SPDX-License-Identifier: GPL-3.0-or-later
// The command line end to end: the built binary, its JSON and its exit codes.

#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using testutil::Run;
using testutil::runTideline;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_case;
    QString m_bundle;

    QStringList caseArgs(const QString& command) const { return { command, QStringLiteral("--case"), m_case, QStringLiteral("--json") }; }

private Q_SLOTS:
    void initTestCase()
    {
        m_case = m_dir.filePath(QStringLiteral("cli.tideline"));
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        Run g = runTideline({ QStringLiteral("generate"), QStringLiteral("--out"), m_bundle, QStringLiteral("--snapshots"), QStringLiteral("30"),
            QStringLiteral("--deployments"), QStringLiteral("3"), QStringLiteral("--json") });
        QCOMPARE(g.exitCode, 0);
        const QJsonObject gen = g.json().object();
        QCOMPARE(gen[QLatin1String("environments")].toArray().size(), 3);
        QVERIFY(gen[QLatin1String("files")].toInt() > 80);
        QVERIFY(!gen[QLatin1String("planted")].toArray().isEmpty());
    }

    void importJson()
    {
        Run r = runTideline(caseArgs(QStringLiteral("import")) << m_bundle);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = r.json().object();
        const QJsonArray imported = o[QLatin1String("imported")].toArray();
        QVERIFY(imported.size() > 80);
        QVERIFY(o[QLatin1String("skipped")].toArray().isEmpty());
        QVERIFY(o[QLatin1String("errors")].toArray().isEmpty());
        // The bundle's key is imported before the evidence it verifies; the snapshots follow in path order.
        QVERIFY2(imported[0].toObject()[QLatin1String("path")].toString().endsWith(QStringLiteral("keys/ci-signing.pub")),
            qPrintable(imported[0].toObject()[QLatin1String("path")].toString()));
        QJsonObject first;
        for (const QJsonValue v : imported)
            if (first.isEmpty() && !v.toObject()[QLatin1String("environment")].toString().isEmpty())
                first = v.toObject();
        for (const char* key : { "path", "format", "environment", "snapshot_index", "new_snapshot", "workloads" })
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first[QLatin1String("environment")].toString(), QStringLiteral("aws-prod"));
        QCOMPARE(first[QLatin1String("format")].toString(), QStringLiteral("ecs-tasks"));
        QCOMPARE(first[QLatin1String("snapshot_index")].toInt(), 1);
        QVERIFY(first[QLatin1String("new_snapshot")].toBool());

        Run again = runTideline(caseArgs(QStringLiteral("import")) << m_bundle);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json()[QLatin1String("skipped")].toArray().size(), imported.size());
    }

    void envsAndSnapshots()
    {
        Run e = runTideline(caseArgs(QStringLiteral("envs")));
        QCOMPARE(e.exitCode, 0);
        const QJsonArray envs = e.json().array();
        QCOMPARE(envs.size(), 3);
        const QJsonObject prod = envs[1].toObject();
        QCOMPARE(prod[QLatin1String("name")].toString(), QStringLiteral("prod"));
        QCOMPARE(prod[QLatin1String("type")].toString(), QStringLiteral("K8S"));
        QVERIFY(prod[QLatin1String("snapshots")].toInt() >= 2);
        QVERIFY(prod[QLatin1String("first")].toString().endsWith(QLatin1Char('Z')));

        Run s = runTideline(caseArgs(QStringLiteral("snapshots")) << QStringLiteral("--env") << QStringLiteral("prod"));
        QCOMPARE(s.exitCode, 0);
        const QJsonArray snaps = s.json().array();
        QCOMPARE(snaps.size(), prod[QLatin1String("snapshots")].toInt());
        QString previous;
        for (const auto& v : snaps) {
            const QJsonObject o = v.toObject();
            for (const char* key : { "index", "taken_at", "confirmed_until", "workloads", "source_sha256" })
                QVERIFY2(o.contains(QLatin1String(key)), key);
            QVERIFY(o[QLatin1String("taken_at")].toString() > previous);
            QVERIFY(o[QLatin1String("confirmed_until")].toString() >= o[QLatin1String("taken_at")].toString());
            QCOMPARE(o[QLatin1String("source_sha256")].toString().size(), 64);
            previous = o[QLatin1String("taken_at")].toString();
        }
        Run none = runTideline(caseArgs(QStringLiteral("snapshots")) << QStringLiteral("--env") << QStringLiteral("nope"));
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains("no environment named 'nope'"));
    }

    void stateDiffSearch()
    {
        Run s = runTideline(caseArgs(QStringLiteral("state")) << QStringLiteral("--env") << QStringLiteral("prod~1"));
        QCOMPARE(s.exitCode, 0);
        const QJsonObject state = s.json().object();
        QCOMPARE(state[QLatin1String("environment")].toString(), QStringLiteral("prod"));
        const QJsonArray workloads = state[QLatin1String("workloads")].toArray();
        QVERIFY(workloads.size() >= 3);
        for (const char* key : { "name", "fingerprint", "instances", "running_since" })
            QVERIFY2(workloads[0].toObject().contains(QLatin1String(key)), key);

        Run early = runTideline(caseArgs(QStringLiteral("state")) << QStringLiteral("--env") << QStringLiteral("prod") << QStringLiteral("--at")
                                                                  << QStringLiteral("2020-01-01T00:00:00Z"));
        QCOMPARE(early.exitCode, 1); // nothing recorded yet: a negative answer

        Run d = runTideline(caseArgs(QStringLiteral("diff")) << QStringLiteral("prod#1") << QStringLiteral("prod"));
        QCOMPARE(d.exitCode, 0);
        const QJsonObject diff = d.json().object();
        for (const char* key : { "from", "to", "added", "removed", "scaled", "unchanged" })
            QVERIFY2(diff.contains(QLatin1String(key)), key);
        QCOMPARE(diff[QLatin1String("from")][QLatin1String("index")].toInt(), 1);
        QVERIFY(diff[QLatin1String("added")].toArray().size() + diff[QLatin1String("unchanged")].toArray().size() >= 3);

        const QString fp = workloads[0][QLatin1String("fingerprint")].toString();
        Run found = runTideline(caseArgs(QStringLiteral("search")) << fp.left(10));
        QCOMPARE(found.exitCode, 0);
        const QJsonArray matches = found.json()[QLatin1String("matches")].toArray();
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches[0][QLatin1String("fingerprint")].toString(), fp);
        const QJsonObject run = matches[0][QLatin1String("runs")][0].toObject();
        for (const char* key : { "environment", "from", "to", "first_snapshot", "last_snapshot" })
            QVERIFY2(run.contains(QLatin1String(key)), key);

        Run missing = runTideline(caseArgs(QStringLiteral("search")) << QStringLiteral("0000000000"));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.json()[QLatin1String("matches")].toArray().isEmpty());
    }

    void fingerprintCommand()
    {
        REQUIRE_SAMPLES();
        Run r = runTideline({ QStringLiteral("fingerprint"), testutil::sample(QStringLiteral("dir-fingerprint/folder1")), QStringLiteral("--exclude"), QStringLiteral("folder2") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("773fd330"), r.out.constData());
        Run missing = runTideline({ QStringLiteral("fingerprint"), m_dir.filePath(QStringLiteral("nope")) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no such file"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("words");
        QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << QByteArray("no command 'frobnicate'");
        QTest::addRow("no case") << QStringList { QStringLiteral("envs") } << QByteArray("--case");
        QTest::addRow("unknown option") << QStringList { QStringLiteral("envs"), QStringLiteral("--bogus") } << QByteArray("bogus");
        QTest::addRow("bad time") << QStringList { QStringLiteral("import"), QStringLiteral("--case"), QStringLiteral("x.tideline"), QStringLiteral("--at"),
            QStringLiteral("noon"), QStringLiteral("f") } << QByteArray("ISO 8601");
        QTest::addRow("bad type") << QStringList { QStringLiteral("import"), QStringLiteral("--case"), QStringLiteral("x.tideline"), QStringLiteral("--type"),
            QStringLiteral("VAX"), QStringLiteral("f") } << QByteArray("K8S");
        QTest::addRow("not a case") << QStringList { QStringLiteral("envs"), QStringLiteral("--case"), QStringLiteral("/etc/hostname") } << QByteArray("not a Tideline case");
        QTest::addRow("diff needs two") << QStringList { QStringLiteral("diff"), QStringLiteral("--case"), QStringLiteral("x"), QStringLiteral("prod") } << QByteArray("two snapshots");
    }
    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, words);
        Run r = runTideline(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(words), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void unreadableInputIsExitTwoWithTheFileNamed()
    {
        const QString bad = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(testutil::writeFile(bad, "{\"artifacts\": [ {\"podName\": \"x\", "));
        Run r = runTideline(caseArgs(QStringLiteral("import")) << QStringLiteral("--env") << QStringLiteral("prod") << QStringLiteral("--at")
                                                               << QStringLiteral("2026-01-01T00:00:00Z") << bad);
        QCOMPARE(r.exitCode, 2);
        const QJsonArray errors = r.json()[QLatin1String("errors")].toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][QLatin1String("path")].toString(), bad);
        QVERIFY(errors[0][QLatin1String("error")].toString().contains(QStringLiteral("line 1")));
    }

    void help()
    {
        Run overview = runTideline({ QStringLiteral("--help") });
        QCOMPARE(overview.exitCode, 0);
        for (const char* cmd : { "import", "envs", "snapshots", "state", "diff", "search", "fingerprint", "generate" }) {
            QVERIFY2(overview.out.contains(cmd), cmd);
            Run one = runTideline({ QStringLiteral("help"), QString::fromLatin1(cmd) });
            QCOMPARE(one.exitCode, 0);
            QVERIFY2(one.out.contains(QByteArray(QByteArray("Usage: tideline ") + cmd)), one.out.constData());
            Run flag = runTideline({ QString::fromLatin1(cmd), QStringLiteral("--help") });
            QCOMPARE(flag.exitCode, 0);
            QCOMPARE(flag.out, one.out);
        }
        Run version = runTideline({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("tideline "));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
