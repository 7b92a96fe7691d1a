// SPDX-License-Identifier: GPL-3.0-or-later
#include "policyversions.h"

namespace tideline {

Result<PolicyVersion> addPolicyVersion(ComplianceStore& store, const QString& name, qint64 sourceId, std::optional<Millis> at)
{
    const auto latest = store.latestPolicy(name);
    PolicyVersion v;
    v.name = name;
    v.version = latest ? latest->version + 1 : 1;
    v.sourceId = sourceId;
    v.importedAt = timefmt::now();
    v.effectiveFrom = !latest ? 0 : at ? *at : v.importedAt;
    Result<qint64> id = store.insertPolicy(v);
    if (!id)
        return id.problem();
    v.id = *id;
    return v;
}

} // namespace tideline
