// SPDX-License-Identifier: GPL-3.0-or-later
#include "kosli.h"

#include "domain/digest.h"
#include "domain/json.h"
#include "domain/yaml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

namespace tideline::kosli {

namespace {

std::optional<Millis> timeOf(const JsonValue& v)
{
    if (v.isNumber())
        return timefmt::fromUnixSeconds(*v.number());
    if (v.isString())
        return timefmt::parseIso(v.qstring());
    return std::nullopt;
}

// Times read with their place: one present but outside 1970..9999 is kept as the file's problem (the first such),
// where timeOf alone would pass it over as if it were absent.
struct Times {
    QString file;
    std::optional<Problem> problem;

    std::optional<Millis> at(const JsonValue& v, const QString& where)
    {
        const std::optional<Millis> t = timeOf(v);
        if (t || problem)
            return t;
        if (v.isNumber())
            problem = Problem { file, where, QStringLiteral("time %1 is outside 1970..9999").arg(QString::fromStdString(v.toJson())) };
        else if (v.isString() && timefmt::isOutOfRangeIso(v.qstring()))
            problem = Problem { file, where, QStringLiteral("time '%1' is outside 1970..9999").arg(v.qstring()) };
        return t;
    }
};

std::optional<bool> boolOf(const JsonValue& v) { return v.boolean(); }

QString fingerprintOf(const JsonValue& v)
{
    const auto d = digest::normalize(v.stringOr(""));
    return d ? QString::fromStdString(*d) : QString();
}

// "COMPLIANT", "NON-COMPLIANT", true, false, "true", "false": what an override sets.
std::optional<bool> complianceValue(const JsonValue& v)
{
    if (auto b = v.boolean())
        return b;
    const QString s = v.qstring().toUpper().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (s == QLatin1String("COMPLIANT") || s == QLatin1String("TRUE"))
        return true;
    if (s == QLatin1String("NON-COMPLIANT") || s == QLatin1String("INCOMPLIANT") || s == QLatin1String("FALSE"))
        return false;
    return std::nullopt;
}

bool isAttestationObject(const JsonValue& v) { return v.isObject() && v["attestation_name"].isString() && v.has("attestation_type"); }

bool isArtifactObject(const JsonValue& v)
{
    return v.isObject() && v["fingerprint"].isString() && !v.has("attestation_type")
        && (v.has("flow_name") || v.has("template_reference_name") || v.has("git_commit"));
}

struct EventInfo {
    Millis at = 0;
    QString type; // the event's type
    QString attestationType;
    QString name;
    QString target; // template artifact name
    QString fingerprint;
    std::optional<bool> compliant;
};

QString flowFromUrl(const QString& url)
{
    static const QRegularExpression re(QStringLiteral("/flows/([^/]+)/trails/"));
    const auto m = re.match(url);
    return m.hasMatch() ? m.captured(1) : QString();
}

EvidenceItem attestationItem(const QString& flow, const QString& trail, const QString& name, const QString& type, std::optional<bool> compliant,
    const QString& id, std::optional<Millis> at, QJsonObject summary)
{
    EvidenceItem item;
    EvidenceRecord& r = item.record;
    r.kind = QStringLiteral("kosli-attestation");
    r.format = QStringLiteral("kosli-trail");
    r.name = name;
    r.type = type;
    r.compliant = compliant;
    r.kosliId = id;
    r.flow = flow;
    r.trail = trail;
    r.createdAt = at;
    summary.insert(QStringLiteral("attestation_type"), type);
    if (!id.isEmpty())
        summary.insert(QStringLiteral("attestation_id"), id);
    r.summary = summaryText(summary);
    return item;
}

// Checks a template's YAML tree against schema v1 (additionalProperties: false everywhere).
struct TemplateReader {
    QString file;
    std::optional<Problem> error;
    FlowTemplate out;

    bool fail(const YAML::Node& n, const QString& message)
    {
        if (!error)
            error = Problem { file, n.Mark().is_null() ? QString() : QStringLiteral("line %1").arg(n.Mark().line + 1), message };
        return false;
    }

    static bool validType(const QString& t)
    {
        static const std::set<QString> builtIn { QStringLiteral("generic"), QStringLiteral("junit"), QStringLiteral("snyk"),
            QStringLiteral("pull_request"), QStringLiteral("jira"), QStringLiteral("sonar"), QStringLiteral("decision"), QStringLiteral("*") };
        return builtIn.count(t) || (t.startsWith(QLatin1String("custom:")) && t.size() > 7);
    }

    static QString scalar(const YAML::Node& n) { return QString::fromStdString(n.Scalar()); }

    bool keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const QString& what)
    {
        for (const auto& kv : map) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            bool ok = false;
            for (const char* a : allowed)
                ok = ok || key == a;
            if (!ok)
                return fail(kv.first, QStringLiteral("%1: unknown field '%2'").arg(what, QString::fromStdString(key)));
        }
        return true;
    }

    bool attestations(const YAML::Node& list, const QString& artifact, const QString& what)
    {
        if (!list || list.IsNull())
            return true;
        if (!list.IsSequence())
            return fail(list, QStringLiteral("%1.attestations must be a list").arg(what));
        std::set<QString> names;
        for (size_t i = 0; i < list.size(); ++i) {
            const YAML::Node a = list[i];
            const QString w = QStringLiteral("%1.attestations[%2]").arg(what).arg(i);
            if (!a.IsMap())
                return fail(a, w + QStringLiteral(" must be a mapping with name and type"));
            if (!keys(a, { "name", "type" }, w))
                return false;
            if (!a["name"] || !a["name"].IsScalar() || a["name"].Scalar().empty())
                return fail(a, w + QStringLiteral(".name is required"));
            if (!a["type"] || !a["type"].IsScalar())
                return fail(a, w + QStringLiteral(".type is required"));
            const QString name = scalar(a["name"]), type = scalar(a["type"]);
            if (!validType(type))
                return fail(a["type"], QStringLiteral("%1.type '%2' is not an attestation type (generic, junit, snyk, pull_request, jira, sonar, "
                                                      "custom:<name>, decision or *)")
                                           .arg(w, type));
            if (!names.insert(name).second)
                return fail(a, QStringLiteral("%1: attestation name '%2' appears twice").arg(w, name));
            if (out.requirements.size() > 10000)
                return fail(a, QStringLiteral("too many attestations"));
            out.requirements.push_back({ artifact, name, type });
        }
        return true;
    }

    bool read(const YAML::Node& root)
    {
        if (!root.IsMap())
            return fail(root, QStringLiteral("a flow template is a mapping with version and trail"));
        if (!keys(root, { "version", "trail" }, QStringLiteral("template")))
            return false;
        if (const YAML::Node v = root["version"]; v && !(v.IsScalar() && v.Scalar() == "1"))
            return fail(v, QStringLiteral("version must be 1"));
        const YAML::Node trail = root["trail"];
        if (!trail || trail.IsNull())
            return true;
        if (!trail.IsMap())
            return fail(trail, QStringLiteral("trail must be a mapping of attestations and artifacts"));
        if (!keys(trail, { "attestations", "artifacts" }, QStringLiteral("trail")))
            return false;
        if (!attestations(trail["attestations"], QString(), QStringLiteral("trail")))
            return false;
        const YAML::Node artifacts = trail["artifacts"];
        if (!artifacts || artifacts.IsNull())
            return true;
        if (!artifacts.IsSequence())
            return fail(artifacts, QStringLiteral("trail.artifacts must be a list"));
        for (size_t i = 0; i < artifacts.size(); ++i) {
            const YAML::Node a = artifacts[i];
            const QString w = QStringLiteral("trail.artifacts[%1]").arg(i);
            if (!a.IsMap())
                return fail(a, w + QStringLiteral(" must be a mapping with name and attestations"));
            if (!keys(a, { "name", "attestations" }, w))
                return false;
            if (!a["name"] || !a["name"].IsScalar() || a["name"].Scalar().empty())
                return fail(a, w + QStringLiteral(".name is required"));
            const QString name = scalar(a["name"]);
            if (out.artifacts.contains(name))
                return fail(a, QStringLiteral("%1: artifact '%2' appears twice").arg(w, name));
            out.artifacts << name;
            if (!attestations(a["attestations"], name, w))
                return false;
        }
        return true;
    }
};

} // namespace

QString normaliseType(const QString& type)
{
    if (type == QLatin1String("system:decision") || type == QLatin1String("system"))
        return QStringLiteral("decision");
    return type;
}

bool isTrail(const JsonValue& root)
{
    return root.isObject() && root["name"].isString() && root["compliance_status"].isObject()
        && (root.has("events") || root.has("template") || root.has("flow") || root.has("compliance_state"));
}

namespace {

// Kosli prints one record as an object and several as an array: each record, with the JSON path it is at.
struct Record {
    JsonValue value;
    QString where;
};
std::vector<Record> records(const JsonValue& root)
{
    if (!root.isArray())
        return { { root, QString() } };
    std::vector<Record> out;
    size_t i = 0;
    for (const JsonValue v : root.elements())
        out.push_back({ v, jsonIndex(QString(), i++) });
    return out;
}

// Whether a record (or the first of an array of them) is of a kind.
template <typename Is>
bool firstRecordIs(const JsonValue& root, Is is)
{
    if (root.isArray())
        return root.size() > 0 && is(*root.elements().begin());
    return is(root);
}

} // namespace

bool isAttestationRecord(const JsonValue& root) { return firstRecordIs(root, isAttestationObject); }

bool isArtifactRecord(const JsonValue& root) { return firstRecordIs(root, isArtifactObject); }

bool isFlowTemplateJson(const JsonValue& root)
{
    // A template says its version; `kosli evaluate` inputs are {"trail": …} too, without one.
    if (!root.isObject() || root.size() == 0 || !root.has("trail") || !root.has("version"))
        return false;
    for (const auto& m : root.members())
        if (m.key != "version" && m.key != "trail")
            return false;
    return true;
}

Result<FlowTemplate> readFlowTemplate(const QByteArray& text, const QString& file)
{
    TemplateReader reader { file, std::nullopt, {} };
    Result<YAML::Node> root = loadYaml(text, file);
    if (!root)
        return root.problem();
    try {
        if (!reader.read(*root))
            return *reader.error;
    } catch (const YAML::Exception& e) {
        return Problem { file, yamlWhere(e.mark), QStringLiteral("malformed YAML: ") + QString::fromStdString(e.msg) };
    }
    reader.out.content = QString::fromUtf8(text);
    return reader.out;
}

std::optional<Result<FlowTemplate>> tryReadFlowTemplate(const QByteArray& text, const QString& file)
{
    // Templates are small; anything else is not one.
    if (text.size() > (1 << 20) || text.contains('\0'))
        return std::nullopt;
    Result<YAML::Node> loaded = loadYaml(text, file);
    if (!loaded) {
        // Broken YAML is a broken template only when it is shaped like one; otherwise it is some other text.
        static const QRegularExpression shaped(QStringLiteral("^(version|trail)\\s*:"), QRegularExpression::MultilineOption);
        const QString s = QString::fromUtf8(text);
        if (s.contains(shaped) && s.contains(QRegularExpression(QStringLiteral("^trail\\s*:"), QRegularExpression::MultilineOption)))
            return Result<FlowTemplate>(loaded.problem());
        return std::nullopt;
    }
    const YAML::Node root = *loaded;
    if (!root.IsMap() || root.size() == 0)
        return std::nullopt;
    try {
        for (const auto& kv : root) {
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (key != "version" && key != "trail")
                return std::nullopt;
        }
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    return readFlowTemplate(text, file);
}

Result<EvidenceFile> readTrail(const JsonValue& root, const QString& file)
{
    EvidenceFile out;
    out.format = QStringLiteral("kosli-trail");
    ParsedTrail pt;
    TrailRecord& t = pt.trail;
    t.name = root["name"].qstring();
    t.flow = root["flow"]["name"].qstring();
    if (t.flow.isEmpty())
        t.flow = flowFromUrl(root["html_url"].qstring());
    if (t.name.isEmpty())
        return Problem { file, QStringLiteral("name"), QStringLiteral("the trail has no name") };
    if (t.flow.isEmpty())
        return Problem { file, QStringLiteral("flow"), QStringLiteral("the trail does not say which flow it belongs to (flow.name or html_url)") };
    const JsonValue status = root["compliance_status"];
    t.complianceState = root["compliance_state"].isString() ? root["compliance_state"].qstring() : status["status"].qstring();
    t.isCompliant = root.has("is_compliant") ? boolOf(root["is_compliant"]) : boolOf(status["is_compliant"]);
    Times times { file, {} };
    t.createdAt = times.at(root["created_at"], QStringLiteral("created_at"));
    t.modifiedAt = times.at(root["last_modified_at"], QStringLiteral("last_modified_at"));
    t.gitCommit = root["git_commit_info"]["sha1"].qstring();
    t.detail = QString::fromStdString(status.toJson());
    if (root["flow"]["tags"].isObject())
        t.flowTags = QString::fromStdString(root["flow"]["tags"].toJson());

    // The trail's template: its YAML as written, else the parsed form.
    const JsonValue tmpl = root["template"];
    if (tmpl.isObject()) {
        Result<FlowTemplate> ft = tmpl["content"].isString()
            ? readFlowTemplate(tmpl["content"].qstring().toUtf8(), file)
            : readFlowTemplate(QByteArray("{\"version\":") + QByteArray::fromStdString(tmpl["version"].isValid() ? tmpl["version"].toJson() : "1")
                    + ",\"trail\":" + QByteArray::fromStdString(tmpl["trail"].isValid() ? tmpl["trail"].toJson() : "null") + "}",
                file);
        if (!ft) {
            Problem p = ft.problem();
            p.where = QStringLiteral("template") + (p.where.isEmpty() ? QString() : QStringLiteral(" (") + p.where + QLatin1Char(')'));
            out.warnings.push_back(p);
        } else {
            pt.flowTemplate = std::move(ft).value();
            pt.flowTemplate->flow = t.flow;
        }
    }

    // No template printed: what the trail expected is in its status (entries not flagged unexpected, made or MISSING).
    if (!pt.flowTemplate && !tmpl.isObject()) {
        FlowTemplate derived;
        derived.flow = t.flow;
        derived.content = QStringLiteral("# derived from the trail's compliance_status: the export printed no template\nversion: 1\n");
        auto expected = [&](const JsonValue& list, const QString& artifact) {
            for (const JsonValue s : list.elements())
                if (!s["unexpected"].boolean().value_or(false) && s["attestation_name"].isString())
                    derived.requirements.push_back({ artifact, s["attestation_name"].qstring(), s["attestation_type"].qstring() });
        };
        expected(status["attestations_statuses"], QString());
        for (const auto& m : status["artifacts_statuses"].members()) {
            if (m.value["unexpected"].boolean().value_or(false))
                continue;
            const QString name = QString::fromUtf8(m.key.data(), static_cast<qsizetype>(m.key.size()));
            derived.artifacts << name;
            expected(m.value["attestations_statuses"], name);
        }
        pt.flowTemplate = std::move(derived);
    }

    // Events: when each attestation was made, and attestations no longer in the status (earlier ones of a name).
    std::map<QString, EventInfo> byId;
    std::vector<std::pair<QString, EventInfo>> ordered;
    std::map<QString, QString> fingerprintOfArtifact; // template name -> fingerprint
    struct Creation {
        QString fingerprint, artifactName, templateName;
        Millis at = 0;
    };
    std::vector<Creation> creations;
    size_t eventIndex = 0;
    for (const JsonValue e : root["events"].elements()) {
        EventInfo info;
        info.at = times.at(e["timestamp"], jsonIndex(QStringLiteral("events"), eventIndex++) + QStringLiteral(".timestamp")).value_or(0);
        info.type = e["type"].qstring();
        info.attestationType = e["attestation_type"].qstring();
        info.name = e["template_reference_name"].qstring();
        info.target = e["target_artifact"].qstring();
        info.fingerprint = fingerprintOf(e["artifact_fingerprint"]);
        info.compliant = boolOf(e["is_compliant"]);
        if (info.type == QLatin1String("artifact_creation_reported") && !info.fingerprint.isEmpty()) {
            creations.push_back({ info.fingerprint, e["artifact_name"].qstring(), info.name, info.at });
            fingerprintOfArtifact[info.name] = info.fingerprint;
        }
        const QString id = e["attestation_id"].qstring();
        if (!id.isEmpty() && !info.attestationType.isEmpty()) {
            byId[id] = info;
            ordered.emplace_back(id, info);
        }
    }

    // Artifacts: provenance for every fingerprint the trail holds.
    std::set<QString> trailFingerprints;
    std::set<std::pair<QString, QString>> provenanceSeen;
    const JsonValue artifacts = status["artifacts_statuses"];
    for (const auto& m : artifacts.members()) {
        const QString templateName = QString::fromUtf8(m.key.data(), static_cast<qsizetype>(m.key.size()));
        const QString fp = fingerprintOf(m.value["artifact_fingerprint"]);
        if (fp.isEmpty())
            continue;
        fingerprintOfArtifact[templateName] = fp;
        trailFingerprints.insert(fp);
        ProvenanceRecord p;
        p.fingerprint = fp;
        p.flow = t.flow;
        p.trail = t.name;
        p.templateName = templateName;
        p.status = m.value["status"].qstring();
        p.isCompliant = boolOf(m.value["is_compliant"]);
        for (const Creation& c : creations)
            if (c.fingerprint == fp && c.templateName == templateName) {
                p.artifactName = c.artifactName;
                p.createdAt = c.at;
            }
        provenanceSeen.insert({ fp, templateName });
        out.provenance.push_back(p);
    }
    for (const Creation& c : creations) {
        trailFingerprints.insert(c.fingerprint);
        if (!provenanceSeen.insert({ c.fingerprint, c.templateName }).second)
            continue;
        ProvenanceRecord p;
        p.fingerprint = c.fingerprint;
        p.flow = t.flow;
        p.trail = t.name;
        p.templateName = c.templateName;
        p.artifactName = c.artifactName;
        p.createdAt = c.at;
        out.provenance.push_back(p);
    }

    const std::optional<Millis> evaluatedAt = times.at(status["evaluated_at"], QStringLiteral("compliance_status.evaluated_at"));
    if (times.problem)
        return *times.problem;
    std::set<QString> done;
    auto bindTrailLevel = [&](EvidenceItem& item) {
        for (const QString& fp : trailFingerprints)
            item.bindings.push_back({ fp, item.record.name, QStringLiteral("kosli-trail"), QStringLiteral("trail"),
                item.record.createdAt.value_or(evaluatedAt.value_or(0)) });
    };
    auto fromStatus = [&](const JsonValue& s, const QString& artifact, const QString& fp) {
        const QString id = s["attestation_id"].qstring();
        const QString state = s["status"].qstring();
        if (state == QLatin1String("MISSING") || (id.isEmpty() && state != QLatin1String("COMPLETE")))
            return; // not made: the template evaluation names it
        std::optional<Millis> at;
        if (auto it = byId.find(id); it != byId.end())
            at = it->second.at;
        QJsonObject summary { { QStringLiteral("status"), state }, { QStringLiteral("unexpected"), s["unexpected"].boolean().value_or(false) } };
        if (!artifact.isEmpty())
            summary.insert(QStringLiteral("artifact"), artifact);
        if (s["is_compliant"].isNull())
            summary.insert(QStringLiteral("note"), QStringLiteral("pending: Kosli has not decided its compliance"));
        EvidenceItem item = attestationItem(t.flow, t.name, s["attestation_name"].qstring(), s["attestation_type"].qstring(),
            boolOf(s["is_compliant"]), id, at, summary);
        item.record.overrides = s["overridden_attestation_id"].qstring();
        if (artifact.isEmpty())
            bindTrailLevel(item);
        else if (!fp.isEmpty())
            item.bindings.push_back({ fp, item.record.name, QStringLiteral("kosli-trail"), artifact, at.value_or(evaluatedAt.value_or(0)) });
        if (!id.isEmpty())
            done.insert(id);
        item.record.part = static_cast<int>(out.items.size());
        out.items.push_back(std::move(item));
    };
    for (const JsonValue s : status["attestations_statuses"].elements())
        fromStatus(s, QString(), QString());
    for (const auto& m : artifacts.members()) {
        const QString templateName = QString::fromUtf8(m.key.data(), static_cast<qsizetype>(m.key.size()));
        for (const JsonValue s : m.value["attestations_statuses"].elements())
            fromStatus(s, templateName, fingerprintOf(m.value["artifact_fingerprint"]));
    }
    // Attestations the events record but the status no longer shows: superseded by a later one of the same name.
    for (const auto& [id, e] : ordered) {
        if (done.count(id))
            continue;
        done.insert(id);
        QJsonObject summary { { QStringLiteral("status"), QStringLiteral("COMPLETE") }, { QStringLiteral("event"), e.type },
            { QStringLiteral("note"), QStringLiteral("recorded in the trail's events, not in its current status") } };
        if (!e.target.isEmpty())
            summary.insert(QStringLiteral("artifact"), e.target);
        EvidenceItem item = attestationItem(t.flow, t.name, e.name, e.attestationType, e.compliant, id, e.at, summary);
        const QString fp = !e.fingerprint.isEmpty() ? e.fingerprint
            : fingerprintOfArtifact.count(e.target) ? fingerprintOfArtifact[e.target]
                                                     : QString();
        if (e.target.isEmpty() && e.fingerprint.isEmpty())
            bindTrailLevel(item);
        else if (!fp.isEmpty())
            item.bindings.push_back({ fp, item.record.name, QStringLiteral("kosli-trail"), e.target, e.at });
        item.record.part = static_cast<int>(out.items.size());
        out.items.push_back(std::move(item));
    }
    out.trail = std::move(pt);
    return out;
}

Result<EvidenceFile> readAttestations(const JsonValue& root, const QString& file)
{
    EvidenceFile out;
    out.format = QStringLiteral("kosli-attestation");
    for (const auto& [a, where] : records(root)) {
        if (!isAttestationObject(a))
            return Problem { file, where, QStringLiteral("not a Kosli attestation (attestation_name and attestation_type)") };
        const QString type = a["attestation_type"].qstring();
        std::optional<bool> compliant = boolOf(a["is_compliant"]);
        QJsonObject summary;
        for (const char* key : { "html_url", "evidence_archive_fingerprint", "origin_url", "reason", "original_attestation_type", "type_name" })
            if (a[key].isString())
                summary.insert(QString::fromLatin1(key), a[key].qstring());
        if (a["target_artifacts"].isArray())
            summary.insert(QStringLiteral("target_artifacts"), QJsonDocument::fromJson(QByteArray::fromStdString(a["target_artifacts"].toJson())).array());
        // Re-decide from the results where they are given: failures or vulnerabilities are never compliant.
        if (a["junit_results"].isArray()) {
            qint64 tests = 0, failures = 0, errors = 0, skipped = 0;
            for (const JsonValue s : a["junit_results"].elements()) {
                tests += s["total"].integer().value_or(0);
                failures += s["failures"].integer().value_or(0);
                errors += s["errors"].integer().value_or(0);
                skipped += s["skipped"].integer().value_or(0);
            }
            summary.insert(QStringLiteral("tests"), tests);
            summary.insert(QStringLiteral("failures"), failures);
            summary.insert(QStringLiteral("errors"), errors);
            summary.insert(QStringLiteral("skipped"), skipped);
            if (failures + errors > 0)
                compliant = false;
        }
        for (const char* key : { "snyk_results", "processed_snyk_results" }) {
            const JsonValue snyk = a[key];
            if (!snyk.isObject())
                continue;
            qint64 found = 0;
            for (const JsonValue r : snyk["results"].elements())
                found += r["high_count"].integer().value_or(0) + r["medium_count"].integer().value_or(0) + r["low_count"].integer().value_or(0);
            summary.insert(QStringLiteral("vulnerabilities"), found);
            if (found > 0)
                compliant = false;
        }
        QString overrides;
        if (type == QLatin1String("override")) {
            compliant = complianceValue(a["new_compliance_status"]);
            overrides = a["overridden_attestation_id"].isString() ? a["overridden_attestation_id"].qstring() : a["original_attestation_id"].qstring();
        } else if (!a.has("is_compliant") && a["attestation_data"].isObject()) {
            compliant = boolOf(a["attestation_data"]["is_compliant"]); // decision
        }
        Times times { file, {} };
        const std::optional<Millis> created = times.at(a["created_at"], jsonMember(where, "created_at"));
        if (times.problem)
            return *times.problem;
        EvidenceItem item = attestationItem(a["flow_name"].qstring(), a["trail_name"].qstring(), a["attestation_name"].qstring(), type, compliant,
            a["attestation_id"].qstring(), created, summary);
        item.record.format = QStringLiteral("kosli-attestation");
        item.record.overrides = overrides;
        const QString fp = fingerprintOf(a["artifact_fingerprint"]);
        if (!fp.isEmpty())
            item.bindings.push_back({ fp, item.record.name, QStringLiteral("kosli-attestation"), QString(), item.record.createdAt.value_or(0) });
        else if (a["artifact_fingerprint"].isString() && !a["artifact_fingerprint"].stringOr("").empty())
            out.warnings.push_back({ file, where + QStringLiteral(".artifact_fingerprint"), QStringLiteral("not a sha256 fingerprint: the attestation stays unbound") });
        item.record.part = static_cast<int>(out.items.size());
        out.items.push_back(std::move(item));
    }
    return out;
}

Result<EvidenceFile> readArtifacts(const JsonValue& root, const QString& file)
{
    EvidenceFile out;
    out.format = QStringLiteral("kosli-artifact");
    for (const auto& [a, where] : records(root)) {
        const QString fp = fingerprintOf(a["fingerprint"]);
        if (fp.isEmpty()) {
            out.warnings.push_back({ file, jsonMember(where, "fingerprint"), QStringLiteral("not a sha256 fingerprint: artifact ignored") });
            continue;
        }
        ProvenanceRecord p;
        p.fingerprint = fp;
        p.flow = a["flow_name"].qstring();
        p.trail = a["trail_name"].qstring();
        p.templateName = a["template_reference_name"].qstring();
        p.artifactName = a["filename"].isString() ? a["filename"].qstring() : a["name"].qstring();
        p.status = a["state"].qstring();
        if (a.has("is_compliant"))
            p.isCompliant = boolOf(a["is_compliant"]);
        else if (p.status == QLatin1String("COMPLIANT"))
            p.isCompliant = true;
        else if (p.status == QLatin1String("NON-COMPLIANT") || p.status == QLatin1String("INCOMPLETE"))
            p.isCompliant = false;
        Times times { file, {} };
        p.createdAt = times.at(a["created_at"], jsonMember(where, "created_at"));
        if (times.problem)
            return *times.problem;
        if (p.flow.isEmpty())
            out.warnings.push_back({ file, where, QStringLiteral("the artifact names no flow: its provenance is unknown") });
        out.provenance.push_back(p);
    }
    if (out.provenance.empty())
        return Problem { file, QString(), QStringLiteral("no artifact with a sha256 fingerprint") };
    return out;
}

} // namespace tideline::kosli
