// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the KosliPayload snapshot reader (JSON in, observations out).
#include "fuzzutil.h"
#include "snapshotfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::snapshot(tideline::SnapshotFormat::KosliPayload, data, size);
    return 0;
}
