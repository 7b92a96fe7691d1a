// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Transparency-log checkpoints: C2SP signed notes ("origin\nsize\nroot\n[extensions]\n\n— name base64(hint||sig)\n").

#include "domain/result.h"
#include "evidence/crypto.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tideline::sigstore {

struct NoteSignature {
    QString name;
    QByteArray keyHint; // 4 bytes
    QByteArray signature;
};

struct Checkpoint {
    QByteArray text; // the signed part: every line up to and including the one before the blank line
    QString origin;
    qint64 size = 0;
    QByteArray rootHash;
    std::vector<NoteSignature> signatures;
};

// A Problem (file empty, place "checkpoint") naming what is malformed: a missing origin, size or root hash, no
// blank line, no signature.
Result<Checkpoint> parseCheckpoint(const QString& envelope);

// Whether a signature line signed as the log (its name is the log's host, its hint the log's key id's first four
// bytes) verifies with the log's key; cosignatures by witnesses are ignored. An empty string when one verifies,
// else why not.
QString verifyCheckpointSignature(const Checkpoint& c, const QString& logName, const QByteArray& logKeyId, const crypto::PublicKey& key);

} // namespace tideline::sigstore
