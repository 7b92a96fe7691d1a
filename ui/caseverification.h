// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// File › Verify Case Integrity, alone or against an evidence pack: what verify-case says, in the window.

#include "pack/logagainstpack.h"
#include "review/verify.h"

#include <QString>

#include <optional>

class QMessageBox;

namespace tideline {
class CaseFile;
}

namespace tideline::ui {

struct CaseVerification {
    CaseVerifyReport report;
    std::optional<PackLogCheck> against; // when a pack was given
    QString packDir;
    QString ownPackKey; // the sha256 of the key this user signs packs with, to say whether the pack is theirs
    bool holds() const { return report.intact && (!against || against->holds); }
};

// Runs on a worker's own connection to the case; progress is called there.
CaseVerification verifyCaseAndPack(CaseFile& kase, const QString& packDir, const QString& ownPackKey, const VerifyProgress& progress = {});

// The result, said in a message box: the verdict, the log's signatures, and what the pack proves.
void describeVerification(QMessageBox& box, const CaseVerification& v);

} // namespace tideline::ui
