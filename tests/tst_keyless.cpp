// SPDX-License-Identifier: GPL-3.0-or-later
// Keyless evidence in a case: Sigstore trusted roots imported like keys (several held, each with its parts and
// windows, trusted or not by where they came from), keyless bundles verified against them and again when one
// arrives later, the {"attestations": [...]} form of GitHub and npm, and an environment policy naming who must have
// signed, on the public sigstore-conformance files.

#include "evidence_openssl.h"
#include "testutil.h"

#include "compliance/evaluation.h"
#include "compliance/facts.h"
#include "compliance/policy.h"
#include "evidence/evidenceindex.h"
#include "evidence/trust.h"
#include "import/importer.h"
#include "store/casefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

const QString kA = QStringLiteral("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"); // sha256 of a.txt
const QString kBeacon = QStringLiteral(
    "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main");

QString suite(const QString& rel) { return testutil::sample(QStringLiteral("sigstore-conformance/bundle-verify/") + rel); }

QString errors(const ImportReport& r)
{
    QStringList e;
    for (const Problem& p : r.errors)
        e << p.toString();
    return e.join(QLatin1Char('\n'));
}

ImportReport importInto(CaseFile& kase, const QStringList& paths, const QStringList& roots = {})
{
    ImportOptions o;
    o.workers = 2;
    o.trustedRoots = roots;
    return importPaths(kase, paths, o);
}

const EvidenceRecord* fromSource(const std::vector<EvidenceRecord>& list, const QString& needle)
{
    for (const EvidenceRecord& e : list)
        if (e.sourceName.contains(needle))
            return &e;
    return nullptr;
}

// A Sigstore of our own, made with the openssl tool: a Fulcio-like CA, a Rekor-like log key, and bundles signed by a
// certificate the CA issued for a CI identity, each with its log entry, signed entry timestamp, inclusion proof and
// checkpoint. Variants break one thing each.
struct World {
    QTemporaryDir& dir;
    QString identity = QStringLiteral("https://github.com/example/app/.github/workflows/release.yml@refs/heads/main");
    QString issuer = QStringLiteral("https://token.actions.githubusercontent.com");
    evidencetest::TestKey signer, log, otherLog;
    QByteArray caDer, leafDer, selfDer;

    explicit World(QTemporaryDir& d)
        : dir(d)
    {
    }

    QString path(const QString& name) const { return dir.filePath(name); }

    QByteArray der(const QString& pem)
    {
        QByteArray out;
        evidencetest::openssl({ QStringLiteral("x509"), QStringLiteral("-in"), pem, QStringLiteral("-outform"), QStringLiteral("DER") }, &out);
        return out;
    }

    QByteArray spki(const evidencetest::TestKey& k)
    {
        QByteArray out;
        evidencetest::openssl({ QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-in"), k.publicPem, QStringLiteral("-outform"), QStringLiteral("DER") }, &out);
        return out;
    }

    bool make()
    {
        signer = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("signer"));
        log = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("rekor"));
        otherLog = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("rekor-other"));
        const QString ext = path(QStringLiteral("leaf.cnf"));
        testutil::writeFile(ext,
            QStringLiteral("subjectAltName=critical,URI:%1\nextendedKeyUsage=codeSigning\nkeyUsage=critical,digitalSignature\n"
                           "1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:%2\n")
                .arg(identity, issuer)
                .toUtf8());
        const bool ok = evidencetest::openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                            path(QStringLiteral("ca.key")), QStringLiteral("-out"), path(QStringLiteral("ca.pem")), QStringLiteral("-days"), QStringLiteral("30"),
                            QStringLiteral("-subj"), QStringLiteral("/O=tideline-tests/CN=test-fulcio"), QStringLiteral("-addext"),
                            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") })
            && evidencetest::openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), signer.privatePem, QStringLiteral("-subj"),
                QStringLiteral("/O=sigstore.dev"), QStringLiteral("-out"), path(QStringLiteral("leaf.csr")) })
            && evidencetest::openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path(QStringLiteral("leaf.csr")), QStringLiteral("-CA"),
                path(QStringLiteral("ca.pem")), QStringLiteral("-CAkey"), path(QStringLiteral("ca.key")), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                QStringLiteral("1"), QStringLiteral("-extfile"), ext, QStringLiteral("-out"), path(QStringLiteral("leaf.pem")) })
            // The same identity claimed by a certificate its holder issued itself.
            && evidencetest::openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"), signer.privatePem,
                QStringLiteral("-subj"), QStringLiteral("/O=sigstore.dev"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=critical,URI:") + identity, QStringLiteral("-addext"), QStringLiteral("extendedKeyUsage=codeSigning"),
                QStringLiteral("-addext"), QStringLiteral("1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:") + issuer, QStringLiteral("-out"), path(QStringLiteral("self.pem")) });
        if (!ok)
            return false;
        caDer = der(path(QStringLiteral("ca.pem")));
        leafDer = der(path(QStringLiteral("leaf.pem")));
        selfDer = der(path(QStringLiteral("self.pem")));
        return !caDer.isEmpty() && !leafDer.isEmpty() && !selfDer.isEmpty() && !log.publicBytes.isEmpty();
    }

    QByteArray trustedRoot()
    {
        const QByteArray logSpki = spki(log);
        const QJsonObject validFor { { QStringLiteral("start"), QStringLiteral("2020-01-01T00:00:00Z") } };
        return QJsonDocument(QJsonObject {
                                 { QStringLiteral("mediaType"), QStringLiteral("application/vnd.dev.sigstore.trustedroot+json;version=0.1") },
                                 { QStringLiteral("tlogs"), QJsonArray { QJsonObject { { QStringLiteral("baseUrl"), QStringLiteral("https://rekor.test.example") },
                                                                { QStringLiteral("hashAlgorithm"), QStringLiteral("SHA2_256") },
                                                                { QStringLiteral("publicKey"), QJsonObject { { QStringLiteral("rawBytes"), QString::fromLatin1(logSpki.toBase64()) },
                                                                                                   { QStringLiteral("keyDetails"), QStringLiteral("PKIX_ECDSA_P256_SHA_256") },
                                                                                                   { QStringLiteral("validFor"), validFor } } },
                                                                { QStringLiteral("logId"), QJsonObject { { QStringLiteral("keyId"), QString::fromLatin1(sha(logSpki).toBase64()) } } } } } },
                                 { QStringLiteral("certificateAuthorities"),
                                     QJsonArray { QJsonObject { { QStringLiteral("subject"), QJsonObject { { QStringLiteral("organization"), QStringLiteral("tideline-tests") },
                                                                                                  { QStringLiteral("commonName"), QStringLiteral("test-fulcio") } } },
                                         { QStringLiteral("uri"), QStringLiteral("https://fulcio.test.example") },
                                         { QStringLiteral("certChain"), QJsonObject { { QStringLiteral("certificates"),
                                                                            QJsonArray { QJsonObject { { QStringLiteral("rawBytes"), QString::fromLatin1(caDer.toBase64()) } } } } } },
                                         { QStringLiteral("validFor"), validFor } } } },
                                 { QStringLiteral("ctlogs"), QJsonArray() }, { QStringLiteral("timestampAuthorities"), QJsonArray() } })
            .toJson();
    }

    static QByteArray sha(const QByteArray& b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256); }

    enum class Flaw { None, SelfIssued, WrongLogKey, TamperedProof, TamperedArtifactDigest };

    // A v0.3 bundle over the artifact: a message signature by the CA-issued certificate (or the self-issued one), its
    // hashedrekord entry at index 0 of a tree of one, the SET and the checkpoint signed by the log key (or another).
    QByteArray bundle(const QByteArray& artifact, Flaw flaw)
    {
        const QByteArray cert = flaw == Flaw::SelfIssued ? selfDer : leafDer;
        const QString certPem = QStringLiteral("-----BEGIN CERTIFICATE-----\n%1\n-----END CERTIFICATE-----\n").arg(QString::fromLatin1(cert.toBase64()));
        const QByteArray digest = sha(artifact);
        const QByteArray signature = evidencetest::sign(dir, signer, artifact, evidencetest::Encoding::Der);
        const QByteArray body = QJsonDocument(QJsonObject {
                                                  { QStringLiteral("apiVersion"), QStringLiteral("0.0.1") }, { QStringLiteral("kind"), QStringLiteral("hashedrekord") },
                                                  { QStringLiteral("spec"), QJsonObject {
                                                                                { QStringLiteral("data"), QJsonObject { { QStringLiteral("hash"), QJsonObject {
                                                                                                                                          { QStringLiteral("algorithm"), QStringLiteral("sha256") },
                                                                                                                                          { QStringLiteral("value"), QString::fromLatin1(digest.toHex()) } } } } },
                                                                                { QStringLiteral("signature"), QJsonObject { { QStringLiteral("content"), QString::fromLatin1(signature.toBase64()) },
                                                                                                                   { QStringLiteral("publicKey"), QJsonObject { { QStringLiteral("content"), QString::fromLatin1(certPem.toUtf8().toBase64()) } } } } } } } })
                                    .toJson(QJsonDocument::Compact);
        const QByteArray logSpki = spki(log);
        const QByteArray keyId = sha(logSpki);
        const evidencetest::TestKey& signingLog = flaw == Flaw::WrongLogKey ? otherLog : log;
        const qint64 integrated = QDateTime::currentSecsSinceEpoch(); // after the certificate was made: within its validity
        const QByteArray set = evidencetest::sign(dir, signingLog,
            "{\"body\":\"" + body.toBase64() + "\",\"integratedTime\":" + QByteArray::number(integrated) + ",\"logID\":\"" + keyId.toHex()
                + "\",\"logIndex\":7}",
            evidencetest::Encoding::Der);
        QByteArray root = sha(QByteArray(QByteArray(1, '\0') + body));
        const QByteArray note = "rekor.test.example - 42\n1\n" + root.toBase64() + "\n";
        const QByteArray noteSig = evidencetest::sign(dir, signingLog, note, evidencetest::Encoding::Der);
        const QByteArray checkpoint = note + "\n" + QStringLiteral("\u2014 ").toUtf8() + "rekor.test.example " + QByteArray(keyId.left(4) + noteSig).toBase64() + "\n";
        if (flaw == Flaw::TamperedProof)
            root[0] = static_cast<char>(root[0] ^ 0x01);
        const QByteArray signedDigest = flaw == Flaw::TamperedArtifactDigest ? sha("another artifact") : digest;
        return QJsonDocument(QJsonObject {
                                 { QStringLiteral("mediaType"), QStringLiteral("application/vnd.dev.sigstore.bundle.v0.3+json") },
                                 { QStringLiteral("verificationMaterial"), QJsonObject {
                                                                               { QStringLiteral("certificate"), QJsonObject { { QStringLiteral("rawBytes"), QString::fromLatin1(cert.toBase64()) } } },
                                                                               { QStringLiteral("tlogEntries"), QJsonArray { QJsonObject {
                                                                                                                    { QStringLiteral("logIndex"), QStringLiteral("7") },
                                                                                                                    { QStringLiteral("logId"), QJsonObject { { QStringLiteral("keyId"), QString::fromLatin1(keyId.toBase64()) } } },
                                                                                                                    { QStringLiteral("kindVersion"), QJsonObject { { QStringLiteral("kind"), QStringLiteral("hashedrekord") }, { QStringLiteral("version"), QStringLiteral("0.0.1") } } },
                                                                                                                    { QStringLiteral("integratedTime"), QString::number(integrated) },
                                                                                                                    { QStringLiteral("inclusionPromise"), QJsonObject { { QStringLiteral("signedEntryTimestamp"), QString::fromLatin1(set.toBase64()) } } },
                                                                                                                    { QStringLiteral("inclusionProof"), QJsonObject {
                                                                                                                                                            { QStringLiteral("logIndex"), QStringLiteral("0") },
                                                                                                                                                            { QStringLiteral("rootHash"), QString::fromLatin1(root.toBase64()) },
                                                                                                                                                            { QStringLiteral("treeSize"), QStringLiteral("1") },
                                                                                                                                                            { QStringLiteral("hashes"), QJsonArray() },
                                                                                                                                                            { QStringLiteral("checkpoint"), QJsonObject { { QStringLiteral("envelope"), QString::fromUtf8(checkpoint) } } } } },
                                                                                                                    { QStringLiteral("canonicalizedBody"), QString::fromLatin1(body.toBase64()) } } } } } },
                                 { QStringLiteral("messageSignature"), QJsonObject {
                                                                           { QStringLiteral("messageDigest"), QJsonObject { { QStringLiteral("algorithm"), QStringLiteral("SHA2_256") },
                                                                                                                  { QStringLiteral("digest"), QString::fromLatin1(signedDigest.toBase64()) } } },
                                                                           { QStringLiteral("signature"), QString::fromLatin1(signature.toBase64()) } } } })
            .toJson();
    }
};

} // namespace

class TestKeyless : public QObject {
    Q_OBJECT

private slots:
    void trustedRootsImportLikeKeys()
    {
        REQUIRE_SAMPLES();
        if (!QFileInfo(suite(QStringLiteral("trusted_root.public-good.json"))).isFile())
            QSKIP("sigstore-conformance is not among the samples");
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        EvidenceIndex index(*kase);
        // A keyless bundle of SLSA provenance, and no root yet: never verified on its certificate's word.
        ImportReport r = importInto(*kase, { suite(QStringLiteral("happy-path-intoto-in-dsse-v3/bundle.sigstore.json")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        auto provenance = [&] { return *fromSource((*index.forFingerprint(kA)).evidence, QStringLiteral("happy-path-intoto-in-dsse-v3")); };
        QCOMPARE(provenance().verification.verdict, Verification::UntrustedCertificate);

        // A case folder as the suite has it: its trusted root came inside that folder with the bundle, so it is held
        // untrusted and what it verifies says so.
        r = importInto(*kase, { suite(QStringLiteral("intoto-with-custom-trust-root")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.untrusted().size(), size_t(1));
        QCOMPARE(r.untrusted()[0].kind, QStringLiteral("trusted-root"));
        const QString custom = r.untrusted()[0].name;
        std::vector<EvidenceRecord> all = (*index.all());
        const EvidenceRecord* customBundle = fromSource(all, QStringLiteral("intoto-with-custom-trust-root/bundle"));
        QVERIFY(customBundle);
        QCOMPARE(customBundle->verification.verdict, Verification::UntrustedCertificate);
        QVERIFY2(customBundle->verification.detail.contains(QStringLiteral("verifies against trusted root '%1'").arg(custom))
                && customBundle->verification.detail.contains(QLatin1String("it came inside the folder")),
            qPrintable(customBundle->verification.detail));

        // The public-good root, named on its own: trusted, and the provenance imported before it verifies now.
        r = importInto(*kase, { suite(QStringLiteral("trusted_root.public-good.json")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QVERIFY(r.untrusted().empty());
        const EvidenceRecord p = provenance();
        QCOMPARE(p.verification.verdict, Verification::Verified);
        QCOMPARE(p.verification.signer, kBeacon);
        QCOMPARE(p.verification.issuer, QStringLiteral("https://token.actions.githubusercontent.com"));
        QCOMPARE(p.verification.trustedRoot, QStringLiteral("trusted_root.public-good"));
        QVERIFY(p.verification.trustedRootId > 0);
        QVERIFY(p.verification.trust.trusted);
        QCOMPARE(p.verification.trust.how, QStringLiteral("imported on its own"));
        QCOMPARE(p.verification.anchorSha256.size(), 64);

        // Two roots held, each with its parts and their windows.
        const std::vector<TrustedRootRecord> roots = (*index.trustedRoots());
        QCOMPARE(roots.size(), size_t(2));
        for (const TrustedRootRecord& root : roots) {
            QVERIFY(!root.parts.empty());
            for (const TrustedRootPart& part : root.parts)
                QVERIFY2(part.validFrom > 0 && !part.kind.isEmpty(), qPrintable(root.name));
            QCOMPARE(root.trust.trusted, root.name == QLatin1String("trusted_root.public-good"));
        }
        testutil::Run run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), kase->path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray listed = run.json().object().value(QStringLiteral("trusted_roots")).toArray();
        QCOMPARE(listed.size(), 2);
        for (const QJsonValue v : listed) {
            const QJsonObject part = v.toObject().value(QStringLiteral("parts")).toArray().at(0).toObject();
            QVERIFY(part.value(QStringLiteral("valid_from")).toString().endsWith(QLatin1Char('Z')));
            QVERIFY(part.contains(QStringLiteral("valid_until")));
        }
        run = testutil::runTideline({ QStringLiteral("keys"), QStringLiteral("--case"), kase->path() });
        QVERIFY2(run.out.contains("transparency-log") && run.out.contains("certificate-authority") && run.out.contains("https://rekor.sigstore.dev"),
            run.out.constData());

        // Trusting the custom root later verifies its bundle.
        Result<TrustChange> t = changeTrust(*kase, custom, true, QStringLiteral("auditor"), QStringLiteral("keys trust"));
        QVERIFY2(t.ok(), qPrintable(t.error()));
        QVERIFY(t->reverified >= 1);
        all = (*index.all());
        QCOMPARE(fromSource(all, QStringLiteral("intoto-with-custom-trust-root/bundle"))->verification.verdict, Verification::Verified);
        QCOMPARE(fromSource(all, QStringLiteral("intoto-with-custom-trust-root/bundle"))->verification.trustedRoot, custom);
    }

    // GitHub artifact attestations and npm provenance: {"attestations": [{"bundle": …}]}, with the root given on import.
    void attestationListsWithATrustedRoot()
    {
        REQUIRE_SAMPLES();
        if (!QFileInfo(suite(QStringLiteral("trusted_root.public-good.json"))).isFile())
            QSKIP("sigstore-conformance is not among the samples");
        QTemporaryDir dir;
        QJsonArray list;
        for (const QString& c : { QStringLiteral("happy-path-v0.3"), QStringLiteral("happy-path-intoto-in-dsse-v3") })
            list.append(QJsonObject { { QStringLiteral("bundle"), QJsonDocument::fromJson(testutil::readFile(suite(c + QStringLiteral("/bundle.sigstore.json")))).object() },
                { QStringLiteral("repository_id"), 1234 } });
        const QString file = dir.filePath(QStringLiteral("attestations.json"));
        testutil::writeFile(file, QJsonDocument(QJsonObject { { QStringLiteral("attestations"), list } }).toJson());
        auto kase = testutil::newCase(dir);
        const ImportReport r = importInto(*kase, { file }, { suite(QStringLiteral("trusted_root.public-good.json")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(2));
        QCOMPARE(r.imported[0].anchors.at(0).trust.how, QStringLiteral("import --trusted-root"));
        QCOMPARE(r.imported[1].format, QStringLiteral("sigstore-attestations"));
        QCOMPARE(r.imported[1].evidence, 2);
        EvidenceIndex index(*kase);
        const ArtifactEvidence a = (*index.forFingerprint(kA));
        QCOMPARE(a.evidence.size(), size_t(2));
        for (const EvidenceRecord& e : a.evidence) {
            QCOMPARE(e.verification.verdict, Verification::Verified);
            QCOMPARE(e.verification.signer, kBeacon);
        }
        // --trusted-root with a file that is no trusted root is an error naming it.
        const ImportReport bad = importInto(*kase, {}, { file });
        QCOMPARE(bad.errors.size(), size_t(1));
        QVERIFY2(bad.errors[0].message.contains(QLatin1String("not a Sigstore trusted root")), qPrintable(bad.errors[0].message));
    }

    // Bundles made here against a trusted root made here: the good one verifies; a self-issued certificate claiming
    // the same CI identity, a log entry signed with another log key, a tampered inclusion proof and a digest that is
    // not the artifact's do not; the same root inside the folder with the bundles verifies none of them.
    void bundlesMadeHere_data()
    {
        QTest::addColumn<int>("flaw");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("words");
        QTest::newRow("good") << int(World::Flaw::None) << "verified" << "";
        QTest::newRow("self-issued certificate") << int(World::Flaw::SelfIssued) << "untrusted-certificate" << "";
        QTest::newRow("wrong log key") << int(World::Flaw::WrongLogKey) << "invalid-inclusion-proof" << "signed entry timestamp does not verify";
        QTest::newRow("tampered proof") << int(World::Flaw::TamperedProof) << "invalid-inclusion-proof" << "inclusion proof";
        QTest::newRow("digest of another artifact") << int(World::Flaw::TamperedArtifactDigest) << "bad-signature" << "";
    }
    void bundlesMadeHere()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        QFETCH(int, flaw);
        QFETCH(QString, verdict);
        QFETCH(QString, words);
        QTemporaryDir dir;
        World w(dir);
        QVERIFY(w.make());
        const QByteArray artifact = "the release tarball\n";
        const QString sha = QString::fromLatin1(World::sha(artifact).toHex());
        const QString folder = dir.filePath(QStringLiteral("delivery"));
        QDir().mkpath(folder);
        testutil::writeFile(folder + QStringLiteral("/app.sigstore.json"), w.bundle(artifact, static_cast<World::Flaw>(flaw)));
        testutil::writeFile(folder + QStringLiteral("/test_root.json"), w.trustedRoot());
        const QString root = dir.filePath(QStringLiteral("test_root.json"));
        testutil::writeFile(root, w.trustedRoot());
        auto kase = testutil::newCase(dir);
        EvidenceIndex index(*kase);
        // Root and bundle in one folder: the root is held untrusted, and nothing verifies on its word.
        ImportReport r = importInto(*kase, { folder });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.untrusted().size(), size_t(1));
        auto evidence = [&]() -> EvidenceRecord {
            const std::vector<EvidenceRecord> list = (*index.forFingerprint(flaw == int(World::Flaw::TamperedArtifactDigest) ? QString::fromLatin1(World::sha("another artifact").toHex()) : sha)).evidence;
            return list.empty() ? EvidenceRecord() : list.front();
        };
        QVERIFY(evidence().id > 0);
        QVERIFY(evidence().verification.verdict != Verification::Verified);
        // The same root named on its own: trusted; the bundle is judged on its merits.
        r = importInto(*kase, { root });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        const VerificationOutcome v = evidence().verification;
        QVERIFY2(verificationName(v.verdict) == verdict, qPrintable(verificationName(v.verdict) + QStringLiteral(": ") + v.detail));
        QVERIFY2(v.detail.contains(words), qPrintable(v.detail));
        if (v.verdict == Verification::Verified) {
            QCOMPARE(v.signer, w.identity);
            QCOMPARE(v.issuer, w.issuer);
            // The same bytes as the folder's copy: that root, held untrusted until named on its own now.
            QCOMPARE(v.trustedRoot, QStringLiteral("test_root"));
            QVERIFY(v.signedAt.has_value());
            QVERIFY(v.trust.trusted);
            QCOMPARE(v.trust.how, QStringLiteral("imported on its own"));
            QVERIFY(v.trust.origin.startsWith(QLatin1String("inside the folder")));
        } else if (flaw == int(World::Flaw::SelfIssued)) {
            QVERIFY(!v.detail.contains(QLatin1String("verifies against")));
        }
    }

    // The policy names who must have signed: the beacon's identity is verified; another identity is not satisfied by
    // the same evidence, and says why.
    void policyNamesTheSigner()
    {
        REQUIRE_SAMPLES();
        if (!QFileInfo(suite(QStringLiteral("trusted_root.public-good.json"))).isFile())
            QSKIP("sigstore-conformance is not among the samples");
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        ImportOptions o;
        o.trustedRoots = { suite(QStringLiteral("trusted_root.public-good.json")) };
        o.forFingerprint = kA;
        o.attestationName = QStringLiteral("build-provenance");
        const ImportReport r = importPaths(*kase, { suite(QStringLiteral("happy-path-intoto-in-dsse-v3/bundle.sigstore.json")) }, o);
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        auto decide = [&](const QByteArray& signer) {
            Result<Policy> p = parsePolicy("_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  provenance: {required: true, signed: true}\n"
                                           "  attestations:\n    - name: build-provenance\n      type: generic\n      must_be_compliant: false\n"
                                           "      signer: "
                    + signer + "\n",
                QStringLiteral("p.yml"));
            if (!p)
                qFatal("%s", qPrintable(p.error()));
            std::optional<PolicyDecision> d;
            kase->reading([&]() -> Status {
                d = evaluatePolicy(*p, *caseFacts(*kase)->facts(kA, QStringLiteral("a.txt")));
                return {};
            });
            return *d;
        };
        PolicyDecision d = decide("{identity: '" + kBeacon.toUtf8() + "', issuer: https://token.actions.githubusercontent.com}");
        QCOMPARE(d.status, QStringLiteral("COMPLIANT")); // signed provenance that verifies is provenance, with no trail
        d = decide("{identity_regexp: '^https://github.com/sigstore-conformance/', issuer: https://token.actions.githubusercontent.com}");
        QCOMPARE(d.status, QStringLiteral("COMPLIANT"));
        d = decide("{identity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main'}");
        QCOMPARE(d.status, QStringLiteral("NON-COMPLIANT"));
        const RuleResolution& res = d.rules[2].resolutions.at(0);
        QCOMPARE(res.type, QStringLiteral("signer_mismatch"));
        QVERIFY2(res.detail.contains(kBeacon) && res.detail.contains(QLatin1String("not by the signer the policy requires")), qPrintable(res.detail));
        d = decide("{identity: '" + kBeacon.toUtf8() + "', issuer: https://accounts.google.com}");
        QCOMPARE(d.rules[2].resolutions.at(0).type, QStringLiteral("signer_mismatch"));
    }
};

QTEST_APPLESS_MAIN(TestKeyless)
#include "tst_keyless.moc"
