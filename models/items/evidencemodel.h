// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/evidenceindex.h"

#include <QAbstractTableModel>

namespace tideline {

// Everything the case holds about one artifact: one row per piece of evidence bound to it, with how its
// signature stands and whether it still counts (a later attestation of the same name supersedes it).
class EvidenceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        VerificationColumn,
        ClaimColumn,
        MadeColumn,
        BoundColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role { VerificationRole = Qt::UserRole + 1 /* Verification, as an int */, CurrentRole, SourceShaRole, EvidenceIdRole, SortRole };

    explicit EvidenceModel(QObject* parent = nullptr);

    void setEvidence(ArtifactEvidence evidence);
    void clear();
    const ArtifactEvidence& evidence() const { return m_evidence; }
    const EvidenceRecord& record(int row) const { return m_evidence.evidence[static_cast<size_t>(row)]; }
    bool current(int row) const { return m_evidence.current.count(record(row).id) > 0; }
    int count(Verification v) const;

    // The attestation name a record counts as for this artifact: its binding's, else its own.
    static QString nameFor(const EvidenceRecord& e, const QString& fingerprint);
    // What to call it in a list: its name, else what it is (the predicate type, or the container).
    static QString displayName(const EvidenceRecord& e, const QString& fingerprint);
    // How a binding ties it to the artifact, in words: "statement subject", "Kosli attestation", ...
    static QString bindingText(const EvidenceRecord& e, const QString& fingerprint);
    // "compliant", "non-compliant" or "no claim".
    static QString claimText(const std::optional<bool>& compliant);
    // "verified", "bad signature", "unknown key", "unsigned", "unsupported".
    static QString verificationLabel(Verification v);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ArtifactEvidence m_evidence;
};

} // namespace tideline
