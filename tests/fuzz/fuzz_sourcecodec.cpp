// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the case file's source codec. Hostile stored frames (raw, zstd, zstd against a base) must
// decode or be refused without reading or allocating past what the recorded size allows; what we encode must
// decode back to the same bytes.
#include "fuzzutil.h"
#include "store/sourcecodec.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 5)
        return 0;
    // Byte 0: codec; bytes 1-3: the size the case file records (at most 16 MiB); then base, a separator, frame.
    static const QString codecs[] = { QStringLiteral("raw"), QStringLiteral("zstd"), QStringLiteral("zstd-delta"), QStringLiteral("lz4") };
    const QString codec = codecs[data[0] % 4];
    const qint64 recorded = (qint64(data[1]) << 16 | qint64(data[2]) << 8 | data[3]) - (data[0] & 0x80 ? 1 : 0);
    const auto [base, frame] = fuzz::split(fuzz::bytes(data + 4, size - 4), "\n--frame--\n");
    const bool withBase = !(data[0] & 0x40);
    Result<QByteArray> d = decodeSource(frame.isNull() ? base : frame, codec, recorded, withBase ? &base : nullptr);
    if (d && d->size() != recorded) {
        std::fprintf(stderr, "fuzz: decoded %lld bytes, recorded %lld\n", static_cast<long long>(d->size()), static_cast<long long>(recorded));
        std::abort();
    }
    // Round trip, with and without the base.
    const QByteArray plain = fuzz::bytes(data, size);
    for (const QByteArray* b : { static_cast<const QByteArray*>(nullptr), &base }) {
        const EncodedSource e = encodeSource(plain, b);
        Result<QByteArray> back = decodeSource(e.data, e.codec, plain.size(), b);
        if (!back || *back != plain) {
            std::fprintf(stderr, "fuzz: %s round trip failed: %s\n", qPrintable(e.codec), qPrintable(back.error()));
            std::abort();
        }
    }
    return 0;
}
