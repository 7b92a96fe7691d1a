// SPDX-License-Identifier: GPL-3.0-or-later
// Which evidence format a file is, from its content, and the reader for it.

#include "evidence/advisories.h"
#include "evidence/attestations.h"
#include "evidence/evidencefile.h"
#include "evidence/kosli.h"
#include "evidence/sbom.h"
#include "evidence/sigstore/trustedroot.h"
#include "evidence/testresults.h"
#include "domain/hash.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tideline {

QString summaryText(const QJsonObject& summary) { return QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)); }

QJsonArray subjectsJson(const std::vector<Subject>& subjects, size_t limit)
{
    QJsonArray a;
    for (const Subject& s : subjects) {
        if (static_cast<size_t>(a.size()) >= limit)
            break;
        a.append(QJsonObject { { QStringLiteral("name"), s.name }, { QStringLiteral("sha256"), s.sha256.isEmpty() ? QJsonValue() : QJsonValue(s.sha256) } });
    }
    return a;
}

namespace {

std::optional<Result<EvidenceFile>> single(Result<EvidenceItem> item)
{
    if (!item)
        return Result<EvidenceFile>(item.problem());
    EvidenceFile f;
    f.format = item->record.format;
    f.items.push_back(std::move(item).value());
    return Result<EvidenceFile>(std::move(f));
}

std::optional<Result<EvidenceFile>> keyFile(Result<crypto::PublicKey> key, const QString& format)
{
    if (!key)
        return Result<EvidenceFile>(key.problem());
    EvidenceFile f;
    f.format = format;
    f.keys.push_back({ QString(), std::move(key).value() });
    return Result<EvidenceFile>(std::move(f));
}

// One DER SEQUENCE that spans exactly the whole file: what a public key (SubjectPublicKeyInfo) or a certificate
// written with -outform DER looks like.
bool looksDerSequence(const QByteArray& bytes)
{
    if (bytes.size() < 16 || bytes.size() > 64 * 1024 || static_cast<unsigned char>(bytes[0]) != 0x30)
        return false;
    const auto byte = [&](int i) { return static_cast<qsizetype>(static_cast<unsigned char>(bytes[i])); };
    const qsizetype first = byte(1);
    if (first < 0x80)
        return bytes.size() == 2 + first;
    if (first == 0x81)
        return bytes.size() == 3 + byte(2);
    if (first == 0x82)
        return bytes.size() == 4 + (byte(2) << 8 | byte(3));
    return false;
}

bool startsWith(const QByteArray& bytes, const char* prefix)
{
    qsizetype i = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
        ++i;
    return QByteArray::fromRawData(bytes.constData() + i, bytes.size() - i).startsWith(prefix);
}

bool looksXml(const QByteArray& bytes)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return true;
    return startsWith(bytes, "<");
}

// A securesystemslib key ({"keytype": …, "keyval": {"public": …}}), as in-toto layouts and key files hold them.
bool isSslKey(const JsonValue& root) { return root.isObject() && root["keytype"].isString() && root["keyval"].isObject(); }

std::optional<Result<EvidenceFile>> readSslKey(const JsonValue& root, const QString& file)
{
    const JsonValue keyval = root["keyval"];
    if (!keyval["private"].stringOr("").empty())
        return Result<EvidenceFile>(Problem { file, QStringLiteral("keyval.private"), QStringLiteral("this key file holds a private key: import only the public key") });
    const std::string_view type = root["keytype"].stringOr("");
    const std::string_view pub = keyval["public"].stringOr("");
    if (type == "ed25519") {
        const QByteArray raw = QByteArray::fromHex(QByteArray(pub.data(), static_cast<qsizetype>(pub.size())));
        Result<crypto::PublicKey> key = crypto::PublicKey::fromEd25519Raw(raw);
        if (!key)
            return Result<EvidenceFile>(Problem { file, QStringLiteral("keyval.public"), key.problem().message });
        return keyFile(std::move(key), QStringLiteral("securesystemslib-key"));
    }
    return keyFile(crypto::PublicKey::parse(QByteArray(pub.data(), static_cast<qsizetype>(pub.size())), file), QStringLiteral("securesystemslib-key"));
}

// `gcloud artifacts docker images describe --show-provenance`: DSSE envelopes inside provenance_summary.
bool isGcloudProvenance(const JsonValue& root) { return root.isObject() && root["provenance_summary"]["provenance"].isArray(); }

std::optional<Result<EvidenceFile>> readGcloudProvenance(const JsonValue& root, const QString& file)
{
    EvidenceFile f;
    f.format = QStringLiteral("gcloud-provenance");
    size_t i = 0;
    for (const JsonValue p : root["provenance_summary"]["provenance"].elements()) {
        const QString where = jsonIndex(QStringLiteral("provenance_summary.provenance"), i++) + QStringLiteral(".envelope");
        if (!attestation::isDsseEnvelope(p["envelope"])) {
            f.warnings.push_back({ file, where, QStringLiteral("no DSSE envelope: entry ignored") });
            continue;
        }
        Result<EvidenceItem> item = attestation::readDsse(p["envelope"], file, where);
        if (!item)
            return Result<EvidenceFile>(item.problem());
        item->record.format = f.format;
        item->record.part = static_cast<int>(f.items.size());
        f.items.push_back(std::move(item).value());
    }
    if (f.items.empty())
        return Result<EvidenceFile>(Problem { file, QStringLiteral("provenance_summary"), QStringLiteral("holds no DSSE envelope") });
    return Result<EvidenceFile>(std::move(f));
}

// GitHub's artifact attestations API and npm's provenance endpoint: {"attestations": [{"bundle": {…}, …}]}, each
// bundle a Sigstore bundle (keyless, as a rule).
bool isAttestationList(const JsonValue& root)
{
    if (!root.isObject() || !root["attestations"].isArray() || root["attestations"].size() == 0)
        return false;
    for (const JsonValue a : root["attestations"].elements())
        return attestation::isSigstoreBundle(a["bundle"]);
    return false;
}

std::optional<Result<EvidenceFile>> readAttestationList(const JsonValue& root, const QString& file)
{
    EvidenceFile f;
    f.format = QStringLiteral("sigstore-attestations");
    size_t i = 0;
    for (const JsonValue a : root["attestations"].elements()) {
        const QString where = jsonIndex(QStringLiteral("attestations"), i++) + QStringLiteral(".bundle");
        if (!attestation::isSigstoreBundle(a["bundle"])) {
            f.warnings.push_back({ file, where, QStringLiteral("not a Sigstore bundle: entry ignored") });
            continue;
        }
        Result<EvidenceItem> item = attestation::readSigstoreBundle(a["bundle"], file, where);
        if (!item)
            return Result<EvidenceFile>(item.problem());
        item->record.part = static_cast<int>(f.items.size());
        f.items.push_back(std::move(item).value());
    }
    return Result<EvidenceFile>(std::move(f));
}

std::optional<Result<EvidenceFile>> readRoot(const JsonValue& root, const QByteArray& bytes, const QString& file)
{
    Result<sigstore::TrustedRoot> r = sigstore::readTrustedRoot(root, file);
    if (!r)
        return Result<EvidenceFile>(r.problem());
    r->sha256 = sha256Hex(bytes);
    EvidenceFile f;
    f.format = QStringLiteral("sigstore-trusted-root");
    f.roots.push_back(std::make_shared<const sigstore::TrustedRoot>(std::move(r).value()));
    return Result<EvidenceFile>(std::move(f));
}

} // namespace

std::optional<Result<EvidenceFile>> readEvidenceLines(const QByteArray& bytes, const QString& file) { return attestation::readJsonLines(bytes, file); }

std::optional<Result<EvidenceFile>> readEvidenceJson(const QByteArray& bytes, const QString& file, JsonDocument& json, const EvidenceHints& hints)
{
    const JsonValue root = json.root();
    if (isSslKey(root))
        return readSslKey(root, file);
    if (sigstore::isTrustedRoot(root))
        return readRoot(root, bytes, file);
    if (hints.expectKey)
        return Result<EvidenceFile>(Problem { file, QString(), QStringLiteral("the manifest lists this file as a key, but it is not a public key") });
    if (attestation::isSigstoreBundle(root))
        return single(attestation::readSigstoreBundle(root, file));
    if (attestation::isDsseEnvelope(root))
        return single(attestation::readDsse(root, file));
    if (attestation::isMetablock(root))
        return single(attestation::readMetablock(root, file));
    if (attestation::isStatement(root))
        return single(attestation::readStatement(root, file));
    if (isGcloudProvenance(root))
        return readGcloudProvenance(root, file);
    if (isAttestationList(root))
        return readAttestationList(root, file);
    if (sarif::isSarif(root))
        return single(sarif::read(root, file));
    if (sbom::isCycloneDx(root))
        return sbom::readCycloneDxFile(root, file);
    if (advisories::isOsv(root))
        return advisories::readOsv(root, file);
    if (advisories::isOpenVex(root))
        return advisories::readOpenVex(root, file);
    if (sbom::isSpdx(root))
        return single(sbom::readSpdx(root, file));
    if (kosli::isTrail(root))
        return kosli::readTrail(root, file);
    if (kosli::isAttestationRecord(root))
        return kosli::readAttestations(root, file);
    if (kosli::isArtifactRecord(root))
        return kosli::readArtifacts(root, file);
    if (kosli::isFlowTemplateJson(root)) {
        Result<FlowTemplate> t = kosli::readFlowTemplate(bytes, file);
        if (!t)
            return Result<EvidenceFile>(t.problem());
        EvidenceFile f;
        f.format = QStringLiteral("kosli-flow-template");
        f.flowTemplate = std::move(t).value();
        return Result<EvidenceFile>(std::move(f));
    }
    if (hints.expectEvidence)
        return Result<EvidenceFile>(Problem { file, QString(), QStringLiteral("bound as evidence, but JSON of no evidence format Tideline reads") });
    return std::nullopt;
}

std::optional<Result<EvidenceFile>> readEvidence(const QByteArray& bytes, const QString& file, JsonDocument& json, const EvidenceHints& hints)
{
    if (startsWith(bytes, "-----BEGIN")) {
        if (bytes.contains("-----BEGIN CERTIFICATE-----")) {
            Result<crypto::PublicKey> key = crypto::PublicKey::fromCertificate(bytes);
            if (!key)
                return Result<EvidenceFile>(Problem { file, QString(), key.problem().message });
            return keyFile(std::move(key), QStringLiteral("x509-certificate"));
        }
        return keyFile(crypto::PublicKey::parse(bytes, file), QStringLiteral("public-key"));
    }
    if (looksXml(bytes)) {
        if (hints.expectKey)
            return Result<EvidenceFile>(Problem { file, QString(), QStringLiteral("the manifest lists this file as a key, but it is XML") });
        const QString root = junit::rootElement(bytes);
        if (sbom::isCycloneDxXml(bytes, root))
            return sbom::readCycloneDxXml(bytes, file);
        if (junit::isJUnitRoot(root) || junit::looksLikeTestResults(root) || hints.expectEvidence)
            return single(junit::read(bytes, file));
        return std::nullopt;
    }
    if (JsonDocument::looksLikeJson(bytes)) {
        if (Status s = json.parse(bytes, file); !s) {
            if (auto lines = attestation::readJsonLines(bytes, file))
                return lines;
            return Result<EvidenceFile>(s.problem());
        }
        return readEvidenceJson(bytes, file, json, hints);
    }
    if (hints.expectKey) {
        // DER, perhaps.
        return keyFile(crypto::PublicKey::parse(bytes, file), QStringLiteral("public-key"));
    }
    if (looksDerSequence(bytes)) {
        // A certificate or a key in DER, recognised only when it loads as one (other DER is left for the skip list).
        if (Result<crypto::PublicKey> cert = crypto::PublicKey::fromCertificate(bytes); cert.ok())
            return keyFile(std::move(cert), QStringLiteral("x509-certificate"));
        if (Result<crypto::PublicKey> key = crypto::PublicKey::parse(bytes, file); key.ok())
            return keyFile(std::move(key), QStringLiteral("public-key"));
    }
    if (sbom::looksSpdxTagValue(bytes))
        return sbom::readSpdxTagValue(bytes, file);
    if (auto t = kosli::tryReadFlowTemplate(bytes, file)) {
        if (!*t)
            return Result<EvidenceFile>(t->problem());
        EvidenceFile f;
        f.format = QStringLiteral("kosli-flow-template");
        f.flowTemplate = std::move(*t).value();
        return Result<EvidenceFile>(std::move(f));
    }
    return std::nullopt;
}

} // namespace tideline
