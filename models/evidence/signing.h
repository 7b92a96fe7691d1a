// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a signed piece of evidence asks to be checked, the keys that can check it, and the rules that turn
// the checks into one verdict.

#include "domain/evidence.h"
#include "domain/result.h"
#include "evidence/crypto.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace tideline {

namespace sigstore {
struct Bundle;
struct TrustedRoot;
}

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
    QString note; // said of a verified result
    // A Sigstore bundle: verified as a whole (log entry, proofs, timestamps, certificate chain) against the ring's
    // trusted roots, not by the signatures above alone.
    std::shared_ptr<const sigstore::Bundle> bundle;
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
        bool trusted = true; // false: held, but it came with the evidence and nobody said to trust it
        QStringList aliases; // other names signatures know it by (in-toto keyids of a layout)
    };
    struct Root {
        qint64 id = 0; // trusted_roots.id, 0 for roots not in a case
        std::shared_ptr<const sigstore::TrustedRoot> root;
        bool trusted = true;
    };
    void add(qint64 id, const QString& name, const crypto::PublicKey& key, bool trusted = true, const QStringList& aliases = {});
    void addRoot(qint64 id, std::shared_ptr<const sigstore::TrustedRoot> root, bool trusted = true);
    const std::vector<Entry>& entries() const { return m_entries; }
    const std::vector<Root>& roots() const { return m_roots; }
    bool empty() const { return m_entries.empty(); }
    // Whether a hint names this key: its SPKI sha256 (hex or base64), or its name.
    static bool names(const Entry& e, const QString& hint);

private:
    std::vector<Entry> m_entries;
    std::vector<Root> m_roots;
};

// Checks every signature against the keys and decides the verdict:
// - verified: a trusted key verifies a signature (a Sigstore bundle: everything verifyBundle checks holds);
// - untrusted-key: only a key the case holds without trusting it verifies it;
// - bad-signature: a signature is malformed, or fails with the key its hint names, or (naming no key the case holds)
//   with every key that could have made it;
// - unknown-key: no key at hand could have made it (no keys, or keys of other algorithms or sizes);
// - unsupported: the content cannot be accepted (e.g. legacy signatures over the raw payload);
// - unsigned: no signatures.
VerificationOutcome verifySigned(const SignedContent& content, const KeyRing& keys);

} // namespace tideline
