// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlefile.h"

#include "domain/digest.h"
#include "domain/fileread.h"
#include "domain/hash.h"
#include "domain/json.h"

#include <QFileInfo>

namespace tideline::sigstore {

Result<BundleFileReport> verifyBundleFile(const BundleRequest& request)
{
    BundleFileReport report;
    report.bundle = request.bundlePath;

    std::vector<TrustedRoot> roots;
    for (const QString& path : request.trustedRootPaths) {
        Result<QByteArray> bytes = readWholeFile(path, QStringLiteral("trusted root"));
        if (!bytes)
            return bytes.problem();
        Result<TrustedRoot> root = parseTrustedRoot(*bytes, path);
        if (!root)
            return root.problem();
        root->name = QFileInfo(path).fileName();
        report.trustedRoots << QStringLiteral("%1 (sha256 %2)").arg(root->name, root->sha256);
        roots.push_back(std::move(root).value());
    }
    KeyRing keys;
    if (!request.keyPath.isEmpty()) {
        Result<QByteArray> bytes = readWholeFile(request.keyPath, QStringLiteral("key"));
        if (!bytes)
            return bytes.problem();
        Result<crypto::PublicKey> key = crypto::PublicKey::parse(*bytes, request.keyPath);
        if (!key)
            return key.problem();
        keys.add(0, QFileInfo(request.keyPath).fileName(), *key);
    }

    BundleOptions options;
    for (const TrustedRoot& r : roots)
        options.roots.push_back(&r);
    options.identity = request.identity;
    options.keys = &keys;
    if (request.artifact.startsWith(QLatin1String("sha256:"))) {
        const auto d = digest::normalize(request.artifact.mid(7).toStdString());
        if (!d)
            return Problem { request.artifact, QString(), QStringLiteral("not a sha256 digest (64 hex characters after sha256:)") };
        options.artifactSha256 = QString::fromStdString(*d);
        report.artifactSha256 = options.artifactSha256;
    } else if (!request.artifact.isEmpty()) {
        Result<QByteArray> bytes = readWholeFile(request.artifact, QStringLiteral("artifact"));
        if (!bytes)
            return bytes.problem();
        options.artifact = *bytes;
        report.artifactSha256 = sha256Hex(*bytes);
    }
    report.artifact = request.artifact;

    Result<QByteArray> bytes = readWholeFile(request.bundlePath, QStringLiteral("bundle"));
    if (!bytes)
        return bytes.problem();
    JsonDocument doc;
    if (Status s = doc.parse(*bytes, request.bundlePath); !s)
        return s.problem();
    Result<Bundle> bundle = readBundle(doc.root(), request.bundlePath);
    if (!bundle)
        return bundle.problem();
    report.mediaType = bundle->mediaType;
    report.verdict = verifyBundle(*bundle, options);
    return report;
}

} // namespace tideline::sigstore
