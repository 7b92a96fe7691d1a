// SPDX-License-Identifier: GPL-3.0-or-later
// Findings with exposure windows on generated cases, reviews and their history, the allow-list, and
// verify-case catching a changed byte anywhere.

#include "testutil.h"

#include "compliance/findings.h"
#include "demo/generator.h"
#include "import/importer.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "timeline/timeline.h"

#include <QFile>
#include <QSqlQuery>
#include <QtTest>

#include <set>

using namespace tideline;

namespace {

GeneratorOptions options()
{
    GeneratorOptions o;
    o.environments = 3;
    o.snapshots = 60;
    o.deployments = 3;
    o.replicas = 2;
    o.rollChance = 0.2;
    o.gapHours = 6;
    return o;
}

// The generated history is 30 hours long: blind spots are looked for over 5 hours.
CheckOptions fiveHourBlindSpots()
{
    CheckOptions o;
    o.blindSpotThreshold = 5LL * 3600 * 1000;
    return o;
}

const Finding* find(const CheckReport& r, FindingKind kind, const QString& env, const QString& fingerprint = QString())
{
    for (const Finding& f : r.findings)
        if (f.kind == kind && f.environment == env && (fingerprint.isEmpty() || f.fingerprint == fingerprint))
            return &f;
    return nullptr;
}

bool exec(CaseFile& kase, const QString& sql)
{
    QSqlQuery q(kase.db());
    return q.exec(sql);
}

} // namespace

class TestCompliance : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_bundle;
    GeneratedTruth m_truth;
    Millis m_interval = 0;

    std::unique_ptr<CaseFile> importedCase(const QString& name)
    {
        auto kase = testutil::newCase(m_dir, name);
        // The bundle carries its signing key: trusted explicitly, as the demo does.
        ImportOptions o;
        o.trust = true;
        ImportReport r = importPaths(*kase, { m_bundle }, o);
        if (!r.errors.empty())
            qWarning("%s", qPrintable(r.errors.front().toString()));
        return kase;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        Result<GeneratedTruth> g = generateBundle(m_bundle, options());
        QVERIFY2(g.ok(), qPrintable(g.error()));
        m_truth = *g;
        m_interval = Millis(options().intervalMinutes) * 60000;
    }

    void plantedWorkloadsAndGapsAreFound()
    {
        auto kase = importedCase(QStringLiteral("planted.tideline"));
        Result<CheckReport> r = checkCase(*kase, fiveHourBlindSpots());
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->environments.size(), 3);
        QCOMPARE(r->policies, QStringList { QStringLiteral("production v1") }); // the bundle's own policy
        for (const GeneratedTruth::Planted& p : m_truth.planted) {
            const Finding* f = p.fingerprint.isEmpty() ? find(*r, FindingKind::UnknownFingerprint, p.environment)
                                                       : find(*r, FindingKind::NoProvenance, p.environment, p.fingerprint);
            QVERIFY2(f, qPrintable(p.environment + QLatin1Char(' ') + findingKindName(p.kind)));
            QCOMPARE(f->kind, p.kind);
            QCOMPARE(f->windows.size(), size_t(1));
            QCOMPARE(f->windows[0].from, p.from);
            // Seen last in the report at p.to; gone by the next one.
            QCOMPARE(f->windows[0].to, p.to + m_interval);
            QCOMPARE(f->firstSeen, p.from);
            QCOMPARE(f->totalSeconds, (p.to + m_interval - p.from) / 1000);
            QVERIFY(f->windows[0].firstSnapshot < f->windows[0].lastSnapshot || f->windows[0].firstSnapshot == f->windows[0].lastSnapshot);
            QCOMPARE(f->disposition, Disposition::Open);
            QVERIFY(f->id.startsWith(QStringLiteral("F-")) && f->id.size() == 10);
            if (!p.fingerprint.isEmpty())
                QVERIFY2(f->provenance.startsWith(QStringLiteral("none")), qPrintable(f->provenance));
        }
        QCOMPARE(m_truth.gaps.size(), size_t(1));
        const GeneratedTruth::Gap& gap = m_truth.gaps[0];
        const Finding* blind = find(*r, FindingKind::BlindSpot, gap.environment);
        QVERIFY(blind);
        QCOMPARE(blind->windows.size(), size_t(1));
        QCOMPARE(blind->windows[0].from, gap.from);
        QCOMPARE(blind->windows[0].to, gap.to);
        QVERIFY(!find(*r, FindingKind::BlindSpot, QStringLiteral("staging")));
        QCOMPARE(r->byKind[FindingKind::BlindSpot], 1);
        QCOMPARE(r->open, int(r->findings.size()));

        // A shorter threshold finds more blind spots; a longer one none.
        CheckOptions none;
        none.blindSpotThreshold = 100LL * 3600 * 1000;
        QVERIFY(!find(*checkCase(*kase, none), FindingKind::BlindSpot, gap.environment));
    }

    // The generator's trails, JUnit files and signed provenance, with their planted defects: exactly those
    // defects are found, in every environment their workload ran in, and nothing else built through the
    // pipeline is a finding.
    void evidenceDefectsAreFoundAndNothingElse()
    {
        auto kase = importedCase(QStringLiteral("evidence.tideline"));
        const CheckReport r = *checkCase(*kase, fiveHourBlindSpots());
        QVERIFY(!m_truth.defects.empty());
        std::set<std::pair<QString, QString>> expected, found;
        for (const auto& d : m_truth.defects)
            expected.insert({ d.fingerprint, findingKindName(d.kind) });
        QSet<QString> legit(m_truth.legitimateFingerprints.begin(), m_truth.legitimateFingerprints.end());
        for (const Finding& f : r.findings) {
            if (f.kind == FindingKind::BlindSpot || f.kind == FindingKind::UnknownFingerprint)
                continue;
            if (f.kind == FindingKind::NoProvenance && !expected.count({ f.fingerprint, findingKindName(f.kind) })) {
                QVERIFY2(!legit.contains(f.fingerprint), qPrintable(f.names.join(QLatin1Char(','))));
                continue;
            }
            QVERIFY2(legit.contains(f.fingerprint), qPrintable(f.fingerprint));
            found.insert({ f.fingerprint, findingKindName(f.kind) });
            for (const auto& d : m_truth.defects)
                if (d.fingerprint == f.fingerprint && d.kind == f.kind)
                    QVERIFY2(f.attestations.join(QLatin1Char(' ')).contains(d.attestation), qPrintable(f.attestations.join(QLatin1Char(' '))));
            QVERIFY2(f.provenance.contains(QStringLiteral("Kosli trail")), qPrintable(f.provenance));
        }
        // A defect of a version that never ran in any environment is no finding; every other one is.
        for (const auto& e : expected) {
            Timeline t(*kase);
            const bool ran = !(*t.search(e.first)).empty();
            QCOMPARE(found.count(e) == 1, ran);
        }
        for (const auto& f : found)
            QVERIFY2(expected.count(f), qPrintable(f.first + QLatin1Char(' ') + f.second));
        QVERIFY(r.byKind.at(FindingKind::UnverifiedEvidence) >= 1);
    }

    // A rule's condition reads the tags of the flow as the imported trail gave them: the generator's flows
    // are tagged kind=build, so a rule for build flows applies to every artifact built, one for deploy flows
    // to none.
    void ruleConditionsReadImportedFlowTags()
    {
        auto kase = importedCase(QStringLiteral("tags.tideline"));
        const auto run = [&](const QString& kind) {
            const QByteArray yaml = "_schema: https://docs.kosli.com/schemas/policy/v1\n"
                                    "artifacts:\n"
                                    "  attestations:\n"
                                    "    - name: sbom\n"
                                    "      type: generic\n"
                                    "      if: ${{ flow.tags.kind == \""
                + kind.toUtf8() + "\" and flow.tags.ci == \"github\" }}\n";
            Result<Policy> p = parsePolicy(yaml, QStringLiteral("sbom.yml"), QStringLiteral("sbom"));
            if (!p)
                qFatal("%s", qPrintable(p.error()));
            CheckOptions o = fiveHourBlindSpots();
            o.policies = std::vector<Policy> { *p };
            std::set<QString> missingSbom;
            const Result<CheckReport> r = checkCase(*kase, o);
            if (!r)
                qFatal("%s", qPrintable(r.error()));
            for (const Finding& f : r->findings)
                if (f.kind == FindingKind::MissingAttestation && f.attestations.join(QLatin1Char(' ')).contains(QStringLiteral("sbom")))
                    missingSbom.insert(f.fingerprint);
            return missingSbom;
        };
        std::set<QString> ran;
        Timeline t(*kase);
        for (const QString& fp : m_truth.legitimateFingerprints)
            if (!(*t.search(fp)).empty())
                ran.insert(fp);
        QVERIFY(ran.size() > 3);
        QCOMPARE(run(QStringLiteral("build")), ran);
        QVERIFY(run(QStringLiteral("deploy")).empty());
    }

    void idsAreStableAndPeriodsClip()
    {
        auto a = importedCase(QStringLiteral("a.tideline"));
        auto b = importedCase(QStringLiteral("b.tideline"));
        const CheckReport ra = *checkCase(*a);
        const CheckReport rb = *checkCase(*b);
        QCOMPARE(ra.findings.size(), rb.findings.size());
        for (size_t i = 0; i < ra.findings.size(); ++i)
            QCOMPARE(ra.findings[i].id, rb.findings[i].id);

        const GeneratedTruth::Planted& p = m_truth.planted.front();
        CheckOptions period;
        period.environment = p.environment;
        period.from = p.from + m_interval;
        period.to = p.from + 3 * m_interval;
        const CheckReport clipped = *checkCase(*a, period);
        const Finding* f = find(clipped, p.kind, p.environment, p.fingerprint);
        QVERIFY(f);
        QCOMPARE(f->windows[0].from, *period.from);
        QCOMPARE(f->windows[0].to, *period.to);
        QCOMPARE(f->totalSeconds, 2 * m_interval / 1000);
        for (const Finding& g : clipped.findings)
            QCOMPARE(g.environment, p.environment);
        // Outside the period nothing of it shows.
        CheckOptions before;
        before.to = p.from - 1;
        QVERIFY(!find(*checkCase(*a, before), p.kind, p.environment, p.fingerprint));
    }

    void reviewsAreKeptWithTheirHistory()
    {
        auto kase = importedCase(QStringLiteral("reviews.tideline"));
        const CheckReport r = *checkCase(*kase);
        const GeneratedTruth::Planted& p = m_truth.planted.front();
        const Finding* f = find(r, p.kind, p.environment, p.fingerprint);
        QVERIFY(f);
        Result<Review> first = recordReview(*kase, f->id, Disposition::Escalated, QStringLiteral("miner in prod: incident opened"), QStringLiteral("ana"));
        QVERIFY2(first.ok(), qPrintable(first.error()));
        Result<Review> second = recordReview(*kase, f->id, Disposition::Remediated, QStringLiteral("pod deleted, image blocked"), QStringLiteral("ben"));
        QVERIFY(second.ok());
        const CheckReport again = *checkCase(*kase);
        const Finding* g = find(again, p.kind, p.environment, p.fingerprint);
        QCOMPARE(g->disposition, Disposition::Remediated);
        QCOMPARE(g->history.size(), size_t(2));
        QCOMPARE(g->history[0].disposition, Disposition::Escalated);
        QCOMPARE(g->history[1].reviewer, QStringLiteral("ben"));
        QCOMPARE(g->history[1].logHash.size(), 64);
        // Each decision names its own log entry, not whatever the log's head is later.
        QCOMPARE(g->history[0].logHash, first->logHash);
        QCOMPARE(g->history[1].logHash, second->logHash);
        QVERIFY(first->logHash != second->logHash);
        QCOMPARE(again.open, r.open - 1);

        QVERIFY(!recordReview(*kase, QStringLiteral("F-00000000"), Disposition::Remediated, QStringLiteral("x"), QStringLiteral("ana")).ok());
        Result<Disposition> bad = parseDisposition(QStringLiteral("ignored"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains(QStringLiteral("accepted-risk")));
        QVERIFY(!recordReview(*kase, f->id, Disposition::AcceptedRisk, QString(), QStringLiteral("ana")).ok());
        QVERIFY(verifyCase(*kase).intact);
    }

    void allowListEntriesExpire()
    {
        auto kase = importedCase(QStringLiteral("allow.tideline"));
        const GeneratedTruth::Planted& p = m_truth.planted.front();
        // Allowed for the first two reports only: the rest stays a finding.
        AllowEntry a;
        a.fingerprint = p.fingerprint;
        a.environment = p.environment;
        a.reason = QStringLiteral("load test approved in CHG-1234");
        a.who = QStringLiteral("ana");
        a.validUntil = p.from + 2 * m_interval;
        QVERIFY(addAllowEntry(*kase, a).ok());
        CheckReport r = *checkCase(*kase);
        const Finding* f = find(r, p.kind, p.environment, p.fingerprint);
        QVERIFY(f);
        QCOMPARE(f->windows[0].from, *a.validUntil);
        QCOMPARE(r.allowed.size(), size_t(1));
        QCOMPARE(r.allowed[0].reason, a.reason);
        QCOMPARE(r.allowed[0].windows[0].to, *a.validUntil);

        // By name, for good: no finding left, and the allowance is reported.
        AllowEntry byName;
        byName.namePattern = QStringLiteral("busybox");
        byName.reason = QStringLiteral("debug image sanctioned by on-call runbook");
        byName.who = QStringLiteral("ben");
        QVERIFY(addAllowEntry(*kase, byName).ok());
        r = *checkCase(*kase);
        QCOMPARE(r.byKind[FindingKind::UnknownFingerprint], 0);
        int unknownAllowed = 0;
        for (const AllowedWorkload& w : r.allowed)
            unknownAllowed += w.kind == FindingKind::UnknownFingerprint;
        QCOMPARE(unknownAllowed, 3);

        AllowEntry bad;
        bad.namePattern = QStringLiteral("([");
        bad.reason = QStringLiteral("x");
        bad.who = QStringLiteral("y");
        QVERIFY(!addAllowEntry(*kase, bad).ok());
        QVERIFY(verifyCase(*kase).intact);
    }

    void policiesInForceAreVersioned()
    {
        // A bundle without the generator's own policy and evidence: only the policies this test imports apply.
        GeneratorOptions plain = options();
        plain.evidence = false;
        const QString bundle = m_dir.filePath(QStringLiteral("plain-bundle"));
        QVERIFY(generateBundle(bundle, plain).ok());
        auto kase = testutil::newCase(m_dir, QStringLiteral("policy.tideline"));
        QVERIFY(importPaths(*kase, { bundle }, ImportOptions()).errors.empty());
        const QString file = m_dir.filePath(QStringLiteral("prod-policy.yml"));
        // Provenance not required: the workloads from nowhere are no finding under this policy.
        QVERIFY(testutil::writeFile(file, "_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  provenance:\n    required: false\n"));
        ImportReport r = importPaths(*kase, { file }, ImportOptions());
        QVERIFY2(r.errors.empty(), qPrintable(r.errors.empty() ? QString() : r.errors.front().toString()));
        QCOMPARE(r.imported[0].policy, QStringLiteral("prod-policy"));
        QCOMPARE(r.imported[0].policyVersion, 1);
        CheckReport c = *checkCase(*kase);
        QCOMPARE(c.policies, QStringList { QStringLiteral("prod-policy v1") });
        QCOMPARE(c.byKind[FindingKind::NoProvenance], 0);
        QCOMPARE(c.byKind[FindingKind::UnknownFingerprint], 3);

        // Version 2 requires provenance from a time on: findings only from then.
        QVERIFY(testutil::writeFile(file, "_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  provenance:\n    required: true\n"));
        const GeneratedTruth::Planted& p = m_truth.planted.front();
        ImportOptions o;
        o.at = p.from + 3 * m_interval;
        r = importPaths(*kase, { file }, o);
        QCOMPARE(r.imported[0].policyVersion, 2);
        c = *checkCase(*kase);
        const Finding* f = find(c, p.kind, p.environment, p.fingerprint);
        QVERIFY(f);
        QVERIFY2(f->windows[0].from >= *o.at, qPrintable(timefmt::formatIso(f->windows[0].from)));
        QVERIFY(f->rules.join(QLatin1Char(' ')).contains(QStringLiteral("prod-policy v2")));
        QVERIFY(verifyCase(*kase).intact);
    }

    void verifyCaseNamesWhatWasTampered_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("words");
        QTest::addRow("source bytes") << "UPDATE sources SET data = zeroblob(length(data)) WHERE id = (SELECT max(id) FROM sources WHERE codec = 'zstd-delta')"
                                      << "source";
        QTest::addRow("log entry") << "UPDATE log SET actor = 'mallory' WHERE id = 5" << "log entry 5";
        QTest::addRow("log entry removed") << "DELETE FROM log WHERE id = 7" << "log entry 8";
        QTest::addRow("snapshot time") << "UPDATE snapshots SET confirmed_until = confirmed_until + 60000 WHERE id = 3" << "timeline";
        QTest::addRow("run hidden") << "DELETE FROM runs WHERE id = (SELECT max(id) FROM runs)" << "timeline";
        QTest::addRow("review rewritten") << "UPDATE reviews SET disposition = 'false-positive'" << "review";
        QTest::addRow("source without import") << QString::fromLatin1("INSERT INTO sources(sha256, name, size, format, imported_at, codec, depth, data) "
                                                  "VALUES ('559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd', 'planted.json', 1, 'x', 0, 'raw', 0, x'41')")
                                               << "no import in the log";
    }
    void verifyCaseNamesWhatWasTampered()
    {
        QFETCH(QString, sql);
        QFETCH(QString, words);
        auto kase = importedCase(QStringLiteral("tamper-%1.tideline").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
        const CheckReport r = *checkCase(*kase);
        QVERIFY(recordReview(*kase, r.findings.front().id, Disposition::AcceptedRisk, QStringLiteral("known"), QStringLiteral("ana")).ok());
        QVERIFY(verifyCase(*kase).intact);
        if (kase->onServer()) // the same tampering in PostgreSQL's words
            sql.replace(QStringLiteral("zeroblob(length(data))"), QStringLiteral("decode(repeat('00', length(data)), 'hex')"))
                .replace(QStringLiteral("x'41'"), QStringLiteral("'\\x41'::bytea"));
        QVERIFY2(exec(*kase, sql), qPrintable(sql));
        const CaseVerifyReport v = verifyCase(*kase);
        QVERIFY(!v.intact);
        const Problem& first = v.problems.front();
        const QString said = first.where + QLatin1Char(' ') + first.message;
        QVERIFY2(said.contains(words), qPrintable(said));

        // The command line says so with exit 1.
        const QString path = kase->path();
        kase.reset();
        testutil::Run cli = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--json") });
        QCOMPARE(cli.exitCode, 1);
        QCOMPARE(cli.json()[QLatin1String("intact")].toBool(), false);
    }

    void checkFromTheCommandLine()
    {
        auto kase = importedCase(QStringLiteral("cli.tideline"));
        const QString path = kase->path();
        kase.reset();
        testutil::Run r = testutil::runTideline({ QStringLiteral("check"), QStringLiteral("--case"), path, QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 1); // open findings remain
        const QJsonObject o = r.json().object();
        const QJsonArray findings = o[QLatin1String("findings")].toArray();
        QVERIFY(!findings.isEmpty());
        const QJsonObject f = findings[0].toObject();
        for (const char* key : { "id", "kind", "environment", "fingerprint", "names", "detail", "windows", "total_seconds", "disposition" })
            QVERIFY2(f.contains(QLatin1String(key)), key);
        const QJsonObject w = f[QLatin1String("windows")].toArray()[0].toObject();
        for (const char* key : { "from", "to", "first_snapshot", "last_snapshot" })
            QVERIFY2(w.contains(QLatin1String(key)), key);
        QCOMPARE(o[QLatin1String("summary")][QLatin1String("open")].toInt(), findings.size());
        QVERIFY(o[QLatin1String("summary")][QLatin1String("by_kind")].toObject().contains(QStringLiteral("blind-spot")));

        // Review every finding: check then exits 0.
        for (const auto& v : findings) {
            testutil::Run rv = testutil::runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, v[QLatin1String("id")].toString(),
                QStringLiteral("--disposition"), QStringLiteral("accepted-risk"), QStringLiteral("--note"), QStringLiteral("synthetic"),
                QStringLiteral("--reviewer"), QStringLiteral("ci") });
            QVERIFY2(rv.exitCode == 0, rv.err.constData());
        }
        QCOMPARE(testutil::runTideline({ QStringLiteral("check"), QStringLiteral("--case"), path }).exitCode, 0);
        testutil::Run bad = testutil::runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, QStringLiteral("F-12345678"),
            QStringLiteral("--disposition"), QStringLiteral("remediated"), QStringLiteral("--note"), QStringLiteral("x"), QStringLiteral("--reviewer"), QStringLiteral("ci") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("no finding F-12345678"));
        testutil::Run verify = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path });
        QCOMPARE(verify.exitCode, 0);
        QVERIFY(verify.out.startsWith("intact"));
    }
};

QTEST_GUILESS_MAIN(TestCompliance)
#include "tst_compliance.moc"
