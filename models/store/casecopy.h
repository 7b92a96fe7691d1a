// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <functional>

namespace tideline {

class CaseFile;

struct CaseCopyReport {
    int tables = 0;
    qint64 rows = 0;
    qint64 sourceBytes = 0; // stored (compressed) bytes of the sources copied
    int logEntries = 0;
    QString logHead; // the same on both: the copy holds every entry as it was
};

// Copies every record of a case into a new, empty case (a file into a server or back, or a file into a file),
// row for row with its ids: every stored source, every log entry with its signatures, every decision. The copy is
// the same case (same case id); nothing is added to its log, so verify-case names the same log head on both.
// One transaction on the target: a failed copy leaves it as empty as it was. progress(rows copied so far).
Result<CaseCopyReport> copyCase(CaseFile& from, CaseFile& to, const std::function<void(qint64)>& progress = {});

} // namespace tideline
