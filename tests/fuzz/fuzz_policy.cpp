// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Kosli environment policies (YAML), their expressions evaluated against a fixed artifact.
#include "compliance/policy.h"
#include "fuzzutil.h"

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString file = QStringLiteral("policy.yml");
    const QByteArray input = fuzz::bytes(data, size);
    looksLikePolicy(input);
    Result<Policy> p = parsePolicy(input, file, QStringLiteral("policy"));
    if (!p) {
        fuzz::checkProblem(p.problem(), file);
        return 0;
    }
    ExpressionContext ctx;
    ctx.flowName = QStringLiteral("backend-ci");
    ctx.flowTags = { { QStringLiteral("team"), QStringLiteral("payments") }, { QStringLiteral("risk-level"), QStringLiteral("high") } };
    ctx.artifactName = QStringLiteral("registry.example.com/app:1.2.3");
    ctx.artifactFingerprint = QString(64, QLatin1Char('a'));
    auto eval = [&](const Expression& e) {
        Result<bool> r = e.evaluate(ctx);
        if (!r)
            fuzz::checkProblem(r.problem(), QString());
    };
    for (const Expression& e : p->provenance.exceptions)
        eval(e);
    for (const Expression& e : p->trailCompliance.exceptions)
        eval(e);
    for (const Policy::AttestationRule& r : p->attestations) {
        fuzz::touch(r.name);
        fuzz::touch(r.type);
        if (r.condition)
            eval(*r.condition);
    }
    return 0;
}
