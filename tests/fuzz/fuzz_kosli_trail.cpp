// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Kosli's own records: trails (with their template and artifacts), attestation records,
// artifact records.
#include "evidence/kosli.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"
#include "domain/json.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument doc;
    const QString file = QStringLiteral("trail.json");
    const QByteArray input = fuzz::bytes(data, size);
    if (Status s = doc.parse(input, file); !s) {
        fuzz::checkProblem(s.problem(), file);
        return 0;
    }
    const JsonValue root = doc.root();
    if (kosli::isTrail(root))
        fuzz::check(kosli::readTrail(root, file), file);
    if (kosli::isAttestationRecord(root))
        fuzz::check(kosli::readAttestations(root, file), file);
    if (kosli::isArtifactRecord(root))
        fuzz::check(kosli::readArtifacts(root, file), file);
    if (kosli::isFlowTemplateJson(root)) {
        Result<FlowTemplate> t = kosli::readFlowTemplate(input, file);
        if (!t)
            fuzz::checkProblem(t.problem(), file);
    }
    return 0;
}
