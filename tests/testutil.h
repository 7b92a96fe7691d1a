// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the test executables.

#include <QByteArray>
#include <QJsonDocument>
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

QByteArray readFile(const QString& path);
bool writeFile(const QString& path, const QByteArray& bytes);

// A fresh case file in dir.
std::unique_ptr<tideline::CaseFile> newCase(const QTemporaryDir& dir, const QString& name = QStringLiteral("case.tideline"));

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

} // namespace testutil
