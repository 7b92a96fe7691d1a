// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/sourcedocument.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace tideline::ui {

// The original bytes of a snapshot's source, pretty-printed, with the sha256 they hash to.
class SourcePanel : public QWidget {
    Q_OBJECT
public:
    explicit SourcePanel(QWidget* parent = nullptr);
    void setDocument(const SourceDocument& doc, const QString& context);
    void setProblem(const QString& message);
    void setLoading(const QString& what);
    void clear();
    QString shownSha256() const { return m_sha; }
    QPlainTextEdit* text() const { return m_text; }

private:
    QLabel* m_title;
    QLabel* m_badge;
    QPlainTextEdit* m_text;
    QString m_sha;
};

} // namespace tideline::ui
