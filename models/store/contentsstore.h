// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/contents.h"
#include "domain/result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace tideline {

namespace sql {
class StatementCache;
}

// A package as stored: its row id and what identifies it for matching.
struct StoredPackage {
    qint64 id = 0;
    Package package;
    QString purlBase; // empty when it has no purl
};

// One SBOM bound to an artifact: which piece of evidence, from which source.
struct SbomRecord {
    qint64 evidenceId = 0;
    QString fingerprint;
    bool listsContents = false;
    int packages = 0;
    std::optional<Package> described;
    QString sourceSha256;
    QString sourceName;
    QString format;
};

struct StoredAdvisory {
    qint64 id = 0;
    qint64 sourceId = 0;
    QString sourceSha256;
    QString sourceName;
    Advisory advisory;
};

// A source the contents rest on, for the pack's appendix.
struct ContentsSource {
    QString kind; // sbom, osv, vex
    QString sha256;
    QString name;
    int items = 0; // packages, records, statements
};

// The SQL behind SBOM packages, advisories and VEX statements.
class ContentsStore {
public:
    explicit ContentsStore(QSqlDatabase& db);
    ~ContentsStore();

    // Writing (inside the importer's transaction). Packages are stored once, whatever the number of SBOMs listing them.
    Status insertSbom(qint64 evidenceId, const std::vector<Package>& packages, const std::optional<Package>& described, bool listsContents);
    Result<qint64> insertAdvisory(const Advisory& a, qint64 sourceId);
    Result<qint64> insertVex(const VexStatement& v, qint64 sourceId);
    // Forgets the cached package ids (after a rollback).
    void reset();

    // Reading. Reads return their failure: an unreadable case is never taken for an empty one.
    Result<std::vector<Package>> packagesOf(qint64 evidenceId);
    // Packages whose purl (without version) is purlBase, or whose name or last name segment is name (case-insensitive).
    Result<std::vector<StoredPackage>> findByPurlBase(const QString& purlBase);
    Result<std::vector<StoredPackage>> findByName(const QString& name);
    // Packages whose purl base is one an advisory names.
    Result<std::vector<StoredPackage>> packagesNamedByAdvisories();
    // (package id, SBOM evidence id, fingerprint) for every binding of an SBOM that lists the package.
    struct Containment {
        qint64 packageId = 0;
        qint64 evidenceId = 0;
        QString fingerprint;
    };
    Result<std::vector<Containment>> containing(qint64 packageId);
    // Fingerprints that have at least one bound SBOM listing contents.
    Result<std::set<QString>> fingerprintsWithSbom();
    // Artifacts seen running that have none.
    Result<std::vector<QString>> artifactsWithoutSbom();
    Result<std::vector<SbomRecord>> sbomsFor(const QString& fingerprint);
    // The source a piece of evidence was read from: (name, sha256).
    Result<std::pair<QString, QString>> sourceOfEvidence(qint64 evidenceId);
    // The advisories in force: for each OSV id, the record with the latest modified time (withdrawn ones included).
    Result<std::vector<StoredAdvisory>> advisories();
    Result<std::vector<VexStatement>> vexStatements();
    Result<std::vector<ContentsSource>> sources();
    Result<int> advisoryCount();

private:
    std::unique_ptr<sql::StatementCache> m_sql;
    QHash<QString, qint64> m_packageIds;
    bool m_loaded = false;
};

// The JSON Tideline keeps an advisory and a VEX statement as (the store's record column), both ways.
QString advisoryJson(const Advisory& a);
std::optional<Advisory> advisoryFromJson(const QString& json);
QString vexJson(const VexStatement& v);
std::optional<VexStatement> vexFromJson(const QString& json);

} // namespace tideline
