// libFuzzer target: CycloneDX JSON SBOMs.
#include "evidence/sbom.h"
#include "evidencefuzz.h"
#include "fuzzutil.h"
#include "import/json.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static JsonDocument doc;
    const QString file = QStringLiteral("input.json");
    if (Status s = doc.parse(fuzz::bytes(data, size), file); !s) {
        fuzz::checkProblem(s.problem(), file);
        return 0;
    }
    if (sbom::isCycloneDx(doc.root()))
        fuzz::check(sbom::readCycloneDx(doc.root(), file), file);
    return 0;
}
