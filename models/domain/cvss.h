// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// CVSS base scores from vectors: v3.0 and v3.1 by the specification's formula. Other versions (v2, v4) are not
// scored here: their vectors are shown as given.

#include <QString>

#include <optional>

namespace tideline::cvss {

// "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" -> 9.8; nothing when the vector is not a complete, valid v3.x
// base vector (temporal and environmental metrics may follow and are ignored).
std::optional<double> baseScore3(const QString& vector);
// none, low, medium, high, critical (the v3.x and v4 qualitative scale).
QString rating(double score);
// The rank of a rating word (none 0 .. critical 4), also GHSA's "moderate" (medium); nothing for other words.
std::optional<int> ratingRank(const QString& rating);

} // namespace tideline::cvss
