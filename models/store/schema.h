// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace tideline::schema {

// Run-interval rows still present in the latest snapshot of their environment carry this as last_seq.
constexpr qint64 kOpen = 4000000000000000000LL;

// Each migration takes the schema from version (index) to version (index + 1).
// Statements are plain SQL shared by SQLite and PostgreSQL; ids are the only dialect difference.
struct Migration {
    QString description;
    QStringList statements;
};
const std::vector<Migration>& migrations(bool postgres = false);

} // namespace tideline::schema
