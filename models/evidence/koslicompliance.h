// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Attestation compliance as Kosli decides it: only the latest attestation of a name counts, overrides replace the
// compliance of the attestation they override, and a flow template makes an artifact (or a trail) COMPLIANT,
// NON-COMPLIANT or INCOMPLETE with the missing attestations named.

#include "domain/evidence.h"

#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace tideline {

// One attestation as it counts for an artifact or a trail.
struct EvidenceFact {
    qint64 evidenceId = 0;
    QString name;
    QString type;
    std::optional<bool> compliant;
    Millis at = 0; // when attested: orders attestations of a name
    QString kosliId;
    QString overrides; // for an override: the attestation id it names, if any
    bool kosliRecord = false; // reported to Kosli (its type is Kosli's); else a file imported here
    Verification verification = Verification::Unsigned;
};

// The fact one piece of evidence gives under a name, attested at a time.
EvidenceFact factOf(const EvidenceRecord& e, const QString& name, Millis at);

// A fact for each binding of each piece of evidence (bindings to other fingerprints are skipped when fingerprint
// is given). Evidence without a name is not an attestation of any name and gives no fact.
std::vector<EvidenceFact> factsOf(const std::vector<EvidenceRecord>& evidence, const QString& fingerprint = QString());

// The attestation of each name that counts: the latest (by time, then by id) that is not an override, with the
// compliance of a later override of the same name (naming it, or naming no id) applied.
std::map<QString, EvidenceFact> currentAttestations(const std::vector<EvidenceFact>& facts);

// Whether an attestation can satisfy a template requirement of this type: "*" takes any; otherwise the types
// must agree (decision and system:decision are one); a file imported here also satisfies "generic", as Kosli's
// generic attestation carries any file.
bool satisfiesType(const QString& requiredType, const EvidenceFact& fact);

// Decides the compliance of one artifact (artifact: its template name) or of a trail (artifact empty: only the
// trail-level requirements) from the attestations that count. Without a template, the attestations made decide.
// Missing requirements make it INCOMPLETE; else a non-compliant one makes it NON-COMPLIANT; else one with no
// pass/fail claim leaves it INCOMPLETE (pending); else it is COMPLIANT. Unexpected attestations that are
// non-compliant count too.
TemplateEvaluation evaluateTemplate(const FlowTemplate* flowTemplate, const QString& artifact, const std::map<QString, EvidenceFact>& current);

} // namespace tideline
