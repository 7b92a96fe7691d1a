// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence.h"

namespace tideline {

QString verificationName(Verification v)
{
    switch (v) {
    case Verification::Verified:
        return QStringLiteral("verified");
    case Verification::BadSignature:
        return QStringLiteral("bad-signature");
    case Verification::UnknownKey:
        return QStringLiteral("unknown-key");
    case Verification::Unsigned:
        return QStringLiteral("unsigned");
    case Verification::Unsupported:
        return QStringLiteral("unsupported");
    case Verification::UntrustedKey:
        return QStringLiteral("untrusted-key");
    case Verification::UntrustedCertificate:
        return QStringLiteral("untrusted-certificate");
    case Verification::IdentityMismatch:
        return QStringLiteral("identity-mismatch");
    case Verification::LogEntryMismatch:
        return QStringLiteral("log-entry-mismatch");
    case Verification::InvalidInclusionProof:
        return QStringLiteral("invalid-inclusion-proof");
    case Verification::UntrustedLog:
        return QStringLiteral("untrusted-log");
    case Verification::InvalidTimestamp:
        return QStringLiteral("invalid-timestamp");
    case Verification::Expired:
        return QStringLiteral("expired");
    }
    return QString();
}

QString verificationMeaning(Verification v)
{
    switch (v) {
    case Verification::Verified:
        return QStringLiteral("the signature verifies with a trusted key, or with a certificate that chains to a trusted root at a signing "
                              "time proven by its log entry or timestamp, and the signer is the one required");
    case Verification::BadSignature:
        return QStringLiteral("the signature does not verify with the key that should have made it: the content was altered or the signature damaged");
    case Verification::UnknownKey:
        return QStringLiteral("signed, but no key the case holds could have made the signature");
    case Verification::Unsigned:
        return QStringLiteral("carries no signature");
    case Verification::Unsupported:
        return QStringLiteral("signed in a way Tideline does not accept");
    case Verification::UntrustedKey:
        return QStringLiteral("verifies with a key the case holds but has not been told to trust (it came with the evidence)");
    case Verification::UntrustedCertificate:
        return QStringLiteral("the signing certificate does not chain to a trusted root (self-issued, a root inside the bundle, no root held, "
                              "or its certificate-transparency proof fails)");
    case Verification::IdentityMismatch:
        return QStringLiteral("the certificate is trusted, but names another signer or OIDC issuer than the one required");
    case Verification::LogEntryMismatch:
        return QStringLiteral("the transparency-log entry records another signature, key, certificate, digest or envelope than the bundle's");
    case Verification::InvalidInclusionProof:
        return QStringLiteral("the log's signed promise, inclusion proof or checkpoint does not verify");
    case Verification::UntrustedLog:
        return QStringLiteral("the log entry comes from a transparency log the trusted root does not name");
    case Verification::InvalidTimestamp:
        return QStringLiteral("a timestamp does not verify against a trusted timestamp authority, or no signing time is proven");
    case Verification::Expired:
        return QStringLiteral("a certificate, certificate authority, log key or timestamp authority was not valid at the signing time");
    }
    return QString();
}

const std::vector<Verification>& allVerifications()
{
    static const std::vector<Verification> all { Verification::Verified, Verification::BadSignature, Verification::UnknownKey,
        Verification::Unsigned, Verification::Unsupported, Verification::UntrustedKey, Verification::UntrustedCertificate,
        Verification::IdentityMismatch, Verification::LogEntryMismatch, Verification::InvalidInclusionProof, Verification::UntrustedLog,
        Verification::InvalidTimestamp, Verification::Expired };
    return all;
}

int verificationSeverity(Verification v)
{
    switch (v) {
    case Verification::Verified:
        return 0;
    case Verification::Unsigned:
        return 1;
    case Verification::Unsupported:
        return 2;
    case Verification::UnknownKey:
        return 3;
    case Verification::UntrustedKey:
        return 4;
    case Verification::IdentityMismatch:
        return 5;
    case Verification::Expired:
        return 6;
    case Verification::UntrustedLog:
        return 7;
    case Verification::UntrustedCertificate:
        return 8;
    case Verification::InvalidTimestamp:
        return 9;
    case Verification::InvalidInclusionProof:
        return 10;
    case Verification::LogEntryMismatch:
        return 11;
    case Verification::BadSignature:
        return 12;
    }
    return 12;
}

std::optional<Verification> verificationFromName(const QString& name)
{
    for (Verification v : allVerifications())
        if (verificationName(v) == name)
            return v;
    return std::nullopt;
}

QString templateStateName(TemplateState s)
{
    switch (s) {
    case TemplateState::Compliant:
        return QStringLiteral("COMPLIANT");
    case TemplateState::NonCompliant:
        return QStringLiteral("NON-COMPLIANT");
    case TemplateState::Incomplete:
        return QStringLiteral("INCOMPLETE");
    }
    return QString();
}

} // namespace tideline
