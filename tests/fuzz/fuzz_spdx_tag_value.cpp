// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: SPDX 2.x tag-value documents.
#include "evidence/sbom.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("input.spdx");
    const QByteArray input = fuzz::bytes(data, size);
    fuzz::touch(QString::number(sbom::looksSpdxTagValue(input)));
    fuzz::check(sbom::readSpdxTagValue(input, file), file);
    return 0;
}
