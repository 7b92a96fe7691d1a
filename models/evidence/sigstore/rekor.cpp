// SPDX-License-Identifier: GPL-3.0-or-later
#include "rekor.h"

#include "domain/digest.h"
#include "domain/hash.h"
#include "evidence/signing.h"
#include "domain/json.h"

namespace tideline::sigstore {

namespace {

std::optional<QByteArray> base64Field(const JsonValue& v) { return v.isString() ? decodeBase64(*v.string()) : std::nullopt; }

QByteArray sha256Of(const QByteArray& b) { return sha256Raw(std::string_view(b.constData(), static_cast<size_t>(b.size()))); }

// The DER inside a PEM block (certificate or public key), or the bytes themselves when they are not PEM.
QByteArray unarmor(const QByteArray& pem)
{
    const qsizetype begin = pem.indexOf("-----BEGIN ");
    if (begin < 0)
        return pem;
    const qsizetype bodyStart = pem.indexOf('\n', begin);
    const qsizetype end = pem.indexOf("-----END ", bodyStart);
    if (bodyStart < 0 || end < 0)
        return {};
    QByteArray body = pem.mid(bodyStart + 1, end - bodyStart - 1);
    body.replace('\n', "").replace('\r', "").replace(' ', "");
    return decodeBase64(std::string_view(body.constData(), static_cast<size_t>(body.size()))).value_or(QByteArray());
}

// Whether a verifier the log recorded (PEM or DER, certificate or key) is the bundle's signer.
bool sameSigner(const QByteArray& recorded, const SignerMaterial& signer)
{
    const QByteArray der = unarmor(recorded);
    if (der.isEmpty())
        return false;
    if (!signer.certificate.isEmpty())
        return der == signer.certificate;
    if (der == signer.spki)
        return true;
    Result<crypto::PublicKey> k = crypto::PublicKey::parse(recorded, QString());
    return k && k->spkiDer() == signer.spki;
}

QString hex(const QByteArray& b) { return QString::fromStdString(digest::toHex(b)); }

// What the entry must record as the signed digest: the message digest, or for DSSE in a hashedrekord (Rekor v2)
// the digest of the envelope's pre-authentication encoding.
QByteArray signedDigest(const Bundle& b) { return b.dsse ? sha256Of(pae(b.payloadType, b.payload)) : b.messageDigest; }

QString checkHashedRekordV1(const JsonValue& spec, const Bundle& b, const SignerMaterial& signer)
{
    if (b.dsse)
        return QStringLiteral("a hashedrekord 0.0.1 entry cannot record a DSSE envelope");
    const auto sig = base64Field(spec["signature"]["content"]);
    if (!sig || *sig != b.signature)
        return QStringLiteral("the entry records a different signature");
    const auto key = base64Field(spec["signature"]["publicKey"]["content"]);
    if (!key || !sameSigner(*key, signer))
        return QStringLiteral("the entry records a different certificate or key");
    const QString alg = spec["data"]["hash"]["algorithm"].qstring();
    if (alg != b.digestAlgorithm)
        return QStringLiteral("the entry records a %1 digest, the bundle a %2 one").arg(alg, b.digestAlgorithm);
    if (spec["data"]["hash"]["value"].qstring().compare(hex(b.messageDigest), Qt::CaseInsensitive) != 0)
        return QStringLiteral("the entry records a different artifact digest");
    return QString();
}

QString checkVerifierV2(const JsonValue& verifier, const SignerMaterial& signer)
{
    const auto cert = base64Field(verifier["x509Certificate"]["rawBytes"]);
    const auto key = base64Field(verifier["publicKey"]["rawBytes"]);
    if (cert) {
        if (signer.certificate.isEmpty() || *cert != signer.certificate)
            return QStringLiteral("the entry records a different certificate");
        return QString();
    }
    if (key) {
        if (!signer.certificate.isEmpty() || *key != signer.spki)
            return QStringLiteral("the entry records a different key");
        return QString();
    }
    return QStringLiteral("the entry records no verifier");
}

QString checkHashedRekordV2(const JsonValue& spec, const Bundle& b, const SignerMaterial& signer)
{
    const JsonValue r = spec["hashedRekordV002"];
    const auto sig = base64Field(r["signature"]["content"]);
    if (!sig || *sig != b.signature)
        return QStringLiteral("the entry records a different signature");
    if (QString why = checkVerifierV2(r["signature"]["verifier"], signer); !why.isEmpty())
        return why;
    const QString alg = r["data"]["algorithm"].qstring();
    const QString expected = b.dsse ? QStringLiteral("SHA2_256")
        : b.digestAlgorithm == QLatin1String("sha384") ? QStringLiteral("SHA2_384")
        : b.digestAlgorithm == QLatin1String("sha512") ? QStringLiteral("SHA2_512")
                                                        : QStringLiteral("SHA2_256");
    if (alg != expected)
        return QStringLiteral("the entry records a %1 digest, not %2").arg(alg, expected);
    const auto d = base64Field(r["data"]["digest"]);
    if (!d || *d != signedDigest(b))
        return b.dsse ? QStringLiteral("the entry records a different envelope (digest of its pre-authentication encoding)")
                      : QStringLiteral("the entry records a different artifact digest");
    return QString();
}

QString checkDsseV1(const JsonValue& spec, const Bundle& b, const SignerMaterial& signer)
{
    if (!b.dsse)
        return QStringLiteral("a dsse entry records an envelope, the bundle holds a message signature");
    if (spec["payloadHash"]["algorithm"].qstring() != QLatin1String("sha256")
        || spec["payloadHash"]["value"].qstring().compare(hex(sha256Of(b.payload)), Qt::CaseInsensitive) != 0)
        return QStringLiteral("the entry records a different payload");
    size_t count = 0;
    bool found = false;
    for (const JsonValue s : spec["signatures"].elements()) {
        ++count;
        const auto sig = base64Field(s["signature"]);
        const auto verifier = base64Field(s["verifier"]);
        if (sig && *sig == b.signature && verifier && sameSigner(*verifier, signer))
            found = true;
    }
    if (count != 1 || !found)
        return QStringLiteral("the entry records a different signature or signer");
    return QString();
}

QString checkDsseV2(const JsonValue& spec, const Bundle& b, const SignerMaterial& signer)
{
    if (!b.dsse)
        return QStringLiteral("a dsse entry records an envelope, the bundle holds a message signature");
    const JsonValue d = spec["dsseV002"];
    const auto hash = base64Field(d["payloadHash"]["digest"]);
    if (d["payloadHash"]["algorithm"].qstring() != QLatin1String("SHA2_256") || !hash || *hash != sha256Of(b.payload))
        return QStringLiteral("the entry records a different payload");
    size_t count = 0;
    bool found = false;
    for (const JsonValue s : d["signatures"].elements()) {
        ++count;
        const auto sig = base64Field(s["content"]);
        if (sig && *sig == b.signature && checkVerifierV2(s["verifier"], signer).isEmpty())
            found = true;
    }
    if (count != 1 || !found)
        return QStringLiteral("the entry records a different signature or signer");
    return QString();
}

QString checkIntotoV2(const JsonValue& spec, const Bundle& b, const SignerMaterial& signer)
{
    if (!b.dsse)
        return QStringLiteral("an intoto entry records an envelope, the bundle holds a message signature");
    const JsonValue content = spec["content"];
    if (content["payloadHash"]["algorithm"].qstring() != QLatin1String("sha256")
        || content["payloadHash"]["value"].qstring().compare(hex(sha256Of(b.payload)), Qt::CaseInsensitive) != 0)
        return QStringLiteral("the entry records a different payload");
    const JsonValue env = content["envelope"];
    if (env["payloadType"].isString() && env["payloadType"].qstring().toUtf8() != b.payloadType)
        return QStringLiteral("the entry records a different payload type");
    if (env.has("payload")) {
        // Rekor stores the envelope's base64 payload base64-encoded once more.
        const auto outer = base64Field(env["payload"]);
        const auto inner = outer ? decodeBase64(std::string_view(outer->constData(), static_cast<size_t>(outer->size()))) : std::nullopt;
        if (!inner || *inner != b.payload)
            return QStringLiteral("the entry records a different payload");
    }
    size_t count = 0;
    bool found = false;
    for (const JsonValue s : env["signatures"].elements()) {
        ++count;
        const auto outer = base64Field(s["sig"]);
        const auto sig = outer ? decodeBase64(std::string_view(outer->constData(), static_cast<size_t>(outer->size()))) : std::nullopt;
        const auto key = base64Field(s["publicKey"]);
        if (sig && *sig == b.signature && key && sameSigner(*key, signer))
            found = true;
    }
    if (count != 1 || !found)
        return QStringLiteral("the entry records a different signature or signer");
    return QString();
}

} // namespace

bool isRekorV2(const TlogEntry& entry) { return entry.version == QLatin1String("0.0.2") && entry.kind != QLatin1String("intoto"); }

QString entryMismatch(const TlogEntry& entry, const Bundle& bundle, const SignerMaterial& signer)
{
    JsonDocument doc;
    if (!doc.parse(entry.body, QString()) || !doc.root().isObject())
        return QStringLiteral("the entry's body is not a JSON object");
    const JsonValue body = doc.root();
    const QString kind = body["kind"].qstring(), version = body["apiVersion"].qstring();
    if (kind != entry.kind || version != entry.version)
        return QStringLiteral("the entry's body is a %1 %2, the bundle says %3 %4").arg(kind, version, entry.kind, entry.version);
    const JsonValue spec = body["spec"];
    if (kind == QLatin1String("hashedrekord") && version == QLatin1String("0.0.1"))
        return checkHashedRekordV1(spec, bundle, signer);
    if (kind == QLatin1String("hashedrekord") && version == QLatin1String("0.0.2"))
        return checkHashedRekordV2(spec, bundle, signer);
    if (kind == QLatin1String("dsse") && version == QLatin1String("0.0.1"))
        return checkDsseV1(spec, bundle, signer);
    if (kind == QLatin1String("dsse") && version == QLatin1String("0.0.2"))
        return checkDsseV2(spec, bundle, signer);
    if (kind == QLatin1String("intoto") && version == QLatin1String("0.0.2"))
        return checkIntotoV2(spec, bundle, signer);
    return QStringLiteral("entries of kind %1 %2 are not read").arg(kind, version);
}

bool verifySignedEntryTimestamp(const TlogEntry& entry, const crypto::PublicKey& logKey)
{
    if (entry.signedEntryTimestamp.isEmpty() || !entry.integratedTime)
        return false;
    // Canonical JSON: keys sorted, no spaces; the body is the base64 text as logged.
    QByteArray message;
    message.append("{\"body\":\"").append(entry.bodyBase64).append("\",\"integratedTime\":");
    message.append(QByteArray::number(*entry.integratedTime));
    message.append(",\"logID\":\"").append(hex(entry.logId).toLatin1()).append("\",\"logIndex\":");
    message.append(QByteArray::number(entry.logIndex)).append('}');
    return logKey.verify(message, entry.signedEntryTimestamp).valid();
}

} // namespace tideline::sigstore
