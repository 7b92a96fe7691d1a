// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What was inside an artifact (the packages its SBOMs list), what is known to be wrong with packages (advisories,
// as OSV records say it) and what a supplier says of that for its product (VEX statements). Plain values.

#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace tideline {

// One package an SBOM lists. Hashes are "ALG:hex" (SHA-256:…), licences SPDX ids or expressions as given.
struct Package {
    QString name; // CycloneDX group/name joined with '/', SPDX name
    QString version;
    QString purl;
    QString cpe;
    QStringList licences;
    QStringList hashes;
    int depth = 0; // 0: a top-level component; nested components count their parents
};

// One affected range of an OSV record: its type and events in the order the record gives them.
struct AdvisoryRange {
    QString type; // SEMVER, ECOSYSTEM, GIT
    QString repo; // GIT ranges
    std::vector<std::pair<QString, QString>> events; // (introduced|fixed|last_affected|limit, version)
};

struct AffectedPackage {
    QString ecosystem; // as OSV names it: npm, Maven, PyPI, Debian:12, ...
    QString name;
    QString purl;
    std::vector<AdvisoryRange> ranges;
    QStringList versions; // listed affected versions
};

// A CVSS (or other) severity the record gives: type (CVSS_V3, CVSS_V4, CVSS_V2, Ubuntu, ...) and its vector or
// word, with the base score where it can be computed (CVSS v3.x).
struct AdvisorySeverity {
    QString type;
    QString vector;
    std::optional<double> score;
    QString rating; // none, low, medium, high, critical; empty when neither given nor computable
};

// An advisory, as an OSV record says it.
struct Advisory {
    QString id;
    QStringList aliases; // CVE-…, GHSA-… (and "related" ids are not aliases)
    QString summary;
    QString details;
    std::optional<Millis> published;
    std::optional<Millis> modified;
    std::optional<Millis> withdrawn; // a withdrawn record raises no finding
    std::vector<AdvisorySeverity> severities;
    std::vector<AffectedPackage> affected;
    QStringList references; // URLs
    int part = 0; // its place in its source (an array's index, a zip's entry)

    // The highest score the record gives, and its rating; nothing when it gives neither.
    std::optional<AdvisorySeverity> strongest() const;
};

// What a supplier says of a vulnerability in its product: OpenVEX statements, CycloneDX VEX analyses.
enum class VexStatus { NotAffected, Fixed, Affected, UnderInvestigation };
QString vexStatusName(VexStatus s); // not_affected, fixed, affected, under_investigation
std::optional<VexStatus> vexStatusFromName(const QString& name); // also CycloneDX states (resolved, exploitable, ...)

struct VexStatement {
    QString format; // openvex, cyclonedx-vex
    QString vulnerability; // the id the statement names (CVE-…, GHSA-…)
    QStringList aliases;
    QStringList products; // purls, BOM-links, image references, names as given
    QStringList subcomponents; // purls of the packages inside the products, where given
    VexStatus status = VexStatus::UnderInvestigation;
    QString justification; // vulnerable_code_not_present, code_not_reachable, ...
    QString statement; // impact statement, detail
    QString author;
    std::optional<Millis> timestamp;
    int part = 0;
    // Where it was read from (set by the store).
    qint64 sourceId = 0;
    QString sourceSha256;
    QString sourceName;

    // True for the statuses that clear a finding: not_affected and fixed.
    bool suppresses() const { return status == VexStatus::NotAffected || status == VexStatus::Fixed; }
};

} // namespace tideline
