// SPDX-License-Identifier: GPL-3.0-or-later
#include "packpdf.h"

#include "domain/imagename.h"
#include "theme.h"

#include "evidence/packsigner.h"
#include "pack/pack.h"
#include "packfigures.h"
#include "pdfdocument.h"
#include "timeline/overview.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QThread>

#include <limits>
#include <mutex>
#include <set>

// Resources of a static library are registered by hand, from the global namespace.
static void initPackFonts()
{
#ifdef TIDELINE_PACK_FONTS
    Q_INIT_RESOURCE(packfonts);
#endif
}

namespace tideline::ui {

namespace {

using Doc = PdfDocument;
using Style = PdfDocument::Style;

// Runs fn on the GUI thread and waits for it: widgets may only be used there.
template <typename F> auto onGuiThread(F fn) -> decltype(fn())
{
    QCoreApplication* app = QCoreApplication::instance();
    if (QThread::currentThread() == app->thread()) return fn();
    decltype(fn()) result;
    QMetaObject::invokeMethod(
        app, [&] { result = fn(); }, Qt::BlockingQueuedConnection);
    return result;
}

QString when(Millis t)
{
    return t ? timefmt::formatIso(t).replace(QLatin1Char('T'), QLatin1Char(' ')) : QStringLiteral("—");
}
QString duration(Millis ms)
{
    return timefmt::formatDuration(ms);
}
QString count(qint64 n)
{
    return QLocale::c().toString(n);
}
QString plural(qint64 n, const QString& one, const QString& many)
{
    return count(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}
QString shortHash(const QString& h)
{
    return h.size() > 16 ? h.left(12) + QChar(0x2026) : h;
}

// "registry.example.com/shop/web:1.3" -> "shop/web:1.3": the registry is in the finding's detail.
QStringList withoutRegistry(const QStringList& names)
{
    QStringList out;
    for (const QString& n : names)
        out << imageWithoutRegistry(n);
    return out;
}

QString kindMeaning(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NoProvenance:
        return QStringLiteral("ran with no provenance: no known pipeline built it");
    case FindingKind::MissingAttestation:
        return QStringLiteral("a required attestation is missing");
    case FindingKind::NonCompliantAttestation:
        return QStringLiteral("a required attestation is non-compliant");
    case FindingKind::UnverifiedEvidence:
        return QStringLiteral("evidence relied on does not verify");
    case FindingKind::UnknownFingerprint:
        return QStringLiteral("ran without a digest: cannot be tied to evidence");
    case FindingKind::BlindSpot:
        return QStringLiteral("no snapshot for too long: nothing can be proven");
    case FindingKind::VulnerablePackage:
        return QStringLiteral("ran containing a package an advisory says is vulnerable");
    }
    return QString();
}

// The window's colours, on paper (theme.h): the pack and the window agree on what each disposition looks like.
QColor dispositionColour(Disposition d)
{
    return Theme::fromPalette(packPaperPalette()).disposition(d);
}
QColor severityColour(Severity s)
{
    return Theme::fromPalette(packPaperPalette()).severity(s);
}

Doc::Cell cell(const QString& s, Style style = Style::Small, const QColor& colour = QColor())
{
    Doc::Cell c;
    c.text = Doc::text(s, style, colour);
    return c;
}
Doc::Cell numberCell(qint64 n, double bar = -1, const QColor& barColour = QColor())
{
    Doc::Cell c = cell(count(n));
    c.align = Qt::AlignRight;
    c.bar = bar;
    c.barColour = barColour;
    return c;
}
Doc::Cell dispositionCell(Disposition d)
{
    return cell(dispositionName(d), Style::SmallBold, dispositionColour(d));
}
Doc::Row row(std::vector<Doc::Cell> cells)
{
    return Doc::Row { std::move(cells), false, false };
}
Doc::Row hashRow(const QString& label, const QString& hash)
{
    Doc::Cell c;
    c.text = { Doc::Run { label + QLatin1Char(' '), Style::Small, Doc::mutedColour() },
        Doc::Run { hash, Style::SmallMono, QColor() } };
    return Doc::Row { { c }, true, true };
}
// A labelled value in a list of labels and values.
Doc::Row item(const QString& label, const Doc::Text& value)
{
    Doc::Cell l = cell(label);
    Doc::Cell v;
    v.text = value;
    return row({ l, v });
}
Doc::Row item(const QString& label, const QString& value, Style style = Style::Small)
{
    return item(label, Doc::text(value, style));
}
Doc::Table labels(double labelShare = 0.24)
{
    Doc::Table t;
    t.widths = { labelShare, 1 - labelShare };
    t.zebra = false;
    t.labels = true;
    t.keepTogether = true;
    return t;
}

QString scopeEnvironments(const PackContent& c)
{
    if (!c.scope.environment.isEmpty()) return c.scope.environment;
    QStringList names;
    for (const Environment& e : c.environments)
        names << e.name;
    return names.isEmpty()
        ? QStringLiteral("every environment (the case has none)")
        : QStringLiteral("every environment (%1): %2").arg(names.size()).arg(names.join(QStringLiteral(", ")));
}

QString period(const PackContent& c)
{
    if (!c.scope.from && !c.scope.to) {
        if (!c.overview || c.overview->empty()) return QStringLiteral("the whole history (nothing recorded)");
        return QStringLiteral("the whole history: %1 → %2").arg(when(c.overview->first), when(c.overview->last));
    }
    return QStringLiteral("%1 → %2").arg(c.scope.from ? when(*c.scope.from) : QStringLiteral("the beginning"),
        c.scope.to ? when(*c.scope.to) : QStringLiteral("the latest snapshot"));
}

// A note as the pack prints it: whole up to a page's worth, then cut with a word of where the rest is, so that a
// 100 KB note cannot add a hundred pages.
QString capped(const QString& note)
{
    constexpr qsizetype kMax = 1000;
    if (note.size() <= kMax)
        return note;
    return note.left(kMax) + QStringLiteral("… (%1 more characters: the whole note is in findings.json)").arg(note.size() - kMax);
}

// A log entry's subject in a few words, from its JSON detail.
QString logSubject(const LogEntry& e)
{
    const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
    auto s = [&](const char* key) { return d[QLatin1String(key)].toVariant().toString(); };
    if (e.action == QLatin1String("review"))
        return QStringLiteral("%1 → %2: %3").arg(s("finding"), s("disposition"), capped(s("note")));
    if (e.action == QLatin1String("allow"))
        return QStringLiteral("%1%2: %3")
            .arg(d.contains(QLatin1String("fingerprint")) ? shortHash(s("fingerprint")) : s("name_pattern"),
                d.contains(QLatin1String("environment")) ? QStringLiteral(" in ") + s("environment") : QString(),
                s("reason"));
    if (e.action == QLatin1String("import") || e.action == QLatin1String("policy")) {
        QString what = QFileInfo(s("path")).fileName() + QStringLiteral(" (") + s("format");
        if (d.contains(QLatin1String("environment")))
            what += QStringLiteral(", %1 #%2").arg(s("environment"), s("snapshot"));
        if (d.contains(QLatin1String("policy"))) what += QStringLiteral(", %1 v%2").arg(s("policy"), s("version"));
        return what + QLatin1Char(')');
    }
    if (e.action == QLatin1String("export"))
        return QStringLiteral("%1 findings to %2").arg(s("findings"), QFileInfo(s("pack")).fileName());
    QStringList parts;
    for (auto it = d.begin(); it != d.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toVariant().toString().left(60);
    return parts.join(QStringLiteral(", "));
}

class PackWriter {
public:
    PackWriter(const PackContent& c, const PackFigures& figures, const PackFonts& fonts)
        : m_c(c)
        , m_figures(figures)
        , m_doc(fonts.sans, fonts.mono)
    {
        for (const Finding& f : c.check.findings)
            m_byEnvironment[f.environment].push_back(&f);
    }

    void build()
    {
        cover();
        summary();
        for (const Environment& e : m_c.environments)
            if (snapshotsIn(e.name) > 0) environment(e);
        findings();
        advisories();
        allowed();
        retracted();
        reviewLog();
        sourcesAppendix();
        contentsSources();
        verifyAppendix();
    }

    const Doc& doc() const { return m_doc; }

private:
    int snapshotsIn(const QString& environment) const
    {
        const auto it = m_c.snapshots.find(environment);
        return it == m_c.snapshots.end() ? 0 : static_cast<int>(it->second.size());
    }

    void cover()
    {
        m_doc.space(22);
        m_doc.paragraph(QStringLiteral("Evidence pack"), Style::Title, 3);
        m_doc.paragraph(Doc::text(packCaseTitle(m_c), Style::Subtitle, Doc::mutedColour()), 12);
        const int open = m_c.check.open;
        const int total = static_cast<int>(m_c.check.findings.size());
        Doc::Table t = labels(0.27);
        t.rows.push_back(item(QStringLiteral("Case"), packCaseTitle(m_c), Style::SmallBold));
        t.rows.push_back(item(QStringLiteral("Case id"), m_c.caseId, Style::Mono));
        t.rows.push_back(item(m_c.sharedCase ? QStringLiteral("Shared case") : QStringLiteral("Case file"), m_c.caseName));
        t.rows.push_back(item(QStringLiteral("Environments"), scopeEnvironments(m_c)));
        t.rows.push_back(item(QStringLiteral("Period"), period(m_c)));
        t.rows.push_back(item(QStringLiteral("Findings"),
            total == 0 ? Doc::text(QStringLiteral("nothing was found in scope"), Style::SmallBold,
                dispositionColour(Disposition::Remediated))
                       : Doc::text(QStringLiteral("%1, of which %2 open")
                                       .arg(plural(total, QStringLiteral("finding"), QStringLiteral("findings")))
                                       .arg(open),
                           Style::SmallBold, open ? dispositionColour(Disposition::Open) : Doc::textColour())));
        t.rows.push_back(item(QStringLiteral("Policies evaluated"),
            m_c.check.policies.isEmpty() ? QStringLiteral("none imported: provenance is required of every workload")
                                         : m_c.check.policies.join(QStringLiteral(", "))));
        t.rows.push_back(item(QStringLiteral("Exported by"), m_c.exporter));
        t.rows.push_back(item(QStringLiteral("Exported at"), when(m_c.exportedAt)));
        t.rows.push_back(item(QStringLiteral("Exported with"), m_c.toolVersion));
        m_doc.table(t, 6);

        Doc::Table h = labels(0.27);
        h.rows.push_back(item(QStringLiteral("Manifest hash"), m_c.contentSha256, Style::Mono));
        h.rows.push_back(item(QStringLiteral("Signer key (%1)").arg(signerKeyDescription(m_c.signerAlgorithm)), m_c.signerFingerprint, Style::Mono));
        h.rows.push_back(item(QStringLiteral("Review log head"), m_c.logHead, Style::Mono));
        h.rows.push_back(m_c.logSigning.key.isEmpty()
                ? item(QStringLiteral("Log key"), QStringLiteral("none: this Tideline signs no log entries"))
                : item(QStringLiteral("Log key (%1)").arg(signerKeyDescription(m_c.logSigning.keyAlgorithm)), m_c.logSigning.key, Style::Mono));
        h.rows.push_back(item(QStringLiteral("Log signatures"), logSignatures()));
        m_doc.table(h, 6);

        m_doc.note(
            { Doc::text(QStringLiteral("What makes this pack trustworthy"), Style::Bold),
                Doc::text(QStringLiteral("This PDF is one file of a signed folder. manifest.json lists the sha256 of "
                                         "every file in it and of every source file the findings rest on; only those "
                                         "files are the pack. manifest.sig is an %1 signature over manifest.json by the "
                                         "key in signer.pub, whose sha256 is the signer key above: compare it with the "
                                         "one your organisation publishes, since anyone can sign a folder with a key of "
                                         "their own. The manifest hash above is the sha256 of manifest.json without its "
                                         "\"content_sha256\" and \"pdf\" entries (this PDF cannot hold its own hash); "
                                         "manifest.json records it as content_sha256. The case's log is signed by the "
                                         "log key above, kept outside the case file; the review log head "
                                         "lets tideline verify-case --against this pack prove that no entry up to it "
                                         "was changed or removed since.")
                              .arg(signerKeyDescription(m_c.signerAlgorithm)),
                    Style::Small),
                Doc::text(
                    QStringLiteral(
                        "Anyone can check the folder with stock tools (Appendix B) or with tideline verify-pack."),
                    Style::Small) },
            QColor(0xe9, 0xf1, 0xfb));
    }

    void summary()
    {
        m_doc.heading(1, QStringLiteral("Summary"), true);
        int snapshots = 0;
        std::set<QString> workloads;
        for (const auto& [env, list] : m_c.snapshots)
            snapshots += static_cast<int>(list.size());
        for (const auto& [env, list] : m_c.intervals)
            for (const RunInterval& iv : list)
                workloads.insert(workloadKey(iv));
        m_doc.paragraph(QStringLiteral("In scope: %1, %2 over %3, and %4 that ran in them.")
                            .arg(plural(static_cast<int>(m_c.environments.size()), QStringLiteral("environment"),
                                     QStringLiteral("environments")),
                                plural(snapshots, QStringLiteral("snapshot"), QStringLiteral("snapshots")), period(m_c),
                                plural(static_cast<int>(workloads.size()), QStringLiteral("distinct workload"),
                                    QStringLiteral("distinct workloads"))));
        if (m_c.check.findings.empty()) {
            m_doc.note(
                { Doc::text(QStringLiteral("Nothing was found."), Style::Bold),
                    Doc::text(
                        snapshots == 0 ? QStringLiteral(
                            "No snapshot was recorded in scope, so no workload is known to have run in it; there is "
                            "no finding to report.")
                                       : QStringLiteral("Every workload that ran in scope had what its policies "
                                                        "require, or was allowed to run, "
                                                        "and snapshots followed each other closely enough throughout."),
                        Style::Small) },
                QColor(0xe8, 0xf5, 0xe9));
        }

        std::map<Disposition, int> byDisposition;
        std::map<FindingKind, int> openByKind;
        int suppressed = 0; // by VEX: neither open nor decided
        for (const Finding& f : m_c.check.findings) {
            if (f.suppressedByVex())
                ++suppressed;
            else
                ++byDisposition[f.disposition];
            if (f.countsOpen()) ++openByKind[f.kind];
        }
        int most = 1;
        for (const auto& [k, n] : m_c.check.byKind)
            most = std::max(most, n);
        Doc::Table kinds;
        kinds.headers = { QStringLiteral("Kind"), QStringLiteral("What it means"), QStringLiteral("Findings"),
            QStringLiteral("Open") };
        kinds.widths = { 0.26, 0.46, 0.16, 0.12 };
        for (FindingKind k : findingKinds()) {
            const int n = m_c.check.byKind.count(k) ? m_c.check.byKind.at(k) : 0;
            kinds.rows.push_back(row({ cell(findingKindName(k), Style::SmallBold), cell(kindMeaning(k)), numberCell(n, double(n) / most),
                numberCell(openByKind[k]) }));
        }
        m_doc.heading(3, QStringLiteral("Findings by kind"));
        m_doc.table(kinds);

        Doc::Table disp;
        disp.headers = { QStringLiteral("Disposition"), QStringLiteral("Findings") };
        disp.widths = { 0.3, 0.7 };
        const int total = std::max<int>(1, static_cast<int>(m_c.check.findings.size()));
        for (Disposition d : dispositions())
            disp.rows.push_back(row({ dispositionCell(d),
                numberCell(byDisposition[d], double(byDisposition[d]) / total, dispositionColour(d)) }));
        if (suppressed > 0)
            disp.rows.push_back(row({ cell(QStringLiteral("suppressed by VEX"), Style::SmallBold, Doc::mutedColour()),
                numberCell(suppressed, double(suppressed) / total, Doc::mutedColour()) }));
        m_doc.heading(3, QStringLiteral("Findings by disposition"));
        m_doc.table(disp);

        Doc::Table envs;
        envs.headers = { QStringLiteral("Environment"), QStringLiteral("Type"), QStringLiteral("Snapshots in scope"),
            QStringLiteral("Findings"), QStringLiteral("Open"), QStringLiteral("Blind spots") };
        envs.widths = { 0.3, 0.12, 0.18, 0.14, 0.12, 0.14 };
        for (const Environment& e : m_c.environments) {
            int n = 0, open = 0, blind = 0;
            for (const Finding* f : m_byEnvironment[e.name]) {
                ++n;
                open += f->countsOpen();
                blind += f->kind == FindingKind::BlindSpot;
            }
            const auto snaps = m_c.snapshots.find(e.name);
            envs.rows.push_back(row({ cell(e.name, Style::SmallBold), cell(e.type),
                numberCell(snaps == m_c.snapshots.end() ? 0 : int(snaps->second.size())), numberCell(n),
                numberCell(open), numberCell(blind) }));
        }
        if (!envs.rows.empty()) {
            m_doc.heading(3, QStringLiteral("Environments"));
            m_doc.table(envs);
        }
        QStringList unseen;
        for (const Environment& e : m_c.environments)
            if (snapshotsIn(e.name) == 0) unseen << e.name;
        if (!unseen.isEmpty())
            m_doc.paragraph(QStringLiteral("No snapshot of %1 falls in the period in scope: nothing is on record for "
                                           "%2 then, so %3 no section of %4 own.")
                                .arg(unseen.join(QStringLiteral(", ")),
                                    unseen.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"),
                                    unseen.size() == 1 ? QStringLiteral("it has") : QStringLiteral("they have"),
                                    unseen.size() == 1 ? QStringLiteral("its") : QStringLiteral("their")),
                Style::Body, 4);
        for (const PackFigure& f : m_figures.summary)
            m_doc.figure(f.picture, f.size, f.caption);
    }

    void environment(const Environment& e)
    {
        m_doc.heading(1, QStringLiteral("Environment %1").arg(e.name), true);
        const auto found = m_c.snapshots.find(e.name);
        const std::vector<Snapshot> none;
        const std::vector<Snapshot>& snaps = found == m_c.snapshots.end() ? none : found->second;
        std::set<QString> workloads;
        if (auto it = m_c.intervals.find(e.name); it != m_c.intervals.end())
            for (const RunInterval& iv : it->second)
                workloads.insert(workloadKey(iv));
        const auto& findings = m_byEnvironment[e.name];
        Doc::Table t = labels();
        t.rows.push_back(item(QStringLiteral("Type"), e.type));
        t.rows.push_back(item(QStringLiteral("Recorded"),
            QStringLiteral("%1 → %2, %3 in all")
                .arg(when(e.first), when(e.last),
                    plural(e.snapshots, QStringLiteral("snapshot"), QStringLiteral("snapshots")))));
        t.rows.push_back(item(QStringLiteral("In scope"),
            snaps.empty() ? QStringLiteral("no snapshot")
                          : QStringLiteral("%1, %2 → %3; %4 ran")
                                .arg(plural(static_cast<int>(snaps.size()), QStringLiteral("snapshot"),
                                         QStringLiteral("snapshots")),
                                    when(snaps.front().takenAt), when(snaps.back().confirmedUntil),
                                    plural(static_cast<int>(workloads.size()), QStringLiteral("distinct workload"),
                                        QStringLiteral("distinct workloads")))));
        int open = 0;
        for (const Finding* f : findings)
            open += f->countsOpen();
        t.rows.push_back(item(QStringLiteral("Findings"),
            findings.empty() ? QStringLiteral("none")
                             : QStringLiteral("%1, %2 open")
                                   .arg(plural(static_cast<int>(findings.size()), QStringLiteral("finding"),
                                       QStringLiteral("findings")))
                                   .arg(open)));
        m_doc.table(t);

        if (auto it = m_figures.environments.find(e.name); it != m_figures.environments.end())
            for (const PackFigure& f : it->second)
                m_doc.figure(f.picture, f.size, f.caption);

        std::vector<const Finding*> blind;
        for (const Finding* f : findings)
            if (f->kind == FindingKind::BlindSpot) blind.push_back(f);
        m_doc.heading(2, QStringLiteral("Blind spots"));
        if (blind.empty()) {
            m_doc.paragraph(
                QStringLiteral("None: snapshots followed each other closely enough throughout the period in scope."),
                Style::Body, 4);
        } else {
            m_doc.paragraph(QStringLiteral("Stretches with no snapshot: whatever ran then is not on record, so nothing "
                                           "can be proven for them."),
                Style::Body);
            Doc::Table b;
            b.headers = { QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("Length"),
                QStringLiteral("Finding"), QStringLiteral("Disposition") };
            b.widths = { 0.25, 0.25, 0.14, 0.16, 0.2 };
            for (const Finding* f : blind)
                for (const ExposureWindow& w : f->windows)
                    b.rows.push_back(row({ cell(when(w.from)), cell(when(w.to)), cell(duration(w.duration())),
                        cell(f->id, Style::SmallMono), dispositionCell(f->disposition) }));
            m_doc.table(b);
        }

        m_doc.heading(2, QStringLiteral("Snapshots in scope"));
        if (snaps.empty()) {
            m_doc.paragraph(
                QStringLiteral("No snapshot of %1 falls in the period in scope.").arg(e.name), Style::Body, 4);
            return;
        }
        m_doc.paragraph(
            QStringLiteral(
                "Each snapshot is a record of what ran, taken at one time and confirmed until a later one. The sha256 "
                "of the source file that holds it is listed in full in Appendix A."),
            Style::Body);
        Doc::Table s;
        s.headers = { QStringLiteral("Snapshot"), QStringLiteral("Taken at"), QStringLiteral("Confirmed until"),
            QStringLiteral("Workloads"), QStringLiteral("Instances"), QStringLiteral("Source sha256") };
        s.widths = { 0.11, 0.22, 0.22, 0.12, 0.12, 0.21 };
        size_t nextBlind = 0;
        std::vector<std::pair<ExposureWindow, const Finding*>> gaps;
        for (const Finding* f : blind)
            for (const ExposureWindow& w : f->windows)
                gaps.emplace_back(w, f);
        std::sort(gaps.begin(), gaps.end(), [](const auto& a, const auto& b) { return a.first.from < b.first.from; });
        for (size_t i = 0; i < snaps.size(); ++i) {
            const Snapshot& sn = snaps[i];
            s.rows.push_back(row({ cell(QStringLiteral("#%1").arg(sn.index)), cell(when(sn.takenAt)),
                cell(when(sn.confirmedUntil)), numberCell(sn.workloads), numberCell(sn.instances),
                cell(shortHash(sn.sourceSha256), Style::SmallMono) }));
            // A blind spot that begins before the next snapshot is shown where it falls.
            const Millis next = i + 1 < snaps.size() ? snaps[i + 1].takenAt : std::numeric_limits<Millis>::max();
            while (nextBlind < gaps.size() && gaps[nextBlind].first.from < next) {
                const auto& [w, f] = gaps[nextBlind++];
                Doc::Cell c = cell(QStringLiteral("Blind spot %1 (%2): no snapshot for %3, %4 → %5")
                                       .arg(f->id, dispositionName(f->disposition), duration(w.duration()), when(w.from), when(w.to)),
                    Style::SmallBold, QColor(0x7a, 0x3e, 0x00));
                c.background = QColor(0xfd, 0xf0, 0xdc);
                s.rows.push_back(Doc::Row { { c }, true, false });
            }
        }
        m_doc.table(s);
    }

    void findings()
    {
        m_doc.heading(1, QStringLiteral("Findings"), !m_c.check.findings.empty());
        const auto& all = m_c.check.findings;
        if (all.empty()) {
            m_doc.note(
                { Doc::text(QStringLiteral("Nothing was found in scope."), Style::Bold),
                    Doc::text(QStringLiteral(
                                  "No workload ran without what its policies require, and there was no blind spot."),
                        Style::Small) },
                QColor(0xe8, 0xf5, 0xe9));
            return;
        }
        m_doc.paragraph(QStringLiteral(
            "Every finding in scope, then each in detail: when it held, what evidence the case holds for the workload "
            "and whether its signatures verify, the rule that failed, and every review decision on it."));
        Doc::Table t;
        t.headers = { QStringLiteral("Finding"), QStringLiteral("Severity"), QStringLiteral("Kind"), QStringLiteral("Environment"),
            QStringLiteral("Workload"), QStringLiteral("Exposure"), QStringLiteral("Disposition") };
        t.widths = { 0.12, 0.1, 0.19, 0.11, 0.23, 0.1, 0.15 };
        for (const Finding& f : all)
            t.rows.push_back(row({ cell(f.id, Style::SmallMono), cell(severityName(f.severity), Style::SmallBold, severityColour(f.severity)),
                cell(findingKindName(f.kind)), cell(f.environment),
                cell(f.names.isEmpty() ? QStringLiteral("—") : withoutRegistry(f.names).join(QStringLiteral(", "))),
                cell(duration(f.totalSeconds * 1000)), dispositionCell(f.disposition) }));
        m_doc.table(t, 6);
        for (const Finding& f : all) {
            m_doc.beginGroup();
            finding(f);
            m_doc.endGroup();
        }
    }

    void finding(const Finding& f)
    {
        m_doc.heading(2, QStringLiteral("%1 · %2 · %3").arg(f.id, findingKindName(f.kind), f.environment));
        Doc::Table t = labels();
        if (!f.names.isEmpty()) t.rows.push_back(item(QStringLiteral("Workload"), f.names.join(QStringLiteral(", "))));
        t.rows.push_back(item(QStringLiteral("Severity"),
            Doc::text(QStringLiteral("%1%2").arg(severityName(f.severity),
                          f.policyBacked || f.kind == FindingKind::BlindSpot ? QString()
                                                                             : QStringLiteral(" (raised by the baseline only: no policy of the case asks for it)")),
                Style::SmallBold, severityColour(f.severity))));
        if (f.kind != FindingKind::BlindSpot)
            t.rows.push_back(f.fingerprint.isEmpty()
                    ? item(QStringLiteral("Fingerprint"), QStringLiteral("none: it ran without a registry digest"))
                    : item(QStringLiteral("Fingerprint"), f.fingerprint, Style::SmallMono));
        t.rows.push_back(item(QStringLiteral("What is wrong"), f.detail.isEmpty() ? kindMeaning(f.kind) : f.detail));
        if (!f.rules.isEmpty())
            t.rows.push_back(
                item(f.rules.size() == 1 ? QStringLiteral("Rule that failed") : QStringLiteral("Rules that failed"),
                    f.rules.join(QChar(QChar::LineSeparator))));
        if (!f.attestations.isEmpty())
            t.rows.push_back(item(QStringLiteral("Attestations"), f.attestations.join(QStringLiteral(", "))));
        // One line per record the provenance rests on (the first says when it rests only on unsigned records).
        if (!f.provenance.isEmpty())
            t.rows.push_back(item(QStringLiteral("Provenance"), QString(f.provenance).replace(QStringLiteral("; "), QString(QChar(QChar::LineSeparator)))));
        if (f.vulnerability) vulnerabilityRows(*f.vulnerability, t);
        auto snapshots = [](const ExposureWindow& x) {
            return x.firstSnapshot == x.lastSnapshot
                ? QStringLiteral("#%1").arg(x.firstSnapshot)
                : QStringLiteral("#%1 – #%2").arg(x.firstSnapshot).arg(x.lastSnapshot);
        };
        // One window says it all on one line; several get a table of their own.
        if (f.windows.size() == 1)
            t.rows.push_back(item(QStringLiteral("Exposure"),
                QStringLiteral("%1 → %2: %3, snapshots %4")
                    .arg(when(f.windows.front().from), when(f.windows.front().to),
                        duration(f.windows.front().duration()), snapshots(f.windows.front()))));
        else
            t.rows.push_back(item(QStringLiteral("Exposure"),
                QStringLiteral("%1 → %2: %3 in %4")
                    .arg(when(f.firstSeen), when(f.lastSeen), duration(f.totalSeconds * 1000),
                        plural(
                            static_cast<int>(f.windows.size()), QStringLiteral("window"), QStringLiteral("windows")))));
        Doc::Text disposition = Doc::text(dispositionName(f.disposition), Style::SmallBold, dispositionColour(f.disposition));
        if (!f.history.empty())
            disposition.push_back(
                Doc::Run { QStringLiteral(" (by %1, %2)").arg(f.history.back().reviewer, when(f.history.back().at)),
                    Style::Small, QColor() });
        t.rows.push_back(item(QStringLiteral("Disposition"), disposition));
        m_doc.table(t, 2);

        Doc::Table w;
        w.headers = { QStringLiteral("Exposed from"), QStringLiteral("To"), QStringLiteral("For"),
            QStringLiteral("Snapshots") };
        w.widths = { 0.3, 0.3, 0.18, 0.22 };
        for (const ExposureWindow& x : f.windows)
            w.rows.push_back(
                row({ cell(when(x.from)), cell(when(x.to)), cell(duration(x.duration())), cell(snapshots(x)) }));
        if (w.rows.size() > 1) m_doc.table(w, 2);

        if (!f.fingerprint.isEmpty()) evidence(f);

        if (f.history.empty()) {
            m_doc.paragraph(Doc::text(QStringLiteral("No review recorded: open since it was first seen."), Style::Small,
                                Doc::mutedColour()),
                5);
            return;
        }
        Doc::Table h;
        h.headers = { QStringLiteral("Reviewed at"), QStringLiteral("Reviewer"), QStringLiteral("Disposition"),
            QStringLiteral("Note") };
        h.widths = { 0.22, 0.16, 0.17, 0.45 };
        for (const ReviewEntry& r : f.history) {
            h.rows.push_back(row({ cell(when(r.at)), cell(r.reviewer), dispositionCell(r.disposition),
                cell(r.note.isEmpty() ? QStringLiteral("—") : capped(r.note)) }));
            if (!r.logHash.isEmpty()) h.rows.push_back(hashRow(QStringLiteral("log entry"), r.logHash));
        }
        m_doc.table(h, 6);
    }

    void evidence(const Finding& f)
    {
        const auto found = m_c.evidence.find(f.fingerprint);
        if (found == m_c.evidence.end() || (found->second.evidence.empty() && found->second.provenance.empty())) {
            m_doc.paragraph(Doc::text(QStringLiteral("Evidence: none. The case holds no attestation, test result, scan "
                                                     "or trail for this fingerprint."),
                                Style::Small, Doc::mutedColour()),
                2);
            return;
        }
        const ArtifactEvidence& a = found->second;
        if (!a.provenance.empty()) {
            QStringList trails;
            for (const ProvenanceRecord& p : a.provenance)
                trails << QStringLiteral("%1 / %2%3")
                              .arg(p.flow, p.trail,
                                  p.status.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(p.status));
            m_doc.paragraph({ Doc::Run { QStringLiteral("Trails: "), Style::SmallBold, QColor() },
                                Doc::Run { trails.join(QStringLiteral("; ")), Style::Small, QColor() } },
                1.5);
        }
        if (a.evidence.empty()) return;
        Doc::Table t;
        t.headers = { QStringLiteral("Evidence"), QStringLiteral("Type"), QStringLiteral("Format"),
            QStringLiteral("Verification"), QStringLiteral("Source file") };
        t.widths = { 0.22, 0.14, 0.17, 0.2, 0.27 };
        for (const EvidenceRecord& e : a.evidence) {
            QString verdict = verificationName(e.verification.verdict);
            // What made it verified (or what the evidence claims, when it is not).
            const VerificationOutcome& v = e.verification;
            if (v.verdict == Verification::Verified && !v.signer.isEmpty())
                verdict += QStringLiteral(" (signer %1, root %2, signed %3)")
                               .arg(v.signer, v.trustedRoot, v.signedAt ? timefmt::formatIso(*v.signedAt) : QStringLiteral("?"));
            else if (!v.keyName.isEmpty())
                verdict += QStringLiteral(" (key %1)").arg(v.keyName);
            // How the case came to trust what made it verified (or where an untrusted one came from).
            if (v.keyId || v.trustedRootId)
                verdict += QStringLiteral("; %1").arg(v.trust.text());
            const bool good = v.verdict == Verification::Verified;
            const bool bad = verificationSeverity(v.verdict) >= verificationSeverity(Verification::UnknownKey);
            QString name = e.name.isEmpty() ? e.kind : e.name;
            if (a.current.count(e.id) == 0) name += QStringLiteral(" (superseded)");
            if (e.compliant) name += *e.compliant ? QStringLiteral(": compliant") : QStringLiteral(": NON-COMPLIANT");
            t.rows.push_back(row({ cell(name), cell(e.type), cell(e.format),
                cell(verdict, Style::SmallBold,
                    good      ? dispositionColour(Disposition::Remediated)
                        : bad ? dispositionColour(Disposition::Open)
                              : Doc::mutedColour()),
                cell(packPath(m_c, e.sourceName)) }));
        }
        m_doc.table(t, 2);
    }

    // Severity, fixed version and the VEX statement of a vulnerable-package finding.
    void vulnerabilityRows(const VulnerabilityDetail& v, Doc::Table& t)
    {
        t.rows.push_back(item(QStringLiteral("Advisory"),
            v.aliases.isEmpty() ? v.advisory : QStringLiteral("%1 (%2)").arg(v.advisory, v.aliases.join(QStringLiteral(", ")))));
        t.rows.push_back(item(QStringLiteral("Packages"), v.packages.join(QStringLiteral(", "))));
        t.rows.push_back(item(QStringLiteral("Advisory severity"), severityText(v)));
        t.rows.push_back(item(QStringLiteral("Fixed in"), v.fixed.isEmpty() ? QStringLiteral("the advisory names no fixed version") : v.fixed));
        if (!v.undecided.isEmpty()) t.rows.push_back(item(QStringLiteral("Affected?"), QStringLiteral("cannot be told: ") + v.undecided));
        if (!v.vexStatus.isEmpty())
            t.rows.push_back(item(QStringLiteral("VEX"), vexText(v)));
    }

    static QString severityText(const VulnerabilityDetail& v)
    {
        if (v.rating.isEmpty())
            return v.vector.isEmpty() ? QStringLiteral("not given by the advisory") : QStringLiteral("not scored (%1)").arg(v.vector);
        QString s = v.rating;
        if (v.score) s += QStringLiteral(" %1 (CVSS v3 base score computed from %2)").arg(*v.score, 0, 'f', 1).arg(v.vector);
        return s;
    }

    static QString vexText(const VulnerabilityDetail& v)
    {
        QString s = QStringLiteral("%1%2%3").arg(v.vexStatus, v.vexJustification.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(v.vexJustification),
            v.vexAuthor.isEmpty() ? QString() : QStringLiteral(", by %1").arg(v.vexAuthor));
        if (!v.vexStatement.isEmpty()) s += QStringLiteral(": ") + v.vexStatement;
        s += QStringLiteral(" [%1]").arg(v.vexSource.section(QLatin1Char('/'), -1));
        if (v.suppressed) s += QStringLiteral(" — suppresses the finding (an unsigned claim; a review overrides it)");
        return s;
    }

    // A section per advisory in scope: the workloads it affected, when, and what was decided.
    void advisories()
    {
        std::map<QString, std::vector<const Finding*>> byAdvisory;
        for (const Finding& f : m_c.check.findings)
            if (f.vulnerability) byAdvisory[f.vulnerability->advisory].push_back(&f);
        if (byAdvisory.empty()) return;
        m_doc.heading(1, QStringLiteral("Advisories"), true);
        m_doc.paragraph(QStringLiteral(
            "Each advisory (OSV record) that affects a package listed by the SBOM of a workload that ran in scope: the "
            "workloads, their exposure and the decision on each. A VEX statement that says not_affected or fixed is shown "
            "with the finding it suppresses; a suppressed finding is listed, not counted open."));
        for (const auto& [id, list] : byAdvisory) {
            const VulnerabilityDetail& v = *list.front()->vulnerability;
            m_doc.beginGroup();
            m_doc.heading(2, v.aliases.isEmpty() ? id : QStringLiteral("%1 · %2").arg(id, v.aliases.join(QStringLiteral(", "))));
            Doc::Table t = labels();
            if (!v.summary.isEmpty()) t.rows.push_back(item(QStringLiteral("Summary"), v.summary));
            t.rows.push_back(item(QStringLiteral("Advisory severity"), severityText(v)));
            t.rows.push_back(item(QStringLiteral("Fixed in"), v.fixed.isEmpty() ? QStringLiteral("no fixed version named") : v.fixed));
            t.rows.push_back(item(QStringLiteral("Record"), QStringLiteral("%1").arg(v.advisorySource.section(QLatin1Char('/'), -1))));
            m_doc.table(t, 2);
            Doc::Table w;
            w.headers = { QStringLiteral("Finding"), QStringLiteral("Environment"), QStringLiteral("Workload"), QStringLiteral("Packages"),
                QStringLiteral("Exposure"), QStringLiteral("Decision") };
            w.widths = { 0.12, 0.14, 0.18, 0.2, 0.19, 0.17 };
            for (const Finding* f : list) {
                const QString exposure = QStringLiteral("%1 → %2, %3").arg(when(f->firstSeen), when(f->lastSeen), duration(f->totalSeconds * 1000));
                w.rows.push_back(row({ cell(f->id, Style::SmallMono), cell(f->environment), cell(withoutRegistry(f->names).join(QStringLiteral(", "))),
                    cell(f->vulnerability->packages.join(QStringLiteral(", "))), cell(exposure),
                    f->suppressedByVex() ? cell(QStringLiteral("suppressed by VEX (%1)").arg(f->vulnerability->vexStatus), Style::SmallBold, Doc::mutedColour())
                                         : dispositionCell(f->disposition) }));
            }
            m_doc.table(w, 4);
            m_doc.endGroup();
        }
    }

    // The SBOM, OSV and VEX files the contents rest on, by sha256.
    void contentsSources()
    {
        if (m_c.contentsSources.empty()) return;
        m_doc.heading(2, QStringLiteral("SBOM, OSV and VEX sources"));
        m_doc.paragraph(QStringLiteral("The files the packages, advisories and VEX statements were read from (each also in the list above)."));
        Doc::Table t;
        t.headers = { QStringLiteral("Kind"), QStringLiteral("File"), QStringLiteral("Holds") };
        t.widths = { 0.12, 0.6, 0.28 };
        for (const ContentsSource& s : m_c.contentsSources) {
            const QString what = s.kind == QLatin1String("sbom") ? plural(s.items, QStringLiteral("package"), QStringLiteral("packages"))
                : s.kind == QLatin1String("osv")                 ? plural(s.items, QStringLiteral("OSV record"), QStringLiteral("OSV records"))
                                                                 : plural(s.items, QStringLiteral("VEX statement"), QStringLiteral("VEX statements"));
            t.rows.push_back(row({ cell(s.kind, Style::SmallBold), cell(s.name), cell(what) }));
            t.rows.push_back(hashRow(QStringLiteral("sha256"), s.sha256));
        }
        m_doc.table(t);
    }

    void allowed()
    {
        m_doc.heading(1, QStringLiteral("Allowed workloads"), !m_c.check.findings.empty());
        if (m_c.check.allowed.empty()) {
            m_doc.paragraph(QStringLiteral("No workload in scope ran under the allow-list."), Style::Body, 4);
            return;
        }
        m_doc.paragraph(QStringLiteral("Workloads that would have been findings but ran while an allow-list entry "
                                       "covered them, with its reason."));
        Doc::Table t;
        t.headers = { QStringLiteral("Environment"), QStringLiteral("Workload"), QStringLiteral("Would have been"),
            QStringLiteral("Reason"), QStringLiteral("Allowed by"), QStringLiteral("Until") };
        t.widths = { 0.13, 0.22, 0.16, 0.25, 0.11, 0.13 };
        for (const AllowedWorkload& a : m_c.check.allowed) {
            t.rows.push_back(row({ cell(a.environment), cell(a.names.join(QStringLiteral(", "))), cell(findingKindName(a.kind)),
                cell(a.reason), cell(a.who), cell(a.validUntil ? when(*a.validUntil) : QStringLiteral("no end")) }));
            if (!a.fingerprint.isEmpty()) t.rows.push_back(hashRow(QStringLiteral("fingerprint"), a.fingerprint));
        }
        m_doc.table(t);
    }

    void retracted()
    {
        m_doc.heading(2, QStringLiteral("Retracted imports"));
        if (m_c.retractions.empty()) {
            m_doc.paragraph(QStringLiteral("No import was retracted: every file the log records importing is part of what the case shows."),
                Style::Body, 4);
            return;
        }
        m_doc.paragraph(QStringLiteral("Imports taken back: what they had brought is in no view, no check and no page of this pack. Their bytes "
                                       "and their import entries stay in the case's log, with the retraction and its reason, so the "
                                       "hash chain runs on unbroken (tideline verify-case replays the imports without them)."));
        Doc::Table t;
        t.headers = { QStringLiteral("When"), QStringLiteral("By"), QStringLiteral("File"), QStringLiteral("Reason") };
        t.widths = { 0.22, 0.12, 0.36, 0.3 };
        for (const Retraction& r : m_c.retractions) {
            QString what = packPath(m_c, r.path);
            if (!r.environments.isEmpty())
                what += QStringLiteral(" (%1)").arg(r.environments.join(QStringLiteral(", ")));
            t.rows.push_back(row({ cell(when(r.at)), cell(r.actor), cell(what), cell(r.reason) }));
            t.rows.push_back(hashRow(QStringLiteral("file sha256"), r.sourceSha256));
            t.rows.push_back(hashRow(QStringLiteral("retraction entry"), r.logHash));
        }
        m_doc.table(t);
    }

    void reviewLog()
    {
        // Follows the allow-list on its page: both are often short.
        m_doc.heading(1, QStringLiteral("Review log"), m_c.check.allowed.size() > 8);
        m_doc.paragraph(QStringLiteral(
            "The case keeps every action in an append-only log; each entry's sha256 covers the entry before it, so no "
            "entry can be changed or removed without breaking every hash after it, and every entry is sealed by a signature "
            "of the log key, kept outside the case, so that the chain cannot be recomputed unnoticed (tideline verify-case "
            "rechecks both). A decision signed by its reviewer's own key says so. Here is every entry in order, with its "
            "hash: reviews, the allow-list, policies and exports one by one; a run of file imports as one row with its "
            "first and last hash (Appendix A lists the files)."));
        Doc::Table head = labels();
        head.rows.push_back(item(QStringLiteral("Entries"), count(static_cast<qint64>(m_c.log.size()))));
        head.rows.push_back(item(QStringLiteral("Head (latest hash)"), m_c.logHead, Style::SmallMono));
        head.rows.push_back(item(QStringLiteral("Signatures"), logSignatures()));
        if (!m_c.logSigning.key.isEmpty())
            head.rows.push_back(item(QStringLiteral("Log key sha256"), m_c.logSigning.key, Style::SmallMono));
        m_doc.table(head);
        Doc::Table t;
        t.headers = { QStringLiteral("#"), QStringLiteral("At"), QStringLiteral("By"), QStringLiteral("Action"),
            QStringLiteral("What") };
        t.widths = { 0.09, 0.24, 0.12, 0.09, 0.46 };
        const auto& log = m_c.log;
        for (size_t i = 0; i < log.size();) {
            size_t last = i;
            if (log[i].action == QLatin1String("import"))
                while (last + 1 < log.size() && log[last + 1].action == QLatin1String("import"))
                    ++last;
            const LogEntry& e = log[i];
            if (last == i) {
                t.rows.push_back(row({ cell(QString::number(e.id)), cell(when(e.at)), cell(e.actor),
                    cell(e.action, Style::SmallBold), cell(logSubject(e)) }));
                t.rows.push_back(hashRow(QStringLiteral("sha256"), e.hash));
                if (!e.cosigner.isEmpty()) t.rows.push_back(hashRow(QStringLiteral("signed by %1's key").arg(e.actor), e.cosigner));
            } else {
                QStringList actors;
                for (size_t k = i; k <= last; ++k)
                    if (!actors.contains(log[k].actor)) actors << log[k].actor;
                const QString at = log[last].at - e.at < 60 * 1000
                    ? when(e.at)
                    : QStringLiteral("%1 → %2").arg(when(e.at), when(log[last].at));
                t.rows.push_back(row({ cell(QStringLiteral("%1–%2").arg(e.id).arg(log[last].id)), cell(at),
                    cell(actors.join(QStringLiteral(", "))), cell(e.action, Style::SmallBold),
                    cell(QStringLiteral("%1 files imported, from %2 to %3")
                             .arg(last - i + 1)
                             .arg(logSubject(e), logSubject(log[last]))) }));
                t.rows.push_back(hashRow(QStringLiteral("first sha256"), e.hash));
                t.rows.push_back(hashRow(QStringLiteral("last sha256 "), log[last].hash));
            }
            i = last + 1;
        }
        if (t.rows.empty())
            m_doc.paragraph(QStringLiteral("The log is empty."), Style::Body, 4);
        else
            m_doc.table(t);
    }

    void sourcesAppendix()
    {
        m_doc.heading(1, QStringLiteral("Appendix A: source files"), true);
        const std::set<QString> relied(m_c.relied.begin(), m_c.relied.end());
        int inScope = 0;
        for (const SourceRecord& s : m_c.sources)
            inScope += relied.count(s.sha256) ? 1 : 0;
        const int others = static_cast<int>(m_c.sources.size()) - inScope;
        m_doc.paragraph(
            QStringLiteral("The %1 in scope: the snapshots, policies and evidence this pack's findings rest on, with their sha256 and "
                           "when each was imported; manifest.json lists them too. Paths are relative to the bundle each came in. %2")
                .arg(plural(inScope, QStringLiteral("file"), QStringLiteral("files")),
                    others == 0 ? QStringLiteral("The case holds no other file.")
                                : QStringLiteral("The case holds %1 outside the scope, not listed here; the log's hash chain covers "
                                                 "every one of them (tideline verify-case).")
                                      .arg(plural(others, QStringLiteral("other file"), QStringLiteral("other files")))));
        Doc::Table t;
        t.headers = { QStringLiteral("#"), QStringLiteral("File"), QStringLiteral("Format"), QStringLiteral("Bytes"),
            QStringLiteral("Imported at") };
        t.widths = { 0.08, 0.42, 0.17, 0.11, 0.22 };
        for (const SourceRecord& s : m_c.sources) {
            if (!relied.count(s.sha256))
                continue;
            t.rows.push_back(row({ cell(QString::number(s.id)), cell(packPath(m_c, s.name)), cell(s.format), numberCell(s.size),
                cell(when(s.importedAt)) }));
            t.rows.push_back(hashRow(QStringLiteral("sha256"), s.sha256));
        }
        if (t.rows.empty())
            m_doc.paragraph(QStringLiteral("The case holds no source file."), Style::Body, 4);
        else
            m_doc.table(t);
    }

    void verifyAppendix()
    {
        m_doc.heading(1, QStringLiteral("Appendix B: checking this pack"), true);
        m_doc.paragraph(QStringLiteral(
            "The pack folder holds pack.pdf (this file), findings.json and findings.csv (the findings for tools), "
            "manifest.json, manifest.sig, signer.pub, SHA256SUMS and, when exported with them, the original source "
            "files "
            "under sources/. With Tideline:"));
        m_doc.paragraph(QStringLiteral("tideline verify-pack PACK-FOLDER --signer SIGNER-KEY-SHA256"), Style::Mono, 1.5);
        m_doc.paragraph(QStringLiteral("With --signer (the sha256 below, as your organisation publishes it) a pack signed "
                                       "by any other key fails; without it the check says the signer is unpinned."),
            Style::Body, 3);
        m_doc.paragraph(QStringLiteral("Without Tideline, in the pack folder, with stock tools: every file's hash, the "
                                       "signature over the manifest, "
                                       "and the signer key's fingerprint (compare it with the one on the cover):"));
        for (const QString& line : { QStringLiteral("sha256sum -c SHA256SUMS"), signatureCommand(m_c.signerAlgorithm),
                 QStringLiteral("openssl pkey -pubin -in signer.pub -outform DER | sha256sum") })
            m_doc.paragraph(line, Style::Mono, 1.5);
        m_doc.paragraph(QStringLiteral("The manifest hash on the cover, recomputed from manifest.json (with jq):"));
        m_doc.paragraph(QStringLiteral("jq -cS 'del(.content_sha256, .pdf)' manifest.json | tr -d '\\n' | sha256sum"),
            Style::Mono, 1.5);
        m_doc.space(2);
        m_doc.paragraph(
            QStringLiteral("SHA256SUMS and manifest.json list the same hashes; the signature covers manifest.json, so "
                           "a changed byte in "
                           "any listed file, in the manifest or in the signature makes one of these checks fail."));
        Doc::Table t = labels(0.3);
        t.rows.push_back(item(QStringLiteral("Manifest hash (content_sha256)"), m_c.contentSha256, Style::SmallMono));
        t.rows.push_back(item(QStringLiteral("Signer key sha256"), m_c.signerFingerprint, Style::SmallMono));
        m_doc.table(t);
        m_doc.space(2);
        m_doc.paragraph(QStringLiteral("The case itself, against this pack: the log head above must still be in the "
                                       "case's log with the same hash, the entries up to it signed as the pack "
                                       "records (tideline verify-case, or scripts/verify-log.sh with sqlite3, openssl "
                                       "and sha256sum alone):"));
        m_doc.paragraph(QStringLiteral("tideline verify-case --case CASE --against PACK-FOLDER --signer SIGNER-KEY-SHA256"), Style::Mono, 1.5);
        Doc::Table l = labels(0.3);
        l.rows.push_back(item(QStringLiteral("Review log head"), m_c.logHead, Style::SmallMono));
        l.rows.push_back(item(QStringLiteral("Entries up to it"), logSignatures()));
        if (!m_c.logSigning.key.isEmpty())
            l.rows.push_back(item(QStringLiteral("Log key sha256"), m_c.logSigning.key, Style::SmallMono));
        m_doc.table(l);
    }

    // "412 entries, every one signed by the log key" and the like.
    QString logSignatures() const
    {
        const PackLogSigning& s = m_c.logSigning;
        if (s.entries == 0) return QStringLiteral("the log was empty");
        QString text = s.signedEntries == s.entries
            ? QStringLiteral("%1, every one signed").arg(plural(s.entries, QStringLiteral("entry"), QStringLiteral("entries")))
            : QStringLiteral("%1, %2 signed, %3 unsigned (written before the log was signed)")
                  .arg(plural(s.entries, QStringLiteral("entry"), QStringLiteral("entries")))
                  .arg(s.signedEntries)
                  .arg(s.entries - s.signedEntries);
        const bool onlyLogKey = s.signers.size() == 1 && s.signers.count(s.key);
        if (s.signedEntries > 0 && !onlyLogKey) {
            QStringList by;
            for (const auto& [key, n] : s.signers)
                by << QStringLiteral("%1 by %2…").arg(n).arg(key.left(16));
            text += QStringLiteral(" (%1)").arg(by.join(QStringLiteral(", ")));
        } else if (s.signedEntries > 0) {
            text += QStringLiteral(" by the log key");
        }
        return text;
    }

    static QString signatureCommand(const QString& algorithm)
    {
        if (algorithm == QLatin1String("ecdsa-p256-sha256"))
            return QStringLiteral("openssl dgst -sha256 -verify signer.pub -signature manifest.sig manifest.json");
        if (algorithm == QLatin1String("ecdsa-p384-sha384"))
            return QStringLiteral("openssl dgst -sha384 -verify signer.pub -signature manifest.sig manifest.json");
        return QStringLiteral("openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json -sigfile manifest.sig");
    }

    const PackContent& m_c;
    const PackFigures& m_figures;
    Doc m_doc;
    std::map<QString, std::vector<const Finding*>> m_byEnvironment;
};

} // namespace

PackFonts packFonts()
{
    static PackFonts fonts;
    static std::once_flag once;
    std::call_once(once, [] {
        initPackFonts();
        auto load = [](const QStringList& candidates) -> std::pair<QString, QString> {
            for (const QString& path : candidates) {
                if (!QFile::exists(path)) continue;
                const int id = QFontDatabase::addApplicationFont(path);
                const QStringList families = id >= 0 ? QFontDatabase::applicationFontFamilies(id) : QStringList();
                if (!families.isEmpty()) return { families.first(), path };
            }
            return {};
        };
        const QString system = QStringLiteral("/usr/share/fonts/truetype/dejavu/");
        for (const char* file : { "DejaVuSans-Bold.ttf", "DejaVuSansMono-Bold.ttf" })
            load({ QStringLiteral(":/tideline/fonts/") + QString::fromLatin1(file),
                system + QString::fromLatin1(file) });
        const auto sans
            = load({ QStringLiteral(":/tideline/fonts/DejaVuSans.ttf"), system + QStringLiteral("DejaVuSans.ttf") });
        const auto mono = load(
            { QStringLiteral(":/tideline/fonts/DejaVuSansMono.ttf"), system + QStringLiteral("DejaVuSansMono.ttf") });
        // Without DejaVu the PDF still embeds whatever the system offers.
        fonts.sans = sans.first.isEmpty() ? QFontDatabase::systemFont(QFontDatabase::GeneralFont).family() : sans.first;
        fonts.mono = mono.first.isEmpty() ? QFontDatabase::systemFont(QFontDatabase::FixedFont).family() : mono.first;
        fonts.from
            = sans.second.isEmpty() ? QStringLiteral("the system's fonts") : QFileInfo(sans.second).absolutePath();
    });
    return fonts;
}

Status renderPackPdf(const PackContent& content, const QString& pdfPath, const std::function<void(int, int)>& progress)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return Problem { pdfPath, QString(),
            QStringLiteral(
                "drawing the PDF needs the window library's QApplication (the offscreen platform will do)") };
    const PackFonts fonts = onGuiThread([] { return packFonts(); });
    const PackFigures figures = onGuiThread([&] { return drawPackFigures(content, fonts.sans); });
    PackWriter writer(content, figures, fonts);
    writer.build();
    return writer.doc().write(pdfPath, QStringLiteral("Tideline evidence pack: case %1 · %2").arg(content.caseId, packCaseTitle(content)),
        content.toolVersion,
        PdfDocument::Decoration { QStringLiteral("Tideline evidence pack"),
            QStringLiteral("Case %1 · %2").arg(content.caseId, packCaseTitle(content)),
            QStringLiteral("Manifest hash %1").arg(shortHash(content.contentSha256)) },
        progress);
}

} // namespace tideline::ui
