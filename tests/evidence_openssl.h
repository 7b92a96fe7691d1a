// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keys and signatures made by the openssl command-line tool, for the evidence tests: test data of our own,
// generated where the tests run.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace evidencetest {

// True when an openssl binary is on PATH (tests skip otherwise).
bool haveOpenssl();

// Runs openssl; the output file's bytes, or empty (with a warning) when it fails.
bool openssl(const QStringList& args, QByteArray* stdoutBytes = nullptr);

struct TestKey {
    QString kind; // ec-p256, ec-p384, ec-p521, ed25519, rsa-2048, rsa-3072
    QString privatePem; // path
    QString publicPem; // path
    QByteArray publicBytes;
};

// Generates a key pair of this kind under dir.
TestKey makeKey(const QTemporaryDir& dir, const QString& kind, const QString& name);

enum class Encoding { Der, Raw, Pkcs1, Pss, Pure };

// Signs message with the key: ECDSA with the curve's digest (DER, or converted to raw r||s), RSA PKCS#1 v1.5 or
// PSS (salt = digest length) over SHA-256, Ed25519 over the message itself.
QByteArray sign(const QTemporaryDir& dir, const TestKey& key, const QByteArray& message, Encoding encoding);

// A self-signed certificate for the key, PEM.
QByteArray selfSignedCertificate(const QTemporaryDir& dir, const TestKey& key, const QString& email);

// DER ECDSA-Sig-Value to raw r||s of 2 * half bytes.
QByteArray derToRaw(const QByteArray& der, int half);

// A DSSE envelope (JSON) over payload with the given signatures (base64 written by Qt).
QByteArray envelope(const QByteArray& payloadType, const QByteArray& payload, const QList<QPair<QString, QByteArray>>& keyidAndSig);

} // namespace evidencetest
