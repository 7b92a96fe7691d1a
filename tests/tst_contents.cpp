// SPDX-License-Identifier: GPL-3.0-or-later
// Contents: the packages of every SBOM form (samples read in place, nested and flat forms and XML written here from
// one sample), OSV records and VEX statements, and what bad input gets.

#include "testutil.h"

#include "evidence/evidencefile.h"
#include "domain/json.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>
#include <QtTest>

#include <set>

using namespace tideline;
using namespace Qt::Literals::StringLiterals;

namespace {

std::optional<Result<EvidenceFile>> read(const QByteArray& bytes, const QString& name = u"test-file"_s)
{
    JsonDocument json;
    return readEvidence(bytes, name, json);
}

Result<EvidenceFile> readOk(const QByteArray& bytes, const QString& name = u"test-file"_s)
{
    auto r = read(bytes, name);
    if (!r)
        return Problem { name, QString(), u"not read as evidence"_s };
    return *r;
}

// A package as a comparable line (depth aside: nesting is the form, not the content).
QString line(const Package& p)
{
    return QStringList { p.name, p.version, p.purl, p.cpe, p.licences.join(u'|'), p.hashes.join(u'|') }.join(u'\t');
}

std::multiset<QString> lines(const std::vector<Package>& ps)
{
    std::multiset<QString> out;
    for (const Package& p : ps)
        out.insert(line(p));
    return out;
}

QJsonObject jsonOf(const QString& path) { return QJsonDocument::fromJson(testutil::readFile(path)).object(); }

// Every component of a list, flattened (nested ones after their parent).
void flatten(const QJsonArray& list, QJsonArray& out)
{
    for (const QJsonValue& v : list) {
        QJsonObject c = v.toObject();
        const QJsonArray children = c.take(u"components"_s).toArray();
        out.append(c);
        flatten(children, out);
    }
}

// The same components nested: each run of `fan` components goes inside the one before it, deeper and deeper.
QJsonArray nest(const QJsonArray& flat, int fan)
{
    QJsonArray top;
    std::function<QJsonObject(qsizetype&, int)> build = [&](qsizetype& i, int depth) {
        QJsonObject c = flat[i++].toObject();
        QJsonArray children;
        for (int k = 0; k < fan && i < flat.size() && depth < 12; ++k)
            children.append(build(i, depth + 1));
        if (!children.isEmpty())
            c.insert(u"components"_s, children);
        return c;
    };
    for (qsizetype i = 0; i < flat.size();)
        top.append(build(i, 0));
    return top;
}

// CycloneDX JSON written as CycloneDX XML of the given version (the subset of fields the reader takes).
void writeComponent(QXmlStreamWriter& w, const QJsonObject& c, const char* tag = "component")
{
    w.writeStartElement(QString::fromLatin1(tag));
    w.writeAttribute(u"type"_s, c.value(u"type"_s).toString(u"library"_s));
    if (c.contains(u"bom-ref"_s))
        w.writeAttribute(u"bom-ref"_s, c.value(u"bom-ref"_s).toString());
    for (const char* key : { "group", "name", "version" })
        if (c.contains(QLatin1String(key)))
            w.writeTextElement(QString::fromLatin1(key), c.value(QLatin1String(key)).toString());
    if (c.contains(u"hashes"_s)) {
        w.writeStartElement(u"hashes"_s);
        for (const QJsonValue& h : c.value(u"hashes"_s).toArray()) {
            w.writeStartElement(u"hash"_s);
            w.writeAttribute(u"alg"_s, h[u"alg"_s].toString());
            w.writeCharacters(h[u"content"_s].toString());
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    if (c.contains(u"licenses"_s)) {
        w.writeStartElement(u"licenses"_s);
        for (const QJsonValue& l : c.value(u"licenses"_s).toArray()) {
            if (l[u"expression"_s].isString()) {
                w.writeTextElement(u"expression"_s, l[u"expression"_s].toString());
                continue;
            }
            w.writeStartElement(u"license"_s);
            const QJsonObject lic = l[u"license"_s].toObject();
            if (lic.contains(u"id"_s))
                w.writeTextElement(u"id"_s, lic.value(u"id"_s).toString());
            else
                w.writeTextElement(u"name"_s, lic.value(u"name"_s).toString());
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    for (const char* key : { "cpe", "purl" })
        if (c.contains(QLatin1String(key)))
            w.writeTextElement(QString::fromLatin1(key), c.value(QLatin1String(key)).toString());
    if (c.contains(u"components"_s)) {
        w.writeStartElement(u"components"_s);
        for (const QJsonValue& child : c.value(u"components"_s).toArray())
            writeComponent(w, child.toObject());
        w.writeEndElement();
    }
    w.writeEndElement();
}

QByteArray cdxXml(const QJsonObject& bom, const QString& version)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeDefaultNamespace(u"http://cyclonedx.org/schema/bom/"_s + version);
    w.writeStartElement(u"bom"_s);
    w.writeAttribute(u"version"_s, u"1"_s);
    const QJsonObject meta = bom.value(u"metadata"_s).toObject();
    w.writeStartElement(u"metadata"_s);
    if (meta.contains(u"timestamp"_s))
        w.writeTextElement(u"timestamp"_s, meta.value(u"timestamp"_s).toString());
    if (meta.contains(u"component"_s))
        writeComponent(w, meta.value(u"component"_s).toObject());
    w.writeEndElement();
    w.writeStartElement(u"components"_s);
    for (const QJsonValue& c : bom.value(u"components"_s).toArray())
        writeComponent(w, c.toObject());
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

const QString kDigest = u"ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"_s;
const QString kEmpty = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;

} // namespace

class TestContents : public QObject {
    Q_OBJECT

private slots:
    void samples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("packages");
        QTest::addColumn<QString>("subject");
        // Counted by hand: laravel's 62 components; dropwizard's 167 (its 168th component is the one it describes);
        // example11's four packages less the one it describes; example6 describes its one package (whose binary's
        // sha256 binds it) and lists no other; the VEX folder's BOM, three components.
        QTest::newRow("cyclonedx json 1.4") << "sbom/laravel-bom-1.4.cdx.json" << "cyclonedx-json" << 62 << "";
        QTest::newRow("cyclonedx xml 1.2") << "sbom/dropwizard-1.3.15.cdx.xml" << "cyclonedx-xml" << 167 << "";
        QTest::newRow("spdx 2.3 json") << "sbom/example11-sbom.spdx.json" << "spdx-json" << 3 << "";
        QTest::newRow("spdx 2.2 tag-value") << "sbom/example6-bin.spdx" << "spdx-tag-value" << 0
                                            << "3d51cb6c9a38d437e8ee20a1902a15875ea1d3771a215622e14739532be14949";
        QTest::newRow("cyclonedx with vex") << "sbom/vex/bom.json" << "cyclonedx-json" << 3 << "";
    }

    void samples()
    {
        REQUIRE_SAMPLES();
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, packages);
        QFETCH(QString, subject);
        Result<EvidenceFile> f = readOk(testutil::readFile(testutil::sample(file)), file);
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QCOMPARE(f->format, format);
        QCOMPARE(f->items.size(), size_t(1));
        const EvidenceItem& item = f->items.front();
        QCOMPARE(int(item.packages.size()), packages);
        QVERIFY(item.listsContents);
        if (!subject.isEmpty()) {
            QCOMPARE(item.subjects.size(), size_t(1));
            QCOMPARE(item.subjects.front().sha256, subject);
        }
        for (const Package& p : item.packages)
            QVERIFY2(!p.name.isEmpty(), qPrintable(file));
    }

    void sampleFields()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> x = readOk(testutil::readFile(testutil::sample(u"sbom/dropwizard-1.3.15.cdx.xml"_s)));
        QVERIFY2(x.ok(), qPrintable(x.error()));
        const Package& first = x->items[0].packages[0];
        QCOMPARE(first.name, u"com.fasterxml.jackson.core/jackson-annotations"_s);
        QCOMPARE(first.version, u"2.9.10"_s);
        QCOMPARE(first.purl, u"pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar"_s);
        QVERIFY(first.hashes.contains(u"SHA-256:c876f2e85d0f108a34cdd11ccc9d8d7875697367efc75bf10a89c2c26aee994c"_s));
        QVERIFY(!first.licences.isEmpty());
        QVERIFY(x->items[0].described.has_value());
        QCOMPARE(x->items[0].described->name, u"io.dropwizard/dropwizard-parent"_s);
        Result<EvidenceFile> spdx = readOk(testutil::readFile(testutil::sample(u"sbom/example11-sbom.spdx.json"_s)));
        QVERIFY(spdx.ok());
        std::set<QString> purls;
        for (const Package& p : spdx->items[0].packages)
            purls.insert(p.purl);
        QCOMPARE(purls, (std::set<QString> { u"pkg:cargo/hyper@0.14"_s, u"pkg:cargo/tokio@1.19.2"_s, u"pkg:cargo/pretty_env_logger@0.4.0"_s }));
        QVERIFY(spdx->items[0].described.has_value());
        QCOMPARE(spdx->items[0].described->name, u"hello-server-src"_s);
    }

    // One sample's components, flat and nested at several depths, as JSON and as XML of each version: the same packages.
    void nestedAndFlat()
    {
        REQUIRE_SAMPLES();
        QJsonObject bom = jsonOf(testutil::sample(u"sbom/laravel-bom-1.4.cdx.json"_s));
        QJsonArray flat;
        flatten(bom.value(u"components"_s).toArray(), flat);
        bom.insert(u"components"_s, flat);
        Result<EvidenceFile> base = readOk(QJsonDocument(bom).toJson(), u"flat.json"_s);
        QVERIFY2(base.ok(), qPrintable(base.error()));
        const auto expected = lines(base->items[0].packages);
        QCOMPARE(int(expected.size()), 62);
        for (int fan : { 1, 2, 5 }) {
            QJsonObject nested = bom;
            nested.insert(u"components"_s, nest(flat, fan));
            QVERIFY(nested.value(u"components"_s).toArray().size() < flat.size());
            Result<EvidenceFile> n = readOk(QJsonDocument(nested).toJson(), u"nested.json"_s);
            QVERIFY2(n.ok(), qPrintable(n.error()));
            QCOMPARE(lines(n->items[0].packages), expected);
            int deepest = 0;
            for (const Package& p : n->items[0].packages)
                deepest = std::max(deepest, p.depth);
            QVERIFY(deepest >= 2);
            for (const char* version : { "1.2", "1.3", "1.4", "1.5", "1.6" }) {
                Result<EvidenceFile> xml = readOk(cdxXml(nested, QString::fromLatin1(version)), u"nested.xml"_s);
                QVERIFY2(xml.ok(), qPrintable(xml.error()));
                QCOMPARE(xml->format, u"cyclonedx-xml"_s);
                QCOMPARE(lines(xml->items[0].packages), expected);
            }
        }
    }

    void spdx3()
    {
        const QByteArray doc = QStringLiteral(
            "{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":["
            "{\"type\":\"SpdxDocument\",\"spdxId\":\"urn:doc\",\"rootElement\":[\"urn:sbom\"]},"
            "{\"type\":\"software_Sbom\",\"spdxId\":\"urn:sbom\",\"rootElement\":[\"urn:app\"]},"
            "{\"type\":\"software_Package\",\"spdxId\":\"urn:app\",\"name\":\"app\",\"verifiedUsing\":[{\"type\":\"Hash\",\"algorithm\":\"sha256\",\"hashValue\":\"%1\"}]},"
            "{\"type\":\"software_Package\",\"spdxId\":\"urn:log4j\",\"name\":\"log4j-core\",\"software_packageVersion\":\"2.14.1\","
            "\"software_packageUrl\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\","
            "\"externalIdentifier\":[{\"type\":\"ExternalIdentifier\",\"externalIdentifierType\":\"cpe23\",\"identifier\":\"cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*\"}]},"
            "{\"type\":\"simplelicensing_LicenseExpression\",\"spdxId\":\"urn:lic\",\"simplelicensing_licenseExpression\":\"Apache-2.0\"},"
            "{\"type\":\"Relationship\",\"spdxId\":\"urn:r1\",\"from\":\"urn:log4j\",\"relationshipType\":\"hasConcludedLicense\",\"to\":[\"urn:lic\"]},"
            "{\"type\":\"Relationship\",\"spdxId\":\"urn:r2\",\"from\":\"urn:app\",\"relationshipType\":\"contains\",\"to\":[\"urn:log4j\"]}]}")
                                  .arg(kDigest)
                                  .toUtf8();
        Result<EvidenceFile> f = readOk(doc);
        QVERIFY2(f.ok(), qPrintable(f.error()));
        const EvidenceItem& item = f->items[0];
        QCOMPARE(item.subjects.size(), size_t(1));
        QCOMPARE(item.subjects[0].sha256, kDigest);
        QCOMPARE(item.packages.size(), size_t(1));
        QCOMPARE(item.packages[0].version, u"2.14.1"_s);
        QCOMPARE(item.packages[0].purl, u"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"_s);
        QVERIFY(item.packages[0].cpe.startsWith(u"cpe:2.3:a:apache:log4j"_s));
        QCOMPARE(item.packages[0].licences, QStringList { u"Apache-2.0"_s });
    }

    void emptyContentDigestNeverBinds()
    {
        for (const QString& form : { u"json"_s, u"xml"_s, u"spdx"_s }) {
            QByteArray bytes;
            if (form == u"spdx"_s) {
                bytes = QStringLiteral("SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: x\n"
                                       "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app\n"
                                       "PackageName: app\nSPDXID: SPDXRef-app\nPackageChecksum: SHA256: %1\n")
                            .arg(kEmpty)
                            .toUtf8();
            } else {
                const QJsonObject bom { { u"bomFormat"_s, u"CycloneDX"_s }, { u"specVersion"_s, u"1.5"_s },
                    { u"metadata"_s, QJsonObject { { u"component"_s, QJsonObject { { u"type"_s, u"container"_s }, { u"name"_s, u"app"_s },
                                                                         { u"hashes"_s, QJsonArray { QJsonObject { { u"alg"_s, u"SHA-256"_s }, { u"content"_s, kEmpty } } } } } } } },
                    { u"components"_s, QJsonArray {} } };
                bytes = form == u"json"_s ? QJsonDocument(bom).toJson() : cdxXml(bom, u"1.5"_s);
            }
            Result<EvidenceFile> f = readOk(bytes, form);
            QVERIFY2(f.ok(), qPrintable(f.error()));
            QVERIFY2(f->items[0].subjects.empty(), qPrintable(form));
            QVERIFY2(f->items[0].record.summary.contains(u"empty content"_s), qPrintable(f->items[0].record.summary));
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::newRow("component without name")
            << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"a\"},{\"name\":\"b\",\"components\":[{\"version\":\"1\"}]}]}")
            << "components[1].components[0].name";
        QTest::newRow("version not a string") << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"a\",\"version\":3}]}")
                                              << "components[0].version";
        QTest::newRow("components not an array") << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":{}}") << "components";
        QTest::newRow("spdx package without name") << QByteArray("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"packages\":[{\"SPDXID\":\"x\"}]}")
                                                   << "packages[0].name";
        QTest::newRow("osv event") << QByteArray("{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixd\":\"1.0.0\"}]}]}]}")
                                   << "affected[0].ranges[0].events[1].fixd";
        QTest::newRow("osv range type") << QByteArray("{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"ranges\":[{\"type\":\"DATE\",\"events\":[]}]}]}")
                                        << "affected[0].ranges[0].type";
        QTest::newRow("osv array") << QByteArray("[{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":[]},{\"id\":\"X-2\",\"modified\":\"yesterday\",\"aliases\":[]}]")
                                   << "[1].modified";
        QTest::newRow("openvex status") << QByteArray("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"vulnerability\":{\"name\":\"CVE-1\"},\"products\":[{\"@id\":\"pkg:npm/a\"}],\"status\":\"fine\"}]}")
                                        << "statements[0].status";
        QTest::newRow("cyclonedx vex state") << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"vulnerabilities\":[{\"id\":\"CVE-1\",\"analysis\":{\"state\":\"maybe\"}}]}")
                                             << "vulnerabilities[0].analysis.state";
        QTest::newRow("component with an empty name")
            << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"a\"},{\"name\":\"  \"}]}")
            << "components[1].name";
        QTest::newRow("spdx package with an empty name") << QByteArray("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"packages\":[{\"SPDXID\":\"x\",\"name\":\"\"}]}")
                                                         << "packages[0].name";
        QTest::newRow("tag-value empty PackageName") << QByteArray("SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n\nPackageName: a\n\nPackageName:\nSPDXID: SPDXRef-b\n") << "line 6";
        QTest::newRow("tag-value line") << QByteArray("SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nthis is no tag\n") << "line 3";
        QTest::newRow("xml unclosed") << QByteArray("<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">\n<components>\n<component><name>a</name>\n")
                                      << "line";
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        auto r = read(bytes, u"bad-file"_s);
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->problem().file, u"bad-file"_s);
        QVERIFY2(r->problem().where.startsWith(where), qPrintable(r->problem().toString()));
    }

    void xmlEntitiesRefused()
    {
        const QByteArray xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                               "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component><name>&x;</name></component></components></bom>";
        auto r = read(xxe, u"xxe.xml"_s);
        QVERIFY(r.has_value() && !r->ok());
        QVERIFY2(r->problem().message.contains(u"document type declaration"_s), qPrintable(r->problem().toString()));
    }

    void osvSamples()
    {
        REQUIRE_SAMPLES();
        int records = 0, withdrawn = 0;
        QJsonArray all;
        QDirIterator it(testutil::sample(u"osv"_s), { u"*.json"_s });
        while (it.hasNext()) {
            const QString path = it.next();
            Result<EvidenceFile> f = readOk(testutil::readFile(path), path);
            QVERIFY2(f.ok(), qPrintable(f.error()));
            QCOMPARE(f->format, u"osv"_s);
            QCOMPARE(f->advisories.size(), size_t(1));
            const Advisory& a = f->advisories[0];
            QVERIFY(!a.id.isEmpty() && a.modified.has_value() && !a.affected.empty());
            withdrawn += a.withdrawn.has_value();
            ++records;
            all.append(QJsonDocument::fromJson(testutil::readFile(path)).object());
        }
        QCOMPARE(records, 11);
        QCOMPARE(withdrawn, 1);
        // The same records as one array.
        Result<EvidenceFile> arr = readOk(QJsonDocument(all).toJson(), u"all.json"_s);
        QVERIFY2(arr.ok(), qPrintable(arr.error()));
        QCOMPARE(int(arr->advisories.size()), 11);
        Result<EvidenceFile> akka = readOk(testutil::readFile(testutil::sample(u"osv/full_ranges.osv.json"_s)));
        const Advisory& a = akka->advisories[0];
        QCOMPARE(a.id, u"GHSA-mr95-9rr4-668f"_s);
        QCOMPARE(a.aliases, QStringList { u"CVE-2018-16115"_s });
        QCOMPARE(a.affected.size(), size_t(2));
        QCOMPARE(a.affected[0].ecosystem, u"Maven"_s);
        QCOMPARE(a.affected[0].ranges[0].events.size(), size_t(2));
    }

    void osvSeverity()
    {
        const QByteArray rec = "{\"id\":\"GHSA-x\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":[\"CVE-2024-1\"],\n"
"            \"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"},\n"
"                        {\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}],\n"
"            \"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}]}]}]}";
        Result<EvidenceFile> f = readOk(rec);
        QVERIFY2(f.ok(), qPrintable(f.error()));
        const auto s = f->advisories[0].strongest();
        QVERIFY(s.has_value());
        QCOMPARE(s->score, std::optional<double>(10.0));
        QCOMPARE(s->rating, u"critical"_s);
        QCOMPARE(f->advisories[0].severities.size(), size_t(2));
        QVERIFY(!f->advisories[0].severities[1].score.has_value()); // v4: the vector is shown, not scored
    }

    void vexSamples()
    {
        REQUIRE_SAMPLES();
        Result<EvidenceFile> f = readOk(testutil::readFile(testutil::sample(u"sbom/vex/vex.json"_s)));
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QCOMPARE(f->vex.size(), size_t(1));
        const VexStatement& s = f->vex[0];
        QCOMPARE(s.vulnerability, u"CVE-2020-25649"_s);
        QCOMPARE(s.status, VexStatus::NotAffected);
        QCOMPARE(s.justification, u"code_not_reachable"_s);
        QCOMPARE(s.products, QStringList { u"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar"_s });
        QVERIFY(s.aliases.contains(u"SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302"_s));
        // Every VEX example reads; the CISA cases name the product by its bom-ref in the document itself.
        int statements = 0;
        QDirIterator it(testutil::sample(u"sbom/vex"_s), { u"*.json"_s }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            Result<EvidenceFile> v = readOk(testutil::readFile(path), path);
            QVERIFY2(v.ok(), qPrintable(v.error()));
            statements += int(v->vex.size());
        }
        QVERIFY(statements >= 10);
        Result<EvidenceFile> cisa = readOk(testutil::readFile(testutil::sample(u"sbom/vex/CISA-Use-Cases/Case-1/vex-not_affected.json"_s)));
        QCOMPARE(cisa->vex[0].products, QStringList { u"ABC@4.2"_s });
        QCOMPARE(cisa->vex[0].status, VexStatus::NotAffected);
        Result<EvidenceFile> fixed = readOk(testutil::readFile(testutil::sample(u"sbom/vex/CISA-Use-Cases/Case-1/vex-fixed.json"_s)));
        QCOMPARE(fixed->vex[0].status, VexStatus::Fixed);
    }

    void openVex()
    {
        const QByteArray doc = QStringLiteral("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"urn:example:vex-1\",\"author\":\"Example Security\",\n"
"            \"timestamp\":\"2024-03-01T00:00:00Z\",\"version\":1,\"statements\":[\n"
"              {\"vulnerability\":{\"name\":\"CVE-2021-44228\",\"aliases\":[\"GHSA-jfh8-c2jp-5v3q\"]},\n"
"               \"products\":[{\"@id\":\"pkg:oci/app@sha256%3A%1\",\"subcomponents\":[{\"@id\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\"}]}],\n"
"               \"status\":\"not_affected\",\"justification\":\"vulnerable_code_not_in_execute_path\",\"impact_statement\":\"JNDI lookups are disabled\"},\n"
"              {\"vulnerability\":\"CVE-2022-1\",\"products\":[\"pkg:npm/a@1.0.0\"],\"status\":\"affected\",\"timestamp\":\"2024-04-01T00:00:00Z\"}]}")
                                  .arg(kDigest)
                                  .toUtf8();
        Result<EvidenceFile> f = readOk(doc);
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QCOMPARE(f->format, u"openvex"_s);
        QCOMPARE(f->vex.size(), size_t(2));
        QCOMPARE(f->vex[0].subcomponents, QStringList { u"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"_s });
        QVERIFY(f->vex[0].suppresses());
        QCOMPARE(f->vex[0].author, u"Example Security"_s);
        QCOMPARE(f->vex[1].vulnerability, u"CVE-2022-1"_s);
        QVERIFY(!f->vex[1].suppresses());
        QVERIFY(f->vex[1].timestamp > f->vex[0].timestamp);
    }
};

QTEST_APPLESS_MAIN(TestContents)
#include "tst_contents.moc"
