// SPDX-License-Identifier: GPL-3.0-or-later
// Tideline: a command runs on QCoreApplication, a command that draws (export) on a QApplication on the
// offscreen platform; the window (or the headless demo, which draws its pack offscreen) otherwise.

#include "cli/cli.h"
#include "store/caseaddress.h"
#include "cli/output.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstring>

#ifdef TIDELINE_WITH_UI
#include "app.h"
#include "packpdf.h"

#include <QApplication>
#endif

namespace {

[[maybe_unused]] bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

QString demoDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (base.isEmpty())
        base = QDir::temp().filePath(QStringLiteral("tideline"));
    return QDir(base).filePath(QStringLiteral("demo"));
}

// Runs fn where it can draw the PDF pack: on a QApplication on the offscreen platform (no display needed),
// with the window library's renderer registered. Without the window library, on QCoreApplication.
template <typename F>
int drawing(int& argc, char** argv, F fn)
{
#ifdef TIDELINE_WITH_UI
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a session Qt falls back to this runtime folder, and says so on stderr; a command's stderr
    // is for its own problems.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString runtime = QDir::temp().filePath(QStringLiteral("runtime-") + qEnvironmentVariable("USER", QStringLiteral("tideline")));
        if (QDir().mkpath(runtime) && QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tideline"));
    tideline::cli::setPackRenderer(
        [](const tideline::PackContent& content, const QString& pdfPath) { return tideline::ui::renderPackPdf(content, pdfPath); });
    return fn();
#else
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tideline"));
    return fn();
#endif
}

QtMessageHandler g_previousHandler = nullptr;

// Qt's PostgreSQL driver frees a prepared statement as its query goes; inside a transaction that already failed it
// cannot, and warns. The statement goes with the transaction's end or the connection, and the failure itself is
// reported in our words: the warning is nothing for the user.
void quietDriver(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("Unable to free statement")))
        return;
    g_previousHandler(type, context, message);
}

} // namespace

int main(int argc, char** argv)
{
    g_previousHandler = qInstallMessageHandler(quietDriver);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (!args.isEmpty() && tideline::cli::commandDraws(args.first()))
        return drawing(argc, argv, [&] { return tideline::cli::run(args); });
    if (!args.isEmpty() && tideline::cli::isCommand(args.first())) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("tideline"));
        return tideline::cli::run(args);
    }
    // `tideline WORD` where WORD is neither a command nor a case file is a mistyped command.
    if (!args.isEmpty() && !args.first().startsWith(QLatin1Char('-')) && !QFileInfo::exists(args.first())
        && !tideline::isServerAddress(args.first())) {
        QCoreApplication app(argc, argv);
        if (args.first().contains(QLatin1Char('/')) || args.first().endsWith(QLatin1String(".tideline"))) {
            tideline::cli::err(QStringLiteral("tideline: no such case file: %1").arg(args.first()));
            return tideline::cli::Usage;
        }
        return tideline::cli::run(args);
    }
    const bool demo = args.contains(QStringLiteral("--demo"));
#ifdef TIDELINE_WITH_UI
    if (hasDisplay())
        return tideline::ui::runApplication(argc, argv);
#endif
    if (demo)
        return drawing(argc, argv, [] { return tideline::cli::runHeadlessDemo(demoDir()); });
    QCoreApplication app(argc, argv);
    tideline::cli::err(QStringLiteral("tideline: no display to open the window on; run a command instead:\n"));
    tideline::cli::err(tideline::cli::overview());
    return tideline::cli::Usage;
}
