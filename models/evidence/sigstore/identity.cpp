// SPDX-License-Identifier: GPL-3.0-or-later
#include "identity.h"

#include <QRegularExpression>
#include <QStringList>

namespace tideline::sigstore {

namespace {

// Bounded like the policies' patterns (a pattern that backtracks badly stops matching instead of hanging).
QRegularExpression bounded(const QString& pattern) { return QRegularExpression(QStringLiteral("(*LIMIT_MATCH=1000000)") + pattern); }

// Empty when value satisfies the exact text and the pattern (each when given).
QString check(const QString& what, const QString& value, const QString& exact, const QString& pattern)
{
    if (!exact.isEmpty() && value != exact)
        return QStringLiteral("the certificate's %1 is '%2', not '%3'").arg(what, value, exact);
    if (!pattern.isEmpty()) {
        const QRegularExpressionMatch m = bounded(pattern).match(value);
        if (!m.hasMatch())
            return QStringLiteral("the certificate's %1 '%2' does not match /%3/").arg(what, value, pattern);
    }
    return QString();
}

} // namespace

QString IdentityPolicy::mismatch(const QString& san, const QString& oidcIssuer) const
{
    if (QString why = check(QStringLiteral("identity"), san, identity, identityRegexp); !why.isEmpty())
        return why;
    return check(QStringLiteral("OIDC issuer"), oidcIssuer, issuer, issuerRegexp);
}

QString IdentityPolicy::invalid() const
{
    for (const QString& p : { identityRegexp, issuerRegexp })
        if (!p.isEmpty() && !QRegularExpression(p).isValid())
            return QStringLiteral("/%1/ is not a valid regular expression: %2").arg(p, QRegularExpression(p).errorString());
    return QString();
}

QString IdentityPolicy::text() const
{
    QStringList parts;
    if (!identity.isEmpty())
        parts << QStringLiteral("identity %1").arg(identity);
    if (!identityRegexp.isEmpty())
        parts << QStringLiteral("identity /%1/").arg(identityRegexp);
    if (!issuer.isEmpty())
        parts << QStringLiteral("issuer %1").arg(issuer);
    if (!issuerRegexp.isEmpty())
        parts << QStringLiteral("issuer /%1/").arg(issuerRegexp);
    return parts.join(QStringLiteral(", "));
}

} // namespace tideline::sigstore
