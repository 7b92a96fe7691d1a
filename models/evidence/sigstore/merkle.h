// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// RFC 6962 / RFC 9162 Merkle trees: leaf hashes and inclusion proofs.

#include <QByteArray>
#include <QString>

#include <vector>

namespace tideline::sigstore {

QByteArray leafHash(const QByteArray& leaf); // SHA-256(0x00 || leaf)

// The root an inclusion proof leads to, or an empty array with why in *error (index past the tree, a proof of the
// wrong length for this index and size).
QByteArray rootFromInclusionProof(qint64 index, qint64 treeSize, const QByteArray& leafHash, const std::vector<QByteArray>& proof, QString* error);

} // namespace tideline::sigstore
