// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace tideline {

// tideline-bundle.json: context for files that carry none (environment, type, capture time), evidence
// bindings, keys, and expected hashes. Paths are relative to the manifest's folder.
struct BundleManifest {
    struct Snapshot {
        QString environment;
        QString type;
        std::optional<Millis> takenAt;
    };
    struct Evidence {
        QString fingerprint;
        QString name;
    };
    struct Key {
        QString name;
    };

    QString file; // where the manifest was read from, for messages
    QString dir; // its folder within the bundle ("" for the root)
    std::map<QString, Snapshot> snapshots;
    std::map<QString, Evidence> evidence;
    std::map<QString, Key> keys;
    std::map<QString, QString> sha256;
    std::vector<Problem> warnings;

    // Every path the manifest names.
    std::vector<QString> listedPaths() const;
};

inline const QString& manifestFileName()
{
    static const QString name = QStringLiteral("tideline-bundle.json");
    return name;
}

// Parses and validates a manifest. dir is the manifest's folder within its bundle.
Result<BundleManifest> readManifest(const QByteArray& bytes, const QString& file, const QString& dir);

// "a/./b//c" -> "a/b/c"; nothing for absolute paths or paths that climb out with "..".
std::optional<QString> normaliseRelativePath(const QString& path);

} // namespace tideline
