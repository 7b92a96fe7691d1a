// SPDX-License-Identifier: GPL-3.0-or-later
#include "preview.h"

#include "domain/imagename.h"
#include "timeline/timeline.h"

#include <map>

namespace tideline {

namespace {

// As repositories are compared across systems: Docker Hub's "library/" is the same image without it.
QString comparable(const QString& name)
{
    QString r = imageRepository(name);
    return r.startsWith(QLatin1String("library/")) ? r.mid(8) : r;
}

} // namespace

Result<std::vector<EnvironmentExtent>> environmentExtents(CaseFile& kase)
{
    std::vector<EnvironmentExtent> out;
    Timeline t(kase);
    Result<std::vector<Environment>> envs = t.environments();
    if (!envs)
        return envs.problem();
    for (const Environment& e : *envs) {
        EnvironmentExtent x;
        x.name = e.name;
        x.first = e.first;
        x.last = e.last;
        Result<std::vector<RunInterval>> runs = t.intervals(e.name);
        if (!runs)
            return runs.problem();
        for (const RunInterval& r : *runs) {
            if (!r.fingerprint.isEmpty())
                x.fingerprints.insert(r.fingerprint);
            x.repositories.insert(comparable(r.name));
        }
        out.push_back(std::move(x));
    }
    return out;
}

std::vector<EnvironmentPreview> previewImport(const ImportProbe& probe, const std::vector<EnvironmentExtent>& environments)
{
    std::map<QString, const EnvironmentExtent*> known;
    for (const EnvironmentExtent& e : environments)
        known[e.name] = &e;
    struct Acc {
        EnvironmentPreview p;
        std::set<QString> fingerprints, repositories;
    };
    std::map<QString, Acc> by;
    for (const ProbedFile& f : probe.entries) {
        if (f.what != QLatin1String("snapshot") || f.environment.isEmpty())
            continue;
        Acc& a = by[f.environment];
        a.p.environment = f.environment;
        ++a.p.snapshots;
        if (f.takenAt) {
            a.p.first = a.p.first ? std::min(*a.p.first, *f.takenAt) : *f.takenAt;
            a.p.last = a.p.last ? std::max(*a.p.last, *f.takenAt) : *f.takenAt;
        }
        for (const QString& fp : f.fingerprints)
            a.fingerprints.insert(fp);
        for (const QString& n : f.names)
            a.repositories.insert(comparable(n));
    }
    std::vector<EnvironmentPreview> out;
    for (auto& [name, a] : by) {
        EnvironmentPreview& p = a.p;
        p.workloads = static_cast<int>(std::max(a.fingerprints.size(), a.repositories.size()));
        const auto it = known.find(name);
        if (it == known.end()) {
            p.isNew = true;
            out.push_back(std::move(p));
            continue;
        }
        const EnvironmentExtent& e = *it->second;
        int sharedFp = 0, sharedRepo = 0;
        for (const QString& fp : a.fingerprints)
            sharedFp += e.fingerprints.count(fp) ? 1 : 0;
        for (const QString& r : a.repositories)
            sharedRepo += e.repositories.count(r) ? 1 : 0;
        p.sharedWorkloads = std::max(sharedFp, sharedRepo);
        if (p.workloads > 0 && p.sharedWorkloads == 0)
            p.warnings << QStringLiteral("none of its %1 workloads ever ran in %2 (by fingerprint or by name): is it another system's %2?")
                              .arg(p.workloads)
                              .arg(name);
        const Millis far = std::max(kFarOutside, e.last - e.first);
        if (p.first && *p.first < e.first - far)
            p.warnings << QStringLiteral("its earliest snapshot (%1) lies %2 before %3's history begins (%4)")
                              .arg(timefmt::formatIso(*p.first), timefmt::formatDuration(e.first - *p.first), name, timefmt::formatIso(e.first));
        if (p.last && *p.last > e.last + far)
            p.warnings << QStringLiteral("its latest snapshot (%1) lies %2 after %3's history ends (%4)")
                              .arg(timefmt::formatIso(*p.last), timefmt::formatDuration(*p.last - e.last), name, timefmt::formatIso(e.last));
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace tideline
