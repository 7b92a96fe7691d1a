// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: CycloneDX XML SBOMs (read safely: no DTD, no entities; into the JSON reader's shape).
#include "evidence/sbom.h"
#include "evidence/testresults.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("input.cdx.xml");
    const QByteArray input = fuzz::bytes(data, size);
    fuzz::touch(QString::number(sbom::isCycloneDxXml(input, junit::rootElement(input))));
    // Read whatever the root: a manifest that binds a file as evidence makes the importer read any XML.
    fuzz::check(sbom::readCycloneDxXml(input, file), file);
    return 0;
}
