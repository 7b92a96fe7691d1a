// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>
#include <string>

class QThread;

namespace tideline {
class CaseFile;
}

namespace tideline::ui {

class CaseReaderWorker;

// Reads the open case on a thread of its own, with its own connection, so the window never waits on a
// query. Jobs run one after the other; results come back to the GUI thread as values. A result is dropped when
// its context object has gone, when another case was opened (or the case closed) since it was asked for, and,
// for jobs on a channel, when a newer job was posted on the same channel: only the latest answer shows.
class CaseReader : public QObject {
    Q_OBJECT
public:
    explicit CaseReader(QObject* parent = nullptr);
    ~CaseReader() override;

    // How the window opens a case: created when missing; an existing one, read-only where it cannot be written
    // (a read-only medium or folder); or read-only whatever the medium (File › Open Case Read-Only…).
    enum class Access { Create, Existing, ReadOnly };
    struct Opened {
        QString caseId;
        bool readOnly = false;
    };
    // Opens the case on the worker; done gets its id and whether it is read-only. Results of jobs posted before are
    // dropped.
    void open(const QString& path, Access access, QObject* context, std::function<void(Result<Opened>)> done);
    void close();

    template <typename T>
    void run(QObject* context, std::function<Result<T>(CaseFile&)> job, std::function<void(Result<T>)> done)
    {
        submit<T>(context, nullptr, std::move(job), std::move(done));
    }
    // channel: a name for what the job answers ("state", "diff"); a newer job on it supersedes this one.
    template <typename T>
    void runLatest(const char* channel, QObject* context, std::function<Result<T>(CaseFile&)> job,
        std::function<void(Result<T>)> done)
    {
        submit<T>(context, channel, std::move(job), std::move(done));
    }

private:
    struct Ticket {
        quint64 generation = 0;
        const char* channel = nullptr;
        quint64 sequence = 0;
    };
    Ticket issue(const char* channel);
    bool current(const Ticket& t) const;

    template <typename T>
    void submit(QObject* context, const char* channel, std::function<Result<T>(CaseFile&)> job,
        std::function<void(Result<T>)> done)
    {
        QPointer<QObject> guard(context);
        const Ticket ticket = issue(channel);
        post([this, guard, ticket, job = std::move(job), done = std::move(done)](CaseFile* kase) mutable {
            auto result = std::make_shared<Result<T>>(kase ? job(*kase) : Result<T>(noCase()));
            deliver([this, guard, ticket, done = std::move(done), result]() {
                if (guard && current(ticket)) done(std::move(*result));
            });
        });
    }

    static Problem noCase();
    void post(std::function<void(CaseFile*)> job);
    void deliver(std::function<void()> fn);

    QThread* m_thread = nullptr;
    CaseReaderWorker* m_worker = nullptr;
    quint64 m_generation = 0; // GUI thread only, like the tickets
    std::map<std::string, quint64> m_latest; // per channel, the sequence of its newest job
};

} // namespace tideline::ui
