// SPDX-License-Identifier: GPL-3.0-or-later
#include "timefmt.h"

#include <QDateTime>

#include <cmath>
#include <string>

namespace tideline::timefmt {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

void civilFromDays(qint64 z, int& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 yy = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yy + (m <= 2));
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(int y, unsigned m)
{
    static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

class Cursor {
public:
    explicit Cursor(std::string_view s)
        : m_s(s)
    {
    }
    bool atEnd() const { return m_i >= m_s.size(); }
    char peek() const { return atEnd() ? '\0' : m_s[m_i]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_i;
        return true;
    }
    bool digits(int count, int& out)
    {
        out = 0;
        for (int k = 0; k < count; ++k) {
            const char c = peek();
            if (c < '0' || c > '9')
                return false;
            out = out * 10 + (c - '0');
            ++m_i;
        }
        return true;
    }
    // Up to 9 fraction digits, returned as milliseconds (truncated).
    bool fraction(int& ms)
    {
        ms = 0;
        int n = 0;
        while (peek() >= '0' && peek() <= '9') {
            if (n < 3)
                ms = ms * 10 + (peek() - '0');
            ++n;
            ++m_i;
            if (n > 12)
                return false;
        }
        for (int k = n; k < 3; ++k)
            ms *= 10;
        return n > 0;
    }

private:
    std::string_view m_s;
    size_t m_i = 0;
};

} // namespace

std::optional<Millis> parseIso(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    Cursor c(text);
    int year, month, day;
    if (!c.digits(4, year) || !c.take('-') || !c.digits(2, month) || !c.take('-') || !c.digits(2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > daysInMonth(year, month))
        return std::nullopt;
    int hour = 0, minute = 0, second = 0, ms = 0;
    qint64 offsetMinutes = 0;
    if (!c.atEnd()) {
        if (!c.take('T') && !c.take('t') && !c.take(' '))
            return std::nullopt;
        if (!c.digits(2, hour) || !c.take(':') || !c.digits(2, minute))
            return std::nullopt;
        if (c.take(':')) {
            if (!c.digits(2, second))
                return std::nullopt;
            if ((c.take('.') || c.take(',')) && !c.fraction(ms))
                return std::nullopt;
        }
        if (hour > 23 || minute > 59 || second > 60)
            return std::nullopt;
        if (c.take('Z') || c.take('z')) {
        } else if (c.peek() == '+' || c.peek() == '-') {
            const int sign = c.peek() == '-' ? -1 : 1;
            c.take(c.peek());
            int oh, om = 0;
            if (!c.digits(2, oh))
                return std::nullopt;
            if (c.take(':')) {
                if (!c.digits(2, om))
                    return std::nullopt;
            } else if (!c.atEnd() && !c.digits(2, om)) {
                return std::nullopt;
            }
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetMinutes = sign * (oh * 60 + om);
        } else if (!c.atEnd()) {
            return std::nullopt;
        }
        // A time without a zone is taken as UTC: every time in and out of Tideline is UTC.
    }
    if (!c.atEnd())
        return std::nullopt;
    if (second == 60)
        second = 59; // a leap second is clamped, not refused
    const qint64 days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const qint64 t = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60000 + second * 1000 + ms;
    if (t < kMin || t > kMax)
        return std::nullopt;
    return t;
}

std::optional<Millis> parseIso(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return parseIso(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

bool isOutOfRangeIso(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    if (parseIso(text))
        return false;
    size_t i = 0;
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+'))
        i = 1;
    size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9')
        ++j;
    if (j - i < 4 || j >= text.size() || text[j] != '-')
        return false;
    // The rest must make a time with an ordinary year in its place (2000 is a leap year: any day of any month fits).
    std::string ordinary = "2000";
    ordinary.append(text.substr(j));
    if (!parseIso(ordinary))
        return false;
    if (negative || j - i > 4)
        return true;
    const int year = (text[i] - '0') * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
    // 1970 and 9999 themselves fall outside only through a zone offset.
    return year <= 1970 || year >= 9999;
}

bool isOutOfRangeIso(const QString& text)
{
    const std::string utf8 = text.toStdString();
    return isOutOfRangeIso(std::string_view(utf8));
}

QString formatIso(Millis t)
{
    qint64 days = t / 86400000;
    qint64 rest = t % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    int y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    const int ms = static_cast<int>(rest % 1000);
    const int s = static_cast<int>((rest / 1000) % 60);
    const int min = static_cast<int>((rest / 60000) % 60);
    const int h = static_cast<int>(rest / 3600000);
    char buf[40];
    if (ms != 0)
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, h, min, s, ms);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, h, min, s);
    return QString::fromLatin1(buf);
}

QString formatDuration(Millis ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    const qint64 d = s / 86400, h = (s / 3600) % 24, m = (s / 60) % 60, sec = s % 60;
    if (d > 0)
        return h ? QStringLiteral("%1d %2h").arg(d).arg(h) : QStringLiteral("%1d").arg(d);
    if (h > 0)
        return m ? QStringLiteral("%1h %2m").arg(h).arg(m) : QStringLiteral("%1h").arg(h);
    if (m > 0)
        return sec ? QStringLiteral("%1m %2s").arg(m).arg(sec) : QStringLiteral("%1m").arg(m);
    return QStringLiteral("%1s").arg(sec);
}

std::optional<Millis> fromUnixSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return std::nullopt;
    const double ms = std::floor(seconds * 1000.0 + 0.5);
    if (ms < static_cast<double>(kMin) || ms > static_cast<double>(kMax))
        return std::nullopt;
    return static_cast<Millis>(ms);
}

Millis now() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace tideline::timefmt
