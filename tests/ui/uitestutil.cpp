#include "uitestutil.h"

#include "demo/generator.h"
#include "import/importer.h"
#include "store/casefile.h"

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
    auto g = tideline::generateBundle(bundle, tideline::GeneratorOptions());
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
    const tideline::ImportReport r = tideline::importPaths(**kase, { bundle }, tideline::ImportOptions());
    if (!r.errors.empty())
        qFatal("demo import failed: %s", qPrintable(r.errors.front().toString()));
    return path;
}

} // namespace uitest
