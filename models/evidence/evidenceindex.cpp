#include "evidenceindex.h"

#include "evidence/compliance.h"
#include "store/casefile.h"
#include "store/evidencestore.h"

#include <set>
#include <tuple>

namespace tideline {

struct EvidenceIndex::Impl {
    explicit Impl(CaseFile& kase)
        : store(kase.db())
    {
    }
    EvidenceStore store;
};

EvidenceIndex::EvidenceIndex(CaseFile& kase)
    : d(std::make_unique<Impl>(kase))
{
}

EvidenceIndex::~EvidenceIndex() = default;

std::vector<EvidenceRecord> EvidenceIndex::unbound() { return d->store.unboundEvidence(); }
std::vector<EvidenceRecord> EvidenceIndex::all() { return d->store.allEvidence(); }
std::vector<KeyRecord> EvidenceIndex::keys() { return d->store.keys(); }
std::vector<TrailRecord> EvidenceIndex::trails() { return d->store.trails(); }
std::vector<FlowTemplate> EvidenceIndex::flowTemplates() { return d->store.flowTemplates(); }
std::optional<FlowTemplate> EvidenceIndex::flowTemplate(qint64 id) { return d->store.flowTemplate(id); }

ArtifactEvidence EvidenceIndex::forFingerprint(const QString& fingerprint)
{
    ArtifactEvidence out;
    out.fingerprint = fingerprint;
    out.evidence = d->store.evidenceFor(fingerprint);
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
    out.provenance = d->store.provenanceOf(fingerprint);

    std::set<std::tuple<QString, QString, QString>> seen;
    for (const ProvenanceRecord& p : out.provenance) {
        if (!seen.insert({ p.flow, p.trail, p.templateName }).second)
            continue;
        std::optional<TrailRecord> trail = p.trailId ? d->store.trailById(p.trailId)
            : !p.trail.isEmpty()                     ? d->store.trail(p.flow, p.trail)
                                                     : std::nullopt;
        std::optional<FlowTemplate> tmpl = trail && trail->templateId ? d->store.flowTemplate(trail->templateId) : std::nullopt;
        // Kosli records count in their own trail only; files imported here count wherever the artifact is.
        std::vector<EvidenceRecord> scoped;
        for (const EvidenceRecord& e : out.evidence)
            if (e.flow.isEmpty() || (e.flow == p.flow && e.trail == p.trail))
                scoped.push_back(e);
        TemplateEvaluation ev = evaluateTemplate(tmpl ? &*tmpl : nullptr, p.templateName, currentAttestations(factsOf(scoped, fingerprint)));
        ev.flow = p.flow;
        ev.trail = p.trail;
        ev.fingerprint = fingerprint;
        out.evaluations.push_back(ev);
    }
    return out;
}

TemplateEvaluation EvidenceIndex::evaluateTrail(const TrailRecord& trail)
{
    std::optional<FlowTemplate> tmpl = trail.templateId ? d->store.flowTemplate(trail.templateId) : std::nullopt;
    std::vector<EvidenceFact> facts;
    for (const EvidenceRecord& e : d->store.allEvidence()) {
        if (e.trailId != trail.id || e.name.isEmpty())
            continue;
        bool trailLevel = true;
        for (const Binding& b : e.bindings)
            trailLevel = trailLevel && b.subject == QLatin1String("trail");
        if (!trailLevel)
            continue;
        facts.push_back(factOf(e, e.name, e.createdAt.value_or(e.importedAt)));
    }
    TemplateEvaluation ev = evaluateTemplate(tmpl ? &*tmpl : nullptr, QString(), currentAttestations(facts));
    ev.flow = trail.flow;
    ev.trail = trail.name;
    return ev;
}

} // namespace tideline
