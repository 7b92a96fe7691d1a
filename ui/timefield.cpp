// SPDX-License-Identifier: GPL-3.0-or-later
#include "timefield.h"

#include "theme.h"
#include "timeline/selector.h"
#include "timetext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace tideline::ui {

TimeField::TimeField(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_understood(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setPlaceholderText(QStringLiteral("2026-03-07T06:00:00Z"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(fontMetrics().averageCharWidth() * 22);
    m_edit->setToolTip(tr("ISO 8601 (2026-03-07T06:00:00Z, 2026-03-07 06:00, 2026-03-07), now, or 3.hours.ago; UTC unless a zone is given"));
    m_understood->setTextFormat(Qt::PlainText);
    m_understood->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_understood);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { parse(); });
    connect(m_edit, &QLineEdit::returnPressed, this, &TimeField::returnPressed);
    parse();
}

void TimeField::setTime(std::optional<Millis> t)
{
    m_edit->setText(t ? timefmt::formatIso(*t / 1000 * 1000) : QString());
}

void TimeField::setOptional(bool optional)
{
    m_optional = optional;
    parse();
}

bool TimeField::acceptable() const
{
    return m_time || (m_optional && m_edit->text().trimmed().isEmpty());
}

void TimeField::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void TimeField::parse()
{
    const QString text = m_edit->text().trimmed();
    const std::optional<Millis> before = m_time;
    m_time = text.isEmpty() ? std::nullopt : parseTimeText(text);
    const Theme theme = Theme::current();
    QPalette p = palette();
    if (text.isEmpty()) {
        m_understood->setText(m_optional ? QString() : tr("a time is needed (UTC)"));
        p.setColor(QPalette::WindowText, theme.mutedText);
    } else if (m_time) {
        // What it read, in whole seconds, in UTC: "2026-03-07 06:07:00" would show here at once.
        m_understood->setText(QStringLiteral("= ") + utcText(*m_time));
        p.setColor(QPalette::WindowText, theme.mutedText);
    } else {
        m_understood->setText(tr("not a time: 2026-03-07T06:00:00Z"));
        p.setColor(QPalette::WindowText, theme.removed);
    }
    m_understood->setPalette(p);
    if (m_time != before)
        emit timeChanged(m_time);
}

void TimeField::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (isThemeChange(event))
        parse(); // its colours come from the theme
}

} // namespace tideline::ui
