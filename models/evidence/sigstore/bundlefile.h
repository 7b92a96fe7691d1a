// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `tideline verify-bundle`: one Sigstore bundle verified offline against trusted roots and an identity policy or
// a key, following the sigstore-conformance client protocol.

#include "domain/result.h"
#include "evidence/sigstore/bundleverifier.h"

#include <QString>
#include <QStringList>

namespace tideline::sigstore {

struct BundleRequest {
    QString bundlePath;
    QString artifact; // a file, or "sha256:HEX"
    IdentityPolicy identity;
    QString keyPath; // a managed key (PEM), instead of an identity
    QStringList trustedRootPaths; // none: no trusted root
};

struct BundleFileReport {
    QString bundle;
    QString mediaType;
    QString artifact;
    QString artifactSha256;
    QStringList trustedRoots; // "name (sha256)"
    BundleVerdict verdict;
};

// A Problem (exit 2) when a file cannot be read; a bundle that cannot be parsed as one is a Problem too (it fails).
Result<BundleFileReport> verifyBundleFile(const BundleRequest& request);

} // namespace tideline::sigstore
