// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence pack from the command line: `export` (drawn offscreen, no display needed), `verify-pack`
// with its exit codes, and the headless demo that writes the demo case's pack.

#include "demo/generator.h"
#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QtTest>

using namespace tideline;

class TestPackCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TIDELINE_EXPORT_KEY", m_dir.filePath(QStringLiteral("key.pem")).toUtf8());
        GeneratorOptions o;
        o.environments = 2;
        o.snapshots = 30;
        o.deployments = 3;
        QVERIFY(generateBundle(m_dir.filePath(QStringLiteral("bundle")), o).ok());
        m_case = m_dir.filePath(QStringLiteral("case.tideline"));
        const testutil::Run r = testutil::runTideline(
            { QStringLiteral("import"), QStringLiteral("--case"), m_case, m_dir.filePath(QStringLiteral("bundle")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void exportAndVerify()
    {
        const QString out = m_dir.filePath(QStringLiteral("pack"));
        // No display: export draws on the offscreen platform by itself.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* var : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            env.remove(QString::fromLatin1(var));
        p.setProcessEnvironment(env);
        p.start(QString::fromUtf8(TIDELINE_BINARY_PATH),
            { QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--out"), out,
                QStringLiteral("--json") });
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        QVERIFY2(err.isEmpty(), err.constData()); // no warnings from drawing offscreen
        const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(j[QLatin1String("dir")].toString(), QFileInfo(out).absoluteFilePath());
        const QStringList files = j[QLatin1String("files")].toVariant().toStringList();
        for (const char* f : { "pack.pdf", "findings.json", "findings.csv", "manifest.json", "manifest.sig",
                 "signer.pub", "SHA256SUMS" })
            QVERIFY2(files.contains(QString::fromLatin1(f)), f);
        QVERIFY(j[QLatin1String("findings")].toInt() > 0);
        QCOMPARE(j[QLatin1String("manifest_sha256")].toString().size(), 64);
        QCOMPARE(j[QLatin1String("content_sha256")].toString().size(), 64);
        QCOMPARE(j[QLatin1String("signer_fingerprint")].toString().size(), 64);

        testutil::Run v = testutil::runTideline({ QStringLiteral("verify-pack"), out, QStringLiteral("--json") });
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.json()[QLatin1String("intact")].toBool());
        QCOMPARE(v.json()[QLatin1String("signer_fingerprint")].toString(),
            j[QLatin1String("signer_fingerprint")].toString());
        QCOMPARE(v.json()[QLatin1String("files")].toInt(),
            4); // findings.json, .csv, signer.pub and pack.pdf: the manifest lists them
        QVERIFY(v.json()[QLatin1String("problems")].toArray().isEmpty());

        // A changed byte in the PDF: not intact, exit 1, and the problem names the file.
        const QString pdf = QDir(out).filePath(QStringLiteral("pack.pdf"));
        QByteArray bytes = testutil::readFile(pdf);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
        QVERIFY(testutil::writeFile(pdf, bytes));
        v = testutil::runTideline({ QStringLiteral("verify-pack"), out, QStringLiteral("--json") });
        QCOMPARE(v.exitCode, 1);
        QVERIFY(!v.json()[QLatin1String("intact")].toBool());
        QVERIFY(v.json()[QLatin1String("problems")].toArray().first().toString().contains(QStringLiteral("pack.pdf")));
        v = testutil::runTideline({ QStringLiteral("verify-pack"), out });
        QCOMPARE(v.exitCode, 1);
        QVERIFY(v.out.contains("NOT INTACT"));
    }

    void badUsage()
    {
        using testutil::runTideline;
        const QString fresh = m_dir.filePath(QStringLiteral("never"));
        QCOMPARE(runTideline({ QStringLiteral("export"), QStringLiteral("--case"), m_case }).exitCode, 2);
        QCOMPARE(runTideline({ QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--out"),
                                 fresh, QStringLiteral("--env"), QStringLiteral("nowhere") })
                     .exitCode,
            2);
        QCOMPARE(runTideline({ QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--out"),
                                 fresh, QStringLiteral("--from"), QStringLiteral("yesterday") })
                     .exitCode,
            2);
        QCOMPARE(runTideline({ QStringLiteral("export"), QStringLiteral("--case"),
                                 m_dir.filePath(QStringLiteral("missing.tideline")), QStringLiteral("--out"), fresh })
                     .exitCode,
            2);
        // An existing, non-empty folder is never overwritten.
        const testutil::Run busy = runTideline({ QStringLiteral("export"), QStringLiteral("--case"), m_case,
            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("bundle")) });
        QCOMPARE(busy.exitCode, 2);
        QVERIFY(busy.err.contains("not empty"));
        QVERIFY(!QFileInfo::exists(fresh));
        QCOMPARE(runTideline({ QStringLiteral("verify-pack"), fresh }).exitCode, 2);
        QCOMPARE(runTideline({ QStringLiteral("verify-pack"), m_dir.filePath(QStringLiteral("bundle")) }).exitCode, 2);
        QCOMPARE(runTideline({ QStringLiteral("verify-pack") }).exitCode, 2);
    }

    void scopedExportWithSources()
    {
        const QString out = m_dir.filePath(QStringLiteral("scoped"));
        const testutil::Run envs = testutil::runTideline(
            { QStringLiteral("envs"), QStringLiteral("--case"), m_case, QStringLiteral("--json") });
        const QJsonArray list
            = envs.json().isArray() ? envs.json().array() : envs.json()[QLatin1String("environments")].toArray();
        QVERIFY(!list.isEmpty());
        const QString env = list.first()[QLatin1String("name")].toString();
        const testutil::Run r = testutil::runTideline(
            { QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--out"), out,
                QStringLiteral("--env"), env, QStringLiteral("--from"), QStringLiteral("2026-03-01T02:00:00Z"),
                QStringLiteral("--to"), QStringLiteral("2026-03-01T10:00:00Z"), QStringLiteral("--include-sources") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("verify-pack"));
        const QJsonObject manifest
            = QJsonDocument::fromJson(testutil::readFile(QDir(out).filePath(QStringLiteral("manifest.json")))).object();
        QCOMPARE(manifest[QLatin1String("scope")][QLatin1String("environment")].toString(), env);
        QCOMPARE(
            manifest[QLatin1String("scope")][QLatin1String("from")].toString(), QStringLiteral("2026-03-01T02:00:00Z"));
        QVERIFY(!QDir(QDir(out).filePath(QStringLiteral("sources"))).isEmpty());
        QCOMPARE(testutil::runTideline({ QStringLiteral("verify-pack"), out }).exitCode, 0);
        // Stock tools agree.
        QProcess sums;
        sums.setWorkingDirectory(out);
        sums.start(QStringLiteral("sha256sum"),
            { QStringLiteral("-c"), QStringLiteral("--quiet"), QStringLiteral("SHA256SUMS") });
        QVERIFY(sums.waitForFinished());
        QCOMPARE(sums.exitCode(), 0);
        // The manifest hash the PDF's cover prints, recomputed as the README and the PDF say.
        if (QStandardPaths::findExecutable(QStringLiteral("jq")).isEmpty())
            QSKIP("jq is not installed (scripts/setup.sh installs it)");
        QProcess jq;
        jq.setWorkingDirectory(out);
        jq.start(QStringLiteral("sh"),
            { QStringLiteral("-c"),
                QStringLiteral("jq -cS 'del(.content_sha256, .pdf)' manifest.json | tr -d '\\n' | sha256sum") });
        QVERIFY(jq.waitForFinished());
        QCOMPARE(QString::fromLatin1(jq.readAllStandardOutput().left(64)),
            manifest[QLatin1String("content_sha256")].toString());
    }

    void headlessDemoWritesItsPack()
    {
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* var : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            env.remove(QString::fromLatin1(var));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("TIDELINE_EXPORT_KEY"), home.filePath(QStringLiteral("key.pem")));
        p.setProcessEnvironment(env);
        p.start(QString::fromUtf8(TIDELINE_BINARY_PATH), { QStringLiteral("--demo") });
        QVERIFY(p.waitForFinished(300000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.contains(QStringLiteral("pack.pdf")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral(
            "openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json -sigfile manifest.sig")));
        QVERIFY(out.contains(QStringLiteral("sha256sum -c SHA256SUMS")));
        const QString pack = home.filePath(QStringLiteral("data/tideline/demo/pack"));
        QVERIFY2(out.contains(pack), qPrintable(out));
        QVERIFY(QFileInfo::exists(QDir(pack).filePath(QStringLiteral("pack.pdf"))));
        QCOMPARE(testutil::runTideline({ QStringLiteral("verify-pack"), pack }).exitCode, 0);
        QProcess ssl;
        ssl.setWorkingDirectory(pack);
        ssl.start(QStringLiteral("openssl"),
            { QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
                QStringLiteral("signer.pub"), QStringLiteral("-rawin"), QStringLiteral("-in"),
                QStringLiteral("manifest.json"), QStringLiteral("-sigfile"), QStringLiteral("manifest.sig") });
        QVERIFY(ssl.waitForFinished());
        QCOMPARE(ssl.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPackCli)
#include "tst_packcli.moc"
