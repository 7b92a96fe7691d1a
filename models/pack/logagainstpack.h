// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// verify-case --against PACK: a pack records the case log's head (its hash, its place, and which keys had
// signed the entries up to it); the case still holds that head only if no entry up to it was changed or removed,
// even by someone who recomputed the whole hash chain, because the pack's own signature keeps the head it names.

#include "pack/pack.h"

#include <QString>
#include <QStringList>

#include <map>

namespace tideline {

class CaseFile;

struct PackLogCheck {
    bool holds = false;
    QStringList problems; // the first is the first thing that does not hold
    PackVerification pack; // the pack's own check
    QString head; // the head hash the pack recorded
    qint64 headId = 0;
    int entries = 0; // entries up to the head
    int signedAtExport = -1; // -1: the pack predates signed logs and does not say
    int signedNow = 0; // entries up to the head validly signed by a key the pack records
    std::map<QString, int> recordedSigners; // sha256 -> entries it had signed, as the pack says
    QString logKey; // the log key the pack names (signs what came after); empty: none
    int after = 0; // entries since the export
    int afterSignedByLogKey = 0;
    int afterUnsigned = 0;
};

// Checks the pack (pinned to expectedSigner when given), that it is a pack of this case, and that the log head
// it records is still in the chain recomputed from the entries themselves (not from their stored hashes), with
// the same entries up to it still signed as the pack says.
PackLogCheck checkLogAgainstPack(CaseFile& kase, const QString& packDir, const QString& expectedSigner = QString());

} // namespace tideline
