// SPDX-License-Identifier: GPL-3.0-or-later
#include "cvss.h"

#include <QStringList>

#include <cmath>
#include <map>

namespace tideline::cvss {

namespace {

// The specification's Roundup: the smallest number with one decimal at or above x, free of floating-point
// artefacts (v3.1, Appendix A); v3.0 rounded up the plain way.
double roundUp31(double x)
{
    const long long i = std::llround(x * 100000);
    if (i % 10000 == 0)
        return double(i) / 100000.0;
    return (std::floor(double(i) / 10000.0) + 1) / 10.0;
}

double roundUp30(double x) { return std::ceil(x * 10) / 10; }

} // namespace

std::optional<double> baseScore3(const QString& vector)
{
    const QStringList parts = vector.trimmed().split(QLatin1Char('/'));
    if (parts.isEmpty())
        return std::nullopt;
    const QString head = parts.front();
    if (head != QLatin1String("CVSS:3.1") && head != QLatin1String("CVSS:3.0"))
        return std::nullopt;
    std::map<QString, QString> m;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QStringList kv = parts[i].split(QLatin1Char(':'));
        if (kv.size() != 2 || kv[0].isEmpty() || kv[1].isEmpty() || m.count(kv[0]))
            return std::nullopt;
        m[kv[0]] = kv[1];
    }
    auto pick = [&](const char* metric, std::initializer_list<std::pair<const char*, double>> values) -> std::optional<double> {
        const auto it = m.find(QString::fromLatin1(metric));
        if (it == m.end())
            return std::nullopt;
        for (const auto& [k, v] : values)
            if (it->second == QLatin1String(k))
                return v;
        return std::nullopt;
    };
    const auto scope = m.find(QStringLiteral("S"));
    if (scope == m.end() || (scope->second != QLatin1String("U") && scope->second != QLatin1String("C")))
        return std::nullopt;
    const bool changed = scope->second == QLatin1String("C");
    const auto av = pick("AV", { { "N", 0.85 }, { "A", 0.62 }, { "L", 0.55 }, { "P", 0.2 } });
    const auto ac = pick("AC", { { "L", 0.77 }, { "H", 0.44 } });
    const auto pr = pick("PR", { { "N", 0.85 }, { "L", changed ? 0.68 : 0.62 }, { "H", changed ? 0.5 : 0.27 } });
    const auto ui = pick("UI", { { "N", 0.85 }, { "R", 0.62 } });
    const auto c = pick("C", { { "H", 0.56 }, { "L", 0.22 }, { "N", 0 } });
    const auto in = pick("I", { { "H", 0.56 }, { "L", 0.22 }, { "N", 0 } });
    const auto a = pick("A", { { "H", 0.56 }, { "L", 0.22 }, { "N", 0 } });
    if (!av || !ac || !pr || !ui || !c || !in || !a)
        return std::nullopt;
    const double iss = 1 - (1 - *c) * (1 - *in) * (1 - *a);
    const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
    const double exploitability = 8.22 * *av * *ac * *pr * *ui;
    if (impact <= 0)
        return 0.0;
    const double raw = changed ? std::min(1.08 * (impact + exploitability), 10.0) : std::min(impact + exploitability, 10.0);
    return head == QLatin1String("CVSS:3.1") ? roundUp31(raw) : roundUp30(raw);
}

QString rating(double score)
{
    if (score <= 0)
        return QStringLiteral("none");
    if (score < 4.0)
        return QStringLiteral("low");
    if (score < 7.0)
        return QStringLiteral("medium");
    if (score < 9.0)
        return QStringLiteral("high");
    return QStringLiteral("critical");
}

std::optional<int> ratingRank(const QString& r)
{
    const QString w = r.trimmed().toLower();
    if (w == QLatin1String("none"))
        return 0;
    if (w == QLatin1String("low"))
        return 1;
    if (w == QLatin1String("medium") || w == QLatin1String("moderate"))
        return 2;
    if (w == QLatin1String("high") || w == QLatin1String("important"))
        return 3;
    if (w == QLatin1String("critical"))
        return 4;
    return std::nullopt;
}

} // namespace tideline::cvss
