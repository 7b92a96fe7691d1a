// SPDX-License-Identifier: GPL-3.0-or-later
// The public sigstore-conformance bundle-verify suite, every case run through `tideline verify-bundle` exactly as the
// suite's README describes its client protocol: every `_fail` case must fail, every other case must verify.

#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>

using namespace testutil;

class TestSigstoreConformance : public QObject {
    Q_OBJECT

private slots:
    void everyCase();
};

void TestSigstoreConformance::everyCase()
{
    REQUIRE_SAMPLES();
    const QString suite = sample(QStringLiteral("sigstore-conformance/bundle-verify"));
    if (!QFileInfo(suite).isDir())
        QSKIP("sigstore-conformance/bundle-verify is not among the samples");
    const QString defaultIdentity = QStringLiteral(
        "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main");
    const QString defaultIssuer = QStringLiteral("https://token.actions.githubusercontent.com");
    auto contentOr = [](const QString& path, const QString& fallback) {
        return QFileInfo(path).isFile() ? QString::fromUtf8(readFile(path)).trimmed() : fallback;
    };

    int cases = 0, failing = 0, refused = 0, verified = 0;
    QStringList wrong;
    const QStringList dirs = QDir(suite).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : dirs) {
        const QString dir = suite + QLatin1Char('/') + name;
        if (!QFileInfo(dir + QStringLiteral("/bundle.sigstore.json")).isFile())
            continue;
        ++cases;
        const bool mustFail = name.endsWith(QLatin1String("_fail"));
        failing += mustFail;
        const QString root = QFileInfo(dir + QStringLiteral("/trusted_root.json")).isFile() ? dir + QStringLiteral("/trusted_root.json")
                                                                                          : suite + QStringLiteral("/trusted_root.public-good.json");
        const QString artifact = QFileInfo(dir + QStringLiteral("/artifact")).isFile() ? dir + QStringLiteral("/artifact") : suite + QStringLiteral("/a.txt");
        QStringList args { QStringLiteral("verify-bundle"), QStringLiteral("--json"), QStringLiteral("--bundle"), dir + QStringLiteral("/bundle.sigstore.json") };
        if (QFileInfo(dir + QStringLiteral("/key.pub")).isFile())
            args << QStringLiteral("--key") << dir + QStringLiteral("/key.pub");
        else
            args << QStringLiteral("--certificate-identity") << contentOr(dir + QStringLiteral("/identity"), defaultIdentity)
                 << QStringLiteral("--certificate-oidc-issuer") << contentOr(dir + QStringLiteral("/issuer"), defaultIssuer);
        args << QStringLiteral("--trusted-root") << root << artifact;
        const Run r = runTideline(args);
        const QJsonObject report = r.json().object();
        const QString verdict = report.value(QStringLiteral("verdict")).toString();
        // Exit 0 exactly when the report says verified: the exit code and the verdict never disagree.
        QCOMPARE(r.exitCode == 0, verdict == QLatin1String("verified"));
        const bool ok = mustFail ? r.exitCode != 0 : r.exitCode == 0;
        if (!ok)
            wrong << QStringLiteral("%1: exit %2, %3: %4").arg(name).arg(r.exitCode).arg(verdict, report.value(QStringLiteral("detail")).toString());
        else if (mustFail)
            ++refused;
        else
            ++verified;
    }
    QVERIFY2(cases > 0, "the suite holds no case");
    qInfo().noquote() << QStringLiteral("conformance: %1/%2 (%3 failing cases refused, %4 verified)")
                             .arg(refused + verified)
                             .arg(cases)
                             .arg(refused)
                             .arg(verified);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    QCOMPARE(refused, failing);
}

QTEST_GUILESS_MAIN(TestSigstoreConformance)
#include "tst_sigstore_conformance.moc"
