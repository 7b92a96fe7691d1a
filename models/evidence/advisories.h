// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Advisories and what suppliers say of them: OSV records (one record, or an array of them; an OSV export's zip is
// an archive of single records, read entry by entry), and OpenVEX documents. CycloneDX VEX is read with the BOM
// (sbom.h).

#include "domain/result.h"
#include "evidence/evidencefile.h"

namespace tideline {

class JsonValue;

namespace advisories {

bool isOsv(const JsonValue& root); // a record, or an array whose first element is one
// Every record; a malformed one is an error naming its JSON path. Withdrawn records are read (and kept, so the
// case shows them) but raise no finding.
Result<EvidenceFile> readOsv(const JsonValue& root, const QString& file);

bool isOpenVex(const JsonValue& root);
Result<EvidenceFile> readOpenVex(const JsonValue& root, const QString& file);

} // namespace advisories
} // namespace tideline
