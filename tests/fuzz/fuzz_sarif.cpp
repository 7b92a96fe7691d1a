// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SARIF 2.1.0.
#include "evidence/testresults.h"
#include "evidencefuzz.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return fuzz::readJsonEvidence(
        data, size, [](const auto& root) { return sarif::isSarif(root); },
        [](const auto& root, const QString& file) { return sarif::read(root, file); });
}
