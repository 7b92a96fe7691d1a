// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A Sigstore bundle (v0.1 to v0.3) as plain values: what its verification needs, decoded once while reading.

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tideline {

class JsonValue;

namespace sigstore {

struct InclusionProof {
    qint64 logIndex = 0;
    qint64 treeSize = 0;
    QByteArray rootHash;
    std::vector<QByteArray> hashes;
    QString checkpoint; // the signed note; empty when the bundle carries none
};

struct TlogEntry {
    qint64 logIndex = 0;
    QByteArray logId;
    QString kind; // hashedrekord, dsse, intoto
    QString version; // 0.0.1, 0.0.2
    std::optional<qint64> integratedTime; // Unix seconds (Rekor v1 only)
    QByteArray signedEntryTimestamp; // inclusionPromise (Rekor v1 only)
    std::optional<InclusionProof> proof;
    QByteArray body; // canonicalizedBody, decoded
    QByteArray bodyBase64; // as the bundle gave it (the SET signs that text)
};

struct Bundle {
    QString mediaType;
    QString version; // "0.1", "0.2", "0.3"; empty when unknown
    enum class Material { PublicKey, Certificate, Chain };
    Material material = Material::PublicKey;
    QString keyHint; // publicKey.hint
    std::vector<QByteArray> certificates; // DER, leaf first
    std::vector<TlogEntry> tlogEntries;
    std::vector<QByteArray> timestamps; // RFC 3161 TimeStampResp, DER
    bool dsse = false;
    // messageSignature
    QString digestAlgorithm; // sha256, sha384, sha512
    QByteArray messageDigest;
    // dsseEnvelope
    QByteArray payloadType;
    QByteArray payload;
    QByteArray signature; // the one signature (messageSignature.signature or the envelope's only one)
};

// A structural problem (a field missing, not base64, a negative index) is a Problem naming the place.
Result<Bundle> readBundle(const JsonValue& bundle, const QString& file, const QString& where = QString());

} // namespace sigstore
} // namespace tideline
