// SPDX-License-Identifier: GPL-3.0-or-later
#include "trustdialog.h"

#include "evidence/trust.h"
#include "store/casefile.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace tideline::ui {

namespace {

struct TrustResult {
    int anchors = 0;
    int reverified = 0;
    QString problem;
};

// On a worker, with a connection of its own: trusting re-verifies what the key or root signs.
TrustResult trustAll(const QString& casePath, const QStringList& sha256s, const QString& actor)
{
    TrustResult out;
    Result<std::unique_ptr<CaseFile>> kase = CaseFile::open(casePath, CaseFile::Mode::OpenExisting);
    if (!kase) {
        out.problem = kase.problem().message;
        return out;
    }
    for (const QString& sha : sha256s) {
        Result<TrustChange> r = changeTrust(**kase, sha, true, actor, QStringLiteral("the window's prompt"));
        if (!r) {
            out.problem = r.problem().message;
            return out;
        }
        out.anchors += r->changed ? 1 : 0;
        out.reverified += r->reverified;
    }
    return out;
}

} // namespace

TrustDialog::TrustDialog(const QString& casePath, std::vector<AnchorImport> anchors, const QString& actor, QWidget* parent)
    : QDialog(parent)
    , m_casePath(casePath)
    , m_actor(actor)
    , m_anchors(std::move(anchors))
{
    setObjectName(QStringLiteral("trustDialog"));
    setWindowTitle(tr("Trust what came with the evidence?"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    int keys = 0, roots = 0;
    for (const AnchorImport& a : m_anchors)
        (a.kind == QLatin1String("key") ? keys : roots) += 1;
    QStringList what;
    if (keys)
        what << (keys == 1 ? tr("a key") : tr("%1 keys").arg(keys));
    if (roots)
        what << (roots == 1 ? tr("a Sigstore trusted root") : tr("%1 Sigstore trusted roots").arg(roots));
    intro->setText(
        tr("<p><b>This import brought %1 that the case does not trust.</b></p>"
           "<p>They came inside a folder or an archive, beside the evidence they would vouch for: whoever made that bundle "
           "could have signed anything with them. What they verify stays <i>untrusted key</i> or <i>untrusted "
           "certificate</i>, never <i>verified</i>, until you trust them.</p>"
           "<p>Trust one only if you know it is the signer's: compare its sha256 with what the signer publishes. "
           "Trusting is recorded in the case's log, with your name and the time.</p>")
            .arg(what.join(tr(" and "))));
    layout->addWidget(intro);

    m_table = new QTableWidget(static_cast<int>(m_anchors.size()), 4, this);
    m_table->setObjectName(QStringLiteral("trustTable"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Kind"), tr("SHA-256"), tr("Came") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(false);
    for (int r = 0; r < static_cast<int>(m_anchors.size()); ++r) {
        const AnchorImport& a = m_anchors[static_cast<size_t>(r)];
        auto* name = new QTableWidgetItem(a.name);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        name->setCheckState(Qt::Checked);
        m_table->setItem(r, 0, name);
        m_table->setItem(r, 1,
            new QTableWidgetItem(a.kind == QLatin1String("key") ? tr("key · %1").arg(a.detail) : tr("trusted root · %1").arg(a.detail)));
        auto* sha = new QTableWidgetItem(a.sha256);
        sha->setFont(QFont(QStringLiteral("monospace")));
        m_table->setItem(r, 2, sha);
        m_table->setItem(r, 3, new QTableWidgetItem(a.trust.origin));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(this);
    m_trust = buttons->addButton(tr("Trust"), QDialogButtonBox::AcceptRole);
    m_keep = buttons->addButton(tr("Keep untrusted"), QDialogButtonBox::RejectRole);
    m_keep->setDefault(true); // trusting is a choice made on purpose, not by pressing Enter
    layout->addWidget(buttons);
    connect(m_trust, &QPushButton::clicked, this, &TrustDialog::trustTicked);
    connect(m_keep, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        bool any = false;
        for (int r = 0; r < m_table->rowCount(); ++r)
            any = any || m_table->item(r, 0)->checkState() == Qt::Checked;
        m_trust->setEnabled(any);
    });
    resize(860, 360);
}

void TrustDialog::trustTicked()
{
    QStringList ticked;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0)->checkState() == Qt::Checked)
            ticked << m_anchors[static_cast<size_t>(r)].sha256;
    if (ticked.isEmpty())
        return;
    m_trust->setEnabled(false);
    m_keep->setEnabled(false);
    m_problem->setText(tr("Trusting %n and verifying again what it signs…", nullptr, static_cast<int>(ticked.size())));
    m_problem->show();
    auto* watcher = new QFutureWatcher<TrustResult>(this);
    connect(watcher, &QFutureWatcher<TrustResult>::finished, this, [this, watcher] {
        const TrustResult r = watcher->result();
        watcher->deleteLater();
        if (!r.problem.isEmpty()) {
            m_problem->setText(tr("Cannot trust it: %1").arg(r.problem));
            m_keep->setEnabled(true);
            return;
        }
        emit trusted(r.anchors, r.reverified);
        accept();
    });
    watcher->setFuture(QtConcurrent::run(trustAll, m_casePath, ticked, m_actor));
}

} // namespace tideline::ui
