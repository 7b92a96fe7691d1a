// SPDX-License-Identifier: GPL-3.0-or-later
// The SBOM forms that are not JSON (CycloneDX XML, SPDX tag-value), read into the shape of their JSON forms and then
// by the JSON readers of sbom.cpp: one reader per standard, whatever the form.

#include "evidence/safexml.h"
#include "evidence/sbom.h"
#include "evidence/testresults.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>

#include <map>
#include <set>

namespace tideline::sbom {

namespace {

constexpr int kMaxXmlDepth = 256;

// Containers whose children are the items of a JSON array.
bool isArrayContainer(QStringView name)
{
    static const std::set<QString> arrays { QStringLiteral("components"), QStringLiteral("hashes"), QStringLiteral("licenses"),
        QStringLiteral("properties"), QStringLiteral("vulnerabilities"), QStringLiteral("ratings"), QStringLiteral("affects"),
        QStringLiteral("references"), QStringLiteral("tools"), QStringLiteral("responses"), QStringLiteral("externalReferences"),
        QStringLiteral("services"), QStringLiteral("cwes"), QStringLiteral("advisories"), QStringLiteral("authors"),
        QStringLiteral("dependencies"), QStringLiteral("versions") };
    return arrays.count(name.toString()) > 0;
}

class CdxXml {
public:
    CdxXml(const QByteArray& bytes, const QString& file)
        : m_xml(bytes)
        , m_file(file)
    {
    }

    Result<QJsonObject> read()
    {
        while (!m_xml.atEnd()) {
            const auto t = m_xml.readNext();
            if (auto p = safexml::tokenProblem(m_xml, t, m_file))
                return *p;
            if (t == QXmlStreamReader::StartElement) {
                const QString ns = m_xml.namespaceUri().toString();
                static const QRegularExpression version(QStringLiteral("^http://cyclonedx\\.org/schema/bom/(1\\.[0-9]+)$"));
                const auto m = version.match(ns);
                if (m_xml.name() != QLatin1String("bom") || !m.hasMatch())
                    return Problem { m_file, line(), QStringLiteral("not a CycloneDX BOM: the root is <%1> in namespace '%2'").arg(m_xml.name().toString(), ns) };
                Result<QJsonValue> bom = element(1);
                if (!bom)
                    return bom.problem();
                QJsonObject o = bom->toObject();
                o.insert(QStringLiteral("bomFormat"), QStringLiteral("CycloneDX"));
                o.insert(QStringLiteral("specVersion"), m.captured(1));
                return o;
            }
        }
        if (m_xml.hasError())
            return Problem { m_file, line(), m_xml.errorString() };
        return Problem { m_file, QString(), QStringLiteral("no root element") };
    }

private:
    QString line() const { return QStringLiteral("line %1").arg(m_xml.lineNumber()); }

    // The element just started, to its end: a string when it holds only text, else an object (attributes, child
    // elements; text as "content", or "value" for a property); the children of an array container as an array.
    Result<QJsonValue> element(int depth)
    {
        if (depth > kMaxXmlDepth)
            return Problem { m_file, line(), QStringLiteral("elements nested deeper than %1").arg(kMaxXmlDepth) };
        const QString name = m_xml.name().toString();
        const bool array = isArrayContainer(name);
        QJsonObject o;
        for (const QXmlStreamAttribute& a : m_xml.attributes())
            if (a.namespaceUri().isEmpty())
                o.insert(a.name().toString(), a.value().toString());
        QJsonArray items;
        QString text;
        bool children = false;
        while (!m_xml.atEnd()) {
            const auto t = m_xml.readNext();
            if (auto p = safexml::tokenProblem(m_xml, t, m_file))
                return *p;
            if (t == QXmlStreamReader::Characters) {
                text += m_xml.text();
            } else if (t == QXmlStreamReader::StartElement) {
                children = true;
                const QString child = m_xml.name().toString();
                Result<QJsonValue> v = element(depth + 1);
                if (!v)
                    return v;
                if (!array)
                    o.insert(child, *v);
                else if (name == QLatin1String("licenses"))
                    items.append(QJsonObject { { child, *v } }); // <license> or <expression>, as JSON wraps them
                else
                    items.append(*v);
            } else if (t == QXmlStreamReader::EndElement) {
                if (array)
                    return QJsonValue(items);
                text = text.trimmed();
                if (!children && o.isEmpty())
                    return QJsonValue(text);
                if (!text.isEmpty())
                    o.insert(name == QLatin1String("property") ? QStringLiteral("value") : QStringLiteral("content"), text);
                return QJsonValue(o);
            }
        }
        return Problem { m_file, line(), m_xml.hasError() ? m_xml.errorString() : QStringLiteral("the document ends inside <%1>").arg(name) };
    }

    QXmlStreamReader m_xml;
    QString m_file;
};

Result<EvidenceFile> readJsonShape(const QJsonObject& shape, const QString& file, bool cyclonedx, const QString& format)
{
    const QByteArray text = QJsonDocument(shape).toJson(QJsonDocument::Compact);
    JsonDocument json;
    if (Status s = json.parse(text, file); !s)
        return s.problem();
    Result<EvidenceFile> f = [&]() -> Result<EvidenceFile> {
        if (cyclonedx)
            return readCycloneDxFile(json.root(), file);
        Result<EvidenceItem> item = readSpdx(json.root(), file);
        if (!item)
            return item.problem();
        EvidenceFile out;
        out.items.push_back(std::move(item).value());
        return out;
    }();
    if (!f)
        return f;
    f->format = format;
    for (EvidenceItem& i : f->items)
        i.record.format = format;
    return f;
}

} // namespace

bool isCycloneDxXml(const QByteArray& bytes, const QString& rootElement)
{
    return rootElement == QLatin1String("bom") && safexml::headText(bytes).contains(QLatin1String("cyclonedx.org/schema/bom/"));
}

Result<EvidenceFile> readCycloneDxXml(const QByteArray& bytes, const QString& file)
{
    if (auto p = safexml::encodingProblem(bytes, file))
        return *p;
    Result<QJsonObject> shape = CdxXml(bytes, file).read();
    if (!shape)
        return shape.problem();
    return readJsonShape(*shape, file, true, QStringLiteral("cyclonedx-xml"));
}

bool looksSpdxTagValue(const QByteArray& bytes)
{
    static const QRegularExpression re(QStringLiteral("(^|\\n)\\s*SPDXVersion:\\s*SPDX-"));
    return re.match(QString::fromUtf8(bytes.left(4096))).hasMatch();
}

Result<EvidenceFile> readSpdxTagValue(const QByteArray& bytes, const QString& file)
{
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = utf8(bytes);
    if (utf8.hasError())
        return Problem { file, QString(), QStringLiteral("not valid UTF-8: SPDX tag-value is UTF-8") };
    QJsonObject doc, creation;
    QJsonArray packages, files, relationships, creators;
    // The element the tags apply to: the document, a package, a file, or something not read (a snippet, a licence).
    enum class Current { Document, Package, File, Other } current = Current::Document;
    QJsonObject element;
    // Files that follow a package belong to it (its hasFiles), as tag-value writes them.
    std::map<qsizetype, QJsonArray> filesOf;
    qsizetype lastPackage = -1;
    auto flush = [&] {
        if (current == Current::File && lastPackage >= 0 && element.contains(QStringLiteral("SPDXID")))
            filesOf[lastPackage].append(element.value(QStringLiteral("SPDXID")));
        if (current == Current::Package) {
            packages.append(element);
            lastPackage = packages.size() - 1;
        }
        else if (current == Current::File)
            files.append(element);
        element = QJsonObject();
    };
    auto append = [](QJsonObject& o, const QString& key, const QJsonValue& v) {
        QJsonArray a = o.value(key).toArray();
        a.append(v);
        o.insert(key, a);
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString where = QStringLiteral("line %1").arg(n + 1);
        QString line = lines[n];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return Problem { file, where, QStringLiteral("expected 'Tag: value', found '%1'").arg(line.left(60)) };
        const QString tag = line.left(colon).trimmed();
        QString value = line.mid(colon + 1).trimmed();
        // A <text>…</text> value may run over several lines.
        if (value.startsWith(QLatin1String("<text>"))) {
            QString all = value.mid(6);
            while (!all.contains(QLatin1String("</text>")) && n + 1 < lines.size())
                all += QLatin1Char('\n') + lines[++n];
            if (!all.contains(QLatin1String("</text>")))
                return Problem { file, where, QStringLiteral("<text> is never closed") };
            value = all.left(all.indexOf(QLatin1String("</text>")));
        }
        if (tag == QLatin1String("PackageName")) {
            if (value.isEmpty())
                return Problem { file, where, QStringLiteral("a package names itself (PackageName is empty)") };
            flush();
            current = Current::Package;
            element.insert(QStringLiteral("name"), value);
        } else if (tag == QLatin1String("FileName")) {
            flush();
            current = Current::File;
            element.insert(QStringLiteral("fileName"), value);
        } else if (tag == QLatin1String("SnippetSPDXID") || tag == QLatin1String("LicenseID")) {
            flush();
            current = Current::Other;
            lastPackage = -1;
        } else if (tag == QLatin1String("Relationship")) {
            const QStringList parts = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (parts.size() < 3)
                return Problem { file, where, QStringLiteral("a relationship is 'ELEMENT TYPE ELEMENT'") };
            relationships.append(QJsonObject { { QStringLiteral("spdxElementId"), parts[0] }, { QStringLiteral("relationshipType"), parts[1] },
                { QStringLiteral("relatedSpdxElement"), parts[2] } });
        } else if (current == Current::Document) {
            if (tag == QLatin1String("SPDXVersion"))
                doc.insert(QStringLiteral("spdxVersion"), value);
            else if (tag == QLatin1String("SPDXID"))
                doc.insert(QStringLiteral("SPDXID"), value);
            else if (tag == QLatin1String("DocumentName"))
                doc.insert(QStringLiteral("name"), value);
            else if (tag == QLatin1String("DocumentNamespace"))
                doc.insert(QStringLiteral("documentNamespace"), value);
            else if (tag == QLatin1String("Creator"))
                creators.append(value);
            else if (tag == QLatin1String("Created"))
                creation.insert(QStringLiteral("created"), value);
        } else if (current == Current::Package || current == Current::File) {
            if (tag == QLatin1String("SPDXID")) {
                element.insert(QStringLiteral("SPDXID"), value);
            } else if (tag == QLatin1String("PackageVersion")) {
                element.insert(QStringLiteral("versionInfo"), value);
            } else if (tag == QLatin1String("PackageChecksum") || tag == QLatin1String("FileChecksum")) {
                const qsizetype c = value.indexOf(QLatin1Char(':'));
                if (c <= 0)
                    return Problem { file, where, QStringLiteral("a checksum is 'ALGORITHM: value'") };
                append(element, QStringLiteral("checksums"),
                    QJsonObject { { QStringLiteral("algorithm"), value.left(c).trimmed() }, { QStringLiteral("checksumValue"), value.mid(c + 1).trimmed() } });
            } else if (tag == QLatin1String("ExternalRef")) {
                const QStringList parts = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                if (parts.size() < 3)
                    return Problem { file, where, QStringLiteral("an external reference is 'CATEGORY TYPE LOCATOR'") };
                append(element, QStringLiteral("externalRefs"),
                    QJsonObject { { QStringLiteral("referenceCategory"), parts[0] }, { QStringLiteral("referenceType"), parts[1] },
                        { QStringLiteral("referenceLocator"), parts[2] } });
            } else if (tag == QLatin1String("PackageLicenseConcluded") || tag == QLatin1String("LicenseConcluded")) {
                element.insert(QStringLiteral("licenseConcluded"), value);
            } else if (tag == QLatin1String("PackageLicenseDeclared")) {
                element.insert(QStringLiteral("licenseDeclared"), value);
            }
        }
    }
    flush();
    for (const auto& [index, list] : filesOf) {
        QJsonObject p = packages[index].toObject();
        p.insert(QStringLiteral("hasFiles"), list);
        packages[index] = p;
    }
    if (!doc.contains(QStringLiteral("spdxVersion")))
        return Problem { file, QStringLiteral("line 1"), QStringLiteral("an SPDX tag-value document starts with SPDXVersion") };
    creation.insert(QStringLiteral("creators"), creators);
    doc.insert(QStringLiteral("creationInfo"), creation);
    doc.insert(QStringLiteral("packages"), packages);
    doc.insert(QStringLiteral("files"), files);
    doc.insert(QStringLiteral("relationships"), relationships);
    return readJsonShape(doc, file, false, QStringLiteral("spdx-tag-value"));
}

} // namespace tideline::sbom
