// SPDX-License-Identifier: GPL-3.0-or-later
// Controls and corrections: severities, escalated findings counted as open, `check --fail-on`, imports retracted
// (engine and command line) with verify-case still holding, the case's properties, and `watch` on a drop folder.

#include "testutil.h"

#include "compliance/findings.h"
#include "compliance/gate.h"
#include "demo/generator.h"
#include "evidence/evidenceindex.h"
#include "import/dropfolder.h"
#include "import/importer.h"
#include "import/preview.h"
#include "domain/imagename.h"
#include "timeline/selector.h"
#include "review/replay.h"
#include "review/retraction.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/caseproperties.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sourcestore.h"
#include "timeline/timeline.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

#include <set>

using namespace tideline;
using testutil::Run;
using testutil::runTideline;

namespace {

std::set<QString> ids(const CheckReport& r)
{
    std::set<QString> out;
    for (const Finding& f : r.findings)
        out.insert(f.id);
    return out;
}

const Finding* named(const CheckReport& r, const QString& name)
{
    for (const Finding& f : r.findings)
        if (f.names.join(QLatin1Char(' ')).contains(name))
            return &f;
    return nullptr;
}

// A bundle folder whose manifest says where and when its one kubectl payload ran: a debug pod with no digest.
void writeDropBundle(const QString& dir, const QString& env, const QString& at, const QString& pod = QStringLiteral("debug-1"))
{
    QDir().mkpath(dir);
    QVERIFY(testutil::writeFile(QDir(dir).filePath(QStringLiteral("pods.json")),
        QStringLiteral(R"({"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"%1","namespace":"ops","creationTimestamp":"2026-03-01T00:00:00Z"},)"
                       R"("spec":{},"status":{"phase":"Running","containerStatuses":[{"name":"c","image":"busybox:latest","imageID":""}]}}]})")
            .arg(pod)
            .toUtf8()));
    QVERIFY(testutil::writeFile(QDir(dir).filePath(QStringLiteral("tideline-bundle.json")),
        QStringLiteral(R"({"tideline_bundle": 1, "snapshots": [{"path": "pods.json", "environment": "%1", "type": "K8S", "taken_at": "%2"}]})")
            .arg(env, at)
            .toUtf8()));
}

} // namespace

class TestControls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void severities_data();
    void severities();
    void escalatedStaysOpen();
    void failOnParsing();
    void checkFailOn();
    void importPreview();
    void imageNames();
    void retractSnapshot();
    void retractByLogHash();
    void retractEvidenceAndKeys();
    void retractRefusals();
    void retractCommand();
    void verifyReplaysOutOfOrder_data();
    void verifyReplaysOutOfOrder();
    void properties();
    void dropFolderSettles();
    void watchOnce();
    void watchRunning();

private:
    QString copyOfDemo(const QTemporaryDir& dir);

    QTemporaryDir m_dir;
    QString m_case;
    QString m_bundle;
};

void TestControls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_bundle = m_dir.filePath(QStringLiteral("bundle"));
    auto g = generateBundle(m_bundle, GeneratorOptions());
    QVERIFY2(g.ok(), qPrintable(g.ok() ? QString() : g.error()));
    m_case = m_dir.filePath(QStringLiteral("demo.tideline"));
    auto kase = CaseFile::open(m_case);
    QVERIFY(kase.ok());
    const ImportReport r = importPaths(**kase, { m_bundle }, ImportOptions());
    QVERIFY(r.errors.empty());
}

QString TestControls::copyOfDemo(const QTemporaryDir& dir)
{
    const QString copy = dir.filePath(QStringLiteral("copy.tideline"));
    return QFile::copy(m_case, copy) ? copy : QString();
}

void TestControls::severities_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("policy");
    QTest::addColumn<QString>("severity");
    QTest::addRow("no provenance, policy") << int(FindingKind::NoProvenance) << true << QStringLiteral("critical");
    QTest::addRow("no provenance, baseline") << int(FindingKind::NoProvenance) << false << QStringLiteral("high");
    QTest::addRow("unknown digest") << int(FindingKind::UnknownFingerprint) << true << QStringLiteral("high");
    QTest::addRow("unverified") << int(FindingKind::UnverifiedEvidence) << true << QStringLiteral("high");
    QTest::addRow("failed attestation") << int(FindingKind::NonCompliantAttestation) << true << QStringLiteral("high");
    QTest::addRow("missing attestation") << int(FindingKind::MissingAttestation) << true << QStringLiteral("medium");
    QTest::addRow("missing attestation, baseline") << int(FindingKind::MissingAttestation) << false << QStringLiteral("low");
    QTest::addRow("blind spot") << int(FindingKind::BlindSpot) << false << QStringLiteral("medium");
}

void TestControls::severities()
{
    QFETCH(int, kind);
    QFETCH(bool, policy);
    QFETCH(QString, severity);
    QCOMPARE(severityName(findingSeverity(static_cast<FindingKind>(kind), policy)), severity);
    QCOMPARE(severityFromName(severity), findingSeverity(static_cast<FindingKind>(kind), policy));

    // On the demo case, whose production policy asks for provenance: the miner that ran from nowhere is critical.
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    const CheckReport r = *checkCase(**kase);
    const Finding* miner = named(r, QStringLiteral("xmrig"));
    QVERIFY(miner);
    QVERIFY(miner->policyBacked);
    QCOMPARE(miner->severity, Severity::Critical);
    for (const Finding& f : r.findings)
        QCOMPARE(f.severity, findingSeverity(f.kind, f.policyBacked));
}

void TestControls::escalatedStaysOpen()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    const CheckReport before = *checkCase(**kase);
    const QString miner = named(before, QStringLiteral("xmrig"))->id;
    // Escalating hands the finding on: it is still open, for the engine, the gate and the pack alike.
    QVERIFY(recordReview(**kase, miner, Disposition::Escalated, QStringLiteral("to the incident team, INC-7"), QStringLiteral("ana")).ok());
    const CheckReport escalated = *checkCase(**kase);
    QCOMPARE(escalated.open, before.open);
    QCOMPARE(named(escalated, QStringLiteral("xmrig"))->disposition, Disposition::Escalated);
    QVERIFY(!failing(escalated.findings, FailOn::openFindings()).empty());
    bool listed = false;
    for (const Finding* f : failing(escalated.findings, *parseFailOn({ QStringLiteral("critical") })))
        listed = listed || f->id == miner;
    QVERIFY(listed);
    // Remediated closes it.
    QVERIFY(recordReview(**kase, miner, Disposition::Remediated, QStringLiteral("pod deleted"), QStringLiteral("ana")).ok());
    QCOMPARE(checkCase(**kase)->open, before.open - 1);
    // A decision that changes nothing and says nothing is refused: it would sit in the log for good.
    QString other;
    for (const Finding& f : before.findings)
        if (f.id != miner && f.disposition == Disposition::Open)
            other = f.id;
    Result<Review> noop = recordReview(**kase, other, Disposition::Open, QString(), QStringLiteral("ana"));
    QVERIFY(!noop);
    QVERIFY2(noop.error().contains(QStringLiteral("is open already")), qPrintable(noop.error()));
    QVERIFY(recordReview(**kase, other, Disposition::Open, QStringLiteral("looked again: still to see"), QStringLiteral("ana")).ok());
}

void TestControls::failOnParsing()
{
    QVERIFY(parseFailOn({})->anyOpen);
    const FailOn kinds = *parseFailOn({ QStringLiteral("no-provenance,unknown-fingerprint"), QStringLiteral("blind-spot") });
    QCOMPARE(kinds.kinds.size(), size_t(3));
    QVERIFY(!kinds.anyOpen);
    QCOMPARE(*parseFailOn({ QStringLiteral("high"), QStringLiteral("critical") })->atLeast, Severity::High);
    QVERIFY(parseFailOn({ QStringLiteral("none") })->never);
    QVERIFY(!parseFailOn({ QStringLiteral("none,open") }));
    const auto bad = parseFailOn({ QStringLiteral("urgent") });
    QVERIFY(!bad);
    QVERIFY(bad.error().contains(QStringLiteral("no-provenance")) && bad.error().contains(QStringLiteral("critical")));
}

void TestControls::checkFailOn()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(dir);
    auto args = [&](const QStringList& more) { return QStringList { QStringLiteral("check"), QStringLiteral("--case"), path } + more; };
    QCOMPARE(runTideline(args({})).exitCode, 1); // open findings
    QCOMPARE(runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("none") })).exitCode, 0);
    Run critical = runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("critical"), QStringLiteral("--json") }));
    QCOMPARE(critical.exitCode, 1);
    const QJsonObject summary = critical.json()[QLatin1String("summary")].toObject();
    QVERIFY(summary[QLatin1String("failed")].toBool());
    const QJsonArray failingIds = summary[QLatin1String("failing")].toArray();
    QVERIFY(!failingIds.isEmpty());
    // Decide every critical one: that gate passes, while open findings of other kinds remain.
    for (const QJsonValue id : failingIds) {
        Run r = runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, id.toString(), QStringLiteral("--disposition"),
            QStringLiteral("accepted-risk"), QStringLiteral("--note"), QStringLiteral("load test, CHG-9"), QStringLiteral("--reviewer"),
            QStringLiteral("ana") });
        QCOMPARE(r.exitCode, 0);
    }
    Run after = runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("critical") }));
    QCOMPARE(after.exitCode, 0);
    QVERIFY(after.out.contains("passes: no open critical findings"));
    QCOMPARE(runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("open") })).exitCode, 1);
    Run kinds = runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("blind-spot") }));
    QCOMPARE(kinds.exitCode, 1);
    QVERIFY(kinds.out.contains("fails on open blind-spot findings: F-"));
    QCOMPARE(runTideline(args({ QStringLiteral("--fail-on"), QStringLiteral("urgent") })).exitCode, 2);
}

void TestControls::importPreview()
{
    REQUIRE_SAMPLES();
    auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
    const Result<std::vector<EnvironmentExtent>> known = environmentExtents(**kase);
    QVERIFY2(known.ok(), qPrintable(known.ok() ? QString() : known.error()));
    const std::vector<EnvironmentExtent>& extents = *known;
    QCOMPARE(extents.size(), size_t(3));
    // Kosli's cyber-dojo aws-prod, into the demo whose ECS service is also called aws-prod: two reasons to look twice.
    const ImportProbe foreign = probeImport({ testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json")) });
    QCOMPARE(foreign.entries.size(), size_t(1));
    const ProbedFile& f = foreign.entries.front();
    QCOMPARE(f.what, QStringLiteral("snapshot"));
    QCOMPARE(f.environment, QStringLiteral("aws-prod"));
    QVERIFY(f.takenAt && f.workloads > 0);
    const std::vector<EnvironmentPreview> p = previewImport(foreign, extents);
    QCOMPARE(p.size(), size_t(1));
    QVERIFY(!p[0].isNew);
    QCOMPARE(p[0].sharedWorkloads, 0);
    QCOMPARE(p[0].warnings.size(), qsizetype(2));
    QVERIFY2(p[0].warnings[0].contains(QStringLiteral("another system's aws-prod")), qPrintable(p[0].warnings[0]));
    QVERIFY2(p[0].warnings[1].contains(QStringLiteral("after aws-prod's history ends")), qPrintable(p[0].warnings[1]));
    // The demo's own bundle again: every workload known, every time inside: nothing to warn about.
    const ImportProbe own = probeImport({ m_bundle });
    QVERIFY(own.entries.size() > 1000);
    for (const EnvironmentPreview& e : previewImport(own, extents)) {
        QVERIFY2(e.warnings.isEmpty(), qPrintable(e.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(e.sharedWorkloads, e.workloads);
        QVERIFY(e.snapshots >= 59);
    }
    // A new environment is said to be new, not warned about.
    QTemporaryDir dir;
    writeDropBundle(dir.filePath(QStringLiteral("edge")), QStringLiteral("edge"), QStringLiteral("2026-03-04T10:00:00Z"));
    const std::vector<EnvironmentPreview> edge = previewImport(probeImport({ dir.filePath(QStringLiteral("edge")) }), extents);
    QCOMPARE(edge.size(), size_t(1));
    QVERIFY(edge[0].isNew && edge[0].warnings.isEmpty());
}

void TestControls::imageNames()
{
    QCOMPARE(imageWithoutRegistry(QStringLiteral("registry.example.com/shop/cart:1.2.0@sha256:abc")), QStringLiteral("shop/cart:1.2.0"));
    QCOMPARE(imageWithoutRegistry(QStringLiteral("localhost:5000/x:1")), QStringLiteral("x:1"));
    QCOMPARE(imageWithoutRegistry(QStringLiteral("metal3d/xmrig:latest")), QStringLiteral("metal3d/xmrig:latest"));
    QCOMPARE(imageRepository(QStringLiteral("docker.io/library/busybox:1.36")), QStringLiteral("library/busybox"));
    QCOMPARE(imageRepository(QStringLiteral("registry.example.com/shop/checkout:1.3.0")), QStringLiteral("shop/checkout"));
    // Times as people type them, in whole seconds; a bare environment only when it is one.
    const Millis now = *timefmt::parseIso(QStringLiteral("2026-03-07T06:00:00.750Z"));
    QCOMPARE(parseTimeText(QStringLiteral("2026-03-07 06:00:00"), now), timefmt::parseIso(QStringLiteral("2026-03-07T06:00:00Z")));
    QCOMPARE(parseTimeText(QStringLiteral("3.hours.ago"), now), timefmt::parseIso(QStringLiteral("2026-03-07T03:00:00Z")));
    QCOMPARE(parseTimeText(QStringLiteral("now"), now), timefmt::parseIso(QStringLiteral("2026-03-07T06:00:00Z")));
    QVERIFY(!parseTimeText(QStringLiteral("13:00"), now));
    QVERIFY(parseTimeInput(QStringLiteral("prod#12"), { QStringLiteral("prod") }, now)->snapshot);
    QCOMPARE(parseTimeInput(QStringLiteral("prod@{2.days.ago}"), { QStringLiteral("prod") }, now)->snapshot->time,
        *timefmt::parseIso(QStringLiteral("2026-03-05T06:00:00.750Z")));
    QCOMPARE(parseTimeInput(QStringLiteral("prod"), { QStringLiteral("prod") }, now)->snapshot->kind, SnapshotSelector::Kind::Latest);
    QVERIFY(!parseTimeInput(QStringLiteral("yesterday"), { QStringLiteral("prod") }, now));
}

void TestControls::retractSnapshot()
{
    REQUIRE_SAMPLES();
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    const CheckReport before = *checkCase(**kase);
    const Environment awsBefore = *Timeline(**kase).environment(QStringLiteral("aws-prod"));
    // Kosli's own aws-prod (cyber-dojo): another system's, with the demo's environment name.
    const QString foreign = testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json"));
    const ImportReport imported = importPaths(**kase, { foreign }, ImportOptions());
    QCOMPARE(imported.imported.size(), size_t(1));
    const QString sha = imported.imported.front().sha256;
    QCOMPARE(Timeline(**kase).environment(QStringLiteral("aws-prod"))->snapshots, awsBefore.snapshots + 1);
    QVERIFY(checkCase(**kase)->findings.size() > before.findings.size());
    const QString headBefore = *LogStore((*kase)->db()).head();
    const size_t entriesBefore = (*LogStore((*kase)->db()).list()).size();

    Result<Retraction> r = retractImport(**kase, sha.left(12), QStringLiteral("another system's aws-prod"), QStringLiteral("ana"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
    QCOMPARE(r->sourceSha256, sha);
    QCOMPARE(r->environments, QStringList { QStringLiteral("aws-prod") });
    QVERIFY(r->environmentsRemoved.isEmpty());
    QCOMPARE(r->removed.reports, 1);
    // Its records left every view and the check: the environment is as it was, the findings are those of before.
    const Environment awsAfter = *Timeline(**kase).environment(QStringLiteral("aws-prod"));
    QCOMPARE(awsAfter.snapshots, awsBefore.snapshots);
    QCOMPARE(awsAfter.first, awsBefore.first);
    QCOMPARE(awsAfter.last, awsBefore.last);
    QVERIFY((*Timeline(**kase).search(sha.left(12))).empty());
    QCOMPARE(ids(*checkCase(**kase)), ids(before));
    // Its bytes and its import entry stay; the log grew by the retraction, its chain untouched.
    QVERIFY(SourceStore((*kase)->db()).findBySha(sha));
    const std::vector<LogEntry> log = (*LogStore((*kase)->db()).list());
    QCOMPARE(log.size(), entriesBefore + 1);
    QCOMPARE(log[entriesBefore - 1].hash, headBefore);
    QCOMPARE(log.back().action, QStringLiteral("retract"));
    QCOMPARE(log.back().hash, r->logHash);
    QCOMPARE(retractions(log).size(), size_t(1));
    QCOMPARE(retractions(log).front().reason, QStringLiteral("another system's aws-prod"));
    QVERIFY(!(*LogStore((*kase)->db()).list()).back().signature.isEmpty() || !logSigner()); // signed with its transaction
    const CaseVerifyReport v = verifyCase(**kase);
    QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().toString()));
    // Imported again, it comes back: the retraction took back that import, not the bytes for ever.
    const ImportReport again = importPaths(**kase, { foreign }, ImportOptions());
    QCOMPARE(again.imported.size(), size_t(1));
    QCOMPARE(Timeline(**kase).environment(QStringLiteral("aws-prod"))->snapshots, awsBefore.snapshots + 1);
    QVERIFY(verifyCase(**kase).intact);
}

void TestControls::retractByLogHash()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    // A new environment from one import: retracting that import removes the environment altogether.
    writeDropBundle(dir.filePath(QStringLiteral("edge")), QStringLiteral("edge"), QStringLiteral("2026-03-04T10:00:00Z"));
    const ImportReport r = importPaths(**kase, { dir.filePath(QStringLiteral("edge")) }, ImportOptions());
    QVERIFY(r.errors.empty());
    QVERIFY(Timeline(**kase).environment(QStringLiteral("edge")));
    const CheckReport with = *checkCase(**kase);
    QVERIFY(with.environments.contains(QStringLiteral("edge")));
    QString hash;
    for (const ImportRecord& i : importRecords((*LogStore((*kase)->db()).list())))
        if (i.isSnapshot && i.environment == QLatin1String("edge"))
            hash = i.logHash;
    QVERIFY(!hash.isEmpty());
    Result<Retraction> done = retractImport(**kase, hash, QStringLiteral("test payload"));
    QVERIFY(done.ok());
    QCOMPARE(done->imports, QStringList { hash });
    QCOMPARE(done->environmentsRemoved, QStringList { QStringLiteral("edge") });
    QVERIFY(!Timeline(**kase).environment(QStringLiteral("edge")));
    QVERIFY(!checkCase(**kase)->environments.contains(QStringLiteral("edge")));
    for (const ImportRecord& i : importRecords((*LogStore((*kase)->db()).list())))
        if (i.logHash == hash)
            QVERIFY(i.retracted);
    QVERIFY(verifyCase(**kase).intact);

    // One snapshot of prod taken back: prod is replayed from the others and still verifies.
    QString prodImport;
    Millis prodTime = 0;
    for (const ImportRecord& i : importRecords((*LogStore((*kase)->db()).list())))
        if (i.isSnapshot && i.environment == QLatin1String("prod") && !prodImport.size()) {
            prodImport = i.logHash;
            prodTime = i.takenAt;
        }
    const Environment prodBefore = *Timeline(**kase).environment(QStringLiteral("prod"));
    QVERIFY(retractImport(**kase, prodImport, QStringLiteral("first report was a test")).ok());
    const Environment prodAfter = *Timeline(**kase).environment(QStringLiteral("prod"));
    QVERIFY(prodAfter.first > prodTime);
    QVERIFY(prodAfter.snapshots <= prodBefore.snapshots);
    const CaseVerifyReport v = verifyCase(**kase);
    QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().toString()));
}

void TestControls::retractEvidenceAndKeys()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    EvidenceIndex index(**kase);
    const std::vector<EvidenceRecord> all = (*index.all());
    QVERIFY(!all.empty());
    const std::vector<KeyRecord> keys = (*index.keys());
    QVERIFY(!keys.empty());
    // The demo's signing key verified evidence from other files: retracting it would leave their verdicts keyless.
    Result<Retraction> key = retractImport(**kase, keys.front().sourceSha256, QStringLiteral("wrong key"));
    QVERIFY(!key);
    QVERIFY2(key.error().contains(QStringLiteral("verified with the key")), qPrintable(key.error()));
    // One evidence file: its pieces leave the case and the check.
    const QString sha = all.front().sourceSha256;
    int pieces = 0;
    for (const EvidenceRecord& e : all)
        pieces += e.sourceSha256 == sha ? 1 : 0;
    Result<Retraction> r = retractImport(**kase, sha, QStringLiteral("from another build"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
    QVERIFY(r->recordsRemoved);
    QCOMPARE(r->removed.evidence, pieces);
    QCOMPARE((*EvidenceIndex(**kase).all()).size(), all.size() - size_t(pieces));
    for (const EvidenceRecord& e : (*EvidenceIndex(**kase).all()))
        QVERIFY(e.sourceSha256 != sha);
    QVERIFY(checkCase(**kase).ok());
    QVERIFY(verifyCase(**kase).intact);
}

void TestControls::retractRefusals()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    for (const auto& [target, why] : std::initializer_list<std::pair<QString, QString>> {
             { QStringLiteral("12ab"), QStringLiteral("at least 8 hex digits") },
             { QStringLiteral("not-hex-at-all"), QStringLiteral("at least 8 hex digits") },
             { QStringLiteral("ffffffffffffffff"), QStringLiteral("no import in this case's log") } }) {
        Result<Retraction> r = retractImport(**kase, target, QStringLiteral("why"));
        QVERIFY(!r);
        QVERIFY2(r.error().contains(why), qPrintable(r.error()));
    }
    ImportRecord first;
    for (const ImportRecord& i : importRecords((*LogStore((*kase)->db()).list())))
        if (i.path.endsWith(QLatin1String("tideline-bundle.json")))
            first = i;
    QVERIFY(!first.logHash.isEmpty());
    QVERIFY(!retractImport(**kase, first.logHash, QString()).ok()); // no reason
    Result<Retraction> manifest = retractImport(**kase, first.logHash, QStringLiteral("manifest"));
    QVERIFY2(manifest.ok(), qPrintable(manifest.ok() ? QString() : manifest.error()));
    Result<Retraction> twice = retractImport(**kase, first.logHash, QStringLiteral("again"));
    QVERIFY(!twice);
    QVERIFY(twice.error().contains(QStringLiteral("retracted already")));
    // A read-only case refuses, saying so.
    kase->reset();
    auto ro = CaseFile::open(dir.filePath(QStringLiteral("copy.tideline")), CaseFile::Mode::ReadOnly);
    QVERIFY(!retractImport(**ro, importRecords((*LogStore((*ro)->db()).list())).back().logHash, QStringLiteral("x")).ok());
}

void TestControls::retractCommand()
{
    REQUIRE_SAMPLES();
    QTemporaryDir dir;
    const QString path = copyOfDemo(dir);
    const QString foreign = testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json"));
    QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), path, foreign }).exitCode, 0);
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(testutil::readFile(foreign), QCryptographicHash::Sha256).toHex());
    Run noReason = runTideline({ QStringLiteral("retract"), QStringLiteral("--case"), path, sha });
    QCOMPARE(noReason.exitCode, 2);
    QVERIFY(noReason.err.contains("--reason is required"));
    Run r = runTideline({ QStringLiteral("retract"), QStringLiteral("--case"), path, QStringLiteral("--reason"),
        QStringLiteral("another system"), QStringLiteral("--json"), sha });
    QCOMPARE(r.exitCode, 0);
    const QJsonObject one = r.json()[QLatin1String("retracted")].toArray().first().toObject();
    QCOMPARE(one[QLatin1String("sha256")].toString(), sha);
    QCOMPARE(one[QLatin1String("environments")].toArray().first().toString(), QStringLiteral("aws-prod"));
    Run again = runTideline({ QStringLiteral("retract"), QStringLiteral("--case"), path, QStringLiteral("--reason"), QStringLiteral("x"), sha });
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains("retracted already"));
    Run verify = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path });
    QCOMPARE(verify.exitCode, 0);
}

void TestControls::properties()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    QCOMPARE(*tideline::caseProperties((*kase)->db()), CaseProperties());
    QVERIFY(setCaseProperties(**kase, { QStringLiteral("  Q1 audit:\n aws-prod "), dir.path() }, QStringLiteral("ana")).ok());
    QCOMPARE(tideline::caseProperties((*kase)->db())->title, QStringLiteral("Q1 audit: aws-prod"));
    QCOMPARE(tideline::caseProperties((*kase)->db())->watchFolder, dir.path());
    QVERIFY(setCaseProperties(**kase, { QStringLiteral("Q1 audit, final"), QString() }).ok());
    QCOMPARE(tideline::caseProperties((*kase)->db())->title, QStringLiteral("Q1 audit, final"));
    QVERIFY(tideline::caseProperties((*kase)->db())->watchFolder.isEmpty());
    int entries = 0;
    for (const LogEntry& e : (*LogStore((*kase)->db()).list()))
        entries += e.action == QLatin1String("properties") ? 1 : 0;
    QCOMPARE(entries, 2); // every name the case had stays in its log
    QVERIFY(!setCaseProperties(**kase, { QString(201, QLatin1Char('x')), QString() }).ok());
    QVERIFY(verifyCase(**kase).intact);
}

void TestControls::dropFolderSettles()
{
    QTemporaryDir dir;
    DropFolder drop(dir.path());
    QVERIFY(drop.exists());
    QVERIFY(drop.scan().isEmpty());
    const QString a = dir.filePath(QStringLiteral("a.json"));
    QVERIFY(testutil::writeFile(a, "{}"));
    QVERIFY(testutil::writeFile(dir.filePath(QStringLiteral("b.json.part")), "{")); // still downloading
    QVERIFY(testutil::writeFile(dir.filePath(QStringLiteral(".hidden")), "x"));
    QVERIFY(drop.scan().isEmpty()); // seen once: not settled yet
    QCOMPARE(drop.scan(), QStringList { a });
    QVERIFY(drop.scan().isEmpty()); // handed out once
    // Changed afterwards: handed out again once it holds still.
    QVERIFY(testutil::writeFile(a, "{\"more\": 1}"));
    QVERIFY(drop.scan().isEmpty());
    QCOMPARE(drop.scan(), QStringList { a });
    // A single pass takes what is there at once.
    DropFolder once(dir.path());
    QCOMPARE(once.scan(true), QStringList { a });
    QVERIFY(!DropFolder(dir.filePath(QStringLiteral("nope"))).exists());
}

void TestControls::watchOnce()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(dir);
    const QString drop = dir.filePath(QStringLiteral("drop"));
    writeDropBundle(QDir(drop).filePath(QStringLiteral("edge-1")), QStringLiteral("edge"), QStringLiteral("2026-03-05T08:00:00Z"));
    Run r = runTideline({ QStringLiteral("watch"), QStringLiteral("--case"), path, QStringLiteral("--once"), drop });
    QCOMPARE(r.exitCode, 1); // a new open finding
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QVERIFY2(!lines.isEmpty() && !lines.front().isEmpty(), r.err.constData());
    std::set<QString> kinds;
    for (const QByteArray& l : lines) {
        const QJsonObject o = QJsonDocument::fromJson(l).object();
        QCOMPARE(o[QLatin1String("event")].toString(), QStringLiteral("new-finding"));
        QCOMPARE(o[QLatin1String("environment")].toString(), QStringLiteral("edge"));
        QVERIFY(o[QLatin1String("id")].toString().startsWith(QStringLiteral("F-")));
        kinds.insert(o[QLatin1String("kind")].toString());
    }
    QVERIFY(kinds.count(QStringLiteral("unknown-fingerprint")));
    QVERIFY2(r.err.contains("2 imported, 0 skipped, 0 failed"), r.err.constData()); // the payload and its manifest
    // Again: nothing new lands, nothing is printed; a gate that does not name the kind passes.
    Run again = runTideline({ QStringLiteral("watch"), QStringLiteral("--case"), path, QStringLiteral("--once"), drop });
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.trimmed().isEmpty());
    Run missing = runTideline({ QStringLiteral("watch"), QStringLiteral("--case"), path, QStringLiteral("--once"), dir.filePath(QStringLiteral("nope")) });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("no such folder"));
}

void TestControls::watchRunning()
{
    QTemporaryDir dir;
    const QString path = copyOfDemo(dir);
    const QString drop = dir.filePath(QStringLiteral("drop"));
    QVERIFY(QDir().mkpath(drop));
    QProcess p;
    p.start(QStringLiteral(TIDELINE_BINARY_PATH), { QStringLiteral("watch"), QStringLiteral("--case"), path, QStringLiteral("--interval"),
                                                       QStringLiteral("0.1"), drop });
    QVERIFY(p.waitForStarted());
    // No event loop here (an appless test): read by waiting on the process itself.
    auto waitFor = [&p](QByteArray& buffer, bool err, const QByteArray& what) {
        QElapsedTimer t;
        t.start();
        while (!buffer.contains(what) && t.elapsed() < 30000) {
            p.waitForReadyRead(100);
            buffer += err ? p.readAllStandardError() : p.readAllStandardOutput();
        }
        return buffer.contains(what);
    };
    QByteArray errors;
    QVERIFY(waitFor(errors, true, "watching"));
    // Written elsewhere, then moved in whole, as a drop folder is meant to be fed.
    writeDropBundle(dir.filePath(QStringLiteral("staging-edge")), QStringLiteral("edge"), QStringLiteral("2026-03-05T09:00:00Z"));
    QVERIFY(QDir().rename(dir.filePath(QStringLiteral("staging-edge")), QDir(drop).filePath(QStringLiteral("edge-2"))));
    QByteArray out;
    QVERIFY(waitFor(out, false, "\"new-finding\""));
    const QJsonObject first = QJsonDocument::fromJson(out.split('\n').front()).object();
    QCOMPARE(first[QLatin1String("environment")].toString(), QStringLiteral("edge"));
    p.terminate(); // SIGTERM: it ends between two looks, with success
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    auto kase = CaseFile::open(path, CaseFile::Mode::ReadOnly);
    QVERIFY(Timeline(**kase).environment(QStringLiteral("edge")));
}

QTEST_APPLESS_MAIN(TestControls)
// verify-case replays the imports in log order. When that is not the order the sources were stored in (an import
// retracted, another one, then the first again) or one source is replayed twice (the same payload for two
// environments), it still verifies, and still catches a changed timeline.
void TestControls::verifyReplaysOutOfOrder_data()
{
    QTest::addColumn<bool>("twinFirst");
    QTest::addRow("twin replayed in order") << true;
    QTest::addRow("twin replayed out of order") << false;
}

void TestControls::verifyReplaysOutOfOrder()
{
    QTemporaryDir dir;
    auto kase = CaseFile::open(copyOfDemo(dir));
    QVERIFY(kase.ok());
    const auto import = [&](const QString& name, const QString& env, const QString& at, const QString& pod) -> ImportedFile {
        const QString folder = dir.filePath(name);
        writeDropBundle(folder, env, at, pod);
        const ImportReport r = importPaths(**kase, { folder }, ImportOptions());
        if (!r.errors.empty()) {
            qWarning("%s: %s", qPrintable(name), qPrintable(r.errors.front().toString()));
            return {};
        }
        for (const ImportedFile& f : r.imported)
            if (f.isSnapshot)
                return f;
        return {};
    };
    const ImportedFile first = import(QStringLiteral("a"), QStringLiteral("edge"), QStringLiteral("2026-03-04T10:00:00Z"), QStringLiteral("debug-1"));
    QVERIFY(!first.sha256.isEmpty());
    QString firstLogHash;
    for (const ImportRecord& i : importRecords(*LogStore((*kase)->db()).list()))
        if (i.isSnapshot && i.environment == QLatin1String("edge"))
            firstLogHash = i.logHash;
    QVERIFY(!firstLogHash.isEmpty());
    const auto importTwin = [&] {
        // The same payload, for another environment: one source, replayed twice.
        const ImportedFile twin = import(QStringLiteral("b"), QStringLiteral("edge-2"), QStringLiteral("2026-03-04T11:00:00Z"), QStringLiteral("debug-1"));
        return twin.sha256 == first.sha256 && twin.knownSource;
    };
    QFETCH(bool, twinFirst);
    if (twinFirst) // while the sources still meet the replays in order
        QVERIFY(importTwin());
    QVERIFY(retractImport(**kase, firstLogHash, QStringLiteral("out of order, on purpose")).ok());
    QVERIFY(!import(QStringLiteral("c"), QStringLiteral("edge"), QStringLiteral("2026-03-05T10:00:00Z"), QStringLiteral("debug-2")).sha256.isEmpty());
    // The first payload again, after a source stored later than its own: the replays meet the sources out of order.
    const ImportedFile again = import(QStringLiteral("a2"), QStringLiteral("edge"), QStringLiteral("2026-03-04T10:00:00Z"), QStringLiteral("debug-1"));
    QCOMPARE(again.sha256, first.sha256);
    QVERIFY(again.knownSource);
    if (!twinFirst)
        QVERIFY(importTwin());
    QCOMPARE(Timeline(**kase).environment(QStringLiteral("edge"))->snapshots, 2);

    const Result<std::vector<SourceRecord>> sources = SourceStore((*kase)->db()).list();
    QVERIFY(sources.ok());
    qint64 total = 0, heard = 0;
    for (const SourceRecord& s : *sources)
        total += s.size;
    CaseVerifyReport v = verifyCase(**kase, [&heard](qint64 done, qint64 all) {
        QVERIFY(done <= all);
        heard = all;
    });
    QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().toString()));
    QCOMPARE(v.sources, int(sources->size()));
    QCOMPARE(heard, total);

    // The edge snapshot replayed last, its confirmation moved by a minute: the timeline no longer replays.
    QSqlQuery q((*kase)->db());
    QVERIFY(q.exec(QStringLiteral("UPDATE snapshots SET confirmed_until = confirmed_until + 60000 WHERE env_id = "
                                  "(SELECT id FROM environments WHERE name = 'edge') AND seq = 1")));
    QCOMPARE(q.numRowsAffected(), 1);
    v = verifyCase(**kase);
    QVERIFY(!v.intact);
    QCOMPARE(v.problems.front().where, QStringLiteral("timeline"));
    QVERIFY2(v.problems.front().message.contains(QStringLiteral("edge snapshot #1")), qPrintable(v.problems.front().message));
}

#include "tst_controls.moc"
