// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "diffpanel.h"
#include "evidencepanel.h"
#include "items/lanemodel.h"
#include "items/laneproxy.h"
#include "recentcases.h"
#include "searchpanel.h"
#include "compliance/contents.h"
#include "items/contentsmodel.h"
#include "signingkeys.h"
#include "sourcepanel.h"
#include "statepanel.h"

#include "activitychart.h"
#include "allowdialog.h"
#include "casereader.h"
#include "caseverification.h"
#include "compliance/findings.h"
#include "evidence/packsigner.h"
#include "evidence/evidenceindex.h"
#include "findingdetail.h"
#include "findingspanel.h"
#include "importdialog.h"
#include "importrunner.h"
#include "items/environmentmodel.h"
#include "items/findingmodel.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/casefile.h"
#include "store/sourcedocument.h"
#include "timeline/findingactivity.h"
#include "timeline/timeline.h"
#include "timelinepage.h"
#include "timelineview.h"
#include "timetext.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>

namespace tideline::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_reader(new CaseReader(this))
    , m_runner(new ImportRunner(this))
    , m_envModel(new EnvironmentModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tideline"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    signingkeys::applyLogKey(); // what this window adds to a case's log is signed with it
    buildCentral();
    buildDocks();
    buildActions();
    buildLinks();
    connect(m_runner, &ImportRunner::progress, this, &MainWindow::onImportProgress);
    connect(m_runner, &ImportRunner::finished, this, &MainWindow::onImportFinished);
    // Other environments ticked: the same stretch of time, and the state at the cursor, stay.
    connect(m_envModel, &EnvironmentModel::chosenChanged, this, [this] { loadOverview(true); });

    QSettings settings;
    // The first window fits the screen it opens on (at any scale), with room left around it.
    QSize initial(fontMetrics().averageCharWidth() * 190, fontMetrics().height() * 52);
    if (const QScreen* s = screen())
        initial = initial.boundedTo(s->availableGeometry().size() * 0.92);
    resize(initial);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // A geometry saved on a larger screen is brought within this one.
    if (const QScreen* s = screen())
        if (width() > s->availableGeometry().width() || height() > s->availableGeometry().height())
            resize(size().boundedTo(s->availableGeometry().size()));
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_recent->refresh();
    updatePage();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_firstShow)
        return;
    m_firstShow = false;
    // Without a saved layout the timeline gets the larger part: the panels below take about a third.
    if (QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty())
        if (QDockWidget* state = dock(QStringLiteral("stateDock")))
            resizeDocks({ state }, { std::max(fontMetrics().height() * 8, height() * 34 / 100) }, Qt::Vertical);
}

TimelineView* MainWindow::timeline() const
{
    return m_timelinePage->timeline();
}
ActivityChart* MainWindow::workloadsChart() const
{
    return m_timelinePage->workloadsChart();
}
ActivityChart* MainWindow::instancesChart() const
{
    return m_timelinePage->instancesChart();
}

MainWindow::~MainWindow()
{
    m_runner->cancel();
    m_runner->waitForIdle();
}

void MainWindow::loadOverview(bool keepView)
{
    updatePage();
    const QStringList chosen = m_envModel->chosen();
    m_reader->runLatest<TimelineOverview>(
        "overview", this, [chosen](CaseFile& k) { return tideline::loadOverview(k, chosen); },
        [this, keepView](Result<TimelineOverview> o) {
            if (!o) {
                statusBar()->showMessage(o.error(), 8000);
                return;
            }
            const bool keep = keepView && m_overview;
            m_overview = std::make_shared<const TimelineOverview>(std::move(o).value());
            m_timelinePage->setOverview(m_overview, keep);
            timeline()->setPeriod(m_periodFrom, m_periodTo);
            showCheckOnTimeline();
            // The state at the cursor follows what is drawn now.
            if (keep && timeline()->timeCursor())
                showStateAt(*timeline()->timeCursor(), false);
            updateFindingChart();
            updatePage();
            if (m_pendingJump) {
                const RunInterval run = *m_pendingJump;
                m_pendingJump.reset();
                jumpTo(run);
            }
            emit overviewLoaded();
        });
}

void MainWindow::showStateAt(Millis at, bool raise)
{
    if (!m_overview) return;
    QStringList envs;
    for (const EnvironmentTimeline& e : m_overview->environments)
        envs << e.environment.name;
    struct States {
        std::vector<State> states;
        QStringList problems;
    };
    m_reader->runLatest<States>(
        "state", this,
        [envs, at](CaseFile& k) -> Result<States> {
            Timeline t(k);
            States out;
            for (const QString& e : envs) {
                Result<State> s = t.state(e, at);
                if (s)
                    out.states.push_back(std::move(s).value());
                else
                    out.problems << s.problem().message;
            }
            return out;
        },
        [this, at, raise](Result<States> r) {
            if (!r) {
                statusBar()->showMessage(
                    tr("Cannot read the state at %1: %2").arg(utcText(at), r.error()), 10000);
                return;
            }
            m_state->setStates(at, std::move(r->states), r->problems);
            if (QDockWidget* d = dock(QStringLiteral("stateDock")); d && raise && !d->isHidden()) d->raise();
            timeline()->setTimeCursor(at);
            emit stateLoaded();
        });
}

void MainWindow::compare(const QString& from, const QString& to)
{
    m_diff->setSelectors(from, to);
    m_reader->runLatest<SnapshotDiff>(
        "diff", this, [from, to](CaseFile& k) { return Timeline(k).diff(from, to); },
        [this](Result<SnapshotDiff> d) {
            if (d)
                m_diff->setDiff(*d);
            else
                m_diff->setProblem(d.error());
            raiseDock(QStringLiteral("diffDock"));
            emit diffLoaded();
        });
}

void MainWindow::showSource(const QString& sha256, const QString& context)
{
    m_source->setLoading(context);
    m_reader->runLatest<SourceDocument>(
        "source", this, [sha256](CaseFile& k) { return loadSourceDocument(k, sha256); },
        [this, context](Result<SourceDocument> d) {
            if (d)
                m_source->setDocument(*d, context);
            else
                m_source->setProblem(d.error());
            raiseDock(QStringLiteral("sourceDock"));
            emit sourceLoaded();
        });
}

namespace {

// What the search box finds: workloads by fingerprint or name, and the workloads whose SBOMs list a package of
// that name or purl (its "Contents").
struct SearchAnswer {
    std::vector<FingerprintMatch> matches;
    PackageReport contents;
};

} // namespace

void MainWindow::search(const QString& query)
{
    const QString q = query.trimmed();
    if (q.isEmpty() || m_casePath.isEmpty()) return;
    m_reader->runLatest<SearchAnswer>(
        "search", this,
        [q](CaseFile& k) -> Result<SearchAnswer> {
            SearchAnswer a;
            if (!q.startsWith(QLatin1String("pkg:"), Qt::CaseInsensitive)) {
                Result<std::vector<FingerprintMatch>> found = Timeline(k).search(q);
                if (!found)
                    return found.problem();
                a.matches = std::move(found).value();
            }
            PackageQuery pq;
            pq.term = q;
            Result<PackageReport> r = findPackage(k, pq);
            if (!r) return r.problem();
            a.contents = std::move(r).value();
            return a;
        },
        [this, q](Result<SearchAnswer> r) {
            if (!r) {
                statusBar()->showMessage(tr("The search for “%1” failed: %2").arg(q, r.error()), 10000);
                return;
            }
            std::optional<RunInterval> first;
            if (!r->matches.empty() && !r->matches.front().runs.empty()) first = r->matches.front().runs.front();
            m_search->setResults(q, std::move(r->matches));
            m_search->setContents(std::move(r->contents));
            if (!first && m_search->contentsModel()->rowCount() > 0) first = m_search->contentsModel()->run(0);
            raiseDock(QStringLiteral("searchDock"));
            // One box, one jump: straight to where the first match first ran.
            if (first)
                jumpTo(*first);
            else
                statusBar()->showMessage(tr("Nothing matches “%1”.").arg(q), 6000);
            emit searchFinished();
        });
}

void MainWindow::jumpTo(const RunInterval& run)
{
    QStringList chosen = m_envModel->chosen();
    if (!chosen.contains(run.environment)) {
        // Draw its environment first; the jump completes when the overview arrives.
        m_pendingJump = run;
        chosen << run.environment;
        m_envModel->setChosen(chosen);
        return;
    }
    if (!m_overview) return;
    bool loaded = false;
    for (const EnvironmentTimeline& e : m_overview->environments)
        loaded = loaded || e.environment.name == run.environment;
    if (!loaded) {
        m_pendingJump = run;
        return;
    }
    m_timelinePage->clearLaneFilter();
    timeline()->showRange(run.from, run.to);
    const QModelIndex lane = timeline()->laneModel()->findLane(run.environment, run.fingerprint, run.name);
    if (lane.isValid()) {
        const QModelIndex proxied = timeline()->laneProxy()->mapFromSource(lane);
        timeline()->showLane(proxied); // shown, not chosen: the finding open beside the list stays
        timeline()->scrollTo(proxied, QAbstractItemView::PositionAtCenter);
    }
    timeline()->setTimeCursor(run.from);
    showStateAt(run.from, false);
    statusBar()->showMessage(tr("%1 in %2: %3").arg(run.name, run.environment, utcRange(run.from, run.to)), 10000);
}

void MainWindow::runCheck()
{
    if (m_casePath.isEmpty()) return;
    m_findings->setChecking();
    CheckOptions options;
    options.from = m_periodFrom;
    options.to = m_periodTo;
    m_reader->runLatest<CheckReport>(
        "check", this, [options](CaseFile& k) { return checkCase(k, options); },
        [this](Result<CheckReport> r) {
            if (!r) {
                m_findings->setProblem(r.error());
                statusBar()->showMessage(tr("The check failed: %1").arg(r.error()), 10000);
                emit checkFinished(false);
                return;
            }
            m_findings->setReport(std::move(r).value());
            showCheckOnTimeline();
            const CheckReport& report = m_findings->model()->report();
            statusBar()->showMessage(tr("Checked %1: %2 findings, %3 open")
                                         .arg(report.environments.join(QStringLiteral(", ")))
                                         .arg(report.findings.size())
                                         .arg(report.open),
                8000);
            announceNewFindings();
            emit checkFinished(true);
        });
}

void MainWindow::showCheckOnTimeline()
{
    const CheckReport& report = m_findings->model()->report();
    std::map<QString, EnvironmentModel::Findings> counts;
    std::vector<TimelineView::ShadedSpan> blind;
    std::vector<TimelineView::FlaggedWindow> flagged;
    for (const QString& e : report.environments)
        counts[e];
    for (const Finding& f : report.findings) {
        EnvironmentModel::Findings& c = counts[f.environment];
        ++c.total;
        c.open += f.countsOpen() ? 1 : 0; // as the engine counts them
        c.suppressed += f.suppressedByVex() ? 1 : 0;
        const QString why
            = tr("%1 %2 (%3)")
                  .arg(f.id, FindingModel::kindLabel(f.kind), f.suppressedByVex() ? tr("suppressed by VEX") : FindingModel::dispositionLabel(f.disposition));
        for (const ExposureWindow& w : f.windows) {
            if (f.kind == FindingKind::BlindSpot)
                blind.push_back({ f.environment, w.from, w.to, tr("%1: %2").arg(why, f.detail) });
            else
                flagged.push_back({ f.environment, workloadKey(f), w.from, w.to, f.disposition, why, f.id, f.suppressedByVex() });
        }
    }
    m_envModel->setFindings(std::move(counts));
    timeline()->setShadedSpans(std::move(blind));
    timeline()->setFlaggedWindows(std::move(flagged));
    updateFindingChart();
}

void MainWindow::updateFindingChart()
{
    if (!m_overview || !m_findings->model()->checked()) {
        workloadsChart()->setSeries(nullptr);
        return;
    }
    workloadsChart()->setSeries(
        std::make_shared<const ActivitySeries>(findingActivity(*m_overview, m_findings->model()->report().findings)));
}

void MainWindow::showEvidence(const QString& fingerprint, const QString& context, bool raise)
{
    if (m_casePath.isEmpty() || fingerprint.isEmpty()) return;
    m_evidence->setLoading(fingerprint, context);
    if (const auto& shown = m_findings->detail()->finding(); shown && shown->fingerprint == fingerprint)
        m_findings->detail()->setEvidence(nullptr); // "loading…" in its line until the answer comes
    if (raise) raiseDock(QStringLiteral("evidenceDock"));
    m_reader->runLatest<ArtifactEvidence>(
        "evidence", this,
        [fingerprint](CaseFile& k) -> Result<ArtifactEvidence> { return EvidenceIndex(k).forFingerprint(fingerprint); },
        [this, context](Result<ArtifactEvidence> r) {
            if (!r) {
                m_evidence->setProblem(r.error());
                return;
            }
            const auto& shown = m_findings->detail()->finding();
            if (shown && shown->fingerprint == r->fingerprint) m_findings->detail()->setEvidence(&r.value());
            m_evidence->setEvidence(std::move(r).value(), context);
            emit evidenceLoaded();
        });
    m_reader->runLatest<std::vector<Package>>(
        "packages", this, [fingerprint](CaseFile& k) -> Result<std::vector<Package>> { return packagesOfArtifact(k, fingerprint); },
        [this, fingerprint](Result<std::vector<Package>> r) {
            if (r)
                m_evidence->setPackages(fingerprint, std::move(r).value());
            else
                m_evidence->setPackagesProblem(fingerprint, r.error());
            emit packagesLoaded();
        });
}

void MainWindow::recordDecision(
    const QString& findingId, Disposition disposition, const QString& note, const QString& reviewer)
{
    if (m_casePath.isEmpty()) return;
    m_findings->detail()->setRecording(true);
    struct Recorded {
        Review review;
        QString logHash;
    };
    const QString reviewKey = signingkeys::reviewKey();
    m_reader->run<Recorded>(
        this,
        [findingId, disposition, note, reviewer, reviewKey](CaseFile& k) -> Result<Recorded> {
            // Your own key, when one is set (Signing Keys…), signs the decision beside the log key.
            std::optional<PackSigner> own;
            if (!reviewKey.isEmpty()) {
                Result<PackSigner> key = PackSigner::load(reviewKey);
                if (!key)
                    return Problem(key.problem().file, QString(), tr("your review signing key: %1").arg(key.problem().message));
                own = std::move(key).value();
            }
            Result<Review> r = recordReview(k, findingId, disposition, note, reviewer, own ? &*own : nullptr);
            if (!r) return r.problem();
            // Its own log entry's hash (recordReview has it), not the log's head: an import may have appended since.
            const QString hash = r->logHash;
            return Recorded { std::move(r).value(), hash };
        },
        [this, findingId, reviewKey](Result<Recorded> r) {
            // The form speaks of the finding it shows; another may have been opened meanwhile.
            const bool shown = m_findings->detail()->finding() && m_findings->detail()->finding()->id == findingId;
            if (!r) {
                if (shown) m_findings->detail()->setReviewProblem(r.error());
                statusBar()->showMessage(tr("%1: not recorded: %2").arg(findingId, r.error()), 10000);
                emit reviewFailed(r.error());
                return;
            }
            const Review& rv = r->review;
            QSettings().setValue(QStringLiteral("review/reviewer"), rv.reviewer);
            m_findings->applyReview(
                rv.findingId, ReviewEntry { rv.disposition, rv.note, rv.reviewer, rv.at, r->logHash });
            const QString message = tr("%1 is now %2, recorded by %3 (log %4…)%5")
                                        .arg(rv.findingId, FindingModel::dispositionLabel(rv.disposition), rv.reviewer,
                                            r->logHash.left(12), reviewKey.isEmpty() ? QString() : tr(", signed with your key"));
            if (shown) m_findings->detail()->setRecorded(message);
            showCheckOnTimeline();
            statusBar()->showMessage(message, 8000);
            emit reviewRecorded(rv.findingId);
        });
}

AllowDialog* MainWindow::showAllowDialog(const Finding& finding)
{
    if (m_casePath.isEmpty()) return nullptr;
    if (!m_rights.review) {
        statusBar()->showMessage(m_rights.whyNot(tr("change the allow-list")), 10000);
        return nullptr;
    }
    auto* dialog = new AllowDialog(finding, m_findings->detail()->reviewerEdit()->text().trimmed(), this);
    dialog->setObjectName(QStringLiteral("allowDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AllowDialog::submitted, this, [this, dialog](const AllowEntry& entry) {
        dialog->setBusy(true);
        QPointer<AllowDialog> guard(dialog);
        m_reader->run<AllowEntry>(
            this, [entry](CaseFile& k) { return addAllowEntry(k, entry); },
            [this, guard](Result<AllowEntry> r) {
                if (!r) {
                    if (guard) guard->setProblem(r.error());
                    return;
                }
                if (guard) guard->accept();
                statusBar()->showMessage(
                    tr("Allowed %1 (%2), by %3%4")
                        .arg(r->fingerprint.isEmpty()
                                ? r->namePattern
                                : QStringLiteral("sha256:") + r->fingerprint.left(12) + QStringLiteral("…"),
                            r->reason, r->who,
                            r->validUntil ? tr(" until %1").arg(timefmt::formatIso(*r->validUntil)) : QString()),
                    10000);
                emit allowAdded(*r);
                runCheck();
            });
    });
    dialog->open();
    return dialog;
}

void MainWindow::showFinding(const Finding& finding, int window)
{
    if (finding.windows.empty()) return;
    const ExposureWindow& w
        = finding.windows[static_cast<size_t>(std::clamp(window, 0, static_cast<int>(finding.windows.size()) - 1))];
    RunInterval run;
    run.environment = finding.environment;
    run.fingerprint = finding.fingerprint;
    // The lane of an unknown workload is found by its name; a blind spot has none.
    run.name = finding.kind == FindingKind::BlindSpot ? tr("blind spot %1").arg(finding.id) : finding.names.value(0);
    run.from = w.from;
    run.to = std::max(w.to, w.from + 1000);
    jumpTo(run);
}

void MainWindow::verifyCase(const QString& packDir)
{
    if (m_casePath.isEmpty()) return;
    statusBar()->showMessage(packDir.isEmpty() ? tr("Verifying every stored hash, the log chain and its signatures…")
                                               : tr("Verifying the case, and the log head the pack recorded…"));
    const QString ownPackKey = signingkeys::packKeyFingerprint();
    // How far it has come, in the status bar: the case's sources are read back, decompressed, hashed and replayed.
    QPointer<QStatusBar> bar = statusBar();
    auto progress = [bar](qint64 done, qint64 total) {
        // The reader finishes before the window lets its status bar go, so the bar outlives every call.
        QStatusBar* target = bar.data();
        if (!target) return;
        QMetaObject::invokeMethod(target, [bar, done, total] {
            if (!bar) return;
            bar->showMessage(MainWindow::tr("Verifying the case: %1 % of %2 MB read back (decompressed, hashed, replayed)…")
                                 .arg(total > 0 ? 100 * done / total : 100)
                                 .arg(static_cast<double>(total) / 1e6, 0, 'f', total >= 10000000 ? 0 : 1));
        }, Qt::QueuedConnection);
    };
    m_reader->run<CaseVerification>(
        this, [packDir, ownPackKey, progress](CaseFile& k) -> Result<CaseVerification> { return verifyCaseAndPack(k, packDir, ownPackKey, progress); },
        [this](Result<CaseVerification> r) {
            auto* box = new QMessageBox(this);
            box->setObjectName(QStringLiteral("verifyCaseResult"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setWindowTitle(tr("Case integrity"));
            if (!r) {
                // The check could not run to its end: that is no answer, and is said as such.
                box->setIcon(QMessageBox::Warning);
                box->setText(tr("<b>Not verified.</b> The check could not be completed."));
                box->setInformativeText(r.error());
                box->open();
                statusBar()->showMessage(tr("The case could not be verified: %1").arg(r.error()), 10000);
                emit caseVerified(false);
                return;
            }
            describeVerification(*box, *r);
            box->open();
            const bool holds = r->holds();
            statusBar()->showMessage(holds ? tr("The case is intact.") : tr("The case has been tampered with."), 10000);
            emit caseVerified(holds);
        });
}

void MainWindow::verifyCaseAgainstPackDialog()
{
    if (m_casePath.isEmpty()) return;
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("The Evidence Pack to Verify the Case Against"), QFileInfo(m_casePath).absolutePath());
    if (dir.isEmpty()) return;
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("manifest.json")))) {
        statusBar()->showMessage(tr("%1 is not an evidence pack (no manifest.json).").arg(QDir::toNativeSeparators(dir)), 8000);
        return;
    }
    verifyCase(dir);
}

SigningKeysDialog* MainWindow::showSigningKeysDialog()
{
    auto* dialog = new SigningKeysDialog(this);
    dialog->setObjectName(QStringLiteral("signingKeysDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { statusBar()->showMessage(tr("Signing keys saved."), 5000); });
    dialog->open();
    return dialog;
}

} // namespace tideline::ui
