// SPDX-License-Identifier: GPL-3.0-or-later
// The window's hook for trust: after an import that left keys or trusted roots untrusted, the prompt (trustdialog.h);
// trusting runs the check again and shows the evidence with its new verdicts.

#include "mainwindow.h"

#include "evidencepanel.h"
#include "store/logstore.h"
#include "trustdialog.h"

#include <QStatusBar>

namespace tideline::ui {

void MainWindow::askToTrust(const std::vector<AnchorImport>& untrusted)
{
    if (untrusted.empty() || m_casePath.isEmpty())
        return;
    auto* d = new TrustDialog(m_casePath, untrusted, LogStore::defaultActor(), this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &TrustDialog::trusted, this, [this](int anchors, int reverified) {
        statusBar()->showMessage(tr("Trusted %1 key(s) or root(s); %2 piece(s) of evidence verified again. Recorded in the case's log.").arg(anchors).arg(reverified),
            10000);
        runCheck();
        if (!m_evidence->fingerprint().isEmpty())
            showEvidence(m_evidence->fingerprint(), QString(), false);
    });
    d->open();
}

} // namespace tideline::ui
