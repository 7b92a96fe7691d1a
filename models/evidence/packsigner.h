// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The exporter's Ed25519 key: made on first use, kept in the user's data folder, used to sign evidence
// packs so that anyone can re-verify them with stock openssl.

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace tideline {

class PackSigner {
public:
    ~PackSigner();
    PackSigner(PackSigner&&) noexcept;
    PackSigner& operator=(PackSigner&&) noexcept;

    // Loads the PEM private key at path, or makes one there (owner-readable only) when there is none.
    static Result<PackSigner> loadOrCreate(const QString& path);
    // A key from a 32-byte seed: the same seed, the same key (for generated, reproducible demo evidence).
    static Result<PackSigner> fromSeed(const QByteArray& seed);

    QByteArray sign(const QByteArray& message) const; // 64 bytes, Ed25519 over the message itself
    QByteArray publicKeyPem() const; // SubjectPublicKeyInfo, PEM
    QString fingerprint() const; // sha256 of the DER SubjectPublicKeyInfo, hex

    // Checks an Ed25519 signature with a PEM public key: what `openssl pkeyutl -verify -rawin` checks.
    static Status verify(const QByteArray& publicKeyPem, const QByteArray& message, const QByteArray& signature);

private:
    PackSigner();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Where the exporter's key lives: TIDELINE_EXPORT_KEY, else <data folder>/exporter-ed25519.pem.
QString defaultExportKeyPath();

} // namespace tideline
