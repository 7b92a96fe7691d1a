// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentsstore.h"

#include "domain/purl.h"
#include "domain/versions.h"
#include "store/sql.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace tideline {

namespace {

using sql::nullableText;
using sql::nullableTime;

QString packageKey(const Package& p)
{
    const QString all = QStringList { p.name, p.version, p.purl, p.cpe, p.licences.join(QLatin1Char('\n')), p.hashes.join(QLatin1Char('\n')) }.join(QChar(0x1f));
    return QString::fromLatin1(QCryptographicHash::hash(all.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

QString shortKey(const QString& name)
{
    const QString n = name.toLower();
    const qsizetype cut = std::max(n.lastIndexOf(QLatin1Char('/')), n.lastIndexOf(QLatin1Char(':')));
    return cut >= 0 ? n.mid(cut + 1) : n;
}

QString purlBaseOf(const QString& purl)
{
    const auto p = Purl::parse(purl);
    return p ? p->base() : QString();
}

QJsonArray toArray(const QStringList& l) { return QJsonArray::fromStringList(l); }
QStringList toList(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& x : v.toArray())
        out << x.toString();
    return out;
}
QJsonValue timeValue(const std::optional<Millis>& t) { return t ? QJsonValue(double(*t)) : QJsonValue(); }
std::optional<Millis> timeOf(const QJsonValue& v) { return v.isDouble() ? std::optional<Millis>(Millis(v.toDouble())) : std::nullopt; }

#define PACKAGE_COLUMNS "p.id, p.name, p.version, p.purl, p.cpe, p.licences, p.hashes, p.purl_base "

StoredPackage packageFrom(const QSqlQuery& q)
{
    StoredPackage s;
    s.id = q.value(0).toLongLong();
    s.package.name = q.value(1).toString();
    s.package.version = q.value(2).toString();
    s.package.purl = q.value(3).toString();
    s.package.cpe = q.value(4).toString();
    s.package.licences = q.value(5).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    s.package.hashes = q.value(6).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    s.purlBase = q.value(7).toString();
    return s;
}

} // namespace

QString advisoryJson(const Advisory& a)
{
    QJsonArray severities, affected;
    for (const AdvisorySeverity& s : a.severities) {
        QJsonObject o { { QStringLiteral("type"), s.type }, { QStringLiteral("vector"), s.vector }, { QStringLiteral("rating"), s.rating } };
        if (s.score)
            o.insert(QStringLiteral("score"), *s.score);
        severities.append(o);
    }
    for (const AffectedPackage& p : a.affected) {
        QJsonArray ranges;
        for (const AdvisoryRange& r : p.ranges) {
            QJsonArray events;
            for (const auto& [k, v] : r.events)
                events.append(QJsonArray { k, v });
            ranges.append(QJsonObject { { QStringLiteral("type"), r.type }, { QStringLiteral("repo"), r.repo }, { QStringLiteral("events"), events } });
        }
        affected.append(QJsonObject { { QStringLiteral("ecosystem"), p.ecosystem }, { QStringLiteral("name"), p.name }, { QStringLiteral("purl"), p.purl },
            { QStringLiteral("ranges"), ranges }, { QStringLiteral("versions"), toArray(p.versions) } });
    }
    const QJsonObject o { { QStringLiteral("id"), a.id }, { QStringLiteral("aliases"), toArray(a.aliases) }, { QStringLiteral("summary"), a.summary },
        { QStringLiteral("details"), a.details }, { QStringLiteral("published"), timeValue(a.published) }, { QStringLiteral("modified"), timeValue(a.modified) },
        { QStringLiteral("withdrawn"), timeValue(a.withdrawn) }, { QStringLiteral("severities"), severities }, { QStringLiteral("affected"), affected },
        { QStringLiteral("references"), toArray(a.references) }, { QStringLiteral("part"), a.part } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<Advisory> advisoryFromJson(const QString& json)
{
    const QJsonDocument d = QJsonDocument::fromJson(json.toUtf8());
    if (!d.isObject())
        return std::nullopt;
    const QJsonObject o = d.object();
    Advisory a;
    a.id = o.value(QStringLiteral("id")).toString();
    a.aliases = toList(o.value(QStringLiteral("aliases")));
    a.summary = o.value(QStringLiteral("summary")).toString();
    a.details = o.value(QStringLiteral("details")).toString();
    a.published = timeOf(o.value(QStringLiteral("published")));
    a.modified = timeOf(o.value(QStringLiteral("modified")));
    a.withdrawn = timeOf(o.value(QStringLiteral("withdrawn")));
    a.references = toList(o.value(QStringLiteral("references")));
    a.part = o.value(QStringLiteral("part")).toInt();
    for (const QJsonValue& v : o.value(QStringLiteral("severities")).toArray()) {
        AdvisorySeverity s;
        s.type = v[QStringLiteral("type")].toString();
        s.vector = v[QStringLiteral("vector")].toString();
        s.rating = v[QStringLiteral("rating")].toString();
        if (v[QStringLiteral("score")].isDouble())
            s.score = v[QStringLiteral("score")].toDouble();
        a.severities.push_back(s);
    }
    for (const QJsonValue& v : o.value(QStringLiteral("affected")).toArray()) {
        AffectedPackage p;
        p.ecosystem = v[QStringLiteral("ecosystem")].toString();
        p.name = v[QStringLiteral("name")].toString();
        p.purl = v[QStringLiteral("purl")].toString();
        p.versions = toList(v[QStringLiteral("versions")]);
        for (const QJsonValue& r : v[QStringLiteral("ranges")].toArray()) {
            AdvisoryRange ar;
            ar.type = r[QStringLiteral("type")].toString();
            ar.repo = r[QStringLiteral("repo")].toString();
            for (const QJsonValue& e : r[QStringLiteral("events")].toArray())
                ar.events.emplace_back(e[0].toString(), e[1].toString());
            p.ranges.push_back(ar);
        }
        a.affected.push_back(p);
    }
    return a;
}

QString vexJson(const VexStatement& v)
{
    const QJsonObject o { { QStringLiteral("format"), v.format }, { QStringLiteral("vulnerability"), v.vulnerability },
        { QStringLiteral("aliases"), toArray(v.aliases) }, { QStringLiteral("products"), toArray(v.products) },
        { QStringLiteral("subcomponents"), toArray(v.subcomponents) }, { QStringLiteral("status"), vexStatusName(v.status) },
        { QStringLiteral("justification"), v.justification }, { QStringLiteral("statement"), v.statement }, { QStringLiteral("author"), v.author },
        { QStringLiteral("timestamp"), timeValue(v.timestamp) }, { QStringLiteral("part"), v.part } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<VexStatement> vexFromJson(const QString& json)
{
    const QJsonDocument d = QJsonDocument::fromJson(json.toUtf8());
    if (!d.isObject())
        return std::nullopt;
    const QJsonObject o = d.object();
    VexStatement v;
    v.format = o.value(QStringLiteral("format")).toString();
    v.vulnerability = o.value(QStringLiteral("vulnerability")).toString();
    v.aliases = toList(o.value(QStringLiteral("aliases")));
    v.products = toList(o.value(QStringLiteral("products")));
    v.subcomponents = toList(o.value(QStringLiteral("subcomponents")));
    v.status = vexStatusFromName(o.value(QStringLiteral("status")).toString()).value_or(VexStatus::UnderInvestigation);
    v.justification = o.value(QStringLiteral("justification")).toString();
    v.statement = o.value(QStringLiteral("statement")).toString();
    v.author = o.value(QStringLiteral("author")).toString();
    v.timestamp = timeOf(o.value(QStringLiteral("timestamp")));
    v.part = o.value(QStringLiteral("part")).toInt();
    return v;
}

ContentsStore::ContentsStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

ContentsStore::~ContentsStore() = default;

void ContentsStore::reset()
{
    m_packageIds.clear();
    m_loaded = false;
}

Status ContentsStore::insertSbom(qint64 evidenceId, const std::vector<Package>& packages, const std::optional<Package>& described, bool listsContents)
{
    if (!m_loaded) {
        auto st = (*m_sql)("SELECT key, id FROM packages");
        if (Status s = st->run({}); !s)
            return s;
        while (st->query().next())
            m_packageIds.insert(st->query().value(0).toString(), st->query().value(1).toLongLong());
        m_loaded = true;
    }
    {
        auto st = (*m_sql)("INSERT INTO sboms(evidence_id, lists_contents, packages, described_name, described_version, described_purl) VALUES (?, ?, ?, ?, ?, ?)");
        if (Status s = st->run({ evidenceId, listsContents ? 1 : 0, qint64(packages.size()), described ? nullableText(described->name) : nullableText(QString()),
                described ? nullableText(described->version) : nullableText(QString()), described ? nullableText(described->purl) : nullableText(QString()) });
            !s)
            return s;
    }
    int position = 0;
    for (const Package& p : packages) {
        const QString key = packageKey(p);
        auto found = m_packageIds.constFind(key);
        qint64 id = 0;
        if (found != m_packageIds.cend()) {
            id = *found;
        } else {
            auto st = m_sql->insert("INSERT INTO packages(key, name, name_key, short_key, version, purl, purl_base, cpe, licences, hashes) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            if (Status s = st->run({ key, p.name, p.name.toLower(), shortKey(p.name), p.version, p.purl, purlBaseOf(p.purl), p.cpe,
                    p.licences.join(QLatin1Char('\n')), p.hashes.join(QLatin1Char('\n')) });
                !s)
                return s;
            const auto newId = st->insertedId();
            if (!newId)
                return Problem(QStringLiteral("package insert returned no id"));
            id = *newId;
            m_packageIds.insert(key, id);
        }
        auto st = (*m_sql)("INSERT INTO sbom_packages(evidence_id, position, package_id, depth) VALUES (?, ?, ?, ?)");
        if (Status s = st->run({ evidenceId, position++, id, p.depth }); !s)
            return s;
    }
    return {};
}

Result<qint64> ContentsStore::insertAdvisory(const Advisory& a, qint64 sourceId)
{
    auto st = m_sql->insert("INSERT INTO advisories(source_id, part, osv_id, modified, withdrawn, record) VALUES (?, ?, ?, ?, ?, ?)");
    if (Status s = st->run({ sourceId, a.part, a.id, nullableTime(a.modified), nullableTime(a.withdrawn), advisoryJson(a) }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("advisory insert returned no id"));
    std::set<QString> bases;
    for (const AffectedPackage& p : a.affected) {
        QString base = purlBaseOf(p.purl);
        if (base.isEmpty()) {
            const QString type = versions::purlTypeForEcosystem(p.ecosystem);
            if (!type.isEmpty() && !p.name.isEmpty())
                base = packageBase(type, p.name);
        }
        if (!base.isEmpty())
            bases.insert(base);
    }
    for (const QString& b : bases) {
        auto ins = (*m_sql)("INSERT INTO advisory_packages(advisory_id, purl_base) VALUES (?, ?)");
        if (Status s = ins->run({ *id, b }); !s)
            return s.problem();
    }
    return *id;
}

Result<qint64> ContentsStore::insertVex(const VexStatement& v, qint64 sourceId)
{
    auto st = m_sql->insert("INSERT INTO vex_statements(source_id, part, vulnerability, status, record) VALUES (?, ?, ?, ?, ?)");
    if (Status s = st->run({ sourceId, v.part, v.vulnerability, vexStatusName(v.status), vexJson(v) }); !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("VEX statement insert returned no id"));
    return *id;
}

Result<std::vector<Package>> ContentsStore::packagesOf(qint64 evidenceId)
{
    auto st = (*m_sql)("SELECT " PACKAGE_COLUMNS ", sp.depth FROM sbom_packages sp JOIN packages p ON p.id = sp.package_id WHERE sp.evidence_id = ? ORDER BY sp.position");
    return sql::rows(*st, { evidenceId }, QStringLiteral("the packages of SBOM #%1").arg(evidenceId), [](const QSqlQuery& q) {
        Package p = packageFrom(q).package;
        p.depth = q.value(8).toInt();
        return p;
    });
}

Result<std::vector<StoredPackage>> ContentsStore::findByPurlBase(const QString& purlBase)
{
    auto st = (*m_sql)("SELECT " PACKAGE_COLUMNS "FROM packages p WHERE p.purl_base = ?");
    return sql::rows(*st, { purlBase }, QStringLiteral("the packages %1").arg(purlBase), packageFrom);
}

Result<std::vector<StoredPackage>> ContentsStore::findByName(const QString& name)
{
    auto st = (*m_sql)("SELECT " PACKAGE_COLUMNS "FROM packages p WHERE p.name_key = ? OR p.short_key = ?");
    return sql::rows(*st, { name.toLower(), name.toLower() }, QStringLiteral("the packages named %1").arg(name), packageFrom);
}

Result<std::vector<StoredPackage>> ContentsStore::packagesNamedByAdvisories()
{
    auto st = (*m_sql)("SELECT " PACKAGE_COLUMNS "FROM packages p WHERE p.purl_base IN (SELECT purl_base FROM advisory_packages)");
    return sql::rows(*st, {}, QStringLiteral("the packages the advisories name"), packageFrom);
}

Result<std::vector<ContentsStore::Containment>> ContentsStore::containing(qint64 packageId)
{
    auto st = (*m_sql)("SELECT sp.evidence_id, b.fingerprint FROM sbom_packages sp JOIN evidence_bindings b ON b.evidence_id = sp.evidence_id "
                       "WHERE sp.package_id = ?");
    return sql::rows(*st, { packageId }, QStringLiteral("the artifacts that contain a package"),
        [packageId](const QSqlQuery& q) { return Containment { packageId, q.value(0).toLongLong(), q.value(1).toString() }; });
}

Result<std::set<QString>> ContentsStore::fingerprintsWithSbom()
{
    auto st = (*m_sql)("SELECT DISTINCT b.fingerprint FROM sboms m JOIN evidence_bindings b ON b.evidence_id = m.evidence_id WHERE m.lists_contents = 1");
    Result<std::vector<QString>> read = sql::rows(*st, {}, QStringLiteral("the artifacts with an SBOM"), [](const QSqlQuery& q) { return q.value(0).toString(); });
    if (!read)
        return read.problem();
    return std::set<QString>(read->begin(), read->end());
}

Result<std::vector<QString>> ContentsStore::artifactsWithoutSbom()
{
    auto st = (*m_sql)("SELECT a.fingerprint FROM artifacts a WHERE a.fingerprint NOT IN (SELECT b.fingerprint FROM sboms m "
                       "JOIN evidence_bindings b ON b.evidence_id = m.evidence_id WHERE m.lists_contents = 1)");
    return sql::rows(*st, {}, QStringLiteral("the artifacts without an SBOM"), [](const QSqlQuery& q) { return q.value(0).toString(); });
}

Result<std::vector<SbomRecord>> ContentsStore::sbomsFor(const QString& fingerprint)
{
    auto st = (*m_sql)("SELECT DISTINCT m.evidence_id, m.lists_contents, m.packages, m.described_name, m.described_version, m.described_purl, s.sha256, s.name, e.format "
                       "FROM sboms m JOIN evidence_bindings b ON b.evidence_id = m.evidence_id JOIN evidence e ON e.id = m.evidence_id "
                       "JOIN sources s ON s.id = e.source_id WHERE b.fingerprint = ? ORDER BY m.evidence_id");
    return sql::rows(*st, { fingerprint }, QStringLiteral("the SBOMs of %1").arg(fingerprint.left(12)), [&fingerprint](const QSqlQuery& q) {
        SbomRecord r;
        r.evidenceId = q.value(0).toLongLong();
        r.fingerprint = fingerprint;
        r.listsContents = q.value(1).toInt() != 0;
        r.packages = q.value(2).toInt();
        if (!q.value(3).isNull()) {
            Package d;
            d.name = q.value(3).toString();
            d.version = q.value(4).toString();
            d.purl = q.value(5).toString();
            r.described = d;
        }
        r.sourceSha256 = q.value(6).toString();
        r.sourceName = q.value(7).toString();
        r.format = q.value(8).toString();
        return r;
    });
}

Result<std::pair<QString, QString>> ContentsStore::sourceOfEvidence(qint64 evidenceId)
{
    auto st = (*m_sql)("SELECT s.name, s.sha256 FROM evidence e JOIN sources s ON s.id = e.source_id WHERE e.id = ?");
    Result<std::optional<std::pair<QString, QString>>> read = sql::firstOf(sql::rows(*st, { evidenceId },
        QStringLiteral("the source of evidence #%1").arg(evidenceId), [](const QSqlQuery& q) { return std::make_pair(q.value(0).toString(), q.value(1).toString()); }));
    if (!read)
        return read.problem();
    return read->value_or(std::pair<QString, QString>());
}

Result<std::vector<StoredAdvisory>> ContentsStore::advisories()
{
    const QString what = QStringLiteral("the advisories");
    std::map<QString, StoredAdvisory> latest;
    auto st = (*m_sql)("SELECT a.id, a.source_id, s.sha256, s.name, a.modified, a.record FROM advisories a JOIN sources s ON s.id = a.source_id ORDER BY a.id");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    while (st->query().next()) {
        const QSqlQuery& q = st->query();
        auto a = advisoryFromJson(q.value(5).toString());
        if (!a)
            continue;
        auto it = latest.find(a->id);
        if (it != latest.end() && it->second.advisory.modified.value_or(0) > a->modified.value_or(0))
            continue;
        const QString id = a->id; // the right-hand side below moves *a first
        latest[id] = { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(), std::move(*a) };
    }
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    std::vector<StoredAdvisory> out;
    out.reserve(latest.size());
    for (auto& [id, a] : latest)
        out.push_back(std::move(a));
    return out;
}

Result<std::vector<VexStatement>> ContentsStore::vexStatements()
{
    const QString what = QStringLiteral("the VEX statements");
    std::vector<VexStatement> out;
    auto st = (*m_sql)("SELECT v.source_id, s.sha256, s.name, v.record FROM vex_statements v JOIN sources s ON s.id = v.source_id ORDER BY v.id");
    if (Status s = st->read({}, what); !s)
        return s.problem();
    while (st->query().next()) {
        auto v = vexFromJson(st->query().value(3).toString());
        if (!v)
            continue;
        v->sourceId = st->query().value(0).toLongLong();
        v->sourceSha256 = st->query().value(1).toString();
        v->sourceName = st->query().value(2).toString();
        out.push_back(std::move(*v));
    }
    if (Status s = st->rowsRead(what); !s)
        return s.problem();
    return out;
}

Result<std::vector<ContentsSource>> ContentsStore::sources()
{
    auto st = (*m_sql)("SELECT 'sbom', s.sha256, s.name, SUM(m.packages) FROM sboms m JOIN evidence e ON e.id = m.evidence_id JOIN sources s ON s.id = e.source_id "
                       "GROUP BY s.sha256, s.name "
                       "UNION ALL SELECT 'osv', s.sha256, s.name, COUNT(*) FROM advisories a JOIN sources s ON s.id = a.source_id GROUP BY s.sha256, s.name "
                       "UNION ALL SELECT 'vex', s.sha256, s.name, COUNT(*) FROM vex_statements v JOIN sources s ON s.id = v.source_id GROUP BY s.sha256, s.name "
                       "ORDER BY 1, 3");
    return sql::rows(*st, {}, QStringLiteral("the sources of the contents"), [](const QSqlQuery& q) {
        return ContentsSource { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() };
    });
}

Result<int> ContentsStore::advisoryCount()
{
    auto st = (*m_sql)("SELECT COUNT(DISTINCT osv_id) FROM advisories");
    Result<std::optional<int>> read
        = sql::firstOf(sql::rows(*st, {}, QStringLiteral("the number of advisories"), [](const QSqlQuery& q) { return q.value(0).toInt(); }));
    if (!read)
        return read.problem();
    return read->value_or(0);
}

} // namespace tideline
