// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/evidenceindex.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace tideline {
class EvidenceModel;
class PackageModel;
struct Package;
}

namespace tideline::ui {

// What the case holds about one artifact: the trails it belongs to and how they stand under their flow
// templates, and every piece of evidence bound to it with its signature's verdict. A piece opens in full
// beside the list; its source file opens in the Source panel, byte for byte.
class EvidencePanel : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePanel(QWidget* parent = nullptr);

    // context: what asked for it, e.g. "F-3a9c1b2d" or "shop/api:1.4.0 in prod".
    void setLoading(const QString& fingerprint, const QString& context);
    void setEvidence(ArtifactEvidence evidence, const QString& context);
    void setProblem(const QString& message);
    // The packages its SBOMs list (a tab of their own, filterable).
    void setPackages(const QString& fingerprint, std::vector<Package> packages);
    // The packages of the workload shown could not be read: the tab says so (never "no SBOM").
    void setPackagesProblem(const QString& fingerprint, const QString& message);
    void clear();
    QString fingerprint() const;

    EvidenceModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLabel* title() const { return m_title; }
    QLabel* trails() const { return m_trails; }
    QTextBrowser* detail() const { return m_detail; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* packageTable() const { return m_packageTable; }
    QLineEdit* packageFilter() const { return m_packageFilter; }
    PackageModel* packageModel() const { return m_packages; }

signals:
    void sourceRequested(const QString& sha256, const QString& context);

private:
    void showRecord(int row);

    EvidenceModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QString m_fingerprint;
    QString m_context;
    QLabel* m_title;
    QLabel* m_trails;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QTableView* m_table;
    QTextBrowser* m_detail;
    QTabWidget* m_tabs;
    PackageModel* m_packages;
    QSortFilterProxyModel* m_packageProxy;
    QLineEdit* m_packageFilter;
    QTableView* m_packageTable;
    QLabel* m_packageNote;
};

} // namespace tideline::ui
