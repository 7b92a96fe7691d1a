// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutbox.h"

#include "about/about.h"

#include <QApplication>
#include <QMessageBox>
#include <QString>

namespace tideline::ui {

QString aboutText()
{
    QString rows;
    for (const about::LibraryVersion& l : about::libraryVersions()) {
        QString version = l.version.toHtmlEscaped();
        if (!l.atRunTime)
            version += QObject::tr(" (the version built with)");
        else if (l.builtWith != l.version)
            version += QObject::tr(" (built with %1)").arg(l.builtWith.toHtmlEscaped());
        rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;%2</td></tr>").arg(l.name.toHtmlEscaped(), version);
    }
    QString text = QObject::tr("<b>Tideline %1</b><p>Investigate what ran in production and whether it was allowed to.</p>"
                               "<p>%2.<br>Licensed under <a href=\"%3\">%4</a> (%5). There is no warranty.</p>")
                       .arg(QStringLiteral(TIDELINE_VERSION), about::copyrightLine().toHtmlEscaped(), about::licenceUrl(),
                           about::licenceName().toHtmlEscaped(), about::licenceId());
    text += QObject::tr("<p>Libraries:</p><table>%1</table>").arg(rows);
#ifdef TIDELINE_PACK_FONTS
    text += QObject::tr("<p>Evidence packs embed the DejaVu Sans and DejaVu Sans Mono fonts (Bitstream Vera and Arev "
                        "licences).</p>");
#endif
    return text;
}

void showAboutBox(QWidget* parent)
{
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(QObject::tr("About Tideline"));
    box->setTextFormat(Qt::RichText);
    box->setText(aboutText());
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box->setStandardButtons(QMessageBox::Close);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

} // namespace tideline::ui
