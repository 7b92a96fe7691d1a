// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace tideline {

class CaseFile;

// Who may do what in a shared case, enforced by the server. Each case has four group roles, NAME_viewer,
// NAME_reviewer, NAME_importer and NAME_owner (roles are the server's, shared by its databases):
//   viewer    reads everything; exports packs (an export is a log entry)
//   reviewer  a viewer that records decisions and allow-list entries
//   importer  a viewer that imports, retracts, imports policies and trusts keys
//   owner     all of it, and changes the case's properties
// GRANTs give each its tables; a row policy on the log holds every entry to the role that writes it (actor =
// session_user) and to the actions of its group. The role that created the case owns its tables and is not bound.
enum class CaseRole { Viewer, Reviewer, Importer, Owner };

QString caseRoleName(CaseRole role); // "viewer", …
std::optional<CaseRole> caseRoleFromName(const QString& name);
QString caseGroupRole(const QString& caseName, CaseRole role); // "q3_reviewer"

// Sets up the case's group roles, their grants and the log's row policy (again, harmlessly, each time), then makes
// each member (an existing login role) one of role. Run by the case's owner, with the right to create roles.
Status grantCaseRole(CaseFile& kase, CaseRole role, const QStringList& members);
Status revokeCaseRole(CaseFile& kase, CaseRole role, const QStringList& members);

// What the connected role may do in the case (a file: everything its file permissions allow).
struct CaseRights {
    QString role; // the database role; empty for a file
    bool review = true;
    bool import = true;
    bool exportPacks = true;
    bool own = true;
    // Why something is not allowed, for the window to say.
    QString whyNot(const QString& what) const;
};
Result<CaseRights> caseRights(CaseFile& kase);

} // namespace tideline
