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
    }
    return QString();
}

std::optional<Verification> verificationFromName(const QString& name)
{
    for (Verification v : { Verification::Verified, Verification::BadSignature, Verification::UnknownKey, Verification::Unsigned,
             Verification::Unsupported })
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
