// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Sigstore bundles v0.1-v0.3 (DSSE or message signatures, keyed or keyless with a certificate).
#include "evidence/attestations.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"
#include "domain/json.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument doc;
    const QString file = QStringLiteral("input.sigstore.json");
    const QByteArray input = fuzz::bytes(data, size);
    if (!doc.parse(input, file)) {
        fuzz::check(attestation::readJsonLines(input, file), file);
        return 0;
    }
    if (attestation::isSigstoreBundle(doc.root()))
        fuzz::check(attestation::readSigstoreBundle(doc.root(), file), file);
    return 0;
}
