// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifier.h"

#include "domain/digest.h"
#include "domain/fileread.h"
#include "evidence/evidencefile.h"
#include "domain/hash.h"
#include "domain/json.h"
#include "evidence/sigstore/trustedroot.h"

#include <QFileInfo>

namespace tideline {

Result<VerifyReport> verifyFile(const QString& path, const QStringList& keyPaths, const QString& artifactPath, const QStringList& trustedRootPaths)
{
    VerifyReport report;
    report.file = path;
    JsonDocument json;

    KeyRing ring;
    for (const QString& keyPath : keyPaths) {
        Result<QByteArray> bytes = readWholeFile(keyPath, QStringLiteral("key"));
        if (!bytes)
            return bytes.problem();
        EvidenceHints hints;
        hints.expectKey = true;
        auto parsed = readEvidence(*bytes, keyPath, json, hints);
        if (!parsed)
            return Problem { keyPath, QString(), QStringLiteral("not a public key (PEM, DER, X.509 certificate or securesystemslib key)") };
        if (!*parsed)
            return parsed->problem();
        if ((*parsed)->keys.empty())
            return Problem { keyPath, QString(), QStringLiteral("holds no public key") };
        QString name = QFileInfo(keyPath).completeBaseName();
        for (int i = 2; report.keys.contains(name); ++i)
            name = QStringLiteral("%1-%2").arg(QFileInfo(keyPath).completeBaseName()).arg(i);
        report.keys << name;
        ring.add(0, name, (*parsed)->keys.front().key);
    }

    for (const QString& rootPath : trustedRootPaths) {
        Result<QByteArray> bytes = readWholeFile(rootPath, QStringLiteral("trusted root"));
        if (!bytes)
            return bytes.problem();
        Result<sigstore::TrustedRoot> root = sigstore::parseTrustedRoot(*bytes, rootPath);
        if (!root)
            return root.problem();
        root->name = QFileInfo(rootPath).fileName();
        report.keys << root->name;
        ring.addRoot(0, std::make_shared<const sigstore::TrustedRoot>(std::move(root).value()));
    }

    QByteArray artifact;
    if (!artifactPath.isEmpty()) {
        Result<QByteArray> bytes = readWholeFile(artifactPath, QStringLiteral("artifact"));
        if (!bytes)
            return bytes.problem();
        artifact = *bytes;
        report.artifact = artifactPath;
        report.artifactSha256 = sha256Hex(artifact);
    }

    Result<QByteArray> bytes = readWholeFile(path, QStringLiteral("evidence"));
    if (!bytes)
        return bytes.problem();
    EvidenceHints hints;
    hints.expectEvidence = true;
    auto parsed = readEvidence(*bytes, path, json, hints);
    if (!parsed)
        return Problem { path, QString(), QStringLiteral("not a format verify reads: DSSE envelopes, in-toto statements and links, Sigstore bundles") };
    if (!*parsed)
        return parsed->problem();
    const EvidenceFile& file = **parsed;
    if (file.items.empty())
        return Problem { path, QString(), QStringLiteral("holds no evidence to verify (it is a %1)").arg(file.format) };
    report.warnings = file.warnings;
    report.format = file.items.size() == 1 ? file.items.front().record.format : file.format;
    if (report.format.isEmpty())
        report.format = file.format;

    const EvidenceRecord* worst = nullptr;
    for (const EvidenceItem& item : file.items) {
        EvidenceRecord r = item.record;
        std::optional<bool> matches;
        if (item.signedContent) {
            SignedContent sc = *item.signedContent;
            if (!artifact.isEmpty() && sc.scheme == SignedContent::Scheme::Digest) {
                // The bundle signs a digest; the artifact must be what it digests. Then check over the artifact itself,
                // which also serves keys that sign messages rather than digests (Ed25519).
                const QString signedHex = QString::fromStdString(digest::toHex(sc.message));
                const bool sha256 = sc.digestAlgorithm == QLatin1String("sha256");
                matches = sha256 && signedHex == report.artifactSha256;
                if (*matches) {
                    sc.scheme = SignedContent::Scheme::Message;
                    sc.message = artifact;
                }
            }
            r.verification = verifySigned(sc, ring);
        } else {
            r.verification.verdict = Verification::Unsigned;
            r.verification.detail = QStringLiteral("carries no signature");
        }
        if (!artifact.isEmpty() && !matches) {
            bool found = false;
            for (const Subject& s : item.subjects)
                found = found || s.sha256 == report.artifactSha256;
            matches = found;
        }
        if (matches == std::optional<bool>(false)) {
            report.artifactMatches = false;
            if (r.verification.verdict == Verification::Verified) {
                r.verification.verdict = Verification::BadSignature;
                r.verification.detail = QStringLiteral("the signature verifies, but not for this artifact: its sha256 %1 is not what the "
                                                       "evidence signs")
                                            .arg(report.artifactSha256);
            }
        } else if (matches && !report.artifactMatches) {
            report.artifactMatches = true;
        }
        for (const Subject& s : item.subjects)
            report.subjects.push_back(s);
        if (report.predicateType.isEmpty())
            report.predicateType = r.predicateType;
        if (report.kind.isEmpty())
            report.kind = r.kind;
        report.parts.push_back(r);
    }
    for (const EvidenceRecord& r : report.parts)
        if (!worst || verificationSeverity(r.verification.verdict) > verificationSeverity(worst->verification.verdict))
            worst = &r;
    report.outcome = worst->verification;
    return report;
}

} // namespace tideline
