#include "facts.h"

#include "import/json.h"
#include "store/casefile.h"
#include "store/timelinestore.h"

namespace tideline {

namespace {

class CaseFacts : public FactsProvider {
public:
    explicit CaseFacts(CaseFile& kase)
        : m_timeline(kase.db())
    {
    }

    ArtifactFacts facts(const QString& fingerprint, const QString& name) override
    {
        ArtifactFacts a;
        a.fingerprint = fingerprint;
        a.name = name;
        addServerFlows(a);
        return a;
    }

private:
    // A Kosli server snapshot lists the flows (and trails) a running artifact belongs to.
    void addServerFlows(ArtifactFacts& a)
    {
        const auto view = m_timeline.latestServerView(a.fingerprint);
        if (!view)
            return;
        const QByteArray flows = view->artifact.flows.toUtf8();
        if (!m_json.parse(flows, QStringLiteral("server flows")))
            return;
        const QString source = QStringLiteral("Kosli snapshot %1#%2").arg(view->environment).arg(view->snapshotIndex);
        for (const JsonValue f : m_json.root().elements()) {
            FlowFact flow;
            flow.flowName = f["flow_name"].qstring();
            flow.trailName = f["trail_name"].qstring();
            if (const auto c = f["artifact_compliance_in_flow"].boolean())
                flow.artifactStatus = *c ? QStringLiteral("COMPLIANT") : QStringLiteral("NON-COMPLIANT");
            for (const JsonValue reason : f["flow_reasons_for_non_compliance"].elements())
                if (reason.isString())
                    flow.nonCompliantAttestations << reason.qstring();
            flow.source = source;
            if (!flow.flowName.isEmpty())
                a.flows.push_back(std::move(flow));
        }
    }

    TimelineStore m_timeline;
    JsonDocument m_json;
};

} // namespace

std::unique_ptr<FactsProvider> caseFacts(CaseFile& kase) { return std::make_unique<CaseFacts>(kase); }

} // namespace tideline
