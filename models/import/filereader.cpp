// SPDX-License-Identifier: GPL-3.0-or-later
#include "filereader.h"

#include "evidence/evidencefile.h"
#include "import/bundle.h"
#include "domain/json.h"

namespace tideline {

namespace {

// `kosli snapshot … --dry-run` logs this line before the payload; files saved from its output keep it.
constexpr std::string_view kDryRunMarker = "this is the payload that would be sent in a real run:";

std::optional<std::string_view> dryRunPayload(const QByteArray& bytes)
{
    const std::string_view all(bytes.constData(), static_cast<size_t>(bytes.size()));
    // The marker sits in the log lines before the payload: look only at the head.
    const size_t at = all.substr(0, 4096).find(kDryRunMarker);
    if (at == std::string_view::npos)
        return std::nullopt;
    const size_t brace = all.find('{', at);
    if (brace == std::string_view::npos)
        return std::nullopt;
    return all.substr(brace);
}

bool looksBinary(const QByteArray& bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 4096);
    for (qsizetype i = 0; i < n; ++i)
        if (bytes[i] == '\0')
            return true;
    return false;
}

// Evidence formats: what the manifest says of the file decides how strict the reading is.
EvidenceHints evidenceHints(const BundleEntry& entry)
{
    EvidenceHints h;
    if (entry.manifest) {
        h.expectKey = entry.manifest->keys.count(entry.manifestPath) > 0;
        h.expectEvidence = entry.manifest->evidence.count(entry.manifestPath) > 0;
    }
    return h;
}

bool evidenceResult(std::optional<Result<EvidenceFile>>&& read, ParsedFile& out)
{
    if (!read)
        return false;
    if (!*read) {
        out.kind = ParsedFile::Kind::Failed;
        out.problem = read->problem();
        return true;
    }
    out.kind = ParsedFile::Kind::Evidence;
    out.format = (*read)->format;
    out.evidence = std::make_shared<EvidenceFile>(std::move(*read).value());
    return true;
}

// What a JSON document of no format we read seems to be, for the "skipped" reason.
QString describeUnknownJson(const JsonValue& root)
{
    if (root.isArray() && root.size() > 0) {
        const JsonValue first = *root.elements().begin();
        if (first["Id"].isString() && first.has("RootFS"))
            return QStringLiteral("docker image inspect output: images only, no containers, so nothing that ran; put it in the same "
                                  "file as the containers' docker inspect to resolve their digests");
    }
    if (root.isObject() && root["trail"].isObject() && !root.has("version"))
        return QStringLiteral("a `kosli evaluate` input (a trail prepared for a Rego policy), not a record Tideline reads: import the "
                              "trail as `kosli get trail --output json` prints it");
    return QStringLiteral("JSON, but not a snapshot, evidence or manifest format Tideline reads");
}

} // namespace

QString describeUnknownContent(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("empty file");
    if (looksBinary(bytes))
        return QStringLiteral("binary content of no format Tideline reads");
    const QByteArray head = bytes.left(256).trimmed();
    if (head.startsWith("<?xml") || head.startsWith("<"))
        return QStringLiteral("XML of no format Tideline reads");
    if (head.startsWith("-----BEGIN"))
        return QStringLiteral("a PEM block of no kind Tideline reads");
    return QStringLiteral("text of no format Tideline reads");
}

ParsedFile parseFile(const BundleEntry& entry, JsonDocument& json)
{
    ParsedFile out;
    if (entry.isManifest) {
        out.kind = ParsedFile::Kind::Manifest;
        out.format = QStringLiteral("tideline-bundle");
        return out;
    }
    if (looksLikePolicy(entry.bytes)) {
        QString name = entry.displayPath.section(QLatin1Char('/'), -1);
        name = name.left(name.indexOf(QLatin1Char('.')) > 0 ? name.indexOf(QLatin1Char('.')) : name.size());
        Result<Policy> policy = parsePolicy(entry.bytes, entry.displayPath, name);
        if (!policy) {
            out.kind = ParsedFile::Kind::Failed;
            out.problem = policy.problem();
            return out;
        }
        out.kind = ParsedFile::Kind::Policy;
        out.format = QStringLiteral("kosli-policy");
        out.policy = std::move(policy).value();
        return out;
    }
    // Log lines ("[debug] … would be sent in a real run:") may precede a dry-run payload, and may even
    // start with '[' themselves: look for the marker first.
    std::optional<std::string_view> text = dryRunPayload(entry.bytes);
    if (!text && JsonDocument::looksLikeJson(entry.bytes))
        text = std::string_view(entry.bytes.constData(), static_cast<size_t>(entry.bytes.size()));
    if (!text) {
        if (evidenceResult(readEvidence(entry.bytes, entry.displayPath, json, evidenceHints(entry)), out))
            return out;
        out.skipReason = describeUnknownContent(entry.bytes);
        return out;
    }
    // The text runs to the end of the entry's buffer, so the buffer's spare capacity pads it.
    if (Status s = json.parse(*text, entry.displayPath, JsonDocument::hasPadding(entry.bytes)); !s) {
        // One JSON document a line (.intoto.jsonl) does not parse whole.
        if (evidenceResult(readEvidenceLines(entry.bytes, entry.displayPath), out))
            return out;
        out.kind = ParsedFile::Kind::Failed;
        out.problem = s.problem();
        return out;
    }
    const JsonValue root = json.root();
    const SnapshotFormat f = detectSnapshotFormat(root);
    if (f == SnapshotFormat::None) {
        if (evidenceResult(readEvidenceJson(entry.bytes, entry.displayPath, json, evidenceHints(entry)), out))
            return out;
        out.skipReason = describeUnknownJson(root);
        return out;
    }
    out.format = formatName(f);
    Result<ParsedSnapshot> parsed = readSnapshot(f, root, entry.displayPath);
    if (!parsed) {
        out.kind = ParsedFile::Kind::Failed;
        out.problem = parsed.problem();
        return out;
    }
    out.kind = ParsedFile::Kind::Snapshot;
    out.grouped = groupObservations(parsed->observations);
    out.snapshot = std::move(parsed).value();
    // Only the grouping travels on; free the observations on this thread, where they were made.
    std::vector<Observation>().swap(out.snapshot->observations);
    return out;
}

} // namespace tideline
