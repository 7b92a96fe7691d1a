// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace tideline {

// A snapshot named as Kosli names them: ENV (latest), ENV#N, ENV~N (N before the latest), ENV@{TIME}
// with TIME an ISO 8601 UTC time or "N.minutes|hours|days|weeks|months.ago".
struct SnapshotSelector {
    enum class Kind { Latest, Index, Back, Time };
    QString environment;
    Kind kind = Kind::Latest;
    qint64 number = 0;
    Millis time = 0;
};

Result<SnapshotSelector> parseSelector(const QString& text, Millis now = timefmt::now());

// A time as a person types it: ISO 8601 (a time without a zone is UTC, a bare date its midnight), "now", or
// "N.minutes|hours|days|weeks|months.ago" (N.hours.ago and N.hour.ago alike). Whole seconds: what a person types
// and reads, so milliseconds are dropped.
std::optional<Millis> parseTimeText(const QString& text, Millis now = timefmt::now());

// What a "go to" field names: a time, or a snapshot whose time is where it goes (ENV, ENV#N, ENV~N, ENV@{TIME};
// a bare name only when it is one of the environments given).
struct TimeInput {
    std::optional<Millis> time;
    std::optional<SnapshotSelector> snapshot;
};
Result<TimeInput> parseTimeInput(const QString& text, const QStringList& environments, Millis now = timefmt::now());

} // namespace tideline
