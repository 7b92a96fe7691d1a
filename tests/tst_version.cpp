// SPDX-License-Identifier: GPL-3.0-or-later
// `tideline --version`: the version first, the licence, and each library with the version it reports itself in
// this process (the binary loads the same shared libraries), asked here through other calls than Tideline's; the
// two that cannot tell theirs at run time with the version pkg-config gives for their headers, marked as such.

#include "testutil.h"

#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <archive.h>
#include <openssl/crypto.h>
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

using testutil::Run;
using testutil::runTideline;

namespace {

QString dotted(long major, long minor, long patch) { return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch); }

// Encoded as X*1000000 + Y*1000 + Z (SQLite, libarchive) or X*10000 + Y*100 + Z (zstd).
QString dotted(long number, long base) { return dotted(number / (base * base), number / base % base, number % base); }

QString pkgConfigVersion(const QString& module)
{
    QProcess p;
    p.start(QStringLiteral("pkg-config"), { QStringLiteral("--modversion"), module });
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestVersion : public QObject {
    Q_OBJECT

private slots:
    void versionAndLicence();
    void libraries_data();
    void libraries();

private:
    QString versionOutput();
};

QString TestVersion::versionOutput()
{
    Run r = runTideline({ QStringLiteral("--version") });
    if (r.exitCode != 0 || !r.err.isEmpty())
        qWarning("tideline --version exited %d: %s", r.exitCode, r.err.constData());
    return r.exitCode == 0 ? QString::fromUtf8(r.out) : QString();
}

void TestVersion::versionAndLicence()
{
    const QString out = versionOutput();
    QVERIFY(!out.isEmpty());
    const QStringList lines = out.split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("tideline " TIDELINE_VERSION));
    QVERIFY2(out.contains(QStringLiteral("Licence: GPL-3.0-or-later")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("GNU General Public License, version 3 or any later version")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("NO WARRANTY")), qPrintable(out));
    // -v is the same.
    Run v = runTideline({ QStringLiteral("-v") });
    QCOMPARE(QString::fromUtf8(v.out), out);
}

void TestVersion::libraries_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("atRunTime");
    QTest::newRow("Qt") << QLibraryInfo::version().toString() << true;
    QTest::newRow("OpenSSL") << dotted(OPENSSL_version_major(), OPENSSL_version_minor(), OPENSSL_version_patch()) << true;
    QTest::newRow("SQLite") << dotted(sqlite3_libversion_number(), 1000) << true;
    QTest::newRow("simdjson") << pkgConfigVersion(QStringLiteral("simdjson")) << false;
    QTest::newRow("libarchive") << dotted(archive_version_number(), 1000) << true;
    QTest::newRow("zstd") << dotted(ZSTD_versionNumber(), 100) << true;
    QTest::newRow("yaml-cpp") << pkgConfigVersion(QStringLiteral("yaml-cpp")) << false;
    QTest::newRow("zlib") << QString::fromLatin1(zlibVersion()) << true;
}

void TestVersion::libraries()
{
    QFETCH(QString, version);
    QFETCH(bool, atRunTime);
    const QString name = QString::fromLatin1(QTest::currentDataTag());
    if (version.isEmpty())
        QSKIP("pkg-config does not know this library's version (scripts/setup.sh installs pkg-config and the -dev packages)");
    const QString out = versionOutput();
    QVERIFY(!out.isEmpty());
    // "  NAME  VERSION", then " *" when it is the version built with, or "(built with X)" when that differs.
    const QRegularExpression line(QStringLiteral("^  %1 +(\\S+)( \\*| \\(built with [^)]+\\))?$").arg(QRegularExpression::escape(name)),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = line.match(out);
    QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("no line for %1 in:\n%2").arg(name, out)));
    QCOMPARE(m.captured(1), version);
    QCOMPARE(m.captured(2) == QLatin1String(" *"), !atRunTime);
}

QTEST_APPLESS_MAIN(TestVersion)
#include "tst_version.moc"
