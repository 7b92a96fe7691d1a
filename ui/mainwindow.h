// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/finding.h"
#include "domain/model.h"
#include "import/importer.h"
#include "timeline/overview.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QKeySequence;
class QLineEdit;
class QListView;
class QStackedWidget;

namespace tideline {
class EnvironmentModel;
struct AllowEntry;
}
Q_MOC_INCLUDE("store/compliancestore.h")

namespace tideline::ui {

class ActivityChart;
class AllowDialog;
class CaseReader;
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

// The auditor's window: environments on the left, charts over the timeline in the middle, and state,
// diff, source, search, findings and import results in docks below. Everything that reads or writes the
// case runs off the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openCase(const QString& path, bool create = false);
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

    QString casePath() const { return m_casePath; }
    bool importing() const;

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
    QListView* environmentList() const { return m_envList; }
    QLineEdit* searchBox() const { return m_searchBox; }
    QDockWidget* dock(const QString& objectName) const;
    ImportDialog* importDialog() const { return m_importDialog; }
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
    void evidenceLoaded();
    void packagesLoaded(); // the evidence panel's Packages tab is filled
    void reviewRecorded(const QString& findingId);
    void reviewFailed(const QString& message);
    void caseVerified(bool intact);
    void allowAdded(const tideline::AllowEntry& entry);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // mainwindow_actions.cpp: menus, toolbar, status bar.
    enum class ActionScope { Always, Case }; // Case: enabled only while a case is open
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
    void loadOverview();
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
    void newCaseDialog();
    void openCaseDialog();
    QMap<QString, QString> knownTypes() const;

    CaseReader* m_reader;
    ImportRunner* m_runner;
    QString m_casePath;
    QString m_caseId;
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
    QList<QDockWidget*> m_hiddenForWelcome; // docks put away while the welcome page shows
};

} // namespace tideline::ui
