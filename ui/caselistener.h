// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QTimer;

namespace tideline {
class CaseFile;
}

namespace tideline::ui {

// Listens on a shared case for what others commit to it (PostgreSQL's LISTEN/NOTIFY, on a connection of its own in
// the window's thread): changed() comes a quarter of a second after the last of a burst, with who did what. Every
// few seconds it makes sure the server is still there; lost() and back() say when it went and came back.
class CaseListener : public QObject {
    Q_OBJECT
public:
    explicit CaseListener(QObject* parent = nullptr);
    ~CaseListener() override;

    // Starts listening on the case at address (a postgresql:// address); false, with why, when it cannot.
    bool listen(const QString& address, QString* why = nullptr);
    void stop();
    bool listening() const { return m_kase != nullptr; }
    // The database role this window writes as (the log's actor for its own work).
    const QString& role() const { return m_role; }

signals:
    // actors: who wrote (as the log names them); actions: the log's actions, each once ("import", "review", …).
    void changed(const QStringList& actors, const QStringList& actions);
    void lost(const QString& why);
    void back();

private:
    void onNotification(const QString& payload);
    void check();

    QString m_address;
    QString m_role;
    std::unique_ptr<CaseFile> m_kase;
    QTimer* m_settle = nullptr;
    QTimer* m_alive = nullptr;
    QStringList m_actors, m_actions;
};

} // namespace tideline::ui
