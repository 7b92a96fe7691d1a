// SPDX-License-Identifier: GPL-3.0-or-later
// export, verify-pack: the signed evidence pack an auditor hands over, and its check.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "evidence/packsigner.h"
#include "pack/pack.h"
#include "store/casefile.h"
#include "timeline/timeline.h"

#include <QDir>
#include <QFileInfo>

namespace tideline::cli {

namespace {

PackRenderer& renderer()
{
    static PackRenderer r;
    return r;
}

int exportCommand(QCommandLineParser& p)
{
    const QString outDir = p.value(QStringLiteral("out"));
    if (outDir.isEmpty())
        return fail(QStringLiteral("export: --out DIR is required (a new or empty folder for the pack)"), Usage);
    if (!p.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("export: unexpected '%1'; see tideline help export").arg(p.positionalArguments().first()),
            Usage);
    if (!renderer())
        return fail(
            QStringLiteral("export: this tideline was built without the window library, which draws pack.pdf"), Usage);
    PackOptions o;
    o.scope.environment = p.value(QStringLiteral("env"));
    if (!timeOption(p, QStringLiteral("from"), o.scope.from) || !timeOption(p, QStringLiteral("to"), o.scope.to))
        return Usage;
    if (o.scope.from && o.scope.to && *o.scope.to <= *o.scope.from)
        return fail(QStringLiteral("--to must be after --from"), Usage);
    o.includeSources = p.isSet(QStringLiteral("include-sources"));
    o.signingKey = p.value(QStringLiteral("signing-key"));
    o.renderPdf = renderer();
    auto kase = openCase(p, true);
    if (!kase) return Usage;
    if (!o.scope.environment.isEmpty()) {
        bool known = false;
        for (const Environment& e : Timeline(*kase).environments())
            known = known || e.name == o.scope.environment;
        if (!known)
            return fail(QStringLiteral("no environment named '%1' in %2 (see tideline envs)")
                            .arg(o.scope.environment, kase->path()),
                Usage);
    }
    Result<PackResult> r = exportPack(*kase, outDir, o);
    if (!r) return fail(r.problem(), Usage);
    if (json(p)) {
        printJson(QJsonObject { { QStringLiteral("dir"), r->dir },
            { QStringLiteral("files"), QJsonArray::fromStringList(r->files) },
            { QStringLiteral("findings"), r->findings }, { QStringLiteral("manifest_sha256"), r->manifestSha256 },
            { QStringLiteral("content_sha256"), r->contentSha256 },
            { QStringLiteral("signer_fingerprint"), r->signerFingerprint }, { QStringLiteral("signer_algorithm"), r->signerAlgorithm },
            { QStringLiteral("log_key"), r->logKey.isEmpty() ? QJsonValue() : QJsonValue(r->logKey) } });
    } else {
        out(QStringLiteral("wrote the evidence pack %1 (%2 files, %3 findings) in %4 s")
                .arg(r->dir)
                .arg(r->files.size())
                .arg(r->findings)
                .arg(r->seconds, 0, 'f', 1));
        out(QStringLiteral("  manifest.json sha256  %1").arg(r->manifestSha256));
        out(QStringLiteral("  content sha256        %1 (printed on the PDF's cover)").arg(r->contentSha256));
        out(QStringLiteral("  signer key sha256     %1 (%2, %3)")
                .arg(r->signerFingerprint, signerKeyDescription(r->signerAlgorithm),
                    o.signingKey.isEmpty() ? QStringLiteral("your exporter key") : o.signingKey));
        if (!r->logKey.isEmpty())
            out(QStringLiteral("  log key sha256        %1 (signs every entry of the case's log)").arg(r->logKey));
        out(QStringLiteral("check it: tideline verify-pack %1 --signer %2").arg(r->dir, r->signerFingerprint));
    }
    return Ok;
}

int verifyPackCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1) return fail(QStringLiteral("verify-pack: name one pack folder"), Usage);
    const QFileInfo dir(args.first());
    if (!dir.isDir()) return fail(QStringLiteral("%1: no such folder").arg(args.first()), Usage);
    if (!QFileInfo::exists(QDir(dir.filePath()).filePath(QStringLiteral("manifest.json"))))
        return fail(QStringLiteral("%1: not an evidence pack (no manifest.json)").arg(args.first()), Usage);
    const std::optional<QString> pin = pinnedSigner(p);
    if (!pin) return Usage;
    const PackVerification v = verifyPack(dir.filePath(), *pin);
    if (json(p)) {
        printJson(QJsonObject { { QStringLiteral("intact"), v.intact },
            { QStringLiteral("problems"), QJsonArray::fromStringList(v.problems) }, { QStringLiteral("files"), v.files },
            { QStringLiteral("signer_fingerprint"), v.signerFingerprint.isEmpty() ? QJsonValue() : QJsonValue(v.signerFingerprint) },
            { QStringLiteral("signer_algorithm"), v.signerAlgorithm.isEmpty() ? QJsonValue() : QJsonValue(v.signerAlgorithm) },
            { QStringLiteral("pinned"), v.pinned() },
            { QStringLiteral("expected_signer"), v.pinned() ? QJsonValue(v.expectedSigner) : QJsonValue() } });
    } else {
        if (v.intact)
            out(QStringLiteral("intact: %1 files match the signed manifest, SHA256SUMS is derived from it, and the folder holds nothing else")
                    .arg(v.files));
        else
            out(QStringLiteral("NOT INTACT: %1")
                    .arg(v.problems.size() == 1 ? QStringLiteral("1 problem") : QStringLiteral("%1 problems").arg(v.problems.size())));
        for (const QString& problem : v.problems)
            out(QStringLiteral("  ") + problem);
        out(packSignerLine(v));
    }
    return v.intact ? Ok : Negative;
}

} // namespace

QString packSignerLine(const PackVerification& v)
{
    if (v.signerFingerprint.isEmpty())
        return QStringLiteral("signer: no key verified the manifest%1")
            .arg(v.presentedKey.isEmpty() ? QString() : QStringLiteral(" (signer.pub holds the key %1)").arg(v.presentedKey));
    const QString key = QStringLiteral("%1 key with sha256 %2").arg(signerKeyDescription(v.signerAlgorithm), v.signerFingerprint);
    if (!v.pinned())
        return QStringLiteral("signer: UNPINNED: manifest.sig verifies with the %1, the key inside the pack; anyone can make such a "
                              "pack: compare that sha256 with the one you were given, or pass --signer SHA256 or --key FILE")
            .arg(key);
    if (v.signerFingerprint == v.expectedSigner)
        return QStringLiteral("signer: the expected one, the %1").arg(key);
    return QStringLiteral("signer: NOT the expected %1: the key that verified is the %2").arg(v.expectedSigner, key);
}

void setPackRenderer(PackRenderer r)
{
    renderer() = std::move(r);
}

const PackRenderer& packRenderer()
{
    return renderer();
}

std::vector<Command> packCommands()
{
    Command exp { QStringLiteral("export"),
        QStringLiteral("export --case CASE --out DIR [--env NAME] [--from TIME --to TIME] [--include-sources] [--signing-key FILE]"),
        QStringLiteral("the evidence pack: a PDF, findings as JSON and CSV, a manifest of hashes signed with your key"),
        [](QCommandLineParser& p) {
            p.addOptions({ caseOption(), jsonOption(),
                opt(QStringLiteral("out"), QStringLiteral("The pack folder to make (new or empty)."),
                    QStringLiteral("DIR")),
                opt(QStringLiteral("env"), QStringLiteral("Only this environment."), QStringLiteral("NAME")),
                opt(QStringLiteral("from"), QStringLiteral("Start of the period (ISO 8601 UTC)."),
                    QStringLiteral("TIME")),
                opt(QStringLiteral("to"), QStringLiteral("End of the period (ISO 8601 UTC)."), QStringLiteral("TIME")),
                opt(QStringLiteral("include-sources"),
                    QStringLiteral("Copy the original files the findings rest on into sources/.")),
                opt(QStringLiteral("signing-key"),
                    QStringLiteral("Sign the pack with this key (the organisation's own: PEM private key, Ed25519 or ECDSA "
                                   "P-256/P-384) instead of your generated exporter key."),
                    QStringLiteral("FILE")),
                logKeyOption() });
        },
        exportCommand };
    exp.draws = true;
    Command verify { QStringLiteral("verify-pack"), QStringLiteral("verify-pack DIR [--signer SHA256 | --key FILE]"),
        QStringLiteral("recheck an evidence pack: every file's sha256, the manifest's signature, and who signed it"),
        [](QCommandLineParser& p) {
            p.addOptions({ jsonOption() });
            p.addOptions(pinOptions(QStringLiteral("The pack")));
            p.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The pack folder."));
        },
        verifyPackCommand };
    return { exp, verify };
}

} // namespace tideline::cli
