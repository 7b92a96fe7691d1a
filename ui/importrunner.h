// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/importer.h"
#include "import/probe.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>

namespace tideline::ui {

// Runs an import (or a look at what one would find) on a worker thread with its own connection to the
// case. Progress arrives a few times a second; cancel() stops it between files.
class ImportRunner : public QObject {
    Q_OBJECT
public:
    explicit ImportRunner(QObject* parent = nullptr);
    ~ImportRunner() override;

    bool busy() const { return m_busy; }
    void start(const QString& casePath, const QStringList& paths, ImportOptions options);
    void probe(const QStringList& paths, const QMap<QString, QString>& knownTypes);
    void cancel();
    // Waits for the worker to end (used when the window closes).
    void waitForIdle();

signals:
    void progress(const tideline::ImportProgress& progress, double bytesPerSecond);
    void finished(const tideline::ImportReport& report);
    void probed(const tideline::ImportProbe& probe);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QElapsedTimer m_clock;
    bool m_busy = false;
    class QThread* m_thread = nullptr;
    class QThread* m_probeThread = nullptr;
};

} // namespace tideline::ui
