// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceindex.h"

#include "evidence/koslicompliance.h"
#include "store/casefile.h"
#include "store/evidencestore.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace tideline {

struct EvidenceIndex::Impl {
    explicit Impl(CaseFile& kase)
        : store(kase.db())
    {
    }
    EvidenceStore store;

    // The whole case in memory, when asked for (readWholeCase).
    bool wholeCase = false;
    bool loaded = false;
    std::vector<EvidenceRecord> evidence;
    std::unordered_map<QString, std::vector<size_t>> evidenceByFingerprint;
    std::unordered_map<QString, std::vector<ProvenanceRecord>> provenanceByFingerprint;
    std::unordered_map<qint64, TrailRecord> trailsById;
    std::map<std::pair<QString, QString>, qint64> trailIds;
    std::unordered_map<qint64, std::optional<FlowTemplate>> templates;

    Status load()
    {
        if (!wholeCase || loaded)
            return {};
        Result<std::vector<EvidenceRecord>> all = store.allEvidenceInBulk();
        if (!all)
            return all.problem();
        Result<std::vector<ProvenanceRecord>> provenance = store.allProvenance();
        if (!provenance)
            return provenance.problem();
        Result<std::vector<FlowTemplate>> flowTemplates = store.flowTemplates();
        if (!flowTemplates)
            return flowTemplates.problem();
        Result<std::vector<TrailRecord>> allTrails = store.trails();
        if (!allTrails)
            return allTrails.problem();
        loaded = true;
        evidence = std::move(all).value();
        for (size_t i = 0; i < evidence.size(); ++i) {
            std::set<QString> fingerprints;
            for (const Binding& b : evidence[i].bindings)
                if (fingerprints.insert(b.fingerprint).second)
                    evidenceByFingerprint[b.fingerprint].push_back(i);
        }
        for (ProvenanceRecord& p : *provenance)
            provenanceByFingerprint[p.fingerprint].push_back(std::move(p));
        for (FlowTemplate& t : *flowTemplates)
            templates.emplace(t.id, std::move(t));
        for (TrailRecord& t : *allTrails) {
            trailIds[{ t.flow, t.name }] = t.id;
            trailsById.emplace(t.id, std::move(t));
        }
        return {};
    }

    // Everything bound to the fingerprint, each with its bindings to it only, oldest first.
    Result<std::vector<EvidenceRecord>> evidenceFor(const QString& fingerprint)
    {
        if (!loaded)
            return store.evidenceFor(fingerprint);
        std::vector<EvidenceRecord> out;
        const auto found = evidenceByFingerprint.find(fingerprint);
        if (found == evidenceByFingerprint.end())
            return out;
        for (size_t i : found->second) {
            EvidenceRecord e = evidence[i];
            e.bindings.erase(std::remove_if(e.bindings.begin(), e.bindings.end(), [&](const Binding& b) { return b.fingerprint != fingerprint; }),
                e.bindings.end());
            out.push_back(std::move(e));
        }
        return out;
    }

    Result<std::vector<ProvenanceRecord>> provenanceOf(const QString& fingerprint)
    {
        if (!loaded)
            return store.provenanceOf(fingerprint);
        const auto found = provenanceByFingerprint.find(fingerprint);
        return found == provenanceByFingerprint.end() ? std::vector<ProvenanceRecord>() : found->second;
    }

    Result<std::optional<TrailRecord>> trailById(qint64 id)
    {
        if (!loaded)
            return store.trailById(id);
        const auto found = trailsById.find(id);
        return found == trailsById.end() ? std::nullopt : std::optional<TrailRecord>(found->second);
    }

    Result<std::optional<TrailRecord>> trail(const QString& flow, const QString& name)
    {
        if (!loaded)
            return store.trail(flow, name);
        const auto found = trailIds.find({ flow, name });
        return found == trailIds.end() ? std::optional<TrailRecord>() : trailById(found->second);
    }

    Result<std::optional<FlowTemplate>> flowTemplate(qint64 id)
    {
        if (!loaded)
            return store.flowTemplate(id);
        const auto found = templates.find(id);
        return found == templates.end() ? std::nullopt : found->second;
    }
};

void EvidenceIndex::readWholeCase() { d->wholeCase = true; }

EvidenceIndex::EvidenceIndex(CaseFile& kase)
    : d(std::make_unique<Impl>(kase))
{
}

EvidenceIndex::~EvidenceIndex() = default;

Result<std::vector<EvidenceRecord>> EvidenceIndex::unbound() { return d->store.unboundEvidence(); }
Result<std::vector<EvidenceRecord>> EvidenceIndex::all() { return d->store.allEvidence(); }
Result<std::vector<KeyRecord>> EvidenceIndex::keys() { return d->store.keys(); }
Result<std::vector<TrustedRootRecord>> EvidenceIndex::trustedRoots() { return d->store.trustedRoots(); }
Result<std::vector<TrailRecord>> EvidenceIndex::trails() { return d->store.trails(); }
Result<std::vector<FlowTemplate>> EvidenceIndex::flowTemplates() { return d->store.flowTemplates(); }
Result<std::optional<FlowTemplate>> EvidenceIndex::flowTemplate(qint64 id) { return d->store.flowTemplate(id); }

Result<ArtifactEvidence> EvidenceIndex::forFingerprint(const QString& fingerprint)
{
    ArtifactEvidence out;
    out.fingerprint = fingerprint;
    if (Status s = d->load(); !s)
        return s.problem();
    Result<std::vector<EvidenceRecord>> evidence = d->evidenceFor(fingerprint);
    if (!evidence)
        return evidence.problem();
    out.evidence = std::move(evidence).value();
    for (const auto& [name, fact] : currentAttestations(factsOf(out.evidence, fingerprint)))
        out.current.insert(fact.evidenceId);
    // Evidence that is no attestation of any name has nothing to be superseded by: it counts.
    for (const EvidenceRecord& e : out.evidence) {
        bool named = !e.name.isEmpty();
        for (const Binding& b : e.bindings)
            named = named || !b.name.isEmpty();
        if (!named)
            out.current.insert(e.id);
    }
    Result<std::vector<ProvenanceRecord>> provenance = d->provenanceOf(fingerprint);
    if (!provenance)
        return provenance.problem();
    out.provenance = std::move(provenance).value();

    std::set<std::tuple<QString, QString, QString>> seen;
    for (const ProvenanceRecord& p : out.provenance) {
        if (!seen.insert({ p.flow, p.trail, p.templateName }).second)
            continue;
        Result<std::optional<TrailRecord>> trail = p.trailId ? d->trailById(p.trailId)
            : !p.trail.isEmpty()                             ? d->trail(p.flow, p.trail)
                                                             : std::optional<TrailRecord>();
        if (!trail)
            return trail.problem();
        Result<std::optional<FlowTemplate>> tmpl = *trail && (*trail)->templateId ? d->flowTemplate((*trail)->templateId) : std::optional<FlowTemplate>();
        if (!tmpl)
            return tmpl.problem();
        // Kosli records count in their own trail only; files imported here count wherever the artifact is.
        std::vector<EvidenceRecord> scoped;
        for (const EvidenceRecord& e : out.evidence)
            if (e.flow.isEmpty() || (e.flow == p.flow && e.trail == p.trail))
                scoped.push_back(e);
        TemplateEvaluation ev = evaluateTemplate(*tmpl ? &**tmpl : nullptr, p.templateName, currentAttestations(factsOf(scoped, fingerprint)));
        ev.flow = p.flow;
        ev.trail = p.trail;
        ev.fingerprint = fingerprint;
        out.evaluations.push_back(ev);
    }
    return out;
}

Result<TemplateEvaluation> EvidenceIndex::evaluateTrail(const TrailRecord& trail)
{
    Result<std::optional<FlowTemplate>> tmpl = trail.templateId ? d->store.flowTemplate(trail.templateId) : std::optional<FlowTemplate>();
    if (!tmpl)
        return tmpl.problem();
    Result<std::vector<EvidenceRecord>> all = d->store.allEvidence();
    if (!all)
        return all.problem();
    std::vector<EvidenceFact> facts;
    for (const EvidenceRecord& e : *all) {
        if (e.trailId != trail.id || e.name.isEmpty())
            continue;
        bool trailLevel = true;
        for (const Binding& b : e.bindings)
            trailLevel = trailLevel && b.subject == QLatin1String("trail");
        if (!trailLevel)
            continue;
        facts.push_back(factOf(e, e.name, e.createdAt.value_or(e.importedAt)));
    }
    TemplateEvaluation ev = evaluateTemplate(*tmpl ? &**tmpl : nullptr, QString(), currentAttestations(facts));
    ev.flow = trail.flow;
    ev.trail = trail.name;
    return ev;
}

} // namespace tideline
