// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy.h"

#include "domain/cvss.h"
#include "domain/json.h"
#include "domain/yaml.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <set>

namespace tideline {

namespace {

const QString kSchemaHelp = QStringLiteral("https://docs.kosli.com/schemas/policy/v1");

bool knownType(const QString& t)
{
    static const std::set<QString> builtIn = { QStringLiteral("generic"), QStringLiteral("junit"), QStringLiteral("snyk"),
        QStringLiteral("pull_request"), QStringLiteral("jira"), QStringLiteral("sonar"), QStringLiteral("decision"), QStringLiteral("*") };
    return builtIn.count(t) || (t.startsWith(QLatin1String("custom:")) && t.size() > 7);
}

// The schema URL's path must end with /v<n>; only v1 exists.
std::optional<QString> schemaProblem(const QString& url)
{
    static const QRegularExpression re(QStringLiteral("/v(\\d+)/?$"));
    const auto m = re.match(url);
    if (!m.hasMatch())
        return QStringLiteral("'%1' is not a policy schema URL (its path must end with /v1, e.g. %2)").arg(url, kSchemaHelp);
    if (m.captured(1) != QLatin1String("1"))
        return QStringLiteral("policy schema version %1 is not one this Tideline reads (v1)").arg(m.captured(1));
    return std::nullopt;
}

class YamlReader {
public:
    YamlReader(const QString& file)
        : m_file(file)
    {
    }

    Problem fail(const YAML::Node& n, const QString& path, const QString& message) const
    {
        QString where = path;
        if (n.IsDefined() && n.Mark().line >= 0)
            where += QStringLiteral(" (line %1)").arg(n.Mark().line + 1);
        return Problem { m_file, where, message };
    }

    static QString str(const YAML::Node& n) { return QString::fromStdString(n.Scalar()); }

    std::optional<Problem> onlyKeys(const YAML::Node& map, const QString& path, std::initializer_list<const char*> keys) const
    {
        for (const auto& kv : map) {
            const QString key = QString::fromStdString(kv.first.as<std::string>());
            bool ok = false;
            for (const char* k : keys)
                ok = ok || key == QLatin1String(k);
            if (!ok) {
                QStringList allowed;
                for (const char* k : keys)
                    allowed << QString::fromLatin1(k);
                return fail(kv.first, path.isEmpty() ? key : path + QLatin1Char('.') + key,
                    QStringLiteral("unknown key '%1' (allowed here: %2)").arg(key, allowed.join(QStringLiteral(", "))));
            }
        }
        return std::nullopt;
    }

    Result<bool> boolean(const YAML::Node& n, const QString& path) const
    {
        if (n.IsScalar()) {
            const std::string s = n.Scalar();
            if (s == "true" || s == "True" || s == "TRUE")
                return true;
            if (s == "false" || s == "False" || s == "FALSE")
                return false;
        }
        return fail(n, path, QStringLiteral("expected true or false"));
    }

    // `if`: "${{ … }}", {text: "…"} or null.
    Result<std::optional<Expression>> condition(const YAML::Node& n, const QString& path) const
    {
        if (!n.IsDefined() || n.IsNull())
            return std::optional<Expression>();
        QString text;
        if (n.IsScalar()) {
            text = str(n);
        } else if (n.IsMap()) {
            if (auto p = onlyKeys(n, path, { "text" }))
                return *p;
            if (!n["text"].IsScalar())
                return fail(n, path + QStringLiteral(".text"), QStringLiteral("expected the expression's text"));
            text = str(n["text"]);
        } else {
            return fail(n, path, QStringLiteral("expected an expression such as ${{ flow.name == \"x\" }}"));
        }
        Result<Expression> e = Expression::parse(text);
        if (!e)
            return fail(n, path, e.problem().message + (e.problem().where.isEmpty() ? QString() : QStringLiteral(" (") + e.problem().where + QLatin1Char(')')));
        return std::optional<Expression>(*e);
    }

    Result<Policy::Gate> gate(const YAML::Node& n, const QString& path, bool canBeSigned = false) const
    {
        Policy::Gate g;
        if (n.IsNull())
            return g;
        if (!n.IsMap())
            return fail(n, path, canBeSigned ? QStringLiteral("expected a map with required, signed and exceptions")
                                             : QStringLiteral("expected a map with required and exceptions"));
        if (auto p = canBeSigned ? onlyKeys(n, path, { "required", "signed", "exceptions" }) : onlyKeys(n, path, { "required", "exceptions" }))
            return *p;
        if (n["required"].IsDefined()) {
            Result<bool> r = boolean(n["required"], path + QStringLiteral(".required"));
            if (!r)
                return r.problem();
            g.required = *r;
        }
        if (canBeSigned && n["signed"].IsDefined()) {
            Result<bool> r = boolean(n["signed"], path + QStringLiteral(".signed"));
            if (!r)
                return r.problem();
            g.mustBeSigned = *r;
            if (g.mustBeSigned && !n["required"].IsDefined())
                g.required = true; // signed provenance is provenance required
        }
        const YAML::Node ex = n["exceptions"];
        if (ex.IsDefined() && !ex.IsNull()) {
            if (!ex.IsSequence())
                return fail(ex, path + QStringLiteral(".exceptions"), QStringLiteral("expected a list of {if: …}"));
            for (size_t i = 0; i < ex.size(); ++i) {
                const QString p = QStringLiteral("%1.exceptions[%2]").arg(path).arg(i);
                if (!ex[i].IsMap())
                    return fail(ex[i], p, QStringLiteral("expected {if: ${{ … }}}"));
                if (auto pr = onlyKeys(ex[i], p, { "if" }))
                    return *pr;
                Result<std::optional<Expression>> c = condition(ex[i]["if"], p + QStringLiteral(".if"));
                if (!c)
                    return c.problem();
                if (*c)
                    g.exceptions.push_back(**c);
            }
        }
        return g;
    }

    // {required, min-severity, exceptions}: a gate with a severity bar.
    Result<Policy::VulnerabilityGate> vulnerabilityGate(const YAML::Node& n, const QString& path) const
    {
        Policy::VulnerabilityGate g;
        if (n.IsNull())
            return g;
        if (!n.IsMap())
            return fail(n, path, QStringLiteral("expected a map with required, min-severity and exceptions"));
        YAML::Node gateOnly(YAML::NodeType::Map);
        for (const auto& kv : n) {
            const std::string key = kv.first.as<std::string>();
            if (key != "min-severity")
                gateOnly[key] = kv.second;
        }
        if (auto p = onlyKeys(n, path, { "required", "min-severity", "exceptions" }))
            return *p;
        Result<Policy::Gate> base = gate(gateOnly, path);
        if (!base)
            return base.problem();
        static_cast<Policy::Gate&>(g) = *base;
        const YAML::Node sev = n["min-severity"];
        if (sev.IsDefined() && !sev.IsNull()) {
            const auto rank = sev.IsScalar() ? cvss::ratingRank(str(sev)) : std::nullopt;
            if (!rank || str(sev).toLower() == QLatin1String("moderate") || str(sev).toLower() == QLatin1String("important"))
                return fail(sev, path + QStringLiteral(".min-severity"), QStringLiteral("expected none, low, medium, high or critical"));
            g.minSeverity = str(sev).toLower();
            g.minRank = *rank;
        }
        return g;
    }

    Result<Policy::AttestationRule> attestation(const YAML::Node& n, const QString& path) const
    {
        if (!n.IsMap())
            return fail(n, path, QStringLiteral("expected a map with name, type, if, must_be_compliant"));
        if (auto p = onlyKeys(n, path, { "name", "type", "if", "must_be_compliant", "for_control", "signer" }))
            return *p;
        Policy::AttestationRule r;
        if (!n["type"].IsDefined())
            return fail(n, path + QStringLiteral(".type"), QStringLiteral("required key is missing"));
        if (!n["type"].IsScalar())
            return fail(n["type"], path + QStringLiteral(".type"), QStringLiteral("expected a string"));
        r.type = str(n["type"]);
        if (!knownType(r.type))
            return fail(n["type"], path + QStringLiteral(".type"),
                QStringLiteral("'%1' is not an attestation type (generic, junit, snyk, pull_request, jira, sonar, custom:<name>, decision, *)").arg(r.type));
        if (n["name"].IsDefined()) {
            if (!n["name"].IsScalar())
                return fail(n["name"], path + QStringLiteral(".name"), QStringLiteral("expected a string"));
            r.name = str(n["name"]);
        }
        if (r.name == QLatin1String("*") && r.type == QLatin1String("*"))
            return fail(n, path, QStringLiteral("name and type cannot both be '*'"));
        Result<std::optional<Expression>> c = condition(n["if"], path + QStringLiteral(".if"));
        if (!c)
            return c.problem();
        r.condition = *c;
        if (n["must_be_compliant"].IsDefined()) {
            Result<bool> b = boolean(n["must_be_compliant"], path + QStringLiteral(".must_be_compliant"));
            if (!b)
                return b.problem();
            r.mustBeCompliant = *b;
        }
        const YAML::Node fc = n["for_control"];
        if (fc.IsDefined() && !fc.IsNull()) {
            if (!fc.IsScalar())
                return fail(fc, path + QStringLiteral(".for_control"), QStringLiteral("expected a string"));
            if (r.type != QLatin1String("decision"))
                return fail(fc, path + QStringLiteral(".for_control"), QStringLiteral("for_control is only valid for type decision"));
            r.forControl = str(fc);
        }
        if (n["signer"].IsDefined() && !n["signer"].IsNull()) {
            Result<Policy::Signer> signer = this->signer(n["signer"], path + QStringLiteral(".signer"));
            if (!signer)
                return signer.problem();
            r.signer = *signer;
        }
        return r;
    }

    // signer: {identity | identity_regexp, issuer | issuer_regexp} or {key}.
    Result<Policy::Signer> signer(const YAML::Node& n, const QString& path) const
    {
        if (!n.IsMap())
            return fail(n, path, QStringLiteral("expected a map with identity or identity_regexp, issuer or issuer_regexp, or key"));
        if (auto p = onlyKeys(n, path, { "identity", "identity_regexp", "issuer", "issuer_regexp", "key" }))
            return *p;
        Policy::Signer s;
        for (const auto& [key, field] : { std::pair { "identity", &s.identity }, std::pair { "identity_regexp", &s.identityRegexp },
                 std::pair { "issuer", &s.issuer }, std::pair { "issuer_regexp", &s.issuerRegexp }, std::pair { "key", &s.key } }) {
            const YAML::Node v = n[key];
            if (!v.IsDefined() || v.IsNull())
                continue;
            if (!v.IsScalar() || v.Scalar().empty())
                return fail(v, path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected a non-empty string"));
            *field = str(v);
        }
        const QString where = path + QLatin1Char('.');
        if (!s.identity.isEmpty() && !s.identityRegexp.isEmpty())
            return fail(n, path, QStringLiteral("give identity or identity_regexp, not both"));
        if (!s.issuer.isEmpty() && !s.issuerRegexp.isEmpty())
            return fail(n, path, QStringLiteral("give issuer or issuer_regexp, not both"));
        if (!s.key.isEmpty() && (!s.identity.isEmpty() || !s.identityRegexp.isEmpty() || !s.issuer.isEmpty() || !s.issuerRegexp.isEmpty()))
            return fail(n, path, QStringLiteral("a signer is a key or a certificate identity, not both"));
        if (s.key.isEmpty() && s.identity.isEmpty() && s.identityRegexp.isEmpty())
            return fail(n, path, QStringLiteral("name the identity (identity or identity_regexp) or the key that must have signed"));
        for (const auto& [key, re] : { std::pair { "identity_regexp", s.identityRegexp }, std::pair { "issuer_regexp", s.issuerRegexp } })
            if (!re.isEmpty() && !QRegularExpression(re).isValid())
                return fail(n[key], where + QLatin1String(key),
                    QStringLiteral("not a regular expression: %1").arg(QRegularExpression(re).errorString()));
        return s;
    }

private:
    QString m_file;
};

} // namespace

QString Policy::Signer::text() const
{
    if (!key.isEmpty())
        return QStringLiteral("key %1").arg(key);
    QString t = !identity.isEmpty() ? QStringLiteral("identity %1").arg(identity) : QStringLiteral("identity matching /%1/").arg(identityRegexp);
    if (!issuer.isEmpty())
        t += QStringLiteral(", issuer %1").arg(issuer);
    else if (!issuerRegexp.isEmpty())
        t += QStringLiteral(", issuer matching /%1/").arg(issuerRegexp);
    return t;
}

bool looksLikePolicy(const QByteArray& bytes)
{
    const QByteArray head = bytes.left(4096);
    if (!head.contains("_schema") || !(head.contains("schemas/policy") || head.contains("/policy/")))
        return false;
    // A policy's first key is its own (_schema or artifacts), not, say, the title of a Markdown page whose
    // front matter or examples mention a policy schema.
    for (const QByteArray& raw : head.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line == "---")
            continue;
        return raw.startsWith("_schema:") || raw.startsWith("_schema ") || raw.startsWith("artifacts:") || raw.startsWith("\"_schema\"")
            || raw.startsWith("{");
    }
    return false;
}

Result<Policy> parsePolicy(const QByteArray& bytes, const QString& file, const QString& name)
{
    Result<YAML::Node> loaded = loadYaml(bytes, file);
    if (!loaded)
        return loaded.problem();
    const YAML::Node root = *loaded;
    const YamlReader r(file);
    try {
        if (!root.IsMap())
            return Problem { file, QString(), QStringLiteral("a policy is a map with _schema and artifacts") };
        if (auto p = r.onlyKeys(root, QString(), { "_schema", "artifacts" }))
            return *p;
        Policy policy;
        policy.name = name;
        if (!root["_schema"].IsDefined())
            return Problem { file, QStringLiteral("_schema"), QStringLiteral("required key is missing (e.g. %1)").arg(kSchemaHelp) };
        if (!root["_schema"].IsScalar())
            return r.fail(root["_schema"], QStringLiteral("_schema"), QStringLiteral("expected the schema URL"));
        policy.schema = YamlReader::str(root["_schema"]);
        if (auto p = schemaProblem(policy.schema))
            return r.fail(root["_schema"], QStringLiteral("_schema"), *p);
        const YAML::Node arts = root["artifacts"];
        if (arts.IsDefined() && !arts.IsNull()) {
            if (!arts.IsMap())
                return r.fail(arts, QStringLiteral("artifacts"), QStringLiteral("expected a map with provenance, trail-compliance, attestations"));
            if (auto p = r.onlyKeys(arts, QStringLiteral("artifacts"), { "provenance", "trail-compliance", "attestations", "no-known-vulnerabilities" }))
                return *p;
            if (arts["no-known-vulnerabilities"].IsDefined()) {
                Result<Policy::VulnerabilityGate> g = r.vulnerabilityGate(arts["no-known-vulnerabilities"], QStringLiteral("artifacts.no-known-vulnerabilities"));
                if (!g)
                    return g.problem();
                policy.noKnownVulnerabilities = *g;
            }
            if (arts["provenance"].IsDefined()) {
                Result<Policy::Gate> g = r.gate(arts["provenance"], QStringLiteral("artifacts.provenance"), true);
                if (!g)
                    return g.problem();
                policy.provenance = *g;
            }
            if (arts["trail-compliance"].IsDefined()) {
                Result<Policy::Gate> g = r.gate(arts["trail-compliance"], QStringLiteral("artifacts.trail-compliance"));
                if (!g)
                    return g.problem();
                policy.trailCompliance = *g;
            }
            const YAML::Node list = arts["attestations"];
            if (list.IsDefined() && !list.IsNull()) {
                if (!list.IsSequence())
                    return r.fail(list, QStringLiteral("artifacts.attestations"), QStringLiteral("expected a list of attestation rules"));
                for (size_t i = 0; i < list.size(); ++i) {
                    Result<Policy::AttestationRule> a = r.attestation(list[i], QStringLiteral("artifacts.attestations[%1]").arg(i));
                    if (!a)
                        return a.problem();
                    policy.attestations.push_back(*a);
                }
            }
        }
        return policy;
    } catch (const YAML::Exception& e) {
        return Problem { file, QString(), QStringLiteral("cannot read the policy: %1").arg(QString::fromStdString(e.msg)) };
    }
}

namespace {

Result<std::optional<Expression>> dumpCondition(const JsonValue& v, const QString& file, const QString& where)
{
    if (!v.isValid() || v.isNull())
        return std::optional<Expression>();
    const JsonValue text = v.isObject() ? v["text"] : v;
    if (!text.isString())
        return Problem { file, where, QStringLiteral("expected {text: expression}") };
    Result<Expression> e = Expression::parse(text.qstring());
    if (!e)
        return Problem { file, where, e.problem().message };
    return std::optional<Expression>(*e);
}

Result<Policy::Gate> dumpGate(const JsonValue& v, const QString& file, const QString& where)
{
    Policy::Gate g;
    if (!v.isObject())
        return g;
    g.required = v["required"].boolean().value_or(false);
    size_t i = 0;
    for (const JsonValue ex : v["exceptions"].elements()) {
        const JsonValue cond = ex.has("if_condition") ? ex["if_condition"] : ex["if"];
        Result<std::optional<Expression>> c = dumpCondition(cond, file, QStringLiteral("%1.exceptions[%2]").arg(where).arg(i++));
        if (!c)
            return c.problem();
        if (*c)
            g.exceptions.push_back(**c);
    }
    return g;
}

} // namespace

Result<Policy> parsePolicyDump(const JsonValue& dump, const QString& name, int version, const QString& file)
{
    Policy p;
    p.name = name;
    p.version = version;
    p.schema = QStringLiteral("policy_dump v%1").arg(dump["schema_version"].qstring());
    const JsonValue arts = dump["artifacts"];
    Result<Policy::Gate> prov = dumpGate(arts["provenance"], file, QStringLiteral("artifacts.provenance"));
    if (!prov)
        return prov.problem();
    p.provenance = *prov;
    const JsonValue trail = arts.has("trail_compliance") ? arts["trail_compliance"] : arts["trail-compliance"];
    Result<Policy::Gate> tc = dumpGate(trail, file, QStringLiteral("artifacts.trail_compliance"));
    if (!tc)
        return tc.problem();
    p.trailCompliance = *tc;
    size_t i = 0;
    for (const JsonValue a : arts["attestations"].elements()) {
        const QString where = QStringLiteral("artifacts.attestations[%1]").arg(i++);
        Policy::AttestationRule r;
        r.name = a["name"].isString() ? a["name"].qstring() : QStringLiteral("*");
        r.type = a["type"].qstring();
        if (!knownType(r.type))
            return Problem { file, where + QStringLiteral(".type"), QStringLiteral("'%1' is not an attestation type").arg(r.type) };
        Result<std::optional<Expression>> c = dumpCondition(a.has("if_condition") ? a["if_condition"] : a["if"], file, where);
        if (!c)
            return c.problem();
        r.condition = *c;
        r.mustBeCompliant = a["must_be_compliant"].boolean().value_or(true);
        r.forControl = a["for_control"].qstring();
        p.attestations.push_back(r);
    }
    return p;
}

} // namespace tideline
