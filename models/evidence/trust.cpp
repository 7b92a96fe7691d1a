// SPDX-License-Identifier: GPL-3.0-or-later
#include "trust.h"

#include "evidence/evidencerecorder.h"
#include "store/casefile.h"
#include "store/logstore.h"

#include <QJsonObject>

namespace tideline {

Result<TrustChange> changeTrust(CaseFile& kase, const QString& nameOrSha256, bool trusted, const QString& actor, const QString& how)
{
    TrustChange change;
    const Status s = kase.transaction([&]() -> Status {
        EvidenceRecorder recorder(kase);
        const Millis at = timefmt::now();
        Result<EvidenceOutcome> r = recorder.setTrust(nameOrSha256, trusted, actor, how, at);
        if (!r)
            return r.problem();
        change.anchor = r->anchors.front();
        change.changed = !r->nothingNew;
        change.reverified = r->reverified;
        if (!change.changed)
            return {};
        const QJsonObject detail { { QStringLiteral("kind"), change.anchor.kind }, { QStringLiteral("name"), change.anchor.name },
            { QStringLiteral("sha256"), change.anchor.sha256 }, { QStringLiteral("how"), how }, { QStringLiteral("origin"), change.anchor.trust.origin },
            { QStringLiteral("reverified"), change.reverified } };
        LogStore log(kase.db());
        if (Result<LogEntry> e = log.append(actor, trusted ? QStringLiteral("trust") : QStringLiteral("untrust"), detail, at); !e)
            return e.problem();
        return {};
    });
    if (!s)
        return s.problem();
    return change;
}

} // namespace tideline
