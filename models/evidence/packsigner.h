// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A signing key kept outside the case: the exporter's own (an Ed25519 key made on first use and kept in the
// user's data folder) or the organisation's (Ed25519, ECDSA P-256 or P-384, a PEM private key). It signs
// evidence packs and, by default, the case's log, so that anyone can re-verify them with stock openssl.

#include "domain/result.h"
#include "store/logsigning.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace tideline {

class PackSigner : public LogSigner {
public:
    ~PackSigner() override;
    PackSigner(PackSigner&&) noexcept;
    PackSigner& operator=(PackSigner&&) noexcept;

    // Loads the PEM private key at path, or makes an Ed25519 one there (owner-readable only) when there is none.
    static Result<PackSigner> loadOrCreate(const QString& path);
    // Loads an existing PEM private key (Ed25519, ECDSA P-256 or P-384); never makes one.
    static Result<PackSigner> load(const QString& path);
    // A key from a 32-byte seed: the same seed, the same key (for generated, reproducible demo evidence).
    static Result<PackSigner> fromSeed(const QByteArray& seed);

    // Ed25519: 64 bytes over the message itself. ECDSA: DER, over the message's SHA-256 (P-256) or SHA-384 (P-384).
    QByteArray sign(const QByteArray& message) const;
    QByteArray publicKeyPem() const; // SubjectPublicKeyInfo, PEM
    QString fingerprint() const; // sha256 of the DER SubjectPublicKeyInfo, hex
    QString algorithm() const; // ed25519, ecdsa-p256-sha256, ecdsa-p384-sha384
    QString description() const; // Ed25519, ECDSA P-256, ECDSA P-384

    Result<SignerKey> key() const override;
    Result<QByteArray> signMessage(const QByteArray& message) const override;

    // Checks a signature made as sign() makes it with a public key (PEM or DER SubjectPublicKeyInfo): what
    // `openssl pkeyutl -verify -rawin` (Ed25519) and `openssl dgst -sha256|-sha384 -verify` (ECDSA) check.
    // Returns the key that verified.
    static Result<SignerKey> verify(const QByteArray& publicKey, const QByteArray& message, const QByteArray& signature);
    // The public key in bytes (PEM or DER SubjectPublicKeyInfo), if it is a kind packs and logs are signed with.
    static Result<SignerKey> describe(const QByteArray& publicKey);

private:
    PackSigner();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// "Ed25519", "ECDSA P-256", "ECDSA P-384" for an algorithm name above.
QString signerKeyDescription(const QString& algorithm);

// Where the exporter's key lives: TIDELINE_EXPORT_KEY, else <data folder>/exporter-ed25519.pem.
QString defaultExportKeyPath();

} // namespace tideline
