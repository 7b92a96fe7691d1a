// SPDX-License-Identifier: GPL-3.0-or-later
#include "contents.h"

#include "domain/purl.h"
#include "domain/versions.h"
#include "store/casefile.h"
#include "store/contentsstore.h"
#include "store/timelinestore.h"
#include "timeline/timeline.h"

#include <algorithm>
#include <map>
#include <set>

namespace tideline {

namespace {

std::optional<ExposureWindow> clipped(const RunInterval& iv, const PackageQuery& q)
{
    ExposureWindow w { iv.from, iv.to, iv.firstSnapshot, iv.lastSnapshot };
    if (q.from)
        w.from = std::max(w.from, *q.from);
    if (q.to)
        w.to = std::min(w.to, *q.to);
    if (w.to < w.from || (q.from && iv.to < *q.from) || (q.to && iv.from > *q.to))
        return std::nullopt;
    return w;
}

class Finder {
public:
    Finder(CaseFile& kase, const PackageQuery& q)
        : m_query(q)
        , m_contents(kase.db())
        , m_timeline(kase)
    {
    }

    Result<PackageReport> run()
    {
        PackageReport report;
        report.term = m_query.term.trimmed();
        report.versionRange = m_query.versionRange.trimmed();
        if (report.term.isEmpty())
            return Problem(QStringLiteral("name a package: a purl (pkg:maven/org.apache.logging.log4j/log4j-core) or a name"));
        Result<std::vector<StoredPackage>> matched = packages(report.term, report.versionRange);
        if (!matched)
            return matched.problem();
        // The fingerprints that contain them, with what and by which SBOM.
        struct Holds {
            QStringList packages;
            std::set<qint64> sboms;
        };
        std::map<QString, Holds> holders;
        for (const StoredPackage& p : *matched) {
            report.matched.push_back(p.package);
            const QString label = p.package.version.isEmpty() ? p.package.name : p.package.name + QLatin1Char('@') + p.package.version;
            Result<std::vector<ContentsStore::Containment>> holding = m_contents.containing(p.id);
            if (!holding)
                return holding.problem();
            for (const ContentsStore::Containment& c : *holding) {
                Holds& h = holders[c.fingerprint];
                if (!h.packages.contains(label))
                    h.packages << label;
                h.sboms.insert(c.evidenceId);
            }
        }
        // Only the runs that matter: of the artifacts that contained it, and of those no SBOM speaks for (with the
        // unknown workloads): one query, whatever the size of the rest of the history.
        Result<std::vector<QString>> withoutSbom = m_contents.artifactsWithoutSbom();
        if (!withoutSbom)
            return withoutSbom.problem();
        std::vector<QString> wanted = std::move(withoutSbom).value();
        const std::set<QString> uncovered(wanted.begin(), wanted.end());
        for (const auto& [fp, h] : holders)
            wanted.push_back(fp);
        std::map<std::pair<QString, QString>, ContainingWorkload> containing;
        std::map<std::pair<QString, QString>, UnclearedWorkload> uncleared;
        Result<std::vector<Environment>> envs = m_timeline.environments();
        if (!envs)
            return envs.problem();
        for (const Environment& env : *envs)
            if (m_query.environment.isEmpty() || env.name == m_query.environment)
                report.environments << env.name;
        Result<std::vector<RunInterval>> intervals = m_timeline.intervalsOf(wanted, true);
        if (!intervals)
            return intervals.problem();
        for (const RunInterval& iv : *intervals) {
            if (!m_query.environment.isEmpty() && iv.environment != m_query.environment)
                continue;
            const std::optional<ExposureWindow> w = clipped(iv, m_query);
            if (!w)
                continue;
            const QString& envName = iv.environment;
            const auto key = std::make_pair(envName, workloadKey(iv));
            if (auto h = holders.find(iv.fingerprint); !iv.fingerprint.isEmpty() && h != holders.end()) {
                ContainingWorkload& c = containing[key];
                c.environment = envName;
                c.fingerprint = iv.fingerprint;
                if (!c.names.contains(iv.name))
                    c.names << iv.name;
                c.packages = h->second.packages;
                c.runs.push_back({ envName, iv.fingerprint, iv.name, *w, iv.ongoing });
                c.totalSeconds += w->duration() / 1000;
            } else if (iv.fingerprint.isEmpty() || uncovered.count(iv.fingerprint)) {
                UnclearedWorkload& u = uncleared[key];
                u.environment = envName;
                u.fingerprint = iv.fingerprint;
                if (!u.names.contains(iv.name))
                    u.names << iv.name;
                u.reason = iv.fingerprint.isEmpty() ? QStringLiteral("no sha256 digest: no SBOM can be bound to it")
                                                    : QStringLiteral("no SBOM is bound to this fingerprint: what it contained is unknown");
                u.windows.push_back(*w);
                u.totalSeconds += w->duration() / 1000;
            }
        }
        for (auto& [k, c] : containing) {
            for (qint64 id : holders[c.fingerprint].sboms) {
                Result<QString> source = sbomSource(id);
                if (!source)
                    return source.problem();
                if (!source->isEmpty() && !c.sboms.contains(*source))
                    c.sboms << *source;
            }
            report.totalSeconds += c.totalSeconds;
            report.containing.push_back(std::move(c));
        }
        for (auto& [k, u] : uncleared)
            report.uncleared.push_back(std::move(u));
        // In time order within each environment, as a person reads a history.
        std::sort(report.containing.begin(), report.containing.end(), [](const ContainingWorkload& a, const ContainingWorkload& b) {
            if (a.environment != b.environment)
                return a.environment < b.environment;
            return a.runs.front().window.from != b.runs.front().window.from ? a.runs.front().window.from < b.runs.front().window.from
                                                                            : a.fingerprint < b.fingerprint;
        });
        return report;
    }

private:
    // The stored packages the term names, in the version range.
    Result<std::vector<StoredPackage>> packages(const QString& term, const QString& range)
    {
        Result<std::vector<StoredPackage>> read = std::vector<StoredPackage>();
        QString exactVersion;
        std::optional<versions::Scheme> queryScheme;
        if (term.startsWith(QLatin1String("pkg:"), Qt::CaseInsensitive)) {
            const auto purl = Purl::parse(term);
            if (!purl)
                return Problem(QStringLiteral("'%1' is not a purl (pkg:type/namespace/name@version)").arg(term));
            read = m_contents.findByPurlBase(purl->base());
            exactVersion = purl->version;
            queryScheme = versions::schemeForPurlType(purl->type);
            if (!exactVersion.isEmpty() && !range.isEmpty())
                return Problem(QStringLiteral("the purl names version %1 and --version names a range: give one of them").arg(exactVersion));
        } else {
            read = m_contents.findByName(term);
        }
        if (!read)
            return read;
        const std::vector<StoredPackage>& found = *read;
        if (range.isEmpty() && exactVersion.isEmpty())
            return found;
        std::vector<StoredPackage> out;
        std::map<versions::Scheme, versions::Range> ranges;
        for (const StoredPackage& p : found) {
            const auto purl = Purl::parse(p.package.purl);
            const QString version = purl && !purl->version.isEmpty() ? purl->version : p.package.version;
            if (!exactVersion.isEmpty()) {
                if (version == exactVersion)
                    out.push_back(p);
                continue;
            }
            const std::optional<versions::Scheme> scheme = purl ? versions::schemeForPurlType(purl->type) : queryScheme;
            if (!scheme)
                return Problem(QStringLiteral("version range '%1' cannot be ordered for %2 %3: %4")
                                   .arg(range, p.package.name, version,
                                       purl ? QStringLiteral("Tideline does not know the version order of '%1' packages").arg(purl->type)
                                            : QStringLiteral("the SBOM gives it no purl, so its ecosystem (and its version order) is unknown")));
            auto r = ranges.find(*scheme);
            if (r == ranges.end()) {
                Result<versions::Range> parsed = versions::parseRange(*scheme, range);
                if (!parsed)
                    return parsed.problem();
                r = ranges.emplace(*scheme, *parsed).first;
            }
            const std::optional<bool> in = versions::contains(r->second, version);
            if (!in)
                return Problem(QStringLiteral("version range '%1' cannot be ordered for %2: '%3' is not a %4 version")
                                   .arg(range, p.package.name, version, versions::schemeName(*scheme)));
            if (*in)
                out.push_back(p);
        }
        return out;
    }

    Result<QString> sbomSource(qint64 evidenceId)
    {
        if (auto it = m_sources.find(evidenceId); it != m_sources.end())
            return it->second;
        Result<std::pair<QString, QString>> source = m_contents.sourceOfEvidence(evidenceId);
        if (!source)
            return source.problem();
        const auto& [name, sha] = *source;
        return m_sources[evidenceId] = name.isEmpty() ? QString() : QStringLiteral("%1 (sha256 %2)").arg(name, sha);
    }

    const PackageQuery& m_query;
    ContentsStore m_contents;
    Timeline m_timeline;
    std::map<qint64, QString> m_sources;
};

} // namespace

Result<std::vector<Package>> packagesOfArtifact(CaseFile& kase, const QString& fingerprint)
{
    std::vector<Package> out;
    Status read = kase.reading([&]() -> Status {
        ContentsStore store(kase.db());
        Result<std::vector<SbomRecord>> sboms = store.sbomsFor(fingerprint);
        if (!sboms)
            return sboms.problem();
        std::set<QString> seen;
        for (const SbomRecord& s : *sboms) {
            Result<std::vector<Package>> packages = store.packagesOf(s.evidenceId);
            if (!packages)
                return packages.problem();
            for (Package& p : *packages) {
                const QString key = QStringList { p.name, p.version, p.purl }.join(QLatin1Char('\n'));
                if (seen.insert(key).second)
                    out.push_back(std::move(p));
            }
        }
        return {};
    });
    if (!read)
        return read.problem();
    return out;
}

Result<PackageReport> findPackage(CaseFile& kase, const PackageQuery& query)
{
    Finder finder(kase, query);
    std::optional<Result<PackageReport>> out;
    if (Status s = kase.reading([&]() -> Status {
            out.emplace(finder.run());
            return {};
        });
        !s)
        return s.problem();
    return std::move(*out);
}

} // namespace tideline
