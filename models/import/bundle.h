// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "import/manifest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace tideline {

// Bounds on what an archive may expand to: beyond them it is refused as a decompression bomb.
struct ArchiveLimits {
    qint64 maxEntryBytes = qint64(512) << 20;
    qint64 maxTotalBytes = qint64(16) << 30;
    double maxRatio = 200.0; // uncompressed / compressed, checked once past ratioFloorBytes
    qint64 ratioFloorBytes = qint64(64) << 20;
    int maxNesting = 2; // an archive inside an archive inside an archive is refused
};

// One file of what the user asked to import, with its bytes in memory.
struct BundleEntry {
    QString displayPath; // as the user would name it: "/data/x.json" or "bundle.zip!/prod/x.json"
    QString groupKey; // the folder it sits in: consecutive files of a folder are delta-coded together
    QByteArray bytes;
    std::shared_ptr<const BundleManifest> manifest; // the nearest manifest above it, if any
    QString manifestPath; // its path relative to that manifest's folder
    bool isManifest = false;
};

// Walks files, folders and archives (zip, tar, tar.gz, …; read in memory, never extracted) in two phases:
// prepare() finds every manifest and counts the work; run() hands out entries in order.
class BundleWalker {
public:
    explicit BundleWalker(QStringList inputs, ArchiveLimits limits = {});
    ~BundleWalker();

    // Problems found while preparing (unreadable inputs, bad manifests) go to onProblem.
    void prepare(const std::function<void(const Problem&)>& onProblem);
    qint64 totalBytes() const;
    int totalFiles() const;

    // Calls onEntry for each file in order (false stops), onProblem for what cannot be read.
    void run(const std::function<bool(BundleEntry&&)>& onEntry, const std::function<void(const Problem&)>& onProblem,
        const std::atomic<bool>* cancel = nullptr);

    // True for the magic numbers of the archive and compression formats we open.
    static bool looksLikeArchive(const QByteArray& head);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tideline
