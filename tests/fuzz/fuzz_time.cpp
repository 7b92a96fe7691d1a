// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: ISO 8601 times as every reader takes them; accepted times lie in 1970..9999 and survive a
// round trip through formatIso.
#include "domain/timefmt.h"
#include "fuzzutil.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto t = timefmt::parseIso(text);
    if (t) {
        if (*t < timefmt::kMin || *t > timefmt::kMax) {
            std::fprintf(stderr, "fuzz: time out of range: %lld\n", static_cast<long long>(*t));
            std::abort();
        }
        const QString iso = timefmt::formatIso(*t);
        if (timefmt::parseIso(iso) != t) {
            std::fprintf(stderr, "fuzz: %s does not read back\n", qPrintable(iso));
            std::abort();
        }
        fuzz::touch(timefmt::formatDuration(*t));
    }
    if (size == sizeof(double)) {
        double d;
        std::memcpy(&d, data, sizeof d);
        if (const auto u = timefmt::fromUnixSeconds(d); u && (*u < timefmt::kMin || *u > timefmt::kMax)) {
            std::fprintf(stderr, "fuzz: unix seconds out of range\n");
            std::abort();
        }
    }
    return 0;
}
