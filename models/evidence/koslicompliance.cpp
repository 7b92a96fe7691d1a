// SPDX-License-Identifier: GPL-3.0-or-later
#include "koslicompliance.h"

#include "evidence/kosli.h"

#include <set>

namespace tideline {

namespace {

bool isOverride(const EvidenceFact& f) { return f.type == QLatin1String("override"); }

bool later(const EvidenceFact& a, const EvidenceFact& b) { return a.at != b.at ? a.at > b.at : a.evidenceId > b.evidenceId; }

} // namespace

EvidenceFact factOf(const EvidenceRecord& e, const QString& name, Millis at)
{
    EvidenceFact f;
    f.evidenceId = e.id;
    f.name = name;
    f.type = kosli::normaliseType(e.type);
    f.compliant = e.compliant;
    f.at = at;
    f.kosliId = e.kosliId;
    f.overrides = e.overrides;
    f.kosliRecord = e.kind == QLatin1String("kosli-attestation");
    f.verification = e.verification.verdict;
    return f;
}

std::vector<EvidenceFact> factsOf(const std::vector<EvidenceRecord>& evidence, const QString& fingerprint)
{
    std::vector<EvidenceFact> out;
    for (const EvidenceRecord& e : evidence) {
        std::set<QString> names;
        for (const Binding& b : e.bindings) {
            if (!fingerprint.isEmpty() && b.fingerprint != fingerprint)
                continue;
            const QString name = b.name.isEmpty() ? e.name : b.name;
            if (name.isEmpty() || !names.insert(name).second)
                continue;
            out.push_back(factOf(e, name, b.attestedAt ? b.attestedAt : e.createdAt.value_or(e.importedAt)));
        }
    }
    return out;
}

std::map<QString, EvidenceFact> currentAttestations(const std::vector<EvidenceFact>& facts)
{
    std::map<QString, EvidenceFact> latest, overrides;
    for (const EvidenceFact& f : facts) {
        auto& slot = isOverride(f) ? overrides : latest;
        auto it = slot.find(f.name);
        if (it == slot.end() || later(f, it->second))
            slot[f.name] = f;
    }
    for (const auto& [name, o] : overrides) {
        auto it = latest.find(name);
        if (it == latest.end()) {
            latest[name] = o; // an override whose original is not at hand stands for it
            continue;
        }
        EvidenceFact& current = it->second;
        // An override applies to the attestation it names (or, naming none, to the latest), and only until a newer
        // attestation of the name is made.
        if ((o.overrides.isEmpty() || o.overrides == current.kosliId) && !later(current, o)) {
            current.compliant = o.compliant;
            current.overrides = o.kosliId.isEmpty() ? QStringLiteral("override") : o.kosliId;
        }
    }
    return latest;
}

bool satisfiesType(const QString& requiredType, const EvidenceFact& fact)
{
    const QString required = kosli::normaliseType(requiredType);
    if (required == QLatin1String("*") || required == fact.type)
        return true;
    return required == QLatin1String("generic") && !fact.kosliRecord;
}

TemplateEvaluation evaluateTemplate(const FlowTemplate* flowTemplate, const QString& artifact, const std::map<QString, EvidenceFact>& current)
{
    TemplateEvaluation ev;
    ev.artifact = artifact;
    ev.hasTemplate = flowTemplate != nullptr;
    std::set<QString> used;
    if (flowTemplate) {
        for (const TemplateRequirement& r : flowTemplate->requirements) {
            if (!r.artifact.isEmpty() && r.artifact != artifact)
                continue;
            // Kosli names attestations reported before their artifact "<artifact>.<name>".
            auto it = current.find(r.name);
            if (it == current.end() && !r.artifact.isEmpty())
                it = current.find(r.artifact + QLatin1Char('.') + r.name);
            if (it == current.end() || !satisfiesType(r.type, it->second)) {
                ev.missing << r.name;
                continue;
            }
            used.insert(it->first);
            const EvidenceFact& f = it->second;
            if (!f.compliant)
                ev.pending << r.name;
            else if (*f.compliant)
                ev.compliantNames << r.name;
            else
                ev.nonCompliant << r.name;
        }
    }
    for (const auto& [name, f] : current) {
        if (used.count(name))
            continue;
        if (ev.hasTemplate)
            ev.unexpected << name;
        if (f.compliant == std::optional<bool>(false))
            ev.nonCompliant << name;
        else if (f.compliant == std::optional<bool>(true))
            ev.compliantNames << name;
    }
    if (!ev.missing.isEmpty() || (ev.nonCompliant.isEmpty() && !ev.pending.isEmpty()))
        ev.state = TemplateState::Incomplete;
    else if (!ev.nonCompliant.isEmpty())
        ev.state = TemplateState::NonCompliant;
    else
        ev.state = TemplateState::Compliant;
    return ev;
}

} // namespace tideline
