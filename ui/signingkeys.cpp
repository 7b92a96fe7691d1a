// SPDX-License-Identifier: GPL-3.0-or-later
#include "signingkeys.h"

#include "evidence/logsignatures.h"
#include "evidence/packsigner.h"
#include "theme.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tideline::ui {

namespace signingkeys {

namespace {
QString get(const char* key) { return QSettings().value(QLatin1String(key)).toString(); }
void set(const char* key, const QString& path)
{
    if (path.isEmpty())
        QSettings().remove(QLatin1String(key));
    else
        QSettings().setValue(QLatin1String(key), QFileInfo(path).absoluteFilePath());
}
} // namespace

QString packKey() { return get("keys/pack"); }
void setPackKey(const QString& path) { set("keys/pack", path); }
QString logKey() { return get("keys/log"); }
void setLogKey(const QString& path) { set("keys/log", path); }
QString reviewKey() { return get("keys/review"); }
void setReviewKey(const QString& path) { set("keys/review", path); }

void applyLogKey()
{
    QString path = logKey();
    if (path.isEmpty())
        path = qEnvironmentVariable("TIDELINE_LOG_KEY");
    // Read when the first entry is signed; only the default exporter key is made when missing.
    setLogSigner(path.isEmpty() ? std::make_shared<FileLogSigner>(defaultExportKeyPath(), true) : std::make_shared<FileLogSigner>(path, false));
}

QString packKeyFingerprint()
{
    const QString path = packKey().isEmpty() ? defaultExportKeyPath() : packKey();
    Result<PackSigner> k = PackSigner::load(path);
    return k ? k->fingerprint() : QString();
}

} // namespace signingkeys

KeyField::KeyField(const QString& emptyMeans, QWidget* parent)
    : QWidget(parent)
    , m_emptyMeans(emptyMeans)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(emptyMeans);
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_choose = new QPushButton(tr("Choose…"), this);
    row->addWidget(m_edit, 1);
    row->addWidget(m_choose);
    layout->addLayout(row);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // Room for the kind and the sha256 on two lines from the start: a dialog does not grow once shown.
    m_description->setMinimumHeight(fontMetrics().lineSpacing() * 2 + 2);
    layout->addWidget(m_description);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        describe();
        emit changed();
    });
    connect(m_choose, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Signing Key (PEM private key)"),
            path().isEmpty() ? QDir::homePath() : QFileInfo(path()).absolutePath(), tr("PEM keys (*.pem *.key);;All files (*)"));
        if (!file.isEmpty())
            setPath(file);
    });
    describe();
}

QString KeyField::path() const { return m_edit->text().trimmed(); }

void KeyField::setPath(const QString& path) { m_edit->setText(path); }

void KeyField::describe()
{
    m_fingerprint.clear();
    if (path().isEmpty()) {
        m_usable = true;
        m_description->setWordWrap(true);
        m_description->setForegroundRole(QPalette::PlaceholderText);
        m_description->setText(tr("None chosen: %1.").arg(m_emptyMeans));
        return;
    }
    Result<PackSigner> key = PackSigner::load(path());
    m_usable = key.ok();
    QPalette palette = m_description->palette();
    palette.setColor(QPalette::WindowText, m_usable ? Theme::current().text : Theme::current().finding);
    m_description->setPalette(palette);
    m_description->setForegroundRole(QPalette::WindowText);
    if (!key) {
        m_description->setWordWrap(true);
        m_description->setText(tr("Cannot sign with it: %1").arg(key.problem().message));
        return;
    }
    m_fingerprint = key->fingerprint();
    // Two lines that never wrap: a sha256 cut in the middle is no use to compare.
    m_description->setWordWrap(false);
    m_description->setText(tr("%1 key, sha256\n%2").arg(key->description(), m_fingerprint));
}

SigningKeysDialog::SigningKeysDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Signing Keys"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Keys kept outside the case file, as PEM private keys (Ed25519, ECDSA P-256 or P-384). Whoever "
                                "can write a case file can rewrite its log and recompute its hashes; only these keys can sign "
                                "it again."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_pack = new KeyField(tr("packs are signed with your generated exporter key, %1").arg(QDir::toNativeSeparators(defaultExportKeyPath())), this);
    m_pack->setPath(signingkeys::packKey());
    m_log = new KeyField(tr("the log is signed with your exporter key, the one packs are signed with by default"), this);
    m_log->setPath(signingkeys::logKey());
    m_review = new KeyField(tr("your decisions carry the log key's signature only"), this);
    m_review->setPath(signingkeys::reviewKey());
    m_pack->setObjectName(QStringLiteral("packKeyField"));
    m_log->setObjectName(QStringLiteral("logKeyField"));
    m_review->setObjectName(QStringLiteral("reviewKeyField"));
    form->addRow(tr("Evidence packs:"), m_pack);
    form->addRow(tr("The case's log:"), m_log);
    form->addRow(tr("Your decisions:"), m_review);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SigningKeysDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SigningKeysDialog::reject);
    for (KeyField* f : { m_pack, m_log, m_review })
        connect(f, &KeyField::changed, this, &SigningKeysDialog::updateState);
    updateState();
}

void SigningKeysDialog::updateState() { m_ok->setEnabled(m_pack->usable() && m_log->usable() && m_review->usable()); }

void SigningKeysDialog::accept()
{
    if (!m_ok->isEnabled())
        return;
    signingkeys::setPackKey(m_pack->path());
    signingkeys::setLogKey(m_log->path());
    signingkeys::setReviewKey(m_review->path());
    signingkeys::applyLogKey();
    QDialog::accept();
}

} // namespace tideline::ui
