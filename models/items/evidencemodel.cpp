// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencemodel.h"

#include <QFileInfo>

namespace tideline {

EvidenceModel::EvidenceModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void EvidenceModel::setEvidence(ArtifactEvidence evidence)
{
    beginResetModel();
    m_evidence = std::move(evidence);
    endResetModel();
}

void EvidenceModel::clear()
{
    setEvidence(ArtifactEvidence());
}

int EvidenceModel::count(Verification v) const
{
    int n = 0;
    for (const EvidenceRecord& e : m_evidence.evidence)
        n += e.verification.verdict == v ? 1 : 0;
    return n;
}

QString EvidenceModel::nameFor(const EvidenceRecord& e, const QString& fingerprint)
{
    for (const Binding& b : e.bindings)
        if (b.fingerprint == fingerprint && !b.name.isEmpty()) return b.name;
    return e.name;
}

QString EvidenceModel::displayName(const EvidenceRecord& e, const QString& fingerprint)
{
    const QString name = nameFor(e, fingerprint);
    if (!name.isEmpty()) return name;
    QString what = e.predicateType.isEmpty() ? e.format : e.predicateType;
    what.remove(QStringLiteral("https://")).remove(QStringLiteral("http://"));
    return tr("(unnamed %1)").arg(what);
}

QString EvidenceModel::bindingText(const EvidenceRecord& e, const QString& fingerprint)
{
    QStringList out;
    for (const Binding& b : e.bindings) {
        if (b.fingerprint != fingerprint) continue;
        QString via = b.via;
        if (via == QLatin1String("subject"))
            via = tr("statement subject");
        else if (via == QLatin1String("sbom"))
            via = tr("SBOM component");
        else if (via == QLatin1String("kosli-attestation"))
            via = tr("Kosli attestation");
        else if (via == QLatin1String("kosli-trail"))
            via = tr("Kosli trail");
        else if (via == QLatin1String("message-digest"))
            via = tr("signed digest");
        else if (via == QLatin1String("for"))
            via = tr("named on import");
        else if (via == QLatin1String("manifest"))
            via = tr("bundle manifest");
        if (!b.subject.isEmpty() && b.subject != QLatin1String("trail")) via += QStringLiteral(" “%1”").arg(b.subject);
        if (!out.contains(via)) out << via;
    }
    return out.join(QStringLiteral(", "));
}

QString EvidenceModel::claimText(const std::optional<bool>& compliant)
{
    return !compliant ? tr("no claim") : *compliant ? tr("compliant") : tr("non-compliant");
}

QString EvidenceModel::verificationLabel(Verification v)
{
    QString s = verificationName(v);
    return s.replace(QLatin1Char('-'), QLatin1Char(' '));
}

int EvidenceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_evidence.evidence.size());
}

int EvidenceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvidenceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const EvidenceRecord& e = record(index.row());
    const QString& fp = m_evidence.fingerprint;
    switch (role) {
    case VerificationRole:
        return static_cast<int>(e.verification.verdict);
    case CurrentRole:
        return current(index.row());
    case SourceShaRole:
        return e.sourceSha256;
    case EvidenceIdRole:
        return e.id;
    case SortRole:
        if (index.column() == MadeColumn) return e.createdAt.value_or(e.importedAt);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole: {
        QString tip = tr("%1 (%2, in %3)\n%4: %5\nfrom %6")
                          .arg(displayName(e, fp), e.kind, e.format, verificationLabel(e.verification.verdict),
                              e.verification.detail, e.sourceName);
        if (!current(index.row())) tip += tr("\nSuperseded: a later attestation of the same name counts instead.");
        return tip;
    }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: {
            const QString shown = displayName(e, fp);
            return current(index.row()) ? shown : tr("%1 (superseded)").arg(shown);
        }
        case KindColumn:
            return e.type.isEmpty() || e.type == e.kind ? e.kind : QStringLiteral("%1 · %2").arg(e.kind, e.type);
        case VerificationColumn:
            return verificationLabel(e.verification.verdict);
        case ClaimColumn:
            return claimText(e.compliant);
        case MadeColumn:
            return e.createdAt ? timefmt::formatIso(*e.createdAt) : tr("not said");
        case BoundColumn:
            return bindingText(e, fp);
        case SourceColumn:
            return QFileInfo(e.sourceName).fileName();
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Attestation");
    case KindColumn:
        return tr("Kind");
    case VerificationColumn:
        return tr("Signature");
    case ClaimColumn:
        return tr("Claim");
    case MadeColumn:
        return tr("Made");
    case BoundColumn:
        return tr("Bound by");
    case SourceColumn:
        return tr("Source file");
    }
    return {};
}

} // namespace tideline
