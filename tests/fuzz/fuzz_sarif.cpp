// libFuzzer target: SARIF 2.1.0.
#include "evidence/testresults.h"
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
    if (sarif::isSarif(doc.root()))
        fuzz::check(sarif::read(doc.root(), file), file);
    return 0;
}
