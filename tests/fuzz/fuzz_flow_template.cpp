// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Kosli flow templates (YAML, or JSON), validated against schema v1.
#include "evidence/kosli.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("template.yml");
    const QByteArray input = fuzz::bytes(data, size);
    if (auto t = kosli::tryReadFlowTemplate(input, file)) {
        if (!*t)
            fuzz::checkProblem(t->problem(), file);
    }
    Result<FlowTemplate> t = kosli::readFlowTemplate(input, file);
    if (!t) {
        fuzz::checkProblem(t.problem(), file);
        return 0;
    }
    std::size_t h = fuzz::touch(t->content) + fuzz::touch(t->artifacts.join(QLatin1Char(',')));
    for (const TemplateRequirement& r : t->requirements)
        h += fuzz::touch(r.artifact) + fuzz::touch(r.name) + fuzz::touch(r.type);
    return h == 1 ? 0 : 0;
}
