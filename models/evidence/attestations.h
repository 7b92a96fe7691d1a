// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Signed attestation containers: DSSE envelopes (one document or .intoto.jsonl), in-toto Statements v0.1 and v1,
// in-toto link and layout metadata (DSSE-wrapped or classic signed metablocks), and Sigstore bundles v0.1–v0.3.

#include "domain/result.h"
#include "evidence/evidencefile.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tideline {

class JsonValue;

namespace attestation {

bool isDsseEnvelope(const JsonValue& v);
bool isSigstoreBundle(const JsonValue& v);
bool isStatement(const JsonValue& v); // a bare in-toto Statement (or link/layout) that nothing signs
bool isMetablock(const JsonValue& v); // classic in-toto metadata: {"signatures": […], "signed": {"_type": …}}

Result<EvidenceItem> readDsse(const JsonValue& envelope, const QString& file, const QString& where = QString());
Result<EvidenceItem> readSigstoreBundle(const JsonValue& bundle, const QString& file, const QString& where = QString());
Result<EvidenceItem> readStatement(const JsonValue& statement, const QString& file);
Result<EvidenceItem> readMetablock(const JsonValue& metablock, const QString& file);

// One envelope or bundle a line. Nothing when the first line is not one.
std::optional<Result<EvidenceFile>> readJsonLines(const QByteArray& bytes, const QString& file);

// Canonical JSON (OLPC, as securesystemslib signs it): sorted keys, no whitespace, only '"' and '\' escaped,
// integers only. Nothing for values it cannot represent (fractions).
std::optional<QByteArray> canonicalJson(const JsonValue& v);

} // namespace attestation
} // namespace tideline
