// SPDX-License-Identifier: GPL-3.0-or-later
// What ran when: snapshots in time order, state at a time, diffs, search and selectors.

#include "testutil.h"

#include "import/importer.h"
#include "store/casefile.h"
#include "timeline/selector.h"
#include "timeline/timeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

const QByteArray A(64, 'a'), B(64, 'b'), C(64, 'c'), D(64, 'd');

struct Pod {
    QByteArray name;
    QByteArray image;
    QByteArray fingerprint;
};

QByteArray payload(const QList<Pod>& pods)
{
    QByteArray s = "{\"artifacts\":[";
    for (int i = 0; i < pods.size(); ++i)
        s += QByteArray(i ? "," : "") + "{\"podName\":\"" + pods[i].name + "\",\"namespace\":\"prod\",\"creationTimestamp\":1767225600,\"digests\":{\""
            + pods[i].image + "\":\"" + pods[i].fingerprint + "\"}}";
    return s + "]}";
}

Millis at(const char* iso) { return *timefmt::parseIso(QString::fromLatin1(iso)); }

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_case;

    void importAs(const QString& env, const char* when, const QByteArray& body)
    {
        const QString file = m_dir.filePath(QStringLiteral("%1-%2.json").arg(env, QString::fromLatin1(when).replace(QLatin1Char(':'), QLatin1Char('-'))));
        QVERIFY(testutil::writeFile(file, body));
        ImportOptions o;
        o.environment = env;
        o.type = QStringLiteral("K8S");
        o.at = at(when);
        ImportReport r = importPaths(*m_case, { file }, o);
        QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_case = testutil::newCase(m_dir);
        QVERIFY(m_case);
        // prod: web on A ×2 and api on B; a report identical to the first; web scaled to 3; web rolled to C
        // and an unknown debug pod; then web gone.
        importAs(QStringLiteral("prod"), "2026-03-01T10:00:00Z", payload({ { "web-1", "web:1", A }, { "web-2", "web:1", A }, { "api-1", "api:1", B } }));
        importAs(QStringLiteral("prod"), "2026-03-01T11:00:00Z", payload({ { "web-1", "web:1", A }, { "web-2", "web:1", A }, { "api-1", "api:1", B } }));
        importAs(QStringLiteral("prod"), "2026-03-01T12:00:00Z",
            payload({ { "web-1", "web:1", A }, { "web-2", "web:1", A }, { "web-3", "web:1", A }, { "api-1", "api:1", B } }));
        importAs(QStringLiteral("prod"), "2026-03-01T13:00:00Z",
            payload({ { "web-4", "web:2", C }, { "web-5", "web:2", C }, { "web-6", "web:2", C }, { "api-1", "api:1", B }, { "dbg", "busybox", "" } }));
        importAs(QStringLiteral("prod"), "2026-03-01T14:00:00Z", payload({ { "api-1", "api:1", B }, { "dbg", "busybox", "" } }));
        // staging ran web on C before prod, and an unknown pod of another name.
        importAs(QStringLiteral("staging"), "2026-03-01T09:00:00Z", payload({ { "web-s", "web:2", C }, { "tool", "tool:x", "" } }));
    }

    void snapshotsOnlyWhereTheRunningSetChanged()
    {
        Timeline t(*m_case);
        const auto snaps = *t.snapshots(QStringLiteral("prod"));
        QCOMPARE(snaps.size(), size_t(4));
        QCOMPARE(snaps[0].index, qint64(1));
        QCOMPARE(snaps[0].takenAt, at("2026-03-01T10:00:00Z"));
        QCOMPARE(snaps[0].confirmedUntil, at("2026-03-01T11:00:00Z"));
        QCOMPARE(snaps[1].workloads, 2);
        QCOMPARE(snaps[1].instances, 4);
        QCOMPARE(snaps[2].workloads, 3);
        QCOMPARE(snaps[3].workloads, 2);
        const auto envs = t.environments();
        QCOMPARE(envs.size(), size_t(2));
        QCOMPARE(envs[0].name, QStringLiteral("prod"));
        QCOMPARE(envs[0].first, at("2026-03-01T10:00:00Z"));
        QCOMPARE(envs[0].last, at("2026-03-01T14:00:00Z"));
    }

    void selectors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<qint64>("index");
        QTest::addRow("latest") << "prod" << qint64(4);
        QTest::addRow("#2") << "prod#2" << qint64(2);
        QTest::addRow("~1") << "prod~1" << qint64(3);
        QTest::addRow("~3") << "prod~3" << qint64(1);
        QTest::addRow("time in a confirmed span") << "prod@{2026-03-01T10:30:00Z}" << qint64(1);
        QTest::addRow("time between reports") << "prod@{2026-03-01T12:59:59Z}" << qint64(2);
        QTest::addRow("exact time") << "prod@{2026-03-01T13:00:00Z}" << qint64(3);
        QTest::addRow("later than all") << "prod@{2027-01-01T00:00:00Z}" << qint64(4);
    }
    void selectors()
    {
        QFETCH(QString, selector);
        QFETCH(qint64, index);
        Timeline t(*m_case);
        Result<Snapshot> s = t.resolve(selector);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->index, index);
        QCOMPARE(s->environment, QStringLiteral("prod"));
    }

    void badSelectors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("words");
        QTest::addRow("no env") << "nowhere" << "no environment named 'nowhere'";
        QTest::addRow("no index") << "prod#9" << "no snapshot #9";
        QTest::addRow("too far back") << "prod~4" << "before the first";
        QTest::addRow("before first") << "prod@{2026-03-01T09:00:00Z}" << "first snapshot is later";
        QTest::addRow("bad time") << "prod@{tuesday}" << "not an ISO 8601";
        QTest::addRow("empty") << "" << "empty";
    }
    void badSelectors()
    {
        QFETCH(QString, selector);
        QFETCH(QString, words);
        Timeline t(*m_case);
        Result<Snapshot> s = t.resolve(selector);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(words), qPrintable(s.error()));
    }

    void relativeSelector()
    {
        const Millis now = at("2026-03-01T15:00:00Z");
        Result<SnapshotSelector> s = parseSelector(QStringLiteral("prod@{2.hours.ago}"), now);
        QVERIFY(s.ok());
        QCOMPARE(s->kind, SnapshotSelector::Kind::Time);
        QCOMPARE(s->time, at("2026-03-01T13:00:00Z"));
        QCOMPARE(parseSelector(QStringLiteral("a#b#3"))->environment, QStringLiteral("a#b"));
    }

    void stateAtATime()
    {
        Timeline t(*m_case);
        Result<State> s = t.state(QStringLiteral("prod"), at("2026-03-01T13:30:00Z"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->snapshot.index, qint64(3));
        QCOMPARE(s->workloads.size(), size_t(3));
        const Workload* api = nullptr;
        const Workload* web = nullptr;
        const Workload* dbg = nullptr;
        for (const Workload& w : s->workloads) {
            if (w.name == QLatin1String("api:1"))
                api = &w;
            if (w.name == QLatin1String("web:2"))
                web = &w;
            if (w.name == QLatin1String("busybox"))
                dbg = &w;
        }
        QVERIFY(api && web && dbg);
        QCOMPARE(api->runningSince, at("2026-03-01T10:00:00Z")); // continuously present since the first snapshot
        QCOMPARE(web->runningSince, at("2026-03-01T13:00:00Z"));
        QCOMPARE(web->instances, 3);
        QCOMPARE(web->instanceNames.size(), 3);
        QVERIFY(web->instanceNames.contains(QStringLiteral("prod/web-5")));
        QCOMPARE(web->fingerprint, QString::fromLatin1(C));
        QVERIFY(dbg->unknown());
        QCOMPARE(api->created, at("2026-01-01T00:00:00Z"));
        // After the last confirmation the state is not observed.
        Result<State> late = t.state(QStringLiteral("prod"), at("2026-03-02T00:00:00Z"));
        QVERIFY(late.ok());
        QVERIFY(!late->observed);
        QVERIFY(s->observed);
    }

    void diffs()
    {
        Timeline t(*m_case);
        Result<SnapshotDiff> scaled = t.diff(QStringLiteral("prod#1"), QStringLiteral("prod#2"));
        QVERIFY(scaled.ok());
        QCOMPARE(scaled->scaled.size(), size_t(1));
        QCOMPARE(scaled->scaled[0].fromInstances, 2);
        QCOMPARE(scaled->scaled[0].toInstances, 3);
        QCOMPARE(scaled->unchanged.size(), size_t(1));
        QVERIFY(scaled->added.empty() && scaled->removed.empty());

        Result<SnapshotDiff> rolled = t.diff(QStringLiteral("prod~2"), QStringLiteral("prod~1"));
        QVERIFY(rolled.ok());
        QCOMPARE(rolled->added.size(), size_t(2)); // web on C and the unknown debug pod
        QCOMPARE(rolled->removed.size(), size_t(1));
        QCOMPARE(rolled->removed[0].fingerprint, QString::fromLatin1(A));

        // Across environments: unknown workloads of different names are different workloads.
        Result<SnapshotDiff> cross = t.diff(QStringLiteral("staging"), QStringLiteral("prod@{2026-03-01T13:00:00Z}"));
        QVERIFY(cross.ok());
        QCOMPARE(cross->from.environment, QStringLiteral("staging"));
        QCOMPARE(cross->unchanged.size(), size_t(0));
        QCOMPARE(cross->scaled.size(), size_t(1)); // web on C: 1 instance in staging, 3 in prod
        QCOMPARE(cross->removed.size(), size_t(1)); // tool
        QCOMPARE(cross->added.size(), size_t(2)); // api and busybox
    }

    void search()
    {
        Timeline t(*m_case);
        const auto byPrefix = t.search(QStringLiteral("cccc"));
        QCOMPARE(byPrefix.size(), size_t(1));
        QCOMPARE(byPrefix[0].fingerprint, QString::fromLatin1(C));
        QCOMPARE(byPrefix[0].runs.size(), size_t(2)); // prod and staging
        const RunInterval& prod = byPrefix[0].runs[0];
        QCOMPARE(prod.environment, QStringLiteral("prod"));
        QCOMPARE(prod.firstSnapshot, qint64(3));
        QCOMPARE(prod.lastSnapshot, qint64(3));
        QCOMPARE(prod.from, at("2026-03-01T13:00:00Z"));
        QCOMPARE(prod.to, at("2026-03-01T14:00:00Z")); // gone by the next snapshot
        QVERIFY(!prod.ongoing);
        QCOMPARE(byPrefix[0].runs[1].environment, QStringLiteral("staging"));
        QVERIFY(byPrefix[0].runs[1].ongoing);

        const auto api = t.search(QStringLiteral("sha256:BBBB"));
        QCOMPARE(api.size(), size_t(1));
        QCOMPARE(api[0].runs.size(), size_t(1)); // web's scale and api's stay merge into one stretch
        QCOMPARE(api[0].runs[0].firstSnapshot, qint64(1));
        QVERIFY(api[0].runs[0].ongoing);

        const auto byName = t.search(QStringLiteral("busy"));
        QCOMPARE(byName.size(), size_t(1));
        QVERIFY(byName[0].fingerprint.isEmpty());
        QCOMPARE(byName[0].names, QStringList { QStringLiteral("busybox") });
        QVERIFY(t.search(QStringLiteral("ffff")).empty());
        QVERIFY(t.search(QStringLiteral("nothing-like-this")).empty());
    }

    void intervalsOfAnEnvironment()
    {
        Timeline t(*m_case);
        Result<std::vector<RunInterval>> iv = t.intervals(QStringLiteral("prod"));
        QVERIFY(iv.ok());
        QCOMPARE(iv->size(), size_t(4)); // A (scaled within one stretch), B, C, the unknown pod
        for (const RunInterval& r : *iv)
            QVERIFY(r.from <= r.to);
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
