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

    // Reads return their failure: an unreadable case is never taken for an empty one.

    // Keys.
    Result<qint64> insertKey(const KeyRecord& k);
    Result<std::vector<KeyRecord>> keys();
    Result<std::optional<KeyRecord>> keyByName(const QString& name);
    Result<std::optional<KeyRecord>> keyBySha256(const QString& spkiSha256);
    // Trust changes (trusted, by, at, how); the origin stays what it was.
    Status setKeyTrust(qint64 id, const TrustRecord& trust);

    // Sigstore trusted roots, held like keys.
    Result<qint64> insertTrustedRoot(const TrustedRootRecord& r);
    Result<std::vector<TrustedRootRecord>> trustedRoots();
    Result<std::optional<TrustedRootRecord>> trustedRootByName(const QString& name);
    Result<std::optional<TrustedRootRecord>> trustedRootBySha256(const QString& sha256);
    Status setTrustedRootTrust(qint64 id, const TrustRecord& trust);

    // Evidence. insertEvidence stores the record with its verification and signatures (not its bindings).
    Result<qint64> insertEvidence(const EvidenceRecord& e);
    // Adds a binding unless the same (fingerprint, name) is already there; true when it added one.
    Result<bool> addBinding(qint64 evidenceId, const Binding& b);
    Status setName(qint64 evidenceId, const QString& name);
    Status replaceVerification(qint64 evidenceId, const VerificationOutcome& v);
    Result<std::optional<EvidenceRecord>> evidence(qint64 id);
    Result<std::vector<EvidenceRecord>> evidenceOfSource(qint64 sourceId);
    // Everything bound to the fingerprint, each with its bindings to it, oldest first.
    Result<std::vector<EvidenceRecord>> evidenceFor(const QString& fingerprint);
    Result<std::vector<EvidenceRecord>> unboundEvidence();
    Result<std::vector<EvidenceRecord>> allEvidence();
    // Every piece of evidence with all its bindings and signatures, in three queries rather than two per
    // record: for work over the whole case.
    Result<std::vector<EvidenceRecord>> allEvidenceInBulk();
    // Signed evidence no key has verified yet (unknown-key, bad-signature): worth another look when a key arrives.
    Result<std::vector<EvidenceRecord>> unverifiedSigned();
    // in-toto layouts whose own signature verified: their functionaries verify links.
    Result<std::vector<EvidenceRecord>> verifiedLayouts();
    // Signed evidence of one kind, whatever its verdict (in-toto-link: to judge again when a layout changes).
    Result<std::vector<EvidenceRecord>> signedOfKind(const QString& kind);
    // Evidence a key (keys.id) or trusted root (trusted_roots.id) made verified: to look at again when trust in it ends.
    Result<std::vector<EvidenceRecord>> evidenceVerifiedWith(qint64 keyId, qint64 trustedRootId);

    // Flow templates.
    Result<qint64> insertTemplate(const FlowTemplate& t, qint64 sourceId);
    Result<std::optional<FlowTemplate>> flowTemplate(qint64 id);
    Result<std::vector<FlowTemplate>> flowTemplates();

    // Trails (one per flow and name) and provenance.
    Result<qint64> insertTrail(const TrailRecord& t);
    Result<std::optional<TrailRecord>> trail(const QString& flow, const QString& name);
    Result<std::optional<TrailRecord>> trailById(qint64 id);
    Result<std::vector<TrailRecord>> trails();
    // Removes a trail with everything read from it (its evidence, their bindings and signatures, its provenance).
    Status deleteTrail(qint64 id);
    Result<qint64> insertProvenance(const ProvenanceRecord& p);
    Result<std::vector<ProvenanceRecord>> provenanceOf(const QString& fingerprint);
    Result<std::vector<ProvenanceRecord>> allProvenance();

private:
    Result<std::vector<EvidenceRecord>> readEvidence(const char* sql, std::initializer_list<QVariant> values, const QString& what,
        const QString& bindingsOf = QString());
    Status loadDetails(EvidenceRecord& e, const QString& bindingsOf);
    Result<std::vector<ProvenanceRecord>> readProvenance(const char* sql, std::initializer_list<QVariant> values, const QString& what);

    std::unique_ptr<sql::StatementCache> m_sql;
};

} // namespace tideline
