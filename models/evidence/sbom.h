// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SBOMs: CycloneDX JSON and XML (1.2–1.6), SPDX 2.x JSON and tag-value, SPDX 3.0 JSON-LD. An SBOM binds to the
// digest of the component it describes (never to its dependencies' hashes, never to the digest of empty content);
// it makes no pass/fail claim. It lists the packages inside (nested CycloneDX components at any depth), and a
// CycloneDX document's vulnerability analyses are VEX statements.
//
// XML and tag-value are read into the JSON forms' shape and then by the same readers, so that every form of one
// SBOM gives the same packages and bindings.

#include "domain/result.h"
#include "evidence/evidencefile.h"

#include <QByteArray>

namespace tideline {

class JsonValue;

namespace sbom {

bool isCycloneDx(const JsonValue& root);
bool isSpdx(const JsonValue& root);
Result<EvidenceItem> readCycloneDx(const JsonValue& root, const QString& file);
// The BOM with its VEX statements.
Result<EvidenceFile> readCycloneDxFile(const JsonValue& root, const QString& file);
Result<EvidenceItem> readSpdx(const JsonValue& root, const QString& file);

// CycloneDX XML: a <bom> root in a CycloneDX namespace (read safely, see safexml.h).
bool isCycloneDxXml(const QByteArray& bytes, const QString& rootElement);
Result<EvidenceFile> readCycloneDxXml(const QByteArray& bytes, const QString& file);

// SPDX 2.x tag-value: "SPDXVersion: SPDX-2.x" among its first lines.
bool looksSpdxTagValue(const QByteArray& bytes);
Result<EvidenceFile> readSpdxTagValue(const QByteArray& bytes, const QString& file);

} // namespace sbom
} // namespace tideline
