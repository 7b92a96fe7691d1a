#include "signing.h"

namespace tideline {

namespace {

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

} // namespace

std::optional<QByteArray> decodeBase64(std::string_view text)
{
    size_t end = text.size();
    size_t padding = 0;
    while (end > 0 && text[end - 1] == '=') {
        --end;
        ++padding;
    }
    if (padding > 2 || (padding > 0 && text.size() % 4 != 0))
        return std::nullopt;
    if (end % 4 == 1)
        return std::nullopt; // no encoder ends a value with a lone character: truncated
    QByteArray out;
    out.reserve(static_cast<qsizetype>(end / 4 * 3 + 3));
    unsigned buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < end; ++i) {
        const int v = base64Value(text[i]);
        if (v < 0)
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

QByteArray pae(const QByteArray& payloadType, const QByteArray& payload)
{
    QByteArray out;
    out.reserve(payloadType.size() + payload.size() + 32);
    out.append("DSSEv1 ");
    out.append(QByteArray::number(payloadType.size()));
    out.append(' ');
    out.append(payloadType);
    out.append(' ');
    out.append(QByteArray::number(payload.size()));
    out.append(' ');
    out.append(payload);
    return out;
}

void KeyRing::add(qint64 id, const QString& name, const crypto::PublicKey& key)
{
    m_entries.push_back({ id, name, key, key.spkiSha256Hex(), key.spkiSha256Base64() });
}

bool KeyRing::names(const Entry& e, const QString& hint)
{
    if (hint.isEmpty())
        return false;
    QString h = hint;
    if (h.startsWith(QLatin1String("sha256:")))
        h = h.mid(7);
    return h.compare(e.sha256, Qt::CaseInsensitive) == 0 || h == e.hint || h == e.name;
}

namespace {

crypto::SignatureResult check(const SignedContent& c, const crypto::PublicKey& key, const QByteArray& sig)
{
    return c.scheme == SignedContent::Scheme::Digest ? key.verifyDigest(c.message, c.digestAlgorithm, sig) : key.verify(c.message, sig);
}

SignatureCheck checkOne(const SignedContent& content, const SignatureToCheck& s, const KeyRing& keys)
{
    SignatureCheck out;
    out.keyid = s.keyid;
    if (!s.malformed.isEmpty()) {
        out.result = Verification::BadSignature;
        out.detail = s.malformed;
        return out;
    }
    std::vector<const KeyRing::Entry*> named, others;
    for (const auto& e : keys.entries())
        (KeyRing::names(e, s.keyid) ? named : others).push_back(&e);
    bool otherFailed = false; // a key the signature could belong to did not verify it
    QString namedDetail, unsupportedDetail, malformedDetail;
    for (const auto* list : { &named, &others }) {
        for (const KeyRing::Entry* e : *list) {
            const crypto::SignatureResult r = check(content, e->key, s.signature);
            if (r.valid()) {
                out.result = Verification::Verified;
                out.key = e->name;
                out.keyId = e->id;
                out.detail = QStringLiteral("verified with key '%1' (%2)").arg(e->name, r.scheme);
                return out;
            }
            if (list == &named && namedDetail.isEmpty()) {
                out.key = e->name;
                out.keyId = e->id;
                namedDetail = r.detail;
            }
            if (r.status == crypto::SignatureResult::Invalid)
                otherFailed = true;
            if (r.status == crypto::SignatureResult::Malformed && malformedDetail.isEmpty())
                malformedDetail = r.detail;
            if (r.status == crypto::SignatureResult::Unsupported && unsupportedDetail.isEmpty())
                unsupportedDetail = r.detail;
        }
    }

    // A certificate the evidence carries: its key proves integrity, not who signed.
    const QByteArray cert = !s.certificate.isEmpty() ? s.certificate : content.certificate;
    if (!cert.isEmpty()) {
        crypto::CertificateInfo info;
        Result<crypto::PublicKey> key = crypto::PublicKey::fromCertificate(cert, &info);
        out.signer = info.subjectAltName;
        out.issuer = info.issuer;
        if (!key) {
            out.result = Verification::BadSignature;
            out.detail = QStringLiteral("the signing certificate cannot be read: ") + key.problem().message;
            return out;
        }
        const crypto::SignatureResult r = check(content, *key, s.signature);
        if (r.valid()) {
            out.result = Verification::Verified;
            out.key = QStringLiteral("certificate");
            out.detail = QStringLiteral("verified with the key of the certificate it carries (%1); the signer's identity%2 is not "
                                        "established: no trusted root checks the certificate")
                             .arg(r.scheme, info.subjectAltName.isEmpty() ? QString() : QStringLiteral(" (") + info.subjectAltName + QLatin1Char(')'));
            return out;
        }
        if (r.status == crypto::SignatureResult::Unsupported) {
            out.result = Verification::Unsupported;
            out.detail = r.detail;
            return out;
        }
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("does not verify with the key of the certificate it carries: ") + r.detail;
        return out;
    }

    // Legacy in-toto/GCB envelopes signed the bare payload rather than DSSE's PAE.
    if (!content.legacyMessage.isEmpty()) {
        for (const auto& e : keys.entries())
            if (e.key.verify(content.legacyMessage, s.signature).valid()) {
                out.result = Verification::Unsupported;
                out.key = e.name;
                out.keyId = e.id;
                out.detail = QStringLiteral("key '%1' signed the raw payload, not DSSE's pre-authentication encoding: a legacy "
                                            "non-DSSE signature, not accepted")
                                 .arg(e.name);
                return out;
            }
    }
    if (!named.empty()) {
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("does not verify with key '%1', which its keyid names: %2").arg(out.key, namedDetail);
        return out;
    }
    if (s.keyid.isEmpty() && otherFailed) {
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("names no key, and none of the keys that could fit verifies it");
        return out;
    }
    if (s.keyid.isEmpty() && !malformedDetail.isEmpty()) {
        // Names no key, and fits none: a damaged signature (wrong length or encoding) as far as the keys at hand can tell.
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("fits none of the keys at hand: ") + malformedDetail;
        return out;
    }
    if (!unsupportedDetail.isEmpty() && !otherFailed) {
        out.result = Verification::Unsupported;
        out.detail = unsupportedDetail;
        return out;
    }
    out.result = Verification::UnknownKey;
    out.detail = keys.empty() ? QStringLiteral("no keys to verify with: import the signer's public key")
        : s.keyid.isEmpty()   ? QStringLiteral("signed by a key the case does not hold")
                              : QStringLiteral("signed by key '%1', which the case does not hold").arg(s.keyid);
    return out;
}

} // namespace

VerificationOutcome verifySigned(const SignedContent& content, const KeyRing& keys)
{
    VerificationOutcome out;
    if (!content.unsupported.isEmpty()) {
        out.verdict = Verification::Unsupported;
        out.detail = content.unsupported;
        return out;
    }
    if (content.signatures.empty()) {
        out.verdict = Verification::Unsigned;
        out.detail = QStringLiteral("carries no signature");
        return out;
    }
    const SignatureCheck* verified = nullptr;
    const SignatureCheck* verifiedByKey = nullptr;
    for (const SignatureToCheck& s : content.signatures)
        out.signatures.push_back(checkOne(content, s, keys));
    for (const SignatureCheck& c : out.signatures) {
        if (c.result != Verification::Verified)
            continue;
        if (!verified)
            verified = &c;
        if (c.keyId != 0 || c.key != QLatin1String("certificate"))
            if (!verifiedByKey)
                verifiedByKey = &c;
    }
    if (verified) {
        const SignatureCheck* best = verifiedByKey ? verifiedByKey : verified;
        if (!content.inconsistency.isEmpty()) {
            out.verdict = Verification::BadSignature;
            out.detail = QStringLiteral("the signature verifies, but ") + content.inconsistency;
            return out;
        }
        out.verdict = Verification::Verified;
        out.keyId = best->keyId;
        out.keyName = best->key;
        out.identityEstablished = best == verifiedByKey;
        out.detail = best->detail;
        if (!content.note.isEmpty())
            out.detail += QStringLiteral("; ") + content.note;
        return out;
    }
    for (Verification v : { Verification::BadSignature, Verification::Unsupported, Verification::UnknownKey })
        for (const SignatureCheck& c : out.signatures)
            if (c.result == v) {
                out.verdict = v;
                out.detail = c.detail;
                if (v == Verification::BadSignature && c.keyId)
                    out.keyName = c.key;
                return out;
            }
    out.verdict = Verification::UnknownKey;
    return out;
}

} // namespace tideline
