// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "evidence/evidencefile.h"
#include "fuzzutil.h"
#include "domain/json.h"

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

// The body of a target for a JSON evidence format: parse the input, and when detect(root) takes it for the
// format, check what read(root, file) gives.
template <typename Detect, typename Read>
int readJsonEvidence(const std::uint8_t* data, std::size_t size, Detect detect, Read read)
{
    static tideline::JsonDocument doc;
    const QString file = QStringLiteral("input.json");
    if (tideline::Status s = doc.parse(bytes(data, size), file); !s) {
        checkProblem(s.problem(), file);
        return 0;
    }
    if (detect(doc.root()))
        check(read(doc.root(), file), file);
    return 0;
}

} // namespace fuzz
