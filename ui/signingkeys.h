// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The keys the window signs with, all kept outside the case and remembered in the settings:
//   keys/pack    signs evidence packs: the organisation's own key; empty: your generated exporter key
//   keys/log     signs every entry the window adds to a case's log; empty: TIDELINE_LOG_KEY, else the exporter key
//   keys/review  signs your decisions too, beside the log key; empty: decisions carry the log key's signature only

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tideline::ui {

namespace signingkeys {
QString packKey();
void setPackKey(const QString& path);
QString logKey();
void setLogKey(const QString& path);
QString reviewKey();
void setReviewKey(const QString& path);
// Makes the log key setting the key this process signs log entries with.
void applyLogKey();
// The sha256 of the key packs are signed with now (the setting, or the exporter key when it exists); empty when
// there is none yet.
QString packKeyFingerprint();
} // namespace signingkeys

// A key file: its path, a Choose… button, and what the key is (its kind and sha256) or why it cannot sign.
class KeyField : public QWidget {
    Q_OBJECT
public:
    // emptyMeans: what an empty path stands for, e.g. "your generated exporter key".
    KeyField(const QString& emptyMeans, QWidget* parent = nullptr);

    QString path() const;
    void setPath(const QString& path);
    bool usable() const { return m_usable; } // empty, or a private key that signs packs and logs
    QString fingerprint() const { return m_fingerprint; }

    QLineEdit* edit() const { return m_edit; }
    QPushButton* chooseButton() const { return m_choose; }
    QLabel* descriptionLabel() const { return m_description; }

signals:
    void changed();

private:
    void describe();

    QString m_emptyMeans;
    QLineEdit* m_edit = nullptr;
    QPushButton* m_choose = nullptr;
    QPushButton* m_clear = nullptr;
    QLabel* m_description = nullptr;
    bool m_usable = true;
    QString m_fingerprint;
};

// Settings › Signing Keys…: the three keys above, saved when accepted.
class SigningKeysDialog : public QDialog {
    Q_OBJECT
public:
    explicit SigningKeysDialog(QWidget* parent = nullptr);
    KeyField* packField() const { return m_pack; }
    KeyField* logField() const { return m_log; }
    KeyField* reviewField() const { return m_review; }
    void accept() override;

private:
    void updateState();

    KeyField* m_pack = nullptr;
    KeyField* m_log = nullptr;
    KeyField* m_review = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace tideline::ui
