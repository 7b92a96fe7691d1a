// SPDX-License-Identifier: GPL-3.0-or-later
// tideline --demo without a display: the demo bundle generated, imported, summed up, and its evidence pack.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "demo/generator.h"
#include "import/importer.h"
#include "pack/pack.h"
#include "store/casefile.h"
#include "timeline/timeline.h"

#include <QDir>

#include <map>

namespace tideline::cli {

int runHeadlessDemo(const QString& dir)
{
    const QString bundle = QDir(dir).filePath(QStringLiteral("bundle"));
    const QString casePath = QDir(dir).filePath(QStringLiteral("demo.tideline"));
    QDir(bundle).removeRecursively();
    QFile::remove(casePath);
    QFile::remove(casePath + QStringLiteral("-wal"));
    QFile::remove(casePath + QStringLiteral("-shm"));
    Result<GeneratedTruth> g = generateBundle(bundle, GeneratorOptions::demo());
    if (!g)
        return fail(g.problem(), Usage);
    Result<std::unique_ptr<CaseFile>> kase = CaseFile::open(casePath);
    if (!kase)
        return fail(kase.problem(), Usage);
    if (!installLogSigner(QCommandLineParser())) // the log is signed with your key, as every command signs it
        return Usage;
    // The bundle carries its own signing key, and a key inside a bundle is not trusted by that alone: the demo trusts
    // it explicitly (as `import --trust` does), and says so.
    ImportOptions o;
    o.trust = true;
    o.trustHow = QStringLiteral("the demo trusts its own signing key");
    const ImportReport r = importPaths(**kase, { bundle }, o);
    out(QStringLiteral("Tideline demo: generated %1 files (%2 MB) in %3").arg(g->files).arg(static_cast<double>(g->bytes) / 1e6, 0, 'f', 1).arg(bundle));
    out(QStringLiteral("imported into %1: %2 files in %3 s, %4 skipped, %5 errors")
            .arg(casePath)
            .arg(r.imported.size())
            .arg(r.seconds, 0, 'f', 2)
            .arg(r.skipped.size())
            .arg(r.errors.size()));
    for (const Problem& e : r.errors)
        err(QStringLiteral("  error: ") + e.toString());
    for (const ImportedFile& f : r.imported)
        for (const AnchorImport& a : f.anchors)
            out(QStringLiteral("trusted explicitly: the demo's signing key '%1' (sha256 %2), which came inside the bundle; a key that comes with "
                               "the evidence is not trusted on its own (import --trust, or `tideline keys trust NAME`, says so)")
                    .arg(a.name, a.sha256));
    Timeline t(**kase);
    out(QString());
    std::vector<QStringList> rows;
    const Result<std::vector<Environment>> envs = t.environments();
    if (!envs)
        return fail(envs.problem(), Usage);
    for (const Environment& e : *envs)
        rows.push_back({ e.name, e.type, QString::number(e.snapshots), timefmt::formatIso(e.first), timefmt::formatIso(e.last) });
    printTable({ QStringLiteral("ENVIRONMENT"), QStringLiteral("TYPE"), QStringLiteral("SNAPSHOTS"), QStringLiteral("FIRST"), QStringLiteral("LAST") }, rows);
    out(QString());
    out(QStringLiteral("Planted for the investigator to find:"));
    for (const auto& p : g->planted)
        out(QStringLiteral("  %1 in %2: %3 %4, %5 → %6")
                .arg(findingKindName(p.kind), p.environment, p.name, shortFingerprint(p.fingerprint), timefmt::formatIso(p.from), timefmt::formatIso(p.to)));
    for (const auto& gp : g->gaps)
        out(QStringLiteral("  monitoring gap in %1: %2 → %3").arg(gp.environment, timefmt::formatIso(gp.from), timefmt::formatIso(gp.to)));
    // Evidence defects, by kind: a finding wherever one of those versions ran.
    std::map<FindingKind, std::map<QString, int>> defects; // kind -> attestation -> versions
    for (const auto& d : g->defects)
        defects[d.kind][d.attestation] += 1;
    for (const auto& [kind, byAttestation] : defects)
        for (const auto& [attestation, versions] : byAttestation)
            out(QStringLiteral("  %1 (%2): %3 built version%4").arg(findingKindName(kind), attestation).arg(versions).arg(versions == 1 ? QString() : QStringLiteral("s")));
    out(QString());
    // The evidence pack of the whole demo case, as an auditor would hand it over.
    const QString packDir = QDir(dir).filePath(QStringLiteral("pack"));
    QDir(packDir).removeRecursively();
    PackOptions po;
    po.renderPdf = packRenderer();
    Result<PackResult> pack = exportPack(**kase, packDir, po);
    if (!pack)
        return fail(pack.problem(), Usage);
    out(QStringLiteral("Evidence pack: %1 (%2 findings%3) in %4 s")
            .arg(pack->dir)
            .arg(pack->findings)
            .arg(po.renderPdf ? QStringLiteral(", pack.pdf") : QStringLiteral("; no PDF: built without the window library"))
            .arg(pack->seconds, 0, 'f', 1));
    out(QStringLiteral("  signed by the key with sha256 %1").arg(pack->signerFingerprint));
    if (!pack->logKey.isEmpty())
        out(QStringLiteral("  the case's log is signed by the key with sha256 %1").arg(pack->logKey));
    out(QStringLiteral("Check it with Tideline:  tideline verify-pack %1").arg(pack->dir));
    out(QStringLiteral("or with stock tools, in that folder:"));
    out(QStringLiteral("  sha256sum -c SHA256SUMS"));
    out(QStringLiteral("  openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json -sigfile manifest.sig"));
    out(QString());
    out(QStringLiteral("Try: tideline state --case %1 --env prod").arg(casePath));
    return r.errors.empty() ? Ok : Usage;
}

} // namespace tideline::cli
