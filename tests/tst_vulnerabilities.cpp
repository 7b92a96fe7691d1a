// SPDX-License-Identifier: GPL-3.0-or-later
// Contents over the timeline, on a case made here: which workloads contained a package and when, the workloads no
// SBOM clears, vulnerable-package findings with VEX, withdrawn records, policies, reviews and the command line.

#include "testutil.h"

#include "compliance/contents.h"
#include "compliance/findings.h"
#include "compliance/policy.h"
#include "import/importer.h"
#include "pack/pack.h"
#include "review/review.h"
#include "store/casefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kApp1(64, 'a');
const QByteArray kApp2(64, 'b');
const QByteArray kMiner(64, 'c');
const Millis kT0 = 1767225600000; // 2026-01-01T00:00:00Z
const Millis kHour = 3600 * 1000;

QByteArray k8s(const QList<QPair<QByteArray, QByteArray>>& pods) // (pod, fingerprint)
{
    QByteArray s = "{\"artifacts\":[";
    for (int i = 0; i < pods.size(); ++i)
        s += QByteArray(i ? "," : "") + "{\"podName\":\"" + pods[i].first + "\",\"namespace\":\"prod\",\"creationTimestamp\":1767225600,\"digests\":{\""
            + pods[i].first + ":1\":\"" + pods[i].second + "\"}}";
    return s + "]}";
}

QByteArray sbom(const QByteArray& fingerprint, const QString& log4j, const QString& lodash)
{
    const QJsonObject bom { { u"bomFormat"_s, u"CycloneDX"_s }, { u"specVersion"_s, u"1.5"_s },
        { u"metadata"_s,
            QJsonObject { { u"component"_s,
                QJsonObject { { u"type"_s, u"container"_s }, { u"name"_s, u"app"_s }, { u"bom-ref"_s, u"app"_s },
                    { u"hashes"_s, QJsonArray { QJsonObject { { u"alg"_s, u"SHA-256"_s }, { u"content"_s, QString::fromLatin1(fingerprint) } } } } } } } },
        { u"components"_s,
            QJsonArray { QJsonObject { { u"type"_s, u"library"_s }, { u"group"_s, u"org.apache.logging.log4j"_s }, { u"name"_s, u"log4j-core"_s },
                             { u"version"_s, log4j }, { u"purl"_s, QString(u"pkg:maven/org.apache.logging.log4j/log4j-core@"_s + log4j) } },
                QJsonObject { { u"type"_s, u"library"_s }, { u"name"_s, u"lodash"_s }, { u"version"_s, lodash }, { u"purl"_s, QString(u"pkg:npm/lodash@"_s + lodash) } } } } };
    return QJsonDocument(bom).toJson();
}

QByteArray osv(const QString& id, const QString& alias, const QString& ecosystem, const QString& name, const QString& type, const QString& introduced,
    const QString& fixed, const QString& vector, bool withdrawn = false)
{
    QJsonObject o { { u"schema_version"_s, u"1.5.0"_s }, { u"id"_s, id }, { u"modified"_s, u"2025-01-01T00:00:00Z"_s }, { u"aliases"_s, QJsonArray { alias } },
        { u"summary"_s, QString(u"test advisory "_s + id) },
        { u"affected"_s,
            QJsonArray { QJsonObject { { u"package"_s, QJsonObject { { u"ecosystem"_s, ecosystem }, { u"name"_s, name } } },
                { u"ranges"_s,
                    QJsonArray { QJsonObject { { u"type"_s, type },
                        { u"events"_s, QJsonArray { QJsonObject { { u"introduced"_s, introduced } }, QJsonObject { { u"fixed"_s, fixed } } } } } } } } } } };
    if (!vector.isEmpty())
        o.insert(u"severity"_s, QJsonArray { QJsonObject { { u"type"_s, u"CVSS_V3"_s }, { u"score"_s, vector } } });
    if (withdrawn)
        o.insert(u"withdrawn"_s, u"2025-02-01T00:00:00Z"_s);
    return QJsonDocument(o).toJson();
}

QByteArray openVex(const QString& vulnerability, const QByteArray& fingerprint, const QString& status)
{
    const QJsonObject doc { { u"@context"_s, u"https://openvex.dev/ns/v0.2.0"_s }, { u"@id"_s, u"urn:test:vex"_s }, { u"author"_s, u"App Security"_s },
        { u"timestamp"_s, u"2025-03-01T00:00:00Z"_s }, { u"version"_s, 1 },
        { u"statements"_s,
            QJsonArray { QJsonObject { { u"vulnerability"_s, QJsonObject { { u"name"_s, vulnerability } } },
                { u"products"_s,
                    QJsonArray { QJsonObject { { u"@id"_s, QString(u"pkg:oci/app@sha256%3A"_s + QString::fromLatin1(fingerprint)) },
                        { u"subcomponents"_s, QJsonArray { QJsonObject { { u"@id"_s, u"pkg:npm/lodash"_s } } } } } } },
                { u"status"_s, status }, { u"justification"_s, u"vulnerable_code_not_in_execute_path"_s },
                { u"impact_statement"_s, u"template() is never called with user input"_s } } } } };
    return QJsonDocument(doc).toJson();
}

bool importOne(CaseFile& kase, const QString& path, const QByteArray& bytes, const QString& env = QString(), std::optional<Millis> at = std::nullopt)
{
    if (!testutil::writeFile(path, bytes))
        return false;
    ImportOptions o;
    o.environment = env;
    o.type = env.isEmpty() ? QString() : u"K8S"_s;
    o.at = at;
    const ImportReport r = importPaths(kase, { path }, o);
    if (!r.errors.empty())
        qWarning("%s", qPrintable(r.errors.front().toString()));
    return r.errors.empty() && r.imported.size() == 1;
}

const Finding* findingFor(const CheckReport& r, const QString& advisory)
{
    for (const Finding& f : r.findings)
        if (f.kind == FindingKind::VulnerablePackage && f.vulnerability && f.vulnerability->advisory == advisory)
            return &f;
    return nullptr;
}

} // namespace

class TestVulnerabilities : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_case;
    QString m_casePath;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = testutil::newCase(m_dir);
        QVERIFY(m_case);
        m_casePath = m_case->path(); // a file, or in the _pg run a case on the test server
        // app:1 and a miner, then app:1 alone, then app:2 for two snapshots.
        QVERIFY(importOne(*m_case, m_dir.filePath(u"s1.json"_s), k8s({ { "app", kApp1 }, { "miner", kMiner } }), u"prod"_s, kT0));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"s2.json"_s), k8s({ { "app", kApp1 } }), u"prod"_s, kT0 + kHour));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"s3.json"_s), k8s({ { "app", kApp2 } }), u"prod"_s, kT0 + 2 * kHour));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"s4.json"_s), k8s({ { "app", kApp2 } }), u"prod"_s, kT0 + 3 * kHour));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"app1.cdx.json"_s), sbom(kApp1, u"2.14.1"_s, u"4.17.20"_s)));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"app2.cdx.json"_s), sbom(kApp2, u"2.17.1"_s, u"4.17.21"_s)));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"log4shell.osv.json"_s),
            osv(u"GHSA-jfh8-c2jp-5v3q"_s, u"CVE-2021-44228"_s, u"Maven"_s, u"org.apache.logging.log4j:log4j-core"_s, u"ECOSYSTEM"_s, u"2.0-beta9"_s, u"2.15.0"_s,
                u"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"_s)));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"lodash.osv.json"_s),
            osv(u"GHSA-35jh-r3h4-6jhm"_s, u"CVE-2021-23337"_s, u"npm"_s, u"lodash"_s, u"SEMVER"_s, u"0"_s, u"4.17.21"_s,
                u"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"_s)));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"withdrawn.osv.json"_s),
            osv(u"GHSA-wwww-wwww-wwww"_s, u"CVE-2000-0001"_s, u"Maven"_s, u"org.apache.logging.log4j:log4j-core"_s, u"ECOSYSTEM"_s, u"0"_s, u"9.0"_s, QString(), true)));
        QVERIFY(importOne(*m_case, m_dir.filePath(u"lodash.vex.json"_s), openVex(u"CVE-2021-23337"_s, kApp1, u"not_affected"_s)));
    }

    void whoContainedIt()
    {
        PackageQuery q;
        q.term = u"log4j-core"_s;
        Result<PackageReport> r = findPackage(*m_case, q);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->matched.size(), size_t(2));
        QCOMPARE(r->containing.size(), size_t(2));
        qint64 total = 0;
        for (const ContainingWorkload& c : r->containing)
            total += c.totalSeconds;
        QCOMPARE(r->totalSeconds, total);
        // app:1 ran from T0 to the third snapshot.
        for (const ContainingWorkload& c : r->containing)
            if (c.fingerprint == QString::fromLatin1(kApp1)) {
                QCOMPARE(c.runs.size(), size_t(1));
                QCOMPARE(c.runs[0].window.from, kT0);
                QCOMPARE(c.runs[0].window.to, kT0 + 2 * kHour);
                QCOMPARE(c.totalSeconds, qint64(2 * 3600));
                QCOMPARE(c.packages, QStringList { u"org.apache.logging.log4j/log4j-core@2.14.1"_s });
                QVERIFY(!c.sboms.isEmpty() && c.sboms[0].contains(u"app1.cdx.json"_s));
            }
        // The miner ran with no SBOM: it cannot be cleared.
        QCOMPARE(r->uncleared.size(), size_t(1));
        QCOMPARE(r->uncleared[0].fingerprint, QString::fromLatin1(kMiner));
        QCOMPARE(r->uncleared[0].totalSeconds, qint64(3600));
    }

    void versionRanges()
    {
        PackageQuery q;
        q.term = u"pkg:maven/org.apache.logging.log4j/log4j-core"_s;
        q.versionRange = u">=2.0-beta9, <2.15.0"_s;
        Result<PackageReport> r = findPackage(*m_case, q);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->containing.size(), size_t(1));
        QCOMPARE(r->containing[0].fingerprint, QString::fromLatin1(kApp1));
        // A purl's own version is an exact match.
        q.versionRange.clear();
        q.term = u"pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1"_s;
        r = findPackage(*m_case, q);
        QCOMPARE(r->containing.size(), size_t(1));
        QCOMPARE(r->containing[0].fingerprint, QString::fromLatin1(kApp2));
        // npm packages in SemVer: "4.17" is no SemVer version, so the range cannot be ordered.
        q.term = u"lodash"_s;
        q.versionRange = u"<4.17"_s;
        r = findPackage(*m_case, q);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(u"4.17"_s) && r.error().contains(u"semver"_s), qPrintable(r.error()));
        q.versionRange = u"<4.17.21"_s;
        r = findPackage(*m_case, q);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->containing.size(), size_t(1));
        // A window that ends before app:2 started.
        q.versionRange.clear();
        q.to = kT0 + kHour;
        r = findPackage(*m_case, q);
        QCOMPARE(r->containing.size(), size_t(1));
        QCOMPARE(r->containing[0].totalSeconds, qint64(3600));
    }

    void findings()
    {
        Result<CheckReport> r = checkCase(*m_case);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const Finding* log4j = findingFor(*r, u"GHSA-jfh8-c2jp-5v3q"_s);
        QVERIFY(log4j);
        QCOMPARE(log4j->fingerprint, QString::fromLatin1(kApp1));
        QCOMPARE(log4j->environment, u"prod"_s);
        QCOMPARE(log4j->vulnerability->aliases, QStringList { u"CVE-2021-44228"_s });
        QCOMPARE(log4j->vulnerability->packages, QStringList { u"org.apache.logging.log4j/log4j-core@2.14.1"_s });
        QCOMPARE(log4j->vulnerability->fixed, u"2.15.0"_s);
        QCOMPARE(log4j->vulnerability->score, std::optional<double>(10.0));
        QCOMPARE(log4j->vulnerability->rating, u"critical"_s);
        QVERIFY(!log4j->vulnerability->suppressed);
        QCOMPARE(log4j->totalSeconds, qint64(2 * 3600));
        QCOMPARE(log4j->vulnerability->advisorySource, m_dir.filePath(u"log4shell.osv.json"_s));
        // The VEX statement suppresses lodash in app:1: listed, with the statement, not counted open.
        const Finding* lodash = findingFor(*r, u"GHSA-35jh-r3h4-6jhm"_s);
        QVERIFY(lodash);
        QVERIFY(lodash->vulnerability->suppressed);
        QVERIFY(lodash->suppressedByVex());
        QCOMPARE(lodash->vulnerability->vexStatus, u"not_affected"_s);
        QCOMPARE(lodash->vulnerability->vexJustification, u"vulnerable_code_not_in_execute_path"_s);
        QCOMPARE(lodash->vulnerability->vexAuthor, u"App Security"_s);
        QCOMPARE(lodash->vulnerability->rating, u"high"_s); // 7.2
        QCOMPARE(r->suppressed, 1);
        // The withdrawn record raises nothing; app:2 has fixed versions of both.
        QVERIFY(!findingFor(*r, u"GHSA-wwww-wwww-wwww"_s));
        int vulnerable = 0;
        for (const Finding& f : r->findings)
            vulnerable += f.kind == FindingKind::VulnerablePackage;
        QCOMPARE(vulnerable, 2);
        QCOMPARE(r->byKind[FindingKind::VulnerablePackage], 2);
        int open = 0;
        for (const Finding& f : r->findings)
            open += f.disposition == Disposition::Open && !f.suppressedByVex();
        QCOMPARE(r->open, open);
        // Ids are per (environment, workload, advisory) and stable: a review stays attached.
        Result<Review> rev = recordReview(*m_case, log4j->id, Disposition::AcceptedRisk, u"patched at runtime"_s, u"auditor"_s);
        QVERIFY2(rev.ok(), qPrintable(rev.error()));
        Result<CheckReport> again = checkCase(*m_case);
        QCOMPARE(findingFor(*again, u"GHSA-jfh8-c2jp-5v3q"_s)->id, log4j->id);
        QCOMPARE(findingFor(*again, u"GHSA-jfh8-c2jp-5v3q"_s)->disposition, Disposition::AcceptedRisk);
        QVERIFY(findingFor(*again, u"GHSA-jfh8-c2jp-5v3q"_s)->id != findingFor(*again, u"GHSA-35jh-r3h4-6jhm"_s)->id);
    }

    void policies()
    {
        auto policy = [](const QByteArray& yaml) {
            Result<Policy> p = parsePolicy(yaml, u"p.yml"_s, u"vulns"_s);
            if (!p)
                qWarning("%s", qPrintable(p.error()));
            return p;
        };
        // Critical only: lodash (high) is below the bar.
        Result<Policy> critical = policy("_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  no-known-vulnerabilities:\n"
                                         "    required: true\n    min-severity: critical\n");
        QVERIFY(critical.ok());
        QCOMPARE(critical->noKnownVulnerabilities.minRank, 4);
        CheckOptions o;
        o.policies = std::vector<Policy> { *critical };
        Result<CheckReport> r = checkCase(*m_case, o);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(findingFor(*r, u"GHSA-jfh8-c2jp-5v3q"_s));
        QVERIFY(!findingFor(*r, u"GHSA-35jh-r3h4-6jhm"_s));
        QVERIFY(findingFor(*r, u"GHSA-jfh8-c2jp-5v3q"_s)->rules.join(u' ').contains(u"no-known-vulnerabilities at or above critical"_s));
        // An exception waives it.
        Result<Policy> excepted = policy("_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  no-known-vulnerabilities:\n"
                                         "    required: true\n    exceptions:\n      - if: ${{ matches(artifact.name, \"^app\") }}\n");
        QVERIFY(excepted.ok());
        o.policies = std::vector<Policy> { *excepted };
        r = checkCase(*m_case, o);
        QVERIFY(!findingFor(*r, u"GHSA-jfh8-c2jp-5v3q"_s));
        // Bad input names the key and line.
        Result<Policy> bad = parsePolicy("_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  no-known-vulnerabilities:\n    required: true\n"
                                         "    min-severity: severe\n",
            u"p.yml"_s, u"x"_s);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.problem().where.contains(u"min-severity"_s) && bad.problem().where.contains(u"line 5"_s), qPrintable(bad.error()));
    }

    void pack()
    {
        Result<PackContent> c = gatherPack(*m_case, PackScope());
        QVERIFY2(c.ok(), qPrintable(c.error()));
        // The OSV and VEX sources are listed by sha256, and the findings rest on them.
        int osv = 0, vex = 0, sbom = 0;
        for (const ContentsSource& s : c->contentsSources) {
            osv += s.kind == u"osv"_s;
            vex += s.kind == u"vex"_s;
            sbom += s.kind == u"sbom"_s;
            QCOMPARE(s.sha256.size(), 64);
        }
        QCOMPARE(osv, 3);
        QCOMPARE(vex, 1);
        QCOMPARE(sbom, 2);
        const Finding* log4j = findingFor(c->check, u"GHSA-jfh8-c2jp-5v3q"_s);
        QVERIFY(log4j && c->relied.contains(log4j->vulnerability->advisorySha256));
        const QJsonObject json = findingsJson(*c);
        int withAdvisory = 0;
        for (const QJsonValue& f : json[u"findings"_s].toArray())
            withAdvisory += f[u"vulnerability"_s][u"advisory"_s].isString();
        QCOMPARE(withAdvisory, 2);
        QCOMPARE(json[u"summary"_s][u"suppressed_by_vex"_s].toInt(), 1);
    }

    // CycloneDX VEX naming the product by the component its SBOM describes; a GIT-only range; an unordered version.
    void cycloneDxVexAndUndecided()
    {
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        QVERIFY(kase);
        QVERIFY(importOne(*kase, dir.filePath(u"s1.json"_s), k8s({ { "app", kApp1 } }), u"prod"_s, kT0));
        QVERIFY(importOne(*kase, dir.filePath(u"app1.cdx.json"_s), sbom(kApp1, u"2.14.1"_s, u"4.17"_s)));
        QVERIFY(importOne(*kase, dir.filePath(u"log4shell.osv.json"_s),
            osv(u"GHSA-jfh8-c2jp-5v3q"_s, u"CVE-2021-44228"_s, u"Maven"_s, u"org.apache.logging.log4j:log4j-core"_s, u"ECOSYSTEM"_s, u"2.0-beta9"_s, u"2.15.0"_s, QString())));
        QVERIFY(importOne(*kase, dir.filePath(u"lodash.osv.json"_s),
            osv(u"GHSA-35jh-r3h4-6jhm"_s, u"CVE-2021-23337"_s, u"npm"_s, u"lodash"_s, u"SEMVER"_s, u"0"_s, u"4.17.21"_s, QString())));
        QVERIFY(importOne(*kase, dir.filePath(u"git.osv.json"_s),
            osv(u"OSV-GIT-1"_s, u"CVE-2099-1"_s, u"Maven"_s, u"org.apache.logging.log4j:log4j-core"_s, u"GIT"_s, u"0"_s, u"a1b2c3"_s, QString())));
        // The supplier of "app" says log4shell does not affect it (CISA's use case 1, by bom-ref).
        const QByteArray vex = QJsonDocument(QJsonObject { { u"bomFormat"_s, u"CycloneDX"_s }, { u"specVersion"_s, u"1.4"_s }, { u"version"_s, 1 },
                                                 { u"metadata"_s, QJsonObject { { u"component"_s, QJsonObject { { u"name"_s, u"app"_s }, { u"type"_s, u"application"_s }, { u"bom-ref"_s, u"product-app"_s } } } } },
                                                 { u"vulnerabilities"_s,
                                                     QJsonArray { QJsonObject { { u"id"_s, u"CVE-2021-44228"_s },
                                                         { u"analysis"_s, QJsonObject { { u"state"_s, u"not_affected"_s }, { u"justification"_s, u"code_not_present"_s } } },
                                                         { u"affects"_s, QJsonArray { QJsonObject { { u"ref"_s, u"product-app"_s } } } } } } } })
                                   .toJson();
        QVERIFY(importOne(*kase, dir.filePath(u"app.vex.cdx.json"_s), vex));
        Result<CheckReport> r = checkCase(*kase);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const Finding* log4j = findingFor(*r, u"GHSA-jfh8-c2jp-5v3q"_s);
        QVERIFY(log4j && log4j->suppressedByVex());
        QCOMPARE(log4j->vulnerability->vexJustification, u"code_not_present"_s);
        // A GIT range cannot be ordered without the repository: reported, saying so.
        const Finding* git = findingFor(*r, u"OSV-GIT-1"_s);
        QVERIFY(git);
        QVERIFY2(git->vulnerability->undecided.contains(u"GIT"_s), qPrintable(git->vulnerability->undecided));
        QVERIFY(git->detail.contains(u"cannot be told"_s));
        // "4.17" is no SemVer version: whether it is affected cannot be told either, and the finding says why.
        const Finding* lodash = findingFor(*r, u"GHSA-35jh-r3h4-6jhm"_s);
        QVERIFY(lodash);
        QVERIFY2(lodash->vulnerability->undecided.contains(u"4.17"_s), qPrintable(lodash->vulnerability->undecided));
    }

    void commandLine()
    {
        m_case.reset(); // the command line opens the case itself
        testutil::Run r = testutil::runTideline({ u"packages"_s, u"--case"_s, m_casePath, u"log4j-core"_s, u"--version"_s, u"<2.15.0"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json().object();
        QCOMPARE(o[u"workloads"_s].toArray().size(), 1);
        QCOMPARE(o[u"workloads"_s][0][u"fingerprint"_s].toString(), QString::fromLatin1(kApp1));
        QCOMPARE(o[u"uncleared"_s].toArray().size(), 1);
        QCOMPARE(o[u"total_seconds"_s].toInt(), 7200);
        testutil::Run bad = testutil::runTideline({ u"packages"_s, u"--case"_s, m_casePath, u"lodash"_s, u"--version"_s, u">=latest"_s });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("latest"), bad.err.constData());
        testutil::Run text = testutil::runTideline({ u"packages"_s, u"--case"_s, m_casePath, u"pkg:npm/lodash"_s });
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("cannot be cleared: 1 running workload"), text.out.constData());
        testutil::Run check = testutil::runTideline({ u"check"_s, u"--case"_s, m_casePath, u"--json"_s });
        QCOMPARE(check.exitCode, 1);
        bool sawVex = false;
        for (const QJsonValue& f : check.json()[u"findings"_s].toArray())
            if (f[u"kind"_s] == u"vulnerable-package"_s && f[u"vulnerability"_s][u"suppressed_by_vex"_s].toBool())
                sawVex = f[u"vulnerability"_s][u"vex"_s][u"status"_s] == u"not_affected"_s;
        QVERIFY(sawVex);
        QCOMPARE(check.json()[u"summary"_s][u"suppressed_by_vex"_s].toInt(), 1);
    }
};

QTEST_APPLESS_MAIN(TestVulnerabilities)
#include "tst_vulnerabilities.moc"
