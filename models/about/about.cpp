// SPDX-License-Identifier: GPL-3.0-or-later
// Each library is asked only for its version; nothing else of theirs is called here.
#include "about.h"

#include <QStringList>
#include <QtGlobal>

#include <archive.h>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

namespace tideline::about {

namespace {

LibraryVersion atRunTime(const char* name, const char* loaded, const char* headers)
{
    return { QString::fromLatin1(name), QString::fromLatin1(loaded), QString::fromLatin1(headers), true };
}

LibraryVersion builtWith(const char* name, const char* headers)
{
    return { QString::fromLatin1(name), QString::fromLatin1(headers), QString::fromLatin1(headers), false };
}

// libarchive says "libarchive 3.6.2".
const char* archiveVersion()
{
    const char* s = archive_version_string();
    const char* space = s ? std::strchr(s, ' ') : nullptr;
    return space ? space + 1 : (s ? s : "");
}

} // namespace

std::vector<LibraryVersion> libraryVersions()
{
    return {
        atRunTime("Qt", qVersion(), QT_VERSION_STR),
        atRunTime("OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING), OPENSSL_VERSION_STR),
        atRunTime("SQLite", sqlite3_libversion(), SQLITE_VERSION),
        builtWith("simdjson", TIDELINE_SIMDJSON_VERSION),
        atRunTime("libarchive", archiveVersion(), ARCHIVE_VERSION_ONLY_STRING),
        atRunTime("zstd", ZSTD_versionString(), ZSTD_VERSION_STRING),
        builtWith("yaml-cpp", TIDELINE_YAML_CPP_VERSION),
        atRunTime("zlib", zlibVersion(), ZLIB_VERSION),
    };
}

QString licenceId() { return QStringLiteral("GPL-3.0-or-later"); }

QString licenceName() { return QStringLiteral("the GNU General Public License, version 3 or any later version"); }

QString licenceUrl() { return QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html"); }

QString copyrightLine() { return QStringLiteral("Copyright 2026 The Tideline authors"); }

QString versionText()
{
    QStringList lines = {
        QStringLiteral("tideline " TIDELINE_VERSION),
        copyrightLine(),
        QStringLiteral("Licence: %1, %2").arg(licenceId(), licenceName()),
        QStringLiteral("<%1>. This is free software: you are free to change and redistribute it.").arg(licenceUrl()),
        QStringLiteral("There is NO WARRANTY, to the extent permitted by law."),
        QString(),
        QStringLiteral("Libraries (as loaded; * the version built with, which the library cannot tell at run time):"),
    };
    for (const LibraryVersion& l : libraryVersions()) {
        QString line = QStringLiteral("  %1 %2").arg(l.name.leftJustified(11), l.version);
        if (!l.atRunTime)
            line += QStringLiteral(" *");
        else if (l.builtWith != l.version)
            line += QStringLiteral(" (built with %1)").arg(l.builtWith);
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace tideline::about
