// SPDX-License-Identifier: GPL-3.0-or-later
#include "sbom.h"

#include "domain/digest.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <set>

namespace tideline::sbom {

namespace {

// A package that contains more files than this is a file system, not a distribution: its files' digests are
// not the package's.
constexpr qsizetype kMaxDistributionFiles = 16;

// "pkg:oci/app@sha256%3A<hex>?…" or "…@sha256:<hex>": the digest, if one follows.
QString digestFromReference(const QString& ref)
{
    const QString lower = ref.toLower();
    for (const QLatin1String marker : { QLatin1String("sha256:"), QLatin1String("sha256%3a") }) {
        const qsizetype at = lower.indexOf(marker);
        if (at < 0)
            continue;
        const auto d = digest::normalize(lower.mid(at + marker.size(), 64).toStdString());
        if (d)
            return QString::fromStdString(*d);
    }
    return QString();
}

void addSubject(std::vector<Subject>& subjects, const QString& name, const QString& sha)
{
    if (sha.isEmpty())
        return;
    for (const Subject& s : subjects)
        if (s.sha256 == sha)
            return;
    subjects.push_back({ name, sha });
}

bool isSha256Algorithm(const QString& alg)
{
    const QString a = alg.toUpper().remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    return a == QLatin1String("SHA256");
}

} // namespace

bool isCycloneDx(const JsonValue& root) { return root.isObject() && root["bomFormat"].stringOr("") == "CycloneDX"; }

bool isSpdx(const JsonValue& root)
{
    if (!root.isObject())
        return false;
    if (root["spdxVersion"].stringOr("").rfind("SPDX-", 0) == 0)
        return true;
    const std::string_view context = root["@context"].stringOr("");
    return context.find("spdx.org/rdf/3") != std::string_view::npos && root["@graph"].isArray();
}

Result<EvidenceItem> readCycloneDx(const JsonValue& root, const QString& file)
{
    if (!root["specVersion"].isString())
        return Problem { file, QStringLiteral("specVersion"), QStringLiteral("a CycloneDX BOM names its specVersion") };
    EvidenceItem item;
    EvidenceRecord& r = item.record;
    r.kind = QStringLiteral("cyclonedx");
    r.type = QStringLiteral("generic");
    r.format = QStringLiteral("cyclonedx-json");
    item.subjectVia = QStringLiteral("sbom");
    const JsonValue comp = root["metadata"]["component"];
    const QString name = comp["name"].qstring();
    const QString label = comp["version"].isString() ? name + QLatin1Char('@') + comp["version"].qstring() : name;
    for (const JsonValue h : comp["hashes"].elements())
        if (isSha256Algorithm(h["alg"].qstring()))
            if (auto d = digest::normalize(h["content"].stringOr("")))
                addSubject(item.subjects, label, QString::fromStdString(*d));
    addSubject(item.subjects, label, digestFromReference(comp["purl"].qstring()));
    addSubject(item.subjects, label, digestFromReference(comp["bom-ref"].qstring()));
    for (const JsonValue p : comp["properties"].elements())
        if (p["name"].stringOr("") == "aquasecurity:trivy:RepoDigest")
            if (auto d = digest::fromImageReference(p["value"].stringOr("")))
                addSubject(item.subjects, label, QString::fromStdString(*d));
    if (auto t = timefmt::parseIso(root["metadata"]["timestamp"].qstring()))
        r.createdAt = *t;
    else if (timefmt::isOutOfRangeIso(root["metadata"]["timestamp"].qstring()))
        return Problem { file, QStringLiteral("metadata.timestamp"), QStringLiteral("time '%1' is outside 1970..9999").arg(root["metadata"]["timestamp"].qstring()) };
    QJsonObject summary { { QStringLiteral("spec_version"), root["specVersion"].qstring() },
        { QStringLiteral("components"), static_cast<qint64>(root["components"].size()) },
        { QStringLiteral("subjects"), subjectsJson(item.subjects) } };
    if (root["serialNumber"].isString())
        summary.insert(QStringLiteral("serial_number"), root["serialNumber"].qstring());
    if (comp.isObject())
        summary.insert(QStringLiteral("component"),
            QJsonObject { { QStringLiteral("type"), comp["type"].qstring() }, { QStringLiteral("name"), name },
                { QStringLiteral("version"), comp["version"].qstring() }, { QStringLiteral("purl"), comp["purl"].qstring() } });
    if (root.has("vulnerabilities"))
        summary.insert(QStringLiteral("vulnerabilities"), static_cast<qint64>(root["vulnerabilities"].size()));
    if (item.subjects.empty())
        summary.insert(QStringLiteral("note"), QStringLiteral("the described component carries no sha256 digest"));
    r.summary = summaryText(summary);
    return item;
}

Result<EvidenceItem> readSpdx(const JsonValue& root, const QString& file)
{
    EvidenceItem item;
    EvidenceRecord& r = item.record;
    r.kind = QStringLiteral("spdx");
    r.type = QStringLiteral("generic");
    item.subjectVia = QStringLiteral("sbom");
    QJsonObject summary;
    if (root["@graph"].isArray()) {
        // SPDX 3 JSON-LD: the document's root elements, through an Sbom element to what it describes.
        r.format = QStringLiteral("spdx-3-jsonld");
        std::map<QString, JsonValue> byId;
        std::map<QString, QStringList> contains;
        QStringList roots;
        for (const JsonValue e : root["@graph"].elements()) {
            const QString id = e["spdxId"].isString() ? e["spdxId"].qstring() : e["@id"].qstring();
            if (!id.isEmpty())
                byId[id] = e;
            if (e["type"].stringOr("") == "SpdxDocument")
                for (const JsonValue re : e["rootElement"].elements())
                    roots << re.qstring();
            if (e["type"].stringOr("") == "Relationship" && e["relationshipType"].stringOr("") == "contains")
                for (const JsonValue to : e["to"].elements())
                    contains[e["from"].qstring()] << to.qstring();
        }
        auto sha256Of = [&](const JsonValue& e) {
            QString found;
            for (const JsonValue h : e["verifiedUsing"].elements())
                if (isSha256Algorithm(h["algorithm"].qstring()))
                    if (auto d = digest::normalize(h["hashValue"].stringOr("")))
                        found = QString::fromStdString(*d);
            return found;
        };
        std::set<QString> seen;
        for (int i = 0; i < roots.size() && i < 64; ++i) {
            if (!seen.insert(roots[i]).second)
                continue;
            auto it = byId.find(roots[i]);
            if (it == byId.end())
                continue;
            const JsonValue e = it->second;
            const std::string_view type = e["type"].stringOr("");
            if (type == "software_Sbom" || type == "Bom" || type == "Bundle") {
                for (const JsonValue re : e["rootElement"].elements())
                    roots << re.qstring();
                continue;
            }
            const QString own = sha256Of(e);
            if (!own.isEmpty()) {
                addSubject(item.subjects, e["name"].qstring(), own);
                continue;
            }
            // A described package with no digest of its own is its distribution files (a few, not a file system).
            const QStringList files = contains[roots[i]];
            if (files.size() <= kMaxDistributionFiles)
                for (const QString& f : files)
                    if (auto fe = byId.find(f); fe != byId.end())
                        addSubject(item.subjects, fe->second["name"].qstring(), sha256Of(fe->second));
        }
        summary.insert(QStringLiteral("spdx_version"), QStringLiteral("3"));
    } else {
        const QString version = root["spdxVersion"].qstring();
        if (!version.startsWith(QLatin1String("SPDX-2.")))
            return Problem { file, QStringLiteral("spdxVersion"), QStringLiteral("SPDX version '%1' is not read (2.x JSON and 3.0 JSON-LD are)").arg(version) };
        r.format = QStringLiteral("spdx-json");
        const QString docId = root["SPDXID"].isString() ? root["SPDXID"].qstring() : QStringLiteral("SPDXRef-DOCUMENT");
        QStringList described;
        for (const JsonValue d : root["documentDescribes"].elements())
            described << d.qstring();
        for (const JsonValue rel : root["relationships"].elements()) {
            const QString type = rel["relationshipType"].qstring();
            if (type == QLatin1String("DESCRIBES") && rel["spdxElementId"].qstring() == docId)
                described << rel["relatedSpdxElement"].qstring();
            else if (type == QLatin1String("DESCRIBED_BY") && rel["relatedSpdxElement"].qstring() == docId)
                described << rel["spdxElementId"].qstring();
        }
        described.removeDuplicates();
        std::map<QString, JsonValue> byId;
        std::map<QString, QStringList> contains;
        for (const JsonValue e : root["packages"].elements()) {
            byId[e["SPDXID"].qstring()] = e;
            for (const JsonValue f : e["hasFiles"].elements())
                contains[e["SPDXID"].qstring()] << f.qstring();
        }
        for (const JsonValue e : root["files"].elements())
            byId[e["SPDXID"].qstring()] = e;
        for (const JsonValue rel : root["relationships"].elements())
            if (rel["relationshipType"].stringOr("") == "CONTAINS")
                contains[rel["spdxElementId"].qstring()] << rel["relatedSpdxElement"].qstring();
        // Subjects of one element: its SHA256 checksums and the digests in its purls.
        auto subjectsOf = [&](const JsonValue& e, std::vector<Subject>& out) {
            const QString name = e.has("fileName") ? e["fileName"].qstring() : e["name"].qstring();
            for (const JsonValue c : e["checksums"].elements())
                if (isSha256Algorithm(c["algorithm"].qstring()))
                    if (auto d = digest::normalize(c["checksumValue"].stringOr("")))
                        addSubject(out, name, QString::fromStdString(*d));
            for (const JsonValue ref : e["externalRefs"].elements())
                if (ref["referenceType"].stringOr("") == "purl")
                    addSubject(out, name, digestFromReference(ref["referenceLocator"].qstring()));
        };
        for (const QString& id : described) {
            auto it = byId.find(id);
            if (it == byId.end())
                continue;
            const size_t before = item.subjects.size();
            subjectsOf(it->second, item.subjects);
            if (item.subjects.size() > before)
                continue;
            // A described package with no digest of its own is its distribution files (a few, not a file system).
            QStringList files = contains[id];
            files.removeDuplicates();
            if (files.size() <= kMaxDistributionFiles)
                for (const QString& f : files)
                    if (auto fe = byId.find(f); fe != byId.end())
                        subjectsOf(fe->second, item.subjects);
        }
        summary.insert(QStringLiteral("spdx_version"), version);
        summary.insert(QStringLiteral("name"), root["name"].qstring());
        summary.insert(QStringLiteral("namespace"), root["documentNamespace"].qstring());
        summary.insert(QStringLiteral("packages"), static_cast<qint64>(root["packages"].size()));
        summary.insert(QStringLiteral("files"), static_cast<qint64>(root["files"].size()));
        summary.insert(QStringLiteral("described"), QJsonArray::fromStringList(described));
        if (auto t = timefmt::parseIso(root["creationInfo"]["created"].qstring()))
            r.createdAt = *t;
        else if (timefmt::isOutOfRangeIso(root["creationInfo"]["created"].qstring()))
            return Problem { file, QStringLiteral("creationInfo.created"),
                QStringLiteral("time '%1' is outside 1970..9999").arg(root["creationInfo"]["created"].qstring()) };
    }
    summary.insert(QStringLiteral("subjects"), subjectsJson(item.subjects));
    if (item.subjects.empty())
        summary.insert(QStringLiteral("note"), QStringLiteral("the described elements carry no sha256 digest"));
    r.summary = summaryText(summary);
    return item;
}

} // namespace tideline::sbom
