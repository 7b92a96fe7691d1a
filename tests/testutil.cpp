// SPDX-License-Identifier: GPL-3.0-or-later
#include "testutil.h"

#include <QCoreApplication>
#include <QFile>

#include "store/casefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QSet>
#include <QtTest>

#include <archive.h>
#include <archive_entry.h>

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

QString casesServer()
{
    const QString file = qEnvironmentVariable("TIDELINE_TEST_CASES_ON_SERVER");
    if (file.isEmpty())
        return QString();
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("TIDELINE_TEST_CASES_ON_SERVER names %s, which cannot be read: is the test server running?", qPrintable(file));
    return QString::fromUtf8(f.readAll()).trimmed();
}

std::unique_ptr<tideline::CaseFile> newCase(const QTemporaryDir& dir, const QString& name)
{
    QString where = dir.filePath(name);
    if (const QString server = casesServer(); !server.isEmpty()) {
        // The same test against a shared case: a new case of its own on the test server.
        static int n = 0;
        where = server + QStringLiteral("&case=t%1_%2").arg(QCoreApplication::applicationPid()).arg(++n);
    }
    auto c = tideline::CaseFile::open(where);
    if (!c) {
        qWarning("cannot create a case: %s", qPrintable(c.error()));
        return nullptr;
    }
    return std::move(c).value();
}

bool writeArchive(const QString& path, const QString& format, const QList<QPair<QByteArray, QByteArray>>& entries)
{
    archive* a = archive_write_new();
    if (format == QLatin1String("zip")) {
        archive_write_set_format_zip(a);
    } else {
        archive_write_set_format_pax_restricted(a);
        if (format == QLatin1String("tar.gz"))
            archive_write_add_filter_gzip(a);
    }
    const QByteArray local = QFile::encodeName(path);
    bool ok = archive_write_open_filename(a, local.constData()) == ARCHIVE_OK;
    for (const auto& [name, bytes] : entries) {
        if (!ok)
            break;
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, name.constData());
        archive_entry_set_size(e, bytes.size());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        ok = archive_write_header(a, e) == ARCHIVE_OK
            && archive_write_data(a, bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size();
        archive_entry_free(e);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

QList<QPair<QByteArray, QByteArray>> filesOf(const QString& dir)
{
    QList<QPair<QByteArray, QByteArray>> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString& p : paths)
        out.append({ QDir(dir).relativeFilePath(p).toUtf8(), readFile(p) });
    return out;
}

Run runTideline(const QStringList& args, int timeoutMs)
{
    Run r;
    QProcess p;
    QString binary = qEnvironmentVariable("TIDELINE_BINARY");
    if (binary.isEmpty())
        binary = QStringLiteral(TIDELINE_BINARY_PATH);
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

QProcess* start(const QStringList& args, QObject* parent, const QProcessEnvironment& env)
{
    auto* p = new QProcess(parent);
    p->setProcessEnvironment(env);
    p->setStandardOutputFile(QProcess::nullDevice());
    QString binary = qEnvironmentVariable("TIDELINE_BINARY");
    if (binary.isEmpty())
        binary = QStringLiteral(TIDELINE_BINARY_PATH);
    p->start(binary, args);
    return p;
}

bool finish(QProcess* p, int timeoutMs)
{
    if (p->state() != QProcess::NotRunning && !p->waitForFinished(timeoutMs))
        return false;
    return p->exitStatus() == QProcess::NormalExit;
}

QString generate(const QString& dir, const QString& start, int snapshots)
{
    const Run g = runTideline({ QStringLiteral("generate"), QStringLiteral("--out"), dir, QStringLiteral("--start"), start,
        QStringLiteral("--environments"), QStringLiteral("2"), QStringLiteral("--snapshots"), QString::number(snapshots) });
    return g.exitCode == 0 ? dir : QString();
}

int distinctContents(const QStringList& dirs)
{
    QSet<QByteArray> seen;
    for (const QString& dir : dirs) {
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            seen.insert(QCryptographicHash::hash(readFile(it.next()), QCryptographicHash::Sha256));
    }
    return int(seen.size());
}

} // namespace testutil
