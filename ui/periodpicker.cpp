// SPDX-License-Identifier: GPL-3.0-or-later
#include "periodpicker.h"

#include "timefield.h"
#include "timetext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tideline::ui {

namespace {
constexpr Millis kHour = 3600LL * 1000;
}

PeriodPicker::PeriodPicker(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_fromField(new TimeField(this))
    , m_toField(new TimeField(this))
    , m_apply(new QPushButton(tr("Apply"), this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_preset->setObjectName(QStringLiteral("periodPreset"));
    m_preset->addItem(tr("Whole history"), Whole);
    m_preset->addItem(tr("Last 24 hours"), Last24Hours);
    m_preset->addItem(tr("Last 7 days"), Last7Days);
    m_preset->addItem(tr("Last quarter (90 days)"), LastQuarter);
    m_preset->addItem(tr("From… to…"), Custom);
    m_preset->setToolTip(tr("The period the timeline, the findings, the charts and the export look at; presets end at the latest "
                            "recorded time"));
    m_fromField->setObjectName(QStringLiteral("periodFrom"));
    m_toField->setObjectName(QStringLiteral("periodTo"));
    m_fromField->setPlaceholderText(tr("from, e.g. 2026-03-01"));
    m_toField->setPlaceholderText(tr("to, e.g. 2026-03-04T12:00Z"));
    m_fromField->setOptional(true);
    m_toField->setOptional(true);
    layout->addWidget(new QLabel(tr("Period"), this));
    layout->addWidget(m_preset);
    layout->addWidget(m_fromField);
    layout->addWidget(m_toField);
    layout->addWidget(m_apply);
    auto custom = [this] {
        const bool on = preset() == Custom;
        m_fromField->setVisible(on);
        m_toField->setVisible(on);
        m_apply->setVisible(on);
    };
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this, custom] {
        custom();
        if (preset() == Custom) {
            // Start from what is shown, so that the fields say something to edit.
            if (!m_fromField->time() && m_from)
                m_fromField->setTime(m_from);
            if (!m_toField->time() && m_to)
                m_toField->setTime(m_to);
            m_fromField->setFocus();
            return;
        }
        recompute(true);
    });
    auto validate = [this] {
        const bool ok = m_fromField->acceptable() && m_toField->acceptable()
            && (!m_fromField->time() || !m_toField->time() || *m_fromField->time() < *m_toField->time());
        m_apply->setEnabled(ok);
    };
    connect(m_fromField, &TimeField::timeChanged, this, validate);
    connect(m_toField, &TimeField::timeChanged, this, validate);
    connect(m_apply, &QPushButton::clicked, this, [this] { recompute(true); });
    connect(m_fromField, &TimeField::returnPressed, m_apply, &QPushButton::click);
    connect(m_toField, &TimeField::returnPressed, m_apply, &QPushButton::click);
    custom();
    validate();
}

PeriodPicker::Preset PeriodPicker::preset() const
{
    return static_cast<Preset>(m_preset->currentData().toInt());
}

void PeriodPicker::setRecorded(std::optional<Millis> first, std::optional<Millis> last)
{
    m_first = first;
    m_last = last;
    recompute(preset() != Custom && preset() != Whole);
}

void PeriodPicker::setPreset(Preset p)
{
    m_preset->setCurrentIndex(m_preset->findData(p));
    if (p != Custom)
        recompute(true);
}

void PeriodPicker::setPeriod(std::optional<Millis> from, std::optional<Millis> to)
{
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(Custom));
    m_fromField->setVisible(true);
    m_toField->setVisible(true);
    m_apply->setVisible(true);
    m_fromField->setTime(from);
    m_toField->setTime(to);
    recompute(true);
}

void PeriodPicker::recompute(bool announce)
{
    std::optional<Millis> from, to;
    const Preset p = preset();
    if (p == Custom) {
        from = m_fromField->time();
        to = m_toField->time();
    } else if (p != Whole && m_last) {
        const Millis span = p == Last24Hours ? 24 * kHour : p == Last7Days ? 7 * 24 * kHour : 90 * 24 * kHour;
        to = *m_last;
        from = *m_last - span;
        if (m_first && *from < *m_first)
            from = m_first;
    }
    const bool changed = from != m_from || to != m_to;
    m_from = from;
    m_to = to;
    if (announce && changed)
        emit periodChanged(m_from, m_to);
}

QString PeriodPicker::describe() const
{
    if (whole())
        return tr("the whole history");
    const QString range = m_from && m_to ? utcRange(*m_from, *m_to)
        : m_from                         ? tr("from %1").arg(utcText(*m_from))
                                         : tr("until %1").arg(utcText(*m_to));
    return preset() == Custom ? range : QStringLiteral("%1: %2").arg(m_preset->currentText().toLower(), range);
}

} // namespace tideline::ui
