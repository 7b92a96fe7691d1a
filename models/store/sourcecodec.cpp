// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcecodec.h"

#include <zstd.h>

#include <algorithm>
#include <memory>

namespace tideline {

namespace {

constexpr int kLevel = 1; // on JSON deltas, level 1 is both faster and smaller than 3 (measured)
constexpr qint64 kMaxDeltaBase = 64 << 20;
constexpr int kMaxWindowLog = 27;
// Sources up to this size are decoded into a buffer of their recorded size at once.
constexpr qint64 kTrustedSize = qint64(64) << 20;

struct CCtxDeleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxDeleter {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

ZSTD_CCtx* cctx()
{
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> c(ZSTD_createCCtx());
    return c.get();
}

ZSTD_DCtx* dctx()
{
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> c(ZSTD_createDCtx());
    return c.get();
}

int windowLogFor(qint64 bytes)
{
    int log = 10;
    while (log < kMaxWindowLog && (qint64(1) << log) < bytes)
        ++log;
    return log;
}

} // namespace

EncodedSource encodeSource(const QByteArray& bytes, const QByteArray* base)
{
    if (bytes.size() < 64)
        return { bytes, QStringLiteral("raw") };
    ZSTD_CCtx* c = cctx();
    ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kLevel);
    const bool delta = base && !base->isEmpty() && base->size() <= kMaxDeltaBase;
    const qint64 window = bytes.size() + (delta ? base->size() : 0);
    ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, windowLogFor(window));
    if (delta)
        ZSTD_CCtx_refPrefix(c, base->constData(), static_cast<size_t>(base->size()));
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(bytes.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compress2(c, out.data(), static_cast<size_t>(out.size()), bytes.constData(),
        static_cast<size_t>(bytes.size()));
    if (ZSTD_isError(n) || static_cast<qsizetype>(n) >= bytes.size())
        return { bytes, QStringLiteral("raw") };
    out.resize(static_cast<qsizetype>(n));
    return { out, delta ? QStringLiteral("zstd-delta") : QStringLiteral("zstd") };
}

Result<QByteArray> decodeSource(const QByteArray& data, const QString& codec, qint64 size, const QByteArray* base)
{
    if (codec == QLatin1String("raw")) {
        if (data.size() != size)
            return Problem(QStringLiteral("stored source has %1 bytes, expected %2").arg(data.size()).arg(size));
        return data;
    }
    const bool delta = codec == QLatin1String("zstd-delta");
    if (!delta && codec != QLatin1String("zstd"))
        return Problem(QStringLiteral("unknown source codec '%1'").arg(codec));
    if (delta && !base)
        return Problem(QStringLiteral("delta-coded source without its base"));
    if (size < 0 || size > (qint64(1) << 32))
        return Problem(QStringLiteral("implausible source size %1").arg(size));
    // The frame must say it holds exactly the size recorded: this also bounds what we allocate.
    const unsigned long long declared = ZSTD_getFrameContentSize(data.constData(), static_cast<size_t>(data.size()));
    if (declared != static_cast<unsigned long long>(size))
        return Problem(QStringLiteral("stored source frame does not match its recorded size"));
    ZSTD_DCtx* d = dctx();
    ZSTD_DCtx_reset(d, ZSTD_reset_session_and_parameters);
    ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, kMaxWindowLog);
    if (delta)
        ZSTD_DCtx_refPrefix(d, base->constData(), static_cast<size_t>(base->size()));
    auto failed = [](const char* why) {
        return Problem(QStringLiteral("stored source does not decompress: %1").arg(QString::fromLatin1(why)));
    };
    if (size <= kTrustedSize) {
        QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
        const size_t n = ZSTD_decompressDCtx(d, out.data(), static_cast<size_t>(out.size()), data.constData(), static_cast<size_t>(data.size()));
        if (ZSTD_isError(n) || static_cast<qint64>(n) != size)
            return failed(ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch");
        return out;
    }
    // A size this large is a claim (of the frame, and of the case's size column, which a tampered case file can make
    // agree): grow the buffer as the frame really produces bytes, so that a few bytes claiming gigabytes cost only
    // what they decompress to. One byte of room past the size catches a frame holding more than it says.
    QByteArray out(static_cast<qsizetype>(kTrustedSize), Qt::Uninitialized);
    ZSTD_inBuffer in { data.constData(), static_cast<size_t>(data.size()), 0 };
    size_t produced = 0;
    for (;;) {
        ZSTD_outBuffer o { out.data(), static_cast<size_t>(out.size()), produced };
        const size_t r = ZSTD_decompressStream(d, &o, &in);
        if (ZSTD_isError(r))
            return failed(ZSTD_getErrorName(r));
        produced = o.pos;
        if (r == 0)
            break;
        if (o.pos < o.size) {
            if (in.pos == in.size)
                return failed("the frame ends before its content");
            continue;
        }
        if (out.size() > size)
            return failed("size mismatch");
        out.resize(static_cast<qsizetype>(std::min<qint64>(size + 1, qint64(out.size()) * 2)));
    }
    if (in.pos != in.size || static_cast<qint64>(produced) != size)
        return failed("size mismatch");
    out.resize(static_cast<qsizetype>(produced));
    return out;
}

} // namespace tideline
