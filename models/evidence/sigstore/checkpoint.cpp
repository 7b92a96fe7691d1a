// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpoint.h"

#include "evidence/signing.h"

namespace tideline::sigstore {

namespace {

Problem malformed(const QString& why) { return Problem { QString(), QStringLiteral("checkpoint"), why }; }

} // namespace

Result<Checkpoint> parseCheckpoint(const QString& envelope)
{
    const QByteArray note = envelope.toUtf8();
    const qsizetype blank = note.indexOf("\n\n");
    if (blank < 0)
        return malformed(QStringLiteral("no blank line between the note and its signatures"));
    if (note.indexOf("\n\n", blank + 1) >= 0)
        return malformed(QStringLiteral("more than one blank line"));
    Checkpoint c;
    c.text = note.left(blank + 1);
    const QList<QByteArray> lines = c.text.left(c.text.size() - 1).split('\n');
    if (lines.size() < 3)
        return malformed(QStringLiteral("the note needs an origin, a tree size and a root hash (%1 lines)").arg(lines.size()));
    c.origin = QString::fromUtf8(lines[0]);
    if (c.origin.isEmpty())
        return malformed(QStringLiteral("the origin line is empty"));
    bool ok = false;
    c.size = lines[1].toLongLong(&ok);
    if (!ok || c.size < 0 || lines[1].isEmpty() || !(lines[1].at(0) >= '0' && lines[1].at(0) <= '9'))
        return malformed(QStringLiteral("the second line '%1' is not a tree size").arg(QString::fromUtf8(lines[1])));
    const auto root = decodeBase64(std::string_view(lines[2].constData(), static_cast<size_t>(lines[2].size())));
    if (!root || root->size() != 32)
        return malformed(QStringLiteral("the third line is not a base64 SHA-256 root hash"));
    c.rootHash = *root;

    const QByteArray block = note.mid(blank + 2);
    if (block.isEmpty() || !block.endsWith('\n'))
        return malformed(QStringLiteral("the signature block is empty or does not end with a newline"));
    static const QByteArray dash = QStringLiteral("\u2014 ").toUtf8();
    for (const QByteArray& line : block.left(block.size() - 1).split('\n')) {
        if (!line.startsWith(dash))
            return malformed(QStringLiteral("a signature line does not start with an em dash"));
        const QByteArray rest = line.mid(dash.size());
        const qsizetype space = rest.lastIndexOf(' ');
        if (space <= 0)
            return malformed(QStringLiteral("a signature line has no name or no signature"));
        const QByteArray b64 = rest.mid(space + 1);
        const auto sig = decodeBase64(std::string_view(b64.constData(), static_cast<size_t>(b64.size())));
        if (!sig || sig->size() < 5)
            return malformed(QStringLiteral("a signature is not base64 or too short"));
        c.signatures.push_back({ QString::fromUtf8(rest.left(space)), sig->left(4), sig->mid(4) });
    }
    if (c.signatures.empty())
        return malformed(QStringLiteral("no signature"));
    return c;
}

QString verifyCheckpointSignature(const Checkpoint& c, const QString& logName, const QByteArray& logKeyId, const crypto::PublicKey& key)
{
    // The origin names the log: Rekor v2 writes its host, Rekor v1 "host - tree id".
    if (c.origin != logName && !c.origin.startsWith(logName + QStringLiteral(" - ")))
        return QStringLiteral("the checkpoint's origin '%1' is not the log '%2'").arg(c.origin, logName);
    bool named = false, hinted = false;
    for (const NoteSignature& s : c.signatures) {
        if (s.name != logName)
            continue; // a witness's cosignature: no key to check it with
        named = true;
        if (s.keyHint != logKeyId.left(4))
            continue;
        hinted = true;
        if (key.verify(c.text, s.signature).valid())
            return QString();
    }
    if (!named)
        return QStringLiteral("no signature line is signed as the log '%1'").arg(logName);
    if (!hinted)
        return QStringLiteral("no signature of '%1' carries the log key's hint").arg(logName);
    return QStringLiteral("the log's signature over the checkpoint does not verify with the log key");
}

} // namespace tideline::sigstore
