// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundleverifier.h"

#include "domain/digest.h"
#include "domain/hash.h"
#include "evidence/sigstore/checkpoint.h"
#include "evidence/sigstore/merkle.h"
#include "evidence/sigstore/pki.h"
#include "evidence/sigstore/rekor.h"
#include "domain/json.h"

#include <QCryptographicHash>

namespace tideline::sigstore {

namespace {

// Logs may run slightly ahead of our clock; more than this is a time in the future.
constexpr Millis kClockSkew = 5 * 60 * 1000;

struct Failed {
    Verification verdict;
    QString detail;
    int stage; // how far verification came: the failure that got furthest is the one reported
};

QString iso(Millis t) { return timefmt::formatIso(t); }

QByteArray digestOf(const QByteArray& data, const QString& algorithm)
{
    const auto alg = algorithm == QLatin1String("sha384") ? QCryptographicHash::Sha384
        : algorithm == QLatin1String("sha512")           ? QCryptographicHash::Sha512
                                                         : QCryptographicHash::Sha256;
    return QCryptographicHash::hash(data, alg);
}

// The statement's subject digests (sha256, hex), for a DSSE bundle checked against an artifact.
std::vector<QString> subjectDigests(const QByteArray& payload)
{
    std::vector<QString> out;
    JsonDocument doc;
    if (!doc.parse(payload, QString()) || !doc.root().isObject())
        return out;
    for (const JsonValue s : doc.root()["subject"].elements())
        if (auto d = digest::normalize(std::string(s["digest"]["sha256"].stringOr(""))))
            out.push_back(QString::fromStdString(*d));
    return out;
}

struct Signing {
    crypto::PublicKey key;
    SignerMaterial material;
    QString keyName;
    qint64 keyId = 0;
    QString signer, issuer;
    QString scheme;
};

// The signature over the artifact (or its digest) or the envelope, with the signer's key.
std::optional<Failed> checkSignature(const Bundle& b, const BundleOptions& o, const crypto::PublicKey& key, QString& scheme)
{
    crypto::SignatureResult r;
    if (b.dsse) {
        r = key.verify(pae(b.payloadType, b.payload), b.signature);
        if (r.valid() && (o.artifact || !o.artifactSha256.isEmpty())) {
            const QString want = o.artifact ? sha256Hex(*o.artifact) : o.artifactSha256;
            const std::vector<QString> subjects = subjectDigests(b.payload);
            if (std::find(subjects.begin(), subjects.end(), want) == subjects.end())
                return Failed { Verification::BadSignature,
                    QStringLiteral("the envelope's signature verifies, but its statement is not about this artifact (sha256 %1 is no subject)").arg(want), 1 };
        }
    } else if (o.artifact) {
        if (!b.messageDigest.isEmpty() && digestOf(*o.artifact, b.digestAlgorithm) != b.messageDigest)
            return Failed { Verification::BadSignature,
                QStringLiteral("the artifact's %1 is not the digest the bundle signs: the bundle is for another artifact").arg(b.digestAlgorithm), 1 };
        r = key.verify(*o.artifact, b.signature);
    } else {
        QByteArray d = b.messageDigest;
        if (!o.artifactSha256.isEmpty()) {
            if (b.digestAlgorithm != QLatin1String("sha256"))
                return Failed { Verification::Unsupported, QStringLiteral("the bundle signs a %1 digest; a sha256 digest was given").arg(b.digestAlgorithm), 1 };
            const QByteArray given = QByteArray::fromHex(o.artifactSha256.toLatin1());
            if (!b.messageDigest.isEmpty() && given != b.messageDigest)
                return Failed { Verification::BadSignature, QStringLiteral("the given digest is not the one the bundle signs: the bundle is for another artifact"), 1 };
            d = given;
        }
        if (d.isEmpty())
            return Failed { Verification::Unsupported, QStringLiteral("the bundle names no message digest and no artifact was given"), 1 };
        r = key.verifyDigest(d, b.digestAlgorithm, b.signature);
    }
    if (r.status == crypto::SignatureResult::Unsupported)
        return Failed { Verification::Unsupported, r.detail, 1 };
    if (!r.valid())
        return Failed { Verification::BadSignature, QStringLiteral("the signature does not verify: ") + r.detail, 1 };
    scheme = r.scheme;
    return std::nullopt;
}

struct RootOutcome {
    std::optional<Failed> failure;
    QStringList proven;
    QString log;
    std::optional<Millis> signedAt;
    QString timeSource;
};

RootOutcome verifyWithRoot(const Bundle& b, const Signing& s, const TrustedRoot& root, Millis now)
{
    RootOutcome out;
    auto fail = [&out](Verification v, const QString& why, int stage) {
        out.failure = Failed { v, why, stage };
        return out;
    };
    if (b.tlogEntries.empty())
        return fail(Verification::InvalidInclusionProof, QStringLiteral("the bundle carries no transparency-log entry"), 2);

    struct Time {
        Millis at;
        QString source;
    };
    std::vector<Time> times;
    std::vector<const LogInstance*> v2Logs;
    for (const TlogEntry& e : b.tlogEntries) {
        const LogInstance* log = root.tlog(e.logId);
        if (!log)
            return fail(Verification::UntrustedLog,
                QStringLiteral("the log entry comes from a transparency log that trusted root '%1' does not name (log id %2)")
                    .arg(root.name, QString::fromLatin1(e.logId.toBase64())),
                2);
        const QString where = QStringLiteral("%1 #%2").arg(log->baseUrl).arg(e.logIndex);
        if (QString why = entryMismatch(e, b, s.material); !why.isEmpty())
            return fail(Verification::LogEntryMismatch, QStringLiteral("log entry %1: %2").arg(where, why), 3);
        out.proven << QStringLiteral("log entry %1 (%2 %3) records this signature, signer and %4").arg(where, e.kind, e.version,
                          b.dsse ? QStringLiteral("envelope") : QStringLiteral("digest"));
        const bool v2 = isRekorV2(e);
        if (!v2) {
            if (!e.integratedTime)
                return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1 has no integrated time").arg(where), 4);
            if (!e.signedEntryTimestamp.isEmpty()) {
                if (!verifySignedEntryTimestamp(e, log->key))
                    return fail(Verification::InvalidInclusionProof,
                        QStringLiteral("log entry %1: the signed entry timestamp does not verify with the log's key").arg(where), 4);
                out.proven << QStringLiteral("signed entry timestamp verifies with the key of %1").arg(log->baseUrl);
            } else if (b.version == QLatin1String("0.1")) {
                return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1: a v0.1 bundle needs its signed entry timestamp").arg(where), 4);
            }
        }
        if (!e.proof) {
            if (v2 || b.version != QLatin1String("0.1"))
                return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1 carries no inclusion proof").arg(where), 4);
        } else {
            const InclusionProof& p = *e.proof;
            QString error;
            const QByteArray computed = rootFromInclusionProof(p.logIndex, p.treeSize, leafHash(e.body), p.hashes, &error);
            if (computed.isEmpty())
                return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1: the inclusion proof is malformed: %2").arg(where, error), 4);
            if (computed != p.rootHash)
                return fail(Verification::InvalidInclusionProof,
                    QStringLiteral("log entry %1: the inclusion proof does not lead to the root hash it names").arg(where), 4);
            if (p.checkpoint.isEmpty()) {
                if (b.version != QLatin1String("0.1"))
                    return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1: the inclusion proof carries no checkpoint").arg(where), 4);
            } else {
                Result<Checkpoint> cp = parseCheckpoint(p.checkpoint);
                if (!cp)
                    return fail(Verification::InvalidInclusionProof,
                        QStringLiteral("log entry %1: the checkpoint is malformed: %2").arg(where, cp.problem().message), 4);
                if (cp->rootHash != p.rootHash || cp->size != p.treeSize)
                    return fail(Verification::InvalidInclusionProof,
                        QStringLiteral("log entry %1: the checkpoint (size %2) is not for the proof's tree (size %3) and root hash")
                            .arg(where)
                            .arg(cp->size)
                            .arg(p.treeSize),
                        4);
                if (QString why = verifyCheckpointSignature(*cp, log->host, log->keyId, log->key); !why.isEmpty())
                    return fail(Verification::InvalidInclusionProof, QStringLiteral("log entry %1: %2").arg(where, why), 4);
                out.proven << QStringLiteral("inclusion proof leads to the checkpoint signed by %1 (tree size %2)").arg(log->host).arg(p.treeSize);
            }
        }
        if (e.integratedTime) {
            const Millis t = *e.integratedTime * 1000;
            if (t > now + kClockSkew)
                return fail(Verification::InvalidTimestamp, QStringLiteral("log entry %1: its integrated time %2 is in the future").arg(where, iso(t)), 5);
            if (!log->validFor.contains(t))
                return fail(Verification::Expired,
                    QStringLiteral("log entry %1 was integrated at %2, outside the log key's window %3").arg(where, iso(t), log->validFor.text()), 5);
            if (!v2 && !e.signedEntryTimestamp.isEmpty())
                times.push_back({ t, QStringLiteral("integrated time of %1 (signed entry timestamp)").arg(where) });
        }
        if (v2)
            v2Logs.push_back(log);
        if (out.log.isEmpty())
            out.log = where;
    }

    std::vector<const CertificateAuthority*> tsas;
    for (const CertificateAuthority& a : root.timestampAuthorities)
        tsas.push_back(&a);
    for (size_t i = 0; i < b.timestamps.size(); ++i) {
        const TimestampCheck t = verifyRfc3161(b.timestamps[i], b.signature, tsas);
        if (!t.ok)
            return fail(t.detail.contains(QLatin1String("trusted only")) ? Verification::Expired : Verification::InvalidTimestamp,
                QStringLiteral("RFC 3161 timestamp %1: %2").arg(i + 1).arg(t.detail), 5);
        if (t.time > now + kClockSkew)
            return fail(Verification::InvalidTimestamp, QStringLiteral("RFC 3161 timestamp %1 is in the future (%2)").arg(i + 1).arg(iso(t.time)), 5);
        out.proven << QStringLiteral("RFC 3161 timestamp %1 verifies: %2").arg(i + 1).arg(t.detail);
        times.push_back({ t.time, QStringLiteral("RFC 3161 timestamp by %1").arg(t.authority->uri.isEmpty() ? t.authority->subject : t.authority->uri) });
    }
    if (!v2Logs.empty()) {
        // A Rekor v2 entry proves inclusion, not when: the time must come from a trusted timestamp.
        bool stamped = false;
        for (const Time& t : times)
            stamped = stamped || t.source.startsWith(QLatin1String("RFC 3161"));
        if (!stamped)
            return fail(Verification::InvalidTimestamp, QStringLiteral("a Rekor v2 entry carries no time: it needs an RFC 3161 timestamp from a trusted authority"), 5);
        for (const LogInstance* log : v2Logs)
            for (const Time& t : times)
                if (!log->validFor.contains(t.at))
                    return fail(Verification::Expired,
                        QStringLiteral("the log %1 is trusted only %2, not at the signing time %3").arg(log->baseUrl, log->validFor.text(), iso(t.at)), 5);
    }
    for (const Time& t : times)
        if (!out.signedAt || t.at < *out.signedAt) {
            out.signedAt = t.at;
            out.timeSource = t.source;
        }

    if (!s.material.certificate.isEmpty()) {
        if (times.empty())
            return fail(Verification::InvalidTimestamp,
                QStringLiteral("no verified signing time (neither a signed entry timestamp nor a trusted RFC 3161 timestamp)"), 5);
        std::vector<const CertificateAuthority*> cas;
        for (const CertificateAuthority& a : root.certificateAuthorities)
            cas.push_back(&a);
        ChainCheck chain;
        for (const Time& t : times) {
            chain = verifyCertificateChain(s.material.certificate, cas, t.at);
            if (chain.status == ChainCheck::Expired)
                return fail(Verification::Expired, chain.detail + QStringLiteral(" (time from the %1)").arg(t.source), 6);
            if (chain.status != ChainCheck::Ok)
                return fail(Verification::UntrustedCertificate, chain.detail, 6);
        }
        out.proven << QStringLiteral("the certificate %1").arg(chain.detail);
        if (!root.ctlogs.empty()) {
            std::vector<const LogInstance*> ctlogs;
            for (const LogInstance& l : root.ctlogs)
                ctlogs.push_back(&l);
            const SctCheck sct = verifyEmbeddedSct(s.material.certificate, chain.issuer, ctlogs);
            if (!sct.ok)
                return fail(Verification::UntrustedCertificate, QStringLiteral("certificate transparency: ") + sct.detail, 7);
            out.proven << sct.detail;
        } else {
            out.proven << QStringLiteral("no CT log in the trusted root: the certificate's SCT is not checked");
        }
    }
    return out;
}

} // namespace

BundleVerdict verifyBundle(const Bundle& b, const BundleOptions& o)
{
    BundleVerdict v;
    const Millis now = o.now ? o.now : timefmt::now();
    auto verdict = [&v](Verification what, const QString& why) {
        v.verdict = what;
        v.detail = why;
        return v;
    };
    if (b.version.isEmpty())
        return verdict(Verification::Unsupported,
            b.mediaType.isEmpty() ? QStringLiteral("the bundle has no mediaType")
                                  : QStringLiteral("unknown Sigstore bundle media type '%1' (0.1, 0.2 and 0.3 are read)").arg(b.mediaType));
    if (QString why = o.identity.invalid(); !why.isEmpty())
        return verdict(Verification::Unsupported, why);

    Signing s;
    if (b.material != Bundle::Material::PublicKey) {
        if (b.certificates.empty())
            return verdict(Verification::UntrustedCertificate, QStringLiteral("the bundle's certificate chain is empty"));
        for (size_t i = 1; i < b.certificates.size(); ++i)
            if (isSelfSignedCertificate(b.certificates[i]))
                return verdict(Verification::UntrustedCertificate,
                    QStringLiteral("the bundle carries a root certificate: trust comes from the trusted root only, never from the bundle"));
        crypto::CertificateInfo info;
        Result<crypto::PublicKey> key = crypto::PublicKey::fromCertificate(b.certificates.front(), &info);
        if (!key)
            return verdict(Verification::UntrustedCertificate, QStringLiteral("the signing certificate cannot be read: ") + key.problem().message);
        s.key = *key;
        s.material.certificate = b.certificates.front();
        s.material.spki = key->spkiDer();
        v.signer = info.subjectAltName;
        v.issuer = info.issuer;
        if (auto f = checkSignature(b, o, s.key, s.scheme))
            return verdict(f->verdict, f->detail);
        v.proven << QStringLiteral("the signature verifies with the key of the signing certificate (%1)").arg(s.scheme);
    } else {
        if (!o.keys || o.keys->empty())
            return verdict(Verification::UnknownKey,
                QStringLiteral("signed with a managed key%1, and no key was given to verify it with")
                    .arg(b.keyHint.isEmpty() ? QString() : QStringLiteral(" (hint %1)").arg(b.keyHint)));
        std::optional<Failed> firstFailure;
        bool named = false;
        for (const KeyRing::Entry& e : o.keys->entries()) {
            QString scheme;
            auto f = checkSignature(b, o, e.key, scheme);
            if (!f) {
                s.key = e.key;
                s.keyName = e.name;
                s.keyId = e.id;
                s.scheme = scheme;
                break;
            }
            if (f->verdict != Verification::BadSignature || f->detail.startsWith(QLatin1String("the artifact")) || f->detail.startsWith(QLatin1String("the given")))
                return verdict(f->verdict, f->detail); // about the artifact, not the key: no other key changes it
            named = named || KeyRing::names(e, b.keyHint);
            if (!firstFailure)
                firstFailure = f;
        }
        if (s.key.isNull())
            return named ? verdict(Verification::BadSignature, QStringLiteral("does not verify with key '%1', which its hint names").arg(b.keyHint))
                         : verdict(Verification::UnknownKey,
                             QStringLiteral("signed by a key none of the %1 given verifies it with%2")
                                 .arg(o.keys->entries().size() == 1 ? QStringLiteral("key") : QStringLiteral("%1 keys").arg(o.keys->entries().size()),
                                     b.keyHint.isEmpty() ? QString() : QStringLiteral(" (hint %1)").arg(b.keyHint)));
        s.material.spki = s.key.spkiDer();
        v.key = s.keyName;
        v.keyId = s.keyId;
        v.proven << QStringLiteral("the signature verifies with key '%1' (%2)").arg(s.keyName, s.scheme);
    }

    // The log entry must record this very signature whatever the roots say: it catches a valid signature swapped in.
    for (const TlogEntry& e : b.tlogEntries)
        if (QString why = entryMismatch(e, b, s.material); !why.isEmpty())
            return verdict(Verification::LogEntryMismatch, QStringLiteral("log entry #%1: %2").arg(e.logIndex).arg(why));

    if (o.roots.empty()) {
        if (!s.material.certificate.isEmpty())
            return verdict(Verification::UntrustedCertificate,
                QStringLiteral("no trusted root: the certificate%1, its log entry and signing time cannot be checked")
                    .arg(v.signer.isEmpty() ? QString() : QStringLiteral(" (claiming %1)").arg(v.signer)));
        v.verdict = Verification::Verified;
        v.detail = v.proven.join(QStringLiteral("; ")) + QStringLiteral("; transparency log not checked (no trusted root)");
        return v;
    }

    std::optional<Failed> best;
    for (const TrustedRoot* root : o.roots) {
        RootOutcome r = verifyWithRoot(b, s, *root, now);
        if (r.failure) {
            if (!best || r.failure->stage > best->stage)
                best = r.failure;
            continue;
        }
        if (!s.material.certificate.isEmpty() && !o.identity.empty()) {
            if (QString why = o.identity.mismatch(v.signer, v.issuer); !why.isEmpty()) {
                if (!best || 8 > best->stage)
                    best = Failed { Verification::IdentityMismatch, why + QStringLiteral(" (required: %1)").arg(o.identity.text()), 8 };
                continue;
            }
            r.proven << QStringLiteral("the certificate names the required signer (%1)").arg(o.identity.text());
        }
        v.proven << r.proven;
        v.trustedRoot = root->name;
        v.trustedRootSha256 = root->sha256;
        v.log = r.log;
        v.signedAt = r.signedAt;
        v.timeSource = r.timeSource;
        v.verdict = Verification::Verified;
        v.detail = s.material.certificate.isEmpty()
            ? QStringLiteral("verified with key '%1'; logged in %2 (trusted root '%3')").arg(s.keyName, r.log, root->name)
            : QStringLiteral("verified: signed by %1 (issuer %2) at %3, certificate chained to trusted root '%4', logged in %5")
                  .arg(v.signer, v.issuer, r.signedAt ? iso(*r.signedAt) : QStringLiteral("?"), root->name, r.log);
        return v;
    }
    return verdict(best->verdict, best->detail);
}

} // namespace tideline::sigstore
