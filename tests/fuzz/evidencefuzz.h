#pragma once

#include "domain/result.h"
#include "evidence/evidencefile.h"

#include <QString>

namespace fuzz {

// Checks what an evidence reader gave: every field read (the sanitizers see it), digests and fingerprints well
// formed, problems naming the file; signed content is run through verification with no keys at hand (which
// still parses embedded certificates and decides a verdict).
void checkItem(const tideline::EvidenceItem& item, const QString& file);
void checkFile(const tideline::EvidenceFile& f, const QString& file);
void check(const tideline::Result<tideline::EvidenceItem>& r, const QString& file);
void check(const tideline::Result<tideline::EvidenceFile>& r, const QString& file);
void check(const std::optional<tideline::Result<tideline::EvidenceFile>>& r, const QString& file);

} // namespace fuzz
