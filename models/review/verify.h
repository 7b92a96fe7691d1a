// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <vector>

namespace tideline {

class CaseFile;

struct CaseVerifyReport {
    bool intact = true;
    std::vector<Problem> problems; // the first one is the first thing that does not hold
    int sources = 0;
    int logEntries = 0;
    int snapshots = 0;
    int reviews = 0;
    QString logHead;
};

// Rechecks a case: SQLite's integrity, every stored source against the sha256 the log recorded for it,
// the whole log chain, every record of the timeline against what replaying the sources gives, and
// every review, allow-list entry and policy against its log entry.
CaseVerifyReport verifyCase(CaseFile& kase);

} // namespace tideline
