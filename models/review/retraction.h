// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"
#include "store/retractionstore.h"

#include <QString>

namespace tideline {

class CaseFile;

// Takes back an import, named by its log entry's hash or by its source's sha256 (a unique prefix of at least 8 hex
// digits will do; a source's sha256 takes back every import of it). The snapshot timelines it touched are replayed
// from the imports that remain, its evidence, keys, trails and policies are removed, and a "retract" entry (signed
// with the transaction, like every entry) says what and why. A key or trusted root that verified evidence of other
// files is refused: their verdicts rest on it.
Result<Retraction> retractImport(CaseFile& kase, const QString& target, const QString& reason, const QString& actor = QString());

} // namespace tideline
