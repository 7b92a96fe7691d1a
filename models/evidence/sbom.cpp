// SPDX-License-Identifier: GPL-3.0-or-later
#include "sbom.h"

#include "domain/digest.h"
#include "domain/purl.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>
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

// The sha256 of zero bytes: a digest of nothing, which tools write for components they could not read. It names no
// artifact, so it never binds an SBOM.
constexpr QLatin1String kEmptySha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

// Drops subjects whose digest is that of empty content; true when there were any.
bool dropEmptyContent(std::vector<Subject>& subjects)
{
    const auto end = std::remove_if(subjects.begin(), subjects.end(), [](const Subject& s) { return s.sha256 == kEmptySha256; });
    const bool any = end != subjects.end();
    subjects.erase(end, subjects.end());
    return any;
}

// Bounds on what one SBOM may hold: deeper nesting or more packages is refused, not truncated.
constexpr int kMaxNesting = 64;
constexpr size_t kMaxPackages = 500000;

QString hashText(const QString& alg, const QString& value) { return alg.toUpper() + QLatin1Char(':') + value.toLower(); }

bool meaningfulLicence(const QString& l)
{
    return !l.isEmpty() && l != QLatin1String("NOASSERTION") && l != QLatin1String("NONE");
}

// An optional member that must be a string where present.
// A package or component names itself: a name that is a string with more than blanks in it.
bool namesItself(const JsonValue& o)
{
    return o["name"].isString() && !o["name"].qstring().trimmed().isEmpty();
}

std::optional<Problem> stringMember(const JsonValue& o, std::string_view key, const QString& where, const QString& file, QString& out)
{
    const JsonValue v = o[key];
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        return Problem { file, jsonMember(where, key), QStringLiteral("expected a string, found %1").arg(QString::fromLatin1(v.typeName())) };
    out = v.qstring();
    return std::nullopt;
}

// One CycloneDX component as a package (name, version, purl, CPE, licences, hashes).
Result<Package> cdxPackage(const JsonValue& c, const QString& where, const QString& file, int depth)
{
    if (!c.isObject())
        return Problem { file, where, QStringLiteral("a component is an object") };
    Package p;
    p.depth = depth;
    QString group;
    if (!namesItself(c))
        return Problem { file, jsonMember(where, "name"), QStringLiteral("a component names itself (name is required)") };
    p.name = c["name"].qstring();
    for (auto [key, out] : { std::pair<std::string_view, QString*> { "group", &group }, { "version", &p.version }, { "purl", &p.purl }, { "cpe", &p.cpe } })
        if (auto problem = stringMember(c, key, where, file, *out))
            return *problem;
    if (!group.isEmpty())
        p.name = group + QLatin1Char('/') + p.name;
    const JsonValue licences = c["licenses"];
    if (licences.isValid() && !licences.isArray() && !licences.isNull())
        return Problem { file, jsonMember(where, "licenses"), QStringLiteral("expected an array of licences") };
    for (const JsonValue l : licences.elements()) {
        QString text = l["expression"].qstring();
        if (text.isEmpty())
            text = l["license"]["id"].isString() ? l["license"]["id"].qstring() : l["license"]["name"].qstring();
        if (meaningfulLicence(text) && !p.licences.contains(text))
            p.licences << text;
    }
    const JsonValue hashes = c["hashes"];
    if (hashes.isValid() && !hashes.isArray() && !hashes.isNull())
        return Problem { file, jsonMember(where, "hashes"), QStringLiteral("expected an array of hashes") };
    for (const JsonValue h : hashes.elements())
        if (h["alg"].isString() && h["content"].isString())
            p.hashes << hashText(h["alg"].qstring(), h["content"].qstring());
    return p;
}

// Every component, nested ones at any depth (each with its depth), in document order.
std::optional<Problem> walkComponents(const JsonValue& list, const QString& path, int depth, const QString& file, std::vector<Package>& out)
{
    if (!list.isValid() || list.isNull())
        return std::nullopt;
    if (!list.isArray())
        return Problem { file, path, QStringLiteral("expected an array of components") };
    if (depth > kMaxNesting)
        return Problem { file, path, QStringLiteral("components nested deeper than %1").arg(kMaxNesting) };
    size_t i = 0;
    for (const JsonValue c : list.elements()) {
        const QString where = jsonIndex(path, i++);
        Result<Package> p = cdxPackage(c, where, file, depth);
        if (!p)
            return p.problem();
        if (out.size() >= kMaxPackages)
            return Problem { file, where, QStringLiteral("more than %1 components: refused").arg(kMaxPackages) };
        out.push_back(std::move(p).value());
        if (auto problem = walkComponents(c["components"], jsonMember(where, "components"), depth + 1, file, out))
            return problem;
    }
    return std::nullopt;
}

// The bom-ref a CycloneDX VEX 'affects' names: a BOM-link (urn:cdx:serial/version#ref) or a ref in this BOM.
QString bomRef(const QString& ref)
{
    if (ref.startsWith(QLatin1String("urn:cdx:")) && ref.contains(QLatin1Char('#')))
        return QUrl::fromPercentEncoding(ref.mid(ref.indexOf(QLatin1Char('#')) + 1).toUtf8());
    return ref;
}

void collectRefs(const JsonValue& list, std::map<QString, QString>& refs, int depth)
{
    if (depth > kMaxNesting)
        return;
    for (const JsonValue c : list.elements()) {
        const QString id = c["bom-ref"].qstring();
        const QString purl = c["purl"].qstring();
        if (!id.isEmpty())
            refs[id] = !purl.isEmpty() ? purl : c["version"].isString() ? c["name"].qstring() + QLatin1Char('@') + c["version"].qstring() : c["name"].qstring();
        collectRefs(c["components"], refs, depth + 1);
    }
}

// CycloneDX VEX: each vulnerability with an analysis, about the components its 'affects' names.
std::optional<Problem> cdxVex(const JsonValue& root, const QString& file, std::vector<VexStatement>& out)
{
    std::map<QString, QString> refs;
    collectRefs(root["components"], refs, 0);
    const JsonValue comp = root["metadata"]["component"];
    if (comp.isObject() && comp["bom-ref"].isString()) {
        const QString purl = comp["purl"].qstring();
        refs[comp["bom-ref"].qstring()] = !purl.isEmpty() ? purl
            : comp["version"].isString()                  ? comp["name"].qstring() + QLatin1Char('@') + comp["version"].qstring()
                                                          : comp["name"].qstring();
    }
    const QString author = root["metadata"]["manufacture"]["name"].isString() ? root["metadata"]["manufacture"]["name"].qstring()
                                                                             : root["metadata"]["supplier"]["name"].qstring();
    size_t i = 0;
    for (const JsonValue v : root["vulnerabilities"].elements()) {
        const QString where = jsonIndex(QStringLiteral("vulnerabilities"), i++);
        const JsonValue analysis = v["analysis"];
        if (!analysis.isObject())
            continue; // a scanner's finding, not a statement
        if (!v["id"].isString())
            return Problem { file, jsonMember(where, "id"), QStringLiteral("a VEX analysis names its vulnerability (id)") };
        VexStatement s;
        s.format = QStringLiteral("cyclonedx-vex");
        s.vulnerability = v["id"].qstring();
        for (const JsonValue r : v["references"].elements())
            if (r["id"].isString())
                s.aliases << r["id"].qstring();
        const auto status = vexStatusFromName(analysis["state"].qstring());
        if (!status)
            return Problem { file, jsonMember(jsonMember(where, "analysis"), "state"),
                QStringLiteral("'%1' is not a CycloneDX analysis state").arg(analysis["state"].qstring()) };
        s.status = *status;
        s.justification = analysis["justification"].qstring();
        s.statement = analysis["detail"].qstring();
        for (const JsonValue a : v["affects"].elements()) {
            const QString ref = bomRef(a["ref"].qstring());
            if (ref.isEmpty())
                continue;
            const auto known = refs.find(ref);
            s.products << (known != refs.end() ? known->second : ref);
        }
        s.author = author;
        if (auto t = timefmt::parseIso(analysis["lastUpdated"].qstring()))
            s.timestamp = *t;
        else if (auto t2 = timefmt::parseIso(root["metadata"]["timestamp"].qstring()))
            s.timestamp = *t2;
        s.part = int(out.size());
        out.push_back(s);
    }
    return std::nullopt;
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
    const bool emptyDigest = dropEmptyContent(item.subjects);
    if (auto t = timefmt::parseIso(root["metadata"]["timestamp"].qstring()))
        r.createdAt = *t;
    else if (timefmt::isOutOfRangeIso(root["metadata"]["timestamp"].qstring()))
        return Problem { file, QStringLiteral("metadata.timestamp"), QStringLiteral("time '%1' is outside 1970..9999").arg(root["metadata"]["timestamp"].qstring()) };
    // The packages: every component, nested ones too; the described component's own sub-components count as well.
    if (comp.isObject()) {
        // The described component is the artifact, not a package: one without a name is still bound by its digest.
        if (Result<Package> described = cdxPackage(comp, QStringLiteral("metadata.component"), file, 0))
            item.described = std::move(described).value();
        if (auto problem = walkComponents(comp["components"], QStringLiteral("metadata.component.components"), 1, file, item.packages))
            return *problem;
    }
    if (auto problem = walkComponents(root["components"], QStringLiteral("components"), 0, file, item.packages))
        return *problem;
    item.listsContents = root["components"].isArray() || comp["components"].isArray();
    QJsonObject summary { { QStringLiteral("spec_version"), root["specVersion"].qstring() },
        { QStringLiteral("components"), static_cast<qint64>(root["components"].size()) },
        { QStringLiteral("packages"), static_cast<qint64>(item.packages.size()) },
        { QStringLiteral("subjects"), subjectsJson(item.subjects) } };
    if (emptyDigest)
        summary.insert(QStringLiteral("ignored_digest"), QStringLiteral("the sha256 of empty content names no artifact: not bound by it"));
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

namespace {

// An SPDX package the document describes names the artifact (the first one does); the others are its contents, up
// to the bound.
std::optional<Problem> keepPackage(EvidenceItem& item, Package p, bool described, const QString& file, const QString& where)
{
    if (described) {
        if (!item.described)
            item.described = std::move(p);
        return std::nullopt;
    }
    if (item.packages.size() >= kMaxPackages)
        return Problem { file, where, QStringLiteral("more than %1 packages: refused").arg(kMaxPackages) };
    item.packages.push_back(std::move(p));
    return std::nullopt;
}

} // namespace

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
        // The packages: every software_Package that is not one of the document's roots. Licences are relationships
        // to licence expressions.
        std::map<QString, QStringList> licencesOf;
        for (const JsonValue e : root["@graph"].elements()) {
            const std::string_view rt = e["relationshipType"].stringOr("");
            if (e["type"].stringOr("") == "Relationship" && (rt == "hasConcludedLicense" || rt == "hasDeclaredLicense"))
                for (const JsonValue to : e["to"].elements())
                    if (auto l = byId.find(to.qstring()); l != byId.end()) {
                        const QString text = l->second["simplelicensing_licenseExpression"].isString()
                            ? l->second["simplelicensing_licenseExpression"].qstring()
                            : l->second["name"].qstring();
                        if (meaningfulLicence(text) && !licencesOf[e["from"].qstring()].contains(text))
                            licencesOf[e["from"].qstring()] << text;
                    }
        }
        size_t index = 0;
        for (const JsonValue e : root["@graph"].elements()) {
            const QString where = jsonIndex(QStringLiteral("@graph"), index++);
            const std::string_view type = e["type"].stringOr("");
            if (type != "software_Package" && type != "Package")
                continue;
            if (!namesItself(e))
                return Problem { file, jsonMember(where, "name"), QStringLiteral("a package names itself (name is required)") };
            const QString id = e["spdxId"].isString() ? e["spdxId"].qstring() : e["@id"].qstring();
            Package p;
            p.name = e["name"].qstring();
            for (auto [key, out] : { std::pair<std::string_view, QString*> { "software_packageVersion", &p.version }, { "software_packageUrl", &p.purl } })
                if (auto problem = stringMember(e, key, where, file, *out))
                    return *problem;
            for (const JsonValue x : e["externalIdentifier"].elements()) {
                const std::string_view xt = x["externalIdentifierType"].stringOr("");
                if ((xt == "cpe23" || xt == "cpe22") && p.cpe.isEmpty())
                    p.cpe = x["identifier"].qstring();
                else if (xt == "packageUrl" && p.purl.isEmpty())
                    p.purl = x["identifier"].qstring();
            }
            for (const JsonValue h : e["verifiedUsing"].elements())
                if (h["algorithm"].isString() && h["hashValue"].isString())
                    p.hashes << hashText(h["algorithm"].qstring(), h["hashValue"].qstring());
            p.licences = licencesOf[id];
            if (auto problem = keepPackage(item, std::move(p), seen.count(id) > 0, file, where))
                return *problem;
        }
        item.listsContents = true;
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
        // The packages: every package the document does not describe (those are the artifact itself).
        const std::set<QString> describedIds(described.begin(), described.end());
        size_t index = 0;
        for (const JsonValue e : root["packages"].elements()) {
            const QString where = jsonIndex(QStringLiteral("packages"), index++);
            if (!e.isObject())
                return Problem { file, where, QStringLiteral("a package is an object") };
            if (!namesItself(e))
                return Problem { file, jsonMember(where, "name"), QStringLiteral("a package names itself (name is required)") };
            Package p;
            p.name = e["name"].qstring();
            if (auto problem = stringMember(e, "versionInfo", where, file, p.version))
                return *problem;
            for (const JsonValue ref : e["externalRefs"].elements()) {
                const std::string_view type = ref["referenceType"].stringOr("");
                if (type == "purl" && p.purl.isEmpty())
                    p.purl = ref["referenceLocator"].qstring();
                else if ((type == "cpe23Type" || type == "cpe22Type") && p.cpe.isEmpty())
                    p.cpe = ref["referenceLocator"].qstring();
            }
            for (const char* key : { "licenseConcluded", "licenseDeclared" }) {
                const QString l = e[key].qstring();
                if (meaningfulLicence(l) && !p.licences.contains(l))
                    p.licences << l;
            }
            for (const JsonValue c : e["checksums"].elements())
                if (c["algorithm"].isString() && c["checksumValue"].isString())
                    p.hashes << hashText(c["algorithm"].qstring(), c["checksumValue"].qstring());
            if (auto problem = keepPackage(item, std::move(p), describedIds.count(e["SPDXID"].qstring()) > 0, file, where))
                return *problem;
        }
        item.listsContents = true;
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
    if (dropEmptyContent(item.subjects))
        summary.insert(QStringLiteral("ignored_digest"), QStringLiteral("the sha256 of empty content names no artifact: not bound by it"));
    summary.insert(QStringLiteral("packages"), static_cast<qint64>(item.packages.size()));
    summary.insert(QStringLiteral("subjects"), subjectsJson(item.subjects));
    if (item.subjects.empty())
        summary.insert(QStringLiteral("note"), QStringLiteral("the described elements carry no sha256 digest"));
    r.summary = summaryText(summary);
    return item;
}

Result<EvidenceFile> readCycloneDxFile(const JsonValue& root, const QString& file)
{
    Result<EvidenceItem> item = readCycloneDx(root, file);
    if (!item)
        return item.problem();
    EvidenceFile f;
    f.format = item->record.format;
    if (auto problem = cdxVex(root, file, f.vex))
        return *problem;
    f.items.push_back(std::move(item).value());
    return f;
}

} // namespace tideline::sbom
