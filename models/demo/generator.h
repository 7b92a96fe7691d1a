// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace tideline {

// A deterministic synthetic bundle: environments of several source types, rolling deployments, a few
// workloads from nowhere, unknown digests and a monitoring gap, with its tideline-bundle.json.
struct GeneratorOptions {
    quint64 seed = 1;
    int environments = 3; // prod (K8S payloads), staging (kubectl), aws-prod (ECS), lambda-eu (lambda), …
    bool k8sPayloadsOnly = false; // every environment as Kosli K8S dry-run payloads (the reference workload)
    int snapshots = 300; // reports per environment
    int deployments = 12;
    int replicas = 3;
    int rolls = 1; // deployments rolled at a roll
    double rollChance = 0.12; // chance of a roll at each report
    int intervalMinutes = 30;
    Millis start = 1772323200000; // 2026-03-01T00:00:00Z
    bool plant = true; // workloads from nowhere, unknown digests, a monitoring gap
    // Evidence for what was built through the pipeline: Kosli trails (a few incomplete or failing), JUnit
    // results, signed in-toto provenance (one with a broken signature), the signing key and a policy.
    bool evidence = true;
    // false: the snapshots are generated (the same fingerprints, the same history) but not written, so a
    // bundle of only the evidence comes out, to import beside one generated with evidence = false.
    bool writeSnapshots = true;
    int gapHours = 30;
    // Contents: a CycloneDX SBOM of this many packages for every artifact built through the pipeline (0: none).
    // Four well-known packages lead every SBOM (log4j-core, lodash, requests, openssl), their versions moving
    // with the builds; the rest come from a pool, some moving too.
    int sbomPackages = 0;
    // With SBOMs: the advisories about the well-known packages (one withdrawn) and an OpenVEX statement that
    // says one of them does not affect the web images.
    bool knownAdvisories = false;
    // And this many synthetic OSV records about packages of the pool, as one JSON array per ecosystem.
    int advisories = 0;

    // PRODUCT.md's reference workload: 2 environments × 1,000 K8S payloads, 100 deployments × 3 replicas,
    // a few deployments rolled per snapshot (about 300 MB).
    static GeneratorOptions reference();
    // What `tideline --demo` shows: the defaults, with SBOMs, advisories and a VEX statement.
    static GeneratorOptions demo();
};

// What the generator planted, for tests and benchmarks to check against.
struct GeneratedTruth {
    struct Planted {
        QString environment;
        QString name;
        QString fingerprint; // empty for an unknown workload
        FindingKind kind = FindingKind::NoProvenance; // or UnknownFingerprint
        Millis from = 0; // first report it is in
        Millis to = 0; // last report it is in
    };
    // Evidence defects planted: the fingerprint and what is wrong with its evidence.
    struct Defect {
        QString fingerprint;
        FindingKind kind = FindingKind::MissingAttestation; // or NonCompliantAttestation, UnverifiedEvidence
        QString attestation; // which
    };
    struct Gap {
        QString environment;
        Millis from = 0; // last report before the gap
        Millis to = 0; // first report after it
    };
    QString dir;
    QStringList environments;
    int files = 0;
    qint64 bytes = 0;
    QStringList legitimateFingerprints; // built through the pipeline: evidence exists for these
    std::vector<Planted> planted;
    std::vector<Defect> defects;
    std::vector<Gap> gaps;
    Millis first = 0;
    Millis last = 0;
};

Result<GeneratedTruth> generateBundle(const QString& dir, const GeneratorOptions& options);

} // namespace tideline
