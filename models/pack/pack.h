// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An evidence pack: pack.pdf for people, findings.json and findings.csv for tools, the original sources
// on request, and manifest.json with the sha256 of all of it, signed (manifest.sig: Ed25519, or ECDSA P-256 or
// P-384 with an organisation's own key) by the exporter's key (signer.pub), with SHA256SUMS derived from it so
// that stock `sha256sum -c` and `openssl` can recheck it without Tideline. Only what the signed manifest lists
// belongs to the pack.

#include "domain/finding.h"
#include "domain/model.h"
#include "domain/result.h"
#include "evidence/evidenceindex.h"
#include "store/contentsstore.h"
#include "store/logstore.h"
#include "store/retractionstore.h"
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

// The case log's signatures up to its head when the pack was made (the manifest's "log"): what
// verify-case --against PACK holds the case to.
struct PackLogSigning {
    qint64 headId = 0; // the id of the head entry (0: the log was empty)
    int entries = 0; // entries up to and including the head
    int signedEntries = 0; // of those, validly signed by a log key
    std::map<QString, int> signers; // log key sha256 -> entries it signed
    std::map<QString, QString> algorithms; // log key sha256 -> its algorithm
    QString key; // the key the log is signed with now (it signs the export's own entry); empty: none set
    QString keyAlgorithm;
};

// Everything the pack says, gathered once: the PDF is drawn from this.
struct PackContent {
    QString caseId;
    QString caseName; // the case file's name, or a shared case's "NAME on HOST/DATABASE"
    bool sharedCase = false; // on a server
    QString caseTitle; // the title the user gave it (File › Case Properties); empty: none
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
    QStringList relied; // sha256 of the sources in scope: the snapshots, policies and evidence the findings rest on
    QStringList bundleRoots; // folders that held an imported tideline-bundle.json: paths are shown relative to them
    std::vector<Retraction> retractions; // imports taken back, oldest first
    std::vector<LogEntry> log;
    QString logHead;
    PackLogSigning logSigning;
    QString signerFingerprint;
    QString signerAlgorithm; // ed25519, ecdsa-p256-sha256, ecdsa-p384-sha384
    QString contentSha256; // what the cover prints: the manifest's hash of everything but the PDF
    std::vector<ContentsSource> contentsSources; // the SBOM, OSV and VEX sources, for the appendix
};

struct PackOptions {
    PackScope scope;
    bool includeSources = false;
    QString keyPath; // the exporter's generated key (made there on first use); empty: defaultExportKeyPath()
    QString signingKey; // the organisation's own key (PEM, Ed25519 or ECDSA P-256/P-384), used instead; must exist
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
    QString signerAlgorithm;
    QString logKey; // sha256 of the key the log is signed with (empty: none)
    double seconds = 0;
};

Result<PackContent> gatherPack(CaseFile& kase, const PackScope& scope);
// A source's path as the pack shows it: relative to the bundle it came in ("bundle/prod/snap-00001.json"), inside
// its archive ("demo.zip!/prod/…"), else its folder and name: never the exporter's home.
QString packPath(const PackContent& c, const QString& path);
// The title the pack names the case by: the user's, else the case file's name.
QString packCaseTitle(const PackContent& c);
// Writes the pack into outDir (created; must be empty or absent) and logs the export in the case.
Result<PackResult> exportPack(CaseFile& kase, const QString& outDir, const PackOptions& options);

struct PackVerification {
    bool intact = false;
    QStringList problems;
    int files = 0;
    QString signerFingerprint; // the key that verified manifest.sig (empty when none did), never the manifest's claim
    QString signerAlgorithm;
    QString presentedKey; // sha256 of signer.pub, whether or not it verified
    QString expectedSigner; // the pinned signer, when one was given
    bool pinned() const { return !expectedSigner.isEmpty(); }
};
// Rechecks every hash the manifest lists, the content hash, SHA256SUMS (derived from the manifest: a line for
// anything else fails), that the folder holds nothing else, and the signature with signer.pub; with
// expectedSigner (a key's sha256), also that the key that verified is that one.
PackVerification verifyPack(const QString& dir, const QString& expectedSigner = QString());

// findings.json and findings.csv, as written into the pack.
QJsonObject findingsJson(const PackContent& c);
QByteArray findingsCsv(const CheckReport& r);

} // namespace tideline
