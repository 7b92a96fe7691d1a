// SPDX-License-Identifier: GPL-3.0-or-later
// verify-bundle: the sigstore-conformance client protocol.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "evidence/sigstore/bundlefile.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tideline::cli {

namespace {


int verifyBundleCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("verify-bundle: give the artifact: a file, or sha256:DIGEST"), Usage);
    sigstore::BundleRequest request;
    request.bundlePath = p.value(QStringLiteral("bundle"));
    request.artifact = args.first();
    request.identity.identity = p.value(QStringLiteral("certificate-identity"));
    request.identity.identityRegexp = p.value(QStringLiteral("certificate-identity-regexp"));
    request.identity.issuer = p.value(QStringLiteral("certificate-oidc-issuer"));
    request.identity.issuerRegexp = p.value(QStringLiteral("certificate-oidc-issuer-regexp"));
    request.keyPath = p.value(QStringLiteral("key"));
    request.trustedRootPaths = p.values(QStringLiteral("trusted-root"));
    if (request.bundlePath.isEmpty())
        return fail(QStringLiteral("verify-bundle: --bundle FILE is required"), Usage);
    const bool identity = !request.identity.identity.isEmpty() || !request.identity.identityRegexp.isEmpty();
    const bool issuer = !request.identity.issuer.isEmpty() || !request.identity.issuerRegexp.isEmpty();
    if (request.keyPath.isEmpty() && (!identity || !issuer))
        return fail(QStringLiteral("verify-bundle: give --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp], or --key FILE"), Usage);
    if (!request.keyPath.isEmpty() && (identity || issuer))
        return fail(QStringLiteral("verify-bundle: --key and a certificate identity exclude each other"), Usage);

    Result<sigstore::BundleFileReport> r = sigstore::verifyBundleFile(request);
    if (!r) {
        if (json(p))
            printJson(QJsonObject { { QStringLiteral("bundle"), request.bundlePath }, { QStringLiteral("verdict"), QStringLiteral("unreadable") },
                { QStringLiteral("detail"), r.problem().toString() } });
        return fail(r.problem(), Usage);
    }
    const sigstore::BundleFileReport& report = *r;
    const sigstore::BundleVerdict& v = report.verdict;
    if (json(p)) {
        printJson(QJsonObject { { QStringLiteral("bundle"), report.bundle }, { QStringLiteral("media_type"), report.mediaType },
            { QStringLiteral("artifact"), report.artifact }, { QStringLiteral("artifact_sha256"), text(report.artifactSha256) },
            { QStringLiteral("verdict"), verificationName(v.verdict) }, { QStringLiteral("detail"), v.detail },
            { QStringLiteral("proven"), QJsonArray::fromStringList(v.proven) }, { QStringLiteral("signer"), text(v.signer) },
            { QStringLiteral("issuer"), text(v.issuer) }, { QStringLiteral("key"), text(v.key) },
            { QStringLiteral("trusted_root"), text(v.trustedRoot) }, { QStringLiteral("trusted_root_sha256"), text(v.trustedRootSha256) },
            { QStringLiteral("log"), text(v.log) }, { QStringLiteral("signed_at"), v.signedAt ? time(*v.signedAt) : QJsonValue() },
            { QStringLiteral("time_source"), text(v.timeSource) }, { QStringLiteral("trusted_roots"), QJsonArray::fromStringList(report.trustedRoots) } });
    } else {
        out(QStringLiteral("%1: %2").arg(report.bundle, verificationName(v.verdict)));
        out(QStringLiteral("  detail     ") + v.detail);
        for (const QString& s : v.proven)
            out(QStringLiteral("  proven     ") + s);
        if (report.trustedRoots.isEmpty())
            out(QStringLiteral("  roots      none given (--trusted-root FILE)"));
        for (const QString& root : report.trustedRoots)
            out(QStringLiteral("  root       ") + root);
    }
    return v.verdict == Verification::Verified ? Ok : Negative;
}

} // namespace

std::vector<Command> bundleCommands()
{
    return {
        { QStringLiteral("verify-bundle"),
            QStringLiteral("verify-bundle --bundle FILE (--certificate-identity ID --certificate-oidc-issuer URL | --key FILE) "
                           "[--trusted-root FILE]… FILE_OR_sha256:DIGEST"),
            QStringLiteral("verify a Sigstore bundle offline: signature, log entry and proofs, timestamps, certificate chain and identity"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(), opt(QStringLiteral("bundle"), QStringLiteral("The Sigstore bundle (.sigstore.json)."), QStringLiteral("FILE")),
                    opt(QStringLiteral("certificate-identity"), QStringLiteral("The signer the certificate must name (SAN), exactly."), QStringLiteral("ID")),
                    opt(QStringLiteral("certificate-identity-regexp"), QStringLiteral("The same as a regular expression."), QStringLiteral("RE")),
                    opt(QStringLiteral("certificate-oidc-issuer"), QStringLiteral("The OIDC issuer the certificate must name, exactly."), QStringLiteral("URL")),
                    opt(QStringLiteral("certificate-oidc-issuer-regexp"), QStringLiteral("The same as a regular expression."), QStringLiteral("RE")),
                    opt(QStringLiteral("key"), QStringLiteral("A managed public key (PEM) instead of an identity."), QStringLiteral("FILE")),
                    opt(QStringLiteral("trusted-root"), QStringLiteral("A Sigstore trusted_root.json; repeatable."), QStringLiteral("FILE")) });
                p.addPositionalArgument(QStringLiteral("FILE_OR_sha256:DIGEST"), QStringLiteral("The signed artifact, or its sha256 digest."));
            },
            verifyBundleCommand },
    };
}

} // namespace tideline::cli
