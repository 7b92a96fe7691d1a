// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace tideline {

class CaseFile;

// What the user says about a case (File › Case Properties): the title packs and the window name it by, and the
// drop folder it watches. Each change is a "properties" log entry, so the names a case had stay in its log; the
// latest entry wins.
struct CaseProperties {
    QString title;
    QString watchFolder;
    bool operator==(const CaseProperties& o) const { return title == o.title && watchFolder == o.watchFolder; }
};

// A failed read is a Problem, never properties that look unset.
Result<CaseProperties> caseProperties(QSqlDatabase& db);
// Appends the entry in a transaction of its own (signed like every other).
Status setCaseProperties(CaseFile& kase, const CaseProperties& properties, const QString& actor = QString());

} // namespace tideline
