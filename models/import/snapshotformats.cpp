// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotformats.h"

#include "domain/digest.h"
#include "domain/json.h"

#include <QHash>

namespace tideline {

namespace {

constexpr size_t kMaxName = 4096; // longer names are hostile, not real image references or pod names

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// Collects the first error of a reader, with the file and the JSON path.
class Reader {
public:
    Reader(const QString& file, ParsedSnapshot& out)
        : m_file(file)
        , m_out(out)
    {
    }

    bool failed() const { return m_error.has_value(); }
    Problem error() const { return *m_error; }

    bool fail(const JsonPath& path, const QString& message)
    {
        if (!m_error)
            m_error = Problem { m_file, path.toString(), message };
        return false;
    }
    void warn(const JsonPath& path, const QString& message) { m_out.warnings.push_back({ m_file, path.toString(), message }); }

    // Each element of an array that must hold objects: f(element, its path) returns false to stop (on an error
    // it has reported). False when the list is no array, an element no object, or f stopped.
    template <typename F>
    bool eachObject(const JsonValue& list, const JsonPath& path, F&& f)
    {
        if (!expect(list, JsonValue::Type::Array, path))
            return false;
        size_t i = 0;
        for (const JsonValue v : list.elements()) {
            const JsonPath p = path[i++];
            if (!expect(v, JsonValue::Type::Object, p) || !f(v, p))
                return false;
        }
        return true;
    }

    bool expect(const JsonValue& v, JsonValue::Type t, const JsonPath& path)
    {
        if (v.type() == t)
            return true;
        if (!v.isValid())
            return fail(path, QStringLiteral("required field is missing"));
        return fail(path,
            QStringLiteral("expected %1, found %2")
                .arg(QString::fromLatin1(JsonValue::typeName(t)), QString::fromLatin1(v.typeName())));
    }

    // A bounded string, viewed in the document; missing or null gives empty; another type is an error.
    std::optional<std::string_view> text(const JsonValue& v, const JsonPath& path, bool required = false)
    {
        if (!v.isValid() || v.isNull()) {
            if (required) {
                fail(path, QStringLiteral("required field is missing"));
                return std::nullopt;
            }
            return std::string_view();
        }
        const auto s = v.string();
        if (!s) {
            fail(path, QStringLiteral("expected a string, found %1").arg(QString::fromLatin1(v.typeName())));
            return std::nullopt;
        }
        if (s->size() > kMaxName) {
            fail(path, QStringLiteral("string of %1 bytes is longer than the %2 allowed").arg(s->size()).arg(kMaxName));
            return std::nullopt;
        }
        return *s;
    }

    // Unix seconds (integer or fractional); missing, null or 0 gives 0 (unknown).
    std::optional<Millis> unixTime(const JsonValue& v, const JsonPath& path)
    {
        if (!v.isValid() || v.isNull())
            return Millis(0);
        const auto n = v.number();
        if (!n) {
            fail(path, QStringLiteral("expected a Unix time in seconds, found %1").arg(QString::fromLatin1(v.typeName())));
            return std::nullopt;
        }
        if (*n == 0)
            return Millis(0);
        const auto t = timefmt::fromUnixSeconds(*n);
        if (!t) {
            fail(path, QStringLiteral("time %1 is outside 1970..9999").arg(*n, 0, 'f', 0));
            return std::nullopt;
        }
        return *t;
    }

    // ISO 8601 text, or Unix seconds as a number (AWS CLI v2 vs the raw API).
    std::optional<Millis> anyTime(const JsonValue& v, const JsonPath& path)
    {
        if (v.isNumber())
            return unixTime(v, path);
        if (!v.isValid() || v.isNull())
            return Millis(0);
        const auto s = v.string();
        if (!s) {
            fail(path, QStringLiteral("expected a time, found %1").arg(QString::fromLatin1(v.typeName())));
            return std::nullopt;
        }
        if (s->empty())
            return Millis(0);
        const auto t = timefmt::parseIso(*s);
        if (!t) {
            fail(path, QStringLiteral("'%1' is not an ISO 8601 time within 1970..9999").arg(qs(s->substr(0, 64))));
            return std::nullopt;
        }
        return *t;
    }

    // A digest value that should be 64 hex characters: empty is unknown (quietly, as Kosli reports it);
    // anything else malformed is unknown too, with a warning naming where.
    std::string fingerprint(std::string_view raw, const JsonPath& path)
    {
        if (raw.empty())
            return {};
        if (auto d = digest::normalize(raw))
            return *d;
        warn(path,
            QStringLiteral("'%1' is not a sha256 digest (64 hex characters): the workload is unknown")
                .arg(qs(raw.substr(0, 80))));
        return {};
    }

    void add(std::string_view name, std::string fp, std::string_view instance, Millis created)
    {
        m_out.observations.push_back({ std::string(name), std::move(fp), std::string(instance), created });
    }

private:
    QString m_file;
    ParsedSnapshot& m_out;
    std::optional<Problem> m_error;
};

// What every reader starts from: the format, and the environment type where the format implies it.
ParsedSnapshot newSnapshot(SnapshotFormat format, const QString& type = QString())
{
    ParsedSnapshot out;
    out.format = formatName(format);
    out.type = type;
    return out;
}

std::string joinInstance(std::string_view ns, std::string_view name)
{
    std::string s;
    s.reserve(ns.size() + 1 + name.size());
    s.append(ns).append(1, '/').append(name);
    return s;
}

bool hasAny(const JsonValue& o, std::initializer_list<std::string_view> keys)
{
    for (auto k : keys)
        if (o.has(k))
            return true;
    return false;
}

// ---- Kosli dry-run payloads ------------------------------------------------------------------------------

QString payloadType(const JsonValue& root, QStringList& candidates)
{
    if (root.has("type"))
        return QStringLiteral("cloud-run");
    const JsonValue arts = root["artifacts"];
    for (const JsonValue a : arts.elements()) {
        if (hasAny(a, { "podName", "namespace", "owners" }))
            return QStringLiteral("K8S");
        if (hasAny(a, { "taskArn", "cluster_name", "service_name" }))
            return QStringLiteral("ECS");
        if (hasAny(a, { "app_name", "app_kind", "digests_source" }))
            return QStringLiteral("azure-apps");
        if (hasAny(a, { "serviceName", "revisionName", "jobName", "kind" }))
            return QStringLiteral("cloud-run");
    }
    // {digests, creationTimestamp} alone: lambda, S3, docker and server payloads look the same.
    candidates = { QStringLiteral("docker"), QStringLiteral("lambda"), QStringLiteral("S3"), QStringLiteral("server") };
    return {};
}

Result<ParsedSnapshot> readKosliPayload(const JsonValue& root, const QString& file)
{
    ParsedSnapshot out = newSnapshot(SnapshotFormat::KosliPayload);
    out.type = payloadType(root, out.typeCandidates);
    Reader r(file, out);
    const bool read = r.eachObject(root["artifacts"], JsonPath::root() / "artifacts", [&](const JsonValue& a, const JsonPath& p) {
        const auto created = r.unixTime(a["creationTimestamp"], p / "creationTimestamp");
        if (!created)
            return false;
        std::string instance;
        if (out.type == QLatin1String("K8S")) {
            const auto ns = r.text(a["namespace"], p / "namespace");
            const auto pod = r.text(a["podName"], p / "podName");
            if (!ns || !pod)
                return false;
            instance = ns->empty() ? std::string(*pod) : joinInstance(*ns, *pod);
        } else if (out.type == QLatin1String("ECS")) {
            const auto arn = r.text(a["taskArn"], p / "taskArn");
            if (!arn)
                return false;
            instance = *arn;
        } else if (out.type == QLatin1String("azure-apps")) {
            const auto app = r.text(a["app_name"], p / "app_name");
            if (!app)
                return false;
            instance = *app;
        } else if (out.type == QLatin1String("cloud-run")) {
            for (const char* key : { "revisionName", "jobName", "serviceName" }) {
                const auto v = r.text(a[key], p / key);
                if (!v)
                    return false;
                if (!v->empty()) {
                    instance = *v;
                    break;
                }
            }
        }
        const JsonValue digests = a["digests"];
        if (!r.expect(digests, JsonValue::Type::Object, p / "digests"))
            return false;
        // lambda, S3 and server entries are named by their key; docker containers carry no name.
        const bool keyIsInstance = instance.empty() && out.type != QLatin1String("docker");
        for (const auto& m : digests.members()) {
            const JsonPath digestsPath = p / "digests";
            const JsonPath dp = digestsPath / m.key;
            const auto value = r.text(m.value, dp, true);
            if (!value)
                return false;
            if (m.key.size() > kMaxName) {
                r.fail(dp, QStringLiteral("a key longer than %1 bytes").arg(kMaxName));
                return false;
            }
            r.add(std::string(m.key), r.fingerprint(*value, dp), keyIsInstance ? std::string(m.key) : instance, *created);
        }
        return true;
    });
    if (!read)
        return r.error();
    return out;
}

// ---- Kosli server snapshot (kosli get snapshot --output json) -------------------------------------------

QString environmentFromHtmlUrl(std::string_view url)
{
    // https://app.kosli.com/<org>/environments/<env>/snapshots/<n>
    const QString u = qs(url);
    const int at = u.indexOf(QStringLiteral("/environments/"));
    if (at < 0)
        return {};
    const QString rest = u.mid(at + 14);
    return rest.section(QLatin1Char('/'), 0, 0);
}

Result<ParsedSnapshot> readKosliSnapshot(const JsonValue& root, const QString& file)
{
    ParsedSnapshot out = newSnapshot(SnapshotFormat::KosliSnapshot);
    Reader r(file, out);
    const auto index = root["index"].integer();
    if (!index || *index < 0)
        return Problem { file, QStringLiteral("index"), QStringLiteral("expected a snapshot index (a whole number)") };
    out.kosliIndex = *index;
    const auto ts = r.unixTime(root["timestamp"], JsonPath::root() / "timestamp");
    if (!ts)
        return r.error();
    if (*ts > 0)
        out.takenAt = *ts;
    const auto type = r.text(root["type"], JsonPath::root() / "type");
    if (!type)
        return r.error();
    out.type = canonicalType(qs(*type));
    if (!type->empty() && out.type.isEmpty())
        r.warn(JsonPath::root() / "type", QStringLiteral("unknown environment type '%1'").arg(qs(*type)));
    out.environment = environmentFromHtmlUrl(root["html_url"].stringOr({}));
    if (root["compliant"].isBool())
        out.compliant = *root["compliant"].boolean();
    if (root["applied_policies"].isArray())
        out.appliedPoliciesJson = root["applied_policies"].toJson();

    const bool read = r.eachObject(root["artifacts"], JsonPath::root() / "artifacts", [&](const JsonValue& a, const JsonPath& p) {
        const auto name = r.text(a["name"], p / "name");
        const auto fpRaw = r.text(a["fingerprint"], p / "fingerprint");
        if (!name || !fpRaw)
            return false;
        ServerArtifact sa;
        sa.name = *name;
        sa.fingerprint = r.fingerprint(*fpRaw, p / "fingerprint");
        const JsonValue ann = a["annotation"];
        if (ann.isObject()) {
            sa.annotation = std::string(ann["type"].stringOr({}));
            const auto now = ann["now"].integer();
            // An artifact that exited in this snapshot is still listed, with now == 0: it is not running.
            if (now && *now == 0)
                sa.running = false;
            if (sa.annotation == "exited")
                sa.running = false;
        }
        if (a["compliant"].isBool())
            sa.compliant = *a["compliant"].boolean();
        if (a["flows"].isArray())
            sa.flowsJson = a["flows"].toJson();
        if (a["policy_decisions"].isArray())
            sa.policyDecisionsJson = a["policy_decisions"].toJson();

        if (sa.running) {
            // One creationTimestamp per running instance; K8S names them in pods{}, ECS gives a task ARN.
            std::vector<std::string> names;
            for (const auto& m : a["pods"].members())
                names.emplace_back(m.key);
            if (names.empty()) {
                const auto arn = a["ecs_context"]["task_arn"].string();
                if (arn && !arn->empty())
                    names.emplace_back(*arn);
            }
            const JsonValue ct = a["creationTimestamp"];
            std::vector<Millis> created;
            if (ct.isArray()) {
                size_t k = 0;
                for (const JsonValue t : ct.elements()) {
                    const auto ms = r.unixTime(t, (p / "creationTimestamp")[k++]);
                    if (!ms)
                        return false;
                    created.push_back(*ms);
                }
            } else if (ct.isNumber()) {
                const auto ms = r.unixTime(ct, p / "creationTimestamp");
                if (!ms)
                    return false;
                created.push_back(*ms);
            }
            if (created.empty())
                created.push_back(0);
            for (size_t k = 0; k < created.size(); ++k) {
                std::string inst = k < names.size() ? names[k] : std::string();
                if (inst.empty() && created.size() > 1)
                    inst = (names.empty() ? std::string("instance") : names.front()) + '#' + std::to_string(k + 1);
                r.add(sa.name, sa.fingerprint, std::move(inst), created[k]);
            }
        }
        out.serverArtifacts.push_back(std::move(sa));
        return true;
    });
    if (!read)
        return r.error();
    return out;
}

// ---- kubectl get pods -o json ---------------------------------------------------------------------------

bool isPod(const JsonValue& v)
{
    if (!v.isObject())
        return false;
    const auto kind = v["kind"].string();
    if (kind)
        return *kind == "Pod";
    return v["metadata"].isObject() && v["status"].isObject() && v["spec"].isObject();
}

bool readPod(Reader& r, const JsonValue& pod, const JsonPath& p)
{
    const JsonValue meta = pod["metadata"];
    if (!r.expect(meta, JsonValue::Type::Object, p / "metadata"))
        return false;
    const auto ns = r.text(meta["namespace"], p / "metadata" / "namespace");
    const auto name = r.text(meta["name"], p / "metadata" / "name", true);
    if (!ns || !name)
        return false;
    const auto created = r.anyTime(meta["creationTimestamp"], p / "metadata" / "creationTimestamp");
    if (!created)
        return false;
    const JsonValue status = pod["status"];
    if (!status.isObject())
        return true; // a pod with no status has not been scheduled: nothing runs
    const auto phase = status["phase"].stringOr({});
    // As Kosli: only Running and Failed pods are reported.
    const bool running = phase == "Running";
    if (!running && phase != "Failed")
        return true;
    const std::string instance = ns->empty() ? std::string(*name) : joinInstance(*ns, *name);

    auto statuses = [&](const char* key, bool onlyRunning) -> bool {
        const JsonValue list = status[key];
        if (!list.isValid() || list.isNull())
            return true;
        const JsonPath statusPath = p / "status";
        return r.eachObject(list, statusPath / key, [&](const JsonValue& cs, const JsonPath& cp) {
            if (onlyRunning && !cs["state"]["running"].isObject())
                return true;
            const auto image = r.text(cs["image"], cp / "image");
            const auto imageId = r.text(cs["imageID"], cp / "imageID");
            if (!image || !imageId)
                return false;
            if (imageId->empty()) {
                // Kosli refuses a Running pod without an imageID and skips a Failed one.
                if (running) {
                    r.warn(cp / "imageID", QStringLiteral("empty imageID on a running container: the workload is unknown"));
                    r.add(*image, {}, instance, *created);
                }
                return true;
            }
            std::string fp;
            if (auto d = digest::fromImageReference(*imageId))
                fp = *d;
            else
                r.warn(cp / "imageID",
                    QStringLiteral("'%1' is not a registry digest (repo@sha256:…); an image config ID never matches evidence: the workload is unknown")
                        .arg(qs(std::string_view(*imageId).substr(0, 100))));
            r.add(*image, std::move(fp), instance, *created);
            return true;
        });
    };
    // Regular containers as Kosli reports them; ephemeral (debug) and init containers too while they run,
    // since a debug container is exactly what nobody deployed through the process.
    return statuses("containerStatuses", false) && statuses("initContainerStatuses", true)
        && statuses("ephemeralContainerStatuses", true);
}

Result<ParsedSnapshot> readKubectl(const JsonValue& root, const QString& file)
{
    ParsedSnapshot out = newSnapshot(SnapshotFormat::KubectlPods, QStringLiteral("K8S"));
    Reader r(file, out);
    if (isPod(root)) {
        if (!readPod(r, root, JsonPath::root()))
            return r.error();
        return out;
    }
    const bool bare = root.isArray();
    const JsonValue items = bare ? root : root["items"];
    const JsonPath listPath = bare ? JsonPath::root() : JsonPath::root() / "items";
    // A List may hold other kinds than pods: they are passed over.
    if (!r.eachObject(items, listPath, [&](const JsonValue& pod, const JsonPath& p) { return !isPod(pod) || readPod(r, pod, p); }))
        return r.error();
    return out;
}

// ---- docker inspect ---------------------------------------------------------------------------------------

std::string repositoryOf(std::string_view image)
{
    // "nginx:1.21" -> "nginx", "registry:5000/app:tag" -> "registry:5000/app", "app@sha256:…" -> "app"
    std::string_view s = image.substr(0, image.find('@'));
    const size_t slash = s.rfind('/');
    const size_t colon = s.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash))
        s = s.substr(0, colon);
    return std::string(s);
}

// A container of docker inspect, not an image: containers have a State (and a Name); images have RepoTags,
// RepoDigests and a RootFS, and a Config too.
bool isDockerContainer(const JsonValue& o)
{
    return o.isObject() && o["Id"].isString() && o["State"].isValid() && !o.has("RootFS");
}

bool sameRepository(const std::string& a, const std::string& b)
{
    auto strip = [](std::string s) {
        for (const char* prefix : { "docker.io/library/", "docker.io/", "index.docker.io/library/", "library/" })
            if (s.rfind(prefix, 0) == 0)
                return s.substr(std::char_traits<char>::length(prefix));
        return s;
    };
    return strip(a) == strip(b);
}

Result<ParsedSnapshot> readDocker(const JsonValue& list, const QString& file)
{
    // One container as an object, or containers and images as an array: read alike.
    std::vector<JsonValue> objects;
    if (list.isArray())
        for (const JsonValue o : list.elements())
            objects.push_back(o);
    else
        objects.push_back(list);
    ParsedSnapshot out = newSnapshot(SnapshotFormat::DockerInspect, QStringLiteral("docker"));
    Reader r(file, out);
    // Images in the same file resolve a container's config ID to its registry digests.
    QHash<QString, std::vector<std::string>> repoDigests;
    for (const JsonValue& o : objects)
        if (o["RepoDigests"].isArray() && o["Id"].isString()) {
            auto& list = repoDigests[o["Id"].qstring()];
            for (const JsonValue d : o["RepoDigests"].elements())
                if (d.isString())
                    list.emplace_back(*d.string());
        }
    size_t i = 0;
    int containers = 0;
    for (const JsonValue& c : objects) {
        const JsonPath item = JsonPath::root()[i++];
        const JsonPath& p = list.isArray() ? item : JsonPath::root();
        if (!r.expect(c, JsonValue::Type::Object, p))
            return r.error();
        if (!isDockerContainer(c))
            continue; // an image, not a container
        ++containers;
        const JsonValue state = c["State"];
        bool running = false;
        if (state.isObject())
            running = state["Running"].boolean().value_or(false) || state["Status"].stringOr({}) == "running";
        else if (state.isString())
            running = state.stringOr({}) == "running";
        if (!running)
            continue;
        const auto configImage = r.text(c["Config"]["Image"], p / "Config" / "Image");
        const auto imageId = r.text(c["Image"], p / "Image");
        auto name = r.text(c["Name"], p / "Name");
        const auto created = r.anyTime(c["Created"], p / "Created");
        if (!configImage || !imageId || !name || !created)
            return r.error();
        if (!name->empty() && (*name)[0] == '/')
            name->remove_prefix(1);
        const std::string displayName(configImage->empty() ? *imageId : *configImage);
        std::string fp;
        if (auto d = digest::fromImageReference(*configImage)) {
            fp = *d;
        } else {
            const auto it = repoDigests.constFind(qs(*imageId));
            if (it != repoDigests.cend() && !it->empty()) {
                // As kosli fingerprint: the RepoDigest whose repository matches the image name, else the first.
                const std::string repo = repositoryOf(*configImage);
                std::string chosen = it->front();
                for (const auto& rd : *it)
                    if (sameRepository(repositoryOf(rd), repo))
                        chosen = rd;
                if (auto d2 = digest::fromImageReference(chosen))
                    fp = *d2;
            }
        }
        if (fp.empty())
            r.warn(p / "Image",
                QStringLiteral("no registry digest for '%1' (docker inspect of a container shows only the image config ID; "
                               "include `docker image inspect` output in the same file): the workload is unknown")
                    .arg(qs(displayName)));
        r.add(displayName, std::move(fp), *name, *created);
    }
    if (containers == 0)
        return Problem { file, QString(), QStringLiteral("docker inspect output lists images only, no containers: nothing ran") };
    return out;
}

// ---- aws ecs describe-tasks ---------------------------------------------------------------------------

Result<ParsedSnapshot> readEcs(const JsonValue& root, const QString& file)
{
    ParsedSnapshot out = newSnapshot(SnapshotFormat::EcsTasks, QStringLiteral("ECS"));
    Reader r(file, out);
    const bool read = r.eachObject(root["tasks"], JsonPath::root() / "tasks", [&](const JsonValue& t, const JsonPath& p) {
        if (t["lastStatus"].stringOr({}) != "RUNNING")
            return true; // as Kosli: running tasks only
        const auto arn = r.text(t["taskArn"], p / "taskArn", true);
        if (!arn)
            return false;
        auto created = r.anyTime(t["startedAt"], p / "startedAt");
        if (!created)
            return false;
        if (*created == 0) {
            created = r.anyTime(t["createdAt"], p / "createdAt");
            if (!created)
                return false;
        }
        return r.eachObject(t["containers"], p / "containers", [&](const JsonValue& c, const JsonPath& cp) {
            const auto image = r.text(c["image"], cp / "image");
            const auto name = r.text(c["name"], cp / "name");
            const auto imageDigest = r.text(c["imageDigest"], cp / "imageDigest");
            if (!image || !name || !imageDigest)
                return false;
            // As Kosli: keyed by image, or by container name when AWS gives no image (GuardDuty sidecars).
            const std::string_view key = image->empty() ? *name : *image;
            std::string fp;
            if (!imageDigest->empty())
                fp = r.fingerprint(*imageDigest, cp / "imageDigest");
            else if (auto d = digest::fromImageReference(*image))
                fp = *d;
            else
                r.warn(cp / "imageDigest",
                    QStringLiteral("no imageDigest for '%1', and its image reference has no digest: the workload is unknown").arg(qs(key)));
            r.add(key, std::move(fp), *arn, *created);
            return true;
        });
    });
    if (!read)
        return r.error();
    return out;
}

// ---- aws lambda list-functions / get-function -----------------------------------------------------------

bool readFunction(Reader& r, const JsonValue& cfg, const JsonValue& code, const JsonPath& p)
{
    const auto fn = r.text(cfg["FunctionName"], p / "FunctionName", true);
    const auto sha = r.text(cfg["CodeSha256"], p / "CodeSha256");
    const auto type = r.text(cfg["PackageType"], p / "PackageType");
    if (!fn || !sha || !type)
        return false;
    std::optional<Millis> created = Millis(0);
    if (const auto lm = cfg["LastModified"].string()) {
        // "2006-01-02T15:04:05.000+0000"
        created = timefmt::parseIso(*lm);
        if (!created)
            return r.fail(p / "LastModified", QStringLiteral("'%1' is not a time").arg(qs(*lm)));
    }
    std::string fp;
    if (*type == "Image") {
        if (auto d = digest::fromImageReference(code["ResolvedImageUri"].stringOr({})))
            fp = *d;
        else if (auto d2 = digest::normalize(*sha))
            fp = *d2;
        else if (auto d3 = digest::fromBase64(*sha))
            fp = *d3;
    } else if (!sha->empty()) {
        // Zip functions: CodeSha256 is base64 of the zip's sha256; be tolerant of hex too.
        if (auto d = digest::fromBase64(*sha))
            fp = *d;
        else if (auto d2 = digest::normalize(*sha))
            fp = *d2;
        else
            r.warn(p / "CodeSha256",
                QStringLiteral("'%1' is neither base64 nor hex of a sha256: the workload is unknown").arg(qs(*sha)));
    }
    r.add(*fn, std::move(fp), *fn, *created);
    return true;
}

Result<ParsedSnapshot> readLambda(const JsonValue& root, const QString& file)
{
    ParsedSnapshot out = newSnapshot(SnapshotFormat::LambdaFunctions, QStringLiteral("lambda"));
    Reader r(file, out);
    if (root["Functions"].isValid()) {
        if (!r.eachObject(root["Functions"], JsonPath::root() / "Functions",
                [&](const JsonValue& f, const JsonPath& p) { return readFunction(r, f, JsonValue(), p); }))
            return r.error();
    } else if (root["Configuration"].isObject()) {
        if (!readFunction(r, root["Configuration"], root["Code"], JsonPath::root() / "Configuration"))
            return r.error();
    } else if (!readFunction(r, root, JsonValue(), JsonPath::root())) {
        return r.error();
    }
    return out;
}

} // namespace

const QStringList& environmentTypes()
{
    static const QStringList types = { QStringLiteral("K8S"), QStringLiteral("ECS"), QStringLiteral("lambda"),
        QStringLiteral("S3"), QStringLiteral("docker"), QStringLiteral("server"), QStringLiteral("azure-apps"),
        QStringLiteral("cloud-run") };
    return types;
}

QString canonicalType(const QString& type)
{
    for (const QString& t : environmentTypes())
        if (t.compare(type, Qt::CaseInsensitive) == 0)
            return t;
    if (type.compare(QLatin1String("kubernetes"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("K8S");
    if (type.compare(QLatin1String("azure"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("azure-apps");
    if (type.compare(QLatin1String("path"), Qt::CaseInsensitive) == 0
        || type.compare(QLatin1String("paths"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("server");
    return {};
}

QString formatName(SnapshotFormat f)
{
    switch (f) {
    case SnapshotFormat::None:
        return {};
    case SnapshotFormat::KosliPayload:
        return QStringLiteral("kosli-payload");
    case SnapshotFormat::KosliSnapshot:
        return QStringLiteral("kosli-snapshot");
    case SnapshotFormat::KubectlPods:
        return QStringLiteral("kubectl-pods");
    case SnapshotFormat::DockerInspect:
        return QStringLiteral("docker-inspect");
    case SnapshotFormat::EcsTasks:
        return QStringLiteral("ecs-tasks");
    case SnapshotFormat::LambdaFunctions:
        return QStringLiteral("lambda-functions");
    }
    return {};
}

SnapshotFormat detectSnapshotFormat(const JsonValue& root)
{
    if (root.isArray()) {
        if (root.size() == 0)
            return SnapshotFormat::None;
        const JsonValue first = *root.elements().begin();
        if (isPod(first))
            return SnapshotFormat::KubectlPods;
        // docker inspect of containers (with their images, maybe); images alone are no snapshot: nothing ran.
        for (const JsonValue o : root.elements())
            if (isDockerContainer(o))
                return SnapshotFormat::DockerInspect;
        return SnapshotFormat::None;
    }
    if (!root.isObject())
        return SnapshotFormat::None;
    if (isDockerContainer(root))
        return SnapshotFormat::DockerInspect; // one container, as `docker inspect --format '{{json .}}'` prints it
    if (isPod(root))
        return SnapshotFormat::KubectlPods;
    const auto kind = root["kind"].string();
    if (kind && (*kind == "PodList" || *kind == "List") && root["items"].isArray())
        return SnapshotFormat::KubectlPods;
    if (root["tasks"].isArray() && (root.has("failures") || root["tasks"].size() == 0 || (*root["tasks"].elements().begin()).has("taskArn")))
        return SnapshotFormat::EcsTasks;
    if (root["Functions"].isArray() || (root["Configuration"].isObject() && root["Configuration"].has("FunctionName"))
        || (root.has("FunctionName") && root.has("CodeSha256")))
        return SnapshotFormat::LambdaFunctions;
    if (root["artifacts"].isArray()) {
        if (root.has("index") && (root.has("timestamp") || root.has("is_latest") || root.has("html_url")))
            return SnapshotFormat::KosliSnapshot;
        // A dry-run payload holds artifacts and, for cloud-run only, a type; nothing else. (Its artifacts
        // are checked by the reader, so that a broken one is an error naming it, not an unknown format.)
        for (const auto& m : root.members())
            if (m.key != "artifacts" && m.key != "type")
                return SnapshotFormat::None;
        return SnapshotFormat::KosliPayload;
    }
    return SnapshotFormat::None;
}

Result<ParsedSnapshot> readSnapshot(SnapshotFormat format, const JsonValue& root, const QString& file)
{
    switch (format) {
    case SnapshotFormat::KosliPayload:
        return readKosliPayload(root, file);
    case SnapshotFormat::KosliSnapshot:
        return readKosliSnapshot(root, file);
    case SnapshotFormat::KubectlPods:
        return readKubectl(root, file);
    case SnapshotFormat::DockerInspect:
        return readDocker(root, file);
    case SnapshotFormat::EcsTasks:
        return readEcs(root, file);
    case SnapshotFormat::LambdaFunctions:
        return readLambda(root, file);
    case SnapshotFormat::None:
        break;
    }
    return Problem { file, QString(), QStringLiteral("not a runtime snapshot") };
}

} // namespace tideline
