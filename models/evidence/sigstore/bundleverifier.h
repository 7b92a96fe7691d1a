// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Offline verification of one Sigstore bundle as the Sigstore client specification describes it: the signature,
// the transparency-log entry (body, signed entry timestamp, inclusion proof, checkpoint), RFC 3161 timestamps,
// the Fulcio certificate's chain and SCT at the signing time, the validity windows of every part of the trusted
// root, and the identity policy; or, for a bundle signed with a managed key, that key.

#include "domain/evidence.h"
#include "evidence/signing.h"
#include "evidence/sigstore/bundle.h"
#include "evidence/sigstore/identity.h"
#include "evidence/sigstore/trustedroot.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tideline::sigstore {

struct BundleOptions {
    std::vector<const TrustedRoot*> roots;
    IdentityPolicy identity; // empty: any identity (it is recorded, not required)
    const KeyRing* keys = nullptr; // the keys a managed-key bundle may be signed with
    std::optional<QByteArray> artifact; // the signed artifact's bytes, when at hand
    QString artifactSha256; // or its sha256 (hex), when only the digest is given
    Millis now = 0; // 0: the clock
};

struct BundleVerdict {
    Verification verdict = Verification::Unsupported;
    QString detail; // why, in a sentence
    QStringList proven; // each check that held, in order
    QString signer; // keyless: the certificate's SAN
    QString issuer; // keyless: its OIDC issuer extension
    QString key; // managed key: the key's name
    qint64 keyId = 0;
    QString trustedRoot; // the root that verified it (name)
    QString trustedRootSha256;
    QString log; // "https://rekor.sigstore.dev #27246492"
    std::optional<Millis> signedAt; // the earliest verified time
    QString timeSource; // "transparency log (SET)", "RFC 3161 timestamp by ..."
};

BundleVerdict verifyBundle(const Bundle& bundle, const BundleOptions& options);

} // namespace tideline::sigstore
