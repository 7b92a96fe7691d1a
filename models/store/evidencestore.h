// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/evidence.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tideline {

namespace sql {
class StatementCache;
}

// The SQL behind evidence, its bindings and signatures, keys, Kosli trails, flow templates and provenance.
class EvidenceStore {
public:
    explicit EvidenceStore(QSqlDatabase& db);
    ~EvidenceStore();

    // Keys.
    Result<qint64> insertKey(const KeyRecord& k);
    std::vector<KeyRecord> keys();
    std::optional<KeyRecord> keyByName(const QString& name);
    std::optional<KeyRecord> keyBySha256(const QString& spkiSha256);

    // Evidence. insertEvidence stores the record with its verification and signatures (not its bindings).
    Result<qint64> insertEvidence(const EvidenceRecord& e);
    // Adds a binding unless the same (fingerprint, name) is already there; true when it added one.
    Result<bool> addBinding(qint64 evidenceId, const Binding& b);
    Status setName(qint64 evidenceId, const QString& name);
    Status replaceVerification(qint64 evidenceId, const VerificationOutcome& v);
    std::optional<EvidenceRecord> evidence(qint64 id);
    std::vector<EvidenceRecord> evidenceOfSource(qint64 sourceId);
    // Everything bound to the fingerprint, each with its bindings to it, oldest first.
    std::vector<EvidenceRecord> evidenceFor(const QString& fingerprint);
    std::vector<EvidenceRecord> unboundEvidence();
    std::vector<EvidenceRecord> allEvidence();
    // Every piece of evidence with all its bindings and signatures, in three queries rather than two per
    // record: for work over the whole case.
    std::vector<EvidenceRecord> allEvidenceInBulk();
    // Signed evidence no key has verified yet (unknown-key, bad-signature): worth another look when a key arrives.
    std::vector<EvidenceRecord> unverifiedSigned();

    // Flow templates.
    Result<qint64> insertTemplate(const FlowTemplate& t, qint64 sourceId);
    std::optional<FlowTemplate> flowTemplate(qint64 id);
    std::vector<FlowTemplate> flowTemplates();

    // Trails (one per flow and name) and provenance.
    Result<qint64> insertTrail(const TrailRecord& t);
    std::optional<TrailRecord> trail(const QString& flow, const QString& name);
    std::optional<TrailRecord> trailById(qint64 id);
    std::vector<TrailRecord> trails();
    // Removes a trail with everything read from it (its evidence, their bindings and signatures, its provenance).
    Status deleteTrail(qint64 id);
    Result<qint64> insertProvenance(const ProvenanceRecord& p);
    std::vector<ProvenanceRecord> provenanceOf(const QString& fingerprint);
    std::vector<ProvenanceRecord> allProvenance();

private:
    std::vector<EvidenceRecord> readEvidence(const char* sql, std::initializer_list<QVariant> values, const QString& bindingsOf = QString());
    void loadDetails(EvidenceRecord& e, const QString& bindingsOf);
    std::vector<ProvenanceRecord> readProvenance(const char* sql, std::initializer_list<QVariant> values);

    std::unique_ptr<sql::StatementCache> m_sql;
};

} // namespace tideline
