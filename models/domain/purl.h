// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Package URLs (purl): pkg:type/namespace/name@version?qualifiers#subpath, as the purl specification reads them.

#include <QString>

#include <map>
#include <optional>

namespace tideline {

struct Purl {
    QString type; // lowercase
    QString ns; // namespace, decoded; empty when none
    QString name; // decoded
    QString version; // decoded; empty when none
    std::map<QString, QString> qualifiers; // keys lowercase
    QString subpath;

    // Nothing when the text is not a purl (no "pkg:", no type, no name).
    static std::optional<Purl> parse(const QString& text);
    // What identifies the package whatever its version: "type/namespace/name", lowercase (names compare
    // case-insensitively here; PyPI names also with '-', '_' and '.' as one, as PEP 503 says).
    QString base() const;
    // The name as the ecosystem writes it: Maven "group:artifact", npm "@scope/name", Go "host/path/name".
    QString ecosystemName() const;
};

// The base() key of a package named as an OSV ecosystem names it ("Maven", "com.example:lib").
QString packageBase(const QString& purlType, const QString& ecosystemName);

} // namespace tideline
