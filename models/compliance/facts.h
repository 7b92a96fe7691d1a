// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/evaluation.h"

#include <memory>

namespace tideline {

class CaseFile;

// What the case knows of an artifact's provenance and attestations: from imported trails, artifacts and
// attestations, and from the flows Kosli server snapshots list.
class FactsProvider {
public:
    virtual ~FactsProvider() = default;
    virtual ArtifactFacts facts(const QString& fingerprint, const QString& name) = 0;
};

std::unique_ptr<FactsProvider> caseFacts(CaseFile& kase);

} // namespace tideline
