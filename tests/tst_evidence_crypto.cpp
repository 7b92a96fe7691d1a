// SPDX-License-Identifier: GPL-3.0-or-later
// Signature verification: DSSE's PAE and base64 rules, every key type and signature encoding with signatures made
// here by openssl, the verdict rules, and keys that must not load.

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/crypto.h"
#include "evidence/signing.h"

#include <QRegularExpression>
#include <QtTest>

using namespace tideline;
using evidencetest::Encoding;

namespace {

QByteArray inTotoPae(const QByteArray& payload) { return pae("application/vnd.in-toto+json", payload); }

crypto::PublicKey loadKey(const QByteArray& pem)
{
    Result<crypto::PublicKey> k = crypto::PublicKey::parse(pem, QStringLiteral("test.pub"));
    if (!k)
        qWarning("%s", qPrintable(k.error()));
    return k ? *k : crypto::PublicKey();
}

SignedContent dsse(const QByteArray& payload, const QByteArray& sig, const QString& keyid = QString())
{
    SignedContent c;
    c.message = inTotoPae(payload);
    c.legacyMessage = payload;
    SignatureToCheck s;
    s.keyid = keyid;
    s.signature = sig;
    c.signatures.push_back(s);
    return c;
}

// The P-256 public key given by its coordinates, as a SubjectPublicKeyInfo PEM.
QByteArray p256Pem(const QByteArray& x, const QByteArray& y)
{
    const QByteArray spki = QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200") + '\x04' + x + y;
    QByteArray b64 = spki.toBase64();
    QByteArray pem = "-----BEGIN PUBLIC KEY-----\n";
    for (int i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    return pem + "-----END PUBLIC KEY-----\n";
}

// A decimal integer as 32 big-endian bytes.
QByteArray decimalTo32(const QString& decimal)
{
    QByteArray out(32, '\0');
    for (QChar ch : decimal) {
        int carry = ch.digitValue();
        for (int i = 31; i >= 0; --i) {
            const int v = static_cast<unsigned char>(out[i]) * 10 + carry;
            out[i] = static_cast<char>(v & 0xff);
            carry = v >> 8;
        }
    }
    return out;
}

} // namespace

class TestEvidenceCrypto : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::map<QString, evidencetest::TestKey> m_keys;

private slots:
    void initTestCase()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary: signature tests need it to make test signatures");
        for (const char* kind : { "ec-p256", "ec-p384", "ec-p521", "ed25519", "rsa-2048", "rsa-3072" }) {
            m_keys[QLatin1String(kind)] = evidencetest::makeKey(m_dir, QLatin1String(kind), QLatin1String(kind));
            m_keys[QLatin1String(kind) + QStringLiteral("-other")] = evidencetest::makeKey(m_dir, QLatin1String(kind), QLatin1String(kind) + QStringLiteral("-other"));
        }
        for (const auto& [name, k] : m_keys)
            QVERIFY2(!k.publicBytes.isEmpty(), qPrintable(name));
    }

    void paeIsExact()
    {
        // DSSE vectors: lengths in bytes, and an empty body still ends with a space.
        QCOMPARE(pae("application/vnd.in-toto+json", "{\"_type\":\"https://in-toto.io/Statement/v1\"}").toHex(),
            QByteArray("445353457631203238206170706c69636174696f6e2f766e642e696e2d746f746f2b6a736f6e203433207b225f74797065223a226874747073"
                       "3a2f2f696e2d746f746f2e696f2f53746174656d656e742f7631227d"));
        QCOMPARE(pae("application/vnd.in-toto+json", QByteArray()), QByteArray("DSSEv1 28 application/vnd.in-toto+json 0 "));
        QCOMPARE(pae(QStringLiteral("application/vnd.exämple+json").toUtf8(), "x").left(10), QByteArray("DSSEv1 29 "));
        QCOMPARE(pae("http://example.com/HelloWorld", "hello world"), QByteArray("DSSEv1 29 http://example.com/HelloWorld 11 hello world"));
    }

    void base64_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("standard") << QByteArray("aGVsbG8gd29ybGQ=") << true << QByteArray("hello world");
        QTest::newRow("no padding") << QByteArray("aGVsbG8gd29ybGQ") << true << QByteArray("hello world");
        QTest::newRow("url-safe") << QByteArray("-_8") << true << QByteArray("\xfb\xff");
        QTest::newRow("standard +/") << QByteArray("+/8=") << true << QByteArray("\xfb\xff");
        QTest::newRow("truncated to one char") << QByteArray("aGVsbG8gd29ybGQ=a") << false << QByteArray();
        QTest::newRow("lone char") << QByteArray("a") << false << QByteArray();
        QTest::newRow("foreign char") << QByteArray("aGVs*G8=") << false << QByteArray();
        QTest::newRow("bad padding") << QByteArray("aGVsbG8=x") << false << QByteArray();
        QTest::newRow("three pads") << QByteArray("aG===") << false << QByteArray();
    }
    void base64()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(QByteArray, decoded);
        const auto d = decodeBase64(std::string_view(text.constData(), size_t(text.size())));
        QCOMPARE(d.has_value(), ok);
        if (ok)
            QCOMPARE(*d, decoded);
    }

    // The DSSE protocol's own test vector: P-256 key given by X and Y, raw r||s signature over PAE.
    void dsseProtocolExample()
    {
        REQUIRE_SAMPLES();
        const QString doc = QString::fromUtf8(testutil::readFile(testutil::sample(QStringLiteral("dsse/dsse-protocol.md"))));
        const auto x = QRegularExpression(QStringLiteral("\\nX: (\\d+)")).match(doc);
        const auto y = QRegularExpression(QStringLiteral("\\nY: (\\d+)")).match(doc);
        const auto sig = QRegularExpression(QStringLiteral("\"sig\": \"([^\"]+)\"")).match(doc);
        const auto type = QRegularExpression(QStringLiteral("\"payloadType\": \"([^\"]+)\"")).match(doc);
        const auto payload = QRegularExpression(QStringLiteral("\"payload\": \"([^\"]+)\"")).match(doc);
        QVERIFY(x.hasMatch() && y.hasMatch() && sig.hasMatch() && type.hasMatch() && payload.hasMatch());
        const crypto::PublicKey key = loadKey(p256Pem(decimalTo32(x.captured(1)), decimalTo32(y.captured(1))));
        QVERIFY(!key.isNull());
        QCOMPARE(key.algorithm(), QStringLiteral("ecdsa-p256"));
        KeyRing ring;
        ring.add(1, QStringLiteral("protocol"), key);
        SignedContent c;
        const QByteArray body = *decodeBase64(payload.captured(1).toStdString());
        QCOMPARE(body, QByteArray("hello world"));
        c.message = pae(type.captured(1).toUtf8(), body);
        SignatureToCheck s;
        s.signature = *decodeBase64(sig.captured(1).toStdString());
        QCOMPARE(s.signature.size(), 64); // raw r||s
        c.signatures.push_back(s);
        VerificationOutcome v = verifySigned(c, ring);
        QCOMPARE(v.verdict, Verification::Verified);
        QCOMPARE(v.keyName, QStringLiteral("protocol"));
        QVERIFY2(v.detail.contains(QLatin1String("raw r||s")), qPrintable(v.detail));

        c.message = pae(type.captured(1).toUtf8(), "hello worle");
        QCOMPARE(verifySigned(c, ring).verdict, Verification::BadSignature);
    }

    void everyKeyTypeAndEncoding_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("P-256 DER") << "ec-p256" << int(Encoding::Der) << "ecdsa-p256-sha256 (DER)";
        QTest::newRow("P-256 raw r||s") << "ec-p256" << int(Encoding::Raw) << "ecdsa-p256-sha256 (raw r||s)";
        QTest::newRow("P-384 DER") << "ec-p384" << int(Encoding::Der) << "ecdsa-p384-sha384 (DER)";
        QTest::newRow("P-384 raw r||s") << "ec-p384" << int(Encoding::Raw) << "ecdsa-p384-sha384 (raw r||s)";
        QTest::newRow("P-521 DER") << "ec-p521" << int(Encoding::Der) << "ecdsa-p521-sha512 (DER)";
        QTest::newRow("P-521 raw r||s") << "ec-p521" << int(Encoding::Raw) << "ecdsa-p521-sha512 (raw r||s)";
        QTest::newRow("Ed25519") << "ed25519" << int(Encoding::Pure) << "ed25519";
        QTest::newRow("RSA-2048 PKCS#1 v1.5") << "rsa-2048" << int(Encoding::Pkcs1) << "rsa-pkcs1v15-sha256";
        QTest::newRow("RSA-2048 PSS") << "rsa-2048" << int(Encoding::Pss) << "rsa-pss-sha256";
        QTest::newRow("RSA-3072 PSS") << "rsa-3072" << int(Encoding::Pss) << "rsa-pss-sha256";
        QTest::newRow("RSA-3072 PKCS#1 v1.5") << "rsa-3072" << int(Encoding::Pkcs1) << "rsa-pkcs1v15-sha256";
    }
    void everyKeyTypeAndEncoding()
    {
        QFETCH(QString, kind);
        QFETCH(int, encoding);
        QFETCH(QString, scheme);
        const auto& key = m_keys[kind];
        const QByteArray payload = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}";
        const QByteArray sig = evidencetest::sign(m_dir, key, inTotoPae(payload), Encoding(encoding));
        QVERIFY(!sig.isEmpty());

        KeyRing ring;
        ring.add(7, QStringLiteral("signer"), loadKey(key.publicBytes));
        VerificationOutcome v = verifySigned(dsse(payload, sig), ring);
        QCOMPARE(verificationName(v.verdict), QStringLiteral("verified"));
        QCOMPARE(v.keyId, qint64(7));
        QVERIFY2(v.detail.contains(scheme), qPrintable(v.detail));

        // The same signature over a changed payload: it names no key, the only key that fits fails: bad signature.
        QByteArray changed = payload;
        changed.replace("[]", "[ ]");
        QCOMPARE(verificationName(verifySigned(dsse(changed, sig), ring).verdict), QStringLiteral("bad-signature"));
        // A flipped bit in the signature.
        QByteArray flipped = sig;
        flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
        QCOMPARE(verificationName(verifySigned(dsse(payload, flipped), ring).verdict), QStringLiteral("bad-signature"));
        // Cut short: the wrong length for the key.
        const VerificationOutcome cut = verifySigned(dsse(payload, sig.left(sig.size() - 3)), ring);
        QCOMPARE(verificationName(cut.verdict), QStringLiteral("bad-signature"));

        // Another key of the same kind: named by the hint, it is a bad signature. Under a keyid the case cannot match,
        // an RSA key shows it did not make the signature (unknown key); another ECDSA or Ed25519 key could have, so
        // a signature none of them verifies is a bad signature (altered, or by a key the case does not hold).
        KeyRing other;
        const crypto::PublicKey otherKey = loadKey(m_keys[kind + QStringLiteral("-other")].publicBytes);
        other.add(8, QStringLiteral("other"), otherKey);
        QCOMPARE(verificationName(verifySigned(dsse(payload, sig, otherKey.spkiSha256Hex()), other).verdict), QStringLiteral("bad-signature"));
        QCOMPARE(verificationName(verifySigned(dsse(payload, sig, QStringLiteral("some-other-keyid")), other).verdict),
            kind.startsWith(QLatin1String("rsa")) ? QStringLiteral("unknown-key") : QStringLiteral("bad-signature"));
        // A keyid naming another key by its fingerprint: that key signed it, the case does not hold it.
        QCOMPARE(verificationName(verifySigned(dsse(payload, sig, loadKey(key.publicBytes).spkiSha256Hex()), other).verdict), QStringLiteral("unknown-key"));
        QCOMPARE(verificationName(verifySigned(dsse(payload, sig), KeyRing()).verdict), QStringLiteral("unknown-key"));
        // A hint that names the signer among several keys picks it.
        other.add(9, QStringLiteral("signer"), loadKey(key.publicBytes));
        const VerificationOutcome both = verifySigned(dsse(payload, sig, QStringLiteral("signer")), other);
        QCOMPARE(both.verdict, Verification::Verified);
        QCOMPARE(both.keyId, qint64(9));
    }

    void digestSignatures()
    {
        // Sigstore message signatures sign the artifact; checked against its digest (or the artifact itself).
        const QByteArray artifact = "the artifact's bytes\n";
        for (const char* kind : { "ec-p256", "rsa-2048" }) {
            const auto& key = m_keys[QLatin1String(kind)];
            const QByteArray sig = evidencetest::sign(m_dir, key, artifact, Encoding::Der);
            KeyRing ring;
            ring.add(1, QStringLiteral("k"), loadKey(key.publicBytes));
            SignedContent c;
            c.scheme = SignedContent::Scheme::Digest;
            c.digestAlgorithm = QStringLiteral("sha256");
            c.message = QCryptographicHash::hash(artifact, QCryptographicHash::Sha256);
            c.signatures.push_back({ QString(), sig, QString(), QByteArray() });
            QCOMPARE(verifySigned(c, ring).verdict, Verification::Verified);
            c.message = QCryptographicHash::hash("other bytes", QCryptographicHash::Sha256);
            QCOMPARE(verifySigned(c, ring).verdict, Verification::BadSignature);
        }
        // Ed25519 signs messages, not digests: that cannot be checked without the artifact.
        const auto& ed = m_keys[QStringLiteral("ed25519")];
        KeyRing ring;
        ring.add(1, QStringLiteral("ed"), loadKey(ed.publicBytes));
        SignedContent c;
        c.scheme = SignedContent::Scheme::Digest;
        c.digestAlgorithm = QStringLiteral("sha256");
        c.message = QCryptographicHash::hash(artifact, QCryptographicHash::Sha256);
        c.signatures.push_back({ QString(), evidencetest::sign(m_dir, ed, artifact, Encoding::Pure), QString(), QByteArray() });
        QCOMPARE(verificationName(verifySigned(c, ring).verdict), QStringLiteral("unsupported"));
    }

    void legacyRawPayloadIsUnsupported()
    {
        const auto& key = m_keys[QStringLiteral("ec-p256")];
        const QByteArray payload = "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}";
        const QByteArray sig = evidencetest::sign(m_dir, key, payload, Encoding::Der); // over the payload, not PAE
        KeyRing ring;
        ring.add(1, QStringLiteral("gcb"), loadKey(key.publicBytes));
        const VerificationOutcome v = verifySigned(dsse(payload, sig), ring);
        QCOMPARE(verificationName(v.verdict), QStringLiteral("unsupported"));
        QVERIFY(v.detail.contains(QLatin1String("raw payload")));
    }

    void emptyPayloadTypeIsRejected()
    {
        SignedContent c = dsse("x", "sig");
        c.unsupported = QStringLiteral("empty payloadType");
        QCOMPARE(verifySigned(c, KeyRing()).verdict, Verification::Unsupported);
        SignedContent none;
        QCOMPARE(verifySigned(none, KeyRing()).verdict, Verification::Unsigned);
    }

    void malformedSignatureIsBad()
    {
        SignedContent c = dsse("x", QByteArray());
        c.signatures.front().malformed = QStringLiteral("signatures[0].sig: not valid base64");
        const VerificationOutcome v = verifySigned(c, KeyRing());
        QCOMPARE(v.verdict, Verification::BadSignature);
        QVERIFY(v.detail.contains(QLatin1String("base64")));
    }

    void keylessCertificate()
    {
        const auto& key = m_keys[QStringLiteral("ec-p256")];
        const QByteArray cert = evidencetest::selfSignedCertificate(m_dir, key, QStringLiteral("builder@example.com"));
        QVERIFY(!cert.isEmpty());
        const QByteArray payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}";
        SignedContent c = dsse(payload, evidencetest::sign(m_dir, key, inTotoPae(payload), Encoding::Der));
        c.signatures.front().certificate = cert;
        // The certificate's key verifies, but nothing checks the certificate: never verified on its own word.
        VerificationOutcome v = verifySigned(c, KeyRing());
        QCOMPARE(v.verdict, Verification::UntrustedCertificate);
        QCOMPARE(v.signatures.front().signer, QStringLiteral("builder@example.com"));
        // The same key held (and trusted) by the case: verified by that key.
        KeyRing ring;
        ring.add(3, QStringLiteral("builder"), loadKey(key.publicBytes));
        v = verifySigned(c, ring);
        QCOMPARE(v.verdict, Verification::Verified);
        QCOMPARE(v.keyName, QStringLiteral("builder"));
        // Held without being trusted (it came with the evidence): untrusted-key, not verified.
        KeyRing untrusted;
        untrusted.add(3, QStringLiteral("builder"), loadKey(key.publicBytes), false);
        QCOMPARE(verifySigned(c, untrusted).verdict, Verification::UntrustedKey);
        // A signature the certificate's key does not verify.
        c.message = inTotoPae("{}");
        QCOMPARE(verifySigned(c, KeyRing()).verdict, Verification::BadSignature);
        // Whatever else it says, a signature only its own certificate verifies is never verified.
        c.message = inTotoPae(payload);
        c.inconsistency = QStringLiteral("the transparency-log entry records a different signature");
        QCOMPARE(verifySigned(c, KeyRing()).verdict, Verification::UntrustedCertificate);
    }

    void multipleSignaturesOneTrusted()
    {
        const auto& a = m_keys[QStringLiteral("ed25519")];
        const auto& b = m_keys[QStringLiteral("ec-p384")];
        const QByteArray payload = "{}";
        SignedContent c = dsse(payload, evidencetest::sign(m_dir, a, inTotoPae(payload), Encoding::Pure), QStringLiteral("a"));
        c.signatures.push_back({ QStringLiteral("b"), evidencetest::sign(m_dir, b, inTotoPae(payload), Encoding::Der), QString(), QByteArray() });
        KeyRing ring;
        ring.add(2, QStringLiteral("b"), loadKey(b.publicBytes));
        const VerificationOutcome v = verifySigned(c, ring);
        QCOMPARE(v.verdict, Verification::Verified);
        QCOMPARE(v.keyName, QStringLiteral("b"));
        QCOMPARE(v.signatures.size(), size_t(2));
        QCOMPARE(v.signatures[0].result, Verification::UnknownKey);
        QCOMPARE(v.signatures[1].result, Verification::Verified);
    }

    void keysThatMustNotLoad_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage PEM") << QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n") << "does not load";
        QTest::newRow("private key") << QByteArray("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n") << "private key";
        QTest::newRow("other PEM") << QByteArray("-----BEGIN OPENSSH PUBLIC KEY-----\nAAAA\n-----END OPENSSH PUBLIC KEY-----\n") << "not a public key";
        QTest::newRow("not a key") << QByteArray("hello") << "not a public key";
        // A point that is not on P-256 (the conformance suite's managed-key-wrong-key_fail case).
        QTest::newRow("point off the curve") << p256Pem(QByteArray(32, '\x01'), QByteArray(32, '\x02')) << "does not load";
    }
    void keysThatMustNotLoad()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        Result<crypto::PublicKey> k = crypto::PublicKey::parse(bytes, QStringLiteral("bad.pub"));
        QVERIFY(!k);
        QCOMPARE(k.problem().file, QStringLiteral("bad.pub"));
        QVERIFY2(k.problem().message.contains(message), qPrintable(k.problem().message));
    }

    void keyForms()
    {
        const auto& rsa = m_keys[QStringLiteral("rsa-2048")];
        // PKCS#1 "RSA PUBLIC KEY", DER SubjectPublicKeyInfo and a certificate all give the same key.
        QByteArray pkcs1, der;
        QVERIFY(evidencetest::openssl({ QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-in"), rsa.publicPem, QStringLiteral("-outform"),
                                          QStringLiteral("DER") },
            &der));
        QVERIFY(evidencetest::openssl({ QStringLiteral("rsa"), QStringLiteral("-pubin"), QStringLiteral("-in"), rsa.publicPem, QStringLiteral("-RSAPublicKey_out") }, &pkcs1));
        QVERIFY(pkcs1.contains("BEGIN RSA PUBLIC KEY"));
        const QString expected = loadKey(rsa.publicBytes).spkiSha256Hex();
        QCOMPARE(loadKey(pkcs1).spkiSha256Hex(), expected);
        QCOMPARE(crypto::PublicKey::parse(der, QStringLiteral("k.der"))->spkiSha256Hex(), expected);
        QCOMPARE(loadKey(evidencetest::selfSignedCertificate(m_dir, rsa, QStringLiteral("rsa@example.com"))).spkiSha256Hex(), expected);
        QCOMPARE(loadKey(rsa.publicBytes).algorithm(), QStringLiteral("rsa-2048"));
        QCOMPARE(loadKey(m_keys[QStringLiteral("ec-p384")].publicBytes).algorithm(), QStringLiteral("ecdsa-p384"));
        QCOMPARE(loadKey(m_keys[QStringLiteral("ed25519")].publicBytes).algorithm(), QStringLiteral("ed25519"));
        // The Sigstore hint is base64 of the same digest.
        const crypto::PublicKey k = loadKey(rsa.publicBytes);
        QCOMPARE(QByteArray::fromBase64(k.spkiSha256Base64().toLatin1()).toHex(), k.spkiSha256Hex().toLatin1());
    }

    void derEncodingChecks()
    {
        const QByteArray raw = QByteArray(31, '\x00') + '\x01' + QByteArray(32, '\xff');
        const QByteArray der = crypto::rawEcdsaToDer(raw);
        QVERIFY(crypto::isDerEcdsaSignature(der));
        QCOMPARE(evidencetest::derToRaw(der, 32), raw);
        QVERIFY(!crypto::isDerEcdsaSignature(der + '\0')); // trailing bytes
        QVERIFY(!crypto::isDerEcdsaSignature(der.left(der.size() - 1)));
        QVERIFY(!crypto::isDerEcdsaSignature(raw));
    }
};

QTEST_APPLESS_MAIN(TestEvidenceCrypto)
#include "tst_evidence_crypto.moc"
