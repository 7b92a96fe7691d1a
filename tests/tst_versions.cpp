// SPDX-License-Identifier: GPL-3.0-or-later
// Version orders of each ecosystem against the examples their specifications give, OSV range evaluation, CVSS v3
// base scores and purls.

#include "domain/cvss.h"
#include "domain/purl.h"
#include "domain/versions.h"

#include <QtTest>

using namespace tideline;
using namespace Qt::Literals::StringLiterals;
using versions::Scheme;

Q_DECLARE_METATYPE(versions::Scheme)

namespace {

// Every pair in the list in strictly increasing order, in both directions.
void checkAscending(Scheme s, const QStringList& list)
{
    for (qsizetype i = 0; i < list.size(); ++i)
        for (qsizetype j = i + 1; j < list.size(); ++j) {
            const auto c = versions::compare(s, list[i], list[j]);
            QVERIFY2(c.has_value(), qPrintable(QStringLiteral("%1 vs %2: not ordered").arg(list[i], list[j])));
            QVERIFY2(*c < 0, qPrintable(QStringLiteral("%1 should sort before %2 (%3)").arg(list[i], list[j], versions::schemeName(s))));
            QVERIFY2(*versions::compare(s, list[j], list[i]) > 0, qPrintable(QStringLiteral("%1 after %2").arg(list[j], list[i])));
        }
}

AffectedPackage osvPackage(const QString& ecosystem, const QString& type, std::vector<std::pair<QString, QString>> events, QStringList listed = {})
{
    AffectedPackage a;
    a.ecosystem = ecosystem;
    a.name = QStringLiteral("p");
    if (!type.isEmpty())
        a.ranges.push_back({ type, QString(), std::move(events) });
    a.versions = listed;
    return a;
}

} // namespace

class TestVersions : public QObject {
    Q_OBJECT

private slots:
    void ascending_data()
    {
        QTest::addColumn<Scheme>("scheme");
        QTest::addColumn<QStringList>("list");
        // SemVer 2.0.0 §11.
        QTest::newRow("semver precedence") << Scheme::SemVer
                                           << QStringList { u"1.0.0-alpha"_s, u"1.0.0-alpha.1"_s, u"1.0.0-alpha.beta"_s, u"1.0.0-beta"_s, u"1.0.0-beta.2"_s,
                                                  u"1.0.0-beta.11"_s, u"1.0.0-rc.1"_s, u"1.0.0"_s, u"2.0.0"_s, u"2.1.0"_s, u"2.1.1"_s, u"10.0.0"_s };
        // Maven's ComparableVersion: the qualifier order of its own tests.
        QTest::newRow("maven qualifiers") << Scheme::Maven
                                          << QStringList { u"1-alpha2snapshot"_s, u"1-alpha2"_s, u"1-alpha-123"_s, u"1-beta-2"_s, u"1-beta123"_s, u"1-m2"_s, u"1-m11"_s,
                                                 u"1-rc"_s, u"1-cr2"_s, u"1-rc123"_s, u"1-SNAPSHOT"_s, u"1"_s, u"1-sp"_s, u"1-sp2"_s, u"1-sp123"_s, u"1-abc"_s, u"1-def"_s,
                                                 u"1-pom-1"_s, u"1-1-snapshot"_s, u"1-1"_s, u"1-2"_s, u"1-123"_s };
        QTest::newRow("maven numbers") << Scheme::Maven
                                       << QStringList { u"1"_s, u"1.1"_s, u"1.2"_s, u"1.10"_s, u"2.0-rc1"_s, u"2.0"_s, u"2.0.1"_s, u"2.5.16"_s, u"2.14.0"_s, u"2.14.1"_s, u"2.15.0"_s, u"12.6.7"_s };
        // PEP 440's own example of the ordering.
        QTest::newRow("pep440 ordering") << Scheme::Pep440
                                         << QStringList { u"1.dev0"_s, u"1.0.dev456"_s, u"1.0a1"_s, u"1.0a2.dev456"_s, u"1.0a12.dev456"_s, u"1.0a12"_s, u"1.0b1.dev456"_s,
                                                u"1.0b2"_s, u"1.0b2.post345.dev456"_s, u"1.0b2.post345"_s, u"1.0rc1.dev456"_s, u"1.0rc1"_s, u"1.0"_s, u"1.0+abc.5"_s,
                                                u"1.0+abc.7"_s, u"1.0+5"_s, u"1.0.post456.dev34"_s, u"1.0.post456"_s, u"1.0.15"_s, u"1.1.dev1"_s, u"1!0.1"_s };
        // Debian Policy §5.6.12: '~' before everything, even the end; letters before other characters; epochs.
        QTest::newRow("debian") << Scheme::Debian
                                << QStringList { u"0.9"_s, u"1.0~~"_s, u"1.0~~a"_s, u"1.0~"_s, u"1.0~rc1"_s, u"1.0"_s, u"1.0-1"_s, u"1.0-1ubuntu1"_s, u"1.0-2"_s, u"1.0a"_s, u"1.0+b1"_s,
                                       u"1.0.1"_s, u"1.9"_s, u"1.10"_s, u"2.0"_s, u"1:0.5"_s };
        // rpmvercmp: rpm's own test table.
        QTest::newRow("rpm") << Scheme::Rpm
                             << QStringList { u"1.0~rc1~git123"_s, u"1.0~rc1"_s, u"1.0~rc1^git1"_s, u"1.0~rc2"_s, u"1.0"_s, u"1.0^"_s, u"1.0^git1~pre"_s, u"1.0^git1"_s,
                                    u"1.0^git2"_s, u"1.0a"_s, u"1.0aa"_s, u"1.0.1"_s, u"1.01.1"_s, u"2.0"_s, u"2.0.1"_s, u"2.0.1a"_s, u"5.5p1"_s, u"5.5p2"_s, u"5.5p10"_s, u"5.6p1"_s,
                                    u"6.5p1"_s, u"1:0.1"_s };
        QTest::newRow("rubygems") << Scheme::RubyGems
                                  << QStringList { u"0.9-1"_s, u"0.9"_s, u"1.0.a"_s, u"1.0.b1"_s, u"1.0.b2"_s, u"1.0"_s, u"1.0.0.1"_s, u"1.1"_s, u"1.8.2.a"_s, u"1.8.2"_s, u"4.0.1"_s, u"4.0.5"_s };
    }

    void ascending()
    {
        QFETCH(Scheme, scheme);
        QFETCH(QStringList, list);
        checkAscending(scheme, list);
    }

    void equal_data()
    {
        QTest::addColumn<Scheme>("scheme");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("semver build metadata") << Scheme::SemVer << u"1.0.0+20130313144700"_s << u"1.0.0+exp.sha.5114f85"_s;
        QTest::newRow("semver v prefix") << Scheme::SemVer << u"v1.2.3"_s << u"1.2.3"_s;
        QTest::newRow("maven trailing zeros") << Scheme::Maven << u"1"_s << u"1.0.0"_s;
        QTest::newRow("maven ga") << Scheme::Maven << u"1-ga"_s << u"1"_s;
        QTest::newRow("maven final") << Scheme::Maven << u"1.0-final"_s << u"1"_s;
        QTest::newRow("maven a1") << Scheme::Maven << u"1a1"_s << u"1-alpha-1"_s;
        QTest::newRow("maven b2") << Scheme::Maven << u"1b2"_s << u"1-beta-2"_s;
        QTest::newRow("maven cr") << Scheme::Maven << u"1cr"_s << u"1rc"_s;
        QTest::newRow("maven case") << Scheme::Maven << u"1X"_s << u"1x"_s;
        QTest::newRow("pep440 alpha") << Scheme::Pep440 << u"1.0alpha1"_s << u"1.0a1"_s;
        QTest::newRow("pep440 preview") << Scheme::Pep440 << u"1.0-preview-2"_s << u"1.0rc2"_s;
        QTest::newRow("pep440 c") << Scheme::Pep440 << u"1.0c1"_s << u"1.0rc1"_s;
        QTest::newRow("pep440 implicit post") << Scheme::Pep440 << u"1.0-1"_s << u"1.0.post1"_s;
        QTest::newRow("pep440 rev") << Scheme::Pep440 << u"1.0-r4"_s << u"1.0.post4"_s;
        QTest::newRow("pep440 v and case") << Scheme::Pep440 << u"v1.0.DEV"_s << u"1.0.dev0"_s;
        QTest::newRow("pep440 padding") << Scheme::Pep440 << u"1.0"_s << u"1.0.0"_s;
        QTest::newRow("debian empty revision") << Scheme::Debian << u"1.0"_s << u"1.0-0"_s;
        QTest::newRow("debian zero epoch") << Scheme::Debian << u"0:1.0-1"_s << u"1.0-1"_s;
        QTest::newRow("rpm separators") << Scheme::Rpm << u"1.0"_s << u"1_0"_s;
        QTest::newRow("rpm leading zeros") << Scheme::Rpm << u"1.01"_s << u"1.1"_s;
        QTest::newRow("rubygems zeros") << Scheme::RubyGems << u"1.0"_s << u"1"_s;
        QTest::newRow("rubygems dotted pre") << Scheme::RubyGems << u"1.2.b1"_s << u"1.2.b.1"_s;
    }

    void equal()
    {
        QFETCH(Scheme, scheme);
        QFETCH(QString, a);
        QFETCH(QString, b);
        QCOMPARE(versions::compare(scheme, a, b), std::optional<int>(0));
    }

    void invalid_data()
    {
        QTest::addColumn<Scheme>("scheme");
        QTest::addColumn<QString>("version");
        QTest::newRow("semver two parts") << Scheme::SemVer << u"1.2"_s;
        QTest::newRow("semver leading zero") << Scheme::SemVer << u"01.2.3"_s;
        QTest::newRow("semver numeric pre with leading zero") << Scheme::SemVer << u"1.2.3-01"_s;
        QTest::newRow("semver empty pre") << Scheme::SemVer << u"1.2.3-"_s;
        QTest::newRow("pep440 words") << Scheme::Pep440 << u"latest"_s;
        QTest::newRow("pep440 junk") << Scheme::Pep440 << u"1.0-foo"_s;
        QTest::newRow("debian no digit") << Scheme::Debian << u"abc"_s;
        QTest::newRow("debian bad epoch") << Scheme::Debian << u"x:1.0"_s;
        QTest::newRow("rubygems junk") << Scheme::RubyGems << u"1.0 beta"_s;
        QTest::newRow("maven blank") << Scheme::Maven << u" "_s;
    }

    void invalid()
    {
        QFETCH(Scheme, scheme);
        QFETCH(QString, version);
        QVERIFY(!versions::isValid(scheme, version));
        QVERIFY(!versions::compare(scheme, version, QStringLiteral("1.0.0")).has_value());
    }

    void ranges()
    {
        Result<versions::Range> r = versions::parseRange(Scheme::Maven, QStringLiteral(">=2.0-beta9, <2.15.0 || =2.16.0"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(versions::contains(*r, QStringLiteral("2.14.1")), std::optional<bool>(true));
        QCOMPARE(versions::contains(*r, QStringLiteral("2.0-beta9")), std::optional<bool>(true));
        QCOMPARE(versions::contains(*r, QStringLiteral("2.0-beta8")), std::optional<bool>(false));
        QCOMPARE(versions::contains(*r, QStringLiteral("2.15.0")), std::optional<bool>(false));
        QCOMPARE(versions::contains(*r, QStringLiteral("2.16")), std::optional<bool>(true));
        Result<versions::Range> bad = versions::parseRange(Scheme::SemVer, QStringLiteral("<2.x"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(QLatin1String("2.x")) && bad.error().contains(QLatin1String("semver")), qPrintable(bad.error()));
        Result<versions::Range> sv = versions::parseRange(Scheme::SemVer, QStringLiteral("<1.0.0"));
        QVERIFY(sv.ok());
        QCOMPARE(versions::contains(*sv, QStringLiteral("1.0.0-rc.1")), std::optional<bool>(true));
        QCOMPARE(versions::contains(*sv, QStringLiteral("not-a-version")), std::optional<bool>());
    }

    void osvEvaluation_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("expected"); // 1 affected, 0 not, -1 cannot tell
        QTest::addColumn<QString>("fixed");
        // equals_with_patch: introduced 0, introduced 2.0.0, fixed 2.0.1, fixed 1.3.2 (events out of order).
        QTest::newRow("below first fix") << u"1.3.1"_s << 1 << u"1.3.2"_s;
        QTest::newRow("at first fix") << u"1.3.2"_s << 0 << u""_s;
        QTest::newRow("between") << u"1.9.9"_s << 0 << u""_s;
        QTest::newRow("second introduced") << u"2.0.0"_s << 1 << u"2.0.1"_s;
        QTest::newRow("second fixed") << u"2.0.1"_s << 0 << u""_s;
        QTest::newRow("not semver") << u"2.0"_s << -1 << u""_s;
    }

    void osvEvaluation()
    {
        QFETCH(QString, version);
        QFETCH(int, expected);
        QFETCH(QString, fixed);
        const AffectedPackage a = osvPackage(QStringLiteral("npm"), QStringLiteral("SEMVER"),
            { { u"introduced"_s, u"0"_s }, { u"introduced"_s, u"2.0.0"_s }, { u"fixed"_s, u"2.0.1"_s }, { u"fixed"_s, u"1.3.2"_s } });
        const versions::AffectedVerdict v = versions::affects(a, versions::schemeForEcosystem(a.ecosystem), version);
        QCOMPARE(v.affected.has_value() ? int(*v.affected) : -1, expected);
        QCOMPARE(v.fixed, fixed);
        if (expected < 0)
            QVERIFY(!v.why.isEmpty());
    }

    void osvOtherRanges()
    {
        // last_affected is affected itself; limit ends the range.
        const AffectedPackage last = osvPackage(QStringLiteral("PyPI"), QStringLiteral("ECOSYSTEM"), { { u"introduced"_s, u"1.0"_s }, { u"last_affected"_s, u"1.4"_s } });
        QCOMPARE(versions::affects(last, Scheme::Pep440, QStringLiteral("1.4")).affected, std::optional<bool>(true));
        QCOMPARE(versions::affects(last, Scheme::Pep440, QStringLiteral("1.4.post1")).affected, std::optional<bool>(false));
        QCOMPARE(versions::affects(last, Scheme::Pep440, QStringLiteral("0.9")).affected, std::optional<bool>(false));
        // Listed versions only.
        const AffectedPackage listed = osvPackage(QStringLiteral("RubyGems"), QString(), {}, { QStringLiteral("1.1.6") });
        QCOMPARE(versions::affects(listed, Scheme::RubyGems, QStringLiteral("1.1.6")).affected, std::optional<bool>(true));
        QCOMPARE(versions::affects(listed, Scheme::RubyGems, QStringLiteral("1.1.5")).affected, std::optional<bool>(false));
        // GIT ranges need the repository.
        AffectedPackage git = osvPackage(QStringLiteral("npm"), QStringLiteral("GIT"), { { u"introduced"_s, u"0"_s }, { u"fixed"_s, u"abc123"_s } });
        git.ranges[0].repo = QStringLiteral("https://example.org/r.git");
        const versions::AffectedVerdict g = versions::affects(git, Scheme::SemVer, QStringLiteral("1.0.0"));
        QVERIFY(!g.affected.has_value());
        QVERIFY2(g.why.contains(QLatin1String("GIT")) && g.why.contains(QLatin1String("repository")), qPrintable(g.why));
        // An ecosystem whose order is not known here.
        const AffectedPackage alpine = osvPackage(QStringLiteral("Alpine:v3.18"), QStringLiteral("ECOSYSTEM"), { { u"introduced"_s, u"0"_s }, { u"fixed"_s, u"1.2-r0"_s } });
        QVERIFY(!versions::affects(alpine, versions::schemeForEcosystem(alpine.ecosystem), QStringLiteral("1.0-r0")).affected.has_value());
        // Maven ECOSYSTEM ranges in Maven's order (maven_greater_than: three ranges in one).
        const AffectedPackage xwiki = osvPackage(QStringLiteral("Maven"), QStringLiteral("ECOSYSTEM"),
            { { u"introduced"_s, u"12.10.0"_s }, { u"fixed"_s, u"12.10.2"_s }, { u"introduced"_s, u"12.0"_s }, { u"fixed"_s, u"12.6.7"_s }, { u"introduced"_s, u"11.6.1"_s }, { u"fixed"_s, u"11.10.13"_s } });
        QCOMPARE(versions::affects(xwiki, Scheme::Maven, QStringLiteral("12.10.1")).affected, std::optional<bool>(true));
        QCOMPARE(versions::affects(xwiki, Scheme::Maven, QStringLiteral("12.10.1")).fixed, QStringLiteral("12.10.2"));
        QCOMPARE(versions::affects(xwiki, Scheme::Maven, QStringLiteral("12.8")).affected, std::optional<bool>(false));
        QCOMPARE(versions::affects(xwiki, Scheme::Maven, QStringLiteral("12.6.6")).fixed, QStringLiteral("12.6.7"));
        QCOMPARE(versions::affects(xwiki, Scheme::Maven, QStringLiteral("11.6")).affected, std::optional<bool>(false));
    }

    void cvss_data()
    {
        QTest::addColumn<QString>("vector");
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("rating");
        // Scores NVD publishes for these well-known vectors.
        QTest::newRow("log4shell") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"_s << 10.0 << u"critical"_s;
        QTest::newRow("struts") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"_s << 9.8 << u"critical"_s;
        QTest::newRow("scope changed low priv") << u"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H"_s << 9.9 << u"critical"_s;
        QTest::newRow("heartbleed") << u"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"_s << 7.5 << u"high"_s;
        QTest::newRow("sudo baron samedit") << u"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"_s << 7.8 << u"high"_s;
        QTest::newRow("user interaction") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"_s << 8.8 << u"high"_s;
        QTest::newRow("reflected xss") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"_s << 6.1 << u"medium"_s;
        QTest::newRow("local dos") << u"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H"_s << 5.5 << u"medium"_s;
        QTest::newRow("info leak") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"_s << 5.3 << u"medium"_s;
        QTest::newRow("low priv leak") << u"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"_s << 4.3 << u"medium"_s;
        QTest::newRow("no impact") << u"CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N"_s << 0.0 << u"none"_s;
        QTest::newRow("environmental metrics ignored") << u"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N/CR:X/MC:N"_s << 7.5 << u"high"_s;
    }

    void cvss()
    {
        QFETCH(QString, vector);
        QFETCH(double, score);
        QFETCH(QString, rating);
        const auto s = cvss::baseScore3(vector);
        QVERIFY(s.has_value());
        QCOMPARE(*s, score);
        QCOMPARE(cvss::rating(*s), rating);
    }

    void cvssInvalid()
    {
        QVERIFY(!cvss::baseScore3(QStringLiteral("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")).has_value()); // A missing
        QVERIFY(!cvss::baseScore3(QStringLiteral("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).has_value());
        QVERIFY(!cvss::baseScore3(QStringLiteral("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).has_value());
        QVERIFY(!cvss::baseScore3(QStringLiteral("AV:N/AC:L/Au:N/C:P/I:P/A:P")).has_value()); // v2
        QCOMPARE(cvss::ratingRank(QStringLiteral("MODERATE")), std::optional<int>(2));
    }

    void purls()
    {
        const auto p = Purl::parse(QStringLiteral("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar"));
        QVERIFY(p.has_value());
        QCOMPARE(p->type, QStringLiteral("maven"));
        QCOMPARE(p->ns, QStringLiteral("org.apache.logging.log4j"));
        QCOMPARE(p->name, QStringLiteral("log4j-core"));
        QCOMPARE(p->version, QStringLiteral("2.14.1"));
        QCOMPARE(p->qualifiers.at(QStringLiteral("type")), QStringLiteral("jar"));
        QCOMPARE(p->ecosystemName(), QStringLiteral("org.apache.logging.log4j:log4j-core"));
        QCOMPARE(p->base(), packageBase(QStringLiteral("maven"), QStringLiteral("org.apache.logging.log4j:log4j-core")));
        const auto npm = Purl::parse(QStringLiteral("pkg:npm/%40angular/core@12.0.0"));
        QVERIFY(npm.has_value());
        QCOMPARE(npm->ecosystemName(), QStringLiteral("@angular/core"));
        QCOMPARE(npm->base(), packageBase(QStringLiteral("npm"), QStringLiteral("@angular/core")));
        const auto py = Purl::parse(QStringLiteral("pkg:pypi/Products.PluggableAuthService@2.6.0"));
        QCOMPARE(py->base(), packageBase(QStringLiteral("pypi"), QStringLiteral("products-pluggableauthservice")));
        const auto deb = Purl::parse(QStringLiteral("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"));
        QCOMPARE(deb->version, QStringLiteral("3.0.11-1~deb12u2"));
        QCOMPARE(deb->base(), packageBase(QStringLiteral("deb"), QStringLiteral("openssl")));
        const auto oci = Purl::parse(QStringLiteral("pkg:oci/app@sha256%3Aabc?repository_url=r"));
        QCOMPARE(oci->version, QStringLiteral("sha256:abc"));
        QVERIFY(!Purl::parse(QStringLiteral("log4j-core")).has_value());
        QVERIFY(!Purl::parse(QStringLiteral("pkg:maven")).has_value());
    }
};

QTEST_APPLESS_MAIN(TestVersions)
#include "tst_versions.moc"
