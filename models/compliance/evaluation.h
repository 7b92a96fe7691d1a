// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Evaluating a policy against what is known of one artifact, as Kosli does: rule by rule, resolved in
// every (flow, trail) context the artifact appears in.

#include "compliance/policy.h"
#include "domain/evidence.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace tideline {

struct PolicyAttestation {
    QString name;
    QString type; // generic, junit, snyk, pull_request, custom:<x>, decision, …
    std::optional<bool> compliant; // nothing: pending
    std::optional<Verification> verification; // nothing: not signed evidence (a Kosli record)
    QString control; // decision attestations: the control they decide
    QString evidenceId; // where it came from, for findings
};

// One flow (and trail) the artifact belongs to, and what that trail says of it.
struct FlowFact {
    QString flowName;
    std::map<QString, QString> tags;
    QString trailName;
    QString artifactStatus; // COMPLIANT, NON-COMPLIANT, INCOMPLETE, or empty when unknown
    QStringList missingAttestations; // named by the trail's template
    QStringList nonCompliantAttestations;
    std::vector<PolicyAttestation> attestations; // the latest of each name, trail-level and the artifact's own
    QString source; // what the provenance rests on: "Kosli snapshot aws-prod#4357", "trail file …"
    // Where only a Kosli snapshot speaks of this flow (no trail imported), the server's own resolution of each
    // rule here, by serverRuleKey(): the tags and attestations behind it are not in the case.
    std::map<QString, QString> serverResolutions;
};

QString serverRuleKey(const QString& policy, int version, int ruleIndex);

struct ArtifactFacts {
    QString fingerprint;
    QString name;
    std::vector<FlowFact> flows; // empty: no provenance
};

struct RuleResolution {
    // rule_satisfied, rule_not_applicable, no_provenance, missing_attestation, non_compliant_attestation,
    // non_compliant_in_trail, evaluation_error
    QString type;
    QString flow;
    QString trail;
    QString detail;
    std::vector<PolicyAttestation> relied; // the attestations a satisfied attestation rule rests on
};

struct RuleEvaluation {
    QString ruleType; // provenance, trail-compliance, attestation
    QString attestationName; // attestation rules
    QString attestationType;
    std::optional<bool> satisfied; // nothing: ignored (not applicable anywhere)
    bool ignored = false;
    std::vector<RuleResolution> resolutions;
};

struct PolicyDecision {
    QString policy;
    int version = 1;
    QString status; // COMPLIANT or NON-COMPLIANT
    std::vector<RuleEvaluation> rules;
    bool compliant() const { return status == QLatin1String("COMPLIANT"); }
};

PolicyDecision evaluatePolicy(const Policy& policy, const ArtifactFacts& artifact);

} // namespace tideline
