// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <string_view>

namespace tideline {

// Milliseconds since the Unix epoch, UTC. The one time type of the engine.
using Millis = qint64;

namespace timefmt {

// Earliest and latest instants we accept from input: 1970-01-01 and 9999-12-31T23:59:59.999Z.
constexpr Millis kMin = 0;
constexpr Millis kMax = 253402300799999;

// ISO 8601 / RFC 3339: "2026-01-02T03:04:05Z", fractions, "+01:00", "+0000", a space instead of "T",
// or a bare date. Returns nothing when the text is not such a time or lies outside [kMin, kMax].
std::optional<Millis> parseIso(std::string_view text);
std::optional<Millis> parseIso(const QString& text);

// True when parseIso refuses the text only because it lies outside [kMin, kMax] (a date of 1969, of year 10000, of
// a negative year): readers that let unreadable times pass call such a time an error, naming it.
bool isOutOfRangeIso(std::string_view text);
bool isOutOfRangeIso(const QString& text);

// "2026-01-02T03:04:05Z", with ".123" only when the milliseconds are not zero.
QString formatIso(Millis t);

// A human duration: "3d 4h", "6h 12m", "45s".
QString formatDuration(Millis ms);

// Unix seconds (integer or fractional) to Millis, refusing values outside [kMin, kMax].
std::optional<Millis> fromUnixSeconds(double seconds);

Millis now();

} // namespace timefmt
} // namespace tideline
