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
            // A manifest entry that says everything spares parsing the file: the import decides the rest.
            if (m && !m->environment.isEmpty() && !m->type.isEmpty() && m->takenAt) {
                ++out.snapshots;
                envs.insert(m->environment);
                return true;
            }
            const ParsedFile parsed = parseFile(e, json);
            if (parsed.kind != ParsedFile::Kind::Snapshot || !parsed.snapshot)
                return true;
            const ParsedSnapshot& s = *parsed.snapshot;
            ++out.snapshots;
            const QString env = m && !m->environment.isEmpty() ? m->environment : s.environment;
            QString type = !s.type.isEmpty() ? s.type : m ? m->type : QString();
            if (type.isEmpty() && !env.isEmpty() && knownTypes.contains(env))
                type = knownTypes.value(env);
            const bool hasTime = (m && m->takenAt) || s.takenAt;
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
