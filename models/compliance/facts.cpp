// SPDX-License-Identifier: GPL-3.0-or-later
#include "facts.h"

#include "evidence/koslicompliance.h"
#include "evidence/evidenceindex.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "store/timelinestore.h"

#include <map>

namespace tideline {

namespace {

class CaseFacts : public FactsProvider {
public:
    explicit CaseFacts(CaseFile& kase)
        : m_timeline(kase.db())
        , m_evidence(kase)
    {
        // A check asks about every artifact the case ran: read the evidence once, not per artifact.
        m_evidence.readWholeCase();
    }

    Result<ArtifactFacts> facts(const QString& fingerprint, const QString& name) override
    {
        ArtifactFacts a;
        a.fingerprint = fingerprint;
        a.name = name;
        if (Status s = addTrails(a); !s)
            return s.problem();
        if (Status s = addServerFlows(a); !s)
            return s.problem();
        return a;
    }

private:
    // Kosli trails and artifact records: the flows an artifact belongs to, what each trail's template says of
    // it, and the attestations that count there. Evidence bound to the fingerprint outside any trail (a file
    // imported --for it, a statement naming it) counts in every flow it belongs to.
    static PolicyAttestation attestationOf(const QString& name, const EvidenceFact& fact)
    {
        PolicyAttestation pa;
        pa.name = name;
        pa.type = fact.type;
        pa.compliant = fact.compliant;
        if (!fact.kosliRecord)
            pa.verification = fact.verification;
        pa.evidenceId = QString::number(fact.evidenceId);
        pa.signer = fact.signer;
        pa.issuer = fact.issuer;
        pa.key = fact.key;
        pa.keySha256 = fact.keySha256;
        return pa;
    }

    // Signed evidence of how the artifact was built, bound to it by what its signature covers: SLSA provenance (any
    // version, also in a Sigstore bundle) naming it as a subject, or an in-toto link naming it as a product.
    static void addSignedProvenance(ArtifactFacts& a, const std::vector<EvidenceRecord>& evidence)
    {
        for (const EvidenceRecord& e : evidence) {
            const bool slsa = e.predicateType.startsWith(QLatin1String("https://slsa.dev/provenance/"))
                || e.predicateType.startsWith(QLatin1String("https://in-toto.io/Provenance/"));
            const bool provenance = (e.kind == QLatin1String("in-toto-statement") && slsa) || e.kind == QLatin1String("in-toto-link");
            if (!provenance || e.verification.verdict == Verification::Unsigned)
                continue;
            bool signedBinding = false;
            for (const Binding& b : e.bindings)
                signedBinding = signedBinding || b.via == QLatin1String("subject") || b.via == QLatin1String("link-product");
            if (!signedBinding)
                continue;
            const VerificationOutcome& v = e.verification;
            SignedProvenance p;
            p.evidenceId = QString::number(e.id);
            p.name = !e.name.isEmpty() ? e.name : !e.bindings.empty() && !e.bindings.front().name.isEmpty() ? e.bindings.front().name : e.kind;
            p.verification = v.verdict;
            if (v.verdict != Verification::Verified)
                p.proof = v.detail;
            else if (!v.signer.isEmpty())
                p.proof = QStringLiteral("signer %1 (issuer %2), trusted root '%3', %4").arg(v.signer, v.issuer, v.trustedRoot, v.trust.text());
            else
                p.proof = QStringLiteral("key '%1', %2").arg(v.keyName, v.trust.text());
            a.signedProvenance.push_back(p);
        }
    }

    Status addTrails(ArtifactFacts& a)
    {
        const Result<ArtifactEvidence> read = m_evidence.forFingerprint(a.fingerprint);
        if (!read)
            return read.problem();
        const ArtifactEvidence& ev = *read;
        addSignedProvenance(a, ev.evidence);
        std::vector<EvidenceRecord> loose;
        std::map<std::pair<QString, QString>, std::vector<EvidenceRecord>> byTrail;
        for (const EvidenceRecord& e : ev.evidence) {
            if (e.flow.isEmpty() && e.trail.isEmpty())
                loose.push_back(e);
            else
                byTrail[{ e.flow, e.trail }].push_back(e);
        }
        for (const auto& [attName, fact] : currentAttestations(factsOf(loose, a.fingerprint)))
            a.looseAttestations.push_back(attestationOf(attName, fact));
        for (const ProvenanceRecord& p : ev.provenance) {
            FlowFact f;
            f.flowName = p.flow;
            f.trailName = p.trail;
            Result<std::map<QString, QString>> tags = flowTags(p.flow, p.trail);
            if (!tags)
                return tags.problem();
            f.tags = std::move(tags).value();
            f.artifactStatus = p.status;
            for (const TemplateEvaluation& t : ev.evaluations)
                if (t.flow == p.flow && t.trail == p.trail) {
                    f.artifactStatus = templateStateName(t.state);
                    f.missingAttestations = t.missing;
                    f.nonCompliantAttestations = t.nonCompliant;
                }
            std::vector<EvidenceRecord> here = byTrail[{ p.flow, p.trail }];
            here.insert(here.end(), loose.begin(), loose.end());
            for (const auto& [attName, fact] : currentAttestations(factsOf(here, a.fingerprint)))
                f.attestations.push_back(attestationOf(attName, fact));
            // Where the provenance rests: an unsigned record, and the file (and bundle) it came in.
            f.source = QStringLiteral("Kosli %1 %2/%3 (an unsigned record%4)")
                           .arg(p.trail.isEmpty() ? QStringLiteral("artifact record") : QStringLiteral("trail"), p.flow, p.trail,
                               p.sourceName.isEmpty() ? QString() : QStringLiteral(", from ") + p.sourceName);
            a.flows.push_back(std::move(f));
        }
        return {};
    }

    // A trail exported with `kosli get trail` names its flow and the flow's tags: policies test them. Read
    // once, for every trail, when the first artifact asks.
    Result<std::map<QString, QString>> flowTags(const QString& flow, const QString& trail)
    {
        if (!m_tagsLoaded) {
            Result<std::vector<TrailRecord>> trails = m_evidence.trails();
            if (!trails)
                return trails.problem();
            m_tagsLoaded = true;
            JsonDocument doc;
            for (const TrailRecord& t : *trails) {
                if (t.flowTags.isEmpty() || !doc.parse(t.flowTags.toUtf8(), QStringLiteral("flow tags")))
                    continue;
                std::map<QString, QString>& tags = m_tags[{ t.flow, t.name }];
                for (const auto& m : doc.root().members())
                    if (m.value.isString())
                        tags[QString::fromUtf8(m.key.data(), static_cast<qsizetype>(m.key.size()))] = m.value.qstring();
            }
        }
        const auto found = m_tags.find({ flow, trail });
        return found == m_tags.end() ? std::map<QString, QString>() : found->second;
    }

    // A Kosli server snapshot lists the flows (and trails) a running artifact belongs to; trails imported as
    // files say more and come first.
    Status addServerFlows(ArtifactFacts& a)
    {
        Result<std::optional<TimelineStore::ServerView>> read = m_timeline.latestServerView(a.fingerprint);
        if (!read)
            return read.problem();
        const std::optional<TimelineStore::ServerView>& view = *read;
        if (!view)
            return {};
        const QByteArray flows = view->artifact.flows.toUtf8();
        if (!m_json.parse(flows, QStringLiteral("server flows")))
            return {};
        const QString source = QStringLiteral("Kosli snapshot %1#%2 (an unsigned record)").arg(view->environment).arg(view->snapshotIndex);
        // The server's resolution of every rule in every flow, to stand where the case lacks the trail.
        std::map<QString, std::map<QString, QString>> resolutions; // flow -> rule key -> resolution type
        JsonDocument decisions;
        if (decisions.parse(view->artifact.policyDecisions.toUtf8(), QStringLiteral("policy decisions")))
            for (const JsonValue d : decisions.root().elements()) {
                const QString policy = d["policy_name"].qstring();
                const int version = int(d["policy_version"].integer().value_or(1));
                int i = 0;
                for (const JsonValue rule : d["rule_evaluations"].elements()) {
                    for (const JsonValue res : rule["resolutions"].elements())
                        resolutions[res["context"]["flow_name"].qstring()][serverRuleKey(policy, version, i)] = res["type"].qstring();
                    ++i;
                }
            }
        for (const JsonValue f : m_json.root().elements()) {
            FlowFact flow;
            flow.flowName = f["flow_name"].qstring();
            flow.trailName = f["trail_name"].qstring();
            bool known = false;
            for (const FlowFact& existing : a.flows)
                known = known || (existing.flowName == flow.flowName && existing.trailName == flow.trailName);
            if (known || flow.flowName.isEmpty())
                continue;
            if (const auto c = f["artifact_compliance_in_flow"].boolean())
                flow.artifactStatus = *c ? QStringLiteral("COMPLIANT") : QStringLiteral("NON-COMPLIANT");
            for (const JsonValue reason : f["flow_reasons_for_non_compliance"].elements())
                if (reason.isString())
                    flow.nonCompliantAttestations << reason.qstring();
            flow.source = source;
            flow.serverResolutions = resolutions[flow.flowName];
            a.flows.push_back(std::move(flow));
        }
        return {};
    }

    TimelineStore m_timeline;
    EvidenceIndex m_evidence;
    JsonDocument m_json;
    bool m_tagsLoaded = false;
    std::map<std::pair<QString, QString>, std::map<QString, QString>> m_tags; // (flow, trail) -> tags
};

} // namespace

std::unique_ptr<FactsProvider> caseFacts(CaseFile& kase) { return std::make_unique<CaseFacts>(kase); }

} // namespace tideline
