// Tideline: a command runs on QCoreApplication; the window (or the headless demo) otherwise.

#include "cli/cli.h"
#include "cli/output.h"

#include <QCoreApplication>
#include <QDir>
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
