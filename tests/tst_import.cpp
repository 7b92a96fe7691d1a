// SPDX-License-Identifier: GPL-3.0-or-later
// Importing files, folders and archives into a case: order, dedup, context, limits, failures.

#include "testutil.h"

#include "demo/generator.h"
#include "domain/hash.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sourcestore.h"
#include "timeline/timeline.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QtTest>

#include <atomic>

using namespace tideline;

namespace {

GeneratorOptions small()
{
    GeneratorOptions o;
    o.environments = 4;
    o.snapshots = 40;
    o.deployments = 4;
    o.replicas = 2;
    o.rollChance = 0.3;
    o.gapHours = 4;
    return o;
}

// Everything a timeline says, as text: environments, snapshots and what ran in each.
QString signature(CaseFile& kase)
{
    Timeline t(kase);
    QString out;
    for (const Environment& e : (*t.environments())) {
        out += QStringLiteral("env %1 %2 %3\n").arg(e.name, e.type).arg(e.snapshots);
        for (const Snapshot& s : *t.snapshots(e.name)) {
            out += QStringLiteral(" #%1 %2..%3 w%4 i%5\n")
                       .arg(s.index)
                       .arg(timefmt::formatIso(s.takenAt), timefmt::formatIso(s.confirmedUntil))
                       .arg(s.workloads)
                       .arg(s.instances);
            for (const Workload& w : *t.workloads(s)) {
                QStringList inst = w.instanceNames;
                inst.sort();
                out += QStringLiteral("  %1 %2 x%3 since %4 [%5]\n")
                           .arg(w.name, w.fingerprint.left(12))
                           .arg(w.instances)
                           .arg(timefmt::formatIso(w.runningSince), inst.join(QLatin1Char(',')));
            }
        }
    }
    return out;
}

int count(CaseFile& kase, const QString& table)
{
    QSqlQuery q(kase.db());
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toInt();
}

QString integrity(CaseFile& kase) { return kase.integrityCheck(); }

QByteArray k8sPayload(const QList<QPair<QByteArray, QByteArray>>& pods) // (pod, fingerprint)
{
    QByteArray s = "{\"artifacts\":[";
    for (int i = 0; i < pods.size(); ++i) {
        if (i)
            s += ',';
        s += "{\"podName\":\"" + pods[i].first + "\",\"namespace\":\"prod\",\"creationTimestamp\":1767225600,\"digests\":{\"app:1\":\""
            + pods[i].second + "\"}}";
    }
    return s + "]}";
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_bundle;
    GeneratedTruth m_truth;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        Result<GeneratedTruth> g = generateBundle(m_bundle, small());
        QVERIFY2(g.ok(), qPrintable(g.error()));
        m_truth = *g;
    }

    void folderZipAndTarGzGiveTheSameTimeline()
    {
        QTemporaryDir d;
        auto folderCase = testutil::newCase(d, QStringLiteral("folder.tideline"));
        ImportReport r = importPaths(*folderCase, { m_bundle }, ImportOptions());
        QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
        QCOMPARE(int(r.imported.size()), m_truth.files);
        QCOMPARE(int(r.skipped.size()), 0);
        const QString expected = signature(*folderCase);
        QVERIFY(expected.contains(QStringLiteral("env prod K8S")));
        QVERIFY(expected.contains(QStringLiteral("env staging K8S")));
        QVERIFY(expected.contains(QStringLiteral("env aws-prod ECS")));
        QVERIFY(expected.contains(QStringLiteral("env lambda-eu lambda")));

        const auto files = testutil::filesOf(m_bundle);
        for (const QString& format : { QStringLiteral("zip"), QStringLiteral("tar.gz") }) {
            const QString archive = d.filePath(QStringLiteral("bundle.") + format);
            // Inside a top folder, so the manifest is not at the archive's root.
            QList<QPair<QByteArray, QByteArray>> entries;
            for (const auto& f : files)
                entries.append({ "exported/" + f.first, f.second });
            QVERIFY(testutil::writeArchive(archive, format, entries));
            auto kase = testutil::newCase(d, format + QStringLiteral(".tideline"));
            ImportReport a = importPaths(*kase, { archive }, ImportOptions());
            QVERIFY2(a.errors.empty(), qPrintable(a.errors.empty() ? QString() : a.errors.front().toString()));
            QCOMPARE(int(a.imported.size()), m_truth.files);
            QVERIFY(a.imported.front().path.startsWith(archive + QStringLiteral("!/exported/")));
            QCOMPARE(signature(*kase), expected);
        }
    }

    void anyImportOrderGivesTheSameTimeline()
    {
        QTemporaryDir d;
        auto inOrder = testutil::newCase(d, QStringLiteral("ordered.tideline"));
        importPaths(*inOrder, { m_bundle }, ImportOptions());
        const QString expected = signature(*inOrder);

        // The same files under shuffled names (the walk sorts by name), with a manifest to match, split in
        // three bundles imported newest first: snapshots arrive in every order, inside confirmed spans too.
        const QJsonObject manifest = QJsonDocument::fromJson(testutil::readFile(QDir(m_bundle).filePath(QStringLiteral("tideline-bundle.json")))).object();
        QJsonArray entries = manifest[QLatin1String("snapshots")].toArray();
        QRandomGenerator rng(42);
        QList<QJsonObject> shuffled;
        for (const auto& v : entries)
            shuffled.append(v.toObject());
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const int parts = 3;
        QStringList bundles;
        for (int part = 0; part < parts; ++part) {
            const QString dir = d.filePath(QStringLiteral("part%1").arg(part));
            QJsonArray listed;
            for (int i = part; i < shuffled.size(); i += parts) {
                QJsonObject e = shuffled[i];
                const QByteArray bytes = testutil::readFile(QDir(m_bundle).filePath(e[QLatin1String("path")].toString()));
                const QString name = QStringLiteral("%1.json").arg(rng.generate(), 8, 16, QLatin1Char('0'));
                QVERIFY(testutil::writeFile(QDir(dir).filePath(name), bytes));
                e[QLatin1String("path")] = name;
                listed.append(e);
            }
            QVERIFY(testutil::writeFile(QDir(dir).filePath(QStringLiteral("tideline-bundle.json")),
                QJsonDocument(QJsonObject { { QStringLiteral("tideline_bundle"), 1 }, { QStringLiteral("snapshots"), listed } }).toJson()));
            bundles.prepend(dir);
        }
        auto shuffledCase = testutil::newCase(d, QStringLiteral("shuffled.tideline"));
        for (const QString& b : bundles) {
            ImportReport r = importPaths(*shuffledCase, { b }, ImportOptions());
            QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
        }
        const QString got = signature(*shuffledCase);
        if (got != expected) {
            const QStringList a = expected.split(QLatin1Char('\n')), b = got.split(QLatin1Char('\n'));
            for (int i = 0; i < std::min(a.size(), b.size()); ++i)
                if (a[i] != b[i]) {
                    qWarning("first difference at line %d:\n expected %s\n got      %s", i, qPrintable(a[i]), qPrintable(b[i]));
                    break;
                }
        }
        QCOMPARE(got, expected);
        QCOMPARE(integrity(*shuffledCase), QStringLiteral("ok"));
    }

    void reimportIsANoOpThatSaysSo()
    {
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        importPaths(*kase, { m_bundle }, ImportOptions());
        const int sources = count(*kase, QStringLiteral("sources")), log = count(*kase, QStringLiteral("log"));
        const QString before = signature(*kase);
        ImportReport again = importPaths(*kase, { m_bundle }, ImportOptions());
        QVERIFY(again.errors.empty());
        QCOMPARE(int(again.imported.size()), 0);
        QCOMPARE(int(again.skipped.size()), m_truth.files);
        QVERIFY2(again.skipped.front().reason.startsWith(QStringLiteral("already imported")), qPrintable(again.skipped.front().reason));
        QCOMPARE(count(*kase, QStringLiteral("sources")), sources);
        QCOMPARE(count(*kase, QStringLiteral("log")), log);
        QCOMPARE(signature(*kase), before);
    }

    void sourcesAreKeptWholeOncePerSha()
    {
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        importPaths(*kase, { m_bundle }, ImportOptions());
        SourceStore store(kase->db());
        const auto sources = *store.list();
        QSet<QString> distinct;
        for (const auto& f : testutil::filesOf(m_bundle))
            distinct.insert(sha256Hex(f.second));
        QCOMPARE(int(sources.size()), int(distinct.size())); // identical reports share their bytes
        QVERIFY(distinct.size() < m_truth.files);
        int delta = 0;
        qint64 stored = 0, original = 0;
        for (const SourceRecord& s : sources) {
            Result<QByteArray> bytes = store.load(s.id);
            QVERIFY2(bytes.ok(), qPrintable(bytes.error()));
            QCOMPARE(sha256Hex(*bytes), s.sha256);
            QCOMPARE(qint64(bytes->size()), s.size);
            delta += s.codec == QLatin1String("zstd-delta");
            stored += s.storedBytes;
            original += s.size;
        }
        QVERIFY2(delta > int(sources.size()) / 2, "consecutive snapshots of a folder are stored as deltas");
        QVERIFY2(stored * 20 < original, qPrintable(QStringLiteral("%1 stored for %2").arg(stored).arg(original)));
    }

    void identicalLaterReportsOnlyConfirm()
    {
        QTemporaryDir d;
        const QByteArray a(64, 'a'), b(64, 'b');
        const QByteArray first = k8sPayload({ { "web-1", a } });
        const QByteArray second = k8sPayload({ { "web-1", a }, { "api-1", b } });
        QStringList entries;
        QJsonArray listed;
        const char* times[] = { "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z" };
        const QByteArray* bodies[] = { &first, &first, &second, &first };
        for (int i = 0; i < 4; ++i) {
            const QString name = QStringLiteral("s%1.json").arg(i);
            testutil::writeFile(d.filePath(QStringLiteral("b/") + name), *bodies[i]);
            listed.append(QJsonObject { { QStringLiteral("path"), name }, { QStringLiteral("environment"), QStringLiteral("prod") },
                { QStringLiteral("type"), QStringLiteral("K8S") }, { QStringLiteral("taken_at"), QString::fromLatin1(times[i]) } });
        }
        testutil::writeFile(d.filePath(QStringLiteral("b/tideline-bundle.json")),
            QJsonDocument(QJsonObject { { QStringLiteral("tideline_bundle"), 1 }, { QStringLiteral("snapshots"), listed } }).toJson());
        auto kase = testutil::newCase(d);
        ImportReport r = importPaths(*kase, { d.filePath(QStringLiteral("b")) }, ImportOptions());
        QVERIFY(r.errors.empty());
        // s0 and s1 hold identical bytes: stored once, reported twice.
        QCOMPARE(count(*kase, QStringLiteral("sources")), 3); // two payloads and the manifest
        QCOMPARE(count(*kase, QStringLiteral("reports")), 4);
        Timeline t(*kase);
        const auto snaps = *t.snapshots(QStringLiteral("prod"));
        QCOMPARE(snaps.size(), size_t(3));
        QCOMPARE(timefmt::formatIso(snaps[0].takenAt), QStringLiteral("2026-01-01T00:00:00Z"));
        QCOMPARE(timefmt::formatIso(snaps[0].confirmedUntil), QStringLiteral("2026-01-01T01:00:00Z"));
        QCOMPARE(snaps[1].workloads, 2);
        QCOMPARE(snaps[2].workloads, 1);
        QVERIFY(!r.imported[1].newSnapshot);
        QVERIFY(r.imported[1].knownSource);
    }

    void missingContextIsNamedNotGuessed()
    {
        QTemporaryDir d;
        const QByteArray ambiguous = "{\"artifacts\":[{\"digests\":{\"fn\":\"" + QByteArray(64, 'a') + "\"},\"creationTimestamp\":1}]}";
        const QByteArray k8s = k8sPayload({ { "p", QByteArray(64, 'b') } });
        testutil::writeFile(d.filePath(QStringLiteral("ambiguous.json")), ambiguous);
        testutil::writeFile(d.filePath(QStringLiteral("k8s.json")), k8s);
        auto kase = testutil::newCase(d);
        ImportReport r = importPaths(*kase, { d.filePath(QStringLiteral("ambiguous.json")), d.filePath(QStringLiteral("k8s.json")) }, ImportOptions());
        QCOMPARE(int(r.errors.size()), 2);
        QVERIFY2(r.errors[0].message.contains(QStringLiteral("--env")) && r.errors[0].message.contains(QStringLiteral("--type"))
                && r.errors[0].message.contains(QStringLiteral("docker|lambda|S3|server")) && r.errors[0].message.contains(QStringLiteral("--at")),
            qPrintable(r.errors[0].toString()));
        QVERIFY2(!r.errors[1].message.contains(QStringLiteral("--type")), "a K8S payload says its type");
        QCOMPARE(count(*kase, QStringLiteral("sources")), 0);

        ImportOptions o;
        o.environment = QStringLiteral("fns");
        o.type = QStringLiteral("lambda");
        o.at = timefmt::parseIso(QStringLiteral("2026-02-01T00:00:00Z"));
        r = importPaths(*kase, { d.filePath(QStringLiteral("ambiguous.json")) }, o);
        QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
        QCOMPARE(r.imported[0].type, QStringLiteral("lambda"));
        // The content wins over a --type it contradicts: an error, not a relabelling.
        o.type = QStringLiteral("ECS");
        o.environment = QStringLiteral("other");
        r = importPaths(*kase, { d.filePath(QStringLiteral("k8s.json")) }, o);
        QCOMPARE(int(r.errors.size()), 1);
        QVERIFY(r.errors[0].message.contains(QStringLiteral("K8S")));
    }

    void manifestProblems()
    {
        QTemporaryDir d;
        const QByteArray k8s = k8sPayload({ { "p", QByteArray(64, 'b') } });
        testutil::writeFile(d.filePath(QStringLiteral("b/one.json")), k8s);
        testutil::writeFile(d.filePath(QStringLiteral("b/two.json")), k8s + " ");
        testutil::writeFile(d.filePath(QStringLiteral("b/tideline-bundle.json")),
            "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"one.json\",\"environment\":\"prod\",\"taken_at\":\"2026-01-01T00:00:00Z\"},"
            "{\"path\":\"two.json\",\"environment\":\"prod\",\"taken_at\":\"2026-01-01T01:00:00Z\"},"
            "{\"path\":\"gone.json\",\"environment\":\"prod\",\"taken_at\":\"2026-01-01T02:00:00Z\"}],"
            "\"sha256\":{\"two.json\":\""
                + QByteArray(64, '0') + "\"}}");
        auto kase = testutil::newCase(d);
        ImportReport r = importPaths(*kase, { d.filePath(QStringLiteral("b")) }, ImportOptions());
        QCOMPARE(int(r.imported.size()), 2); // one.json and the manifest
        QCOMPARE(int(r.errors.size()), 2);
        bool listedMissing = false, hashMismatch = false;
        for (const Problem& p : r.errors) {
            listedMissing = listedMissing || (p.where == QLatin1String("gone.json") && p.message.contains(QStringLiteral("not in the bundle")));
            hashMismatch = hashMismatch || (p.file.endsWith(QStringLiteral("two.json")) && p.message.contains(QStringLiteral("does not match")));
        }
        QVERIFY(listedMissing);
        QVERIFY(hashMismatch);

        testutil::writeFile(d.filePath(QStringLiteral("c/tideline-bundle.json")),
            "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"../escape.json\",\"environment\":\"prod\"}]}");
        r = importPaths(*kase, { d.filePath(QStringLiteral("c")) }, ImportOptions());
        QVERIFY(!r.errors.empty());
        QCOMPARE(r.errors[0].where, QStringLiteral("snapshots[0].path"));

        testutil::writeFile(d.filePath(QStringLiteral("e/tideline-bundle.json")), "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"x\",\"type\":\"mainframe\"}]}");
        r = importPaths(*kase, { d.filePath(QStringLiteral("e")) }, ImportOptions());
        QVERIFY(!r.errors.empty());
        QCOMPARE(r.errors[0].where, QStringLiteral("snapshots[0].type"));
    }

    void hostileArchives()
    {
        QTemporaryDir d;
        const QByteArray k8s = k8sPayload({ { "p", QByteArray(64, 'b') } });
        const QString slip = d.filePath(QStringLiteral("slip.zip"));
        QVERIFY(testutil::writeArchive(slip, QStringLiteral("zip"),
            { { "../../evil.json", k8s }, { "/etc/abs.json", k8s }, { "ok/fine.json", k8s } }));
        auto kase = testutil::newCase(d);
        ImportOptions o;
        o.environment = QStringLiteral("prod");
        o.at = timefmt::parseIso(QStringLiteral("2026-01-01T00:00:00Z"));
        ImportReport r = importPaths(*kase, { slip }, o);
        QCOMPARE(int(r.imported.size()), 1);
        QCOMPARE(int(r.errors.size()), 2);
        for (const Problem& p : r.errors)
            QVERIFY2(p.message.contains(QStringLiteral("unsafe path")), qPrintable(p.toString()));
        QVERIFY(!QFile::exists(d.filePath(QStringLiteral("../evil.json"))));

        // A bomb: 100 MB of zeros, refused by the compression-ratio limit, the rest of the import goes on.
        const QString bomb = d.filePath(QStringLiteral("bomb.tar.gz"));
        QVERIFY(testutil::writeArchive(bomb, QStringLiteral("tar.gz"), { { "zeros.json", QByteArray(100 << 20, ' ') } }));
        QVERIFY(QFileInfo(bomb).size() < (1 << 20));
        testutil::writeFile(d.filePath(QStringLiteral("after.json")), k8sPayload({ { "q", QByteArray(64, 'c') } }));
        o.at = timefmt::parseIso(QStringLiteral("2026-01-01T01:00:00Z"));
        r = importPaths(*kase, { bomb, d.filePath(QStringLiteral("after.json")) }, o);
        QCOMPARE(int(r.imported.size()), 1);
        QVERIFY(!r.errors.empty());
        QVERIFY2(r.errors[0].message.contains(QStringLiteral("ratio")), qPrintable(r.errors[0].toString()));

        // Total and per-entry limits, set low.
        ImportOptions low = o;
        low.limits.maxEntryBytes = 1 << 20;
        const QString big = d.filePath(QStringLiteral("big.zip"));
        QVERIFY(testutil::writeArchive(big, QStringLiteral("zip"), { { "big.json", QByteArray(3 << 20, ' ') } }));
        r = importPaths(*kase, { big }, low);
        QVERIFY(!r.errors.empty());
        QVERIFY(r.errors[0].message.contains(QStringLiteral("entry expands past")));

        // An archive inside an archive is read too; deeper nesting is refused.
        const QString inner = d.filePath(QStringLiteral("inner.zip"));
        QVERIFY(testutil::writeArchive(inner, QStringLiteral("zip"), { { "n.json", k8sPayload({ { "n", QByteArray(64, 'd') } }) } }));
        const QString outer = d.filePath(QStringLiteral("outer.tar.gz"));
        QVERIFY(testutil::writeArchive(outer, QStringLiteral("tar.gz"), { { "inner.zip", testutil::readFile(inner) } }));
        o.at = timefmt::parseIso(QStringLiteral("2026-01-01T02:00:00Z"));
        r = importPaths(*kase, { outer }, o);
        QCOMPARE(int(r.imported.size()), 1);
        QCOMPARE(r.imported[0].path, outer + QStringLiteral("!/inner.zip!/n.json"));
        QCOMPARE(integrity(*kase), QStringLiteral("ok"));
    }

    void unknownContentIsSkippedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addRow("empty") << QByteArray() << "empty file";
        QTest::addRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0", 10) << "binary";
        QTest::addRow("text") << QByteArray("hello\n") << "text";
        QTest::addRow("json") << QByteArray("{\"hello\":\"world\"}") << "JSON, but not";
    }
    void unknownContentIsSkippedWithTheReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir d;
        testutil::writeFile(d.filePath(QStringLiteral("x.dat")), bytes);
        auto kase = testutil::newCase(d);
        ImportReport r = importPaths(*kase, { d.filePath(QStringLiteral("x.dat")) }, ImportOptions());
        QVERIFY(r.errors.empty());
        QCOMPARE(int(r.skipped.size()), 1);
        QVERIFY2(r.skipped[0].reason.contains(reason), qPrintable(r.skipped[0].reason));
    }

    void aFailingFileLeavesNoTrace()
    {
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        ImportOptions o;
        o.environment = QStringLiteral("prod");
        o.at = timefmt::parseIso(QStringLiteral("2026-01-01T00:00:00Z"));
        testutil::writeFile(d.filePath(QStringLiteral("k8s.json")), k8sPayload({ { "p", QByteArray(64, 'b') } }));
        QVERIFY(importPaths(*kase, { d.filePath(QStringLiteral("k8s.json")) }, o).errors.empty());
        const int sources = count(*kase, QStringLiteral("sources")), snaps = count(*kase, QStringLiteral("snapshots")),
                  runs = count(*kase, QStringLiteral("runs")), log = count(*kase, QStringLiteral("log")),
                  artifacts = count(*kase, QStringLiteral("artifacts"));
        // An ECS report into a K8S environment fails after its source row was written: all of it goes.
        testutil::writeFile(d.filePath(QStringLiteral("ecs.json")),
            "{\"tasks\":[{\"taskArn\":\"t\",\"lastStatus\":\"RUNNING\",\"containers\":[{\"name\":\"a\",\"image\":\"a@sha256:" + QByteArray(64, 'e') + "\"}]}]}");
        o.at = timefmt::parseIso(QStringLiteral("2026-01-01T01:00:00Z"));
        ImportReport r = importPaths(*kase, { d.filePath(QStringLiteral("ecs.json")) }, o);
        QCOMPARE(int(r.errors.size()), 1);
        QVERIFY2(r.errors[0].message.contains(QStringLiteral("of type K8S")), qPrintable(r.errors[0].toString()));
        QVERIFY(r.errors[0].file.endsWith(QStringLiteral("ecs.json")));
        QCOMPARE(count(*kase, QStringLiteral("sources")), sources);
        QCOMPARE(count(*kase, QStringLiteral("snapshots")), snaps);
        QCOMPARE(count(*kase, QStringLiteral("runs")), runs);
        QCOMPARE(count(*kase, QStringLiteral("log")), log);
        QCOMPARE(count(*kase, QStringLiteral("artifacts")), artifacts);
    }

    void serverSnapshotKeepsKosliIndex()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        ImportReport r = importPaths(*kase, { testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json")) }, ImportOptions());
        QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
        QCOMPARE(r.imported[0].environment, QStringLiteral("aws-prod"));
        QCOMPARE(r.imported[0].snapshotIndex, qint64(4357));
        QCOMPARE(r.imported[0].workloads, 10);
        Timeline t(*kase);
        Result<State> s = t.state(QStringLiteral("aws-prod#4357"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->workloads.size(), size_t(10));
        QCOMPARE(count(*kase, QStringLiteral("server_artifacts")), 11);
    }

    void cancelStopsCleanly()
    {
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        std::atomic<bool> cancel { false };
        ImportOptions o;
        o.cancel = &cancel;
        int calls = 0;
        o.progress = [&](const ImportProgress& p) {
            QVERIFY(p.filesTotal == m_truth.files);
            if (++calls == 20)
                cancel = true;
        };
        ImportReport r = importPaths(*kase, { m_bundle }, o);
        QVERIFY(r.cancelled);
        QVERIFY(int(r.imported.size()) < m_truth.files);
        const auto snapshotFiles = std::count_if(r.imported.begin(), r.imported.end(), [](const ImportedFile& f) { return f.isSnapshot; });
        QCOMPARE(count(*kase, QStringLiteral("reports")), int(snapshotFiles));
        QCOMPARE(integrity(*kase), QStringLiteral("ok"));
        // Importing again completes what was left.
        ImportReport rest = importPaths(*kase, { m_bundle }, ImportOptions());
        QVERIFY(rest.errors.empty());
        QCOMPARE(int(rest.imported.size() + r.imported.size()), m_truth.files);
    }

    void everyImportIsLogged()
    {
        QTemporaryDir d;
        auto kase = testutil::newCase(d);
        importPaths(*kase, { m_bundle }, ImportOptions());
        LogStore log(kase->db());
        const auto entries = *log.list();
        QCOMPARE(int(entries.size()), m_truth.files);
        QString prev = LogStore::genesisHash();
        int policies = 0;
        // The actor: TIDELINE_ACTOR on a file; on a server the database role that wrote.
        QString actor = QStringLiteral("tideline-tests");
        if (kase->onServer()) {
            QSqlQuery q(kase->db());
            QVERIFY(q.exec(QStringLiteral("SELECT session_user")) && q.next());
            actor = q.value(0).toString();
        }
        for (const LogEntry& e : entries) {
            policies += e.action == QStringLiteral("policy");
            // Policies are logged as what they are; every other file as an import.
            QVERIFY2(e.action == QStringLiteral("import") || e.action == QStringLiteral("policy"), qPrintable(e.action));
            QCOMPARE(e.actor, actor);
            QCOMPARE(e.hash, LogStore::entryHash(prev, e.at, e.actor, e.action, e.detail));
            prev = e.hash;
        }
        QCOMPARE(policies, 1); // the generated bundle's production policy
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
