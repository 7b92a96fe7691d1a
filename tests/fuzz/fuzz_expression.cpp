// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: policy expressions `${{ … }}`, parsed and evaluated. The first line is the expression; the
// lines after it give the context: flow name, artifact name, then tags as key=value.
#include "compliance/expression.h"
#include "fuzzutil.h"

#include <QStringList>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QStringList lines = input.split(QLatin1Char('\n'));
    Result<Expression> e = Expression::parse(lines.value(0));
    if (!e) {
        fuzz::checkProblem(e.problem(), QString());
        return 0;
    }
    fuzz::touch(e->text());
    ExpressionContext ctx;
    if (lines.size() > 1 && lines[1] != QLatin1String("-"))
        ctx.flowName = lines[1];
    ctx.artifactName = lines.value(2, QStringLiteral("app:1"));
    ctx.artifactFingerprint = QString(64, QLatin1Char('0'));
    for (qsizetype i = 3; i < lines.size(); ++i)
        ctx.flowTags[lines[i].section(QLatin1Char('='), 0, 0)] = lines[i].section(QLatin1Char('='), 1);
    Result<bool> r = e->evaluate(ctx);
    if (!r)
        fuzz::checkProblem(r.problem(), QString());
    return 0;
}
