// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/timefmt.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QPushButton;

namespace tideline::ui {

class TimeField;

// The period the window looks at, shared by the timeline, the findings, the charts and the export: the whole
// history, a preset that ends at the latest recorded time (last 24 hours, last 7 days, last quarter), or from and to
// typed as ISO 8601.
class PeriodPicker : public QWidget {
    Q_OBJECT
public:
    enum Preset { Whole, Last24Hours, Last7Days, LastQuarter, Custom };
    explicit PeriodPicker(QWidget* parent = nullptr);

    // What was recorded: presets end at last and start no earlier than first.
    void setRecorded(std::optional<Millis> first, std::optional<Millis> last);
    void setPreset(Preset p);
    void setPeriod(std::optional<Millis> from, std::optional<Millis> to); // Custom
    Preset preset() const;
    std::optional<Millis> from() const { return m_from; }
    std::optional<Millis> to() const { return m_to; }
    bool whole() const { return !m_from && !m_to; }
    // "the whole history", "last 7 days: 2026-02-28 05:30 → 2026-03-07 05:30 UTC"
    QString describe() const;

    QComboBox* presetBox() const { return m_preset; }
    TimeField* fromField() const { return m_fromField; }
    TimeField* toField() const { return m_toField; }
    QPushButton* applyButton() const { return m_apply; }

signals:
    void periodChanged(std::optional<tideline::Millis> from, std::optional<tideline::Millis> to);

private:
    void recompute(bool announce);

    QComboBox* m_preset;
    TimeField* m_fromField;
    TimeField* m_toField;
    QPushButton* m_apply;
    std::optional<Millis> m_first, m_last;
    std::optional<Millis> m_from, m_to;
};

} // namespace tideline::ui
