// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencepanel.h"

#include "items/contentsmodel.h"
#include "items/evidencemodel.h"
#include "theme.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QColor verdictColour(Verification verdict, const Theme& t)
{
    if (verdict == Verification::Verified) return t.added;
    // A proof that fails (altered, mismatched, expired, another signer) is red; a signature nothing trusted can
    // check (unknown or untrusted key, untrusted certificate or log) amber.
    if (verificationSeverity(verdict) >= verificationSeverity(Verification::IdentityMismatch) && verdict != Verification::UntrustedLog
        && verdict != Verification::UntrustedCertificate)
        return t.removed;
    if (verificationSeverity(verdict) >= verificationSeverity(Verification::UnknownKey)) return t.scaled;
    return t.mutedText;
}

QString stateColour(TemplateState s, const Theme& t)
{
    return (s == TemplateState::Compliant ? t.added : s == TemplateState::NonCompliant ? t.removed : t.scaled).name();
}

// A compact JSON summary ({"tests":12,"failures":1,...}) as "tests 12 · failures 1".
QString summaryText(const QString& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject()) return json;
    QStringList parts;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        QString value;
        if (it->isArray()) {
            QStringList items;
            for (const QJsonValue& v : it->toArray())
                items << (v.isObject() ? QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact))
                                       : v.toVariant().toString());
            value = items.join(QStringLiteral(", "));
        } else if (it->isObject()) {
            value = QString::fromUtf8(QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact));
        } else {
            value = it->toVariant().toString();
        }
        parts << QStringLiteral("<b>%1</b> %2").arg(esc(it.key()), esc(value));
    }
    return parts.join(QStringLiteral("<br>"));
}

// The verdict column in its colour.
class VerdictDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const Theme theme = Theme::current();
        if (index.column() == EvidenceModel::VerificationColumn && !(option->state & QStyle::State_Selected)) {
            option->palette.setColor(
                QPalette::Text, verdictColour(static_cast<Verification>(index.data(EvidenceModel::VerificationRole).toInt()), theme));
            option->font.setBold(true);
        }
        if (!index.data(EvidenceModel::CurrentRole).toBool() && index.column() != EvidenceModel::VerificationColumn)
            option->palette.setColor(QPalette::Text, theme.mutedText);
    }
};

} // namespace

EvidencePanel::EvidencePanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new EvidenceModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_packages(new PackageModel(this))
    , m_packageProxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EvidenceModel::SortRole);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("evidenceTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_trails = new QLabel(this);
    m_trails->setObjectName(QStringLiteral("evidenceTrails"));
    m_trails->setWordWrap(true);
    m_trails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_trails);

    m_stack = new QStackedWidget(this);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    auto* split = new QSplitter(Qt::Horizontal, m_stack);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("evidenceTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new VerdictDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(EvidenceModel::NameColumn, QHeaderView::Stretch);
    // Hashes, key ids and predicate URLs wrap at the pane's edge in a text browser.
    m_detail = new QTextBrowser(split);
    m_detail->setObjectName(QStringLiteral("evidenceDetail"));
    m_detail->setOpenLinks(false);
    m_detail->setFrameShape(QFrame::NoFrame);
    m_detail->viewport()->setAutoFillBackground(false);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({ 600, 400 });
    split->setChildrenCollapsible(false);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(split);
    // The packages inside, from its SBOMs, in a tab beside the evidence.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("evidenceTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_stack, tr("Evidence"));
    auto* packages = new QWidget(m_tabs);
    auto* pl = new QVBoxLayout(packages);
    pl->setContentsMargins(0, 4, 0, 0);
    m_packageFilter = new QLineEdit(packages);
    m_packageFilter->setObjectName(QStringLiteral("packageFilter"));
    m_packageFilter->setPlaceholderText(tr("filter packages: name, version, purl, licence"));
    m_packageFilter->setClearButtonEnabled(true);
    m_packageNote = new QLabel(packages);
    m_packageNote->setWordWrap(true);
    m_packageNote->setForegroundRole(QPalette::PlaceholderText);
    m_packageProxy->setSourceModel(m_packages);
    m_packageProxy->setFilterKeyColumn(-1);
    m_packageProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_packageTable = new QTableView(packages);
    m_packageTable->setObjectName(QStringLiteral("packageTable"));
    m_packageTable->setModel(m_packageProxy);
    m_packageTable->setSortingEnabled(true);
    m_packageTable->sortByColumn(-1, Qt::AscendingOrder);
    m_packageTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_packageTable->verticalHeader()->hide();
    m_packageTable->setAlternatingRowColors(true);
    m_packageTable->setWordWrap(false);
    m_packageTable->horizontalHeader()->setSectionResizeMode(PackageModel::PurlColumn, QHeaderView::Stretch);
    // The filter and its note on one row: the dock stays as short as the evidence tab needs (the window's smallest
    // size is 1024×640).
    auto* row = new QHBoxLayout;
    row->addWidget(m_packageFilter, 2);
    row->addWidget(m_packageNote, 3);
    pl->addLayout(row);
    pl->addWidget(m_packageTable, 1);
    m_tabs->addTab(packages, tr("Packages"));
    layout->addWidget(m_tabs, 1);
    connect(m_packageFilter, &QLineEdit::textChanged, m_packageProxy, &QSortFilterProxyModel::setFilterFixedString);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showRecord(m_proxy->mapToSource(current).row()); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) {
        const int row = m_proxy->mapToSource(i).row();
        if (row >= 0)
            emit sourceRequested(m_model->record(row).sourceSha256, tr("evidence #%1").arg(m_model->record(row).id));
    });
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QString link = url.toString();
        if (link.startsWith(QLatin1String("source:"))) emit sourceRequested(link.mid(7), m_context);
    });
    clear();
}

QString EvidencePanel::fingerprint() const
{
    return m_fingerprint;
}

void EvidencePanel::clear()
{
    m_fingerprint.clear();
    m_context.clear();
    m_model->clear();
    m_packages->setPackages({});
    m_tabs->setTabText(1, tr("Packages"));
    m_packageNote->setText(tr("Pick a workload to list the packages its SBOMs name."));
    m_title->setText(tr("<b>Evidence</b>"));
    m_trails->clear();
    m_trails->hide();
    m_empty->setText(
        tr("Pick a finding, or a search result, to see the evidence the case holds for its workload: attestations, "
           "test results, scans and SBOMs bound to its sha256, whether each signature verifies, and the trails it "
           "belongs to."));
    m_stack->setCurrentWidget(m_empty);
}

void EvidencePanel::setPackages(const QString& fingerprint, std::vector<Package> packages)
{
    if (fingerprint != m_fingerprint) return;
    const int n = static_cast<int>(packages.size());
    m_packages->setPackages(std::move(packages));
    m_tabs->setTabText(1, n == 0 ? tr("Packages") : tr("Packages (%1)").arg(n));
    m_packageNote->setText(n == 0 ? tr("No SBOM bound to this sha256 lists what it contains: for what is inside it, the case has no answer "
                                       "(import its CycloneDX or SPDX SBOM).")
                                  : tr("From the SBOMs bound to this sha256 (the Evidence tab lists them)."));
    m_packageTable->setVisible(n > 0);
    m_packageTable->resizeColumnToContents(PackageModel::NameColumn);
    m_packageTable->resizeColumnToContents(PackageModel::VersionColumn);
}

void EvidencePanel::setPackagesProblem(const QString& fingerprint, const QString& message)
{
    if (fingerprint != m_fingerprint) return;
    m_packages->setPackages({});
    m_tabs->setTabText(1, tr("Packages"));
    m_packageNote->setText(tr("Cannot read the packages: %1").arg(message));
    m_packageTable->hide();
}

void EvidencePanel::setLoading(const QString& fingerprint, const QString& context)
{
    m_fingerprint = fingerprint;
    m_title->setText(tr("Loading the evidence for <tt>sha256:%1</tt>…").arg(esc(fingerprint.left(16))));
    m_context = context;
}

void EvidencePanel::setProblem(const QString& message)
{
    m_model->clear();
    m_trails->hide();
    m_empty->setText(tr("Cannot read the evidence: %1").arg(message));
    m_stack->setCurrentWidget(m_empty);
}

void EvidencePanel::setEvidence(ArtifactEvidence evidence, const QString& context)
{
    const Theme theme = Theme::current();
    m_fingerprint = evidence.fingerprint;
    m_context = context;
    QStringList names;
    for (const ProvenanceRecord& p : evidence.provenance)
        if (!p.artifactName.isEmpty() && !names.contains(p.artifactName)) names << p.artifactName;
    m_title->setText(
        tr("<b>Evidence for</b> %1<tt>sha256:%2</tt>%3")
            .arg(names.isEmpty() ? QString() : esc(names.join(QStringLiteral(", "))) + QStringLiteral(" · "),
                esc(evidence.fingerprint), context.isEmpty() ? QString() : QStringLiteral(" · ") + esc(context)));

    // Trails first: whether the flow's template is met decides more than any single piece.
    QStringList lines;
    for (const TemplateEvaluation& ev : evidence.evaluations) {
        QString line = tr("<span style='color:%1'><b>%2</b></span> in flow <b>%3</b>, trail %4%5")
                           .arg(stateColour(ev.state, theme), templateStateName(ev.state), esc(ev.flow),
                               esc(ev.trail.isEmpty() ? tr("(none)") : ev.trail),
                               ev.artifact.isEmpty() ? QString() : tr(" as “%1”").arg(esc(ev.artifact)));
        if (!ev.hasTemplate) line += tr(" · <i>no flow template in the case: judged by the trail's own status</i>");
        if (!ev.missing.isEmpty()) line += tr(" · missing: %1").arg(esc(ev.missing.join(QStringLiteral(", "))));
        if (!ev.nonCompliant.isEmpty())
            line += tr(" · non-compliant: %1").arg(esc(ev.nonCompliant.join(QStringLiteral(", "))));
        if (!ev.pending.isEmpty()) line += tr(" · no claim yet: %1").arg(esc(ev.pending.join(QStringLiteral(", "))));
        lines << line;
    }
    if (evidence.evaluations.empty())
        for (const ProvenanceRecord& p : evidence.provenance)
            lines << tr("flow <b>%1</b>, trail %2: %3")
                         .arg(esc(p.flow), esc(p.trail), esc(p.status.isEmpty() ? tr("no status") : p.status));
    if (evidence.provenance.empty())
        lines << tr("<span style='color:%1'>In no trail or artifact record of this case: nothing says where it was "
                    "built.</span>")
                     .arg(theme.mutedText.name());
    m_trails->setText(lines.join(QStringLiteral("<br>")));
    m_trails->show();

    const bool none = evidence.evidence.empty();
    m_model->setEvidence(std::move(evidence));
    m_detail->clear();
    if (none) {
        m_empty->setText(
            tr("No attestation, test result, scan or SBOM in this case is bound to this sha256.\n"
               "Import them (files, folders or archives); evidence that names no subject can be bound on import with "
               "`tideline import --for FINGERPRINT --name ATTESTATION`."));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentIndex(1);
    for (int c : { EvidenceModel::KindColumn, EvidenceModel::VerificationColumn, EvidenceModel::ClaimColumn,
             EvidenceModel::MadeColumn })
        m_table->resizeColumnToContents(c);
    m_table->setCurrentIndex(m_proxy->index(0, 0));
}

void EvidencePanel::showRecord(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_detail->clear();
        return;
    }
    const Theme theme = Theme::current();
    const EvidenceRecord& e = m_model->record(row);
    const VerificationOutcome& v = e.verification;
    QString html
        = tr("<p><b>%1</b> · %2%3</p>")
              .arg(esc(EvidenceModel::displayName(e, m_fingerprint)), esc(e.kind),
                  e.predicateType.isEmpty() ? QString() : QStringLiteral("<br><tt>%1</tt>").arg(esc(e.predicateType)));
    html += tr("<p><span style='color:%1'><b>%2</b></span>%3<br>%4</p>")
                .arg(verdictColour(v.verdict, theme).name(), esc(EvidenceModel::verificationLabel(v.verdict)),
                    v.keyName.isEmpty() ? QString() : tr(" by key “%1”").arg(esc(v.keyName)), esc(v.detail));
    if (!v.signer.isEmpty())
        html += v.verdict == Verification::Verified
            ? tr("<p><b>Signer</b> %1 (issuer %2)<br><b>Trusted root</b> %3<br><b>Signed</b> %4, from the %5<br><b>Log</b> %6</p>")
                  .arg(esc(v.signer), esc(v.issuer), esc(v.trustedRoot), v.signedAt ? timefmt::formatIso(*v.signedAt) : QStringLiteral("?"),
                      esc(v.timeSource), esc(v.log))
            : tr("<p>The certificate claims the signer %1 (issuer %2): not proven.</p>").arg(esc(v.signer), esc(v.issuer));
    // What made the verdict, and how the case came to trust it (or where it came from, untrusted).
    if (v.keyId || v.trustedRootId) {
        const QString what = v.keyId ? tr("key “%1”").arg(esc(v.keyName)) : tr("trusted root “%1”").arg(esc(v.trustedRoot));
        html += tr("<p><b>Trust</b> %1 (sha256 <tt>%2…</tt>): <span style='color:%3'>%4</span>%5</p>")
                    .arg(what, esc(v.anchorSha256.left(16)), (v.trust.trusted ? theme.added : theme.scaled).name(), esc(v.trust.text()),
                        v.trust.trusted && !v.trust.origin.isEmpty() ? tr("; it came %1").arg(esc(v.trust.origin)) : QString());
    }
    for (const SignatureCheck& s : v.signatures) {
        QString line = tr("signature: %1").arg(esc(EvidenceModel::verificationLabel(s.result)));
        if (!s.keyid.isEmpty()) line += tr(", keyid %1").arg(esc(s.keyid));
        if (!s.signer.isEmpty()) line += tr(", signer %1 (%2)").arg(esc(s.signer), esc(s.issuer));
        if (!s.detail.isEmpty() && s.detail != v.detail) line += QStringLiteral(": ") + esc(s.detail);
        html += QStringLiteral("%1<br>").arg(line);
    }
    html += tr("<p><b>Claim</b> %1").arg(esc(EvidenceModel::claimText(e.compliant)));
    if (!e.flow.isEmpty()) html += tr("<br><b>Reported in</b> flow %1, trail %2").arg(esc(e.flow), esc(e.trail));
    if (e.createdAt) html += tr("<br><b>Made</b> %1").arg(timefmt::formatIso(*e.createdAt));
    html += tr("<br><b>Bound by</b> %1").arg(esc(EvidenceModel::bindingText(e, m_fingerprint)));
    if (!m_model->current(row))
        html += tr("<br><i>Superseded: a later attestation of the same name counts instead.</i>");
    html += QStringLiteral("</p>");
    if (!e.summary.isEmpty() && e.summary != QLatin1String("{}"))
        html += QStringLiteral("<p>%1</p>").arg(summaryText(e.summary));
    html += tr("<p><b>Source</b> %1%2<br><tt>sha256:%3</tt><br><a href='source:%3'>Show the source file</a></p>")
                .arg(esc(e.sourceName), e.part > 0 ? tr(", part %1").arg(e.part) : QString(), esc(e.sourceSha256));
    m_detail->setHtml(html);
}

} // namespace tideline::ui
