// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace tideline {

struct EncodedSource;

struct SourceRecord {
    qint64 id = 0;
    QString sha256;
    QString name;
    qint64 size = 0;
    QString format;
    Millis importedAt = 0;
    QString codec;
    qint64 storedBytes = 0;
    qint64 baseId = 0;
    int depth = 0;
};

namespace sql {
class StatementCache;
}

// The original bytes of every imported file, stored once per sha256.
class SourceStore {
public:
    // Delta chains are cut after this many links so that reading one source stays cheap.
    static constexpr int kMaxDepth = 160;

    explicit SourceStore(QSqlDatabase& db);
    ~SourceStore();

    std::optional<SourceRecord> findBySha(const QString& sha256);
    std::optional<SourceRecord> findById(qint64 id);
    Result<qint64> insert(const SourceRecord& meta, const EncodedSource& encoded);
    // The original bytes, following delta links back to a self-contained source.
    Result<QByteArray> load(qint64 id);
    // The same, keeping recently decoded sources so that reading many in order decodes each chain once.
    Result<QByteArray> loadCached(qint64 id);
    std::vector<SourceRecord> list();
    qint64 storedBytesTotal();

private:
    Result<QByteArray> decodeOne(qint64 id, const std::function<Result<QByteArray>(qint64)>& base);

    std::unique_ptr<sql::StatementCache> m_sql;
    std::map<qint64, QByteArray> m_cache;
    std::vector<qint64> m_cacheOrder;
};

} // namespace tideline
