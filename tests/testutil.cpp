#include "testutil.h"

#include "store/casefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

namespace testutil {

QString samplesDir()
{
    QString dir = qEnvironmentVariable("TIDELINE_SAMPLES");
    if (dir.isEmpty())
        dir = QStringLiteral(TIDELINE_SOURCE_DIR "/../shared/samples");
    return QFileInfo(dir).isDir() ? QFileInfo(dir).canonicalFilePath() : QString();
}

QString sample(const QString& relative) { return QDir(samplesDir()).filePath(relative); }

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

std::unique_ptr<tideline::CaseFile> newCase(const QTemporaryDir& dir, const QString& name)
{
    auto c = tideline::CaseFile::open(dir.filePath(name));
    if (!c) {
        qWarning("cannot create a case: %s", qPrintable(c.error()));
        return nullptr;
    }
    return std::move(c).value();
}

Run runTideline(const QStringList& args, int timeoutMs)
{
    Run r;
    QProcess p;
    const QString binary = qEnvironmentVariable("TIDELINE_BINARY");
    p.start(binary, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace testutil
