// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A Sigstore trusted root (application/vnd.dev.sigstore.trustedroot+json, protobuf JSON): the transparency logs,
// certificate authorities, CT logs and timestamp authorities a keyless bundle is verified against, each with the
// window in which it may be trusted.

#include "domain/result.h"
#include "domain/timefmt.h"
#include "evidence/crypto.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tideline {

class JsonValue;

namespace sigstore {

// A closed interval: both ends belong to it. No end: still valid.
struct TimeRange {
    Millis start = 0;
    std::optional<Millis> end;
    bool contains(Millis t) const { return t >= start && (!end || t <= *end); }
    QString text() const; // "2021-01-12T11:53:27Z .. (open)"
};

// A transparency log (Rekor) or a certificate-transparency log.
struct LogInstance {
    QString baseUrl;
    QString host; // the authority of baseUrl (host[:port]): what the log's checkpoints are signed as
    QByteArray keyId; // logId.keyId, raw
    crypto::PublicKey key;
    QString keyDetails; // PKIX_ECDSA_P256_SHA_256, PKIX_ED25519, ...
    TimeRange validFor;
};

// A certificate authority (Fulcio) or a timestamp authority: its chain, leaf first, root last.
struct CertificateAuthority {
    QString uri;
    QString subject; // "organization / commonName"
    std::vector<QByteArray> chain; // DER
    TimeRange validFor;
};

struct TrustedRoot {
    QString name; // what the case or the command line calls it (file name)
    QString sha256; // of the file's bytes
    QString mediaType;
    std::vector<LogInstance> tlogs;
    std::vector<CertificateAuthority> certificateAuthorities;
    std::vector<LogInstance> ctlogs;
    std::vector<CertificateAuthority> timestampAuthorities;

    const LogInstance* tlog(const QByteArray& keyId) const;
    QString summary() const; // "2 transparency logs, 2 certificate authorities, 2 CT logs, 1 timestamp authority"
};

bool isTrustedRoot(const JsonValue& v);
// Every part must be well formed: a key that does not load, a chain that does not decode or a validity window
// without its start refuses the whole root (a malformed root is never read as a more permissive one).
Result<TrustedRoot> readTrustedRoot(const JsonValue& v, const QString& file);
Result<TrustedRoot> parseTrustedRoot(const QByteArray& bytes, const QString& file);

} // namespace sigstore
} // namespace tideline
