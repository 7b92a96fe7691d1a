// SPDX-License-Identifier: GPL-3.0-or-later
#include "review.h"

#include "compliance/findings.h"
#include "domain/digest.h"
#include "store/casefile.h"
#include "store/logstore.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace tideline {

Result<Disposition> parseDisposition(const QString& name)
{
    if (auto d = dispositionFromName(name))
        return *d;
    return Problem(QStringLiteral("'%1' is not a disposition (%2)").arg(name, dispositionNames().join(QStringLiteral(", "))));
}

Result<Review> recordReview(CaseFile& kase, const QString& findingId, Disposition disposition, const QString& note,
    const QString& reviewer)
{
    return recordReview(kase, findingId, disposition, note, reviewer, nullptr);
}

Result<Review> recordReview(CaseFile& kase, const QString& findingId, Disposition disposition, const QString& note,
    const QString& reviewer, const LogSigner* reviewerKey)
{
    if (reviewer.trimmed().isEmpty())
        return Problem(QStringLiteral("a review needs the reviewer's name"));
    if (note.trimmed().isEmpty() && disposition != Disposition::Open)
        return Problem(QStringLiteral("a review needs a note saying why"));
    Result<CheckReport> report = checkCase(kase);
    if (!report)
        return report.problem();
    const Finding* found = nullptr;
    for (const Finding& f : report->findings)
        if (f.id == findingId)
            found = &f;
    if (!found)
        return Problem(QStringLiteral("no finding %1 in this case (see tideline check)").arg(findingId));
    // A decision that changes nothing and says nothing would sit in the log for good, telling nobody anything.
    if (found->disposition == disposition && note.trimmed().isEmpty())
        return Problem(QStringLiteral("%1 is %2 already: a decision that keeps it so needs a note saying why")
                           .arg(findingId, dispositionName(disposition)));

    QString reviewerKeySha;
    if (reviewerKey) {
        Result<SignerKey> key = reviewerKey->key();
        if (!key)
            return Problem { key.problem().file, key.problem().where, QStringLiteral("the reviewer's signing key: ") + key.problem().message };
        reviewerKeySha = key->sha256;
    }
    Review r;
    r.findingId = findingId;
    r.disposition = disposition;
    r.note = note;
    r.reviewer = reviewer.trimmed();
    r.at = timefmt::now();
    const Status s = kase.transaction([&]() -> Status {
        LogStore log(kase.db());
        QJsonObject detail { { QStringLiteral("finding"), r.findingId }, { QStringLiteral("disposition"), dispositionName(r.disposition) },
            { QStringLiteral("note"), r.note }, { QStringLiteral("reviewer"), r.reviewer },
            { QStringLiteral("reviewer_signed"), reviewerKey != nullptr } };
        if (reviewerKey)
            detail.insert(QStringLiteral("reviewer_key"), reviewerKeySha);
        Result<LogEntry> e = log.append(r.reviewer, QStringLiteral("review"), detail, r.at, reviewerKey);
        if (!e)
            return e.problem();
        r.logId = e->id;
        r.logHash = e->hash;
        ComplianceStore store(kase.db());
        Result<qint64> id = store.insertReview(r);
        if (!id)
            return id.problem();
        r.id = *id;
        return {};
    });
    if (!s)
        return s.problem();
    return r;
}

Result<AllowEntry> addAllowEntry(CaseFile& kase, AllowEntry a)
{
    if (a.fingerprint.isEmpty() == a.namePattern.isEmpty())
        return Problem(QStringLiteral("allow either a fingerprint or a name pattern"));
    if (!a.fingerprint.isEmpty()) {
        const auto d = digest::normalize(a.fingerprint.toStdString());
        if (!d)
            return Problem(QStringLiteral("'%1' is not a sha256 fingerprint").arg(a.fingerprint));
        a.fingerprint = QString::fromStdString(*d);
    } else if (!QRegularExpression(a.namePattern).isValid()) {
        return Problem(QStringLiteral("'%1' is not a regular expression").arg(a.namePattern));
    }
    if (a.reason.trimmed().isEmpty() || a.who.trimmed().isEmpty())
        return Problem(QStringLiteral("an allow-list entry needs a reason and who allowed it"));
    if (a.validFrom && a.validUntil && *a.validUntil <= *a.validFrom)
        return Problem(QStringLiteral("the entry ends before it starts"));
    a.createdAt = timefmt::now();
    const Status s = kase.transaction([&]() -> Status {
        LogStore log(kase.db());
        QJsonObject detail { { QStringLiteral("reason"), a.reason }, { QStringLiteral("who"), a.who } };
        if (!a.environment.isEmpty())
            detail.insert(QStringLiteral("environment"), a.environment);
        if (!a.fingerprint.isEmpty())
            detail.insert(QStringLiteral("fingerprint"), a.fingerprint);
        if (!a.namePattern.isEmpty())
            detail.insert(QStringLiteral("name_pattern"), a.namePattern);
        if (a.validFrom)
            detail.insert(QStringLiteral("valid_from"), timefmt::formatIso(*a.validFrom));
        if (a.validUntil)
            detail.insert(QStringLiteral("valid_until"), timefmt::formatIso(*a.validUntil));
        Result<LogEntry> e = log.append(a.who, QStringLiteral("allow"), detail, a.createdAt);
        if (!e)
            return e.problem();
        a.logId = e->id;
        ComplianceStore store(kase.db());
        Result<qint64> id = store.insertAllow(a);
        if (!id)
            return id.problem();
        a.id = *id;
        return {};
    });
    if (!s)
        return s.problem();
    return a;
}

} // namespace tideline
