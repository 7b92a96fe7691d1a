// SPDX-License-Identifier: GPL-3.0-or-later
#include "manifest.h"

#include <QStringList>

#include "domain/digest.h"
#include "domain/json.h"
#include "import/snapshotformats.h"

#include <set>

namespace tideline {

std::optional<QString> normaliseRelativePath(const QString& path)
{
    QString p = path;
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (p.startsWith(QLatin1Char('/')) || (p.size() >= 2 && p[1] == QLatin1Char(':')))
        return std::nullopt;
    QStringList parts;
    for (const QString& part : p.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String(".."))
            return std::nullopt;
        parts << part;
    }
    if (parts.isEmpty())
        return std::nullopt;
    return parts.join(QLatin1Char('/'));
}

std::vector<QString> BundleManifest::listedPaths() const
{
    std::set<QString> all;
    for (const auto& [p, v] : snapshots)
        all.insert(p);
    for (const auto& [p, v] : evidence)
        all.insert(p);
    for (const auto& [p, v] : keys)
        all.insert(p);
    for (const auto& [p, v] : sha256)
        all.insert(p);
    return { all.begin(), all.end() };
}

namespace {

struct ManifestReader {
    QString file;
    BundleManifest& m;
    std::optional<Problem> error;

    bool fail(const QString& where, const QString& message)
    {
        if (!error)
            error = Problem { file, where, message };
        return false;
    }

    std::optional<QString> path(const JsonValue& entry, const QString& where)
    {
        const JsonValue p = entry["path"];
        if (!p.isString()) {
            fail(where + QStringLiteral(".path"), p.isValid() ? QStringLiteral("expected a string") : QStringLiteral("required field is missing"));
            return std::nullopt;
        }
        auto norm = normaliseRelativePath(p.qstring());
        if (!norm) {
            fail(where + QStringLiteral(".path"),
                QStringLiteral("'%1' must be a relative path inside the bundle (no '..', not absolute)").arg(p.qstring()));
            return std::nullopt;
        }
        return norm;
    }

    std::optional<QString> string(const JsonValue& v, const QString& where)
    {
        if (!v.isValid() || v.isNull())
            return QString();
        if (!v.isString()) {
            fail(where, QStringLiteral("expected a string, found %1").arg(QString::fromLatin1(v.typeName())));
            return std::nullopt;
        }
        return v.qstring();
    }

    void unknownKeys(const JsonValue& obj, std::initializer_list<std::string_view> known, const QString& where)
    {
        for (const auto& member : obj.members()) {
            bool ok = false;
            for (auto k : known)
                ok = ok || k == member.key;
            if (!ok)
                m.warnings.push_back({ file, jsonMember(where, member.key), QStringLiteral("unknown field, ignored") });
        }
    }

    bool readSnapshots(const JsonValue& list)
    {
        size_t i = 0;
        for (const JsonValue e : list.elements()) {
            const QString w = jsonIndex(QStringLiteral("snapshots"), i++);
            if (!e.isObject())
                return fail(w, QStringLiteral("expected an object"));
            unknownKeys(e, { "path", "environment", "type", "taken_at" }, w);
            const auto p = path(e, w);
            const auto env = string(e["environment"], w + QStringLiteral(".environment"));
            const auto type = string(e["type"], w + QStringLiteral(".type"));
            if (!p || !env || !type)
                return false;
            BundleManifest::Snapshot s;
            s.environment = *env;
            if (!type->isEmpty()) {
                s.type = canonicalType(*type);
                if (s.type.isEmpty())
                    return fail(w + QStringLiteral(".type"),
                        QStringLiteral("'%1' is not an environment type (%2)").arg(*type, environmentTypes().join(QStringLiteral(", "))));
            }
            const JsonValue at = e["taken_at"];
            if (at.isString()) {
                s.takenAt = timefmt::parseIso(at.qstring());
                if (!s.takenAt)
                    return fail(w + QStringLiteral(".taken_at"),
                        QStringLiteral("'%1' is not an ISO 8601 UTC time within 1970..9999").arg(at.qstring()));
            } else if (at.isNumber()) {
                s.takenAt = timefmt::fromUnixSeconds(*at.number());
                if (!s.takenAt)
                    return fail(w + QStringLiteral(".taken_at"), QStringLiteral("time outside 1970..9999"));
            } else if (at.isValid() && !at.isNull()) {
                return fail(w + QStringLiteral(".taken_at"), QStringLiteral("expected an ISO 8601 time"));
            }
            m.snapshots[*p] = s;
        }
        return true;
    }

    bool readEvidence(const JsonValue& list)
    {
        size_t i = 0;
        for (const JsonValue e : list.elements()) {
            const QString w = jsonIndex(QStringLiteral("evidence"), i++);
            if (!e.isObject())
                return fail(w, QStringLiteral("expected an object"));
            unknownKeys(e, { "path", "artifact_fingerprint", "name" }, w);
            const auto p = path(e, w);
            const auto fp = string(e["artifact_fingerprint"], w + QStringLiteral(".artifact_fingerprint"));
            const auto name = string(e["name"], w + QStringLiteral(".name"));
            if (!p || !fp || !name)
                return false;
            BundleManifest::Evidence ev;
            if (!fp->isEmpty()) {
                const auto d = digest::normalize(fp->toStdString());
                if (!d)
                    return fail(w + QStringLiteral(".artifact_fingerprint"),
                        QStringLiteral("'%1' is not a sha256 digest (64 hex characters)").arg(*fp));
                ev.fingerprint = QString::fromStdString(*d);
            }
            ev.name = *name;
            m.evidence[*p] = ev;
        }
        return true;
    }

    bool readKeys(const JsonValue& list)
    {
        size_t i = 0;
        for (const JsonValue e : list.elements()) {
            const QString w = jsonIndex(QStringLiteral("keys"), i++);
            if (!e.isObject())
                return fail(w, QStringLiteral("expected an object"));
            unknownKeys(e, { "path", "name" }, w);
            const auto p = path(e, w);
            const auto name = string(e["name"], w + QStringLiteral(".name"));
            if (!p || !name)
                return false;
            m.keys[*p] = { *name };
        }
        return true;
    }

    bool readHashes(const JsonValue& map)
    {
        for (const auto& member : map.members()) {
            const QString w = jsonMember(QStringLiteral("sha256"), member.key);
            auto p = normaliseRelativePath(QString::fromUtf8(member.key.data(), static_cast<qsizetype>(member.key.size())));
            if (!p)
                return fail(w, QStringLiteral("must be a relative path inside the bundle"));
            const auto v = member.value.string();
            const auto d = v ? digest::normalize(*v) : std::nullopt;
            if (!d)
                return fail(w, QStringLiteral("expected a sha256 digest (64 hex characters)"));
            m.sha256[*p] = QString::fromStdString(*d);
        }
        return true;
    }
};

} // namespace

Result<BundleManifest> readManifest(const QByteArray& bytes, const QString& file, const QString& dir)
{
    JsonDocument doc;
    if (Status s = doc.parse(bytes, file); !s)
        return s.problem();
    const JsonValue root = doc.root();
    BundleManifest m;
    m.file = file;
    m.dir = dir;
    ManifestReader r { file, m, std::nullopt };
    if (!root.isObject())
        return Problem { file, QString(), QStringLiteral("a bundle manifest must be a JSON object") };
    const auto version = root["tideline_bundle"].integer();
    if (!version)
        return Problem { file, QStringLiteral("tideline_bundle"), QStringLiteral("required field is missing or not a number") };
    if (*version != 1)
        return Problem { file, QStringLiteral("tideline_bundle"),
            QStringLiteral("manifest version %1; this Tideline reads version 1").arg(*version) };
    r.unknownKeys(root, { "tideline_bundle", "snapshots", "evidence", "keys", "sha256" }, QString());
    auto list = [&](const char* key) -> std::optional<JsonValue> {
        const JsonValue v = root[key];
        if (!v.isValid() || v.isNull())
            return JsonValue();
        if (!v.isArray()) {
            r.fail(QString::fromLatin1(key), QStringLiteral("expected an array"));
            return std::nullopt;
        }
        return v;
    };
    const auto snaps = list("snapshots");
    const auto evidence = list("evidence");
    const auto keys = list("keys");
    if (!snaps || !evidence || !keys)
        return *r.error;
    if (!r.readSnapshots(*snaps) || !r.readEvidence(*evidence) || !r.readKeys(*keys))
        return *r.error;
    const JsonValue hashes = root["sha256"];
    if (hashes.isValid() && !hashes.isNull()) {
        if (!hashes.isObject())
            return Problem { file, QStringLiteral("sha256"), QStringLiteral("expected an object of path: digest") };
        if (!r.readHashes(hashes))
            return *r.error;
    }
    return m;
}

} // namespace tideline
