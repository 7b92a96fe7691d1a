// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcepanel.h"

#include "theme.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace tideline::ui {

SourcePanel::SourcePanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge = new QLabel(this);
    m_badge->setAlignment(Qt::AlignRight | Qt::AlignTop);
    top->addWidget(m_title, 1);
    top->addWidget(m_badge);
    layout->addLayout(top);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text, 1);
    clear();
}

void SourcePanel::setDocument(const SourceDocument& doc, const QString& context)
{
    m_sha = doc.sha256;
    m_title->setText(tr("<b>%1</b><br>%2 · %3 bytes · imported %4%5<br><tt>sha256:%6</tt>")
                         .arg(doc.name.toHtmlEscaped(), doc.format.toHtmlEscaped(), QLocale().toString(doc.size),
                             timefmt::formatIso(doc.importedAt),
                             context.isEmpty() ? QString() : QStringLiteral(" · ") + context.toHtmlEscaped(), doc.sha256));
    const Theme theme = Theme::current();
    m_badge->setText(doc.verified ? tr("<span style='color:%1'>✔ bytes match sha256</span>").arg(theme.added.name())
                                  : tr("<span style='color:%1'>✘ bytes do not match sha256</span>").arg(theme.removed.name()));
    m_badge->setToolTip(doc.verified ? tr("The stored bytes were hashed again just now and give the recorded sha256.")
                                     : tr("The stored bytes no longer hash to the recorded sha256: the case may have been tampered with. "
                                          "Run tideline verify-case."));
    QString text = doc.text;
    if (doc.truncated)
        text += tr("\n\n… (the rest of this %1-byte file is not shown)").arg(doc.size);
    m_text->setPlainText(text);
}

void SourcePanel::setProblem(const QString& message)
{
    m_sha.clear();
    m_title->setText(tr("Cannot show the source: %1").arg(message.toHtmlEscaped()));
    m_badge->clear();
    m_text->clear();
}

void SourcePanel::setLoading(const QString& what)
{
    m_title->setText(tr("Loading %1…").arg(what.toHtmlEscaped()));
    m_badge->clear();
}

void SourcePanel::clear()
{
    m_sha.clear();
    m_title->setText(tr("<b>Source</b>"));
    m_badge->clear();
    m_text->setPlaceholderText(tr("Click a snapshot mark on the timeline to read the file it came from, exactly as imported, with its sha256."));
    m_text->clear();
}

} // namespace tideline::ui
