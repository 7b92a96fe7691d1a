#pragma once

#include "domain/result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QThread;

namespace tideline {
class CaseFile;
}

namespace tideline::ui {

class CaseReaderWorker;

// Reads the open case on a thread of its own, with its own connection, so the window never waits on a
// query. Jobs run one after the other; results come back to the GUI thread as values, and a result whose
// context object has gone is dropped.
class CaseReader : public QObject {
    Q_OBJECT
public:
    explicit CaseReader(QObject* parent = nullptr);
    ~CaseReader() override;

    // Opens (or creates) the case on the worker; done gets the case id.
    void open(const QString& path, bool create, QObject* context, std::function<void(Result<QString>)> done);
    void close();

    template <typename T>
    void run(QObject* context, std::function<Result<T>(CaseFile&)> job, std::function<void(Result<T>)> done)
    {
        QPointer<QObject> guard(context);
        post([this, guard, job = std::move(job), done = std::move(done)](CaseFile* kase) mutable {
            auto result = std::make_shared<Result<T>>(kase ? job(*kase) : Result<T>(noCase()));
            deliver([guard, done = std::move(done), result]() {
                if (guard)
                    done(std::move(*result));
            });
        });
    }

private:
    static Problem noCase();
    void post(std::function<void(CaseFile*)> job);
    void deliver(std::function<void()> fn);

    QThread* m_thread = nullptr;
    CaseReaderWorker* m_worker = nullptr;
};

} // namespace tideline::ui
