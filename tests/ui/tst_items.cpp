// SPDX-License-Identifier: GPL-3.0-or-later
// Every item model and proxy of the window under QAbstractItemModelTester, on the demo case.

#include "compliance/findings.h"
#include "evidence/evidenceindex.h"
#include "import/importer.h"
#include "domain/imagename.h"
#include "items/copyrole.h"
#include "items/diffmodel.h"
#include "items/diffproxy.h"
#include "items/environmentmodel.h"
#include "items/evidencemodel.h"
#include "items/findingmodel.h"
#include "items/findingproxy.h"
#include "items/importresultmodel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "items/searchmodel.h"
#include "items/statemodel.h"
#include "store/casefile.h"
#include "testutil.h"
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
    void findings();
    void findingProxy_data();
    void findingProxy();
    void environmentFindings();
    void evidence();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_kase;
    CheckReport m_report;
};

void TestItems::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto k = CaseFile::open(uitest::makeDemoCase(m_dir.path()), CaseFile::Mode::OpenExisting);
    QVERIFY(k.ok());
    m_kase = std::move(k).value();
    Result<CheckReport> r = checkCase(*m_kase);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    m_report = std::move(r).value();
}

void TestItems::environments()
{
    EnvironmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy chosen(&model, &EnvironmentModel::chosenChanged);
    model.setEnvironments((*Timeline(*m_kase).environments()));
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
    model.setEnvironments((*Timeline(*m_kase).environments()));
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
    // Shown without the registry, copied whole (name and fingerprint alike: never an ellipsis).
    QCOMPARE(model.index(0, DiffModel::NameColumn).data().toString(), imageWithoutRegistry(d->added.front().name));
    QCOMPARE(model.index(0, DiffModel::NameColumn).data(CopyRole).toString(), d->added.front().name);
    if (!d->added.front().fingerprint.isEmpty())
        QCOMPARE(model.index(0, DiffModel::FingerprintColumn).data(CopyRole).toString(), d->added.front().fingerprint);
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
    std::vector<FingerprintMatch> matches = (*Timeline(*m_kase).search(QStringLiteral("shop/web")));
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

void TestItems::findings()
{
    FindingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &FindingModel::reportChanged);
    QVERIFY(!model.checked());
    model.setReport(m_report);
    QVERIFY(model.checked());
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_report.findings.size() > 3);
    QCOMPARE(static_cast<size_t>(model.rowCount()), m_report.findings.size());
    // The demo's planted miner: no provenance, in prod, with its exposure as the engine computed it.
    const int miner = [&] {
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.finding(r).names.join(QLatin1Char(' ')).contains(QStringLiteral("xmrig")))
                return r;
        return -1;
    }();
    QVERIFY(miner >= 0);
    const Finding& f = model.finding(miner);
    QCOMPARE(model.index(miner, FindingModel::IdColumn).data().toString(), f.id);
    QCOMPARE(model.index(miner, FindingModel::KindColumn).data().toString(), QStringLiteral("no provenance"));
    QCOMPARE(model.index(miner, FindingModel::KindColumn).data(FindingModel::KindRole).toInt(), static_cast<int>(FindingKind::NoProvenance));
    QCOMPARE(model.index(miner, FindingModel::EnvironmentColumn).data().toString(), QStringLiteral("prod"));
    QCOMPARE(model.index(miner, FindingModel::ExposureColumn).data().toString(), timefmt::formatDuration(f.totalSeconds * 1000));
    QCOMPARE(model.index(miner, FindingModel::ExposureColumn).data(FindingModel::SortRole).toLongLong(), f.totalSeconds);
    QCOMPARE(model.index(miner, FindingModel::FirstSeenColumn).data(FindingModel::SortRole).toLongLong(), f.firstSeen);
    QCOMPARE(model.index(miner, FindingModel::DispositionColumn).data().toString(), QStringLiteral("open"));
    QVERIFY(model.index(miner, FindingModel::FingerprintColumn).data().toString().startsWith(f.fingerprint.left(12)));
    QCOMPARE(model.rowOf(f.id), miner);
    QCOMPARE(model.index(miner, FindingModel::WorkloadColumn).data().toString(), QStringLiteral("metal3d/xmrig:latest")); // docker.io/ dropped
    QCOMPARE(FindingModel::shortName(QStringLiteral("registry.example.com:5000/shop/api:1.4.0")), QStringLiteral("shop/api:1.4.0"));
    QCOMPARE(FindingModel::shortName(QStringLiteral("library/busybox:latest")), QStringLiteral("library/busybox:latest"));
    QCOMPARE(FindingModel::shortName(QStringLiteral("team/app/worker:2")), QStringLiteral("team/app/worker:2"));
    QCOMPARE(FindingModel::shortName(QStringLiteral("localhost/app:2")), QStringLiteral("app:2"));
    // As Kosli's server snapshots name ECR images: a host, one path component, a tag and the digest.
    QCOMPARE(FindingModel::shortName(QStringLiteral("244531986313.dkr.ecr.eu-central-1.amazonaws.com/creator:65fd2bf@sha256:"
                                                    "ce59db031695ca55deaaacefda233875fe5c32783c69816fcea2bb3642636e4f")),
        QStringLiteral("creator:65fd2bf"));
    QCOMPARE(model.rowOf(QStringLiteral("F-00000000")), -1);

    // A decision: the row and the open count follow, as the next check would have them.
    QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
    const int open = model.openCount();
    QVERIFY(model.applyReview(f.id, { Disposition::AcceptedRisk, QStringLiteral("load test"), QStringLiteral("ana"), 1, QStringLiteral("ab") }));
    QCOMPARE(data.count(), 1);
    QCOMPARE(model.openCount(), open - 1);
    QCOMPARE(model.index(miner, FindingModel::DispositionColumn).data().toString(), QStringLiteral("accepted risk"));
    QCOMPARE(model.finding(miner).history.size(), size_t(1));
    QVERIFY(model.applyReview(f.id, { Disposition::Open, QString(), QStringLiteral("ben"), 2, QStringLiteral("cd") }));
    QCOMPARE(model.openCount(), open);
    QCOMPARE(model.finding(miner).history.size(), size_t(2));
    QVERIFY(!model.applyReview(QStringLiteral("F-00000000"), { Disposition::Open, QString(), QStringLiteral("x"), 3, QString() }));

    // A blind spot names its environment rather than a workload, and has no fingerprint.
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.finding(r).kind == FindingKind::BlindSpot) {
            QCOMPARE(model.index(r, FindingModel::WorkloadColumn).data().toString(), QStringLiteral("all of %1").arg(model.finding(r).environment));
            QVERIFY(model.index(r, FindingModel::FingerprintColumn).data().toString().isEmpty());
        }
    model.clear();
    QVERIFY(!model.checked());
    QCOMPARE(model.rowCount(), 0);
}

void TestItems::findingProxy_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("disposition");
    QTest::addColumn<QString>("text");
    QTest::addRow("all") << QString() << QString() << QString() << QString();
    QTest::addRow("prod") << QStringLiteral("prod") << QString() << QString() << QString();
    QTest::addRow("unknown fingerprints") << QString() << QStringLiteral("unknown-fingerprint") << QString() << QString();
    QTest::addRow("blind spots in prod") << QStringLiteral("prod") << QStringLiteral("blind-spot") << QString() << QString();
    QTest::addRow("accepted") << QString() << QString() << QStringLiteral("accepted-risk") << QString();
    QTest::addRow("open") << QString() << QString() << QStringLiteral("open") << QString();
    QTest::addRow("text: a name") << QString() << QString() << QString() << QStringLiteral("XMRIG");
    QTest::addRow("text: a kind word in the detail") << QStringLiteral("staging") << QString() << QString() << QStringLiteral("registry digest");
}

void TestItems::findingProxy()
{
    QFETCH(QString, environment);
    QFETCH(QString, kind);
    QFETCH(QString, disposition);
    QFETCH(QString, text);
    FindingModel model;
    FindingProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(m_report);
    // One finding decided, so that a disposition filter has something to tell apart.
    const QString decided = m_report.findings.front().id;
    QVERIFY(model.applyReview(decided, { Disposition::AcceptedRisk, QStringLiteral("known"), QStringLiteral("ana"), 1, QString() }));
    proxy.setEnvironment(environment);
    proxy.setKind(findingKindFromName(kind));
    proxy.setDisposition(dispositionFromName(disposition));
    proxy.setText(text);
    int expected = 0;
    for (const Finding& f : m_report.findings) {
        const QString d = f.id == decided ? QStringLiteral("accepted-risk") : dispositionName(f.disposition);
        const QString haystack = f.id + f.names.join(QLatin1Char(' ')) + f.fingerprint + f.detail + f.attestations.join(QLatin1Char(' '));
        expected += (environment.isEmpty() || f.environment == environment) && (kind.isEmpty() || findingKindName(f.kind) == kind)
                && (disposition.isEmpty() || d == disposition) && (text.isEmpty() || haystack.contains(text, Qt::CaseInsensitive))
            ? 1
            : 0;
    }
    QCOMPARE(proxy.rowCount(), expected);
    if (!text.isEmpty() || !kind.isEmpty())
        QVERIFY(expected > 0); // the rows are there to be found
    // Exposure sorts as a duration, not as text ("9h" after "10h").
    proxy.sort(FindingModel::ExposureColumn, Qt::DescendingOrder);
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r - 1, FindingModel::ExposureColumn).data(FindingModel::SortRole).toLongLong()
            >= proxy.index(r, FindingModel::ExposureColumn).data(FindingModel::SortRole).toLongLong());
}

void TestItems::environmentFindings()
{
    EnvironmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEnvironments((*Timeline(*m_kase).environments()));
    QCOMPARE(model.index(1, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("not checked"));
    QVERIFY(!model.index(1, 0).data(EnvironmentModel::OpenFindingsRole).isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFindings(std::map<QString, EnvironmentModel::Findings> { { QStringLiteral("prod"), { 5, 3 } }, { QStringLiteral("aws-prod"), { 2, 0 } } });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("2, all decided"));
    QCOMPARE(model.index(1, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("3 open, 2 decided"));
    QCOMPARE(model.index(2, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("none")); // staging: checked, none
    QCOMPARE(model.index(1, 0).data(EnvironmentModel::OpenFindingsRole).toInt(), 3);
    model.setFindings(std::map<QString, EnvironmentModel::Findings> { { QStringLiteral("prod"), { 4, 4 } } });
    QCOMPARE(model.index(1, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("4 open"));
    model.setFindings(std::nullopt);
    QCOMPARE(model.index(2, EnvironmentModel::ComplianceColumn).data().toString(), QStringLiteral("not checked"));
}

void TestItems::evidence()
{
    REQUIRE_SAMPLES();
    QTemporaryDir dir;
    auto kase = CaseFile::open(uitest::makeEvidenceCase(dir.path()), CaseFile::Mode::OpenExisting);
    QVERIFY(kase.ok());
    EvidenceModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(EvidenceModel::SortRole);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // a.txt: a message signature verified by the case's key, a keyless statement whose certificate chains to
    // no root the case trusts (its own certificate proves nothing), and one whose signature is bad.
    model.setEvidence((*EvidenceIndex(**kase).forFingerprint(uitest::kSampleA)));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.count(Verification::Verified), 1);
    QCOMPARE(model.count(Verification::UntrustedCertificate), 1);
    QCOMPARE(model.count(Verification::BadSignature), 1);
    int bad = -1;
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, 0).data(EvidenceModel::VerificationRole).toInt() == static_cast<int>(Verification::BadSignature))
            bad = r;
    QVERIFY(bad >= 0);
    QCOMPARE(model.index(bad, EvidenceModel::VerificationColumn).data().toString(), QStringLiteral("bad signature"));
    QCOMPARE(model.index(bad, EvidenceModel::SourceColumn).data().toString(), QFileInfo(model.record(bad).sourceName).fileName());
    QVERIFY(model.index(bad, EvidenceModel::NameColumn).data().toString().startsWith(QStringLiteral("(unnamed "))); // a bundle names no attestation
    QCOMPARE(model.index(bad, 0).data(EvidenceModel::SourceShaRole).toString(), model.record(bad).sourceSha256);
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(!model.index(r, EvidenceModel::BoundColumn).data().toString().isEmpty());
    // foo.py: the in-toto link, verified by bob's key, bound as its product.
    model.setEvidence((*EvidenceIndex(**kase).forFingerprint(uitest::kSampleFooPy)));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, EvidenceModel::KindColumn).data().toString().section(QLatin1Char(' '), 0, 0), QStringLiteral("in-toto-link"));
    QCOMPARE(model.index(0, EvidenceModel::VerificationColumn).data().toString(), QStringLiteral("verified"));
    QVERIFY(!model.index(0, EvidenceModel::NameColumn).data().toString().isEmpty());
    QVERIFY(model.index(0, 0).data(EvidenceModel::CurrentRole).toBool());
    proxy.sort(EvidenceModel::MadeColumn);
    QCOMPARE(proxy.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestItems)
#include "tst_items.moc"
