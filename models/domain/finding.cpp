// SPDX-License-Identifier: GPL-3.0-or-later
#include "finding.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tideline {

const std::vector<FindingKind>& findingKinds()
{
    static const std::vector<FindingKind> kinds = { FindingKind::NoProvenance, FindingKind::MissingAttestation,
        FindingKind::NonCompliantAttestation, FindingKind::UnverifiedEvidence, FindingKind::UnknownFingerprint, FindingKind::BlindSpot,
        FindingKind::VulnerablePackage };
    return kinds;
}

QString findingKindName(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NoProvenance:
        return QStringLiteral("no-provenance");
    case FindingKind::MissingAttestation:
        return QStringLiteral("missing-attestation");
    case FindingKind::NonCompliantAttestation:
        return QStringLiteral("non-compliant-attestation");
    case FindingKind::UnverifiedEvidence:
        return QStringLiteral("unverified-evidence");
    case FindingKind::UnknownFingerprint:
        return QStringLiteral("unknown-fingerprint");
    case FindingKind::BlindSpot:
        return QStringLiteral("blind-spot");
    case FindingKind::VulnerablePackage:
        return QStringLiteral("vulnerable-package");
    }
    return QString();
}

std::optional<FindingKind> findingKindFromName(const QString& name)
{
    for (FindingKind k : findingKinds())
        if (findingKindName(k) == name)
            return k;
    return std::nullopt;
}

const std::vector<Disposition>& dispositions()
{
    static const std::vector<Disposition> d = { Disposition::Open, Disposition::AcceptedRisk, Disposition::FalsePositive,
        Disposition::Remediated, Disposition::Escalated };
    return d;
}

QString dispositionName(Disposition d)
{
    switch (d) {
    case Disposition::Open:
        return QStringLiteral("open");
    case Disposition::AcceptedRisk:
        return QStringLiteral("accepted-risk");
    case Disposition::FalsePositive:
        return QStringLiteral("false-positive");
    case Disposition::Remediated:
        return QStringLiteral("remediated");
    case Disposition::Escalated:
        return QStringLiteral("escalated");
    }
    return QString();
}

std::optional<Disposition> dispositionFromName(const QString& name)
{
    for (Disposition d : dispositions())
        if (dispositionName(d) == name)
            return d;
    return std::nullopt;
}

QStringList dispositionNames()
{
    QStringList out;
    for (Disposition d : dispositions())
        out << dispositionName(d);
    return out;
}

bool stillOpen(Disposition d) { return d == Disposition::Open || d == Disposition::Escalated; }

const std::vector<Severity>& severities()
{
    static const std::vector<Severity> s = { Severity::Critical, Severity::High, Severity::Medium, Severity::Low };
    return s;
}

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        return QStringLiteral("low");
    }
    return QString();
}

std::optional<Severity> severityFromName(const QString& name)
{
    for (Severity s : severities())
        if (severityName(s) == name)
            return s;
    return std::nullopt;
}

Severity findingSeverity(FindingKind kind, bool policyBacked)
{
    Severity base = Severity::Medium;
    switch (kind) {
    case FindingKind::NoProvenance:
        base = Severity::Critical;
        break;
    case FindingKind::UnknownFingerprint:
    case FindingKind::UnverifiedEvidence:
    case FindingKind::NonCompliantAttestation:
        base = Severity::High;
        break;
    case FindingKind::MissingAttestation:
        base = Severity::Medium;
        break;
    case FindingKind::BlindSpot:
        return Severity::Medium; // no policy asks for snapshots: the threshold is the check's own
    }
    if (policyBacked || base == Severity::Low)
        return base;
    return static_cast<Severity>(static_cast<int>(base) + 1);
}

QString workloadKey(const Finding& finding) { return workloadKey(finding.fingerprint, finding.names.value(0)); }

QJsonObject vulnerabilityJson(const VulnerabilityDetail& v)
{
    QJsonObject o { { QStringLiteral("advisory"), v.advisory }, { QStringLiteral("aliases"), QJsonArray::fromStringList(v.aliases) },
        { QStringLiteral("summary"), v.summary }, { QStringLiteral("packages"), QJsonArray::fromStringList(v.packages) },
        { QStringLiteral("purls"), QJsonArray::fromStringList(v.purls) }, { QStringLiteral("fixed"), v.fixed.isEmpty() ? QJsonValue() : QJsonValue(v.fixed) },
        { QStringLiteral("severity"), v.rating.isEmpty() ? QJsonValue() : QJsonValue(v.rating) },
        { QStringLiteral("score"), v.score ? QJsonValue(*v.score) : QJsonValue() }, { QStringLiteral("vector"), v.vector.isEmpty() ? QJsonValue() : QJsonValue(v.vector) },
        { QStringLiteral("affected"), v.undecided.isEmpty() ? QJsonValue(true) : QJsonValue() },
        { QStringLiteral("advisory_source"), QJsonObject { { QStringLiteral("name"), v.advisorySource }, { QStringLiteral("sha256"), v.advisorySha256 } } },
        { QStringLiteral("suppressed_by_vex"), v.suppressed } };
    if (!v.undecided.isEmpty())
        o.insert(QStringLiteral("undecided"), v.undecided);
    if (!v.vexStatus.isEmpty())
        o.insert(QStringLiteral("vex"), QJsonObject { { QStringLiteral("status"), v.vexStatus }, { QStringLiteral("justification"), v.vexJustification },
                                            { QStringLiteral("statement"), v.vexStatement }, { QStringLiteral("author"), v.vexAuthor },
                                            { QStringLiteral("source"), QJsonObject { { QStringLiteral("name"), v.vexSource }, { QStringLiteral("sha256"), v.vexSha256 } } } });
    return o;
}

} // namespace tideline
