// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence_openssl.h"

#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

namespace evidencetest {

bool haveOpenssl() { return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(); }

bool openssl(const QStringList& args, QByteArray* stdoutBytes)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(args.join(QLatin1Char(' '))), p.readAllStandardError().constData());
        return false;
    }
    if (stdoutBytes)
        *stdoutBytes = p.readAllStandardOutput();
    return true;
}

TestKey makeKey(const QTemporaryDir& dir, const QString& kind, const QString& name)
{
    TestKey k;
    k.kind = kind;
    k.privatePem = dir.filePath(name + QStringLiteral(".key"));
    k.publicPem = dir.filePath(name + QStringLiteral(".pub"));
    QStringList gen { QStringLiteral("genpkey"), QStringLiteral("-out"), k.privatePem };
    if (kind.startsWith(QLatin1String("ec-"))) {
        const QString curve = kind == QLatin1String("ec-p256") ? QStringLiteral("P-256") : kind == QLatin1String("ec-p384") ? QStringLiteral("P-384") : QStringLiteral("P-521");
        gen << QStringLiteral("-algorithm") << QStringLiteral("EC") << QStringLiteral("-pkeyopt") << QStringLiteral("ec_paramgen_curve:") + curve;
    } else if (kind == QLatin1String("ed25519")) {
        gen << QStringLiteral("-algorithm") << QStringLiteral("ED25519");
    } else {
        gen << QStringLiteral("-algorithm") << QStringLiteral("RSA") << QStringLiteral("-pkeyopt")
            << QStringLiteral("rsa_keygen_bits:") + kind.mid(4);
    }
    if (!openssl(gen) || !openssl({ QStringLiteral("pkey"), QStringLiteral("-in"), k.privatePem, QStringLiteral("-pubout"), QStringLiteral("-out"), k.publicPem }))
        return {};
    k.publicBytes = testutil::readFile(k.publicPem);
    return k;
}

QByteArray derToRaw(const QByteArray& der, int half)
{
    // SEQUENCE { INTEGER r, INTEGER s }
    int pos = 2;
    if (static_cast<unsigned char>(der[1]) & 0x80)
        pos += static_cast<unsigned char>(der[1]) & 0x7f;
    QByteArray out;
    for (int i = 0; i < 2; ++i) {
        const int len = static_cast<unsigned char>(der[pos + 1]);
        QByteArray v = der.mid(pos + 2, len);
        while (v.size() > half && v[0] == 0)
            v.remove(0, 1);
        out += QByteArray(half - v.size(), '\0') + v;
        pos += 2 + len;
    }
    return out;
}

QByteArray sign(const QTemporaryDir& dir, const TestKey& key, const QByteArray& message, Encoding encoding)
{
    static int n = 0;
    const QString in = dir.filePath(QStringLiteral("msg-%1.bin").arg(++n));
    const QString out = dir.filePath(QStringLiteral("sig-%1.bin").arg(n));
    testutil::writeFile(in, message);
    QStringList args;
    if (key.kind == QLatin1String("ed25519")) {
        args = { QStringLiteral("pkeyutl"), QStringLiteral("-sign"), QStringLiteral("-inkey"), key.privatePem, QStringLiteral("-rawin"),
            QStringLiteral("-in"), in, QStringLiteral("-out"), out };
    } else {
        const QString md = key.kind == QLatin1String("ec-p384") ? QStringLiteral("-sha384") : key.kind == QLatin1String("ec-p521") ? QStringLiteral("-sha512") : QStringLiteral("-sha256");
        args = { QStringLiteral("dgst"), md, QStringLiteral("-sign"), key.privatePem, QStringLiteral("-out"), out };
        if (encoding == Encoding::Pss)
            args << QStringLiteral("-sigopt") << QStringLiteral("rsa_padding_mode:pss") << QStringLiteral("-sigopt") << QStringLiteral("rsa_pss_saltlen:32");
        args << in;
    }
    if (!openssl(args))
        return {};
    QByteArray sig = testutil::readFile(out);
    if (encoding == Encoding::Raw) {
        const int half = key.kind == QLatin1String("ec-p384") ? 48 : key.kind == QLatin1String("ec-p521") ? 66 : 32;
        sig = derToRaw(sig, half);
    }
    return sig;
}

QByteArray selfSignedCertificate(const QTemporaryDir& dir, const TestKey& key, const QString& email)
{
    const QString out = dir.filePath(QStringLiteral("cert-%1.pem").arg(email.section(QLatin1Char('@'), 0, 0)));
    if (!openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-x509"), QStringLiteral("-key"), key.privatePem,
            QStringLiteral("-subj"), QStringLiteral("/CN=tideline-test"), QStringLiteral("-days"), QStringLiteral("1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=email:") + email, QStringLiteral("-out"), out }))
        return {};
    return testutil::readFile(out);
}

QByteArray envelope(const QByteArray& payloadType, const QByteArray& payload, const QList<QPair<QString, QByteArray>>& keyidAndSig)
{
    QJsonArray sigs;
    for (const auto& [keyid, sig] : keyidAndSig) {
        QJsonObject s { { QStringLiteral("sig"), QString::fromLatin1(sig.toBase64()) } };
        if (!keyid.isEmpty())
            s.insert(QStringLiteral("keyid"), keyid);
        sigs.append(s);
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()) },
                             { QStringLiteral("payloadType"), QString::fromUtf8(payloadType) }, { QStringLiteral("signatures"), sigs } })
        .toJson(QJsonDocument::Compact);
}

} // namespace evidencetest
