// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcestore.h"

#include "store/sourcecodec.h"
#include "store/sql.h"

namespace tideline {

namespace {

#define SOURCE_COLUMNS "id, sha256, name, size, format, imported_at, codec, length(data), base_id, depth FROM sources "

SourceRecord fromQuery(const QSqlQuery& q)
{
    SourceRecord r;
    r.id = q.value(0).toLongLong();
    r.sha256 = q.value(1).toString();
    r.name = q.value(2).toString();
    r.size = q.value(3).toLongLong();
    r.format = q.value(4).toString();
    r.importedAt = q.value(5).toLongLong();
    r.codec = q.value(6).toString();
    r.storedBytes = q.value(7).toLongLong();
    r.baseId = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
    r.depth = q.value(9).toInt();
    return r;
}

} // namespace

SourceStore::SourceStore(QSqlDatabase& db)
    : m_sql(std::make_unique<sql::StatementCache>(db))
{
}

SourceStore::~SourceStore() = default;

std::optional<SourceRecord> SourceStore::findBySha(const QString& sha256)
{
    auto st = (*m_sql)("SELECT " SOURCE_COLUMNS "WHERE sha256 = ?");
    if (!st->run({ sha256 }) || !st->query().next())
        return std::nullopt;
    return fromQuery(st->query());
}

std::optional<SourceRecord> SourceStore::findById(qint64 id)
{
    auto st = (*m_sql)("SELECT " SOURCE_COLUMNS "WHERE id = ?");
    if (!st->run({ id }) || !st->query().next())
        return std::nullopt;
    return fromQuery(st->query());
}

Result<qint64> SourceStore::insert(const SourceRecord& meta, const EncodedSource& encoded)
{
    auto st = (*m_sql).insert("INSERT INTO sources(sha256, name, size, format, imported_at, codec, base_id, depth, data)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariant base = meta.baseId > 0 ? QVariant(meta.baseId) : QVariant(QMetaType(QMetaType::LongLong));
    if (Status s = st->run({ meta.sha256, meta.name, meta.size, meta.format, meta.importedAt, encoded.codec, base, meta.depth,
            encoded.data });
        !s)
        return s.problem();
    const auto id = st->insertedId();
    if (!id)
        return Problem(QStringLiteral("source insert returned no id"));
    return *id;
}

Result<QByteArray> SourceStore::load(qint64 id)
{
    // Walk back to a self-contained source, then decode forward.
    struct Link {
        qint64 id;
        QByteArray data;
        QString codec;
        qint64 size;
    };
    std::vector<Link> chain;
    qint64 cur = id;
    while (cur > 0) {
        if (chain.size() > static_cast<size_t>(kMaxDepth) + 1)
            return Problem(QStringLiteral("source %1: delta chain too long (damaged case?)").arg(id));
        auto st = (*m_sql)("SELECT data, codec, size, base_id FROM sources WHERE id = ?");
        if (!st->run({ cur }) || !st->query().next())
            return Problem(QStringLiteral("source %1 is missing from the case").arg(cur));
        const QSqlQuery& q = st->query();
        const QString codec = q.value(1).toString();
        chain.push_back({ cur, q.value(0).toByteArray(), codec, q.value(2).toLongLong() });
        cur = codec == QLatin1String("zstd-delta") && !q.value(3).isNull() ? q.value(3).toLongLong() : 0;
    }
    QByteArray bytes;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const QByteArray prev = bytes;
        Result<QByteArray> decoded
            = decodeSource(it->data, it->codec, it->size, it->codec == QLatin1String("zstd-delta") ? &prev : nullptr);
        if (!decoded) {
            Problem p = decoded.problem();
            p.message = QStringLiteral("source %1: ").arg(it->id) + p.message;
            return p;
        }
        bytes = std::move(decoded).value();
    }
    return bytes;
}

Result<QByteArray> SourceStore::decodeOne(qint64 id, const std::function<Result<QByteArray>(qint64)>& base)
{
    QByteArray data;
    QString codec;
    qint64 size = 0, baseId = 0;
    {
        auto st = (*m_sql)("SELECT data, codec, size, base_id FROM sources WHERE id = ?");
        if (!st->run({ id }) || !st->query().next())
            return Problem(QStringLiteral("source %1 is missing from the case").arg(id));
        const QSqlQuery& q = st->query();
        data = q.value(0).toByteArray();
        codec = q.value(1).toString();
        size = q.value(2).toLongLong();
        baseId = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
    }
    if (codec != QLatin1String("zstd-delta"))
        return decodeSource(data, codec, size, nullptr);
    if (baseId <= 0 || baseId >= id)
        return Problem(QStringLiteral("source %1: its delta base is missing").arg(id));
    Result<QByteArray> b = base(baseId);
    if (!b)
        return b;
    return decodeSource(data, codec, size, &*b);
}

Result<QByteArray> SourceStore::loadCached(qint64 id)
{
    if (auto it = m_cache.find(id); it != m_cache.end())
        return it->second;
    Result<QByteArray> bytes = decodeOne(id, [this](qint64 base) { return loadCached(base); });
    if (!bytes) {
        Problem p = bytes.problem();
        if (!p.message.startsWith(QLatin1String("source ")))
            p.message = QStringLiteral("source %1: ").arg(id) + p.message;
        return p;
    }
    m_cache[id] = *bytes;
    m_cacheOrder.push_back(id);
    if (m_cacheOrder.size() > 64) {
        m_cache.erase(m_cacheOrder.front());
        m_cacheOrder.erase(m_cacheOrder.begin());
    }
    return bytes;
}

std::vector<SourceRecord> SourceStore::list()
{
    std::vector<SourceRecord> out;
    auto st = (*m_sql)("SELECT " SOURCE_COLUMNS "ORDER BY id");
    if (!st->run({}))
        return out;
    while (st->query().next())
        out.push_back(fromQuery(st->query()));
    return out;
}

qint64 SourceStore::storedBytesTotal()
{
    auto st = (*m_sql)("SELECT coalesce(sum(length(data)), 0) FROM sources");
    if (!st->run({}) || !st->query().next())
        return 0;
    return st->query().value(0).toLongLong();
}

} // namespace tideline
