// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"
#include "import/preview.h"
#include "import/probe.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QTreeWidget;

namespace tideline::ui {

class ImportRunner;
class TimeField;

// Picks files, folders and archives to import, looks at them in the background, and shows per file what the import
// will add (environment, snapshot time, workloads) before it lands, with a warning where a snapshot lies far outside
// its environment's history or shares no workload with it; asks for an environment, a type or a capture time only
// when some payloads do not say it themselves.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    // knownTypes: the case's environments with their types.
    explicit ImportDialog(const QMap<QString, QString>& knownTypes, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setPaths(const QStringList& paths);
    void addPaths(const QStringList& paths);
    QStringList paths() const;
    // Options for the import: the context asked for applies only to payloads that lack it.
    ImportOptions options() const;
    const ImportProbe& probe() const { return m_probe; }
    bool probing() const { return m_probing; }
    // The case's environments as the preview compares against them (the window reads them off the GUI thread).
    void setEnvironmentExtents(std::vector<EnvironmentExtent> extents);
    const std::vector<EnvironmentPreview>& preview() const { return m_preview; }
    QStringList warnings() const;

    QComboBox* environmentField() const { return m_env; }
    QComboBox* typeField() const { return m_type; }
    TimeField* timeField() const { return m_time; }
    QTreeWidget* filesView() const { return m_files; }
    QLabel* warningsLabel() const { return m_warnings; }
    QPushButton* importButton() const;

signals:
    void probeFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void reprobe();
    void onProbed(const ImportProbe& probe);
    void updateState();
    void showPreview();

    QMap<QString, QString> m_knownTypes;
    ImportRunner* m_runner;
    QListWidget* m_list;
    QLabel* m_summary;
    QGroupBox* m_context;
    QFormLayout* m_form;
    QComboBox* m_env;
    QComboBox* m_type;
    TimeField* m_time;
    QTreeWidget* m_files;
    QLabel* m_warnings;
    QDialogButtonBox* m_buttons;
    ImportProbe m_probe;
    std::optional<std::vector<EnvironmentExtent>> m_extents;
    std::vector<EnvironmentPreview> m_preview;
    bool m_probing = false;
    bool m_reprobe = false;
};

} // namespace tideline::ui
