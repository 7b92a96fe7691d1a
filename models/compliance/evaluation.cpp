// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluation.h"

namespace tideline {

namespace {

const QString kSatisfied = QStringLiteral("rule_satisfied");
const QString kNotApplicable = QStringLiteral("rule_not_applicable");

ExpressionContext contextOf(const ArtifactFacts& a, const FlowFact* f)
{
    ExpressionContext c;
    c.artifactName = a.name;
    c.artifactFingerprint = a.fingerprint;
    if (f) {
        c.flowName = f->flowName;
        c.flowTags = f->tags;
    }
    return c;
}

// Any exception that holds waives the gate; an expression that cannot be evaluated waives nothing.
std::optional<RuleResolution> waived(const Policy::Gate& g, const ExpressionContext& c, const FlowFact* f)
{
    for (const Expression& e : g.exceptions) {
        Result<bool> r = e.evaluate(c);
        if (!r)
            return RuleResolution { QStringLiteral("evaluation_error"), f ? f->flowName : QString(), f ? f->trailName : QString(), r.problem().message, {} };
        if (*r)
            return RuleResolution { kNotApplicable, f ? f->flowName : QString(), f ? f->trailName : QString(), QStringLiteral("exception: ") + e.text(), {} };
    }
    return std::nullopt;
}

bool matches(const Policy::AttestationRule& rule, const PolicyAttestation& a)
{
    if (rule.name != QLatin1String("*") && rule.name != a.name)
        return false;
    if (rule.type != QLatin1String("*") && rule.type != a.type) {
        // Kosli lists decision attestations as type system:decision.
        const bool decision = rule.type == QLatin1String("decision") && (a.type == QLatin1String("system:decision"));
        if (!decision)
            return false;
    }
    if (!rule.forControl.isEmpty() && rule.forControl != a.control)
        return false;
    return true;
}

RuleResolution attestationIn(const Policy::AttestationRule& rule, const FlowFact& f)
{
    std::vector<const PolicyAttestation*> found;
    for (const PolicyAttestation& a : f.attestations)
        if (matches(rule, a))
            found.push_back(&a);
    const QString what = rule.name == QLatin1String("*") ? QStringLiteral("an attestation of type %1").arg(rule.type)
                                                          : QStringLiteral("attestation '%1' (%2)").arg(rule.name, rule.type);
    if (found.empty())
        return { QStringLiteral("missing_attestation"), f.flowName, f.trailName, what + QStringLiteral(" is missing"), {} };
    std::vector<PolicyAttestation> relied;
    for (const PolicyAttestation* a : found)
        relied.push_back(*a);
    if (rule.mustBeCompliant)
        for (const PolicyAttestation* a : found)
            if (a->compliant != std::optional<bool>(true))
                return { QStringLiteral("non_compliant_attestation"), f.flowName, f.trailName,
                    QStringLiteral("attestation '%1' (%2) is %3").arg(a->name, a->type, a->compliant ? QStringLiteral("non-compliant") : QStringLiteral("pending")),
                    relied };
    return { kSatisfied, f.flowName, f.trailName, QString(), relied };
}

void aggregate(RuleEvaluation& r)
{
    bool violated = false, satisfied = false;
    for (const RuleResolution& res : r.resolutions) {
        if (res.type == kSatisfied)
            satisfied = true;
        else if (res.type != kNotApplicable)
            violated = true;
    }
    // Satisfied where an applicable context satisfies it and none violates it; ignored where none applies.
    if (violated)
        r.satisfied = false;
    else if (satisfied)
        r.satisfied = true;
    r.ignored = !violated && !satisfied;
}

RuleEvaluation gateRule(const QString& type, const Policy::Gate& g, const ArtifactFacts& a, bool trail)
{
    RuleEvaluation r;
    r.ruleType = type;
    if (a.flows.empty()) {
        if (g.required) {
            const ExpressionContext c = contextOf(a, nullptr);
            if (auto w = waived(g, c, nullptr))
                r.resolutions.push_back(*w);
            else
                r.resolutions.push_back({ QStringLiteral("no_provenance"), QString(), QString(),
                    trail ? QStringLiteral("the artifact is in no trail") : QStringLiteral("the artifact is in no flow"), {} });
        }
    }
    for (const FlowFact& f : a.flows) {
        if (!g.required) {
            r.resolutions.push_back({ kNotApplicable, f.flowName, f.trailName, QStringLiteral("not required"), {} });
            continue;
        }
        const ExpressionContext c = contextOf(a, &f);
        if (auto w = waived(g, c, &f)) {
            r.resolutions.push_back(*w);
            continue;
        }
        if (!trail) {
            r.resolutions.push_back({ kSatisfied, f.flowName, f.trailName, QString(), {} });
            continue;
        }
        if (f.artifactStatus == QLatin1String("COMPLIANT"))
            r.resolutions.push_back({ kSatisfied, f.flowName, f.trailName, QString(), {} });
        else
            r.resolutions.push_back({ QStringLiteral("non_compliant_in_trail"), f.flowName, f.trailName,
                f.artifactStatus.isEmpty() ? QStringLiteral("the trail's compliance is not known")
                                           : QStringLiteral("the artifact is %1 in its trail").arg(f.artifactStatus), {} });
    }
    aggregate(r);
    return r;
}

RuleEvaluation attestationRule(const Policy::AttestationRule& rule, const ArtifactFacts& a)
{
    RuleEvaluation r;
    r.ruleType = QStringLiteral("attestation");
    r.attestationName = rule.name;
    r.attestationType = rule.type;
    auto applies = [&](const FlowFact* f) -> std::optional<RuleResolution> {
        if (!rule.condition)
            return std::nullopt;
        Result<bool> holds = rule.condition->evaluate(contextOf(a, f));
        if (!holds)
            return RuleResolution { QStringLiteral("evaluation_error"), f ? f->flowName : QString(), f ? f->trailName : QString(), holds.problem().message, {} };
        if (!*holds)
            return RuleResolution { kNotApplicable, f ? f->flowName : QString(), f ? f->trailName : QString(), QStringLiteral("if: ") + rule.condition->text(), {} };
        return std::nullopt;
    };
    if (a.flows.empty()) {
        if (auto skip = applies(nullptr))
            r.resolutions.push_back(*skip);
        else
            r.resolutions.push_back({ QStringLiteral("missing_attestation"), QString(), QString(), QStringLiteral("the artifact is in no trail"), {} });
    }
    for (const FlowFact& f : a.flows) {
        if (auto skip = applies(&f)) {
            r.resolutions.push_back(*skip);
            continue;
        }
        r.resolutions.push_back(attestationIn(rule, f));
    }
    aggregate(r);
    return r;
}

} // namespace

QString serverRuleKey(const QString& policy, int version, int ruleIndex)
{
    return QStringLiteral("%1|v%2|%3").arg(policy).arg(version).arg(ruleIndex);
}

PolicyDecision evaluatePolicy(const Policy& policy, const ArtifactFacts& artifact)
{
    PolicyDecision d;
    d.policy = policy.name;
    d.version = policy.version;
    d.rules.push_back(gateRule(QStringLiteral("provenance"), policy.provenance, artifact, false));
    d.rules.push_back(gateRule(QStringLiteral("trail-compliance"), policy.trailCompliance, artifact, true));
    for (const Policy::AttestationRule& rule : policy.attestations)
        d.rules.push_back(attestationRule(rule, artifact));
    // In flows only a Kosli snapshot speaks of, the server's resolution stands for ours.
    for (size_t i = 0; i < d.rules.size(); ++i) {
        bool replaced = false;
        for (RuleResolution& res : d.rules[i].resolutions)
            for (const FlowFact& f : artifact.flows) {
                if (f.flowName != res.flow || f.trailName != res.trail)
                    continue;
                auto it = f.serverResolutions.find(serverRuleKey(policy.name, policy.version, int(i)));
                if (it == f.serverResolutions.end())
                    continue;
                res.type = it->second;
                res.detail = QStringLiteral("as Kosli decided it (%1)").arg(f.source);
                res.relied.clear();
                replaced = true;
            }
        if (replaced)
            aggregate(d.rules[i]);
    }
    bool ok = true;
    for (const RuleEvaluation& r : d.rules)
        ok = ok && r.satisfied != std::optional<bool>(false);
    d.status = ok ? QStringLiteral("COMPLIANT") : QStringLiteral("NON-COMPLIANT");
    return d;
}

} // namespace tideline
