// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/evidence.h"
#include "domain/result.h"
#include "domain/timefmt.h"
#include "import/bundle.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace tideline {

class CaseFile;

struct ImportProgress {
    int filesDone = 0;
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    QString current;
    qint64 waitingMs = 0; // set while the import waits for another writer of the case (how long so far)
};

struct ImportOptions {
    // Context for payloads that carry none; given here, it wins over a manifest and over the content.
    QString environment;
    QString type;
    std::optional<Millis> at;
    // Context only for payloads whose content and manifest say nothing (the window asks for it then);
    // unlike the fields above, it never overrides what a file says.
    QString fallbackEnvironment;
    QString fallbackType;
    std::optional<Millis> fallbackAt;
    // Binds evidence files to an artifact (evidence import).
    QString forFingerprint;
    QString attestationName;
    // Trust: a key or trusted root named as a file of its own is trusted (the user chose it); one found inside a folder
    // or an archive is held untrusted, unless trust is set (import --trust: everything the import brings is trusted).
    bool trust = false;
    QString trustHow; // how the trust is recorded when trust is set; empty: "import --trust"
    // Sigstore trusted roots to import (and trust) first: import --trusted-root. Each must be one.
    QStringList trustedRoots;

    QString actor; // who imports, for the log; empty: the login name
    int workers = 0; // parsing threads; 0: one per core
    ArchiveLimits limits;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(const ImportProgress&)> progress; // called on the importing thread
};

struct ImportedFile {
    QString path;
    QString format;
    QString sha256;
    qint64 size = 0;
    // Snapshots only.
    bool isSnapshot = false;
    QString environment;
    QString type;
    qint64 snapshotIndex = 0;
    bool newSnapshot = false;
    int workloads = 0;
    Millis takenAt = 0;
    // Policies only.
    QString policy;
    int policyVersion = 0;
    // Evidence only: pieces of evidence stored, bindings added, keys added (by name).
    int evidence = 0;
    int bindings = 0;
    QStringList keys;
    std::vector<AnchorImport> anchors; // keys and trusted roots it brought, with whether the case trusts them now
    // Contents: packages the SBOMs list, OSV records, VEX statements.
    int packages = 0;
    int advisories = 0;
    int vex = 0;
    // True when these bytes were already in the case (stored once) and only the report was new.
    bool knownSource = false;
    std::vector<Problem> warnings;
};

struct SkippedFile {
    QString path;
    QString reason;
};

struct ImportReport {
    std::vector<ImportedFile> imported;
    // Keys and trusted roots this import left untrusted (found inside a folder or archive): what to ask the user about.
    std::vector<AnchorImport> untrusted() const;
    std::vector<SkippedFile> skipped;
    std::vector<Problem> errors;
    bool cancelled = false;
    // Why the import stopped before its end, when nothing more could be written (disk full, the case deleted or
    // replaced under it); what it committed before stays.
    std::optional<Problem> stopped;
    int files = 0;
    qint64 bytes = 0;
    double seconds = 0;
    // Where the time went: summed over the parsing threads, and on the committing thread.
    double parseSeconds = 0;
    double commitSeconds = 0;
};

// Imports files, folders and archives into the case. Every file lands in its own transaction: one that
// fails (or is interrupted) leaves nothing behind, and the others go on.
ImportReport importPaths(CaseFile& kase, const QStringList& paths, const ImportOptions& options);

} // namespace tideline
