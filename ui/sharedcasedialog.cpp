// SPDX-License-Identifier: GPL-3.0-or-later
#include "sharedcasedialog.h"

#include "store/caseaddress.h"
#include "store/casefile.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tideline::ui {

namespace {

const char* const kGroup = "sharedCase";

} // namespace

SharedCaseDialog::SharedCaseDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Open Shared Case"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("A case on a PostgreSQL server, shared with the rest of the team. Empty fields take libpq's defaults "
                                "(PGHOST, PGPORT, PGUSER, a service file)."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("sharedHost"));
    m_host->setPlaceholderText(tr("db.example.org, or a socket folder such as /run/postgresql"));
    form->addRow(tr("Server:"), m_host);
    m_port = new QLineEdit(this);
    m_port->setObjectName(QStringLiteral("sharedPort"));
    m_port->setPlaceholderText(tr("5432"));
    m_port->setMaximumWidth(fontMetrics().averageCharWidth() * 10);
    form->addRow(tr("Port:"), m_port);
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("sharedDatabase"));
    m_database->setPlaceholderText(tr("the database holding the team's cases"));
    form->addRow(tr("Database:"), m_database);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("sharedUser"));
    m_user->setPlaceholderText(tr("your role on the server (empty: your login name)"));
    form->addRow(tr("User:"), m_user);
    m_options = new QLineEdit(this);
    m_options->setObjectName(QStringLiteral("sharedOptions"));
    m_options->setPlaceholderText(tr("libpq options, e.g. sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem"));
    form->addRow(tr("Options:"), m_options);
    m_case = new QComboBox(this);
    m_case->setObjectName(QStringLiteral("sharedCaseName"));
    m_case->setEditable(true);
    m_case->setInsertPolicy(QComboBox::NoInsert);
    m_case->setMinimumWidth(fontMetrics().averageCharWidth() * 28);
    m_list = new QPushButton(tr("List Cases"), this);
    m_list->setObjectName(QStringLiteral("sharedList"));
    m_list->setToolTip(tr("Ask the server which cases this database holds"));
    auto* caseRow = new QHBoxLayout;
    caseRow->addWidget(m_case, 1);
    caseRow->addWidget(m_list);
    form->addRow(tr("Case:"), caseRow);
    m_create = new QCheckBox(tr("Create the case when the server does not hold it yet"), this);
    m_create->setObjectName(QStringLiteral("sharedCreate"));
    form->addRow(QString(), m_create);
    layout->addLayout(form);

    auto* password = new QLabel(tr("No password here: libpq reads it from ~/.pgpass or the file PGPASSFILE names, or use a service "
                                   "file or certificate authentication. Tideline never stores one."),
        this);
    password->setWordWrap(true);
    password->setEnabled(false); // the secondary text colour of the palette
    layout->addWidget(password);
    // The address the fields make, as the command line takes it (selectable, to copy into a script).
    auto* shownRow = new QFormLayout;
    m_shown = new QLineEdit(this);
    m_shown->setObjectName(QStringLiteral("sharedAddress"));
    m_shown->setReadOnly(true);
    shownRow->addRow(tr("Address:"), m_shown);
    layout->addLayout(shownRow);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("sharedProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(tr("Open"), QDialogButtonBox::AcceptRole);
    m_open->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SharedCaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SharedCaseDialog::reject);
    connect(m_list, &QPushButton::clicked, this, [this] { listCases(); });

    QSettings settings;
    settings.beginGroup(QLatin1String(kGroup));
    m_host->setText(settings.value(QStringLiteral("host")).toString());
    m_port->setText(settings.value(QStringLiteral("port")).toString());
    m_database->setText(settings.value(QStringLiteral("database")).toString());
    m_user->setText(settings.value(QStringLiteral("user")).toString());
    m_options->setText(settings.value(QStringLiteral("options")).toString());
    m_case->setEditText(settings.value(QStringLiteral("case")).toString());
    settings.endGroup();

    for (QLineEdit* e : { m_host, m_port, m_database, m_user, m_options })
        connect(e, &QLineEdit::textChanged, this, &SharedCaseDialog::updateState);
    connect(m_case, &QComboBox::editTextChanged, this, &SharedCaseDialog::updateState);
    updateState();
}

QString SharedCaseDialog::addressText(bool withCase) const
{
    // The fields as an address, written the way the command line shows it; the options as typed after it, so that
    // parsing the whole says what is wrong with them (a password, a ';').
    ServerAddress a;
    a.user = m_user->text().trimmed();
    a.host = m_host->text().trimmed();
    a.port = m_port->text().trimmed();
    a.database = m_database->text().trimmed();
    if (withCase)
        a.caseName = m_case->currentText().trimmed();
    QString s = a.display();
    const QString options = m_options->text().trimmed();
    if (!options.isEmpty())
        s += (s.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + options;
    return s;
}

QString SharedCaseDialog::address() const
{
    const Result<ServerAddress> a = parseServerAddress(addressText(true), true);
    return a ? a->display() : QString();
}

bool SharedCaseDialog::createIfMissing() const { return m_create->isChecked(); }

void SharedCaseDialog::updateState()
{
    const Result<ServerAddress> a = parseServerAddress(addressText(true), true);
    m_open->setEnabled(a.ok());
    m_shown->setText(a ? a->display() : QString());
    m_shown->setCursorPosition(0); // the start of the address, where it differs
    m_shown->setPlaceholderText(a ? QString() : a.problem().message);
    m_shown->setToolTip(a ? a->display() : a.problem().message);
    m_problem->setVisible(false);
}

bool SharedCaseDialog::listCases()
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Result<std::vector<ServerCase>> cases = CaseFile::casesOnServer(addressText(false));
    QApplication::restoreOverrideCursor();
    if (!cases) {
        m_problem->setText(cases.problem().message);
        m_problem->setVisible(true);
        return false;
    }
    const QString typed = m_case->currentText();
    m_case->clear();
    for (const ServerCase& c : *cases)
        m_case->addItem(c.name);
    m_case->setEditText(typed.isEmpty() && !cases->empty() ? cases->front().name : typed);
    m_problem->setText(cases->empty() ? tr("This database holds no cases yet: name one and tick Create to start it.")
                                      : tr("%n case(s) in this database.", nullptr, int(cases->size())));
    m_problem->setVisible(true);
    return true;
}

void SharedCaseDialog::accept()
{
    if (address().isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(QLatin1String(kGroup));
    settings.setValue(QStringLiteral("host"), m_host->text().trimmed());
    settings.setValue(QStringLiteral("port"), m_port->text().trimmed());
    settings.setValue(QStringLiteral("database"), m_database->text().trimmed());
    settings.setValue(QStringLiteral("user"), m_user->text().trimmed());
    settings.setValue(QStringLiteral("options"), m_options->text().trimmed());
    settings.setValue(QStringLiteral("case"), m_case->currentText().trimmed());
    settings.endGroup();
    QDialog::accept();
}

} // namespace tideline::ui
