// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: DSSE envelopes (one document or one a line) and in-toto statements, links, layouts and
// classic signed metablocks, with canonical JSON as securesystemslib signs it.
#include "evidence/attestations.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"
#include "domain/json.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument doc;
    const QString file = QStringLiteral("input.intoto.json");
    const QByteArray input = fuzz::bytes(data, size);
    if (!doc.parse(input, file)) {
        fuzz::check(attestation::readJsonLines(input, file), file);
        return 0;
    }
    const JsonValue root = doc.root();
    if (attestation::isDsseEnvelope(root))
        fuzz::check(attestation::readDsse(root, file), file);
    if (attestation::isMetablock(root))
        fuzz::check(attestation::readMetablock(root, file), file);
    if (attestation::isStatement(root))
        fuzz::check(attestation::readStatement(root, file), file);
    if (const auto canonical = attestation::canonicalJson(root))
        fuzz::touch(canonical->toStdString());
    return 0;
}
