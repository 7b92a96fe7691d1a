// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence pack's files, manifest and signature: verifiable by Tideline and by stock tools, and
// broken by any changed byte.

#include "testutil.h"

#include "demo/generator.h"
#include "import/importer.h"
#include "pack/pack.h"
#include "store/casefile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace tideline;

class TestPack : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CaseFile> m_case;
    QString m_key;

    Result<PackResult> exportTo(const QString& name, PackScope scope = {}, bool sources = false)
    {
        PackOptions o;
        o.scope = scope;
        o.includeSources = sources;
        o.keyPath = m_key;
        o.exporter = QStringLiteral("tests");
        return exportPack(*m_case, m_dir.filePath(name), o);
    }

    static int run(const QString& program, const QStringList& args, const QString& dir)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(program, args);
        if (!p.waitForFinished(60000))
            return -1;
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        GeneratorOptions o;
        o.environments = 2;
        o.snapshots = 40;
        o.deployments = 3;
        QVERIFY(generateBundle(m_dir.filePath(QStringLiteral("bundle")), o).ok());
        m_case = testutil::newCase(m_dir);
        QVERIFY(importPaths(*m_case, { m_dir.filePath(QStringLiteral("bundle")) }, ImportOptions()).errors.empty());
        m_key = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
    }

    void packHoldsWhatItShould()
    {
        Result<PackResult> r = exportTo(QStringLiteral("pack"), {}, true);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        for (const char* f : { "findings.json", "findings.csv", "manifest.json", "manifest.sig", "signer.pub", "SHA256SUMS" })
            QVERIFY2(QFile::exists(QDir(r->dir).filePath(QString::fromLatin1(f))), f);
        QVERIFY(QFile::exists(m_key));
        QCOMPARE(QFile::permissions(m_key) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        const QJsonObject manifest = QJsonDocument::fromJson(testutil::readFile(QDir(r->dir).filePath(QStringLiteral("manifest.json")))).object();
        QCOMPARE(manifest[QLatin1String("case_id")].toString(), m_case->caseId());
        QCOMPARE(manifest[QLatin1String("content_sha256")].toString(), r->contentSha256);
        QCOMPARE(manifest[QLatin1String("signer_fingerprint")].toString(), r->signerFingerprint);
        QCOMPARE(manifest[QLatin1String("log_head")].toString().size(), 64);
        const QJsonArray sources = manifest[QLatin1String("sources")].toArray();
        QVERIFY(!sources.isEmpty());
        // The original sources, byte for byte.
        for (const auto& s : sources) {
            const QString file = s[QLatin1String("file")].toString();
            QVERIFY(!file.isEmpty());
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(testutil::readFile(QDir(r->dir).filePath(file)), QCryptographicHash::Sha256).toHex()),
                s[QLatin1String("sha256")].toString());
        }
        const QJsonObject findings = QJsonDocument::fromJson(testutil::readFile(QDir(r->dir).filePath(QStringLiteral("findings.json")))).object();
        QCOMPARE(findings[QLatin1String("findings")].toArray().size(), r->findings);
        QVERIFY(r->findings > 0);
        const QList<QByteArray> csv = testutil::readFile(QDir(r->dir).filePath(QStringLiteral("findings.csv"))).split('\n');
        QVERIFY(csv[0].startsWith("id,kind,environment,fingerprint"));
        QCOMPARE(csv.size() - 2, r->findings); // header and the final empty line
        QVERIFY(verifyPack(r->dir).intact);
        // The same key signs the next pack.
        Result<PackResult> again = exportTo(QStringLiteral("pack-2"));
        QCOMPARE(again->signerFingerprint, r->signerFingerprint);
        // An existing, non-empty folder is refused.
        QVERIFY(!exportTo(QStringLiteral("pack")).ok());
    }

    void stockToolsVerifyIt()
    {
        Result<PackResult> r = exportTo(QStringLiteral("stock"));
        QVERIFY(r.ok());
        QCOMPARE(run(QStringLiteral("sha256sum"), { QStringLiteral("-c"), QStringLiteral("SHA256SUMS") }, r->dir), 0);
        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"), QStringLiteral("-inkey"), QStringLiteral("signer.pub"),
                         QStringLiteral("-rawin"), QStringLiteral("-in"), QStringLiteral("manifest.json"), QStringLiteral("-sigfile"), QStringLiteral("manifest.sig") },
                     r->dir),
            0);
    }

    void anyChangedByteBreaksIt_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : { "findings.json", "findings.csv", "manifest.json", "manifest.sig", "signer.pub", "SHA256SUMS" })
            QTest::addRow("%s", f) << QString::fromLatin1(f);
    }
    void anyChangedByteBreaksIt()
    {
        QFETCH(QString, file);
        Result<PackResult> r = exportTo(QStringLiteral("tamper-") + file);
        QVERIFY(r.ok());
        const QString path = QDir(r->dir).filePath(file);
        QByteArray bytes = testutil::readFile(path);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        QVERIFY(testutil::writeFile(path, bytes));
        const PackVerification v = verifyPack(r->dir);
        QVERIFY(!v.intact);
        QVERIFY2(v.problems.join(QLatin1Char(' ')).contains(file) || file == QLatin1String("signer.pub") || file == QLatin1String("manifest.sig"),
            qPrintable(v.problems.join(QStringLiteral("; "))));
    }

    void anAddedFileBreaksIt()
    {
        Result<PackResult> r = exportTo(QStringLiteral("added"));
        QVERIFY(testutil::writeFile(QDir(r->dir).filePath(QStringLiteral("extra.txt")), "slipped in"));
        const PackVerification v = verifyPack(r->dir);
        QVERIFY(!v.intact);
        QVERIFY(v.problems.join(QLatin1Char(' ')).contains(QStringLiteral("extra.txt")));

        // Deeper in the pack too: a file added among the sources is as foreign as one at the top.
        Result<PackResult> withSources = exportTo(QStringLiteral("added-deep"), {}, true);
        QVERIFY(withSources.ok());
        QVERIFY(verifyPack(withSources->dir).intact);
        QVERIFY(QDir(withSources->dir).exists(QStringLiteral("sources")));
        QVERIFY(testutil::writeFile(QDir(withSources->dir).filePath(QStringLiteral("sources/extra.json")), "{}"));
        const PackVerification deep = verifyPack(withSources->dir);
        QVERIFY(!deep.intact);
        QVERIFY2(deep.problems.join(QLatin1Char(' ')).contains(QStringLiteral("sources/extra.json")), qPrintable(deep.problems.join(QStringLiteral("; "))));
    }

    void emptyScopeIsAPackThatSaysSo()
    {
        PackScope nothing;
        nothing.from = timefmt::parseIso(QStringLiteral("2001-01-01T00:00:00Z"));
        nothing.to = timefmt::parseIso(QStringLiteral("2001-02-01T00:00:00Z"));
        Result<PackResult> r = exportTo(QStringLiteral("empty"), nothing);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->findings, 0);
        QVERIFY(verifyPack(r->dir).intact);
    }
};

QTEST_GUILESS_MAIN(TestPack)
#include "tst_pack.moc"
