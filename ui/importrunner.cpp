// SPDX-License-Identifier: GPL-3.0-or-later
#include "importrunner.h"

#include "store/casefile.h"

#include <QPointer>
#include <QThread>

namespace tideline::ui {

ImportRunner::ImportRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<tideline::ImportProgress>();
    qRegisterMetaType<tideline::ImportReport>();
    qRegisterMetaType<tideline::ImportProbe>();
}

ImportRunner::~ImportRunner()
{
    cancel();
    waitForIdle();
}

void ImportRunner::waitForIdle()
{
    for (QThread* t : { m_thread, m_probeThread })
        if (t)
            t->wait();
}

void ImportRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportRunner::start(const QString& casePath, const QStringList& paths, ImportOptions options)
{
    if (m_busy)
        return;
    m_busy = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_clock.start();
    options.cancel = m_cancel.get();
    QPointer<ImportRunner> self(this);
    auto lastReport = std::make_shared<QElapsedTimer>();
    lastReport->start();
    const QElapsedTimer clock = m_clock;
    options.progress = [self, lastReport, clock](const ImportProgress& p) {
        // The GUI needs a handful of updates a second, not one per file.
        if (lastReport->elapsed() < 100 && p.filesDone < p.filesTotal)
            return;
        lastReport->restart();
        const double seconds = std::max(1e-3, static_cast<double>(clock.nsecsElapsed()) / 1e9);
        const double rate = static_cast<double>(p.bytesDone) / seconds;
        QMetaObject::invokeMethod(
            self.data(), [self, p, rate] {
                if (self)
                    emit self->progress(p, rate);
            },
            Qt::QueuedConnection);
    };
    auto cancelFlag = m_cancel;
    QThread* old = m_thread;
    if (old)
        old->wait();
    m_thread = QThread::create([self, casePath, paths, options, cancelFlag] {
        ImportReport report;
        auto kase = CaseFile::open(casePath, CaseFile::Mode::OpenOrCreate);
        if (!kase)
            report.errors.push_back(kase.problem());
        else
            report = importPaths(**kase, paths, options);
        QMetaObject::invokeMethod(
            self.data(), [self, report] {
                if (!self)
                    return;
                self->m_busy = false;
                emit self->finished(report);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("tideline-import"));
    m_thread->setParent(this);
    if (old)
        old->deleteLater();
    m_thread->start();
}

void ImportRunner::probe(const QStringList& paths, const QMap<QString, QString>& knownTypes)
{
    QPointer<ImportRunner> self(this);
    QThread* old = m_probeThread;
    if (old)
        old->wait();
    m_probeThread = QThread::create([self, paths, knownTypes] {
        const ImportProbe p = probeImport(paths, knownTypes);
        QMetaObject::invokeMethod(
            self.data(), [self, p] {
                if (self)
                    emit self->probed(p);
            },
            Qt::QueuedConnection);
    });
    m_probeThread->setParent(this);
    if (old)
        old->deleteLater();
    m_probeThread->start();
}

} // namespace tideline::ui
