// SPDX-License-Identifier: GPL-3.0-or-later
// Keyless evidence in a case: Sigstore trusted roots imported like keys (several held, each with its parts and
// windows, trusted or not by where they came from), keyless bundles verified against them and again when one
// arrives later, the {"attestations": [...]} form of GitHub and npm, and an environment policy naming who must have
// signed, on the public sigstore-conformance files.

#include "testutil.h"

#include "compliance/evaluation.h"
#include "compliance/facts.h"
#include "compliance/policy.h"
#include "evidence/evidenceindex.h"
#include "evidence/trust.h"
#include "import/importer.h"
#include "store/casefile.h"

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
        auto provenance = [&] { return *fromSource(index.forFingerprint(kA).evidence, QStringLiteral("happy-path-intoto-in-dsse-v3")); };
        QCOMPARE(provenance().verification.verdict, Verification::UntrustedCertificate);

        // A case folder as the suite has it: its trusted root came inside that folder with the bundle, so it is held
        // untrusted and what it verifies says so.
        r = importInto(*kase, { suite(QStringLiteral("intoto-with-custom-trust-root")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.untrusted().size(), size_t(1));
        QCOMPARE(r.untrusted()[0].kind, QStringLiteral("trusted-root"));
        const QString custom = r.untrusted()[0].name;
        std::vector<EvidenceRecord> all = index.all();
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
        const std::vector<TrustedRootRecord> roots = index.trustedRoots();
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
        all = index.all();
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
        const ArtifactEvidence a = index.forFingerprint(kA);
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
                d = evaluatePolicy(*p, caseFacts(*kase)->facts(kA, QStringLiteral("a.txt")));
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
