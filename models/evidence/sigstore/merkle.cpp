// SPDX-License-Identifier: GPL-3.0-or-later
#include "merkle.h"

#include "domain/hash.h"

namespace tideline::sigstore {

namespace {

QByteArray sha(const QByteArray& b) { return sha256Raw(std::string_view(b.constData(), static_cast<size_t>(b.size()))); }

QByteArray nodeHash(const QByteArray& left, const QByteArray& right)
{
    QByteArray b;
    b.reserve(1 + left.size() + right.size());
    b.append('\x01');
    b.append(left);
    b.append(right);
    return sha(b);
}

} // namespace

QByteArray leafHash(const QByteArray& leaf)
{
    QByteArray b;
    b.reserve(1 + leaf.size());
    b.append('\x00');
    b.append(leaf);
    return sha(b);
}

QByteArray rootFromInclusionProof(qint64 index, qint64 treeSize, const QByteArray& leaf, const std::vector<QByteArray>& proof, QString* error)
{
    auto failed = [error](const QString& why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (treeSize <= 0 || index < 0 || index >= treeSize)
        return failed(QStringLiteral("leaf index %1 is not inside a tree of size %2").arg(index).arg(treeSize));
    for (const QByteArray& h : proof)
        if (h.size() != 32)
            return failed(QStringLiteral("a proof hash is %1 bytes, not 32").arg(h.size()));
    // RFC 9162, 2.1.3.2.
    quint64 fn = static_cast<quint64>(index), sn = static_cast<quint64>(treeSize - 1);
    QByteArray r = leaf;
    for (const QByteArray& p : proof) {
        if (sn == 0)
            return failed(QStringLiteral("the proof is longer than the path from leaf %1 in a tree of size %2").arg(index).arg(treeSize));
        if ((fn & 1) == 1 || fn == sn) {
            r = nodeHash(p, r);
            if ((fn & 1) == 0)
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return failed(QStringLiteral("the proof is shorter than the path from leaf %1 in a tree of size %2").arg(index).arg(treeSize));
    return r;
}

} // namespace tideline::sigstore
