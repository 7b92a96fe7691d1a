// Tideline: a command runs on QCoreApplication; the window (or the headless demo) otherwise.

#include "cli/cli.h"
#include "cli/output.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstring>

#ifdef TIDELINE_WITH_UI
#include "app.h"
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

} // namespace

int main(int argc, char** argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (!args.isEmpty() && tideline::cli::isCommand(args.first())) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("tideline"));
        return tideline::cli::run(args);
    }
    // `tideline WORD` where WORD is neither a command nor a case file is a mistyped command.
    if (!args.isEmpty() && !args.first().startsWith(QLatin1Char('-')) && !QFileInfo::exists(args.first())) {
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
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tideline"));
    if (demo)
        return tideline::cli::runHeadlessDemo(demoDir());
    tideline::cli::err(QStringLiteral("tideline: no display to open the window on; run a command instead:\n"));
    tideline::cli::err(tideline::cli::overview());
    return tideline::cli::Usage;
}
