// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto.h"

#include "domain/digest.h"
#include "domain/hash.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <vector>

namespace tideline::crypto {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BioFree {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

const unsigned char* bytesOf(const QByteArray& b) { return reinterpret_cast<const unsigned char*>(b.constData()); }

Problem problem(const QString& file, const QString& message)
{
    ERR_clear_error();
    return Problem { file, QString(), message };
}

// The label of the first PEM block, or empty.
QByteArray pemLabel(const QByteArray& text)
{
    const qsizetype at = text.indexOf("-----BEGIN ");
    if (at < 0)
        return {};
    const qsizetype end = text.indexOf("-----", at + 11);
    if (end < 0)
        return {};
    return text.mid(at + 11, end - at - 11);
}

const EVP_MD* mdByName(const QString& name)
{
    const QString n = name.toLower().remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    if (n == QLatin1String("sha256") || n == QLatin1String("sha2256"))
        return EVP_sha256();
    if (n == QLatin1String("sha384") || n == QLatin1String("sha2384"))
        return EVP_sha384();
    if (n == QLatin1String("sha512") || n == QLatin1String("sha2512"))
        return EVP_sha512();
    return nullptr;
}

QString mdLabel(const EVP_MD* md)
{
    return md == EVP_sha384() ? QStringLiteral("sha384") : md == EVP_sha512() ? QStringLiteral("sha512") : QStringLiteral("sha256");
}

std::optional<Millis> asn1Time(const ASN1_TIME* t)
{
    if (!t)
        return std::nullopt;
    struct tm tm {};
    if (ASN1_TIME_to_tm(t, &tm) != 1)
        return std::nullopt;
    return static_cast<Millis>(timegm(&tm)) * 1000;
}

// The content of a DER UTF8String (or any primitive string), or nothing.
QByteArray derStringContent(const QByteArray& der)
{
    if (der.size() < 2)
        return {};
    qsizetype pos = 1;
    qsizetype len = static_cast<unsigned char>(der[pos++]);
    if (len & 0x80) {
        const int n = len & 0x7f;
        if (n < 1 || n > 3 || pos + n > der.size())
            return {};
        len = 0;
        for (int i = 0; i < n; ++i)
            len = (len << 8) | static_cast<unsigned char>(der[pos++]);
    }
    if (pos + len != der.size())
        return {};
    return der.mid(pos, len);
}

bool verifyWith(EVP_PKEY* pkey, const EVP_MD* md, int padding, const QByteArray& message, const QByteArray& sig)
{
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr; // owned by ctx
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, pkey) != 1) {
        ERR_clear_error();
        return false;
    }
    if (padding == RSA_PKCS1_PSS_PADDING) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1) {
            ERR_clear_error();
            return false;
        }
    } else if (padding == RSA_PKCS1_PADDING) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
            ERR_clear_error();
            return false;
        }
    }
    const int r = EVP_DigestVerify(ctx.get(), bytesOf(sig), static_cast<size_t>(sig.size()), bytesOf(message), static_cast<size_t>(message.size()));
    ERR_clear_error();
    return r == 1;
}

bool verifyDigestWith(EVP_PKEY* pkey, const EVP_MD* md, int padding, const QByteArray& digest, const QByteArray& sig)
{
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1) {
        ERR_clear_error();
        return false;
    }
    if (padding == RSA_PKCS1_PSS_PADDING) {
        if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_AUTO) != 1 || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) != 1) {
            ERR_clear_error();
            return false;
        }
    } else if (padding == RSA_PKCS1_PADDING) {
        if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
            ERR_clear_error();
            return false;
        }
    }
    const int r = EVP_PKEY_verify(ctx.get(), bytesOf(sig), static_cast<size_t>(sig.size()), bytesOf(digest), static_cast<size_t>(digest.size()));
    ERR_clear_error();
    return r == 1;
}

// An RSA signature, tried with PKCS#1 v1.5 (unless the key is PSS-only) and with PSS under each digest algorithm:
// check(md, padding) is the one OpenSSL call that differs between a message and a precomputed digest.
template <typename Check>
SignatureResult checkRsa(EVP_PKEY* pkey, bool pssOnly, const QString& algorithm, const QByteArray& signature,
    std::initializer_list<const EVP_MD*> mds, Check check)
{
    SignatureResult out;
    const int size = EVP_PKEY_get_size(pkey);
    if (signature.size() != size) {
        out.status = SignatureResult::Malformed;
        out.detail = QStringLiteral("an %1 signature is %2 bytes, not %3").arg(algorithm).arg(size).arg(signature.size());
        return out;
    }
    for (const EVP_MD* md : mds) {
        if (!pssOnly && check(md, RSA_PKCS1_PADDING)) {
            out.status = SignatureResult::Valid;
            out.scheme = QStringLiteral("rsa-pkcs1v15-") + mdLabel(md);
            return out;
        }
        if (check(md, RSA_PKCS1_PSS_PADDING)) {
            out.status = SignatureResult::Valid;
            out.scheme = QStringLiteral("rsa-pss-") + mdLabel(md);
            return out;
        }
    }
    out.detail = QStringLiteral("the %1 signature verifies neither as PKCS#1 v1.5 nor as PSS").arg(algorithm);
    return out;
}

} // namespace

struct PublicKey::Impl {
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey;
    Family family = Family::None;
    bool pss = false; // an RSA-PSS key: PKCS#1 v1.5 never applies
    int bits = 0;
    QString group;
    QByteArray spki;
};

PublicKey::PublicKey() = default;
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(const PublicKey&) = default;
PublicKey& PublicKey::operator=(const PublicKey&) = default;

Result<PublicKey> PublicKey::adopt(void* evpPkey, const QString& file)
{
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(static_cast<EVP_PKEY*>(evpPkey));
    auto impl = std::make_shared<Impl>();
    if (EVP_PKEY_is_a(pkey.get(), "EC")) {
        impl->family = Family::Ec;
        char name[64] = {};
        size_t len = 0;
        if (EVP_PKEY_get_group_name(pkey.get(), name, sizeof name, &len) == 1)
            impl->group = QString::fromLatin1(name, static_cast<qsizetype>(len));
        // A point that is not on its curve must not load (conformance managed-key-wrong-key_fail).
        PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
        if (!check || EVP_PKEY_public_check(check.get()) != 1)
            return problem(file, QStringLiteral("the EC public key is invalid (its point is not on the curve)"));
    } else if (EVP_PKEY_is_a(pkey.get(), "ED25519")) {
        impl->family = Family::Ed25519;
    } else if (EVP_PKEY_is_a(pkey.get(), "RSA-PSS")) {
        impl->family = Family::Rsa;
        impl->pss = true;
    } else if (EVP_PKEY_is_a(pkey.get(), "RSA")) {
        impl->family = Family::Rsa;
    } else {
        return problem(file, QStringLiteral("unsupported key type %1: Tideline verifies ECDSA (P-256, P-384, P-521), Ed25519 and RSA")
                                 .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(pkey.get()))));
    }
    impl->bits = EVP_PKEY_get_bits(pkey.get());
    if (impl->family == Family::Rsa && impl->bits < 2048)
        return problem(file, QStringLiteral("RSA key of %1 bits: too weak to verify evidence (2048 at least)").arg(impl->bits));
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(pkey.get(), &der);
    if (n <= 0)
        return problem(file, QStringLiteral("cannot encode the public key"));
    impl->spki = QByteArray(reinterpret_cast<const char*>(der), n);
    OPENSSL_free(der);
    impl->pkey = std::move(pkey);
    ERR_clear_error();
    PublicKey key;
    key.d = std::move(impl);
    return key;
}

Result<PublicKey> PublicKey::fromSpkiDer(const QByteArray& der)
{
    const unsigned char* p = bytesOf(der);
    EVP_PKEY* pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
    if (!pkey || p != bytesOf(der) + der.size()) {
        EVP_PKEY_free(pkey);
        return problem(QString(), QStringLiteral("not a DER SubjectPublicKeyInfo"));
    }
    return adopt(pkey, QString());
}

Result<PublicKey> PublicKey::fromEd25519Raw(const QByteArray& raw)
{
    if (raw.size() != 32)
        return problem(QString(), QStringLiteral("an Ed25519 public key is 32 bytes, not %1").arg(raw.size()));
    EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytesOf(raw), 32);
    if (!pkey)
        return problem(QString(), QStringLiteral("invalid Ed25519 public key"));
    return adopt(pkey, QString());
}

Result<PublicKey> PublicKey::fromCertificate(const QByteArray& bytes, CertificateInfo* info)
{
    X509Ptr cert;
    if (bytes.contains("-----BEGIN CERTIFICATE-----")) {
        Bio bio(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
        cert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    } else {
        const unsigned char* p = bytesOf(bytes);
        cert.reset(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
    }
    if (!cert)
        return problem(QString(), QStringLiteral("not an X.509 certificate"));
    if (info) {
        *info = {};
        char line[512] = {};
        X509_NAME_oneline(X509_get_subject_name(cert.get()), line, sizeof line);
        info->subject = QString::fromUtf8(line);
        info->notBefore = asn1Time(X509_get0_notBefore(cert.get()));
        info->notAfter = asn1Time(X509_get0_notAfter(cert.get()));
        if (auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr))) {
            for (int i = 0; i < sk_GENERAL_NAME_num(names) && info->subjectAltName.isEmpty(); ++i) {
                const GENERAL_NAME* g = sk_GENERAL_NAME_value(names, i);
                const ASN1_STRING* s = g->type == GEN_EMAIL ? g->d.rfc822Name : g->type == GEN_URI ? g->d.uniformResourceIdentifier : nullptr;
                if (s)
                    info->subjectAltName = QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
            }
            GENERAL_NAMES_free(names);
        }
        for (int i = 0; i < X509_get_ext_count(cert.get()); ++i) {
            X509_EXTENSION* ext = X509_get_ext(cert.get(), i);
            char oid[80] = {};
            OBJ_obj2txt(oid, sizeof oid, X509_EXTENSION_get_object(ext), 1);
            const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(ext);
            const QByteArray value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)), ASN1_STRING_length(data));
            if (qstrcmp(oid, "1.3.6.1.4.1.57264.1.8") == 0)
                info->issuer = QString::fromUtf8(derStringContent(value));
            else if (qstrcmp(oid, "1.3.6.1.4.1.57264.1.1") == 0 && info->issuer.isEmpty())
                info->issuer = QString::fromUtf8(value);
        }
    }
    EVP_PKEY* pkey = X509_get_pubkey(cert.get());
    if (!pkey)
        return problem(QString(), QStringLiteral("the certificate's public key cannot be read"));
    return adopt(pkey, QString());
}

Result<PublicKey> PublicKey::parse(const QByteArray& bytes, const QString& file)
{
    const QByteArray label = pemLabel(bytes);
    if (label.contains("PRIVATE KEY"))
        return problem(file, QStringLiteral("this is a private key (%1): import only the public key, e.g. `openssl pkey -in KEY -pubout`")
                                 .arg(QString::fromLatin1(label)));
    if (label == "CERTIFICATE") {
        Result<PublicKey> r = fromCertificate(bytes);
        if (!r)
            return Problem { file, QString(), r.problem().message };
        return r;
    }
    if (!label.isEmpty() && label != "PUBLIC KEY" && label != "RSA PUBLIC KEY")
        return problem(file, QStringLiteral("a PEM block of type '%1' is not a public key").arg(QString::fromLatin1(label)));

    EVP_PKEY* pkey = nullptr;
    const char* inputType = label.isEmpty() ? "DER" : "PEM";
    OSSL_DECODER_CTX* dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, inputType, nullptr, nullptr, OSSL_KEYMGMT_SELECT_PUBLIC_KEY, nullptr, nullptr);
    bool decoded = false;
    if (dctx) {
        const unsigned char* data = bytesOf(bytes);
        size_t len = static_cast<size_t>(bytes.size());
        decoded = OSSL_DECODER_from_data(dctx, &data, &len) == 1 && pkey;
        OSSL_DECODER_CTX_free(dctx);
    }
    if (!decoded) {
        EVP_PKEY_free(pkey);
        if (label.isEmpty()) {
            // DER: perhaps a certificate.
            if (Result<PublicKey> cert = fromCertificate(bytes); cert)
                return cert;
            return problem(file, QStringLiteral("not a public key: expected PEM (-----BEGIN PUBLIC KEY-----), a certificate, or DER"));
        }
        return problem(file, QStringLiteral("the %1 block does not load as a public key (damaged, truncated, or an invalid point)")
                                 .arg(QString::fromLatin1(label)));
    }
    return adopt(pkey, file);
}

bool PublicKey::isNull() const { return !d || !d->pkey; }
PublicKey::Family PublicKey::family() const { return d ? d->family : Family::None; }
int PublicKey::bits() const { return d ? d->bits : 0; }
QByteArray PublicKey::spkiDer() const { return d ? d->spki : QByteArray(); }
QString PublicKey::spkiSha256Hex() const { return d ? sha256Hex(d->spki) : QString(); }
QString PublicKey::spkiSha256Base64() const { return d ? QString::fromLatin1(sha256Raw({ d->spki.constData(), size_t(d->spki.size()) }).toBase64()) : QString(); }

QString PublicKey::algorithm() const
{
    if (!d)
        return QString();
    switch (d->family) {
    case Family::Ec:
        if (d->group == QLatin1String("prime256v1") || d->group == QLatin1String("P-256"))
            return QStringLiteral("ecdsa-p256");
        if (d->group == QLatin1String("secp384r1") || d->group == QLatin1String("P-384"))
            return QStringLiteral("ecdsa-p384");
        if (d->group == QLatin1String("secp521r1") || d->group == QLatin1String("P-521"))
            return QStringLiteral("ecdsa-p521");
        return QStringLiteral("ecdsa-") + d->group;
    case Family::Ed25519:
        return QStringLiteral("ed25519");
    case Family::Rsa:
        return (d->pss ? QStringLiteral("rsa-pss-") : QStringLiteral("rsa-")) + QString::number(d->bits);
    case Family::None:
        break;
    }
    return QString();
}

QString PublicKey::pem() const
{
    if (isNull())
        return QString();
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), d->pkey.get());
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return QString::fromLatin1(data, static_cast<qsizetype>(n));
}

SignatureResult PublicKey::verify(const QByteArray& message, const QByteArray& signature) const
{
    SignatureResult out;
    if (isNull()) {
        out.status = SignatureResult::Unsupported;
        out.detail = QStringLiteral("no key");
        return out;
    }
    EVP_PKEY* pkey = d->pkey.get();
    switch (d->family) {
    case Family::Ec: {
        const int half = (d->bits + 7) / 8;
        const EVP_MD* curveMd = d->bits > 384 ? EVP_sha512() : d->bits > 256 ? EVP_sha384() : EVP_sha256();
        std::vector<std::pair<QByteArray, QString>> encodings;
        if (isDerEcdsaSignature(signature))
            encodings.emplace_back(signature, QStringLiteral("DER"));
        if (signature.size() == 2 * half)
            encodings.emplace_back(rawEcdsaToDer(signature), QStringLiteral("raw r||s"));
        if (encodings.empty()) {
            out.status = SignatureResult::Malformed;
            out.detail = QStringLiteral("a signature of %1 bytes is neither DER nor the %2-byte raw r||s of %3")
                             .arg(signature.size())
                             .arg(2 * half)
                             .arg(algorithm());
            return out;
        }
        std::vector<const EVP_MD*> mds { curveMd };
        if (curveMd != EVP_sha256())
            mds.push_back(EVP_sha256());
        for (const auto& [der, encoding] : encodings)
            for (const EVP_MD* md : mds)
                if (verifyWith(pkey, md, 0, message, der)) {
                    out.status = SignatureResult::Valid;
                    out.scheme = QStringLiteral("%1-%2 (%3)").arg(algorithm(), mdLabel(md), encoding);
                    return out;
                }
        out.detail = QStringLiteral("the %1 signature does not verify").arg(algorithm());
        return out;
    }
    case Family::Ed25519:
        if (signature.size() != 64) {
            out.status = SignatureResult::Malformed;
            out.detail = QStringLiteral("an Ed25519 signature is 64 bytes, not %1").arg(signature.size());
            return out;
        }
        if (verifyWith(pkey, nullptr, 0, message, signature)) {
            out.status = SignatureResult::Valid;
            out.scheme = QStringLiteral("ed25519");
            return out;
        }
        out.detail = QStringLiteral("the Ed25519 signature does not verify");
        return out;
    case Family::Rsa:
        return checkRsa(pkey, d->pss, algorithm(), signature, { EVP_sha256(), EVP_sha384(), EVP_sha512() },
            [&](const EVP_MD* md, int padding) { return verifyWith(pkey, md, padding, message, signature); });
    case Family::None:
        break;
    }
    out.status = SignatureResult::Unsupported;
    return out;
}

namespace {

QByteArray mgf1(const QByteArray& seed, int length, const EVP_MD* md)
{
    QByteArray out;
    for (quint32 counter = 0; out.size() < length; ++counter) {
        QByteArray block = seed;
        for (int i = 3; i >= 0; --i)
            block.append(static_cast<char>((counter >> (8 * i)) & 0xff));
        unsigned char h[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_Digest(block.constData(), static_cast<size_t>(block.size()), h, &n, md, nullptr);
        out.append(reinterpret_cast<const char*>(h), static_cast<int>(n));
    }
    return out.left(length);
}

} // namespace

std::optional<bool> PublicKey::madeSignature(const QByteArray& signature) const
{
    if (isNull() || d->family != Family::Rsa)
        return std::nullopt;
    EVP_PKEY* pkey = d->pkey.get();
    const int k = EVP_PKEY_get_size(pkey);
    if (signature.size() != k)
        return false;
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    QByteArray em(k, '\0');
    size_t len = static_cast<size_t>(k);
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1
        || EVP_PKEY_verify_recover(ctx.get(), reinterpret_cast<unsigned char*>(em.data()), &len, bytesOf(signature), static_cast<size_t>(signature.size())) != 1) {
        ERR_clear_error();
        return false; // e.g. a signature not below the modulus: not this key's
    }
    em = QByteArray(k - static_cast<int>(len), '\0') + em.left(static_cast<int>(len));
    // PKCS#1 v1.5: 00 01 FF…FF 00 DigestInfo.
    if (!d->pss && em.size() > 11 && em[0] == '\0' && em[1] == '\x01') {
        int i = 2;
        while (i < em.size() && static_cast<unsigned char>(em[i]) == 0xff)
            ++i;
        if (i >= 10 && i < em.size() - 1 && em[i] == '\0' && em[i + 1] == '\x30')
            return true;
    }
    // PSS: maskedDB || H || 0xbc, with DB = 00…00 01 salt once unmasked.
    const int modBits = EVP_PKEY_get_bits(pkey);
    const int emBits = modBits - 1;
    const int emLen = (emBits + 7) / 8;
    const QByteArray encoded = em.right(emLen);
    if (emLen < em.size() && em[0] != '\0')
        return false;
    if (encoded.isEmpty() || static_cast<unsigned char>(encoded.back()) != 0xbc)
        return false;
    for (const EVP_MD* md : { EVP_sha256(), EVP_sha384(), EVP_sha512() }) {
        const int hLen = EVP_MD_get_size(md);
        if (emLen < hLen + 2)
            continue;
        const QByteArray masked = encoded.left(emLen - hLen - 1);
        const QByteArray h = encoded.mid(emLen - hLen - 1, hLen);
        QByteArray db = mgf1(h, masked.size(), md);
        for (int i = 0; i < db.size(); ++i)
            db[i] = static_cast<char>(db[i] ^ masked[i]);
        db[0] = static_cast<char>(static_cast<unsigned char>(db[0]) & (0xff >> (8 * emLen - emBits)));
        int i = 0;
        while (i < db.size() && db[i] == '\0')
            ++i;
        // Only the usual salt lengths (none, or the digest's): the 0x01 at a position chance puts it is no proof.
        const int salt = db.size() - i - 1;
        if (i < db.size() && db[i] == '\x01' && (salt == 0 || salt == hLen))
            return true;
    }
    return false;
}

SignatureResult PublicKey::verifyDigest(const QByteArray& digest, const QString& digestAlgorithm, const QByteArray& signature) const
{
    SignatureResult out;
    const EVP_MD* md = mdByName(digestAlgorithm);
    if (isNull() || !md) {
        out.status = SignatureResult::Unsupported;
        out.detail = QStringLiteral("digest algorithm '%1' is not supported").arg(digestAlgorithm);
        return out;
    }
    if (digest.size() != EVP_MD_get_size(md)) {
        out.status = SignatureResult::Malformed;
        out.detail = QStringLiteral("a %1 digest is %2 bytes, not %3").arg(mdLabel(md)).arg(EVP_MD_get_size(md)).arg(digest.size());
        return out;
    }
    EVP_PKEY* pkey = d->pkey.get();
    switch (d->family) {
    case Family::Ed25519:
        out.status = SignatureResult::Unsupported;
        out.detail = QStringLiteral("an Ed25519 signature covers the artifact itself, not its digest: give the artifact");
        return out;
    case Family::Ec: {
        const int half = (d->bits + 7) / 8;
        QByteArray der;
        QString encoding;
        if (isDerEcdsaSignature(signature)) {
            der = signature;
            encoding = QStringLiteral("DER");
        } else if (signature.size() == 2 * half) {
            der = rawEcdsaToDer(signature);
            encoding = QStringLiteral("raw r||s");
        } else {
            out.status = SignatureResult::Malformed;
            out.detail = QStringLiteral("a signature of %1 bytes is neither DER nor the %2-byte raw r||s of %3")
                             .arg(signature.size())
                             .arg(2 * half)
                             .arg(algorithm());
            return out;
        }
        if (verifyDigestWith(pkey, md, 0, digest, der)) {
            out.status = SignatureResult::Valid;
            out.scheme = QStringLiteral("%1-%2 (%3)").arg(algorithm(), mdLabel(md), encoding);
            return out;
        }
        out.detail = QStringLiteral("the %1 signature does not verify").arg(algorithm());
        return out;
    }
    case Family::Rsa:
        return checkRsa(pkey, d->pss, algorithm(), signature, { md },
            [&](const EVP_MD* m, int padding) { return verifyDigestWith(pkey, m, padding, digest, signature); });
    case Family::None:
        break;
    }
    out.status = SignatureResult::Unsupported;
    return out;
}

namespace {

// Reads a DER length at pos; false when malformed or not minimal.
bool derLength(const QByteArray& b, qsizetype& pos, qsizetype& len)
{
    if (pos >= b.size())
        return false;
    const unsigned char first = static_cast<unsigned char>(b[pos++]);
    if (first < 0x80) {
        len = first;
        return true;
    }
    const int n = first & 0x7f;
    if (n < 1 || n > 2 || pos + n > b.size())
        return false;
    len = 0;
    for (int i = 0; i < n; ++i)
        len = (len << 8) | static_cast<unsigned char>(b[pos++]);
    return len >= 0x80 && (n == 1 || len >= 0x100);
}

bool derInteger(const QByteArray& b, qsizetype& pos)
{
    if (pos >= b.size() || b[pos++] != 0x02)
        return false;
    qsizetype len = 0;
    if (!derLength(b, pos, len) || len < 1 || pos + len > b.size())
        return false;
    const unsigned char first = static_cast<unsigned char>(b[pos]);
    if (first & 0x80)
        return false; // negative
    if (len > 1 && first == 0 && !(static_cast<unsigned char>(b[pos + 1]) & 0x80))
        return false; // not minimal
    pos += len;
    return true;
}

QByteArray derIntegerOf(QByteArray v)
{
    while (v.size() > 1 && v[0] == 0)
        v.remove(0, 1);
    if (v.isEmpty())
        v = QByteArray(1, '\0');
    if (static_cast<unsigned char>(v[0]) & 0x80)
        v.prepend('\0');
    QByteArray out;
    out.append('\x02');
    out.append(static_cast<char>(v.size()));
    return out + v;
}

} // namespace

bool isDerEcdsaSignature(const QByteArray& sig)
{
    qsizetype pos = 0;
    if (sig.size() < 8 || sig[pos++] != 0x30)
        return false;
    qsizetype len = 0;
    if (!derLength(sig, pos, len) || pos + len != sig.size())
        return false;
    return derInteger(sig, pos) && derInteger(sig, pos) && pos == sig.size();
}

QByteArray rawEcdsaToDer(const QByteArray& raw)
{
    const qsizetype half = raw.size() / 2;
    const QByteArray body = derIntegerOf(raw.left(half)) + derIntegerOf(raw.mid(half));
    QByteArray out;
    out.append('\x30');
    if (body.size() >= 0x80) {
        out.append('\x81');
    }
    out.append(static_cast<char>(body.size()));
    return out + body;
}

} // namespace tideline::crypto
