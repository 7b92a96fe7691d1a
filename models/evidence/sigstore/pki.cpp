// SPDX-License-Identifier: GPL-3.0-or-later
#include "pki.h"

#include "domain/hash.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace tideline::sigstore {

namespace {

struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct StoreFree {
    void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct StoreCtxFree {
    void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct RespFree {
    void operator()(TS_RESP* p) const { TS_RESP_free(p); }
};
struct VerifyCtxFree {
    void operator()(TS_VERIFY_CTX* p) const { TS_VERIFY_CTX_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using Store = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;

X509Ptr certOf(const QByteArray& der)
{
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.constData());
    X509* x = d2i_X509(nullptr, &p, der.size());
    if (x && p != reinterpret_cast<const unsigned char*>(der.constData()) + der.size()) {
        X509_free(x);
        x = nullptr; // trailing bytes: not one certificate
    }
    ERR_clear_error();
    return X509Ptr(x);
}

QByteArray derOf(X509* x)
{
    unsigned char* buf = nullptr;
    const int n = i2d_X509(x, &buf);
    if (n <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(buf), n);
    OPENSSL_free(buf);
    return out;
}

std::optional<Millis> timeOf(const ASN1_TIME* t)
{
    struct tm tm {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return std::nullopt;
    return static_cast<Millis>(timegm(&tm)) * 1000;
}

QString isoTime(Millis t) { return timefmt::formatIso(t); }

// A store trusting every certificate of the authority's chain (each was listed by the trusted root), checking
// validity at t.
Store storeOf(const CertificateAuthority& a, Millis t)
{
    Store store(X509_STORE_new());
    for (const QByteArray& der : a.chain)
        if (X509Ptr c = certOf(der))
            X509_STORE_add_cert(store.get(), c.get());
    X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(t / 1000));
    return store;
}

// Reads n big-endian bytes.
bool readUint(const QByteArray& b, qsizetype& pos, int n, quint64& out)
{
    if (pos + n > b.size())
        return false;
    out = 0;
    for (int i = 0; i < n; ++i)
        out = (out << 8) | static_cast<unsigned char>(b[pos + i]);
    pos += n;
    return true;
}

} // namespace

bool isSelfSignedCertificate(const QByteArray& der)
{
    X509Ptr c = certOf(der);
    if (!c)
        return false;
    const bool self = X509_check_issued(c.get(), c.get()) == X509_V_OK;
    ERR_clear_error();
    return self;
}

ChainCheck verifyCertificateChain(const QByteArray& leaf, const std::vector<const CertificateAuthority*>& authorities, Millis t)
{
    ChainCheck out;
    X509Ptr cert = certOf(leaf);
    if (!cert) {
        out.detail = QStringLiteral("the signing certificate cannot be read (DER X.509)");
        return out;
    }
    const auto notBefore = timeOf(X509_get0_notBefore(cert.get())), notAfter = timeOf(X509_get0_notAfter(cert.get()));
    if (!notBefore || !notAfter || t < *notBefore || t > *notAfter) {
        out.status = ChainCheck::Expired;
        out.detail = QStringLiteral("the signing certificate was not valid at the signing time %1 (valid %2 .. %3)")
                         .arg(isoTime(t), notBefore ? isoTime(*notBefore) : QStringLiteral("?"), notAfter ? isoTime(*notAfter) : QStringLiteral("?"));
        return out;
    }
    if (!(X509_get_extension_flags(cert.get()) & EXFLAG_XKUSAGE) || !(X509_get_extended_key_usage(cert.get()) & XKU_CODE_SIGN)) {
        out.detail = QStringLiteral("the signing certificate is not for code signing (extended key usage)");
        return out;
    }
    if (authorities.empty()) {
        out.detail = QStringLiteral("the trusted root names no certificate authority");
        return out;
    }
    QString failure, outside;
    for (const CertificateAuthority* a : authorities) {
        Store store = storeOf(*a, t);
        StoreCtx ctx(X509_STORE_CTX_new());
        if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1)
            continue;
        if (X509_verify_cert(ctx.get()) != 1) {
            const int err = X509_STORE_CTX_get_error(ctx.get());
            if (failure.isEmpty() || err != X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
                failure = QString::fromLatin1(X509_verify_cert_error_string(err));
            ERR_clear_error();
            continue;
        }
        if (!a->validFor.contains(t)) {
            outside = QStringLiteral("the certificate authority %1 that issued it is trusted only %2, not at the signing time %3")
                          .arg(a->uri.isEmpty() ? a->subject : a->uri, a->validFor.text(), isoTime(t));
            continue;
        }
        STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
        if (chain && sk_X509_num(chain) > 1)
            out.issuer = derOf(sk_X509_value(chain, 1));
        out.status = ChainCheck::Ok;
        out.authority = a;
        out.detail = QStringLiteral("chains to %1 at %2").arg(a->uri.isEmpty() ? a->subject : a->uri, isoTime(t));
        return out;
    }
    if (!outside.isEmpty()) {
        out.status = ChainCheck::Expired;
        out.detail = outside;
        return out;
    }
    out.detail = QStringLiteral("the signing certificate does not chain to a certificate authority of the trusted root (%1)").arg(failure);
    return out;
}

SctCheck verifyEmbeddedSct(const QByteArray& leaf, const QByteArray& issuer, const std::vector<const LogInstance*>& ctlogs)
{
    SctCheck out;
    X509Ptr cert = certOf(leaf);
    X509Ptr issuerCert = certOf(issuer);
    if (!cert || !issuerCert) {
        out.detail = QStringLiteral("no issuer to check the SCT against");
        return out;
    }
    const int index = X509_get_ext_by_NID(cert.get(), NID_ct_precert_scts, -1);
    if (index < 0) {
        out.detail = QStringLiteral("the certificate carries no signed certificate timestamp (SCT)");
        return out;
    }
    // The extension holds an OCTET STRING whose content is the TLS-encoded SCT list.
    const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(X509_get_ext(cert.get(), index));
    const unsigned char* p = ASN1_STRING_get0_data(value);
    long length = 0;
    int tag = 0, cls = 0;
    if (ASN1_get_object(&p, &length, &tag, &cls, ASN1_STRING_length(value)) & 0x80 || tag != V_ASN1_OCTET_STRING) {
        ERR_clear_error();
        out.detail = QStringLiteral("the SCT extension is not an OCTET STRING");
        return out;
    }
    const QByteArray list(reinterpret_cast<const char*>(p), static_cast<qsizetype>(length));

    // What each SCT signs: the precertificate's TBS (this certificate without the SCT extension) and the issuer key.
    X509Ptr copy(X509_dup(cert.get()));
    X509_EXTENSION_free(X509_delete_ext(copy.get(), index));
    unsigned char* tbsBuf = nullptr;
    const int tbsLength = i2d_re_X509_tbs(copy.get(), &tbsBuf);
    if (tbsLength <= 0) {
        out.detail = QStringLiteral("cannot re-encode the certificate without its SCTs");
        return out;
    }
    const QByteArray tbs(reinterpret_cast<const char*>(tbsBuf), tbsLength);
    OPENSSL_free(tbsBuf);
    unsigned char* spkiBuf = nullptr;
    const int spkiLength = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(issuerCert.get()), &spkiBuf);
    const QByteArray issuerKeyHash = sha256Raw(std::string_view(reinterpret_cast<const char*>(spkiBuf), static_cast<size_t>(std::max(spkiLength, 0))));
    OPENSSL_free(spkiBuf);

    qsizetype pos = 0;
    quint64 total = 0;
    if (!readUint(list, pos, 2, total) || total != static_cast<quint64>(list.size() - 2)) {
        out.detail = QStringLiteral("the SCT list is malformed");
        return out;
    }
    QString why = QStringLiteral("no SCT was issued by a CT log of the trusted root");
    while (pos < list.size()) {
        quint64 len = 0;
        if (!readUint(list, pos, 2, len) || pos + static_cast<qsizetype>(len) > list.size())
            break;
        const QByteArray sct = list.mid(pos, static_cast<qsizetype>(len));
        pos += static_cast<qsizetype>(len);
        qsizetype q = 0;
        quint64 version = 0, timestamp = 0, extLen = 0, hashAlg = 0, sigAlg = 0, sigLen = 0;
        if (!readUint(sct, q, 1, version) || version != 0 || q + 32 > sct.size())
            continue;
        const QByteArray logId = sct.mid(q, 32);
        q += 32;
        if (!readUint(sct, q, 8, timestamp) || !readUint(sct, q, 2, extLen) || q + static_cast<qsizetype>(extLen) > sct.size())
            continue;
        const QByteArray extensions = sct.mid(q, static_cast<qsizetype>(extLen));
        q += static_cast<qsizetype>(extLen);
        if (!readUint(sct, q, 1, hashAlg) || !readUint(sct, q, 1, sigAlg) || !readUint(sct, q, 2, sigLen)
            || q + static_cast<qsizetype>(sigLen) != sct.size())
            continue;
        const QByteArray signature = sct.mid(q);
        const LogInstance* log = nullptr;
        for (const LogInstance* l : ctlogs)
            if (l->keyId == logId)
                log = l;
        if (!log)
            continue;
        QByteArray signedData;
        signedData.append('\0').append('\0'); // v1, certificate_timestamp
        for (int i = 7; i >= 0; --i)
            signedData.append(static_cast<char>((timestamp >> (8 * i)) & 0xff));
        signedData.append('\0').append('\x01'); // precert_entry
        signedData.append(issuerKeyHash);
        signedData.append(static_cast<char>((tbs.size() >> 16) & 0xff)).append(static_cast<char>((tbs.size() >> 8) & 0xff)).append(static_cast<char>(tbs.size() & 0xff));
        signedData.append(tbs);
        signedData.append(static_cast<char>((extensions.size() >> 8) & 0xff)).append(static_cast<char>(extensions.size() & 0xff));
        signedData.append(extensions);
        if (!log->key.verify(signedData, signature).valid()) {
            why = QStringLiteral("the SCT of CT log %1 does not verify with its key").arg(log->baseUrl);
            continue;
        }
        const Millis at = static_cast<Millis>(timestamp);
        if (!log->validFor.contains(at)) {
            why = QStringLiteral("the SCT's time %1 is outside the CT log %2's window %3").arg(isoTime(at), log->baseUrl, log->validFor.text());
            continue;
        }
        out.ok = true;
        out.log = log;
        out.detail = QStringLiteral("SCT from %1 at %2").arg(log->baseUrl, isoTime(at));
        return out;
    }
    out.detail = why;
    return out;
}

TimestampCheck verifyRfc3161(const QByteArray& response, const QByteArray& signedData, const std::vector<const CertificateAuthority*>& authorities)
{
    TimestampCheck out;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(response.constData());
    std::unique_ptr<TS_RESP, RespFree> resp(d2i_TS_RESP(nullptr, &p, response.size()));
    ERR_clear_error();
    if (!resp) {
        out.detail = QStringLiteral("the RFC 3161 timestamp is not a DER TimeStampResp");
        return out;
    }
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
    TS_TST_INFO* info = TS_RESP_get_tst_info(resp.get());
    if ((status != 0 && status != 1) || !info) {
        out.detail = QStringLiteral("the timestamp authority did not grant the timestamp (status %1)").arg(status);
        return out;
    }
    const auto genTime = timeOf(TS_TST_INFO_get_time(info));
    if (!genTime) {
        out.detail = QStringLiteral("the timestamp's time cannot be read");
        return out;
    }
    out.time = *genTime;
    if (authorities.empty()) {
        out.detail = QStringLiteral("the trusted root names no timestamp authority");
        return out;
    }
    QString failure = QStringLiteral("no timestamp authority of the trusted root signed it"), outside;
    for (const CertificateAuthority* a : authorities) {
        std::unique_ptr<TS_VERIFY_CTX, VerifyCtxFree> ctx(TS_VERIFY_CTX_new());
        Store store = storeOf(*a, *genTime);
        STACK_OF(X509)* certs = sk_X509_new_null();
        for (const QByteArray& der : a->chain)
            if (X509Ptr c = certOf(der))
                sk_X509_push(certs, c.release());
        // The context owns the store, the certificates and the data from here on.
        TS_VERIFY_CTX_set_store(ctx.get(), store.release());
        TS_VERIFY_CTX_set_certs(ctx.get(), certs);
        TS_VERIFY_CTX_set_data(ctx.get(), BIO_new_mem_buf(signedData.constData(), static_cast<int>(signedData.size())));
        TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
        const bool verified = TS_RESP_verify_response(ctx.get(), resp.get()) == 1;
        if (!verified) {
            const unsigned long err = ERR_peek_last_error();
            if (err) {
                char buf[256];
                ERR_error_string_n(err, buf, sizeof buf);
                failure = QStringLiteral("the timestamp does not verify with a timestamp authority of the trusted root (%1)").arg(QString::fromLatin1(buf));
            }
            ERR_clear_error();
            continue;
        }
        if (!a->validFor.contains(*genTime)) {
            outside = QStringLiteral("timestamp authority %1 is trusted only %2, not at the timestamp's time %3")
                          .arg(a->uri.isEmpty() ? a->subject : a->uri, a->validFor.text(), isoTime(*genTime));
            continue;
        }
        out.ok = true;
        out.authority = a;
        out.detail = QStringLiteral("timestamped %1 by %2").arg(isoTime(*genTime), a->uri.isEmpty() ? a->subject : a->uri);
        return out;
    }
    out.detail = outside.isEmpty() ? failure : outside;
    return out;
}

} // namespace tideline::sigstore
