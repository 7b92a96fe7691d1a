// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence formats: every sample file with its expected reading, variants and hostile input generated here, and
// the compliance decisions (latest of a name, overrides, flow templates).

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/attestations.h"
#include "evidence/koslicompliance.h"
#include "evidence/evidencefile.h"
#include "evidence/kosli.h"
#include "evidence/verifier.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>
#include <QtTest>

using namespace tideline;

namespace {

std::optional<Result<EvidenceFile>> read(const QByteArray& bytes, const QString& name = QStringLiteral("test-file"), EvidenceHints hints = {})
{
    JsonDocument json;
    return readEvidence(bytes, name, json, hints);
}

Result<EvidenceFile> readSample(const QString& relative)
{
    const QString path = testutil::sample(relative);
    auto r = read(testutil::readFile(path), path);
    if (!r)
        return Problem { path, QString(), QStringLiteral("not read as evidence") };
    return *r;
}

QJsonObject summaryOf(const EvidenceItem& item) { return QJsonDocument::fromJson(item.record.summary.toUtf8()).object(); }

QString compliance(const std::optional<bool>& c) { return !c ? QStringLiteral("null") : *c ? QStringLiteral("true") : QStringLiteral("false"); }

const char* kJUnitHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

EvidenceFact fact(qint64 id, const QString& name, const QString& type, std::optional<bool> compliant, Millis at, const QString& kosliId = QString(),
    const QString& overrides = QString())
{
    EvidenceFact f;
    f.evidenceId = id;
    f.name = name;
    f.type = type;
    f.compliant = compliant;
    f.at = at;
    f.kosliId = kosliId;
    f.overrides = overrides;
    f.kosliRecord = true;
    return f;
}

} // namespace

class TestEvidenceFormats : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    // --- samples: DSSE and in-toto --------------------------------------------------------------------------------

    void dsseLinkVerifiesWithBobOnly()
    {
        REQUIRE_SAMPLES();
        const QString link = testutil::sample(QStringLiteral("dsse/write-code.776a00e2.link"));
        Result<VerifyReport> bob = verifyFile(link, { testutil::sample(QStringLiteral("dsse/bob.pub")) });
        QVERIFY2(bob, qPrintable(bob.error()));
        QCOMPARE(verificationName(bob->outcome.verdict), QStringLiteral("verified"));
        QCOMPARE(bob->outcome.keyName, QStringLiteral("bob"));
        QCOMPARE(bob->kind, QStringLiteral("in-toto-link"));
        QCOMPARE(bob->subjects.size(), size_t(1));
        QCOMPARE(bob->subjects[0].name, QStringLiteral("foo.py"));
        QCOMPARE(bob->subjects[0].sha256, QStringLiteral("74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549"));
        QVERIFY(bob->outcome.detail.contains(QLatin1String("rsa-pss-sha256")));

        Result<VerifyReport> alice = verifyFile(link, { testutil::sample(QStringLiteral("dsse/alice.pub")) });
        QVERIFY(alice);
        QCOMPARE(verificationName(alice->outcome.verdict), QStringLiteral("unknown-key"));
        // With both keys, bob's verifies.
        Result<VerifyReport> both = verifyFile(link, { testutil::sample(QStringLiteral("dsse/alice.pub")), testutil::sample(QStringLiteral("dsse/bob.pub")) });
        QCOMPARE(both->outcome.verdict, Verification::Verified);
        QCOMPARE(both->outcome.keyName, QStringLiteral("bob"));
    }

    void unsignedLayout()
    {
        REQUIRE_SAMPLES();
        Result<VerifyReport> r = verifyFile(testutil::sample(QStringLiteral("dsse/demo.layout.template-unsigned")),
            { testutil::sample(QStringLiteral("dsse/bob.pub")), testutil::sample(QStringLiteral("dsse/alice.pub")) });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("unsigned"));
        QCOMPARE(r->kind, QStringLiteral("in-toto-layout"));
        QVERIFY(r->subjects.empty());
    }

    void publicKeySamplesAreKeys_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("alice") << "dsse/alice.pub" << "rsa-3072";
        QTest::newRow("bob") << "dsse/bob.pub" << "rsa-3072";
        QTest::newRow("sigstore managed key") << "sigstore/managed-key-happy-path/key.pub" << "ecdsa-p256";
    }
    void publicKeySamplesAreKeys()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, file);
        QFETCH(QString, algorithm);
        Result<EvidenceFile> f = readSample(file);
        QVERIFY2(f, qPrintable(f.error()));
        QCOMPARE(f->keys.size(), size_t(1));
        QCOMPARE(f->keys[0].key.algorithm(), algorithm);
        QVERIFY(f->items.empty());
    }

    // --- samples: Sigstore ----------------------------------------------------------------------------------------

    void sigstoreManagedKey()
    {
        REQUIRE_SAMPLES();
        const QString bundle = testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/bundle.sigstore.json"));
        const QString key = testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/key.pub"));
        Result<VerifyReport> r = verifyFile(bundle, { key });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("verified"));
        QCOMPARE(r->format, QStringLiteral("sigstore-bundle-v0.3"));
        QCOMPARE(r->kind, QStringLiteral("message-signature"));
        QCOMPARE(r->subjects.size(), size_t(1));
        // The digest the bundle carries is a.txt's.
        QCOMPARE(r->subjects[0].sha256, QStringLiteral("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"));
        // The hint names the key.
        QCOMPARE(r->parts[0].verification.signatures[0].keyid, QStringLiteral("TLMsSDfG3ajPsWge+z/vX5T/zluXnmvbkTkwLIV68Tk="));

        Result<VerifyReport> withArtifact = verifyFile(bundle, { key }, testutil::sample(QStringLiteral("sigstore/a.txt")));
        QCOMPARE(withArtifact->outcome.verdict, Verification::Verified);
        QCOMPARE(withArtifact->artifactMatches, std::optional<bool>(true));
        Result<VerifyReport> otherArtifact = verifyFile(bundle, { key }, testutil::sample(QStringLiteral("dsse/bob.pub")));
        QCOMPARE(verificationName(otherArtifact->outcome.verdict), QStringLiteral("bad-signature"));
        QCOMPARE(otherArtifact->artifactMatches, std::optional<bool>(false));
        Result<VerifyReport> noKey = verifyFile(bundle, {});
        QCOMPARE(verificationName(noKey->outcome.verdict), QStringLiteral("unknown-key"));
        Result<VerifyReport> wrongKey = verifyFile(bundle, { testutil::sample(QStringLiteral("dsse/bob.pub")) });
        QVERIFY(wrongKey->outcome.verdict != Verification::Verified);
    }

    void sigstoreKeylessDsse()
    {
        REQUIRE_SAMPLES();
        Result<VerifyReport> r = verifyFile(testutil::sample(QStringLiteral("sigstore/happy-path-intoto-in-dsse-v3.sigstore.json")), {});
        QVERIFY2(r, qPrintable(r.error()));
        // No trusted root: the certificate it carries proves nothing about who signed.
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("untrusted-certificate"));
        QCOMPARE(r->outcome.signer, QStringLiteral("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"));
        // With the public-good trusted root every check holds: verified, with the proven signing time.
        Result<VerifyReport> rooted = verifyFile(testutil::sample(QStringLiteral("sigstore/happy-path-intoto-in-dsse-v3.sigstore.json")), {}, QString(),
            { testutil::sample(QStringLiteral("sigstore-conformance/bundle-verify/trusted_root.public-good.json")) });
        QVERIFY2(rooted, qPrintable(rooted.error()));
        QCOMPARE(verificationName(rooted->outcome.verdict), QStringLiteral("verified"));
        QVERIFY(rooted->outcome.signedAt.has_value());
        QCOMPARE(rooted->outcome.trustedRoot, QStringLiteral("trusted_root.public-good.json"));
        QCOMPARE(r->predicateType, QStringLiteral("https://slsa.dev/provenance/v1"));
        QCOMPARE(r->kind, QStringLiteral("in-toto-statement"));
        QCOMPARE(r->subjects.size(), size_t(1));
        QCOMPARE(r->subjects[0].name, QStringLiteral("a.txt"));
        QCOMPARE(r->subjects[0].sha256, QStringLiteral("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"));
        QVERIFY(!r->parts[0].verification.signatures[0].signer.isEmpty());

        Result<VerifyReport> bad = verifyFile(testutil::sample(QStringLiteral("sigstore/dsse-invalid-sig_fail.sigstore.json")), {});
        QVERIFY(bad);
        QCOMPARE(verificationName(bad->outcome.verdict), QStringLiteral("bad-signature"));
    }

    void sigstoreMediaTypes_data()
    {
        QTest::addColumn<QString>("mediaType");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("v0.1") << "application/vnd.dev.sigstore.bundle+json;version=0.1" << "verified";
        QTest::newRow("v0.2") << "application/vnd.dev.sigstore.bundle+json;version=0.2" << "verified";
        QTest::newRow("v0.3") << "application/vnd.dev.sigstore.bundle+json;version=0.3" << "verified";
        QTest::newRow("v0.3 new") << "application/vnd.dev.sigstore.bundle.v0.3+json" << "verified";
        QTest::newRow("unknown version") << "application/vnd.dev.sigstore.bundle+json;version=99.9" << "unsupported";
    }
    void sigstoreMediaTypes()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, mediaType);
        QFETCH(QString, verdict);
        QJsonObject bundle = QJsonDocument::fromJson(testutil::readFile(testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/bundle.sigstore.json")))).object();
        bundle.insert(QStringLiteral("mediaType"), mediaType);
        const QString path = m_dir.filePath(QStringLiteral("bundle-%1.json").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
        testutil::writeFile(path, QJsonDocument(bundle).toJson());
        Result<VerifyReport> r = verifyFile(path, { testutil::sample(QStringLiteral("sigstore/managed-key-happy-path/key.pub")) });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(verificationName(r->outcome.verdict), verdict);
    }

    void sigstoreLogEntryMustAgree()
    {
        REQUIRE_SAMPLES();
        // Swap the valid signature of the happy bundle into a bundle whose log entry records another: the signature
        // verifies, the entry does not agree.
        QJsonObject good = QJsonDocument::fromJson(testutil::readFile(testutil::sample(QStringLiteral("sigstore/happy-path-intoto-in-dsse-v3.sigstore.json")))).object();
        const QJsonObject bad = QJsonDocument::fromJson(testutil::readFile(testutil::sample(QStringLiteral("sigstore/dsse-invalid-sig_fail.sigstore.json")))).object();
        QJsonObject material = good.value(QStringLiteral("verificationMaterial")).toObject();
        material.insert(QStringLiteral("tlogEntries"), bad.value(QStringLiteral("verificationMaterial")).toObject().value(QStringLiteral("tlogEntries")));
        good.insert(QStringLiteral("verificationMaterial"), material);
        const QString path = m_dir.filePath(QStringLiteral("mismatch.sigstore.json"));
        testutil::writeFile(path, QJsonDocument(good).toJson());
        Result<VerifyReport> r = verifyFile(path, {});
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("log-entry-mismatch"));
        QVERIFY2(r->outcome.detail.contains(QLatin1String("log entry")), qPrintable(r->outcome.detail));
    }

    // --- samples: JUnit ---------------------------------------------------------------------------------------------

    void junitSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("tests");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<QString>("compliant");
        QTest::newRow("pytest-fail") << "junit/pytest-fail.xml" << 5 << 1 << 0 << 1 << "false";
        QTest::newRow("pytest-report-570") << "junit/pytest-report-570.xml" << 570 << 0 << 0 << 6 << "true";
        // Counted from the cases: seven skipped cases, whatever the suite's skipped="5" says.
        QTest::newRow("surefire-ancient") << "junit/surefire-ancient.xml" << 7 << 0 << 0 << 7 << "true";
        QTest::newRow("testsuite-in-testsuite") << "junit/testsuite-in-testsuite.xml" << 5 << 0 << 0 << 0 << "true";
        QTest::newRow("testsuite-root") << "junit/testsuite-root.xml" << 5 << 0 << 0 << 0 << "true";
        QTest::newRow("with-xml-entities") << "junit/with-xml-entities.xml" << 4 << 1 << 1 << 2 << "false";
        QTest::newRow("xunit-bom") << "junit/xunit-bom.xml" << 2 << 0 << 0 << 0 << "true";
    }
    void junitSamples()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, file);
        QFETCH(int, tests);
        QFETCH(int, failures);
        QFETCH(int, errors);
        QFETCH(int, skipped);
        QFETCH(QString, compliant);
        Result<EvidenceFile> f = readSample(file);
        QVERIFY2(f, qPrintable(f.error()));
        QCOMPARE(f->items.size(), size_t(1));
        const EvidenceItem& item = f->items[0];
        QCOMPARE(item.record.kind, QStringLiteral("junit"));
        QCOMPARE(item.record.type, QStringLiteral("junit"));
        QVERIFY(!item.signedContent);
        const QJsonObject s = summaryOf(item);
        QCOMPARE(s.value(QStringLiteral("tests")).toInt(), tests);
        QCOMPARE(s.value(QStringLiteral("failures")).toInt(), failures);
        QCOMPARE(s.value(QStringLiteral("errors")).toInt(), errors);
        QCOMPARE(s.value(QStringLiteral("skipped")).toInt(), skipped);
        QCOMPARE(compliance(item.record.compliant), compliant);
    }

    void junitEntitiesAreDecoded()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("junit/with-xml-entities.xml"));
        const QJsonArray failed = summaryOf(f->items[0]).value(QStringLiteral("failed")).toArray();
        QVERIFY(failed.contains(QStringLiteral("Test with 'apostrophe' in the test name")));
        QVERIFY(failed.contains(QStringLiteral("Test with & in the test name")));
    }

    void junitTruncatedIsAnError()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("junit/corrupt-truncated.xml"));
        QVERIFY(!f);
        QVERIFY(f.problem().file.endsWith(QLatin1String("corrupt-truncated.xml")));
        QVERIFY(f.problem().where.startsWith(QLatin1String("line ")));
        QVERIFY2(f.problem().message.contains(QLatin1String("truncated")), qPrintable(f.problem().message));
    }

    void junitVariants_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("tests");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<QString>("compliant");
        // Several results on one case: it counts once, error before failure before skipped.
        QTest::newRow("multiresult") << QByteArray(kJUnitHead) + "<testsuites><testsuite name=\"s\">"
                                                                "<testcase name=\"a\"><skipped/><failure message=\"f\">x</failure><error message=\"e\">y</error></testcase>"
                                                                "<testcase name=\"b\"><skipped/><failure/></testcase>"
                                                                "<testcase name=\"c\"><skipped/></testcase><testcase name=\"d\"/></testsuite></testsuites>"
                                     << 4 << 1 << 1 << 1 << "false";
        // tst's status attributes: a disabled test is not a skipped one (as Kosli counts); a failed status without a
        // result element still fails.
        QTest::newRow("status attributes") << QByteArray("<testsuite><testcase name=\"a\" status=\"failed\"/><testcase name=\"b\" status=\"disabled\"/>"
                                                         "<testcase name=\"c\" status=\"passed\"/><testcase name=\"d\" status=\"errored\"><error/></testcase>"
                                                         "<testcase name=\"e\" status=\"run\" result=\"skipped\"/></testsuite>")
                                           << 5 << 1 << 1 << 1 << "false";
        QTest::newRow("surefire rerun error") << QByteArray("<testsuite><testcase name=\"a\"><error/><rerunError/><rerunError/></testcase>"
                                                            "<testcase name=\"b\"><failure/><rerunFailure/></testcase><testcase name=\"c\"><flakyError/></testcase></testsuite>")
                                              << 3 << 1 << 1 << 0 << "false";
        QTest::newRow("surefire flaky passes") << QByteArray("<testsuite><testcase name=\"a\"><flakyFailure message=\"once\"/></testcase></testsuite>")
                                               << 1 << 0 << 0 << 0 << "true";
        QTest::newRow("surefire rerun failure") << QByteArray("<testsuite><testcase name=\"a\"><rerunFailure message=\"again\"/></testcase></testsuite>")
                                                << 1 << 1 << 0 << 0 << "false";
        QTest::newRow("suite-level error") << QByteArray("<testsuite><error message=\"setUpClass failed\"/><testcase name=\"a\"/></testsuite>")
                                           << 1 << 0 << 1 << 0 << "false";
        // An empty report is no passing run.
        QTest::newRow("no cases") << QByteArray("<testsuites/>") << 0 << 0 << 0 << 0 << "null";
        QTest::newRow("bare testsuite no cases") << QByteArray("<testsuite name=\"x\" tests=\"3\" failures=\"0\"></testsuite>") << 0 << 0 << 0 << 0
                                                 << "null";
        QTest::newRow("properties and output") << QByteArray("<testsuites><properties><property name=\"a\" value=\"1\"/></properties><testsuite>"
                                                             "<testcase name=\"a\"><system-out>&lt;ok&gt; &#x263A;</system-out></testcase></testsuite></testsuites>")
                                               << 1 << 0 << 0 << 0 << "true";
        QTest::newRow("CDATA") << QByteArray("<testsuite><testcase name=\"a\"><failure><![CDATA[<boom>]]></failure></testcase></testsuite>") << 1 << 1
                               << 0 << 0 << "false";
    }
    void junitVariants()
    {
        QFETCH(QByteArray, xml);
        QFETCH(int, tests);
        QFETCH(int, failures);
        QFETCH(int, errors);
        QFETCH(int, skipped);
        QFETCH(QString, compliant);
        auto r = read(xml, QStringLiteral("results.xml"));
        QVERIFY(r);
        QVERIFY2(*r, qPrintable(r->error()));
        const QJsonObject s = summaryOf((*r)->items[0]);
        QCOMPARE(s.value(QStringLiteral("tests")).toInt(), tests);
        QCOMPARE(s.value(QStringLiteral("failures")).toInt(), failures);
        QCOMPARE(s.value(QStringLiteral("errors")).toInt(), errors);
        QCOMPARE(s.value(QStringLiteral("skipped")).toInt(), skipped);
        QCOMPARE(compliance((*r)->items[0].record.compliant), compliant);
    }

    void junitUtf16()
    {
        QStringEncoder enc(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        const QByteArray xml = enc(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite><testcase name=\"é\"><failure/></testcase></testsuite>"));
        auto r = read(xml, QStringLiteral("utf16.xml"));
        QVERIFY(r && *r);
        QCOMPARE(summaryOf((*r)->items[0]).value(QStringLiteral("failures")).toInt(), 1);
    }

    void junitHostile_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("message");
        QTest::newRow("external entity") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                                       "<testsuite><testcase name=\"&x;\"/></testsuite>")
                                         << "document type declaration";
        QTest::newRow("entity expansion") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
                                                        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]><testsuite><testcase name=\"&c;\"><failure/></testcase></testsuite>")
                                          << "document type declaration";
        QTest::newRow("undeclared entity") << QByteArray("<testsuite><testcase name=\"&nope;\"/></testsuite>") << "nope";
        QTest::newRow("an encoding nothing knows") << QByteArray("<?xml version=\"1.0\" encoding=\"x-tideline-none\"?><testsuite/>")
                                                   << "x-tideline-none";
        QTest::newRow("bytes not UTF-8") << QByteArray("<testsuite><testcase name=\"caf\xe9\"/></testsuite>") << "UTF-8";
        QTest::newRow("malformed") << QByteArray("<testsuite><testcase name=\"a\"></testsuite>") << "malformed XML";
        QTest::newRow("not JUnit") << QByteArray("<?xml version=\"1.0\"?><suites><suite name=\"s\"><case name=\"a\" result=\"passed\"/></suite></suites>")
                                   << "not JUnit";
        QByteArray deep = "<testsuite>";
        for (int i = 0; i < 300; ++i)
            deep += "<testsuite>";
        QTest::newRow("deep nesting") << deep << "nested deeper";
    }
    void junitHostile()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, message);
        auto r = read(xml, QStringLiteral("hostile.xml"));
        QVERIFY(r);
        QVERIFY(!*r);
        QCOMPARE(r->problem().file, QStringLiteral("hostile.xml"));
        QVERIFY2(r->problem().message.contains(message), qPrintable(r->problem().toString()));
    }

    // A report in an encoding it declares (Kosli's own test data has ISO-8859-1 reports) reads as declared.
    void junitDeclaredEncodings_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("name");
        QTest::newRow("ISO-8859-1") << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuites><testsuite name=\"s\">"
                                                  "<testcase name=\"caf\xe9\"><failure/></testcase></testsuite></testsuites>")
                                    << QStringLiteral("caf\u00e9");
        QTest::newRow("ISO-8859-15") << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<testsuites><testsuite name=\"s\">"
                                                   "<testcase name=\"\xa4uro\"><failure/></testcase></testsuite></testsuites>")
                                     << QStringLiteral("\u20acuro");
        QTest::newRow("windows-1252") << QByteArray("<?xml version='1.0' encoding='windows-1252'?><testsuite name=\"s\">"
                                                    "<testcase name=\"\x93q\x94\"><failure/></testcase></testsuite>")
                                      << QStringLiteral("\u201cq\u201d");
    }
    void junitDeclaredEncodings()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, name);
        auto r = read(xml, QStringLiteral("latin.xml"));
        QVERIFY(r);
        QVERIFY2(*r, qPrintable(r->error()));
        const EvidenceRecord& rec = (*r)->items.at(0).record;
        QCOMPARE(rec.compliant, std::optional<bool>(false));
        QVERIFY2(rec.summary.contains(name), qPrintable(rec.summary));
    }

    void otherXmlIsNotEvidence()
    {
        QVERIFY(!read("<?xml version=\"1.0\"?><project><modelVersion>4.0.0</modelVersion></project>"));
        // Unless it is bound as evidence: then it must be JUnit.
        EvidenceHints bound;
        bound.expectEvidence = true;
        auto r = read("<project/>", QStringLiteral("pom.xml"), bound);
        QVERIFY(r && !*r);
    }

    // --- samples: SARIF ---------------------------------------------------------------------------------------------

    void sarifSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("results");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("warning");
        QTest::addColumn<int>("note");
        QTest::addColumn<bool>("executionSuccessful");
        QTest::addColumn<QString>("compliant");
        QTest::newRow("eslint") << "sarif/eslint-simple.sarif" << 1 << 1 << 0 << 0 << true << "false";
        QTest::newRow("snyk code") << "sarif/snyk-code.sarif.json" << 34 << 0 << 9 << 25 << true << "false";
        QTest::newRow("snyk code full") << "sarif/snyk-code-full.sarif.json" << 34 << 0 << 9 << 25 << true << "false";
        QTest::newRow("snyk container") << "sarif/snyk-container.sarif.json" << 3 << 2 << 1 << 0 << true << "false";
        QTest::newRow("snyk empty container") << "sarif/snyk-empty-container.sarif.json" << 0 << 0 << 0 << 0 << true << "true";
        QTest::newRow("snyk iac") << "sarif/snyk-iac.sarif.json" << 126 << -1 << -1 << -1 << true << "false";
        QTest::newRow("suppressions") << "sarif/suppressions.sarif" << 9 << 0 << 9 << 0 << true << "false";
    }
    void sarifSamples()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, file);
        QFETCH(int, results);
        QFETCH(int, error);
        QFETCH(int, warning);
        QFETCH(int, note);
        QFETCH(bool, executionSuccessful);
        QFETCH(QString, compliant);
        Result<EvidenceFile> f = readSample(file);
        QVERIFY2(f, qPrintable(f.error()));
        const EvidenceItem& item = f->items.at(0);
        QCOMPARE(item.record.kind, QStringLiteral("sarif"));
        const QJsonObject s = summaryOf(item);
        QCOMPARE(s.value(QStringLiteral("results")).toInt(), results);
        if (error >= 0) {
            QCOMPARE(s.value(QStringLiteral("error")).toInt(), error);
            QCOMPARE(s.value(QStringLiteral("warning")).toInt(), warning);
            QCOMPARE(s.value(QStringLiteral("note")).toInt(), note);
        }
        QCOMPARE(s.value(QStringLiteral("error")).toInt() + s.value(QStringLiteral("warning")).toInt() + s.value(QStringLiteral("note")).toInt()
                + s.value(QStringLiteral("none")).toInt(),
            results);
        QCOMPARE(s.value(QStringLiteral("execution_successful")).toBool(), executionSuccessful);
        QCOMPARE(compliance(item.record.compliant), compliant);
    }

    void sarifSuppressionsAreCountedNotDropped()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("sarif/suppressions.sarif"));
        // Accepted or status-less suppressions: in source, external, accepted, accepted+rejected, unqualified+rejected.
        QCOMPARE(summaryOf(f->items[0]).value(QStringLiteral("suppressed")).toInt(), 5);
    }

    void sarifRuns_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("compliant");
        QTest::addColumn<bool>("executionSuccessful");
        QTest::addColumn<int>("error");
        const QByteArray head = "{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",";
        QTest::newRow("clean run") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[]}]}" << "true" << true << 0;
        QTest::newRow("failed execution, no results") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"invocations\":[{\"executionSuccessful\":false}],\"results\":[]}]}"
                                                      << "false" << false << 0;
        // SARIF §3.20.14: executionSuccessful is what says the tool ran to its end; its error notifications beside
        // executionSuccessful: true do not make the scan fail. Without executionSuccessful they do.
        QTest::newRow("error notification, execution successful") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"invocations\":[{\"executionSuccessful\":true,"
                                                      "\"toolExecutionNotifications\":[{\"level\":\"error\",\"message\":{\"text\":\"crash\"}}]}],\"results\":[]}]}"
                                            << "true" << true << 0;
        QTest::newRow("error notification, no verdict") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"invocations\":[{"
                                                      "\"toolExecutionNotifications\":[{\"level\":\"error\",\"message\":{\"text\":\"crash\"}}]}],\"results\":[]}]}"
                                            << "false" << false << 0;
        QTest::newRow("execution failed") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"invocations\":[{\"executionSuccessful\":false}],"
                                                    "\"results\":[]}]}"
                                          << "false" << false << 0;
        QTest::newRow("no runs") << head + "\"runs\":[]}" << "false" << false << 0;
        QTest::newRow("null runs") << head + "\"runs\":null}" << "false" << false << 0;
        QTest::newRow("run without results") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}}}]}" << "false" << false << 0;
        QTest::newRow("level from rule via ruleIndex") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\",\"rules\":[{\"id\":\"R0\","
                                                                 "\"defaultConfiguration\":{\"level\":\"error\"}}]}},\"results\":[{\"ruleId\":\"R1\",\"ruleIndex\":0,"
                                                                 "\"message\":{\"text\":\"x\"}}]}]}"
                                                       << "false" << true << 1;
        // §3.27.9: only a result of kind "fail" (the default) says something is wrong; an accepted suppression
        // (§3.34: no status means accepted) clears a failing one.
        QTest::newRow("pass result is no failure") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{\"kind\":\"pass\","
                                                                 "\"message\":{\"text\":\"ok\"}}]}]}"
                                                       << "true" << true << 0;
        QTest::newRow("failing result") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{"
                                                  "\"message\":{\"text\":\"bad\"}}]}]}"
                                        << "false" << true << 0;
        QTest::newRow("every failure suppressed") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{"
                                                            "\"message\":{\"text\":\"bad\"},\"suppressions\":[{\"kind\":\"external\"}]}]}]}"
                                                  << "true" << true << 0;
        QTest::newRow("suppression under review") << head + "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{"
                                                            "\"message\":{\"text\":\"bad\"},\"suppressions\":[{\"kind\":\"external\",\"status\":\"underReview\"}]}]}]}"
                                                  << "false" << true << 0;
    }
    void sarifRuns()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, compliant);
        QFETCH(bool, executionSuccessful);
        QFETCH(int, error);
        auto r = read(json, QStringLiteral("scan.sarif"));
        QVERIFY(r);
        QVERIFY2(*r, qPrintable(r->error()));
        const QJsonObject s = summaryOf((*r)->items[0]);
        QCOMPARE(compliance((*r)->items[0].record.compliant), compliant);
        QCOMPARE(s.value(QStringLiteral("execution_successful")).toBool(), executionSuccessful);
        QCOMPARE(s.value(QStringLiteral("error")).toInt(), error);
    }

    void sarifOtherVersionIsAnError()
    {
        auto r = read("{\"version\":\"2.0.0\",\"$schema\":\"http://json.schemastore.org/sarif-2.0.0\",\"runs\":[]}", QStringLiteral("old.sarif"));
        QVERIFY(r && !*r);
        QVERIFY(r->problem().message.contains(QLatin1String("2.0.0")));
    }

    // --- samples: SBOMs ---------------------------------------------------------------------------------------------

    void spdxBindsToTheDescribedFile()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("sbom/example11-sbom.spdx.json"));
        QVERIFY2(f, qPrintable(f.error()));
        const EvidenceItem& item = f->items.at(0);
        QCOMPARE(item.record.kind, QStringLiteral("spdx"));
        QCOMPARE(item.subjectVia, QStringLiteral("sbom"));
        // The described file's SHA256, never a dependency package's.
        QCOMPARE(item.subjects.size(), size_t(1));
        QCOMPARE(item.subjects[0].sha256, QStringLiteral("bd2195f2551328fa3ad870726f5591fd82fdc5dd33a359be79d356dbecd5868b"));
        QVERIFY(!item.record.compliant);
    }

    void spdxPackageIsItsDistributionFile()
    {
        const QString tarball = QString(64, QLatin1Char('3'));
        // SPDX 3 JSON-LD: the document's root is a package with no digest, containing the released tarball.
        const QByteArray spdx3 = QStringLiteral(
            "{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":["
            "{\"spdxId\":\"doc\",\"type\":\"SpdxDocument\",\"rootElement\":[\"pkg\"]},"
            "{\"spdxId\":\"rel\",\"type\":\"Relationship\",\"relationshipType\":\"contains\",\"from\":\"pkg\",\"to\":[\"file\"]},"
            "{\"spdxId\":\"pkg\",\"type\":\"software_Package\",\"name\":\"hello\",\"verifiedUsing\":[{\"type\":\"PackageVerificationCode\",\"algorithm\":\"sha1\",\"hashValue\":\"b3\"}]},"
            "{\"spdxId\":\"file\",\"type\":\"software_File\",\"name\":\"./hello-0.0.1.tar.gz\",\"verifiedUsing\":[{\"type\":\"Hash\",\"algorithm\":\"sha256\",\"hashValue\":\"%1\"}]}]}")
                                     .arg(tarball)
                                     .toUtf8();
        auto r = read(spdx3);
        QVERIFY(r && *r);
        QCOMPARE((*r)->items[0].record.format, QStringLiteral("spdx-3-jsonld"));
        QCOMPARE((*r)->items[0].subjects.size(), size_t(1));
        QCOMPARE((*r)->items[0].subjects[0].sha256, tarball);
        // SPDX 2.x: the same through CONTAINS; a dependency's checksum never binds.
        const QByteArray spdx2 = QStringLiteral(
            "{\"spdxVersion\":\"SPDX-2.2\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"hello\",\"documentDescribes\":[\"SPDXRef-Package-hello\"],"
            "\"packages\":[{\"SPDXID\":\"SPDXRef-Package-hello\",\"name\":\"hello\"},{\"SPDXID\":\"SPDXRef-dep\",\"name\":\"dep\",\"checksums\":[{\"algorithm\":\"SHA256\","
            "\"checksumValue\":\"%2\"}]}],\"files\":[{\"SPDXID\":\"SPDXRef-File-tar\",\"fileName\":\"./hello-0.0.1.tar.gz\",\"checksums\":[{\"algorithm\":\"SHA256\","
            "\"checksumValue\":\"%1\"}]}],\"relationships\":[{\"spdxElementId\":\"SPDXRef-Package-hello\",\"relationshipType\":\"CONTAINS\","
            "\"relatedSpdxElement\":\"SPDXRef-File-tar\"},{\"spdxElementId\":\"SPDXRef-Package-hello\",\"relationshipType\":\"DEPENDS_ON\","
            "\"relatedSpdxElement\":\"SPDXRef-dep\"}]}")
                                     .arg(tarball, QString(64, QLatin1Char('4')))
                                     .toUtf8();
        r = read(spdx2);
        QVERIFY(r && *r);
        QCOMPARE((*r)->items[0].subjects.size(), size_t(1));
        QCOMPARE((*r)->items[0].subjects[0].sha256, tarball);
    }

    void cycloneDxWithoutComponentHashBindsNothing()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("sbom/laravel-bom-1.4.cdx.json"));
        QVERIFY2(f, qPrintable(f.error()));
        QCOMPARE(f->items.at(0).record.kind, QStringLiteral("cyclonedx"));
        QVERIFY(f->items[0].subjects.empty()); // its 62 components' hashes are dependencies
        QCOMPARE(summaryOf(f->items[0]).value(QStringLiteral("components")).toInt(), 62);
    }

    void cycloneDxSubjects()
    {
        const QString hex = QStringLiteral("3e118685") + QString(56, QLatin1Char('a'));
        const QByteArray byHash = QStringLiteral("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"component\":{\"type\":\"container\",\"name\":\"app\","
                                                 "\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"%1\"}]}},\"components\":[{\"name\":\"dep\",\"hashes\":[{\"alg\":"
                                                 "\"SHA-256\",\"content\":\"%2\"}]}]}")
                                      .arg(hex, QString(64, QLatin1Char('b')))
                                      .toUtf8();
        auto r = read(byHash);
        QVERIFY(r && *r);
        QCOMPARE((*r)->items[0].subjects.size(), size_t(1));
        QCOMPARE((*r)->items[0].subjects[0].sha256, hex);
        const QByteArray byPurl = QStringLiteral("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"metadata\":{\"component\":{\"type\":\"container\",\"name\":\"app\","
                                                 "\"purl\":\"pkg:oci/app@sha256%3A%1?arch=amd64\"}}}")
                                      .arg(hex.toUpper())
                                      .toUtf8();
        r = read(byPurl);
        QVERIFY(r && *r);
        QCOMPARE((*r)->items[0].subjects.at(0).sha256, hex);
    }

    // --- Kosli ------------------------------------------------------------------------------------------------------

    void kosliTrail()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("kosli/trail-creator-ci.json"));
        QVERIFY2(f, qPrintable(f.error()));
        QCOMPARE(f->format, QStringLiteral("kosli-trail"));
        QVERIFY(f->trail);
        QCOMPARE(f->trail->trail.flow, QStringLiteral("creator-ci"));
        QCOMPARE(f->trail->trail.name, QStringLiteral("65fd2bfa2478534ea4bc5ccf30f6bfc6aab7550c"));
        QCOMPARE(f->trail->trail.complianceState, QStringLiteral("COMPLIANT"));
        QVERIFY(f->trail->flowTemplate);
        QCOMPARE(f->trail->flowTemplate->requirements.size(), size_t(5));
        QCOMPARE(f->trail->flowTemplate->artifacts, QStringList { QStringLiteral("creator") });
        QCOMPARE(f->provenance.size(), size_t(1));
        QCOMPARE(f->provenance[0].fingerprint, QStringLiteral("ce59db031695ca55deaaacefda233875fe5c32783c69816fcea2bb3642636e4f"));
        QCOMPARE(f->provenance[0].templateName, QStringLiteral("creator"));
        QCOMPARE(f->items.size(), size_t(6));
        int artifactLevel = 0;
        for (const EvidenceItem& item : f->items) {
            QCOMPARE(item.record.kind, QStringLiteral("kosli-attestation"));
            QCOMPARE(item.record.compliant, std::optional<bool>(true));
            QVERIFY(item.record.createdAt); // from the trail's events
            QCOMPARE(item.bindings.size(), size_t(1)); // trail-level ones bind to the trail's one artifact too
            QCOMPARE(item.bindings[0].fingerprint, f->provenance[0].fingerprint);
            artifactLevel += item.bindings[0].subject == QLatin1String("creator") ? 1 : 0;
        }
        QCOMPARE(artifactLevel, 3);
    }

    void kosliTrailTemplateFromStatus()
    {
        REQUIRE_SAMPLES();
        // An export without its template: the expected attestations (made or missing) are in the status.
        QJsonObject trail = QJsonDocument::fromJson(testutil::readFile(testutil::sample(QStringLiteral("kosli/trail-creator-ci.json")))).object();
        trail.remove(QStringLiteral("template"));
        auto r = read(QJsonDocument(trail).toJson(), QStringLiteral("trail.json"));
        QVERIFY(r && *r);
        const FlowTemplate& t = *(*r)->trail->flowTemplate;
        QStringList names;
        for (const TemplateRequirement& req : t.requirements)
            names << (req.artifact.isEmpty() ? req.name : req.artifact + QLatin1Char('.') + req.name);
        // dast-report was unexpected: not a requirement.
        QCOMPARE(names, (QStringList { QStringLiteral("pull-request"), QStringLiteral("branch-protection"), QStringLiteral("creator.lint"),
                            QStringLiteral("creator.unit-test"), QStringLiteral("creator.test-branch-coverage") }));
    }

    void kosliTrailWithoutRequirements()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("kosli/trail-dashboard-ci.json"));
        QVERIFY2(f, qPrintable(f.error()));
        QCOMPARE(f->trail->trail.flow, QStringLiteral("dashboard-ci"));
        QVERIFY(f->trail->flowTemplate);
        QVERIFY(f->trail->flowTemplate->requirements.empty());
        QCOMPARE(f->items.size(), size_t(8));
        QCOMPARE(f->provenance.size(), size_t(1));
        QCOMPARE(f->provenance[0].artifactName, QStringLiteral("244531986313.dkr.ecr.eu-central-1.amazonaws.com/dashboard:a6ece2b"));
    }

    void flowTemplateSample()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readSample(QStringLiteral("kosli/valid_template.yml"));
        QVERIFY2(f, qPrintable(f.error()));
        QVERIFY(f->flowTemplate);
        const auto& reqs = f->flowTemplate->requirements;
        QCOMPARE(reqs.size(), size_t(2));
        QCOMPARE(reqs[0].artifact, QString());
        QCOMPARE(reqs[0].name, QStringLiteral("bar"));
        QCOMPARE(reqs[1].artifact, QStringLiteral("cli"));
        QCOMPARE(reqs[1].name, QStringLiteral("foo"));
        QCOMPARE(reqs[1].type, QStringLiteral("generic"));
    }

    void policiesAndSchemasAreNotEvidence_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("policy") << "kosli/test-policy.yml";
        QTest::newRow("policy for control") << "kosli/test-policy-for-control.yml";
        QTest::newRow("template schema") << "kosli/flow-template-schema-v1.json";
    }
    void policiesAndSchemasAreNotEvidence()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, file);
        QVERIFY(!read(testutil::readFile(testutil::sample(file)), file));
    }

    void invalidTemplates_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown type") << QByteArray("version: 1\ntrail:\n  attestations:\n  - name: x\n    type: not-supported\n") << "not-supported";
        QTest::newRow("unknown field") << QByteArray("version: 1\ntrail:\n  attestations:\n  - name: x\n    type: junit\n    required: true\n") << "unknown field";
        QTest::newRow("version 2") << QByteArray("version: 2\ntrail:\n  attestations: []\n") << "version must be 1";
        QTest::newRow("missing type") << QByteArray("version: 1\ntrail:\n  artifacts:\n  - name: a\n    attestations:\n    - name: x\n") << "type is required";
        QTest::newRow("broken YAML") << QByteArray("version: 1\ntrail:\n  attestations: [\n") << "malformed YAML";
        QTest::newRow("duplicate name") << QByteArray("trail:\n  attestations:\n  - {name: x, type: junit}\n  - {name: x, type: snyk}\n") << "twice";
    }
    void invalidTemplates()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        auto r = read(yaml, QStringLiteral("template.yml"));
        QVERIFY(r);
        QVERIFY(!*r);
        QCOMPARE(r->problem().file, QStringLiteral("template.yml"));
        QVERIFY2(r->problem().message.contains(message), qPrintable(r->problem().toString()));
    }

    void kosliAttestationRecords()
    {
        const QString fp = QString(64, QLatin1Char('c'));
        const QByteArray json = QStringLiteral("[{\"attestation_name\":\"unit\",\"attestation_type\":\"junit\",\"attestation_id\":\"a1\",\"is_compliant\":true,"
                                               "\"artifact_fingerprint\":\"%1\",\"created_at\":1700000000.5,\"flow_name\":\"f\",\"trail_name\":\"t\","
                                               "\"junit_results\":[{\"name\":\"s\",\"failures\":2,\"errors\":0,\"skipped\":0,\"total\":9}]},"
                                               "{\"attestation_name\":\"unit\",\"attestation_type\":\"override\",\"attestation_id\":\"a2\","
                                               "\"new_compliance_status\":\"COMPLIANT\",\"reason\":\"flaky\",\"created_at\":1700000100,\"artifact_fingerprint\":\"%1\"}]")
                                    .arg(fp)
                                    .toUtf8();
        auto r = read(json, QStringLiteral("attestations.json"));
        QVERIFY(r && *r);
        const auto& items = (*r)->items;
        QCOMPARE(items.size(), size_t(2));
        // The record said compliant, its results say two failures: never compliant.
        QCOMPARE(items[0].record.compliant, std::optional<bool>(false));
        QCOMPARE(items[0].record.createdAt, std::optional<Millis>(1700000000500));
        QCOMPARE(items[0].bindings.at(0).fingerprint, fp);
        QCOMPARE(items[1].record.type, QStringLiteral("override"));
        QCOMPARE(items[1].record.compliant, std::optional<bool>(true));
    }

    void kosliArtifactRecords()
    {
        const QString fp = QString(64, QLatin1Char('d'));
        auto r = read(QStringLiteral("{\"fingerprint\":\"%1\",\"filename\":\"app:1\",\"flow_name\":\"app-ci\",\"trail_name\":\"abc\","
                                     "\"template_reference_name\":\"app\",\"git_commit\":\"abc\",\"state\":\"COMPLIANT\",\"created_at\":1700000000}")
                          .arg(fp)
                          .toUtf8());
        QVERIFY(r && *r);
        QCOMPARE((*r)->provenance.size(), size_t(1));
        QCOMPARE((*r)->provenance[0].flow, QStringLiteral("app-ci"));
        QCOMPARE((*r)->provenance[0].templateName, QStringLiteral("app"));
        QVERIFY((*r)->items.empty());
    }

    // --- generated in-toto ------------------------------------------------------------------------------------------

    void canonicalJson()
    {
        JsonDocument doc;
        QVERIFY(doc.parse(QByteArray("{\"b\": [1, true, null], \"a\": \"x\\\"y\\\\z\\u00e9\", \"c\": {\"z\": 1, \"y\": 2}}"), QString()));
        const auto c = attestation::canonicalJson(doc.root());
        QVERIFY(c);
        QCOMPARE(*c, QByteArray("{\"a\":\"x\\\"y\\\\z\xc3\xa9\",\"b\":[1,true,null],\"c\":{\"y\":2,\"z\":1}}"));
        QVERIFY(doc.parse(QByteArray("{\"a\": 1.5}"), QString()));
        QVERIFY(!attestation::canonicalJson(doc.root()));
    }

    void classicLinkMetablock()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        const evidencetest::TestKey key = evidencetest::makeKey(m_dir, QStringLiteral("rsa-3072"), QStringLiteral("linker"));
        const QString product = QString(64, QLatin1Char('7'));
        const QByteArray signedPart = QStringLiteral("{\"_type\":\"link\",\"byproducts\":{},\"command\":[],\"environment\":{},\"materials\":{},"
                                                     "\"name\":\"build\",\"products\":{\"app.bin\":{\"sha256\":\"%1\"}}}")
                                          .arg(product)
                                          .toUtf8();
        const QByteArray sig = evidencetest::sign(m_dir, key, signedPart, evidencetest::Encoding::Pss);
        // Written with spaces and keys in another order: the signature is over the canonical form.
        const QByteArray file = QStringLiteral("{\n \"signatures\": [{\"keyid\": \"abc\", \"sig\": \"%1\"}],\n \"signed\": {\"products\": {\"app.bin\": {\"sha256\": \"%2\"}},"
                                               " \"name\": \"build\", \"materials\": {}, \"environment\": {}, \"command\": [], \"byproducts\": {}, \"_type\": \"link\"}\n}")
                                    .arg(QString::fromLatin1(sig.toHex()), product)
                                    .toUtf8();
        const QString path = m_dir.filePath(QStringLiteral("build.abc.link"));
        testutil::writeFile(path, file);
        Result<VerifyReport> r = verifyFile(path, { key.publicPem });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->format, QStringLiteral("in-toto-metablock"));
        QCOMPARE(r->kind, QStringLiteral("in-toto-link"));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("verified"));
        QCOMPARE(r->subjects.at(0).sha256, product);
        QByteArray tampered = file;
        tampered.replace("\"build\"", "\"built\"");
        testutil::writeFile(path, tampered);
        r = verifyFile(path, { key.publicPem });
        QVERIFY(r);
        QVERIFY(r->outcome.verdict != Verification::Verified);
    }

    void jsonLinesBundle()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        const evidencetest::TestKey key = evidencetest::makeKey(m_dir, QStringLiteral("ed25519"), QStringLiteral("jsonl"));
        QByteArray lines;
        for (int i = 0; i < 2; ++i) {
            const QByteArray payload = QStringLiteral("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
                                                      "\"subject\":[{\"name\":\"bin%1\",\"digest\":{\"sha256\":\"%2\"}}],\"predicate\":{\"builder\":{\"id\":\"ci\"}}}")
                                           .arg(i)
                                           .arg(QString(64, QLatin1Char(char('1' + i))))
                                           .toUtf8();
            const QByteArray sig = evidencetest::sign(m_dir, key, pae("application/vnd.in-toto+json", payload), evidencetest::Encoding::Pure);
            lines += evidencetest::envelope("application/vnd.in-toto+json", payload, { { QString(), sig } }) + "\n";
        }
        const QString path = m_dir.filePath(QStringLiteral("attestations.intoto.jsonl"));
        testutil::writeFile(path, lines + "not json at all\n");
        Result<VerifyReport> r = verifyFile(path, { key.publicPem });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->parts.size(), size_t(2));
        QCOMPARE(r->subjects.size(), size_t(2));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("verified"));
        QCOMPARE(r->predicateType, QStringLiteral("https://slsa.dev/provenance/v0.2"));
        QCOMPARE(r->warnings.size(), size_t(1)); // the line it does not recognise
        // One line signed by someone else: the whole file is not verified.
        const QByteArray stranger = evidencetest::envelope("application/vnd.in-toto+json", "{}", { { QStringLiteral("k2"), QByteArray(64, 'x') } });
        testutil::writeFile(path, lines + stranger + "\n");
        r = verifyFile(path, { key.publicPem });
        QVERIFY(r);
        QVERIFY(r->outcome.verdict != Verification::Verified);
    }

    void gcloudProvenanceLegacySignature()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
        const evidencetest::TestKey regional = evidencetest::makeKey(m_dir, QStringLiteral("ec-p256"), QStringLiteral("us-west2"));
        const QByteArray payload = QStringLiteral("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://slsa.dev/provenance/v0.1\","
                                                  "\"subject\":[{\"name\":\"img\",\"digest\":{\"sha256\":\"%1\"}}],\"slsaProvenance\":{}}")
                                       .arg(QString(64, QLatin1Char('8')))
                                       .toUtf8();
        // As Cloud Build signs: over the payload itself, not DSSE's PAE, and URL-safe base64.
        const QByteArray raw = evidencetest::sign(m_dir, regional, payload, evidencetest::Encoding::Der);
        const QByteArray file = QStringLiteral("{\"image_summary\":{\"digest\":\"sha256:%1\"},\"provenance_summary\":{\"provenance\":[{\"envelope\":{"
                                               "\"payload\":\"%2\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":"
                                               "\"projects/p/locations/us-west2/keyRings/attestor/cryptoKeys/builtByGCB/cryptoKeyVersions/1\",\"sig\":\"%3\"}]}}]}}")
                                    .arg(QString(64, QLatin1Char('8')), QString::fromLatin1(payload.toBase64()),
                                        QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding)))
                                    .toUtf8();
        const QString path = m_dir.filePath(QStringLiteral("gcloud-container.json"));
        testutil::writeFile(path, file);
        Result<VerifyReport> r = verifyFile(path, { regional.publicPem });
        QVERIFY2(r, qPrintable(r.error()));
        QCOMPARE(r->format, QStringLiteral("gcloud-provenance"));
        QCOMPARE(r->subjects.at(0).sha256, QString(64, QLatin1Char('8')));
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("unsupported"));
        QVERIFY(r->outcome.detail.contains(QLatin1String("raw payload")));
    }

    void verificationPredicates()
    {
        for (const auto& [predicate, body, expected] : { std::tuple { "https://slsa.dev/verification_summary/v1", "{\"verificationResult\":\"PASSED\"}", "true" },
                 std::tuple { "https://slsa.dev/verification_summary/v1", "{\"verificationResult\":\"FAILED\"}", "false" },
                 std::tuple { "https://in-toto.io/attestation/test-result/v0.1", "{\"result\":\"FAILED\"}", "false" },
                 std::tuple { "https://in-toto.io/attestation/test-result/v0.1", "{\"result\":\"WARNED\"}", "true" },
                 std::tuple { "https://slsa.dev/provenance/v1", "{}", "null" } }) {
            const QByteArray statement = QStringLiteral("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"%1\"}}],"
                                                        "\"predicateType\":\"%2\",\"predicate\":%3}")
                                             .arg(QString(64, QLatin1Char('e')), QLatin1String(predicate), QLatin1String(body))
                                             .toUtf8();
            auto r = read(statement);
            QVERIFY(r && *r);
            QCOMPARE(compliance((*r)->items[0].record.compliant), QLatin1String(expected));
            QCOMPARE((*r)->items[0].subjects.at(0).sha256, QString(64, QLatin1Char('e')));
            QVERIFY(!(*r)->items[0].signedContent); // a bare statement is unsigned
        }
    }

    void badEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("payload not base64") << QByteArray("{\"payload\":\"ab$c\",\"payloadType\":\"t\",\"signatures\":[]}") << "payload";
        QTest::newRow("payload truncated") << QByteArray("{\"payload\":\"aGVsbG8gd29ybGQ=a\",\"payloadType\":\"t\",\"signatures\":[]}") << "payload";
        QTest::newRow("signatures not an array") << QByteArray("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":{}}") << "signatures";
        QTest::newRow("payloadType not a string") << QByteArray("{\"payload\":\"\",\"payloadType\":1,\"signatures\":[]}") << "payloadType";
    }
    void badEnvelopes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        auto r = read(json, QStringLiteral("env.json"));
        QVERIFY(r);
        QVERIFY(!*r);
        QCOMPARE(r->problem().file, QStringLiteral("env.json"));
        QCOMPARE(r->problem().where, where);
    }

    void truncatedSignatureIsBad()
    {
        const QString path = m_dir.filePath(QStringLiteral("trunc.json"));
        testutil::writeFile(path, "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"MEUCIQ\"}]}");
        Result<VerifyReport> r = verifyFile(path, {});
        QVERIFY(r);
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("unknown-key")); // valid base64, no keys at all
        testutil::writeFile(path, "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"MEUCI\"}]}");
        r = verifyFile(path, {});
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("bad-signature"));
        QVERIFY(r->outcome.detail.contains(QLatin1String("base64")));
        testutil::writeFile(path, "{\"payload\":\"e30=\",\"payloadType\":\"\",\"signatures\":[{\"sig\":\"MEUCIQ==\"}]}");
        r = verifyFile(path, {});
        QCOMPARE(verificationName(r->outcome.verdict), QStringLiteral("unsupported")); // empty payloadType
    }

    void unreadableInputs()
    {
        QVERIFY(!verifyFile(m_dir.filePath(QStringLiteral("missing.json")), {}));
        const QString env = m_dir.filePath(QStringLiteral("ok.json"));
        testutil::writeFile(env, "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}");
        const QString badKey = m_dir.filePath(QStringLiteral("bad.pub"));
        testutil::writeFile(badKey, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Result<VerifyReport> r = verifyFile(env, { badKey });
        QVERIFY(!r);
        QCOMPARE(r.problem().file, badKey);
        const QString notJson = m_dir.filePath(QStringLiteral("trunc.sigstore.json"));
        testutil::writeFile(notJson, "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{");
        r = verifyFile(notJson, {});
        QVERIFY(!r);
        QCOMPARE(r.problem().file, notJson);
    }

    // --- compliance decisions ---------------------------------------------------------------------------------------

    void latestOfANameCounts()
    {
        const auto current = currentAttestations({ fact(1, QStringLiteral("unit"), QStringLiteral("junit"), false, 100),
            fact(2, QStringLiteral("unit"), QStringLiteral("junit"), true, 200), fact(3, QStringLiteral("scan"), QStringLiteral("snyk"), true, 300),
            fact(4, QStringLiteral("scan"), QStringLiteral("snyk"), false, 400) });
        QCOMPARE(current.size(), size_t(2));
        QCOMPARE(current.at(QStringLiteral("unit")).evidenceId, qint64(2));
        QCOMPARE(current.at(QStringLiteral("unit")).compliant, std::optional<bool>(true));
        QCOMPARE(current.at(QStringLiteral("scan")).compliant, std::optional<bool>(false));
    }

    void overridesApply()
    {
        // An override of the latest attestation replaces its compliance.
        auto current = currentAttestations({ fact(1, QStringLiteral("unit"), QStringLiteral("junit"), false, 100, QStringLiteral("a1")),
            fact(2, QStringLiteral("unit"), QStringLiteral("override"), true, 200, QStringLiteral("o1"), QStringLiteral("a1")) });
        QCOMPARE(current.at(QStringLiteral("unit")).compliant, std::optional<bool>(true));
        QCOMPARE(current.at(QStringLiteral("unit")).type, QStringLiteral("junit"));
        // A newer attestation of the name after the override counts as made.
        current = currentAttestations({ fact(1, QStringLiteral("unit"), QStringLiteral("junit"), false, 100, QStringLiteral("a1")),
            fact(2, QStringLiteral("unit"), QStringLiteral("override"), true, 200, QStringLiteral("o1"), QStringLiteral("a1")),
            fact(3, QStringLiteral("unit"), QStringLiteral("junit"), false, 300, QStringLiteral("a3")) });
        QCOMPARE(current.at(QStringLiteral("unit")).compliant, std::optional<bool>(false));
        // An override naming an attestation that is no longer the latest does not apply.
        current = currentAttestations({ fact(1, QStringLiteral("unit"), QStringLiteral("junit"), false, 100, QStringLiteral("a1")),
            fact(3, QStringLiteral("unit"), QStringLiteral("junit"), false, 150, QStringLiteral("a3")),
            fact(2, QStringLiteral("unit"), QStringLiteral("override"), true, 200, QStringLiteral("o1"), QStringLiteral("a1")) });
        QCOMPARE(current.at(QStringLiteral("unit")).compliant, std::optional<bool>(false));
    }

    void templateStates_data()
    {
        QTest::addColumn<QString>("unit"); // compliance of the unit attestation: true, false, null, missing
        QTest::addColumn<QString>("scan");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("all compliant") << "true" << "true" << "COMPLIANT" << QStringList();
        QTest::newRow("one non-compliant") << "true" << "false" << "NON-COMPLIANT" << QStringList();
        QTest::newRow("one missing") << "true" << "missing" << "INCOMPLETE" << QStringList { QStringLiteral("scan") };
        QTest::newRow("missing beats non-compliant") << "false" << "missing" << "INCOMPLETE" << QStringList { QStringLiteral("scan") };
        QTest::newRow("pending") << "null" << "true" << "INCOMPLETE" << QStringList();
        QTest::newRow("both missing") << "missing" << "missing" << "INCOMPLETE" << QStringList { QStringLiteral("unit"), QStringLiteral("scan") };
    }
    void templateStates()
    {
        QFETCH(QString, unit);
        QFETCH(QString, scan);
        QFETCH(QString, state);
        QFETCH(QStringList, missing);
        Result<FlowTemplate> t = kosli::readFlowTemplate("version: 1\ntrail:\n  artifacts:\n  - name: backend\n    attestations:\n    - name: unit\n      type: junit\n"
                                                         "    - name: scan\n      type: snyk\n  - name: frontend\n    attestations:\n    - name: ui\n      type: generic\n",
            QStringLiteral("t.yml"));
        QVERIFY(t);
        std::vector<EvidenceFact> facts;
        auto add = [&](const QString& name, const QString& type, const QString& c) {
            if (c == QLatin1String("missing"))
                return;
            facts.push_back(fact(qint64(facts.size() + 1), name, type, c == QLatin1String("null") ? std::nullopt : std::optional<bool>(c == QLatin1String("true")), 10));
        };
        add(QStringLiteral("unit"), QStringLiteral("junit"), unit);
        add(QStringLiteral("scan"), QStringLiteral("snyk"), scan);
        const TemplateEvaluation ev = evaluateTemplate(&*t, QStringLiteral("backend"), currentAttestations(facts));
        QCOMPARE(templateStateName(ev.state), state);
        QCOMPARE(ev.missing, missing);
        QVERIFY(!ev.missing.contains(QStringLiteral("ui"))); // the frontend's requirement is not the backend's
    }

    void templateTypeMustMatch()
    {
        Result<FlowTemplate> t = kosli::readFlowTemplate("trail:\n  attestations:\n  - {name: unit, type: junit}\n  - {name: any, type: \"*\"}\n", QString());
        QVERIFY(t);
        auto current = currentAttestations({ fact(1, QStringLiteral("unit"), QStringLiteral("generic"), true, 1), fact(2, QStringLiteral("any"), QStringLiteral("sonar"), true, 1),
            fact(3, QStringLiteral("extra"), QStringLiteral("generic"), false, 1) });
        const TemplateEvaluation ev = evaluateTemplate(&*t, QString(), current);
        QCOMPARE(ev.missing, QStringList { QStringLiteral("unit") });
        QCOMPARE(ev.unexpected, (QStringList { QStringLiteral("extra"), QStringLiteral("unit") }));
        QCOMPARE(ev.state, TemplateState::Incomplete);
        // A file imported here may stand for a generic attestation.
        EvidenceFact local = fact(4, QStringLiteral("unit"), QStringLiteral("junit"), true, 1);
        local.kosliRecord = false;
        QVERIFY(satisfiesType(QStringLiteral("generic"), local));
        QVERIFY(!satisfiesType(QStringLiteral("snyk"), local));
        QVERIFY(satisfiesType(QStringLiteral("decision"), fact(5, QStringLiteral("d"), kosli::normaliseType(QStringLiteral("system:decision")), true, 1)));
    }

    void noTemplateDecidesByWhatWasMade()
    {
        auto current = currentAttestations({ fact(1, QStringLiteral("a"), QStringLiteral("generic"), true, 1) });
        QCOMPARE(evaluateTemplate(nullptr, QStringLiteral("x"), current).state, TemplateState::Compliant);
        current = currentAttestations({ fact(1, QStringLiteral("a"), QStringLiteral("generic"), true, 1), fact(2, QStringLiteral("b"), QStringLiteral("junit"), false, 1) });
        const TemplateEvaluation ev = evaluateTemplate(nullptr, QStringLiteral("x"), current);
        QCOMPARE(ev.state, TemplateState::NonCompliant);
        QCOMPARE(ev.nonCompliant, QStringList { QStringLiteral("b") });
        QVERIFY(ev.unexpected.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestEvidenceFormats)
#include "tst_evidence_formats.moc"
