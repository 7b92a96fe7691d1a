// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What signs the case's log: a key kept outside the case file, so that someone who can write the file (sqlite3)
// cannot rewrite the log and sign it again. The store knows only this interface; the keys themselves (OpenSSL)
// live in models/evidence (PackSigner, FileLogSigner).

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace tideline {

// The public half of a signing key.
struct SignerKey {
    QString sha256; // of the DER SubjectPublicKeyInfo, lowercase hex: the key's fingerprint
    QString algorithm; // ed25519, ecdsa-p256-sha256 or ecdsa-p384-sha384
    QByteArray spki; // DER SubjectPublicKeyInfo
};

class LogSigner {
public:
    virtual ~LogSigner() = default;
    virtual Result<SignerKey> key() const = 0;
    // Ed25519 over the message itself; ECDSA (DER) over its SHA-256 (P-256) or SHA-384 (P-384).
    virtual Result<QByteArray> signMessage(const QByteArray& message) const = 0;
};

// The key every log entry this process appends is signed with. None (the engine's own default, which its tests
// keep): entries are appended unsigned, as every entry was before the log was signed.
void setLogSigner(std::shared_ptr<const LogSigner> signer);
std::shared_ptr<const LogSigner> logSigner();

} // namespace tideline
