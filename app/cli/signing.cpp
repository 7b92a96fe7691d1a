// SPDX-License-Identifier: GPL-3.0-or-later
// The keys commands sign with, all kept outside the case: the log key (every entry a command appends to the case's
// log is signed with it), a pack's signer, a reviewer's own key; and the signer a check is pinned to.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "evidence/logsignatures.h"
#include "evidence/packsigner.h"

#include <QFile>

namespace tideline::cli {

QCommandLineOption logKeyOption()
{
    return opt(QStringLiteral("log-key"),
        QStringLiteral("Sign the entries this command adds to the case's log with this key (PEM private key, Ed25519 or "
                       "ECDSA P-256/P-384; default: TIDELINE_LOG_KEY, else your exporter key)."),
        QStringLiteral("FILE"));
}

QList<QCommandLineOption> pinOptions(const QString& what)
{
    return { opt(QStringLiteral("signer"),
                 QStringLiteral("%1 must be signed by the key with this sha256 (of its DER SubjectPublicKeyInfo, as "
                                "`openssl pkey -pubin -outform DER | sha256sum` prints it).")
                     .arg(what),
                 QStringLiteral("SHA256")),
        opt(QStringLiteral("key"), QStringLiteral("%1 must be signed by this public key (PEM or DER).").arg(what), QStringLiteral("FILE")) };
}

bool installLogSigner(const QCommandLineParser& p)
{
    if (p.optionNames().contains(QStringLiteral("log-key"))) {
        // Named on the command line: it must load now, before anything is written.
        const QString path = p.value(QStringLiteral("log-key"));
        Result<PackSigner> key = PackSigner::load(path);
        if (!key) {
            fail(QStringLiteral("--log-key: ") + key.problem().toString(), Usage);
            return false;
        }
        setLogSigner(std::make_shared<PackSigner>(std::move(key).value()));
        return true;
    }
    // Otherwise read when the first entry is signed: a command that writes nothing never touches the key.
    const QString env = qEnvironmentVariable("TIDELINE_LOG_KEY");
    setLogSigner(env.isEmpty() ? std::make_shared<FileLogSigner>(defaultExportKeyPath(), true) : std::make_shared<FileLogSigner>(env, false));
    return true;
}

std::optional<QString> pinnedSigner(const QCommandLineParser& p)
{
    const bool bySha = p.optionNames().contains(QStringLiteral("signer"));
    const bool byKey = p.optionNames().contains(QStringLiteral("key"));
    if (bySha && byKey) {
        fail(QStringLiteral("give --signer or --key, not both"), Usage);
        return std::nullopt;
    }
    if (bySha) {
        QString sha = p.value(QStringLiteral("signer")).trimmed().toLower();
        if (sha.startsWith(QLatin1String("sha256:")))
            sha = sha.mid(7);
        bool hex = sha.size() == 64;
        for (QChar c : sha)
            hex = hex && ((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')));
        if (!hex) {
            fail(QStringLiteral("--signer '%1' is not a sha256 (64 hex digits)").arg(p.value(QStringLiteral("signer"))), Usage);
            return std::nullopt;
        }
        return sha;
    }
    if (byKey) {
        const QString path = p.value(QStringLiteral("key"));
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            fail(QStringLiteral("--key %1: cannot read: %2").arg(path, f.errorString()), Usage);
            return std::nullopt;
        }
        Result<SignerKey> key = PackSigner::describe(f.read(1 << 20));
        if (!key) {
            fail(QStringLiteral("--key %1: %2").arg(path, key.problem().message), Usage);
            return std::nullopt;
        }
        return key->sha256;
    }
    return QString();
}

Result<std::shared_ptr<const LogSigner>> reviewerKey(const QCommandLineParser& p)
{
    QString path = p.optionNames().contains(QStringLiteral("signing-key")) ? p.value(QStringLiteral("signing-key")) : QString();
    if (path.isEmpty())
        path = qEnvironmentVariable("TIDELINE_REVIEW_KEY");
    if (path.isEmpty())
        return std::shared_ptr<const LogSigner>();
    Result<PackSigner> key = PackSigner::load(path);
    if (!key)
        return key.problem();
    return std::shared_ptr<const LogSigner>(std::make_shared<PackSigner>(std::move(key).value()));
}

} // namespace tideline::cli
