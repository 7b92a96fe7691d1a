// SPDX-License-Identifier: GPL-3.0-or-later
// The time<->pixel maths behind the timeline, its axis and its charts.

#include "timeline/timescale.h"

#include <QtTest>

using namespace tideline;

namespace {
constexpr Millis kHour = 3600 * 1000;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kStart = 1772323200000; // 2026-03-01T00:00:00Z

TimeScale scale(Millis start, Millis end, double left, double width)
{
    TimeScale s;
    s.start = start;
    s.end = end;
    s.left = left;
    s.width = width;
    return s;
}
} // namespace

class TestTimeScale : public QObject {
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
    void roundTrip();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void zoomLimits();
    void panAndClamp();
    void showRange();
    void ticks_data();
    void ticks();
};

void TestTimeScale::mapping_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<double>("x");
    QTest::addRow("start at left") << kStart << kStart + kDay << 10.0 << 240.0 << kStart << 10.0;
    QTest::addRow("end at right") << kStart << kStart + kDay << 10.0 << 240.0 << kStart + kDay << 250.0;
    QTest::addRow("half") << kStart << kStart + kDay << 0.0 << 1000.0 << kStart + kDay / 2 << 500.0;
    QTest::addRow("before start is left of it") << kStart << kStart + kDay << 100.0 << 1000.0 << kStart - kDay / 10 << 0.0;
    QTest::addRow("after end is right of it") << kStart << kStart + kDay << 0.0 << 1000.0 << kStart + 2 * kDay << 2000.0;
    QTest::addRow("zoomed, second half") << kStart + kDay / 2 << kStart + kDay << 0.0 << 500.0 << kStart + 3 * kDay / 4 << 250.0;
}

void TestTimeScale::mapping()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(double, left);
    QFETCH(double, width);
    QFETCH(qint64, time);
    QFETCH(double, x);
    const TimeScale s = scale(start, end, left, width);
    QCOMPARE(s.xOf(time), x);
    QCOMPARE(s.timeAt(x), time);
}

void TestTimeScale::roundTrip()
{
    // Real case times are ~1.8e12 ms: a double keeps them exact, one pixel at a time.
    const TimeScale s = scale(kStart, kStart + 7 * kDay, 37, 1531);
    for (int x = 37; x <= 37 + 1531; x += 17) {
        const Millis t = s.timeAt(x);
        QVERIFY(std::abs(s.xOf(t) - x) < 1e-3);
    }
}

void TestTimeScale::zoomKeepsAnchor_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("x");
    QTest::addRow("in at the middle") << 2.0 << 500.0;
    QTest::addRow("in near the left") << 4.0 << 120.0;
    QTest::addRow("in near the right") << 1.25 << 980.0;
    QTest::addRow("out at the middle") << 0.5 << 500.0;
}

void TestTimeScale::zoomKeepsAnchor()
{
    QFETCH(double, factor);
    QFETCH(double, x);
    TimeBounds b;
    b.first = kStart;
    b.last = kStart + 30 * kDay;
    const TimeScale s = scale(kStart + 10 * kDay, kStart + 14 * kDay, 0, 1000);
    const TimeScale z = zoomScale(s, factor, x, b);
    QVERIFY(std::abs(static_cast<double>(z.span()) - static_cast<double>(s.span()) / factor) <= 1.0);
    // The instant under the pointer stays under it (to the millisecond).
    QVERIFY(std::abs(z.timeAt(x) - s.timeAt(x)) <= 1);
}

void TestTimeScale::zoomLimits()
{
    TimeBounds b;
    b.first = kStart;
    b.last = kStart + kDay;
    b.minSpan = 10000;
    TimeScale s = fitScale(b, 0, 800);
    QVERIFY(s.start < b.first && s.end > b.last); // a margin either side
    // Never narrower than minSpan...
    for (int i = 0; i < 100; ++i)
        s = zoomScale(s, 4, 400, b);
    QCOMPARE(s.span(), b.minSpan);
    // ...nor wider than the data with its margin.
    for (int i = 0; i < 100; ++i)
        s = zoomScale(s, 0.25, 400, b);
    QCOMPARE(s.start, b.lo());
    QCOMPARE(s.end, b.hi());
}

void TestTimeScale::panAndClamp()
{
    TimeBounds b;
    b.first = kStart;
    b.last = kStart + 10 * kDay;
    const TimeScale s = scale(kStart + 4 * kDay, kStart + 5 * kDay, 0, 1000);
    // Dragging right by 100 px shows earlier times: a tenth of the span.
    const TimeScale p = panScale(s, 100, b);
    QCOMPARE(p.start, s.start - kDay / 10);
    QCOMPARE(p.span(), s.span());
    // Far past either end stops at the edge.
    QCOMPARE(panScale(s, 1e7, b).start, b.lo());
    QCOMPARE(panScale(s, -1e7, b).end, b.hi());
}

void TestTimeScale::showRange()
{
    TimeBounds b;
    b.first = kStart;
    b.last = kStart + 10 * kDay;
    const TimeScale s = fitScale(b, 0, 1000);
    const TimeScale r = showScale(s, kStart + 2 * kDay, kStart + 3 * kDay, b);
    QVERIFY(r.start < kStart + 2 * kDay && r.start > kStart + kDay);
    QVERIFY(r.end > kStart + 3 * kDay && r.end < kStart + 4 * kDay);
}

void TestTimeScale::ticks_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("firstLabel");
    QTest::addRow("a week over 1000 px") << 7 * kDay << kDay << QStringLiteral("2026-03-01");
    QTest::addRow("a day over 1000 px") << kDay << 2 * kHour << QStringLiteral("2026-03-01");
    QTest::addRow("an hour over 1000 px") << kHour << 5 * 60 * 1000LL << QStringLiteral("2026-03-01");
    QTest::addRow("a year over 1000 px") << 364 * kDay << 91 * kDay << QStringLiteral("2026-04-27");
}

void TestTimeScale::ticks()
{
    QFETCH(qint64, span);
    QFETCH(qint64, step);
    QFETCH(QString, firstLabel);
    const TimeScale s = scale(kStart, kStart + span, 0, 1000);
    QCOMPARE(tickStep(s, 80), step);
    const auto ticks = timeTicks(s, 80);
    QVERIFY(!ticks.empty());
    QCOMPARE(ticks.front().label, firstLabel);
    for (size_t i = 1; i < ticks.size(); ++i) {
        QCOMPARE(ticks[i].at - ticks[i - 1].at, step);
        QVERIFY(s.xOf(ticks[i].at) - s.xOf(ticks[i - 1].at) >= 80 - 1e-9);
    }
    for (const TimeTick& t : ticks) {
        QVERIFY(t.at >= s.start && t.at <= s.end);
        QCOMPARE(t.major, step < kDay ? t.at % kDay == 0 : t.at % (7 * kDay) == 4 * kDay);
    }
}

QTEST_APPLESS_MAIN(TestTimeScale)
#include "tst_timescale.moc"
