// SPDX-License-Identifier: GPL-3.0-or-later
#include "probe.h"

#include "import/filereader.h"
#include "domain/json.h"

#include <set>

namespace tideline {

ImportProbe probeImport(const QStringList& paths, const QMap<QString, QString>& knownTypes, const ArchiveLimits& limits,
    const std::atomic<bool>* cancel)
{
    ImportProbe out;
    BundleWalker walker(paths, limits);
    walker.prepare([&](const Problem& p) { out.problems.push_back(p); });
    out.files = walker.totalFiles();
    out.bytes = walker.totalBytes();
    std::set<QString> envs, candidates;
    JsonDocument json;
    walker.run(
        [&](BundleEntry&& e) -> bool {
            const BundleManifest::Snapshot* m = nullptr;
            if (e.manifest) {
                auto it = e.manifest->snapshots.find(e.manifestPath);
                if (it != e.manifest->snapshots.end())
                    m = &it->second;
            }
            // Every file is read: the dialog shows what each would add, and warns before it lands.
            const ParsedFile parsed = parseFile(e, json);
            ProbedFile f;
            f.path = e.displayPath;
            f.format = parsed.format;
            switch (parsed.kind) {
            case ParsedFile::Kind::Snapshot:
                f.what = QStringLiteral("snapshot");
                break;
            case ParsedFile::Kind::Evidence:
                f.what = QStringLiteral("evidence");
                break;
            case ParsedFile::Kind::Policy:
                f.what = QStringLiteral("policy");
                break;
            case ParsedFile::Kind::Manifest:
                f.what = QStringLiteral("manifest");
                break;
            case ParsedFile::Kind::Unknown:
                f.what = QStringLiteral("skipped");
                f.detail = parsed.skipReason;
                break;
            case ParsedFile::Kind::Failed:
                f.what = QStringLiteral("unreadable");
                f.detail = parsed.problem.message;
                break;
            }
            if (parsed.kind != ParsedFile::Kind::Snapshot || !parsed.snapshot) {
                out.entries.push_back(std::move(f));
                return true;
            }
            const ParsedSnapshot& s = *parsed.snapshot;
            ++out.snapshots;
            const QString env = m && !m->environment.isEmpty() ? m->environment : s.environment;
            QString type = !s.type.isEmpty() ? s.type : m ? m->type : QString();
            if (type.isEmpty() && !env.isEmpty() && knownTypes.contains(env))
                type = knownTypes.value(env);
            const bool hasTime = (m && m->takenAt) || s.takenAt;
            f.environment = env;
            f.type = type;
            f.takenAt = m && m->takenAt ? m->takenAt : s.takenAt;
            f.workloads = static_cast<int>(parsed.grouped.size());
            std::set<QString> fps, names;
            for (const GroupedWorkload& w : parsed.grouped) {
                f.instances += w.instances;
                if (!w.fingerprint.empty())
                    fps.insert(QString::fromStdString(w.fingerprint));
                names.insert(QString::fromStdString(w.name));
            }
            f.fingerprints = QStringList(fps.begin(), fps.end());
            f.names = QStringList(names.begin(), names.end());
            out.entries.push_back(std::move(f));
            if (!env.isEmpty())
                envs.insert(env);
            const bool lacks = env.isEmpty() || type.isEmpty() || !hasTime;
            out.lackEnvironment += env.isEmpty() ? 1 : 0;
            out.lackTime += hasTime ? 0 : 1;
            if (type.isEmpty()) {
                ++out.lackType;
                for (const QString& c : s.typeCandidates)
                    candidates.insert(c);
            }
            if (lacks && out.examples.size() < 5)
                out.examples << e.displayPath;
            return true;
        },
        [&](const Problem& p) { out.problems.push_back(p); }, cancel);
    out.cancelled = cancel && cancel->load();
    out.environments = QStringList(envs.begin(), envs.end());
    out.typeCandidates = QStringList(candidates.begin(), candidates.end());
    return out;
}

} // namespace tideline
