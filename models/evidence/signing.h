#pragma once

// What a signed piece of evidence asks to be checked, the keys that can check it, and the rules that turn
// the checks into one verdict.

#include "domain/evidence.h"
#include "domain/result.h"
#include "evidence/crypto.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tideline {

// Base64 as signers write it: the standard or URL-safe alphabet, padding optional. Nothing when the text is
// not base64 (a foreign character, or a length no encoder produces: a truncated value).
std::optional<QByteArray> decodeBase64(std::string_view text);

// DSSE's pre-authentication encoding: "DSSEv1 <len(type)> <type> <len(body)> <body>", lengths in bytes.
QByteArray pae(const QByteArray& payloadType, const QByteArray& payload);

// One signature to check.
struct SignatureToCheck {
    QString keyid; // the hint it carries
    QByteArray signature; // decoded; empty when malformed
    QString malformed; // why it cannot be checked at all (bad base64, empty)
    QByteArray certificate; // a certificate the signature carries (DSSE signatures[].cert, PEM), if any
};

// Everything signature verification needs, extracted while parsing (off the writing thread).
struct SignedContent {
    enum class Scheme {
        Message, // the signature covers message (DSSE PAE, canonical JSON of a metablock)
        Digest, // the signature covers the artifact whose digest is message (Sigstore messageSignature)
    };
    Scheme scheme = Scheme::Message;
    QByteArray message;
    QString digestAlgorithm; // Digest: sha256, sha384, sha512
    QByteArray legacyMessage; // DSSE: the bare payload, to recognise legacy non-PAE signatures
    std::vector<SignatureToCheck> signatures;
    QByteArray certificate; // keyless Sigstore: the signing certificate (DER)
    QString unsupported; // a reason the evidence cannot be accepted whatever its signatures say
    QString inconsistency; // a reason it fails even if its signature verifies (transparency-log entry disagrees)
    QString note; // said of a verified result (e.g. "transparency log not checked: no trusted root")
};

// The keys a verification may use: the case's, or those given on the command line.
class KeyRing {
public:
    struct Entry {
        qint64 id = 0; // keys.id, 0 for keys not in a case
        QString name;
        crypto::PublicKey key;
        QString sha256;
        QString hint;
    };
    void add(qint64 id, const QString& name, const crypto::PublicKey& key);
    const std::vector<Entry>& entries() const { return m_entries; }
    bool empty() const { return m_entries.empty(); }
    // Whether a hint names this key: its SPKI sha256 (hex or base64), or its name.
    static bool names(const Entry& e, const QString& hint);

private:
    std::vector<Entry> m_entries;
};

// Checks every signature against the keys and decides the verdict:
// - verified: a key (or, keyless, the embedded certificate's key) verifies a signature;
// - bad-signature: a signature is malformed, or fails with the key its hint names, with the certificate it carries,
//   or (carrying no hint) with the keys that could fit; also a verified signature whose log entry disagrees;
// - unknown-key: no key at hand fits (no keys, or the hint names a key the case does not hold);
// - unsupported: the content cannot be accepted (e.g. legacy signatures over the raw payload);
// - unsigned: no signatures.
VerificationOutcome verifySigned(const SignedContent& content, const KeyRing& keys);

} // namespace tideline
