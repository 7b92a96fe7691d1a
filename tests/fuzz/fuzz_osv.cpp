// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: OSV records (one, or an array) and OpenVEX documents.
#include "evidence/advisories.h"
#include "evidencefuzz.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::readJsonEvidence(
        data, size, [](const auto& root) { return advisories::isOsv(root); },
        [](const auto& root, const QString& file) { return advisories::readOsv(root, file); });
    return fuzz::readJsonEvidence(
        data, size, [](const auto& root) { return advisories::isOpenVex(root); },
        [](const auto& root, const QString& file) { return advisories::readOpenVex(root, file); });
}
