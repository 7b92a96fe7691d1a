// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Rekor entries: whether a log entry's body records this bundle (every kind: hashedrekord 0.0.1/0.0.2, dsse
// 0.0.1/0.0.2, intoto 0.0.2), and the signed entry timestamp (Rekor v1's inclusion promise).

#include "evidence/crypto.h"
#include "evidence/sigstore/bundle.h"

#include <QByteArray>
#include <QString>

namespace tideline::sigstore {

// Who signed the bundle: the leaf certificate (keyless) or the key's SubjectPublicKeyInfo.
struct SignerMaterial {
    QByteArray certificate; // DER
    QByteArray spki; // DER
};

// Empty when the entry records exactly this bundle's signature, signer and digest (or payload); else what differs.
QString entryMismatch(const TlogEntry& entry, const Bundle& bundle, const SignerMaterial& signer);

// Rekor v2 entries carry no integrated time and no promise: their time comes from RFC 3161 timestamps.
bool isRekorV2(const TlogEntry& entry);

// The SET: the log's signature over {"body","integratedTime","logID","logIndex"} in canonical JSON.
bool verifySignedEntryTimestamp(const TlogEntry& entry, const crypto::PublicKey& logKey);

} // namespace tideline::sigstore
