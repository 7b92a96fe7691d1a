// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: `tideline verify`: a key file and an evidence file (split at a marker line), the key read as
// the command line reads keys, the evidence read and its every signature checked.
#include "evidence/verifier.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto [key, evidence] = fuzz::split(fuzz::bytes(data, size), "\n--evidence--\n");
    const QString keyPath = fuzz::writeTemp(QStringLiteral("key.pub"), key);
    const QString path = fuzz::writeTemp(QStringLiteral("evidence.json"), evidence);
    Result<VerifyReport> r = verifyFile(path, { keyPath });
    if (!r) {
        fuzz::checkProblem(r.problem(), QString());
        if (r.problem().file != path && r.problem().file != keyPath)
            fuzz::checkProblem(r.problem(), path); // names one of the two files
        return 0;
    }
    fuzz::touch(r->format);
    fuzz::touch(r->outcome.detail);
    for (const EvidenceRecord& p : r->parts)
        fuzz::touch(p.verification.detail);
    return 0;
}
