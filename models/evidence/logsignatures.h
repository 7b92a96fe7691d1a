// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The case log's signatures: the key that signs what this process appends (a key file outside the case, loaded
// or made on first use), and the check of every entry's signatures against the keys that made them.

#include "domain/result.h"
#include "store/logsigning.h"
#include "store/logstore.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace tideline {

class PackSigner;

// A key file, read when the first entry is signed (so that commands which write nothing never touch it); the
// default key (createIfMissing) is made there then, as packs' default key is.
class FileLogSigner : public LogSigner {
public:
    FileLogSigner(QString path, bool createIfMissing);
    ~FileLogSigner() override;

    const QString& path() const { return m_path; }
    Result<SignerKey> key() const override;
    Result<QByteArray> signMessage(const QByteArray& message) const override;

private:
    const PackSigner* loaded() const;

    QString m_path;
    bool m_create;
    mutable std::mutex m_mutex;
    mutable std::unique_ptr<PackSigner> m_key;
    mutable std::optional<Problem> m_problem;
};

struct EntrySignatures {
    enum class State { Unsigned, Valid, Invalid };
    State log = State::Unsigned; // the log key's: the signature that seals it (its own, or a later one's of that key)
    State cosign = State::Unsigned; // the person's own (a reviewer's), where the entry carries one
    QString problem; // why a signature does not hold
};

struct LogSignatureReport {
    std::vector<EntrySignatures> entries; // one per log entry, in order
    std::map<QString, int> signedBy; // log key sha256 -> entries its valid signatures seal
    std::map<QString, QString> algorithms; // log key sha256 -> its algorithm
    int cosigned = 0; // entries validly signed by the person acting too
    int unsignedEntries = 0;
    int unsignedAfterSigned = 0; // unsigned entries after the first signed one: written without a key, or stripped
    qint64 firstUnsignedAfterSigned = 0;
    int invalid = 0;
};

// Checks the log's signatures over LogStore::entryMessage (with the hash stored for the entry before it) against the
// keys the case holds: each signature seals its entry and the entries of the same key back to the one signed
// before; an entry that names a log key and that no signature of it seals is invalid (a signature was removed). A
// key row whose sha256 is not that of its own bytes verifies nothing. An entry whose detail names a reviewer_key
// must carry that key's valid signature over its own bytes.
LogSignatureReport checkLogSignatures(const std::vector<LogEntry>& entries, const std::map<QString, SignerKey>& keys);

// "Ed25519 key 3fa2c1d0…" for reports.
QString describeLogKey(const QString& sha256, const QString& algorithm);

} // namespace tideline
