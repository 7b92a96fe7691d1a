// SPDX-License-Identifier: GPL-3.0-or-later
// Help › About, driven from the window's menu (offscreen): the version, the licence, and every library with the
// version --version gives it (tst_version checks those against the libraries themselves).

#include "about/about.h"
#include "mainwindow.h"
#include "testutil.h"
#include "ui/uitestutil.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTextDocument>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

namespace {

// A table row of the box: the name at the start of a line, then its version in the next cell.
bool rowShows(const QString& shown, const QString& name, const QString& version)
{
    const QRegularExpression row(QStringLiteral("^%1[\\s\\x{00A0}]+%2( |$)").arg(QRegularExpression::escape(name), QRegularExpression::escape(version)),
        QRegularExpression::MultilineOption);
    return row.match(shown).hasMatch();
}

} // namespace

class TestAbout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void fromTheHelpMenu();
};

void TestAbout::fromTheHelpMenu()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The action is in the Help menu, as a user finds it.
    QAction* help = nullptr;
    for (QAction* a : w.menuBar()->actions())
        if (a->text().remove(QLatin1Char('&')) == QLatin1String("Help"))
            help = a;
    QVERIFY(help && help->menu());
    QAction* about = nullptr;
    for (QAction* a : help->menu()->actions())
        if (a->text().remove(QLatin1Char('&')) == QLatin1String("About Tideline"))
            about = a;
    QVERIFY(about);
    QVERIFY(!w.findChild<QMessageBox*>(QStringLiteral("aboutBox")));
    about->trigger();

    auto* box = w.findChild<QMessageBox*>(QStringLiteral("aboutBox"));
    QVERIFY(box);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QCOMPARE(box->windowTitle(), QStringLiteral("About Tideline"));
    // What the box shows, as plain text.
    auto* label = box->findChild<QLabel*>(QStringLiteral("qt_msgbox_label"));
    QVERIFY(label);
    QTextDocument doc;
    doc.setHtml(label->text());
    const QString shown = doc.toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("Tideline " TIDELINE_VERSION)), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("GPL-3.0-or-later")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("GNU General Public License, version 3 or any later version")), qPrintable(shown));
    QVERIFY2(label->text().contains(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html")), qPrintable(label->text()));
    const auto libraries = about::libraryVersions();
    QCOMPARE(int(libraries.size()), 8);
    for (const about::LibraryVersion& l : libraries) {
        QVERIFY2(rowShows(shown, l.name, l.version), qPrintable(QStringLiteral("%1 %2 not in:\n%3").arg(l.name, l.version, shown)));
    }
    QVERIFY2(rowShows(shown, QStringLiteral("Qt"), QString::fromLatin1(qVersion())), qPrintable(shown));
    if (!qEnvironmentVariableIsEmpty("TIDELINE_SCREENSHOTS"))
        box->grab().save(QDir(qEnvironmentVariable("TIDELINE_SCREENSHOTS")).filePath(QStringLiteral("about.png")));
    box->close();
    QTRY_VERIFY(!w.findChild<QMessageBox*>(QStringLiteral("aboutBox")));
}

QTEST_MAIN(TestAbout)
#include "tst_about.moc"
