// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What Tideline says about itself (--version, Help › About): its licence, and the libraries it runs with and
// their versions.

#include <QString>

#include <vector>

namespace tideline::about {

struct LibraryVersion {
    QString name;
    QString version;   // as the loaded library reports it, or, when it cannot tell, the one Tideline was built with
    QString builtWith; // the version of the headers Tideline was built with
    bool atRunTime = true; // false: the library cannot tell its version at run time; version is builtWith
};

// Qt, OpenSSL, SQLite, simdjson, libarchive, zstd, yaml-cpp and zlib, in that order.
std::vector<LibraryVersion> libraryVersions();

QString licenceId();   // the SPDX identifier, GPL-3.0-or-later
QString licenceName(); // the licence in words
QString licenceUrl();
QString copyrightLine();

// The text of `tideline --version`: the version first (as "tideline X.Y.Z"), then the copyright, the licence and
// the libraries.
QString versionText();

} // namespace tideline::about
