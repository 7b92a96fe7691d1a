// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SPDX JSON SBOMs (2.x and 3.0 JSON-LD).
#include "evidence/sbom.h"
#include "evidencefuzz.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return fuzz::readJsonEvidence(
        data, size, [](const auto& root) { return sbom::isSpdx(root); },
        [](const auto& root, const QString& file) { return sbom::readSpdx(root, file); });
}
