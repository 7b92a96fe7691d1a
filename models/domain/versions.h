// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Versions in each ecosystem's own order, and ranges of them. Every comparison answers "cannot tell" (nothing)
// when a version is not one of its scheme: never a guess from another scheme's order.

#include "domain/contents.h"
#include "domain/result.h"

#include <QString>

#include <optional>
#include <vector>

namespace tideline::versions {

enum class Scheme {
    SemVer, // SemVer 2.0.0 (npm, Go with its leading v, crates.io, Hex, OSV's SEMVER ranges)
    Maven, // Maven's ComparableVersion
    Pep440, // PyPI
    Debian, // dpkg (Debian, Ubuntu)
    Rpm, // rpmvercmp (Red Hat, Fedora, SUSE, AlmaLinux, Rocky)
    RubyGems, // Gem::Version
};
QString schemeName(Scheme s); // semver, maven, pep440, debian, rpm, rubygems

// The scheme of a purl type (npm, maven, pypi, deb, rpm, gem, golang, cargo, hex); nothing for the others.
std::optional<Scheme> schemeForPurlType(const QString& type);
// The scheme of an OSV ecosystem ("Debian:12" is Debian); nothing for ecosystems whose order is not known here.
std::optional<Scheme> schemeForEcosystem(const QString& ecosystem);
// The purl type an OSV ecosystem's packages have (Maven -> maven, "Debian:12" -> deb); empty when unknown.
QString purlTypeForEcosystem(const QString& ecosystem);

bool isValid(Scheme s, const QString& v);
// Negative, zero or positive; nothing when either is not a version of the scheme.
std::optional<int> compare(Scheme s, const QString& a, const QString& b);

// A range as the command line takes it: constraints joined by ',' (all must hold), alternatives by "||".
// A constraint is an operator (<, <=, >, >=, =, ==, !=) and a version, or a bare version (=).
struct Constraint {
    enum class Op { Lt, Le, Gt, Ge, Eq, Ne };
    Op op = Op::Eq;
    QString version;
};
struct Range {
    Scheme scheme = Scheme::SemVer;
    QString text;
    std::vector<std::vector<Constraint>> alternatives;
};
// An error names the range and the scheme when a version in it is not one of the scheme's.
Result<Range> parseRange(Scheme s, const QString& text);
// Nothing when the version is not one of the range's scheme.
std::optional<bool> contains(const Range& r, const QString& version);

// Whether an OSV record's affected entry covers a version, in the scheme given (for SEMVER and ECOSYSTEM ranges,
// and the listed versions). Nothing when it cannot be told: a GIT range (needs the repository), or a version
// not of the scheme; then why says which.
struct AffectedVerdict {
    std::optional<bool> affected;
    QString fixed; // the first fixed version after this one, where the range names one
    QString why; // what could not be ordered
};
AffectedVerdict affects(const AffectedPackage& a, std::optional<Scheme> s, const QString& version);

} // namespace tideline::versions
