// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Evidence about artifacts: attestations, test results, scans, SBOMs, the keys that verify them, and Kosli's
// trails and flow templates. Plain values shared by the importer, the store, the command line and compliance.

#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tideline {

// How a piece of evidence stands after signature verification. Every piece ends as exactly one of these, and only
// Verified satisfies a policy.
enum class Verification {
    Verified, // signature, trust (a trusted key, or a certificate to a trusted root with its log and time) and, where asked, identity hold
    BadSignature, // a signature does not verify with the key that made it (or any trusted key that could have), or is malformed
    UnknownKey, // signed, but by no key the case holds (no trusted key could have made it)
    Unsigned, // carries no signature at all
    Unsupported, // signed in a way Tideline does not accept (legacy raw-payload signatures, unknown bundle versions)
    UntrustedKey, // verified by a key the case holds but does not trust (it came with the evidence)
    UntrustedCertificate, // the certificate does not chain to a trusted root (self-issued, root in the bundle, no root held, bad SCT)
    IdentityMismatch, // the certificate chains, but names another signer or issuer than the one required
    LogEntryMismatch, // the transparency-log entry records another signature, key, certificate, digest or envelope
    InvalidInclusionProof, // the log's promise (SET), inclusion proof or checkpoint does not verify
    UntrustedLog, // the log entry comes from a log the trusted root does not name
    InvalidTimestamp, // an RFC 3161 timestamp does not verify against a trusted TSA, or no trusted signing time
    Expired, // a certificate, CA, log or TSA was not valid at the signing time
};
QString verificationName(Verification v); // "verified", "bad-signature", "unknown-key", ... (kebab case)
// One sentence on what the verdict means, for legends and reports.
QString verificationMeaning(Verification v);
// Every verdict, Verified first.
const std::vector<Verification>& allVerifications();
// How serious a verdict is when parts of one file are summed up (Verified 0; BadSignature highest).
int verificationSeverity(Verification v);
std::optional<Verification> verificationFromName(const QString& name);

// What a statement is about: a name (display only) and its sha256, empty when it names no sha256 digest.
struct Subject {
    QString name;
    QString sha256;
};

// The outcome of one signature.
struct SignatureCheck {
    QString keyid; // the hint the signature carries (unauthenticated): DSSE keyid, Sigstore publicKey.hint
    QString key; // the case key that verified it (or was named by the hint and failed); "certificate" for keyless
    qint64 keyId = 0; // keys.id of that key, 0 when none
    Verification result = Verification::UnknownKey;
    QString detail;
    QString signer; // keyless: the certificate's identity (SAN), not established by us
    QString issuer; // keyless: the OIDC issuer the certificate names
};

struct VerificationOutcome {
    Verification verdict = Verification::Unsigned;
    QString detail; // why, in a sentence
    std::vector<SignatureCheck> signatures;
    qint64 keyId = 0; // the case key that verified it (or, untrusted-key, would have), 0 when none
    QString keyName;
    // Keyless Sigstore: who the certificate names (proven only when verified), the trusted root it chained to, the
    // signing time that was proven and where from, and the log entry.
    QString signer;
    QString issuer;
    qint64 trustedRootId = 0;
    QString trustedRoot;
    std::optional<Millis> signedAt;
    QString timeSource;
    QString log;
};

// How a piece of evidence attaches to an artifact.
struct Binding {
    QString fingerprint; // 64 lowercase hex
    QString name; // the attestation name it counts as for this artifact; empty when none
    // subject (statement subject / link product), sbom (the described component's hash), kosli-attestation
    // (artifact_fingerprint), kosli-trail (a trail's artifacts_statuses), message-digest (Sigstore), for
    // (import --for), manifest (tideline-bundle.json)
    QString via;
    QString subject; // the subject's, product's or template artifact's name, where there is one
    Millis attestedAt = 0; // when it was attested (Kosli created_at) or bound (import time): "latest" orders by it
};

// One piece of evidence as stored.
struct EvidenceRecord {
    qint64 id = 0;
    qint64 sourceId = 0;
    QString sourceSha256;
    QString sourceName;
    int part = 0; // its position in the source (line of a .intoto.jsonl, attestation of a trail)
    // in-toto-statement, in-toto-link, in-toto-layout, dsse, message-signature, junit, sarif, cyclonedx, spdx,
    // kosli-attestation
    QString kind;
    QString format; // the container it came in: dsse, dsse-jsonl, sigstore-bundle-v0.3, in-toto-metablock, ...
    QString name; // attestation name: the one the evidence carries, or the first it was imported under
    QString type; // attestation type in Kosli's words: junit, snyk, generic, pull_request, custom:x, decision, override
    QString predicateType;
    std::optional<bool> compliant; // as Kosli decides it; nothing when the evidence makes no pass/fail claim
    VerificationOutcome verification;
    QString flow; // Kosli records: the flow and trail they were reported in
    QString trail;
    qint64 trailId = 0;
    QString kosliId; // Kosli attestation_id
    QString overrides; // an override: the attestation id it overrides (when it says)
    std::optional<Millis> createdAt; // when the evidence says it was made
    Millis importedAt = 0;
    QString summary; // compact JSON: counts for JUnit and SARIF, subjects, identity, ...
    std::vector<Binding> bindings;
};

// A public key held by the case, with the name it was imported under.
struct KeyRecord {
    qint64 id = 0;
    QString name;
    QString algorithm; // ecdsa-p256, ecdsa-p384, ecdsa-p521, ed25519, rsa-2048, rsa-pss-3072, ...
    QByteArray spki; // DER SubjectPublicKeyInfo
    QString sha256; // of the DER SubjectPublicKeyInfo: hex
    QString hint; // base64 of the same digest: what Sigstore bundles name a key by
    qint64 sourceId = 0;
    QString sourceSha256;
    Millis importedAt = 0;
};

// One attestation a flow template requires; artifact empty for the trail-level ones.
struct TemplateRequirement {
    QString artifact;
    QString name;
    QString type; // generic, junit, snyk, pull_request, jira, sonar, custom:<x>, decision, *
};

struct FlowTemplate {
    qint64 id = 0;
    QString flow; // when known
    QString content; // the YAML as given
    std::vector<TemplateRequirement> requirements;
    QStringList artifacts; // artifact names the template expects, in order
};

// A Kosli trail as `kosli get trail --output json` printed it.
struct TrailRecord {
    qint64 id = 0;
    qint64 sourceId = 0;
    QString flow;
    QString name;
    qint64 templateId = 0;
    QString complianceState; // as Kosli reported it: COMPLIANT, NON-COMPLIANT, INCOMPLETE
    std::optional<bool> isCompliant;
    std::optional<Millis> createdAt;
    std::optional<Millis> modifiedAt;
    QString gitCommit;
    QString detail; // compliance_status as reported, JSON
    QString flowTags; // the flow's tags as the export gave them, a JSON object; empty when it gave none
};

// A fingerprint's place in a flow: the runtime provenance Kosli's trails and artifact records give.
struct ProvenanceRecord {
    qint64 id = 0;
    qint64 sourceId = 0;
    QString fingerprint;
    QString flow;
    QString trail;
    QString templateName; // the artifact's name in the flow template
    QString artifactName; // file or image name
    qint64 trailId = 0;
    QString status; // as Kosli reported it for the artifact
    std::optional<bool> isCompliant;
    std::optional<Millis> createdAt;
    QString sourceName; // the file it was read from, as imported (read, never written)
};

// A trail's or artifact's compliance under a flow template, decided from the evidence at hand.
enum class TemplateState { Compliant, NonCompliant, Incomplete };
QString templateStateName(TemplateState s); // COMPLIANT, NON-COMPLIANT, INCOMPLETE

struct TemplateEvaluation {
    QString flow;
    QString trail;
    QString artifact; // template artifact name; empty for the trail itself
    QString fingerprint;
    TemplateState state = TemplateState::Incomplete;
    QStringList missing; // required attestations with no evidence, "name (type)"
    QStringList nonCompliant; // required attestations whose latest evidence is non-compliant
    QStringList pending; // present, but making no pass/fail claim
    QStringList unexpected; // attestations the template does not ask for
    QStringList compliantNames;
    bool hasTemplate = false;
};

} // namespace tideline
