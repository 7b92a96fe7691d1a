// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "store/caseroles.h"
#include "domain/model.h"
#include "import/importer.h"
#include "store/caseproperties.h"
#include "timeline/overview.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>
#include <set>

class QAction;
class QDockWidget;
class QKeySequence;
class QLineEdit;
class QListView;
class QMenu;
class QSystemTrayIcon;
class QStackedWidget;
class QTableView;

namespace tideline {
class EnvironmentModel;
struct AllowEntry;
}
Q_MOC_INCLUDE("store/compliancestore.h")

namespace tideline::ui {

class ActivityChart;
class AllowDialog;
class CasePropertiesDialog;
class SharedCaseDialog;
class CaseListener;
class CaseReader;
class DropWatcher;
class RetractDialog;
class DiffPanel;
class EmptyState;
class EvidencePanel;
class ExportDialog;
class FindingsPanel;
class ImportDialog;
class ImportResultsPanel;
class ImportProgressWidget;
class ImportRunner;
class RecentCases;
class SearchPanel;
class SigningKeysDialog;
class SourcePanel;
class StatePanel;
class TimelinePage;
class TimelineView;
class WelcomePage;

// What a context menu or a double click is about: a bar, a lane, a snapshot mark, a row of a list.
struct LinkSubject {
    QString environment;
    QString fingerprint; // full sha256; empty when unknown
    QString name; // the workload's full name
    std::optional<Millis> at; // the time it is about (under the pointer, a run's start, a snapshot's)
    QStringList findingIds; // findings about it there
    bool snapshotRow = false; // an environment's row (its snapshots), not a workload
};

// The auditor's window: environments on the left, charts over the timeline in the middle, and state,
// diff, source, search, findings and import results in docks below. Everything that reads or writes the
// case runs off the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // create: a new case where none is; readOnly: read it without changing anything, whatever the medium allows. A case
    // on a medium or in a folder that cannot be written opens read-only on its own.
    void openCase(const QString& path, bool create = false, bool readOnly = false);
    bool caseReadOnly() const { return m_caseReadOnly; }
    void openDemo();
    void closeCase();
    // Imports paths into the open case in the background (no dialog).
    void startImport(const QStringList& paths, const ImportOptions& options = {});
    // Opens the import dialog (non-modal; it imports when accepted).
    ImportDialog* showImportDialog(const QStringList& paths = {});
    // Opens the evidence pack's export dialog (window-modal; it exports on a worker).
    ExportDialog* showExportDialog();
    void search(const QString& query);
    // raise: bring the state panel to the front (a click asks for it; a jump from search does not).
    void showStateAt(Millis at, bool raise = true);
    void compare(const QString& from, const QString& to);
    void showSource(const QString& sha256, const QString& context);
    void setChosenEnvironments(const QStringList& names);
    // Evaluates the case's policies over every environment in the background; the findings panel,
    // the environment list and the timeline take the result.
    void runCheck();
    // What the case holds about an artifact, in the evidence panel (raise: bring it to the front).
    void showEvidence(const QString& fingerprint, const QString& context, bool raise = true);
    // Appends a decision to a finding's history (a log entry and a review row, in the background).
    void recordDecision(const QString& findingId, Disposition disposition, const QString& note, const QString& reviewer);
    // A finding's exposure window on the timeline (its environment is drawn first when it is not).
    void showFinding(const Finding& finding, int window = 0);
    // The allow-list entry for a finding's workload, asked for in a dialog; the case checks again once it is in.
    AllowDialog* showAllowDialog(const Finding& finding);
    // Rechecks every stored hash, the log chain and its signatures in the background; given an evidence pack, also
    // that the log head it recorded is still in the chain. The result shows in a message box.
    void verifyCase(const QString& packDir = QString());
    // Asks for a pack folder, then verifyCase(it).
    void verifyCaseAgainstPackDialog();
    // Settings › Signing Keys…: the pack, log and review keys (remembered).
    SigningKeysDialog* showSigningKeysDialog();

    // Go › Go to Time (Ctrl+G), the State panel's At field: a time (ISO 8601, 3.hours.ago) or a snapshot (prod#12,
    // prod~1, prod@{…}); the timeline's cursor goes there and the state then shows.
    void goToTime(const QString& text);
    // ← →: the snapshot before or after the cursor, in the environments drawn.
    void stepSnapshot(int step);
    // The period the window looks at (the timeline, the findings, the charts; the export starts from it).
    void setPeriod(std::optional<Millis> from, std::optional<Millis> to);
    std::optional<Millis> periodFrom() const { return m_periodFrom; }
    std::optional<Millis> periodTo() const { return m_periodTo; }
    // File › Retract an Import…: the case's imports, one taken back with a reason (sha256: that file's, picked).
    RetractDialog* showRetractDialog(const QString& sha256 = QString());
    void retractImport(const QString& target, const QString& reason);
    // File › Case Properties…: the case's title and its watched folder.
    CasePropertiesDialog* showCasePropertiesDialog();
    // File › Open Shared Case…: a case on a PostgreSQL server (opened once the dialog is accepted).
    SharedCaseDialog* showSharedCaseDialog();
    void saveCaseProperties(const CaseProperties& properties);
    const CaseProperties& caseProperties() const { return m_properties; }
    // A double click on the timeline: the finding there, or the workload's evidence where it has none.
    void activate(const LinkSubject& subject);
    // The context menu for a subject (the caller shows and deletes it); its actions are named for tests
    // ("copyFingerprint", "copyName", "copyTime", "searchEverywhere", "openFinding", "showEvidence", "diffPrevious",
    // "showSnapshotSource").
    QMenu* contextMenu(const LinkSubject& subject, QWidget* parent = nullptr);
    DropWatcher* dropWatcher() const { return m_dropWatcher; }
    // The chart strip shown or folded away.
    void setChartsVisible(bool visible);

    QString casePath() const { return m_casePath; }
    bool importing() const;
    // On a read-only case: says in the status bar that nothing can be <what>, and true.
    bool refusedReadOnly(const QString& what);

    // For tests, screenshots and benchmarks.
    TimelineView* timeline() const;
    ActivityChart* workloadsChart() const;
    ActivityChart* instancesChart() const;
    DiffPanel* diffPanel() const { return m_diff; }
    StatePanel* statePanel() const { return m_state; }
    SourcePanel* sourcePanel() const { return m_source; }
    SearchPanel* searchPanel() const { return m_search; }
    FindingsPanel* findingsPanel() const { return m_findings; }
    EvidencePanel* evidencePanel() const { return m_evidence; }
    ImportResultsPanel* importResults() const { return m_importResults; }
    EnvironmentModel* environmentModel() const { return m_envModel; }
    const CaseRights& rights() const { return m_rights; }
    QListView* environmentList() const { return m_envList; }
    QLineEdit* searchBox() const { return m_searchBox; }
    QDockWidget* dock(const QString& objectName) const;
    ImportDialog* importDialog() const { return m_importDialog; }
    TimelinePage* timelinePage() const { return m_timelinePage; }
    RetractDialog* retractDialog() const;
    ExportDialog* exportDialog() const;
    std::shared_ptr<const TimelineOverview> overview() const { return m_overview; }
    QWidget* currentPage() const;

signals:
    void caseOpened(const QString& path);
    void caseFailed(const QString& message);
    void environmentsLoaded();
    void overviewLoaded();
    void stateLoaded();
    void diffLoaded();
    void sourceLoaded();
    void searchFinished();
    void importFinished(const tideline::ImportReport& report);
    void checkFinished(bool ok);
    // A shared case changed under the window (another user's import, decision, allow-list entry…): who and what,
    // as the log names them. The window reads it again at once.
    void sharedCaseChanged(const QStringList& actors, const QStringList& actions);
    // A shared case: what the window's database role may do there is known (rights()).
    void rightsLoaded();
    void evidenceLoaded();
    void packagesLoaded(); // the evidence panel's Packages tab is filled
    void reviewRecorded(const QString& findingId);
    void reviewFailed(const QString& message);
    void caseVerified(bool intact);
    void allowAdded(const tideline::AllowEntry& entry);
    void wentTo(tideline::Millis at);
    void goToFailed(const QString& message);
    void retracted(const QString& logHash);
    void retractFailed(const QString& message);
    void propertiesSaved();
    // New findings a check found after an import from the watched folder.
    void newFindings(const QStringList& ids);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // mainwindow_actions.cpp: menus, toolbar, status bar.
    enum class ActionScope { Always, Case, Write }; // Case: while a case is open; Write: while it is open and writable
    template <typename Slot>
    QAction* newAction(const QString& text, const QKeySequence& key, Slot slot, ActionScope scope = ActionScope::Always);
    void buildActions();
    void buildFileMenu();
    void buildViewMenu();
    void buildGoMenu();
    void buildHelpMenu();
    void buildToolBar();
    void buildStatusBar();
    void showShortcuts();
    void setAppearance(const QString& name);
    // mainwindow_docks.cpp: the pages in the middle and the docks around them.
    void buildDocks();
    void buildCentral();
    void raiseDock(const QString& objectName);
    void loadEnvironments();
    // keepView: the same case, other environments ticked: the stretch shown and the cursor stay.
    void loadOverview(bool keepView = false);
    void updatePage();
    void setWelcomeMode(bool on);
    void onImportProgress(const ImportProgress& p, double rate);
    void onImportFinished(const ImportReport& report);
    // After an import that left keys or trusted roots untrusted: the trust prompt (trustdialog.h).
    void askToTrust(const std::vector<AnchorImport>& untrusted);
    void jumpTo(const RunInterval& run);
    // The timeline and the environment list after a check or a decision.
    void showCheckOnTimeline();
    // The workloads chart by finding once a check is in; by known and unknown fingerprints before.
    void updateFindingChart();
    void handleDroppedPaths(const QStringList& paths);
    // mainwindow_links.cpp: what links to what (double clicks, context menus, lanes and findings, time as input).
    void buildLinks();
    void showTableMenu(QTableView* table, const QPoint& pos);
    void followLane(const QString& environment, const QStringList& keys);
    void followFinding(const Finding& finding);
    void diffWithPrevious(const QString& environment, Millis at);
    void showSnapshotSourceAt(const QString& environment, Millis at);
    void loadCaseProperties();
    void announceNewFindings();
    void updateWindowTitle();
    void newCaseDialog();
    void openCaseDialog(bool readOnly = false);
    QMap<QString, QString> knownTypes() const;

    CaseReader* m_reader;
    ImportRunner* m_runner;
    QString m_casePath;
    QString m_caseId;
    bool m_caseReadOnly = false; // opened read-only: nothing is imported, decided, retracted or exported
    CaseRights m_rights; // a shared case: what this window's database role may do there (a file: everything)
    std::shared_ptr<const TimelineOverview> m_overview;
    std::optional<RunInterval> m_pendingJump;
    QStringList m_pendingImport;
    QString m_demoMarker; // written once the demo import has finished whole

    EnvironmentModel* m_envModel;
    QListView* m_envList = nullptr;
    QStackedWidget* m_pages = nullptr;
    WelcomePage* m_welcome = nullptr;
    QWidget* m_casePage = nullptr;
    QStackedWidget* m_caseStack = nullptr;
    TimelinePage* m_timelinePage = nullptr;
    EmptyState* m_emptyCase = nullptr;
    EmptyState* m_noEnvironments = nullptr;
    EmptyState* m_loading = nullptr;
    DiffPanel* m_diff = nullptr;
    StatePanel* m_state = nullptr;
    SourcePanel* m_source = nullptr;
    SearchPanel* m_search = nullptr;
    FindingsPanel* m_findings = nullptr;
    EvidencePanel* m_evidence = nullptr;
    ImportResultsPanel* m_importResults = nullptr;
    ImportDialog* m_importDialog = nullptr;
    QPointer<ExportDialog> m_exportDialog;
    QLineEdit* m_searchBox = nullptr;
    ImportProgressWidget* m_progress = nullptr;
    RecentCases* m_recent = nullptr;
    QAction* m_importAction = nullptr; // disabled while an import runs
    QList<QAction*> m_caseActions; // enabled only while a case is open
    QList<QAction*> m_writeActions; // enabled only while a writable case is open
    QList<QDockWidget*> m_hiddenForWelcome; // docks put away while the welcome page shows
    QByteArray m_layoutBeforeWelcome; // their sizes, given back with them
    CaseProperties m_properties;
    std::optional<Millis> m_periodFrom, m_periodTo;
    DropWatcher* m_dropWatcher = nullptr;
    CaseListener* m_listener = nullptr; // a shared case: what others commit to it
    QSystemTrayIcon* m_tray = nullptr; // desktop notifications, where the desktop has a tray
    std::set<QString> m_knownFindings; // the finding ids of the latest check
    bool m_announceNewFindings = false; // the next check follows an import from the watched folder
    bool m_following = false; // a lane and a finding selecting each other: once each way
    bool m_firstShow = true;
    QPointer<RetractDialog> m_retractDialog;
};

} // namespace tideline::ui
