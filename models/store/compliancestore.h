// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "domain/result.h"
#include "domain/timefmt.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tideline {

namespace sql {
class StatementCache;
}

struct PolicyVersion {
    qint64 id = 0;
    QString name;
    int version = 1;
    qint64 sourceId = 0;
    QString sourceSha256;
    Millis effectiveFrom = 0;
    Millis importedAt = 0;
};

struct AllowEntry {
    qint64 id = 0;
    QString environment; // empty: every environment
    QString fingerprint; // either this …
    QString namePattern; // … or a regular expression on the workload's name
    QString reason;
    QString who;
    std::optional<Millis> validFrom;
    std::optional<Millis> validUntil;
    Millis createdAt = 0;
    qint64 logId = 0;
};

struct Review {
    qint64 id = 0;
    QString findingId;
    Disposition disposition = Disposition::Open;
    QString note;
    QString reviewer;
    Millis at = 0;
    qint64 logId = 0;
    QString logHash; // the hash of that log entry (the log holds it, not a column of reviews: read joined)
};

// The SQL behind policies, the allow-list and reviews.
class ComplianceStore {
public:
    explicit ComplianceStore(QSqlDatabase& db);
    ~ComplianceStore();

    std::vector<PolicyVersion> policies(); // every version, by name then version
    std::optional<PolicyVersion> latestPolicy(const QString& name);
    Result<qint64> insertPolicy(const PolicyVersion& p);

    std::vector<AllowEntry> allowList();
    Result<qint64> insertAllow(const AllowEntry& a);

    std::vector<Review> reviews(); // in the order they were made
    std::vector<Review> reviewsOf(const QString& findingId);
    Result<qint64> insertReview(const Review& r);

private:
    std::unique_ptr<sql::StatementCache> m_sql;
};

} // namespace tideline
