// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"
#include "domain/result.h"
#include "pack/pack.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QThread;

namespace tideline::ui {

class KeyField;
class TimeField;

// Export pack…: who exports (remembered), the scope (environment, period: the window's own to begin with), the folder
// and whether to copy the original sources; the pack is made on a worker thread with its own connection to the case
// (the PDF's charts are drawn on the GUI thread in between), with progress; at the end, open the PDF or the folder,
// and where that fails, say why.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& casePath, const std::vector<Environment>& environments, QWidget* parent = nullptr);
    // The period to start from (the window's); nothing: the whole history.
    void setPeriod(std::optional<Millis> from, std::optional<Millis> to);
    // The case's title, as the pack will name it.
    void setCaseTitle(const QString& title);
    ~ExportDialog() override;

    PackOptions options() const;
    QString outputDir() const;
    void setOutputDir(const QString& dir);
    bool running() const { return m_thread != nullptr; }
    const Result<PackResult>* result() const { return m_result ? &*m_result : nullptr; }

    // For tests and the window.
    QComboBox* environmentField() const { return m_env; }
    QRadioButton* wholeHistoryButton() const { return m_whole; }
    TimeField* fromField() const { return m_from; }
    TimeField* toField() const { return m_to; }
    QLineEdit* exporterField() const { return m_exporter; }
    QLineEdit* folderField() const { return m_dir; }
    QCheckBox* sourcesField() const { return m_sources; }
    KeyField* signingKeyField() const { return m_key; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* openPdfButton() const { return m_openPdf; }
    QPushButton* showFolderButton() const { return m_showFolder; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }

    static QString defaultOutputDir(const QString& casePath);

public slots:
    void startExport();
    void reject() override;

signals:
    void exported(const QString& dir);
    void failed(const QString& message);
    // Open PDF or Show Folder could not open it: why, for the window to say.
    void openFailed(const QString& message);

private:
    void onProgress(int percent, const QString& step);
    void onFinished(const Result<PackResult>& result);
    void updateState();
    void grow();
    void openPath(const QString& path, const QString& what);

    QString m_casePath;
    QComboBox* m_env = nullptr;
    QRadioButton* m_whole = nullptr;
    QRadioButton* m_period = nullptr;
    TimeField* m_from = nullptr;
    TimeField* m_to = nullptr;
    QLineEdit* m_exporter = nullptr;
    QLabel* m_caseTitle = nullptr;
    QLineEdit* m_dir = nullptr;
    QPushButton* m_browse = nullptr;
    QCheckBox* m_sources = nullptr;
    KeyField* m_key = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_openPdf = nullptr;
    QPushButton* m_showFolder = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QThread* m_thread = nullptr;
    std::optional<Result<PackResult>> m_result;
};

} // namespace tideline::ui
