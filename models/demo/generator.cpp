// SPDX-License-Identifier: GPL-3.0-or-later
#include "generator.h"
#include "demo/contentsgenerator.h"

#include "domain/digest.h"
#include "domain/hash.h"
#include "evidence/packsigner.h"
#include "evidence/signing.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <map>
#include <random>
#include <set>
#include <string>

namespace tideline {

namespace {

enum class Source { K8sPayload, Kubectl, Ecs, Lambda };

// A small writer for the JSON the tools we imitate print (Go's MarshalIndent style: 4 spaces).
class Json {
public:
    explicit Json(int indent = 4)
        : m_indent(indent)
    {
    }
    Json& open(char c)
    {
        separator();
        m_out += c;
        m_first.push_back(true);
        return *this;
    }
    Json& close(char c)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty)
            newline();
        m_out += c;
        return *this;
    }
    Json& key(const std::string& k)
    {
        separator();
        string(k);
        m_out += m_indent ? ": " : ":";
        m_afterKey = true;
        return *this;
    }
    Json& str(const std::string& v)
    {
        separator();
        string(v);
        return *this;
    }
    Json& num(long long v)
    {
        separator();
        m_out += std::to_string(v);
        return *this;
    }
    Json& raw(const char* literal)
    {
        separator();
        m_out += literal;
        return *this;
    }
    Json& boolean(bool v)
    {
        separator();
        m_out += v ? "true" : "false";
        return *this;
    }
    Json& kv(const std::string& k, const std::string& v) { return key(k).str(v); }
    Json& kv(const std::string& k, long long v) { return key(k).num(v); }
    Json& kb(const std::string& k, bool v) { return key(k).boolean(v); }
    std::string take()
    {
        m_out += '\n';
        return std::move(m_out);
    }

private:
    void separator()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty())
            return;
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
        newline();
    }
    void newline()
    {
        if (!m_indent)
            return;
        m_out += '\n';
        m_out.append(m_first.size() * static_cast<size_t>(m_indent), ' ');
    }
    void string(const std::string& s)
    {
        m_out += '"';
        for (char c : s) {
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                m_out += buf;
            } else {
                m_out += c;
            }
        }
        m_out += '"';
    }

    int m_indent;
    std::string m_out;
    std::vector<bool> m_first;
    bool m_afterKey = false;
};

std::string isoSeconds(Millis t)
{
    QString s = timefmt::formatIso(t / 1000 * 1000);
    return s.toStdString();
}

struct Pod {
    std::string name;
    Millis created;
    std::string uid;
};

struct Deployment {
    std::string name;
    int version = 1;
    std::string fingerprint;
    std::string rsHash;
    int replicas = 1;
    std::vector<Pod> pods; // current pods, each with the version it runs
    std::vector<int> podVersion;
    std::map<int, std::string> fingerprintOf; // version -> fingerprint
    std::map<int, std::string> rsOf;
    bool planted = false;
    bool unknownDigest = false; // reported without a registry digest
};

class Generator {
public:
    Generator(const GeneratorOptions& o, const QString& dir)
        : m_o(o)
        , m_dir(dir)
        , m_rng(o.seed)
    {
    }

    Result<GeneratedTruth> run()
    {
        if (!QDir().mkpath(m_dir))
            return Problem { m_dir, QString(), QStringLiteral("cannot create the folder") };
        m_truth.dir = m_dir;
        for (int e = 0; e < m_o.environments; ++e)
            if (Status s = environment(e); !s)
                return s.problem();
        if (m_o.evidence)
            if (Status s = evidence(); !s)
                return s.problem();
        if (m_o.sbomPackages > 0) {
            std::vector<ContentsArtifact> built;
            for (const auto& [fp, info] : m_artifacts)
                built.push_back({ fp.toStdString(), info.deploy, info.version, info.image });
            if (Status s = writeContents(m_o, built, [this](const QString& rel, const std::string& text) { return write(rel, text); }); !s)
                return s.problem();
        }
        if (Status s = manifest(); !s)
            return s.problem();
        for (const auto& [fp, info] : m_artifacts)
            m_truth.legitimateFingerprints << fp;
        return m_truth;
    }

private:
    quint64 next() { return m_rng(); }
    int below(int n) { return n <= 0 ? 0 : static_cast<int>(next() % static_cast<quint64>(n)); }
    double unit() { return static_cast<double>(next() >> 11) / static_cast<double>(1ULL << 53); }
    std::string hex(int chars)
    {
        static const char digits[] = "0123456789abcdef";
        std::string s;
        for (int i = 0; i < chars; ++i)
            s += digits[next() & 15];
        return s;
    }
    std::string alnum(int chars)
    {
        static const char digits[] = "bcdfghjklmnpqrstvwxz2456789";
        std::string s;
        for (int i = 0; i < chars; ++i)
            s += digits[next() % 27];
        return s;
    }

    std::string fingerprintFor(const std::string& deploy, int version)
    {
        return sha256Hex(QStringLiteral("tideline-demo/%1/%2/%3").arg(QString::fromStdString(deploy)).arg(version).arg(m_o.seed).toUtf8())
            .toStdString();
    }

    static const char* deploymentName(int i)
    {
        static const char* names[] = { "web", "api", "checkout", "payments", "search", "catalog", "auth", "cart",
            "orders", "inventory", "notifications", "reports", "gateway", "billing", "profile", "media" };
        return names[i % 16];
    }

    std::string deployName(int i)
    {
        std::string n = deploymentName(i);
        if (i >= 16)
            n += '-' + std::to_string(i / 16 + 1);
        return n;
    }

    Source sourceOf(int e) const
    {
        if (m_o.k8sPayloadsOnly)
            return Source::K8sPayload;
        switch (e % 4) {
        case 0:
            return Source::K8sPayload;
        case 1:
            return Source::Kubectl;
        case 2:
            return Source::Ecs;
        default:
            return Source::Lambda;
        }
    }

    std::string envName(int e) const
    {
        if (m_o.k8sPayloadsOnly)
            return e == 0 ? "prod" : "prod-" + std::to_string(e + 1);
        static const char* names[] = { "prod", "staging", "aws-prod", "lambda-eu" };
        std::string n = names[e % 4];
        if (e >= 4)
            n += '-' + std::to_string(e / 4 + 1);
        return n;
    }

    static QString typeOf(Source s)
    {
        switch (s) {
        case Source::K8sPayload:
        case Source::Kubectl:
            return QStringLiteral("K8S");
        case Source::Ecs:
            return QStringLiteral("ECS");
        case Source::Lambda:
            return QStringLiteral("lambda");
        }
        return {};
    }

    Deployment makeDeployment(const std::string& name, int replicas, Millis now)
    {
        Deployment d;
        d.name = name;
        d.replicas = replicas;
        d.version = 1 + below(3);
        d.fingerprint = fingerprintFor(name, d.version);
        d.rsHash = alnum(10);
        d.fingerprintOf[d.version] = d.fingerprint;
        d.rsOf[d.version] = d.rsHash;
        for (int r = 0; r < replicas; ++r) {
            d.pods.push_back({ name + '-' + d.rsHash + '-' + alnum(5), now - 3600000LL * (1 + below(48)), hex(32) });
            d.podVersion.push_back(d.version);
        }
        return d;
    }

    // Starts a roll: about half the pods move to the new version now, the rest at the next report.
    void roll(Deployment& d, Millis now)
    {
        d.version += 1;
        d.fingerprint = fingerprintFor(d.name, d.version);
        d.rsHash = alnum(10);
        d.fingerprintOf[d.version] = d.fingerprint;
        d.rsOf[d.version] = d.rsHash;
        const int first = d.replicas == 1 ? 1 : (d.replicas + 1) / 2;
        for (int r = 0; r < first; ++r)
            replacePod(d, r, now);
    }

    void finishRoll(Deployment& d, Millis now)
    {
        for (size_t r = 0; r < d.pods.size(); ++r)
            if (d.podVersion[r] != d.version)
                replacePod(d, static_cast<int>(r), now);
    }

    void replacePod(Deployment& d, int r, Millis now)
    {
        d.pods[static_cast<size_t>(r)] = { d.name + '-' + d.rsHash + '-' + alnum(5), now - 1000LL * (5 + below(50)), hex(32) };
        d.podVersion[static_cast<size_t>(r)] = d.version;
    }

    std::string image(const Deployment& d, int version) const
    {
        // Planted workloads come from outside the pipeline: public images, or one built by hand.
        if (d.planted) {
            if (d.name == "xmrig-miner")
                return "docker.io/metal3d/xmrig:latest";
            if (d.name == "debug-shell")
                return "docker.io/nicolaka/netshoot:latest";
            if (d.name == "netcat-tunnel")
                return "docker.io/subfuzion/netcat:latest";
            return "registry.example.com/shop/" + d.name + ":manual";
        }
        return "registry.example.com/shop/" + d.name + ":1." + std::to_string(version) + ".0";
    }

    Status environment(int e)
    {
        const Source source = sourceOf(e);
        const std::string env = envName(e);
        const QString qenv = QString::fromStdString(env);
        m_truth.environments << qenv;
        const QString folder = QString::fromStdString(env);
        QDir().mkpath(m_dir + QLatin1Char('/') + folder);
        const Millis interval = static_cast<Millis>(m_o.intervalMinutes) * 60000;
        Millis t = m_o.start + below(60) * 1000;
        const int deployments = source == Source::Lambda ? std::max(1, m_o.deployments / 2) : m_o.deployments;
        const int replicas = source == Source::Lambda ? 1 : m_o.replicas;
        std::vector<Deployment> deps;
        for (int i = 0; i < deployments; ++i)
            deps.push_back(makeDeployment(deployName(i), replicas, t));

        // What to plant, by report number.
        const int n = m_o.snapshots;
        const bool plant = m_o.plant && n >= 20;
        const int rogueFrom = n * 2 / 5, rogueTo = n * 11 / 20;
        const int unknownFrom = n * 3 / 5, unknownTo = n * 3 / 5 + std::max(2, n / 40);
        const int gapAt = n * 7 / 10;
        const int gapReports = static_cast<int>(static_cast<Millis>(m_o.gapHours) * 3600000 / std::max<Millis>(interval, 1)) + 1;
        std::string rogueName, rogueFp;
        if (plant) {
            static const char* rogues[] = { "xmrig-miner", "debug-shell", "hotfix-by-hand", "netcat-tunnel" };
            rogueName = rogues[e % 4];
            rogueFp = sha256Hex(QStringLiteral("tideline-demo/rogue/%1/%2").arg(e).arg(m_o.seed).toUtf8()).toStdString();
        }
        Deployment rogue;
        if (plant) {
            rogue = makeDeployment(rogueName, 1, t);
            rogue.fingerprint = rogueFp;
            rogue.fingerprintOf[rogue.version] = rogueFp;
            rogue.planted = true;
        }
        Deployment unknown;
        if (plant) {
            unknown = makeDeployment(source == Source::Lambda ? "legacy-cron" : "adhoc-debug", 1, t);
            unknown.unknownDigest = true;
            unknown.planted = true;
        }
        GeneratedTruth::Planted rogueTruth { qenv, QString::fromStdString(rogueName), QString::fromStdString(rogueFp),
            FindingKind::NoProvenance, 0, 0 };
        GeneratedTruth::Planted unknownTruth { qenv, QString(), QString(), FindingKind::UnknownFingerprint, 0, 0 };
        std::vector<int> rolling; // deployments half-way through a roll
        Millis lastWritten = 0;
        bool inGap = false;

        for (int i = 0; i < n; ++i, t += interval) {
            for (int r : rolling)
                finishRoll(deps[static_cast<size_t>(r)], t);
            rolling.clear();
            if (i > 0 && (m_o.rollChance >= 1.0 || unit() < m_o.rollChance))
                for (int k = 0; k < m_o.rolls; ++k) {
                    const int which = below(static_cast<int>(deps.size()));
                    if (std::find(rolling.begin(), rolling.end(), which) != rolling.end())
                        continue;
                    roll(deps[static_cast<size_t>(which)], t);
                    rolling.push_back(which);
                }
            for (const Deployment& d : deps)
                for (const auto& [v, fp] : d.fingerprintOf) {
                    auto [it, fresh] = m_artifacts.try_emplace(QString::fromStdString(fp));
                    if (fresh)
                        it->second = { d.name, v, image(d, v), t };
                }

            const bool gap = plant && e == 0 && i > gapAt && i <= gapAt + gapReports && i < n - 1;
            if (gap) {
                if (!inGap)
                    m_truth.gaps.push_back({ qenv, lastWritten, 0 });
                inGap = true;
                continue;
            }
            if (inGap) {
                m_truth.gaps.back().to = t;
                inGap = false;
            }

            std::vector<const Deployment*> live;
            for (const Deployment& d : deps)
                live.push_back(&d);
            if (plant && i >= rogueFrom && i <= rogueTo) {
                if (i == rogueFrom)
                    rogue.pods[0].created = t - 90000;
                live.push_back(&rogue);
                if (!rogueTruth.from)
                    rogueTruth.from = t;
                rogueTruth.to = t;
            }
            if (plant && i >= unknownFrom && i <= unknownTo) {
                if (i == unknownFrom)
                    unknown.pods[0].created = t - 30000;
                live.push_back(&unknown);
                if (!unknownTruth.from)
                    unknownTruth.from = t;
                unknownTruth.to = t;
            }

            std::string text;
            switch (source) {
            case Source::K8sPayload:
                text = k8sPayload(live, env);
                break;
            case Source::Kubectl:
                text = kubectl(live, env, t);
                break;
            case Source::Ecs:
                text = ecs(live, t);
                break;
            case Source::Lambda:
                text = lambda(live, t);
                break;
            }
            char name[64];
            std::snprintf(name, sizeof name, "snap-%05d.json", i + 1);
            const QString rel = folder + QLatin1Char('/') + QString::fromLatin1(name);
            if (!m_o.writeSnapshots)
                continue;
            if (Status s = write(rel, text); !s)
                return s;
            m_snapshots.push_back({ rel, qenv, typeOf(source), t });
            lastWritten = t;
            if (!m_truth.first || t < m_truth.first)
                m_truth.first = t;
            m_truth.last = std::max(m_truth.last, t);
        }
        if (plant) {
            m_truth.planted.push_back(rogueTruth);
            unknownTruth.name = QString::fromStdString(unknownImage(unknown, source));
            m_truth.planted.push_back(unknownTruth);
        }
        return {};
    }

    std::string unknownImage(const Deployment& d, Source s) const
    {
        return s == Source::Lambda ? d.name : "docker.io/library/busybox:latest";
    }

    void owners(Json& j, const Deployment& d, size_t p)
    {
        j.key("owners").open('[').open('{');
        j.kv("apiVersion", "apps/v1").kv("kind", "ReplicaSet").kv("name", d.name + '-' + d.rsOf.at(d.podVersion[p]));
        j.kv("uid", d.pods[p].uid).kb("controller", true).kb("blockOwnerDeletion", true);
        j.close('}').close(']');
    }

    std::string k8sPayload(const std::vector<const Deployment*>& live, const std::string& env)
    {
        Json j;
        j.open('{').key("artifacts").open('[');
        for (const Deployment* d : live)
            for (size_t p = 0; p < d->pods.size(); ++p) {
                j.open('{');
                j.kv("podName", d->pods[p].name).kv("namespace", d->planted ? std::string("default") : env);
                j.key("digests").open('{');
                if (d->unknownDigest)
                    j.kv(unknownImage(*d, Source::K8sPayload), "");
                else
                    j.kv(image(*d, d->podVersion[p]), d->fingerprintOf.at(d->podVersion[p]));
                j.close('}');
                j.kv("creationTimestamp", d->pods[p].created / 1000);
                owners(j, *d, p);
                j.close('}');
            }
        j.close(']').close('}');
        return j.take();
    }

    std::string kubectl(const std::vector<const Deployment*>& live, const std::string& env, Millis now)
    {
        Json j(2);
        j.open('{').kv("apiVersion", "v1").key("items").open('[');
        for (const Deployment* d : live)
            for (size_t p = 0; p < d->pods.size(); ++p) {
                const Pod& pod = d->pods[p];
                const std::string img = d->unknownDigest ? unknownImage(*d, Source::Kubectl) : image(*d, d->podVersion[p]);
                const std::string repo = img.substr(0, img.rfind(':'));
                const std::string imageId = d->unknownDigest
                    ? "docker://sha256:" + sha256Hex(QByteArray::fromStdString(pod.uid)).toStdString()
                    : "docker-pullable://" + repo + "@sha256:" + d->fingerprintOf.at(d->podVersion[p]);
                j.open('{').kv("apiVersion", "v1").kv("kind", "Pod");
                j.key("metadata").open('{');
                j.kv("name", pod.name).kv("namespace", env).kv("uid", pod.uid).kv("creationTimestamp", isoSeconds(pod.created));
                j.key("ownerReferences").open('[').open('{');
                j.kv("apiVersion", "apps/v1").kv("kind", "ReplicaSet").kv("name", d->name + '-' + d->rsOf.at(d->podVersion[p]));
                j.kv("uid", pod.uid).kb("controller", true);
                j.close('}').close(']');
                j.close('}');
                j.key("spec").open('{').key("containers").open('[').open('{').kv("name", d->name).kv("image", img).close('}').close(']');
                j.kv("nodeName", "node-" + std::to_string(std::hash<std::string>()(pod.name) % 5 + 1)).close('}');
                j.key("status").open('{').kv("phase", "Running").kv("startTime", isoSeconds(pod.created));
                j.key("containerStatuses").open('[').open('{');
                j.kv("name", d->name).kv("image", img).kv("imageID", imageId);
                j.kv("containerID", "containerd://" + pod.uid + pod.uid).kb("ready", true).kv("restartCount", 0).kb("started", true);
                j.key("state").open('{').key("running").open('{').kv("startedAt", isoSeconds(pod.created)).close('}').close('}');
                j.close('}').close(']');
                j.close('}');
                j.close('}');
            }
        j.close(']').kv("kind", "List").key("metadata").open('{').kv("resourceVersion", "").close('}').close('}');
        (void)now;
        return j.take();
    }

    std::string ecs(const std::vector<const Deployment*>& live, Millis now)
    {
        Json j(4);
        j.open('{').key("tasks").open('[');
        for (const Deployment* d : live)
            for (size_t p = 0; p < d->pods.size(); ++p) {
                const Pod& pod = d->pods[p];
                const std::string arn = "arn:aws:ecs:eu-central-1:123456789012:task/shop/" + pod.uid;
                j.open('{').kv("taskArn", arn).kv("clusterArn", "arn:aws:ecs:eu-central-1:123456789012:cluster/shop");
                j.kv("taskDefinitionArn", "arn:aws:ecs:eu-central-1:123456789012:task-definition/" + d->name + ':' + std::to_string(d->podVersion[p]));
                j.kv("group", "service:" + d->name).kv("launchType", "FARGATE").kv("lastStatus", "RUNNING").kv("desiredStatus", "RUNNING");
                j.kv("createdAt", isoSeconds(pod.created - 20000)).kv("startedAt", isoSeconds(pod.created));
                j.key("containers").open('[').open('{');
                const std::string img = d->unknownDigest ? unknownImage(*d, Source::Ecs) : image(*d, d->podVersion[p]);
                j.kv("containerArn", arn + "/" + d->name).kv("name", d->name).kv("image", img);
                if (!d->unknownDigest)
                    j.kv("imageDigest", "sha256:" + d->fingerprintOf.at(d->podVersion[p]));
                j.kv("runtimeId", pod.uid + "-1234567890").kv("lastStatus", "RUNNING");
                j.close('}').close(']');
                j.close('}');
            }
        j.close(']').key("failures").open('[').close(']').close('}');
        (void)now;
        return j.take();
    }

    std::string lambda(const std::vector<const Deployment*>& live, Millis now)
    {
        Json j(4);
        j.open('{').key("Functions").open('[');
        for (const Deployment* d : live) {
            const std::string fp = d->unknownDigest ? std::string() : d->fingerprintOf.at(d->podVersion[0]);
            QByteArray raw = QByteArray::fromHex(QByteArray::fromStdString(fp));
            j.open('{').kv("FunctionName", d->name).kv("FunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:" + d->name);
            j.kv("Runtime", "python3.12").kv("Handler", "app.handler").kv("CodeSize", 4096 + static_cast<long long>(std::hash<std::string>()(fp) % 90000));
            j.kv("CodeSha256", d->unknownDigest ? std::string("not-a-digest") : raw.toBase64().toStdString());
            j.kv("Version", "$LATEST").kv("PackageType", "Zip");
            QString lm = timefmt::formatIso(d->pods[0].created / 1000 * 1000);
            lm.chop(1);
            j.kv("LastModified", lm.toStdString() + ".000+0000");
            j.close('}');
        }
        j.close(']').close('}');
        (void)now;
        return j.take();
    }

    Status write(const QString& rel, const std::string& text)
    {
        QFile f(m_dir + QLatin1Char('/') + rel);
        QDir().mkpath(QFileInfo(f.fileName()).absolutePath());
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Problem { f.fileName(), QString(), QStringLiteral("cannot write: %1").arg(f.errorString()) };
        const QByteArray bytes = QByteArray::fromStdString(text);
        if (f.write(bytes) != bytes.size())
            return Problem { f.fileName(), QString(), QStringLiteral("cannot write: %1").arg(f.errorString()) };
        m_hashes[rel] = sha256Hex(bytes);
        m_truth.files += 1;
        m_truth.bytes += bytes.size();
        return {};
    }

    Status manifest()
    {
        Json j(2);
        j.open('{').kv("tideline_bundle", 1);
        j.key("snapshots").open('[');
        for (const auto& s : m_snapshots) {
            j.open('{').kv("path", s.path.toStdString()).kv("environment", s.env.toStdString());
            j.kv("type", s.type.toStdString()).kv("taken_at", timefmt::formatIso(s.at).toStdString()).close('}');
        }
        j.close(']');
        if (!m_evidence.empty()) {
            j.key("evidence").open('[');
            for (const auto& e : m_evidence)
                j.open('{').kv("path", e.path.toStdString()).kv("artifact_fingerprint", e.fingerprint.toStdString()).kv("name", e.name.toStdString()).close('}');
            j.close(']');
        }
        if (!m_keys.empty()) {
            j.key("keys").open('[');
            for (const auto& [path, name] : m_keys)
                j.open('{').kv("path", path.toStdString()).kv("name", name.toStdString()).close('}');
            j.close(']');
        }
        j.key("sha256").open('{');
        for (const auto& [rel, sha] : m_hashes)
            j.kv(rel.toStdString(), sha.toStdString());
        j.close('}').close('}');
        QFile f(m_dir + QLatin1Char('/') + manifestName());
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Problem { f.fileName(), QString(), QStringLiteral("cannot write: %1").arg(f.errorString()) };
        const QByteArray bytes = QByteArray::fromStdString(j.take());
        f.write(bytes);
        m_truth.files += 1;
        m_truth.bytes += bytes.size();
        return {};
    }

    static QString manifestName() { return QStringLiteral("tideline-bundle.json"); }

    struct SnapshotEntry {
        QString path;
        QString env;
        QString type;
        Millis at;
    };

    const GeneratorOptions& m_o;
    QString m_dir;
    std::mt19937_64 m_rng;
    GeneratedTruth m_truth;
    std::vector<SnapshotEntry> m_snapshots;
    std::map<QString, QString> m_hashes;
    struct ArtifactInfo {
        std::string deploy;
        int version = 0;
        std::string image;
        Millis firstSeen = 0;
    };
    std::map<QString, ArtifactInfo> m_artifacts; // built through the pipeline: evidence exists for these
    struct EvidenceEntry {
        QString path;
        QString fingerprint;
        QString name;
    };
    std::vector<EvidenceEntry> m_evidence;
    std::vector<std::pair<QString, QString>> m_keys; // path, name

    std::string hashHex(const QString& text) const { return sha256Hex(text.toUtf8()).toStdString(); }

    // Kosli trails, JUnit results and signed provenance for every artifact built through the pipeline.
    Status evidence()
    {
        const QString seed = QString::number(m_o.seed);
        Result<PackSigner> key = PackSigner::fromSeed(sha256Raw(QStringLiteral("tideline-demo-signing-key/%1").arg(seed).toUtf8().toStdString()));
        if (!key)
            return key.problem();
        if (Status s = write(QStringLiteral("keys/ci-signing.pub"), key->publicKeyPem().toStdString()); !s)
            return s;
        m_keys.push_back({ QStringLiteral("keys/ci-signing.pub"), QStringLiteral("ci-signing") });
        if (Status s = write(QStringLiteral("policies/production.yml"),
                "# What every workload in these environments needs.\n"
                "_schema: https://docs.kosli.com/schemas/policy/v1\n\n"
                "artifacts:\n"
                "  provenance:\n"
                "    required: true\n"
                "    signed: true # a trail alone is an unsigned record: signed provenance must verify too\n"
                "  trail-compliance:\n"
                "    required: true\n"
                "  attestations:\n"
                "    - name: slsa-provenance\n"
                "      type: generic\n"
                "      must_be_compliant: false\n");
            !s)
            return s;
        bool badSignaturePlanted = false;
        for (const auto& [fp, info] : m_artifacts) {
            // A few defects, chosen by the fingerprint so that they do not depend on the order of things.
            const unsigned pick = static_cast<unsigned char>(sha256Raw(fp.toStdString()).at(0));
            const bool failing = pick % 11 == 3;
            const bool incomplete = !failing && pick % 13 == 5;
            const bool badSignature = !failing && !incomplete && !badSignaturePlanted && info.deploy == "web";
            if (failing)
                m_truth.defects.push_back({ fp, FindingKind::NonCompliantAttestation, QStringLiteral("unit-tests") });
            if (incomplete)
                m_truth.defects.push_back({ fp, FindingKind::MissingAttestation, QStringLiteral("security-scan") });
            if (badSignature) {
                // The provenance it rests on does not verify, and the policy asks for signed provenance: both are findings.
                m_truth.defects.push_back({ fp, FindingKind::UnverifiedEvidence, QStringLiteral("slsa-provenance") });
                m_truth.defects.push_back({ fp, FindingKind::NoProvenance, QStringLiteral("slsa-provenance") });
                badSignaturePlanted = true;
            }
            const Millis built = info.firstSeen - 2 * 3600000;
            const std::string commit = hashHex(QStringLiteral("commit/%1/%2/%3").arg(QString::fromStdString(info.deploy)).arg(info.version).arg(seed)).substr(0, 40);
            if (Status s = trail(fp.toStdString(), info, commit, built, failing, incomplete); !s)
                return s;
            if (Status s = junit(fp, info, built, failing); !s)
                return s;
            if (Status s = provenance(fp, info, commit, built, *key, badSignature); !s)
                return s;
        }
        return {};
    }

    Status trail(const std::string& fp, const ArtifactInfo& a, const std::string& commit, Millis built, bool failing, bool incomplete)
    {
        const std::string flow = a.deploy + "-ci";
        const std::string repo = "https://github.com/example-shop/" + a.deploy;
        const long long at = built / 1000;
        auto status = [&](Json& j, const std::string& name, const std::string& type, bool present, bool compliant) {
            j.open('{').kv("attestation_name", name).kv("attestation_type", type);
            if (present)
                j.kv("attestation_id", hashHex(QString::fromStdString(commit + name)).substr(0, 32));
            else
                j.key("attestation_id").raw("null");
            j.key("overridden_attestation_id").raw("null").kv("status", present ? "COMPLETE" : "MISSING");
            if (present)
                j.kb("is_compliant", compliant);
            else
                j.key("is_compliant").raw("null");
            j.kb("unexpected", false).close('}');
        };
        const std::string artifactStatus = incomplete ? "INCOMPLETE" : failing ? "NON-COMPLIANT" : "COMPLIANT";
        Json j(2);
        j.open('{').kv("name", commit).kv("description", "Build of " + a.deploy + " 1." + std::to_string(a.version) + ".0");
        j.key("git_commit_info").open('{').kv("sha1", commit).kv("message", "Release " + a.deploy + " 1." + std::to_string(a.version) + ".0");
        j.kv("author", "CI <ci@example.org>").kv("branch", "main").kv("timestamp", at - 600).kv("url", repo + "/commit/" + commit).close('}');
        j.kv("origin_url", repo + "/actions/runs/" + std::to_string(at)).kv("created_at", at).kv("last_modified_at", at + 300);
        j.key("compliance_status").open('{').kv("status", artifactStatus).kb("is_compliant", artifactStatus == "COMPLIANT");
        j.key("attestations_statuses").open('[');
        status(j, "pull-request", "pull_request", true, true);
        j.close(']');
        j.key("artifacts_statuses").open('{').key(a.deploy).open('{');
        j.kv("artifact_fingerprint", fp).kv("artifact_id", hashHex(QString::fromStdString(fp)).substr(0, 32)).kv("status", artifactStatus);
        j.kb("is_compliant", artifactStatus == "COMPLIANT");
        j.key("attestations_statuses").open('[');
        status(j, "unit-tests", "junit", true, !failing);
        status(j, "security-scan", "snyk", !incomplete, true);
        j.close(']').kb("unexpected", false).kv("evaluated_at", at + 300).close('}').close('}');
        j.kv("evaluated_at", at + 300).close('}');
        j.kv("compliance_state", artifactStatus).kb("is_compliant", artifactStatus == "COMPLIANT");
        j.key("template").open('{').kv("version", 1);
        j.key("trail").open('{').key("attestations").open('[').open('{').kv("name", "pull-request").kv("type", "pull_request").close('}').close(']');
        j.key("artifacts").open('[').open('{').kv("name", a.deploy).key("attestations").open('[');
        j.open('{').kv("name", "unit-tests").kv("type", "junit").close('}');
        j.open('{').kv("name", "security-scan").kv("type", "snyk").close('}');
        j.close(']').close('}').close(']').close('}');
        j.kv("content", "version: 1\ntrail:\n  attestations:\n  - name: pull-request\n    type: pull_request\n  artifacts:\n  - name: " + a.deploy
                + "\n    attestations:\n    - name: unit-tests\n      type: junit\n    - name: security-scan\n      type: snyk\n");
        j.close('}');
        j.key("events").open('[').close(']').kv("created_by", "ci");
        j.key("flow").open('{').kv("name", flow).key("tags").open('{').kv("kind", "build").kv("ci", "github").kv("repo_url", repo).close('}').close('}');
        j.key("external_urls").open('{').close('}').kv("html_url", "https://app.kosli.com/example-shop/flows/" + flow + "/trails/" + commit);
        j.close('}');
        return write(QStringLiteral("evidence/trails/%1-%2.json").arg(QString::fromStdString(flow), QString::fromStdString(commit.substr(0, 12))), j.take());
    }

    Status junit(const QString& fp, const ArtifactInfo& a, Millis built, bool failing)
    {
        const std::string suite = a.deploy + "-unit";
        std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + a.deploy + "\">\n";
        x += "  <testsuite name=\"" + suite + "\" tests=\"4\" failures=\"" + std::string(failing ? "1" : "0") + "\" errors=\"0\" skipped=\"0\" timestamp=\""
            + timefmt::formatIso(built).toStdString() + "\">\n";
        for (const char* t : { "handles_empty_cart", "rejects_bad_input", "persists_order", "renders_receipt" }) {
            x += std::string("    <testcase classname=\"") + a.deploy + ".tests\" name=\"" + t + "\" time=\"0.012\"";
            if (failing && std::string(t) == "persists_order")
                x += ">\n      <failure message=\"expected 201, got 500\">AssertionError: expected 201, got 500</failure>\n    </testcase>\n";
            else
                x += "/>\n";
        }
        x += "  </testsuite>\n</testsuites>\n";
        const QString path = QStringLiteral("evidence/junit/%1-1.%2.0.xml").arg(QString::fromStdString(a.deploy)).arg(a.version);
        m_evidence.push_back({ path, fp, QStringLiteral("unit-tests") });
        return write(path, x);
    }

    // An in-toto Statement with a SLSA provenance predicate, in a DSSE envelope signed with the demo key.
    Status provenance(const QString& fp, const ArtifactInfo& a, const std::string& commit, Millis built, const PackSigner& key, bool broken)
    {
        Json st(0);
        st.open('{').kv("_type", "https://in-toto.io/Statement/v1");
        st.key("subject").open('[').open('{').kv("name", a.image).key("digest").open('{').kv("sha256", fp.toStdString()).close('}').close('}').close(']');
        st.kv("predicateType", "https://slsa.dev/provenance/v1");
        st.key("predicate").open('{').key("buildDefinition").open('{').kv("buildType", "https://example.org/buildtypes/container@v1");
        st.key("externalParameters").open('{').kv("repository", "https://github.com/example-shop/" + a.deploy).kv("ref", "refs/heads/main").close('}');
        st.key("resolvedDependencies").open('[').open('{').kv("uri", "git+https://github.com/example-shop/" + a.deploy + "@refs/heads/main");
        st.key("digest").open('{').kv("gitCommit", commit).close('}').close('}').close(']').close('}');
        st.key("runDetails").open('{').key("builder").open('{').kv("id", "https://github.com/example-shop/.github/workflows/build.yml@refs/heads/main").close('}');
        st.key("metadata").open('{').kv("invocationId", std::to_string(built / 1000)).kv("startedOn", timefmt::formatIso(built).toStdString());
        st.kv("finishedOn", timefmt::formatIso(built + 420000).toStdString()).close('}').close('}').close('}').close('}');
        std::string statement = st.take();
        statement.pop_back(); // the writer's final newline
        const QByteArray type("application/vnd.in-toto+json");
        QByteArray payload = QByteArray::fromStdString(statement);
        const QByteArray sig = key.sign(pae(type, payload));
        if (broken) // altered after signing: the signature no longer covers what it says
            payload.replace("refs/heads/main", "refs/heads/hotfx");
        Json env(2);
        env.open('{').kv("payloadType", type.toStdString()).kv("payload", payload.toBase64().toStdString());
        env.key("signatures").open('[').open('{').kv("keyid", "ci-signing").kv("sig", sig.toBase64().toStdString()).close('}').close(']').close('}');
        const QString path = QStringLiteral("evidence/provenance/%1-1.%2.0.intoto.json").arg(QString::fromStdString(a.deploy)).arg(a.version);
        m_evidence.push_back({ path, fp, QStringLiteral("slsa-provenance") });
        return write(path, env.take());
    }
};

} // namespace

GeneratorOptions GeneratorOptions::reference()
{
    GeneratorOptions o;
    o.environments = 2;
    o.k8sPayloadsOnly = true;
    o.snapshots = 1000;
    o.deployments = 100;
    o.replicas = 3;
    o.rolls = 3;
    o.rollChance = 1.0;
    o.intervalMinutes = 1;
    o.plant = false;
    o.evidence = false;
    return o;
}

GeneratorOptions GeneratorOptions::demo()
{
    GeneratorOptions o;
    o.sbomPackages = 40;
    o.knownAdvisories = true;
    return o;
}

Result<GeneratedTruth> generateBundle(const QString& dir, const GeneratorOptions& options)
{
    if (options.environments < 1 || options.snapshots < 1 || options.deployments < 1 || options.replicas < 1
        || options.intervalMinutes < 1)
        return Problem(QStringLiteral("environments, snapshots, deployments, replicas and the interval must be at least 1"));
    Generator g(options, dir);
    return g.run();
}

} // namespace tideline
