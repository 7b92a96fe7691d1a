// Every item model and proxy of the window under QAbstractItemModelTester, on the demo case.

#include "import/importer.h"
#include "items/diffmodel.h"
#include "items/diffproxy.h"
#include "items/environmentmodel.h"
#include "items/importresultmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "items/searchmodel.h"
#include "items/statemodel.h"
#include "store/casefile.h"
#include "timeline/timeline.h"
#include "ui/uitestutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace tideline;

class TestItems : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void environments();
    void laneLabel_data();
    void laneLabel();
    void lanes();
    void laneProxy();
    void diff();
    void diffProxy_data();
    void diffProxy();
    void state();
    void search();
    void importResults();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_kase;
};

void TestItems::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto k = CaseFile::open(uitest::makeDemoCase(m_dir.path()), CaseFile::Mode::OpenExisting);
    QVERIFY(k.ok());
    m_kase = std::move(k).value();
}

void TestItems::environments()
{
    EnvironmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy chosen(&model, &EnvironmentModel::chosenChanged);
    model.setEnvironments(Timeline(*m_kase).environments());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, EnvironmentModel::NameColumn).data().toString(), QStringLiteral("prod"));
    QCOMPARE(model.index(1, EnvironmentModel::TypeColumn).data().toString(), QStringLiteral("K8S"));
    QCOMPARE(model.index(1, EnvironmentModel::SnapshotsColumn).data().toInt(), 64);
    QVERIFY(model.index(1, EnvironmentModel::SpanColumn).data().toString().startsWith(QStringLiteral("2026-03-01 00:00 → 03-07")));
    QCOMPARE(model.index(1, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("not checked"));
    QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.setData(model.index(2, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(model.chosen(), QStringList { QStringLiteral("staging") });
    model.setChosen({ QStringLiteral("prod"), QStringLiteral("aws-prod") });
    QCOMPARE(model.chosen(), QStringList({ QStringLiteral("aws-prod"), QStringLiteral("prod") }));
    // Reloading keeps the choice.
    model.setEnvironments(Timeline(*m_kase).environments());
    QCOMPARE(model.chosen(), QStringList({ QStringLiteral("aws-prod"), QStringLiteral("prod") }));
    QCOMPARE(model.rowOf(QStringLiteral("staging")), 2);
}

void TestItems::laneLabel_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::addRow("registry, repo and tag") << QStringLiteral("registry.example.com/shop/api:1.4.0") << QStringLiteral("shop/api");
    QTest::addRow("digest") << QStringLiteral("registry.example.com/shop/api@sha256:abc") << QStringLiteral("shop/api");
    QTest::addRow("registry port kept apart from tag") << QStringLiteral("localhost:5000/app:2") << QStringLiteral("app");
    QTest::addRow("docker hub library") << QStringLiteral("library/busybox:latest") << QStringLiteral("library/busybox");
    QTest::addRow("plain name") << QStringLiteral("orders-fn") << QStringLiteral("orders-fn");
    QTest::addRow("a path") << QStringLiteral("/opt/app/bin") << QStringLiteral("/opt/app/bin");
}

void TestItems::laneLabel()
{
    QFETCH(QString, name);
    QFETCH(QString, label);
    QCOMPARE(LaneModel::laneLabel(name), label);
}

void TestItems::lanes()
{
    LaneModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<TimelineOverview> o = loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("aws-prod") });
    QVERIFY(o.ok());
    auto shared = std::make_shared<const TimelineOverview>(std::move(o).value());
    model.setOverview(shared);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex prod = model.index(0, 0);
    QCOMPARE(prod.data(LaneModel::RowKindRole).toInt(), int(LaneModel::EnvironmentRow));
    QCOMPARE(prod.data(LaneModel::EnvironmentRole).toString(), QStringLiteral("prod"));
    QVERIFY(model.rowCount(prod) > 5);
    // Every interval lands in exactly one lane, each lane sorted by start.
    size_t intervals = 0;
    for (int e = 0; e < 2; ++e) {
        const QModelIndex env = model.index(e, 0);
        for (int r = 0; r < model.rowCount(env); ++r) {
            const LaneModel::Lane* lane = model.lane(model.index(r, 0, env));
            QVERIFY(lane);
            intervals += lane->intervals.size();
            QVERIFY(std::is_sorted(lane->intervals.begin(), lane->intervals.end(),
                [](const RunInterval& a, const RunInterval& b) { return a.from < b.from; }));
            for (const RunInterval& iv : lane->intervals) {
                QCOMPARE(LaneModel::laneLabel(iv.name), lane->label);
                QVERIFY(iv.duration() <= lane->longest);
            }
        }
        QCOMPARE(model.environment(env)->environment.name, shared->environments[static_cast<size_t>(e)].environment.name);
    }
    QCOMPARE(intervals, shared->environments[0].intervals.size() + shared->environments[1].intervals.size());
    // The planted miner is found by fingerprint, an unknown workload by name.
    const RunInterval* unknown = nullptr;
    for (const RunInterval& iv : shared->environments[0].intervals)
        if (iv.fingerprint.isEmpty())
            unknown = &iv;
    QVERIFY(unknown);
    const QModelIndex u = model.findLane(QStringLiteral("prod"), QString(), unknown->name);
    QVERIFY(u.isValid());
    QVERIFY(u.data(LaneModel::UnknownRole).toBool());
    model.setOverview(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestItems::laneProxy()
{
    LaneModel model;
    LaneProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(0);
    model.setOverview(std::make_shared<const TimelineOverview>(*loadOverview(*m_kase, { QStringLiteral("prod"), QStringLiteral("aws-prod") })));
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(0, 0).data(LaneModel::EnvironmentRole).toString(), QStringLiteral("prod")); // chosen order kept
    proxy.setFilterFixedString(QStringLiteral("xmrig"));
    QCOMPARE(proxy.rowCount(), 1); // aws-prod has no miner: its row goes
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
    QCOMPARE(proxy.index(0, 0, proxy.index(0, 0)).data().toString(), QStringLiteral("metal3d/xmrig"));
    proxy.setFilterFixedString(QString());
    proxy.setOrder(LaneProxy::Order::ByFirstSeen);
    const QModelIndex env = proxy.index(0, 0);
    for (int r = 1; r < proxy.rowCount(env); ++r)
        QVERIFY(proxy.index(r - 1, 0, env).data(LaneModel::FirstSeenRole).toLongLong() <= proxy.index(r, 0, env).data(LaneModel::FirstSeenRole).toLongLong());
}

void TestItems::diff()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<SnapshotDiff> d = Timeline(*m_kase).diff(QStringLiteral("prod#3"), QStringLiteral("prod#10"));
    QVERIFY(d.ok());
    model.setDiff(*d);
    QVERIFY(model.hasDiff());
    const size_t total = d->added.size() + d->removed.size() + d->scaled.size() + d->unchanged.size();
    QCOMPARE(static_cast<size_t>(model.rowCount()), total);
    QCOMPARE(model.count(DiffModel::Added), static_cast<int>(d->added.size()));
    QCOMPARE(model.count(DiffModel::Removed), static_cast<int>(d->removed.size()));
    QCOMPARE(model.index(0, DiffModel::ChangeColumn).data().toString(), QStringLiteral("added"));
    QCOMPARE(model.index(0, DiffModel::NameColumn).data().toString(), d->added.front().name);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasDiff());
}

void TestItems::diffProxy_data()
{
    QTest::addColumn<QList<int>>("hidden");
    QTest::addColumn<QString>("text");
    QTest::addRow("all") << QList<int>() << QString();
    QTest::addRow("no unchanged") << QList<int> { DiffModel::Unchanged } << QString();
    QTest::addRow("only added") << QList<int> { DiffModel::Removed, DiffModel::Scaled, DiffModel::Unchanged } << QString();
    QTest::addRow("text") << QList<int>() << QStringLiteral("shop/search");
    QTest::addRow("text and kind") << QList<int> { DiffModel::Unchanged } << QStringLiteral("AUTH");
}

void TestItems::diffProxy()
{
    QFETCH(QList<int>, hidden);
    QFETCH(QString, text);
    DiffModel model;
    DiffProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<SnapshotDiff> d = Timeline(*m_kase).diff(QStringLiteral("prod#3"), QStringLiteral("prod#10"));
    model.setDiff(*d);
    for (int h : hidden)
        proxy.setChangeVisible(static_cast<DiffModel::Change>(h), false);
    proxy.setText(text);
    int expected = 0;
    const std::pair<DiffModel::Change, const std::vector<DiffEntry>*> groups[] = { { DiffModel::Added, &d->added },
        { DiffModel::Removed, &d->removed }, { DiffModel::Scaled, &d->scaled }, { DiffModel::Unchanged, &d->unchanged } };
    for (const auto& [change, entries] : groups)
        for (const DiffEntry& e : *entries)
            expected += !hidden.contains(change) && (text.isEmpty() || e.name.contains(text, Qt::CaseInsensitive)) ? 1 : 0;
    QCOMPARE(proxy.rowCount(), expected);
    proxy.sort(DiffModel::NameColumn);
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, DiffModel::NameColumn).data().toString().compare(proxy.index(r, DiffModel::NameColumn).data().toString(), Qt::CaseInsensitive) <= 0);
}

void TestItems::state()
{
    StateModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Timeline t(*m_kase);
    std::vector<State> states;
    states.push_back(*t.state(QStringLiteral("prod"), 1772409600000));
    states.push_back(*t.state(QStringLiteral("aws-prod"), 1772409600000));
    const size_t total = states[0].workloads.size() + states[1].workloads.size();
    model.setStates(std::move(states));
    QCOMPARE(static_cast<size_t>(model.rowCount()), total);
    QCOMPARE(model.index(0, StateModel::EnvironmentColumn).data().toString(), QStringLiteral("prod"));
    proxy.setFilterKeyColumn(StateModel::NameColumn);
    proxy.setFilterFixedString(QStringLiteral("shop/api"));
    QCOMPARE(proxy.rowCount(), 2);
    model.setStates({});
    QCOMPARE(model.rowCount(), 0);
}

void TestItems::search()
{
    SearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<FingerprintMatch> matches = Timeline(*m_kase).search(QStringLiteral("shop/web"));
    QVERIFY(!matches.empty());
    size_t runs = 0;
    for (const FingerprintMatch& m : matches)
        runs += m.runs.size();
    model.setResults(QStringLiteral("shop/web"), std::move(matches));
    QCOMPARE(static_cast<size_t>(model.rowCount()), runs);
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(model.index(r, SearchModel::NameColumn).data().toString().contains(QStringLiteral("shop/web")));
    QCOMPARE(model.run(0).environment, model.index(0, SearchModel::EnvironmentColumn).data().toString());
}

void TestItems::importResults()
{
    ImportResultModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(ImportResultModel::OutcomeRole);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ImportReport r;
    ImportedFile f;
    f.path = QStringLiteral("/b/prod/snap-1.json");
    f.format = QStringLiteral("kosli-payload");
    f.isSnapshot = true;
    f.environment = QStringLiteral("prod");
    f.type = QStringLiteral("K8S");
    f.snapshotIndex = 1;
    f.newSnapshot = true;
    f.workloads = 12;
    r.imported.push_back(f);
    r.skipped.push_back({ QStringLiteral("/b/readme.txt"), QStringLiteral("text of no format Tideline reads") });
    r.errors.push_back({ QStringLiteral("/b/bad.json"), QStringLiteral("line 3, column 4"), QStringLiteral("unexpected end") });
    model.setReport(r);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ImportResultModel::OutcomeColumn).data().toString(), QStringLiteral("failed")); // failures first
    QCOMPARE(model.index(0, ImportResultModel::DetailColumn).data().toString(), QStringLiteral("line 3, column 4: unexpected end"));
    QVERIFY(model.index(2, ImportResultModel::DetailColumn).data().toString().contains(QStringLiteral("#1, 12 workloads")));
    QCOMPARE(model.count(ImportResultModel::Skipped), 1);
    proxy.setFilterFixedString(QString::number(ImportResultModel::Skipped));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, ImportResultModel::PathColumn).data().toString(), QStringLiteral("/b/readme.txt"));
}

QTEST_GUILESS_MAIN(TestItems)
#include "tst_items.moc"
