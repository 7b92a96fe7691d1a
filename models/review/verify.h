// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <functional>
#include <map>
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
    // The log's signatures, by keys kept outside the case: sha256 -> entries it validly signed, and its algorithm.
    std::map<QString, int> logSigners;
    std::map<QString, QString> logSignerAlgorithms;
    int unsignedEntries = 0; // written before the log was signed, or without a key: not proof of tampering
    int unsignedAfterSigned = 0; // of those, after a signed entry (written without a key, or signatures removed)
    qint64 firstUnsignedAfterSigned = 0;
    int cosignedEntries = 0; // decisions signed by the reviewer's own key too
};

// Rechecks a case: SQLite's integrity, every stored source against the sha256 the log recorded for it,
// the whole log chain, every record of the timeline against what replaying the sources gives, and
// every review, allow-list entry and policy against its log entry, and every log entry's signatures.
// progress, when given, hears how many of the stored sources' original bytes were read back (decompressed, hashed
// and, for snapshots, replayed) out of how many, on the calling thread, a few times a second.
using VerifyProgress = std::function<void(qint64 bytesDone, qint64 bytesTotal)>;
CaseVerifyReport verifyCase(CaseFile& kase, const VerifyProgress& progress = {});

// What the log's signatures say, in a line for people: by which keys, how many entries are unsigned and why that
// may be ("log signatures: 412 by the Ed25519 key …; unsigned entries: 3 (written before the log was signed)").
QString logSignatureSummary(const CaseVerifyReport& r);

} // namespace tideline
