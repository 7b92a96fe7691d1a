// SPDX-License-Identifier: GPL-3.0-or-later
// in-toto layouts in a case: a layout whose own signature verifies names the functionaries that may sign each step's
// links and how many must (its threshold); links verify with those keys, say which of them signed, and are judged
// again when the layout arrives after them. On the in-toto demo files and on layouts and links made here.

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/evidenceindex.h"
#include "evidence/signing.h"
#include "import/importer.h"
#include "store/casefile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;
using evidencetest::Encoding;

namespace {

const QByteArray kInToto = "application/vnd.in-toto+json";
const QString kFooPy = QStringLiteral("74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549");

QString errors(const ImportReport& r)
{
    QStringList e;
    for (const Problem& p : r.errors)
        e << p.toString();
    return e.join(QLatin1Char('\n'));
}

ImportReport importInto(CaseFile& kase, const QStringList& paths)
{
    ImportOptions o;
    o.workers = 1; // in the order given: the layout before or after its links, as each test asks
    return importPaths(kase, paths, o);
}

QByteArray payloadOf(const QByteArray& envelope)
{
    return QByteArray::fromBase64(QJsonDocument::fromJson(envelope).object().value(QStringLiteral("payload")).toString().toLatin1());
}

// A link of one step whose product is the artifact.
QByteArray link(const QString& step, const QString& product, const QString& sha256)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("_type"), QStringLiteral("link") }, { QStringLiteral("name"), step },
                             { QStringLiteral("materials"), QJsonObject() }, { QStringLiteral("command"), QJsonArray() },
                             { QStringLiteral("byproducts"), QJsonObject() }, { QStringLiteral("environment"), QJsonObject() },
                             { QStringLiteral("products"), QJsonObject { { product, QJsonObject { { QStringLiteral("sha256"), sha256 } } } } } })
        .toJson(QJsonDocument::Compact);
}

const EvidenceRecord* ofKind(const std::vector<EvidenceRecord>& list, const QString& kind, const QString& source = QString())
{
    for (const EvidenceRecord& e : list)
        if (e.kind == kind && (source.isEmpty() || e.sourceName.endsWith(source)))
            return &e;
    return nullptr;
}

} // namespace

class TestLayouts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
    }

    // The in-toto demo: its layout names bob (776a00e2…) as the functionary of write-code. Signed here by an owner key
    // the case trusts, it verifies the real write-code link with bob's key, which the case itself does not hold.
    void demoLayoutVerifiesItsLink()
    {
        REQUIRE_SAMPLES();
        QTemporaryDir dir;
        const evidencetest::TestKey owner = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("owner"));
        const QByteArray layout = payloadOf(testutil::readFile(testutil::sample(QStringLiteral("dsse/demo.layout.template-unsigned"))));
        QVERIFY(layout.contains("\"_type\": \"layout\"") || layout.contains("\"_type\":\"layout\""));
        const QString signedLayout = dir.filePath(QStringLiteral("demo.layout"));
        testutil::writeFile(signedLayout,
            evidencetest::envelope(kInToto, layout, { { QStringLiteral("owner"), evidencetest::sign(dir, owner, pae(kInToto, layout), Encoding::Der) } }));
        const QString realLink = testutil::sample(QStringLiteral("dsse/write-code.776a00e2.link"));
        QByteArray altered = testutil::readFile(realLink);
        const QByteArray body = payloadOf(altered);
        QByteArray changed = body;
        changed.replace(kFooPy.toUtf8(), QByteArray(64, 'e'));
        altered.replace(body.toBase64(), changed.toBase64());
        const QString tampered = dir.filePath(QStringLiteral("write-code.tampered.link"));
        testutil::writeFile(tampered, altered);

        auto kase = testutil::newCase(dir);
        EvidenceIndex index(*kase);
        // The link first, and the unsigned layout: nothing in the case could have made the link's signature.
        ImportReport r = importInto(*kase, { realLink, testutil::sample(QStringLiteral("dsse/demo.layout.template-unsigned")) });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE((*index.forFingerprint(kFooPy)).evidence.at(0).verification.verdict, Verification::UnknownKey);
        // The owner's key on its own (trusted), then the layout it signed: the link imported before verifies now.
        r = importInto(*kase, { owner.publicPem, signedLayout, tampered });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        const std::vector<EvidenceRecord> all = (*index.all());
        const EvidenceRecord* l = ofKind(all, QStringLiteral("in-toto-layout"), QStringLiteral("demo.layout"));
        QVERIFY(l);
        QCOMPARE(l->verification.verdict, Verification::Verified);
        const EvidenceRecord foo = (*index.forFingerprint(kFooPy)).evidence.at(0);
        QCOMPARE(foo.verification.verdict, Verification::Verified);
        QVERIFY2(foo.verification.detail.contains(QLatin1String("functionary 776a00e2 of layout 'demo.layout'"))
                && foo.verification.detail.contains(QLatin1String("of step 'write-code' in layout 'demo.layout', which requires 1")),
            qPrintable(foo.verification.detail));
        // Altered after signing, checked with the functionary its keyid names: bad-signature, never unknown-key.
        const EvidenceRecord* bad = ofKind(all, QStringLiteral("in-toto-link"), QStringLiteral("write-code.tampered.link"));
        QVERIFY(bad);
        QCOMPARE(bad->verification.verdict, Verification::BadSignature);
    }

    // A layout of our own: step build needs two of three functionaries. One signature is below the threshold; two
    // distinct keys meet it (and the verdict names both); the same key twice is still one functionary; a key the
    // layout does not name for the step counts for nothing.
    void thresholds()
    {
        QTemporaryDir dir;
        const evidencetest::TestKey owner = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("owner"));
        QList<evidencetest::TestKey> f;
        for (const char* n : { "f1", "f2", "f3" })
            f << evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QLatin1String(n));
        const evidencetest::TestKey outsider = evidencetest::makeKey(dir, QStringLiteral("ec-p256"), QStringLiteral("outsider"));
        QJsonObject keys;
        QJsonArray pubkeys;
        for (int i = 0; i < f.size(); ++i) {
            const QString keyid = QStringLiteral("%1").arg(i + 1).repeated(64);
            keys.insert(keyid, QJsonObject { { QStringLiteral("keytype"), QStringLiteral("ecdsa") }, { QStringLiteral("scheme"), QStringLiteral("ecdsa-sha2-nistp256") },
                                   { QStringLiteral("keyval"), QJsonObject { { QStringLiteral("public"), QString::fromUtf8(f[i].publicBytes) } } } });
            pubkeys.append(keyid);
        }
        const QByteArray layout = QJsonDocument(QJsonObject { { QStringLiteral("_type"), QStringLiteral("layout") },
                                                    { QStringLiteral("expires"), QStringLiteral("2100-01-01T00:00:00Z") }, { QStringLiteral("keys"), keys },
                                                    { QStringLiteral("steps"), QJsonArray { QJsonObject { { QStringLiteral("_type"), QStringLiteral("step") },
                                                                                   { QStringLiteral("name"), QStringLiteral("build") },
                                                                                   { QStringLiteral("pubkeys"), pubkeys }, { QStringLiteral("threshold"), 2 } } } },
                                                    { QStringLiteral("inspect"), QJsonArray() } })
                                      .toJson(QJsonDocument::Compact);
        const QString folder = dir.filePath(QStringLiteral("release"));
        QDir().mkpath(folder);
        testutil::writeFile(folder + QStringLiteral("/0-root.layout"),
            evidencetest::envelope(kInToto, layout, { { QStringLiteral("owner"), evidencetest::sign(dir, owner, pae(kInToto, layout), Encoding::Pure) } }));
        auto linkFile = [&](const QString& name, const QString& sha, const QList<int>& signers) {
            const QByteArray body = link(QStringLiteral("build"), QStringLiteral("app.tar"), sha);
            QList<QPair<QString, QByteArray>> sigs;
            for (int i : signers) {
                const evidencetest::TestKey& k = i < 0 ? outsider : f[i];
                sigs << QPair<QString, QByteArray> { i < 0 ? QStringLiteral("9").repeated(64) : QStringLiteral("%1").arg(i + 1).repeated(64),
                    evidencetest::sign(dir, k, pae(kInToto, body), Encoding::Der) };
            }
            testutil::writeFile(folder + QLatin1Char('/') + name, evidencetest::envelope(kInToto, body, sigs));
        };
        const QString one = QString(64, QLatin1Char('1')), two = QString(64, QLatin1Char('2')), same = QString(64, QLatin1Char('3')),
                      mixed = QString(64, QLatin1Char('4'));
        linkFile(QStringLiteral("build.one.link"), one, { 0 });
        linkFile(QStringLiteral("build.two.link"), two, { 0, 2 });
        linkFile(QStringLiteral("build.same.link"), same, { 1, 1 });
        linkFile(QStringLiteral("build.mixed.link"), mixed, { 1, -1 });

        auto kase = testutil::newCase(dir);
        ImportReport r = importInto(*kase, { owner.publicPem, folder });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        EvidenceIndex index(*kase);
        auto verdictOf = [&](const QString& sha) { return (*index.forFingerprint(sha)).evidence.at(0).verification; };
        QCOMPARE(verdictOf(one).verdict, Verification::BelowThreshold);
        QVERIFY2(verdictOf(one).detail.contains(QLatin1String("signed by only 1 distinct functionary of step 'build' in layout '0-root.layout', which requires 2")),
            qPrintable(verdictOf(one).detail));
        QCOMPARE(verdictOf(two).verdict, Verification::Verified);
        QVERIFY2(verdictOf(two).detail.contains(QLatin1String("functionary 11111111")) && verdictOf(two).detail.contains(QLatin1String("functionary 33333333")),
            qPrintable(verdictOf(two).detail));
        QCOMPARE(verdictOf(two).signatures.size(), size_t(2));
        QCOMPARE(verdictOf(same).verdict, Verification::BelowThreshold);
        QCOMPARE(verdictOf(mixed).verdict, Verification::BelowThreshold);
        QCOMPARE(verdictOf(mixed).signatures.size(), size_t(2));
        QCOMPARE(verdictOf(mixed).signatures[0].result, Verification::Verified);
        QVERIFY(verdictOf(mixed).signatures[1].result != Verification::Verified);
        QCOMPARE(verificationName(Verification::BelowThreshold), QStringLiteral("below-threshold"));
    }
};

QTEST_APPLESS_MAIN(TestLayouts)
#include "tst_layouts.moc"
