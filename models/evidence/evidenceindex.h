// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the case holds of evidence, asked by artifact: the engine API the command line, the window and the
// compliance checks use.

#include "domain/evidence.h"
#include "domain/result.h"

#include <QString>

#include <memory>
#include <set>
#include <vector>

namespace tideline {

class CaseFile;

struct ArtifactEvidence {
    QString fingerprint;
    std::vector<EvidenceRecord> evidence; // everything bound to it, with its bindings to it
    std::set<qint64> current; // ids of the evidence that counts: the latest attestation of each name (after overrides)
    std::vector<ProvenanceRecord> provenance; // the flows and trails it belongs to
    std::vector<TemplateEvaluation> evaluations; // its compliance under each trail's flow template
};

class EvidenceIndex {
public:
    explicit EvidenceIndex(CaseFile& kase);
    ~EvidenceIndex();

    // From now on, answer from everything the case holds read at once (on the next question, so inside
    // whatever read transaction the caller opens), not with queries per artifact: for work over the whole
    // case, such as a check. Imports that land later are not seen by this index.
    void readWholeCase();

    // Each answer carries the case's failure to read it: never an empty answer in its place.
    Result<ArtifactEvidence> forFingerprint(const QString& fingerprint);
    Result<std::vector<EvidenceRecord>> unbound();
    Result<std::vector<EvidenceRecord>> all();
    Result<std::vector<KeyRecord>> keys();
    Result<std::vector<TrustedRootRecord>> trustedRoots();
    Result<std::vector<TrailRecord>> trails();
    Result<std::vector<FlowTemplate>> flowTemplates();
    Result<std::optional<FlowTemplate>> flowTemplate(qint64 id);
    // A trail's own compliance (trail-level requirements) under its template.
    Result<TemplateEvaluation> evaluateTrail(const TrailRecord& trail);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tideline
