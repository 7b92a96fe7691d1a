// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Who must have signed a keyless bundle: the certificate's subject alternative name and the OIDC issuer Fulcio
// wrote into it, each exact or a regular expression (cosign's --certificate-identity[-regexp] and
// --certificate-oidc-issuer[-regexp]; a regular expression matches anywhere unless anchored, as Go's does).

#include <QString>

namespace tideline::sigstore {

struct IdentityPolicy {
    QString identity;
    QString identityRegexp;
    QString issuer;
    QString issuerRegexp;

    bool empty() const { return identity.isEmpty() && identityRegexp.isEmpty() && issuer.isEmpty() && issuerRegexp.isEmpty(); }
    // Empty when the certificate's identity and issuer satisfy the policy, else why not.
    QString mismatch(const QString& san, const QString& oidcIssuer) const;
    // A regular expression that does not compile: why, else empty.
    QString invalid() const;
    QString text() const; // "identity X (issuer Y)"
};

} // namespace tideline::sigstore
