// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Trusting a key or trusted root the case holds, or taking trust back: recorded in the case's log (who, when,
// how), with the evidence it decides verified again.

#include "domain/evidence.h"
#include "domain/result.h"

#include <QString>

namespace tideline {

class CaseFile;

struct TrustChange {
    AnchorImport anchor; // the key or root, with its trust now
    bool changed = false; // false: it was already so
    int reverified = 0; // pieces of evidence whose verdict changed
};

// nameOrSha256: the name it was imported under, or its sha256 (a prefix of 8 hex digits or more naming one alone).
// how: how the trust is given ("keys trust", "the window's prompt"). One transaction with its log entry.
Result<TrustChange> changeTrust(CaseFile& kase, const QString& nameOrSha256, bool trusted, const QString& actor, const QString& how);

} // namespace tideline
