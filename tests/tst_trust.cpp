// SPDX-License-Identifier: GPL-3.0-or-later
// Where trust comes from: keys and trusted roots imported on their own or inside bundles, trusting them later,
// the re-verification that follows, and the attack the issue describes (a zip that vouches for itself). Also
// what an import does with statements that name one digest several times, and the store's failure messages.

#include "evidence_openssl.h"
#include "testutil.h"

#include "compliance/findings.h"
#include "demo/generator.h"
#include "evidence/evidenceindex.h"
#include "evidence/signing.h"
#include "evidence/trust.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/logstore.h"
#include "store/sql.h"

#include <QDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

QString errors(const ImportReport& r)
{
    QStringList e;
    for (const Problem& p : r.errors)
        e << p.toString();
    return e.join(QLatin1Char('\n'));
}

ImportReport importInto(CaseFile& kase, const QStringList& paths, bool trust = false)
{
    ImportOptions o;
    o.workers = 2;
    o.trust = trust;
    return importPaths(kase, paths, o);
}

const Finding* findingOf(const CheckReport& r, FindingKind kind, const QString& fingerprint)
{
    for (const Finding& f : r.findings)
        if (f.kind == kind && f.fingerprint == fingerprint)
            return &f;
    return nullptr;
}

const QByteArray kInToto = "application/vnd.in-toto+json";

// An in-toto v1 statement of SLSA provenance naming each (subject, sha256).
QByteArray statement(const QList<QPair<QString, QString>>& subjects)
{
    QJsonArray list;
    for (const auto& [name, sha] : subjects)
        list.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("digest"), QJsonObject { { QStringLiteral("sha256"), sha } } } });
    return QJsonDocument(QJsonObject { { QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v1") }, { QStringLiteral("subject"), list },
                             { QStringLiteral("predicateType"), QStringLiteral("https://slsa.dev/provenance/v1") },
                             { QStringLiteral("predicate"), QJsonObject() } })
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestTrust : public QObject {
    Q_OBJECT

private slots:
    // One image under two tags (as real SLSA provenance names them): one binding per digest, every name kept, and
    // the same statement again (signed this time) beside it. No raw SQL error, ever.
    void oneDigestUnderSeveralSubjects()
    {
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const QString image = QString(64, QLatin1Char('a')), other = QString(64, QLatin1Char('b'));
        const QString path = dir.filePath(QStringLiteral("two-tags.json"));
        testutil::writeFile(path, statement({ { QStringLiteral("reg/app:1.2"), image }, { QStringLiteral("reg/app:latest"), image },
                                      { QStringLiteral("reg/app:1.2"), image }, { QStringLiteral("reg/tool"), other } }));
        const QString envelope = dir.filePath(QStringLiteral("two-tags.dsse.json"));
        testutil::writeFile(envelope,
            evidencetest::envelope("application/vnd.in-toto+json", statement({ { QStringLiteral("a"), image }, { QStringLiteral("b"), image } }),
                { { QStringLiteral("k"), QByteArray("not a signature") } }));
        const ImportReport r = importInto(*kase, { path, envelope });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(2));
        EvidenceIndex index(*kase);
        const ArtifactEvidence a = (*index.forFingerprint(image));
        QCOMPARE(a.evidence.size(), size_t(2));
        for (const EvidenceRecord& e : a.evidence)
            QCOMPARE(e.bindings.size(), size_t(1));
        const EvidenceRecord& plain = a.evidence[0].format == QLatin1String("in-toto-statement") ? a.evidence[0] : a.evidence[1];
        QCOMPARE(plain.bindings[0].subject, QStringLiteral("reg/app:1.2, reg/app:latest"));
        QCOMPARE((*index.forFingerprint(other)).evidence.size(), size_t(1));
    }

    // The attack of the issue: a zip that brings its own key, a DSSE statement of SLSA provenance for the crypto
    // miner's digest signed with that key, a real trail of the demo rewritten to the miner's fingerprint, and a
    // tideline-bundle.json binding them and naming the key. It must not clear the miner's no-provenance finding
    // (the demo's policy asks for signed provenance), and evidence and keys must say the key came in that archive.
    void selfVouchingArchiveClearsNothing()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("demo"));
        Result<GeneratedTruth> truth = generateBundle(bundle, GeneratorOptions());
        QVERIFY2(truth.ok(), qPrintable(truth.error()));
        QString miner;
        for (const GeneratedTruth::Planted& p : truth->planted)
            if (p.name.contains(QLatin1String("xmrig")))
                miner = p.fingerprint;
        QVERIFY(!miner.isEmpty());
        const QString casePath = dir.filePath(QStringLiteral("demo.tideline"));
        {
            auto kase = CaseFile::open(casePath);
            QVERIFY(kase.ok());
            const ImportReport r = importInto(**kase, { bundle }, true); // as the demo does: it trusts its own key
            QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        }
        auto kase = CaseFile::open(casePath);
        Result<CheckReport> before = checkCase(**kase);
        QVERIFY2(before.ok(), qPrintable(before.error()));
        const Finding* found = findingOf(*before, FindingKind::NoProvenance, miner);
        QVERIFY(found);
        const QString id = found->id;

        // The attacker's archive.
        const evidencetest::TestKey attacker = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("release"));
        const QByteArray statement = QJsonDocument(QJsonObject {
            { QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v1") },
            { QStringLiteral("subject"), QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("docker.io/metal3d/xmrig:latest") },
                                             { QStringLiteral("digest"), QJsonObject { { QStringLiteral("sha256"), miner } } } } } },
            { QStringLiteral("predicateType"), QStringLiteral("https://slsa.dev/provenance/v1") },
            { QStringLiteral("predicate"), QJsonObject { { QStringLiteral("buildDefinition"), QJsonObject { { QStringLiteral("buildType"), QStringLiteral("https://example.org/ci") } } } } } })
                                             .toJson(QJsonDocument::Compact);
        const QByteArray envelope = evidencetest::envelope(kInToto, statement,
            { { QStringLiteral("release-signing"), evidencetest::sign(dir, attacker, pae(kInToto, statement), evidencetest::Encoding::Pure) } });
        const QStringList trails = QDir(bundle + QStringLiteral("/evidence/trails")).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        QVERIFY(!trails.isEmpty());
        QByteArray trail = testutil::readFile(bundle + QStringLiteral("/evidence/trails/") + trails.front());
        const QByteArray realFingerprint = QJsonDocument::fromJson(trail).object().value(QStringLiteral("compliance_status")).toObject()
                                               .value(QStringLiteral("artifacts_statuses")).toObject().begin()->toObject()
                                               .value(QStringLiteral("artifact_fingerprint")).toString().toUtf8();
        QVERIFY(realFingerprint.size() == 64);
        trail.replace(realFingerprint, miner.toUtf8());
        const QByteArray manifest = QStringLiteral("{\"tideline_bundle\":1,\"evidence\":[{\"path\":\"provenance.intoto.json\",\"artifact_fingerprint\":\"%1\","
                                                   "\"name\":\"slsa-provenance\"}],\"keys\":[{\"path\":\"keys/release.pub\",\"name\":\"release-signing\"}]}")
                                        .arg(miner)
                                        .toUtf8();
        const QString zip = dir.filePath(QStringLiteral("hotfix.zip"));
        QVERIFY(testutil::writeArchive(zip, QStringLiteral("zip"),
            { { "keys/release.pub", attacker.publicBytes }, { "provenance.intoto.json", envelope }, { "trails/release.json", trail },
                { "tideline-bundle.json", manifest } }));

        // Imported as anyone would: the report says the key is not trusted, and where it came from.
        testutil::Run run = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--json"), zip });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray untrusted = run.json().object().value(QStringLiteral("untrusted")).toArray();
        QCOMPARE(untrusted.size(), 1);
        QCOMPARE(untrusted[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("release-signing"));
        QCOMPARE(untrusted[0].toObject().value(QStringLiteral("trust")).toObject().value(QStringLiteral("origin")).toString(),
            QStringLiteral("inside the archive ") + zip);

        kase->reset();
        kase = CaseFile::open(casePath);
        Result<CheckReport> after = checkCase(**kase);
        QVERIFY2(after.ok(), qPrintable(after.error()));
        const Finding* still = findingOf(*after, FindingKind::NoProvenance, miner);
        QVERIFY2(still, "the self-vouching archive cleared the miner's no-provenance finding");
        QCOMPARE(still->id, id);
        QCOMPARE(still->disposition, Disposition::Open);
        QVERIFY2(still->provenance.startsWith(QLatin1String("rests only on unsigned records")), qPrintable(still->provenance));
        QVERIFY2(still->provenance.contains(QLatin1String("hotfix.zip")), qPrintable(still->provenance));
        QVERIFY2(still->attestations.contains(QStringLiteral("slsa-provenance (untrusted-key)")), qPrintable(still->attestations.join(QLatin1Char(','))));
        // The statement it relies on is a finding of its own.
        QVERIFY(findingOf(*after, FindingKind::UnverifiedEvidence, miner));

        // evidence and keys say where the key came from, and that it is not trusted.
        run = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--case"), casePath, QStringLiteral("--fingerprint"), miner });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("untrusted-key (key 'release-signing', not trusted: it came inside the archive"), run.out.constData());
        run = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--case"), casePath, QStringLiteral("--fingerprint"), miner, QStringLiteral("--json") });
        bool seen = false;
        for (const QJsonValue v : run.json().object().value(QStringLiteral("evidence")).toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("kind")).toString() != QLatin1String("in-toto-statement"))
                continue;
            seen = true;
            QCOMPARE(e.value(QStringLiteral("verification")).toString(), QStringLiteral("untrusted-key"));
            QVERIFY(e.value(QStringLiteral("verification_detail")).toString().contains(QStringLiteral("it came inside the archive ") + zip));
            const QJsonObject trust = e.value(QStringLiteral("proof")).toObject().value(QStringLiteral("trust")).toObject();
            QCOMPARE(trust.value(QStringLiteral("trusted")).toBool(true), false);
            QCOMPARE(trust.value(QStringLiteral("origin")).toString(), QStringLiteral("inside the archive ") + zip);
        }
        QVERIFY(seen);
        run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), casePath });
        QVERIFY2(run.out.contains("release-signing"), run.out.constData());
        const QList<QByteArray> lines = run.out.split('\n');
        for (const QByteArray& line : lines)
            if (line.startsWith("release-signing"))
                QVERIFY2(line.contains(" NO ") && line.contains("inside the archive"), line.constData());
        run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), casePath, QStringLiteral("--json") });
        for (const QJsonValue v : run.json().object().value(QStringLiteral("keys")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("release-signing"))
                QCOMPARE(v.toObject().value(QStringLiteral("trusted")).toBool(true), false);

        // Only the user's word trusts it: then the provenance verifies, and the log says who trusted it.
        run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), casePath, QStringLiteral("trust"), QStringLiteral("release-signing") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("1 piece of evidence verified again"), run.out.constData());
        kase->reset();
        kase = CaseFile::open(casePath);
        QVERIFY(!findingOf(*checkCase(**kase), FindingKind::NoProvenance, miner));
        const std::vector<LogEntry> log = *LogStore((*kase)->db()).list();
        QCOMPARE(log.back().action, QStringLiteral("trust"));
        QCOMPARE(log.back().actor, QStringLiteral("tideline-tests"));
        QVERIFY(log.back().detail.contains(QLatin1String("release-signing")));
    }

    // A key named on its own is trusted (the user chose it); the same key inside a folder is not; a tampered
    // payload signed with a trusted key is bad-signature, never unknown-key; untrusting takes verified back.
    void keysOnTheirOwnAndInFolders()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        const evidencetest::TestKey key = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("ci"));
        const QString fp = QString(64, QLatin1Char('d'));
        const QByteArray payload = statement({ { QStringLiteral("app"), fp } });
        const QByteArray sig = evidencetest::sign(dir, key, pae(kInToto, payload), evidencetest::Encoding::Der);
        QByteArray altered = payload;
        altered.replace("provenance/v1", "provenance/v9");
        const QString folder = dir.filePath(QStringLiteral("delivery"));
        QDir().mkpath(folder);
        testutil::writeFile(folder + QStringLiteral("/good.intoto.json"), evidencetest::envelope(kInToto, payload, { { QString(), sig } }));
        testutil::writeFile(folder + QStringLiteral("/tampered.intoto.json"), evidencetest::envelope(kInToto, altered, { { QString(), sig } }));
        QVERIFY(QFile::copy(key.publicPem, folder + QStringLiteral("/ci.pub")));

        auto kase = testutil::newCase(dir);
        ImportReport r = importInto(*kase, { folder });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.untrusted().size(), size_t(1));
        EvidenceIndex index(*kase);
        auto verdicts = [&] {
            std::map<QString, Verification> out;
            for (const EvidenceRecord& e : (*index.forFingerprint(fp)).evidence)
                out[e.sourceName.section(QLatin1Char('/'), -1)] = e.verification.verdict;
            return out;
        };
        QCOMPARE(verdicts()[QStringLiteral("good.intoto.json")], Verification::UntrustedKey);
        QCOMPARE(verdicts()[QStringLiteral("tampered.intoto.json")], Verification::BadSignature);

        // The same key, named on its own: trusted now, by that import.
        r = importInto(*kase, { key.publicPem });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(1));
        QCOMPARE(r.imported[0].anchors.size(), size_t(1));
        QVERIFY(r.imported[0].anchors[0].trustedNow);
        QCOMPARE(r.imported[0].anchors[0].trust.how, QStringLiteral("imported on its own"));
        QCOMPARE(verdicts()[QStringLiteral("good.intoto.json")], Verification::Verified);
        QCOMPARE(verdicts()[QStringLiteral("tampered.intoto.json")], Verification::BadSignature);
        const KeyRecord k = (*index.keys()).front();
        QVERIFY(k.trust.trusted);
        QCOMPARE(k.trust.by, QStringLiteral("tideline-tests"));
        QVERIFY(k.trust.origin.startsWith(QLatin1String("inside the folder "))); // where it first came from stays

        // Taking trust back: the evidence it verified is untrusted-key again, with who took it back.
        Result<TrustChange> t = changeTrust(*kase, k.sha256.left(12), false, QStringLiteral("auditor"), QStringLiteral("keys untrust"));
        QVERIFY2(t.ok(), qPrintable(t.error()));
        QCOMPARE(t->reverified, 1);
        QCOMPARE(verdicts()[QStringLiteral("good.intoto.json")], Verification::UntrustedKey);
        QVERIFY(!changeTrust(*kase, QStringLiteral("nosuch"), true, QStringLiteral("auditor"), QStringLiteral("keys trust")).ok());
        t = changeTrust(*kase, QStringLiteral("ci"), false, QStringLiteral("auditor"), QStringLiteral("keys untrust"));
        QVERIFY(t.ok() && !t->changed);
    }

    // The store says what it refused in words, never the statement it ran.
    void storeFailuresAreMessages_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unique") << QStringLiteral("2067") << QStringLiteral("UNIQUE constraint failed: evidence_bindings.evidence_id, evidence_bindings.name")
                                << QStringLiteral("cannot store it in the case: the case already holds a record like this one (in evidence_bindings)");
        QTest::newRow("not null") << QStringLiteral("1299") << QStringLiteral("NOT NULL constraint failed: keys.name")
                                  << QStringLiteral("cannot store it in the case: a value the case needs is missing (in keys)");
        QTest::newRow("full") << QStringLiteral("13") << QStringLiteral("database or disk is full") << QStringLiteral("cannot store it in the case: the disk is full");
        QTest::newRow("busy") << QStringLiteral("5") << QStringLiteral("database is locked")
                              << QStringLiteral("cannot store it in the case: another program holds the case file locked");
        QTest::newRow("postgres unique") << QStringLiteral("23505") << QStringLiteral("duplicate key value violates unique constraint \"keys_name_key\"")
                                         << QStringLiteral("cannot store it in the case: the case already holds a record like this one");
    }

    void storeFailuresAreMessages()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        const Problem p = sql::failure(code, message, QStringLiteral("cannot run \"INSERT INTO x\""));
        QCOMPARE(p.message, expected);
        QVERIFY(!p.message.contains(QLatin1String("INSERT")));
    }
};

QTEST_APPLESS_MAIN(TestTrust)
#include "tst_trust.moc"
