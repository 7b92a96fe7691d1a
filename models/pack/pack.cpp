// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack.h"
#include "store/caseaddress.h"
#include "domain/fileread.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compliance/findings.h"
#include "domain/hash.h"
#include "evidence/logsignatures.h"
#include "evidence/packsigner.h"
#include "store/casefile.h"
#include "store/caseproperties.h"
#include "store/compliancestore.h"
#include "timeline/overview.h"
#include "timeline/timeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <set>

namespace tideline {

namespace {

QJsonValue iso(Millis t) { return t ? QJsonValue(timefmt::formatIso(t)) : QJsonValue(); }
QJsonValue iso(const std::optional<Millis>& t) { return t ? iso(*t) : QJsonValue(); }

QJsonObject scopeJson(const PackScope& s)
{
    return { { QStringLiteral("environment"), s.environment.isEmpty() ? QJsonValue() : QJsonValue(s.environment) },
        { QStringLiteral("from"), iso(s.from) }, { QStringLiteral("to"), iso(s.to) } };
}

bool overlaps(Millis a, Millis b, const PackScope& s)
{
    return (!s.to || a <= *s.to) && (!s.from || b >= *s.from);
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return Problem { path, QString(), QStringLiteral("cannot write: %1").arg(f.errorString()) };
    return {};
}

// One CSV field, as RFC 4180 quotes it (a comma, a quote, a CR or an LF makes it quoted, quotes doubled), and
// neutralised for spreadsheets: a cell that starts with = + - @ (or a tab or CR) would be run as a formula, so it
// gets a leading apostrophe, which spreadsheets show as text and hide.
QString csvCell(const QString& s)
{
    QString v = s;
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    if (!v.contains(QLatin1Char(',')) && !v.contains(QLatin1Char('"')) && !v.contains(QLatin1Char('\n')) && !v.contains(QLatin1Char('\r')))
        return v;
    return QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString safeName(const QString& name)
{
    QString base = name.section(QLatin1Char('/'), -1);
    for (QChar& c : base)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('_')))
            c = QLatin1Char('_');
    return base.left(80);
}

} // namespace

QJsonObject findingsJson(const PackContent& c)
{
    QJsonArray findings, allowed;
    for (const Finding& f : c.check.findings) {
        QJsonArray windows, history;
        for (const ExposureWindow& w : f.windows)
            windows.append(QJsonObject { { QStringLiteral("from"), iso(w.from) }, { QStringLiteral("to"), iso(w.to) },
                { QStringLiteral("first_snapshot"), w.firstSnapshot ? QJsonValue(w.firstSnapshot) : QJsonValue() },
                { QStringLiteral("last_snapshot"), w.lastSnapshot ? QJsonValue(w.lastSnapshot) : QJsonValue() } });
        for (const ReviewEntry& r : f.history)
            history.append(QJsonObject { { QStringLiteral("disposition"), dispositionName(r.disposition) }, { QStringLiteral("note"), r.note },
                { QStringLiteral("reviewer"), r.reviewer }, { QStringLiteral("at"), iso(r.at) }, { QStringLiteral("log_hash"), r.logHash } });
        findings.append(QJsonObject { { QStringLiteral("id"), f.id }, { QStringLiteral("kind"), findingKindName(f.kind) },
            { QStringLiteral("environment"), f.environment }, { QStringLiteral("fingerprint"), f.fingerprint },
            { QStringLiteral("names"), QJsonArray::fromStringList(f.names) }, { QStringLiteral("detail"), f.detail },
            { QStringLiteral("rules"), QJsonArray::fromStringList(f.rules) }, { QStringLiteral("attestations"), QJsonArray::fromStringList(f.attestations) },
            { QStringLiteral("evidence"), QJsonArray::fromStringList(f.evidence) }, { QStringLiteral("provenance"), f.provenance },
            { QStringLiteral("windows"), windows }, { QStringLiteral("first_seen"), iso(f.firstSeen) }, { QStringLiteral("last_seen"), iso(f.lastSeen) },
            { QStringLiteral("total_seconds"), f.totalSeconds }, { QStringLiteral("disposition"), dispositionName(f.disposition) },
            { QStringLiteral("severity"), severityName(f.severity) }, { QStringLiteral("history"), history } });
        if (f.vulnerability) {
            QJsonObject o = findings.last().toObject();
            o.insert(QStringLiteral("vulnerability"), vulnerabilityJson(*f.vulnerability));
            findings.replace(findings.size() - 1, o);
        }
    }
    for (const AllowedWorkload& a : c.check.allowed)
        allowed.append(QJsonObject { { QStringLiteral("environment"), a.environment }, { QStringLiteral("fingerprint"), a.fingerprint },
            { QStringLiteral("names"), QJsonArray::fromStringList(a.names) }, { QStringLiteral("kind"), findingKindName(a.kind) },
            { QStringLiteral("reason"), a.reason }, { QStringLiteral("who"), a.who }, { QStringLiteral("valid_until"), iso(a.validUntil) } });
    QJsonObject byKind;
    for (FindingKind k : findingKinds())
        byKind.insert(findingKindName(k), c.check.byKind.count(k) ? c.check.byKind.at(k) : 0);
    return { { QStringLiteral("case_id"), c.caseId }, { QStringLiteral("scope"), scopeJson(c.scope) },
        { QStringLiteral("exported_at"), iso(c.exportedAt) }, { QStringLiteral("findings"), findings }, { QStringLiteral("allowed"), allowed },
        { QStringLiteral("summary"),
            QJsonObject { { QStringLiteral("by_kind"), byKind }, { QStringLiteral("open"), c.check.open },
                { QStringLiteral("suppressed_by_vex"), c.check.suppressed },
                { QStringLiteral("policies"), QJsonArray::fromStringList(c.check.policies) } } } };
}

QByteArray findingsCsv(const CheckReport& r)
{
    QString out = QStringLiteral("id,kind,environment,fingerprint,names,first_seen,last_seen,total_seconds,windows,disposition,detail,severity\r\n");
    for (const Finding& f : r.findings) {
        QStringList windows;
        for (const ExposureWindow& w : f.windows)
            windows << timefmt::formatIso(w.from) + QStringLiteral("/") + timefmt::formatIso(w.to);
        out += QStringList { csvCell(f.id), findingKindName(f.kind), csvCell(f.environment), csvCell(f.fingerprint), csvCell(f.names.join(QLatin1Char(';'))), timefmt::formatIso(f.firstSeen),
                   timefmt::formatIso(f.lastSeen), QString::number(f.totalSeconds), windows.join(QLatin1Char(';')), dispositionName(f.disposition), csvCell(f.detail), severityName(f.severity) }
                   .join(QLatin1Char(','))
            + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

Result<PackContent> gatherPack(CaseFile& kase, const PackScope& scope)
{
    PackContent c;
    c.caseId = kase.caseId();
    c.caseName = caseShortName(kase.path());
    c.sharedCase = kase.onServer();
    Result<CaseProperties> properties = caseProperties(kase.db());
    if (!properties)
        return properties.problem(); // a pack never goes out untitled because its title could not be read
    c.caseTitle = properties->title;
    c.scope = scope;
    c.exportedAt = timefmt::now();
    c.toolVersion = QStringLiteral("tideline " TIDELINE_VERSION);
    CheckOptions o;
    o.environment = scope.environment;
    o.from = scope.from;
    o.to = scope.to;
    Result<CheckReport> check = checkCase(kase, o);
    if (!check)
        return check.problem();
    c.check = std::move(check).value();
    Timeline t(kase);
    std::set<QString> relied;
    Result<std::vector<Environment>> envs = t.environments();
    if (!envs)
        return envs.problem();
    for (const Environment& e : *envs) {
        if (!scope.environment.isEmpty() && e.name != scope.environment)
            continue;
        c.environments.push_back(e);
        Result<std::vector<Snapshot>> read = t.snapshots(e.name);
        Result<std::vector<RunInterval>> intervals = t.intervals(e.name);
        if (!read || !intervals)
            return !read ? read.problem() : intervals.problem();
        const std::vector<Snapshot>& snaps = *read;
        std::vector<Snapshot>& kept = c.snapshots[e.name];
        for (size_t i = 0; i < snaps.size(); ++i) {
            const Millis end = i + 1 < snaps.size() ? snaps[i + 1].takenAt : snaps[i].confirmedUntil;
            if (overlaps(snaps[i].takenAt, end, scope)) {
                kept.push_back(snaps[i]);
                relied.insert(snaps[i].sourceSha256);
            }
        }
        for (RunInterval iv : *intervals) {
            if (!overlaps(iv.from, iv.to, scope))
                continue;
            if (scope.from)
                iv.from = std::max(iv.from, *scope.from);
            if (scope.to)
                iv.to = std::min(iv.to, *scope.to);
            c.intervals[e.name].push_back(iv);
        }
    }
    SourceStore sources(kase.db());
    Result<std::vector<SourceRecord>> listed = sources.list();
    if (!listed)
        return listed.problem();
    c.sources = std::move(listed).value();
    for (const SourceRecord& s : c.sources)
        if (s.name.endsWith(QLatin1String("tideline-bundle.json")) && !s.name.contains(QLatin1String("!/")))
            c.bundleRoots << QFileInfo(s.name).path();
    ComplianceStore compliance(kase.db());
    Result<std::vector<PolicyVersion>> policies = compliance.policies();
    if (!policies)
        return policies.problem();
    for (const PolicyVersion& p : *policies)
        relied.insert(p.sourceSha256);
    // Vulnerable-package findings rest on the OSV records and the VEX statements they name.
    for (const Finding& f : c.check.findings)
        if (f.vulnerability)
            for (const QString& sha : { f.vulnerability->advisorySha256, f.vulnerability->vexSha256 })
                if (!sha.isEmpty())
                    relied.insert(sha);
    c.relied = QStringList(relied.begin(), relied.end());
    Result<std::vector<ContentsSource>> contentsSources = ContentsStore(kase.db()).sources();
    if (!contentsSources)
        return contentsSources.problem();
    c.contentsSources = std::move(contentsSources).value();
    LogStore log(kase.db());
    Result<std::vector<LogEntry>> entries = log.list();
    if (!entries)
        return entries.problem();
    c.log = std::move(entries).value();
    c.retractions = retractions(c.log);
    c.logHead = c.log.empty() ? LogStore::genesisHash() : c.log.back().hash;
    // What the log's signatures are now: only signatures that verify are recorded as such.
    Result<std::map<QString, SignerKey>> logKeys = log.keys();
    if (!logKeys)
        return logKeys.problem();
    const LogSignatureReport signatures = checkLogSignatures(c.log, *logKeys);
    c.logSigning.headId = c.log.empty() ? 0 : c.log.back().id;
    c.logSigning.entries = int(c.log.size());
    c.logSigning.signers = signatures.signedBy;
    c.logSigning.algorithms = signatures.algorithms;
    for (const auto& [key, n] : signatures.signedBy)
        c.logSigning.signedEntries += n;
    if (const std::shared_ptr<const LogSigner> signer = logSigner()) {
        Result<SignerKey> key = signer->key();
        if (!key)
            return Problem { key.problem().file, key.problem().where, QStringLiteral("the log key: ") + key.problem().message };
        c.logSigning.key = key->sha256;
        c.logSigning.keyAlgorithm = key->algorithm;
    }
    QStringList names;
    for (const Environment& e : c.environments)
        names << e.name;
    Result<TimelineOverview> overview = loadOverview(kase, names);
    if (!overview)
        return overview.problem();
    c.overview = std::make_shared<const TimelineOverview>(std::move(overview).value());
    EvidenceIndex index(kase);
    for (const Finding& f : c.check.findings)
        if (!f.fingerprint.isEmpty() && !c.evidence.count(f.fingerprint)) {
            Result<ArtifactEvidence> e = index.forFingerprint(f.fingerprint);
            if (!e)
                return e.problem();
            c.evidence.emplace(f.fingerprint, std::move(e).value());
        }
    // The evidence the findings' artifacts have is in scope too: what the pack says about them rests on it.
    for (const auto& [fp, e] : c.evidence)
        for (const EvidenceRecord& r : e.evidence)
            relied.insert(r.sourceSha256);
    c.relied = QStringList(relied.begin(), relied.end());
    return c;
}

QString packCaseTitle(const PackContent& c)
{
    return c.caseTitle.isEmpty() ? c.caseName : c.caseTitle;
}

QString packPath(const PackContent& c, const QString& path)
{
    const qsizetype inArchive = path.indexOf(QLatin1String("!/"));
    if (inArchive > 0)
        return QFileInfo(path.left(inArchive)).fileName() + path.mid(inArchive);
    QString best;
    for (const QString& root : c.bundleRoots)
        if (path.startsWith(root + QLatin1Char('/')) && root.size() > best.size())
            best = root;
    if (!best.isEmpty())
        return QFileInfo(best).fileName() + path.mid(best.size());
    const QFileInfo f(path);
    if (f.isRelative())
        return path;
    const QString folder = QFileInfo(f.path()).fileName();
    return folder.isEmpty() ? f.fileName() : folder + QLatin1Char('/') + f.fileName();
}

Result<PackResult> exportPack(CaseFile& kase, const QString& outDir, const PackOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    auto progress = [&](int percent, const QString& step) {
        if (options.progress)
            options.progress(percent, step);
    };
    // "pack/", "./pack" and "pack" are one folder: the staging folder is its sibling, never inside it.
    const QFileInfo out(QDir::cleanPath(QFileInfo(outDir).absoluteFilePath()));
    if (out.exists() && (!out.isDir() || !QDir(outDir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return Problem { outDir, QString(), QStringLiteral("the pack folder exists and is not empty: choose a new one") };
    Result<PackSigner> signer = !options.signingKey.isEmpty()
        ? PackSigner::load(options.signingKey)
        : PackSigner::loadOrCreate(options.keyPath.isEmpty() ? defaultExportKeyPath() : options.keyPath);
    if (!signer)
        return signer.problem();
    progress(0, QStringLiteral("Evaluating findings"));
    Result<PackContent> gathered = gatherPack(kase, options.scope);
    if (!gathered)
        return gathered.problem();
    PackContent c = std::move(gathered).value();
    c.exporter = options.exporter.isEmpty() ? LogStore::defaultActor() : options.exporter;
    if (kase.onServer() && options.exporter.isEmpty())
        c.exporter = kase.serverRole(); // the log names the database role that exports; the pack says the same
    c.signerFingerprint = signer->fingerprint();
    c.signerAlgorithm = signer->algorithm();

    // Written beside the target and renamed at the end: a failed export leaves no half pack.
    const QString staging = out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".partial");
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(staging))
        return Problem { staging, QString(), QStringLiteral("cannot create the pack folder") };
    auto cleanup = [&](const Problem& p) -> Result<PackResult> {
        QDir(staging).removeRecursively();
        return p;
    };
    std::map<QString, QString> files; // relative path -> sha256
    auto put = [&](const QString& rel, const QByteArray& bytes) -> Status {
        if (Status s = writeFile(QDir(staging).filePath(rel), bytes); !s)
            return s;
        files[rel] = sha256Hex(bytes);
        return {};
    };
    progress(25, QStringLiteral("Writing findings"));
    const QByteArray findings = QJsonDocument(findingsJson(c)).toJson(QJsonDocument::Indented);
    if (Status s = put(QStringLiteral("findings.json"), findings); !s)
        return cleanup(s.problem());
    if (Status s = put(QStringLiteral("findings.csv"), findingsCsv(c.check)); !s)
        return cleanup(s.problem());
    if (Status s = put(QStringLiteral("signer.pub"), signer->publicKeyPem()); !s)
        return cleanup(s.problem());
    if (options.includeSources)
        progress(30, QStringLiteral("Copying the original sources"));
    QJsonArray sourceList;
    SourceStore store(kase.db());
    for (const SourceRecord& s : c.sources) {
        if (!c.relied.contains(s.sha256))
            continue;
        QJsonObject entry { { QStringLiteral("name"), packPath(c, s.name) }, { QStringLiteral("sha256"), s.sha256 }, { QStringLiteral("size"), s.size },
            { QStringLiteral("format"), s.format }, { QStringLiteral("imported_at"), iso(s.importedAt) } };
        if (options.includeSources) {
            Result<QByteArray> bytes = store.loadCached(s.id);
            if (!bytes)
                return cleanup(bytes.problem());
            const QString rel = QStringLiteral("sources/%1-%2").arg(s.sha256.left(12), safeName(s.name));
            if (Status st = put(rel, *bytes); !st)
                return cleanup(st.problem());
            entry.insert(QStringLiteral("file"), rel);
        }
        sourceList.append(entry);
    }

    QJsonObject fileHashes;
    for (const auto& [rel, sha] : files)
        fileHashes.insert(rel, sha);
    QJsonArray logSigners;
    for (const auto& [key, n] : c.logSigning.signers)
        logSigners.append(QJsonObject { { QStringLiteral("sha256"), key }, { QStringLiteral("algorithm"), c.logSigning.algorithms[key] },
            { QStringLiteral("entries"), n } });
    const QJsonObject logJson { { QStringLiteral("head"), c.logHead }, { QStringLiteral("head_id"), c.logSigning.headId },
        { QStringLiteral("entries"), c.logSigning.entries }, { QStringLiteral("signed"), c.logSigning.signedEntries },
        { QStringLiteral("unsigned"), c.logSigning.entries - c.logSigning.signedEntries }, { QStringLiteral("signers"), logSigners },
        { QStringLiteral("key"),
            c.logSigning.key.isEmpty() ? QJsonValue()
                                       : QJsonObject { { QStringLiteral("sha256"), c.logSigning.key },
                                           { QStringLiteral("algorithm"), c.logSigning.keyAlgorithm } } } };
    QJsonArray retracted;
    for (const Retraction& r : c.retractions)
        retracted.append(QJsonObject { { QStringLiteral("sha256"), r.sourceSha256 }, { QStringLiteral("path"), packPath(c, r.path) },
            { QStringLiteral("reason"), r.reason }, { QStringLiteral("by"), r.actor }, { QStringLiteral("at"), iso(r.at) },
            { QStringLiteral("log_hash"), r.logHash } });
    QJsonObject manifest { { QStringLiteral("tideline_pack"), 1 }, { QStringLiteral("case_id"), c.caseId },
        { QStringLiteral("case_title"), packCaseTitle(c) }, { QStringLiteral("retractions"), retracted },
        { QStringLiteral("scope"), scopeJson(c.scope) }, { QStringLiteral("exported_at"), iso(c.exportedAt) },
        { QStringLiteral("exporter"), c.exporter }, { QStringLiteral("tool"), c.toolVersion }, { QStringLiteral("log_head"), c.logHead },
        { QStringLiteral("log"), logJson }, { QStringLiteral("signer_fingerprint"), c.signerFingerprint },
        { QStringLiteral("signature_algorithm"), c.signerAlgorithm }, { QStringLiteral("files"), fileHashes },
        { QStringLiteral("sources"), sourceList }, { QStringLiteral("findings"), int(c.check.findings.size()) } };
    // The cover can print only a hash of what is not the PDF itself.
    c.contentSha256 = sha256Hex(QJsonDocument(manifest).toJson(QJsonDocument::Compact));
    if (options.renderPdf) {
        progress(40, QStringLiteral("Drawing the PDF"));
        const QString pdf = QDir(staging).filePath(QStringLiteral("pack.pdf"));
        if (Status s = options.renderPdf(c, pdf); !s)
            return cleanup(s.problem());
        Result<QByteArray> bytes = readWholeFile(pdf, QStringLiteral("rendered PDF"));
        if (!bytes)
            return cleanup(bytes.problem());
        files[QStringLiteral("pack.pdf")] = sha256Hex(*bytes);
        manifest.insert(QStringLiteral("pdf"), QJsonObject { { QStringLiteral("pack.pdf"), files[QStringLiteral("pack.pdf")] } });
    }
    progress(95, QStringLiteral("Signing the manifest"));
    manifest.insert(QStringLiteral("content_sha256"), c.contentSha256);
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    if (Status s = put(QStringLiteral("manifest.json"), manifestBytes); !s)
        return cleanup(s.problem());
    const QByteArray sig = signer->sign(manifestBytes);
    if (sig.isEmpty())
        return cleanup(Problem { staging, QString(), QStringLiteral("cannot sign the manifest") });
    if (Status s = put(QStringLiteral("manifest.sig"), sig); !s)
        return cleanup(s.problem());
    QString sums;
    for (const auto& [rel, sha] : files)
        sums += sha + QStringLiteral("  ") + rel + QLatin1Char('\n');
    if (Status s = writeFile(QDir(staging).filePath(QStringLiteral("SHA256SUMS")), sums.toUtf8()); !s)
        return cleanup(s.problem());

    const QString manifestSha = sha256Hex(manifestBytes);
    // The target is touched only now, by one rename of the finished pack (rename(2) replaces the empty folder that
    // may stand there); the log records the export once it exists.
    if (::rename(QFile::encodeName(staging).constData(), QFile::encodeName(out.absoluteFilePath()).constData()) != 0)
        return cleanup(Problem { out.absoluteFilePath(), QString(),
            QStringLiteral("cannot move the finished pack into place: %1").arg(QString::fromLocal8Bit(std::strerror(errno))) });
    const Status logged = kase.transaction([&]() -> Status {
        LogStore log(kase.db());
        return log.append(c.exporter, QStringLiteral("export"),
                      QJsonObject { { QStringLiteral("pack"), out.absoluteFilePath() }, { QStringLiteral("manifest_sha256"), manifestSha },
                          { QStringLiteral("findings"), int(c.check.findings.size()) }, { QStringLiteral("scope"), scopeJson(c.scope) },
                          { QStringLiteral("signer"), c.signerFingerprint } })
                   .ok()
            ? Status()
            : Status(Problem(QStringLiteral("cannot log the export")));
    });
    if (!logged) {
        // An export the log does not record is no export: the pack goes again.
        QDir(out.absoluteFilePath()).removeRecursively();
        return logged.problem();
    }
    PackResult r;
    r.dir = out.absoluteFilePath();
    for (const auto& [rel, sha] : files)
        r.files << rel;
    r.files << QStringLiteral("SHA256SUMS");
    r.findings = int(c.check.findings.size());
    r.manifestSha256 = manifestSha;
    r.contentSha256 = c.contentSha256;
    r.signerFingerprint = c.signerFingerprint;
    r.signerAlgorithm = c.signerAlgorithm;
    r.logKey = c.logSigning.key;
    r.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    progress(100, QStringLiteral("Done"));
    return r;
}

} // namespace tideline
