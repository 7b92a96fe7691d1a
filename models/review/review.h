// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "store/compliancestore.h"
#include "store/logsigning.h"

#include <QString>

namespace tideline {

class CaseFile;

// Records an auditor's decision on a finding: a log entry and a review row in one transaction; earlier
// decisions stay. The finding must exist in the case's current evaluation.
Result<Review> recordReview(CaseFile& kase, const QString& findingId, Disposition disposition, const QString& note,
    const QString& reviewer);
// The same, signed by the reviewer's own key as well as the log key when reviewerKey is given: the entry says
// whether it was ("reviewer_signed") and by which key ("reviewer_key", its sha256).
Result<Review> recordReview(CaseFile& kase, const QString& findingId, Disposition disposition, const QString& note,
    const QString& reviewer, const LogSigner* reviewerKey);

// A disposition named as the command line and the log spell it, or a message listing the names.
Result<Disposition> parseDisposition(const QString& name);

// Adds an allow-list entry (fingerprint or name pattern), logged.
Result<AllowEntry> addAllowEntry(CaseFile& kase, AllowEntry entry);

} // namespace tideline
