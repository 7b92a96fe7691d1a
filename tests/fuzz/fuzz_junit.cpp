// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: JUnit XML (every dialect; DTDs and entities refused, UTF-8 and UTF-16 only).
#include "evidence/testresults.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("input.xml");
    const QByteArray input = fuzz::bytes(data, size);
    const QString root = junit::rootElement(input);
    fuzz::touch(root);
    junit::isJUnitRoot(root);
    junit::looksLikeTestResults(root);
    // Read whatever the root: a manifest that binds a file as evidence makes the importer read any XML.
    fuzz::check(junit::read(input, file), file);
    return 0;
}
