// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence in a case: import, binding (content, --for, manifest), keys and re-verification, trails and templates,
// and the command line (verify, evidence, keys) run as the real binary.

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/evidenceindex.h"
#include "evidence/signing.h"
#include "evidence/trust.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/sourcestore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

const QString kA = QStringLiteral("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"); // sha256 of sigstore/a.txt
const QString kFooPy = QStringLiteral("74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549");
const QString kCreator = QStringLiteral("ce59db031695ca55deaaacefda233875fe5c32783c69816fcea2bb3642636e4f");

ImportReport importInto(CaseFile& kase, const QStringList& paths, const QString& forFp = QString(), const QString& name = QString())
{
    ImportOptions o;
    o.forFingerprint = forFp;
    o.attestationName = name;
    o.workers = 2;
    return importPaths(kase, paths, o);
}

QString errors(const ImportReport& r)
{
    QStringList e;
    for (const Problem& p : r.errors)
        e << p.toString();
    return e.join(QLatin1Char('\n'));
}

const EvidenceRecord* byKind(const std::vector<EvidenceRecord>& list, const QString& kind)
{
    for (const EvidenceRecord& e : list)
        if (e.kind == kind)
            return &e;
    return nullptr;
}

QJsonObject summary(const EvidenceRecord& e) { return QJsonDocument::fromJson(e.summary.toUtf8()).object(); }

// A trail as `kosli get trail` prints it, with a template asking the artifact for unit-tests (junit) and a scan.
QByteArray trailJson(const QString& fp, double modified, const QString& scanCompliant)
{
    return QStringLiteral(
        "{\"name\":\"t1\",\"flow\":{\"name\":\"app-ci\",\"tags\":{}},\"created_at\":1700000000.0,\"last_modified_at\":%2,"
        "\"compliance_state\":\"INCOMPLETE\",\"is_compliant\":false,"
        "\"compliance_status\":{\"status\":\"INCOMPLETE\",\"is_compliant\":false,\"evaluated_at\":%2,\"attestations_statuses\":[],"
        "\"artifacts_statuses\":{\"app\":{\"artifact_fingerprint\":\"%1\",\"status\":\"INCOMPLETE\",\"is_compliant\":false,\"attestations_statuses\":["
        "{\"attestation_name\":\"unit-tests\",\"attestation_type\":\"junit\",\"attestation_id\":null,\"overridden_attestation_id\":null,"
        "\"status\":\"MISSING\",\"is_compliant\":null,\"unexpected\":false},"
        "{\"attestation_name\":\"scan\",\"attestation_type\":\"snyk\",\"attestation_id\":\"s-1\",\"overridden_attestation_id\":null,"
        "\"status\":\"COMPLETE\",\"is_compliant\":%3,\"unexpected\":false}]}}},"
        "\"template\":{\"version\":1,\"trail\":{\"artifacts\":[{\"name\":\"app\",\"attestations\":[{\"name\":\"unit-tests\",\"type\":\"junit\"},"
        "{\"name\":\"scan\",\"type\":\"snyk\"}]}]},\"content\":\"version: 1\\ntrail:\\n  artifacts:\\n  - name: app\\n    attestations:\\n"
        "    - name: unit-tests\\n      type: junit\\n    - name: scan\\n      type: snyk\\n\"},"
        "\"events\":[{\"type\":\"artifact_creation_reported\",\"timestamp\":1700000010.0,\"artifact_fingerprint\":\"%1\",\"artifact_name\":\"app:1\","
        "\"template_reference_name\":\"app\"},{\"type\":\"artifact_attestation_reported\",\"timestamp\":1700000020.0,\"attestation_type\":\"snyk\","
        "\"attestation_id\":\"s-1\",\"is_compliant\":%3,\"template_reference_name\":\"scan\",\"artifact_fingerprint\":\"%1\",\"target_artifact\":\"app\"}]}")
        .arg(fp)
        .arg(modified, 0, 'f', 1)
        .arg(scanCompliant)
        .toUtf8();
}

// An in-toto v1 statement of SLSA provenance about one artifact.
QByteArray provenanceStatement(const QString& subject, const QString& fingerprint)
{
    return QStringLiteral("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"%1\",\"digest\":{\"sha256\":\"%2\"}}],"
                          "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}")
        .arg(subject, fingerprint)
        .toUtf8();
}

QByteArray junit(int failures)
{
    QByteArray x = "<testsuites><testsuite name=\"s\"><testcase name=\"ok\"/>";
    for (int i = 0; i < failures; ++i)
        x += "<testcase name=\"bad" + QByteArray::number(i) + "\"><failure message=\"no\"/></testcase>";
    return x + "</testsuite></testsuites>\n";
}

} // namespace

class TestEvidenceCase : public QObject {
    Q_OBJECT

private slots:
    void samplesImportVerifyAndBind()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        QVERIFY(kase);
        const ImportReport r = importInto(*kase, { testutil::sample(QStringLiteral("dsse")), testutil::sample(QStringLiteral("sigstore")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        EvidenceIndex index(*kase);
        QStringList names;
        for (const KeyRecord& k : (*index.keys()))
            names << k.name;
        QCOMPARE(names, (QStringList { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("key") }));

        // The keys came inside the folders with the evidence: held, not trusted, and what they verify says so.
        for (const KeyRecord& k : (*index.keys())) {
            QVERIFY(!k.trust.trusted);
            QVERIFY2(k.trust.origin.startsWith(QLatin1String("inside the folder ")), qPrintable(k.trust.origin));
        }
        const ArtifactEvidence untrusted = (*index.forFingerprint(kFooPy));
        QCOMPARE(untrusted.evidence.size(), size_t(1));
        QCOMPARE(untrusted.evidence[0].verification.verdict, Verification::UntrustedKey);
        QVERIFY2(untrusted.evidence[0].verification.detail.contains(QLatin1String("it came inside the folder")),
            qPrintable(untrusted.evidence[0].verification.detail));
        for (const QString& key : { QStringLiteral("bob"), QStringLiteral("key") }) {
            Result<TrustChange> t = changeTrust(*kase, key, true, QStringLiteral("tester"), QStringLiteral("keys trust"));
            QVERIFY2(t.ok(), qPrintable(t.error()));
            QVERIFY(t->changed);
            QCOMPARE(t->reverified, 1);
        }

        // The link binds to its product and is verified by bob's key, now trusted.
        const ArtifactEvidence foo = (*index.forFingerprint(kFooPy));
        QCOMPARE(foo.evidence.size(), size_t(1));
        QCOMPARE(foo.evidence[0].kind, QStringLiteral("in-toto-link"));
        QCOMPARE(verificationName(foo.evidence[0].verification.verdict), QStringLiteral("verified"));
        QCOMPARE(foo.evidence[0].verification.keyName, QStringLiteral("bob"));
        QCOMPARE(foo.evidence[0].verification.trust.by, QStringLiteral("tester"));
        QCOMPARE(foo.evidence[0].verification.trust.how, QStringLiteral("keys trust"));
        QCOMPARE(foo.evidence[0].bindings.at(0).via, QStringLiteral("link-product"));

        // a.txt: the bundle was imported before its key (key.pub sorts after it): the key re-verified it.
        const ArtifactEvidence a = (*index.forFingerprint(kA));
        QCOMPARE(a.evidence.size(), size_t(3));
        const EvidenceRecord* message = byKind(a.evidence, QStringLiteral("message-signature"));
        QVERIFY(message);
        QCOMPARE(verificationName(message->verification.verdict), QStringLiteral("verified"));
        QCOMPARE(message->verification.keyName, QStringLiteral("key"));
        int verifiedKeyless = 0, bad = 0;
        for (const EvidenceRecord& e : a.evidence) {
            if (e.kind != QLatin1String("in-toto-statement"))
                continue;
            // No trusted root in the case: a keyless bundle is never verified on its certificate's word.
            if (e.verification.verdict == Verification::UntrustedCertificate)
                ++verifiedKeyless;
            bad += e.verification.verdict == Verification::BadSignature ? 1 : 0;
        }
        QCOMPARE(verifiedKeyless, 1);
        QCOMPARE(bad, 1);

        // The unsigned layout binds to nothing: kept, listed as unbound.
        const auto unbound = (*index.unbound());
        QVERIFY(byKind(unbound, QStringLiteral("in-toto-layout")));
        QCOMPARE(verificationName(byKind(unbound, QStringLiteral("in-toto-layout"))->verification.verdict), QStringLiteral("unsigned"));
    }

    void bindWithForAndName()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const QString fp1 = QString(64, QLatin1Char('1')), fp2 = QString(64, QLatin1Char('2'));
        const QString file = testutil::sample(QStringLiteral("junit/pytest-fail.xml"));
        ImportReport r = importInto(*kase, { file }, fp1, QStringLiteral("unit-tests"));
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(1));
        QCOMPARE(r.imported[0].evidence, 1);
        QCOMPARE(r.imported[0].bindings, 1);

        EvidenceIndex index(*kase);
        ArtifactEvidence a = (*index.forFingerprint(fp1));
        QCOMPARE(a.evidence.size(), size_t(1));
        const EvidenceRecord& e = a.evidence[0];
        QCOMPARE(e.name, QStringLiteral("unit-tests"));
        QCOMPARE(e.compliant, std::optional<bool>(false));
        QCOMPARE(summary(e).value(QStringLiteral("failures")).toInt(), 1);
        QCOMPARE(e.bindings.at(0).via, QStringLiteral("for"));
        QVERIFY(a.current.count(e.id));

        // The same bytes for another artifact: stored once, bound twice.
        r = importInto(*kase, { file }, fp2, QStringLiteral("unit-tests"));
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(1));
        QCOMPARE(r.imported[0].bindings, 1);
        QCOMPARE((*index.forFingerprint(fp2)).evidence.size(), size_t(1));
        QCOMPARE((*index.forFingerprint(fp2)).evidence[0].id, e.id);
        QCOMPARE((*SourceStore(kase->db()).list()).size(), size_t(1));
        // And again: nothing new.
        r = importInto(*kase, { file }, fp2, QStringLiteral("unit-tests"));
        QCOMPARE(r.imported.size(), size_t(0));
        QCOMPARE(r.skipped.size(), size_t(1));
        QVERIFY(r.skipped[0].reason.contains(QLatin1String("already imported")));
        QVERIFY((*index.unbound()).empty());
    }

    void unboundEvidenceIsKept()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const ImportReport r = importInto(*kase, { testutil::sample(QStringLiteral("sarif/eslint-simple.sarif")), testutil::sample(QStringLiteral("sbom")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        EvidenceIndex index(*kase);
        const auto unbound = (*index.unbound());
        QVERIFY(byKind(unbound, QStringLiteral("sarif")));
        QVERIFY(byKind(unbound, QStringLiteral("cyclonedx")));
        QVERIFY(!byKind(unbound, QStringLiteral("spdx"))); // it binds to the file it describes
        QCOMPARE((*index.forFingerprint(QStringLiteral("bd2195f2551328fa3ad870726f5591fd82fdc5dd33a359be79d356dbecd5868b"))).evidence.at(0).bindings.at(0).via,
            QStringLiteral("sbom"));
    }

    void manifestBindsAndNamesKeys()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        const QString bundle = dir.filePath(QStringLiteral("bundle"));
        QDir().mkpath(bundle + QStringLiteral("/keys"));
        const evidencetest::TestKey key = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("ci"));
        QVERIFY(QFile::copy(key.publicPem, bundle + QStringLiteral("/keys/ci.pub")));
        const QString fp = QString(64, QLatin1Char('9'));
        const QByteArray payload = provenanceStatement(QStringLiteral("app"), fp);
        const QByteArray sig = evidencetest::sign(dir, key, pae("application/vnd.in-toto+json", payload), evidencetest::Encoding::Raw);
        // The envelope sorts before the key: verification waits for it.
        testutil::writeFile(bundle + QStringLiteral("/a-provenance.intoto.json"), evidencetest::envelope("application/vnd.in-toto+json", payload, { { QString(), sig } }));
        testutil::writeFile(bundle + QStringLiteral("/junit/unit.xml"), junit(0));
        testutil::writeFile(bundle + QStringLiteral("/tideline-bundle.json"),
            QStringLiteral("{\"tideline_bundle\":1,\"evidence\":[{\"path\":\"junit/unit.xml\",\"artifact_fingerprint\":\"sha256:%1\",\"name\":\"unit\"}],"
                           "\"keys\":[{\"path\":\"keys/ci.pub\",\"name\":\"ci-signer\"}]}")
                .arg(fp)
                .toUtf8());
        auto kase = testutil::newCase(dir);
        // The manifest names the key, but a manifest grants no trust: the key is held untrusted until trusted.
        ImportReport r = importInto(*kase, { bundle });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.untrusted().size(), size_t(1));
        QCOMPARE(r.untrusted()[0].name, QStringLiteral("ci-signer"));
        EvidenceIndex index(*kase);
        QCOMPARE((*index.forFingerprint(fp)).evidence.size(), size_t(2));
        QCOMPARE(byKind((*index.forFingerprint(fp)).evidence, QStringLiteral("in-toto-statement"))->verification.verdict, Verification::UntrustedKey);
        // Imported again with --trust: the bytes are known, and only the trust is new.
        ImportOptions trusting;
        trusting.trust = true;
        r = importPaths(*kase, { bundle }, trusting);
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QVERIFY(r.untrusted().empty());
        QCOMPARE((*index.keys()).size(), size_t(1));
        QCOMPARE((*index.keys())[0].name, QStringLiteral("ci-signer"));
        QVERIFY((*index.keys())[0].trust.trusted);
        QCOMPARE((*index.keys())[0].trust.how, QStringLiteral("import --trust"));
        const ArtifactEvidence a = (*index.forFingerprint(fp));
        QCOMPARE(a.evidence.size(), size_t(2));
        const EvidenceRecord* statement = byKind(a.evidence, QStringLiteral("in-toto-statement"));
        QVERIFY(statement);
        QCOMPARE(verificationName(statement->verification.verdict), QStringLiteral("verified"));
        QCOMPARE(statement->verification.keyName, QStringLiteral("ci-signer"));
        const EvidenceRecord* tests = byKind(a.evidence, QStringLiteral("junit"));
        QVERIFY(tests);
        QCOMPARE(tests->name, QStringLiteral("unit"));
        QCOMPARE(tests->bindings.at(0).via, QStringLiteral("manifest"));
        QCOMPARE(tests->compliant, std::optional<bool>(true));
    }

    void jsonLinesImportEachEnvelope()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        const evidencetest::TestKey key = evidencetest::makeKey(dir, QStringLiteral("rsa-2048"), QStringLiteral("builder"));
        QByteArray lines;
        QStringList fps;
        for (int i = 0; i < 3; ++i) {
            fps << QString(64, QLatin1Char(char('3' + i)));
            const QByteArray payload = provenanceStatement(QStringLiteral("b%1").arg(i), fps.last());
            QByteArray sig = evidencetest::sign(dir, key, pae("application/vnd.in-toto+json", payload), evidencetest::Encoding::Pkcs1);
            if (i == 2)
                sig[10] = static_cast<char>(sig[10] ^ 0x40); // one damaged signature
            lines += evidencetest::envelope("application/vnd.in-toto+json", payload, { { QString(), sig } }) + "\n";
        }
        const QString file = dir.filePath(QStringLiteral("multiple.intoto.jsonl"));
        testutil::writeFile(file, lines);
        auto kase = testutil::newCase(dir);
        ImportReport r = importInto(*kase, { file, key.publicPem });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.at(0).format, QStringLiteral("dsse-jsonl"));
        QCOMPARE(r.imported.at(0).evidence, 3);
        EvidenceIndex index(*kase);
        for (int i = 0; i < 3; ++i) {
            const ArtifactEvidence a = (*index.forFingerprint(fps[i]));
            QCOMPARE(a.evidence.size(), size_t(1));
            QCOMPARE(a.evidence[0].part, i);
            // The key came after the file: each envelope was verified again when it arrived.
            QCOMPARE(verificationName(a.evidence[0].verification.verdict), i == 2 ? QStringLiteral("bad-signature") : QStringLiteral("verified"));
        }
    }

    void derKeysAndCertificatesAreReadByContent()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        const evidencetest::TestKey key = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("der-signer"));
        const QString der = dir.filePath(QStringLiteral("signer-key"));
        QVERIFY(evidencetest::openssl({ QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-in"), key.publicPem,
            QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"), der }));
        const evidencetest::TestKey other = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("cert-holder"));
        const QString certPem = dir.filePath(QStringLiteral("holder.crt"));
        testutil::writeFile(certPem, evidencetest::selfSignedCertificate(dir, other, QStringLiteral("holder@example.com")));
        const QString certDer = dir.filePath(QStringLiteral("holder-cert"));
        QVERIFY(evidencetest::openssl({ QStringLiteral("x509"), QStringLiteral("-in"), certPem, QStringLiteral("-outform"), QStringLiteral("DER"),
            QStringLiteral("-out"), certDer }));
        // DER in shape (one SEQUENCE over the whole file) that is no key: skipped, not an error.
        const QString junk = dir.filePath(QStringLiteral("junk"));
        testutil::writeFile(junk, QByteArray("\x30\x12", 2) + QByteArray(18, '\x05'));

        const QString fp = QString(64, QLatin1Char('d'));
        const QByteArray payload = provenanceStatement(QStringLiteral("app"), fp);
        const QByteArray sig = evidencetest::sign(dir, key, pae("application/vnd.in-toto+json", payload), evidencetest::Encoding::Pure);
        const QString envelope = dir.filePath(QStringLiteral("app.intoto.json"));
        testutil::writeFile(envelope, evidencetest::envelope("application/vnd.in-toto+json", payload, { { QString(), sig } }));

        auto kase = testutil::newCase(dir);
        const ImportReport r = importInto(*kase, { envelope, der, certDer, junk });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QStringList formats;
        for (const ImportedFile& f : r.imported)
            formats << QFileInfo(f.path).fileName() + QLatin1Char('=') + f.format;
        formats.sort();
        QCOMPARE(formats, QStringList({ QStringLiteral("app.intoto.json=dsse"), QStringLiteral("holder-cert=x509-certificate"),
                              QStringLiteral("signer-key=public-key") }));
        QCOMPARE(r.skipped.size(), size_t(1));
        QCOMPARE(QFileInfo(r.skipped[0].path).fileName(), QStringLiteral("junk"));
        // The DER key verifies the envelope (it came after it: verified again when it arrived).
        const ArtifactEvidence a = (*EvidenceIndex(*kase).forFingerprint(fp));
        QCOMPARE(a.evidence.size(), size_t(1));
        QCOMPARE(verificationName(a.evidence[0].verification.verdict), QStringLiteral("verified"));
    }

    void trailTemplateAndLocalEvidence()
    {
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const QString fp = QString(64, QLatin1Char('a'));
        const QString trail = dir.filePath(QStringLiteral("trail.json"));
        testutil::writeFile(trail, trailJson(fp, 1700000100.0, QStringLiteral("true")));
        ImportReport r = importInto(*kase, { trail });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        EvidenceIndex index(*kase);
        ArtifactEvidence a = (*index.forFingerprint(fp));
        QCOMPARE(a.provenance.size(), size_t(1));
        QCOMPARE(a.provenance[0].flow, QStringLiteral("app-ci"));
        QCOMPARE(a.provenance[0].templateName, QStringLiteral("app"));
        QCOMPARE(a.evaluations.size(), size_t(1));
        QCOMPARE(templateStateName(a.evaluations[0].state), QStringLiteral("INCOMPLETE"));
        QCOMPARE(a.evaluations[0].missing, QStringList { QStringLiteral("unit-tests") });

        // A passing JUnit report attested under the missing name completes it.
        const QString pass = dir.filePath(QStringLiteral("pass.xml"));
        testutil::writeFile(pass, junit(0));
        r = importInto(*kase, { pass }, fp, QStringLiteral("unit-tests"));
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        a = (*index.forFingerprint(fp));
        QCOMPARE(templateStateName(a.evaluations.at(0).state), QStringLiteral("COMPLIANT"));

        // A later failing report of the same name is the one that counts.
        QTest::qWait(5); // a later import time
        const QString fail = dir.filePath(QStringLiteral("fail.xml"));
        testutil::writeFile(fail, junit(2));
        r = importInto(*kase, { fail }, fp, QStringLiteral("unit-tests"));
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        a = (*index.forFingerprint(fp));
        QCOMPARE(templateStateName(a.evaluations.at(0).state), QStringLiteral("NON-COMPLIANT"));
        QCOMPARE(a.evaluations.at(0).nonCompliant, QStringList { QStringLiteral("unit-tests") });
        int current = 0;
        for (const EvidenceRecord& e : a.evidence)
            if (e.kind == QLatin1String("junit"))
                current += a.current.count(e.id) ? 1 : 0;
        QCOMPARE(current, 1);

        // A later export of the trail replaces it (the scan is now non-compliant); an older one does not.
        const QString later = dir.filePath(QStringLiteral("trail-later.json"));
        testutil::writeFile(later, trailJson(fp, 1700000900.0, QStringLiteral("false")));
        r = importInto(*kase, { later });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE((*index.trails()).size(), size_t(1));
        a = (*index.forFingerprint(fp));
        QCOMPARE(a.provenance.size(), size_t(1));
        QVERIFY(a.evaluations.at(0).nonCompliant.contains(QStringLiteral("scan")));
        const QString older = dir.filePath(QStringLiteral("trail-older.json"));
        testutil::writeFile(older, trailJson(fp, 1700000050.0, QStringLiteral("true")));
        r = importInto(*kase, { older });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QVERIFY(!r.imported.at(0).warnings.empty());
        a = (*index.forFingerprint(fp));
        QVERIFY(a.evaluations.at(0).nonCompliant.contains(QStringLiteral("scan")));
    }

    void kosliTrailSample()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const ImportReport r = importInto(*kase, { testutil::sample(QStringLiteral("kosli/trail-creator-ci.json")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        EvidenceIndex index(*kase);
        const ArtifactEvidence a = (*index.forFingerprint(kCreator));
        QCOMPARE(a.evidence.size(), size_t(6));
        QCOMPARE(a.evaluations.size(), size_t(1));
        QCOMPARE(templateStateName(a.evaluations[0].state), QStringLiteral("COMPLIANT"));
        QCOMPARE(a.evaluations[0].unexpected, QStringList { QStringLiteral("dast-report") });
        const auto trails = (*index.trails());
        QCOMPARE(trails.size(), size_t(1));
        QCOMPARE(templateStateName((*index.evaluateTrail(trails[0])).state), QStringLiteral("COMPLIANT"));
        QCOMPARE((*index.flowTemplates()).size(), size_t(1));
    }

    void failingFilesLeaveNoTrace()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const evidencetest::TestKey a = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("a"));
        const evidencetest::TestKey b = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("b"));
        ImportReport r = importInto(*kase, { a.publicPem }, QString(), QStringLiteral("ci"));
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        // Another key under the same name: refused, and its bytes are not kept.
        r = importInto(*kase, { b.publicPem }, QString(), QStringLiteral("ci"));
        QCOMPARE(r.errors.size(), size_t(1));
        QVERIFY(r.errors[0].message.contains(QLatin1String("already named")));
        QCOMPARE(r.errors[0].file, b.publicPem);
        // A private key is refused outright.
        r = importInto(*kase, { a.privatePem });
        QCOMPARE(r.errors.size(), size_t(1));
        QVERIFY(r.errors[0].message.contains(QLatin1String("private key")));
        QCOMPARE((*SourceStore(kase->db()).list()).size(), size_t(1));
        EvidenceIndex index(*kase);
        QCOMPARE((*index.keys()).size(), size_t(1));
        QCOMPARE((*index.keys())[0].name, QStringLiteral("ci"));
        QCOMPARE((*index.keys())[0].algorithm, QStringLiteral("ed25519"));
    }

    void commandLine()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        const QString link = testutil::sample(QStringLiteral("dsse/write-code.776a00e2.link"));
        testutil::Run run = testutil::runTideline({ QStringLiteral("verify"), link, QStringLiteral("--key"), testutil::sample(QStringLiteral("dsse/bob.pub")),
            QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QJsonObject o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("verified"));
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("dsse"));
        QVERIFY(o.contains(QStringLiteral("predicate_type")));
        const QJsonObject subject = o.value(QStringLiteral("subjects")).toArray().at(0).toObject();
        QCOMPARE(subject.value(QStringLiteral("name")).toString(), QStringLiteral("foo.py"));
        QCOMPARE(subject.value(QStringLiteral("sha256")).toString(), kFooPy);
        const QJsonObject sig = o.value(QStringLiteral("signatures")).toArray().at(0).toObject();
        QCOMPARE(sig.value(QStringLiteral("keyid")).toString(), QStringLiteral("776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5"));
        QCOMPARE(sig.value(QStringLiteral("key")).toString(), QStringLiteral("bob"));
        QCOMPARE(sig.value(QStringLiteral("result")).toString(), QStringLiteral("verified"));

        run = testutil::runTideline({ QStringLiteral("verify"), link, QStringLiteral("--key"), testutil::sample(QStringLiteral("dsse/alice.pub")), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json().object().value(QStringLiteral("verdict")).toString(), QStringLiteral("unknown-key"));
        run = testutil::runTideline({ QStringLiteral("verify"), link, QStringLiteral("--key"), dir.filePath(QStringLiteral("none.pub")) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("none.pub"));
        run = testutil::runTideline({ QStringLiteral("verify"), testutil::sample(QStringLiteral("dsse/demo.layout.template-unsigned")), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json().object().value(QStringLiteral("verdict")).toString(), QStringLiteral("unsigned"));
        const QString bundle = testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/bundle.sigstore.json"));
        const QString key = testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/key.pub"));
        run = testutil::runTideline({ QStringLiteral("verify"), bundle, QStringLiteral("--key"), key, QStringLiteral("--artifact"), testutil::sample(QStringLiteral("sigstore/a.txt")), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().object().value(QStringLiteral("subjects")).toArray().at(0).toObject().value(QStringLiteral("sha256")).toString(), kA);
        run = testutil::runTideline({ QStringLiteral("verify"), bundle, QStringLiteral("--key"), key, QStringLiteral("--artifact"), link });
        QCOMPARE(run.exitCode, 1);
        run = testutil::runTideline({ QStringLiteral("verify"), testutil::sample(QStringLiteral("sigstore/dsse-invalid-sig_fail.sigstore.json")), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json().object().value(QStringLiteral("verdict")).toString(), QStringLiteral("bad-signature"));

        // import (with a PEM key), evidence, keys
        const QString casePath = dir.filePath(QStringLiteral("c.tideline"));
        const QString fp = QString(64, QLatin1Char('f'));
        run = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--for"), fp, QStringLiteral("--name"),
            QStringLiteral("unit-tests"), testutil::sample(QStringLiteral("junit/pytest-fail.xml")) });
        QCOMPARE(run.exitCode, 0);
        run = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--for"), QStringLiteral("sha256:") + fp.toUpper(),
            QStringLiteral("--name"), QStringLiteral("scan"), testutil::sample(QStringLiteral("sarif/snyk-container.sarif.json")) });
        QCOMPARE(run.exitCode, 0);
        run = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), casePath, testutil::sample(QStringLiteral("dsse/bob.pub")) });
        QCOMPARE(run.exitCode, 0);
        run = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--case"), casePath, QStringLiteral("--fingerprint"), fp, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("fingerprint")).toString(), fp);
        const QJsonArray evidence = o.value(QStringLiteral("evidence")).toArray();
        QCOMPARE(evidence.size(), 2);
        for (const QJsonValue v : evidence) {
            const QJsonObject e = v.toObject();
            for (const char* field : { "id", "name", "kind", "source_sha256", "compliant", "verification", "summary" })
                QVERIFY2(e.contains(QLatin1String(field)), field);
            QCOMPARE(e.value(QStringLiteral("verification")).toString(), QStringLiteral("unsigned"));
            QCOMPARE(e.value(QStringLiteral("compliant")).toBool(true), false);
            QCOMPARE(e.value(QStringLiteral("source_sha256")).toString().size(), 64);
            const QJsonObject s = e.value(QStringLiteral("summary")).toObject();
            if (e.value(QStringLiteral("kind")).toString() == QLatin1String("junit")) {
                QCOMPARE(e.value(QStringLiteral("name")).toString(), QStringLiteral("unit-tests"));
                QCOMPARE(s.value(QStringLiteral("tests")).toInt(), 5);
                QCOMPARE(s.value(QStringLiteral("failures")).toInt(), 1);
                QCOMPARE(s.value(QStringLiteral("errors")).toInt(), 0);
                QCOMPARE(s.value(QStringLiteral("skipped")).toInt(), 1);
            } else {
                QCOMPARE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("sarif"));
                QCOMPARE(s.value(QStringLiteral("results")).toInt(), 3);
                QCOMPARE(s.value(QStringLiteral("error")).toInt(), 2);
                QCOMPARE(s.value(QStringLiteral("warning")).toInt(), 1);
                QCOMPARE(s.value(QStringLiteral("note")).toInt(), 0);
                QCOMPARE(s.value(QStringLiteral("none")).toInt(), 0);
                QCOMPARE(s.value(QStringLiteral("execution_successful")).toBool(), true);
            }
        }
        run = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--case"), casePath, QStringLiteral("--fingerprint"), QString(64, QLatin1Char('0')), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json().object().value(QStringLiteral("evidence")).toArray().size(), 0);
        run = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--case"), casePath, QStringLiteral("--fingerprint"), QStringLiteral("nothex") });
        QCOMPARE(run.exitCode, 2);
        run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), casePath, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray keys = run.json().object().value(QStringLiteral("keys")).toArray();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        QCOMPARE(keys[0].toObject().value(QStringLiteral("algorithm")).toString(), QStringLiteral("rsa-3072"));
        // A file that cannot be read fails the import with its name.
        const QString broken = dir.filePath(QStringLiteral("broken.xml"));
        testutil::writeFile(broken, "<?xml version=\"1.0\" encoding=\"x-tideline-none\"?><testsuites><testsuite><testcase name=\"x\"/></testsuite></testsuites>");
        run = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), casePath, broken });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("broken.xml"));
        QVERIFY(run.err.contains("x-tideline-none"));
    }
};

QTEST_APPLESS_MAIN(TestEvidenceCase)
#include "tst_evidence_case.moc"
