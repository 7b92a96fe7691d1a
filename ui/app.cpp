// SPDX-License-Identifier: GPL-3.0-or-later
#include "app.h"

#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

// Resources of a static library are registered by hand, from the global namespace.
static void initResources() { Q_INIT_RESOURCE(tideline); }

namespace tideline::ui {

int runApplication(int argc, char** argv)
{
    QApplication app(argc, argv);
    initResources();
    QApplication::setOrganizationName(QStringLiteral("Tideline"));
    QApplication::setApplicationName(QStringLiteral("tideline"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tideline"));
    QApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tideline/icons/tideline.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Investigate what ran in production and whether it was allowed to."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("demo"), QStringLiteral("Generate (once) and open the demo case.") });
    parser.addOption({ QStringLiteral("appearance"), QStringLiteral("system, light or dark."), QStringLiteral("LOOK") });
    parser.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The case file to open."));
    parser.process(app);

    // The environment wins over the saved choice so that screenshots and tests can ask for a look.
    QString look = parser.value(QStringLiteral("appearance"));
    if (look.isEmpty())
        look = qEnvironmentVariable("TIDELINE_APPEARANCE");
    if (look.isEmpty())
        look = QSettings().value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
    applyAppearance(app, appearanceFromString(look));

    MainWindow window;
    window.show();
    if (parser.isSet(QStringLiteral("demo")))
        window.openDemo();
    else if (!parser.positionalArguments().isEmpty())
        window.openCase(parser.positionalArguments().first());
    return app.exec();
}

} // namespace tideline::ui
