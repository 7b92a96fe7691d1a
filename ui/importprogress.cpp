// SPDX-License-Identifier: GPL-3.0-or-later
#include "importprogress.h"

#include "import/importer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace tideline::ui {

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1);
}

} // namespace

ImportProgressWidget::ImportProgressWidget(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, 1000);
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    connect(m_cancel, &QToolButton::clicked, this, &ImportProgressWidget::cancelRequested);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void ImportProgressWidget::start()
{
    m_label->setText(tr("Importing…"));
    m_label->setToolTip(QString());
    m_bar->setValue(0);
    show();
}

void ImportProgressWidget::setProgress(const ImportProgress& p, double bytesPerSecond)
{
    if (p.waitingMs > 0) {
        m_label->setText(tr("Waiting for another import or decision to finish writing the case (%1 s)…").arg(p.waitingMs / 1000));
        return;
    }
    m_bar->setValue(p.bytesTotal > 0 ? static_cast<int>(1000 * p.bytesDone / p.bytesTotal) : 0);
    m_label->setText(tr("Importing: %1 / %2 files · %3 / %4 MB · %5 MB/s")
                         .arg(p.filesDone)
                         .arg(p.filesTotal)
                         .arg(megabytes(p.bytesDone), megabytes(p.bytesTotal))
                         .arg(bytesPerSecond / 1e6, 0, 'f', 0));
    m_label->setToolTip(p.current);
}

} // namespace tideline::ui
