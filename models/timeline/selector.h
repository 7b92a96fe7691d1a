// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>

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

} // namespace tideline
