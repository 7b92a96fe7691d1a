// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"
#include "store/compliancestore.h"

#include <QString>

#include <optional>

namespace tideline {

// Records a new version of a policy, imported from a source. A policy's first version is in force over all
// history; a later one from `at` when the import says when (import --at), else from the time it is imported.
Result<PolicyVersion> addPolicyVersion(ComplianceStore& store, const QString& name, qint64 sourceId, std::optional<Millis> at);

} // namespace tideline
