// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The X.509 side of Sigstore verification (OpenSSL stays in the .cpp files): a Fulcio certificate's chain to a
// trusted certificate authority at the signing time, its embedded SCTs against the CT logs, and RFC 3161
// timestamps against the trusted timestamp authorities.

#include "domain/timefmt.h"
#include "evidence/sigstore/trustedroot.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tideline::sigstore {

// Whether a DER certificate is self-issued and self-signed (a root).
bool isSelfSignedCertificate(const QByteArray& der);

struct ChainCheck {
    enum Status { Ok, Untrusted, Expired };
    Status status = Untrusted;
    QString detail;
    const CertificateAuthority* authority = nullptr;
    QByteArray issuer; // DER of the certificate that issued the leaf (for the SCT)
};

// The leaf (DER) chained to one of the authorities, with intermediates only from the authority's own chain, at time
// t: the leaf valid then, the authority trusted then (its window, end inclusive), the leaf for code signing.
ChainCheck verifyCertificateChain(const QByteArray& leaf, const std::vector<const CertificateAuthority*>& authorities, Millis t);

struct SctCheck {
    bool ok = false;
    QString detail;
    const LogInstance* log = nullptr;
};

// At least one SCT embedded in the leaf verifies with a CT log of the list whose window holds the SCT's time.
SctCheck verifyEmbeddedSct(const QByteArray& leaf, const QByteArray& issuer, const std::vector<const LogInstance*>& ctlogs);

struct TimestampCheck {
    bool ok = false;
    QString detail;
    Millis time = 0; // genTime
    const CertificateAuthority* authority = nullptr;
};

// An RFC 3161 TimeStampResp (DER) whose message imprint is the digest of signedData, signed by a timestamp
// authority of the list (chain verified at the timestamp's own time; the authority's window holds it).
TimestampCheck verifyRfc3161(const QByteArray& response, const QByteArray& signedData, const std::vector<const CertificateAuthority*>& authorities);

} // namespace tideline::sigstore
