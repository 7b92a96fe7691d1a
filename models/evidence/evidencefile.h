// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What one imported file holds of evidence, keys, trails and templates, as parsed (before storing).

#include "domain/contents.h"
#include "domain/evidence.h"
#include "domain/result.h"
#include "evidence/signing.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QJsonArray;
class QJsonObject;

namespace tideline {

class JsonDocument;

// One piece of evidence as parsed: its record (ids and verification not yet known), what it says it is about,
// and what its signatures need to be checked.
struct EvidenceItem {
    EvidenceRecord record;
    std::vector<Subject> subjects; // statement subjects, link products, an SBOM's described component, a message digest
    QString subjectVia = QStringLiteral("subject"); // how the subjects bind (subject, sbom, message-digest, ...)
    std::vector<Binding> bindings; // bindings the content itself makes (Kosli records)
    std::optional<SignedContent> signedContent; // nothing: the format carries no signature (unsigned)
    std::shared_ptr<const InTotoLayout> layout; // an in-toto layout: the functionaries and steps it names
    // SBOMs: what the artifact contains, and the component the SBOM describes. listsContents is false for a document
    // that lists no components at all (a VEX-only CycloneDX document): it does not clear a workload.
    std::vector<Package> packages;
    std::optional<Package> described;
    bool listsContents = false;
};

struct ParsedKey {
    QString name; // from the manifest, else chosen when stored
    crypto::PublicKey key;
};

struct ParsedTrail {
    TrailRecord trail;
    std::optional<FlowTemplate> flowTemplate;
};

struct EvidenceFile {
    QString format; // what the file is, for the import report: junit-xml, sarif-2.1.0, dsse, kosli-trail, public-key, ...
    std::vector<EvidenceItem> items;
    std::vector<ParsedKey> keys;
    std::vector<std::shared_ptr<const sigstore::TrustedRoot>> roots; // Sigstore trusted roots (sha256 of the file set)
    std::optional<ParsedTrail> trail;
    std::vector<ProvenanceRecord> provenance;
    std::optional<FlowTemplate> flowTemplate; // a template file of its own
    std::vector<Advisory> advisories; // OSV records
    std::vector<VexStatement> vex; // OpenVEX statements, CycloneDX VEX analyses
    std::vector<Problem> warnings;
};

// An evidence summary as stored: compact JSON.
QString summaryText(const QJsonObject& summary);
// Subjects as summaries and the command line show them: [{name, sha256 (null when none)}], at most limit.
QJsonArray subjectsJson(const std::vector<Subject>& subjects, size_t limit = 100);

// What the context says of a file before its content is read.
struct EvidenceHints {
    bool expectKey = false; // the manifest lists it as a key (a trusted root counts as one)
    bool expectEvidence = false; // bound as evidence (manifest entry, import --for)
};

// Reads a file as evidence if its content is one of the formats of this folder. Nothing when it is none of them
// (the caller then tries other readers or skips it); a Problem when it is one, but broken.
// json: a document to parse with (it may already hold the file's parse, see readEvidenceJson).
std::optional<Result<EvidenceFile>> readEvidence(const QByteArray& bytes, const QString& file, JsonDocument& json, const EvidenceHints& hints = {});

// A file that does not parse as one JSON document: DSSE envelopes or Sigstore bundles one a line (.intoto.jsonl).
std::optional<Result<EvidenceFile>> readEvidenceLines(const QByteArray& bytes, const QString& file);

// The same for a file whose JSON the caller has already parsed into json.
std::optional<Result<EvidenceFile>> readEvidenceJson(const QByteArray& bytes, const QString& file, JsonDocument& json, const EvidenceHints& hints = {});

} // namespace tideline
