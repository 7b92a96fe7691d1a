// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <utility>
#include <vector>

namespace tideline {

// Where a shared case lives: a PostgreSQL server, one of its databases, and the case's schema in it.
//   postgresql://[user@]host[:port]/database?case=NAME[&libpq-keyword=value…]
// The host may be a Unix socket folder (percent-encoded, or as ?host=/run/postgresql), several hosts as libpq
// takes them, or left out (libpq's defaults, PGHOST, a service). Every query parameter other than case is handed
// to libpq as a connection keyword (sslmode, service, connect_timeout, …), so a service file, PGPASSFILE and
// ~/.pgpass work as libpq users expect. A password is refused: it would end in shell histories and logs.
struct ServerAddress {
    QString user;
    QString host;
    QString port;
    QString database;
    QString caseName; // empty: the server and database only (`cases --server`)
    std::vector<std::pair<QString, QString>> options; // libpq keywords, in the order given

    // The schema the case's tables live in.
    QString schema() const { return caseName; }
    // The address as given, normalised, never with a password (there is none to leave out).
    QString display() const;
    // The same for another case on the same server.
    ServerAddress withCase(const QString& name) const;
};

// Whether the text names a server rather than a case file.
bool isServerAddress(const QString& text);

// A case's name for titles and packs: a file's name ("q3.tideline"), or a shared case's name and where it lives
// ("q3 on db.example/audit").
QString caseShortName(const QString& pathOrAddress);
// The same without a file's extension, for folder names ("q3").
QString caseBaseName(const QString& pathOrAddress);

// needCase: the address must name a case (every command but `cases --server`).
Result<ServerAddress> parseServerAddress(const QString& text, bool needCase);

// A case name: lower-case letters, digits and '_', starting with a letter, at most 63 characters (a PostgreSQL
// identifier that needs no quoting), not one of the server's own schemas. Empty when valid, else why not.
QString caseNameProblem(const QString& name);

} // namespace tideline
