// SPDX-License-Identifier: GPL-3.0-or-later
#include "signing.h"

#include "evidence/sigstore/bundleverifier.h"

#include <QRegularExpression>

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

void KeyRing::add(qint64 id, const QString& name, const crypto::PublicKey& key, bool trusted, const QStringList& aliases)
{
    m_entries.push_back({ id, name, key, key.spkiSha256Hex(), key.spkiSha256Base64(), trusted, aliases });
}

void KeyRing::addRoot(qint64 id, std::shared_ptr<const sigstore::TrustedRoot> root, bool trusted)
{
    m_roots.push_back({ id, std::move(root), trusted });
}

bool KeyRing::names(const Entry& e, const QString& hint)
{
    if (hint.isEmpty())
        return false;
    QString h = hint;
    if (h.startsWith(QLatin1String("sha256:")))
        h = h.mid(7);
    return h.compare(e.sha256, Qt::CaseInsensitive) == 0 || h == e.hint || h == e.name || e.aliases.contains(h, Qt::CaseInsensitive);
}

namespace {

crypto::SignatureResult check(const SignedContent& c, const crypto::PublicKey& key, const QByteArray& sig)
{
    return c.scheme == SignedContent::Scheme::Digest ? key.verifyDigest(c.message, c.digestAlgorithm, sig) : key.verify(c.message, sig);
}

// A keyid in the form that names a key by the sha256 of its SubjectPublicKeyInfo (hex, or base64 as Sigstore hints
// are): naming none of the case's keys, it says the signer is another key.
bool namesAFingerprint(const QString& keyid)
{
    QString k = keyid;
    if (k.startsWith(QLatin1String("sha256:")))
        k = k.mid(7);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (hex.match(k).hasMatch())
        return true;
    const auto raw = decodeBase64(k.toStdString());
    return raw && raw->size() == 32 && k.size() >= 43;
}

QString keyLabel(const KeyRing::Entry& e) { return e.trusted ? QStringLiteral("key '%1'").arg(e.name) : QStringLiteral("untrusted key '%1'").arg(e.name); }

SignatureCheck checkOne(const SignedContent& content, const SignatureToCheck& s, const KeyRing& keys)
{
    SignatureCheck out;
    out.keyid = s.keyid;
    if (!s.malformed.isEmpty()) {
        out.result = Verification::BadSignature;
        out.detail = s.malformed;
        return out;
    }
    // Every key is a candidate, the ones the hint names first: a hint is unauthenticated and often in a form the
    // case cannot match (an in-toto keyid, a KMS path).
    std::vector<const KeyRing::Entry*> named, others;
    for (const auto& e : keys.entries())
        (KeyRing::names(e, s.keyid) ? named : others).push_back(&e);
    const KeyRing::Entry* couldHaveMade = nullptr; // a key of the signature's kind that does not verify it
    const KeyRing::Entry* madeIt = nullptr; // a key that provably made it (RSA), over other content
    QString namedDetail, unsupportedDetail, malformedDetail;
    for (const auto* list : { &named, &others }) {
        for (const KeyRing::Entry* e : *list) {
            const crypto::SignatureResult r = check(content, e->key, s.signature);
            if (r.valid()) {
                out.key = e->name;
                out.keyId = e->id;
                out.result = e->trusted ? Verification::Verified : Verification::UntrustedKey;
                out.detail = e->trusted ? QStringLiteral("verified with key '%1' (%2)").arg(e->name, r.scheme)
                                        : QStringLiteral("verifies with key '%1' (%2), which the case holds but does not trust: it came with the "
                                                         "evidence (trust it with `tideline keys trust %1`)")
                                              .arg(e->name, r.scheme);
                return out;
            }
            if (list == &named && namedDetail.isEmpty()) {
                out.key = e->name;
                out.keyId = e->id;
                namedDetail = r.detail;
            }
            if (r.status == crypto::SignatureResult::Invalid) {
                // RSA tells whether this key made the signature (a keyid naming another key then rules it out;
                // without one, a damaged signature looks the same). Other keys could have made it, unless the
                // keyid names another key by its fingerprint.
                const std::optional<bool> made = e->key.madeSignature(s.signature);
                if (!madeIt && made == std::optional<bool>(true))
                    madeIt = e;
                const bool ruledOut = (made == std::optional<bool>(false) && !s.keyid.isEmpty()) || (!made && namesAFingerprint(s.keyid));
                if (!ruledOut && (!couldHaveMade || (!couldHaveMade->trusted && e->trusted)))
                    couldHaveMade = e;
            }
            if (r.status == crypto::SignatureResult::Malformed && malformedDetail.isEmpty())
                malformedDetail = r.detail;
            if (r.status == crypto::SignatureResult::Unsupported && unsupportedDetail.isEmpty())
                unsupportedDetail = r.detail;
        }
    }

    // A certificate the signature carries (outside a Sigstore bundle): its key proves integrity, not who signed.
    if (!s.certificate.isEmpty()) {
        crypto::CertificateInfo info;
        Result<crypto::PublicKey> key = crypto::PublicKey::fromCertificate(s.certificate, &info);
        out.signer = info.subjectAltName;
        out.issuer = info.issuer;
        if (!key) {
            out.result = Verification::BadSignature;
            out.detail = QStringLiteral("the signing certificate cannot be read: ") + key.problem().message;
            return out;
        }
        const crypto::SignatureResult r = check(content, *key, s.signature);
        if (r.valid()) {
            out.result = Verification::UntrustedCertificate;
            out.key = QStringLiteral("certificate");
            out.detail = QStringLiteral("verifies with the key of the certificate it carries (%1), but nothing checks that certificate%2 "
                                        "against a trusted root")
                             .arg(r.scheme, info.subjectAltName.isEmpty() ? QString() : QStringLiteral(" (claiming ") + info.subjectAltName + QLatin1Char(')'));
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
    if (madeIt) {
        out.result = Verification::BadSignature;
        out.key = madeIt->name;
        out.keyId = madeIt->id;
        out.detail = QStringLiteral("%1 made this signature, but over other content: the evidence was altered after signing").arg(keyLabel(*madeIt));
        return out;
    }
    if (!named.empty()) {
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("does not verify with key '%1', which its keyid names: %2").arg(out.key, namedDetail);
        return out;
    }
    if (couldHaveMade) {
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("does not verify with %1 or any other key of the case that could have made it (%2): altered after "
                                    "signing, or signed by a key the case does not hold%3")
                         .arg(keyLabel(*couldHaveMade), couldHaveMade->key.algorithm(),
                             s.keyid.isEmpty() ? QString() : QStringLiteral(" (its keyid '%1' names none)").arg(s.keyid));
        return out;
    }
    if (s.keyid.isEmpty() && !malformedDetail.isEmpty()) {
        // Names no key, and fits none: a damaged signature (wrong length or encoding) as far as the keys at hand can tell.
        out.result = Verification::BadSignature;
        out.detail = QStringLiteral("fits none of the keys at hand: ") + malformedDetail;
        return out;
    }
    if (!unsupportedDetail.isEmpty()) {
        out.result = Verification::Unsupported;
        out.detail = unsupportedDetail;
        return out;
    }
    out.result = Verification::UnknownKey;
    out.detail = keys.empty() ? QStringLiteral("no keys to verify with: import the signer's public key")
        : s.keyid.isEmpty()   ? QStringLiteral("signed by a key the case does not hold (no key of the case could have made it)")
                              : QStringLiteral("signed by key '%1', which the case does not hold (no key of the case could have made it)").arg(s.keyid);
    return out;
}

VerificationOutcome verifyBundleContent(const SignedContent& content, const KeyRing& keys)
{
    VerificationOutcome out;
    sigstore::BundleOptions o;
    KeyRing trustedKeys, untrustedKeys;
    for (const KeyRing::Entry& e : keys.entries())
        (e.trusted ? trustedKeys : untrustedKeys).add(e.id, e.name, e.key, e.trusted, e.aliases);
    std::vector<const KeyRing::Root*> trusted, untrusted;
    for (const KeyRing::Root& r : keys.roots())
        (r.trusted ? trusted : untrusted).push_back(&r);
    auto run = [&](const KeyRing& ring, const std::vector<const KeyRing::Root*>& roots) {
        o.keys = &ring;
        o.roots.clear();
        for (const KeyRing::Root* r : roots)
            o.roots.push_back(r->root.get());
        return sigstore::verifyBundle(*content.bundle, o);
    };
    sigstore::BundleVerdict v = run(trustedKeys, trusted);
    if (v.verdict != Verification::Verified && (!untrustedKeys.empty() || !untrusted.empty())) {
        // Would what the case holds without trusting it have verified it? Then say so, not "unknown".
        KeyRing all = trustedKeys;
        for (const KeyRing::Entry& e : untrustedKeys.entries())
            all.add(e.id, e.name, e.key, false, e.aliases);
        std::vector<const KeyRing::Root*> every = trusted;
        every.insert(every.end(), untrusted.begin(), untrusted.end());
        const sigstore::BundleVerdict loose = run(all, every);
        if (loose.verdict == Verification::Verified) {
            const bool byKey = !loose.key.isEmpty();
            v = loose;
            v.verdict = byKey ? Verification::UntrustedKey : Verification::UntrustedCertificate;
            v.detail = byKey ? QStringLiteral("verifies with key '%1', which the case holds but does not trust: it came with the evidence (trust it "
                                              "with `tideline keys trust %1`)")
                                   .arg(loose.key)
                             : QStringLiteral("verifies against trusted root '%1', which the case holds but does not trust: it came with the "
                                              "evidence (trust it with `tideline keys trust %1`)")
                                   .arg(loose.trustedRoot);
        }
    }
    out.verdict = v.verdict;
    out.detail = v.detail;
    out.keyName = v.key;
    out.keyId = v.keyId;
    out.signer = v.signer;
    out.issuer = v.issuer;
    out.trustedRoot = v.trustedRoot;
    for (const KeyRing::Root& r : keys.roots())
        if (r.root->name == v.trustedRoot && r.root->sha256 == v.trustedRootSha256)
            out.trustedRootId = r.id;
    out.signedAt = v.signedAt;
    out.timeSource = v.timeSource;
    out.log = v.log;
    SignatureCheck c;
    c.keyid = content.signatures.empty() ? QString() : content.signatures.front().keyid;
    c.key = v.key.isEmpty() && !v.signer.isEmpty() ? QStringLiteral("certificate") : v.key;
    c.keyId = v.keyId;
    c.result = v.verdict;
    c.detail = v.proven.isEmpty() ? v.detail : v.proven.join(QStringLiteral("; "));
    c.signer = v.signer;
    c.issuer = v.issuer;
    out.signatures.push_back(c);
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
    if (content.bundle)
        return verifyBundleContent(content, keys);
    if (content.signatures.empty()) {
        out.verdict = Verification::Unsigned;
        out.detail = QStringLiteral("carries no signature");
        return out;
    }
    for (const SignatureToCheck& s : content.signatures)
        out.signatures.push_back(checkOne(content, s, keys));
    // Several signatures: say which keys verified; the evidence is verified when one trusted key verifies it (a
    // layout's threshold is counted by the caller that knows it).
    QStringList verifiedBy;
    const SignatureCheck* verified = nullptr;
    for (const SignatureCheck& c : out.signatures)
        if (c.result == Verification::Verified) {
            verifiedBy << c.key;
            if (!verified)
                verified = &c;
        }
    if (verified) {
        if (!content.inconsistency.isEmpty()) {
            out.verdict = Verification::BadSignature;
            out.detail = QStringLiteral("the signature verifies, but ") + content.inconsistency;
            return out;
        }
        out.verdict = Verification::Verified;
        out.keyId = verified->keyId;
        out.keyName = verified->key;
        out.detail = verified->detail;
        if (out.signatures.size() > 1)
            out.detail += QStringLiteral("; %1 of %2 signatures verified (by %3)")
                              .arg(verifiedBy.size())
                              .arg(out.signatures.size())
                              .arg(verifiedBy.join(QStringLiteral(", ")));
        if (!content.note.isEmpty())
            out.detail += QStringLiteral("; ") + content.note;
        return out;
    }
    for (Verification v : { Verification::BadSignature, Verification::UntrustedCertificate, Verification::UntrustedKey, Verification::Unsupported,
             Verification::UnknownKey })
        for (const SignatureCheck& c : out.signatures)
            if (c.result == v) {
                out.verdict = v;
                out.detail = c.detail;
                if (c.keyId) {
                    out.keyName = c.key;
                    out.keyId = c.keyId;
                }
                return out;
            }
    out.verdict = Verification::UnknownKey;
    return out;
}

} // namespace tideline
