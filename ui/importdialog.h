// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"
#include "import/probe.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;

namespace tideline::ui {

class ImportRunner;

// Picks files, folders and archives to import, looks at them in the background, and asks for an
// environment, a type or a capture time only when some payloads do not say it themselves.
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

    QComboBox* environmentField() const { return m_env; }
    QComboBox* typeField() const { return m_type; }
    QDateTimeEdit* timeField() const { return m_time; }
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

    QMap<QString, QString> m_knownTypes;
    ImportRunner* m_runner;
    QListWidget* m_list;
    QLabel* m_summary;
    QGroupBox* m_context;
    QFormLayout* m_form;
    QComboBox* m_env;
    QComboBox* m_type;
    QDateTimeEdit* m_time;
    QDialogButtonBox* m_buttons;
    ImportProbe m_probe;
    bool m_probing = false;
    bool m_reprobe = false;
};

} // namespace tideline::ui
