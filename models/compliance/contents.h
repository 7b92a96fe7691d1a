// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which workloads contained a package, where and when: SBOM packages joined to the run intervals, and the running
// workloads that no SBOM speaks for (they cannot be cleared).

#include "domain/contents.h"
#include "domain/finding.h"
#include "domain/result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tideline {

class CaseFile;

struct PackageQuery {
    QString term; // a purl (pkg:type/ns/name[@version]) or a name (matched case-insensitively, with or without its group)
    QString versionRange; // in the package's ecosystem's order (versions.h); empty: any version (or the purl's own)
    QString environment; // empty: every environment
    std::optional<Millis> from;
    std::optional<Millis> to;
};

struct PackageRun {
    QString environment;
    QString fingerprint;
    QString name;
    ExposureWindow window;
    bool ongoing = false;
};

struct ContainingWorkload {
    QString environment;
    QString fingerprint;
    QStringList names;
    QStringList packages; // "name@version" found in it
    QStringList sboms; // the SBOM sources (name and sha256) that say so
    std::vector<PackageRun> runs;
    qint64 totalSeconds = 0;
};

struct UnclearedWorkload {
    QString environment;
    QString fingerprint; // empty: no usable digest
    QStringList names;
    QString reason;
    std::vector<ExposureWindow> windows;
    qint64 totalSeconds = 0;
};

struct PackageReport {
    QString term;
    QString versionRange;
    std::vector<Package> matched; // the distinct packages that matched
    std::vector<ContainingWorkload> containing;
    std::vector<UnclearedWorkload> uncleared;
    QStringList environments;
    qint64 totalSeconds = 0; // over every run of every containing workload
};

Result<PackageReport> findPackage(CaseFile& kase, const PackageQuery& query);

// Every package the SBOMs bound to an artifact list (each distinct package once, in the order of the first SBOM
// that lists it).
Result<std::vector<Package>> packagesOfArtifact(CaseFile& kase, const QString& fingerprint);

} // namespace tideline
