// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tideline {

// A problem a person can act on: which file, where in it, and what is wrong.
struct Problem {
    Problem() = default;
    Problem(QString file, QString where, QString message)
        : file(std::move(file))
        , where(std::move(where))
        , message(std::move(message))
    {
    }
    // A problem with no file or place to name (the caller adds them where it knows them).
    explicit Problem(QString message)
        : message(std::move(message))
    {
    }

    QString file; // the path as the user named it (archive entries as "bundle.zip!/inner/path")
    QString where; // JSON path, "line 12, column 4", or empty
    QString message;

    QString toString() const
    {
        QString s;
        if (!file.isEmpty())
            s += file + QStringLiteral(": ");
        if (!where.isEmpty())
            s += where + QStringLiteral(": ");
        return s + message;
    }
};

// A value or the problem that prevented it. No exceptions cross our API.
template <typename T>
class Result {
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Problem problem)
        : m_value(std::move(problem))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_value); }
    const T& value() const& { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    // By value from a temporary, so that `for (auto& x : *f())` does not iterate a destroyed result.
    T operator*() && { return std::move(std::get<T>(m_value)); }

    const Problem& problem() const { return std::get<Problem>(m_value); }
    QString error() const { return ok() ? QString() : problem().toString(); }

private:
    std::variant<T, Problem> m_value;
};

// For operations that yield nothing but may fail.
class Status {
public:
    Status() = default;
    Status(Problem problem)
        : m_problem(std::move(problem))
    {
    }
    static Status success() { return {}; }

    bool ok() const { return !m_problem.has_value(); }
    explicit operator bool() const { return ok(); }
    const Problem& problem() const { return *m_problem; }
    QString error() const { return ok() ? QString() : m_problem->toString(); }

private:
    std::optional<Problem> m_problem;
};

} // namespace tideline
