// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>

#include <vector>

namespace tideline {

// A run reduced to what counting needs: where it lies and how many instances it had.
struct RunSpanRow {
    bool unknown = false; // no fingerprint: keyed by name
    int firstSeq = 0;
    qint64 lastSeq = 0; // schema::kOpen while in the latest snapshot
    int instances = 0;
};

// The light queries behind the window's overview (counts over time), separate from the heavier row readers.
class OverviewStore {
public:
    explicit OverviewStore(QSqlDatabase& db);
    std::vector<RunSpanRow> runSpans(qint64 envId);

private:
    QSqlDatabase& m_db;
};

} // namespace tideline
