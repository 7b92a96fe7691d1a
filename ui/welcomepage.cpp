// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

QLabel* heading(const QString& text, double scale, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(true);
    l->setFont(f);
    l->setAlignment(Qt::AlignCenter);
    return l;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(2);
    auto* column = new QVBoxLayout;
    column->setSpacing(fontMetrics().height() / 2);
    column->addWidget(heading(tr("Tideline"), 2.2, this));
    auto* sub = new QLabel(tr("What ran in production, and was it allowed to?"), this);
    sub->setAlignment(Qt::AlignCenter);
    column->addWidget(sub);
    column->addSpacing(fontMetrics().height());
    auto* demo = new QPushButton(tr("Open the demo case"), this);
    demo->setObjectName(QStringLiteral("openDemo"));
    demo->setDefault(true);
    auto* open = new QPushButton(tr("Open a case…"), this);
    auto* create = new QPushButton(tr("New case…"), this);
    for (QPushButton* b : { demo, open, create }) {
        b->setMinimumHeight(fontMetrics().height() * 2);
        column->addWidget(b);
    }
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::newRequested);
    auto* hint = new QLabel(tr("Or drop snapshots and evidence (files, folders, .zip, .tar.gz) anywhere on this window to start a new case."), this);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    column->addWidget(hint);
    column->addSpacing(fontMetrics().height());
    m_recentTitle = new QLabel(tr("<b>Recent cases</b>"), this);
    column->addWidget(m_recentTitle);
    m_recent = new QListWidget(this);
    m_recent->setMaximumHeight(fontMetrics().height() * 9);
    column->addWidget(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* i) { emit recentRequested(i->data(Qt::UserRole).toString()); });
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    auto* holder = new QWidget(this);
    holder->setLayout(column);
    holder->setMaximumWidth(fontMetrics().averageCharWidth() * 70);
    holder->setMinimumWidth(fontMetrics().averageCharWidth() * 50);
    row->addWidget(holder, 3);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(3);
    setRecent({});
}

void WelcomePage::setRecent(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& p : paths) {
        auto* item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QFileInfo(p).fileName(), QDir::toNativeSeparators(QFileInfo(p).absolutePath())),
            m_recent);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
    }
    m_recent->setVisible(!paths.isEmpty());
    m_recentTitle->setVisible(!paths.isEmpty());
}

EmptyState::EmptyState(const QString& title, const QString& text, const QString& button, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(heading(title, 1.4, this));
    auto* body = new QLabel(text, this);
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignCenter);
    body->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(body);
    if (!button.isEmpty()) {
        m_button = new QPushButton(button, this);
        auto* row = new QHBoxLayout;
        row->addStretch(1);
        row->addWidget(m_button);
        row->addStretch(1);
        layout->addLayout(row);
        connect(m_button, &QPushButton::clicked, this, &EmptyState::clicked);
    }
    layout->addStretch(2);
}

} // namespace tideline::ui
