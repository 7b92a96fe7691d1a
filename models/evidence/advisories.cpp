// SPDX-License-Identifier: GPL-3.0-or-later
#include "advisories.h"

#include "domain/cvss.h"
#include "domain/json.h"

namespace tideline::advisories {

namespace {

bool looksOsvRecord(const JsonValue& v)
{
    return v.isObject() && v["id"].isString() && (v["modified"].isString() || v["schema_version"].isString())
        && (v["affected"].isArray() || v["aliases"].isArray() || v.has("withdrawn") || v["summary"].isString() || v["details"].isString());
}

std::optional<Problem> strings(const JsonValue& v, const QString& where, const QString& file, QStringList& out)
{
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    if (!v.isArray())
        return Problem { file, where, QStringLiteral("expected an array of strings") };
    size_t i = 0;
    for (const JsonValue s : v.elements()) {
        if (!s.isString())
            return Problem { file, jsonIndex(where, i), QStringLiteral("expected a string") };
        out << s.qstring();
        ++i;
    }
    return std::nullopt;
}

std::optional<Problem> time(const JsonValue& v, const QString& where, const QString& file, std::optional<Millis>& out)
{
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        return Problem { file, where, QStringLiteral("expected an RFC 3339 time") };
    const auto t = timefmt::parseIso(v.qstring());
    if (!t)
        return Problem { file, where, QStringLiteral("'%1' is not an RFC 3339 time").arg(v.qstring()) };
    out = *t;
    return std::nullopt;
}

AdvisorySeverity severity(const QString& type, const QString& score)
{
    AdvisorySeverity s;
    s.type = type;
    s.vector = score;
    if (type.startsWith(QLatin1String("CVSS_V3")) || score.startsWith(QLatin1String("CVSS:3."))) {
        s.score = cvss::baseScore3(score);
        if (s.score)
            s.rating = cvss::rating(*s.score);
    } else if (cvss::ratingRank(score)) {
        s.rating = score.toLower() == QLatin1String("moderate") ? QStringLiteral("medium") : score.toLower();
    }
    return s;
}

Result<Advisory> readRecord(const JsonValue& r, const QString& where, const QString& file)
{
    auto at = [&](std::string_view key) { return where.isEmpty() ? QString::fromUtf8(key.data(), qsizetype(key.size())) : jsonMember(where, key); };
    if (!r.isObject())
        return Problem { file, where, QStringLiteral("an OSV record is an object") };
    if (!r["id"].isString() || r["id"].qstring().isEmpty())
        return Problem { file, at("id"), QStringLiteral("an OSV record has an id") };
    Advisory a;
    a.id = r["id"].qstring();
    if (!r["modified"].isString())
        return Problem { file, at("modified"), QStringLiteral("an OSV record says when it was modified (required)") };
    for (auto [key, out] : { std::pair<std::string_view, std::optional<Millis>*> { "modified", &a.modified }, { "published", &a.published },
             { "withdrawn", &a.withdrawn } })
        if (auto p = time(r[key], at(key), file, *out))
            return *p;
    if (auto p = strings(r["aliases"], at("aliases"), file, a.aliases))
        return *p;
    a.summary = r["summary"].qstring();
    a.details = r["details"].qstring().left(4000);
    size_t i = 0;
    for (const JsonValue s : r["severity"].elements()) {
        const QString w = jsonIndex(at("severity"), i++);
        if (!s["type"].isString() || !s["score"].isString())
            return Problem { file, w, QStringLiteral("a severity has a type and a score (strings)") };
        a.severities.push_back(severity(s["type"].qstring(), s["score"].qstring()));
    }
    // GitHub's advisories rate in database_specific.severity (LOW, MODERATE, HIGH, CRITICAL).
    if (r["database_specific"]["severity"].isString())
        a.severities.push_back(severity(QStringLiteral("database_specific"), r["database_specific"]["severity"].qstring()));
    for (const JsonValue ref : r["references"].elements())
        if (ref["url"].isString())
            a.references << ref["url"].qstring();
    const JsonValue affected = r["affected"];
    if (affected.isValid() && !affected.isArray())
        return Problem { file, at("affected"), QStringLiteral("expected an array") };
    i = 0;
    for (const JsonValue e : affected.elements()) {
        const QString w = jsonIndex(at("affected"), i++);
        if (!e.isObject())
            return Problem { file, w, QStringLiteral("an affected entry is an object") };
        AffectedPackage p;
        const JsonValue pkg = e["package"];
        if (pkg.isValid()) {
            if (!pkg.isObject())
                return Problem { file, jsonMember(w, "package"), QStringLiteral("expected {ecosystem, name, purl}") };
            for (const char* key : { "ecosystem", "name", "purl" })
                if (pkg[key].isValid() && !pkg[key].isString())
                    return Problem { file, jsonMember(jsonMember(w, "package"), key), QStringLiteral("expected a string") };
            p.ecosystem = pkg["ecosystem"].qstring();
            p.name = pkg["name"].qstring();
            p.purl = pkg["purl"].qstring();
        }
        if (auto problem = strings(e["versions"], jsonMember(w, "versions"), file, p.versions))
            return *problem;
        size_t j = 0;
        for (const JsonValue range : e["ranges"].elements()) {
            const QString rw = jsonIndex(jsonMember(w, "ranges"), j++);
            AdvisoryRange ar;
            ar.type = range["type"].qstring();
            if (ar.type != QLatin1String("SEMVER") && ar.type != QLatin1String("ECOSYSTEM") && ar.type != QLatin1String("GIT"))
                return Problem { file, jsonMember(rw, "type"), QStringLiteral("'%1' is not an OSV range type (SEMVER, ECOSYSTEM, GIT)").arg(ar.type) };
            ar.repo = range["repo"].qstring();
            const JsonValue events = range["events"];
            if (!events.isArray())
                return Problem { file, jsonMember(rw, "events"), QStringLiteral("a range lists its events") };
            size_t k = 0;
            for (const JsonValue ev : events.elements()) {
                const QString ew = jsonIndex(jsonMember(rw, "events"), k++);
                if (!ev.isObject() || ev.size() != 1)
                    return Problem { file, ew, QStringLiteral("an event is one of {introduced}, {fixed}, {last_affected}, {limit}") };
                for (const JsonValue::Member m : ev.members()) {
                    const QString kind = QString::fromUtf8(m.key.data(), qsizetype(m.key.size()));
                    if (kind != QLatin1String("introduced") && kind != QLatin1String("fixed") && kind != QLatin1String("last_affected")
                        && kind != QLatin1String("limit"))
                        return Problem { file, jsonMember(ew, m.key), QStringLiteral("'%1' is not an OSV event").arg(kind) };
                    if (!m.value.isString())
                        return Problem { file, jsonMember(ew, m.key), QStringLiteral("expected a version (a string)") };
                    ar.events.emplace_back(kind, m.value.qstring());
                }
            }
            p.ranges.push_back(std::move(ar));
        }
        size_t k = 0;
        for (const JsonValue s : e["severity"].elements()) {
            const QString sw = jsonIndex(jsonMember(w, "severity"), k++);
            if (!s["type"].isString() || !s["score"].isString())
                return Problem { file, sw, QStringLiteral("a severity has a type and a score (strings)") };
            a.severities.push_back(severity(s["type"].qstring(), s["score"].qstring()));
        }
        a.affected.push_back(std::move(p));
    }
    return a;
}

QStringList productIds(const JsonValue& list)
{
    QStringList out;
    for (const JsonValue p : list.elements()) {
        if (p.isString()) {
            out << p.qstring();
            continue;
        }
        if (p["@id"].isString())
            out << p["@id"].qstring();
        for (const JsonValue::Member m : p["identifiers"].members())
            if (m.value.isString())
                out << m.value.qstring();
        for (const JsonValue::Member m : p["hashes"].members())
            if (m.value.isString() && (m.key == "sha-256" || m.key == "sha256"))
                out << QStringLiteral("sha256:") + m.value.qstring().toLower();
    }
    out.removeDuplicates();
    return out;
}

} // namespace

bool isOsv(const JsonValue& root)
{
    if (root.isArray()) {
        for (const JsonValue first : root.elements())
            return looksOsvRecord(first);
        return false;
    }
    return looksOsvRecord(root);
}

Result<EvidenceFile> readOsv(const JsonValue& root, const QString& file)
{
    EvidenceFile f;
    f.format = QStringLiteral("osv");
    if (root.isArray()) {
        size_t i = 0;
        for (const JsonValue r : root.elements()) {
            Result<Advisory> a = readRecord(r, QStringLiteral("[%1]").arg(i), file);
            if (!a)
                return a.problem();
            a->part = int(i++);
            f.advisories.push_back(std::move(a).value());
        }
    } else {
        Result<Advisory> a = readRecord(root, QString(), file);
        if (!a)
            return a.problem();
        f.advisories.push_back(std::move(a).value());
    }
    return f;
}

bool isOpenVex(const JsonValue& root)
{
    return root.isObject() && root["@context"].stringOr("").find("openvex.dev/ns") != std::string_view::npos;
}

Result<EvidenceFile> readOpenVex(const JsonValue& root, const QString& file)
{
    EvidenceFile f;
    f.format = QStringLiteral("openvex");
    if (!root["statements"].isArray())
        return Problem { file, QStringLiteral("statements"), QStringLiteral("an OpenVEX document lists its statements") };
    std::optional<Millis> docTime;
    if (auto p = time(root["timestamp"], QStringLiteral("timestamp"), file, docTime))
        return *p;
    size_t i = 0;
    for (const JsonValue st : root["statements"].elements()) {
        const QString w = jsonIndex(QStringLiteral("statements"), i++);
        VexStatement s;
        s.format = QStringLiteral("openvex");
        const JsonValue vuln = st["vulnerability"];
        // v0.2 names it {name, aliases}; v0.0.1 as a string.
        if (vuln.isString()) {
            s.vulnerability = vuln.qstring();
        } else if (vuln["name"].isString()) {
            s.vulnerability = vuln["name"].qstring();
            if (auto p = strings(vuln["aliases"], jsonMember(jsonMember(w, "vulnerability"), "aliases"), file, s.aliases))
                return *p;
        } else if (vuln["@id"].isString()) {
            s.vulnerability = vuln["@id"].qstring();
        } else {
            return Problem { file, jsonMember(w, "vulnerability"), QStringLiteral("a statement names its vulnerability") };
        }
        const auto status = vexStatusFromName(st["status"].qstring());
        if (!status)
            return Problem { file, jsonMember(w, "status"),
                QStringLiteral("'%1' is not an OpenVEX status (not_affected, affected, fixed, under_investigation)").arg(st["status"].qstring()) };
        s.status = *status;
        s.products = productIds(st["products"]);
        for (const JsonValue p : st["products"].elements())
            s.subcomponents << productIds(p["subcomponents"]);
        s.subcomponents << productIds(st["subcomponents"]);
        s.subcomponents.removeDuplicates();
        if (s.products.isEmpty())
            return Problem { file, jsonMember(w, "products"), QStringLiteral("a statement names the products it is about") };
        s.justification = st["justification"].qstring();
        s.statement = st["impact_statement"].isString() ? st["impact_statement"].qstring() : st["action_statement"].qstring();
        s.author = root["author"].qstring();
        s.timestamp = docTime;
        if (auto p = time(st["timestamp"], jsonMember(w, "timestamp"), file, s.timestamp))
            return *p;
        s.part = int(f.vex.size());
        f.vex.push_back(std::move(s));
    }
    return f;
}

} // namespace tideline::advisories
