// SPDX-License-Identifier: GPL-3.0-or-later
#include "logsignatures.h"

#include "evidence/packsigner.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tideline {

FileLogSigner::FileLogSigner(QString path, bool createIfMissing)
    : m_path(std::move(path))
    , m_create(createIfMissing)
{
}

FileLogSigner::~FileLogSigner() = default;

const PackSigner* FileLogSigner::loaded() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_key && !m_problem) {
        Result<PackSigner> k = m_create ? PackSigner::loadOrCreate(m_path) : PackSigner::load(m_path);
        if (k)
            m_key = std::make_unique<PackSigner>(std::move(k).value());
        else
            m_problem = k.problem();
    }
    return m_key.get();
}

Result<SignerKey> FileLogSigner::key() const
{
    if (const PackSigner* k = loaded())
        return k->key();
    return *m_problem;
}

Result<QByteArray> FileLogSigner::signMessage(const QByteArray& message) const
{
    if (const PackSigner* k = loaded())
        return k->signMessage(message);
    return *m_problem;
}

QString describeLogKey(const QString& sha256, const QString& algorithm)
{
    return QStringLiteral("%1 key %2…").arg(signerKeyDescription(algorithm), sha256.left(16));
}

LogSignatureReport checkLogSignatures(const std::vector<LogEntry>& entries, const std::map<QString, SignerKey>& keys)
{
    LogSignatureReport r;
    r.entries.resize(entries.size());
    bool seenSigned = false;
    auto check = [&](const QByteArray& message, const QString& signer, const QByteArray& signature, QString& problem, const QString& whose) {
        const auto key = keys.find(signer);
        if (key == keys.end()) {
            problem = QStringLiteral("it is signed by the %1 %2…, which the case does not hold (log_keys)").arg(whose, signer.left(16));
            return EntrySignatures::State::Invalid;
        }
        Result<SignerKey> verified = PackSigner::verify(key->second.spki, message, signature);
        if (!verified) {
            problem = QStringLiteral("its signature by the %1 %2 does not verify").arg(whose, describeLogKey(signer, key->second.algorithm));
            return EntrySignatures::State::Invalid;
        }
        if (verified->sha256 != signer) {
            problem = QStringLiteral("the key the case holds under %1… is another key (sha256 %2…)").arg(signer.left(16), verified->sha256.left(16));
            return EntrySignatures::State::Invalid;
        }
        r.algorithms[signer] = verified->algorithm;
        return EntrySignatures::State::Valid;
    };
    // Entries of one log key not yet sealed by a signature of it.
    std::vector<size_t> pending;
    auto unsealed = [&]() {
        if (pending.empty())
            return;
        const LogEntry& first = entries[pending.front()];
        for (size_t i : pending)
            r.entries[i].log = EntrySignatures::State::Invalid;
        r.invalid += int(pending.size());
        r.entries[pending.back()].problem = pending.size() == 1
            ? QStringLiteral("it was written under the log key %1…, and no signature of that key seals it: the signature was removed").arg(first.signer.left(16))
            : QStringLiteral("entries %1–%2 were written under the log key %3…, and no signature of that key seals them: the signature was removed")
                  .arg(first.id)
                  .arg(entries[pending.back()].id)
                  .arg(first.signer.left(16));
        pending.clear();
    };
    for (size_t i = 0; i < entries.size(); ++i) {
        const LogEntry& e = entries[i];
        EntrySignatures& s = r.entries[i];
        const QByteArray message = LogStore::entryMessage(e.prevHash, e.at, e.actor, e.action, e.detail);
        if (e.signer.isEmpty()) {
            unsealed();
            ++r.unsignedEntries;
            if (seenSigned && !r.unsignedAfterSigned++)
                r.firstUnsignedAfterSigned = e.id;
            if (!e.signature.isEmpty()) {
                s.log = EntrySignatures::State::Invalid;
                s.problem = QStringLiteral("it carries a signature but names no log key");
                ++r.invalid;
            }
        } else {
            seenSigned = true;
            if (!pending.empty() && entries[pending.front()].signer != e.signer)
                unsealed();
            pending.push_back(i);
            if (!e.signature.isEmpty()) {
                QString problem;
                const EntrySignatures::State state = check(message, e.signer, e.signature, problem, QStringLiteral("log key"));
                for (size_t p : pending)
                    r.entries[p].log = state;
                if (state == EntrySignatures::State::Valid) {
                    r.signedBy[e.signer] += int(pending.size());
                } else {
                    r.invalid += int(pending.size());
                    s.problem = pending.size() == 1
                        ? problem + QStringLiteral(": the entry was changed after it was signed")
                        : problem + QStringLiteral(": it or an entry it seals (from entry %1 on) was changed after it was signed").arg(entries[pending.front()].id);
                }
                pending.clear();
            }
        }
        // A decision that says it was signed by its reviewer's key must carry that key's signature over its own bytes.
        const QString announced = e.action == QLatin1String("review")
            ? QJsonDocument::fromJson(e.detail.toUtf8())[QLatin1String("reviewer_key")].toString()
            : QString();
        if (!e.cosignature.isEmpty() || !e.cosigner.isEmpty()) {
            QString problem;
            s.cosign = check(message, e.cosigner, e.cosignature, problem, QStringLiteral("key of %1").arg(e.actor));
            if (s.cosign == EntrySignatures::State::Valid && announced != e.cosigner) {
                s.cosign = EntrySignatures::State::Invalid;
                problem = QStringLiteral("it carries a signature by key %1… that its detail does not name").arg(e.cosigner.left(16));
            }
            if (s.cosign == EntrySignatures::State::Valid)
                ++r.cosigned;
            else if (s.problem.isEmpty())
                s.problem = problem;
        } else if (!announced.isEmpty()) {
            s.cosign = EntrySignatures::State::Invalid;
            if (s.problem.isEmpty())
                s.problem = QStringLiteral("it says it was signed by the reviewer's key %1…, and carries no such signature").arg(announced.left(16));
        }
        if (s.cosign == EntrySignatures::State::Invalid)
            ++r.invalid;
    }
    unsealed();
    return r;
}

} // namespace tideline
