// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: CycloneDX JSON SBOMs (their packages at any depth, and their VEX analyses).
#include "evidence/sbom.h"
#include "evidencefuzz.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return fuzz::readJsonEvidence(
        data, size, [](const auto& root) { return sbom::isCycloneDx(root); },
        [](const auto& root, const QString& file) { return sbom::readCycloneDxFile(root, file); });
}
