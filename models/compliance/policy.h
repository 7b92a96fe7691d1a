// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compliance/expression.h"
#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tideline {

class JsonValue;

// A Kosli environment policy (https://docs.kosli.com/schemas/policy/v1, or the older
// https://kosli.com/schemas/policy/environment/v1): what every artifact running in an environment needs.
struct Policy {
    struct Gate {
        bool required = false;
        // provenance only (`signed: true`): provenance must include signed evidence that verifies (SLSA provenance, an
        // in-toto link), bound by what it signs; a trail or other unsigned record alone is no provenance then.
        bool mustBeSigned = false;
        std::vector<Expression> exceptions; // the gate is waived where any holds
    };
    // Who must have signed an attestation (`signer:`): the certificate's identity and OIDC issuer (exact or a regular
    // expression, as cosign's flags), or the key (its name in the case or its sha256). Only verified evidence can match.
    struct Signer {
        QString identity;
        QString identityRegexp;
        QString issuer;
        QString issuerRegexp;
        QString key;
        bool empty() const { return identity.isEmpty() && identityRegexp.isEmpty() && issuer.isEmpty() && issuerRegexp.isEmpty() && key.isEmpty(); }
        QString text() const; // "identity X, issuer Y" / "key ci"
    };
    struct AttestationRule {
        QString name = QStringLiteral("*");
        QString type; // generic, junit, snyk, pull_request, jira, sonar, custom:<x>, decision or *
        std::optional<Expression> condition; // the rule applies only where it holds
        bool mustBeCompliant = true;
        QString forControl; // decision attestations only
        Signer signer; // empty: anyone (signed or not)
    };

    // `no-known-vulnerabilities` (Tideline's, in Kosli's style): no running artifact may contain a package an advisory
    // affects at or above minSeverity, unless an exception holds. An advisory without a rating counts (it cannot be
    // shown to be below the bar).
    struct VulnerabilityGate : Gate {
        QString minSeverity = QStringLiteral("none"); // none, low, medium, high, critical
        int minRank = 0;
    };

    QString name;
    int version = 1;
    QString schema;
    Gate provenance;
    Gate trailCompliance;
    std::vector<AttestationRule> attestations;
    VulnerabilityGate noKnownVulnerabilities;
};

// True when the bytes look like a policy file (a `_schema` naming a Kosli policy schema).
bool looksLikePolicy(const QByteArray& bytes);

// Parses and validates a policy written as YAML (or JSON, which is YAML): an unknown key, a wrong type or a
// bad expression is an error naming the key and its line.
Result<Policy> parsePolicy(const QByteArray& bytes, const QString& file, const QString& name = QString());

// A policy as the server stores it (`applied_policies[].policy_dump` of a Kosli snapshot: snake_case keys,
// `if_condition: {text}`).
Result<Policy> parsePolicyDump(const JsonValue& dump, const QString& name, int version, const QString& file);

} // namespace tideline
