// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the test executables.

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace tideline {
class CaseFile;
}

namespace testutil {

// ../shared/samples, or empty when it is not there (tests then skip with QSKIP).
QString samplesDir();
QString sample(const QString& relative);

// Skips the current test with a clear message when the shared samples are absent.
#define REQUIRE_SAMPLES()                                                                                              \
    do {                                                                                                               \
        if (testutil::samplesDir().isEmpty())                                                                          \
            QSKIP("../shared/samples is not here (set TIDELINE_SAMPLES): real-file tests skipped");                    \
    } while (0)

// Skips the current test where the tideline under test was built without the window library (TIDELINE_BUILD_UI=OFF,
// as in the sanitizer build): `export` needs it to draw pack.pdf and refuses without it.
#if TIDELINE_TEST_HAS_WINDOW
#define REQUIRE_PDF_EXPORT() ((void)0)
#else
#define REQUIRE_PDF_EXPORT()                                                                                           \
    QSKIP("this tideline was built without the window library (TIDELINE_BUILD_UI=OFF): export cannot draw pack.pdf")
#endif

QByteArray readFile(const QString& path);
bool writeFile(const QString& path, const QByteArray& bytes);

// A fresh case file in dir; where TIDELINE_TEST_CASES_ON_SERVER names the test server's address file (the *_pg
// runs of the engine tests), a fresh case on that server instead.
std::unique_ptr<tideline::CaseFile> newCase(const QTemporaryDir& dir, const QString& name = QStringLiteral("case.tideline"));
// The test server's address when the cases of newCase() live there, else empty.
QString casesServer();
// The address (postgresql:///tideline?host=…&user=…) of the test server ctest's fixture started, from the file
// TIDELINE_TEST_SERVER_FILE names; empty when there is none.
QString testServer();
// A shared case's address as another role of the server's: its user= replaced.
QString asRole(const QString& address, const QString& role);
// On a shared case: a new login role, granted `as` (viewer, reviewer, importer, owner) by the case's owner at
// address; the case's address as that role. Fails the current test where it cannot.
QString newRoleOn(const QString& address, const QString& role, const QString& as);
// Two imports (bundles a and b) and six decisions on findings of the seed bundle, all at once on one case (a file
// or a shared case), with verify-case running meanwhile: every write lands, the log stays one chain, and
// verify-case never calls an import in progress tampering. Fails the current test where not.
void concurrentWritersAllLand(const QString& kase, const QString& seed, const QString& a, const QString& b);

// Writes an archive of (name, bytes) entries with libarchive: "zip", "tar.gz" or "tar". Names are written
// as given (tests use this to make hostile archives too).
bool writeArchive(const QString& path, const QString& format, const QList<QPair<QByteArray, QByteArray>>& entries);
// Every file under dir as (path relative to dir, bytes).
QList<QPair<QByteArray, QByteArray>> filesOf(const QString& dir);

// Runs the built tideline binary; returns its exit code, with stdout and stderr.
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};
Run runTideline(const QStringList& args, int timeoutMs = 120000);

// The built tideline started in the background (its output to nowhere: a full pipe would stop it), owned by parent.
QProcess* start(const QStringList& args, QObject* parent, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
// Waits for it; false when it did not end in time or crashed.
bool finish(QProcess* p, int timeoutMs = 300000);
// `tideline generate` of two environments from start (ISO time), snapshots each; the folder, empty on failure.
// Bundles of one seed share their keys; other start times make their snapshots, trails and evidence others.
QString generate(const QString& dir, const QString& start, int snapshots);
// The distinct contents of every file under the folders: what a case of them holds as sources, once each.
int distinctContents(const QStringList& dirs);

} // namespace testutil
