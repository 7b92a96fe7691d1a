// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundle.h"

#include "evidence/signing.h"
#include "domain/json.h"

#include <QRegularExpression>

namespace tideline::sigstore {

namespace {

QString at(const QString& where, std::string_view key) { return jsonMember(where, key); }

// An int64 as protobuf JSON writes it: a decimal string, or a number.
std::optional<qint64> int64Of(const JsonValue& v)
{
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.qstring().toLongLong(&ok);
        return ok ? std::optional<qint64>(n) : std::nullopt;
    }
    if (auto i = v.integer())
        return static_cast<qint64>(*i);
    return std::nullopt;
}

// Line breaks inside a value are skipped, as protobuf JSON's decoders do (a value pasted from `base64`).
std::optional<QByteArray> b64(const JsonValue& v)
{
    if (!v.isString())
        return std::nullopt;
    const std::string_view s = *v.string();
    if (s.find_first_of("\r\n") == std::string_view::npos)
        return decodeBase64(s);
    std::string joined;
    for (char c : s)
        if (c != '\r' && c != '\n')
            joined.push_back(c);
    return decodeBase64(joined);
}

Result<TlogEntry> readEntry(const JsonValue& e, const QString& file, const QString& where)
{
    TlogEntry t;
    const auto index = int64Of(e["logIndex"]);
    if (!index)
        return Problem { file, at(where, "logIndex"), QStringLiteral("missing or not an integer") };
    if (*index < 0)
        return Problem { file, at(where, "logIndex"), QStringLiteral("a log index is never negative (%1)").arg(*index) };
    t.logIndex = *index;
    const auto logId = b64(e["logId"]["keyId"]);
    if (!logId || logId->isEmpty())
        return Problem { file, at(where, "logId"), QStringLiteral("missing or not base64") };
    t.logId = *logId;
    t.kind = e["kindVersion"]["kind"].qstring();
    t.version = e["kindVersion"]["version"].qstring();
    if (e.has("integratedTime")) {
        const auto it = int64Of(e["integratedTime"]);
        if (!it || *it < 0)
            return Problem { file, at(where, "integratedTime"), QStringLiteral("not a time in Unix seconds") };
        if (*it > 0)
            t.integratedTime = *it; // 0 is protobuf's default: no time (Rekor v2)
    }
    if (e.has("inclusionPromise")) {
        const auto set = b64(e["inclusionPromise"]["signedEntryTimestamp"]);
        if (!set)
            return Problem { file, at(where, "inclusionPromise") + QStringLiteral(".signedEntryTimestamp"), QStringLiteral("missing or not base64") };
        t.signedEntryTimestamp = *set;
    }
    if (e.has("inclusionProof")) {
        const JsonValue p = e["inclusionProof"];
        const QString pw = at(where, "inclusionProof");
        InclusionProof proof;
        const auto li = int64Of(p["logIndex"]), ts = int64Of(p["treeSize"]);
        if (!li || *li < 0)
            return Problem { file, at(pw, "logIndex"), QStringLiteral("missing or not a non-negative integer") };
        if (!ts || *ts < 0)
            return Problem { file, at(pw, "treeSize"), QStringLiteral("missing or not a non-negative integer") };
        proof.logIndex = *li;
        proof.treeSize = *ts;
        const auto root = b64(p["rootHash"]);
        if (!root)
            return Problem { file, at(pw, "rootHash"), QStringLiteral("missing or not base64") };
        proof.rootHash = *root;
        size_t i = 0;
        for (const JsonValue h : p["hashes"].elements()) {
            const auto hash = b64(h);
            if (!hash)
                return Problem { file, jsonIndex(at(pw, "hashes"), i), QStringLiteral("not base64") };
            proof.hashes.push_back(*hash);
            ++i;
        }
        proof.checkpoint = p["checkpoint"]["envelope"].qstring();
        t.proof = std::move(proof);
    }
    const JsonValue body = e["canonicalizedBody"];
    const auto decoded = b64(body);
    if (!decoded || decoded->isEmpty())
        return Problem { file, at(where, "canonicalizedBody"), QStringLiteral("missing or not base64: the entry cannot be checked against the bundle") };
    t.body = *decoded;
    const std::string_view raw = *body.string();
    t.bodyBase64 = QByteArray(raw.data(), static_cast<qsizetype>(raw.size()));
    return t;
}

} // namespace

Result<Bundle> readBundle(const JsonValue& bundle, const QString& file, const QString& where)
{
    Bundle b;
    b.mediaType = bundle["mediaType"].qstring();
    static const QRegularExpression legacy(QStringLiteral("^application/vnd\\.dev\\.sigstore\\.bundle\\+json; ?version=([0-9.]+)$"));
    static const QRegularExpression current(QStringLiteral("^application/vnd\\.dev\\.sigstore\\.bundle\\.v([0-9.]+)\\+json$"));
    QString version;
    if (auto m = legacy.match(b.mediaType); m.hasMatch())
        version = m.captured(1);
    else if (auto m2 = current.match(b.mediaType); m2.hasMatch())
        version = m2.captured(1);
    if (version == QLatin1String("0.1") || version == QLatin1String("0.2") || version == QLatin1String("0.3"))
        b.version = version;

    const JsonValue material = bundle["verificationMaterial"];
    const QString mw = at(where, "verificationMaterial");
    if (!material.isObject())
        return Problem { file, mw, QStringLiteral("required object is missing") };
    if (material.has("certificate")) {
        b.material = Bundle::Material::Certificate;
        const auto der = b64(material["certificate"]["rawBytes"]);
        if (!der || der->isEmpty())
            return Problem { file, at(mw, "certificate"), QStringLiteral("the certificate is missing or not valid base64") };
        b.certificates.push_back(*der);
    } else if (material.has("x509CertificateChain")) {
        b.material = Bundle::Material::Chain;
        size_t i = 0;
        for (const JsonValue c : material["x509CertificateChain"]["certificates"].elements()) {
            const auto der = b64(c["rawBytes"]);
            if (!der || der->isEmpty())
                return Problem { file, jsonIndex(at(mw, "x509CertificateChain") + QStringLiteral(".certificates"), i),
                    QStringLiteral("the certificate is missing or not valid base64") };
            b.certificates.push_back(*der);
            ++i;
        }
        if (b.certificates.empty())
            return Problem { file, at(mw, "x509CertificateChain"), QStringLiteral("the certificate chain is empty") };
    } else if (material.has("publicKey")) {
        b.material = Bundle::Material::PublicKey;
        b.keyHint = material["publicKey"]["hint"].qstring();
    } else {
        return Problem { file, mw, QStringLiteral("holds neither a publicKey, a certificate nor a certificate chain") };
    }
    size_t i = 0;
    for (const JsonValue e : material["tlogEntries"].elements()) {
        Result<TlogEntry> entry = readEntry(e, file, jsonIndex(at(mw, "tlogEntries"), i++));
        if (!entry)
            return entry.problem();
        b.tlogEntries.push_back(std::move(entry).value());
    }
    i = 0;
    for (const JsonValue t : material["timestampVerificationData"]["rfc3161Timestamps"].elements()) {
        const auto der = b64(t["signedTimestamp"]);
        if (!der || der->isEmpty())
            return Problem { file, jsonIndex(at(mw, "timestampVerificationData") + QStringLiteral(".rfc3161Timestamps"), i),
                QStringLiteral("signedTimestamp missing or not base64") };
        b.timestamps.push_back(*der);
        ++i;
    }

    const bool hasMessage = bundle.has("messageSignature"), hasDsse = bundle.has("dsseEnvelope");
    if (hasMessage == hasDsse)
        return Problem { file, where, QStringLiteral("a bundle holds exactly one of messageSignature and dsseEnvelope") };
    if (hasMessage) {
        const JsonValue ms = bundle["messageSignature"];
        const QString algorithm = ms["messageDigest"]["algorithm"].qstring();
        b.digestAlgorithm = algorithm == QLatin1String("SHA2_384") ? QStringLiteral("sha384")
            : algorithm == QLatin1String("SHA2_512")               ? QStringLiteral("sha512")
            : algorithm.isEmpty() || algorithm == QLatin1String("SHA2_256") ? QStringLiteral("sha256")
                                                                    : QString();
        if (b.digestAlgorithm.isEmpty())
            return Problem { file, at(where, "messageSignature.messageDigest.algorithm"), QStringLiteral("digest algorithm %1 is not supported").arg(algorithm) };
        if (ms.has("messageDigest")) {
            const auto d = b64(ms["messageDigest"]["digest"]);
            if (!d)
                return Problem { file, at(where, "messageSignature.messageDigest.digest"), QStringLiteral("missing or not valid base64") };
            b.messageDigest = *d;
        }
        const auto sig = b64(ms["signature"]);
        if (!sig || sig->isEmpty())
            return Problem { file, at(where, "messageSignature.signature"), QStringLiteral("missing, empty or not valid base64") };
        b.signature = *sig;
    } else {
        b.dsse = true;
        const JsonValue env = bundle["dsseEnvelope"];
        const auto payload = b64(env["payload"]);
        if (!payload)
            return Problem { file, at(where, "dsseEnvelope.payload"), QStringLiteral("missing or not valid base64") };
        b.payload = *payload;
        const auto type = env["payloadType"].string();
        if (!type || type->empty())
            return Problem { file, at(where, "dsseEnvelope.payloadType"), QStringLiteral("missing or empty") };
        b.payloadType = QByteArray(type->data(), static_cast<qsizetype>(type->size()));
        if (env["signatures"].size() != 1)
            return Problem { file, at(where, "dsseEnvelope.signatures"),
                QStringLiteral("a Sigstore bundle's DSSE envelope carries exactly one signature, not %1").arg(env["signatures"].size()) };
        const auto sig = b64((*env["signatures"].elements().begin())["sig"]);
        if (!sig || sig->isEmpty())
            return Problem { file, at(where, "dsseEnvelope.signatures[0].sig"), QStringLiteral("missing, empty or not valid base64") };
        b.signature = *sig;
    }
    return b;
}

} // namespace tideline::sigstore
