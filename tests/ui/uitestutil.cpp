// SPDX-License-Identifier: GPL-3.0-or-later
#include "uitestutil.h"

#include "demo/generator.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QtTest>

namespace uitest {

void isolateSettings()
{
    // Per test executable (the application name is the executable's), so that tests run in parallel
    // never share settings or a demo folder.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("tideline-tests"));
    QSettings().clear();
}

QString makeDemoBundle(const QString& dir)
{
    const QString bundle = QDir(dir).filePath(QStringLiteral("bundle"));
    auto g = tideline::generateBundle(bundle, tideline::GeneratorOptions::demo());
    if (!g)
        qFatal("cannot generate the demo bundle: %s", qPrintable(g.error()));
    return bundle;
}

QString makeDemoCase(const QString& dir)
{
    const QString bundle = makeDemoBundle(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("case.tideline"));
    auto kase = tideline::CaseFile::open(path);
    if (!kase)
        qFatal("cannot create a case: %s", qPrintable(kase.error()));
    // The bundle carries its own signing key: trusted explicitly, as the demo does.
    tideline::ImportOptions o;
    o.trust = true;
    const tideline::ImportReport r = tideline::importPaths(**kase, { bundle }, o);
    if (!r.errors.empty())
        qFatal("demo import failed: %s", qPrintable(r.errors.front().toString()));
    return path;
}

const QString kSampleA = QStringLiteral("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
const QString kSampleFooPy = QStringLiteral("74dc3727c6e89308b39e4dfedf787e37841198b1fa165a27c013544a60502549");

namespace {

QByteArray pod(const QString& name, const QString& image, const QString& digest)
{
    const QString imageId = digest.isEmpty() ? QString() : QStringLiteral("%1@sha256:%2").arg(image.section(QLatin1Char(':'), 0, 0), digest);
    return QStringLiteral(R"({"metadata":{"name":"%1","namespace":"shop","creationTimestamp":"2026-03-01T00:00:00Z"},"spec":{},)"
                          R"("status":{"phase":"Running","containerStatuses":[{"name":"c","image":"%2","imageID":"%3"}]}})")
        .arg(name, image, imageId)
        .toUtf8();
}

} // namespace

QString makeEvidenceCase(const QString& dir)
{
    if (testutil::samplesDir().isEmpty())
        return QString();
    const QByteArray a = pod(QStringLiteral("a-1"), QStringLiteral("registry.example.com/conformance/a:1.0"), kSampleA);
    const QByteArray foo = pod(QStringLiteral("foo-1"), QStringLiteral("registry.example.com/demo/foo:0.1"), kSampleFooPy);
    const QByteArray debug = pod(QStringLiteral("debug-1"), QStringLiteral("busybox:latest"), QString());
    const QList<QByteArray> snapshots = { a + ',' + foo + ',' + debug, a + ',' + foo + ',' + debug, a };
    const QString path = QDir(dir).filePath(QStringLiteral("evidence.tideline"));
    auto kase = tideline::CaseFile::open(path);
    if (!kase)
        qFatal("cannot create a case: %s", qPrintable(kase.error()));
    for (int i = 0; i < snapshots.size(); ++i) {
        const QString file = QDir(dir).filePath(QStringLiteral("pods-%1.json").arg(i));
        if (!testutil::writeFile(file, R"({"apiVersion":"v1","kind":"PodList","items":[)" + snapshots[i] + "]}"))
            qFatal("cannot write %s", qPrintable(file));
        tideline::ImportOptions o;
        o.environment = QStringLiteral("prod");
        o.at = 1772323200000 + i * 3600000LL; // 2026-03-01T00:00:00Z, hourly
        const tideline::ImportReport r = tideline::importPaths(**kase, { file }, o);
        if (!r.errors.empty())
            qFatal("snapshot import failed: %s", qPrintable(r.errors.front().toString()));
    }
    // The sample folders hold their keys beside the evidence: trusted explicitly here.
    tideline::ImportOptions trusting;
    trusting.trust = true;
    const tideline::ImportReport r = tideline::importPaths(**kase, { testutil::sample(QStringLiteral("dsse")), testutil::sample(QStringLiteral("sigstore")) }, trusting);
    if (!r.errors.empty())
        qFatal("evidence import failed: %s", qPrintable(r.errors.front().toString()));
    return path;
}

} // namespace uitest
