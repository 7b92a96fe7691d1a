// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseverification.h"

#include "evidence/packsigner.h"

#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>

namespace tideline::ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("CaseVerification", text); }

QString logSignatures(const CaseVerifyReport& r)
{
    const QString line = logSignatureSummary(r);
    return line.left(1).toUpper() + line.mid(1) + QLatin1Char('.');
}

QString packSigner(const CaseVerification& v)
{
    const PackVerification& p = v.against->pack;
    if (p.signerFingerprint.isEmpty())
        return tr("No key verified the pack's manifest.");
    const QString key = tr("the %1 key %2").arg(signerKeyDescription(p.signerAlgorithm), p.signerFingerprint);
    if (!v.ownPackKey.isEmpty() && p.signerFingerprint == v.ownPackKey)
        return tr("The pack is signed by %1: your own pack key.").arg(key);
    return tr("The pack is signed by %1, which is not your pack key: compare its sha256 with the one you were given.").arg(key);
}

} // namespace

CaseVerification verifyCaseAndPack(CaseFile& kase, const QString& packDir, const QString& ownPackKey, const VerifyProgress& progress)
{
    CaseVerification v;
    v.report = verifyCase(kase, progress);
    v.packDir = packDir;
    v.ownPackKey = ownPackKey;
    if (!packDir.isEmpty())
        v.against = checkLogAgainstPack(kase, packDir);
    return v;
}

void describeVerification(QMessageBox& box, const CaseVerification& v)
{
    const CaseVerifyReport& r = v.report;
    QStringList details;
    for (const Problem& p : r.problems)
        details << p.where + QStringLiteral(": ") + p.message;
    QString info;
    if (r.intact) {
        box.setText(v.holds() ? tr("<b>Intact.</b> %1 sources, %2 log entries, %3 snapshots and %4 decisions hold.")
                                    .arg(r.sources)
                                    .arg(r.logEntries)
                                    .arg(r.snapshots)
                                    .arg(r.reviews)
                              : tr("<b>Tampered.</b> The case no longer holds what the pack recorded."));
        info = tr("Log head: %1\n%2").arg(r.logHead, logSignatures(r));
    } else {
        box.setText(tr("<b>Tampered.</b> %1 things do not hold; the first:").arg(r.problems.size()));
        info = r.problems.front().where + QStringLiteral(": ") + r.problems.front().message + QStringLiteral("\n") + logSignatures(r);
    }
    if (v.against) {
        const PackLogCheck& a = *v.against;
        info += QStringLiteral("\n\n") + tr("Against the pack %1:").arg(QDir::toNativeSeparators(v.packDir)) + QLatin1Char(' ') + packSigner(v);
        if (a.holds)
            info += QLatin1Char(' ')
                + tr("The log head it recorded, entry %1 (%2…), is still in the chain: entries 1–%1 are unchanged, %3 of them "
                     "signed as the pack says. Since the export: %4 entries, %5 unsigned.")
                      .arg(a.headId)
                      .arg(a.head.left(16))
                      .arg(a.signedNow)
                      .arg(a.after)
                      .arg(a.afterUnsigned);
        else if (!a.problems.isEmpty())
            info += QLatin1Char(' ') + a.problems.first().left(1).toUpper() + a.problems.first().mid(1) + QLatin1Char('.');
        for (const QString& p : a.problems)
            details << tr("against the pack: ") + p;
    }
    box.setIcon(v.holds() ? QMessageBox::Information : QMessageBox::Critical);
    box.setInformativeText(info);
    if (!details.isEmpty())
        box.setDetailedText(details.join(QLatin1Char('\n')));
}

} // namespace tideline::ui
