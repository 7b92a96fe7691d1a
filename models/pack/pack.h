#pragma once

// An evidence pack: pack.pdf for people, findings.json and findings.csv for tools, the original sources
// on request, and manifest.json with the sha256 of all of it, signed (manifest.sig, Ed25519) by the
// exporter's key (signer.pub), with SHA256SUMS so that stock `sha256sum -c` and `openssl pkeyutl` can
// recheck it without Tideline.

#include "domain/finding.h"
#include "domain/model.h"
#include "domain/result.h"
#include "evidence/evidenceindex.h"
#include "store/contentsstore.h"
#include "store/logstore.h"
#include "store/sourcestore.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace tideline {

class CaseFile;
struct TimelineOverview;

struct PackScope {
    QString environment; // empty: every environment
    std::optional<Millis> from;
    std::optional<Millis> to;
};

// Everything the pack says, gathered once: the PDF is drawn from this.
struct PackContent {
    QString caseId;
    QString caseName;
    PackScope scope;
    Millis exportedAt = 0;
    QString exporter;
    QString toolVersion;
    CheckReport check;
    std::vector<Environment> environments;
    std::map<QString, std::vector<Snapshot>> snapshots; // per environment, those in scope
    std::map<QString, std::vector<RunInterval>> intervals; // per environment, clipped to scope
    // The environments in scope whole, as the window's charts and timeline draw them (they clip to the scope).
    std::shared_ptr<const TimelineOverview> overview;
    std::map<QString, ArtifactEvidence> evidence; // what the case holds about each finding's fingerprint
    std::vector<SourceRecord> sources; // every source of the case
    QStringList relied; // sha256 of the sources the findings rest on
    std::vector<LogEntry> log;
    QString logHead;
    QString signerFingerprint;
    QString contentSha256; // what the cover prints: the manifest's hash of everything but the PDF
    std::vector<ContentsSource> contentsSources; // the SBOM, OSV and VEX sources, for the appendix
};

struct PackOptions {
    PackScope scope;
    bool includeSources = false;
    QString keyPath; // the exporter's Ed25519 key; empty: defaultExportKeyPath()
    QString exporter; // who exports; empty: the login name
    // Draws pack.pdf; the engine has no widgets, so the window library provides it.
    std::function<Status(const PackContent&, const QString& pdfPath)> renderPdf;
    // Told how far the export is (0-100) and what it does now; called on the exporting thread.
    std::function<void(int percent, const QString& step)> progress;
};

struct PackResult {
    QString dir;
    QStringList files; // relative to dir
    int findings = 0;
    QString manifestSha256;
    QString contentSha256;
    QString signerFingerprint;
    double seconds = 0;
};

Result<PackContent> gatherPack(CaseFile& kase, const PackScope& scope);
// Writes the pack into outDir (created; must be empty or absent) and logs the export in the case.
Result<PackResult> exportPack(CaseFile& kase, const QString& outDir, const PackOptions& options);

struct PackVerification {
    bool intact = false;
    QStringList problems;
    int files = 0;
    QString signerFingerprint;
};
// Rechecks every hash the manifest lists, the content hash, SHA256SUMS and the signature.
PackVerification verifyPack(const QString& dir);

// findings.json and findings.csv, as written into the pack.
QJsonObject findingsJson(const PackContent& c);
QByteArray findingsCsv(const CheckReport& r);

} // namespace tideline
