// SPDX-License-Identifier: GPL-3.0-or-later
#include "casereader.h"

#include "store/casefile.h"

#include <QThread>

namespace tideline::ui {

// Lives on the reader thread and owns the connection opened there.
class CaseReaderWorker : public QObject {
public:
    std::unique_ptr<CaseFile> kase;
};

CaseReader::CaseReader(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new CaseReaderWorker)
{
    m_thread->setObjectName(QStringLiteral("tideline-case-reader"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

CaseReader::~CaseReader()
{
    // The connection must close on the thread that opened it.
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->kase.reset(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

CaseReader::Ticket CaseReader::issue(const char* channel)
{
    Ticket t;
    t.generation = m_generation;
    t.channel = channel;
    if (channel) t.sequence = ++m_latest[channel];
    return t;
}

bool CaseReader::current(const Ticket& t) const
{
    if (t.generation != m_generation) return false;
    if (!t.channel) return true;
    const auto it = m_latest.find(t.channel);
    return it != m_latest.end() && it->second == t.sequence;
}

Problem CaseReader::noCase()
{
    return Problem(tr("no case is open"));
}

void CaseReader::post(std::function<void(CaseFile*)> job)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, job = std::move(job)] { job(w->kase.get()); }, Qt::QueuedConnection);
}

void CaseReader::deliver(std::function<void()> fn)
{
    QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

void CaseReader::open(const QString& path, Access access, QObject* context, std::function<void(Result<Opened>)> done)
{
    ++m_generation;
    QPointer<QObject> guard(context);
    const Ticket ticket = issue(nullptr);
    QMetaObject::invokeMethod(
        m_worker,
        [this, w = m_worker, path, access, guard, ticket, done = std::move(done)]() mutable {
            w->kase.reset();
            const CaseFile::Mode mode = access == Access::Create ? CaseFile::Mode::OpenOrCreate
                : access == Access::ReadOnly                     ? CaseFile::Mode::ReadOnly
                                                                 : CaseFile::Mode::ReadOnlyIfProtected;
            auto opened = CaseFile::open(path, mode);
            auto result = std::make_shared<Result<Opened>>(
                opened ? Result<Opened>(Opened { opened.value()->caseId(), opened.value()->readOnly() }) : Result<Opened>(opened.problem()));
            if (opened) w->kase = std::move(opened).value();
            deliver([this, guard, ticket, done = std::move(done), result] {
                if (guard && current(ticket)) done(std::move(*result));
            });
        },
        Qt::QueuedConnection);
}

void CaseReader::close()
{
    ++m_generation;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->kase.reset(); }, Qt::QueuedConnection);
}

} // namespace tideline::ui
