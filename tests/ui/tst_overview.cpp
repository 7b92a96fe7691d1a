// SPDX-License-Identifier: GPL-3.0-or-later
// The engine behind the window: the multi-environment overview and its counts over time, chart
// downsampling, the import probe with context given only where files lack it, and source documents.

#include "compliance/findings.h"
#include "import/importer.h"
#include "import/probe.h"
#include "store/casefile.h"
#include "store/sourcedocument.h"
#include "testutil.h"
#include "timeline/downsample.h"
#include "timeline/findingactivity.h"
#include "timeline/overview.h"
#include "timeline/timeline.h"
#include "ui/uitestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

QByteArray kubectlPods(const QString& digestTail)
{
    return QStringLiteral(R"({"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2026-03-01T00:00:00Z"},"spec":{},)"
                          R"("status":{"phase":"Running","containerStatuses":[{"name":"web","image":"registry.example.com/shop/web:9.9",)"
                          R"("imageID":"registry.example.com/shop/web@sha256:%1"}]}}]})")
        .arg(digestTail.rightJustified(64, QLatin1Char('0')))
        .toUtf8();
}

ActivitySeries steps(const std::vector<Millis>& times, const std::vector<std::pair<int, int>>& unknownKnown, Millis end)
{
    ActivitySeries a;
    a.categories = activityCategories();
    a.times = times;
    for (const auto& [u, k] : unknownKnown) {
        a.workloads.push_back(u);
        a.workloads.push_back(k);
        a.instances.push_back(u * 2);
        a.instances.push_back(k * 3);
    }
    a.end = end;
    return a;
}

} // namespace

class TestOverview : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void overviewMatchesTimeline();
    void unknownCategory();
    void findingCategories();
    void sumOfEnvironments();
    void unknownEnvironment();
    void singleSnapshot();
    void downsampleKeepsPeaks_data();
    void downsampleKeepsPeaks();
    void downsampleBounds();
    void probeBundle();
    void probeAndFallback();
    void sourceDocument();
    void prettySource_data();
    void prettySource();

private:
    QTemporaryDir m_dir;
    QString m_case;
    std::unique_ptr<CaseFile> m_kase;
};

void TestOverview::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_case = uitest::makeDemoCase(m_dir.path());
    auto k = CaseFile::open(m_case, CaseFile::Mode::OpenExisting);
    QVERIFY2(k.ok(), qPrintable(k.error()));
    m_kase = std::move(k).value();
}

void TestOverview::overviewMatchesTimeline()
{
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("aws-prod") });
    QVERIFY2(o.ok(), qPrintable(o.error()));
    QCOMPARE(o->environments.size(), size_t(2));
    QCOMPARE(o->environments[0].environment.name, QStringLiteral("prod")); // in the order asked
    Timeline t(*m_kase);
    for (const EnvironmentTimeline& e : o->environments) {
        QCOMPARE(static_cast<int>(e.snapshots.size()), e.environment.snapshots);
        QCOMPARE(e.intervals.size(), t.intervals(e.environment.name)->size());
        // Every snapshot's counts, rebuilt from the runs, match what the snapshot recorded.
        QCOMPARE(e.activity.size(), e.snapshots.size());
        for (size_t i = 0; i < e.snapshots.size(); ++i) {
            QCOMPARE(e.activity.times[i], e.snapshots[i].takenAt);
            QCOMPARE(e.activity.workloadsAt(i, UnknownFingerprint) + e.activity.workloadsAt(i, KnownFingerprint), e.snapshots[i].workloads);
            QCOMPARE(e.activity.instancesAt(i, UnknownFingerprint) + e.activity.instancesAt(i, KnownFingerprint), e.snapshots[i].instances);
        }
        QCOMPARE(e.activity.end, e.snapshots.back().confirmedUntil);
    }
    QCOMPARE(o->first, std::min(o->environments[0].snapshots.front().takenAt, o->environments[1].snapshots.front().takenAt));
    QVERIFY(!o->empty());
}

void TestOverview::unknownCategory()
{
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod") });
    QVERIFY(o.ok());
    Timeline t(*m_kase);
    const EnvironmentTimeline& e = o->environments.front();
    int withUnknown = 0;
    for (size_t i = 0; i < e.snapshots.size(); i += 3) {
        int unknown = 0;
        for (const Workload& w : *t.workloads(e.snapshots[i]))
            unknown += w.unknown() ? 1 : 0;
        QCOMPARE(e.activity.workloadsAt(i, UnknownFingerprint), unknown);
        withUnknown += unknown > 0 ? 1 : 0;
    }
    QVERIFY2(withUnknown > 0, "the demo plants an unknown digest: some snapshot must show it");
}

void TestOverview::findingCategories()
{
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("aws-prod") });
    QVERIFY(o.ok());
    CheckReport report = *checkCase(*m_kase);
    const EnvironmentTimeline& prod = o->environments.front();
    ActivitySeries a = findingActivity(prod, report.findings);
    QCOMPARE(a.categories, tideline::findingCategories());
    QCOMPARE(a.times, prod.activity.times);
    QCOMPARE(a.end, prod.activity.end);
    // The same workloads, sorted by finding instead of by fingerprint.
    auto sum = [](const ActivitySeries& s, size_t i, int from, int to) {
        int n = 0;
        for (int c = from; c < to; ++c)
            n += s.workloadsAt(i, c);
        return n;
    };
    for (size_t i = 0; i < a.size(); ++i)
        QCOMPARE(sum(a, i, 0, FindingCategoryCount),
            prod.activity.workloadsAt(i, UnknownFingerprint) + prod.activity.workloadsAt(i, KnownFingerprint));
    // Each workload of a snapshot counts under the most urgent disposition whose window holds, computed here the long way.
    for (size_t i = 0; i < a.size(); i += 7) {
        const Millis t = prod.snapshots[i].takenAt;
        std::vector<int> expected(FindingCategoryCount, 0);
        for (const RunInterval& iv : prod.intervals) {
            if (iv.firstSeq > prod.snapshots[i].seq || iv.lastSeq < prod.snapshots[i].seq)
                continue;
            int category = NoFinding;
            for (const Finding& f : report.findings)
                if (f.environment == QLatin1String("prod") && f.kind != FindingKind::BlindSpot && workloadKey(f) == workloadKey(iv))
                    for (const ExposureWindow& w : f.windows)
                        if (w.from <= t && t < w.to)
                            category = std::min(category, int(activityCategory(f)));
            ++expected[size_t(category)];
        }
        for (int c = 0; c < FindingCategoryCount; ++c)
            QCOMPARE(a.workloadsAt(i, c), expected[size_t(c)]);
    }
    QCOMPARE(a.categories.value(EscalatedFinding), QStringLiteral("escalated"));
    QCOMPARE(categoryDisposition(AcceptedFinding), std::optional<Disposition>(Disposition::AcceptedRisk));
    QVERIFY(!categoryDisposition(NoFinding));
    // The miner, decided on: its snapshots move one workload from open to accepted risk; escalated, to escalated.
    Finding* miner = nullptr;
    for (Finding& f : report.findings)
        if (f.environment == QLatin1String("prod") && f.names.join(QLatin1Char(' ')).contains(QStringLiteral("xmrig")))
            miner = &f;
    QVERIFY(miner);
    miner->disposition = Disposition::AcceptedRisk;
    const ActivitySeries b = findingActivity(prod, report.findings);
    const long at = a.pointAt(miner->windows.front().from);
    QVERIFY(at >= 0);
    QCOMPARE(b.workloadsAt(size_t(at), OpenFinding), a.workloadsAt(size_t(at), OpenFinding) - 1);
    QCOMPARE(b.workloadsAt(size_t(at), AcceptedFinding), a.workloadsAt(size_t(at), AcceptedFinding) + 1);
    QVERIFY(prod.snapshots.front().takenAt < miner->windows.front().from);
    QCOMPARE(b.workloadsAt(0, AcceptedFinding), a.workloadsAt(0, AcceptedFinding)); // before it ran
    QCOMPARE(b.workloadsAt(0, OpenFinding), a.workloadsAt(0, OpenFinding));
    miner->disposition = Disposition::Escalated;
    const ActivitySeries c = findingActivity(prod, report.findings);
    QCOMPARE(c.workloadsAt(size_t(at), EscalatedFinding), a.workloadsAt(size_t(at), EscalatedFinding) + 1);
    // Without findings (or outside their windows) everything is without.
    const ActivitySeries none = findingActivity(prod, {});
    for (size_t i = 0; i < none.size(); ++i)
        QCOMPARE(none.workloadsAt(i, NoFinding), prod.activity.workloadsAt(i, UnknownFingerprint) + prod.activity.workloadsAt(i, KnownFingerprint));
    // Over both environments, the sum of the parts.
    miner->disposition = Disposition::AcceptedRisk;
    const ActivitySeries both = findingActivity(*o, report.findings);
    const ActivitySeries aws = findingActivity(o->environments[1], report.findings);
    const Millis t = prod.snapshots[prod.snapshots.size() / 2].takenAt;
    const long pb = both.pointAt(t), pp = b.pointAt(t), pa = aws.pointAt(t);
    QVERIFY(pb >= 0 && pp >= 0 && pa >= 0);
    QCOMPARE(sum(both, size_t(pb), 0, NoFinding), sum(b, size_t(pp), 0, NoFinding) + sum(aws, size_t(pa), 0, NoFinding));
}

void TestOverview::sumOfEnvironments()
{
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("aws-prod"), QStringLiteral("staging") });
    QVERIFY(o.ok());
    const ActivitySeries& sum = o->activity;
    QVERIFY(std::is_sorted(sum.times.begin(), sum.times.end()));
    auto valueAt = [](const ActivitySeries& a, Millis t, int c) {
        if (a.times.empty() || t < a.times.front() || t >= a.end)
            return 0;
        return a.workloadsAt(static_cast<size_t>(a.pointAt(t)), c);
    };
    for (Millis t = o->first - 1000; t < o->last + 1000; t += 17 * 60 * 1000 + 7) {
        for (int c = 0; c < ActivityCategoryCount; ++c) {
            int expected = 0;
            for (const EnvironmentTimeline& e : o->environments)
                expected += valueAt(e.activity, t, c);
            QCOMPARE(valueAt(sum, t, c), expected);
        }
    }
}

void TestOverview::unknownEnvironment()
{
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("nope") });
    QVERIFY(!o.ok());
    QVERIFY(o.error().contains(QStringLiteral("nope")));
    Result<TimelineOverview> none = loadOverview(*m_kase, {});
    QVERIFY(none.ok());
    QVERIFY(none->empty());
}

void TestOverview::singleSnapshot()
{
    // One report, confirmed by nothing after it: an instant, still something to draw.
    QTemporaryDir dir;
    auto kase = testutil::newCase(dir);
    const QString file = dir.filePath(QStringLiteral("pods.json"));
    QVERIFY(testutil::writeFile(file, kubectlPods(QStringLiteral("abc"))));
    ImportOptions o;
    o.environment = QStringLiteral("once");
    o.at = 1772323200000;
    QVERIFY(importPaths(*kase, { file }, o).errors.empty());
    Result<TimelineOverview> one = loadOverview(*kase, { QStringLiteral("once") });
    QVERIFY(one.ok());
    QCOMPARE(one->first, *o.at);
    QCOMPARE(one->last, *o.at);
    QVERIFY(!one->empty());
    QCOMPARE(one->environments[0].intervals.size(), size_t(1));
}

void TestOverview::downsampleKeepsPeaks_data()
{
    QTest::addColumn<int>("buckets");
    QTest::addRow("one per point") << 100;
    QTest::addRow("ten points a bucket") << 10;
    QTest::addRow("one bucket") << 1;
    QTest::addRow("more buckets than points") << 1000;
}

void TestOverview::downsampleKeepsPeaks()
{
    QFETCH(int, buckets);
    // 100 points a minute apart, flat at 5 known, with a one-minute spike of 2 unknown at point 37.
    std::vector<Millis> times;
    std::vector<std::pair<int, int>> values;
    for (int i = 0; i < 100; ++i) {
        times.push_back(60000LL * i);
        values.push_back({ i == 37 ? 2 : 0, 5 });
    }
    const ActivitySeries a = steps(times, values, 60000LL * 100);
    const StackedSteps s = downsampleStacked(a, ActivityMeasure::Workloads, 0, 60000LL * 100, buckets);
    QCOMPARE(s.levels.size(), size_t(2));
    QCOMPARE(s.maxY, 7.0);
    double peakUnknown = 0;
    for (const QPointF& p : s.levels[0])
        peakUnknown = std::max(peakUnknown, p.y());
    QCOMPARE(peakUnknown, 2.0); // the spike survives however few buckets there are
    for (size_t c = 0; c < 2; ++c)
        QVERIFY(static_cast<int>(s.levels[c].size()) <= 2 * buckets);
    // Stacked: the upper level is never below the lower one at the same x.
    QCOMPARE(s.levels[0].size() > 0, true);
    for (const QPointF& top : s.levels[1])
        QVERIFY(top.y() >= 5);
}

void TestOverview::downsampleBounds()
{
    const ActivitySeries a = steps({ 1000, 2000 }, { { 1, 1 }, { 0, 4 } }, 3000);
    // Before the first point and after the end there is nothing.
    const StackedSteps s = downsampleStacked(a, ActivityMeasure::Instances, 0, 4000, 4);
    const auto& top = s.levels[1];
    QCOMPARE(top.front().y(), 0.0);
    QCOMPARE(top.back().y(), 0.0);
    QCOMPARE(s.maxY, 12.0); // 4 known × 3 instances
    QVERIFY(downsampleStacked(a, ActivityMeasure::Workloads, 10, 10, 5).levels[0].empty());
}

void TestOverview::probeBundle()
{
    const ImportProbe p = probeImport({ m_dir.filePath(QStringLiteral("bundle")) });
    QVERIFY(p.files > 100);
    QVERIFY(p.bytes > 0);
    QVERIFY(!p.needsContext());
    QCOMPARE(p.environments, QStringList({ QStringLiteral("aws-prod"), QStringLiteral("prod"), QStringLiteral("staging") }));
    // Every snapshot the bundle's manifest lists, and none of its evidence, keys or policies.
    QFile manifest(m_dir.filePath(QStringLiteral("bundle/tideline-bundle.json")));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
    const int listed = int(m.value(QStringLiteral("snapshots")).toArray().size());
    QVERIFY(listed > 100);
    QVERIFY(p.files > listed);
    QCOMPARE(p.snapshots, listed);
}

void TestOverview::probeAndFallback()
{
    QTemporaryDir dir;
    const QString bare = dir.filePath(QStringLiteral("pods.json"));
    QVERIFY(testutil::writeFile(bare, kubectlPods(QStringLiteral("abc"))));
    const ImportProbe p = probeImport({ bare });
    QCOMPARE(p.snapshots, 1);
    QCOMPARE(p.lackEnvironment, 1);
    QCOMPARE(p.lackTime, 1);
    QVERIFY(p.needsContext());
    QCOMPARE(p.examples, QStringList({ bare }));
    // An environment the case knows needs no type.
    const ImportProbe known = probeImport({ bare }, { { QStringLiteral("prod"), QStringLiteral("K8S") } });
    QCOMPARE(known.lackType, 0);

    // The fallback fills only what a file lacks: the bundle keeps its own environments.
    auto kase = testutil::newCase(dir);
    QVERIFY(kase);
    ImportOptions o;
    o.fallbackEnvironment = QStringLiteral("manual");
    o.fallbackType = QStringLiteral("K8S");
    o.fallbackAt = 1772409600000; // 2026-03-02T00:00:00Z
    const ImportReport r = importPaths(*kase, { bare, m_dir.filePath(QStringLiteral("bundle")) }, o);
    QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
    QStringList envs;
    for (const Environment& e : (*Timeline(*kase).environments()))
        envs << e.name;
    QCOMPARE(envs, QStringList({ QStringLiteral("aws-prod"), QStringLiteral("manual"), QStringLiteral("prod"), QStringLiteral("staging") }));
    Result<State> s = Timeline(*kase).state(QStringLiteral("manual"));
    QVERIFY(s.ok());
    QCOMPARE(s->snapshot.takenAt, *o.fallbackAt);
    QCOMPARE(s->workloads.size(), size_t(1));

    // Without the fallback the bare file is an error that says what is missing.
    QTemporaryDir dir2;
    auto kase2 = testutil::newCase(dir2);
    const ImportReport r2 = importPaths(*kase2, { bare }, ImportOptions());
    QCOMPARE(r2.errors.size(), size_t(1));
    QVERIFY(r2.errors.front().message.contains(QStringLiteral("environment")));
}

void TestOverview::sourceDocument()
{
    Timeline t(*m_kase);
    Result<Snapshot> snap = t.resolve(QStringLiteral("prod#3"));
    QVERIFY(snap.ok());
    Result<SourceDocument> d = loadSourceDocument(*m_kase, snap->sourceSha256);
    QVERIFY2(d.ok(), qPrintable(d.error()));
    QCOMPARE(d->sha256, snap->sourceSha256);
    QVERIFY(d->verified);
    QCOMPARE(d->size, d->bytes.size());
    QVERIFY(d->name.endsWith(QStringLiteral(".json")));
    QVERIFY(d->text.contains(QStringLiteral("\n    "))); // indented
    QVERIFY(!loadSourceDocument(*m_kase, QString(64, QLatin1Char('0'))).ok());
}

void TestOverview::prettySource_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<bool>("truncated");
    QTest::addRow("json") << QByteArray(R"({"a":[1,2]})") << QStringLiteral("\"a\": [") << false;
    QTest::addRow("broken json as it is") << QByteArray(R"({"a":[1,2)") << QStringLiteral("{\"a\":[1,2") << false;
    QTest::addRow("xml as it is") << QByteArray("<testsuite name=\"x\"/>") << QStringLiteral("<testsuite") << false;
    QTest::addRow("binary as hex") << QByteArray("\x00\x01\x02PK", 5) << QStringLiteral("00 01 02 50 4b") << false;
    QTest::addRow("long text cut") << QByteArray(5000, 'x') << QStringLiteral("xxxx") << true;
}

void TestOverview::prettySource()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, contains);
    QFETCH(bool, truncated);
    bool cut = false;
    const QString text = tideline::prettySource(bytes, 1000, &cut);
    QVERIFY2(text.contains(contains), qPrintable(text));
    QCOMPARE(cut, truncated);
    QVERIFY(text.size() <= 1000);
}

QTEST_APPLESS_MAIN(TestOverview)
#include "tst_overview.moc"
