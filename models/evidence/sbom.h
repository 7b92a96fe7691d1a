// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SBOMs: CycloneDX JSON (1.2–1.6) and SPDX JSON (2.x, and 3.0 JSON-LD). An SBOM binds to the digest of the
// component it describes (never to its dependencies' hashes); it makes no pass/fail claim.

#include "domain/result.h"
#include "evidence/evidencefile.h"

namespace tideline {

class JsonValue;

namespace sbom {

bool isCycloneDx(const JsonValue& root);
bool isSpdx(const JsonValue& root);
Result<EvidenceItem> readCycloneDx(const JsonValue& root, const QString& file);
Result<EvidenceItem> readSpdx(const JsonValue& root, const QString& file);

} // namespace sbom
} // namespace tideline
