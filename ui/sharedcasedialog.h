// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tideline::ui {

// File › Open Shared Case…: a case on a PostgreSQL server. The fields make the postgresql:// address every
// command takes (libpq's defaults where a field is empty); they are remembered, never a password (there is no
// field for one: libpq reads it from ~/.pgpass, PGPASSFILE or a service file). "List Cases" asks the server which
// cases its database holds.
class SharedCaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit SharedCaseDialog(QWidget* parent = nullptr);

    // The address the fields make (empty while they make none), and whether to create the case when missing.
    QString address() const;
    bool createIfMissing() const;

    QLineEdit* hostField() const { return m_host; }
    QLineEdit* portField() const { return m_port; }
    QLineEdit* databaseField() const { return m_database; }
    QLineEdit* userField() const { return m_user; }
    QLineEdit* optionsField() const { return m_options; }
    QComboBox* caseField() const { return m_case; }
    QPushButton* listButton() const { return m_list; }
    QPushButton* openButton() const { return m_open; }
    QLabel* problemLabel() const { return m_problem; }

    void accept() override;
    // Fills the case list from the server (what List Cases does); false, with the reason shown, when it cannot.
    bool listCases();

private:
    QString addressText(bool withCase) const;
    void updateState();

    QLineEdit* m_host = nullptr;
    QLineEdit* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_options = nullptr;
    QComboBox* m_case = nullptr;
    QCheckBox* m_create = nullptr;
    QPushButton* m_list = nullptr;
    QPushButton* m_open = nullptr;
    QLabel* m_problem = nullptr;
    QLineEdit* m_shown = nullptr;
};

} // namespace tideline::ui
