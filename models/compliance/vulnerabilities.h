// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which artifacts contain packages that advisories say are vulnerable: every SBOM package an OSV record names,
// placed in the record's ranges in its ecosystem's order, with the VEX statement that speaks of it.

#include "compliance/policy.h"
#include "domain/contents.h"
#include "domain/finding.h"
#include "domain/result.h"

#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace tideline {

class CaseFile;
struct ArtifactFacts;

class VulnerabilityIndex {
public:
    // Reads the case's advisories, the packages they name and the VEX statements (inside the caller's read).
    static Result<std::unique_ptr<VulnerabilityIndex>> load(CaseFile& kase);
    ~VulnerabilityIndex();

    bool empty() const { return m_byFingerprint.empty(); }
    // One entry per advisory that affects (or may affect: undecided says why) a package of the artifact's SBOMs.
    // The SBOMs the VEX statements are judged against are read on the first question about the artifact.
    Result<const std::vector<VulnerabilityDetail>*> matchesFor(const QString& fingerprint);

private:
    explicit VulnerabilityIndex(CaseFile& kase);
    struct Pending;
    CaseFile& m_case;
    std::map<QString, std::vector<std::shared_ptr<const Pending>>> m_byFingerprint;
    std::map<QString, std::vector<VulnerabilityDetail>> m_resolved; // with VEX applied, per fingerprint
    std::vector<VexStatement> m_vex;
    std::shared_ptr<const void> m_keepAlive; // the advisories the pending entries point into
};

// Whether a vulnerability gate is violated by one match for one artifact: false when the rating is below the bar or
// an exception holds (why then says which); an unrated advisory is never below the bar.
bool violatesGate(const Policy::VulnerabilityGate& gate, const VulnerabilityDetail& v, const ArtifactFacts& facts, QString& why);

} // namespace tideline
