// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Public keys and signature checks through OpenSSL 3's EVP interface. OpenSSL itself stays in the .cpp.

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace tideline::crypto {

// The outcome of checking one signature with one key.
struct SignatureResult {
    enum Status {
        Valid,
        Invalid, // well-formed for this key, but it does not verify
        Malformed, // cannot be a signature of this key (wrong length or encoding)
        Unsupported, // this key cannot check this kind of signature (e.g. Ed25519 over a bare digest)
    };
    Status status = Invalid;
    QString scheme; // what verified it: "ecdsa-p256-sha256 (raw r||s)", "rsa-pss-sha256", "ed25519"
    QString detail;
    bool valid() const { return status == Valid; }
};

// What a signing certificate says about its subject (Fulcio certificates for keyless Sigstore).
struct CertificateInfo {
    QString subjectAltName; // e-mail or URI
    QString issuer; // the OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or the legacy .1.1)
    QString subject; // the certificate's subject name, one line
    std::optional<Millis> notBefore;
    std::optional<Millis> notAfter;
};

class PublicKey {
public:
    enum class Family { None, Ec, Ed25519, Rsa };

    PublicKey();
    ~PublicKey();
    PublicKey(const PublicKey&);
    PublicKey& operator=(const PublicKey&);

    // A public key in PEM (SubjectPublicKeyInfo, PKCS#1 RSA, or an X.509 certificate) or DER. Private keys are
    // refused. A key that fails OpenSSL's public-key check (e.g. a point not on its curve) is refused.
    static Result<PublicKey> parse(const QByteArray& bytes, const QString& file);
    static Result<PublicKey> fromSpkiDer(const QByteArray& der);
    static Result<PublicKey> fromEd25519Raw(const QByteArray& raw);
    // The key of an X.509 certificate (DER or PEM), and what the certificate says of its subject.
    static Result<PublicKey> fromCertificate(const QByteArray& bytes, CertificateInfo* info = nullptr);

    bool isNull() const;
    Family family() const;
    int bits() const;
    QString algorithm() const; // ecdsa-p256, ecdsa-p384, ecdsa-p521, ed25519, rsa-3072, rsa-pss-3072
    QByteArray spkiDer() const;
    QString spkiSha256Hex() const;
    QString spkiSha256Base64() const; // the Sigstore publicKey.hint form
    QString pem() const;

    // A signature over message (the signed bytes themselves). ECDSA signatures may be DER or raw r||s; RSA is
    // tried with PKCS#1 v1.5 and PSS (salt length from the signature) over SHA-256, -384 and -512.
    SignatureResult verify(const QByteArray& message, const QByteArray& signature) const;
    // A signature over a precomputed digest (Sigstore message signatures). digestAlgorithm: sha256, sha384, sha512.
    SignatureResult verifyDigest(const QByteArray& digest, const QString& digestAlgorithm, const QByteArray& signature) const;

    // Whether this key made the signature, whatever message it covers: RSA signatures are opened with the public key
    // and their PKCS#1 v1.5 or PSS structure checked (a valid structure over another digest: the content was altered
    // after signing). Nothing for keys whose signatures cannot be opened (ECDSA, Ed25519).
    std::optional<bool> madeSignature(const QByteArray& signature) const;

private:
    // Takes ownership of an EVP_PKEY, checks it (an EC point must lie on its curve) and describes it.
    static Result<PublicKey> adopt(void* evpPkey, const QString& file);
    struct Impl;
    std::shared_ptr<Impl> d;
};

// True when the sequence is an exact DER ECDSA-Sig-Value (SEQUENCE of two INTEGERs, nothing after).
bool isDerEcdsaSignature(const QByteArray& sig);
// Raw r||s (two equal halves) as DER.
QByteArray rawEcdsaToDer(const QByteArray& raw);

} // namespace tideline::crypto
