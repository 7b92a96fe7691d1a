// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Kosli's own records: trails (`kosli get trail --output json`), attestations (`get attestation`), artifacts
// (`get artifact`, `list artifacts`) and flow templates (YAML).

#include "domain/result.h"
#include "evidence/evidencefile.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tideline {

class JsonValue;

namespace kosli {

bool isTrail(const JsonValue& root);
bool isAttestationRecord(const JsonValue& root); // one attestation object, or an array of them
bool isArtifactRecord(const JsonValue& root); // one artifact object, or an array of them
bool isFlowTemplateJson(const JsonValue& root);

// A trail's attestations (the latest of each name from its compliance status, earlier ones from its events),
// the artifacts it holds (provenance), and its flow template.
Result<EvidenceFile> readTrail(const JsonValue& root, const QString& file);
Result<EvidenceFile> readAttestations(const JsonValue& root, const QString& file);
Result<EvidenceFile> readArtifacts(const JsonValue& root, const QString& file);

// A flow template (YAML, or JSON), validated against Kosli's schema v1. Nothing when the text is not shaped
// like a template at all; a Problem when it is, but invalid.
std::optional<Result<FlowTemplate>> tryReadFlowTemplate(const QByteArray& text, const QString& file);
Result<FlowTemplate> readFlowTemplate(const QByteArray& text, const QString& file);

// Kosli's spelling of an attestation type, for comparison: "system:decision" is "decision".
QString normaliseType(const QString& type);

} // namespace kosli
} // namespace tideline
