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
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
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

namespace {

// The address in the file an environment variable names; empty when the variable is not set.
QString addressFrom(const char* variable)
{
    const QString file = qEnvironmentVariable(variable);
    if (file.isEmpty())
        return QString();
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("%s names %s, which cannot be read: is the test server running?", variable, qPrintable(file));
    return QString::fromUtf8(f.readAll()).trimmed();
}

} // namespace

QString casesServer() { return addressFrom("TIDELINE_TEST_CASES_ON_SERVER"); }

QString testServer() { return addressFrom("TIDELINE_TEST_SERVER_FILE"); }

QString asRole(const QString& address, const QString& role)
{
    return QString(address).replace(QRegularExpression(QStringLiteral("user=[^&]*")), QStringLiteral("user=") + role);
}

QString newRoleOn(const QString& address, const QString& role, const QString& as)
{
    {
        auto admin = tideline::CaseFile::open(address, tideline::CaseFile::Mode::OpenExisting);
        if (!admin) {
            QTest::qFail(qPrintable(admin.error()), __FILE__, __LINE__);
            return QString();
        }
        QSqlQuery q((*admin)->db());
        if (!q.exec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(role))) {
            QTest::qFail(qPrintable(QStringLiteral("CREATE ROLE %1: %2").arg(role, q.lastError().text())), __FILE__, __LINE__);
            return QString();
        }
    }
    const Run g = runTideline({ QStringLiteral("case"), QStringLiteral("grant"), QStringLiteral("--case"), address, QStringLiteral("--as"), as, role });
    if (g.exitCode != 0) {
        QTest::qFail(g.err.constData(), __FILE__, __LINE__);
        return QString();
    }
    return asRole(address, role);
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

void concurrentWritersAllLand(const QString& kase, const QString& seed, const QString& a, const QString& b)
{
    // Findings to decide on, from a first small import.
    QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, seed }).exitCode, 0);
    const Run check = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
    const QJsonArray findings = check.json()[QLatin1String("findings")].toArray();
    QVERIFY2(findings.size() >= 3, check.err.constData());

    QObject owner;
    QProcess* ia = start({ QStringLiteral("import"), QStringLiteral("--case"), kase, a }, &owner);
    QProcess* ib = start({ QStringLiteral("import"), QStringLiteral("--case"), kase, b }, &owner);
    QVERIFY(ia->waitForStarted() && ib->waitForStarted());
    std::vector<QProcess*> reviews;
    for (int i = 0; i < 6; ++i) {
        const QString id = findings[i % 3].toObject()[QLatin1String("id")].toString();
        reviews.push_back(start({ QStringLiteral("review"), QStringLiteral("--case"), kase, id, QStringLiteral("--disposition"), QStringLiteral("escalated"),
                                    QStringLiteral("--note"), QStringLiteral("concurrent decision %1").arg(i), QStringLiteral("--reviewer"),
                                    QStringLiteral("auditor-%1").arg(i) },
            &owner));
    }
    int verifications = 0;
    while (ia->state() != QProcess::NotRunning || ib->state() != QProcess::NotRunning) {
        QCoreApplication::processEvents(); // where the children's ends are noticed
        const Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
        QVERIFY2(v.exitCode == 0, QByteArray(v.out + v.err).constData());
        ++verifications;
    }
    QVERIFY(finish(ia) && finish(ib));
    QVERIFY2(ia->exitCode() == 0, ia->readAllStandardError().constData());
    QVERIFY2(ib->exitCode() == 0, ib->readAllStandardError().constData());
    for (QProcess* r : reviews) {
        QVERIFY(finish(r));
        QVERIFY2(r->exitCode() == 0, r->readAllStandardError().constData());
    }
    qInfo("verify-case ran %d times while the imports ran", verifications);

    const Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
    QVERIFY2(v.exitCode == 0, QByteArray(v.out + v.err).constData());
    // Every file of the three bundles is a source of the case, stored once per content.
    QCOMPARE(v.json()[QLatin1String("sources")].toInt(), distinctContents({ seed, a, b }));
    // Six decisions, none lost, each in the chain (a finding may change with the imports: count the records).
    QCOMPARE(v.json()[QLatin1String("reviews")].toInt(), 6);
}

} // namespace testutil
