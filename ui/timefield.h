// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/timefmt.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;

namespace tideline::ui {

// A time typed as ISO 8601 ("2026-03-07T06:00:00Z", "2026-03-07 06:00", a bare date; UTC unless a zone is given),
// "now" or "3.hours.ago", with beside it what it understood, in whole seconds and UTC, or why it cannot read it.
// A plain line: Tab leaves it, digits land where the caret is, nothing is hidden in it.
class TimeField : public QWidget {
    Q_OBJECT
public:
    explicit TimeField(QWidget* parent = nullptr);

    std::optional<Millis> time() const { return m_time; }
    // Shown as ISO 8601 in whole seconds; nothing: empty.
    void setTime(std::optional<Millis> t);
    // Empty is acceptable (an optional time) or not (the default: a time is needed).
    void setOptional(bool optional);
    bool acceptable() const;
    void setPlaceholderText(const QString& text);
    QLineEdit* edit() const { return m_edit; }
    QLabel* understood() const { return m_understood; }

signals:
    void timeChanged(std::optional<tideline::Millis> t);
    void returnPressed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void parse();

    QLineEdit* m_edit;
    QLabel* m_understood;
    std::optional<Millis> m_time;
    bool m_optional = false;
};

} // namespace tideline::ui
