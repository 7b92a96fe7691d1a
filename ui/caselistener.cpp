// SPDX-License-Identifier: GPL-3.0-or-later
#include "caselistener.h"

#include "store/casefile.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace tideline::ui {

CaseListener::CaseListener(QObject* parent)
    : QObject(parent)
    , m_settle(new QTimer(this))
    , m_alive(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(250);
    connect(m_settle, &QTimer::timeout, this, [this] {
        const QStringList actors = m_actors, actions = m_actions;
        m_actors.clear();
        m_actions.clear();
        emit changed(actors, actions);
    });
    m_alive->setInterval(5000);
    connect(m_alive, &QTimer::timeout, this, &CaseListener::check);
}

CaseListener::~CaseListener() = default;

bool CaseListener::listen(const QString& address, QString* why)
{
    stop();
    m_address = address;
    Result<std::unique_ptr<CaseFile>> kase = CaseFile::open(address, CaseFile::Mode::ReadOnly);
    if (!kase) {
        if (why)
            *why = kase.error();
        return false;
    }
    QSqlDriver* driver = (*kase)->db().driver();
    if (!driver->subscribeToNotification((*kase)->notifyChannel())) {
        if (why)
            *why = tr("the server does not deliver notifications");
        return false;
    }
    connect(driver, &QSqlDriver::notification, this,
        [this](const QString&, QSqlDriver::NotificationSource, const QVariant& payload) { onNotification(payload.toString()); });
    m_kase = std::move(kase).value();
    m_role = m_kase->serverRole();
    m_alive->start();
    return true;
}

void CaseListener::stop()
{
    m_alive->stop();
    m_settle->stop();
    m_actors.clear();
    m_actions.clear();
    m_kase.reset();
}

void CaseListener::onNotification(const QString& payload)
{
    const int nl = payload.indexOf(QLatin1Char('\n'));
    const QString actor = nl < 0 ? payload : payload.left(nl);
    const QString action = nl < 0 ? QString() : payload.mid(nl + 1);
    if (!actor.isEmpty() && !m_actors.contains(actor))
        m_actors << actor;
    if (!action.isEmpty() && !m_actions.contains(action))
        m_actions << action;
    m_settle->start(); // restarted by each: one change for a burst
}

void CaseListener::check()
{
    if (m_kase) {
        QSqlQuery q(m_kase->db());
        if (q.exec(QStringLiteral("SELECT 1")))
            return;
        const QString why = q.lastError().text();
        m_kase.reset();
        emit lost(why.simplified());
    }
    // Gone: try again every few seconds; once back, what happened meanwhile is read again by whoever listens.
    const QString address = m_address;
    QString why;
    if (listen(address, &why)) {
        emit back();
        return;
    }
    m_address = address;
    m_alive->start();
}

} // namespace tideline::ui
