// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentsgenerator.h"

#include "domain/hash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <set>

namespace tideline {

namespace {

constexpr int kPool = 4000; // package identities the SBOMs draw from

struct PoolPackage {
    QString type; // maven, npm, pypi, deb
    QString ns;
    QString name;
};

PoolPackage poolPackage(int id)
{
    static const char* const types[] = { "maven", "npm", "pypi", "deb" };
    static const char* const words[] = { "core", "util", "http", "json", "yaml", "log", "cache", "auth", "crypto", "db", "io", "net", "xml", "time",
        "text", "image", "queue", "rpc", "metrics", "trace" };
    const QString type = QString::fromLatin1(types[id % 4]);
    const QString name = QStringLiteral("%1-%2-%3").arg(QLatin1String(words[id % 20]), QLatin1String(words[(id / 20) % 20])).arg(id);
    return { type, type == QLatin1String("maven") ? QStringLiteral("org.example.lib%1").arg(id % 17) : QString(), name };
}

// A pool package's version in one build: most stay put, some move with the deployment's version.
QString poolVersion(int id, int deployVersion, const QString& type)
{
    const int moves = id % 9 == 0 ? deployVersion / 2 : 0;
    const QString v = QStringLiteral("%1.%2.%3").arg(1 + id % 5).arg((id / 5) % 20 + moves).arg(id % 7);
    return type == QLatin1String("deb") ? v + QStringLiteral("-1") : v;
}

QString purlOf(const PoolPackage& p, const QString& version)
{
    if (p.type == QLatin1String("deb"))
        return QStringLiteral("pkg:deb/debian/%1@%2?distro=debian-12").arg(p.name, version);
    return QStringLiteral("pkg:%1/%2%3@%4").arg(p.type, p.ns.isEmpty() ? QString() : p.ns + QLatin1Char('/'), p.name, version);
}

QJsonObject component(const QString& group, const QString& name, const QString& version, const QString& purl, const QString& licence)
{
    QJsonObject c { { QStringLiteral("type"), QStringLiteral("library") }, { QStringLiteral("name"), name }, { QStringLiteral("version"), version },
        { QStringLiteral("purl"), purl }, { QStringLiteral("bom-ref"), purl },
        { QStringLiteral("licenses"), QJsonArray { QJsonObject { { QStringLiteral("license"), QJsonObject { { QStringLiteral("id"), licence } } } } } },
        { QStringLiteral("hashes"), QJsonArray { QJsonObject { { QStringLiteral("alg"), QStringLiteral("SHA-256") },
                                        { QStringLiteral("content"), sha256Hex(purl.toUtf8()) } } } } };
    if (!group.isEmpty())
        c.insert(QStringLiteral("group"), group);
    return c;
}

// The well-known packages of a deployment (Java services carry log4j, the front ends lodash, the Python jobs
// requests; every image openssl), their versions moving with the builds.
QJsonArray knownComponents(const std::string& deploy, int v)
{
    // Early builds carry the vulnerable versions; later ones the fixed ones.
    const QString log4j = v == 1 ? QStringLiteral("2.14.1") : v == 2 ? QStringLiteral("2.15.0") : QStringLiteral("2.17.1");
    const QString lodash = v == 1 ? QStringLiteral("4.17.20") : QStringLiteral("4.17.21");
    const QString requests = v == 3 ? QStringLiteral("2.28.2") : QStringLiteral("2.31.0");
    const QString openssl = QStringLiteral("3.0.%1-1~deb12u1").arg(9 + v % 4);
    const std::set<std::string> java { "api", "orders", "payments" }, front { "web", "cart" }, python { "reports" };
    QJsonArray out;
    if (java.count(deploy))
        out.append(component(QStringLiteral("org.apache.logging.log4j"), QStringLiteral("log4j-core"), log4j,
            QStringLiteral("pkg:maven/org.apache.logging.log4j/log4j-core@") + log4j + QStringLiteral("?type=jar"), QStringLiteral("Apache-2.0")));
    if (front.count(deploy))
        out.append(component(QString(), QStringLiteral("lodash"), lodash, QStringLiteral("pkg:npm/lodash@") + lodash, QStringLiteral("MIT")));
    if (python.count(deploy))
        out.append(component(QString(), QStringLiteral("requests"), requests, QStringLiteral("pkg:pypi/requests@") + requests, QStringLiteral("Apache-2.0")));
    out.append(component(QString(), QStringLiteral("openssl"), openssl, QStringLiteral("pkg:deb/debian/openssl@") + openssl + QStringLiteral("?distro=debian-12"),
        QStringLiteral("Apache-2.0")));
    return out;
}

std::string json(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(); }

QJsonObject osvRecord(const QString& id, const QString& alias, const QString& summary, const QString& ecosystem, const QString& name,
    const QString& rangeType, const QString& introduced, const QString& fixed, const QString& vector)
{
    QJsonObject o { { QStringLiteral("schema_version"), QStringLiteral("1.6.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("modified"), QStringLiteral("2026-02-01T00:00:00Z") }, { QStringLiteral("published"), QStringLiteral("2026-01-15T00:00:00Z") },
        { QStringLiteral("summary"), summary },
        { QStringLiteral("affected"),
            QJsonArray { QJsonObject { { QStringLiteral("package"), QJsonObject { { QStringLiteral("ecosystem"), ecosystem }, { QStringLiteral("name"), name } } },
                { QStringLiteral("ranges"),
                    QJsonArray { QJsonObject { { QStringLiteral("type"), rangeType },
                        { QStringLiteral("events"),
                            QJsonArray { QJsonObject { { QStringLiteral("introduced"), introduced } }, QJsonObject { { QStringLiteral("fixed"), fixed } } } } } } } } } } };
    if (!alias.isEmpty())
        o.insert(QStringLiteral("aliases"), QJsonArray { alias });
    if (!vector.isEmpty())
        o.insert(QStringLiteral("severity"), QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("CVSS_V3") }, { QStringLiteral("score"), vector } } });
    return o;
}

QString ecosystemOf(const QString& type)
{
    if (type == QLatin1String("maven"))
        return QStringLiteral("Maven");
    if (type == QLatin1String("pypi"))
        return QStringLiteral("PyPI");
    if (type == QLatin1String("deb"))
        return QStringLiteral("Debian:12");
    return QStringLiteral("npm");
}

} // namespace

Status writeContents(const GeneratorOptions& o, const std::vector<ContentsArtifact>& artifacts,
    const std::function<Status(const QString&, const std::string&)>& write)
{
    for (const ContentsArtifact& a : artifacts) {
        const QString deploy = QString::fromStdString(a.deploy);
        QJsonArray components = o.knownAdvisories ? knownComponents(a.deploy, a.version) : QJsonArray();
        const int seed = int(qHash(deploy) % 997);
        for (int i = int(components.size()); i < o.sbomPackages; ++i) {
            const int id = (seed * 37 + i * 13) % kPool;
            const PoolPackage p = poolPackage(id);
            const QString version = poolVersion(id, a.version, p.type);
            components.append(component(p.ns, p.name, version, purlOf(p, version), i % 5 == 0 ? QStringLiteral("MIT") : QStringLiteral("Apache-2.0")));
        }
        const QString fp = QString::fromStdString(a.fingerprint);
        const QJsonObject bom { { QStringLiteral("bomFormat"), QStringLiteral("CycloneDX") }, { QStringLiteral("specVersion"), QStringLiteral("1.6") },
            { QStringLiteral("serialNumber"), QStringLiteral("urn:uuid:%1").arg(fp.left(32)) }, { QStringLiteral("version"), 1 },
            { QStringLiteral("metadata"),
                QJsonObject { { QStringLiteral("component"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("container") }, { QStringLiteral("name"), QString::fromStdString(a.image) },
                        { QStringLiteral("version"), QStringLiteral("1.%1.0").arg(a.version) }, { QStringLiteral("bom-ref"), QStringLiteral("image") },
                        { QStringLiteral("purl"), QStringLiteral("pkg:oci/%1@sha256%3A%2").arg(deploy, fp) },
                        { QStringLiteral("hashes"), QJsonArray { QJsonObject { { QStringLiteral("alg"), QStringLiteral("SHA-256") }, { QStringLiteral("content"), fp } } } } } } } },
            { QStringLiteral("components"), components } };
        if (Status s = write(QStringLiteral("sbom/%1-1.%2.0.cdx.json").arg(deploy).arg(a.version), json(bom)); !s)
            return s;
    }
    if (o.knownAdvisories) {
        const QJsonArray known {
            osvRecord(QStringLiteral("GHSA-jfh8-c2jp-5v3q"), QStringLiteral("CVE-2021-44228"), QStringLiteral("Remote code injection in Log4j (demo data)"),
                QStringLiteral("Maven"), QStringLiteral("org.apache.logging.log4j:log4j-core"), QStringLiteral("ECOSYSTEM"), QStringLiteral("2.0-beta9"),
                QStringLiteral("2.15.0"), QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")),
            osvRecord(QStringLiteral("GHSA-7rjr-3q55-vv33"), QStringLiteral("CVE-2021-45046"), QStringLiteral("Incomplete fix for CVE-2021-44228 in Log4j (demo data)"),
                QStringLiteral("Maven"), QStringLiteral("org.apache.logging.log4j:log4j-core"), QStringLiteral("ECOSYSTEM"), QStringLiteral("2.0-beta9"),
                QStringLiteral("2.16.0"), QStringLiteral("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H")),
            osvRecord(QStringLiteral("GHSA-35jh-r3h4-6jhm"), QStringLiteral("CVE-2021-23337"), QStringLiteral("Command injection in lodash (demo data)"),
                QStringLiteral("npm"), QStringLiteral("lodash"), QStringLiteral("SEMVER"), QStringLiteral("0"), QStringLiteral("4.17.21"),
                QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H")),
            osvRecord(QStringLiteral("GHSA-j8r2-6x86-q33q"), QStringLiteral("CVE-2023-32681"), QStringLiteral("Proxy-Authorization header leak in requests (demo data)"),
                QStringLiteral("PyPI"), QStringLiteral("requests"), QStringLiteral("ECOSYSTEM"), QStringLiteral("2.3.0"), QStringLiteral("2.31.0"),
                QStringLiteral("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N")),
        };
        QJsonObject withdrawn = osvRecord(QStringLiteral("GHSA-demo-wdrn-0001"), QString(), QStringLiteral("Withdrawn: not a vulnerability (demo data)"),
            QStringLiteral("npm"), QStringLiteral("lodash"), QStringLiteral("SEMVER"), QStringLiteral("0"), QStringLiteral("9.0.0"), QString());
        withdrawn.insert(QStringLiteral("withdrawn"), QStringLiteral("2026-02-02T00:00:00Z"));
        QJsonArray all = known;
        all.append(withdrawn);
        if (Status s = write(QStringLiteral("osv/known.json"), QJsonDocument(all).toJson().toStdString()); !s)
            return s;
        // The web team says its images never call lodash's template(): lodash's advisory does not affect them.
        QJsonArray products;
        for (const ContentsArtifact& a : artifacts)
            if (a.deploy == "web")
                products.append(QJsonObject { { QStringLiteral("@id"), QStringLiteral("pkg:oci/web@sha256%3A%1").arg(QString::fromStdString(a.fingerprint)) },
                    { QStringLiteral("subcomponents"), QJsonArray { QJsonObject { { QStringLiteral("@id"), QStringLiteral("pkg:npm/lodash") } } } } });
        if (!products.isEmpty()) {
            const QJsonObject vex { { QStringLiteral("@context"), QStringLiteral("https://openvex.dev/ns/v0.2.0") },
                { QStringLiteral("@id"), QStringLiteral("https://example-shop.invalid/vex/web-lodash") }, { QStringLiteral("author"), QStringLiteral("example-shop web team") },
                { QStringLiteral("timestamp"), QStringLiteral("2026-02-10T00:00:00Z") }, { QStringLiteral("version"), 1 },
                { QStringLiteral("statements"),
                    QJsonArray { QJsonObject { { QStringLiteral("vulnerability"), QJsonObject { { QStringLiteral("name"), QStringLiteral("CVE-2021-23337") } } },
                        { QStringLiteral("products"), products }, { QStringLiteral("status"), QStringLiteral("not_affected") },
                        { QStringLiteral("justification"), QStringLiteral("vulnerable_code_not_in_execute_path") },
                        { QStringLiteral("impact_statement"), QStringLiteral("web never calls _.template with user input") } } } } };
            if (Status s = write(QStringLiteral("vex/web-lodash.openvex.json"), QJsonDocument(vex).toJson().toStdString()); !s)
                return s;
        }
    }
    if (o.advisories > 0) {
        // Synthetic records, one array per ecosystem, as an export of a whole ecosystem is: most are about packages
        // no SBOM lists (one in ten names a package of the pool), and a third of those affect the versions built.
        std::map<QString, QJsonArray> byEcosystem;
        static const char* const vectors[] = { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
            "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N" };
        for (int k = 0; k < o.advisories; ++k) {
            const int id = (k * 7919) % (kPool * 10);
            const PoolPackage p = poolPackage(id);
            const QString eco = ecosystemOf(p.type);
            const QString name = p.type == QLatin1String("maven") ? p.ns + QLatin1Char(':') + p.name : p.name;
            const QString fixed = k % 3 == 0 ? QStringLiteral("%1.%2.0").arg(1 + id % 5).arg((id / 5) % 20 + 1) : QStringLiteral("0.0.1");
            const QString debFixed = p.type == QLatin1String("deb") ? fixed + QStringLiteral("-1") : fixed;
            byEcosystem[eco].append(osvRecord(QStringLiteral("TIDELINE-SYN-%1").arg(k, 5, 10, QLatin1Char('0')), QStringLiteral("CVE-2099-%1").arg(10000 + k),
                QStringLiteral("Synthetic advisory %1").arg(k), eco, name, p.type == QLatin1String("npm") ? QStringLiteral("SEMVER") : QStringLiteral("ECOSYSTEM"),
                QStringLiteral("0"), debFixed, QString::fromLatin1(vectors[k % 4])));
        }
        for (const auto& [eco, list] : byEcosystem)
            if (Status s = write(QStringLiteral("osv/%1.json").arg(QString(eco).replace(QLatin1Char(':'), QLatin1Char('-'))), QJsonDocument(list).toJson(QJsonDocument::Compact).toStdString()); !s)
                return s;
    }
    return {};
}

} // namespace tideline
